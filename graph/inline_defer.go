package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// InlineDefer answers @defer fragments inline. Every transport we serve
// answers in one response, and there gqlgen leaves a deferred fragment's
// fields null without an error; the incremental-delivery design lets a
// server ignore @defer and include the data in the initial response, which
// is what a client asking for the fields wants.
//
// The parsed document is shared through the query cache, so it is never
// edited: an operation using @defer gets a copy without the directive.
type InlineDefer struct{}

var (
	_ graphql.HandlerExtension        = InlineDefer{}
	_ graphql.OperationContextMutator = InlineDefer{}
)

// ExtensionName names the extension in gqlgen's stats.
func (InlineDefer) ExtensionName() string { return "InlineDefer" }

// Validate accepts any schema.
func (InlineDefer) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext swaps in a @defer-free copy of the operation and
// its fragments when they use @defer; other operations are left alone.
func (InlineDefer) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !usesDefer(oc.Operation.SelectionSet, oc.Doc.Fragments) {
		return nil
	}
	op := *oc.Operation
	op.SelectionSet = withoutDefer(op.SelectionSet)
	doc := *oc.Doc
	doc.Operations = ast.OperationList{&op}
	doc.Fragments = make(ast.FragmentDefinitionList, len(oc.Doc.Fragments))
	for i, f := range oc.Doc.Fragments {
		c := *f
		c.SelectionSet = withoutDefer(f.SelectionSet)
		doc.Fragments[i] = &c
	}
	oc.Operation, oc.Doc = &op, &doc
	return nil
}

// usesDefer reports whether set, or a fragment it may spread, has @defer.
// Fragments are checked whole rather than followed, which also cannot loop.
func usesDefer(set ast.SelectionSet, fragments ast.FragmentDefinitionList) bool {
	if selectionDefers(set) {
		return true
	}
	for _, f := range fragments {
		if selectionDefers(f.SelectionSet) {
			return true
		}
	}
	return false
}

func selectionDefers(set ast.SelectionSet) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if selectionDefers(s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if s.Directives.ForName("defer") != nil || selectionDefers(s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Directives.ForName("defer") != nil {
				return true
			}
		}
	}
	return false
}

// withoutDefer copies set, dropping @defer from its fragments.
func withoutDefer(set ast.SelectionSet) ast.SelectionSet {
	if set == nil {
		return nil
	}
	out := make(ast.SelectionSet, len(set))
	for i, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			c := *s
			c.SelectionSet = withoutDefer(s.SelectionSet)
			out[i] = &c
		case *ast.InlineFragment:
			c := *s
			c.Directives = dropDefer(s.Directives)
			c.SelectionSet = withoutDefer(s.SelectionSet)
			out[i] = &c
		case *ast.FragmentSpread:
			c := *s
			c.Directives = dropDefer(s.Directives)
			out[i] = &c
		default:
			out[i] = sel
		}
	}
	return out
}

func dropDefer(ds ast.DirectiveList) ast.DirectiveList {
	var out ast.DirectiveList
	for _, d := range ds {
		if d.Name != "defer" {
			out = append(out, d)
		}
	}
	return out
}
