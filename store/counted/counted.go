// Package counted is a kg.Store decorator that reports every call by its
// method name before passing it on: the server counts store calls per
// method in its metrics, and tests count them to prove batching. It
// writes out every method instead of embedding the store, so a method
// added to kg.Store does not compile here until it is counted.
package counted

import (
	"context"

	"github.com/reportgraph/reportgraph/kg"
)

// Store counts the calls to the store it wraps.
type Store struct {
	next  kg.Store
	count func(method string)
}

var _ kg.Store = (*Store)(nil)

// New returns next with count called, with the method's name, before
// every call. count must be safe for concurrent use.
func New(next kg.Store, count func(method string)) *Store {
	return &Store{next: next, count: count}
}

func (s *Store) PutRegions(ctx context.Context, regions []kg.Region) error {
	s.count("PutRegions")
	return s.next.PutRegions(ctx, regions)
}

func (s *Store) PutReport(ctx context.Context, g kg.ReportGraph) error {
	s.count("PutReport")
	return s.next.PutReport(ctx, g)
}

func (s *Store) PutReports(ctx context.Context, gs []kg.ReportGraph) error {
	s.count("PutReports")
	return s.next.PutReports(ctx, gs)
}

func (s *Store) DeleteReports(ctx context.Context, ids []string) error {
	s.count("DeleteReports")
	return s.next.DeleteReports(ctx, ids)
}

func (s *Store) SetContentHashes(ctx context.Context, hashes map[string]string) error {
	s.count("SetContentHashes")
	return s.next.SetContentHashes(ctx, hashes)
}

func (s *Store) PutLinks(ctx context.Context, edges []kg.Edge) error {
	s.count("PutLinks")
	return s.next.PutLinks(ctx, edges)
}

func (s *Store) ReplaceLinks(ctx context.Context, reportIDs []string, edges []kg.Edge) error {
	s.count("ReplaceLinks")
	return s.next.ReplaceLinks(ctx, reportIDs, edges)
}

func (s *Store) Ping(ctx context.Context) error {
	s.count("Ping")
	return s.next.Ping(ctx)
}

func (s *Store) Regions(ctx context.Context, ids []string) ([]*kg.Region, error) {
	s.count("Regions")
	return s.next.Regions(ctx, ids)
}

func (s *Store) Reports(ctx context.Context, ids []string) ([]*kg.Report, error) {
	s.count("Reports")
	return s.next.Reports(ctx, ids)
}

func (s *Store) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	s.count("Entities")
	return s.next.Entities(ctx, ids)
}

func (s *Store) Targets(ctx context.Context, ids []string) ([]*kg.Target, error) {
	s.count("Targets")
	return s.next.Targets(ctx, ids)
}

func (s *Store) FindRegions(ctx context.Context, f kg.RegionFilter) ([]*kg.Region, error) {
	s.count("FindRegions")
	return s.next.FindRegions(ctx, f)
}

func (s *Store) FindReports(ctx context.Context, f kg.ReportFilter) ([]*kg.Report, error) {
	s.count("FindReports")
	return s.next.FindReports(ctx, f)
}

func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter) ([]*kg.Entity, error) {
	s.count("FindEntities")
	return s.next.FindEntities(ctx, f)
}

func (s *Store) FindTargets(ctx context.Context, f kg.TargetFilter) ([]*kg.Target, error) {
	s.count("FindTargets")
	return s.next.FindTargets(ctx, f)
}

func (s *Store) FindEdges(ctx context.Context, f kg.EdgeFilter) ([]*kg.Edge, error) {
	s.count("FindEdges")
	return s.next.FindEdges(ctx, f)
}

func (s *Store) Walk(ctx context.Context, w kg.Walk) ([]*kg.Edge, error) {
	s.count("Walk")
	return s.next.Walk(ctx, w)
}

func (s *Store) PutStatistics(ctx context.Context, source string, stats []kg.Statistic) error {
	s.count("PutStatistics")
	return s.next.PutStatistics(ctx, source, stats)
}

func (s *Store) FindStatistics(ctx context.Context, f kg.StatisticFilter) ([]*kg.Statistic, error) {
	s.count("FindStatistics")
	return s.next.FindStatistics(ctx, f)
}

func (s *Store) CountReports(ctx context.Context, reportIDs []string) ([]kg.ReportCounts, error) {
	s.count("CountReports")
	return s.next.CountReports(ctx, reportIDs)
}

func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	s.count("Search")
	return s.next.Search(ctx, q)
}

func (s *Store) Close(ctx context.Context) error {
	s.count("Close")
	return s.next.Close(ctx)
}
