// Package graph is the GraphQL layer: thin resolvers that call kg.Store
// through per-request dataloaders, the guards and the HTTP handler around
// gqlgen's executor, which lives in graph/generated.
package graph

//go:generate go tool gqlgen generate
//go:generate go run ./internal/gqlpatch generated/generated.go generated/resolverfields.go

import "github.com/reportgraph/reportgraph/kg"

// Resolver is the root resolver; it serves as dependency injection for the
// store every field resolver reads from.
type Resolver struct {
	Store kg.Store
}
