package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reportgraph/reportgraph/kg"
)

// PutRegions upserts regions and their PART_OF edges to ParentID. A parent
// must be stored already or be in the same batch (ENOTFOUND otherwise), as
// in the memory store.
//
// Nodes and edges are written in two transactions: on the stand-in a MATCH
// after UNWIND finds nodes created earlier in the same transaction only by
// scanning (3 minutes for the 3,218 regions of China, against seconds once
// they are committed). A failure between the two leaves regions without
// their parent edge; PutRegions is an idempotent upsert, so a rerun repairs
// it.
func (s *Store) PutRegions(ctx context.Context, regions []kg.Region) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	batch := make(map[string]bool, len(regions))
	for i := range regions {
		if err := regions[i].Validate(); err != nil {
			return err
		}
		batch[regions[i].ID] = true
	}
	rows := make([]any, len(regions))
	ids := make([]string, len(regions))
	for i := range regions {
		r := &regions[i]
		rows[i] = map[string]any{"id": r.ID, "props": regionProps(r)}
		ids[i] = r.ID
	}
	err := s.write(ctx, "put regions", func(ctx context.Context, tx driver.ManagedTransaction) error {
		if err := checkParents(ctx, tx, regions, batch); err != nil {
			return err
		}
		return s.unwind(ctx, tx, qMergeRegions, rows)
	})
	if err != nil {
		return err
	}
	return s.write(ctx, "put region parents", func(ctx context.Context, tx driver.ManagedTransaction) error {
		return s.putRegionParents(ctx, tx, regions, ids)
	})
}

// putRegionParents makes each region's PART_OF edges exactly the one to
// its ParentID: it reads the stored edges, deletes those of the regions
// whose edges differ, and creates the missing ones. A rerun over unchanged
// regions writes nothing.
func (s *Store) putRegionParents(ctx context.Context, tx driver.ManagedTransaction, regions []kg.Region, ids []string) error {
	stored := map[string][]string{} // region id → parent ids of its PART_OF edges
	current := map[string]bool{}    // the stored edge is the wanted one, with the wanted properties
	for _, chunk := range chunks(ids, s.cfg.BatchSize) {
		recs, err := collect(ctx, tx, qRegionParents, map[string]any{"ids": chunk})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			m := rec.AsMap()
			id, parent := str(m, "id"), str(m, "parentId")
			stored[id] = append(stored[id], parent)
			if str(m, "method") == kg.MethodRegion && num(m, "confidence") == 1 {
				current[id+"\x00"+parent] = true
			}
		}
	}
	var stale []string
	var missing []any
	for i := range regions {
		r := &regions[i]
		have := stored[r.ID]
		ok := r.ParentID == "" && len(have) == 0 ||
			r.ParentID != "" && len(have) == 1 && have[0] == r.ParentID && current[r.ID+"\x00"+r.ParentID]
		if ok {
			continue
		}
		if len(have) > 0 {
			stale = append(stale, r.ID)
		}
		if r.ParentID != "" {
			missing = append(missing, map[string]any{"id": r.ID, "parentId": r.ParentID,
				"method": kg.MethodRegion, "confidence": 1.0})
		}
	}
	for _, chunk := range chunks(stale, s.cfg.BatchSize) {
		if err := run(ctx, tx, qDeleteRegionParents, map[string]any{"ids": chunk}); err != nil {
			return err
		}
	}
	for start := 0; start < len(missing); start += s.cfg.BatchSize {
		batch := missing[start:min(start+s.cfg.BatchSize, len(missing))]
		counts, err := runCount(ctx, tx, qCreateRegionParents, map[string]any{"rows": batch})
		if err != nil {
			return fmt.Errorf("batch %d-%d: %w", start, start+len(batch), err)
		}
		if counts.RelationshipsCreated() != len(batch) {
			if err := s.mergeMissingParents(ctx, tx, batch); err != nil {
				return fmt.Errorf("batch %d-%d: %w", start, start+len(batch), err)
			}
		}
	}
	return nil
}

// mergeMissingParents MERGEs the parent edges of rows that the batched
// CREATE did not write (its counters fell short), found by reading back.
func (s *Store) mergeMissingParents(ctx context.Context, tx driver.ManagedTransaction, rows []any) error {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.(map[string]any)["id"].(string)
	}
	recs, err := collect(ctx, tx, qRegionParents, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, rec := range recs {
		m := rec.AsMap()
		have[str(m, "id")+"\x00"+str(m, "parentId")] = true
	}
	var missing []any
	for _, r := range rows {
		m := r.(map[string]any)
		if !have[m["id"].(string)+"\x00"+m["parentId"].(string)] {
			missing = append(missing, r)
		}
	}
	return s.unwind(ctx, tx, qMergeRegionParents, missing)
}

func checkParents(ctx context.Context, tx driver.ManagedTransaction, regions []kg.Region, batch map[string]bool) error {
	var missing []string
	for i := range regions {
		if p := regions[i].ParentID; p != "" && !batch[p] {
			missing = append(missing, p)
		}
	}
	found, err := existingIDs(ctx, tx, qRegionByID, missing)
	if err != nil {
		return err
	}
	for i := range regions {
		if p := regions[i].ParentID; p != "" && !batch[p] && !found[p] {
			return kg.Errorf(kg.ENOTFOUND, "region %s: parent %s not found", regions[i].ID, p)
		}
	}
	return nil
}

// PutReport replaces the report's nodes and edges with g in one transaction:
// the old entities and targets are detached and deleted (taking every edge
// touching them, IMPLEMENTS from other reports included), then g is merged
// in batches. Any error rolls the whole replacement back.
func (s *Store) PutReport(ctx context.Context, g kg.ReportGraph) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := g.Validate(); err != nil {
		return err
	}
	return s.write(ctx, "put report "+g.Report.ID, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return s.putReport(ctx, tx, &g)
	})
}

func (s *Store) putReport(ctx context.Context, tx driver.ManagedTransaction, g *kg.ReportGraph) error {
	r := &g.Report
	found, err := existingIDs(ctx, tx, qRegionByID, []string{r.RegionID})
	if err != nil {
		return err
	}
	if !found[r.RegionID] {
		return kg.Errorf(kg.ENOTFOUND, "report %s: region %s not found", r.ID, r.RegionID)
	}
	// A report the MERGE creates has nothing to replace: entities and
	// targets are only ever written together with their report, and ids
	// start with the report's (kg.ReportGraph.Validate), so no other
	// report's nodes can be hit. Only a stored report's old nodes are
	// looked up and deleted (see qMergeReport for why that matters).
	counts, err := runCount(ctx, tx, qMergeReport, map[string]any{"id": r.ID, "props": reportProps(r)})
	if err != nil {
		return err
	}
	if counts.NodesCreated() == 0 {
		for _, q := range []string{qDeleteReportEntities, qDeleteReportTargets} {
			if err := run(ctx, tx, q, map[string]any{"reportId": r.ID}); err != nil {
				return err
			}
		}
	}
	props := make(map[string]map[string]any, len(g.Entities))
	for i := range g.Entities {
		p, err := entityProps(&g.Entities[i], r.Year)
		if err != nil {
			return err
		}
		props[g.Entities[i].ID] = p
	}
	partOf, implements, err := reportEdgeRows(g.Edges, props)
	if err != nil {
		return err
	}
	// One statement, never split: see qMergeReportPartOf.
	if len(partOf) > 0 {
		if err := run(ctx, tx, qMergeReportPartOf, map[string]any{"rows": partOf}); err != nil {
			return err
		}
	}
	ends := map[any]bool{}
	for _, row := range partOf {
		m := row.(map[string]any)
		ends[m["from"]], ends[m["to"]] = true, true
	}
	var rows []any
	for i := range g.Entities {
		id := g.Entities[i].ID
		if !ends[id] {
			rows = append(rows, map[string]any{"id": id, "props": props[id]})
		}
	}
	if err := s.unwind(ctx, tx, qMergeEntities, rows); err != nil {
		return err
	}
	rows = make([]any, len(g.Targets))
	for i := range g.Targets {
		p, err := targetProps(&g.Targets[i])
		if err != nil {
			return err
		}
		rows[i] = map[string]any{"id": g.Targets[i].ID, "props": p}
	}
	if err := s.unwind(ctx, tx, qMergeTargets, rows); err != nil {
		return err
	}
	return s.unwind(ctx, tx, qMergeImplements, implements)
}

// reportEdgeRows turns a report's edges into statement rows: PART_OF rows
// carry both endpoints' properties (qMergeReportPartOf), IMPLEMENTS rows
// only the edge's. A repeated edge keeps its last properties, as repeated
// MERGE … SET would.
func reportEdgeRows(edges []kg.Edge, props map[string]map[string]any) (partOf, implements []any, err error) {
	seen := map[[3]string]int{}
	for i := range edges {
		e := &edges[i]
		p, err := edgeProps(e)
		if err != nil {
			return nil, nil, err
		}
		row := map[string]any{"from": e.FromID, "to": e.ToID, "props": p}
		list := &implements
		if e.Type == kg.EdgePartOf {
			row["fromProps"], row["toProps"] = props[e.FromID], props[e.ToID]
			list = &partOf
		}
		key := [3]string{string(e.Type), e.FromID, e.ToID}
		if j, ok := seen[key]; ok {
			(*list)[j] = row
			continue
		}
		seen[key] = len(*list)
		*list = append(*list, row)
	}
	return partOf, implements, nil
}

// mergeLinks merges IMPLEMENTS edges between stored entities (checked
// by checkLinks in the same transaction).
func (s *Store) mergeLinks(ctx context.Context, tx driver.ManagedTransaction, edges []kg.Edge) error {
	rows := make([]any, len(edges))
	for i := range edges {
		e := &edges[i]
		p, err := edgeProps(e)
		if err != nil {
			return err
		}
		rows[i] = map[string]any{"from": e.FromID, "to": e.ToID, "props": p}
	}
	return s.unwind(ctx, tx, qMergeLinks, rows)
}

// PutLinks upserts IMPLEMENTS edges. Every edge is checked first, so a
// bad edge writes none; the edges are then written one batch per
// transaction: on the stand-in each batch of one growing transaction
// costs more than the last (266 ms to 1.4 s over the six batches of
// 1,000 synthetic reports; the 30 batches of 5,000 ran for over 10
// minutes). A failure between batches leaves some edges written; PutLinks
// is an idempotent upsert, so a rerun completes them (as for PutRegions).
func (s *Store) PutLinks(ctx context.Context, edges []kg.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := read(ctx, s, "check links", func(ctx context.Context, tx driver.ManagedTransaction) (struct{}, error) {
		return struct{}{}, checkLinks(ctx, tx, edges, "")
	})
	if err != nil {
		return err
	}
	for start := 0; start < len(edges); start += s.cfg.BatchSize {
		batch := edges[start:min(start+s.cfg.BatchSize, len(edges))]
		err := s.write(ctx, "put links", func(ctx context.Context, tx driver.ManagedTransaction) error {
			return s.mergeLinks(ctx, tx, batch)
		})
		if err != nil {
			return fmt.Errorf("links %d-%d: %w", start, start+len(batch), err)
		}
	}
	return nil
}

// ReplaceLinks swaps the IMPLEMENTS edges leaving reportID's entities for
// edges, in one transaction.
func (s *Store) ReplaceLinks(ctx context.Context, reportID string, edges []kg.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if reportID == "" {
		return kg.Errorf(kg.EINVALID, "replace links: empty report id")
	}
	return s.write(ctx, "replace links of "+reportID, func(ctx context.Context, tx driver.ManagedTransaction) error {
		if err := checkLinks(ctx, tx, edges, reportID); err != nil {
			return err
		}
		if err := run(ctx, tx, qDeleteReportLinks, map[string]any{"reportId": reportID}); err != nil {
			return err
		}
		return s.mergeLinks(ctx, tx, edges)
	})
}

// checkLinks validates IMPLEMENTS edges against the stored entities; with
// fromReport set, every edge must leave an entity of that report.
func checkLinks(ctx context.Context, tx driver.ManagedTransaction, edges []kg.Edge, fromReport string) error {
	var ids []string
	for i := range edges {
		e := &edges[i]
		if e.Type != kg.EdgeImplements {
			return kg.Errorf(kg.EINVALID, "link %s→%s: type %q is not %s", e.FromID, e.ToID, e.Type, kg.EdgeImplements)
		}
		if e.FromID == e.ToID {
			return kg.Errorf(kg.EINVALID, "link %s→%s: an entity cannot implement itself", e.FromID, e.ToID)
		}
		ids = append(ids, e.FromID, e.ToID)
	}
	owner := map[string]string{}
	for _, chunk := range chunks(ids, 1000) {
		recs, err := collect(ctx, tx, qEntityByID, map[string]any{"ids": chunk})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if n, ok := nodeOf(rec); ok {
				owner[str(n.Props, "id")] = str(n.Props, "reportId")
			}
		}
	}
	for i := range edges {
		e := &edges[i]
		from, okFrom := owner[e.FromID]
		if _, okTo := owner[e.ToID]; !okFrom || !okTo {
			return kg.Errorf(kg.ENOTFOUND, "link %s→%s: endpoint not found", e.FromID, e.ToID)
		}
		if fromReport != "" && from != fromReport {
			return kg.Errorf(kg.EINVALID, "link %s→%s: does not leave report %s", e.FromID, e.ToID, fromReport)
		}
	}
	return nil
}

// unwind runs an UNWIND $rows statement in batches of cfg.BatchSize.
func (s *Store) unwind(ctx context.Context, tx driver.ManagedTransaction, q string, rows []any) error {
	for start := 0; start < len(rows); start += s.cfg.BatchSize {
		end := min(start+s.cfg.BatchSize, len(rows))
		if err := run(ctx, tx, q, map[string]any{"rows": rows[start:end]}); err != nil {
			return fmt.Errorf("batch %d-%d: %w", start, end, err)
		}
	}
	return nil
}

// existingIDs returns which of ids exist, looked up with an id query.
func existingIDs(ctx context.Context, tx driver.ManagedTransaction, q string, ids []string) (map[string]bool, error) {
	found := map[string]bool{}
	for _, chunk := range chunks(ids, 1000) {
		recs, err := collect(ctx, tx, q, map[string]any{"ids": chunk})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			if n, ok := nodeOf(rec); ok {
				found[str(n.Props, "id")] = true
			}
		}
	}
	return found, nil
}

func chunks(ids []string, size int) [][]string {
	var out [][]string
	for start := 0; start < len(ids); start += size {
		out = append(out, ids[start:min(start+size, len(ids))])
	}
	return out
}
