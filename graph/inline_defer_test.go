package graph_test

import (
	"strings"
	"testing"
)

// TestDeferInlined: over one-response transports gqlgen would leave a
// deferred fragment's fields null without an error; they are answered
// inline instead, exactly as without @defer, and the cached parse of the
// query is not changed by it.
func TestDeferInlined(t *testing.T) {
	s, _ := newFixture(t)
	h := newHandler(s)
	tests := []struct {
		name, query, plain string
		vars               map[string]any
	}{
		{"inline fragment",
			`{ region(name: "奈曼") { name ... @defer { parent { name } } } }`,
			`{ region(name: "奈曼") { name ... { parent { name } } } }`, nil},
		{"named fragment",
			`query { region(name: "奈曼") { name ...P @defer(label: "p") } } fragment P on Region { parent { name } }`,
			`query { region(name: "奈曼") { name ...P } } fragment P on Region { parent { name } }`, nil},
		{"inside a fragment and a list",
			`query { regions(level: PREFECTURAL) { ...C } } fragment C on Region { name ... @defer { children { name } } }`,
			`query { regions(level: PREFECTURAL) { ...C } } fragment C on Region { name ... { children { name } } }`, nil},
		{"if by variable",
			`query($d: Boolean!) { region(name: "奈曼") { name ... @defer(if: $d) { parent { name } } } }`,
			`{ region(name: "奈曼") { name parent { name } } }`, map[string]any{"d": true}},
		{"if false",
			`{ region(name: "奈曼") { name ... @defer(if: false) { parent { name } } } }`,
			`{ region(name: "奈曼") { name parent { name } } }`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := query(t, h, tt.plain, nil)
			for range 2 { // the second answer comes from the query cache
				got := query(t, h, tt.query, tt.vars)
				if len(got.Errors) > 0 || string(got.Data) != string(want.Data) || !strings.Contains(string(got.Data), `"name"`) {
					t.Fatalf("got %s %+v\nwant %s", got.Data, got.Errors, want.Data)
				}
			}
		})
	}
}
