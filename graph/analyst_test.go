package graph_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	corpusdata "github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/statistics"
)

// corpusWithNextYear is the bundled corpus plus a 2025 report of 奈曼旗
// (../testdata/next-year), loaded through the real ingest path,
// so a region has two years to compare.
func corpusWithNextYear(t testing.TB) kg.Store {
	t.Helper()
	s := corpus(t)
	loadNextYear(t, s)
	return s
}

// loadCorpusWithNextYear loads the bundled corpus and the next-year report
// into s.
func loadCorpusWithNextYear(t testing.TB, s kg.Store) {
	t.Helper()
	tree, err := division.Load()
	must(t, err)
	res, err := (&ingest.Ingester{Store: s, Regions: tree}).LoadFS(context.Background(), corpusdata.Reports())
	must(t, err)
	if len(res.Skipped) > 0 {
		t.Fatalf("bundled reports skipped: %v", res.Skipped)
	}
	loadNextYear(t, s)
}

func loadNextYear(t testing.TB, s kg.Store) {
	t.Helper()
	tree, err := division.Load()
	must(t, err)
	res, err := (&ingest.Ingester{Store: s, Regions: tree}).LoadFS(context.Background(), os.DirFS("../testdata/next-year"))
	must(t, err)
	if len(res.Loaded) != 1 {
		t.Fatalf("testdata: loaded %v, skipped %v", res.Loaded, res.Skipped)
	}
}

func TestAnalystSpread(t *testing.T) {
	h := newHandler(corpus(t))
	six := find(t, h, "六个工程", "PROGRAM", "内蒙古自治区")
	var out struct {
		Spread struct {
			Root    struct{ Name string }
			Members []struct{ Name string }
			Levels  []struct {
				Level   string
				Regions []struct {
					Region struct{ Name string }
					Links  []struct {
						Entity     struct{ Name string }
						Implements struct {
							Name   string
							Region struct{ Name string }
						}
						Method     string
						Confidence float64
						Evidence   []struct{ Text string }
					}
				}
			}
			Gaps            []struct{ Name string }
			UnreportedCount int
			Coverage        float64
		}
	}
	data(t, h, `query($id: ID!) { spread(id: $id) {
		root { name } members { name }
		levels { level regions { region { name } links { entity { name } implements { name region { name } } method confidence evidence { text } } } }
		gaps { name } unreportedCount coverage } }`, map[string]any{"id": six.ID}, &out)
	sp := out.Spread
	if len(sp.Members) != 6 {
		t.Errorf("members %v, want the six 工程", sp.Members)
	}
	byLevel := map[string][]string{}
	var naimanPolicy bool
	for _, l := range sp.Levels {
		for _, r := range l.Regions {
			byLevel[l.Level] = append(byLevel[l.Level], r.Region.Name)
			for _, link := range r.Links {
				if len(link.Evidence) != 2 || link.Confidence <= 0 {
					t.Errorf("%s %s → %s: evidence %d, confidence %v", r.Region.Name, link.Entity.Name, link.Implements.Name, len(link.Evidence), link.Confidence)
				}
				if r.Region.Name == "奈曼旗" && link.Entity.Name == "政策落地工程" && link.Implements.Region.Name == "内蒙古自治区" {
					naimanPolicy = true
				}
			}
		}
	}
	if got := strings.Join(byLevel["PREFECTURAL"], ","); !strings.Contains(got, "通辽市") {
		t.Errorf("prefectures %s, want 通辽市 among them", got)
	}
	if got := strings.Join(byLevel["COUNTY"], ","); got != "奈曼旗" {
		t.Errorf("counties %s, want 奈曼旗", got)
	}
	if !naimanPolicy {
		t.Error("奈曼旗's 政策落地工程 should implement the autonomous region's, through which the spread reaches it")
	}
	var gaps []string
	for _, g := range sp.Gaps {
		gaps = append(gaps, g.Name)
	}
	if strings.Contains(strings.Join(gaps, ","), "奈曼旗") || strings.Contains(strings.Join(gaps, ","), "通辽市") {
		t.Errorf("gaps %v include a region that takes it up", gaps)
	}
	// 115 regions below the autonomous region; each is in the spread, a gap or unreported.
	if n := len(byLevel["PREFECTURAL"]) + len(byLevel["COUNTY"]) + len(gaps) + sp.UnreportedCount; n != 115 {
		t.Errorf("spread + gaps + unreported = %d, want the 115 regions below 内蒙古自治区", n)
	}
	if sp.Coverage <= 0 || sp.Coverage > 1 {
		t.Errorf("coverage %v", sp.Coverage)
	}
}

func TestAnalystPath(t *testing.T) {
	h := newHandler(corpus(t))
	policy := find(t, h, "政策落地工程", "PROGRAM", "奈曼旗")
	six := find(t, h, "六个工程", "PROGRAM", "内蒙古自治区")
	industry := find(t, h, "工业倍增行动", "INITIATIVE", "奈曼旗")
	type hop struct {
		From, To struct {
			Name   string
			Region struct{ Name string }
		}
		Type     string
		Forward  bool
		Evidence []struct{ Text string }
	}
	var out struct {
		Path *struct {
			Length int
			Hops   []hop
		}
	}
	q := `query($from: ID!, $to: ID!) { path(from: $from, to: $to) { length hops { from { name region { name } } to { name region { name } } type forward evidence { text } } } }`
	data(t, h, q, map[string]any{"from": policy.ID, "to": six.ID}, &out)
	if out.Path == nil || out.Path.Length > 2 {
		t.Fatalf("path 奈曼旗 政策落地工程 → 内蒙古自治区 “六个工程”: %+v, want at most 2 hops", out.Path)
	}
	last := out.Path.Hops[len(out.Path.Hops)-1]
	if last.To.Region.Name != "内蒙古自治区" || !strings.Contains(last.To.Name, "六个工程") {
		t.Errorf("path ends at %+v", last.To)
	}
	for _, hp := range out.Path.Hops {
		if len(hp.Evidence) == 0 || hp.Evidence[0].Text == "" {
			t.Errorf("hop %s → %s has no evidence", hp.From.Name, hp.To.Name)
		}
	}
	// 奈曼旗's 2024 report cannot take up what 通辽市 first wrote in 2025:
	// no direct IMPLEMENTS hop to the city.
	data(t, h, q, map[string]any{"from": industry.ID, "to": kg.RegionID("150500")}, &out)
	if out.Path != nil && out.Path.Length == 1 {
		t.Errorf("path 奈曼旗 2024 工业倍增行动 → 通辽市 2025: %+v, want no direct hop to a later report", out.Path)
	}
	// Its 2025 report takes up 通辽市's 2025 “工业倍增”行动: one hop to the city.
	hn := newHandler(corpusWithNextYear(t))
	var next struct{ Search []struct{ ID string } }
	data(t, hn, `{ search(text: "工业倍增行动", kind: INITIATIVE, region: "奈曼旗", yearFrom: 2025) { id } }`, nil, &next)
	if len(next.Search) == 0 {
		t.Fatal("no 工业倍增行动 in 奈曼旗's 2025 report")
	}
	data(t, hn, q, map[string]any{"from": next.Search[0].ID, "to": kg.RegionID("150500")}, &out)
	if out.Path == nil || out.Path.Length != 1 || out.Path.Hops[0].Type != "IMPLEMENTS" || !out.Path.Hops[0].Forward {
		t.Errorf("path 奈曼旗 2025 工业倍增行动 → 通辽市: %+v, want one forward IMPLEMENTS hop", out.Path)
	}
	if resp := query(t, h, q, map[string]any{"from": industry.ID, "to": "region/999999"}); resp.code() != "NOT_FOUND" {
		t.Errorf("unknown target: %+v, want NOT_FOUND", resp.Errors)
	}
	if resp := query(t, h, `{ path(from: "x", to: "y", maxHops: 99) { length } }`, nil); resp.code() != "BAD_USER_INPUT" {
		t.Errorf("maxHops 99: %+v, want BAD_USER_INPUT", resp.Errors)
	}
}

func TestAnalystTargetComparison(t *testing.T) {
	h := newHandler(corpusWithNextYear(t))
	var out struct {
		TargetComparison struct {
			TotalCount int
			Nodes      []struct {
				Region  struct{ Name, Level string }
				Year    int
				Measure string
				Target  *struct {
					Value     float64
					Qualifier string
				}
				Result *struct {
					Value    float64
					Evidence struct{ Report struct{ Year int } }
				}
				Difference *float64
				Met        *bool
			}
		}
	}
	data(t, h, `{ targetComparison(filter: {indicator: "地区生产总值", region: "内蒙古自治区", measure: "增长"}, first: 100) { totalCount nodes {
		region { name level } year measure target { value qualifier } result { value evidence { report { year } } } difference met } } }`, nil, &out)
	rows := out.TargetComparison.Nodes
	if out.TargetComparison.TotalCount != len(rows) {
		t.Errorf("totalCount %d, %d rows on one page of 100", out.TargetComparison.TotalCount, len(rows))
	}
	if len(rows) == 0 || rows[0].Region.Level != "PROVINCIAL" {
		t.Fatalf("rows %+v, want the province first", rows)
	}
	var naiman2024 bool
	for _, r := range rows {
		if r.Measure != "增长" {
			t.Errorf("%s %d: measure %q, want only growth", r.Region.Name, r.Year, r.Measure)
		}
		if r.Region.Name == "奈曼旗" && r.Year == 2024 {
			naiman2024 = true
			// 2024 report: 增长8%以上; 2025 report: 2024 增长7.2%.
			if r.Target == nil || r.Target.Value != 8 || r.Result == nil || r.Result.Value != 7.2 || r.Result.Evidence.Report.Year != 2025 {
				t.Fatalf("奈曼旗 2024: %+v", r)
			}
			if r.Met == nil || *r.Met || r.Difference == nil || *r.Difference > -0.79 || *r.Difference < -0.81 {
				t.Errorf("奈曼旗 2024: met %v difference %v, want missed by 0.8", r.Met, r.Difference)
			}
		}
	}
	if !naiman2024 {
		t.Error("no row for 奈曼旗 2024")
	}
	if resp := query(t, h, `{ targetComparison(filter: {indicator: "地区生产总值", region: "不存在市"}) { totalCount } }`, nil); resp.code() != "NOT_FOUND" {
		t.Errorf("unknown region: %+v", resp.Errors)
	}
	// The code and any known wording of the indicator line up the same rows.
	var byCode struct {
		TargetComparison struct {
			TotalCount int
			Nodes      []struct {
				Target *struct{ Indicator, IndicatorCode string }
			}
		}
	}
	for _, name := range []string{"gdp", "生产总值"} {
		data(t, h, `query($i: String!) { targetComparison(filter: {indicator: $i, region: "内蒙古自治区", measure: "增长"}, first: 100) {
			totalCount nodes { target { indicator indicatorCode } } } }`, map[string]any{"i": name}, &byCode)
		if byCode.TargetComparison.TotalCount != out.TargetComparison.TotalCount {
			t.Errorf("indicator %s: %d rows, want the %d of 地区生产总值", name, byCode.TargetComparison.TotalCount, out.TargetComparison.TotalCount)
		}
		for _, r := range byCode.TargetComparison.Nodes {
			if r.Target != nil && r.Target.IndicatorCode != "gdp" {
				t.Errorf("indicator %s: target %+v, want indicatorCode gdp", name, r.Target)
			}
		}
	}
}

// TestAnalystTargetWordingShift: 河北省's 2026 GDP growth target sits
// beside its 2025 one, both 5%以上: no qualifier shift, no value change.
func TestAnalystTargetWordingShift(t *testing.T) {
	h := newHandler(corpus(t))
	var out struct {
		TargetComparison struct {
			Nodes []struct {
				Year           int
				Target         *struct{ Value float64 }
				PreviousTarget *struct {
					Value     float64
					Qualifier string
				}
				QualifierShift *string
				ValueChange    *float64
			}
		}
	}
	data(t, h, `{ targetComparison(filter: {indicator: "gdp", region: "河北省", measure: "增长"}) { nodes {
		year target { value } previousTarget { value qualifier } qualifierShift valueChange } } }`, nil, &out)
	var checked bool
	for _, n := range out.TargetComparison.Nodes {
		switch n.Year {
		case 2025:
			if n.PreviousTarget != nil {
				t.Errorf("2025: previous target %+v, but no 2024 report of 河北省 is loaded", n.PreviousTarget)
			}
		case 2026:
			checked = true
			if n.PreviousTarget == nil || n.PreviousTarget.Value != 5 || n.PreviousTarget.Qualifier != "AT_LEAST" ||
				n.QualifierShift != nil || n.ValueChange == nil || *n.ValueChange != 0 {
				t.Errorf("2026: %+v, want 2025's 5%%以上 before it, unchanged", n)
			}
		}
	}
	if !checked {
		t.Errorf("no 2026 row for 河北省: %+v", out.TargetComparison.Nodes)
	}
}

func TestAnalystReportDiff(t *testing.T) {
	h := newHandler(corpusWithNextYear(t))
	var out struct {
		ReportDiff struct {
			From, To  struct{ Year int }
			New       []struct{ Name string }
			Continued []struct {
				From, To struct {
					Name   string
					Report struct{ Year int }
				}
				Method string
			}
			Dropped []struct{ Name string }
		}
	}
	data(t, h, `{ reportDiff(region: "奈曼", fromYear: 2024) { from { year } to { year }
		new { name } continued { from { name report { year } } to { name report { year } } method } dropped { name } } }`, nil, &out)
	d := out.ReportDiff
	if d.From.Year != 2024 || d.To.Year != 2025 {
		t.Fatalf("diff of %d → %d", d.From.Year, d.To.Year)
	}
	var continued, added []string
	for _, c := range d.Continued {
		if c.From.Report.Year != 2024 || c.To.Report.Year != 2025 {
			t.Errorf("pair %s → %s spans %d → %d", c.From.Name, c.To.Name, c.From.Report.Year, c.To.Report.Year)
		}
		continued = append(continued, c.To.Name)
	}
	for _, n := range d.New {
		added = append(added, n.Name)
	}
	sort.Strings(continued)
	for _, want := range []string{"政策落地工程", "温暖工程", "工业倍增行动"} {
		if !containsFold(continued, want) {
			t.Errorf("continued %v lacks %s", continued, want)
		}
	}
	if !containsFold(added, "数字经济赋能行动") {
		t.Errorf("new %v lacks 数字经济赋能行动", added)
	}
	var dropped []string
	for _, x := range d.Dropped {
		dropped = append(dropped, x.Name)
	}
	if !containsFold(dropped, "招商引资创新年行动") || containsFold(dropped, "政策落地工程") {
		t.Errorf("dropped %v: want 招商引资创新年行动 and not the continued 政策落地工程", dropped)
	}
	if resp := query(t, h, `{ reportDiff(region: "锡盟", fromYear: 2024) { new { name } } }`, nil); resp.code() != "NOT_FOUND" {
		t.Errorf("no 2025 report of 锡盟: %+v, want NOT_FOUND", resp.Errors)
	}
}

func TestAnalystStats(t *testing.T) {
	h := newHandler(corpusWithNextYear(t))
	type tally struct{ Reports, Programs, Initiatives, Projects, Targets, Results int }
	var out struct {
		Region struct {
			Stats struct {
				Total   tally
				ByLevel []struct {
					Level  string
					Counts tally
				}
				ByYear []struct {
					Year   int
					Counts tally
				}
				Cells []struct {
					Level  string
					Year   int
					Counts tally
				}
			}
		}
	}
	q := `query($y: YearRange) { region(name: "内蒙古自治区") { stats(years: $y) { total { reports programs initiatives projects targets results }
		byLevel { level counts { reports projects } } byYear { year counts { reports } } cells { level year counts { reports } } } } }`
	data(t, h, q, nil, &out)
	st := out.Region.Stats
	// 内蒙古自治区 2024, 通辽市 2025, 锡林郭勒盟 2024, 奈曼旗 2024 and 2025,
	// 准格尔旗 2023, 海拉尔区 2012, 2013 and 2017.
	if st.Total.Reports != 9 || st.Total.Projects < 58 || st.Total.Targets == 0 || st.Total.Results == 0 {
		t.Errorf("total %+v: want 9 reports, at least the 58 民生实事 projects, targets and results", st.Total)
	}
	levels := map[string]int{}
	sum := 0
	for _, l := range st.ByLevel {
		levels[l.Level] = l.Counts.Reports
		sum += l.Counts.Projects
	}
	if levels["PROVINCIAL"] != 1 || levels["PREFECTURAL"] != 2 || levels["COUNTY"] != 6 || sum != st.Total.Projects {
		t.Errorf("by level %v (projects %d of %d)", levels, sum, st.Total.Projects)
	}
	if len(st.ByYear) == 0 || st.ByYear[0].Year != 2025 || st.ByYear[0].Counts.Reports != 2 {
		t.Errorf("by year %+v, want 2025 first with 2 reports", st.ByYear)
	}
	data(t, h, q, map[string]any{"y": map[string]any{"from": 2025}}, &out)
	if out.Region.Stats.Total.Reports != 2 {
		t.Errorf("2025 on: %+v, want 2 reports", out.Region.Stats.Total)
	}
}

func TestAnalystSearchFacetsHighlights(t *testing.T) {
	h := newHandler(corpus(t))
	var out struct {
		SearchConnection struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Name   string
					Report struct{ Year int }
				}
				Highlights []struct {
					Field  string
					Text   string
					Ranges []struct{ Start, Length int }
				}
			}
			Facets struct {
				Kinds, Levels, Years []struct {
					Value string
					Count int
				}
				Regions []struct {
					Region struct{ Name string }
					Count  int
				}
			}
		}
	}
	q := `query($f: SearchFilter, $o: SearchOrder) { searchConnection(text: "温暖工程", first: 50, filter: $f, orderBy: $o) { totalCount
		edges { node { name report { year } } highlights { field text ranges { start length } } }
		facets { kinds { value count } levels { value count } years { value count } regions { region { name } count } } } }`
	data(t, h, q, map[string]any{"f": map[string]any{"region": "内蒙古自治区"}}, &out)
	c := out.SearchConnection
	if c.TotalCount == 0 {
		t.Fatal("no hits for 温暖工程")
	}
	for _, e := range c.Edges {
		if len(e.Highlights) == 0 {
			t.Errorf("%s: no highlight", e.Node.Name)
		}
		for _, hl := range e.Highlights {
			runes := []rune(hl.Text)
			for _, r := range hl.Ranges {
				if r.Start+r.Length > len(runes) || string(runes[r.Start:r.Start+r.Length]) != "温暖工程" {
					t.Errorf("%s %s: range %+v does not mark 温暖工程 in %q", e.Node.Name, hl.Field, r, hl.Text)
				}
			}
		}
	}
	for name, facet := range map[string][]struct {
		Value string
		Count int
	}{"kinds": c.Facets.Kinds, "levels": c.Facets.Levels, "years": c.Facets.Years} {
		sum := 0
		for _, f := range facet {
			sum += f.Count
		}
		if sum != c.TotalCount {
			t.Errorf("%s facet adds up to %d, want totalCount %d", name, sum, c.TotalCount)
		}
	}
	var regions []string
	for _, r := range c.Facets.Regions {
		regions = append(regions, r.Region.Name)
	}
	for _, want := range []string{"内蒙古自治区", "通辽市", "奈曼旗"} {
		if !containsFold(regions, want) {
			t.Errorf("region facet %v lacks %s", regions, want)
		}
	}
	data(t, h, q, map[string]any{"f": map[string]any{"years": map[string]any{"from": 2025}}}, &out)
	for _, e := range out.SearchConnection.Edges {
		if e.Node.Report.Year < 2025 {
			t.Errorf("years from 2025: hit %s of %d", e.Node.Name, e.Node.Report.Year)
		}
	}
	data(t, h, q, map[string]any{"o": "YEAR_ASC"}, &out)
	for i := 1; i < len(out.SearchConnection.Edges); i++ {
		if a, b := out.SearchConnection.Edges[i-1].Node.Report.Year, out.SearchConnection.Edges[i].Node.Report.Year; a > b {
			t.Fatalf("YEAR_ASC: %d before %d", a, b)
		}
	}
	if resp := query(t, h, `{ searchConnection(text: "温暖工程", kind: PROGRAM, filter: {level: COUNTY}) { totalCount } }`, nil); resp.code() != "BAD_USER_INPUT" {
		t.Errorf("flat and filter arguments together: %+v, want BAD_USER_INPUT", resp.Errors)
	}
}

func TestAnalystConnections(t *testing.T) {
	h := newHandler(corpus(t))
	six := find(t, h, "六个工程", "PROGRAM", "内蒙古自治区")
	type conn struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
		Nodes []struct{ ID string }
	}
	// Walk every page of each connection; the pages together must equal the plain list.
	cases := []struct {
		name, paged, plain string
		vars               map[string]any
	}{
		{"trace", `query($id: ID!, $after: String) { c: traceConnection(id: $id, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
			`query($id: ID!) { c: trace(id: $id) { id } }`, map[string]any{"id": six.ID}},
		{"report entities", `query($after: String) { reports(region: "奈曼旗") { c: entitiesConnection(kind: PROGRAM, first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
			`{ reports(region: "奈曼旗") { c: entities(kind: PROGRAM) { id } } }`, nil},
		{"descendants", `query($after: String) { region(name: "通辽市") { c: descendantsConnection(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
			`{ region(name: "通辽市") { c: descendants { id } } }`, nil},
		{"spread regions", `query($id: ID!, $after: String) { spread(id: $id) { c: regionsConnection(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { region { id } } } } }`,
			`query($id: ID!) { spread(id: $id) { regions { region { id } } } }`, map[string]any{"id": six.ID}},
		// 全面节约战略 has two gaps (六个工程 none: every region with a 2024
		// report or later takes it up).
		{"spread gaps", `query($id: ID!, $after: String) { spread(id: $id) { c: gapsConnection(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
			`query($id: ID!) { spread(id: $id) { gaps { id } } }`, map[string]any{"id": find(t, h, "全面节约战略", "PROGRAM", "内蒙古自治区").ID}},
		{"spread links", `query($id: ID!, $after: String) { spread(id: $id) { regionsConnection(first: 1) { nodes { c: linksConnection(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { entity { id } } } } } } }`,
			`query($id: ID!) { spread(id: $id) { regionsConnection(first: 1) { nodes { links { entity { id } } } } } }`, map[string]any{"id": six.ID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var plain []string
			var raw map[string]any
			data(t, h, tc.plain, tc.vars, &raw)
			collectIDs(raw, &plain)
			var paged []string
			var after any
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatal("paging does not end")
				}
				vars := map[string]any{"after": after}
				for k, v := range tc.vars {
					vars[k] = v
				}
				var page map[string]any
				data(t, h, tc.paged, vars, &page)
				c := findConn(page)
				if int(c["totalCount"].(float64)) != len(plain) {
					t.Fatalf("totalCount %v, want %d", c["totalCount"], len(plain))
				}
				collectIDs(c["nodes"], &paged)
				pi := c["pageInfo"].(map[string]any)
				if !pi["hasNextPage"].(bool) {
					break
				}
				after = pi["endCursor"]
			}
			if strings.Join(paged, ",") != strings.Join(plain, ",") || len(plain) == 0 {
				t.Errorf("pages give %d ids, the list %d", len(paged), len(plain))
			}
		})
	}
	if resp := query(t, h, `query($id: ID!) { traceConnection(id: $id, first: 101) { totalCount } }`, map[string]any{"id": six.ID}); resp.code() != "BAD_USER_INPUT" {
		t.Errorf("first 101: %+v, want BAD_USER_INPUT", resp.Errors)
	}
	if resp := query(t, h, `query($id: ID!) { spread(id: $id) { regionsConnection(first: 101) { totalCount } } }`, map[string]any{"id": six.ID}); resp.code() != "BAD_USER_INPUT" {
		t.Errorf("spread first 101: %+v, want BAD_USER_INPUT", resp.Errors)
	}
	// A level's connection, and the level filter, count what the level's list holds.
	var out struct {
		Spread struct {
			Levels []struct {
				Level             string
				Regions           []struct{ Region struct{ ID string } }
				RegionsConnection struct{ TotalCount int }
			}
			County struct{ TotalCount int }
		}
	}
	data(t, h, `query($id: ID!) { spread(id: $id) { levels { level regions { region { id } } regionsConnection(first: 1) { totalCount } }
		county: regionsConnection(level: COUNTY, first: 1) { totalCount } } }`, map[string]any{"id": six.ID}, &out)
	for _, l := range out.Spread.Levels {
		if l.RegionsConnection.TotalCount != len(l.Regions) {
			t.Errorf("level %s: totalCount %d, %d regions", l.Level, l.RegionsConnection.TotalCount, len(l.Regions))
		}
		if l.Level == "COUNTY" && out.Spread.County.TotalCount != len(l.Regions) {
			t.Errorf("level filter COUNTY: totalCount %d, %d regions", out.Spread.County.TotalCount, len(l.Regions))
		}
	}
}

// findConn returns the object under the alias c anywhere in v.
func findConn(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		if c, ok := x["c"].(map[string]any); ok {
			return c
		}
		for _, y := range x {
			if c := findConn(y); c != nil {
				return c
			}
		}
	case []any:
		for _, y := range x {
			if c := findConn(y); c != nil {
				return c
			}
		}
	}
	return nil
}

// collectIDs appends every "id" value under v, depth first in order.
func collectIDs(v any, ids *[]string) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["id"].(string); ok {
			*ids = append(*ids, id)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			collectIDs(x[k], ids)
		}
	case []any:
		for _, y := range x {
			collectIDs(y, ids)
		}
	}
}

func TestNodeFindsTargets(t *testing.T) {
	c, calls := countCalls(corpus(t))
	h := newHandler(c)
	var reps struct {
		Reports []struct {
			Targets []struct{ ID, Indicator string }
		}
	}
	data(t, h, `{ reports(region: "奈曼旗") { targets { id indicator } } }`, nil, &reps)
	if len(reps.Reports) != 1 || len(reps.Reports[0].Targets) == 0 {
		t.Fatalf("reports %+v", reps)
	}
	for _, want := range reps.Reports[0].Targets {
		var out struct {
			Node *struct {
				Typename  string `json:"__typename"`
				ID        string
				Indicator string
			}
		}
		calls.Store(0)
		data(t, h, `query($id: ID!) { node(id: $id) { __typename id ... on Target { indicator } } }`, map[string]any{"id": want.ID}, &out)
		if n := calls.Load(); n != 1 {
			t.Errorf("node(%s) took %d store calls, want 1 (the target getter)", want.ID, n)
		}
		if out.Node == nil || out.Node.Typename != "Target" || out.Node.ID != want.ID || out.Node.Indicator != want.Indicator {
			t.Errorf("node(%s) = %+v, want the Target %s", want.ID, out.Node, want.Indicator)
		}
	}
	for _, id := range []string{"target/150525/2024/000000000000", "target/bad"} {
		var out struct{ Node *struct{ ID string } }
		data(t, h, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &out)
		if out.Node != nil {
			t.Errorf("node(%s) = %+v, want null", id, out.Node)
		}
	}
}

// TestAnalystTargetDropped: 海拉尔区's 2012 report set whole-district
// fixed-asset investment growth (25%); its 2013 report states only the
// district level's own (区本级固定资产投资), so 2013 gets a row saying
// the target was dropped. Its jobs target is restated (5000 → 5400), and
// the nation's 2022, with no 2022 report, is not loaded.
func TestAnalystTargetDropped(t *testing.T) {
	h := newHandler(corpus(t))
	type row struct {
		Region         struct{ Name string }
		Year           int
		Measure        string
		Status         string
		TargetDropped  bool
		Target         *struct{ Value float64 }
		PreviousTarget *struct{ Value float64 }
	}
	find := func(indicator, region string, year int, measure string) *row {
		var out struct {
			TargetComparison struct{ Nodes []row }
		}
		data(t, h, `query($i: String!, $r: String) { targetComparison(filter: {indicator: $i, region: $r}, first: 100) { nodes {
			region { name } year measure status targetDropped target { value } previousTarget { value } } } }`,
			map[string]any{"i": indicator, "r": region}, &out)
		for _, n := range out.TargetComparison.Nodes {
			if n.Region.Name == region && n.Year == year && n.Measure == measure {
				return &n
			}
		}
		t.Fatalf("no %s row of %s %d (%s): %+v", indicator, region, year, measure, out.TargetComparison.Nodes)
		return nil
	}
	if r := find("fixed_asset_investment", "海拉尔区", 2013, "增长"); r.Status != "NOT_STATED" || !r.TargetDropped || r.Target != nil ||
		r.PreviousTarget == nil || r.PreviousTarget.Value != 25 {
		t.Errorf("海拉尔区 2013 investment: %+v, want the 2012 target of 25%% dropped", r)
	}
	if r := find("urban_new_jobs", "海拉尔区", 2013, ""); r.Status != "STATED" || r.TargetDropped || r.Target == nil || r.Target.Value != 5400 ||
		r.PreviousTarget == nil || r.PreviousTarget.Value != 5000 {
		t.Errorf("海拉尔区 2013 jobs: %+v, want 5400 after 5000", r)
	}
	if r := find("gdp", "中华人民共和国", 2022, "增长"); r.Status != "NOT_LOADED" || r.TargetDropped {
		t.Errorf("the nation's 2022 (a result, no report): %+v", r)
	}
}

// TestAnalystTargetsAgainstStatistics: a statistics CSV, read and loaded
// as -stats does, gives 河北省's 2026 GDP growth (no 2027 report says
// it) and 海拉尔区's 2012, whose 2013 report gives a result that wins.
func TestAnalystTargetsAgainstStatistics(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	csv := "region_code,year,indicator,value,unit,measure\n130000,2026,地区生产总值,5.2,%,增长\n150702,2012,gdp,19,%,增长\n150702,2012,gdp,x,%,增长\n"
	res, err := statistics.Load(ctx, s, "yearbook.csv", []byte(csv))
	if err != nil || res.Loaded != 2 || len(res.Problems) != 1 {
		t.Fatalf("load statistics: %+v %v", res, err)
	}
	h := newHandler(s)
	type row struct {
		Region    struct{ Name string }
		Year      int
		Target    *struct{ Value float64 }
		Result    *struct{ Value float64 }
		Statistic *struct {
			Value             float64
			Indicator, Source string
			IndicatorCode     *string
			Line              int
		}
		RealisedFrom *string
		Difference   *float64
		Met          *bool
	}
	var out struct {
		TargetComparison struct{ Nodes []row }
	}
	data(t, h, `{ targetComparison(filter: {indicator: "gdp", measure: "增长", years: {from: 2012}}, first: 100) { nodes {
		region { name } year target { value } result { value } statistic { value indicator indicatorCode source line } realisedFrom difference met } } }`, nil, &out)
	got := map[string]row{}
	for _, n := range out.TargetComparison.Nodes {
		got[fmt.Sprintf("%s %d", n.Region.Name, n.Year)] = n
	}
	hebei := got["河北省 2026"]
	if hebei.Target == nil || hebei.Result != nil || hebei.Statistic == nil || hebei.Statistic.Value != 5.2 || hebei.Statistic.Source != "yearbook.csv" ||
		hebei.Statistic.Line != 2 || hebei.Statistic.IndicatorCode == nil || *hebei.Statistic.IndicatorCode != "gdp" ||
		hebei.RealisedFrom == nil || *hebei.RealisedFrom != "STATISTICS" || hebei.Met == nil || !*hebei.Met || hebei.Difference == nil || *hebei.Difference != 0.2 {
		t.Errorf("河北省 2026: %+v", hebei)
	}
	hailar := got["海拉尔区 2012"]
	if hailar.Result == nil || hailar.Statistic == nil || hailar.Statistic.Value != 19 || hailar.RealisedFrom == nil || *hailar.RealisedFrom != "REPORT" ||
		hailar.Difference == nil || *hailar.Difference != hailar.Result.Value-hailar.Target.Value {
		t.Errorf("海拉尔区 2012: %+v, want the report's result to judge it", hailar)
	}
}
