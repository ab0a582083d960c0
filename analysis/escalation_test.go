package analysis_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
)

// escalationFixture is the fixture plus a national 2024 report (GDP 5%左右,
// revenue in 亿元 to show another unit never pairs with %) and a 2024
// report of 锡林郭勒盟 setting 6.5% under the province's 6%.
func escalationFixture(t *testing.T) kg.Store {
	t.Helper()
	s := newFixture(t)
	national := reportSpec{region: nation, year: 2024, targets: []kg.Target{
		gdp(kg.TargetPlanned, 2024, 5, kg.QualifierAbout),
		worded("国内生产总值", kg.TargetPlanned, 2025, 4.5, kg.QualifierAbout), // a later year's aim is not 2024's
	}}
	amount := gdp(kg.TargetPlanned, 2024, 3000, kg.QualifierAtLeast)
	amount.Measure, amount.Unit, amount.IndicatorCode = "", "亿元", kg.IndicatorCode("地区生产总值", "")
	leagueTargets := leagueReport
	leagueTargets.targets = []kg.Target{worded("生产总值", kg.TargetPlanned, 2024, 6.5, kg.QualifierRange), amount}
	for _, r := range []reportSpec{national, leagueTargets} {
		must(t, s.PutReport(context.Background(), r.graph()))
	}
	return s
}

func TestEscalate(t *testing.T) {
	ctx := context.Background()
	s := escalationFixture(t)
	regions, err := analysis.Subtree(ctx, s, &nation)
	must(t, err)
	e, err := analysis.Escalate(ctx, s, analysis.EscalationQuery{Indicator: "gdp", Year: 2024, Regions: regions})
	must(t, err)
	val := func(t *kg.Target) string {
		if t == nil {
			return "-"
		}
		return kg.FormatValue(t.Value)
	}
	opt := func(f *float64) string {
		if f == nil {
			return "-"
		}
		return kg.FormatValue(*f)
	}
	var got []string
	for _, r := range e.Rows {
		parentStatus := analysis.TargetStatus("")
		if r.ParentStatus != nil {
			parentStatus = *r.ParentStatus
		}
		higher := "-"
		if h := r.HigherThanParent(); h != nil {
			higher = fmt.Sprint(*h)
		}
		got = append(got, fmt.Sprintf("%s %s %s%s: %s parent %s (%s) nation %s diff %s ratio %s higher %s", r.Region.Name, r.Status, r.Measure, r.Unit,
			val(r.Target), val(r.ParentTarget), parentStatus, val(r.NationalTarget), opt(r.Difference()), opt(r.Ratio()), higher))
	}
	want := []string{
		"中华人民共和国 STATED 增长%: 5 parent - () nation 5 diff - ratio - higher -",
		"内蒙古自治区 STATED 增长%: 6 parent 5 (STATED) nation 5 diff 1 ratio 1.2 higher true",
		"通辽市 NOT_STATED : - parent - (STATED) nation - diff - ratio - higher -",
		"锡林郭勒盟 STATED 增长%: 6.5 parent 6 (STATED) nation 5 diff 0.5 ratio 1.083333 higher true",
		// An amount has no parent amount to compare with: the province set
		// a growth rate only.
		"锡林郭勒盟 STATED 亿元: 3000 parent - (NOT_STATED) nation - diff - ratio - higher -",
		"开鲁县 NOT_LOADED : - parent - (NOT_STATED) nation - diff - ratio - higher -",
		"库伦旗 NOT_LOADED : - parent - (NOT_STATED) nation - diff - ratio - higher -",
		"奈曼旗 STATED 增长%: 8 parent - (NOT_STATED) nation 5 diff - ratio - higher -",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	var levels []string
	for _, l := range e.Levels {
		levels = append(levels, fmt.Sprintf("%s %d: %d/%d/%d compared %d higher %d equal %d lower %d share %s", l.Level, l.Regions,
			l.Stated, l.NotStated, l.NotLoaded, l.Compared, l.Higher, l.Equal, l.Lower, opt(l.ShareHigher())))
	}
	wantLevels := []string{
		"NATIONAL 1: 1/0/0 compared 0 higher 0 equal 0 lower 0 share -",
		"PROVINCIAL 1: 1/0/0 compared 1 higher 1 equal 0 lower 0 share 1",
		"PREFECTURAL 2: 1/1/0 compared 1 higher 1 equal 0 lower 0 share 1",
		"COUNTY 3: 1/0/2 compared 0 higher 0 equal 0 lower 0 share -",
	}
	if !reflect.DeepEqual(levels, wantLevels) {
		t.Errorf("levels\n got %q\nwant %q", levels, wantLevels)
	}
}

func TestEscalateSubtreeAndMeasure(t *testing.T) {
	ctx := context.Background()
	s := escalationFixture(t)
	regions, err := analysis.Subtree(ctx, s, &league)
	must(t, err)
	growth := "增长"
	e, err := analysis.Escalate(ctx, s, analysis.EscalationQuery{Indicator: "地区生产总值", Year: 2024, Measure: &growth, Regions: regions})
	must(t, err)
	if len(e.Rows) != 1 {
		t.Fatalf("%d rows for 锡林郭勒盟's growth target, want 1", len(e.Rows))
	}
	// The parent and the nation lie outside the subtree and are still compared.
	r := e.Rows[0]
	if r.Parent == nil || r.Parent.ID != province.ID || r.ParentTarget == nil || r.ParentTarget.Value != 6 ||
		r.NationalTarget == nil || r.NationalTarget.Value != 5 {
		t.Errorf("row %+v: want the province's 6 and the nation's 5 beside it", r)
	}
	// A region outside the reports' hierarchy with no report says so.
	regions, err = analysis.Subtree(ctx, s, &silent)
	must(t, err)
	e, err = analysis.Escalate(ctx, s, analysis.EscalationQuery{Indicator: "gdp", Year: 2024, Measure: &growth, Regions: regions})
	must(t, err)
	if len(e.Rows) != 1 || e.Rows[0].Status != analysis.StatusNotLoaded || e.Rows[0].Measure != "增长" || e.Rows[0].ParentStatus == nil || *e.Rows[0].ParentStatus != analysis.StatusNotStated {
		t.Errorf("库伦旗: %+v, want one NOT_LOADED growth row under a city that states nothing", e.Rows[0])
	}
}

func TestEscalateBadQuestions(t *testing.T) {
	ctx := context.Background()
	s := escalationFixture(t)
	regions, err := analysis.Subtree(ctx, s, &nation)
	must(t, err)
	tests := []struct {
		name string
		q    analysis.EscalationQuery
		code string
	}{
		{"no indicator", analysis.EscalationQuery{Year: 2024, Regions: regions}, kg.EINVALID},
		{"no region", analysis.EscalationQuery{Indicator: "gdp", Year: 2024}, kg.EINVALID},
		{"unknown indicator", analysis.EscalationQuery{Indicator: "幸福指数", Year: 2024, Regions: regions}, kg.ENOTFOUND},
		{"year without reports", analysis.EscalationQuery{Indicator: "gdp", Year: 1999, Regions: regions}, kg.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := analysis.Escalate(ctx, s, tt.q)
			if kg.ErrorCode(err) != tt.code {
				t.Errorf("error %v, want %s", err, tt.code)
			}
		})
	}
	// An exact name some report uses is a question, even if unknown as a wording.
	if _, err := analysis.Escalate(ctx, s, analysis.EscalationQuery{Indicator: "经济", Year: 2025, Regions: regions}); err != nil {
		t.Errorf("经济 (a growth-only wording): %v", err)
	}
}
