// Package neo4jtest lets tests outside store/neo4j (the load command's)
// run against the same stand-in Bolt server the store's own tests use.
package neo4jtest

import (
	"testing"

	"github.com/reportgraph/reportgraph/store/neo4j/internal/standin"
)

// Start starts a fresh stand-in (or returns the real Neo4j of NEO4J_URI)
// for the duration of tb; see internal/standin.
func Start(tb testing.TB) *standin.Server { return standin.Start(tb) }
