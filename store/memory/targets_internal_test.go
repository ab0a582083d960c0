package memory

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// TestTargetTableChurn is TestEntityTableChurn for targets, through both
// indicator indexes.
func TestTargetTableChurn(t *testing.T) {
	tab := newTargetTable()
	want := map[string][]kg.Target{} // report → targets
	for gen := range 6 {
		for r := range 3 {
			report := fmt.Sprintf("report/%d", r)
			tab.removeReport(report)
			ts := make([]kg.Target, 1+(gen+r)%4)
			for i := range ts {
				ts[i] = churnTarget(report, fmt.Sprintf("region/%d", r%2), gen, i)
			}
			tab.put(report, ts)
			want[report] = ts
		}
		tab.removeReport("report/2")
		delete(want, "report/2")
		checkTargetTable(t, tab, want)
	}
}

func churnTarget(report, region string, gen, i int) kg.Target {
	x := kg.Target{
		ID: fmt.Sprintf("target/%s/%d/%d", report, gen, i), ReportID: report, RegionID: region,
		Kind: kg.TargetPlanned, Year: 2024, Indicator: []string{"地区生产总值", "粮食产量"}[i%2], Measure: "增长",
		Value: float64(gen), Unit: "%", Qualifier: kg.QualifierAbout,
		Evidence: kg.Evidence{ReportID: report, Section: "二、", Offset: i, Text: "地区生产总值增长6%左右。"},
	}
	if i%3 == 2 {
		v := float64(gen + 1)
		x.MaxValue, x.Qualifier = &v, kg.QualifierRange
	}
	return x
}

func checkTargetTable(t *testing.T, tab *targetTable, want map[string][]kg.Target) {
	t.Helper()
	byInd, byRegionInd := map[string]int{}, map[string]int{}
	n := 0
	for report, ts := range want {
		ords := tab.ofReport(report)
		if len(ords) != len(ts) {
			t.Fatalf("%s: %d targets, want %d", report, len(ords), len(ts))
		}
		for i, o := range ords {
			if got := tab.target(o); !reflect.DeepEqual(*got, ts[i]) {
				t.Errorf("target %s:\n got %+v\nwant %+v", ts[i].ID, *got, ts[i])
			}
			n++
			byInd[ts[i].Indicator]++
			byRegionInd[ts[i].RegionID+"|"+ts[i].Indicator]++
		}
	}
	for ind, count := range byInd {
		if got := len(tab.withIndicator("", ind, nil, nil)); got != count {
			t.Errorf("indicator %s: %d targets, want %d", ind, got, count)
		}
		for _, region := range []string{"region/0", "region/1"} {
			if got := len(tab.withIndicator(region, ind, nil, nil)); got != byRegionInd[region+"|"+ind] {
				t.Errorf("%s %s: %d targets, want %d", region, ind, got, byRegionInd[region+"|"+ind])
			}
		}
	}
	if got := len(tab.all(nil)); got != n {
		t.Errorf("all: %d, want %d", got, n)
	}
}
