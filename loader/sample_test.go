package loader

import (
	"context"
	"sync"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// testTree loads the division hierarchy once per test binary.
var testTree = sync.OnceValues(division.Load)

// loadSample runs the whole pipeline (Load) on a bundled sample and returns
// its graph and the name of the decided region.
func loadSample(t testing.TB, name string) (kg.ReportGraph, string, error) {
	t.Helper()
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(context.Background(), name, sampleFile(t, name), tree)
	if err != nil {
		return g, "", err
	}
	r, _ := tree.ByID(g.Report.RegionID)
	return g, r.Name, nil
}
