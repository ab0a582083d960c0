package statistics_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/statistics"
	"github.com/reportgraph/reportgraph/store/memory"
)

// TestLoad: a file's good rows reach the store and its bad rows come back
// as problems; loading the file again replaces its statistics; a file
// that fails whole leaves what the store held.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	nation := kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "中华人民共和国", Level: kg.LevelNational}
	banner := kg.Region{ID: kg.RegionID("150525"), Code: "150525", Name: "奈曼旗", Level: kg.LevelCounty, ParentID: nation.ID}
	if err := s.PutRegions(ctx, []kg.Region{nation, banner}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "yearbook.csv")
	write := func(body string) {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		got, err := s.FindStatistics(ctx, kg.StatisticFilter{Sources: []string{"yearbook.csv"}})
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	write("region_code,year,indicator,value,unit\n150525,2024,地区生产总值增长,5.8,%\n150525,2023,地区生产总值增长,5,%\n150599,2024,gdp,1,%\n")
	res, err := statistics.LoadFile(ctx, s, path)
	if err != nil || res.Loaded != 2 || len(res.Problems) != 1 || res.Problems[0].Line != 4 || res.File != "yearbook.csv" {
		t.Fatalf("load: %+v %v", res, err)
	}
	if count() != 2 {
		t.Fatalf("%d statistics stored, want 2", count())
	}
	write("region_code,year,indicator,value,unit\n150525,2024,地区生产总值增长,5.9,%\n")
	if _, err := statistics.LoadFile(ctx, s, path); err != nil || count() != 1 {
		t.Errorf("reload: %v, %d stored, want the file's one", err, count())
	}
	write("\x89PNG\r\n\x1a\n")
	if _, err := statistics.LoadFile(ctx, s, path); err == nil || count() != 1 {
		t.Errorf("a binary file: %v, %d stored, want an error and the last load kept", err, count())
	}
	if _, err := statistics.LoadFile(ctx, s, filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file loaded")
	}
}
