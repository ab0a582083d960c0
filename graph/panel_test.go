package graph_test

import (
	"testing"
)

type panelTargetsPage struct {
	PanelTargets struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Nodes []struct {
			Region struct{ Code, Name, Level string }
			Target struct {
				ID, Indicator, IndicatorCode, Qualifier string
				Value                                   float64
				Year                                    int
			}
		}
	}
}

// TestPanelTargets pages the targets panel: the same rows as the CSV,
// filters applied, pages that follow each other and a total that counts
// every row.
func TestPanelTargets(t *testing.T) {
	h := newHandler(corpus(t))
	const q = `query($f: PanelFilter, $a: String) { panelTargets(filter: $f, first: 3, after: $a) {
		totalCount pageInfo { hasNextPage endCursor } nodes { region { code name level } target { id indicator indicatorCode qualifier value year } } } }`
	f := map[string]any{"region": "内蒙古自治区", "indicator": "gdp", "years": map[string]any{"from": 2023}}
	var first, second panelTargetsPage
	data(t, h, q, map[string]any{"f": f}, &first)
	p := first.PanelTargets
	if p.TotalCount < 4 || len(p.Nodes) != 3 || !p.PageInfo.HasNextPage {
		t.Fatalf("first page: total %d, %d nodes, next %v", p.TotalCount, len(p.Nodes), p.PageInfo.HasNextPage)
	}
	if n := p.Nodes[0]; n.Region.Name != "内蒙古自治区" || n.Target.IndicatorCode != "gdp" || n.Target.Year < 2023 {
		t.Errorf("first row %+v, want a GDP figure of the province", n)
	}
	seen := map[string]bool{}
	for _, n := range p.Nodes {
		seen[n.Target.ID] = true
	}
	data(t, h, q, map[string]any{"f": f, "a": p.PageInfo.EndCursor}, &second)
	if second.PanelTargets.TotalCount != p.TotalCount {
		t.Errorf("total %d on the second page, %d on the first", second.PanelTargets.TotalCount, p.TotalCount)
	}
	for _, n := range second.PanelTargets.Nodes {
		if seen[n.Target.ID] {
			t.Errorf("row %s on both pages", n.Target.ID)
		}
		if n.Target.IndicatorCode != "gdp" || n.Target.Year < 2023 || n.Region.Code[:2] != "15" {
			t.Errorf("row %+v outside the filter", n)
		}
	}
	// No filter: every target of the corpus, counted.
	var all panelTargetsPage
	data(t, h, `{ panelTargets(first: 1) { totalCount } }`, nil, &all)
	if all.PanelTargets.TotalCount < 300 {
		t.Errorf("national panel: %d rows", all.PanelTargets.TotalCount)
	}
}

func TestPanelEntities(t *testing.T) {
	h := newHandler(corpus(t))
	var out struct {
		PanelEntities struct {
			TotalCount int
			Nodes      []struct {
				Region struct{ Name string }
				Report struct{ Year int }
				Entity struct {
					Name, Kind string
					Region     struct{ Name string }
				}
			}
		}
	}
	data(t, h, `{ panelEntities(filter: {region: "奈曼旗", years: {from: 2024, to: 2024}}, first: 100) { totalCount
		nodes { region { name } report { year } entity { name kind region { name } } } } }`, nil, &out)
	p := out.PanelEntities
	if p.TotalCount < 20 || len(p.Nodes) != min(100, p.TotalCount) {
		t.Fatalf("奈曼旗 2024: total %d, %d nodes", p.TotalCount, len(p.Nodes))
	}
	var policy bool
	for _, n := range p.Nodes {
		if n.Region.Name != "奈曼旗" || n.Report.Year != 2024 || n.Entity.Region.Name != "奈曼旗" {
			t.Fatalf("row %+v outside the filter", n)
		}
		policy = policy || n.Entity.Name == "政策落地工程"
	}
	if !policy {
		t.Error("no 政策落地工程 among 奈曼旗's 2024 entities")
	}
	for _, tt := range []struct{ q, code string }{
		{`{ panelEntities(filter: {indicator: "gdp"}) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ panelTargets(filter: {indicator: "幸福指数"}) { totalCount } }`, "NOT_FOUND"},
		{`{ panelTargets(filter: {region: "不存在市"}) { totalCount } }`, "NOT_FOUND"},
		{`{ panelTargets(first: 101) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ panelTargets(after: "xyz") { totalCount } }`, "BAD_USER_INPUT"},
	} {
		if resp := query(t, h, tt.q, nil); resp.code() != tt.code {
			t.Errorf("%s: %+v, want %s", tt.q, resp.Errors, tt.code)
		}
	}
}
