// Package model holds the GraphQL types that autobinding to kg cannot cover:
// Program, Initiative, Project and Term share one kg.Entity but are distinct
// GraphQL types, so each gets its own Go type here.
package model

import "github.com/reportgraph/reportgraph/kg"

// Node is any value served through the Node interface: *kg.Region, *kg.Target,
// *kg.Report, Program, Initiative, Project or Term. It has no methods because
// kg types cannot carry GraphQL marker methods.
type Node interface{}

// Entity is a Program, Initiative, Project or Term.
type Entity interface {
	// Core returns the underlying domain entity.
	Core() *kg.Entity
}

// OutlineSection is one section of a report's outline with the report it
// belongs to, which its entities are read from.
type OutlineSection struct {
	kg.Section
	ReportID string
}

// Program is an entity of kind PROGRAM.
type Program struct{ *kg.Entity }

// Initiative is an entity of kind INITIATIVE.
type Initiative struct{ *kg.Entity }

// Project is an entity of kind PROJECT.
type Project struct{ *kg.Entity }

// Term is an entity of kind TERM.
type Term struct{ *kg.Entity }

func (p Program) Core() *kg.Entity    { return p.Entity }
func (i Initiative) Core() *kg.Entity { return i.Entity }
func (p Project) Core() *kg.Entity    { return p.Entity }
func (t Term) Core() *kg.Entity       { return t.Entity }

// WrapEntity returns e as the GraphQL type matching its kind, nil for nil.
func WrapEntity(e *kg.Entity) Entity {
	if e == nil {
		return nil
	}
	switch e.Kind {
	case kg.KindProgram:
		return Program{e}
	case kg.KindProject:
		return Project{e}
	case kg.KindTerm:
		return Term{e}
	default:
		return Initiative{e}
	}
}

// WrapEntities wraps each non-nil entity of es, keeping order.
func WrapEntities(es []*kg.Entity) []Entity {
	out := make([]Entity, 0, len(es))
	for _, e := range es {
		if e != nil {
			out = append(out, WrapEntity(e))
		}
	}
	return out
}
