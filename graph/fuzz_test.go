package graph_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/graph"
)

// leaks are texts that must never reach a client: Go's panics and type
// names, which a decoding or resolver failure used to echo.
var leaks = []string{"goroutine ", "runtime error", "panic", "graphql.RawParams", "json: cannot", "Go value", "*kg.", "neo4j"}

// checkAnswer fails t unless body is one coded GraphQL answer: JSON with
// data or errors, every error carrying extensions.code, nothing internal,
// and no status 500.
func checkAnswer(t *testing.T, status int, body []byte) {
	t.Helper()
	if status >= 500 {
		t.Fatalf("status %d: %.300s", status, body)
	}
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("answer is no JSON (%v): %.300s", err, body)
	}
	if len(resp.Data) == 0 && len(resp.Errors) == 0 {
		t.Fatalf("answer has neither data nor errors: %.300s", body)
	}
	for _, e := range resp.Errors {
		if c, _ := e.Extensions["code"].(string); c == "" || c == graph.CodeInternal {
			t.Fatalf("error %q coded %q: %.300s", e.Message, c, body)
		}
	}
	for _, l := range leaks {
		if bytes.Contains(body, []byte(l)) {
			t.Fatalf("answer shows %q: %.300s", l, body)
		}
	}
}

// FuzzGraphQLRequest sends arbitrary documents and variables through the
// whole handler (parser, validation, depth and cost guards, resolvers):
// every one must get a coded answer, fast, and never an internal error.
// CI runs it briefly (.ci/run); the seeds are the playground's examples
// and the attacks of issue 23.
func FuzzGraphQLRequest(f *testing.F) {
	s, _ := newFixture(f)
	h := graph.NewHandler(s, graph.Options{Logger: quiet, Timeout: 2 * time.Second})
	files, _ := filepath.Glob("../web/examples/*.graphql")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), `{"id": "entity/150000/2024/e6c20b766b88"}`)
	}
	bomb := "query { ...F0 }\n"
	for i := range 30 {
		bomb += "fragment F" + itoa(i) + " on Query { ...F" + itoa(i+1) + " ...F" + itoa(i+1) + " }\n"
	}
	bomb += "fragment F30 on Query { regions { name } }"
	for _, seed := range [][2]string{
		{bomb, ``},
		{"{ " + strings.Repeat("a: regions { children { ", 20) + strings.Repeat("} } ", 20) + "}", ``},
		{`query($a: Int) { search(text: "工程", first: $a) { name } }`, `{"a": 9223372036854775807}`},
		{`query($c: String) { searchConnection(text: "工程", first: 5, after: $c) { totalCount } }`, `{"c": "cG9zOjkyMjMzNzIwMzY4NTQ3NzU4MDc="}`},
		{`{ node(id: "entity/") { id } }`, ``},
		{`{ __schema { types { name } } }`, ``},
		{`{ reports { entitiesConnection(first: 100, after: "x") { totalCount } } }`, ``},
		{"{", ``},
		{"\xff\xfe", `[]`},
		{`{ region(name: "奈曼旗") { nam } }`, `null`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, q, vars string) {
		body := map[string]any{"query": q}
		if json.Valid([]byte(vars)) {
			body["variables"] = json.RawMessage(vars)
		}
		raw, err := json.Marshal(body)
		if err != nil {
			t.Skip() // not a request a client can send
		}
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(raw))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("answered in %v, past the 2 s limit: %.200q", d, q)
		}
		checkAnswer(t, rec.Code, rec.Body.Bytes())
	})
}

// FuzzCursor pages search with arbitrary cursors, raw and as base64 of
// arbitrary text: a cursor of pos:9223372036854775807 once panicked.
func FuzzCursor(f *testing.F) {
	s, _ := newFixture(f)
	h := graph.NewHandler(s, graph.Options{Logger: quiet})
	for _, seed := range []string{"pos:0", "pos:9223372036854775807", "pos:-1", "pos:", "", "x", "pos:1e9", "pos:00000000000000000000001"} {
		f.Add(seed)
	}
	q := `query($c: String, $n: Int) { searchConnection(text: "工程", first: $n, after: $c) { totalCount edges { cursor } } }`
	f.Fuzz(func(t *testing.T, c string) {
		for _, cursor := range []string{c, base64.StdEncoding.EncodeToString([]byte(c))} {
			raw, err := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"c": cursor, "n": 3}})
			if err != nil {
				t.Skip()
			}
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(raw))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			checkAnswer(t, rec.Code, rec.Body.Bytes())
		}
	})
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
