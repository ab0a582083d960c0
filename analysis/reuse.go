package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/reportgraph/reportgraph/kg"
)

// ReuseMethod says how TextReuse measures likeness, for the API to state.
const ReuseMethod = "Dice coefficient of character trigrams (quotation marks, punctuation and spaces left out) " +
	"between a child sentence and a parent sentence or one of its clauses (split at ，；：): " +
	"2 × shared / (child's + parent's)"

// DefaultMinSimilarity is the likeness from which a child sentence counts
// as reusing a parent's: 建设宜居和美乡村 against 建设宜居宜业和美乡村
// is 0.57, a copy with a word changed.
const DefaultMinSimilarity = 0.5

// minGrams leaves out sentences too short to judge: fewer than eight
// characters match by chance (加快发展, 持续推进).
const minGrams = 6

// ReuseQuery selects the two reports TextReuse compares.
type ReuseQuery struct {
	ChildID string
	// ParentID is the report compared with; "" takes the latest report of
	// year ≤ the child's of the nearest ancestor region that has one (as
	// IMPLEMENTS links pair reports).
	ParentID      string
	MinSimilarity float64 // 0: DefaultMinSimilarity
}

// ReusePair is a child sentence and the parent sentence it is most like.
type ReusePair struct {
	Child, Parent kg.Evidence
	// Matched is the part of the parent sentence it was compared with:
	// the whole sentence or one of its clauses.
	Matched    string
	Similarity float64
}

// TextReuse is how much of a child report's task-area wording copies or
// closely paraphrases its parent's.
type TextReuse struct {
	Child, Parent *kg.Report
	Sentences     int          // the child's task-area sentences compared
	Pairs         []*ReusePair // the reused ones, in the child's order
}

// Reused is how many child sentences reuse a parent one.
func (t *TextReuse) Reused() int { return len(t.Pairs) }

// Share is Reused / Sentences, nil with no sentence.
func (t *TextReuse) Share() *float64 {
	return share(len(t.Pairs), t.Sentences)
}

// Method is ReuseMethod.
func (t *TextReuse) Method() string { return ReuseMethod }

// Reuse compares the task-area sentences of two reports: for each of the
// child's, the parent's most alike by ReuseMethod, kept when at least
// q.MinSimilarity alike. The sentences are those the graph keeps as
// evidence inside the plan's task areas: each task area's heading, each
// task item's lead sentence, and every sentence naming a program,
// initiative, project or target.
func Reuse(ctx context.Context, s kg.Store, q ReuseQuery) (*TextReuse, error) {
	minSim := q.MinSimilarity
	if minSim == 0 {
		minSim = DefaultMinSimilarity
	}
	if minSim < 0 || minSim > 1 {
		return nil, kg.Errorf(kg.EINVALID, "text reuse: minSimilarity %v is outside (0, 1]", minSim)
	}
	child, err := mustReport(ctx, s, q.ChildID)
	if err != nil {
		return nil, err
	}
	parent, err := parentReport(ctx, s, child, q.ParentID)
	if err != nil {
		return nil, err
	}
	if parent.ID == child.ID {
		return nil, kg.Errorf(kg.EINVALID, "text reuse: %s compared with itself", child.ID)
	}
	cs, err := taskAreaSentences(ctx, s, child)
	if err != nil {
		return nil, err
	}
	ps, err := taskAreaSentences(ctx, s, parent)
	if err != nil {
		return nil, err
	}
	out := &TextReuse{Child: child, Parent: parent}
	index := newGramIndex(ps)
	for _, c := range cs {
		g := grams(c.Text)
		if len(g) < minGrams {
			continue
		}
		out.Sentences++
		if u, sim := index.best(g); u != nil && sim >= minSim {
			out.Pairs = append(out.Pairs, &ReusePair{Child: c, Parent: ps[u.sentence], Matched: u.text, Similarity: sim})
		}
	}
	return out, nil
}

func mustReport(ctx context.Context, s kg.Store, id string) (*kg.Report, error) {
	rs, err := s.Reports(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", id, err)
	}
	if rs[0] == nil {
		return nil, kg.Errorf(kg.ENOTFOUND, "no report with id %q", id)
	}
	return rs[0], nil
}

// parentReport is the report given, or the latest report of year ≤ the
// child's of the child region's nearest ancestor that has one.
func parentReport(ctx context.Context, s kg.Store, child *kg.Report, id string) (*kg.Report, error) {
	if id != "" {
		return mustReport(ctx, s, id)
	}
	ups, err := kg.Ancestors(ctx, s, child.RegionID)
	if err != nil {
		return nil, err
	}
	reps, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: regionIDs(ups)})
	if err != nil {
		return nil, fmt.Errorf("reports above %s: %w", child.RegionID, err)
	}
	latest := map[string]*kg.Report{}
	for _, rep := range reps {
		if l := latest[rep.RegionID]; rep.Year <= child.Year && (l == nil || rep.Year > l.Year) {
			latest[rep.RegionID] = rep
		}
	}
	for _, r := range ups { // nearest first
		if rep := latest[r.ID]; rep != nil {
			return rep, nil
		}
	}
	return nil, kg.Errorf(kg.ENOTFOUND, "no report of a region above %s of %d or before is loaded to compare %s with", child.RegionID, child.Year, child.ID)
}

// taskAreaSentences are the evidence passages of a report's entities and
// targets that lie in its plan's task areas (the outline's sections that
// a task-area program heads), once each, in text order.
func taskAreaSentences(ctx context.Context, s kg.Store, rep *kg.Report) ([]kg.Evidence, error) {
	es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{rep.ID}})
	if err != nil {
		return nil, fmt.Errorf("entities of %s: %w", rep.ID, err)
	}
	ts, err := s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{rep.ID}})
	if err != nil {
		return nil, fmt.Errorf("targets of %s: %w", rep.ID, err)
	}
	heads := map[int]bool{}
	for _, e := range es {
		if e.TaskArea && len(e.Evidence) > 0 {
			heads[e.Evidence[0].Offset] = true
		}
	}
	var spans [][2]int
	for _, sec := range rep.Outline {
		if sec.Level == 2 && heads[sec.Start] {
			spans = append(spans, [2]int{sec.Start, sec.End})
		}
	}
	inArea := func(off int) bool {
		for _, sp := range spans {
			if off >= sp[0] && off < sp[1] {
				return true
			}
		}
		return false
	}
	seen := map[int]bool{}
	var out []kg.Evidence
	add := func(ev kg.Evidence) {
		if ev.ReportID == rep.ID && !seen[ev.Offset] && inArea(ev.Offset) {
			seen[ev.Offset] = true
			out = append(out, ev)
		}
	}
	for _, e := range es {
		for _, ev := range e.Evidence {
			add(ev)
		}
	}
	for _, t := range ts {
		add(t.Evidence)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out, nil
}

// grams is the set of a sentence's character trigrams in search form,
// without punctuation, spaces and quotation marks: 深入实施“六个工程” and
// 深入实施六个工程 are one wording.
func grams(s string) map[string]struct{} {
	var rs []rune
	for _, r := range kg.SearchForm(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
	}
	out := make(map[string]struct{}, len(rs))
	for i := 0; i+3 <= len(rs); i++ {
		out[string(rs[i:i+3])] = struct{}{}
	}
	return out
}

// unit is a parent sentence or one of its clauses: a child sentence may
// copy one clause of a long parent sentence (持续打好蓝天碧水净土保卫战).
type unit struct {
	sentence int // index of its sentence
	text     string
	grams    int
}

// gramIndex finds, for a child sentence's grams, the parent unit most
// like it.
type gramIndex struct {
	units    []unit
	postings map[string][]int // gram → units holding it
}

func newGramIndex(sentences []kg.Evidence) *gramIndex {
	ix := &gramIndex{postings: map[string][]int{}}
	for i, ev := range sentences {
		texts := []string{ev.Text}
		if cs := splitClauses(ev.Text); len(cs) > 1 {
			texts = append(texts, cs...)
		}
		for _, t := range texts {
			g := grams(t)
			if len(g) < minGrams {
				continue
			}
			u := len(ix.units)
			ix.units = append(ix.units, unit{sentence: i, text: t, grams: len(g)})
			for k := range g {
				ix.postings[k] = append(ix.postings[k], u)
			}
		}
	}
	return ix
}

// splitClauses cuts a sentence at ，；： (not 、, which lists).
func splitClauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("，；：,;:", r) })
}

// best returns the unit most like g by Dice, the earliest of equals, and
// the likeness; nil when none shares a gram.
func (ix *gramIndex) best(g map[string]struct{}) (*unit, float64) {
	shared := map[int]int{}
	for k := range g {
		for _, u := range ix.postings[k] {
			shared[u]++
		}
	}
	best, bestSim := -1, 0.0
	for u, n := range shared {
		sim := 2 * float64(n) / float64(len(g)+ix.units[u].grams)
		if sim > bestSim || sim == bestSim && u < best {
			best, bestSim = u, sim
		}
	}
	if best < 0 {
		return nil, 0
	}
	return &ix.units[best], math.Round(bestSim*1000) / 1000
}
