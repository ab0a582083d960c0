package neo4j_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/internal/corpustest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/statistics"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
	"github.com/reportgraph/reportgraph/store/storetest"
)

// loadCorpus loads the bundled sample reports into s through ingest, as the
// server and the load command do.
func loadCorpus(t testing.TB, s kg.Store) ingest.Result { return corpustest.Load(t, s) }

// TestParityWithMemoryStore loads the sample corpus into both stores and
// compares the whole graph as canonical JSON, then the answers to the
// queries the GraphQL contract is built on.
func TestParityWithMemoryStore(t *testing.T) {
	ctx := context.Background()
	mem := memory.New()
	loadCorpus(t, mem)
	srv := neo4jtest.Shared(t)
	n4j := openStore(t, srv)
	start := time.Now()
	loadCorpus(t, n4j)
	t.Logf("corpus loaded into %s in %v", srv.URI, time.Since(start))

	want, err := storetest.Dump(ctx, mem)
	if err != nil {
		t.Fatal(err)
	}
	got, err := storetest.Dump(ctx, n4j)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("graph in neo4j differs from memory:\n%s", firstDiff(got, want))
	}

	// Alias groups walk the shared names: the same members from both.
	named, err := mem.FindEntities(ctx, kg.EntityFilter{Names: []string{"三北", "三北工程", "温暖", "千万工程"}})
	if err != nil || len(named) < 5 {
		t.Fatalf("entities named 三北/温暖/千万工程: %d, %v", len(named), err)
	}
	for _, e := range named {
		a, errA := analysis.AliasGroupOf(ctx, mem, e.ID)
		b, errB := analysis.AliasGroupOf(ctx, n4j, e.ID)
		if errA != nil || errB != nil {
			t.Fatalf("alias group of %s: memory %v, neo4j %v", e.ID, errA, errB)
		}
		if ga, gb := groupIDs(a), groupIDs(b); ga != gb || a.Key != b.Key || len(a.Merges) != len(b.Merges) {
			t.Errorf("alias group of %s (%s): memory %s %s, neo4j %s %s", e.ID, e.Name, a.Key, ga, b.Key, gb)
		}
	}

	// Target escalation reads regions, reports and targets: the same rows
	// from both, for every year the corpus has reports of.
	for _, year := range []int{2021, 2023, 2024, 2025, 2026} {
		for _, indicator := range []string{"gdp", "urban_new_jobs", "一般公共预算收入"} {
			a, b := escalationRows(ctx, t, mem, indicator, year), escalationRows(ctx, t, n4j, indicator, year)
			if a != b {
				t.Errorf("escalation of %s in %d:\nmemory %s\nneo4j  %s", indicator, year, a, b)
			}
			if indicator == "gdp" && !strings.Contains(a, " STATED 增长%") {
				t.Errorf("escalation of gdp in %d: no stated growth target: %s", year, a)
			}
		}
	}

	// Target comparison reads the loaded reports too, for its statuses
	// and dropped targets, and a statistics file's figures: the same rows
	// from both.
	csv := []byte("region_code,year,indicator,value,unit,measure\n130000,2026,地区生产总值,5.2,%,增长\n150702,2012,gdp,19,%,增长\n150525,2024,城镇新增就业,2500,人,\n150702,2013,全社会固定资产投资,20,%,增长\n")
	for _, st := range []kg.Store{mem, n4j} {
		if res, err := statistics.Load(ctx, st, "yearbook.csv", csv); err != nil || res.Loaded != 4 {
			t.Fatalf("statistics: %+v %v", res, err)
		}
	}
	dropped := 0
	for _, indicator := range []string{"gdp", "fixed_asset_investment", "urban_new_jobs"} {
		a, b := comparisonRows(ctx, t, mem, indicator), comparisonRows(ctx, t, n4j, indicator)
		if a != b {
			t.Errorf("target comparison of %s:\nmemory %s\nneo4j  %s", indicator, a, b)
		}
		dropped += strings.Count(a, "dropped")
		if !strings.Contains(a, "statistic/") {
			t.Errorf("target comparison of %s has no statistic: %s", indicator, a)
		}
	}
	if dropped == 0 {
		t.Error("no target comparison row has a dropped target: the parity check would not see one differ")
	}

	// Text reuse reads two reports' outlines, entities and targets: the
	// same pairs from both.
	for _, child := range []string{kg.ReportID("150525", 2024), kg.ReportID("152500", 2024), kg.ReportID("150000", 2024)} {
		a, b := reuseLine(ctx, t, mem, child), reuseLine(ctx, t, n4j, child)
		if a != b || !strings.Contains(a, "~") {
			t.Errorf("text reuse of %s:\nmemory %s\nneo4j  %s", child, a, b)
		}
	}
}

// reuseLine answers a text reuse and writes it as one line.
func reuseLine(ctx context.Context, t *testing.T, s kg.Store, child string) string {
	t.Helper()
	r, err := analysis.Reuse(ctx, s, analysis.ReuseQuery{ChildID: child})
	if err != nil {
		t.Fatalf("text reuse of %s: %v", child, err)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s %d: ", r.Parent.ID, r.Sentences)
	for _, p := range r.Pairs {
		fmt.Fprintf(&sb, "%d~%d %s %v; ", p.Child.Offset, p.Parent.Offset, p.Matched, p.Similarity)
	}
	return sb.String()
}

// comparisonRows answers a national target comparison and writes every
// row as one line.
func comparisonRows(ctx context.Context, t *testing.T, s kg.Store, indicator string) string {
	t.Helper()
	nation, err := s.Regions(ctx, []string{kg.RegionID(kg.NationalCode)})
	if err != nil || nation[0] == nil {
		t.Fatalf("the nation: %v", err)
	}
	regions, err := analysis.Subtree(ctx, s, nation[0])
	if err != nil {
		t.Fatal(err)
	}
	rows, err := analysis.CompareTargets(ctx, s, analysis.TargetQuery{Indicator: indicator, Regions: regions})
	if err != nil {
		t.Fatalf("target comparison of %s: %v", indicator, err)
	}
	var sb strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&sb, "%s %d %s%s %s", r.Region.Code, r.Year, r.Measure, r.Unit, r.Status)
		for _, x := range []*kg.Target{r.Target, r.Result, r.PreviousTarget} {
			if x != nil {
				fmt.Fprintf(&sb, " %s", x.ID)
			}
		}
		if r.Statistic != nil {
			fmt.Fprintf(&sb, " %s %s line %d", r.Statistic.ID, kg.FormatValue(r.Statistic.Value), r.Statistic.Line)
		}
		if r.TargetDropped() {
			sb.WriteString(" dropped")
		}
		sb.WriteString("; ")
	}
	return sb.String()
}

// escalationRows answers a national target escalation and writes its
// stated rows and roll-up as one line.
func escalationRows(ctx context.Context, t *testing.T, s kg.Store, indicator string, year int) string {
	t.Helper()
	nation, err := s.Regions(ctx, []string{kg.RegionID(kg.NationalCode)})
	if err != nil || nation[0] == nil {
		t.Fatalf("the nation: %v", err)
	}
	regions, err := analysis.Subtree(ctx, s, nation[0])
	if err != nil {
		t.Fatal(err)
	}
	e, err := analysis.Escalate(ctx, s, analysis.EscalationQuery{Indicator: indicator, Year: year, Regions: regions})
	if err != nil {
		t.Fatalf("escalation of %s in %d: %v", indicator, year, err)
	}
	var sb strings.Builder
	for _, r := range e.Rows {
		if r.Status == analysis.StatusNotLoaded {
			continue
		}
		fmt.Fprintf(&sb, "%s %s %s%s", r.Region.Code, r.Status, r.Measure, r.Unit)
		for _, x := range []*kg.Target{r.Target, r.ParentTarget, r.NationalTarget} {
			if x != nil {
				fmt.Fprintf(&sb, " %s", x.ID)
			}
		}
		sb.WriteString("; ")
	}
	for _, l := range e.Levels {
		fmt.Fprintf(&sb, "%+v ", *l)
	}
	return sb.String()
}

func groupIDs(g *analysis.AliasGroup) string {
	var sb strings.Builder
	for _, m := range g.Members {
		sb.WriteString(m.ID + " ")
	}
	return sb.String()
}
