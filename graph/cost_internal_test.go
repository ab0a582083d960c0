package graph

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/graph/generated"
)

// TestCostAgreesWithGqlgen prices the playground's example queries, and
// queries with fragments, with CostLimit's walker and with gqlgen's own
// complexity.Calculate: memoising fragments must not change any price.
func TestCostAgreesWithGqlgen(t *testing.T) {
	cfg := generated.Config{Resolvers: &Resolver{}}
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	setComplexity(&cfg.Complexity, regionBounds(tree.Regions()), nil)
	es := generated.NewExecutableSchema(cfg)
	queries := map[string]string{
		"fragments spread twice": `query { regions { ...R ...R } }
			fragment R on Region { name parent { ...P } }
			fragment P on Region { name code }`,
		"inline and nested": `query { reports { title ... on Report { programs { name } } region { ...P } } }
			fragment P on Region { name descendants(level: COUNTY) { name } }`,
		"search page": `{ searchConnection(text: "工程", first: 50) { totalCount edges { node { name } } } }`,
	}
	files, _ := filepath.Glob("../web/examples/*.graphql")
	if len(files) == 0 {
		t.Fatal("no playground examples found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		queries[filepath.Base(f)] = string(b)
	}
	ctx := context.Background()
	for name, q := range queries {
		doc, errs := gqlparser.LoadQuery(es.Schema(), q)
		if errs != nil {
			t.Fatalf("%s: %v", name, errs)
		}
		for _, op := range doc.Operations {
			vars := exampleVariables(op)
			want := complexity.Calculate(ctx, es, op, vars)
			w := costWalker{es: es, schema: es.Schema(), vars: vars, fragments: map[string]int{}}
			if got := w.selectionSet(ctx, op.SelectionSet); got != want || got < 2 {
				t.Errorf("%s: cost %d, gqlgen %d", name, got, want)
			}
		}
	}
}

// exampleVariables gives every variable of op a value of its type's kind
// (ids and strings "x", numbers 10), enough to price it.
func exampleVariables(op *ast.OperationDefinition) map[string]any {
	vars := map[string]any{}
	for _, v := range op.VariableDefinitions {
		switch v.Type.Name() {
		case "Int":
			vars[v.Variable] = int64(10)
		case "Float":
			vars[v.Variable] = 10.0
		case "Boolean":
			vars[v.Variable] = true
		default:
			vars[v.Variable] = "x"
		}
	}
	return vars
}
