package graph_test

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reportgraph/reportgraph/graph/generated"
)

// The playground documents the API from the schema, so every type, field,
// argument-bearing input field and enum value must say what it is.
func TestSchemaDescribesEverything(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if def.Description == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if f.Description == "" && !strings.HasPrefix(f.Name, "__") {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
		}
		if def.Kind == ast.Enum {
			for _, v := range def.EnumValues {
				if v.Description == "" {
					t.Errorf("enum value %s.%s has no description", name, v.Name)
				}
			}
		}
	}
}
