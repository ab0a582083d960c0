package analysis_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
)

func TestSpread(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	sp, err := analysis.SpreadOf(ctx, s, provReport.entityID("六个工程"))
	must(t, err)
	members := names(sp.Members)
	sort.Strings(members)
	if want := []string{"政策落地工程", "温暖工程"}; !reflect.DeepEqual(members, want) {
		t.Errorf("members %v, want %v", members, want)
	}
	type link struct{ region, entity, implements, implementsRegion string }
	var got []link
	for _, sr := range sp.Regions {
		for _, l := range sr.Links {
			got = append(got, link{sr.Region.Name, l.Entity.Name, l.Implements.Name, l.Implements.RegionID})
			if len(l.Edge.Evidence) != 2 {
				t.Errorf("%s → %s: evidence %v, want both sides", l.Entity.ID, l.Implements.ID, l.Edge.Evidence)
			}
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].region+got[i].entity < got[j].region+got[j].entity })
	want := []link{
		{"奈曼旗", "政策落地工程", "政策落地工程", province.ID},
		{"奈曼旗", "温暖工程", "温暖工程", city.ID}, // through the city's member of its own “六个工程”
		{"通辽市", "六个工程", "六个工程", province.ID},
		{"通辽市", "温暖工程", "温暖工程", province.ID},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links\n got %v\nwant %v", got, want)
	}
	if order := []string{sp.Regions[0].Region.Name, sp.Regions[1].Region.Name}; !reflect.DeepEqual(order, []string{"通辽市", "奈曼旗"}) {
		t.Errorf("regions in order %v, want the higher level first", order)
	}
	if g := regionNames(sp.Gaps); !reflect.DeepEqual(g, []string{"锡林郭勒盟"}) {
		t.Errorf("gaps %v, want the league whose report never takes it up", g)
	}
	if sp.Unreported != 2 {
		// 开鲁县's only report (2023) predates the 2024 program: not a gap.
		t.Errorf("unreported %d, want 2 (库伦旗 has no report, 开鲁县 none of 2024 or later)", sp.Unreported)
	}
	if _, err := analysis.SpreadOf(ctx, s, "entity/none"); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("unknown id: %v, want not found", err)
	}
}

func TestPath(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	type hop struct {
		from, to string
		typ      kg.EdgeType
		forward  bool
	}
	tests := []struct {
		name     string
		from, to string
		want     []hop // nil: no path
	}{
		{"up through the city's program", bannerReport.entityID("温暖工程"), provReport.entityID("六个工程"), []hop{
			{bannerReport.entityID("温暖工程"), cityReport.entityID("温暖工程"), kg.EdgeImplements, true},
			{cityReport.entityID("温暖工程"), cityReport.entityID("六个工程"), kg.EdgePartOf, true},
			{cityReport.entityID("六个工程"), provReport.entityID("六个工程"), kg.EdgeImplements, true},
		}},
		{"down, against the edges", provReport.entityID("六个工程"), bannerReport.entityID("政策落地工程"), []hop{
			{provReport.entityID("六个工程"), provReport.entityID("政策落地工程"), kg.EdgePartOf, false},
			{provReport.entityID("政策落地工程"), bannerReport.entityID("政策落地工程"), kg.EdgeImplements, false},
		}},
		{"to a region", bannerReport.entityID("温暖工程"), province.ID, []hop{
			{bannerReport.entityID("温暖工程"), cityReport.entityID("温暖工程"), kg.EdgeImplements, true},
			{cityReport.entityID("温暖工程"), provReport.entityID("温暖工程"), kg.EdgeImplements, true},
		}},
		{"to a report", bannerReport.entityID("工业倍增行动"), provReport.id(), []hop{
			{bannerReport.entityID("工业倍增行动"), provReport.entityID("工业倍增行动"), kg.EdgeImplements, true},
		}},
		{"to itself", bannerReport.entityID("工业倍增行动"), bannerReport.entityID("工业倍增行动"), []hop{}},
		{"unconnected", leagueReport.entityID("草原保护行动"), provReport.entityID("六个工程"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, err := analysis.Path(ctx, s, tc.from, tc.to, 0)
			must(t, err)
			if tc.want == nil {
				if path != nil {
					t.Fatalf("path %v, want none", path)
				}
				return
			}
			got := []hop{}
			for _, h := range path {
				got = append(got, hop{h.From.ID, h.To.ID, h.Edge.Type, h.Forward})
				if len(h.Evidence()) == 0 {
					t.Errorf("hop %s → %s has no evidence", h.From.Name, h.To.Name)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("path\n got %v\nwant %v", got, tc.want)
			}
		})
	}
	for _, bad := range []struct{ from, to, code string }{
		{"entity/none", province.ID, kg.ENOTFOUND},
		{bannerReport.entityID("温暖工程"), "region/999999", kg.ENOTFOUND},
		{bannerReport.entityID("温暖工程"), "target/x", kg.EINVALID},
	} {
		if _, err := analysis.Path(ctx, s, bad.from, bad.to, 0); kg.ErrorCode(err) != bad.code {
			t.Errorf("Path(%s, %s): %v, want %s", bad.from, bad.to, err, bad.code)
		}
	}
	if path, err := analysis.Path(ctx, s, bannerReport.entityID("温暖工程"), provReport.entityID("六个工程"), 2); err != nil || path != nil {
		t.Errorf("a 3-hop chain with maxHops 2: %v, %v; want none", path, err)
	}
}

func TestCompareTargets(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	regions, err := analysis.Subtree(ctx, s, &province)
	must(t, err)
	rows, err := analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "地区生产总值", Regions: regions})
	must(t, err)
	type row struct {
		region          string
		year            int
		target, result  float64 // -1: absent
		met, difference string
	}
	var got []row
	for _, r := range rows {
		x := row{region: r.Region.Name, year: r.Year, target: -1, result: -1, met: "?", difference: "?"}
		if r.Target != nil {
			x.target = r.Target.Value
		}
		if r.Result != nil {
			x.result = r.Result.Value
		}
		if m := r.Met(); m != nil {
			x.met = map[bool]string{true: "met", false: "missed"}[*m]
		}
		if d := r.Difference(); d != nil {
			x.difference = kg.FormatValue(float64(int(*d*100+0.5)) / 100)
		}
		got = append(got, x)
	}
	want := []row{
		{"内蒙古自治区", 2024, 6, -1, "?", "?"},
		{"奈曼旗", 2024, 8, 8.2, "met", "0.2"}, // the 2025 report's result sits next to the 2024 target
		{"奈曼旗", 2025, 7, -1, "?", "?"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %v\nwant %v", got, want)
	}
	from := 2025
	rows, err = analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "地区生产总值", Regions: regions, YearFrom: &from})
	must(t, err)
	if len(rows) != 1 || rows[0].Year != 2025 {
		t.Errorf("yearFrom 2025: %d rows, want the one of 2025", len(rows))
	}
	if _, err := analysis.CompareTargets(ctx, s, analysis.TargetQuery{Regions: regions}); kg.ErrorCode(err) != kg.EINVALID {
		t.Errorf("no indicator: %v, want invalid", err)
	}
}

// TestTargetDropped: a region whose loaded report of the next year sets
// no target where the year before set one gets a row saying so; a region
// with no report that year does not.
func TestTargetDropped(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	// 内蒙古自治区 2025 speaks of growth in words only; 奈曼旗 2026 is not loaded.
	must(t, s.PutReport(ctx, reportSpec{region: province, year: 2025, ents: [][2]string{{program, "六个工程"}}}.graph()))
	regions, err := analysis.Subtree(ctx, s, &province)
	must(t, err)
	show := func(rows []*analysis.TargetRow) []string {
		var out []string
		for _, r := range rows {
			prev := "-"
			if r.PreviousTarget != nil {
				prev = kg.FormatValue(r.PreviousTarget.Value)
			}
			out = append(out, fmt.Sprintf("%s %d %s previous %s dropped %v", r.Region.Name, r.Year, r.Status, prev, r.TargetDropped()))
		}
		return out
	}
	rows, err := analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "gdp", Regions: regions})
	must(t, err)
	want := []string{
		"内蒙古自治区 2024 STATED previous - dropped false",
		"内蒙古自治区 2025 NOT_STATED previous 6 dropped true",
		"奈曼旗 2024 STATED previous - dropped false",
		"奈曼旗 2025 STATED previous 8 dropped false",
	}
	if got := show(rows); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	// A years filter ending before the drop leaves it out.
	to := 2024
	rows, err = analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "gdp", Regions: regions, YearTo: &to})
	must(t, err)
	if got := show(rows); !reflect.DeepEqual(got, []string{want[0], want[2]}) {
		t.Errorf("to 2024: %q", got)
	}
	// A result with no report of its year: not loaded, nothing dropped.
	must(t, s.PutReport(ctx, reportSpec{region: city, year: 2025, targets: []kg.Target{gdp(kg.TargetResult, 2023, 5, kg.QualifierExact)}}.graph()))
	rows, err = analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "gdp", Regions: regions})
	must(t, err)
	if got := show(rows); !slices.Contains(got, "通辽市 2023 NOT_LOADED previous - dropped false") {
		t.Errorf("a 2023 result of 通辽市 with no 2023 report: %q", got)
	}
}

func TestMet(t *testing.T) {
	tests := []struct {
		q              kg.TargetQualifier
		target, result float64
		want           string
	}{
		{kg.QualifierAtLeast, 6, 6, "met"},
		{kg.QualifierAtLeast, 6, 5.9, "missed"},
		{kg.QualifierRange, 6, 6.2, "met"},
		{kg.QualifierAtMost, 3, 3.1, "missed"},
		{kg.QualifierAtMost, 3, 0.2, "met"},
		{kg.QualifierAbout, 6, 5.8, "unknown"},
		{kg.QualifierExact, 6, 6, "unknown"},
	}
	for _, tc := range tests {
		r := analysis.TargetRow{Target: &kg.Target{Value: tc.target, Qualifier: tc.q}, Result: &kg.Target{Value: tc.result}}
		got := "unknown"
		if m := r.Met(); m != nil {
			got = map[bool]string{true: "met", false: "missed"}[*m]
		}
		if got != tc.want {
			t.Errorf("%s %v, result %v: %s, want %s", tc.q, tc.target, tc.result, got, tc.want)
		}
	}
}

func TestDiffReports(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	d, err := analysis.DiffReports(ctx, s, bannerReport.id(), bannerNext.id(), nil)
	must(t, err)
	var continued []string
	for _, c := range d.Continued {
		continued = append(continued, c.From.Name+" → "+c.To.Name)
		if c.From.Name == c.To.Name && (c.Method != kg.MethodName || c.Confidence != 1) {
			t.Errorf("%s: method %s %v, want name 1", c.To.Name, c.Method, c.Confidence)
		}
		if c.From.Name != c.To.Name && c.Confidence >= 1 {
			t.Errorf("%s → %s: confidence %v, want below a same-key match", c.From.Name, c.To.Name, c.Confidence)
		}
	}
	sort.Strings(continued)
	if want := []string{"“三北”工程 → “三北”六期工程", "政策落地工程 → 政策落地工程"}; !reflect.DeepEqual(continued, want) {
		t.Errorf("continued %v, want %v", continued, want)
	}
	if got := names(d.New); !reflect.DeepEqual(got, []string{"招商引资年行动"}) {
		t.Errorf("new %v", got)
	}
	dropped := names(d.Dropped)
	sort.Strings(dropped)
	if want := []string{"工业倍增行动", "温暖工程"}; !reflect.DeepEqual(dropped, want) {
		t.Errorf("dropped %v, want %v", dropped, want)
	}
	if _, err := analysis.DiffReports(ctx, s, bannerReport.id(), "report/150525/2031", nil); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("missing report: %v, want not found", err)
	}
}

func TestStats(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	regions, err := analysis.Subtree(ctx, s, &province)
	must(t, err)
	st, err := analysis.StatsOf(ctx, s, regions, nil, nil)
	must(t, err)
	if want := (analysis.Tally{Reports: 6, Programs: 2, Initiatives: 13, Targets: 3, Results: 1}); st.Total != want {
		t.Errorf("total %+v, want %+v", st.Total, want)
	}
	var levels []string
	for _, c := range st.ByLevel {
		levels = append(levels, string(c.Level)+":"+kg.FormatValue(float64(c.Reports)))
	}
	if want := []string{"PROVINCIAL:1", "PREFECTURAL:2", "COUNTY:3"}; !reflect.DeepEqual(levels, want) {
		t.Errorf("by level %v, want %v", levels, want)
	}
	var years []string
	for _, c := range st.ByYear {
		years = append(years, kg.FormatValue(float64(c.Year))+":"+kg.FormatValue(float64(c.Initiatives)))
	}
	if want := []string{"2025:3", "2024:9", "2023:1"}; !reflect.DeepEqual(years, want) {
		t.Errorf("initiatives by year %v, want %v", years, want)
	}
	if len(st.Cells) != 5 { // PROVINCIAL 2024, PREFECTURAL 2024, COUNTY 2025, 2024 and 2023
		t.Errorf("%d cells, want 5: %+v", len(st.Cells), st.Cells)
	}
	from := 2025
	st, err = analysis.StatsOf(ctx, s, regions, &from, nil)
	must(t, err)
	if want := (analysis.Tally{Reports: 1, Initiatives: 3, Targets: 1, Results: 1}); st.Total != want {
		t.Errorf("2025 on: %+v, want %+v", st.Total, want)
	}
}

func TestFacets(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	hits, err := s.Search(ctx, kg.SearchQuery{Text: "工程"})
	must(t, err)
	f, err := analysis.FacetsOf(ctx, s, hits)
	must(t, err)
	if want := []analysis.Count{{"INITIATIVE", 8}, {"PROGRAM", 2}}; !reflect.DeepEqual(f.Kinds, want) {
		t.Errorf("kinds %v, want %v", f.Kinds, want)
	}
	if want := []analysis.Count{{"PROVINCIAL", 3}, {"PREFECTURAL", 2}, {"COUNTY", 5}}; !reflect.DeepEqual(f.Levels, want) {
		t.Errorf("levels %v, want %v", f.Levels, want)
	}
	if want := []analysis.Count{{"2025", 2}, {"2024", 8}}; !reflect.DeepEqual(f.Years, want) {
		t.Errorf("years %v, want %v", f.Years, want)
	}
	var regions []string
	for _, rc := range f.Regions {
		regions = append(regions, rc.Region.Name+":"+kg.FormatValue(float64(rc.Count)))
	}
	if want := []string{"奈曼旗:5", "内蒙古自治区:3", "通辽市:2"}; !reflect.DeepEqual(regions, want) {
		t.Errorf("regions %v, want %v", regions, want)
	}
}

// TestDifferenceHasNoFloatNoise: a client reads 0.6, not
// 0.5999999999999996, for a result of 5.6% against a target of 5%.
func TestDifferenceHasNoFloatNoise(t *testing.T) {
	for _, c := range []struct{ target, result, want float64 }{
		{5, 5.6, 0.6}, {6.5, 5.2, -1.3}, {0.1, 0.3, 0.2}, {3083.5, 3100.25, 16.75},
	} {
		r := analysis.TargetRow{Target: &kg.Target{Value: c.target}, Result: &kg.Target{Value: c.result}}
		if got := *r.Difference(); got != c.want {
			t.Errorf("%v - %v = %v, want %v", c.result, c.target, got, c.want)
		}
	}
}

// TestTargetWordingShift: a year's row carries the target of the year
// before and how its wording moved (奈曼旗: 8%以上 in 2024, 经济增长7%左右
// in 2025).
func TestTargetWordingShift(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	regions, err := analysis.Subtree(ctx, s, &banner)
	must(t, err)
	rows, err := analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "gdp", Regions: regions})
	must(t, err)
	var got []string
	for _, r := range rows {
		prev, shift, change := "-", "-", "-"
		if r.PreviousTarget != nil {
			prev = kg.FormatValue(r.PreviousTarget.Value)
		}
		if q := r.QualifierShift(); q != nil {
			shift = *q
		}
		if c := r.ValueChange(); c != nil {
			change = kg.FormatValue(*c)
		}
		got = append(got, fmt.Sprintf("%d previous %s shift %s change %s", r.Year, prev, shift, change))
	}
	want := []string{"2024 previous - shift - change -", "2025 previous 8 shift AT_LEAST→ABOUT change -1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	// A year filter that leaves the year before out leaves nothing to compare.
	from := 2025
	rows, err = analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "gdp", Regions: regions, YearFrom: &from})
	must(t, err)
	if len(rows) != 1 || rows[0].PreviousTarget != nil {
		t.Errorf("from 2025: %+v, want one row without a previous target", rows)
	}
}

func TestRegionNamed(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	for _, tc := range []struct {
		name, want string // want "": no region
	}{
		{"奈曼旗", banner.ID},
		{"锡林郭勒盟", league.ID},
		{"150525", banner.ID},        // a code names one region however many share its name
		{kg.NationalCode, nation.ID}, // the nation's code
		{"150599", ""},               // a code no region has
		{"15052", ""},                // five digits: a name, and none has it
		{"没有这个地区", ""},
	} {
		r, err := analysis.RegionNamed(ctx, s, tc.name)
		must(t, err)
		got := ""
		if r != nil {
			got = r.ID
		}
		if got != tc.want {
			t.Errorf("RegionNamed(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if _, err := analysis.RegionOrRoot(ctx, s, new("150599")); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("RegionOrRoot of an unknown code: %v, want not found", err)
	}
}

// TestTargetsAgainstStatistics: a user's statistic stands for the
// realised figure where no later report gives one, and the report's
// result wins where both do; a statistic alone makes a row of its own.
func TestTargetsAgainstStatistics(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	stat := func(r kg.Region, year int, indicator, measure, unit string, v float64, line int) kg.Statistic {
		return kg.Statistic{ID: kg.StatisticID(r.Code, year, "yearbook.csv", indicator, measure, unit), RegionID: r.ID, Year: year,
			Indicator: indicator, IndicatorCode: kg.IndicatorCode(indicator, measure), Measure: measure, Value: v, Unit: unit,
			Source: "yearbook.csv", Line: line}
	}
	must(t, s.PutStatistics(ctx, "yearbook.csv", []kg.Statistic{
		stat(province, 2024, "生产总值", "增长", "%", 6.3, 2), // another wording of gdp
		stat(banner, 2024, "地区生产总值", "增长", "%", 8.0, 3), // the 2025 report's 8.2 wins
		stat(silent, 2024, "地区生产总值", "增长", "%", 5.1, 4), // no report of 库伦旗
		stat(province, 2024, "地区生产总值", "", "亿元", 24627, 5),
		stat(province, 2024, "固定资产投资", "增长", "%", 9, 6), // another indicator
	}))
	regions, err := analysis.Subtree(ctx, s, &province)
	must(t, err)
	rows, err := analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: "gdp", Regions: regions})
	must(t, err)
	var got []string
	for _, r := range rows {
		stat, from, diff, met := "-", "-", "-", "-"
		if r.Statistic != nil {
			stat = kg.FormatValue(r.Statistic.Value) + " line " + fmt.Sprint(r.Statistic.Line)
		}
		if f := r.RealisedFrom(); f != nil {
			from = string(*f)
		}
		if d := r.Difference(); d != nil {
			diff = kg.FormatValue(*d)
		}
		if m := r.Met(); m != nil {
			met = fmt.Sprint(*m)
		}
		got = append(got, fmt.Sprintf("%s %d %s%s %s statistic %s from %s diff %s met %s", r.Region.Name, r.Year, r.Measure, r.Unit, r.Status, stat, from, diff, met))
	}
	want := []string{
		"内蒙古自治区 2024 增长% STATED statistic 6.3 line 2 from STATISTICS diff 0.3 met true",
		"内蒙古自治区 2024 亿元 NOT_STATED statistic 24627 line 5 from STATISTICS diff - met -",
		"库伦旗 2024 增长% NOT_LOADED statistic 5.1 line 4 from STATISTICS diff - met -", // 150524, before 奈曼旗's 150525
		"奈曼旗 2024 增长% STATED statistic 8 line 3 from REPORT diff 0.2 met true",
		"奈曼旗 2025 增长% STATED statistic - from - diff - met -",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}
