package graph

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/graph/loaders"
	"github.com/reportgraph/reportgraph/graph/model"
	"github.com/reportgraph/reportgraph/kg"
)

// MaxPageSize caps Query.search's first so one request cannot ask for the
// whole store.
const MaxPageSize = 100

// The helpers below hold what the one-line resolvers share; they read
// through the request's dataloaders so sibling fields batch into one
// store call.

func (r *Resolver) loaders(ctx context.Context) *loaders.Loaders {
	if l := loaders.FromContext(ctx); l != nil {
		return l
	}
	// Outside the HTTP middleware (a resolver called directly) there is no
	// request scope to share, so each call gets its own loaders.
	return loaders.New(r.Store, 0)
}

// inList reports whether the field being resolved sits inside a list
// element, where sibling elements resolve the same field concurrently;
// outside one no sibling can join a batch, so waiting would only add
// latency.
func inList(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	for p := fc; p != nil; p = p.Parent {
		if p.Index != nil {
			return true
		}
	}
	return false
}

// region returns the region with id, an error when it does not exist: every
// caller reaches it through a reference the store promised to keep valid.
func (r *Resolver) region(ctx context.Context, id string) (*kg.Region, error) {
	reg, err := r.loaders(ctx).Region(ctx, id, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("load region %s: %w", id, err)
	}
	if reg == nil {
		return nil, fmt.Errorf("dangling region reference %s", id)
	}
	return reg, nil
}

func (r *Resolver) report(ctx context.Context, id string) (*kg.Report, error) {
	rep, err := r.loaders(ctx).Report(ctx, id, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("load report %s: %w", id, err)
	}
	if rep == nil {
		return nil, fmt.Errorf("dangling report reference %s", id)
	}
	return rep, nil
}

// entities loads ids, dropping ids that no longer resolve.
func (r *Resolver) entities(ctx context.Context, ids []string) ([]model.Entity, error) {
	es, err := r.loaders(ctx).Entities(ctx, ids, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}
	return model.WrapEntities(es), nil
}

// regionNamed resolves a full or short name or a code; when a name is shared,
// the highest-level region wins, then the lowest id, so answers are stable.
func (r *Resolver) regionNamed(ctx context.Context, name string) (*kg.Region, error) {
	return analysis.RegionNamed(ctx, r.Store, name)
}

// mustRegionNamed is regionNamed with NOT_FOUND for an unknown name.
func (r *Resolver) mustRegionNamed(ctx context.Context, name string) (*kg.Region, error) {
	return analysis.RegionOrRoot(ctx, r.Store, &name)
}

// subtree returns root and every region below it.
func (r *Resolver) subtree(ctx context.Context, root *kg.Region) ([]*kg.Region, error) {
	return analysis.Subtree(ctx, r.Store, root)
}

// descendants returns the regions below root, optionally of one level, by id.
func (r *Resolver) descendants(ctx context.Context, root *kg.Region, level *kg.RegionLevel) ([]*kg.Region, error) {
	all, err := r.subtree(ctx, root)
	if err != nil {
		return nil, err
	}
	out := ofLevel(all[1:], level)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ofLevel keeps the regions of level; nil keeps all.
func ofLevel(rs []*kg.Region, level *kg.RegionLevel) []*kg.Region {
	return inRegionsOf(rs, level, func(r *kg.Region) *kg.Region { return r })
}

// inRegionsOf keeps the xs whose region (regionOf) is of level; nil keeps
// all.
func inRegionsOf[T any](xs []T, level *kg.RegionLevel, regionOf func(T) *kg.Region) []T {
	if level == nil {
		return xs
	}
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if regionOf(x).Level == *level {
			out = append(out, x)
		}
	}
	return out
}

// ancestors walks the parent chain through the region loader, nearest first.
func (r *Resolver) ancestors(ctx context.Context, reg *kg.Region) ([]*kg.Region, error) {
	var out []*kg.Region
	for cur := reg; cur.ParentID != "" && len(out) <= kg.LevelCounty.Rank(); {
		p, err := r.region(ctx, cur.ParentID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
		cur = p
	}
	return out, nil
}

func (r *Resolver) edges(ctx context.Context, id string, t kg.EdgeType, out bool) ([]*kg.Edge, error) {
	es, err := r.loaders(ctx).Edges(ctx, loaders.EdgeKey{ID: id, Type: t, Out: out}, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("load %s edges of %s: %w", t, id, err)
	}
	return es, nil
}

// partOf prefers membership in a named program over the enclosing task
// area: “六个工程” says more about 政策落地工程 than the section it sits in.
func (r *Resolver) partOf(ctx context.Context, e *kg.Entity) (model.Entity, error) {
	es, err := r.edges(ctx, e.ID, kg.EdgePartOf, true)
	if err != nil || len(es) == 0 {
		return nil, err
	}
	best := es[0]
	for _, ed := range es {
		if ed.Method == kg.MethodMember {
			best = ed
			break
		}
	}
	got, err := r.entities(ctx, []string{best.ToID})
	if err != nil || len(got) == 0 {
		return nil, err
	}
	return got[0], nil
}

// linked returns the entities at the other end of e's edges of type t.
func (r *Resolver) linked(ctx context.Context, e *kg.Entity, t kg.EdgeType, out bool) ([]model.Entity, error) {
	es, err := r.edges(ctx, e.ID, t, out)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(es))
	for i, ed := range es {
		ids[i] = ed.FromID
		if out {
			ids[i] = ed.ToID
		}
	}
	return r.entities(ctx, ids)
}

func (r *Resolver) reportEntities(ctx context.Context, reportID string, kind kg.EntityKind) ([]*kg.Entity, error) {
	es, err := r.loaders(ctx).EntitiesOf(ctx, loaders.EntityKey{ReportID: reportID, Kind: kind}, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("entities of %s: %w", reportID, err)
	}
	return es, nil
}

// outlineOf is a report's outline, each section knowing its report.
func outlineOf(rep *kg.Report) []*model.OutlineSection {
	out := make([]*model.OutlineSection, len(rep.Outline))
	for i, s := range rep.Outline {
		out[i] = &model.OutlineSection{Section: s, ReportID: rep.ID}
	}
	return out
}

// sectionEntities are the entities of the section's report (of kind, when
// given) whose first passage starts inside the section.
func (r *Resolver) sectionEntities(ctx context.Context, s *model.OutlineSection, kind *kg.EntityKind) ([]*kg.Entity, error) {
	var k kg.EntityKind
	if kind != nil {
		k = *kind
	}
	es, err := r.reportEntities(ctx, s.ReportID, k)
	if err != nil {
		return nil, err
	}
	var out []*kg.Entity
	for _, e := range es {
		if len(e.Evidence) > 0 && e.Evidence[0].Offset >= s.Start && e.Evidence[0].Offset < s.End {
			out = append(out, e)
		}
	}
	return out, nil
}

func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	l, list := r.loaders(ctx), inList(ctx)
	var (
		n   model.Node
		err error
	)
	switch kg.IDKind(id) {
	case "region":
		var v *kg.Region
		if v, err = l.Region(ctx, id, list); v != nil {
			n = v
		}
	case "report":
		var v *kg.Report
		if v, err = l.Report(ctx, id, list); v != nil {
			n = v
		}
	case "target":
		var v *kg.Target
		if v, err = l.Target(ctx, id, list); v != nil {
			n = v
		}
	case "entity":
		var v *kg.Entity
		if v, err = l.Entity(ctx, id, list); v != nil {
			n = model.WrapEntity(v)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", id, err)
	}
	return n, nil
}

// searchArgs are Query.search's arguments.
type searchArgs struct {
	text                            string
	kind                            *kg.EntityKind
	region                          *string
	level                           *kg.RegionLevel
	yearFrom, yearTo, first, offset *int
}

// maxOffset bounds how deep search pages go; deeper paging means the query
// should be narrower.
const maxOffset = 10000

// searchQuery validates a and builds the store query; empty is true when
// the region filters leave no region, so nothing can match.
func (r *Resolver) searchQuery(ctx context.Context, a searchArgs) (q kg.SearchQuery, empty bool, err error) {
	n, off := 20, 0
	if a.first != nil {
		n = *a.first
	}
	if a.offset != nil {
		off = *a.offset
	}
	if n < 1 || n > MaxPageSize {
		return q, false, kg.Errorf(kg.EINVALID, "first must be between 1 and %d, got %d", MaxPageSize, n)
	}
	if off < 0 || off > maxOffset {
		return q, false, kg.Errorf(kg.EINVALID, "offset must be between 0 and %d, got %d", maxOffset, off)
	}
	q = kg.SearchQuery{Text: a.text, Kind: a.kind, YearFrom: a.yearFrom, YearTo: a.yearTo, Limit: n, Offset: off}
	if a.region != nil || a.level != nil {
		regs, err := r.searchRegions(ctx, a.region, a.level)
		if err != nil {
			return q, false, err
		}
		if len(regs) == 0 {
			return q, true, nil // an empty filter would mean "any region"
		}
		for _, reg := range regs {
			q.RegionIDs = append(q.RegionIDs, reg.ID)
		}
	}
	return q, false, nil
}

func (r *Resolver) search(ctx context.Context, a searchArgs) ([]model.Entity, error) {
	q, empty, err := r.searchQuery(ctx, a)
	if err != nil || empty {
		return []model.Entity{}, err
	}
	hits, err := r.Store.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", a.text, err)
	}
	es := make([]*kg.Entity, 0, len(hits))
	for _, h := range hits {
		es = append(es, h.Entity)
	}
	loaders.FromContext(ctx).Expect(es)
	return model.WrapEntities(es), nil
}

// withFilter folds a search's filter input into its flat arguments; the
// two forms are alternatives, so mixing them is an error rather than a
// silent precedence rule.
func (a searchArgs) withFilter(f *model.SearchFilter) (searchArgs, error) {
	if f == nil {
		return a, nil
	}
	if a.kind != nil || a.region != nil || a.level != nil || a.yearFrom != nil || a.yearTo != nil {
		return a, kg.Errorf(kg.EINVALID, "give the search filters either as filter or as flat arguments, not both")
	}
	a.kind, a.region, a.level = f.Kind, f.Region, f.Level
	a.yearFrom, a.yearTo = years(f.Years)
	return a, nil
}

// searchConnection pages through every hit of a search; cursors are
// positions in the ordered result, which is stable for a given corpus.
// Facets count all hits and are computed only when asked for.
func (r *Resolver) searchConnection(ctx context.Context, a searchArgs, after *string, order *model.SearchOrder) (*model.EntityConnection, error) {
	conn := &model.EntityConnection{PageInfo: &model.PageInfo{}, Edges: []*model.EntityEdge{}, Nodes: []model.Entity{}}
	q, empty, err := r.searchQuery(ctx, a)
	if err != nil {
		return nil, err
	}
	var hits []kg.SearchHit
	if !empty {
		q.Limit, q.Offset = 0, 0 // all hits, for totalCount, ordering and facets
		if hits, err = r.Store.Search(ctx, q); err != nil {
			return nil, fmt.Errorf("search %q: %w", a.text, err)
		}
	}
	orderHits(hits, order)
	if selected(ctx, "facets") {
		if conn.Facets, err = analysis.FacetsOf(ctx, r.Store, hits); err != nil {
			return nil, fmt.Errorf("facets of %q: %w", a.text, err)
		}
	}
	start, end, err := window(a.first, after, len(hits))
	if err != nil {
		return nil, err
	}
	conn.TotalCount, conn.PageInfo = len(hits), pageInfo(start, end, len(hits))
	page := make([]*kg.Entity, 0, end-start)
	for i := start; i < end; i++ {
		page = append(page, hits[i].Entity)
	}
	loaders.FromContext(ctx).Expect(page)
	for i := start; i < end; i++ {
		node := model.WrapEntity(hits[i].Entity)
		hl := []*kg.Highlight{}
		for _, h := range kg.Highlights(hits[i].Entity, a.text) {
			hl = append(hl, &h)
		}
		conn.Edges = append(conn.Edges, &model.EntityEdge{Cursor: encodeCursor(i), Node: node, Score: hits[i].Score, Highlights: hl})
		conn.Nodes = append(conn.Nodes, node)
	}
	return conn, nil
}

const cursorPrefix = "pos:"

func encodeCursor(pos int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(pos)))
}

func decodeCursor(c string) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if n, ok := strings.CutPrefix(string(raw), cursorPrefix); ok {
			if pos, err := strconv.Atoi(n); err == nil && pos >= 0 {
				return pos, nil
			}
		}
	}
	return 0, kg.Errorf(kg.EINVALID, "malformed cursor %q", c)
}

// searchRegions is the region filter of a search: the named region's
// subtree, or every region, narrowed to one level when given.
func (r *Resolver) searchRegions(ctx context.Context, name *string, level *kg.RegionLevel) ([]*kg.Region, error) {
	if name == nil {
		rs, err := r.Store.FindRegions(ctx, kg.RegionFilter{Level: level})
		if err != nil {
			return nil, fmt.Errorf("regions of level %s: %w", *level, err)
		}
		return rs, nil
	}
	root, err := r.mustRegionNamed(ctx, *name)
	if err != nil {
		return nil, err
	}
	all, err := r.subtree(ctx, root)
	if err != nil {
		return nil, err
	}
	return ofLevel(all, level), nil
}

func (r *Resolver) trace(ctx context.Context, id string) ([]model.Entity, error) {
	e, err := r.loaders(ctx).Entity(ctx, id, inList(ctx))
	if err != nil {
		return nil, fmt.Errorf("trace %s: %w", id, err)
	}
	if e == nil {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity with id %q", id)
	}
	es, err := kg.Trace(ctx, r.Store, id)
	if err != nil {
		return nil, err
	}
	loaders.FromContext(ctx).Expect(es)
	return model.WrapEntities(es), nil
}

func (r *Resolver) reports(ctx context.Context, region *string, year *int) ([]*kg.Report, error) {
	f := kg.ReportFilter{Year: year}
	if region != nil {
		reg, err := r.regionNamed(ctx, *region)
		if err != nil {
			return nil, err
		}
		if reg == nil {
			return []*kg.Report{}, nil
		}
		f.RegionIDs = []string{reg.ID}
	}
	rs, err := r.Store.FindReports(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("find reports: %w", err)
	}
	loaders.FromContext(ctx).ExpectReports(rs)
	return rs, nil
}

// nonEmpty maps "" to null for optional string fields.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
