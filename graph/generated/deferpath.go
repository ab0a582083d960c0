package generated

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// deferredPath is the response path generated code gives a @defer group
// (internal/gqlpatch puts it there): gqlgen drops a group without defers
// at once, so the path, a fresh slice per marshalled object, is built only
// when there are some.
func deferredPath(ctx context.Context, defers map[string]*graphql.FieldSetView) ast.Path {
	if len(defers) == 0 {
		return nil
	}
	return graphql.GetPath(ctx)
}
