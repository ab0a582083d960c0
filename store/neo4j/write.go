package neo4j

import (
	"context"
	"fmt"
	"slices"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reportgraph/reportgraph/kg"
)

// PutRegions upserts regions and their PART_OF edges to ParentID, in one
// transaction. A parent must be stored already or be in the same batch
// (ENOTFOUND otherwise), as in the memory store.
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
	nodes := make([]any, len(regions))
	parents := make([]any, len(regions))
	for i := range regions {
		r := &regions[i]
		nodes[i] = map[string]any{"id": r.ID, "props": regionProps(r)}
		parents[i] = map[string]any{"id": r.ID, "parentId": r.ParentID,
			"method": kg.MethodRegion, "confidence": 1.0}
	}
	return s.write(ctx, "put regions", func(ctx context.Context, tx driver.ManagedTransaction) error {
		if err := checkParents(ctx, tx, regions, batch); err != nil {
			return err
		}
		if err := s.unwind(ctx, tx, qMergeRegions, nodes); err != nil {
			return err
		}
		for _, q := range []string{qDeleteStaleRegionParents, qMergeRegionParents} {
			if err := s.unwind(ctx, tx, q, parents); err != nil {
				return err
			}
		}
		return nil
	})
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
	return s.PutReports(ctx, []kg.ReportGraph{g})
}

// PutReports replaces many reports in one transaction, each as PutReport
// would: every statement covers all of them (UNWIND rows naming their
// report), so a bulk load costs a dozen round trips per batch rather than
// per report. A report id given twice takes its last graph.
func (s *Store) PutReports(ctx context.Context, gs []kg.ReportGraph) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for i := range gs {
		if err := gs[i].Validate(); err != nil {
			return err
		}
	}
	gs = lastOfEachReport(gs)
	if len(gs) == 0 {
		return nil
	}
	op := "put report " + gs[0].Report.ID
	if len(gs) > 1 {
		op = fmt.Sprintf("put %d reports from %s", len(gs), gs[0].Report.ID)
	}
	return s.write(ctx, op, func(ctx context.Context, tx driver.ManagedTransaction) error {
		return s.putReports(ctx, tx, gs)
	})
}

// lastOfEachReport keeps the last graph of each report id, in first-seen
// order: replacing a report twice in one statement would merge both.
func lastOfEachReport(gs []kg.ReportGraph) []kg.ReportGraph {
	last := make(map[string]int, len(gs))
	for i := range gs {
		last[gs[i].Report.ID] = i
	}
	if len(last) == len(gs) {
		return gs
	}
	out := make([]kg.ReportGraph, 0, len(last))
	for i := range gs {
		if last[gs[i].Report.ID] == i {
			out = append(out, gs[i])
		}
	}
	return out
}

func (s *Store) putReports(ctx context.Context, tx driver.ManagedTransaction, gs []kg.ReportGraph) error {
	regionIDs := make([]string, 0, len(gs))
	reportIDs := make([]string, len(gs))
	reports := make([]any, len(gs))
	for i := range gs {
		r := &gs[i].Report
		regionIDs = append(regionIDs, r.RegionID)
		reportIDs[i] = r.ID
		reports[i] = map[string]any{"id": r.ID, "regionId": r.RegionID, "props": reportProps(r, gs[i].Counts())}
	}
	found, err := existingIDs(ctx, tx, qRegionByID, uniq(regionIDs))
	if err != nil {
		return err
	}
	for i := range gs {
		if r := &gs[i].Report; !found[r.RegionID] {
			return kg.Errorf(kg.ENOTFOUND, "report %s: region %s not found", r.ID, r.RegionID)
		}
	}
	if err := s.unwind(ctx, tx, qMergeReports, reports); err != nil {
		return err
	}
	oldNames, err := s.reportNameKeys(ctx, tx, reportIDs)
	if err != nil {
		return err
	}
	for _, q := range []string{qDeleteReportEntities, qDeleteReportTargets} {
		for _, chunk := range chunks(reportIDs, s.cfg.BatchSize) {
			if err := run(ctx, tx, q, map[string]any{"ids": chunk}); err != nil {
				return err
			}
		}
	}
	byKind := map[string][]any{} // statement → rows
	var targets, partOf, implements, names []any
	for i := range gs {
		g := &gs[i]
		r := &g.Report
		for j := range g.Entities {
			e := &g.Entities[j]
			p, err := entityProps(e, r.Year)
			if err != nil {
				return err
			}
			q, ok := entityMerges[e.Kind]
			if !ok {
				q = qMergeEntities
			}
			if e.TaskArea {
				q = qMergeTaskAreas
			}
			byKind[q] = append(byKind[q], map[string]any{"id": e.ID, "reportId": r.ID, "props": p})
			for _, n := range e.Names {
				names = append(names, map[string]any{"id": e.ID, "key": n.Key, "rule": string(n.Rule)})
			}
		}
		for j := range g.Targets {
			p, err := targetProps(&g.Targets[j])
			if err != nil {
				return err
			}
			targets = append(targets, map[string]any{"id": g.Targets[j].ID, "reportId": r.ID, "regionId": r.RegionID, "props": p})
		}
		po, im, err := edgeRows(g.Edges)
		if err != nil {
			return err
		}
		partOf, implements = append(partOf, po...), append(implements, im...)
	}
	for _, q := range []string{qMergeTaskAreas, qMergePrograms, qMergeInitiatives, qMergeProjects, qMergeTerms, qMergeEntities} {
		if err := s.unwind(ctx, tx, q, byKind[q]); err != nil {
			return err
		}
	}
	if err := s.unwind(ctx, tx, qMergeTargets, targets); err != nil {
		return err
	}
	if err := s.unwind(ctx, tx, qMergeNames, names); err != nil {
		return err
	}
	if err := s.deleteOrphanNames(ctx, tx, oldNames); err != nil {
		return err
	}
	if err := s.unwind(ctx, tx, qMergePartOf, partOf); err != nil {
		return err
	}
	return s.unwind(ctx, tx, qMergeImplements, implements)
}

// reportNameKeys returns the keys of the Names the entities of reportIDs
// are NAMED by, for deleteOrphanNames once those entities are gone.
func (s *Store) reportNameKeys(ctx context.Context, tx driver.ManagedTransaction, reportIDs []string) ([]string, error) {
	var keys []string
	for _, chunk := range chunks(reportIDs, s.cfg.BatchSize) {
		recs, err := collect(ctx, tx, qReportNameKeys, map[string]any{"ids": chunk})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			if k, ok := rec.Get("key"); ok {
				if k, ok := k.(string); ok {
					keys = append(keys, k)
				}
			}
		}
	}
	return uniq(keys), nil
}

// deleteOrphanNames deletes the Names among keys that no entity is NAMED
// by any longer.
func (s *Store) deleteOrphanNames(ctx context.Context, tx driver.ManagedTransaction, keys []string) error {
	for _, chunk := range chunks(keys, s.cfg.BatchSize) {
		if err := run(ctx, tx, qDeleteOrphanNames, map[string]any{"keys": chunk}); err != nil {
			return err
		}
	}
	return nil
}

// edgeRows turns a report's edges into statement rows, one list per
// relationship type.
func edgeRows(edges []kg.Edge) (partOf, implements []any, err error) {
	for i := range edges {
		e := &edges[i]
		p, err := edgeProps(e)
		if err != nil {
			return nil, nil, err
		}
		row := map[string]any{"from": e.FromID, "to": e.ToID, "props": p}
		if e.Type == kg.EdgePartOf {
			partOf = append(partOf, row)
		} else {
			implements = append(implements, row)
		}
	}
	return partOf, implements, nil
}

// mergeLinks merges IMPLEMENTS edges between stored entities (checked
// by checkLinks in the same transaction).
func (s *Store) mergeLinks(ctx context.Context, tx driver.ManagedTransaction, edges []kg.Edge) error {
	_, rows, err := edgeRows(edges)
	if err != nil {
		return err
	}
	return s.unwind(ctx, tx, qMergeImplements, rows)
}

// PutLinks upserts IMPLEMENTS edges in one transaction: every edge is
// checked first, so a bad edge writes none.
func (s *Store) PutLinks(ctx context.Context, edges []kg.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(ctx, "put links", func(ctx context.Context, tx driver.ManagedTransaction) error {
		if err := checkLinks(ctx, tx, edges, nil, false); err != nil {
			return err
		}
		return s.mergeLinks(ctx, tx, edges)
	})
}

// DeleteReports removes reports with their entities, targets and every
// edge touching them, in one transaction.
func (s *Store) DeleteReports(ctx context.Context, ids []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ids = uniq(ids)
	if len(ids) == 0 {
		return nil
	}
	return s.write(ctx, fmt.Sprintf("delete %d reports from %s", len(ids), ids[0]), func(ctx context.Context, tx driver.ManagedTransaction) error {
		names, err := s.reportNameKeys(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, q := range []string{qDeleteReportEntities, qDeleteReportTargets, qDeleteReports} {
			for _, chunk := range chunks(ids, s.cfg.BatchSize) {
				if err := run(ctx, tx, q, map[string]any{"ids": chunk}); err != nil {
					return err
				}
			}
		}
		return s.deleteOrphanNames(ctx, tx, names)
	})
}

// SetContentHashes sets the fingerprints of stored reports in one
// transaction.
func (s *Store) SetContentHashes(ctx context.Context, hashes map[string]string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(hashes) == 0 {
		return nil
	}
	ids := make([]string, 0, len(hashes))
	for id := range hashes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rows := make([]any, len(ids))
	for i, id := range ids {
		rows[i] = map[string]any{"id": id, "hash": hashes[id]}
	}
	return s.write(ctx, fmt.Sprintf("set fingerprints of %d reports", len(ids)), func(ctx context.Context, tx driver.ManagedTransaction) error {
		return s.unwind(ctx, tx, qSetContentHashes, rows)
	})
}

// ReplaceLinks swaps the IMPLEMENTS edges leaving the entities of
// reportIDs for edges, in one transaction.
func (s *Store) ReplaceLinks(ctx context.Context, reportIDs []string, edges []kg.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if slices.Contains(reportIDs, "") {
		return kg.Errorf(kg.EINVALID, "replace links: empty report id")
	}
	reportIDs = uniq(reportIDs)
	if len(reportIDs) == 0 && len(edges) == 0 {
		return nil
	}
	op := "replace links"
	if len(reportIDs) > 0 {
		op = fmt.Sprintf("replace links of %d reports from %s", len(reportIDs), reportIDs[0])
	}
	return s.write(ctx, op, func(ctx context.Context, tx driver.ManagedTransaction) error {
		if err := checkLinks(ctx, tx, edges, kg.FilterOf(reportIDs), true); err != nil {
			return err
		}
		for _, chunk := range chunks(reportIDs, s.cfg.BatchSize) {
			if err := run(ctx, tx, qDeleteReportLinks, map[string]any{"ids": chunk}); err != nil {
				return err
			}
		}
		return s.mergeLinks(ctx, tx, edges)
	})
}

// checkLinks validates IMPLEMENTS edges against the stored entities; with
// restrict set, every edge must leave an entity of a report in fromReports.
func checkLinks(ctx context.Context, tx driver.ManagedTransaction, edges []kg.Edge, fromReports map[string]bool, restrict bool) error {
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
	for _, chunk := range chunks(uniq(ids), 1000) {
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
		if restrict && !fromReports[from] {
			return kg.Errorf(kg.EINVALID, "link %s→%s: does not leave the reports being relinked", e.FromID, e.ToID)
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
