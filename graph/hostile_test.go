package graph_test

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/graph"
)

// attack is one hostile request: its raw body (or a GET query string)
// and the codes an answer may carry.
type attack struct {
	name  string
	body  []byte // POST body; nil for a GET of query
	query string
	codes []string
}

// hostileRequests are the attacks issue 23 found, and those that already
// held, each as the request an attacker sends.
func hostileRequests() []attack {
	post := func(name, q string, codes ...string) attack {
		b := fmt.Appendf(nil, `{"query":%q}`, q)
		return attack{name: name, body: b, codes: codes}
	}
	var bomb strings.Builder
	bomb.WriteString("query { ...F0 }\n")
	for i := range 60 {
		fmt.Fprintf(&bomb, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	bomb.WriteString("fragment F60 on Query { regions { name } }")
	var regionAliases, searchAliases strings.Builder
	for i := range 99 {
		fmt.Fprintf(&regionAliases, "r%d: regions { name code level parent { name } } ", i)
	}
	for i := range 18000 {
		fmt.Fprintf(&searchAliases, "s%d: searchConnection(text: \"工程\", first: 1) { totalCount } ", i)
	}
	overflow := base64.StdEncoding.EncodeToString([]byte("pos:9223372036854775807"))
	return []attack{
		post("fragment bomb, 60 fragments each spreading the next twice", bomb.String(), graph.CodeComplexityLimit, graph.CodeDepthLimit),
		post("depth bomb", `{ region(name: "奈曼旗") { `+strings.Repeat("parent { children { ", 15)+"name "+strings.Repeat("} } ", 15)+"} }", graph.CodeDepthLimit),
		post("99 aliases of every region", "{ "+regionAliases.String()+"}", graph.CodeComplexityLimit),
		post("18,000 one-row searches", "{ "+searchAliases.String()+"}", graph.CodeComplexityLimit, graph.CodeRequestTooLarge),
		post("every report's every entity's parts", "{ reports { entities { parts { id evidence { text } } } } }", graph.CodeComplexityLimit),
		post("cursor past the largest int", fmt.Sprintf(`{ searchConnection(text: "工程", first: 5, after: %q) { totalCount } }`, overflow), graph.CodeBadUserInput),
		post("page size past the cap", `{ search(text: "工程", first: 100000) { name } }`, graph.CodeBadUserInput, graph.CodeComplexityLimit),
		post("unknown field", `{ region(name: "奈曼旗") { nam } }`, "GRAPHQL_VALIDATION_FAILED"),
		{name: "body of one array", body: []byte(`[{"query":"{ regions { name } }"}]`), codes: []string{graph.CodeBadRequest}},
		{name: "1 MiB of 0xFF", body: bytes.Repeat([]byte{0xff}, 1<<20), codes: []string{graph.CodeBadRequest, graph.CodeRequestTooLarge}},
		{name: "2 MiB of variables", body: []byte(`{"query":"{ reports { year } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`),
			codes: []string{graph.CodeRequestTooLarge}},
		{name: "a 900 KB document of garbage", body: fmt.Appendf(nil, `{"query":%q}`, "{ "+strings.Repeat("x(", 300000)), codes: []string{"GRAPHQL_PARSE_FAILED", graph.CodeDepthLimit}},
		{name: "GET with a mutation-looking body", query: "query=" + strings.Repeat("%7B", 5000), codes: []string{"GRAPHQL_PARSE_FAILED", graph.CodeDepthLimit}},
	}
}

// TestHostileClients sends every attack to the handler over the bundled
// corpus, priced by its measured bounds as the server does, and bounds
// each answer: a coded error, under 100 ms (the best of three runs, so a
// busy machine's one slow run does not fail it), at most 64 MiB
// allocated, and an answer of at most 4 KB that repeats nothing of the
// request.
func TestHostileClients(t *testing.T) {
	h := pricedHandler(t)
	for _, a := range hostileRequests() {
		t.Run(a.name, func(t *testing.T) {
			best := time.Hour
			var alloc uint64
			var rec *httptest.ResponseRecorder
			for range 3 {
				var req *http.Request
				if a.body != nil {
					req = httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(a.body))
					req.Header.Set("Content-Type", "application/json")
				} else {
					req = httptest.NewRequest(http.MethodGet, "/graphql?"+a.query, nil)
				}
				var took time.Duration
				rec, took, alloc = serveMeasured(h, req)
				best = min(best, took)
			}
			var resp response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("answer %.200s: %v", rec.Body, err)
			}
			if !slices.Contains(a.codes, resp.code()) {
				t.Errorf("code %q (%d errors), want one of %v: %.300s", resp.code(), len(resp.Errors), a.codes, rec.Body)
			}
			if best > 100*time.Millisecond {
				t.Errorf("answered in %v at best, want under 100 ms", best)
			}
			if alloc > 64<<20 {
				t.Errorf("allocated %d MiB, want at most 64", alloc>>20)
			}
			if n := rec.Body.Len(); n > 4<<10 {
				t.Errorf("answer of %d bytes: %.200s", n, rec.Body)
			}
			t.Logf("%s in %v, %d KiB allocated, %d-byte answer", resp.code(), best.Round(time.Microsecond), alloc>>10, rec.Body.Len())
		})
	}
}

// heaviestLegal are selections a client may repeat under aliases as often
// as the guards allow: every list field at its widest, with nested lists.
var heaviestLegal = []struct{ name, selection string }{
	{"regions with parent and ancestors", `regions { id name code level parent { name } ancestors { name } }`},
	{"every region under the country", `region(name: "中华人民共和国") { descendants { id name code level parent { name } } }`},
	{"a region's reports, entities with evidence", `reports(region: "内蒙古自治区") { title entities { id name kind evidence { section text } } }`},
	{"search pages with evidence", `search(text: "工程", first: 100) { id name region { name } report { year } evidence { section text } }`},
	{"a spread with every link", `spread(id: "entity/150000/2024/e6c20b766b88") { levels { regionsConnection(first: 50) { nodes { region { name } linksConnection(first: 10) { nodes { entity { name } evidence { text } } } } } } gapsConnection(first: 100) { nodes { name } } }`},
	{"target comparison pages", `targetComparison(filter: {indicator: "gdp"}, first: 100) { nodes { region { name ancestors { name } } year target { value evidence { text } } result { value evidence { text } } } }`},
}

// TestHeaviestLegalRequests measures what one request can cost when it
// passes every guard: for each selection above, as many aliases of it as
// the complexity limit admits (doubling until refused, then halving the
// gap). Each must answer within the deadline, under the response ceiling
// and under 256 MiB allocated; the figures it logs are docs/api.md's
// "what one request can take".
func TestHeaviestLegalRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy requests; skipped with -short")
	}
	h := pricedHandler(t)
	send := func(n int, selection string) (response, *httptest.ResponseRecorder, time.Duration, uint64) {
		var q strings.Builder
		q.WriteString("{ ")
		for i := range n {
			fmt.Fprintf(&q, "a%d: %s ", i, selection)
		}
		q.WriteString("}")
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(fmt.Appendf(nil, `{"query":%q}`, q.String())))
		req.Header.Set("Content-Type", "application/json")
		rec, took, alloc := serveMeasured(h, req)
		var resp response
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("answer %.200s: %v", rec.Body, err)
		}
		return resp, rec, took, alloc
	}
	for _, hv := range heaviestLegal {
		t.Run(hv.name, func(t *testing.T) {
			n := 0
			var resp response
			var rec *httptest.ResponseRecorder
			var took time.Duration
			var alloc uint64
			for try := 1; try <= 1<<12; try *= 2 {
				r, rc, d, a := send(try, hv.selection)
				if r.code() == graph.CodeComplexityLimit {
					if try == 1 {
						t.Fatalf("one alias is refused: %.300s", rc.Body)
					}
					break
				}
				n, resp, rec, took, alloc = try, r, rc, d, a
			}
			// between the last admitted power of two and the refused one
			for lo, hi := n, 2*n; hi-lo > 1; {
				mid := (lo + hi) / 2
				if r, rc, d, a := send(mid, hv.selection); r.code() == graph.CodeComplexityLimit {
					hi = mid
				} else {
					lo, n, resp, rec, took, alloc = mid, mid, r, rc, d, a
				}
			}
			if len(resp.Errors) > 0 && resp.code() != graph.CodeResponseTooLarge {
				t.Errorf("%d aliases: %s %.300s", n, resp.code(), rec.Body)
			}
			if took > 10*time.Second {
				t.Errorf("%d aliases took %v, past the deadline", n, took)
			}
			if alloc > 256<<20 {
				t.Errorf("%d aliases allocated %d MiB, want at most 256", n, alloc>>20)
			}
			t.Logf("%d aliases admitted: %s in %v, %d MiB allocated, %d KiB answered",
				n, cmp.Or(resp.code(), "OK"), took.Round(time.Millisecond), alloc>>20, rec.Body.Len()>>10)
		})
	}
}

// pricedHandler serves the bundled corpus with list costs priced by its
// measured bounds, as the server does.
func pricedHandler(t *testing.T) http.Handler {
	t.Helper()
	s := corpus(t)
	b, err := graph.MeasureCorpus(t.Context(), s)
	must(t, err)
	limits := &graph.CorpusLimits{}
	limits.Set(b)
	return graph.NewHandler(s, graph.Options{Logger: quiet, Corpus: limits})
}

// serveMeasured serves one request and says how long it took and how many
// bytes the process allocated meanwhile.
func serveMeasured(h http.Handler, req *http.Request) (*httptest.ResponseRecorder, time.Duration, uint64) {
	rec := httptest.NewRecorder()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	h.ServeHTTP(rec, req)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return rec, took, after.TotalAlloc - before.TotalAlloc
}
