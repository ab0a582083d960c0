package memory

import (
	"context"
	"io/fs"
	"sort"
	"sync"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/loader"
)

// Test-only exports for the external test package.

// IndexStats is the search index's size, for the memory benchmarks.
type IndexStats = indexStats

func (s *Store) IndexStats() IndexStats {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.search.stats()
}

// DivisionTree loads the division table once per test binary.
var DivisionTree = sync.OnceValues(division.Load)

// BundledGraphs parses the bundled reports once per test binary: the
// loader costs far more than anything measured here.
var BundledGraphs = sync.OnceValues(func() ([]kg.ReportGraph, error) {
	tree, err := DivisionTree()
	if err != nil {
		return nil, err
	}
	fsys := data.Reports()
	names, err := fs.Glob(fsys, "*")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var gs []kg.ReportGraph
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		g, err := loader.Load(context.Background(), name, raw, tree)
		if err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, nil
})
