package graph_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/transport"
)

func TestMetrics(t *testing.T) {
	s, _ := newFixture(t)
	m := transport.NewMetrics("/graphql")
	h := m.Middleware(graph.NewHandler(m.Store(s), graph.Options{Metrics: m, Logger: quiet}))
	query(t, h, `{ region(name: "奈曼") { name parent { name } } }`, nil)
	query(t, h, `{ trace(id: "entity/none") { name } }`, nil)
	query(t, h, `{ search(text: "x", first: 500) { name } }`, nil)

	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`reportgraph_http_requests_total{code="200",path="/graphql"} 3`,
		`reportgraph_http_request_duration_seconds_count{path="/graphql"} 3`,
		`reportgraph_http_request_duration_seconds_bucket{path="/graphql",le="+Inf"} 3`,
		`reportgraph_graphql_errors_total{code="NOT_FOUND"} 1`,
		`reportgraph_graphql_errors_total{code="BAD_USER_INPUT"} 1`,
		`reportgraph_store_calls_total{method="FindRegions"} 1`,
		`reportgraph_store_calls_total{method="Regions"} 1`,
		`# TYPE reportgraph_http_request_duration_seconds histogram`,
		// The Go runtime's and the process's own, which a hand-written
		// exporter lacked.
		`# TYPE go_goroutines gauge`,
		`go_memstats_heap_alloc_bytes `,
		`# TYPE go_gc_duration_seconds summary`,
		`process_resident_memory_bytes `,
		`process_cpu_seconds_total `,
		`process_open_fds `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s\n%s", want, body)
		}
	}
}

// TestMetricsCountARequestsEndOnce: when a request's deadline passes,
// every field still waiting fails with it; the metric counts the request
// once, not once per field (an aborted request once counted 676).
func TestMetricsCountARequestsEndOnce(t *testing.T) {
	s, _ := newFixture(t)
	m := transport.NewMetrics("/graphql")
	h := m.Middleware(graph.NewHandler(blocking{s}, graph.Options{Metrics: m, Logger: quiet, Timeout: 50 * time.Millisecond}))
	var aliases strings.Builder
	for i := range 20 {
		fmt.Fprintf(&aliases, "r%d: region(name: \"奈曼旗\") { name } ", i)
	}
	resp := query(t, h, "{ "+aliases.String()+"}", nil)
	if len(resp.Errors) < 20 || resp.code() != graph.CodeTimeout {
		t.Fatalf("want a TIMEOUT per field, got %+v", resp.Errors)
	}
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if want := `reportgraph_graphql_errors_total{code="TIMEOUT"} 1` + "\n"; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("metrics lack %s", want)
	}
}
