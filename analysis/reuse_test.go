package analysis_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
)

// reuseReport builds a report whose plan has one task area over [0, 1000)
// and whose entities state sentences at the given offsets; a sentence at
// 1000 or later lies outside the task areas.
func reuseReport(r kg.Region, year int, sentences map[int]string, target string) kg.ReportGraph {
	id := kg.ReportID(r.Code, year)
	g := kg.ReportGraph{Report: kg.Report{ID: id, RegionID: r.ID, Year: year, Title: r.Name + "政府工作报告", Source: id + ".txt",
		Outline: []kg.Section{{Heading: "二、工作安排", Level: 1, Start: 0, End: 2000}, {Heading: "（一）推动高质量发展。", Level: 2, Start: 10, End: 1000}}}}
	area := kg.Entity{ID: kg.EntityID(id, kg.KindProgram, "推动高质量发展"), Kind: kg.KindProgram, Name: "推动高质量发展", Key: "推动高质量发展",
		ReportID: id, RegionID: r.ID, TaskArea: true, Names: []kg.Name{{Key: "推动高质量发展", Rule: kg.NameKey}},
		Evidence: []kg.Evidence{{ReportID: id, Section: "（一）推动高质量发展。", Offset: 10, Text: "（一）推动高质量发展。"}}}
	g.Entities = append(g.Entities, area)
	for off, text := range sentences {
		key := fmt.Sprintf("句%d", off)
		g.Entities = append(g.Entities, kg.Entity{ID: kg.EntityID(id, kg.KindInitiative, key), Kind: kg.KindInitiative, Name: key, Key: key,
			ReportID: id, RegionID: r.ID, Names: []kg.Name{{Key: key, Rule: kg.NameKey}},
			Evidence: []kg.Evidence{{ReportID: id, Section: "（一）推动高质量发展。", Offset: off, Text: text}}})
	}
	if target != "" {
		g.Targets = append(g.Targets, kg.Target{ID: kg.TargetID(id, kg.TargetPlanned, "地区生产总值", "增长"), ReportID: id, RegionID: r.ID,
			Kind: kg.TargetPlanned, Year: year, Indicator: "地区生产总值", IndicatorCode: "gdp", Measure: "增长", Value: 6, Unit: "%",
			Qualifier: kg.QualifierAbout, Evidence: kg.Evidence{ReportID: id, Section: "（一）推动高质量发展。", Offset: 900, Text: target}})
	}
	return g
}

func TestReuse(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	parent := reuseReport(province, 2025, map[int]string{
		100: "持续打好蓝天、碧水、净土保卫战，推动重点领域节能降碳减污。",
		200: "建设宜居宜业和美乡村。",
		300: "大力发展现代物流产业体系。",
	}, "地区生产总值增长6%左右。")
	child := reuseReport(banner, 2026, map[int]string{
		100:  "持续打好蓝天碧水净土保卫战。",   // a clause of the parent's, quotes and 、 aside: 1
		200:  "建设宜居和美乡村。",        // a word left out: 0.571
		300:  "全面推进奶业振兴和肉牛产业发展。", // its own
		400:  "实施。",              // too short to judge
		1200: "建设宜居宜业和美乡村。",      // outside the task areas
	}, "地区生产总值增长6%左右。") // a target's sentence counts too: 1
	must(t, s.PutReports(ctx, []kg.ReportGraph{parent, child}))

	// Without a parent given: the nearest ancestor with a report of the
	// year or before, 通辽市 2024, though the province's is newer.
	r, err := analysis.Reuse(ctx, s, analysis.ReuseQuery{ChildID: child.Report.ID})
	must(t, err)
	if r.Parent.ID != cityReport.id() {
		t.Errorf("compared with %s, want the nearest ancestor's latest report %s", r.Parent.ID, cityReport.id())
	}
	r, err = analysis.Reuse(ctx, s, analysis.ReuseQuery{ChildID: child.Report.ID, ParentID: parent.Report.ID})
	must(t, err)
	var got []string
	for _, p := range r.Pairs {
		got = append(got, fmt.Sprintf("%d %s ~ %s (%d) %v", p.Child.Offset, p.Child.Text, p.Matched, p.Parent.Offset, p.Similarity))
	}
	want := []string{
		"10 （一）推动高质量发展。 ~ （一）推动高质量发展。 (10) 1", // the task area's heading, identical
		"100 持续打好蓝天碧水净土保卫战。 ~ 持续打好蓝天、碧水、净土保卫战 (100) 1",
		"200 建设宜居和美乡村。 ~ 建设宜居宜业和美乡村。 (200) 0.571",
		"900 地区生产总值增长6%左右。 ~ 地区生产总值增长6%左右。 (900) 1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pairs\n got %q\nwant %q", got, want)
	}
	// The heading, the three sentences judged and the target; not 实施。 nor the one outside.
	if r.Sentences != 5 || r.Reused() != 4 || *r.Share() != 0.8 {
		t.Errorf("sentences %d reused %d share %v, want 5, 4, 0.8", r.Sentences, r.Reused(), *r.Share())
	}

	// A higher bar keeps only the copies.
	strict, err := analysis.Reuse(ctx, s, analysis.ReuseQuery{ChildID: child.Report.ID, ParentID: parent.Report.ID, MinSimilarity: 0.9})
	must(t, err)
	if strict.Reused() != 3 { // the heading and the two exact copies
		t.Errorf("at 0.9: %d reused, want 3", strict.Reused())
	}
	for _, q := range []analysis.ReuseQuery{
		{ChildID: "report/150525/1999"},
		{ChildID: child.Report.ID, ParentID: "report/none"},
		{ChildID: provReport.id()}, // 内蒙古's parent, the nation, has no report
	} {
		if _, err := analysis.Reuse(ctx, s, q); kg.ErrorCode(err) != kg.ENOTFOUND {
			t.Errorf("%+v: %v, want not found", q, err)
		}
	}
	for _, q := range []analysis.ReuseQuery{
		{ChildID: child.Report.ID, MinSimilarity: 1.5},
		{ChildID: child.Report.ID, ParentID: child.Report.ID},
	} {
		if _, err := analysis.Reuse(ctx, s, q); kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("%+v: %v, want invalid", q, err)
		}
	}
}
