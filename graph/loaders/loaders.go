// Package loaders batches the store calls of one GraphQL request: every
// field resolver asks a loader, and the loader turns the keys collected
// during a short wait into one store call, so a nested query over many
// reports costs a constant number of round trips instead of one per row.
package loaders

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/reportgraph/reportgraph/kg"
)

// DefaultWait is how long a loader collects keys before calling the store. gqlgen
// starts the resolvers of a list's elements concurrently, so within this
// window a whole list level asks for its keys; every nested level of a query
// pays it once, so it is kept short (the embedded store answers in
// microseconds, Neo4j in about a millisecond).
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

// Loaders holds one request's loaders.
type Loaders struct {
	Region          *dataloadgen.Loader[string, *kg.Region]
	Report          *dataloadgen.Loader[string, *kg.Report]
	Entity          *dataloadgen.Loader[string, *kg.Entity]
	Target          *dataloadgen.Loader[string, *kg.Target]
	ReportsByRegion *dataloadgen.Loader[string, []*kg.Report]
	EntitiesBy      *dataloadgen.Loader[EntityKey, []*kg.Entity]
	TargetsByReport *dataloadgen.Loader[string, []*kg.Target]
	Edges           *dataloadgen.Loader[EdgeKey, []*kg.Edge]

	store   kg.Store
	mu      sync.Mutex
	regions map[string]*wave // expected region ids, by id
	reports map[string]*wave // expected report ids, by id
}

// A wave is a set of ids expected together: the first ask for one of
// them fetches them all.
type wave struct {
	ids  []string
	once sync.Once
	err  error
}

// New returns fresh loaders over s that collect keys for wait (0:
// DefaultWait); make one set per request so caches never outlive it.
func New(s kg.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultWait
	}
	return newLoaders(s, wait)
}

// Immediate returns loaders that call the store at once, for a field
// that has no siblings to wait for (it is not inside any list).
func Immediate(s kg.Store) *Loaders { return newLoaders(s, 0) }

func newLoaders(s kg.Store, wait time.Duration) *Loaders {
	opt := dataloadgen.WithWait(wait)
	return &Loaders{
		store:           s,
		regions:         map[string]*wave{},
		reports:         map[string]*wave{},
		Region:          dataloadgen.NewLoader(byID(s.Regions), opt),
		Report:          dataloadgen.NewLoader(byID(s.Reports), opt),
		Entity:          dataloadgen.NewLoader(byID(s.Entities), opt),
		Target:          dataloadgen.NewLoader(byID(s.Targets), opt),
		ReportsByRegion: dataloadgen.NewMappedLoader(reportsByRegion(s), opt),
		EntitiesBy:      dataloadgen.NewMappedLoader(entitiesBy(s), opt),
		TargetsByReport: dataloadgen.NewMappedLoader(targetsByReport(s), opt),
		Edges:           dataloadgen.NewMappedLoader(edges(s), opt),
	}
}

// Expect says that fields of the objects a resolver is about to return
// may ask for these regions and reports (a search's hits, a trace, a page
// of a connection). Nothing is fetched yet: the first ask for any of them
// (ExpectedRegion, ExpectedReport) fetches the whole wave in one store
// call, at once, instead of each list element waiting for the loaders'
// window. A query that never asks costs nothing, where fetching them up
// front would cost a call for every such list.
func (l *Loaders) Expect(regionIDs, reportIDs []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	addWave(l.regions, regionIDs)
	addWave(l.reports, reportIDs)
}

func addWave(m map[string]*wave, ids []string) {
	if len(ids) == 0 {
		return
	}
	w := &wave{ids: ids}
	for _, id := range ids {
		m[id] = w
	}
}

// ExpectedRegion fetches the wave holding region id, once, into the
// region loader's cache; ok is false when no wave expects id.
func (l *Loaders) ExpectedRegion(ctx context.Context, id string) (ok bool, err error) {
	return fillWave(ctx, l, l.regions, id, l.store.Regions, l.Region)
}

// ExpectedReport is ExpectedRegion for reports.
func (l *Loaders) ExpectedReport(ctx context.Context, id string) (ok bool, err error) {
	return fillWave(ctx, l, l.reports, id, l.store.Reports, l.Report)
}

func fillWave[T any](ctx context.Context, l *Loaders, waves map[string]*wave, id string,
	get func(context.Context, []string) ([]*T, error), into *dataloadgen.Loader[string, *T]) (bool, error) {
	l.mu.Lock()
	w := waves[id]
	l.mu.Unlock()
	if w == nil {
		return false, nil
	}
	w.once.Do(func() {
		vs, err := get(ctx, w.ids)
		if err != nil {
			w.err = err
			return
		}
		for i, v := range vs {
			if v != nil {
				into.Prime(w.ids[i], v)
			}
		}
	})
	return w.err == nil, w.err
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

// byID adapts a Store batch getter (one slot per id, nil when missing).
func byID[T any](get func(context.Context, []string) ([]*T, error)) func(context.Context, []string) ([]*T, []error) {
	return func(ctx context.Context, ids []string) ([]*T, []error) {
		vs, err := get(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return vs, nil
	}
}

func reportsByRegion(s kg.Store) func(context.Context, []string) (map[string][]*kg.Report, error) {
	return func(ctx context.Context, regionIDs []string) (map[string][]*kg.Report, error) {
		rs, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: regionIDs})
		if err != nil {
			return nil, err
		}
		out := emptyFor[string, []*kg.Report](regionIDs)
		for _, r := range rs {
			out[r.RegionID] = append(out[r.RegionID], r)
		}
		return out, nil
	}
}

// entitiesBy makes one FindEntities call per distinct kind in the batch.
func entitiesBy(s kg.Store) func(context.Context, []EntityKey) (map[EntityKey][]*kg.Entity, error) {
	return func(ctx context.Context, keys []EntityKey) (map[EntityKey][]*kg.Entity, error) {
		byKind := map[kg.EntityKind][]string{}
		for _, k := range keys {
			byKind[k.Kind] = append(byKind[k.Kind], k.ReportID)
		}
		out := emptyFor[EntityKey, []*kg.Entity](keys)
		for kind, reportIDs := range byKind {
			f := kg.EntityFilter{ReportIDs: reportIDs}
			if kind != "" {
				f.Kind = &kind
			}
			es, err := s.FindEntities(ctx, f)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				k := EntityKey{ReportID: e.ReportID, Kind: kind}
				out[k] = append(out[k], e)
			}
		}
		return out, nil
	}
}

func targetsByReport(s kg.Store) func(context.Context, []string) (map[string][]*kg.Target, error) {
	return func(ctx context.Context, reportIDs []string) (map[string][]*kg.Target, error) {
		ts, err := s.FindTargets(ctx, kg.TargetFilter{ReportIDs: reportIDs})
		if err != nil {
			return nil, err
		}
		out := emptyFor[string, []*kg.Target](reportIDs)
		for _, t := range ts {
			out[t.ReportID] = append(out[t.ReportID], t)
		}
		return out, nil
	}
}

// edges makes one FindEdges call per (type, direction) in the batch.
func edges(s kg.Store) func(context.Context, []EdgeKey) (map[EdgeKey][]*kg.Edge, error) {
	type group struct {
		Type kg.EdgeType
		Out  bool
	}
	return func(ctx context.Context, keys []EdgeKey) (map[EdgeKey][]*kg.Edge, error) {
		groups := map[group][]string{}
		for _, k := range keys {
			g := group{k.Type, k.Out}
			groups[g] = append(groups[g], k.ID)
		}
		out := emptyFor[EdgeKey, []*kg.Edge](keys)
		for g, ids := range groups {
			f := kg.EdgeFilter{Type: &g.Type}
			if g.Out {
				f.FromIDs = ids
			} else {
				f.ToIDs = ids
			}
			es, err := s.FindEdges(ctx, f)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				k := EdgeKey{ID: e.ToID, Type: g.Type, Out: false}
				if g.Out {
					k = EdgeKey{ID: e.FromID, Type: g.Type, Out: true}
				}
				out[k] = append(out[k], e)
			}
		}
		return out, nil
	}
}

// emptyFor returns a map holding the zero value for every key: a key with
// no rows is an empty list, not dataloadgen's ErrNotFound.
func emptyFor[K comparable, V any](keys []K) map[K]V {
	out := make(map[K]V, len(keys))
	for _, k := range keys {
		var zero V
		out[k] = zero
	}
	return out
}
