package graph_test

import (
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// TestTextReuse: 奈曼旗's 2024 task areas against the nearest report
// above of that year, 内蒙古自治区 2024 (通辽市 has none): sentences that
// copy a clause of the autonomous region's, with the likeness of each.
func TestTextReuse(t *testing.T) {
	h := newHandler(corpus(t))
	var out struct {
		TextReuse struct {
			Child, Parent struct {
				ID     string
				Region struct{ Name string }
			}
			Sentences, Reused int
			Share             *float64
			Method            string
			Pairs             struct {
				TotalCount int
				PageInfo   struct{ HasNextPage bool }
				Nodes      []struct {
					Child, Parent struct {
						Text   string
						Offset int
						Report struct{ ID string }
					}
					Matched    string
					Similarity float64
				}
			}
		}
	}
	data(t, h, `query($c: ID!) { textReuse(child: $c, first: 2) { child { id region { name } } parent { id region { name } } sentences reused share method
		pairs { totalCount pageInfo { hasNextPage } nodes { child { text offset report { id } } parent { text offset report { id } } matched similarity } } } }`,
		map[string]any{"c": kg.ReportID("150525", 2024)}, &out)
	r := out.TextReuse
	if r.Parent.ID != kg.ReportID("150000", 2024) || r.Parent.Region.Name != "内蒙古自治区" {
		t.Errorf("compared with %+v, want 内蒙古自治区 2024", r.Parent)
	}
	if r.Sentences < 50 || r.Reused < 3 || r.Share == nil || *r.Share <= 0 || r.Pairs.TotalCount != r.Reused || len(r.Pairs.Nodes) != 2 || !r.Pairs.PageInfo.HasNextPage {
		t.Fatalf("reuse %+v", r)
	}
	for _, p := range r.Pairs.Nodes {
		if p.Child.Report.ID != r.Child.ID || p.Parent.Report.ID != r.Parent.ID || p.Similarity < 0.5 || p.Similarity > 1 || p.Matched == "" {
			t.Errorf("pair %+v", p)
		}
	}
	if r.Pairs.Nodes[0].Child.Text != "建设宜居和美乡村。" || r.Pairs.Nodes[0].Matched != "建设宜居宜业和美乡村。" {
		t.Errorf("first pair %+v, want 建设宜居和美乡村 against 建设宜居宜业和美乡村", r.Pairs.Nodes[0])
	}
	for _, tc := range []struct {
		query, code string
	}{
		{`{ textReuse(child: "report/150525/1999") { reused } }`, "NOT_FOUND"},
		{`{ textReuse(child: "report/000000/2023") { reused } }`, "NOT_FOUND"}, // the nation has no region above
		{`{ textReuse(child: "report/150525/2024", minSimilarity: 0) { reused } }`, "BAD_USER_INPUT"},
		{`{ textReuse(child: "report/150525/2024", first: 1000) { reused } }`, "BAD_USER_INPUT"},
	} {
		if resp := query(t, h, tc.query, nil); resp.code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.query, resp.Errors, tc.code)
		}
	}
}
