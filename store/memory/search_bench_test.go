package memory_test

import (
	"context"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
)

// newCorpusStore returns a store holding the division table and n reports:
// the bundled ones, then copies of them under fresh ids spread over the
// division table's regions and years, so region and year filters select
// a realistic share. The copies repeat the bundled text; synthcorpus, when
// it exists, gives a corpus that does not.
func newCorpusStore(tb testing.TB, n int) *memory.Store {
	tb.Helper()
	ctx := context.Background()
	tree, err := memory.DivisionTree()
	if err != nil {
		tb.Fatal(err)
	}
	gs, err := memory.BundledGraphs()
	if err != nil {
		tb.Fatal(err)
	}
	s := memory.New()
	regions := tree.Regions()
	if err := s.PutRegions(ctx, regions); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		g := gs[i%len(gs)]
		if i >= len(gs) {
			r := regions[(i*7919)%len(regions)]
			g = copyGraph(g, r, 1900+i/len(regions))
		}
		if err := s.PutReport(ctx, g); err != nil {
			tb.Fatalf("put copy %d of %s: %v", i, g.Report.ID, err)
		}
	}
	return s
}

// copyGraph re-homes g as region r's report of year, with fresh ids.
func copyGraph(g kg.ReportGraph, r kg.Region, year int) kg.ReportGraph {
	rep := g.Report
	oldPart := strings.TrimPrefix(rep.ID, "report") + "/"
	rep.ID, rep.RegionID, rep.Year = kg.ReportID(r.Code, year), r.ID, year
	newPart := strings.TrimPrefix(rep.ID, "report") + "/"
	// Ids embed "/<code>/<year>/" after their kind, as the loader makes them.
	re := func(id string) string { return strings.Replace(id, oldPart, newPart, 1) }
	out := kg.ReportGraph{Report: rep}
	for _, e := range g.Entities {
		e.ID, e.ReportID, e.RegionID = re(e.ID), rep.ID, r.ID
		ev := make([]kg.Evidence, len(e.Evidence))
		for j, x := range e.Evidence {
			x.ReportID = rep.ID
			ev[j] = x
		}
		e.Evidence = ev
		out.Entities = append(out.Entities, e)
	}
	for _, t := range g.Targets {
		t.ID, t.ReportID, t.RegionID = re(t.ID), rep.ID, r.ID
		out.Targets = append(out.Targets, t)
	}
	for _, e := range g.Edges {
		e.FromID, e.ToID = re(e.FromID), re(e.ToID)
		out.Edges = append(out.Edges, e)
	}
	return out
}

// searchBenchQueries are the API's typical searches: a named program, a
// short prefix, one rune, and a miss.
var searchBenchQueries = []struct{ name, text string }{
	{"program", "温暖工程"},
	{"short", "三北"},
	{"rune", "林"},
	{"miss", "量子引力"},
}

func benchSearch(b *testing.B, s *memory.Store) {
	ctx := context.Background()
	for _, q := range searchBenchQueries {
		for _, lim := range []int{20, 0} {
			name := q.name + "/first20"
			if lim == 0 {
				name = q.name + "/all"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Search(ctx, kg.SearchQuery{Text: q.text, Limit: lim}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSearchBundled searches the 5 bundled reports.
func BenchmarkSearchBundled(b *testing.B) {
	benchSearch(b, newCorpusStore(b, 5))
}

// BenchmarkSearch5000 searches 5,000 reports, the scale the API must
// answer within 5 ms p99.
func BenchmarkSearch5000(b *testing.B) {
	s := newCorpusStore(b, 5000)
	logIndexStats(b, s)
	benchSearch(b, s)
}

// logIndexStats logs what the search index costs next to what it indexes.
func logIndexStats(b *testing.B, s *memory.Store) {
	st := s.IndexStats()
	b.Logf("search index: %d entities, %d bigrams, %d postings, %.1f MiB, %d runes indexed: %.2f bytes per rune",
		st.Entities, st.Grams, st.Postings, float64(st.Bytes)/(1<<20), st.Runes, float64(st.Bytes)/float64(st.Runes))
}
