package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
)

// TestRegionListCostsBoundRows runs every region list over the whole GB/T
// 2260 table, for every region that has children, and checks that the
// complexity the cost guard charges (read from its refusal at limit 1)
// is at least the rows the list then returns. The region lists used to
// be priced at 50 rows, and one query of 99 regions lists produced
// 3,218 rows each.
func TestRegionListCostsBoundRows(t *testing.T) {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := memory.New()
	if err := s.PutRegions(context.Background(), tree.Regions()); err != nil {
		t.Fatal(err)
	}
	priced := graph.NewHandler(s, graph.Options{MaxComplexity: 1, Logger: quiet})
	open := graph.NewHandler(s, graph.Options{MaxComplexity: 1 << 30, Logger: quiet})

	queries := []string{`{ x: regions { id } }`}
	for _, l := range []kg.RegionLevel{kg.LevelNational, kg.LevelProvincial, kg.LevelPrefectural, kg.LevelCounty} {
		queries = append(queries, fmt.Sprintf(`{ x: regions(level: %s) { id } }`, l))
	}
	parents := 0
	for _, r := range tree.Regions() {
		if len(tree.Children(r.ID)) == 0 && r.Level != kg.LevelCounty {
			continue
		}
		parents++
		for _, f := range []string{"children", "descendants", "descendants(level: COUNTY)", "descendants(level: PREFECTURAL)", "ancestors"} {
			queries = append(queries, fmt.Sprintf(`{ region(name: %q) { x: %s { id } } }`, r.Name, f))
		}
	}
	if parents < 300 {
		t.Fatalf("only %d regions with children in the table", parents)
	}
	for _, q := range queries {
		refusal := query(t, priced, q, nil)
		if refusal.code() != graph.CodeComplexityLimit {
			t.Fatalf("%s: not priced: %+v", q, refusal.Errors)
		}
		cost := int(refusal.Errors[0].Extensions["complexity"].(float64))
		rows := countRows(t, query(t, open, q, nil))
		if rows > cost {
			t.Errorf("%s: %d rows, priced %d", q, rows, cost)
		}
	}
}

// countRows counts the objects of the list aliased x in an answer.
func countRows(t *testing.T, resp response) int {
	t.Helper()
	if len(resp.Errors) > 0 {
		t.Fatalf("errors %+v", resp.Errors)
	}
	var v any
	if err := json.Unmarshal(resp.Data, &v); err != nil {
		t.Fatal(err)
	}
	for {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("no list x in %s", strings.TrimSpace(string(resp.Data))[:80])
		}
		if x, ok := m["x"]; ok {
			return len(x.([]any))
		}
		for _, child := range m {
			v = child
		}
	}
}
