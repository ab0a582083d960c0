package neo4j

import (
	"context"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reportgraph/reportgraph/kg"
)

// CountReports reads the counts kept on the report nodes: one index seek
// per report, where counting entities touched every one of them.
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
	recs, err := read(ctx, s, "count reports", func(ctx context.Context, tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, qCountReports, map[string]any{"ids": uniq(reportIDs)})
	})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		id, _ := m["reportId"].(string)
		var c [6]int
		for j, k := range []string{"programs", "initiatives", "projects", "terms", "targets", "results"} {
			n, ok := m[k].(int64)
			if !ok {
				return nil, kg.Errorf(kg.EINTERNAL, "count %s of %s: unexpected %T", k, id, m[k])
			}
			c[j] = int(n)
		}
		for _, i := range slot[id] {
			out[i].Programs, out[i].Initiatives, out[i].Projects, out[i].Terms = c[0], c[1], c[2], c[3]
			out[i].Targets, out[i].Results = c[4], c[5]
		}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}
