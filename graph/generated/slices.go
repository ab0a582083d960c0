package generated

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// typeField names a field of a type (resolverFields' key).
type typeField struct{ typ, field string }

// marshalSlice marshals a list's elements (internal/gqlpatch routes every
// list here). gqlgen gives each element a goroutine, so that resolvers
// under the elements run, and their loads batch, together. Where no field
// selected under the elements has a resolver, nothing in them can wait:
// they are marshalled here, one after another, which spares a goroutine
// and its stack growth per element. Otherwise gqlgen's way is kept.
func marshalSlice(ctx context.Context, sel ast.SelectionSet, n int, workerLimit int64, omitPanicHandler bool,
	marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n <= 1 || mayWait(sel) {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, n)
	failed := false
	for i := range n {
		if !marshalElement(ctx, ret, i, omitPanicHandler, marshal) {
			failed = true
		}
	}
	if failed {
		return nil // as gqlgen answers a list one of whose elements panicked
	}
	return ret
}

// marshalElement marshals element i into ret, in a field context of its
// own as gqlgen's goroutine would; false when it panicked.
func marshalElement(ctx context.Context, ret graphql.Array, i int, omitPanicHandler bool,
	marshal func(ctx context.Context, i int) graphql.Marshaler) (ok bool) {
	index := i
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &index})
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				ok = false
			}
		}()
	}
	ret[i] = marshal(ctx, i)
	return true
}

// mayWait reports whether a field a resolver answers is selected anywhere
// in sel, through fragments too; a field not resolved against the schema
// counts as one.
func mayWait(sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.ObjectDefinition == nil || resolverFields[typeField{s.ObjectDefinition.Name, s.Name}] || mayWait(s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if mayWait(s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || mayWait(s.Definition.SelectionSet) {
				return true
			}
		default:
			return true
		}
	}
	return false
}
