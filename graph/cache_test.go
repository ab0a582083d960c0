package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/graph"
)

// TestByteCacheBounded: the cache holds at most its budget of bytes,
// evicting the least recently used entry, and keeps no entry costing more
// than a quarter of it.
func TestByteCacheBounded(t *testing.T) {
	ctx := context.Background()
	c := graph.NewQueryTextCache(1000)
	for i := range 20 {
		c.Add(ctx, fmt.Sprintf("k%02d", i), strings.Repeat("x", 97)) // 100 bytes each
		if used, _ := c.Used(); used > 1000 {
			t.Fatalf("after %d adds: %d bytes used, budget 1000", i+1, used)
		}
	}
	if _, n := c.Used(); n != 10 {
		t.Errorf("entries %d, want 10", n)
	}
	if _, ok := c.Get(ctx, "k10"); !ok {
		t.Fatal("k10 evicted before older entries")
	}
	c.Add(ctx, "k20", strings.Repeat("x", 97)) // evicts k11, the least recently used now
	if _, ok := c.Get(ctx, "k11"); ok {
		t.Error("k11 kept: eviction is not least-recently-used")
	}
	if _, ok := c.Get(ctx, "k10"); !ok {
		t.Error("k10, just read, was evicted")
	}
	c.Add(ctx, "big", strings.Repeat("x", 300))
	if _, ok := c.Get(ctx, "big"); ok {
		t.Error("an entry over a quarter of the budget was kept")
	}
	c.Remove("k10")
	if _, ok := c.Get(ctx, "k10"); ok {
		t.Error("k10 still cached after Remove")
	}
}

// TestRefusedQueriesNotCached: a document the depth or cost guard refuses
// is dropped from the query cache, so repeated refused queries cannot fill
// memory; an accepted one stays.
func TestRefusedQueriesNotCached(t *testing.T) {
	s, _ := newFixture(t)
	cache := graph.NewDocumentCache(64 << 20)
	h := graph.NewHandler(s, graph.Options{QueryCache: cache, MaxDepth: 3, MaxComplexity: 500, Logger: quiet})
	deep := `{ region(name: "奈曼旗") { parent { parent { parent { name } } } } }`
	costly := `{ regions { name children { name children { name } } } }`
	for _, q := range []string{deep, costly} {
		if resp := query(t, h, q, nil); len(resp.Errors) == 0 {
			t.Fatalf("%s: accepted, want refused", q)
		}
		if _, ok := cache.Get(context.Background(), q); ok {
			t.Errorf("refused query still cached: %s", q)
		}
	}
	ok := `{ region(name: "锡盟") { name } }`
	if resp := query(t, h, ok, nil); len(resp.Errors) > 0 {
		t.Fatalf("%+v", resp.Errors)
	}
	if _, n := cache.Used(); n != 1 {
		t.Errorf("cache holds %d documents, want the accepted one", n)
	}
}
