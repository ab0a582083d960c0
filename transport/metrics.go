package transport

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/counted"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram: sub-millisecond lookups up to the default 10 s timeout.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics counts requests, latencies, GraphQL errors and store calls and
// serves them, with the Go runtime's and the process's own metrics
// (go_*, process_*: heap, GC, goroutines, CPU, RSS, open files), in the
// Prometheus text format. It keeps its own registry, so two servers in one
// process (tests) count apart. The zero value is not usable: NewMetrics.
type Metrics struct {
	routes     map[string]bool // paths reported by name; others count as "other"
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	gqlErrors  *prometheus.CounterVec
	storeCalls *prometheus.CounterVec
	handler    http.Handler
}

// NewMetrics returns empty metrics that label requests to routes by path
// (keeping label cardinality bounded) and everything else as "other".
func NewMetrics(routes ...string) *Metrics {
	m := &Metrics{
		routes: map[string]bool{},
		reg:    prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportgraph_http_requests_total", Help: "HTTP requests by path and status code.",
		}, []string{"path", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "reportgraph_http_request_duration_seconds", Help: "HTTP request latency by path.", Buckets: latencyBuckets,
		}, []string{"path"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportgraph_graphql_errors_total", Help: "GraphQL errors by extensions.code.",
		}, []string{"code"}),
		storeCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportgraph_store_calls_total", Help: "Graph store calls by method.",
		}, []string{"method"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.gqlErrors, m.storeCalls,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	for _, r := range routes {
		m.routes[r] = true
	}
	return m
}

// Middleware records every request's status and latency.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &StatusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		path := r.URL.Path
		if !m.routes[path] {
			path = "other"
		}
		m.observe(path, rec.Code(), time.Since(start))
	})
}

func (m *Metrics) observe(path string, code int, d time.Duration) {
	m.requests.WithLabelValues(path, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(path).Observe(d.Seconds())
}

// GraphQLError counts one GraphQL error by its extensions.code: the
// graph handler calls it once per code per request (graph.ErrorCounter).
func (m *Metrics) GraphQLError(code string) { m.gqlErrors.WithLabelValues(code).Inc() }

func (m *Metrics) storeCall(method string) { m.storeCalls.WithLabelValues(method).Inc() }

// ServeHTTP writes the metrics in the Prometheus text exposition format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.handler.ServeHTTP(w, r) }

// Store returns s with every call counted in m, per method.
func (m *Metrics) Store(s kg.Store) kg.Store { return counted.New(s, m.storeCall) }
