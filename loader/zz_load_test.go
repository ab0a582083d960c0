package loader

import (
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// loadSample runs structure and extraction on a bundled sample that is
// already clean text. Stand-in until Normalize lands: the HTML sample needs
// Normalize and is reported unavailable.
func loadSample(t testing.TB, name string) (kg.ReportGraph, string, error) {
	if strings.HasSuffix(name, ".html") {
		return kg.ReportGraph{}, "", kg.Errorf(kg.EUNAVAIL, "needs Normalize")
	}
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Extract(parse(sampleBody(t, name), nil), tree, name)
	if err != nil {
		return g, "", err
	}
	r, _ := tree.ByID(g.Report.RegionID)
	return g, r.Name, nil
}
