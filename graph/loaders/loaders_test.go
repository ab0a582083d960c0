package loaders_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/reportgraph/reportgraph/graph/loaders"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/counted"
	"github.com/reportgraph/reportgraph/store/memory"
)

// TestExpect: a wave of expected regions costs nothing until asked, then
// one store call for all of it, however many asks arrive at once; an id no
// wave holds is not fetched by it.
func TestExpect(t *testing.T) {
	ctx := context.Background()
	mem := memory.New()
	regions := []kg.Region{
		{ID: kg.RegionID("150000"), Code: "150000", Name: "内蒙古自治区", Level: kg.LevelProvincial},
		{ID: kg.RegionID("150500"), Code: "150500", Name: "通辽市", Level: kg.LevelPrefectural, ParentID: kg.RegionID("150000")},
		{ID: kg.RegionID("150525"), Code: "150525", Name: "奈曼旗", Level: kg.LevelCounty, ParentID: kg.RegionID("150500")},
	}
	if err := mem.PutRegions(ctx, regions); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	l := loaders.New(counted.New(mem, func(string) { calls.Add(1) }), 0)
	ids := []string{regions[0].ID, regions[1].ID, kg.RegionID("999999")}
	l.Expect(ids, nil)
	if n := calls.Load(); n != 0 {
		t.Fatalf("expecting made %d store calls, want none", n)
	}

	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			ok, err := l.ExpectedRegion(ctx, id)
			if !ok || err != nil {
				t.Errorf("ExpectedRegion(%s) = %v, %v; want true, nil", id, ok, err)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("%d store calls for one wave, want 1", n)
	}
	for _, reg := range regions[:2] {
		got, err := l.Region.Load(ctx, reg.ID)
		if err != nil || got == nil || got.Name != reg.Name {
			t.Errorf("Load(%s) after the wave = %v, %v", reg.ID, got, err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("loading expected regions made %d store calls, want them cached", n-1)
	}

	if ok, err := l.ExpectedRegion(ctx, regions[2].ID); ok || err != nil {
		t.Errorf("an unexpected region: %v, %v; want false, nil", ok, err)
	}
	if ok, err := l.ExpectedReport(ctx, regions[0].ID); ok || err != nil {
		t.Errorf("a region id asked as a report: %v, %v; want false, nil", ok, err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("ids outside every wave made %d store calls", n-1)
	}
}
