package memory

import (
	"fmt"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// TestEdgeTableChurn replaces the same edges under new ids over and over,
// as reloading reports does, and checks that lookups stay right and that
// neither the node table nor the slot table grows with the churn.
func TestEdgeTableChurn(t *testing.T) {
	tab := newEdgeTable()
	const n = 50
	put := func(round int) {
		for i := range n {
			from, to := fmt.Sprintf("r%d/e%d", round, i), fmt.Sprintf("hub%d", i%5)
			tab.put(&kg.Edge{Type: kg.EdgeImplements, FromID: from, ToID: to, Method: kg.MethodName, Confidence: 0.9,
				Evidence: []kg.Evidence{{ReportID: "r", Text: "x"}}})
			tab.put(&kg.Edge{Type: kg.EdgePartOf, FromID: from, ToID: "root", Method: kg.MethodSection, Confidence: 1})
		}
	}
	for round := range 20 {
		put(round)
		if round > 0 {
			for i := range n {
				tab.removeTouching(fmt.Sprintf("r%d/e%d", round-1, i))
			}
		}
		if got := len(tab.find(kg.EdgeFilter{ToIDs: []string{"hub0"}})); got != n/5 {
			t.Fatalf("round %d: %d edges into hub0, want %d", round, got, n/5)
		}
		impl := kg.EdgeImplements
		if got := len(tab.find(kg.EdgeFilter{Type: &impl})); got != n {
			t.Fatalf("round %d: %d IMPLEMENTS edges, want %d", round, got, n)
		}
	}
	// n entities + 5 hubs + root; 2n edges.
	if got := liveNames(&tab.nodes); got != n+6 {
		t.Errorf("node table holds %d ids after churn, want %d", got, n+6)
	}
	if got, want := len(tab.recs), 4*n; got > want {
		t.Errorf("slot table grew to %d with churn, want at most %d", got, want)
	}
	if e := tab.find(kg.EdgeFilter{FromIDs: []string{"r19/e3"}, Method: kg.MethodName}); len(e) != 1 || e[0].ToID != "hub3" || len(e[0].Evidence) != 1 {
		t.Errorf("r19/e3's IMPLEMENTS edge: %+v", e)
	}
	for i := range n {
		tab.removeTouching(fmt.Sprintf("r19/e%d", i))
	}
	if tab.len() != 0 || liveNames(&tab.nodes) != 0 {
		t.Errorf("after removing every edge: %d edges, %d node ids left", tab.len(), liveNames(&tab.nodes))
	}
}

// TestEdgeTableRemoveLeaving keeps the other type and the other direction.
func TestEdgeTableRemoveLeaving(t *testing.T) {
	tab := newEdgeTable()
	tab.put(&kg.Edge{Type: kg.EdgeImplements, FromID: "a", ToID: "b"})
	tab.put(&kg.Edge{Type: kg.EdgePartOf, FromID: "a", ToID: "c"})
	tab.put(&kg.Edge{Type: kg.EdgeImplements, FromID: "d", ToID: "a"})
	tab.removeLeaving("a", kg.EdgeImplements)
	var got []string
	for _, e := range tab.find(kg.EdgeFilter{FromIDs: []string{"a"}, ToIDs: []string{"a"}}) {
		got = append(got, fmt.Sprintf("%s %s→%s", e.Type, e.FromID, e.ToID))
	}
	if len(got) != 2 {
		t.Errorf("edges touching a after removing its IMPLEMENTS: %v, want PART_OF a→c and IMPLEMENTS d→a", got)
	}
	if _, ok := tab.nodes.lookup("b"); ok {
		t.Error("b has no edges left but keeps its ordinal")
	}
}

// liveNames counts the interner's ordinals not released.
func liveNames(in *interner) int {
	n := 0
	for _, r := range in.recs {
		if r != freedRef {
			n++
		}
	}
	return n
}
