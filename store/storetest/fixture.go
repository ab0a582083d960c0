package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// The fixture is a small synthetic graph, built in code so every
// expectation below can be read next to the data it is about:
//
//	中华人民共和国 (national, report 2024)
//	└ 甲乙自治区 (province, report 2024): task area, “六个工程” with members
//	  ├ 丙丁市 (prefecture, reports 2024 and 2025)
//	  │ ├ 戊己旗 (county, report 2024)
//	  │ └ 庚辛县 (county, no report)
//	  └ 壬癸盟 (prefecture, no report)
//
// IMPLEMENTS: county 政策落地工程 → province 政策落地工程 (member of “六个工程”);
// prefecture 2025 “六个工程” → province “六个工程”; prefecture 2024 温暖工程 →
// province 温暖工程; province task area → national task area.

// Region ids of the fixture.
var (
	RootID    = kg.RegionID(kg.NationalCode)
	ProvID    = kg.RegionID("910000")
	PrefID    = kg.RegionID("910500")
	CountyID  = kg.RegionID("910525")
	County2ID = kg.RegionID("910526")
	Pref2ID   = kg.RegionID("910600")
)

// Report ids of the fixture.
var (
	NationRep   = kg.ReportID(kg.NationalCode, 2024)
	ProvRep     = kg.ReportID("910000", 2024)
	PrefRep2024 = kg.ReportID("910500", 2024)
	PrefRep2025 = kg.ReportID("910500", 2025)
	CountyRep   = kg.ReportID("910525", 2024)
)

// fixture holds the graph and the ids tests refer to.
type fixture struct {
	regions []kg.Region
	reports []kg.ReportGraph
	links   []kg.Edge

	nationArea, provArea, provSix, provPolicy, provWarm, provProject string
	prefSix, prefWarm, prefSteel, countyPolicy, countyPush           string
	countyDeep, countyAlias, countyTerm                              string
}

func region(code, name string, level kg.RegionLevel, parent string, short ...string) kg.Region {
	r := kg.Region{ID: kg.RegionID(code), Code: code, Name: name, Level: level, ShortNames: short}
	if parent != "" {
		r.ParentID = kg.RegionID(parent)
	}
	return r
}

// builder accumulates one report's graph.
type builder struct {
	g kg.ReportGraph
}

func newReport(code string, year int, title, delivered string) *builder {
	id := kg.ReportID(code, year)
	return &builder{g: kg.ReportGraph{Report: kg.Report{
		ID: id, RegionID: kg.RegionID(code), Year: year, DeliveredOn: delivered,
		Title: title, Source: fmt.Sprintf("%s-%d.txt", code, year),
		ContentHash: fmt.Sprintf("sha256:%s%d", code, year),
	}}}
}

func (b *builder) ev(section string, offset int, text string) kg.Evidence {
	return kg.Evidence{ReportID: b.g.Report.ID, Section: section, Offset: offset, Text: text}
}

// entity adds an entity and returns its id.
func (b *builder) entity(kind kg.EntityKind, name, key string, ev kg.Evidence, opts ...func(*kg.Entity)) string {
	e := kg.Entity{
		ID: kg.EntityID(b.g.Report.ID, kind, key), Kind: kind, Name: name, Key: key,
		ReportID: b.g.Report.ID, RegionID: b.g.Report.RegionID, Evidence: []kg.Evidence{ev},
	}
	for _, o := range opts {
		o(&e)
	}
	b.g.Entities = append(b.g.Entities, e)
	return e.ID
}

// taskArea marks a program as a task area of its report's plan.
func taskArea(e *kg.Entity) { e.TaskArea = true }

// named gives an entity its names (kg.Entity.Names), as link.Names would.
func named(names ...kg.Name) func(*kg.Entity) {
	return func(e *kg.Entity) { e.Names = names }
}

func key(k string) kg.Name  { return kg.Name{Key: k, Rule: kg.NameKey} }
func stem(k string) kg.Name { return kg.Name{Key: k, Rule: kg.NameStem} }

func (b *builder) partOf(from, to, method string) {
	b.g.Edges = append(b.g.Edges, kg.Edge{Type: kg.EdgePartOf, FromID: from, ToID: to, Method: method, Confidence: 1})
}

func (b *builder) target(kind kg.TargetKind, year int, indicator, measure string, value float64, maxValue *float64, unit string, q kg.TargetQualifier, ev kg.Evidence) {
	b.g.Targets = append(b.g.Targets, kg.Target{
		ID:       kg.TargetID(b.g.Report.ID, kind, indicator, measure),
		ReportID: b.g.Report.ID, RegionID: b.g.Report.RegionID, Kind: kind, Year: year,
		Indicator: indicator, IndicatorCode: kg.IndicatorCode(indicator, measure), Measure: measure,
		Value: value, MaxValue: maxValue, Unit: unit, Qualifier: q, Evidence: ev,
	})
}

func ptr[T any](v T) *T { return &v }

func newFixture() *fixture {
	f := &fixture{}
	f.regions = []kg.Region{
		// Children first: a batch may name a parent that comes later in it.
		region("910525", "戊己旗", kg.LevelCounty, "910500", "戊己"),
		region("910526", "庚辛县", kg.LevelCounty, "910500"),
		region("910500", "丙丁市", kg.LevelPrefectural, "910000", "丙丁"),
		region("910600", "壬癸盟", kg.LevelPrefectural, "910000", "壬盟"),
		region("910000", "甲乙自治区", kg.LevelProvincial, kg.NationalCode, "甲乙"),
		region(kg.NationalCode, "中华人民共和国", kg.LevelNational, "", "中国"),
	}

	n := newReport(kg.NationalCode, 2024, "2024年国务院政府工作报告", "2024-03-05")
	f.nationArea = n.entity(kg.KindProgram, "（一）着力推动高质量发展", "着力推动高质量发展",
		n.ev("二、2024年政府工作任务 / （一）着力推动高质量发展", 9000, "着力推动高质量发展。"), taskArea)

	p := newReport("910000", 2024, "2024年甲乙自治区政府工作报告", "2024-01-26")
	// an area written without an ordinal (坚持稳中求进) keeps an empty one
	p.g.Report.Outline = []kg.Section{
		{Heading: "一、2023年工作回顾", Ordinal: "一、", Level: 1, Start: 40, End: 3000},
		{Heading: "二、2024年工作安排", Ordinal: "二、", Level: 1, Start: 3000, End: 9000},
		{Heading: "（一）着力推动高质量发展。", Ordinal: "（一）", Level: 2, Start: 3100, End: 5200},
		{Heading: "坚持稳中求进", Ordinal: "", Level: 2, Start: 5200, End: 9000},
	}
	secArea := "二、2024年工作安排 / （一）着力推动高质量发展"
	f.provArea = p.entity(kg.KindProgram, "（一）着力推动高质量发展", "着力推动高质量发展",
		p.ev(secArea, 3100, "（一）着力推动高质量发展。"), taskArea)
	f.provSix = p.entity(kg.KindProgram, "“六个工程”", "六个工程",
		p.ev(secArea, 3200, "深入实施“六个工程”，推动各项政策落地见效。"),
		func(e *kg.Entity) {
			e.Aliases = []string{"六个工程"}
			e.Definition = "“六个工程”是指政策落地工程、温暖工程等六项重点工程。"
		})
	f.provPolicy = p.entity(kg.KindInitiative, "政策落地工程", "政策落地工程",
		p.ev(secArea, 3260, "实施政策落地工程，确保各项政策落地见效。"),
		named(stem("政策落地"), key("政策落地工程")))
	f.provWarm = p.entity(kg.KindInitiative, "温暖工程", "温暖工程",
		p.ev(secArea, 3300, "实施温暖工程，让群众感受到温暖。"),
		named(stem("温暖"), key("温暖工程")))
	f.provProject = p.entity(kg.KindProject, "广星220千伏变电站", "广星220千伏变电站",
		p.ev("附件 / 民生实事", 123456, "建成广星220千伏变电站。"),
		func(e *kg.Entity) { e.LeadDepartment = "自治区能源局" })
	p.partOf(f.provSix, f.provArea, kg.MethodSection)
	p.partOf(f.provPolicy, f.provSix, kg.MethodMember)
	p.partOf(f.provWarm, f.provSix, kg.MethodMember)
	p.partOf(f.provProject, f.provArea, kg.MethodSection)
	p.target(kg.TargetPlanned, 2024, "地区生产总值", "增长", 6, nil, "%", kg.QualifierAtLeast,
		p.ev("一、2023年工作回顾", 1500, "地区生产总值增长6%以上。"))
	p.target(kg.TargetResult, 2023, "一般公共预算收入", "", 3083.5, nil, "亿元", kg.QualifierExact,
		p.ev("一、2023年工作回顾", 200, "一般公共预算收入3083.5亿元。"))

	c24 := newReport("910500", 2024, "2024年丙丁市政府工作报告", "")
	f.prefWarm = c24.entity(kg.KindInitiative, "温暖工程", "温暖工程",
		c24.ev("二、工作安排", 800, "全面落实温暖工程，配合政策落地工程。"),
		named(stem("温暖"), key("温暖工程")))
	// Another wording of the province's indicator: one code, two names.
	c24.target(kg.TargetPlanned, 2024, "生产总值", "增长", 6, nil, "%", kg.QualifierAbout,
		c24.ev("二、工作安排", 100, "生产总值增长6%左右。"))

	c25 := newReport("910500", 2025, "2025年丙丁市政府工作报告", "2025-01-10")
	f.prefSix = c25.entity(kg.KindProgram, "“六个工程”", "六个工程",
		c25.ev("二、工作安排", 700, "全力推进“六个工程”。"))
	f.prefSteel = c25.entity(kg.KindInitiative, "Green Steel绿色钢铁行动", "GreenSteel绿色钢铁行动",
		c25.ev("二、工作安排", 900, "启动Green Steel绿色钢铁行动。"))

	k := newReport("910525", 2024, "2024年戊己旗政府工作报告", "2024-01-08")
	f.countyPolicy = k.entity(kg.KindInitiative, "政策落地工程", "政策落地工程",
		k.ev("二、工作安排 / （一）", 500, "扎实推进政策落地工程。"),
		named(stem("政策落地"), key("政策落地工程")))
	f.countyPush = k.entity(kg.KindInitiative, "政策落地工程推进行动", "政策落地工程推进行动",
		k.ev("二、工作安排 / （一）", 560, "开展政策落地工程推进行动。"),
		named(stem("政策落地工程推进"), key("政策落地工程推进行动")))
	f.countyDeep = k.entity(kg.KindInitiative, "深入实施政策落地工程", "深入实施政策落地工程",
		k.ev("二、工作安排 / （一）", 600, "深入实施政策落地工程。"))
	f.countyAlias = k.entity(kg.KindProject, "惠民项目", "惠民项目",
		k.ev("二、工作安排 / （二）", 700, "办好惠民项目。"),
		func(e *kg.Entity) { e.Aliases = []string{"政策落地工程惠民项目"} })
	f.countyTerm = k.entity(kg.KindTerm, "“四上”企业", "四上企业",
		k.ev("名词解释", 900, "“四上”企业：规模以上工业企业、资质等级建筑业企业等的统称。"),
		func(e *kg.Entity) {
			e.Definition = "规模以上工业企业、资质等级建筑业企业等的统称。"
		})
	k.target(kg.TargetPlanned, 2024, "城镇居民人均可支配收入", "增长", 6, ptr(7.5), "%", kg.QualifierRange,
		k.ev("二、工作安排", 50, "城镇居民人均可支配收入增长6%—7.5%。"))
	k.target(kg.TargetResult, 2023, "粮食产量", "", 1234567890123, nil, "斤", kg.QualifierExact,
		k.ev("一、工作回顾", 20, "粮食产量1234567890123斤。"))

	f.reports = []kg.ReportGraph{n.g, p.g, c24.g, c25.g, k.g}
	f.links = []kg.Edge{
		f.link(f.countyPolicy, f.provPolicy, kg.MethodName, 1),
		f.link(f.prefSix, f.provSix, kg.MethodName, 1),
		f.link(f.prefWarm, f.provWarm, kg.MethodName, 1),
		f.link(f.provArea, f.nationArea, kg.MethodAlias, 0.8),
	}
	return f
}

// link builds an IMPLEMENTS edge carrying the first evidence of each side.
func (f *fixture) link(from, to, method string, conf float64) kg.Edge {
	return kg.Edge{Type: kg.EdgeImplements, FromID: from, ToID: to, Method: method, Confidence: conf,
		Evidence: []kg.Evidence{f.entity(from).Evidence[0], f.entity(to).Evidence[0]}}
}

// entity returns the fixture entity with id (a copy).
func (f *fixture) entity(id string) kg.Entity {
	for _, g := range f.reports {
		for _, e := range g.Entities {
			if e.ID == id {
				return e
			}
		}
	}
	panic("fixture has no entity " + id)
}

// graph returns the fixture report graph with id.
func (f *fixture) graph(id string) kg.ReportGraph {
	for _, g := range f.reports {
		if g.Report.ID == id {
			return g
		}
	}
	panic("fixture has no report " + id)
}

// load writes the whole fixture into s.
func (f *fixture) load(t testing.TB, s kg.Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.PutRegions(ctx, f.regions); err != nil {
		t.Fatalf("PutRegions: %v", err)
	}
	for _, g := range f.reports {
		if err := s.PutReport(ctx, g); err != nil {
			t.Fatalf("PutReport %s: %v", g.Report.ID, err)
		}
	}
	if err := s.PutLinks(ctx, f.links); err != nil {
		t.Fatalf("PutLinks: %v", err)
	}
}
