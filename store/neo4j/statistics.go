package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/reportgraph/reportgraph/kg"
)

// PutStatistics replaces source's statistics in one transaction: the
// old ones are deleted and the new merged, each linked to its region.
func (s *Store) PutStatistics(ctx context.Context, source string, stats []kg.Statistic) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := kg.ValidateStatistics(source, stats); err != nil {
		return err
	}
	return s.write(ctx, "put statistics of "+source, func(ctx context.Context, tx driver.ManagedTransaction) error {
		regionIDs := make([]string, len(stats))
		for i := range stats {
			regionIDs[i] = stats[i].RegionID
		}
		found, err := existingIDs(ctx, tx, qRegionByID, uniq(regionIDs))
		if err != nil {
			return err
		}
		rows := make([]any, len(stats))
		for i := range stats {
			st := &stats[i]
			if !found[st.RegionID] {
				return kg.Errorf(kg.ENOTFOUND, "statistic %s (%s line %d): region %s not found", st.ID, source, st.Line, st.RegionID)
			}
			rows[i] = map[string]any{"id": st.ID, "regionId": st.RegionID, "props": statisticProps(st)}
		}
		if err := run(ctx, tx, qDeleteSourceStatistics, map[string]any{"source": source}); err != nil {
			return fmt.Errorf("delete statistics of %s: %w", source, err)
		}
		return s.unwind(ctx, tx, qMergeStatistics, rows)
	})
}

// FindStatistics reads statistics through the index f names first.
func (s *Store) FindStatistics(ctx context.Context, f kg.StatisticFilter) ([]*kg.Statistic, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	params := map[string]any{"regionIds": nullable(uniq(f.RegionIDs)), "sources": nullable(uniq(f.Sources)),
		"indicator": nil, "indicatorCode": nil, "year": nil, "limit": limitParam(f.Limit)}
	if f.Indicator != "" {
		params["indicator"] = f.Indicator
	}
	if f.IndicatorCode != "" {
		params["indicatorCode"] = f.IndicatorCode
	}
	if f.Year != nil {
		params["year"] = int64(*f.Year)
	}
	q := qStatisticsAll
	switch {
	case len(f.RegionIDs) > 0:
		q = qStatisticsByRegion
	case len(f.Sources) > 0:
		q = qStatisticsBySource
	}
	return nodes(ctx, s, "find statistics", q, params, decodeStatistic)
}

func statisticProps(st *kg.Statistic) map[string]any {
	return map[string]any{
		"id": st.ID, "regionId": st.RegionID, "year": int64(st.Year), "indicator": st.Indicator,
		"indicatorCode": st.IndicatorCode, "measure": st.Measure, "value": st.Value, "unit": st.Unit,
		"source": st.Source, "line": int64(st.Line),
	}
}

func decodeStatistic(n dbtype.Node) (*kg.Statistic, error) {
	p := n.Props
	return &kg.Statistic{
		ID:            str(p, "id"),
		RegionID:      str(p, "regionId"),
		Year:          int(num(p, "year")),
		Indicator:     str(p, "indicator"),
		IndicatorCode: str(p, "indicatorCode"),
		Measure:       str(p, "measure"),
		Value:         num(p, "value"),
		Unit:          str(p, "unit"),
		Source:        str(p, "source"),
		Line:          int(num(p, "line")),
	}, nil
}
