package graph

import "github.com/reportgraph/reportgraph/kg"

// RegionBounds are the most rows each region list can return: the stores
// hold the GB/T 2260 table, so these are exact where an estimate let one
// 5 KB query of 99 regions lists (3,218 rows each, priced at 50) run for
// 14.7 s and 2.7 GB.
type RegionBounds struct {
	All            int                    // Query.regions without a level
	ByLevel        map[kg.RegionLevel]int // Query.regions(level:)
	MaxChildren    int                    // Region.children of any region
	MaxDescendants int                    // Region.descendants of any region, any level
	// MaxDescendantsAt is Region.descendants(level:) of any region.
	MaxDescendantsAt map[kg.RegionLevel]int
	MaxAncestors     int // Region.ancestors
}

// regionBounds measures the bounds over regions, which must hold every
// region's parent (ParentID "" for the root).
func regionBounds(regions []kg.Region) RegionBounds {
	b := RegionBounds{All: len(regions), ByLevel: map[kg.RegionLevel]int{}, MaxDescendantsAt: map[kg.RegionLevel]int{}}
	parent := make(map[string]string, len(regions))
	for _, r := range regions {
		parent[r.ID] = r.ParentID
		b.ByLevel[r.Level]++
	}
	children := map[string]int{}
	descendants := map[string]int{}
	descendantsAt := map[kg.RegionLevel]map[string]int{}
	for _, r := range regions {
		children[r.ParentID]++
		depth := 0
		for p := r.ParentID; p != ""; p = parent[p] {
			descendants[p]++
			if descendantsAt[r.Level] == nil {
				descendantsAt[r.Level] = map[string]int{}
			}
			descendantsAt[r.Level][p]++
			depth++
		}
		b.MaxAncestors = max(b.MaxAncestors, depth)
	}
	for id, n := range children {
		if id != "" {
			b.MaxChildren = max(b.MaxChildren, n)
		}
	}
	for _, n := range descendants {
		b.MaxDescendants = max(b.MaxDescendants, n)
	}
	for l, m := range descendantsAt {
		for _, n := range m {
			b.MaxDescendantsAt[l] = max(b.MaxDescendantsAt[l], n)
		}
	}
	return b
}

// regions is the bound of a regions list filtered by level (nil: any).
func (b RegionBounds) regions(level *kg.RegionLevel) int {
	if level == nil {
		return b.All
	}
	return b.ByLevel[*level]
}

// descendants is the bound of Region.descendants filtered by level.
func (b RegionBounds) descendants(level *kg.RegionLevel) int {
	if level == nil {
		return b.MaxDescendants
	}
	return b.MaxDescendantsAt[*level]
}
