package graph

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/reportgraph/reportgraph/kg"
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

func (m *Metrics) graphqlError(code string) { m.gqlErrors.WithLabelValues(code).Inc() }

func (m *Metrics) storeCall(method string) { m.storeCalls.WithLabelValues(method).Inc() }

// ServeHTTP writes the metrics in the Prometheus text exposition format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.handler.ServeHTTP(w, r) }

// StatusRecorder remembers the status code and size of a response, for
// the metrics here and the request log: the one recorder both wrap a
// response in.
type StatusRecorder struct {
	http.ResponseWriter
	Status int // 0 until the handler writes
	Bytes  int
}

func (r *StatusRecorder) WriteHeader(code int) {
	if r.Status == 0 {
		r.Status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *StatusRecorder) Write(b []byte) (int, error) {
	if r.Status == 0 {
		r.Status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.Bytes += n
	return n, err
}

// Code is the status sent: 200 when the handler wrote nothing.
func (r *StatusRecorder) Code() int {
	if r.Status == 0 {
		return http.StatusOK
	}
	return r.Status
}

func (r *StatusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Store returns s with every call counted in m.
func (m *Metrics) Store(s kg.Store) kg.Store { return &countedStore{Store: s, m: m} }

// countedStore counts calls per method; the embedded Store does the work.
type countedStore struct {
	kg.Store
	m *Metrics
}

func (c *countedStore) PutRegions(ctx context.Context, regions []kg.Region) error {
	c.m.storeCall("PutRegions")
	return c.Store.PutRegions(ctx, regions)
}
func (c *countedStore) PutReport(ctx context.Context, g kg.ReportGraph) error {
	c.m.storeCall("PutReport")
	return c.Store.PutReport(ctx, g)
}
func (c *countedStore) PutReports(ctx context.Context, gs []kg.ReportGraph) error {
	c.m.storeCall("PutReports")
	return c.Store.PutReports(ctx, gs)
}
func (c *countedStore) PutLinks(ctx context.Context, edges []kg.Edge) error {
	c.m.storeCall("PutLinks")
	return c.Store.PutLinks(ctx, edges)
}
func (c *countedStore) DeleteReports(ctx context.Context, ids []string) error {
	c.m.storeCall("DeleteReports")
	return c.Store.DeleteReports(ctx, ids)
}
func (c *countedStore) SetContentHashes(ctx context.Context, hashes map[string]string) error {
	c.m.storeCall("SetContentHashes")
	return c.Store.SetContentHashes(ctx, hashes)
}
func (c *countedStore) ReplaceLinks(ctx context.Context, reportIDs []string, edges []kg.Edge) error {
	c.m.storeCall("ReplaceLinks")
	return c.Store.ReplaceLinks(ctx, reportIDs, edges)
}
func (c *countedStore) Ping(ctx context.Context) error {
	c.m.storeCall("Ping")
	return c.Store.Ping(ctx)
}
func (c *countedStore) Targets(ctx context.Context, ids []string) ([]*kg.Target, error) {
	c.m.storeCall("Targets")
	return c.Store.Targets(ctx, ids)
}
func (c *countedStore) Regions(ctx context.Context, ids []string) ([]*kg.Region, error) {
	c.m.storeCall("Regions")
	return c.Store.Regions(ctx, ids)
}
func (c *countedStore) Reports(ctx context.Context, ids []string) ([]*kg.Report, error) {
	c.m.storeCall("Reports")
	return c.Store.Reports(ctx, ids)
}
func (c *countedStore) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	c.m.storeCall("Entities")
	return c.Store.Entities(ctx, ids)
}
func (c *countedStore) FindRegions(ctx context.Context, f kg.RegionFilter) ([]*kg.Region, error) {
	c.m.storeCall("FindRegions")
	return c.Store.FindRegions(ctx, f)
}
func (c *countedStore) FindReports(ctx context.Context, f kg.ReportFilter) ([]*kg.Report, error) {
	c.m.storeCall("FindReports")
	return c.Store.FindReports(ctx, f)
}
func (c *countedStore) FindEntities(ctx context.Context, f kg.EntityFilter) ([]*kg.Entity, error) {
	c.m.storeCall("FindEntities")
	return c.Store.FindEntities(ctx, f)
}
func (c *countedStore) FindTargets(ctx context.Context, f kg.TargetFilter) ([]*kg.Target, error) {
	c.m.storeCall("FindTargets")
	return c.Store.FindTargets(ctx, f)
}
func (c *countedStore) FindEdges(ctx context.Context, f kg.EdgeFilter) ([]*kg.Edge, error) {
	c.m.storeCall("FindEdges")
	return c.Store.FindEdges(ctx, f)
}
func (c *countedStore) Walk(ctx context.Context, w kg.Walk) ([]*kg.Edge, error) {
	c.m.storeCall("Walk")
	return c.Store.Walk(ctx, w)
}
func (c *countedStore) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	c.m.storeCall("Search")
	return c.Store.Search(ctx, q)
}

// errorCode is the extensions.code of a presented error, for counting.
func errorCode(ext map[string]any) string {
	if c, ok := ext["code"].(string); ok && c != "" {
		return strings.ToUpper(c)
	}
	return CodeInternal
}
