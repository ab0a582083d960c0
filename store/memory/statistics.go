package memory

import (
	"context"
	"slices"

	"github.com/reportgraph/reportgraph/kg"
)

// statisticTable holds the statistics of every source, by source and by
// region. Statistics are few beside targets (a yearbook's headline
// figures), so a scan of a region's list is enough.
type statisticTable struct {
	bySource map[string][]kg.Statistic
	byRegion map[string][]*kg.Statistic // rebuilt for the regions a write touches
}

func newStatisticTable() *statisticTable {
	return &statisticTable{bySource: map[string][]kg.Statistic{}, byRegion: map[string][]*kg.Statistic{}}
}

// PutStatistics replaces source's statistics with stats.
func (s *Store) PutStatistics(ctx context.Context, source string, stats []kg.Statistic) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := kg.ValidateStatistics(source, stats); err != nil {
		return err
	}
	stats = slices.Clone(stats) // the caller's slice stays the caller's
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range stats {
		if s.regions[stats[i].RegionID] == nil {
			return kg.Errorf(kg.ENOTFOUND, "statistic %s (%s line %d): region %s not found", stats[i].ID, source, stats[i].Line, stats[i].RegionID)
		}
	}
	touched := map[string]bool{}
	for _, st := range s.statistics.bySource[source] {
		touched[st.RegionID] = true
	}
	for _, st := range stats {
		touched[st.RegionID] = true
	}
	if len(stats) == 0 {
		delete(s.statistics.bySource, source)
	} else {
		s.statistics.bySource[source] = stats
	}
	for r := range touched {
		delete(s.statistics.byRegion, r)
	}
	for _, list := range s.statistics.bySource {
		for i := range list {
			if r := list[i].RegionID; touched[r] {
				s.statistics.byRegion[r] = append(s.statistics.byRegion[r], &list[i])
			}
		}
	}
	return nil
}

// FindStatistics returns copies of the statistics f selects.
func (s *Store) FindStatistics(ctx context.Context, f kg.StatisticFilter) ([]*kg.Statistic, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	match := f.Matcher()
	var out []*kg.Statistic
	add := func(list []*kg.Statistic) {
		for _, st := range list {
			if match(st) {
				c := *st
				out = append(out, &c)
			}
		}
	}
	if len(f.RegionIDs) > 0 {
		for _, r := range slices.Compact(slices.Sorted(slices.Values(f.RegionIDs))) {
			add(s.statistics.byRegion[r])
		}
	} else {
		for _, list := range s.statistics.byRegion {
			add(list)
		}
	}
	slices.SortFunc(out, func(a, b *kg.Statistic) int {
		if a.Less(b) {
			return -1
		}
		if b.Less(a) {
			return 1
		}
		return 0
	})
	return kg.Limit(out, f.Limit), nil
}
