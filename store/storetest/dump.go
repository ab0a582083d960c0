package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// Graph is a canonical snapshot of a whole store: every slice sorted and
// empty slices normalised to nil, so two stores (or two loads) holding the
// same graph give equal snapshots.
type Graph struct {
	Regions  []*kg.Region
	Reports  []*kg.Report
	Entities []*kg.Entity
	Targets  []*kg.Target
	Edges    []*kg.Edge
}

// Snapshot reads everything in s through the Store interface.
func Snapshot(ctx context.Context, s kg.Store) (*Graph, error) {
	var g Graph
	var err error
	if g.Regions, err = s.FindRegions(ctx, kg.RegionFilter{}); err != nil {
		return nil, fmt.Errorf("snapshot regions: %w", err)
	}
	if g.Reports, err = s.FindReports(ctx, kg.ReportFilter{}); err != nil {
		return nil, fmt.Errorf("snapshot reports: %w", err)
	}
	if g.Entities, err = s.FindEntities(ctx, kg.EntityFilter{}); err != nil {
		return nil, fmt.Errorf("snapshot entities: %w", err)
	}
	if g.Targets, err = s.FindTargets(ctx, kg.TargetFilter{}); err != nil {
		return nil, fmt.Errorf("snapshot targets: %w", err)
	}
	if g.Edges, err = s.FindEdges(ctx, kg.EdgeFilter{}); err != nil {
		return nil, fmt.Errorf("snapshot edges: %w", err)
	}
	g.normalise()
	return &g, nil
}

// Dump renders a snapshot of s as indented JSON, one canonical text per graph.
func Dump(ctx context.Context, s kg.Store) (string, error) {
	g, err := Snapshot(ctx, s)
	if err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		return "", fmt.Errorf("dump: %w", err)
	}
	return string(b), nil
}

func (g *Graph) normalise() {
	sort.Slice(g.Regions, func(i, j int) bool { return g.Regions[i].ID < g.Regions[j].ID })
	sort.Slice(g.Reports, func(i, j int) bool { return g.Reports[i].ID < g.Reports[j].ID })
	sort.Slice(g.Entities, func(i, j int) bool { return g.Entities[i].ID < g.Entities[j].ID })
	sort.Slice(g.Targets, func(i, j int) bool { return g.Targets[i].ID < g.Targets[j].ID })
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.FromID != b.FromID {
			return a.FromID < b.FromID
		}
		return a.ToID < b.ToID
	})
	for _, r := range g.Regions {
		normRegion(r)
	}
	for _, e := range g.Entities {
		normEntity(e)
	}
	for _, e := range g.Edges {
		normEdge(e)
	}
}

// The norm helpers make nil and empty slices compare equal: a store may
// return either, callers cannot tell them apart in GraphQL.
func normRegion(r *kg.Region) {
	if len(r.ShortNames) == 0 {
		r.ShortNames = nil
	}
}

func normEntity(e *kg.Entity) {
	if len(e.Aliases) == 0 {
		e.Aliases = nil
	}
	if len(e.Evidence) == 0 {
		e.Evidence = nil
	}
}

func normEdge(e *kg.Edge) {
	if len(e.Evidence) == 0 {
		e.Evidence = nil
	}
}
