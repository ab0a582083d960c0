package graph_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// escalationPage is a targetEscalation answer as a test reads it.
type escalationPage struct {
	TargetEscalation struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Nodes []struct {
			Region        struct{ Name string }
			Status        string
			ParentStatus  *string
			Measure, Unit string
			Target        *struct {
				Value                float64
				Qualifier, Indicator string
			}
			ParentTarget *struct {
				Value     float64
				Qualifier string
			}
			NationalTarget    *struct{ Value float64 }
			Difference, Ratio *float64
			HigherThanParent  *bool
		}
		ByLevel []struct {
			Level                                 string
			Regions, Stated, NotStated, NotLoaded int
			Compared, Higher, Equal, Lower        int
			ShareHigher                           *float64
		}
	}
}

const escalationFields = `totalCount pageInfo { hasNextPage endCursor } nodes { region { name } status parentStatus measure unit
	target { value qualifier indicator } parentTarget { value qualifier } nationalTarget { value } difference ratio higherThanParent }
	byLevel { level regions stated notStated notLoaded compared higher equal lower shareHigher }`

// TestAnalystTargetEscalation asks the bundled corpus: 内蒙古自治区 set GDP
// growth of 6%以上 for 2024 and 锡林郭勒盟 6%左右 under it; 奈曼旗 set 8%以上
// with no 2024 report of 通辽市 to compare; the nation's 2023 report set 5%左右.
func TestAnalystTargetEscalation(t *testing.T) {
	h := newHandler(corpusWithNextYear(t))
	var out escalationPage
	data(t, h, `{ targetEscalation(filter: {indicator: "地区生产总值", year: 2024, region: "内蒙古自治区", measure: "增长", status: STATED}, first: 100) { `+escalationFields+` } }`, nil, &out)
	got := map[string]string{}
	for _, n := range out.TargetEscalation.Nodes {
		if n.Target == nil || n.Measure != "增长" || n.Unit != "%" {
			t.Fatalf("%s: %+v, want a stated growth target in %%", n.Region.Name, n)
		}
		row := n.Target.Qualifier
		if n.ParentTarget != nil {
			row += " under " + n.ParentTarget.Qualifier
		}
		if n.ParentStatus != nil {
			row += " " + *n.ParentStatus
		}
		got[n.Region.Name] = row
		switch n.Region.Name {
		case "锡林郭勒盟":
			if n.Target.Value != 6 || n.ParentTarget == nil || n.ParentTarget.Value != 6 || n.Difference == nil || *n.Difference != 0 ||
				n.Ratio == nil || *n.Ratio != 1 || n.HigherThanParent == nil || *n.HigherThanParent {
				t.Errorf("锡林郭勒盟: %+v, want 6 next to the province's 6: not higher", n)
			}
		case "奈曼旗":
			if n.Target.Value != 8 || n.ParentTarget != nil || n.Difference != nil || n.HigherThanParent != nil {
				t.Errorf("奈曼旗: %+v, want 8 with nothing to compare", n)
			}
		}
	}
	want := map[string]string{
		"内蒙古自治区": "AT_LEAST NOT_LOADED", // no national report of 2024
		"锡林郭勒盟":  "ABOUT under AT_LEAST STATED",
		"奈曼旗":    "AT_LEAST NOT_LOADED",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("stated rows %v, want %v", got, want)
	}
	levels := map[string]string{}
	for _, l := range out.TargetEscalation.ByLevel {
		share := "-"
		if l.ShareHigher != nil {
			share = fmt.Sprintf("%g", *l.ShareHigher)
		}
		levels[l.Level] = fmt.Sprintf("stated %d compared %d higher %d equal %d lower %d share %s", l.Stated, l.Compared, l.Higher, l.Equal, l.Lower, share)
		if l.Regions != l.Stated+l.NotStated+l.NotLoaded {
			t.Errorf("%s: %d regions, %d+%d+%d by status", l.Level, l.Regions, l.Stated, l.NotStated, l.NotLoaded)
		}
	}
	wantLevels := map[string]string{
		"PROVINCIAL":  "stated 1 compared 0 higher 0 equal 0 lower 0 share -",
		"PREFECTURAL": "stated 1 compared 1 higher 0 equal 1 lower 0 share 0",
		"COUNTY":      "stated 1 compared 0 higher 0 equal 0 lower 0 share -",
	}
	if !reflect.DeepEqual(levels, wantLevels) {
		t.Errorf("roll-up\n got %v\nwant %v", levels, wantLevels)
	}

	// The nation's 2023 target stands beside every 2023 row.
	data(t, h, `{ targetEscalation(filter: {indicator: "gdp", year: 2023, measure: "增长", status: STATED}, first: 100) { `+escalationFields+` } }`, nil, &out)
	nodes := out.TargetEscalation.Nodes
	if len(nodes) < 2 || nodes[0].Region.Name != "中华人民共和国" || nodes[0].Target == nil || nodes[0].Target.Indicator != "国内生产总值" {
		t.Fatalf("2023 rows %+v, want the nation first, stating 国内生产总值", nodes)
	}
	for _, n := range nodes[1:] {
		if n.NationalTarget == nil || n.NationalTarget.Value != nodes[0].Target.Value {
			t.Errorf("%s 2023: national target %+v, want the nation's %v", n.Region.Name, n.NationalTarget, nodes[0].Target.Value)
		}
	}
}

// TestAnalystTargetEscalationPagesAndFilters: the level and status filters
// narrow the rows, not the roll-up, and pages follow the cursor.
func TestAnalystTargetEscalationPagesAndFilters(t *testing.T) {
	h := newHandler(corpusWithNextYear(t))
	var all, page escalationPage
	data(t, h, `{ targetEscalation(filter: {indicator: "gdp", year: 2024, level: COUNTY}, first: 100) { `+escalationFields+` } }`, nil, &all)
	var county struct{ Regions, Stated, NotLoaded int }
	for _, l := range all.TargetEscalation.ByLevel {
		if l.Level == "COUNTY" {
			county.Regions, county.Stated, county.NotLoaded = l.Regions, l.Stated, l.NotLoaded
		}
	}
	if county.Regions < 2000 || all.TargetEscalation.TotalCount != county.Regions {
		t.Errorf("county rows %d, county regions %d: want one row per county (thousands, mostly not loaded)", all.TargetEscalation.TotalCount, county.Regions)
	}
	if len(all.TargetEscalation.ByLevel) != 4 {
		t.Errorf("roll-up of %d levels, want all 4 whatever the level filter", len(all.TargetEscalation.ByLevel))
	}
	data(t, h, `{ targetEscalation(filter: {indicator: "gdp", year: 2024, level: COUNTY, status: NOT_LOADED}, first: 2) { `+escalationFields+` } }`, nil, &page)
	if page.TargetEscalation.TotalCount != county.NotLoaded || len(page.TargetEscalation.Nodes) != 2 || !page.TargetEscalation.PageInfo.HasNextPage {
		t.Fatalf("not loaded counties: total %d (want %d), %d nodes", page.TargetEscalation.TotalCount, county.NotLoaded, len(page.TargetEscalation.Nodes))
	}
	for _, n := range page.TargetEscalation.Nodes {
		if n.Status != "NOT_LOADED" || n.Target != nil {
			t.Errorf("%s: %+v, want NOT_LOADED without a target", n.Region.Name, n)
		}
	}
	first := page.TargetEscalation.Nodes[1].Region.Name
	data(t, h, `query($a: String) { targetEscalation(filter: {indicator: "gdp", year: 2024, level: COUNTY, status: NOT_LOADED}, first: 2, after: $a) { `+escalationFields+` } }`,
		map[string]any{"a": page.TargetEscalation.PageInfo.EndCursor}, &page)
	if len(page.TargetEscalation.Nodes) != 2 || page.TargetEscalation.Nodes[0].Region.Name == first {
		t.Errorf("second page %+v repeats the first", page.TargetEscalation.Nodes)
	}
}

// TestAnalystTargetEscalationErrors: an unknown region, indicator or year
// is NOT_FOUND with a message naming it; a page beyond the bound is refused.
func TestAnalystTargetEscalationErrors(t *testing.T) {
	h := newHandler(corpusWithNextYear(t))
	tests := []struct {
		filter, code, names string
	}{
		{`{indicator: "gdp", year: 2024, region: "不存在市"}`, "NOT_FOUND", "不存在市"},
		{`{indicator: "幸福指数", year: 2024}`, "NOT_FOUND", "幸福指数"},
		{`{indicator: "gdp", year: 1990}`, "NOT_FOUND", "1990"},
		{`{indicator: "", year: 2024}`, "BAD_USER_INPUT", "indicator"},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			resp := query(t, h, `{ targetEscalation(filter: `+tt.filter+`) { totalCount } }`, nil)
			if resp.code() != tt.code || !strings.Contains(resp.Errors[0].Message, tt.names) {
				t.Errorf("errors %+v, want %s naming %s", resp.Errors, tt.code, tt.names)
			}
		})
	}
	if resp := query(t, h, `{ targetEscalation(filter: {indicator: "gdp", year: 2024}, first: 100000) { totalCount } }`, nil); resp.code() == "" {
		t.Error("first: 100000 answered, want a page-size error")
	}
}
