package memory

import (
	"context"

	"github.com/reportgraph/reportgraph/kg"
)

// CountReports answers from counts PutReport keeps per report: a roll-up
// over a province's subtree of thousands of reports must not visit each
// entity (that cost 19 ms a request on 5,000 synthetic reports).
func (s *Store) CountReports(ctx context.Context, reportIDs []string) ([]kg.ReportCounts, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]kg.ReportCounts, len(reportIDs))
	for i, id := range reportIDs {
		out[i] = s.counts[id]
		out[i].ReportID = id
	}
	return out, nil
}

// countsOf counts what a report graph holds.
func countsOf(g kg.ReportGraph) kg.ReportCounts { return g.Counts() }
