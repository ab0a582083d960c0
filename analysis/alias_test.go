package analysis_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/link"
	"github.com/reportgraph/reportgraph/store/memory"
)

// namedReport is a report whose entities carry the names link.Names gives
// them, as the loader's do.
func namedReport(r kg.Region, year int, ents ...[2]string) kg.ReportGraph {
	spec := reportSpec{region: r, year: year, ents: ents}
	g := spec.graph()
	for i := range g.Entities {
		e := &g.Entities[i]
		e.Key = strings.NewReplacer("“", "", "”", "").Replace(e.Name)
		e.ID = kg.EntityID(g.Report.ID, e.Kind, e.Key)
		e.Names = link.Names(e)
	}
	return g
}

func aliasStore(t *testing.T, reports ...kg.ReportGraph) kg.Store {
	t.Helper()
	s := memory.New()
	must(t, s.PutRegions(context.Background(), []kg.Region{nation, province, city, league, banner, silent, stale}))
	for _, g := range reports {
		must(t, s.PutReport(context.Background(), g))
	}
	return s
}

func TestAliasGroup(t *testing.T) {
	ctx := context.Background()
	P, J := program, string(kg.KindProject)
	national := namedReport(nation, 2023, [2]string{P, "“三北”工程"})
	prov := namedReport(province, 2024, [2]string{P, "三北防护林体系建设工程"}, [2]string{P, "三北地区特色产业工程"})
	county := namedReport(banner, 2024, [2]string{P, "“三北”六期"}, [2]string{P, "三北六期工程"}, [2]string{J, "欧投行贷款造林项目"})
	cityNext := namedReport(city, 2025, [2]string{P, "三北六期工程"})
	other := namedReport(league, 2024, [2]string{J, "欧投行贷款造林项目"}, [2]string{P, "草原保护工程"})
	s := aliasStore(t, national, prov, county, cityNext, other)

	id := func(g kg.ReportGraph, name string) string {
		for _, e := range g.Entities {
			if e.Name == name {
				return e.ID
			}
		}
		t.Fatalf("no %s in %s", name, g.Report.ID)
		return ""
	}
	sanbei := []string{id(national, "“三北”工程"), id(prov, "三北防护林体系建设工程"), id(prov, "三北地区特色产业工程"),
		id(county, "“三北”六期"), id(county, "三北六期工程"), id(cityNext, "三北六期工程")}
	slices.Sort(sanbei)
	// From every member, the same group: the abbreviation joins the long
	// names that start with its handle, the stem joins the 六期 forms.
	for _, start := range sanbei {
		g, err := analysis.AliasGroupOf(ctx, s, start)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range g.Members {
			got = append(got, m.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, sanbei) || !g.Complete {
			t.Errorf("group of %s: %v (complete %v), want %v", start, got, g.Complete, sanbei)
		}
		if g.Key != "三北六期工程" || g.Name != "三北六期工程" {
			t.Errorf("group of %s named %s (%s), want the key most members carry", start, g.Name, g.Key)
		}
		if len(g.Canonical) != 4 {
			t.Errorf("group of %s: %d canonical members, want one per report (4)", start, len(g.Canonical))
		}
		for _, c := range g.Canonical {
			if c.ReportID == county.Report.ID && c.Name != "三北六期工程" {
				t.Errorf("the county's canonical member is %s, want the group's key", c.Name)
			}
		}
		merges := map[string]string{}
		for _, m := range g.Merges {
			var hs []string
			for _, h := range m.Holders {
				hs = append(hs, string(h.Rule))
			}
			merges[m.Key] = strings.Join(hs, " ")
		}
		if !strings.Contains(merges["三北工程"], "ABBREVIATION") || !strings.Contains(merges["三北工程"], "EXPANSION") || strings.Count(merges["三北"], "STEM") != 4 ||
			merges["三北六工程"] != "" {
			t.Errorf("merges of %s: %v; want 三北工程 shared by the abbreviation and its expansions, 三北 by four stems, no expansion alone", start, merges)
		}
	}

	// Without the quoted abbreviation, two long names that start alike are
	// two programs; the 六期 forms still meet at their stem.
	s = aliasStore(t, prov, county)
	g, err := analysis.AliasGroupOf(ctx, s, id(prov, "三北防护林体系建设工程"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Members) != 1 || len(g.Merges) != 0 {
		t.Errorf("三北防护林体系建设工程 without an abbreviation: %d members, merges %v; want itself alone", len(g.Members), g.Merges)
	}
	if g, err = analysis.AliasGroupOf(ctx, s, id(county, "“三北”六期")); err != nil || len(g.Members) != 2 {
		t.Errorf("“三北”六期 without an abbreviation: %v, %v; want it and 三北六期工程", g, err)
	}

	// A project is one with the same project elsewhere, never with a program.
	s = aliasStore(t, county, other)
	if g, err = analysis.AliasGroupOf(ctx, s, id(county, "欧投行贷款造林项目")); err != nil || len(g.Members) != 2 {
		t.Errorf("欧投行贷款造林项目: %v, %v; want both reports' projects", g, err)
	}
	if _, err := analysis.AliasGroupOf(ctx, s, "entity/150525/2024/nosuch"); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("unknown entity: %v, want not found", err)
	}
}
