// Package analysis answers the analysts' questions over a kg.Store: where a
// program went down the hierarchy (Spread), what connects two entities
// (Path), how targets compare with results (CompareTargets), what changed
// between two years' reports (DiffReports), what a search matched
// (Facets) and how much a region's subtree holds (Stats). It only reads
// through kg.Store, so both stores answer alike, and each function costs
// a bounded number of store calls, not one per node.
package analysis

import (
	"context"
	"fmt"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// maxNodes bounds every walk so a pathological graph cannot make one
// request read the whole store.
const maxNodes = 10000

// Subtree returns root and every region below it, root first, then level
// by level in id order, in one store call.
func Subtree(ctx context.Context, s kg.Store, root *kg.Region) ([]*kg.Region, error) {
	rs, err := s.FindRegions(ctx, kg.RegionFilter{Within: root.ID})
	if err != nil {
		return nil, fmt.Errorf("regions within %s: %w", root.ID, err)
	}
	if len(rs) == 0 { // root is not stored; it is still its own subtree
		return []*kg.Region{root}, nil
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].ID == root.ID || rs[j].ID == root.ID {
			return rs[i].ID == root.ID && rs[j].ID != root.ID
		}
		return rs[i].Level.Rank() < rs[j].Level.Rank()
	})
	return rs, nil
}

// RegionNamed finds a region by its full or short name (锡盟) or its
// GB/T 2260 code (152500), nil when none has it. A name several regions
// share (朝阳区) picks the highest level, then the lowest code, so the
// answer is stable; a client that must name one of them gives the code.
func RegionNamed(ctx context.Context, s kg.Store, name string) (*kg.Region, error) {
	if kg.IsRegionCode(name) {
		rs, err := s.Regions(ctx, []string{kg.RegionID(name)})
		if err != nil {
			return nil, fmt.Errorf("get region %s: %w", name, err)
		}
		return rs[0], nil
	}
	rs, err := s.FindRegions(ctx, kg.RegionFilter{Name: name})
	if err != nil {
		return nil, fmt.Errorf("find region %q: %w", name, err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if a, b := rs[i].Level.Rank(), rs[j].Level.Rank(); a != b {
			return a < b
		}
		return rs[i].ID < rs[j].ID
	})
	return rs[0], nil
}

// RegionOrRoot resolves name as RegionNamed does, ENOTFOUND when no
// region has it, or returns the root of the hierarchy (the nation) when
// name is nil: the region an analyst's question starts from.
func RegionOrRoot(ctx context.Context, s kg.Store, name *string) (*kg.Region, error) {
	if name != nil {
		reg, err := RegionNamed(ctx, s, *name)
		if err != nil {
			return nil, err
		}
		if reg == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no region named %q", *name)
		}
		return reg, nil
	}
	root := ""
	rs, err := s.FindRegions(ctx, kg.RegionFilter{ParentID: &root})
	if err != nil {
		return nil, fmt.Errorf("find the root region: %w", err)
	}
	if len(rs) == 0 {
		return nil, kg.Errorf(kg.ENOTFOUND, "no root region loaded")
	}
	return rs[0], nil
}

// regionIDs returns the ids of rs.
func regionIDs(rs []*kg.Region) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// regionsByID fetches ids (duplicates allowed) into a map, dropping unknown ids.
func regionsByID(ctx context.Context, s kg.Store, ids []string) (map[string]*kg.Region, error) {
	return byID(ctx, "regions", ids, s.Regions, func(r *kg.Region) string { return r.ID })
}

// entitiesByID fetches ids into a map, dropping unknown ids.
func entitiesByID(ctx context.Context, s kg.Store, ids []string) (map[string]*kg.Entity, error) {
	return byID(ctx, "entities", ids, s.Entities, func(e *kg.Entity) string { return e.ID })
}

// byID calls a batch getter once for the distinct ids and maps the answers by id.
func byID[T any](ctx context.Context, what string, ids []string, get func(context.Context, []string) ([]*T, error), id func(*T) string) (map[string]*T, error) {
	xs, err := get(ctx, unique(ids))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", what, err)
	}
	out := make(map[string]*T, len(xs))
	for _, x := range xs {
		if x != nil {
			out[id(x)] = x
		}
	}
	return out, nil
}

// mustEntity fetches one entity, ENOTFOUND when it does not exist.
func mustEntity(ctx context.Context, s kg.Store, id string) (*kg.Entity, error) {
	es, err := s.Entities(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("fetch entity %s: %w", id, err)
	}
	if len(es) == 0 || es[0] == nil {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity with id %q", id)
	}
	return es[0], nil
}

// unique returns xs without duplicates, sorted.
func unique(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// byLevel orders regions highest level first, then by code.
func byLevel(a, b *kg.Region) bool {
	if a.Level.Rank() != b.Level.Rank() {
		return a.Level.Rank() < b.Level.Rank()
	}
	return a.Code < b.Code
}
