// Command reportgraph serves the report knowledge graph over GraphQL.
//
//	go run .                      # embedded store, bundled sample reports, :8080
//	go run . serve -reports DIR   # the same, loading DIR instead
//	go run . load DIR             # write DIR's reports into the Neo4j of NEO4J_URI
//	go run . export -out OUT DIR  # neo4j-admin import CSVs of DIR's reports
//	go run . help                 # the commands (commands.go), and each one's flags
//
// All wiring lives here: configuration, store selection, loading the corpus,
// the HTTP routes and graceful shutdown. Everything else is a package.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/statistics"
	"github.com/reportgraph/reportgraph/store/memory"
	neo4jstore "github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/transport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "reportgraph:", err)
		stop()
		if isUsage(err) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// config is everything the server can be told, from flags and environment.
type config struct {
	Addr          string
	Reports       string   // directory of report files; "" for the bundled corpus
	Stats         []string // statistics CSV files loaded after the reports
	Store         string   // "memory"
	Introspection bool
	CORSOrigins   []string
	Timeout       time.Duration
	ReadTimeout   time.Duration // a whole request, body included
	MaxBodyBytes  int64
	MaxResponse   int64 // largest answer in bytes
}

// parseConfig reads flags from args into fs, with environment variables as
// their defaults; PORT, as set by most hosting platforms, replaces the port
// of -addr.
func parseConfig(fs *flag.FlagSet, args []string, getenv func(string) string) (config, error) {
	var cfg config
	var origins, stats string
	fs.StringVar(&cfg.Addr, "addr", envOr(getenv, "ADDR", ":8080"), "listen address (env ADDR; env PORT replaces the port)")
	fs.StringVar(&cfg.Reports, "reports", getenv("REPORTS_DIR"), "directory of reports to load (env REPORTS_DIR; default: the bundled sample corpus)")
	fs.StringVar(&stats, "stats", getenv("STATS_FILES"), "comma-separated statistics CSV files (region_code,year,indicator,value) loaded after the reports, realised figures for targetComparison (env STATS_FILES; docs/statistics.md)")
	fs.StringVar(&cfg.Store, "store", envOr(getenv, "STORE", "memory"), "graph store: memory or neo4j (env STORE; neo4j reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)")
	fs.BoolVar(&cfg.Introspection, "introspection", envBool(getenv, "INTROSPECTION", true), "allow GraphQL introspection (env INTROSPECTION)")
	fs.StringVar(&origins, "cors-origins", envOr(getenv, "CORS_ORIGINS", "*"), "comma-separated allowed CORS origins, * for any (env CORS_ORIGINS)")
	fs.DurationVar(&cfg.Timeout, "timeout", 10*time.Second, "per-request time limit")
	fs.DurationVar(&cfg.ReadTimeout, "read-timeout", 30*time.Second, "time a client has to send a whole request, body included")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body", 1<<20, "largest accepted request body in bytes")
	fs.Int64Var(&cfg.MaxResponse, "max-response", 16<<20, "largest answer in bytes; a larger one is a RESPONSE_TOO_LARGE error")
	if err := parseFlags(fs, args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, badUsage("serve: unexpected arguments %q", fs.Args())
	}
	for _, f := range strings.Split(stats, ",") {
		if f = strings.TrimSpace(f); f != "" {
			cfg.Stats = append(cfg.Stats, f)
		}
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	if port := getenv("PORT"); port != "" {
		host, _, err := net.SplitHostPort(cfg.Addr)
		if err != nil {
			return config{}, fmt.Errorf("addr %q: %w", cfg.Addr, err)
		}
		cfg.Addr = net.JoinHostPort(host, port)
	}
	return cfg, nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func envBool(getenv func(string) string, key string, def bool) bool {
	if b, err := strconv.ParseBool(getenv(key)); err == nil {
		return b
	}
	return def
}

// openStore returns the graph store cfg selects.
func openStore(ctx context.Context, cfg config) (kg.Store, error) {
	switch cfg.Store {
	case "", "memory":
		return memory.New(), nil
	case "neo4j":
		if os.Getenv("NEO4J_URI") == "" {
			return nil, badUsage("store neo4j: set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE as needed)")
		}
		return neo4jstore.Open(ctx, neo4jstore.Config{
			URI:      os.Getenv("NEO4J_URI"),
			Username: os.Getenv("NEO4J_USERNAME"),
			Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE"),
		})
	}
	return nil, fmt.Errorf("unknown store %q (stores: memory, neo4j)", cfg.Store)
}

// reportsFS is the corpus cfg selects.
// checkReportsDir refuses a -reports that is not a readable directory,
// naming it: the load used to fail later with "open .: no such file or
// directory", after the server had announced itself.
// checkStatsFiles fails on a -stats file that is not there: a mistyped
// path should stop the start, not leave the comparison silently empty.
func checkStatsFiles(paths []string) error {
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("-stats %s: no such file", p)
		case err != nil:
			return fmt.Errorf("-stats %s: %w", p, errors.Unwrap(err))
		case info.IsDir():
			return fmt.Errorf("-stats %s: a directory (pass the CSV files)", p)
		}
	}
	return nil
}

// loadStatistics loads each statistics file, logging what it loaded, each
// row it left out (file:line: reason) and, for a file that fails whole,
// one line naming it and why; the server serves on either way.
func loadStatistics(ctx context.Context, s kg.Store, paths []string, log *slog.Logger) {
	for _, p := range paths {
		res, err := statistics.LoadFile(ctx, s, p)
		if err != nil {
			log.Error("skip statistics file", "file", p, "reason", statsReason(err))
			continue
		}
		for _, pr := range res.Problems {
			log.Warn("statistics row left out", "row", pr.String())
		}
		log.Info("statistics loaded", "file", p, "statistics", res.Loaded, "rowsLeftOut", len(res.Problems))
	}
}

func checkReportsDir(dir string) error {
	if dir == "" {
		return nil
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("-reports %s: no such directory", dir)
	case err != nil:
		return fmt.Errorf("-reports %s: %w", dir, errors.Unwrap(err))
	case !info.IsDir():
		return fmt.Errorf("-reports %s: not a directory (pass a directory of report files)", dir)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return fmt.Errorf("-reports %s: cannot list it: %w", dir, errors.Unwrap(err))
	}
	return nil
}

func reportsFS(cfg config) fs.FS {
	if cfg.Reports == "" {
		return data.Reports()
	}
	return os.DirFS(cfg.Reports)
}

// loadReports writes the division hierarchy and the corpus into s.
func loadReports(ctx context.Context, s kg.Store, fsys fs.FS, log *slog.Logger) error {
	tree, err := division.Load()
	if err != nil {
		return fmt.Errorf("load divisions: %w", err)
	}
	in := &ingest.Ingester{Store: s, Regions: tree, Log: log}
	start := time.Now()
	res, err := in.LoadFS(ctx, fsys)
	if err != nil {
		return fmt.Errorf("load reports: %w", err)
	}
	// The ingester has logged each skipped file with its reason.
	log.Info("reports loaded", "loaded", len(res.Loaded), "unchanged", len(res.Unchanged), "skipped", len(res.Skipped),
		"relinked", res.Relinked, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// serve runs the HTTP server until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, fl *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(fl, args, os.Getenv)
	if err != nil {
		return err
	}
	if err := checkReportsDir(cfg.Reports); err != nil {
		return err // before the banner: a server that can load nothing should not start
	}
	if err := checkStatsFiles(cfg.Stats); err != nil {
		return err
	}
	// The two address lines go to stdout, for people and scripts; the log
	// (requests, loads, errors) to stderr, so each can be redirected.
	log := slog.New(slog.NewTextHandler(stderr, nil))
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		if err := store.Close(context.WithoutCancel(ctx)); err != nil {
			log.Error("close store", "err", err)
		}
	}()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	fmt.Fprintf(stdout, "playground: http://localhost:%d/\n", port)
	fmt.Fprintf(stdout, "graphql:    http://localhost:%d/graphql\n", port)

	metrics := transport.NewMetrics(transport.MetricRoutes...)
	store = metrics.Store(store)
	var ready atomic.Bool
	limits := &graph.CorpusLimits{}
	srv := &http.Server{
		Handler:           routes(cfg, store, &ready, log, metrics, limits),
		ReadHeaderTimeout: 10 * time.Second,
		// A body trickled a byte at a time held its connection (and, with
		// a low file limit, everyone else's) for good; the longest body
		// the server takes (1 MiB) arrives in far less.
		ReadTimeout: cfg.ReadTimeout,
		// The answer must be written within the request's own limit plus
		// the time to send it; a client that stops reading loses it.
		WriteTimeout: cfg.Timeout + 30*time.Second,
		IdleTimeout:  2 * time.Minute,
	}
	errc := make(chan error, 2)
	go func() {
		// Load after listening so /healthz can say 503 while it runs.
		err := loadReports(ctx, store, reportsFS(cfg), log)
		if err == nil {
			loadStatistics(ctx, store, cfg.Stats, log)
		}
		if err == nil {
			err = measureCorpus(ctx, store, limits, log)
		}
		if err != nil {
			errc <- err
			return
		}
		ready.Store(true)
		if cfg.Store == "neo4j" {
			// Another process (reportgraph load) may grow the database.
			remeasure(ctx, store, limits, log, corpusRemeasure)
		}
	}()
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("serve: %w", err)
		}
	}()

	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	// A request in flight ends within its own limit: give it that, then
	// close what is left (a client trickling its body, an idle one) so
	// a requested stop ends on time and says so, not with an error.
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.Timeout+5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil {
		log.Warn("shutdown: closing connections still open at the deadline", "err", serr)
		if cerr := srv.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("shutdown: %w", cerr)
		}
	}
	log.Info("server stopped")
	return err
}

// corpusRemeasure is how often a server on a shared database measures
// the corpus again.
const corpusRemeasure = time.Minute

// measureCorpus prices the report and entity lists by what the store
// holds now (graph.CorpusBounds).
func measureCorpus(ctx context.Context, s kg.Store, limits *graph.CorpusLimits, log *slog.Logger) error {
	b, err := graph.MeasureCorpus(ctx, s)
	if err != nil {
		return err
	}
	limits.Set(b)
	log.Info("corpus bounds", "reports", b.Reports, "maxEntitiesPerReport", b.MaxEntities, "maxImplementedBy", b.MaxImplementedBy)
	return nil
}

// remeasure measures the corpus every interval until ctx ends; a failed
// measurement keeps the last bounds and is logged.
func remeasure(ctx context.Context, s kg.Store, limits *graph.CorpusLimits, log *slog.Logger, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := measureCorpus(ctx, s, limits, log); err != nil && ctx.Err() == nil {
				log.Warn("measure corpus", "err", err)
			}
		}
	}
}

// routes builds the server's HTTP handler from its configuration
// (transport.Handler).
func routes(cfg config, s kg.Store, ready *atomic.Bool, log *slog.Logger, metrics *transport.Metrics, limits *graph.CorpusLimits) http.Handler {
	return transport.Handler(transport.Routes{
		Store:   s,
		Ready:   ready,
		Log:     log,
		Metrics: metrics,
		GraphQL: graph.Options{
			Corpus:           limits,
			Introspection:    cfg.Introspection,
			Timeout:          cfg.Timeout,
			MaxBodyBytes:     cfg.MaxBodyBytes,
			MaxResponseBytes: cfg.MaxResponse,
		},
		CORSOrigins: cfg.CORSOrigins,
	})
}
