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
	Gaps    []*kg.Region    // regions below root's with a loaded report and no link, highest level first
	// Unreported counts regions below root's that have no loaded report at
	// all: they are not gaps, the corpus simply says nothing of them.
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

// SpreadOf walks down from entity id: IMPLEMENTS edges into the frontier,
// and member PART_OF edges so a program's parts count as the program.
// Each layer costs two store calls.
func SpreadOf(ctx context.Context, s kg.Store, id string) (*Spread, error) {
	root, err := mustEntity(ctx, s, id)
	if err != nil {
		return nil, err
	}
	members, err := memberClosure(ctx, s, id)
	if err != nil {
		return nil, err
	}
	links, err := implementersBelow(ctx, s, append([]string{id}, members...))
	if err != nil {
		return nil, fmt.Errorf("spread of %s: %w", id, err)
	}
	var ids []string
	ids = append(ids, members...)
	for _, e := range links {
		ids = append(ids, e.FromID, e.ToID)
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
	if err := sp.placeRegions(ctx, s, byRegion); err != nil {
		return nil, err
	}
	if err := sp.findGaps(ctx, s, byRegion); err != nil {
		return nil, err
	}
	return sp, nil
}

// memberClosure returns the ids of id's member parts, their members, and so on.
func memberClosure(ctx context.Context, s kg.Store, id string) ([]string, error) {
	partOf := kg.EdgePartOf
	seen := map[string]bool{id: true}
	var out []string
	for frontier := []string{id}; len(frontier) > 0; {
		edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &partOf, ToIDs: frontier, Method: kg.MethodMember})
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", id, err)
		}
		frontier = nil
		for _, e := range edges {
			if !seen[e.FromID] && len(seen) < maxNodes {
				seen[e.FromID] = true
				frontier = append(frontier, e.FromID)
				out = append(out, e.FromID)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// implementersBelow returns every IMPLEMENTS edge that reaches start from
// below, transitively; an implementer's own members are walked too, since a
// banner may take up a member of a city's program that implements start.
func implementersBelow(ctx context.Context, s kg.Store, start []string) ([]*kg.Edge, error) {
	implements, partOf := kg.EdgeImplements, kg.EdgePartOf
	seen := map[string]bool{}
	for _, id := range start {
		seen[id] = true
	}
	var out []*kg.Edge
	for frontier := start; len(frontier) > 0; {
		if len(seen) > maxNodes {
			return nil, kg.Errorf(kg.ETOOLARGE, "spread exceeds %d entities", maxNodes)
		}
		edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &implements, ToIDs: frontier})
		if err != nil {
			return nil, err
		}
		var next []string
		for _, e := range edges {
			out = append(out, e)
			if !seen[e.FromID] {
				seen[e.FromID] = true
				next = append(next, e.FromID)
			}
		}
		if len(next) > 0 {
			members, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &partOf, ToIDs: next, Method: kg.MethodMember})
			if err != nil {
				return nil, err
			}
			for _, e := range members {
				if !seen[e.FromID] {
					seen[e.FromID] = true
					next = append(next, e.FromID)
				}
			}
		}
		frontier = next
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].FromID != out[j].FromID {
			return out[i].FromID < out[j].FromID
		}
		return out[i].ToID < out[j].ToID
	})
	return out, nil
}

// placeRegions fills sp.Regions from byRegion, highest level first.
func (sp *Spread) placeRegions(ctx context.Context, s kg.Store, byRegion map[string]*SpreadRegion) error {
	ids := make([]string, 0, len(byRegion))
	for id := range byRegion {
		ids = append(ids, id)
	}
	regs, err := regionsByID(ctx, s, ids)
	if err != nil {
		return err
	}
	for id, sr := range byRegion {
		if sr.Region = regs[id]; sr.Region != nil {
			sp.Regions = append(sp.Regions, sr)
		}
	}
	sort.Slice(sp.Regions, func(i, j int) bool { return byLevel(sp.Regions[i].Region, sp.Regions[j].Region) })
	return nil
}

// findGaps lists the regions below the root's with a report and no link.
func (sp *Spread) findGaps(ctx context.Context, s kg.Store, linked map[string]*SpreadRegion) error {
	regs, err := regionsByID(ctx, s, []string{sp.Root.RegionID})
	if err != nil {
		return err
	}
	home := regs[sp.Root.RegionID]
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
	reported := map[string]bool{}
	for _, r := range reports {
		reported[r.RegionID] = true
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
