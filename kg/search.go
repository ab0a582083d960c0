package kg

import (
	"strings"
	"unicode/utf8"
)

// Score tiers of MatchScore: the best-matching field decides the tier.
const (
	ScoreExactName  = 100
	ScoreNamePrefix = 50
	ScoreNameInside = 20
	ScoreAlias      = 15
	ScoreDefinition = 5
	ScoreEvidence   = 1
)

// MatchScore returns how well entity e matches the search text, 0 when
// none of its name, aliases, definition or evidence texts contains it
// (case-insensitive). The score is the tier of the best field plus a
// tie-break below 1: the share of the name (or alias) the text covers, so
// 三北 ranks “三北”工程 above 三北防护林体系建设工程. Both stores call it,
// which keeps their rankings identical.
func MatchScore(e *Entity, text string) float64 {
	q := strings.ToLower(strings.TrimSpace(text))
	if q == "" || e == nil {
		return 0
	}
	name := strings.ToLower(e.Name)
	switch {
	case name == q:
		return ScoreExactName
	case strings.HasPrefix(name, q):
		return ScoreNamePrefix + coverage(q, name)
	case strings.Contains(name, q):
		return ScoreNameInside + coverage(q, name)
	}
	best := 0.0
	for _, a := range e.Aliases {
		a = strings.ToLower(a)
		if strings.Contains(a, q) {
			best = max(best, ScoreAlias+coverage(q, a))
		}
	}
	if best > 0 {
		return best
	}
	if strings.Contains(strings.ToLower(e.Definition), q) {
		return ScoreDefinition
	}
	for _, ev := range e.Evidence {
		if strings.Contains(strings.ToLower(ev.Text), q) {
			return ScoreEvidence
		}
	}
	return 0
}

// coverage is the share of s that q covers, in [0, 1); an exact match has
// its own tier, so a tie-break never lifts a field into the next tier.
func coverage(q, s string) float64 {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return 0
	}
	return 0.99 * float64(utf8.RuneCountInString(q)) / float64(n)
}
