package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/graph/loaders"
	"github.com/reportgraph/reportgraph/graph/model"
	"github.com/reportgraph/reportgraph/kg"
)

// The analyst's fields: each calls one analysis function and shapes its
// answer; the walks themselves live in package analysis.

// window validates first/after against n items and returns [start, end).
func window(first *int, after *string, n int) (start, end int, err error) {
	size := 20
	if first != nil {
		size = *first
	}
	if size < 1 || size > MaxPageSize {
		return 0, 0, kg.Errorf(kg.EINVALID, "first must be between 1 and %d, got %d", MaxPageSize, size)
	}
	if after != nil {
		pos, err := decodeCursor(*after)
		if err != nil {
			return 0, 0, err
		}
		// Capped before adding: pos+1 of the largest int overflowed to a
		// negative start, and the page slice panicked.
		start = min(pos, n-1) + 1
	}
	start = max(0, min(start, n))
	return start, min(start+size, n), nil
}

func pageInfo(start, end, n int) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: end < n, HasPreviousPage: start > 0}
	if end > start {
		first, last := encodeCursor(start), encodeCursor(end-1)
		pi.StartCursor, pi.EndCursor = &first, &last
	}
	return pi
}

// entityConnection pages es (already in their final order).
func (r *Resolver) entityConnection(ctx context.Context, es []*kg.Entity, first *int, after *string) (*model.EntityConnection, error) {
	start, end, err := window(first, after, len(es))
	if err != nil {
		return nil, err
	}
	conn := &model.EntityConnection{TotalCount: len(es), PageInfo: pageInfo(start, end, len(es)), Edges: []*model.EntityEdge{}, Nodes: []model.Entity{}}
	loaders.FromContext(ctx).Expect(es[start:end])
	for i := start; i < end; i++ {
		node := model.WrapEntity(es[i])
		conn.Edges = append(conn.Edges, &model.EntityEdge{Cursor: encodeCursor(i), Node: node, Highlights: []*kg.Highlight{}})
		conn.Nodes = append(conn.Nodes, node)
	}
	return conn, nil
}

func (r *Resolver) traceConnection(ctx context.Context, id string, first *int, after *string) (*model.EntityConnection, error) {
	if _, err := r.mustEntity(ctx, id); err != nil {
		return nil, err
	}
	es, err := kg.Trace(ctx, r.Store, id)
	if err != nil {
		return nil, err
	}
	return r.entityConnection(ctx, es, first, after)
}

func (r *Resolver) entitiesConnection(ctx context.Context, rep *kg.Report, kind *kg.EntityKind, first *int, after *string) (*model.EntityConnection, error) {
	var k kg.EntityKind
	if kind != nil {
		k = *kind
	}
	es, err := r.reportEntities(ctx, rep.ID, k)
	if err != nil {
		return nil, err
	}
	return r.entityConnection(ctx, es, first, after)
}

func (r *Resolver) descendantsConnection(ctx context.Context, reg *kg.Region, level *kg.RegionLevel, first *int, after *string) (*model.RegionConnection, error) {
	rs, err := r.descendants(ctx, reg, level)
	if err != nil {
		return nil, err
	}
	return regionConnection(rs, first, after)
}

// pageWindow is the window of xs that first and after select, with each
// node's edge (made by edge from its cursor) and the page info.
func pageWindow[N, E any](xs []N, first *int, after *string, edge func(cursor string, n N) E) (nodes []N, edges []E, info *model.PageInfo, err error) {
	start, end, err := window(first, after, len(xs))
	if err != nil {
		return nil, nil, nil, err
	}
	edges = make([]E, 0, end-start)
	for i := start; i < end; i++ {
		edges = append(edges, edge(encodeCursor(i), xs[i]))
	}
	return xs[start:end], edges, pageInfo(start, end, len(xs)), nil
}

// regionConnection pages rs (already in their final order).
func regionConnection(rs []*kg.Region, first *int, after *string) (*model.RegionConnection, error) {
	nodes, edges, info, err := pageWindow(rs, first, after, func(c string, n *kg.Region) *model.RegionEdge {
		return &model.RegionEdge{Cursor: c, Node: n}
	})
	if err != nil {
		return nil, err
	}
	return &model.RegionConnection{TotalCount: len(rs), PageInfo: info, Edges: edges, Nodes: nodes}, nil
}

// The spread's connections page what Query.spread already built: the
// whole spread is needed for its counts and gaps anyway, and what a big
// one costs is the answer's size, which paging bounds.

// spreadRegionsOf is sp's regions, only those of level when given; a
// level's regions are already grouped in sp.Levels.
func spreadRegionsOf(sp *model.Spread, level *kg.RegionLevel) []*model.SpreadRegion {
	if level == nil {
		return sp.Regions
	}
	for _, l := range sp.Levels {
		if l.Level == *level {
			return l.Regions
		}
	}
	return nil
}

// spreadRegionConnection pages rs (already in their final order).
func spreadRegionConnection(rs []*model.SpreadRegion, first *int, after *string) (*model.SpreadRegionConnection, error) {
	nodes, edges, info, err := pageWindow(rs, first, after, func(c string, n *model.SpreadRegion) *model.SpreadRegionEdge {
		return &model.SpreadRegionEdge{Cursor: c, Node: n}
	})
	if err != nil {
		return nil, err
	}
	return &model.SpreadRegionConnection{TotalCount: len(rs), PageInfo: info, Edges: edges, Nodes: nodes}, nil
}

// spreadLinkConnection pages ls (already in their final order).
func spreadLinkConnection(ls []*model.SpreadLink, first *int, after *string) (*model.SpreadLinkConnection, error) {
	nodes, edges, info, err := pageWindow(ls, first, after, func(c string, n *model.SpreadLink) *model.SpreadLinkEdge {
		return &model.SpreadLinkEdge{Cursor: c, Node: n}
	})
	if err != nil {
		return nil, err
	}
	return &model.SpreadLinkConnection{TotalCount: len(ls), PageInfo: info, Edges: edges, Nodes: nodes}, nil
}

func (r *Resolver) mustEntity(ctx context.Context, id string) (*kg.Entity, error) {
	e, err := r.loaders(ctx).Entity(ctx, id, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("load entity %s: %w", id, err)
	}
	if e == nil {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity with id %q", id)
	}
	return e, nil
}

func (r *Resolver) spread(ctx context.Context, id string) (*model.Spread, error) {
	sp, err := analysis.SpreadOf(ctx, r.Store, id)
	if err != nil {
		return nil, err
	}
	out := &model.Spread{
		Root: model.WrapEntity(sp.Root), Members: model.WrapEntities(sp.Members),
		Levels: []*model.SpreadLevel{}, Regions: []*model.SpreadRegion{}, Gaps: sp.Gaps,
		UnreportedCount: sp.Unreported, Coverage: spreadCoverage(sp),
	}
	if out.Gaps == nil {
		out.Gaps = []*kg.Region{}
	}
	es := append([]*kg.Entity{sp.Root}, sp.Members...)
	for _, sr := range sp.Regions {
		reg := &model.SpreadRegion{Region: sr.Region, Links: make([]*model.SpreadLink, len(sr.Links))}
		for i, l := range sr.Links {
			reg.Links[i] = &model.SpreadLink{
				Entity: model.WrapEntity(l.Entity), Implements: model.WrapEntity(l.Implements),
				Method: l.Edge.Method, Confidence: l.Edge.Confidence, Evidence: evidenceOf(l.Edge.Evidence),
			}
			es = append(es, l.Entity, l.Implements)
		}
		out.Regions = append(out.Regions, reg)
		// Regions come highest level first, so a level's regions are contiguous.
		if n := len(out.Levels); n == 0 || out.Levels[n-1].Level != sr.Region.Level {
			out.Levels = append(out.Levels, &model.SpreadLevel{Level: sr.Region.Level})
		}
		last := out.Levels[len(out.Levels)-1]
		last.Regions = append(last.Regions, reg)
	}
	r.primeEntities(ctx, es)
	regions := append([]*kg.Region{}, sp.Gaps...)
	for _, sr := range sp.Regions {
		regions = append(regions, sr.Region)
	}
	loaders.FromContext(ctx).ExpectRegions(regions)
	return out, nil
}

// aliasGroup is the alias group of the entity with id.
func (r *Resolver) aliasGroup(ctx context.Context, id string) (*model.AliasGroup, error) {
	g, err := analysis.AliasGroupOf(ctx, r.Store, id)
	if err != nil {
		return nil, err
	}
	out := &model.AliasGroup{Name: g.Name, Key: g.Key, Size: len(g.Members), Complete: g.Complete,
		Members: model.WrapEntities(g.Members), Canonical: model.WrapEntities(g.Canonical), Merges: []*model.AliasMerge{}}
	for _, m := range g.Merges {
		am := &model.AliasMerge{Key: m.Key, Holders: make([]*model.NameHolder, len(m.Holders))}
		for i, h := range m.Holders {
			am.Holders[i] = &model.NameHolder{Entity: model.WrapEntity(h.Entity), Rule: h.Rule}
		}
		out.Merges = append(out.Merges, am)
	}
	r.primeEntities(ctx, g.Members)
	return out, nil
}

// firstOf is the first *first of xs (the schema defaults first); first
// must be 1 to MaxPageSize.
func firstOf[T any](xs []T, first *int) ([]T, error) {
	_, end, err := window(first, nil, len(xs))
	if err != nil {
		return nil, err
	}
	return xs[:end], nil
}

func spreadCoverage(sp *analysis.Spread) float64 {
	n := len(sp.Regions) + len(sp.Gaps)
	if n == 0 {
		return 0
	}
	return float64(len(sp.Regions)) / float64(n)
}

func (r *Resolver) path(ctx context.Context, from, to string, maxHops *int) (*model.Path, error) {
	n := analysis.MaxPathHops
	if maxHops != nil {
		n = *maxHops
	}
	if n < 1 || n > analysis.MaxPathHops {
		return nil, kg.Errorf(kg.EINVALID, "maxHops must be between 1 and %d, got %d", analysis.MaxPathHops, n)
	}
	hops, err := analysis.Path(ctx, r.Store, from, to, n)
	if err != nil || hops == nil {
		return nil, err
	}
	p := &model.Path{Length: len(hops), Hops: make([]*model.PathHop, len(hops))}
	var es []*kg.Entity
	for i, h := range hops {
		p.Hops[i] = &model.PathHop{
			From: model.WrapEntity(h.From), To: model.WrapEntity(h.To), Type: h.Edge.Type, Forward: h.Forward,
			Method: h.Edge.Method, Confidence: h.Edge.Confidence, Evidence: evidenceOf(h.Evidence()),
		}
		es = append(es, h.From, h.To)
	}
	r.primeEntities(ctx, es)
	return p, nil
}

// regionsUnder is the subtree of the named region (the country without a
// name), which the analyst questions and the panel filters range over.
func (r *Resolver) regionsUnder(ctx context.Context, name *string) ([]*kg.Region, error) {
	root, err := analysis.RegionOrRoot(ctx, r.Store, name)
	if err != nil {
		return nil, err
	}
	return r.subtree(ctx, root)
}

func years(y *model.YearRange) (from, to *int) {
	if y == nil {
		return nil, nil
	}
	return y.From, y.To
}

func (r *Resolver) targetComparison(ctx context.Context, f model.TargetComparisonFilter, first *int, after *string) (*model.TargetComparisonConnection, error) {
	regions, err := r.regionsUnder(ctx, f.Region)
	if err != nil {
		return nil, err
	}
	from, to := years(f.Years)
	rows, err := analysis.CompareTargets(ctx, r.Store, analysis.TargetQuery{
		Indicator: f.Indicator, Measure: f.Measure, Regions: regions, YearFrom: from, YearTo: to,
	})
	if err != nil {
		return nil, err
	}
	start, end, err := window(first, after, len(rows))
	if err != nil {
		return nil, err
	}
	conn := &model.TargetComparisonConnection{TotalCount: len(rows), PageInfo: pageInfo(start, end, len(rows)),
		Edges: []*model.TargetComparisonEdge{}, Nodes: rows[start:end]}
	var regs []*kg.Region
	var ts []*kg.Target
	for _, row := range rows[start:end] {
		regs = append(regs, row.Region)
		ts = append(ts, row.Target, row.Result, row.PreviousTarget)
	}
	loaders.FromContext(ctx).ExpectRegions(regs)
	loaders.FromContext(ctx).ExpectTargets(ts)
	for i := start; i < end; i++ {
		conn.Edges = append(conn.Edges, &model.TargetComparisonEdge{Cursor: encodeCursor(i), Node: rows[i]})
	}
	return conn, nil
}

func (r *Resolver) targetEscalation(ctx context.Context, f model.TargetEscalationFilter, first *int, after *string) (*model.TargetEscalationConnection, error) {
	regions, err := r.regionsUnder(ctx, f.Region)
	if err != nil {
		return nil, err
	}
	e, err := analysis.Escalate(ctx, r.Store, analysis.EscalationQuery{Indicator: f.Indicator, Year: f.Year, Measure: f.Measure, Regions: regions})
	if err != nil {
		return nil, err
	}
	rows := make([]*analysis.EscalationRow, 0, len(e.Rows))
	for _, row := range e.Rows {
		if (f.Level == nil || row.Region.Level == *f.Level) && (f.Status == nil || row.Status == *f.Status) {
			rows = append(rows, row)
		}
	}
	start, end, err := window(first, after, len(rows))
	if err != nil {
		return nil, err
	}
	conn := &model.TargetEscalationConnection{TotalCount: len(rows), PageInfo: pageInfo(start, end, len(rows)),
		Edges: []*model.TargetEscalationEdge{}, Nodes: rows[start:end], ByLevel: e.Levels}
	var regs []*kg.Region
	var ts []*kg.Target
	for _, row := range rows[start:end] {
		regs = append(regs, row.Region, row.Parent)
		ts = append(ts, row.Target, row.ParentTarget, row.NationalTarget)
	}
	loaders.FromContext(ctx).ExpectRegions(regs)
	loaders.FromContext(ctx).ExpectTargets(ts)
	for i := start; i < end; i++ {
		conn.Edges = append(conn.Edges, &model.TargetEscalationEdge{Cursor: encodeCursor(i), Node: rows[i]})
	}
	return conn, nil
}

func (r *Resolver) textReuse(ctx context.Context, child string, parent *string, minSimilarity *float64, first *int, after *string) (*model.TextReuse, error) {
	q := analysis.ReuseQuery{ChildID: child}
	if parent != nil {
		q.ParentID = *parent
	}
	if minSimilarity != nil {
		if *minSimilarity <= 0 {
			return nil, kg.Errorf(kg.EINVALID, "minSimilarity %v is outside (0, 1]", *minSimilarity)
		}
		q.MinSimilarity = *minSimilarity
	}
	t, err := analysis.Reuse(ctx, r.Store, q)
	if err != nil {
		return nil, err
	}
	start, end, err := window(first, after, len(t.Pairs))
	if err != nil {
		return nil, err
	}
	conn := &model.TextReusePairConnection{TotalCount: len(t.Pairs), PageInfo: pageInfo(start, end, len(t.Pairs)),
		Edges: []*model.TextReusePairEdge{}, Nodes: t.Pairs[start:end]}
	for i := start; i < end; i++ {
		conn.Edges = append(conn.Edges, &model.TextReusePairEdge{Cursor: encodeCursor(i), Node: t.Pairs[i]})
	}
	return &model.TextReuse{Child: t.Child, Parent: t.Parent, Sentences: t.Sentences, Reused: t.Reused(), Share: t.Share(),
		Method: t.Method(), Pairs: conn}, nil
}

func (r *Resolver) diffusion(ctx context.Context, id, text, region *string) (*model.Diffusion, error) {
	regions, err := r.regionsUnder(ctx, region)
	if err != nil {
		return nil, err
	}
	q := analysis.DiffusionQuery{Regions: regions}
	if id != nil {
		q.EntityID = *id
	}
	if text != nil {
		q.Text = *text
	}
	d, err := analysis.Diffuse(ctx, r.Store, q)
	if err != nil {
		return nil, err
	}
	out := &model.Diffusion{Adopters: make([]*model.Adopter, len(d.Adopters)), Levels: d.Levels}
	for i, a := range d.Adopters {
		out.Adopters[i] = &model.Adopter{Region: a.Region, FirstYear: a.FirstYear, First: model.WrapEntity(a.First),
			ParentFirstYear: a.ParentFirstYear, Lag: a.Lag()}
	}
	return out, nil
}

// expectAdopters primes the mentions of the adopters a diffusion returns
// and expects what their regions' fields may load: the whole list's, or
// one page's, never the thousands a page leaves out.
func (r *Resolver) expectAdopters(ctx context.Context, as []*model.Adopter) {
	es, regs := make([]*kg.Entity, len(as)), make([]*kg.Region, len(as))
	for i, a := range as {
		es[i], regs[i] = a.First.Core(), a.Region
	}
	r.primeEntities(ctx, es)
	loaders.FromContext(ctx).ExpectRegions(regs)
}

// adopterConnection pages as (already in their final order).
func (r *Resolver) adopterConnection(ctx context.Context, as []*model.Adopter, first *int, after *string) (*model.AdopterConnection, error) {
	nodes, edges, info, err := pageWindow(as, first, after, func(c string, n *model.Adopter) *model.AdopterEdge {
		return &model.AdopterEdge{Cursor: c, Node: n}
	})
	if err != nil {
		return nil, err
	}
	r.expectAdopters(ctx, nodes)
	return &model.AdopterConnection{TotalCount: len(as), PageInfo: info, Edges: edges, Nodes: nodes}, nil
}

func (r *Resolver) reportDiff(ctx context.Context, region string, fromYear int, toYear *int, kind *kg.EntityKind) (*model.ReportDiff, error) {
	reg, err := r.mustRegionNamed(ctx, region)
	if err != nil {
		return nil, err
	}
	to := fromYear + 1
	if toYear != nil {
		to = *toYear
	}
	d, err := analysis.DiffReports(ctx, r.Store, kg.ReportID(reg.Code, fromYear), kg.ReportID(reg.Code, to), kind)
	if err != nil {
		return nil, err
	}
	out := &model.ReportDiff{From: d.From, To: d.To, New: model.WrapEntities(d.New), Dropped: model.WrapEntities(d.Dropped),
		Continued: make([]*model.ContinuedEntity, len(d.Continued))}
	for i, c := range d.Continued {
		out.Continued[i] = &model.ContinuedEntity{From: model.WrapEntity(c.From), To: model.WrapEntity(c.To), Method: c.Method, Confidence: c.Confidence}
	}
	// The entities' report field needs only these two reports.
	loaders.FromContext(ctx).PrimeReports(d.From, d.To)
	return out, nil
}

func (r *Resolver) stats(ctx context.Context, reg *kg.Region, y *model.YearRange) (*analysis.Stats, error) {
	regions, err := r.subtree(ctx, reg)
	if err != nil {
		return nil, err
	}
	from, to := years(y)
	return analysis.StatsOf(ctx, r.Store, regions, from, to)
}

// orderHits sorts search hits for orderBy; RELEVANCE keeps the store's order.
func orderHits(hits []kg.SearchHit, order *model.SearchOrder) {
	if order == nil || *order == model.SearchOrderRelevance {
		return
	}
	year := func(h kg.SearchHit) int {
		_, y, _ := kg.ReportRef(h.Entity.ReportID)
		return y
	}
	newestFirst := *order == model.SearchOrderYearDesc
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := year(hits[i]), year(hits[j])
		if newestFirst {
			return a > b
		}
		return a < b
	})
}

// selected reports whether the current field's selection asks for name.
func selected(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectAllFields(ctx) {
		if f == name {
			return true
		}
	}
	return false
}

// evidenceOf points at each passage of evs, for [Evidence!]! fields.
func evidenceOf(evs []kg.Evidence) []*kg.Evidence {
	out := make([]*kg.Evidence, len(evs))
	for i := range evs {
		out[i] = &evs[i]
	}
	return out
}

// primeEntities primes the request's loaders with es and expects their
// regions and reports, for answers whose entities the analysis already
// fetched.
func (r *Resolver) primeEntities(ctx context.Context, es []*kg.Entity) {
	l := loaders.FromContext(ctx)
	l.PrimeEntities(es)
	l.Expect(es)
}
