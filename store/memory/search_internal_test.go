package memory

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/reportgraph/reportgraph/kg"
)

var bg = context.Background()

// loadBundled returns a store holding the division table and the bundled reports.
func loadBundled(t *testing.T) *Store {
	t.Helper()
	tree, err := DivisionTree()
	if err != nil {
		t.Fatal(err)
	}
	gs, err := BundledGraphs()
	if err != nil {
		t.Fatal(err)
	}
	s := New()
	if err := s.PutRegions(bg, tree.Regions()); err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if err := s.PutReport(bg, g); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// bruteSearch is Search as a full scan with kg.MatchScore, written from
// the kg.Store contract alone: the reference the index must agree with.
func bruteSearch(s *Store, q kg.SearchQuery) []kg.SearchHit {
	regions := kg.FilterOf(q.RegionIDs)
	var hits []kg.SearchHit
	for _, e := range sortedEntities(s) {
		r := s.reports[e.ReportID]
		if q.Kind != nil && e.Kind != *q.Kind || !regions.Accepts(r.RegionID) ||
			q.YearFrom != nil && r.Year < *q.YearFrom || q.YearTo != nil && r.Year > *q.YearTo {
			continue
		}
		if score := kg.MatchScore(e, q.Text); score > 0 {
			hits = append(hits, kg.SearchHit{Entity: e, Score: score})
		}
	}
	slices.SortFunc(hits, func(a, b kg.SearchHit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Entity.ID, b.Entity.ID)
	})
	if q.Offset >= len(hits) {
		return []kg.SearchHit{}
	}
	hits = hits[q.Offset:]
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits
}

// texts returns every searchable text of the store, in a fixed order.
func texts(s *Store) []string {
	var out []string
	for _, e := range sortedEntities(s) {
		out = append(out, e.Name, e.Definition)
		out = append(out, e.Aliases...)
		for _, ev := range e.Evidence {
			out = append(out, ev.Text)
		}
	}
	return slices.DeleteFunc(out, func(x string) bool { return x == "" })
}

func sortedEntities(s *Store) []*kg.Entity {
	var es []*kg.Entity
	for _, o := range s.entities.all(nil) {
		es = append(es, s.entities.entity(o))
	}
	slices.SortFunc(es, func(a, b *kg.Entity) int { return strings.Compare(a.ID, b.ID) })
	return es
}

// substring picks 1–maxRunes runes of t at random.
func substring(r *rand.Rand, t string, maxRunes int) string {
	rs := []rune(t)
	i := r.IntN(len(rs))
	n := 1 + r.IntN(min(maxRunes, len(rs)-i))
	return string(rs[i : i+n])
}

// flipCase swaps the case of each letter at random, so the index must
// match case-insensitively.
func flipCase(r *rand.Rand, q string) string {
	rs := []rune(q)
	for i, c := range rs {
		if r.IntN(2) == 0 {
			if unicode.IsUpper(c) {
				rs[i] = unicode.ToLower(c)
			} else {
				rs[i] = unicode.ToUpper(c)
			}
		}
	}
	return string(rs)
}

// TestSearchMatchesScan compares Search with a brute-force scan over
// random queries and filters on the bundled corpus.
func TestSearchMatchesScan(t *testing.T) {
	s := loadBundled(t)
	ts := texts(s)
	var latin []string // texts holding ASCII letters, for mixed-case queries
	for _, x := range ts {
		if strings.IndexFunc(x, func(c rune) bool { return c < 128 && unicode.IsLetter(c) }) >= 0 {
			latin = append(latin, x)
		}
	}
	if len(latin) == 0 {
		t.Fatal("no Latin text in the bundled corpus")
	}
	var regions []string
	var years []int
	for _, r := range s.reports {
		regions = append(regions, r.RegionID)
		years = append(years, r.Year)
	}
	slices.Sort(regions)
	slices.Sort(years)
	kinds := []kg.EntityKind{kg.KindProgram, kg.KindInitiative, kg.KindProject}
	r := rand.New(rand.NewPCG(1, 2))

	gens := []struct {
		name string
		gen  func() string
	}{
		{"substring", func() string { return substring(r, ts[r.IntN(len(ts))], 12) }},
		{"short substring", func() string { return substring(r, ts[r.IntN(len(ts))], 3) }},
		{"one rune", func() string { return substring(r, ts[r.IntN(len(ts))], 1) }},
		{"mixed-case latin", func() string {
			x := latin[r.IntN(len(latin))]
			i := strings.IndexFunc(x, func(c rune) bool { return c < 128 && unicode.IsLetter(c) })
			return flipCase(r, substring(r, x[i:], 6))
		}},
		{"random latin", func() string {
			b := make([]byte, 1+r.IntN(3))
			for i := range b {
				b[i] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[r.IntN(52)]
			}
			return string(b)
		}},
		{"absent", func() string {
			// Two texts' pieces glued: their bigrams exist, the join rarely.
			return substring(r, ts[r.IntN(len(ts))], 4) + "\u3007" + substring(r, ts[r.IntN(len(ts))], 4)
		}},
		{"absent rune", func() string { return string(rune(0x4e00 + r.IntN(0x9fff-0x4e00))) }},
		{"padded", func() string { return "  " + substring(r, ts[r.IntN(len(ts))], 5) + "\t" }},
	}
	filters := []struct {
		name string
		set  func(q *kg.SearchQuery)
	}{
		{"none", func(q *kg.SearchQuery) {}},
		{"kind", func(q *kg.SearchQuery) { q.Kind = &kinds[r.IntN(len(kinds))] }},
		{"region", func(q *kg.SearchQuery) { q.RegionIDs = []string{regions[r.IntN(len(regions))]} }},
		{"regions", func(q *kg.SearchQuery) {
			q.RegionIDs = []string{regions[r.IntN(len(regions))], regions[r.IntN(len(regions))], "region/000000"}
		}},
		{"years", func(q *kg.SearchQuery) {
			from, to := years[r.IntN(len(years))], years[r.IntN(len(years))]
			q.YearFrom, q.YearTo = &from, &to
		}},
		{"year from", func(q *kg.SearchQuery) { y := years[r.IntN(len(years))]; q.YearFrom = &y }},
		{"page", func(q *kg.SearchQuery) { q.Offset, q.Limit = r.IntN(8), 1+r.IntN(5) }},
		{"limit", func(q *kg.SearchQuery) { q.Limit = 1 + r.IntN(30) }},
		{"limit above every hit", func(q *kg.SearchQuery) { q.Limit = 10001 }}, // as diffusion asks
		{"deep page", func(q *kg.SearchQuery) { q.Offset, q.Limit = r.IntN(60), 1+r.IntN(20) }},
		{"all", func(q *kg.SearchQuery) {
			q.Kind = &kinds[r.IntN(len(kinds))]
			y := years[r.IntN(len(years))]
			q.YearTo = &y
			q.Offset, q.Limit = r.IntN(3), 1+r.IntN(10)
		}},
	}
	hitsSeen := 0
	for _, g := range gens {
		t.Run(g.name, func(t *testing.T) {
			for i := range 150 {
				q := kg.SearchQuery{Text: g.gen()}
				if kg.SearchForm(strings.TrimSpace(q.Text)) == "" {
					continue
				}
				fl := filters[i%len(filters)]
				fl.set(&q)
				got, err := s.Search(bg, q)
				if err != nil {
					t.Fatalf("%s %+v: %v", fl.name, q, err)
				}
				want := bruteSearch(s, q)
				hitsSeen += len(want)
				if got == nil || !sameHits(got, want) {
					t.Fatalf("%s %+v:\n got %s\nwant %s", fl.name, q, hitIDs(got), hitIDs(want))
				}
				// Both strategies, whatever Search would pick.
				all := q
				all.Offset, all.Limit = 0, 0
				ranks, err := s.searchIndexed(context.Background(), all, s.search.candidates(kg.SearchForm(strings.TrimSpace(q.Text))), -1)
				if err != nil {
					t.Fatal(err)
				}
				indexed := s.hitsOf(ranks)
				every := bruteSearch(s, all)
				if !sameHits(indexed, every) {
					t.Fatalf("indexed, all hits, %s %+v:\n got %s\nwant %s", fl.name, q, hitIDs(indexed), hitIDs(every))
				}
				anyOrder(t, s, q, every)
			}
		})
	}
	if hitsSeen == 0 {
		t.Fatal("no query hit anything: the generators are broken")
	}
}

// anyOrder checks q asked in any order: with its offset dropped, every
// hit of q's filters (every) when no limit binds, else as many as the
// limit of them, each once and with its score.
func anyOrder(t *testing.T, s *Store, q kg.SearchQuery, every []kg.SearchHit) {
	t.Helper()
	q.AnyOrder, q.Offset = true, 0
	got, err := s.Search(bg, q)
	if err != nil {
		t.Fatalf("any order %+v: %v", q, err)
	}
	n := len(every)
	if q.Limit > 0 {
		n = min(n, q.Limit)
	}
	score := map[string]float64{}
	for _, h := range every {
		score[h.Entity.ID] = h.Score
	}
	seen := map[string]bool{}
	for _, h := range got {
		if sc, ok := score[h.Entity.ID]; !ok || sc != h.Score || seen[h.Entity.ID] {
			t.Fatalf("any order %+v: %s (score %v) is no hit, has another score or comes twice", q, h.Entity.ID, h.Score)
		}
		seen[h.Entity.ID] = true
	}
	if len(got) != n {
		t.Fatalf("any order %+v: %d hits, want %d", q, len(got), n)
	}
}

func sameHits(got, want []kg.SearchHit) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].Score != want[i].Score || !reflect.DeepEqual(got[i].Entity, want[i].Entity) {
			return false
		}
	}
	return true
}

func hitIDs(hs []kg.SearchHit) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "%s(%.3f) ", h.Entity.ID, h.Score)
	}
	return b.String()
}

// canonical renders the index independently of slot numbers: gram →
// sorted "entity id:fields" postings, plus the live entities.
func canonical(ix *searchIndex) map[string][]string {
	out := map[string][]string{}
	for a, row := range ix.grams {
		for b, ps := range row {
			if !slices.IsSorted(ps) {
				out["unsorted"] = append(out["unsorted"], string(a)+string(b))
			}
			k := fmt.Sprintf("%q%q", a, b)
			for _, p := range ps {
				o := ix.slots[p>>fieldBits].ord
				if o == none {
					out["freed"] = append(out["freed"], k)
					continue
				}
				out[k] = append(out[k], fmt.Sprintf("%s:%d", ix.ents.id(o), p&fieldMask))
			}
			slices.Sort(out[k])
		}
	}
	for id, rg := range ix.byReport {
		for i := rg.lo; i < rg.hi; i++ {
			out["report "+id] = append(out["report "+id], ix.ents.id(ix.slots[i].ord))
		}
	}
	return out
}

// TestIndexMaintenance checks that after any sequence of puts the index
// is exactly the one a fresh store builds from the final content: no stale
// postings for replaced text, none for removed entities, slots compacted.
func TestIndexMaintenance(t *testing.T) {
	root := kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "中华人民共和国", Level: kg.LevelNational}
	report := func(year int, texts ...string) kg.ReportGraph {
		rep := kg.Report{ID: kg.ReportID(kg.NationalCode, year), RegionID: root.ID, Year: year}
		g := kg.ReportGraph{Report: rep}
		for i, x := range texts {
			name, ev, _ := strings.Cut(x, "|")
			e := kg.Entity{ID: kg.EntityID(rep.ID, kg.KindProgram, fmt.Sprint(i)), Kind: kg.KindProgram, Name: name,
				Key: name, ReportID: rep.ID, RegionID: root.ID}
			if ev != "" {
				e.Evidence = []kg.Evidence{{ReportID: rep.ID, Text: ev}}
			}
			g.Entities = append(g.Entities, e)
		}
		return g
	}
	cases := []struct {
		name  string
		puts  []kg.ReportGraph
		final []kg.ReportGraph
		gone  []string // texts no longer findable
	}{
		{"same report twice", []kg.ReportGraph{report(2024, "温暖工程|实施温暖工程"), report(2024, "温暖工程|实施温暖工程")},
			[]kg.ReportGraph{report(2024, "温暖工程|实施温暖工程")}, nil},
		{"text replaced", []kg.ReportGraph{report(2024, "温暖工程|实施温暖工程", "三北工程"), report(2024, "Green Steel|推进绿色钢铁")},
			[]kg.ReportGraph{report(2024, "Green Steel|推进绿色钢铁")}, []string{"温暖", "三北", "暖", "实施"}},
		{"entities dropped", []kg.ReportGraph{report(2024, "甲工程", "乙工程", "丙工程"), report(2025, "丁工程"), report(2024, "乙工程")},
			[]kg.ReportGraph{report(2025, "丁工程"), report(2024, "乙工程")}, []string{"甲", "丙工"}},
		{"middle report replaced", []kg.ReportGraph{report(2023, "甲"), report(2024, "乙乙"), report(2025, "丙"), report(2024, "丁|丁丁")},
			[]kg.ReportGraph{report(2023, "甲"), report(2025, "丙"), report(2024, "丁|丁丁")}, []string{"乙"}},
	}
	many := []kg.ReportGraph{}
	for i := range 3000 { // enough freed slots to compact several times
		many = append(many, report(2000+i%3, fmt.Sprintf("工程%d|第%d次", i, i)))
	}
	cases = append(cases, struct {
		name  string
		puts  []kg.ReportGraph
		final []kg.ReportGraph
		gone  []string
	}{"compaction", many, many[len(many)-3:], []string{"工程0", "第10次"}})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, fresh := New(), New()
			for _, st := range []*Store{s, fresh} {
				if err := st.PutRegions(bg, []kg.Region{root}); err != nil {
					t.Fatal(err)
				}
			}
			for _, g := range c.puts {
				if err := s.PutReport(bg, g); err != nil {
					t.Fatal(err)
				}
			}
			for _, g := range c.final {
				if err := fresh.PutReport(bg, g); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := canonical(s.search), canonical(fresh.search); !reflect.DeepEqual(got, want) {
				t.Errorf("index after puts differs from a fresh build:\n got %v\nwant %v", got, want)
			}
			if free := len(s.search.slots) - s.search.live; free >= minFreeToCompact && free > s.search.live {
				t.Errorf("%d freed slots for %d live: not compacted", free, s.search.live)
			}
			for _, x := range c.gone {
				if hits, err := s.Search(bg, kg.SearchQuery{Text: x}); err != nil || len(hits) != 0 {
					t.Errorf("search %q after replacement: %d hits, err %v", x, len(hits), err)
				}
			}
		})
	}
}

// TestGallop checks the intersection's search against a linear scan.
func TestGallop(t *testing.T) {
	ps := []uint32{1 << fieldBits, 3 << fieldBits, 3<<fieldBits | 1, 7 << fieldBits, 9 << fieldBits}
	cases := []struct {
		slot uint32
		want int
	}{{0, 0}, {1, 0}, {2, 1}, {3, 1}, {4, 3}, {7, 3}, {8, 4}, {9, 4}, {10, 5}}
	for _, c := range cases {
		if got := gallop(ps, c.slot); got != c.want {
			t.Errorf("gallop(%d) = %d, want %d", c.slot, got, c.want)
		}
	}
}

// cancelAfter is a context whose Err reports it canceled from its
// (n+1)th call on: a client that leaves while its request runs.
type cancelAfter struct {
	context.Context
	calls, n int
}

func (c *cancelAfter) Err() error {
	c.calls++
	if c.calls > c.n {
		return context.Canceled
	}
	return nil
}

// TestSearchStopsWhenTheRequestDoes: a one-rune search scores thousands
// of candidates; the loop asks the context as it goes, so a request whose
// client left stops there instead of scoring them all.
func TestSearchStopsWhenTheRequestDoes(t *testing.T) {
	s := loadBundled(t)
	if n := len(s.search.candidates("工")); n < 1024 {
		t.Fatalf("only %d candidates for 工: not enough to cross the pacer", n)
	}
	ctx := &cancelAfter{Context: bg, n: 1} // the entry check passes, the loop's first check fails
	if _, err := s.Search(ctx, kg.SearchQuery{Text: "工"}); err != context.Canceled {
		t.Errorf("search after the client left: %v, want context.Canceled", err)
	}
	if ctx.calls < 2 {
		t.Errorf("the context was asked %d times, want the loop to ask it", ctx.calls)
	}
	hits, err := s.Search(bg, kg.SearchQuery{Text: "工"})
	if err != nil || len(hits) < 1000 {
		t.Errorf("search of 工: %d hits, %v", len(hits), err)
	}
}
