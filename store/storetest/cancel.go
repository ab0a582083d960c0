package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// testCanceled: a call whose context is already canceled stops and says
// so (errors.Is context.Canceled), whatever it was asked; a request whose
// client left must not go on reading the store. Every read method is
// asked something it would otherwise answer with rows.
func testCanceled(t *testing.T, s kg.Store, f *fixture) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	calls := []struct {
		name string
		call func(context.Context) error
	}{
		{"Ping", s.Ping},
		{"Regions", func(c context.Context) error { _, err := s.Regions(c, []string{PrefID}); return err }},
		{"Reports", func(c context.Context) error { _, err := s.Reports(c, []string{f.reports[0].Report.ID}); return err }},
		{"Entities", func(c context.Context) error { _, err := s.Entities(c, []string{f.provSix}); return err }},
		{"Targets", func(c context.Context) error {
			_, err := s.Targets(c, []string{f.graph(ProvRep).Targets[0].ID})
			return err
		}},
		{"FindRegions", func(c context.Context) error { _, err := s.FindRegions(c, kg.RegionFilter{}); return err }},
		{"FindReports", func(c context.Context) error { _, err := s.FindReports(c, kg.ReportFilter{}); return err }},
		{"FindEntities", func(c context.Context) error { _, err := s.FindEntities(c, kg.EntityFilter{}); return err }},
		{"FindTargets", func(c context.Context) error { _, err := s.FindTargets(c, kg.TargetFilter{}); return err }},
		{"FindEdges", func(c context.Context) error { _, err := s.FindEdges(c, kg.EdgeFilter{}); return err }},
		{"Walk", func(c context.Context) error {
			_, err := s.Walk(c, kg.Walk{Start: []string{f.provSix}, Via: []kg.Step{{Type: kg.EdgeImplements}}, Down: true, MaxNodes: 10})
			return err
		}},
		{"CountReports", func(c context.Context) error {
			_, err := s.CountReports(c, []string{f.reports[0].Report.ID})
			return err
		}},
		{"Search", func(c context.Context) error {
			_, err := s.Search(c, kg.SearchQuery{Text: "工程", Limit: 10})
			return err
		}},
	}
	for _, c := range calls {
		if err := c.call(ctx); err != nil {
			t.Fatalf("%s with a live context: %v", c.name, err)
		}
		if err := c.call(canceled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a canceled context: %v, want context.Canceled", c.name, err)
		}
	}
}

// testCanceledWrite: a write whose context is canceled changes nothing.
func testCanceledWrite(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	id := f.reports[0].Report.ID
	if err := s.DeleteReports(canceled, []string{id}); !errors.Is(err, context.Canceled) {
		t.Errorf("DeleteReports with a canceled context: %v, want context.Canceled", err)
	}
	if got, err := s.Reports(ctx, []string{id}); err != nil || len(got) != 1 || got[0] == nil {
		t.Errorf("after a canceled delete, Reports(%s) = %v, %v; want the report kept", id, got, err)
	}
}
