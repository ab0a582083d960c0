package analysis

import (
	"context"
	"fmt"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// Tally counts what a set of reports holds.
type Tally struct {
	Reports, Programs, Initiatives, Projects, Terms, Targets, Results int
}

func (t *Tally) add(o Tally) {
	t.Reports += o.Reports
	t.Programs += o.Programs
	t.Initiatives += o.Initiatives
	t.Projects += o.Projects
	t.Terms += o.Terms
	t.Targets += o.Targets
	t.Results += o.Results
}

// Cell is the tally of the reports of one level and year.
type Cell struct {
	Level kg.RegionLevel
	Year  int
	Tally
}

// Stats rolls a region's subtree up: the total, and tallies by level, by
// year and by both.
type Stats struct {
	Total   Tally
	ByLevel []Cell // Year 0; highest level first
	ByYear  []Cell // Level ""; newest first
	Cells   []Cell // highest level first, then newest first
}

// StatsOf tallies the reports of regions (a subtree) within the years.
// It costs two store calls whatever the subtree's size, and the stores
// count without returning the entities.
func StatsOf(ctx context.Context, s kg.Store, regions []*kg.Region, yearFrom, yearTo *int) (*Stats, error) {
	level := make(map[string]kg.RegionLevel, len(regions))
	for _, r := range regions {
		level[r.ID] = r.Level
	}
	reports, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: regionIDs(regions)})
	if err != nil {
		return nil, fmt.Errorf("stats: reports: %w", err)
	}
	type cellKey struct {
		level kg.RegionLevel
		year  int
	}
	perReport := map[string]*Tally{}
	cellOf := map[string]cellKey{}
	var ids []string
	for _, r := range reports {
		if yearFrom != nil && r.Year < *yearFrom || yearTo != nil && r.Year > *yearTo {
			continue
		}
		ids = append(ids, r.ID)
		perReport[r.ID] = &Tally{Reports: 1}
		cellOf[r.ID] = cellKey{level[r.RegionID], r.Year}
	}
	st := &Stats{ByLevel: []Cell{}, ByYear: []Cell{}, Cells: []Cell{}}
	if len(ids) == 0 {
		return st, nil
	}
	if err := countReports(ctx, s, ids, perReport); err != nil {
		return nil, err
	}
	cells, byLevel, byYear := map[cellKey]*Tally{}, map[kg.RegionLevel]*Tally{}, map[int]*Tally{}
	for id, t := range perReport {
		k := cellOf[id]
		for _, sum := range []*Tally{tallyAt(cells, k), tallyAt(byLevel, k.level), tallyAt(byYear, k.year), &st.Total} {
			sum.add(*t)
		}
	}
	for k, t := range cells {
		st.Cells = append(st.Cells, Cell{Level: k.level, Year: k.year, Tally: *t})
	}
	for l, t := range byLevel {
		st.ByLevel = append(st.ByLevel, Cell{Level: l, Tally: *t})
	}
	for y, t := range byYear {
		st.ByYear = append(st.ByYear, Cell{Year: y, Tally: *t})
	}
	for _, cs := range [][]Cell{st.Cells, st.ByLevel, st.ByYear} {
		sort.Slice(cs, func(i, j int) bool {
			if a, b := cs[i].Level.Rank(), cs[j].Level.Rank(); a != b {
				return a < b
			}
			return cs[i].Year > cs[j].Year
		})
	}
	return st, nil
}

func tallyAt[K comparable](m map[K]*Tally, k K) *Tally {
	t := m[k]
	if t == nil {
		t = &Tally{}
		m[k] = t
	}
	return t
}

func countReports(ctx context.Context, s kg.Store, reportIDs []string, into map[string]*Tally) error {
	counts, err := s.CountReports(ctx, reportIDs)
	if err != nil {
		return fmt.Errorf("stats: count reports: %w", err)
	}
	for _, c := range counts {
		if t := into[c.ReportID]; t != nil {
			t.Programs, t.Initiatives, t.Projects, t.Terms = c.Programs, c.Initiatives, c.Projects, c.Terms
			t.Targets, t.Results = c.Targets, c.Results
		}
	}
	return nil
}
