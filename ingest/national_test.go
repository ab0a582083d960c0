package ingest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/kg"
)

// With the State Council's report loaded next to the bundled corpus, the
// autonomous region's “三北”工程 implements the national one, with a
// confidence and the passage on each side.
func TestNationalReportLinksDown(t *testing.T) {
	in, s := newIngester(t)
	if _, err := in.LoadFS(ctx, data.Reports()); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../loader/testdata/national/state-council-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := in.LoadReport(ctx, "state-council-2024.txt", raw); err != nil {
		t.Fatal(err)
	}
	national := entityByKey(t, s, kg.ReportID(kg.NationalCode, 2024), "三北工程")
	region := entityByKey(t, s, kg.ReportID("150000", 2024), "三北工程")
	if national == nil || region == nil {
		t.Fatalf("三北工程 missing: national %v, region %v", national, region)
	}
	impl := kg.EdgeImplements
	// FromIDs and ToIDs combine with OR: keep the edges between the two.
	found, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &impl, FromIDs: []string{region.ID}})
	if err != nil {
		t.Fatal(err)
	}
	var edges []*kg.Edge
	for _, e := range found {
		if e.ToID == national.ID {
			edges = append(edges, e)
		}
	}
	if len(edges) != 1 {
		t.Fatalf("%d IMPLEMENTS edges 自治区 三北工程 → national, want 1", len(edges))
	}
	e := edges[0]
	if e.Confidence <= 0 || e.Confidence > 1 || len(e.Evidence) != 2 {
		t.Fatalf("edge without confidence or evidence on both sides: %+v", e)
	}
	if !strings.Contains(e.Evidence[0].Text+e.Evidence[1].Text, "三北") {
		t.Errorf("evidence does not show the program: %+v", e.Evidence)
	}
}
