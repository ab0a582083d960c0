package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
)

// graphOf is a one-entity report of region code for year: enough to see
// which ancestor report a lower report pairs with.
func graphOf(code string, year int) kg.ReportGraph {
	rep := kg.ReportID(code, year)
	e := kg.Entity{ID: kg.EntityID(rep, kg.KindProgram, "温暖工程"), Kind: kg.KindProgram, Name: "温暖工程", Key: "温暖工程",
		ReportID: rep, RegionID: kg.RegionID(code),
		Evidence: []kg.Evidence{{ReportID: rep, Section: "二", Offset: 1, Text: "实施温暖工程。"}}}
	return kg.ReportGraph{Report: kg.Report{ID: rep, RegionID: kg.RegionID(code), Year: year, Title: "t", Source: rep}, Entities: []kg.Entity{e}}
}

// TestPairingIndependentOfOrder: whatever order reports arrive in, each
// lower report ends linked to the ancestor report nearest in year (ties:
// the earlier), and links to a report that lost that place are gone.
func TestPairingIndependentOfOrder(t *testing.T) {
	ctx := context.Background()
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	graphs := []kg.ReportGraph{
		graphOf("150000", 2025), // province, later
		graphOf("150525", 2024), // county under 150500
		graphOf("150500", 2024), // prefecture
		graphOf("150000", 2023), // province, earlier: wins the 2024 tie
		graphOf("150000", 2015), // province, too far from any
	}
	ent := func(code string, year int) string { return graphOf(code, year).Entities[0].ID }
	want := []string{
		ent("150500", 2024) + " → " + ent("150000", 2023),
		ent("150525", 2024) + " → " + ent("150000", 2023),
		ent("150525", 2024) + " → " + ent("150500", 2024),
	}
	slices.Sort(want)
	orders := [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {1, 0, 3, 2, 4}, {2, 1, 0, 4, 3}, {3, 4, 1, 0, 2}}
	for _, order := range orders {
		s := memory.New()
		in := &Ingester{Store: s, Regions: tree}
		if err := in.ensureRegions(ctx); err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			if err := s.PutReport(ctx, graphs[i]); err != nil {
				t.Fatal(err)
			}
			if _, err := in.relink(ctx, []kg.Report{graphs[i].Report}); err != nil {
				t.Fatal(err)
			}
		}
		impl := kg.EdgeImplements
		edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &impl})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range edges {
			got = append(got, e.FromID+" → "+e.ToID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("order %v:\n got  %v\n want %v", order, got, want)
		}
	}
}
