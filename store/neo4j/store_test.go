package neo4j_test

import (
	"context"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
	"github.com/reportgraph/reportgraph/store/storetest"
)

// openStore opens a store on srv and empties its database first (point
// NEO4J_URI at a throw-away database: the tests delete everything in it).
func openStore(t testing.TB, srv *neo4jtest.Server) *neo4j.Store {
	t.Helper()
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{
		URI: srv.URI, Username: srv.Username, Password: srv.Password, Database: srv.Database, Reset: true,
	})
	if err != nil {
		t.Fatalf("open %s: %v", srv.URI, err)
	}
	t.Cleanup(func() {
		if err := s.Close(context.Background()); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func TestStoreSuite(t *testing.T) {
	neo4jtest.Require(t)
	storetest.Run(t, func(t *testing.T) kg.Store {
		return openStore(t, neo4jtest.Shared(t))
	})
}
