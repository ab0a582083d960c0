package memory

import (
	"context"
	"strings"
	"testing"
	"unsafe"

	"github.com/reportgraph/reportgraph/kg"
)

// TestStoreKeepsNoInputText: the loader's strings are substrings of the
// whole normalised report, so a stored field pointing into one keeps the
// whole text alive (a report title did, for 187 MB of the 5,000-report
// store). Nothing read back may point into the text it was put from.
func TestStoreKeepsNoInputText(t *testing.T) {
	ctx := context.Background()
	text := strings.Repeat("政府工作报告：实施六个工程，地区生产总值增长6%左右。", 200)
	sub := func(i int) string { return text[i*3 : i*3+12] }
	root := kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "中华人民共和国", Level: kg.LevelNational}
	rep := kg.Report{ID: kg.ReportID(kg.NationalCode, 2024), RegionID: root.ID, Year: 2024, Title: sub(1), DeliveredOn: sub(2), Source: sub(3)}
	ev := []kg.Evidence{{ReportID: rep.ID, Section: sub(4), Text: sub(5)}}
	a := kg.Entity{ID: kg.EntityID(rep.ID, kg.KindProgram, "a"), Kind: kg.KindProgram, Name: sub(6), Key: sub(7),
		Aliases: []string{sub(8)}, ReportID: rep.ID, RegionID: root.ID, Definition: sub(9), LeadDepartment: sub(10), Evidence: ev}
	b := a
	b.ID, b.Key = kg.EntityID(rep.ID, kg.KindProgram, "b"), sub(11)
	g := kg.ReportGraph{
		Report:   rep,
		Entities: []kg.Entity{a, b},
		Targets: []kg.Target{{ID: kg.TargetID(rep.ID, kg.TargetPlanned, "gdp", ""), ReportID: rep.ID, RegionID: root.ID, Kind: kg.TargetPlanned,
			Year: 2024, Indicator: sub(12), Measure: sub(13), Unit: sub(14), Qualifier: kg.QualifierAbout, Evidence: ev[0]}},
		Edges: []kg.Edge{{Type: kg.EdgePartOf, FromID: b.ID, ToID: a.ID, Method: kg.MethodMember, Evidence: ev}},
	}
	s := New()
	if err := s.PutRegions(ctx, []kg.Region{root}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutReport(ctx, g); err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	check := func(what string, strs ...string) {
		for _, x := range strs {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(x))); x != "" && p >= lo && p < lo+uintptr(len(text)) {
				t.Errorf("%s %q points into the input text", what, x)
			}
		}
	}
	evs := func(evs []kg.Evidence) (out []string) {
		for _, e := range evs {
			out = append(out, e.ReportID, e.Section, e.Text)
		}
		return out
	}
	reps, _ := s.Reports(ctx, []string{rep.ID})
	check("report", reps[0].ID, reps[0].Title, reps[0].DeliveredOn, reps[0].Source)
	es, _ := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{rep.ID}})
	for _, e := range es {
		check("entity", append([]string{e.ID, e.Name, e.Key, e.Definition, e.LeadDepartment}, append(e.Aliases, evs(e.Evidence)...)...)...)
	}
	ts, _ := s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{rep.ID}})
	for _, x := range ts {
		check("target", append([]string{x.Indicator, x.Measure, x.Unit}, evs([]kg.Evidence{x.Evidence})...)...)
	}
	edges, _ := s.FindEdges(ctx, kg.EdgeFilter{FromIDs: []string{b.ID}})
	if len(edges) != 1 || len(es) != 2 || len(ts) != 1 {
		t.Fatalf("stored %d entities, %d targets, %d edges", len(es), len(ts), len(edges))
	}
	check("edge", append([]string{edges[0].FromID, edges[0].ToID}, evs(edges[0].Evidence)...)...)
}
