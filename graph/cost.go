package graph

import (
	"context"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CostLimit rejects operations whose complexity exceeds Max, with the
// per-field costs of complexity.go, as gqlgen's FixedComplexityLimit does.
// It differs in one way: each fragment is costed once and its cost reused
// wherever it is spread. gqlgen's walker re-walks a fragment at every
// spread, so n fragments that each spread the previous one twice cost it
// 2^n steps: a 2.5 KB query kept a core busy past any deadline.
type CostLimit struct {
	Max int
	// Evict, when set, drops a refused query's document from the query cache.
	Evict func(query string)
	es    graphql.ExecutableSchema
}

var (
	_ graphql.HandlerExtension        = &CostLimit{}
	_ graphql.OperationContextMutator = &CostLimit{}
)

// ExtensionName names the extension in gqlgen's stats.
func (*CostLimit) ExtensionName() string { return "CostLimit" }

// Validate keeps the schema, whose complexity functions price the fields.
func (c *CostLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

// MutateOperationContext prices the operation once it is parsed and valid.
func (c *CostLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := costWalker{es: c.es, schema: c.es.Schema(), vars: oc.Variables, fragments: map[string]int{}}
	cost := w.selectionSet(ctx, oc.Operation.SelectionSet)
	if cost > c.Max {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", cost, c.Max)
		err.Extensions = map[string]any{"code": CodeComplexityLimit, "complexity": cost, "limit": c.Max}
		if c.Evict != nil {
			c.Evict(oc.RawQuery)
		}
		return err
	}
	return nil
}

// costWalker sums field costs over a selection set.
type costWalker struct {
	es        graphql.ExecutableSchema
	schema    *ast.Schema
	vars      map[string]any
	fragments map[string]int // memo: a fragment's cost does not depend on where it is spread
}

func (w *costWalker) selectionSet(ctx context.Context, set ast.SelectionSet) int {
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total = saturatingAdd(total, w.field(ctx, s))
		case *ast.InlineFragment:
			total = saturatingAdd(total, w.selectionSet(ctx, s.SelectionSet))
		case *ast.FragmentSpread:
			cost, ok := w.fragments[s.Name]
			if !ok && s.Definition != nil {
				w.fragments[s.Name] = 0 // a (normally invalid) cycle costs nothing more
				cost = w.selectionSet(ctx, s.Definition.SelectionSet)
				w.fragments[s.Name] = cost
			}
			total = saturatingAdd(total, cost)
		}
	}
	return total
}

// field prices one field as gqlgen does: the schema's complexity function
// when it gives one (the worst implementor for an interface field),
// otherwise 1 plus the cost of what is selected under it.
func (w *costWalker) field(ctx context.Context, f *ast.Field) int {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return 0
	}
	def := w.schema.Types[f.Definition.Type.Name()]
	if def == nil || def.Name == "__Schema" {
		return 0
	}
	child := 0
	switch def.Kind {
	case ast.Object, ast.Interface, ast.Union:
		child = w.selectionSet(ctx, f.SelectionSet)
	}
	args := f.ArgumentMap(w.vars)
	owners := []*ast.Definition{f.ObjectDefinition}
	if f.ObjectDefinition.Kind == ast.Interface {
		owners = w.schema.GetPossibleTypes(f.ObjectDefinition)
	}
	worst := 0
	for _, owner := range owners {
		cost := saturatingAdd(1, child)
		if custom, ok := w.es.Complexity(ctx, owner.Name, f.Name, child, args); ok && custom >= 1 {
			cost = custom
		}
		worst = max(worst, cost)
	}
	return worst
}

// saturatingAdd adds costs without overflowing, ignoring negative ones, so
// no client can wrap a huge cost round to a small one.
func saturatingAdd(a, b int) int {
	a, b = max(a, 0), max(b, 0)
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}
