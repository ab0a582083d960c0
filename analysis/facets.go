package analysis

import (
	"context"
	"sort"
	"strconv"

	"github.com/reportgraph/reportgraph/kg"
)

// Facets count the hits of a search by kind, region level, report year and
// region, so a client can show "how often, where, when" next to the list.
type Facets struct {
	Kinds   []Count // by count, then value
	Levels  []Count // highest level first
	Years   []Count // newest first
	Regions []RegionCount
}

// Count is how many hits share Value.
type Count struct {
	Value string
	Count int
}

// RegionCount is how many hits come from one region's reports.
type RegionCount struct {
	Region *kg.Region
	Count  int
}

// MaxFacetRegions bounds Facets.Regions: the regions with most hits.
const MaxFacetRegions = 20

// FacetsOf counts hits; it costs one store call (the hits' regions).
func FacetsOf(ctx context.Context, s kg.Store, hits []kg.SearchHit) (*Facets, error) {
	kinds, years, regions := map[string]int{}, map[string]int{}, map[string]int{}
	var ids []string
	for _, h := range hits {
		e := h.Entity
		kinds[string(e.Kind)]++
		if _, year, err := kg.ReportRef(e.ReportID); err == nil {
			years[strconv.Itoa(year)]++
		}
		if regions[e.RegionID] == 0 {
			ids = append(ids, e.RegionID)
		}
		regions[e.RegionID]++
	}
	regs, err := regionsByID(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	levels := map[string]int{}
	f := &Facets{}
	for id, n := range regions {
		if r := regs[id]; r != nil {
			levels[string(r.Level)] += n
			f.Regions = append(f.Regions, RegionCount{Region: r, Count: n})
		}
	}
	sort.Slice(f.Regions, func(i, j int) bool {
		a, b := f.Regions[i], f.Regions[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return byLevel(a.Region, b.Region)
	})
	if len(f.Regions) > MaxFacetRegions {
		f.Regions = f.Regions[:MaxFacetRegions]
	}
	f.Kinds = counts(kinds, func(a, b Count) bool {
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Value < b.Value
	})
	f.Levels = counts(levels, func(a, b Count) bool {
		return kg.RegionLevel(a.Value).Rank() < kg.RegionLevel(b.Value).Rank()
	})
	f.Years = counts(years, func(a, b Count) bool { return a.Value > b.Value })
	return f, nil
}

func counts(m map[string]int, less func(a, b Count) bool) []Count {
	out := make([]Count, 0, len(m))
	for v, n := range m {
		out = append(out, Count{Value: v, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}
