// Package loaders batches the store calls of one GraphQL request so a
// nested query over many reports costs a constant number of round trips
// instead of one per row.
//
// A resolver that returns a list says what its elements' fields may ask
// for (Expect), and every batch fetched expects the next level the same
// way (the regions' parents, the reports' entities, the edges' far ends).
// The first ask of a field for any element of such a wave fetches it for
// the whole wave in one call (expect.go). That holds across parents (the
// programs of every report are one wave) and for a connection's nodes,
// which gqlgen's batch resolvers do not reach: they hand a resolver the
// siblings of one list of one concrete type. Keys no wave holds (a
// per-parent page, a lone object) go through dataloaders, which gather
// what arrives within a short window.
package loaders

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/reportgraph/reportgraph/kg"
)

// DefaultWait is how long a dataloader collects keys that no wave
// expects before calling the store; every nested level that needs it
// pays it once, so it is kept short.
const DefaultWait = time.Millisecond

// EntityKey selects the entities of one report, optionally of one kind.
type EntityKey struct {
	ReportID string
	Kind     kg.EntityKind // "" for every kind
}

// EdgeKey selects the edges of one type leaving (Out) or entering a node.
type EdgeKey struct {
	ID   string
	Type kg.EdgeType
	Out  bool
}

// Loaders holds one request's loaders, two sets of them: one that waits
// for siblings to join a batch and one that calls the store at once, for
// a field with no siblings. Both read the request's expectations first.
type Loaders struct {
	store  kg.Store
	window *set
	now    *set

	region    expecter[string, *kg.Region]
	report    expecter[string, *kg.Report]
	entity    expecter[string, *kg.Entity]
	reportsOf expecter[string, []*kg.Report]
	entityOf  expecter[EntityKey, []*kg.Entity]
	targetsOf expecter[string, []*kg.Target]
	edgesOf   expecter[EdgeKey, []*kg.Edge]

	// What answers expect is recorded when a field first reads, not when
	// the answer is made: a diffusion's thousands of adopters whose
	// fields nobody asks for then cost a closure, not three indexes.
	mu      sync.Mutex
	pending []func()
}

// set is one set of dataloaders.
type set struct {
	region     *dataloadgen.Loader[string, *kg.Region]
	report     *dataloadgen.Loader[string, *kg.Report]
	entity     *dataloadgen.Loader[string, *kg.Entity]
	target     *dataloadgen.Loader[string, *kg.Target]
	reportsOf  *dataloadgen.Loader[string, []*kg.Report]
	entitiesOf *dataloadgen.Loader[EntityKey, []*kg.Entity]
	targetsOf  *dataloadgen.Loader[string, []*kg.Target]
	edges      *dataloadgen.Loader[EdgeKey, []*kg.Edge]
}

// New returns fresh loaders over s whose waiting set collects keys for
// wait (0: DefaultWait); make one per request so caches never outlive it.
func New(s kg.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultWait
	}
	l := &Loaders{store: s}
	l.window = l.newSet(wait)
	l.now = l.newSet(0)
	l.region = newExpecter(l.fetchRegions, sameKey, withID)
	l.report = newExpecter(l.fetchReports, sameKey, withID)
	l.entity = newExpecter(l.fetchEntities, sameKey, withID)
	l.reportsOf = newExpecter(l.fetchReportsOf, sameKey, withID)
	l.entityOf = newExpecter(l.fetchEntitiesOf, func(k EntityKey) string { return k.ReportID },
		func(k EntityKey, id string) EntityKey { k.ReportID = id; return k })
	l.targetsOf = newExpecter(l.fetchTargetsOf, sameKey, withID)
	l.edgesOf = newExpecter(l.fetchEdges, func(k EdgeKey) string { return k.ID },
		func(k EdgeKey, id string) EdgeKey { k.ID = id; return k })
	return l
}

func sameKey(id string) string          { return id }
func withID(_ string, id string) string { return id }

func (l *Loaders) newSet(wait time.Duration) *set {
	opt := dataloadgen.WithWait(wait)
	return &set{
		region:     dataloadgen.NewLoader(l.fetchRegions, opt),
		report:     dataloadgen.NewLoader(l.fetchReports, opt),
		entity:     dataloadgen.NewLoader(l.fetchEntities, opt),
		target:     dataloadgen.NewLoader(l.fetchTargets, opt),
		reportsOf:  dataloadgen.NewLoader(l.fetchReportsOf, opt),
		entitiesOf: dataloadgen.NewLoader(l.fetchEntitiesOf, opt),
		targetsOf:  dataloadgen.NewLoader(l.fetchTargetsOf, opt),
		edges:      dataloadgen.NewLoader(l.fetchEdges, opt),
	}
}

// use is the set a field reads through: the waiting one when its
// siblings in a list may join the batch.
func (l *Loaders) use(inList bool) *set {
	if inList {
		return l.window
	}
	return l.now
}

// Region loads a region by id; nil when there is none.
func (l *Loaders) Region(ctx context.Context, id string, inList bool) (*kg.Region, error) {
	l.flush()
	return load(ctx, &l.region, l.use(inList).region, id)
}

// Report loads a report by id; nil when there is none.
func (l *Loaders) Report(ctx context.Context, id string, inList bool) (*kg.Report, error) {
	l.flush()
	return load(ctx, &l.report, l.use(inList).report, id)
}

// Entity loads an entity by id; nil when there is none.
func (l *Loaders) Entity(ctx context.Context, id string, inList bool) (*kg.Entity, error) {
	l.flush()
	return load(ctx, &l.entity, l.use(inList).entity, id)
}

// Entities loads entities by id, a nil slot for each missing one.
func (l *Loaders) Entities(ctx context.Context, ids []string, inList bool) ([]*kg.Entity, error) {
	l.flush()
	out := make([]*kg.Entity, len(ids))
	var rest []string
	var at []int
	for i, id := range ids {
		e, ok, err := l.entity.get(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[i] = e
			continue
		}
		rest, at = append(rest, id), append(at, i)
	}
	if len(rest) == 0 {
		return out, nil
	}
	es, err := l.use(inList).entity.LoadAll(ctx, rest)
	if err != nil {
		return nil, err
	}
	for j, e := range es {
		out[at[j]] = e
	}
	return out, nil
}

// Target loads a target by id; nil when there is none.
func (l *Loaders) Target(ctx context.Context, id string, inList bool) (*kg.Target, error) {
	l.flush()
	return l.use(inList).target.Load(ctx, id)
}

// ReportsOf loads the reports of a region.
func (l *Loaders) ReportsOf(ctx context.Context, regionID string, inList bool) ([]*kg.Report, error) {
	l.flush()
	return load(ctx, &l.reportsOf, l.use(inList).reportsOf, regionID)
}

// EntitiesOf loads the entities of a report, of one kind or every kind ("").
func (l *Loaders) EntitiesOf(ctx context.Context, k EntityKey, inList bool) ([]*kg.Entity, error) {
	l.flush()
	return load(ctx, &l.entityOf, l.use(inList).entitiesOf, k)
}

// TargetsOf loads the targets of a report.
func (l *Loaders) TargetsOf(ctx context.Context, reportID string, inList bool) ([]*kg.Target, error) {
	l.flush()
	return load(ctx, &l.targetsOf, l.use(inList).targetsOf, reportID)
}

// Edges loads the edges of one type leaving or entering a node.
func (l *Loaders) Edges(ctx context.Context, k EdgeKey, inList bool) ([]*kg.Edge, error) {
	l.flush()
	return load(ctx, &l.edgesOf, l.use(inList).edges, k)
}

// PrimeEntities and PrimeReports put what an answer already holds into
// the request's caches.
func (l *Loaders) PrimeEntities(es []*kg.Entity) {
	l.later(func() {
		for _, e := range es {
			l.entity.put(e.ID, e)
		}
	})
}

// PrimeReports: see PrimeEntities.
func (l *Loaders) PrimeReports(rs ...*kg.Report) {
	l.later(func() {
		for _, r := range rs {
			l.report.put(r.ID, r)
		}
	})
}

// later records f, to run before the next read. The recording methods
// (Expect…, Prime…) do nothing on nil loaders, so a resolver called
// outside a request need not check.
func (l *Loaders) later(f func()) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending = append(l.pending, f)
}

// flush runs what was recorded, in order.
func (l *Loaders) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, f := range l.pending {
		f()
	}
	l.pending = nil
}

// load fills key's expected wave, if any, then loads key: from the
// cache the wave filled, or through ld.
func load[K comparable, V any](ctx context.Context, x *expecter[K, V], ld *dataloadgen.Loader[K, V], key K) (V, error) {
	if v, ok, err := x.get(ctx, key); ok || err != nil {
		return v, err
	}
	return ld.Load(ctx, key)
}

// Expect says that fields of the entities a resolver is about to return
// (a search's hits, a trace, a page of a connection) may ask for their
// regions, reports and edges. Nothing is fetched yet: the first ask for
// any of them fetches it for every entity of the list in one store call.
func (l *Loaders) Expect(es []*kg.Entity) { l.later(func() { l.expectEntities(es) }) }

// ExpectRegions is Expect for regions a resolver returns.
func (l *Loaders) ExpectRegions(rs []*kg.Region) { l.later(func() { l.expectRegions(rs) }) }

// ExpectReports is Expect for reports a resolver returns.
func (l *Loaders) ExpectReports(rs []*kg.Report) { l.later(func() { l.expectReports(rs) }) }

// ExpectTargets is Expect for targets a resolver returns.
func (l *Loaders) ExpectTargets(ts []*kg.Target) { l.later(func() { l.expectTargets(ts) }) }

// What each kind of object fetched may be asked for next: the fields of
// the schema that read through the loaders.
func (l *Loaders) expectRegions(rs []*kg.Region) {
	ids, parents := make([]string, 0, len(rs)), make([]string, 0, len(rs))
	for _, r := range rs {
		if r == nil {
			continue
		}
		ids = append(ids, r.ID)
		if r.ParentID != "" {
			parents = append(parents, r.ParentID)
		}
	}
	l.region.expect(parents)
	l.reportsOf.expect(ids)
}

func (l *Loaders) expectReports(rs []*kg.Report) {
	ids, regions := make([]string, 0, len(rs)), make([]string, 0, len(rs))
	for _, r := range rs {
		if r == nil {
			continue
		}
		ids = append(ids, r.ID)
		regions = append(regions, r.RegionID)
	}
	l.region.expect(regions)
	l.entityOf.expect(ids)
	l.targetsOf.expect(ids)
}

func (l *Loaders) expectEntities(es []*kg.Entity) {
	ids, regions, reports := make([]string, 0, len(es)), make([]string, 0, len(es)), make([]string, 0, len(es))
	for _, e := range es {
		if e == nil {
			continue
		}
		ids = append(ids, e.ID)
		regions = append(regions, e.RegionID)
		reports = append(reports, e.ReportID)
		for _, ev := range e.Evidence {
			if ev.ReportID != e.ReportID {
				reports = append(reports, ev.ReportID)
			}
		}
	}
	l.region.expect(regions)
	l.report.expect(reports)
	l.edgesOf.expect(ids)
}

func (l *Loaders) expectTargets(ts []*kg.Target) {
	reports := make([]string, 0, len(ts))
	for _, t := range ts {
		if t != nil {
			reports = append(reports, t.ReportID, t.Evidence.ReportID)
		}
	}
	l.report.expect(reports)
}

func (l *Loaders) expectEdges(es []*kg.Edge) {
	ends := make([]string, 0, 2*len(es))
	for _, e := range es {
		ends = append(ends, e.FromID, e.ToID)
	}
	l.entity.expect(ends)
}

// The fetches: one store call for a batch of keys (per kind or edge type
// where the store needs one per filter), then what their results expect.

func (l *Loaders) fetchRegions(ctx context.Context, ids []string) ([]*kg.Region, []error) {
	return fetched(ctx, ids, l.store.Regions, l.expectRegions)
}

func (l *Loaders) fetchReports(ctx context.Context, ids []string) ([]*kg.Report, []error) {
	return fetched(ctx, ids, l.store.Reports, l.expectReports)
}

func (l *Loaders) fetchEntities(ctx context.Context, ids []string) ([]*kg.Entity, []error) {
	return fetched(ctx, ids, l.store.Entities, l.expectEntities)
}

func (l *Loaders) fetchTargets(ctx context.Context, ids []string) ([]*kg.Target, []error) {
	return fetched(ctx, ids, l.store.Targets, l.expectTargets)
}

// fetched calls a Store batch getter (one slot per id, nil when missing)
// and records what its results expect.
func fetched[T any](ctx context.Context, ids []string, get func(context.Context, []string) ([]*T, error), expect func([]*T)) ([]*T, []error) {
	vs, err := get(ctx, ids)
	if err != nil {
		return nil, []error{err}
	}
	expect(vs)
	return vs, nil
}

func (l *Loaders) fetchReportsOf(ctx context.Context, regionIDs []string) ([][]*kg.Report, []error) {
	return grouped(ctx, regionIDs, func(ctx context.Context, ids []string) ([]*kg.Report, error) {
		return l.store.FindReports(ctx, kg.ReportFilter{RegionIDs: ids})
	}, func(r *kg.Report) string { return r.RegionID }, l.expectReports)
}

// grouped calls a Store find over keys, records what its results expect
// and groups them by their key (keyOf), in keys' order.
func grouped[T any](ctx context.Context, keys []string, find func(context.Context, []string) ([]*T, error), keyOf func(*T) string, expect func([]*T)) ([][]*T, []error) {
	vs, err := find(ctx, keys)
	if err != nil {
		return nil, []error{err}
	}
	expect(vs)
	by := map[string][]*T{}
	for _, v := range vs {
		by[keyOf(v)] = append(by[keyOf(v)], v)
	}
	return inOrder(keys, by), nil
}

// fetchEntitiesOf makes one FindEntities call per distinct kind.
func (l *Loaders) fetchEntitiesOf(ctx context.Context, keys []EntityKey) ([][]*kg.Entity, []error) {
	byKind := map[kg.EntityKind][]string{}
	var kinds []kg.EntityKind
	for _, k := range keys {
		if _, ok := byKind[k.Kind]; !ok {
			kinds = append(kinds, k.Kind)
		}
		byKind[k.Kind] = append(byKind[k.Kind], k.ReportID)
	}
	by := map[EntityKey][]*kg.Entity{}
	for _, kind := range kinds {
		f := kg.EntityFilter{ReportIDs: byKind[kind]}
		if kind != "" {
			f.Kind = &kind
		}
		es, err := l.store.FindEntities(ctx, f)
		if err != nil {
			return nil, []error{err}
		}
		l.expectEntities(es)
		for _, e := range es {
			k := EntityKey{ReportID: e.ReportID, Kind: kind}
			by[k] = append(by[k], e)
		}
	}
	return inOrder(keys, by), nil
}

func (l *Loaders) fetchTargetsOf(ctx context.Context, reportIDs []string) ([][]*kg.Target, []error) {
	return grouped(ctx, reportIDs, func(ctx context.Context, ids []string) ([]*kg.Target, error) {
		return l.store.FindTargets(ctx, kg.TargetFilter{ReportIDs: ids})
	}, func(t *kg.Target) string { return t.ReportID }, l.expectTargets)
}

// fetchEdges makes one FindEdges call per (type, direction).
func (l *Loaders) fetchEdges(ctx context.Context, keys []EdgeKey) ([][]*kg.Edge, []error) {
	type group struct {
		Type kg.EdgeType
		Out  bool
	}
	groups := map[group][]string{}
	var order []group
	for _, k := range keys {
		g := group{k.Type, k.Out}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], k.ID)
	}
	by := map[EdgeKey][]*kg.Edge{}
	for _, g := range order {
		f := kg.EdgeFilter{Type: &g.Type}
		if g.Out {
			f.FromIDs = groups[g]
		} else {
			f.ToIDs = groups[g]
		}
		es, err := l.store.FindEdges(ctx, f)
		if err != nil {
			return nil, []error{err}
		}
		l.expectEdges(es)
		for _, e := range es {
			k := EdgeKey{ID: e.ToID, Type: g.Type, Out: false}
			if g.Out {
				k = EdgeKey{ID: e.FromID, Type: g.Type, Out: true}
			}
			by[k] = append(by[k], e)
		}
	}
	return inOrder(keys, by), nil
}

// inOrder lists by's values in the order of keys; a key with no rows gets
// an empty list, not an error.
func inOrder[K comparable, V any](keys []K, by map[K][]V) [][]V {
	out := make([][]V, len(keys))
	for i, k := range keys {
		out[i] = by[k]
	}
	return out
}

type ctxKey struct{}

// Middleware puts fresh loaders over s into every request's context.
func Middleware(s kg.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(NewContext(r.Context(), New(s, wait))))
	})
}

// NewContext returns ctx carrying l.
func NewContext(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// FromContext returns the request's loaders, or nil outside a request that
// went through Middleware or NewContext.
func FromContext(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}
