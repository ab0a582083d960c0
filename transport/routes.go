// Package transport is the server's HTTP side: the routes, CORS, health
// and readiness, the Prometheus metrics and the request log, around the
// GraphQL endpoint (package graph) and the browser pages (package web).
// Every response passes through one StatusRecorder.
package transport

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rs/cors"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/web"
)

// MetricRoutes are the paths /metrics reports by name; others are "other".
var MetricRoutes = []string{"/graphql", "/", "/explore", "/healthz", "/readyz", "/metrics", "/export/targets.csv", "/export/entities.csv"}

// Routes is what the server's handler serves.
type Routes struct {
	Store kg.Store
	// Ready is false while the corpus loads: /graphql, /healthz and
	// /readyz answer 503 until then.
	Ready   *atomic.Bool
	Log     *slog.Logger
	Metrics *Metrics
	// GraphQL configures the /graphql endpoint; its Logger and Metrics
	// are set from the fields above.
	GraphQL graph.Options
	// CORSOrigins may call /graphql from a browser; none when empty.
	CORSOrigins []string
}

// Handler builds the HTTP handler: GraphQL and the panel export (with
// CORS), the playground and explorer, health endpoints and /metrics, all
// behind the request log and the metrics.
func Handler(rt Routes) http.Handler {
	o := rt.GraphQL
	o.Logger, o.Metrics = rt.Log, rt.Metrics
	api := graph.NewHandler(rt.Store, o)
	c := cors.New(cors.Options{
		AllowedOrigins:   rt.CORSOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Accept"},
		AllowCredentials: false,
	})
	mux := http.NewServeMux()
	mux.Handle("/graphql", c.Handler(whenReady(rt.Ready, api)))
	for _, t := range panelTables {
		mux.Handle("GET /export/"+t.name, c.Handler(whenReady(rt.Ready, exportHandler(rt.Store, rt.Log, t))))
	}
	web.Mount(mux, "/graphql")
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		status(w, rt.Ready.Load(), "loading")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if !rt.Ready.Load() {
			status(w, false, "loading")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		status(w, rt.Store.Ping(ctx) == nil, "store unavailable")
	})
	mux.Handle("GET /metrics", rt.Metrics)
	return logRequests(rt.Log, rt.Metrics.Middleware(mux))
}

func status(w http.ResponseWriter, ok bool, reason string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, reason)
		return
	}
	fmt.Fprintln(w, "ok")
}

// whenReady answers GraphQL requests with 503 until the corpus is loaded,
// so nobody reads a half-filled graph.
func whenReady(ready *atomic.Bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ready.Load() {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, `{"errors":[{"message":"the graph is still loading","extensions":{"code":"UNAVAILABLE"}}]}`)
	})
}

// logRequests writes one structured line per request.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &StatusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.Code()),
			slog.Int("bytes", rec.Bytes),
			slog.Duration("took", time.Since(start)),
			slog.String("remote", r.RemoteAddr),
		)
	})
}
