package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes the guards answer with, in extensions.code.
const (
	CodeDepthLimit           = "DEPTH_LIMIT_EXCEEDED"
	CodeIntrospectionOff     = "INTROSPECTION_DISABLED"
	CodeRequestTooLarge      = "REQUEST_TOO_LARGE"
	CodeTimeout              = "TIMEOUT"
	CodeBadUserInput         = "BAD_USER_INPUT"
	CodeBadRequest           = "BAD_REQUEST" // malformed request gqlgen did not code
	CodeNotFound             = "NOT_FOUND"
	CodeInternal             = "INTERNAL"
	CodeUnavailable          = "UNAVAILABLE"
	CodeConflict             = "CONFLICT"
	CodeTooLarge             = "TOO_LARGE"
	CodeDeferUnsupported     = "DEFER_NOT_SUPPORTED"
	CodeComplexityLimit      = "COMPLEXITY_LIMIT_EXCEEDED" // set by gqlgen's extension
	CodePersistedQueryNotFnd = "PERSISTED_QUERY_NOT_FOUND" // set by gqlgen's extension
)

// QueryGuard rejects operations nested deeper than MaxDepth, operations
// that @defer a fragment, and, unless Introspection is on, operations that
// ask for __schema or __type. Every transport served answers in one
// response, where gqlgen leaves a deferred fragment's fields null without
// an error, so @defer is refused rather than silently dropped. Depth
// counts fields, not fragments: a fragment spread adds the depth of its
// selection where it is spread. Introspection fields are not counted, so
// GraphiQL's deeply nested schema query still works when introspection is on.
type QueryGuard struct {
	MaxDepth      int
	Introspection bool
}

var (
	_ graphql.HandlerExtension        = QueryGuard{}
	_ graphql.OperationContextMutator = QueryGuard{}
)

// ExtensionName names the extension in gqlgen's stats.
func (QueryGuard) ExtensionName() string { return "QueryGuard" }

// Validate accepts any schema.
func (QueryGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext runs once per operation, after parsing and validation.
func (g QueryGuard) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := walker{fragments: oc.Doc.Fragments, vars: oc.Variables}
	depth := w.depth(oc.Operation.SelectionSet, map[string]bool{})
	if w.deferred {
		err := gqlerror.Errorf("@defer is not supported: this server answers each request in one response; remove @defer to get the fragment's fields inline")
		err.Extensions = map[string]any{"code": CodeDeferUnsupported}
		return err
	}
	if !g.Introspection && w.introspection {
		err := gqlerror.Errorf("introspection is disabled on this server")
		err.Extensions = map[string]any{"code": CodeIntrospectionOff}
		return err
	}
	if g.MaxDepth > 0 && depth > g.MaxDepth {
		err := gqlerror.Errorf("query depth %d exceeds the limit of %d", depth, g.MaxDepth)
		err.Extensions = map[string]any{"code": CodeDepthLimit, "depth": depth, "limit": g.MaxDepth}
		return err
	}
	return nil
}

// walker measures a selection set and notes introspection fields and
// deferred fragments.
type walker struct {
	fragments     ast.FragmentDefinitionList
	vars          map[string]any
	introspection bool
	deferred      bool
}

// defers reports whether ds defer their fragment (@defer, with if not false).
func (w *walker) defers(ds ast.DirectiveList) bool {
	d := ds.ForName("defer")
	if d == nil {
		return false
	}
	on, ok := d.ArgumentMap(w.vars)["if"].(bool)
	return !ok || on
}

// depth returns the deepest field nesting under set; active holds the
// fragments on the current path so a (normally invalid) cycle cannot loop.
func (w *walker) depth(set ast.SelectionSet, active map[string]bool) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				if s.Name != "__typename" {
					w.introspection = true
				}
				continue
			}
			d = 1 + w.depth(s.SelectionSet, active)
		case *ast.InlineFragment:
			w.deferred = w.deferred || w.defers(s.Directives)
			d = w.depth(s.SelectionSet, active)
		case *ast.FragmentSpread:
			w.deferred = w.deferred || w.defers(s.Directives)
			if active[s.Name] {
				continue
			}
			def := w.fragments.ForName(s.Name)
			if def == nil {
				continue
			}
			active[s.Name] = true
			d = w.depth(def.SelectionSet, active)
			delete(active, s.Name)
		}
		deepest = max(deepest, d)
	}
	return deepest
}
