package neo4j_test

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/store/neo4j/internal/synth"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
	"github.com/reportgraph/reportgraph/store/storetest"
)

// freePort returns a loopback port nothing listens on.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestOpenUnreachableFailsAfterBoundedRetries(t *testing.T) {
	uri := "bolt://127.0.0.1:" + strconv.Itoa(freePort(t))
	start := time.Now()
	_, err := neo4j.Open(context.Background(), neo4j.Config{URI: uri, ConnectAttempts: 3, ConnectBackoff: 40 * time.Millisecond})
	elapsed := time.Since(start)
	if kg.ErrorCode(err) != kg.EUNAVAIL {
		t.Fatalf("Open(%s) = %v (code %q), want %s", uri, err, kg.ErrorCode(err), kg.EUNAVAIL)
	}
	for _, want := range []string{uri, "unreachable after 3 attempts"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	// Two waits of 40ms and 80ms between three attempts, and no more.
	if elapsed < 120*time.Millisecond || elapsed > 10*time.Second {
		t.Errorf("Open gave up after %v, want backoff of 120ms plus connect time", elapsed)
	}
}

// A password written into the URI never appears in an error.
func TestOpenErrorMasksPassword(t *testing.T) {
	uri := "bolt://neo4j:s3cret-pass@127.0.0.1:" + strconv.Itoa(freePort(t))
	_, err := neo4j.Open(context.Background(), neo4j.Config{URI: uri, ConnectAttempts: 1})
	if err == nil || strings.Contains(err.Error(), "s3cret-pass") || !strings.Contains(err.Error(), "neo4j:xxxxx@127.0.0.1") {
		t.Fatalf("Open(%s) = %v, want an error with the password masked", uri, err)
	}
}

func TestOpenHonoursContext(t *testing.T) {
	uri := "bolt://127.0.0.1:" + strconv.Itoa(freePort(t))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := neo4j.Open(ctx, neo4j.Config{URI: uri, ConnectAttempts: 50, ConnectBackoff: 50 * time.Millisecond})
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("Open with a 100ms deadline: err %v after %v", err, time.Since(start))
	}
}

// TestKilledMidLoadRerunConverges kills the database in the middle of a
// load: the next write fails with an "unavailable" error within the retry
// bound, and after a restart a rerun of the whole load gives exactly the
// graph a clean load gives.
func TestKilledMidLoadRerunConverges(t *testing.T) {
	srv := neo4jtest.Launch(t) // a private server: this test kills it
	ctx := context.Background()
	corpus := synth.New(12, 2024)
	s, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI, Database: srv.Database, RetryTime: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)

	t0 := time.Now()
	if err := s.PutRegions(ctx, corpus.Regions); err != nil {
		t.Fatal(err)
	}
	var loadErr error
	for i, g := range corpus.Reports {
		if i == len(corpus.Reports)/2 {
			srv.Kill()
		}
		if loadErr = s.PutReport(ctx, g); loadErr != nil {
			if i < len(corpus.Reports)/2 {
				t.Fatalf("PutReport %s before the kill: %v", g.Report.ID, loadErr)
			}
			break
		}
	}
	if kg.ErrorCode(loadErr) != kg.EUNAVAIL || !strings.Contains(loadErr.Error(), "put report") {
		t.Fatalf("load after kill: %v (code %q), want a %s error naming the report", loadErr, kg.ErrorCode(loadErr), kg.EUNAVAIL)
	}

	// What an API client would read names no address and no driver type;
	// the error itself (logs, the load command) keeps the cause.
	if msg := kg.ErrorMessage(loadErr); strings.Contains(msg, "127.0.0.1") || strings.Contains(msg, "Error:") {
		t.Errorf("user-facing message %q carries driver text", msg)
	}
	if !strings.Contains(loadErr.Error(), "127.0.0.1") {
		t.Errorf("error %q lost the cause", loadErr)
	}
	t.Logf("load failed after kill (%v): %v", time.Since(t0), loadErr)
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	t.Logf("restarted (%v)", time.Since(t0))
	load(t, s, corpus)
	t.Logf("reloaded (%v)", time.Since(t0)) // the same store: the driver reconnects by itself

	ref := memory.New()
	load(t, ref, corpus)
	want, err := storetest.Dump(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	got, err := storetest.Dump(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("graph after kill and rerun differs from a clean load:\n%s", firstDiff(got, want))
	}
}

func load(t *testing.T, s kg.Store, c *synth.Corpus) {
	t.Helper()
	ctx := context.Background()
	if err := s.PutRegions(ctx, c.Regions); err != nil {
		t.Fatalf("PutRegions: %v", err)
	}
	for _, g := range c.Reports {
		if err := s.PutReport(ctx, g); err != nil {
			t.Fatalf("PutReport %s: %v", g.Report.ID, err)
		}
	}
	if err := s.PutLinks(ctx, c.Links); err != nil {
		t.Fatalf("PutLinks: %v", err)
	}
}

// firstDiff shows the first differing line of two dumps with context.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			lo := max(0, i-3)
			return "got:\n" + strings.Join(g[lo:min(len(g), i+3)], "\n") + "\nwant:\n" + strings.Join(w[lo:min(len(w), i+3)], "\n")
		}
	}
	return "lengths differ: " + strconv.Itoa(len(g)) + " vs " + strconv.Itoa(len(w)) + " lines"
}
