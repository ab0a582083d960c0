package analysis

import (
	"context"
	"fmt"

	"github.com/reportgraph/reportgraph/kg"
)

// MaxPathHops bounds Path: chains longer than this say nothing an analyst
// can use, and the bound keeps the walk's cost fixed.
const MaxPathHops = 8

// Hop is one edge of a path, walked From → To. Forward is true when the
// edge points that way (From PART_OF / IMPLEMENTS To), false when the walk
// goes against it.
type Hop struct {
	From, To *kg.Entity
	Edge     *kg.Edge
	Forward  bool
}

// Evidence is what says the hop holds: the edge's own evidence when it has
// some (IMPLEMENTS keeps a passage from each side), else the passage of
// the part that sits inside the whole.
func (h Hop) Evidence() []kg.Evidence {
	if len(h.Edge.Evidence) > 0 {
		return h.Edge.Evidence
	}
	part := h.From
	if !h.Forward {
		part = h.To
	}
	if len(part.Evidence) > 0 {
		return part.Evidence[:1]
	}
	return nil
}

// Path returns the shortest chain of PART_OF and IMPLEMENTS edges, in
// either direction, from entity fromID to to, which is an entity id, a
// report id (any entity of that report) or a region id (any entity of that
// region's reports). nil means no chain of at most maxHops edges exists.
// The walk is breadth-first with one FindEdges and one Entities call per
// layer; among chains of equal length the first by edge order wins, so
// the answer is stable.
func Path(ctx context.Context, s kg.Store, fromID, to string, maxHops int) ([]Hop, error) {
	if maxHops <= 0 || maxHops > MaxPathHops {
		maxHops = MaxPathHops
	}
	from, err := mustEntity(ctx, s, fromID)
	if err != nil {
		return nil, err
	}
	goal, err := goalOf(ctx, s, to)
	if err != nil {
		return nil, err
	}
	if goal(from) {
		return []Hop{}, nil
	}
	type step struct {
		prev string
		edge *kg.Edge
	}
	came := map[string]step{fromID: {}}
	known := map[string]*kg.Entity{fromID: from}
	frontier := []string{fromID}
	for hops := 0; hops < maxHops && len(frontier) > 0; hops++ {
		edges, err := s.FindEdges(ctx, kg.EdgeFilter{FromIDs: frontier, ToIDs: frontier})
		if err != nil {
			return nil, fmt.Errorf("path from %s: %w", fromID, err)
		}
		inFrontier := make(map[string]bool, len(frontier))
		for _, id := range frontier {
			inFrontier[id] = true
		}
		var next []string
		for _, e := range edges {
			for _, pair := range [][2]string{{e.FromID, e.ToID}, {e.ToID, e.FromID}} {
				at, other := pair[0], pair[1]
				if inFrontier[at] && kg.IDKind(other) == "entity" {
					if _, ok := came[other]; !ok {
						came[other] = step{prev: at, edge: e}
						next = append(next, other)
					}
				}
			}
		}
		if len(came) > maxNodes {
			return nil, kg.Errorf(kg.ETOOLARGE, "path search from %s exceeds %d entities", fromID, maxNodes)
		}
		ents, err := entitiesByID(ctx, s, next)
		if err != nil {
			return nil, err
		}
		frontier = frontier[:0]
		for _, id := range next {
			e := ents[id]
			if e == nil {
				continue
			}
			known[id] = e
			frontier = append(frontier, id)
		}
		// Check the goal in the order the layer was found, for a stable answer.
		for _, id := range frontier {
			if !goal(known[id]) {
				continue
			}
			var rev []Hop
			for cur := id; cur != fromID; cur = came[cur].prev {
				st := came[cur]
				rev = append(rev, Hop{From: known[st.prev], To: known[cur], Edge: st.edge, Forward: st.edge.FromID == st.prev})
			}
			path := make([]Hop, len(rev))
			for i, h := range rev {
				path[len(rev)-1-i] = h
			}
			return path, nil
		}
	}
	return nil, nil
}

// goalOf returns the test an entity must pass to end a path at to.
func goalOf(ctx context.Context, s kg.Store, to string) (func(*kg.Entity) bool, error) {
	switch kg.IDKind(to) {
	case "entity":
		if _, err := mustEntity(ctx, s, to); err != nil {
			return nil, err
		}
		return func(e *kg.Entity) bool { return e.ID == to }, nil
	case "report":
		rs, err := s.Reports(ctx, []string{to})
		if err != nil {
			return nil, fmt.Errorf("fetch report %s: %w", to, err)
		}
		if len(rs) == 0 || rs[0] == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no report with id %q", to)
		}
		return func(e *kg.Entity) bool { return e.ReportID == to }, nil
	case "region":
		regs, err := regionsByID(ctx, s, []string{to})
		if err != nil {
			return nil, err
		}
		if regs[to] == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no region with id %q", to)
		}
		return func(e *kg.Entity) bool { return e.RegionID == to }, nil
	}
	return nil, kg.Errorf(kg.EINVALID, "path target %q is not an entity, report or region id", to)
}
