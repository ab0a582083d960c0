package generated

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// adoptersSelection is the validated selection under Diffusion.adopters
// of a query whose adopters select what.
func adoptersSelection(t *testing.T, schema *ast.Schema, what string) ast.SelectionSet {
	t.Helper()
	q := `{ diffusion(text: "三北") { adopters { ` + what + ` } } }`
	for spread, fragment := range map[string]string{
		"...named":  ` fragment named on Entity { name }`,
		"...placed": ` fragment placed on Entity { region { name } }`,
	} {
		if strings.Contains(what, spread) {
			q += fragment
		}
	}
	doc, errs := gqlparser.LoadQuery(schema, q)
	if errs != nil {
		t.Fatalf("%s: %v", what, errs)
	}
	diffusion := doc.Operations[0].SelectionSet[0].(*ast.Field)
	return diffusion.SelectionSet[0].(*ast.Field).SelectionSet
}

func TestMayWait(t *testing.T) {
	src, err := os.ReadFile("../../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	tests := []struct {
		what string
		want bool
	}{
		{"region { name level } firstYear first { name } lag", false},
		{"__typename first { __typename ... on Program { name } ...named }", false},
		{"region { reports { year } }", true},                  // Region.reports: a resolver
		{"first { region { name } }", true},                    // Entity.region, asked on the interface
		{"first { ... on Program { region { name } } }", true}, // Program.region
		{"first { ...placed }", true},
	}
	for _, tt := range tests {
		if got := mayWait(adoptersSelection(t, schema, tt.what)); got != tt.want {
			t.Errorf("adopters { %s }: mayWait %v, want %v", tt.what, got, tt.want)
		}
	}
	if !mayWait(ast.SelectionSet{&ast.Field{Name: "unvalidated"}}) {
		t.Error("a field with no definition: mayWait false, want true")
	}
}

// TestMarshalSliceInline: a list nothing under which can wait is
// marshalled in the caller's goroutine, each element in its own field
// context, in order; one that panics nulls the list with an error, as
// gqlgen's own marshalling does.
func TestMarshalSliceInline(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(context.Context, any) error { return errors.New("internal system error") })
	sel := ast.SelectionSet{&ast.Field{Name: "name", ObjectDefinition: &ast.Definition{Name: "Region"}}}
	got := marshalSlice(ctx, sel, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if fc := graphql.GetFieldContext(ctx); fc == nil || fc.Index == nil || *fc.Index != i {
			t.Errorf("element %d: field context %+v", i, fc)
		}
		return graphql.MarshalInt(i * 10)
	})
	var b bytes.Buffer
	got.MarshalGQL(&b)
	if b.String() != "[0,10,20]" {
		t.Errorf("marshalled %s, want [0,10,20]", b.String())
	}
	panicky := marshalSlice(ctx, sel, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("element 1")
		}
		return graphql.MarshalInt(i)
	})
	if panicky != nil || len(graphql.GetErrors(ctx)) != 1 {
		t.Errorf("a panicking element: list %v, errors %v; want nil and one error", panicky, graphql.GetErrors(ctx))
	}
}
