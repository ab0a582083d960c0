package kg

import (
	"strings"
	"unicode"
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

// SearchForm is s as search compares it: lower case, full-width Latin
// letters and digits as half-width, and quotation marks left out, so
// 三北工程 finds “三北”工程 and ＧＤＰ finds GDP. Stores index this form.
func SearchForm(s string) string { return strings.Map(searchFold, s) }

// searchFold maps one rune for SearchForm; -1 drops it. ASCII and CJK
// ideographs, nearly every rune of a report, take a path of their own:
// unicode.ToLower's table search was most of the time a search spent.
func searchFold(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case r == '"' || r == '\'':
			return -1
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0x3400 && r <= 0x9FFF { // CJK ideographs have no case
		return r
	}
	switch r {
	case '“', '”', '‘', '’', '「', '」', '『', '』':
		return -1
	}
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

// containsForm reports whether SearchForm(s) contains q, a text already in
// SearchForm, without building SearchForm(s): evidence texts are long, a
// search tests thousands of them, and most fail at their first rune.
func containsForm(s, q string) bool {
	if q == "" {
		return true
	}
	q0, w0 := utf8.DecodeRuneInString(q)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if searchFold(r) == q0 && formAt(s[i:], q[w0:]) {
			return true
		}
	}
	return false
}

// formAt reports whether SearchForm(s) starts with q.
func formAt(s, q string) bool {
	for q != "" {
		if s == "" {
			return false
		}
		r, w := utf8.DecodeRuneInString(s)
		s = s[w:]
		f := searchFold(r)
		if f < 0 {
			continue
		}
		qr, qw := utf8.DecodeRuneInString(q)
		if f != qr {
			return false
		}
		q = q[qw:]
	}
	return true
}

// MatchScore returns how well entity e matches the search text, 0 when
// none of its name, aliases, definition or evidence texts contains it
// (compared in SearchForm). The score is the tier of the best field plus a
// tie-break below 1: the share of the name (or alias) the text covers, so
// 三北 ranks “三北”工程 above 三北防护林体系建设工程. Both stores call it,
// which keeps their rankings identical.
func MatchScore(e *Entity, text string) float64 {
	q := SearchForm(strings.TrimSpace(text))
	if q == "" || e == nil {
		return 0
	}
	name := SearchForm(e.Name)
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
		a = SearchForm(a)
		if strings.Contains(a, q) {
			best = max(best, ScoreAlias+coverage(q, a))
		}
	}
	if best > 0 {
		return best
	}
	if containsForm(e.Definition, q) {
		return ScoreDefinition
	}
	for _, ev := range e.Evidence {
		if containsForm(ev.Text, q) {
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

// HighlightField is where in an entity the search text was found.
type HighlightField string

const (
	FieldName       HighlightField = "NAME"
	FieldAlias      HighlightField = "ALIAS"
	FieldDefinition HighlightField = "DEFINITION"
	FieldEvidence   HighlightField = "EVIDENCE"
)

// Highlight is one text of an entity that contains the search text, cut
// to a snippet around the first occurrence when long, with the rune
// ranges of every occurrence inside the snippet.
type Highlight struct {
	Field  HighlightField
	Text   string
	Ranges []TextRange
}

// TextRange is a run of Length runes from rune Start.
type TextRange struct{ Start, Length int }

// Bounds of Highlights: a few snippets a hit, each a readable sentence part.
const (
	maxHighlights     = 4
	snippetContext    = 24 // runes kept on each side of the first occurrence
	ellipsis          = "…"
	ellipsisRuneCount = 1
)

// Highlights returns where text occurs in e, in the order MatchScore
// weighs the fields (name, aliases, definition, evidence), at most a few.
// Matching is in SearchForm, like MatchScore; ranges are in the original
// text and cover any quotation mark inside a match (三北工程 in “三北”工程
// highlights 三北”工程).
func Highlights(e *Entity, text string) []Highlight {
	q := []rune(SearchForm(strings.TrimSpace(text)))
	if len(q) == 0 || e == nil {
		return nil
	}
	var out []Highlight
	add := func(field HighlightField, s string) {
		if len(out) < maxHighlights {
			if h, ok := highlight(field, s, q); ok {
				out = append(out, h)
			}
		}
	}
	add(FieldName, e.Name)
	for _, a := range e.Aliases {
		add(FieldAlias, a)
	}
	add(FieldDefinition, e.Definition)
	for _, ev := range e.Evidence {
		add(FieldEvidence, ev.Text)
	}
	return out
}

// highlight finds q (in SearchForm) in s and cuts the snippet.
func highlight(field HighlightField, s string, q []rune) (Highlight, bool) {
	rs := []rune(s)
	// folded[i] is the i-th rune of s's SearchForm, at[i] its index in rs.
	folded, at := make([]rune, 0, len(rs)), make([]int, 0, len(rs))
	for i, r := range rs {
		if f := searchFold(r); f >= 0 {
			folded, at = append(folded, f), append(at, i)
		}
	}
	type span struct{ start, end int } // runes of rs
	var found []span
	for i := 0; i+len(q) <= len(folded); i++ {
		if runesEqual(folded[i:i+len(q)], q) {
			found = append(found, span{at[i], at[i+len(q)-1] + 1})
			i += len(q) - 1
		}
	}
	if len(found) == 0 {
		return Highlight{}, false
	}
	first := found[0]
	from := max(0, first.start-snippetContext)
	to := min(len(rs), first.end+snippetContext)
	if field == FieldName || field == FieldAlias {
		from, to = 0, len(rs)
	}
	var b strings.Builder
	shift := -from
	if from > 0 {
		b.WriteString(ellipsis)
		shift += ellipsisRuneCount
	}
	b.WriteString(string(rs[from:to]))
	if to < len(rs) {
		b.WriteString(ellipsis)
	}
	h := Highlight{Field: field, Text: b.String()}
	for _, f := range found {
		if f.end <= to {
			h.Ranges = append(h.Ranges, TextRange{Start: f.start + shift, Length: f.end - f.start})
		}
	}
	return h, true
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
