// Package graph is the GraphQL layer: gqlgen's generated executor plus thin
// resolvers that call kg.Store through per-request dataloaders.
package graph

//go:generate go tool gqlgen generate
//go:generate go run ./internal/gqlpatch generated.go

import "github.com/reportgraph/reportgraph/kg"

// Resolver is the root resolver; it serves as dependency injection for the
// store every field resolver reads from.
type Resolver struct {
	Store kg.Store
}
