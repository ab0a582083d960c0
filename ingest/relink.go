package ingest

import (
	"context"
	"fmt"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/link"
)

// relink recomputes the IMPLEMENTS edges of every report whose pairing the
// newly stored reports can change: each of them, and every report in the
// subtree of their regions. It returns how many reports it relinked.
// Callers hold in.mu.
func (in *Ingester) relink(ctx context.Context, added []kg.Report) (int, error) {
	if len(added) == 0 {
		return 0, nil
	}
	dirty, err := in.affected(ctx, added, added)
	if err != nil {
		return 0, err
	}
	return in.relinkReports(ctx, dirty)
}

// relinkReports recomputes the IMPLEMENTS edges of dirty, a group of
// reports per ReplaceLinks, and returns how many it relinked.
func (in *Ingester) relinkReports(ctx context.Context, dirty []*kg.Report) (int, error) {
	c := &linkCache{store: in.Store, entities: map[string][]*kg.Entity{},
		indexes: map[string]*link.Index{}, reports: map[string][]*kg.Report{}}
	for start := 0; start < len(dirty); start += in.batchSize() {
		group := dirty[start:min(start+in.batchSize(), len(dirty))]
		ids := make([]string, len(group))
		for i, r := range group {
			ids[i] = r.ID
		}
		if err := c.prefetch(ctx, ids); err != nil {
			return start, err
		}
		var edges []kg.Edge
		for _, r := range group {
			es, err := in.linksOf(ctx, c, r)
			if err != nil {
				return start, err
			}
			edges = append(edges, es...)
		}
		if err := in.Store.ReplaceLinks(ctx, ids, edges); err != nil {
			return start, fmt.Errorf("link %d reports from %s: %w", len(ids), ids[0], err)
		}
		// A lower report's entities are not needed again once linked;
		// keeping them would hold the whole corpus in memory.
		for _, r := range group {
			if _, upper := c.indexes[r.ID]; !upper {
				delete(c.entities, r.ID)
			}
		}
	}
	return len(dirty), nil
}

// affected returns the reports also and every stored report below the
// regions of changed, each once, by id.
func (in *Ingester) affected(ctx context.Context, changed, also []kg.Report) ([]*kg.Report, error) {
	regions := map[string]bool{}
	byID := map[string]*kg.Report{}
	for i := range also {
		byID[also[i].ID] = &also[i]
	}
	var below []string
	for i := range changed {
		if regions[changed[i].RegionID] {
			continue
		}
		regions[changed[i].RegionID] = true
		for _, d := range in.Regions.Descendants(changed[i].RegionID) {
			below = append(below, d.ID)
		}
	}
	if len(below) > 0 {
		reps, err := in.Store.FindReports(ctx, kg.ReportFilter{RegionIDs: below})
		if err != nil {
			return nil, fmt.Errorf("reports below the changed regions: %w", err)
		}
		for _, r := range reps {
			byID[r.ID] = r
		}
	}
	out := make([]*kg.Report, 0, len(byID))
	for _, r := range byID {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// linksOf computes report r's IMPLEMENTS edges: for each ancestor region
// with reports, link.Implements against its latest report of r's year or
// before.
func (in *Ingester) linksOf(ctx context.Context, c *linkCache, r *kg.Report) ([]kg.Edge, error) {
	lower, err := c.entitiesOf(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	var edges []kg.Edge
	for _, a := range in.Regions.Ancestors(r.RegionID) {
		reps, err := c.reportsOf(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		up := latestUpTo(reps, r.Year)
		if up == nil {
			continue
		}
		upper, err := c.indexOf(ctx, up.ID)
		if err != nil {
			return nil, err
		}
		edges = append(edges, upper.Implements(lower)...)
	}
	return edges, nil
}

// latestUpTo picks the latest report of year or before, nil when none is
// within maxYearGap. A report takes up what the levels above had already
// announced: a 2024 report cannot implement a program first written in
// its parent's 2025 report.
func latestUpTo(reps []*kg.Report, year int) *kg.Report {
	var best *kg.Report
	for _, r := range reps {
		if r.Year > year || year-r.Year > maxYearGap {
			continue
		}
		if best == nil || r.Year > best.Year {
			best = r
		}
	}
	return best
}

// linkCache memoises store reads within one relink pass: many lower
// reports share the same ancestors.
type linkCache struct {
	store    kg.Store
	entities map[string][]*kg.Entity // report id → entities
	indexes  map[string]*link.Index  // report id → its entities prepared as an upper side
	reports  map[string][]*kg.Report // region id → reports
}

func (c *linkCache) entitiesOf(ctx context.Context, reportID string) ([]*kg.Entity, error) {
	if es, ok := c.entities[reportID]; ok {
		return es, nil
	}
	es, err := c.store.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{reportID}})
	if err != nil {
		return nil, fmt.Errorf("entities of %s: %w", reportID, err)
	}
	c.entities[reportID] = es
	return es, nil
}

// prefetch reads the entities of many reports in one store call; on
// Neo4j one call per report was a round trip each.
func (c *linkCache) prefetch(ctx context.Context, reportIDs []string) error {
	var missing []string
	for _, id := range reportIDs {
		if _, ok := c.entities[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	es, err := c.store.FindEntities(ctx, kg.EntityFilter{ReportIDs: missing})
	if err != nil {
		return fmt.Errorf("entities of %d reports from %s: %w", len(missing), missing[0], err)
	}
	for _, id := range missing {
		c.entities[id] = nil
	}
	for _, e := range es {
		c.entities[e.ReportID] = append(c.entities[e.ReportID], e)
	}
	return nil
}

func (c *linkCache) indexOf(ctx context.Context, reportID string) (*link.Index, error) {
	if ix, ok := c.indexes[reportID]; ok {
		return ix, nil
	}
	es, err := c.entitiesOf(ctx, reportID)
	if err != nil {
		return nil, err
	}
	ix := link.NewIndex(es)
	c.indexes[reportID] = ix
	return ix, nil
}

func (c *linkCache) reportsOf(ctx context.Context, regionID string) ([]*kg.Report, error) {
	if rs, ok := c.reports[regionID]; ok {
		return rs, nil
	}
	rs, err := c.store.FindReports(ctx, kg.ReportFilter{RegionIDs: []string{regionID}})
	if err != nil {
		return nil, fmt.Errorf("reports of %s: %w", regionID, err)
	}
	c.reports[regionID] = rs
	return rs, nil
}
