package loaders

import (
	"context"
	"sync"
)

// An expecter remembers, for one loader, which keys the objects already
// delivered may ask for, in waves: the ids of one list (a search's hits,
// the entities of a batch of reports, the ends of a batch of edges). The
// first ask for a key of a wave fetches that key's shape for the whole
// wave in one call; the rest of the wave then reads the cache. A list
// whose elements are resolved concurrently therefore costs one store call
// per field whatever its length and however its goroutines are scheduled,
// where a waiting window costs a wait per level and splits a batch when a
// goroutine is late. Keys no wave holds fall back to the dataloaders.
type expecter[K comparable, V any] struct {
	fetch   func(context.Context, []K) ([]V, []error)
	subject func(K) string    // the id a key is about
	with    func(K, string) K // the key of the same shape about another id

	mu      sync.Mutex
	waves   map[string]*wave // by subject id
	values  map[K]V          // what the waves fetched
	pending map[K]*waveFetch // keys being fetched
}

// A wave is a set of ids delivered together. Waves that share an id are
// one wave: two fields of a report listing overlapping entities (its
// programs and all its entities) expect them as one list, whichever
// answers first.
type wave struct {
	ids []string
}

// A waveFetch is one call in flight; asks for its keys wait for it.
type waveFetch struct {
	done chan struct{}
	err  error
}

func newExpecter[K comparable, V any](fetch func(context.Context, []K) ([]V, []error), subject func(K) string, with func(K, string) K) expecter[K, V] {
	return expecter[K, V]{fetch: fetch, subject: subject, with: with,
		waves: map[string]*wave{}, values: map[K]V{}, pending: map[K]*waveFetch{}}
}

// expect adds ids as one wave, joined with every wave already holding
// one of them.
func (x *expecter[K, V]) expect(ids []string) {
	if len(ids) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	w := &wave{}
	joined := map[*wave]bool{}
	for _, id := range ids {
		switch old := x.waves[id]; {
		case old == w: // listed twice
		case old == nil:
			w.ids = append(w.ids, id)
			x.waves[id] = w
		case !joined[old]:
			joined[old] = true
			w.ids = append(w.ids, old.ids...)
			for _, oid := range old.ids {
				x.waves[oid] = w
			}
		}
	}
}

// put records key's value, known without a fetch.
func (x *expecter[K, V]) put(key K, v V) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.values[key] = v
}

// get returns key's value when a wave expects it, fetching the wave first;
// ok is false when no wave holds key.
func (x *expecter[K, V]) get(ctx context.Context, key K) (v V, ok bool, err error) {
	if err := x.fill(ctx, key); err != nil {
		return v, false, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	v, ok = x.values[key]
	return v, ok, nil
}

// fill makes sure key has its value when a wave expects it: it waits for
// the call fetching key, or fetches key's shape for every id of key's
// wave that neither has it nor is being fetched, in one call.
func (x *expecter[K, V]) fill(ctx context.Context, key K) error {
	x.mu.Lock()
	if _, have := x.values[key]; have {
		x.mu.Unlock()
		return nil
	}
	if f := x.pending[key]; f != nil {
		x.mu.Unlock()
		<-f.done
		return f.err
	}
	w := x.waves[x.subject(key)]
	if w == nil {
		x.mu.Unlock()
		return nil
	}
	keys := x.lacking(w, x.with(key, ""))
	f := &waveFetch{done: make(chan struct{})}
	for _, k := range keys {
		x.pending[k] = f
	}
	x.mu.Unlock()

	vs, errs := x.fetch(ctx, keys)
	for _, err := range errs {
		if err != nil {
			f.err = err
			break
		}
	}
	x.mu.Lock()
	for i, k := range keys {
		if f.err == nil {
			x.values[k] = vs[i]
		}
		delete(x.pending, k)
	}
	x.mu.Unlock()
	close(f.done)
	return f.err
}

// lacking is the keys of shape for w's ids (which expect keeps distinct)
// with neither a value nor a call fetching it; x.mu is held.
func (x *expecter[K, V]) lacking(w *wave, shape K) []K {
	keys := make([]K, 0, len(w.ids))
	for _, id := range w.ids {
		k := x.with(shape, id)
		if _, have := x.values[k]; !have && x.pending[k] == nil {
			keys = append(keys, k)
		}
	}
	return keys
}
