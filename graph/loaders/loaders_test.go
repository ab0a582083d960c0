package loaders_test

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/reportgraph/reportgraph/graph/loaders"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/counted"
	"github.com/reportgraph/reportgraph/store/memory"
)

// fixture is a province, a league and a banner, each with a report of
// one program; the banner's program IMPLEMENTS the league's.
type fixture struct {
	store    kg.Store
	regions  []kg.Region
	reports  []*kg.Report
	entities []*kg.Entity
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	mem := memory.New()
	f := fixture{store: mem, regions: []kg.Region{
		{ID: kg.RegionID("150000"), Code: "150000", Name: "内蒙古自治区", Level: kg.LevelProvincial},
		{ID: kg.RegionID("150500"), Code: "150500", Name: "通辽市", Level: kg.LevelPrefectural, ParentID: kg.RegionID("150000")},
		{ID: kg.RegionID("150525"), Code: "150525", Name: "奈曼旗", Level: kg.LevelCounty, ParentID: kg.RegionID("150500")},
	}}
	if err := mem.PutRegions(ctx, f.regions); err != nil {
		t.Fatal(err)
	}
	for _, reg := range f.regions {
		rep := kg.Report{ID: kg.ReportID(reg.Code, 2024), RegionID: reg.ID, Year: 2024, Title: reg.Name + "政府工作报告"}
		e := kg.Entity{ID: kg.EntityID(rep.ID, kg.KindProgram, "温暖工程"), Kind: kg.KindProgram, Name: "温暖工程", Key: "温暖工程",
			RegionID: reg.ID, ReportID: rep.ID, Evidence: []kg.Evidence{{ReportID: rep.ID, Text: "实施温暖工程。"}}}
		if err := mem.PutReport(ctx, kg.ReportGraph{Report: rep, Entities: []kg.Entity{e}}); err != nil {
			t.Fatal(err)
		}
		f.reports = append(f.reports, &rep)
		f.entities = append(f.entities, &e)
	}
	link := kg.Edge{Type: kg.EdgeImplements, FromID: f.entities[2].ID, ToID: f.entities[1].ID, Method: kg.MethodName, Confidence: 1}
	if err := mem.PutLinks(ctx, []kg.Edge{link}); err != nil {
		t.Fatal(err)
	}
	return f
}

// recorder counts a store's calls by method.
type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) store(s kg.Store) kg.Store {
	return counted.New(s, func(m string) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.calls = append(r.calls, m)
	})
}

func (r *recorder) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	sort.Strings(r.calls)
	out := strings.Join(r.calls, " ")
	r.calls = nil
	return out
}

// TestExpect: an expected wave costs nothing until asked, then one store
// call per field for all of it however many asks arrive at once, and
// what that call returns expects the next level the same way.
func TestExpect(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	var rec recorder
	l := loaders.New(rec.store(f.store), 0)
	l.Expect(f.entities)
	if got := rec.take(); got != "" {
		t.Fatalf("expecting called the store: %s", got)
	}

	// Every element of the list asks at once, as gqlgen resolves them.
	var wg sync.WaitGroup
	for _, e := range f.entities {
		wg.Go(func() {
			if reg, err := l.Region(ctx, e.RegionID, true); err != nil || reg == nil || reg.ID != e.RegionID {
				t.Errorf("Region(%s) = %v, %v", e.RegionID, reg, err)
			}
			if rep, err := l.Report(ctx, e.ReportID, true); err != nil || rep == nil || rep.ID != e.ReportID {
				t.Errorf("Report(%s) = %v, %v", e.ReportID, rep, err)
			}
			if _, err := l.Edges(ctx, loaders.EdgeKey{ID: e.ID, Type: kg.EdgeImplements, Out: true}, true); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got, want := rec.take(), "FindEdges Regions Reports"; got != want {
		t.Errorf("store calls for three elements' region, report and implements: %s, want %s", got, want)
	}

	// The regions fetched expect their parents: the next level asks as one.
	for _, reg := range f.regions[1:] {
		wg.Go(func() {
			if p, err := l.Region(ctx, reg.ParentID, true); err != nil || p == nil || p.ID != reg.ParentID {
				t.Errorf("parent of %s = %v, %v", reg.ID, p, err)
			}
		})
	}
	wg.Wait()
	if got := rec.take(); got != "" {
		t.Errorf("the parents are the list's own regions, cached; got calls %s", got)
	}

	// The edges fetched expect the entities at their other ends.
	edges, err := l.Edges(ctx, loaders.EdgeKey{ID: f.entities[2].ID, Type: kg.EdgeImplements, Out: true}, true)
	if err != nil || len(edges) != 1 {
		t.Fatalf("implements of the banner's program: %v, %v", edges, err)
	}
	got, err := l.Entities(ctx, []string{edges[0].ToID}, true)
	if err != nil || len(got) != 1 || got[0] == nil || got[0].ID != f.entities[1].ID {
		t.Fatalf("the league's program: %v, %v", got, err)
	}
	if calls := rec.take(); calls != "Entities" {
		t.Errorf("store calls for the edges' ends: %s, want Entities", calls)
	}

	// An id outside every wave is still loaded, through the dataloaders.
	if _, err := l.Report(ctx, kg.ReportID("150525", 2023), false); err != nil {
		t.Fatal(err)
	}
	if calls := rec.take(); calls != "Reports" {
		t.Errorf("an unexpected report: %s, want one Reports call", calls)
	}
}

// TestExpectJoinsWaves: two answers expecting overlapping ids before
// either is asked make one wave, whichever registers first.
func TestExpectJoinsWaves(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		var rec recorder
		l := loaders.New(rec.store(f.store), 0)
		lists := [][]*kg.Entity{f.entities[:2], f.entities[1:]}
		l.Expect(lists[order[0]])
		l.Expect(lists[order[1]])
		for _, e := range f.entities {
			if _, err := l.Region(ctx, e.RegionID, true); err != nil {
				t.Fatal(err)
			}
		}
		if got := rec.take(); got != "Regions" {
			t.Errorf("order %v: store calls %s, want one Regions", order, got)
		}
	}
}

// TestRecordingOnNilLoaders: a resolver called outside a request has no
// loaders; recording what its answer expects is then nothing, not a panic.
func TestRecordingOnNilLoaders(t *testing.T) {
	var l *loaders.Loaders
	f := newFixture(t)
	l.Expect(f.entities)
	l.ExpectReports(f.reports)
	l.ExpectRegions([]*kg.Region{&f.regions[0]})
	l.ExpectTargets(nil)
	l.PrimeEntities(f.entities)
	l.PrimeReports(f.reports...)
}
