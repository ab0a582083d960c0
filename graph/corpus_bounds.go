package graph

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/reportgraph/reportgraph/kg"
)

// CorpusBounds are the most rows each report and entity list can return
// over the stored corpus. Unlike the region table the corpus grows with
// every load: priced at fixed estimates (10 reports, 50 entities a
// report), `reports { entities { … } }` over 5,000 reports cost what it
// costs over ten. MeasureCorpus reads them; CorpusLimits hands the latest
// to the cost guard.
type CorpusBounds struct {
	Reports             int // Query.reports with no filter
	MaxReportsPerRegion int // Region.reports, Query.reports(region:)
	MaxReportsPerYear   int // Query.reports(year:)
	MaxPrograms         int // Report.programs
	MaxEntities         int // Report.entities, any kind
	// MaxEntitiesOf is Report.entities(kind:).
	MaxEntitiesOf    map[kg.EntityKind]int
	MaxTargets       int // Report.targets: targets and results
	MaxParts         int // Entity.parts: PART_OF edges into one entity
	MaxImplementedBy int // Entity.implementedBy
	MaxImplements    int // Entity.implements
}

// estimatedCorpus prices the lists before anything is measured: the
// fixed estimates complexity.go has always used.
var estimatedCorpus = CorpusBounds{
	Reports: costReports, MaxReportsPerRegion: costReports, MaxReportsPerYear: costReports,
	MaxPrograms: costPrograms, MaxEntities: costEntities, MaxTargets: costTargets,
	MaxParts: costParts, MaxImplementedBy: costParts, MaxImplements: costLinks,
}

// reports is the bound of Query.reports with its filters.
func (b CorpusBounds) reports(region *string, year *int) int {
	switch {
	case region != nil && year != nil:
		return min(1, b.MaxReportsPerRegion) // one report per region and year
	case region != nil:
		return b.MaxReportsPerRegion
	case year != nil:
		return b.MaxReportsPerYear
	}
	return b.Reports
}

// entities is the bound of Report.entities(kind:).
func (b CorpusBounds) entities(kind *kg.EntityKind) int {
	if kind == nil {
		return b.MaxEntities
	}
	if n, ok := b.MaxEntitiesOf[*kind]; ok {
		return n
	}
	return b.MaxEntities
}

// MeasureCorpus reads the bounds from s: one call for the reports, one
// for their counts, one per edge type.
func MeasureCorpus(ctx context.Context, s kg.Store) (CorpusBounds, error) {
	b := CorpusBounds{MaxEntitiesOf: map[kg.EntityKind]int{}}
	reps, err := s.FindReports(ctx, kg.ReportFilter{})
	if err != nil {
		return b, fmt.Errorf("measure corpus: reports: %w", err)
	}
	ids := make([]string, len(reps))
	perRegion, perYear := map[string]int{}, map[int]int{}
	for i, r := range reps {
		ids[i] = r.ID
		perRegion[r.RegionID]++
		perYear[r.Year]++
	}
	b.Reports = len(reps)
	b.MaxReportsPerRegion, b.MaxReportsPerYear = maxValue(perRegion), maxValue(perYear)
	counts, err := s.CountReports(ctx, ids)
	if err != nil {
		return b, fmt.Errorf("measure corpus: counts: %w", err)
	}
	for _, c := range counts {
		b.MaxPrograms = max(b.MaxPrograms, c.Programs)
		b.MaxEntities = max(b.MaxEntities, c.Programs+c.Initiatives+c.Projects+c.Terms)
		b.MaxTargets = max(b.MaxTargets, c.Targets+c.Results)
		for kind, n := range map[kg.EntityKind]int{kg.KindProgram: c.Programs, kg.KindInitiative: c.Initiatives,
			kg.KindProject: c.Projects, kg.KindTerm: c.Terms} {
			b.MaxEntitiesOf[kind] = max(b.MaxEntitiesOf[kind], n)
		}
	}
	into, _, err := entityDegrees(ctx, s, kg.EdgePartOf)
	if err != nil {
		return b, err
	}
	b.MaxParts = maxValue(into)
	into, from, err := entityDegrees(ctx, s, kg.EdgeImplements)
	if err != nil {
		return b, err
	}
	b.MaxImplementedBy, b.MaxImplements = maxValue(into), maxValue(from)
	return b, nil
}

// entityDegrees counts the edges of type t into and out of each entity
// (PART_OF also joins regions, which the entity lists never return).
func entityDegrees(ctx context.Context, s kg.Store, t kg.EdgeType) (into, from map[string]int, err error) {
	edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &t})
	if err != nil {
		return nil, nil, fmt.Errorf("measure corpus: %s edges: %w", t, err)
	}
	into, from = map[string]int{}, map[string]int{}
	for _, e := range edges {
		if kg.IDKind(e.ToID) == "entity" {
			into[e.ToID]++
		}
		if kg.IDKind(e.FromID) == "entity" {
			from[e.FromID]++
		}
	}
	return into, from, nil
}

func maxValue[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n = max(n, v)
	}
	return n
}

// CorpusLimits holds the latest CorpusBounds for the cost guard; safe for
// concurrent use. The zero value prices lists at the fixed estimates.
type CorpusLimits struct {
	p atomic.Pointer[CorpusBounds]
}

// Set makes b the bounds every later request is priced with.
func (l *CorpusLimits) Set(b CorpusBounds) { l.p.Store(&b) }

// current returns the latest bounds, or the estimates before any Set.
func (l *CorpusLimits) current() CorpusBounds {
	if l == nil {
		return estimatedCorpus
	}
	if b := l.p.Load(); b != nil {
		return *b
	}
	return estimatedCorpus
}
