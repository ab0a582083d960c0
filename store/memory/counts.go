package memory

import (
	"context"

	"github.com/reportgraph/reportgraph/kg"
)

// CountReports counts each report's entities and targets from the
// per-report indexes, without copying a single one.
func (s *Store) CountReports(ctx context.Context, reportIDs []string) ([]kg.ReportCounts, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]kg.ReportCounts, len(reportIDs))
	for i, id := range reportIDs {
		c := &out[i]
		c.ReportID = id
		for _, eid := range s.entityByReport[id] {
			c.Add(s.entities[eid].Kind, 1)
		}
		for _, tid := range s.targetByReport[id] {
			c.AddTarget(s.targets[tid].Kind, 1)
		}
	}
	return out, nil
}
