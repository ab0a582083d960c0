package analysis

import (
	"context"
	"fmt"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// Spread says where an entity went down the hierarchy: which regions below
// its own took it (or one of its member parts) up, through which of their
// own entities, with the evidence of each link, and which regions below it
// have a report that never does (the gaps).
type Spread struct {
	Root    *kg.Entity
	Members []*kg.Entity    // root's member parts (“六个工程” → 政策落地工程…), transitively
	Regions []*SpreadRegion // regions with at least one link, highest level first, then by code
	// Gaps are regions below root's with a loaded report of root's year or
	// later and no link, highest level first.
	Gaps []*kg.Region
	// Unreported counts regions below root's with no loaded report of
	// root's year or later: they are not gaps, the corpus says nothing of
	// them since the program was written.
	Unreported int
}

// SpreadRegion is one region that implements the root or its members.
type SpreadRegion struct {
	Region *kg.Region
	Links  []*SpreadLink // by entity id, then target id
}

// SpreadLink is one IMPLEMENTS edge of the spread: Entity, in the region's
// report, implements Implements (the root, a member, or an entity of an
// intermediate level that itself implements one).
type SpreadLink struct {
	Entity     *kg.Entity
	Implements *kg.Entity
	Edge       *kg.Edge
}

// SpreadOf walks down from entity id: IMPLEMENTS edges into it, and
// member PART_OF edges so a program's parts count as the program, in one
// store walk.
func SpreadOf(ctx context.Context, s kg.Store, id string) (*Spread, error) {
	root, err := mustEntity(ctx, s, id)
	if err != nil {
		return nil, err
	}
	walked, err := s.Walk(ctx, kg.Walk{Start: []string{id}, Down: true, MaxNodes: maxNodes,
		Via: []kg.Step{{Type: kg.EdgeImplements}, {Type: kg.EdgePartOf, Method: kg.MethodMember}}})
	if kg.ErrorCode(err) == kg.ETOOLARGE {
		return nil, kg.Errorf(kg.ETOOLARGE, "spread of %s exceeds %d entities", id, maxNodes)
	}
	if err != nil {
		return nil, fmt.Errorf("spread of %s: %w", id, err)
	}
	members := memberClosure(id, walked)
	var links []*kg.Edge
	ids := append([]string(nil), members...)
	for _, e := range walked {
		if e.Type == kg.EdgeImplements {
			links = append(links, e)
			ids = append(ids, e.FromID, e.ToID)
		}
	}
	ents, err := entitiesByID(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	sp := &Spread{Root: root}
	for _, m := range members {
		if e := ents[m]; e != nil {
			sp.Members = append(sp.Members, e)
		}
	}
	byRegion := map[string]*SpreadRegion{}
	for _, e := range links {
		from, to := ents[e.FromID], ents[e.ToID]
		if from == nil || to == nil {
			continue
		}
		sr := byRegion[from.RegionID]
		if sr == nil {
			sr = &SpreadRegion{}
			byRegion[from.RegionID] = sr
		}
		sr.Links = append(sr.Links, &SpreadLink{Entity: from, Implements: to, Edge: e})
	}
	regs, err := sp.placeRegions(ctx, s, byRegion)
	if err != nil {
		return nil, err
	}
	if err := sp.findGaps(ctx, s, regs[root.RegionID], byRegion); err != nil {
		return nil, err
	}
	return sp, nil
}

// memberClosure returns, sorted, the ids of id's member parts, their
// members, and so on, among the walked edges: the member PART_OF edges
// reached from id without passing through an IMPLEMENTS edge.
func memberClosure(id string, walked []*kg.Edge) []string {
	partsOf := map[string][]string{}
	for _, e := range walked {
		if e.Type == kg.EdgePartOf {
			partsOf[e.ToID] = append(partsOf[e.ToID], e.FromID)
		}
	}
	seen := map[string]bool{id: true}
	var out []string
	for frontier := []string{id}; len(frontier) > 0; {
		var next []string
		for _, at := range frontier {
			for _, part := range partsOf[at] {
				if !seen[part] {
					seen[part] = true
					next = append(next, part)
					out = append(out, part)
				}
			}
		}
		frontier = next
	}
	sort.Strings(out)
	return out
}

// placeRegions fills sp.Regions from byRegion, highest level first, and
// returns the regions it fetched, the root's own among them.
func (sp *Spread) placeRegions(ctx context.Context, s kg.Store, byRegion map[string]*SpreadRegion) (map[string]*kg.Region, error) {
	ids := make([]string, 0, len(byRegion)+1)
	ids = append(ids, sp.Root.RegionID)
	for id := range byRegion {
		ids = append(ids, id)
	}
	regs, err := regionsByID(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	for id, sr := range byRegion {
		if sr.Region = regs[id]; sr.Region != nil {
			sp.Regions = append(sp.Regions, sr)
		}
	}
	sort.Slice(sp.Regions, func(i, j int) bool { return byLevel(sp.Regions[i].Region, sp.Regions[j].Region) })
	return regs, nil
}

// findGaps lists the regions below home, the root's region, with a report
// and no link.
func (sp *Spread) findGaps(ctx context.Context, s kg.Store, home *kg.Region, linked map[string]*SpreadRegion) error {
	if home == nil {
		return fmt.Errorf("spread of %s: dangling region %s", sp.Root.ID, sp.Root.RegionID)
	}
	below, err := Subtree(ctx, s, home)
	if err != nil {
		return err
	}
	below = below[1:]
	reports, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: regionIDs(below)})
	if err != nil {
		return fmt.Errorf("reports below %s: %w", home.ID, err)
	}
	// A region is a gap only if it had its say after the program was
	// written: a report of the root's year or later. One whose latest
	// report is older could not have taken it up, so it counts as
	// unreported for this program.
	_, since, err := kg.ReportRef(sp.Root.ReportID)
	if err != nil {
		return fmt.Errorf("spread of %s: %w", sp.Root.ID, err)
	}
	reported := map[string]bool{}
	for _, r := range reports {
		if r.Year >= since {
			reported[r.RegionID] = true
		}
	}
	for _, reg := range below {
		switch {
		case !reported[reg.ID]:
			sp.Unreported++
		case linked[reg.ID] == nil:
			sp.Gaps = append(sp.Gaps, reg)
		}
	}
	sort.Slice(sp.Gaps, func(i, j int) bool { return byLevel(sp.Gaps[i], sp.Gaps[j]) })
	return nil
}
