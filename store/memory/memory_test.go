package memory_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return memory.New() })
}

// TestConcurrentUse runs writers and readers together; run with -race.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	root := kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "中华人民共和国", Level: kg.LevelNational}
	if err := s.PutRegions(ctx, []kg.Region{root}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				rep := kg.ReportID(kg.NationalCode, 2000+w)
				e := kg.Entity{ID: kg.EntityID(rep, kg.KindProgram, "温暖工程"), Kind: kg.KindProgram, Name: "温暖工程",
					Key: "温暖工程", ReportID: rep, RegionID: root.ID}
				g := kg.ReportGraph{Report: kg.Report{ID: rep, RegionID: root.ID, Year: 2000 + w, Title: fmt.Sprint(i)}, Entities: []kg.Entity{e}}
				if err := s.PutReport(ctx, g); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Search(ctx, kg.SearchQuery{Text: "温暖"}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.FindEdges(ctx, kg.EdgeFilter{ToIDs: []string{e.ID}}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	reps, err := s.FindReports(ctx, kg.ReportFilter{})
	if err != nil || len(reps) != 4 {
		t.Fatalf("%d reports after concurrent writes, want 4 (err %v)", len(reps), err)
	}
	for _, r := range reps {
		if r.Title != "49" {
			t.Errorf("%s: title %q, want the last write", r.ID, r.Title)
		}
	}
}
