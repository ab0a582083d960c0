package graph

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reportgraph/reportgraph/kg"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram: sub-millisecond lookups up to the default 10 s timeout.
var latencyBuckets = [...]float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics counts requests, latencies, GraphQL errors and store calls and
// serves them in the Prometheus text format. One per process; the zero
// value is not usable, call NewMetrics.
type Metrics struct {
	mu         sync.Mutex
	routes     map[string]bool // paths reported by name; others count as "other"
	requests   map[[2]string]uint64
	latency    map[string]*histogram
	gqlErrors  map[string]uint64
	storeCalls map[string]uint64
}

type histogram struct {
	counts [len(latencyBuckets)]uint64
	count  uint64
	sum    float64
}

// NewMetrics returns empty metrics that label requests to routes by path
// (keeping label cardinality bounded) and everything else as "other".
func NewMetrics(routes ...string) *Metrics {
	m := &Metrics{
		routes:     map[string]bool{},
		requests:   map[[2]string]uint64{},
		latency:    map[string]*histogram{},
		gqlErrors:  map[string]uint64{},
		storeCalls: map[string]uint64{},
	}
	for _, r := range routes {
		m.routes[r] = true
	}
	return m
}

// Middleware records every request's status and latency.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &codeRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		path := r.URL.Path
		if !m.routes[path] {
			path = "other"
		}
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		m.observe(path, rec.code, time.Since(start))
	})
}

func (m *Metrics) observe(path string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{path, strconv.Itoa(code)}]++
	h := m.latency[path]
	if h == nil {
		h = &histogram{}
		m.latency[path] = h
	}
	s := d.Seconds()
	for i, le := range latencyBuckets {
		if s <= le {
			h.counts[i]++
		}
	}
	h.count++
	h.sum += s
}

func (m *Metrics) graphqlError(code string) {
	m.mu.Lock()
	m.gqlErrors[code]++
	m.mu.Unlock()
}

func (m *Metrics) storeCall(method string) {
	m.mu.Lock()
	m.storeCalls[method]++
	m.mu.Unlock()
}

// ServeHTTP writes the metrics in the Prometheus text exposition format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.write(w)
}

func (m *Metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP reportgraph_http_requests_total HTTP requests by path and status code.")
	fmt.Fprintln(w, "# TYPE reportgraph_http_requests_total counter")
	reqKeys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		reqKeys = append(reqKeys, k)
	}
	sort.Slice(reqKeys, func(i, j int) bool { return reqKeys[i][0]+reqKeys[i][1] < reqKeys[j][0]+reqKeys[j][1] })
	for _, k := range reqKeys {
		fmt.Fprintf(w, "reportgraph_http_requests_total{path=%q,code=%q} %d\n", k[0], k[1], m.requests[k])
	}
	fmt.Fprintln(w, "# HELP reportgraph_http_request_duration_seconds HTTP request latency by path.")
	fmt.Fprintln(w, "# TYPE reportgraph_http_request_duration_seconds histogram")
	for _, path := range sortedKeys(m.latency) {
		h := m.latency[path]
		for i, le := range latencyBuckets {
			fmt.Fprintf(w, "reportgraph_http_request_duration_seconds_bucket{path=%q,le=%q} %d\n", path, strconv.FormatFloat(le, 'g', -1, 64), h.counts[i])
		}
		fmt.Fprintf(w, "reportgraph_http_request_duration_seconds_bucket{path=%q,le=\"+Inf\"} %d\n", path, h.count)
		fmt.Fprintf(w, "reportgraph_http_request_duration_seconds_sum{path=%q} %g\n", path, h.sum)
		fmt.Fprintf(w, "reportgraph_http_request_duration_seconds_count{path=%q} %d\n", path, h.count)
	}
	fmt.Fprintln(w, "# HELP reportgraph_graphql_errors_total GraphQL errors by extensions.code.")
	fmt.Fprintln(w, "# TYPE reportgraph_graphql_errors_total counter")
	for _, code := range sortedKeys(m.gqlErrors) {
		fmt.Fprintf(w, "reportgraph_graphql_errors_total{code=%q} %d\n", code, m.gqlErrors[code])
	}
	fmt.Fprintln(w, "# HELP reportgraph_store_calls_total Graph store calls by method.")
	fmt.Fprintln(w, "# TYPE reportgraph_store_calls_total counter")
	for _, method := range sortedKeys(m.storeCalls) {
		fmt.Fprintf(w, "reportgraph_store_calls_total{method=%q} %d\n", method, m.storeCalls[method])
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// codeRecorder remembers the status code a handler wrote.
type codeRecorder struct {
	http.ResponseWriter
	code int
}

func (r *codeRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *codeRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *codeRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

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
