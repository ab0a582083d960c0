package graph_test

import (
	"testing"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/storetest"
)

// TestCountedStore holds the metrics decorator to the behavioural suite
// every store passes: counting calls must change no answer, error or
// cancellation.
func TestCountedStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return graph.NewMetrics().Store(memory.New()) })
}
