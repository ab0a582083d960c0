// Package synth builds synthetic report graphs of any size for load tests
// and benchmarks of the Neo4j store: a region tree (provinces, prefectures,
// counties), one report per region, programs with member initiatives and
// projects, targets, and IMPLEMENTS links from each report's programs to
// the same-named programs of its parent region's report.
package synth

import (
	"fmt"

	"github.com/reportgraph/reportgraph/kg"
)

// Corpus is a generated graph, in the order a loader writes it.
type Corpus struct {
	Regions []kg.Region
	Reports []kg.ReportGraph
	Links   []kg.Edge
}

// Shape of each generated report.
const (
	programsPerReport = 6
	membersPerProgram = 5
	targetsPerReport  = 4
)

// Nodes and Edges count what Corpus writes (region PART_OF edges included).
func (c *Corpus) Nodes() int {
	n := len(c.Regions)
	for _, g := range c.Reports {
		n += 1 + len(g.Entities) + len(g.Targets)
	}
	return n
}

// Edges counts every relationship the corpus creates.
func (c *Corpus) Edges() int {
	n := len(c.Links)
	for _, r := range c.Regions {
		if r.ParentID != "" {
			n++
		}
	}
	for _, g := range c.Reports {
		n += len(g.Edges)
	}
	return n
}

// New returns a corpus of about n reports (at least n), for year.
func New(n, year int) *Corpus {
	c := &Corpus{}
	root := kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "全国", Level: kg.LevelNational}
	c.Regions = append(c.Regions, root)
	c.addReport(root, year, nil)
	// 31 provinces × 10 prefectures × 16 counties (5,302 reports) covers 5,000;
	// regions are created breadth-first until n reports exist.
	for p := 1; p <= 31 && len(c.Reports) < n; p++ {
		prov := c.region(fmt.Sprintf("%02d0000", 10+p), fmt.Sprintf("第%d省", p), kg.LevelProvincial, root.ID)
		c.addReport(prov, year, &c.Reports[0])
		provRep := len(c.Reports) - 1
		for f := 1; f <= 10 && len(c.Reports) < n; f++ {
			pref := c.region(fmt.Sprintf("%02d%02d00", 10+p, f), fmt.Sprintf("第%d省第%d市", p, f), kg.LevelPrefectural, prov.ID)
			c.addReport(pref, year, &c.Reports[provRep])
			prefRep := len(c.Reports) - 1
			for k := 1; k <= 16 && len(c.Reports) < n; k++ {
				county := c.region(fmt.Sprintf("%02d%02d%02d", 10+p, f, k), fmt.Sprintf("第%d省第%d市第%d县", p, f, k), kg.LevelCounty, pref.ID)
				c.addReport(county, year, &c.Reports[prefRep])
			}
		}
	}
	return c
}

func (c *Corpus) region(code, name string, level kg.RegionLevel, parent string) kg.Region {
	r := kg.Region{ID: kg.RegionID(code), Code: code, Name: name, Level: level, ParentID: parent}
	c.Regions = append(c.Regions, r)
	return r
}

// addReport adds region r's report; its programs implement parent's
// same-named programs. parent points into c.Reports, so it is read before
// the append below can move the slice.
func (c *Corpus) addReport(r kg.Region, year int, parent *kg.ReportGraph) {
	rep := kg.Report{ID: kg.ReportID(r.Code, year), RegionID: r.ID, Year: year,
		DeliveredOn: fmt.Sprintf("%d-01-20", year), Title: r.Name + fmt.Sprintf("%d年政府工作报告", year), Source: r.Code + ".txt"}
	g := kg.ReportGraph{Report: rep}
	offset := 0
	ev := func(section, text string) kg.Evidence {
		offset += 40
		return kg.Evidence{ReportID: rep.ID, Section: section, Offset: offset, Text: text}
	}
	var links []kg.Edge
	for p := 1; p <= programsPerReport; p++ {
		name := fmt.Sprintf("第%d项重点工程", p)
		section := fmt.Sprintf("二、重点工作 / （%d）", p)
		prog := entity(rep, kg.KindProgram, name, ev(section, "实施"+name+"，推动高质量发展。"))
		g.Entities = append(g.Entities, prog)
		for m := 1; m <= membersPerProgram; m++ {
			kind := kg.KindInitiative
			if m%2 == 0 {
				kind = kg.KindProject
			}
			mname := fmt.Sprintf("%s第%d项行动", name, m)
			e := entity(rep, kind, mname, ev(section, "扎实推进"+mname+"。"))
			g.Entities = append(g.Entities, e)
			g.Edges = append(g.Edges, kg.Edge{Type: kg.EdgePartOf, FromID: e.ID, ToID: prog.ID, Method: kg.MethodSection, Confidence: 1})
		}
		if parent != nil {
			to := parent.Entities[(p-1)*(membersPerProgram+1)]
			links = append(links, kg.Edge{Type: kg.EdgeImplements, FromID: prog.ID, ToID: to.ID, Method: kg.MethodName,
				Confidence: 1, Evidence: []kg.Evidence{prog.Evidence[0], to.Evidence[0]}})
		}
	}
	for t := 1; t <= targetsPerReport; t++ {
		indicator := fmt.Sprintf("指标%d", t)
		g.Targets = append(g.Targets, kg.Target{
			ID: kg.TargetID(rep.ID, kg.TargetPlanned, indicator, ""), ReportID: rep.ID, RegionID: r.ID,
			Kind: kg.TargetPlanned, Year: year, Indicator: indicator, Measure: "增长", Value: float64(5 + t),
			Unit: "%", Qualifier: kg.QualifierAtLeast, Evidence: ev("一、预期目标", indicator+"增长"+fmt.Sprint(5+t)+"%以上"),
		})
	}
	c.Reports = append(c.Reports, g)
	c.Links = append(c.Links, links...)
}

func entity(rep kg.Report, kind kg.EntityKind, name string, ev kg.Evidence) kg.Entity {
	return kg.Entity{ID: kg.EntityID(rep.ID, kind, name), Kind: kind, Name: name, Key: name,
		ReportID: rep.ID, RegionID: rep.RegionID, Evidence: []kg.Evidence{ev}}
}
