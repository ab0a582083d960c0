package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/store/neo4j/internal/synth"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
	"github.com/reportgraph/reportgraph/store/storetest"
	"github.com/reportgraph/reportgraph/synthcorpus"
)

// Benchmarks against the Neo4j of NEO4J_URI, which they empty first. Each load iteration starts from an
// empty database; setup is outside the timer.
//
//	go test ./store/neo4j -run XXX -bench . -benchmem
//	REPORTGRAPH_SYNTH_REPORTS=5000 go test ./store/neo4j -run XXX -bench LoadSynthetic -benchmem -timeout 3h
//
// Load figures are nodes+edges/s (every node and relationship written:
// regions and their PART_OF edges included) and, for the synthetic corpus,
// ms/report.

// synthReports is the synthetic corpus size: REPORTGRAPH_SYNTH_REPORTS,
// default 20 so a plain -bench run finishes in minutes.
func synthReports(b *testing.B) int {
	v := os.Getenv("REPORTGRAPH_SYNTH_REPORTS")
	if v == "" {
		return 20
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("REPORTGRAPH_SYNTH_REPORTS=%q: want a positive integer", v)
	}
	return n
}

// graphSize counts the nodes and relationships in s.
func graphSize(b *testing.B, s kg.Store) (nodes, edges int) {
	b.Helper()
	g, err := storetest.Snapshot(context.Background(), s)
	if err != nil {
		b.Fatal(err)
	}
	return len(g.Regions) + len(g.Reports) + len(g.Entities) + len(g.Targets), len(g.Edges)
}

// BenchmarkLoadCorpus loads the bundled sample corpus (3,218 regions, the
// reports, IMPLEMENTS links) through ingest, as `load` and the server do.
func BenchmarkLoadCorpus(b *testing.B) {
	mem := memory.New()
	loadCorpus(b, mem)
	nodes, edges := graphSize(b, mem)
	srv := neo4jtest.Shared(b)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b, srv) // empties the database
		b.StartTimer()
		start := time.Now()
		loadCorpus(b, s)
		total += time.Since(start)
	}
	b.StopTimer()
	b.ReportMetric(float64(nodes+edges)*float64(b.N)/total.Seconds(), "nodes+edges/s")
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
}

// BenchmarkLoadSynthetic writes a synthetic corpus of REPORTGRAPH_SYNTH_REPORTS
// reports (36 entities, 4 targets, 30 PART_OF edges each, 6 IMPLEMENTS links
// to the parent region's report) with PutRegions, the reports and PutLinks,
// as a loader would: one PutReport per report (batch-1) or PutReports of
// 100 reports per transaction (batch-100).
func BenchmarkLoadSynthetic(b *testing.B) {
	n := synthReports(b)
	c := synth.New(n, 2024)
	for _, batch := range []int{1, 100} {
		b.Run(fmt.Sprintf("batch-%d", batch), func(b *testing.B) {
			loadSynthetic(b, c, batch)
		})
	}
}

func loadSynthetic(b *testing.B, c *synth.Corpus, batch int) {
	ctx := context.Background()
	srv := neo4jtest.Shared(b)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b, srv) // empties the database
		b.StartTimer()
		start := time.Now()
		if err := s.PutRegions(ctx, c.Regions); err != nil {
			b.Fatalf("PutRegions: %v", err)
		}
		for j := 0; j < len(c.Reports); j += batch {
			gs := c.Reports[j:min(j+batch, len(c.Reports))]
			if err := s.PutReports(ctx, gs); err != nil {
				b.Fatalf("PutReports from %s: %v", gs[0].Report.ID, err)
			}
			if j > 0 && j%1000 < batch {
				// Live on stderr (b.Logf shows only at the end), so a long
				// run can be extrapolated if it has to be stopped.
				fmt.Fprintf(os.Stderr, "BenchmarkLoadSynthetic: %d/%d reports after %v\n", j, len(c.Reports), time.Since(start).Round(time.Second))
			}
		}
		if err := s.PutLinks(ctx, c.Links); err != nil {
			b.Fatalf("PutLinks: %v", err)
		}
		total += time.Since(start)
	}
	b.StopTimer()
	b.ReportMetric(float64(c.Nodes()+c.Edges())*float64(b.N)/total.Seconds(), "nodes+edges/s")
	b.ReportMetric(float64(b.N*len(c.Reports))/total.Seconds(), "reports/s")
	b.ReportMetric(float64(len(c.Reports)), "reports")
}

// BenchmarkTrace runs kg.Trace of the autonomous region's “六个工程” over
// the bundled corpus in the Neo4j store and in the memory store, alternating
// in one loop so both see the same machine load, and reports the latency of
// each and their ratio (medians over the iterations; ns/op there is one
// trace in each store). The memory and neo4j sub-benchmarks give each store's
// ns/op and allocations on its own.
func BenchmarkTrace(b *testing.B) {
	ctx := context.Background()
	mem := memory.New()
	loadCorpus(b, mem)
	srv := neo4jtest.Shared(b)
	n4j := openStore(b, srv)
	loadCorpus(b, n4j)
	es, err := mem.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{kg.ReportID("150000", 2024)}, Keys: []string{"六个工程"}})
	if err != nil || len(es) == 0 {
		b.Fatalf("no 六个工程 in the 2024 report of 内蒙古自治区: %v", err)
	}
	id := es[0].ID
	want, err := kg.Trace(ctx, mem, id)
	if err != nil || len(want) < 2 {
		b.Fatalf("memory trace: %d entities, %v", len(want), err)
	}
	got, err := kg.Trace(ctx, n4j, id)
	if err != nil || len(got) != len(want) {
		b.Fatalf("neo4j trace: %d entities (memory %d), %v", len(got), len(want), err)
	}
	for _, st := range []struct {
		name string
		s    kg.Store
	}{{"memory", mem}, {"neo4j", n4j}} {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := kg.Trace(ctx, st.s, id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("neo4j-vs-memory", func(b *testing.B) {
		b.ReportAllocs()
		memT := make([]time.Duration, 0, b.N)
		n4jT := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			if _, err := kg.Trace(ctx, mem, id); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := kg.Trace(ctx, n4j, id); err != nil {
				b.Fatal(err)
			}
			memT = append(memT, t1.Sub(t0))
			n4jT = append(n4jT, time.Since(t1))
		}
		m, n := median(memT), median(n4jT)
		b.ReportMetric(float64(m.Nanoseconds())/1e3, "memory-µs/trace")
		b.ReportMetric(float64(n.Nanoseconds())/1e3, "neo4j-µs/trace")
		b.ReportMetric(float64(n)/float64(m), "neo4j/memory")
		b.ReportMetric(float64(len(want)), "entities")
	})
}

// median of ds (sorts ds).
func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// BenchmarkIngestSynthetic loads REPORTGRAPH_SYNTH_REPORTS synthetic report
// files (synthcorpus: the samples rewritten for other regions and years)
// through ingest into Neo4j, as `reportgraph load` does: read, extract,
// write, relink. batch-1 writes one report per transaction, batch-100 the
// default; reload loads the same files again into the loaded database,
// where every file is unchanged.
func BenchmarkIngestSynthetic(b *testing.B) {
	ctx := context.Background()
	tree, err := division.Load()
	if err != nil {
		b.Fatal(err)
	}
	c, err := synthcorpus.Bundled(tree, synthcorpus.Options{N: synthReports(b), Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	srv := neo4jtest.Shared(b)
	load := func(b *testing.B, s kg.Store, batch int) ingest.Result {
		in := &ingest.Ingester{Store: s, Regions: tree, BatchSize: batch}
		res, err := in.LoadFS(ctx, c.FS())
		if err != nil {
			b.Fatal(err)
		}
		return res
	}
	for _, batch := range []int{1, ingest.DefaultBatchSize} {
		b.Run(fmt.Sprintf("batch-%d", batch), func(b *testing.B) {
			var total time.Duration
			var res ingest.Result
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := openStore(b, srv) // empties the database
				b.StartTimer()
				start := time.Now()
				res = load(b, s, batch)
				total += time.Since(start)
			}
			b.ReportMetric(float64(b.N*len(res.Loaded))/total.Seconds(), "reports/s")
			b.ReportMetric(float64(len(res.Loaded)), "reports")
			b.ReportMetric(float64(len(res.Skipped)), "skipped")
		})
	}
	b.Run("reload", func(b *testing.B) {
		b.StopTimer()
		s := openStore(b, srv)
		load(b, s, 0)
		b.StartTimer()
		var res ingest.Result
		start := time.Now()
		for i := 0; i < b.N; i++ {
			res = load(b, s, 0)
		}
		if len(res.Loaded) > 0 {
			b.Fatalf("reload wrote %d files", len(res.Loaded))
		}
		b.ReportMetric(float64(b.N*len(res.Unchanged))/time.Since(start).Seconds(), "files/s")
	})
}

// BenchmarkImportSynthetic is the bulk path for a first load, on the
// corpus of BenchmarkLoadSynthetic: the graph exported as CSV (ExportCSV)
// and imported with neo4j-admin (the launcher's jars) into a new database,
// timed together as reports/s; then that database is started and opened
// (constraints and indexes built over the imported data), reported apart
// as ready-s. Setup (building the graph in the memory store) is untimed.
//
//	REPORTGRAPH_SYNTH_REPORTS=5000 go test ./store/neo4j -run XXX -bench ImportSynthetic -benchtime 1x -timeout 1h
func BenchmarkImportSynthetic(b *testing.B) {
	ctx := context.Background()
	c := synth.New(synthReports(b), 2024)
	mem := memory.New()
	if err := mem.PutRegions(ctx, c.Regions); err != nil {
		b.Fatal(err)
	}
	if err := mem.PutReports(ctx, c.Reports); err != nil {
		b.Fatal(err)
	}
	if err := mem.PutLinks(ctx, c.Links); err != nil {
		b.Fatal(err)
	}
	var imported, ready time.Duration
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		start := time.Now()
		exp, err := neo4j.ExportCSV(ctx, mem, filepath.Join(dir, "csv"))
		if err != nil {
			b.Fatal(err)
		}
		var args []string
		for _, a := range strings.Fields(strings.TrimPrefix(exp.ImportCommand("neo4j"), "neo4j-admin ")) {
			args = append(args, strings.Trim(a, "'")) // the shell quoting of --array-delimiter
		}
		home := filepath.Join(dir, "home")
		if out := neo4jtest.Admin(b, home, args...); !strings.Contains(out, "IMPORT DONE") {
			b.Fatalf("neo4j-admin did not finish:\n%s", out)
		}
		imported += time.Since(start)

		start = time.Now()
		srv := neo4jtest.LaunchOn(b, home)
		s, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI})
		if err != nil {
			b.Fatalf("open the imported database: %v", err)
		}
		ready += time.Since(start)
		if got, err := s.CountReports(ctx, []string{c.Reports[len(c.Reports)-1].Report.ID}); err != nil || got[0].Programs+got[0].Initiatives+got[0].Projects == 0 {
			b.Fatalf("the imported database lacks the last report's entities: %v %v", got, err)
		}
		s.Close(ctx)
		srv.Kill()
	}
	b.ReportMetric(float64(b.N*len(c.Reports))/imported.Seconds(), "reports/s")
	b.ReportMetric(ready.Seconds()/float64(b.N), "ready-s")
	b.ReportMetric(float64(len(c.Reports)), "reports")
}
