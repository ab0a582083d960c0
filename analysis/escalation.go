package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// TargetStatus tells what a region's report of a year says of an
// indicator: a target, none, or there is no report of that year to ask.
type TargetStatus string

const (
	StatusStated    TargetStatus = "STATED"     // the report sets a target
	StatusNotStated TargetStatus = "NOT_STATED" // the report is loaded and sets none
	StatusNotLoaded TargetStatus = "NOT_LOADED" // no report of the year is loaded
)

// EscalationQuery selects the targets Escalate lines up.
type EscalationQuery struct {
	Indicator string  // a code (gdp), a known wording, or an exact name
	Year      int     // the year the targets are set for
	Measure   *string // 增长 or "" (an amount); nil: both
	// Regions is the subtree to answer for, its root first (Subtree).
	Regions []*kg.Region
}

// EscalationRow is one region's target for the year next to its parent's
// and the nation's, of the same measure and unit. A region that sets
// targets in two measures or units (增长 in %, an amount in 亿元) has a row
// for each; one that sets none has one row saying why.
type EscalationRow struct {
	Region         *kg.Region
	Parent         *kg.Region // nil for the top of the hierarchy
	Status         TargetStatus
	ParentStatus   *TargetStatus // the parent's, of the row's measure and unit; nil without a parent
	Measure, Unit  string
	Target         *kg.Target // nil unless Status is StatusStated
	ParentTarget   *kg.Target
	NationalTarget *kg.Target
}

// Difference is the target's value minus its parent's, nil unless both
// are stated. A range is compared by its lower bound: what it commits to.
func (r *EscalationRow) Difference() *float64 {
	if r.Target == nil || r.ParentTarget == nil {
		return nil
	}
	d := math.Round((r.Target.Value-r.ParentTarget.Value)*1e6) / 1e6
	return &d
}

// Ratio is the target's value over its parent's, nil unless both are
// stated and the parent's is not zero.
func (r *EscalationRow) Ratio() *float64 {
	if r.Target == nil || r.ParentTarget == nil || r.ParentTarget.Value == 0 {
		return nil
	}
	q := math.Round(r.Target.Value/r.ParentTarget.Value*1e6) / 1e6
	return &q
}

// HigherThanParent says whether the target's value is above its parent's
// (层层加码 for a growth target), nil unless both are stated.
func (r *EscalationRow) HigherThanParent() *bool {
	d := r.Difference()
	if d == nil {
		return nil
	}
	higher := *d > 0
	return &higher
}

// LevelEscalation rolls one level's rows up: how many regions stated a
// target, and of the rows with a parent target to compare with, how many
// were higher, equal and lower.
type LevelEscalation struct {
	Level                        kg.RegionLevel
	Regions                      int
	Stated, NotStated, NotLoaded int // regions by status
	Compared                     int // rows with both targets
	Higher, Equal, Lower         int
}

// ShareHigher is the share of compared rows above their parent's target,
// nil when none could be compared.
func (l *LevelEscalation) ShareHigher() *float64 {
	return share(l.Higher, l.Compared)
}

// share is n / of rounded to four decimals, nil when of is zero.
func share(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	s := math.Round(float64(n)/float64(of)*1e4) / 1e4
	return &s
}

// Escalation is Escalate's answer: the rows, highest level first, then by
// region code, and the roll-up per level in the same order.
type Escalation struct {
	Rows   []*EscalationRow
	Levels []*LevelEscalation
}

// measureUnit is what makes two targets comparable.
type measureUnit struct{ measure, unit string }

// Escalate lines up, for q.Indicator (every wording of it, see
// IndicatorFilter) and q.Year, each region's target with its parent's and
// the nation's. It costs at most four store calls whatever the subtree's
// size (the subtree is the caller's). A name no figure of any year uses,
// or a year no report of the subtree (its parent and the nation included)
// is of, is ENOTFOUND naming it.
func Escalate(ctx context.Context, s kg.Store, q EscalationQuery) (*Escalation, error) {
	if q.Indicator == "" {
		return nil, kg.Errorf(kg.EINVALID, "target escalation: indicator is required")
	}
	if len(q.Regions) == 0 {
		return nil, kg.Errorf(kg.EINVALID, "target escalation: no region given")
	}
	f, err := IndicatorFilter(ctx, s, q.Indicator)
	if err != nil {
		return nil, err
	}
	root := q.Regions[0]
	parents, err := outerRegions(ctx, s, root)
	if err != nil {
		return nil, err
	}
	reports, err := reportsOfYear(ctx, s, q, parents)
	if err != nil {
		return nil, err
	}
	// By the regions with a report of the year and the indicator, which
	// both stores index, rather than by report: a report holds dozens of
	// figures and only one or two are of the indicator.
	loaded := make(map[string]bool, len(reports))
	for _, regionID := range reports {
		if !loaded[regionID] {
			loaded[regionID] = true
			f.RegionIDs = append(f.RegionIDs, regionID)
		}
	}
	sort.Strings(f.RegionIDs)
	if root.ParentID == "" {
		f.RegionIDs = nil // the whole country: every region's figures
	}
	planned := kg.TargetPlanned
	f.Kind, f.Year = &planned, &q.Year
	ts, err := s.FindTargets(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("targets of %s in %d: %w", q.Indicator, q.Year, err)
	}
	byRegion := targetsByRegion(ts, reports, q)
	regions := make(map[string]*kg.Region, len(q.Regions)+len(parents))
	for _, r := range append(append([]*kg.Region(nil), q.Regions...), parents...) {
		regions[r.ID] = r
	}
	e := &Escalation{}
	for _, r := range q.Regions {
		e.Rows = append(e.Rows, escalationRows(r, regions[r.ParentID], byRegion, loaded, q.Measure)...)
	}
	sort.SliceStable(e.Rows, func(i, j int) bool {
		a, b := e.Rows[i], e.Rows[j]
		if a.Region.ID != b.Region.ID {
			return byLevel(a.Region, b.Region)
		}
		if a.Measure != b.Measure {
			return a.Measure > b.Measure // 增长 before the absolute amount
		}
		return a.Unit < b.Unit
	})
	e.Levels = rollUp(e.Rows)
	return e, nil
}

// IndicatorFilter is the target filter of an indicator as an analyst
// names it: every wording of a code (gdp) or of a known wording's
// indicator (地区生产总值), else the exact name. A name that is neither
// known nor the name of any stored figure is ENOTFOUND naming it.
func IndicatorFilter(ctx context.Context, s kg.Store, name string) (kg.TargetFilter, error) {
	f := targetFilter(TargetQuery{Indicator: name})
	if f.IndicatorCode != "" {
		return f, nil
	}
	probe := f
	probe.Limit = 1
	ts, err := s.FindTargets(ctx, probe)
	if err != nil {
		return kg.TargetFilter{}, fmt.Errorf("targets of %s: %w", name, err)
	}
	if len(ts) == 0 {
		return kg.TargetFilter{}, kg.Errorf(kg.ENOTFOUND, "no report states a figure of indicator %q (give a code such as gdp, a known wording or the name as written)", name)
	}
	return f, nil
}

// outerRegions returns the regions above root a row may compare with:
// its parent and the nation (fewer at the top).
func outerRegions(ctx context.Context, s kg.Store, root *kg.Region) ([]*kg.Region, error) {
	var ids []string
	if root.ParentID != "" {
		ids = append(ids, root.ParentID)
	}
	if nation := kg.RegionID(kg.NationalCode); root.ID != nation && root.ParentID != nation {
		ids = append(ids, nation)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rs, err := s.Regions(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("regions above %s: %w", root.ID, err)
	}
	out := make([]*kg.Region, 0, len(rs))
	for _, r := range rs {
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// reportsOfYear maps the id of each report of q.Year of the subtree, its
// parent and the nation to its region id; ENOTFOUND when there is none.
func reportsOfYear(ctx context.Context, s kg.Store, q EscalationQuery, outer []*kg.Region) (map[string]string, error) {
	f := kg.ReportFilter{Year: &q.Year}
	if q.Regions[0].ParentID != "" { // below the nation: this subtree only
		f.RegionIDs = append(regionIDs(q.Regions), regionIDs(outer)...)
	}
	reps, err := s.FindReports(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("reports of %d: %w", q.Year, err)
	}
	if len(reps) == 0 {
		return nil, kg.Errorf(kg.ENOTFOUND, "no report of year %d is loaded for %s, the regions under it or above it", q.Year, q.Regions[0].Name)
	}
	out := make(map[string]string, len(reps))
	for _, r := range reps {
		out[r.ID] = r.RegionID
	}
	return out, nil
}

// targetsByRegion keeps, per region and per measure and unit, the first
// target (by report and id, as FindTargets orders them) that a report of
// reports sets for q.Year in q.Measure: a report may state one figure twice.
func targetsByRegion(ts []*kg.Target, reports map[string]string, q EscalationQuery) map[string]map[measureUnit]*kg.Target {
	out := map[string]map[measureUnit]*kg.Target{}
	for _, t := range ts {
		if _, ok := reports[t.ReportID]; !ok || t.Year != q.Year || q.Measure != nil && t.Measure != *q.Measure {
			continue // another year's report, or a later year's aim (到2027年)
		}
		m := out[t.RegionID]
		if m == nil {
			m = map[measureUnit]*kg.Target{}
			out[t.RegionID] = m
		}
		if k := (measureUnit{t.Measure, t.Unit}); m[k] == nil {
			m[k] = t
		}
	}
	return out
}

// escalationRows are r's rows: one per measure and unit it states, or one
// saying it states none or has no report.
func escalationRows(r, parent *kg.Region, byRegion map[string]map[measureUnit]*kg.Target, loaded map[string]bool, measure *string) []*EscalationRow {
	nation := byRegion[kg.RegionID(kg.NationalCode)]
	own := byRegion[r.ID]
	if len(own) == 0 {
		row := &EscalationRow{Region: r, Parent: parent, Status: status(r, nil, loaded)}
		if measure != nil {
			row.Measure = *measure
		}
		if parent != nil {
			ps := status(parent, byRegion[parent.ID], loaded)
			row.ParentStatus = &ps
		}
		return []*EscalationRow{row}
	}
	out := make([]*EscalationRow, 0, len(own))
	for k, t := range own {
		row := &EscalationRow{Region: r, Parent: parent, Status: StatusStated, Measure: k.measure, Unit: k.unit,
			Target: t, NationalTarget: nation[k]}
		if parent != nil {
			row.ParentTarget = byRegion[parent.ID][k]
			ps := status(parent, byRegion[parent.ID], loaded)
			if row.ParentTarget == nil && ps == StatusStated {
				ps = StatusNotStated // only in another measure or unit
			}
			row.ParentStatus = &ps
		}
		out = append(out, row)
	}
	return out
}

func status(r *kg.Region, targets map[measureUnit]*kg.Target, loaded map[string]bool) TargetStatus {
	switch {
	case len(targets) > 0:
		return StatusStated
	case loaded[r.ID]:
		return StatusNotStated
	default:
		return StatusNotLoaded
	}
}

// rollUp counts rows per level, in the rows' level order.
func rollUp(rows []*EscalationRow) []*LevelEscalation {
	var out []*LevelEscalation
	byLvl := map[kg.RegionLevel]*LevelEscalation{}
	counted := map[string]bool{}
	for _, r := range rows {
		l := byLvl[r.Region.Level]
		if l == nil {
			l = &LevelEscalation{Level: r.Region.Level}
			byLvl[r.Region.Level] = l
			out = append(out, l)
		}
		if !counted[r.Region.ID] {
			counted[r.Region.ID] = true
			l.Regions++
			switch r.Status {
			case StatusStated:
				l.Stated++
			case StatusNotStated:
				l.NotStated++
			default:
				l.NotLoaded++
			}
		}
		if d := r.Difference(); d != nil {
			l.Compared++
			switch {
			case *d > 0:
				l.Higher++
			case *d < 0:
				l.Lower++
			default:
				l.Equal++
			}
		}
	}
	return out
}
