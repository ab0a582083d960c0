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
	CodeResponseTooLarge     = "RESPONSE_TOO_LARGE"
	CodeTimeout              = "TIMEOUT"
	CodeCanceled             = "CANCELED" // the client went away before the answer
	CodeBadUserInput         = "BAD_USER_INPUT"
	CodeBadRequest           = "BAD_REQUEST" // malformed request gqlgen did not code
	CodeNotFound             = "NOT_FOUND"
	CodeInternal             = "INTERNAL"
	CodeUnavailable          = "UNAVAILABLE"
	CodeConflict             = "CONFLICT"
	CodeTooLarge             = "TOO_LARGE"
	CodeComplexityLimit      = "COMPLEXITY_LIMIT_EXCEEDED" // set by gqlgen's extension
	CodePersistedQueryNotFnd = "PERSISTED_QUERY_NOT_FOUND" // set by gqlgen's extension
)

// QueryGuard rejects operations nested deeper than MaxDepth and, unless
// Introspection is on, operations that ask for __schema or __type. Depth
// counts fields, not fragments: a fragment spread adds the depth of its
// selection where it is spread. Introspection fields are not counted, so
// GraphiQL's deeply nested schema query still works when introspection is on.
type QueryGuard struct {
	MaxDepth      int
	Introspection bool
	// Evict, when set, drops a refused query's document from the query
	// cache: gqlgen caches a document before the guards see it.
	Evict func(query string)
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
	err := g.check(oc)
	if err != nil && g.Evict != nil {
		g.Evict(oc.RawQuery)
	}
	return err
}

func (g QueryGuard) check(oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := walker{fragments: oc.Doc.Fragments, fragmentDepth: map[string]int{}}
	depth := w.depth(oc.Operation.SelectionSet, map[string]bool{})
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

// walker measures a selection set and notes introspection fields.
type walker struct {
	fragments     ast.FragmentDefinitionList
	fragmentDepth map[string]int // memo: a fragment's depth does not depend on where it is spread
	introspection bool
}

// depth returns the deepest field nesting under set; active holds the
// fragments on the current path so a (normally invalid) cycle cannot loop.
// Each fragment is measured once: walking every spread anew made the walk
// follow every path of the expansion, 2^n for n fragments that each spread
// the previous one twice (a 2.5 KB query pinned a core for good).
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
			d = w.depth(s.SelectionSet, active)
		case *ast.FragmentSpread:
			if known, ok := w.fragmentDepth[s.Name]; ok {
				d = known
				break
			}
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
			w.fragmentDepth[s.Name] = d
		}
		deepest = max(deepest, d)
	}
	return deepest
}
