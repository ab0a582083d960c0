package graph_test

import (
	"bytes"
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
	s := corpus(t)
	b, err := graph.MeasureCorpus(t.Context(), s)
	must(t, err)
	limits := &graph.CorpusLimits{}
	limits.Set(b)
	h := graph.NewHandler(s, graph.Options{Logger: quiet, Corpus: limits})
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
				rec = httptest.NewRecorder()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				start := time.Now()
				h.ServeHTTP(rec, req)
				best = min(best, time.Since(start))
				runtime.ReadMemStats(&after)
				alloc = after.TotalAlloc - before.TotalAlloc
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
