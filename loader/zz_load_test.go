package loader

import (
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// loadSample runs structure and extraction on a bundled sample that is
// already clean text. Stand-in until Normalize and detectRegion land: the
// HTML sample needs Normalize and is reported unavailable.
func loadSample(t testing.TB, name string) (kg.ReportGraph, string, error) {
	if strings.HasSuffix(name, ".html") {
		return kg.ReportGraph{}, "", kg.Errorf(kg.EUNAVAIL, "needs Normalize")
	}
	doc := parse(sampleBody(t, name), nil)
	return extract(doc, kg.Region{ID: "region/x", Code: "x"}, name), "", nil
}
