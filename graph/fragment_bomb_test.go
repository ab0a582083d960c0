package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/graph"
)

// fragmentBomb is a query of n fragments, each spreading the previous one
// twice: a few KB whose expansion has 2^n paths.
func fragmentBomb(n int, leaf string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "query { regions { ...F%d } }\n", n)
	fmt.Fprintf(&b, "fragment F0 on Region { %s }\n", leaf)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Region { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	return b.String()
}

// TestFragmentBombAnsweredFast: the guards measure a query over its
// fragment graph, not its expansion, so a query of 60 doubling fragments
// (2^60 paths; with the walk over the expansion 24 took 15 s and 30 never
// ended; gqlgen's complexity walker did the same) is answered at once:
// deep leaves are refused for depth, shallow ones for the cost of what
// the expansion would resolve.
func TestFragmentBombAnsweredFast(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{Logger: quiet})
	tests := []struct {
		name, leaf, wantCode string
	}{
		{"too deep", "parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } } } }", graph.CodeDepthLimit},
		{"shallow", "name", graph.CodeComplexityLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := fragmentBomb(60, tt.leaf)
			start := time.Now()
			resp := query(t, h, q, nil)
			took := time.Since(start)
			if took > 2*time.Second {
				t.Errorf("%d-byte query answered after %v", len(q), took)
			}
			if tt.wantCode != "" && resp.code() != tt.wantCode {
				t.Errorf("got %+v, want %s", resp.Errors, tt.wantCode)
			}
			t.Logf("%d bytes: %v, errors %+v", len(q), took, resp.Errors)
		})
	}
}
