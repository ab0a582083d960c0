package graph_test

import (
	"slices"
	"strings"
	"testing"
)

// TestAnalystAliasGroup asks where the 三北 program is named, in any form,
// across the bundled corpus: one group from the autonomous region's
// “三北”工程 down to a banner's “三北”六期 and over to 河北 and 宁夏, with
// the names that join them.
func TestAnalystAliasGroup(t *testing.T) {
	h := newHandler(corpus(t))
	sanbei := find(t, h, "“三北”工程", "PROGRAM", "内蒙古自治区")
	type member struct {
		ID     string
		Name   string
		Region struct{ Name string }
		Report struct{ ID string }
	}
	var out struct {
		AliasGroup struct {
			Name, Key string
			Size      int
			Complete  bool
			Members   []member
			Canonical []member
			Merges    []struct {
				Key     string
				Holders []struct {
					Rule   string
					Entity struct{ ID string }
				}
			}
		}
		Node struct {
			Names      []struct{ Key, Rule string }
			AliasGroup struct{ Size int }
		}
	}
	data(t, h, `query($id: ID!) {
		aliasGroup(id: $id) { name key size complete
			members(first: 100) { id name region { name } report { id } }
			canonical { id name region { name } report { id } }
			merges { key holders { rule entity { id } } } }
		node(id: $id) { ... on Program { names { key rule } aliasGroup { size } } } }`,
		map[string]any{"id": sanbei.ID}, &out)
	g := out.AliasGroup

	regions := map[string]bool{}
	reports := map[string]bool{}
	for _, m := range g.Members {
		regions[m.Region.Name] = true
		reports[m.Report.ID] = true
		if !strings.Contains(m.Name, "三北") {
			t.Errorf("member %s (%s) is no form of 三北", m.Name, m.Region.Name)
		}
	}
	for _, want := range []string{"内蒙古自治区", "通辽市", "奈曼旗", "河北省", "宁夏回族自治区"} {
		if !regions[want] {
			t.Errorf("no member in %s; members in %v", want, regions)
		}
	}
	// A scope word says whose the program is, not which: 宁夏's 国家“三北”
	// 工程 is read as “三北”工程 and joins the group.
	if !slices.ContainsFunc(g.Members, func(m member) bool { return m.Name == "“三北”工程" && m.Region.Name == "宁夏回族自治区" }) {
		t.Errorf("宁夏's 国家“三北”工程 is not a member: %+v", g.Members)
	}
	if g.Size != len(g.Members) || !g.Complete || out.Node.AliasGroup.Size != g.Size {
		t.Errorf("size %d of %d members (complete %v), node's group %d: want all equal and complete", g.Size, len(g.Members), g.Complete, out.Node.AliasGroup.Size)
	}
	if len(g.Canonical) != len(reports) {
		t.Errorf("%d canonical members for %d reports, want one each", len(g.Canonical), len(reports))
	}
	stems := 0
	for _, m := range g.Merges {
		if m.Key != "三北" {
			continue
		}
		for _, h := range m.Holders {
			if h.Rule == "STEM" {
				stems++
			}
		}
	}
	if stems < 4 {
		t.Errorf("merge log %+v: want the stem 三北 shared by at least four members", g.Merges)
	}
	var names []string
	for _, n := range out.Node.Names {
		names = append(names, n.Rule+":"+n.Key)
	}
	for _, want := range []string{"KEY:三北工程", "STEM:三北", "ABBREVIATION:三北工程"} {
		if !slices.Contains(names, want) {
			t.Errorf("names of “三北”工程 %v: no %s", names, want)
		}
	}

	for q, code := range map[string]string{
		`{ aliasGroup(id: "entity/150000/2024/000000000000") { size } }`:           "NOT_FOUND",
		`query($id: ID!) { aliasGroup(id: $id) { members(first: 0) { id } } }`:     "BAD_USER_INPUT",
		`query($id: ID!) { aliasGroup(id: $id) { canonical(first: 101) { id } } }`: "BAD_USER_INPUT",
	} {
		if got := query(t, h, q, map[string]any{"id": sanbei.ID}).code(); got != code {
			t.Errorf("%s: code %q, want %q", q, got, code)
		}
	}
}
