package analysis

import (
	"context"
	"fmt"
	"maps"
	"math"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// TargetQuery selects the figures CompareTargets lines up.
type TargetQuery struct {
	Indicator string       // exact indicator: 地区生产总值
	Measure   *string      // 增长 for growth, "" for an absolute amount; nil: both
	Regions   []*kg.Region // the regions to compare (a subtree, say)
	YearFrom  *int
	YearTo    *int
}

// TargetRow is one region's figure for one year: the target its report
// for that year set, next to the result its next year's report gave.
type TargetRow struct {
	Region  *kg.Region
	Year    int
	Measure string
	Unit    string
	Target  *kg.Target // nil when no report of that year set one
	Result  *kg.Target // nil when no later report gave one (yet)
	// Statistic is the realised figure a user's statistics file gives for
	// the region, year, indicator, measure and unit; nil when none does.
	Statistic *kg.Statistic
	// PreviousTarget is the target the region set for the year before,
	// of the same measure and unit: what the wording shifted from.
	PreviousTarget *kg.Target
	// Status tells a report that sets the target (STATED) from one that
	// is loaded and does not (NOT_STATED) and from no report of the year
	// (NOT_LOADED), in the row's measure and unit.
	Status TargetStatus
}

// TargetDropped reports a number given up: the year before set a target,
// and this year's report is loaded and sets none in the same measure and
// unit (a qualitative aim in its place, 经济稳中向好, or nothing).
func (r *TargetRow) TargetDropped() bool {
	return r.PreviousTarget != nil && r.Target == nil && r.Status == StatusNotStated
}

// QualifierShift names a change of qualifier from the year before
// (AT_LEAST→ABOUT: 至少 or 以上 became 左右), nil when both years do not
// set a target or the qualifier stayed.
func (r *TargetRow) QualifierShift() *string {
	if r.Target == nil || r.PreviousTarget == nil || r.Target.Qualifier == r.PreviousTarget.Qualifier {
		return nil
	}
	s := string(r.PreviousTarget.Qualifier) + "→" + string(r.Target.Qualifier)
	return &s
}

// ValueChange is the target's value minus the year before's, nil unless
// both years set one.
func (r *TargetRow) ValueChange() *float64 {
	if r.Target == nil || r.PreviousTarget == nil {
		return nil
	}
	d := math.Round((r.Target.Value-r.PreviousTarget.Value)*1e6) / 1e6
	return &d
}

// RealisedSource says where a row's realised figure comes from.
type RealisedSource string

const (
	RealisedReport     RealisedSource = "REPORT"     // the next year's report (Result)
	RealisedStatistics RealisedSource = "STATISTICS" // a user's statistics file (Statistic)
)

// realised is the figure the target is judged against: the next year's
// report's result, else a statistics file's; ok is false with neither.
func (r *TargetRow) realised() (float64, bool) {
	switch {
	case r.Result != nil:
		return r.Result.Value, true
	case r.Statistic != nil:
		return r.Statistic.Value, true
	}
	return 0, false
}

// RealisedFrom says which figure Difference and Met use, nil with none.
func (r *TargetRow) RealisedFrom() *RealisedSource {
	var s RealisedSource
	switch {
	case r.Result != nil:
		s = RealisedReport
	case r.Statistic != nil:
		s = RealisedStatistics
	default:
		return nil
	}
	return &s
}

// Difference is the realised figure minus the target value, nil unless
// both are present.
func (r *TargetRow) Difference() *float64 {
	v, ok := r.realised()
	if r.Target == nil || !ok {
		return nil
	}
	// Report figures carry a few decimals: rounding the difference to six
	// drops the binary noise (5.6 - 5 is 0.5999999999999996 in float64).
	d := math.Round((v-r.Target.Value)*1e6) / 1e6
	return &d
}

// Met says whether the result reached the target, nil when it cannot be
// told: a figure is missing, or the target (6%左右, or a bare 6%) gives no
// direction to judge against.
func (r *TargetRow) Met() *bool {
	v, ok := r.realised()
	if r.Target == nil || !ok {
		return nil
	}
	var met bool
	switch r.Target.Qualifier {
	case kg.QualifierAtLeast, kg.QualifierRange:
		met = v >= r.Target.Value
	case kg.QualifierAtMost:
		met = v <= r.Target.Value
	default:
		return nil
	}
	return &met
}

// targetFilter selects q's figures: every wording of q.Indicator's
// indicator when it is a code (gdp) or a known wording (地区生产总值), else
// the exact name. A growth-only wording (经济增长) names GDP only with a
// growth measure, so the name is tried with 增长 too.
func targetFilter(q TargetQuery) kg.TargetFilter {
	f := kg.TargetFilter{RegionIDs: regionIDs(q.Regions)}
	code := kg.IndicatorCode(q.Indicator, "")
	if code == "" {
		code = kg.IndicatorCode(q.Indicator, "增长")
	}
	if code == "" && len(kg.IndicatorWordings(q.Indicator)) > 0 {
		code = q.Indicator
	}
	if code != "" {
		f.IndicatorCode = code
	} else {
		f.Indicator = q.Indicator
	}
	return f
}

// CompareTargets returns one row per (region, year, measure, unit) with a
// target, a result or a statistic of q.Indicator (every wording of it,
// see targetFilter), and one for each year whose loaded report drops the
// year before's target; regions highest level first, then by code, then year.
// Figures of different measures or units never share a row: growth in %
// and an amount in 亿元 are not comparable.
func CompareTargets(ctx context.Context, s kg.Store, q TargetQuery) ([]*TargetRow, error) {
	if q.Indicator == "" {
		return nil, kg.Errorf(kg.EINVALID, "compare targets: indicator is required")
	}
	regions := make(map[string]*kg.Region, len(q.Regions))
	for _, r := range q.Regions {
		regions[r.ID] = r
	}
	ts, err := s.FindTargets(ctx, targetFilter(q))
	if err != nil {
		return nil, fmt.Errorf("targets of %s: %w", q.Indicator, err)
	}
	type key struct {
		region        string
		year          int
		measure, unit string
	}
	rows := map[key]*TargetRow{}
	// rowOf is the row of a figure q keeps, made on first use; nil for a
	// figure of another measure or outside the years.
	rowOf := func(region string, year int, measure, unit string) *TargetRow {
		if q.Measure != nil && measure != *q.Measure || q.YearFrom != nil && year < *q.YearFrom || q.YearTo != nil && year > *q.YearTo {
			return nil
		}
		k := key{region, year, measure, unit}
		if rows[k] == nil {
			rows[k] = &TargetRow{Region: regions[region], Year: year, Measure: measure, Unit: unit}
		}
		return rows[k]
	}
	for _, t := range ts {
		row := rowOf(t.RegionID, t.Year, t.Measure, t.Unit)
		if row == nil {
			continue
		}
		// A report may state the same figure twice; the first by id wins,
		// as FindTargets orders by report and id.
		switch {
		case t.Kind == kg.TargetPlanned && row.Target == nil:
			row.Target = t
		case t.Kind == kg.TargetResult && row.Result == nil:
			row.Result = t
		}
	}
	stats, err := statisticsOf(ctx, s, q)
	if err != nil {
		return nil, err
	}
	for _, st := range stats {
		// Two files may give one figure: the first by id.
		if row := rowOf(st.RegionID, st.Year, st.Measure, st.Unit); row != nil && row.Statistic == nil {
			row.Statistic = st
		}
	}
	loaded, err := loadedYears(ctx, s, q.Regions)
	if err != nil {
		return nil, err
	}
	// A target the next year's loaded report no longer sets gets a row of
	// that year, so the drop shows.
	dropped := map[key]*TargetRow{}
	for k, r := range rows {
		next := key{k.region, k.year + 1, k.measure, k.unit}
		if r.Target == nil || r.Region == nil || rows[next] != nil || !loaded[k.region][next.year] || q.YearTo != nil && next.year > *q.YearTo {
			continue
		}
		dropped[next] = &TargetRow{Region: r.Region, Year: next.year, Measure: k.measure, Unit: k.unit}
	}
	maps.Copy(rows, dropped)
	out := make([]*TargetRow, 0, len(rows))
	for k, r := range rows {
		if r.Region == nil {
			continue
		}
		if prev := rows[key{k.region, k.year - 1, k.measure, k.unit}]; prev != nil {
			r.PreviousTarget = prev.Target
		}
		switch {
		case r.Target != nil:
			r.Status = StatusStated
		case loaded[k.region][k.year]:
			r.Status = StatusNotStated
		default:
			r.Status = StatusNotLoaded
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Region.ID != b.Region.ID {
			return byLevel(a.Region, b.Region)
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Measure != b.Measure {
			return a.Measure > b.Measure // 增长 before the absolute amount
		}
		return a.Unit < b.Unit
	})
	return out, nil
}

// statisticsOf reads the statistics of q's regions and indicator, matched
// as the targets are (every wording of a known indicator).
func statisticsOf(ctx context.Context, s kg.Store, q TargetQuery) ([]*kg.Statistic, error) {
	tf := targetFilter(q)
	stats, err := s.FindStatistics(ctx, kg.StatisticFilter{RegionIDs: tf.RegionIDs, Indicator: tf.Indicator, IndicatorCode: tf.IndicatorCode})
	if err != nil {
		return nil, fmt.Errorf("statistics of %s: %w", q.Indicator, err)
	}
	return stats, nil
}

// loadedYears maps each region of regions with a loaded report to the
// years of its reports. The whole country's reports are read without an
// id list: the list would name every region there is.
func loadedYears(ctx context.Context, s kg.Store, regions []*kg.Region) (map[string]map[int]bool, error) {
	var f kg.ReportFilter
	if len(regions) > 0 && regions[0].ParentID != "" {
		f.RegionIDs = regionIDs(regions)
	}
	reps, err := s.FindReports(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("reports of the regions: %w", err)
	}
	out := map[string]map[int]bool{}
	for _, r := range reps {
		if out[r.RegionID] == nil {
			out[r.RegionID] = map[int]bool{}
		}
		out[r.RegionID][r.Year] = true
	}
	return out, nil
}
