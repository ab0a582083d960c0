package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reportgraph/reportgraph/kg"
)

// CountReports aggregates in the database, one row per report and kind:
// a roll-up over thousands of reports must not ship their entities.
func (s *Store) CountReports(ctx context.Context, reportIDs []string) ([]kg.ReportCounts, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]kg.ReportCounts, len(reportIDs))
	slot := make(map[string][]int, len(reportIDs))
	for i, id := range reportIDs {
		out[i].ReportID = id
		slot[id] = append(slot[id], i)
	}
	if len(reportIDs) == 0 {
		return out, nil
	}
	params := map[string]any{"ids": uniq(reportIDs)}
	_, err := read(ctx, s, "count reports", func(ctx context.Context, tx driver.ManagedTransaction) (struct{}, error) {
		for _, q := range []string{qCountEntities, qCountTargets} {
			recs, err := collect(ctx, tx, q, params)
			if err != nil {
				return struct{}{}, err
			}
			for _, rec := range recs {
				m := rec.AsMap()
				id, _ := m["reportId"].(string)
				kind, _ := m["kind"].(string)
				n, ok := m["total"].(int64)
				if !ok {
					return struct{}{}, fmt.Errorf("count of %s: unexpected %T", id, m["total"])
				}
				for _, i := range slot[id] {
					if q == qCountEntities {
						out[i].Add(kg.EntityKind(kind), int(n))
					} else {
						out[i].AddTarget(kg.TargetKind(kind), int(n))
					}
				}
			}
		}
		return struct{}{}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
