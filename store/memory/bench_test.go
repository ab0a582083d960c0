package memory_test

import (
	"context"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/store/memory"
)

// BenchmarkPutRegions writes the national division table (≈3,200 regions)
// into a fresh store: the fixed cost of every start.
func BenchmarkPutRegions(b *testing.B) {
	tree, err := division.Load()
	if err != nil {
		b.Fatal(err)
	}
	regions := tree.Regions()
	b.ReportAllocs()
	for b.Loop() {
		if err := memory.New().PutRegions(context.Background(), regions); err != nil {
			b.Fatal(err)
		}
	}
}
