package kg

import (
	"context"
	"fmt"
	"sort"
)

// maxTraceNodes bounds a trace so a pathological graph cannot make one
// request walk the whole store.
const maxTraceNodes = 10000

// Trace returns the entity id and every entity linked to it through
// IMPLEMENTS, transitively, up (what it implements) and down (what
// implements it). Going down, a named program also brings in its members
// (PART_OF edges with MethodMember) and their implementers, so tracing
// “六个工程” reaches a banner that implements only 政策落地工程.
// The result is ordered highest administrative level first, then by year,
// region and id. It costs two walks and two fetches, whatever its depth.
func Trace(ctx context.Context, s Store, id string) ([]*Entity, error) {
	seen := map[string]bool{id: true}
	walks := []Walk{
		{Start: []string{id}, Via: []Step{{Type: EdgeImplements}}, MaxNodes: maxTraceNodes},
		{Start: []string{id}, Via: []Step{{Type: EdgeImplements}, {Type: EdgePartOf, Method: MethodMember}}, Down: true, MaxNodes: maxTraceNodes},
	}
	for _, w := range walks {
		edges, err := s.Walk(ctx, w)
		if ErrorCode(err) == ETOOLARGE {
			return nil, Errorf(ETOOLARGE, "trace of %s exceeds %d entities", id, maxTraceNodes)
		}
		if err != nil {
			return nil, fmt.Errorf("trace %s: %w", id, err)
		}
		for _, e := range edges {
			seen[e.FromID], seen[e.ToID] = true, true
		}
	}
	if len(seen) > maxTraceNodes {
		return nil, Errorf(ETOOLARGE, "trace of %s exceeds %d entities", id, maxTraceNodes)
	}
	ids := make([]string, 0, len(seen))
	for k := range seen {
		ids = append(ids, k)
	}
	return entitiesByLevel(ctx, s, ids)
}

// entitiesByLevel fetches ids and orders them highest level first.
func entitiesByLevel(ctx context.Context, s Store, ids []string) ([]*Entity, error) {
	ents, err := s.Entities(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("fetch entities: %w", err)
	}
	regionIDs := make([]string, 0, len(ents))
	out := ents[:0]
	for _, e := range ents {
		if e != nil {
			out = append(out, e)
			regionIDs = append(regionIDs, e.RegionID)
		}
	}
	regions, err := s.Regions(ctx, regionIDs)
	if err != nil {
		return nil, fmt.Errorf("fetch regions: %w", err)
	}
	rank := make(map[string]int, len(regions))
	for i, r := range regions {
		if r != nil {
			rank[regionIDs[i]] = r.Level.Rank()
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank[a.RegionID] != rank[b.RegionID] {
			return rank[a.RegionID] < rank[b.RegionID]
		}
		if a.ReportID != b.ReportID {
			return a.ReportID < b.ReportID
		}
		return a.ID < b.ID
	})
	return out, nil
}

// Ancestors returns the parent chain of region id, nearest first.
func Ancestors(ctx context.Context, s Store, id string) ([]*Region, error) {
	var out []*Region
	for cur := id; ; {
		rs, err := s.Regions(ctx, []string{cur})
		if err != nil {
			return nil, fmt.Errorf("ancestors of %s: %w", id, err)
		}
		if rs[0] == nil || rs[0].ParentID == "" {
			return out, nil
		}
		parent, err := s.Regions(ctx, []string{rs[0].ParentID})
		if err != nil {
			return nil, fmt.Errorf("ancestors of %s: %w", id, err)
		}
		if parent[0] == nil || len(out) > 8 {
			return out, nil
		}
		out = append(out, parent[0])
		cur = parent[0].ID
	}
}
