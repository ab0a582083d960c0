package graph_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
)

// TestMeasureCorpus checks each bound against a count made another way:
// every report's entities, programs and targets read one by one, and the
// edges into and out of every entity.
func TestMeasureCorpus(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	got, err := graph.MeasureCorpus(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	reps, err := s.FindReports(ctx, kg.ReportFilter{})
	must(t, err)
	want := graph.CorpusBounds{Reports: len(reps), MaxEntitiesOf: map[kg.EntityKind]int{}}
	perRegion, perYear := map[string]int{}, map[int]int{}
	for _, r := range reps {
		perRegion[r.RegionID]++
		perYear[r.Year]++
		want.MaxReportsPerRegion = max(want.MaxReportsPerRegion, perRegion[r.RegionID])
		want.MaxReportsPerYear = max(want.MaxReportsPerYear, perYear[r.Year])
		es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{r.ID}})
		must(t, err)
		want.MaxEntities = max(want.MaxEntities, len(es))
		byKind := map[kg.EntityKind]int{}
		for _, e := range es {
			byKind[e.Kind]++
		}
		for k, n := range byKind {
			want.MaxEntitiesOf[k] = max(want.MaxEntitiesOf[k], n)
		}
		want.MaxPrograms = max(want.MaxPrograms, byKind[kg.KindProgram])
		ts, err := s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{r.ID}})
		must(t, err)
		want.MaxTargets = max(want.MaxTargets, len(ts))
	}
	into, from := degrees(t, s)
	want.MaxParts = into[kg.EdgePartOf][0].n
	want.MaxImplementedBy = into[kg.EdgeImplements][0].n
	want.MaxImplements = from[kg.EdgeImplements][0].n
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("MeasureCorpus\n got %+v\nwant %+v", got, want)
	}
	t.Logf("bounds %+v", got)
	if got.Reports < 28 || got.MaxEntities < 100 || got.MaxImplementedBy < 2 {
		t.Errorf("bounds %+v: too small for the bundled corpus", got)
	}
}

type degree struct {
	id string
	n  int
}

// degrees returns, per edge type, the entities by edges into them and out
// of them, most first.
func degrees(t *testing.T, s kg.Store) (into, from map[kg.EdgeType][]degree) {
	t.Helper()
	into, from = map[kg.EdgeType][]degree{}, map[kg.EdgeType][]degree{}
	for _, typ := range []kg.EdgeType{kg.EdgePartOf, kg.EdgeImplements} {
		edges, err := s.FindEdges(context.Background(), kg.EdgeFilter{Type: &typ})
		must(t, err)
		in, out := map[string]int{}, map[string]int{}
		for _, e := range edges {
			if kg.IDKind(e.ToID) == "entity" {
				in[e.ToID]++
			}
			if kg.IDKind(e.FromID) == "entity" {
				out[e.FromID]++
			}
		}
		into[typ], from[typ] = sorted(in), sorted(out)
	}
	return into, from
}

func sorted(m map[string]int) []degree {
	var ds []degree
	for id, n := range m {
		ds = append(ds, degree{id, n})
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].n > ds[j].n || ds[i].n == ds[j].n && ds[i].id < ds[j].id })
	return ds
}

// TestReportListCostsBoundRows prices every report and entity list with
// the measured bounds and checks that the complexity charged is at least
// the rows returned: for every report's lists, and for the entities with
// the most parts and links. At fixed estimates a report's 50 entities were
// charged for the bundled corpus's 300.
func TestReportListCostsBoundRows(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	b, err := graph.MeasureCorpus(ctx, s)
	must(t, err)
	limits := &graph.CorpusLimits{}
	limits.Set(b)
	priced := graph.NewHandler(s, graph.Options{MaxComplexity: 1, Logger: quiet, Corpus: limits})
	open := graph.NewHandler(s, graph.Options{MaxComplexity: 1 << 30, Logger: quiet, Corpus: limits})

	queries := []string{`{ x: reports { id } }`, `{ x: reports(year: 2024) { id } }`, `{ x: reports(region: "河北省") { id } }`,
		`{ x: reports(region: "河北省", year: 2025) { id } }`}
	reps, err := s.FindReports(ctx, kg.ReportFilter{})
	must(t, err)
	for _, r := range reps {
		for _, f := range []string{"entities", "entities(kind: PROGRAM)", "entities(kind: PROJECT)", "programs", "targets"} {
			queries = append(queries, fmt.Sprintf(`{ node(id: %q) { ... on Report { x: %s { id } } } }`, r.ID, f))
		}
		queries = append(queries, fmt.Sprintf(`{ node(id: %q) { ... on Region { x: reports { id } } } }`, r.RegionID))
	}
	into, from := degrees(t, s)
	for field, ds := range map[string][]degree{"parts": into[kg.EdgePartOf], "implementedBy": into[kg.EdgeImplements],
		"implements": from[kg.EdgeImplements]} {
		for _, d := range ds[:min(10, len(ds))] {
			queries = append(queries, fmt.Sprintf(`{ node(id: %q) { ... on Entity { x: %s { id } } } }`, d.id, field))
		}
	}
	for _, q := range queries {
		refusal := query(t, priced, q, nil)
		if refusal.code() != graph.CodeComplexityLimit {
			t.Fatalf("%s: not priced: %+v", q, refusal.Errors)
		}
		cost := int(refusal.Errors[0].Extensions["complexity"].(float64))
		if rows := countRows(t, query(t, open, q, nil)); rows > cost {
			t.Errorf("%s: %d rows, priced %d", q, rows, cost)
		}
	}

	// Unmeasured, the lists keep their estimates: a query the bounds
	// price high passes.
	est := graph.NewHandler(s, graph.Options{MaxComplexity: 1, Logger: quiet})
	q := `{ x: reports { entities { id } } }`
	measured := int(query(t, priced, q, nil).Errors[0].Extensions["complexity"].(float64))
	estimated := int(query(t, est, q, nil).Errors[0].Extensions["complexity"].(float64))
	if measured <= estimated || measured < b.Reports*b.MaxEntities {
		t.Errorf("%s: priced %d measured, %d estimated; want at least %d×%d", q, measured, estimated, b.Reports, b.MaxEntities)
	}
}
