// Package corpustest loads the bundled sample corpus into a store for
// tests, the way the server loads it, failing the test on any error or
// skipped file.
package corpustest

import (
	"context"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
)

// Load loads the bundled corpus into s through ingest and returns what it
// loaded.
func Load(tb testing.TB, s kg.Store) ingest.Result {
	tb.Helper()
	tree, err := division.Load()
	if err != nil {
		tb.Fatal(err)
	}
	res, err := (&ingest.Ingester{Store: s, Regions: tree}).LoadFS(context.Background(), data.Reports())
	if err != nil {
		tb.Fatalf("load corpus: %v", err)
	}
	if len(res.Loaded) == 0 || len(res.Skipped) > 0 {
		tb.Fatalf("load corpus: loaded %v, skipped %v", res.Loaded, res.Skipped)
	}
	return res
}

// Memory is a fresh embedded store holding the bundled corpus.
func Memory(tb testing.TB) kg.Store {
	tb.Helper()
	s := memory.New()
	Load(tb, s)
	return s
}
