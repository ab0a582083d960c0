package synthcorpus_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/synthcorpus"
)

// BenchmarkLookup answers the load test's two lookups in process on a
// 1,000-report synthetic corpus, to profile what the HTTP figures hide.
func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	s := memory.New()
	if _, err := synthcorpus.Load(ctx, s, 1000, 1); err != nil {
		b.Fatal(err)
	}
	progs, err := s.FindEntities(ctx, kg.EntityFilter{Limit: 1})
	if err != nil || len(progs) == 0 {
		b.Fatalf("no entity: %v", err)
	}
	id, _ := json.Marshal(progs[0].ID)
	h := graph.NewHandler(s, graph.Options{Introspection: true, Timeout: 10 * time.Second, MaxBodyBytes: 1 << 20, Logger: slog.New(slog.DiscardHandler)})
	for _, bc := range []struct{ name, body string }{
		{"region", `{"query":"{ region(name: \"锡盟\") { id name level parent { name } } }"}`},
		{"node", `{"query":"query($id: ID!) { node(id: $id) { id ... on Entity { name region { name } } } }","variables":{"id":` + string(id) + `}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(bc.body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
