package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/synthcorpus"
	"github.com/reportgraph/reportgraph/transport"
)

// mustRunMain starts the real server on a free loopback port with args,
// waits until /healthz says the corpus is loaded and returns its base URL.
// stop cancels run's context and returns run's result once it has shut
// down; the test's cleanup stops it too.
func mustRunMain(t testing.TB, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
		done <- err
	}()
	baseURL := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "playground: "); ok {
				baseURL <- strings.TrimSuffix(rest, "/")
			}
		}
		io.Copy(io.Discard, pr) // keep draining so logging never blocks
	}()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			done <- err // a second stop sees the same result
			return err
		case <-time.After(15 * time.Second):
			return fmt.Errorf("no graceful shutdown within 15s")
		}
	}
	t.Cleanup(func() { stop() })
	var url string
	select {
	case url = <-baseURL:
	case err := <-done:
		t.Fatalf("run returned before listening: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("no playground line within 30s")
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("healthz status %d", resp.StatusCode)
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("healthz not 200 within 60s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return url, stop
}

func postJSON(t *testing.T, url, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// TestServerEndToEnd runs the whole program: bundled corpus, real store,
// real HTTP, then a graceful stop.
func TestServerEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole corpus")
	}
	base, stop := mustRunMain(t)
	gql := base + "/graphql"

	t.Run("contract query over POST with CORS", func(t *testing.T) {
		q := `{"query":"{ region(name: \"奈曼旗\") { name level parent { name parent { name } } } }"}`
		resp, body := postJSON(t, gql, q, map[string]string{"Origin": "https://analyst.example"})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var got struct {
			Data struct {
				Region struct {
					Name, Level string
					Parent      struct {
						Name   string
						Parent struct{ Name string }
					}
				}
			}
			Errors []any
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Errors) > 0 {
			t.Fatalf("body %s: %v", body, err)
		}
		r := got.Data.Region
		if r.Level != "COUNTY" || r.Parent.Name != "通辽市" || r.Parent.Parent.Name != "内蒙古自治区" {
			t.Errorf("region %+v", r)
		}
		if o := resp.Header.Get("Access-Control-Allow-Origin"); o != "*" {
			t.Errorf("Access-Control-Allow-Origin %q, want *", o)
		}
		if c := resp.Header.Get("Access-Control-Allow-Credentials"); c != "" {
			t.Errorf("credentials allowed: %q", c)
		}
	})

	t.Run("query over GET", func(t *testing.T) {
		resp, err := http.Get(gql + "?query=" + url.QueryEscape(`{ reports { year } }`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"year"`) {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
	})

	t.Run("CORS preflight", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodOptions, gql, nil)
		req.Header.Set("Origin", "https://analyst.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 2 || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
			t.Fatalf("preflight status %d headers %v", resp.StatusCode, resp.Header)
		}
	})

	t.Run("bad JSON", func(t *testing.T) {
		resp, body := postJSON(t, gql, `{"query": `, nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"errors"`) {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
	})

	t.Run("lists priced by the loaded corpus", func(t *testing.T) {
		// At fixed estimates (10 reports of 50 entities with 10 parts)
		// this cost about 10,000; the bundled corpus holds 28 reports of
		// up to 167 entities with up to 33 parts: over the limit.
		q := `{"query":"{ reports { entities { parts { id } } } }"}`
		resp, body := postJSON(t, gql, q, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "COMPLEXITY_LIMIT_EXCEEDED") {
			t.Fatalf("status %d: %.300s", resp.StatusCode, body)
		}
	})

	t.Run("huge body", func(t *testing.T) {
		huge := `{"query":"{ reports { year } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
		resp, body := postJSON(t, gql, huge, nil)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "REQUEST_TOO_LARGE") {
			t.Fatalf("status %d: %.200s", resp.StatusCode, body)
		}
	})

	t.Run("metrics count the requests above", func(t *testing.T) {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		for _, want := range []string{`reportgraph_http_requests_total{code="413",path="/graphql"} 1`, `reportgraph_store_calls_total{method="PutReports"} 1`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("metrics lack %s:\n%s", want, b)
			}
		}
	})

	t.Run("playground, readyz and metrics", func(t *testing.T) {
		for _, path := range []string{"/", "/readyz", "/metrics"} {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: status %d", path, resp.StatusCode)
			}
		}
	})

	if err := stop(); err != nil {
		t.Errorf("run after shutdown: %v", err)
	}
}

// TestHealthBeforeLoad checks the health and GraphQL endpoints refuse
// service while the corpus is loading and serve once it is.
// TestServerSynthetic serves a synthetic corpus written by
// cmd/synthcorpus's package into a folder, as scripts/loadtest.sh does:
// every planned report answers by id with its file as source.
func TestServerSynthetic(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the corpus")
	}
	const n = 12
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, err := synthcorpus.Bundled(tree, synthcorpus.Options{N: n, Seed: 1, WithSamples: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files, err := c.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base, _ := mustRunMain(t, "-reports", dir)
	gql := base + "/graphql"

	_, body := postJSON(t, gql, `{"query":"{ reports { source } }"}`, nil)
	var all struct {
		Data struct{ Reports []struct{ Source string } }
	}
	if err := json.Unmarshal([]byte(body), &all); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	bundled, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(all.Data.Reports), n+len(bundled); got != want {
		t.Errorf("%d reports, want %d (%d synthetic + %d bundled)", got, want, n, len(bundled))
	}
	for _, sp := range c.Specs() {
		r, _ := tree.ByID(sp.RegionID)
		q, _ := json.Marshal(map[string]any{
			"query":     `query($id: ID!) { node(id: $id) { ... on Report { source year region { id } } } }`,
			"variables": map[string]string{"id": kg.ReportID(r.Code, sp.Year)},
		})
		_, body := postJSON(t, gql, string(q), nil)
		var got struct {
			Data struct {
				Node *struct {
					Source string
					Year   int
					Region struct{ ID string }
				}
			}
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		if nd := got.Data.Node; nd == nil || nd.Source != sp.Name || nd.Year != sp.Year || nd.Region.ID != sp.RegionID {
			t.Errorf("%s: node answered %s", sp.Name, body)
		}
	}
}

func TestHealthBeforeLoad(t *testing.T) {
	var ready atomic.Bool
	cfg, err := parseConfig(serveFlags(), nil, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	h := routes(cfg, memory.New(), &ready, quietLog(), transport.NewMetrics(), &graph.CorpusLimits{})
	for _, loaded := range []bool{false, true} {
		ready.Store(loaded)
		want := http.StatusServiceUnavailable
		if loaded {
			want = http.StatusOK
		}
		for _, path := range []string{"/healthz", "/readyz"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != want {
				t.Errorf("loaded=%v %s: status %d, want %d", loaded, path, rec.Code, want)
			}
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ regions { name } }"}`))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("loaded=%v /graphql: status %d, want %d (%s)", loaded, rec.Code, want, rec.Body)
		}
	}
}

func TestCORSAllowList(t *testing.T) {
	env := map[string]string{"CORS_ORIGINS": "https://a.example, https://b.example"}
	cfg, err := parseConfig(serveFlags(), nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	var ready atomic.Bool
	ready.Store(true)
	h := routes(cfg, memory.New(), &ready, quietLog(), transport.NewMetrics(), &graph.CorpusLimits{})
	for origin, allowed := range map[string]bool{"https://a.example": true, "https://b.example": true, "https://evil.example": false} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ regions { name } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", origin)
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("Access-Control-Allow-Origin")
		if allowed && got != origin || !allowed && got != "" {
			t.Errorf("origin %s: Access-Control-Allow-Origin %q", origin, got)
		}
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want func(config) string // "" when fine, else what is wrong
	}{
		{"defaults", nil, nil, func(c config) string {
			if c.Addr != ":8080" || c.Reports != "" || c.Store != "memory" || !c.Introspection || fmt.Sprint(c.CORSOrigins) != "[*]" {
				return fmt.Sprintf("%+v", c)
			}
			return ""
		}},
		{"PORT replaces the port", []string{"-addr", "127.0.0.1:9000"}, map[string]string{"PORT": "7000"}, func(c config) string {
			if c.Addr != "127.0.0.1:7000" {
				return c.Addr
			}
			return ""
		}},
		{"flags", []string{"-reports", "/tmp/r", "-introspection=false", "-cors-origins", "https://x.example"}, nil, func(c config) string {
			if c.Reports != "/tmp/r" || c.Introspection || fmt.Sprint(c.CORSOrigins) != "[https://x.example]" {
				return fmt.Sprintf("%+v", c)
			}
			return ""
		}},
		{"statistics files", []string{"-stats", "a.csv, b.csv,"}, nil, func(c config) string {
			if fmt.Sprint(c.Stats) != "[a.csv b.csv]" {
				return fmt.Sprintf("%q", c.Stats)
			}
			return ""
		}},
		{"environment", nil, map[string]string{"INTROSPECTION": "false", "REPORTS_DIR": "/srv/reports", "STATS_FILES": "/srv/yearbook.csv"}, func(c config) string {
			if c.Introspection || c.Reports != "/srv/reports" || fmt.Sprint(c.Stats) != "[/srv/yearbook.csv]" {
				return fmt.Sprintf("%+v", c)
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(serveFlags(), tt.args, func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.want(cfg); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestRunRejectsBadInvocations(t *testing.T) {
	ctx := context.Background()
	for _, args := range [][]string{{"frobnicate"}, {"-no-such-flag"}, {"-store", "cassandra", "-addr", "127.0.0.1:0"}} {
		if err := run(ctx, args, io.Discard, io.Discard); err == nil {
			t.Errorf("run %q: no error", args)
		}
	}
	// A -reports that cannot be read is refused before the server
	// announces itself, with the path named.
	file := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(file, []byte("各位代表"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		"/no/such/dir": "-reports /no/such/dir: no such directory",
		file:           "-reports " + file + ": not a directory",
	} {
		var out strings.Builder
		err := run(ctx, []string{"-reports", dir, "-addr", "127.0.0.1:0"}, &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("-reports %s: error %v, want %q", dir, err, want)
		}
		if out.Len() > 0 {
			t.Errorf("-reports %s: printed %q before refusing", dir, out.String())
		}
	}
	// So is a -stats file that is not there.
	var out strings.Builder
	err := run(ctx, []string{"-stats", "/no/such/stats.csv", "-addr", "127.0.0.1:0"}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-stats /no/such/stats.csv: no such file") || out.Len() > 0 {
		t.Errorf("-stats of a missing file: %v, printed %q", err, out.String())
	}
}

// TestLoadStatisticsLogs: each statistics file's rows left out are logged
// one line each with file, line and reason, a file that fails whole in
// one line naming it, and what loads is in the store.
func TestLoadStatisticsLogs(t *testing.T) {
	ctx := context.Background()
	s := nationStore(t)
	good := writeStatsFile(t, "nation.csv", "region_code,year,indicator,value,unit\n000000,2024,gdp,5,%\n000000,20x4,gdp,5,%\n")
	bad := writeStatsFile(t, "broken.csv", "year,value\n2024,5\n")
	var logs strings.Builder
	loadStatistics(ctx, s, []string{bad, good}, slog.New(slog.NewTextHandler(&logs, nil)))
	for _, want := range []string{"skip statistics file", "broken.csv", "lacks the column(s) region_code, indicator",
		`row="nation.csv:3: year \"20x4\" is not a year"`, "statistics=1 rowsLeftOut=1"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
	if got, err := s.FindStatistics(ctx, kg.StatisticFilter{}); err != nil || len(got) != 1 {
		t.Errorf("stored %d statistics (%v), want nation.csv's one", len(got), err)
	}
}

// serveFlags is serve's flag set from the command table, writing nowhere.
func serveFlags() *flag.FlagSet {
	c, _ := find(commands(), "serve")
	return c.flagSet(io.Discard)
}

func quietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// TestTrickledBodyIsCut: a client sending its body a byte at a time loses
// the connection at the read timeout instead of holding it for good.
func TestTrickledBodyIsCut(t *testing.T) {
	base, _ := mustRunMain(t, "-read-timeout", "500ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprint(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
	go func() {
		for range 100 {
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	// The server cuts the connection: EOF, or a reset when it closes while
	// the client's next byte is in flight. Only the read deadline passing
	// means it was left open.
	if _, err := io.Copy(io.Discard, conn); errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("connection still open after %v: %v", time.Since(start).Round(time.Millisecond), err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("connection closed after %v, want about the 500ms read timeout", d.Round(time.Millisecond))
	}
}

// TestShutdownWithAStuckClient: a stop requested while a client holds a
// connection open (trickling its body) ends within the request limit plus
// its margin, without an error; it used to wait out a fixed deadline and
// fail.
func TestShutdownWithAStuckClient(t *testing.T) {
	base, stop := mustRunMain(t, "-timeout", "1s", "-read-timeout", "1m")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	time.Sleep(200 * time.Millisecond) // the server is reading the body
	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("stop took %v, want about the 1s request limit plus 5s", d.Round(time.Millisecond))
	}
}

// TestRemeasureFollowsTheStore: a server on a shared database prices its
// lists by what another process has loaded since, within an interval.
func TestRemeasureFollowsTheStore(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := memory.New()
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutRegions(ctx, tree.Regions()); err != nil {
		t.Fatal(err)
	}
	limits := &graph.CorpusLimits{}
	if err := measureCorpus(ctx, s, limits, quietLog()); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { remeasure(ctx, s, limits, quietLog(), 5*time.Millisecond); close(done) }()

	// Another loader writes the bundled corpus.
	if _, err := (&ingest.Ingester{Store: s, Regions: tree}).LoadFS(ctx, data.Reports()); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(s, graph.Options{MaxComplexity: 1, Logger: quietLog(), Corpus: limits})
	cost := func() float64 {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ reports { id } }"}`))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		var out struct {
			Errors []struct{ Extensions map[string]any }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer %s: %v", rec.Body, err)
		}
		if len(out.Errors) == 0 {
			return 0 // priced within the limit of 1: nothing measured yet
		}
		c, ok := out.Errors[0].Extensions["complexity"].(float64)
		if !ok {
			t.Fatalf("answer %s: not a complexity refusal", rec.Body)
		}
		return c
	}
	deadline := time.Now().Add(10 * time.Second)
	for cost() < 28*2 {
		if time.Now().After(deadline) {
			t.Fatalf("reports { id } still priced %v after the load, want the 28 loaded reports", cost())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("remeasure did not stop with its context")
	}
}

// TestLoadStatisticsFilesPrints: load -stats prints each file's count and
// each row left out, goes on past a file that fails and returns its error.
func TestLoadStatisticsFilesPrints(t *testing.T) {
	ctx := context.Background()
	s := nationStore(t)
	good := writeStatsFile(t, "nation.csv", "region_code,year,indicator,value,unit\n000000,2024,gdp,5,%\n999999,2024,gdp,5,%\n")
	bad := writeStatsFile(t, "broken.csv", "\x89PNG\r\n\x1a\n")
	var out strings.Builder
	err := loadStatisticsFiles(ctx, s, []string{bad, good}, &out)
	if err == nil || !strings.Contains(err.Error(), "broken.csv") {
		t.Errorf("error %v, want the broken file's", err)
	}
	for _, want := range []string{"skip statistics file " + bad + ": binary data, not text", "statistics " + good + ": 1 loaded, 1 rows left out",
		"  nation.csv:3: region_code 999999 names no known region"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// nationStore is an embedded store holding the nation alone: enough for a
// statistics file to name a region.
func nationStore(t *testing.T) kg.Store {
	t.Helper()
	s := memory.New()
	nation := kg.Region{ID: kg.RegionID(kg.NationalCode), Code: kg.NationalCode, Name: "中华人民共和国", Level: kg.LevelNational}
	if err := s.PutRegions(context.Background(), []kg.Region{nation}); err != nil {
		t.Fatal(err)
	}
	return s
}

// writeStatsFile writes a statistics file of the test's own and returns
// its path.
func writeStatsFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
