package loader

import (
	"context"
	"os"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// The State Council's report (我代表国务院, no region name in its header)
// belongs to the national root, plans for its year, and yields its task
// areas, its growth target and the “三北”工程.
func TestNationalReport(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/national/state-council-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(context.Background(), "state-council-2024.txt", raw, tree)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := tree.ByCode(kg.NationalCode)
	if g.Report.RegionID != root.ID || g.Report.Year != 2024 {
		t.Errorf("report region %s year %d, want %s 2024", g.Report.RegionID, g.Report.Year, root.ID)
	}
	names := map[string]bool{}
	for _, e := range g.Entities {
		names[e.Name] = true
	}
	for _, want := range []string{"“三北”工程", "大力推进现代化产业体系建设", "切实保障和改善民生"} {
		if !names[want] {
			t.Errorf("no entity %s among %v", want, names)
		}
	}
	target := false
	for _, x := range g.Targets {
		if x.Kind == kg.TargetPlanned && x.Value == 5 && x.Qualifier == kg.QualifierAbout {
			target = true
		}
	}
	if !target {
		t.Errorf("no 国内生产总值增长5%%左右 target in %+v", g.Targets)
	}
}
