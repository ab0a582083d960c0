package analysis_test

import (
	"context"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
)

// The fixture, built in the real memory store:
//
//	中华人民共和国
//	└ 内蒙古自治区 (report 2024: “六个工程” with members 政策落地工程, 温暖工程; 工业倍增行动; GDP 6 AT_LEAST)
//	  ├ 通辽市 (2024: “六个工程” → province's; 温暖工程 → province's)
//	  │ ├ 奈曼旗 (2024: 政策落地工程 → province's, 温暖工程 → city's, GDP 8 AT_LEAST;
//	  │ │         2025: 政策落地工程 again, “三北”六期工程, 招商引资年行动, result 2024 GDP 8.2)
//	  │ ├ 库伦旗 (no report)
//	  │ └ 开鲁县 (2023 only: 草原保护行动; older than the province's program)
//	  └ 锡林郭勒盟 (2024: only 草原保护行动, linked to nothing)
var (
	nation   = kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "中华人民共和国", Level: kg.LevelNational}
	province = kg.Region{ID: kg.RegionID("150000"), Code: "150000", Name: "内蒙古自治区", Level: kg.LevelProvincial, ParentID: nation.ID}
	city     = kg.Region{ID: kg.RegionID("150500"), Code: "150500", Name: "通辽市", Level: kg.LevelPrefectural, ParentID: province.ID}
	league   = kg.Region{ID: kg.RegionID("152500"), Code: "152500", Name: "锡林郭勒盟", Level: kg.LevelPrefectural, ParentID: province.ID}
	banner   = kg.Region{ID: kg.RegionID("150525"), Code: "150525", Name: "奈曼旗", Level: kg.LevelCounty, ParentID: city.ID}
	silent   = kg.Region{ID: kg.RegionID("150524"), Code: "150524", Name: "库伦旗", Level: kg.LevelCounty, ParentID: city.ID}
	stale    = kg.Region{ID: kg.RegionID("150523"), Code: "150523", Name: "开鲁县", Level: kg.LevelCounty, ParentID: city.ID}
)

// report builds a report graph; ents are (kind, name) pairs.
type reportSpec struct {
	region  kg.Region
	year    int
	ents    [][2]string
	members map[string][]string // program name → member names (PART_OF member)
	targets []kg.Target
}

func (r reportSpec) id() string { return kg.ReportID(r.region.Code, r.year) }

func (r reportSpec) entityID(name string) string {
	for _, e := range r.ents {
		if e[1] == name {
			return kg.EntityID(r.id(), kg.EntityKind(e[0]), name)
		}
	}
	panic("no entity " + name + " in " + r.id())
}

func (r reportSpec) graph() kg.ReportGraph {
	g := kg.ReportGraph{Report: kg.Report{ID: r.id(), RegionID: r.region.ID, Year: r.year, Title: r.region.Name + "政府工作报告", Source: r.id() + ".txt"}}
	for i, e := range r.ents {
		g.Entities = append(g.Entities, kg.Entity{
			ID: r.entityID(e[1]), Kind: kg.EntityKind(e[0]), Name: e[1], Key: e[1], ReportID: r.id(), RegionID: r.region.ID,
			Names:    []kg.Name{{Key: e[1], Rule: kg.NameKey}}, // as link.Names gives every entity its key
			Evidence: []kg.Evidence{{ReportID: r.id(), Section: "二、工作安排", Offset: 100 * i, Text: "深入实施" + e[1] + "。"}},
		})
	}
	for prog, ms := range r.members {
		for _, m := range ms {
			g.Edges = append(g.Edges, kg.Edge{Type: kg.EdgePartOf, FromID: r.entityID(m), ToID: r.entityID(prog), Method: kg.MethodMember, Confidence: 1})
		}
	}
	for _, t := range r.targets {
		t.ReportID, t.RegionID = r.id(), r.region.ID
		t.ID = kg.TargetID(r.id(), t.Kind, t.Indicator, t.Measure)
		t.Evidence = kg.Evidence{ReportID: r.id(), Section: "主要预期目标", Text: t.Indicator}
		g.Targets = append(g.Targets, t)
	}
	return g
}

func gdp(kind kg.TargetKind, year int, v float64, q kg.TargetQualifier) kg.Target {
	return worded("地区生产总值", kind, year, v, q)
}

// worded is a GDP growth figure under another wording (经济增长7%左右).
func worded(indicator string, kind kg.TargetKind, year int, v float64, q kg.TargetQualifier) kg.Target {
	return kg.Target{Kind: kind, Year: year, Indicator: indicator, IndicatorCode: kg.IndicatorCode(indicator, "增长"),
		Measure: "增长", Value: v, Unit: "%", Qualifier: q}
}

const (
	program    = string(kg.KindProgram)
	initiative = string(kg.KindInitiative)
)

var (
	provReport = reportSpec{region: province, year: 2024,
		ents:    [][2]string{{program, "六个工程"}, {initiative, "政策落地工程"}, {initiative, "温暖工程"}, {initiative, "工业倍增行动"}},
		members: map[string][]string{"六个工程": {"政策落地工程", "温暖工程"}},
		targets: []kg.Target{gdp(kg.TargetPlanned, 2024, 6, kg.QualifierAtLeast)}}
	cityReport = reportSpec{region: city, year: 2024,
		ents:    [][2]string{{program, "六个工程"}, {initiative, "温暖工程"}},
		members: map[string][]string{"六个工程": {"温暖工程"}}}
	bannerReport = reportSpec{region: banner, year: 2024,
		ents:    [][2]string{{initiative, "政策落地工程"}, {initiative, "温暖工程"}, {initiative, "“三北”工程"}, {initiative, "工业倍增行动"}},
		targets: []kg.Target{gdp(kg.TargetPlanned, 2024, 8, kg.QualifierAtLeast)}}
	bannerNext = reportSpec{region: banner, year: 2025,
		ents:    [][2]string{{initiative, "政策落地工程"}, {initiative, "“三北”六期工程"}, {initiative, "招商引资年行动"}},
		targets: []kg.Target{gdp(kg.TargetResult, 2024, 8.2, kg.QualifierExact), worded("经济", kg.TargetPlanned, 2025, 7, kg.QualifierAbout)}}
	leagueReport = reportSpec{region: league, year: 2024, ents: [][2]string{{initiative, "草原保护行动"}}}
	staleReport  = reportSpec{region: stale, year: 2023, ents: [][2]string{{initiative, "草原保护行动"}}}
)

func implements(lo reportSpec, loName string, up reportSpec, upName string) kg.Edge {
	from, to := lo.entityID(loName), up.entityID(upName)
	return kg.Edge{Type: kg.EdgeImplements, FromID: from, ToID: to, Method: kg.MethodName, Confidence: 1,
		Evidence: []kg.Evidence{{ReportID: lo.id(), Text: "落实" + loName}, {ReportID: up.id(), Text: "实施" + upName}}}
}

func newFixture(t testing.TB) kg.Store {
	t.Helper()
	ctx := context.Background()
	s := memory.New()
	must(t, s.PutRegions(ctx, []kg.Region{nation, province, city, league, banner, silent, stale}))
	for _, r := range []reportSpec{provReport, cityReport, bannerReport, bannerNext, leagueReport, staleReport} {
		must(t, s.PutReport(ctx, r.graph()))
	}
	must(t, s.PutLinks(ctx, []kg.Edge{
		implements(cityReport, "六个工程", provReport, "六个工程"),
		implements(cityReport, "温暖工程", provReport, "温暖工程"),
		implements(bannerReport, "政策落地工程", provReport, "政策落地工程"),
		implements(bannerReport, "温暖工程", cityReport, "温暖工程"),
		implements(bannerReport, "工业倍增行动", provReport, "工业倍增行动"),
	}))
	return s
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func names(es []*kg.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

func regionNames(rs []*kg.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}
