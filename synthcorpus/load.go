package synthcorpus

import (
	"context"
	"fmt"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
)

// Bundled plans n synthetic reports from the bundled sample corpus.
func Bundled(tree *division.Tree, opts Options) (*Corpus, error) {
	c, err := New(data.Reports(), tree, opts)
	if err != nil {
		return nil, fmt.Errorf("synthetic corpus from the bundled samples: %w", err)
	}
	return c, nil
}

// Load generates n synthetic reports from the bundled samples and ingests
// them (without the samples themselves) into s through the real ingest
// path: the division hierarchy, the loader, the store and relinking.
func Load(ctx context.Context, s kg.Store, n int, seed uint64) (ingest.Result, error) {
	tree, err := division.Load()
	if err != nil {
		return ingest.Result{}, err
	}
	c, err := Bundled(tree, Options{N: n, Seed: seed})
	if err != nil {
		return ingest.Result{}, err
	}
	in := &ingest.Ingester{Store: s, Regions: tree}
	res, err := in.LoadFS(ctx, c.FS())
	if err != nil {
		return res, fmt.Errorf("ingest synthetic corpus: %w", err)
	}
	return res, nil
}
