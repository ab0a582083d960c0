package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestDepthLimit(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{MaxDepth: 4, Logger: quiet})
	tests := []struct {
		name, query string
		ok          bool
	}{
		{"at the limit", `{ region(name: "奈曼") { parent { parent { name } } } }`, true},
		{"one too deep", `{ region(name: "奈曼") { parent { parent { parent { name } } } } }`, false},
		{"too deep through fragments", `{ region(name: "奈曼") { ...P } }
			fragment P on Region { parent { ...Q } } fragment Q on Region { parent { parent { name } } }`, false},
		{"too deep through an inline fragment", `{ node(id: "region/150525") { ... on Region { parent { parent { parent { name } } } } } }`, false},
		{"__typename does not count", `{ region(name: "奈曼") { parent { parent { __typename } } } }`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := query(t, h, tt.query, nil)
			if tt.ok {
				if len(resp.Errors) > 0 {
					t.Fatalf("unexpected errors %+v", resp.Errors)
				}
				return
			}
			if resp.code() != graph.CodeDepthLimit || !strings.Contains(resp.Errors[0].Message, "exceeds the limit of 4") {
				t.Fatalf("want %s, got %+v", graph.CodeDepthLimit, resp.Errors)
			}
		})
	}
}

func TestComplexityLimit(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{MaxComplexity: 1000, Logger: quiet})
	// search costs first × its selection: 20 × 2 fits, 100 × 30 does not.
	if resp := query(t, h, `{ search(text: "工程") { name region { name } } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("cheap query rejected: %+v", resp.Errors)
	}
	resp := query(t, h, `{ search(text: "工程", first: 100) { name parts { name implementedBy { name } } } }`, nil)
	if resp.code() != graph.CodeComplexityLimit || !strings.Contains(resp.Errors[0].Message, "exceeds the limit of 1000") {
		t.Fatalf("want %s, got %+v", graph.CodeComplexityLimit, resp.Errors)
	}
	// Nested unpaged lists are priced by their estimated size.
	resp = query(t, h, `{ regions { children { reports { name: title } } } }`, nil)
	if resp.code() != graph.CodeComplexityLimit {
		t.Fatalf("want %s for nested lists, got %+v", graph.CodeComplexityLimit, resp.Errors)
	}
}

func TestBodyLimit(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{MaxBodyBytes: 1024, Logger: quiet})
	big := `{"query":"{ regions { name } }","variables":{"pad":"` + strings.Repeat("x", 2048) + `"}}`
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(body) // hides the length: no Content-Length
		}
		req := httptest.NewRequest(http.MethodPost, "/graphql", body)
		if chunked {
			req.ContentLength = -1
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), graph.CodeRequestTooLarge) {
			t.Errorf("chunked=%v: status %d body %s", chunked, rec.Code, rec.Body)
		}
	}
	if resp := query(t, h, `{ regions { name } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("small request rejected: %+v", resp.Errors)
	}
}

// blocking is a store whose reads wait for the request's context to end,
// like a remote store that stopped answering.
type blocking struct{ kg.Store }

func (b blocking) FindRegions(ctx context.Context, _ kg.RegionFilter) ([]*kg.Region, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestTimeout(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(blocking{s}, graph.Options{Timeout: 50 * time.Millisecond, Logger: quiet})
	start := time.Now()
	resp := query(t, h, `{ regions { name } }`, nil)
	if resp.code() != graph.CodeTimeout {
		t.Fatalf("want %s, got %+v", graph.CodeTimeout, resp.Errors)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("answered after %v", d)
	}
}

// countingCache records how often a parsed document is found in the cache.
type countingCache struct {
	*lru.LRU[*ast.QueryDocument]
	hits atomic.Int64
}

func (c *countingCache) Get(ctx context.Context, key string) (*ast.QueryDocument, bool) {
	v, ok := c.LRU.Get(ctx, key)
	if ok {
		c.hits.Add(1)
	}
	return v, ok
}

func TestQueryCache(t *testing.T) {
	s, _ := newFixture(t)
	cache := &countingCache{LRU: lru.New[*ast.QueryDocument](10)}
	h := graph.NewHandler(s, graph.Options{QueryCache: cache, Logger: quiet})
	q := `{ region(name: "锡盟") { name } }`
	for i := range 3 {
		if resp := query(t, h, q, nil); len(resp.Errors) > 0 {
			t.Fatalf("run %d: %+v", i, resp.Errors)
		}
	}
	if got := cache.hits.Load(); got != 2 {
		t.Errorf("cache hits %d, want 2 (parsed once, reused twice)", got)
	}
}

func TestPersistedQueries(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{Logger: quiet})
	q := `{ region(name: "锡盟") { name } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}

	resp := post(t, h, map[string]any{"extensions": ext})
	if resp.code() != graph.CodePersistedQueryNotFnd {
		t.Fatalf("unknown hash: want %s, got %+v", graph.CodePersistedQueryNotFnd, resp.Errors)
	}
	if resp = post(t, h, map[string]any{"query": q, "extensions": ext}); len(resp.Errors) > 0 {
		t.Fatalf("register: %+v", resp.Errors)
	}
	resp = post(t, h, map[string]any{"extensions": ext})
	if len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), "锡林郭勒盟") {
		t.Fatalf("hash only: data %s errors %+v", resp.Data, resp.Errors)
	}
	bad := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("0", 64)}}
	if resp = post(t, h, map[string]any{"query": q, "extensions": bad}); resp.code() != graph.CodeBadRequest {
		t.Fatalf("mismatched hash: want %s, got %+v", graph.CodeBadRequest, resp.Errors)
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	s, _ := newFixture(t)
	// A GraphiQL-style query nests ofType deeply; introspection fields do
	// not count towards the depth limit, so it works when allowed.
	q := `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } } } }`
	on := graph.NewHandler(s, graph.Options{Introspection: true, Logger: quiet})
	if resp := query(t, on, q, nil); len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), `"Region"`) {
		t.Fatalf("introspection on: %+v", resp.Errors)
	}
	off := graph.NewHandler(s, graph.Options{Introspection: false, Logger: quiet})
	for _, q := range []string{q, `{ __type(name: "Region") { name } }`} {
		if resp := query(t, off, q, nil); resp.code() != graph.CodeIntrospectionOff {
			t.Fatalf("introspection off: want %s, got %+v", graph.CodeIntrospectionOff, resp.Errors)
		}
	}
	if resp := query(t, off, `{ region(name: "锡盟") { __typename name } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("__typename must stay available: %+v", resp.Errors)
	}
	// A typo is refused without suggesting the field names it is close to,
	// which would list the schema one guess at a time.
	resp := query(t, off, `{ region(name: "锡盟") { nam } }`, nil)
	if len(resp.Errors) == 0 || strings.Contains(resp.Errors[0].Message, "Did you mean") || strings.Contains(resp.Errors[0].Message, `"name"`) {
		t.Fatalf("introspection off, typo: %+v", resp.Errors)
	}
}

// failing is a store that fails or panics on region lookups.
type failing struct {
	kg.Store
	panics bool
}

func (f failing) FindRegions(context.Context, kg.RegionFilter) ([]*kg.Region, error) {
	if f.panics {
		panic("store exploded at 10.0.0.7")
	}
	return nil, errors.New("dial tcp 10.0.0.7:7687: secret connection detail")
}

// unavailable is a store whose database is gone, failing as the Neo4j
// store does: a coded error whose cause holds the driver's text.
type unavailable struct{ kg.Store }

func (unavailable) FindRegions(context.Context, kg.RegionFilter) ([]*kg.Region, error) {
	cause := errors.New("TransactionExecutionLimit: timeout after 3 attempts, last error: ConnectivityError: dial tcp 10.0.0.7:7687: connection refused")
	return nil, fmt.Errorf("neo4j find regions: %w", kg.Wrap(kg.EUNAVAIL, "the graph database is unavailable", cause))
}

// TestUnavailableStoreIsCodedAndLogged: the client gets UNAVAILABLE and a
// plain message; the driver's text and the address go to the log only.
func TestUnavailableStoreIsCodedAndLogged(t *testing.T) {
	s, _ := newFixture(t)
	var logs strings.Builder
	h := graph.NewHandler(unavailable{s}, graph.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	resp := query(t, h, `{ regions { name } }`, nil)
	if resp.code() != graph.CodeUnavailable || resp.Errors[0].Message != "the graph database is unavailable" {
		t.Fatalf("got %+v", resp.Errors)
	}
	body, _ := json.Marshal(resp)
	for _, secret := range []string{"10.0.0.7", "ConnectivityError", "TransactionExecutionLimit"} {
		if strings.Contains(string(body), secret) {
			t.Errorf("response leaks %q: %s", secret, body)
		}
		if !strings.Contains(logs.String(), secret) {
			t.Errorf("log lacks %q: %s", secret, logs.String())
		}
	}
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	s, _ := newFixture(t)
	for _, panics := range []bool{false, true} {
		h := graph.NewHandler(failing{s, panics}, graph.Options{Logger: quiet})
		resp := query(t, h, `{ regions { name } }`, nil)
		if resp.code() != graph.CodeInternal || resp.Errors[0].Message != "internal server error" {
			t.Fatalf("panics=%v: %+v", panics, resp.Errors)
		}
		if strings.Contains(string(resp.Data)+resp.Errors[0].Message, "10.0.0.7") {
			t.Fatalf("panics=%v: internal detail leaked", panics)
		}
		// The handler keeps serving after a panic.
		if resp := query(t, h, `{ reports { id } }`, nil); len(resp.Errors) > 0 {
			t.Fatalf("after failure: %+v", resp.Errors)
		}
	}
}

// TestMalformedRequests: a body or query string gqlgen cannot decode gets
// a coded, fixed message, never the decoder's Go types or the body back.
func TestMalformedRequests(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{Logger: quiet})
	posts := map[string][]byte{
		"array":           []byte(`[1,2]`),
		"binary":          bytes.Repeat([]byte{0xff}, 1<<16),
		"query a number":  []byte(`{"query": 5}`),
		"variables array": []byte(`{"query":"{ regions { name } }","variables":[1]}`),
	}
	gets := map[string]string{
		"bad escape":          "query=%zz",
		"variables not JSON":  "query=" + url.QueryEscape("{ regions { name } }") + "&variables=x",
		"extensions an array": "query=" + url.QueryEscape("{ regions { name } }") + "&extensions=[1]",
	}
	check := func(t *testing.T, rec *httptest.ResponseRecorder) {
		t.Helper()
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || len(body) > 512 {
			t.Fatalf("status %d, %d bytes: %.200s", rec.Code, len(body), body)
		}
		for _, leak := range []string{"Go value", "RawParams", "map[string]", "interface", "\\ufffd", "body:"} {
			if strings.Contains(body, leak) {
				t.Errorf("answer leaks %q: %s", leak, body)
			}
		}
		var resp struct {
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != graph.CodeBadRequest {
			t.Errorf("want one %s error, got %s", graph.CodeBadRequest, body)
		}
	}
	for name, body := range posts {
		t.Run("POST "+name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			h.ServeHTTP(rec, req)
			check(t, rec)
		})
	}
	for name, q := range gets {
		t.Run("GET "+name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphql?"+q, nil))
			check(t, rec)
		})
	}
}

// TestManyCheapSearchesRefused: every search is a store query whatever
// its page, so thousands of one-row search aliases exceed the limit and
// are refused before any runs.
func TestManyCheapSearchesRefused(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{Logger: quiet})
	var b strings.Builder
	b.WriteString("{")
	for i := range 2000 {
		fmt.Fprintf(&b, ` s%d: searchConnection(text: "工程", first: 1) { edges { node { name } } }`, i)
	}
	b.WriteString(" }")
	start := time.Now()
	resp := query(t, h, b.String(), nil)
	if resp.code() != graph.CodeComplexityLimit {
		t.Fatalf("2000 searches: %s, want %s", resp.code(), graph.CodeComplexityLimit)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusal took %v", d)
	}
}

// TestUnsupportedTransports: a form, an application/graphql body or a PUT
// gets a coded error saying what the endpoint accepts.
func TestUnsupportedTransports(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{Logger: quiet})
	for _, c := range []struct {
		method, ctype, body string
		status              int
	}{
		{http.MethodPost, "application/x-www-form-urlencoded", "query=%7B+regions+%7B+name+%7D+%7D", http.StatusUnsupportedMediaType},
		{http.MethodPost, "application/graphql", "{ regions { name } }", http.StatusUnsupportedMediaType},
		{http.MethodPost, "", `{"query":"{ regions { name } }"}`, http.StatusUnsupportedMediaType},
		{http.MethodPut, "application/json", `{"query":"{ regions { name } }"}`, http.StatusMethodNotAllowed},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(c.method, "/graphql", strings.NewReader(c.body))
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
		h.ServeHTTP(rec, req)
		var resp struct {
			Errors []struct {
				Message    string         `json:"message"`
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &resp)
		if rec.Code != c.status || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != graph.CodeBadRequest ||
			!strings.Contains(resp.Errors[0].Message, "application/json") {
			t.Errorf("%s %q: status %d, body %s", c.method, c.ctype, rec.Code, rec.Body)
		}
	}
}

// TestResponseCeiling: an answer larger than the ceiling is replaced by
// one coded error; a smaller one passes untouched.
func TestResponseCeiling(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(s, graph.Options{MaxResponseBytes: 200, Logger: quiet})
	small := query(t, h, `{ region(name: "锡盟") { name } }`, nil)
	if len(small.Errors) > 0 || !strings.Contains(string(small.Data), "锡林郭勒盟") {
		t.Fatalf("small answer: %s %+v", small.Data, small.Errors)
	}
	big := query(t, h, `{ a: regions { name code level } b: regions { name code level } }`, nil)
	if big.code() != graph.CodeResponseTooLarge || big.status != http.StatusUnprocessableEntity || len(big.Data) > 4 {
		t.Fatalf("big answer: status %d, code %q, data %.100s", big.status, big.code(), big.Data)
	}
}

// TestClientGoneIsNoTimeout: a client that leaves ends its request's
// work at once, and the fields that were waiting fail as CANCELED, not as
// a TIMEOUT the operator would look into.
func TestClientGoneIsNoTimeout(t *testing.T) {
	s, _ := newFixture(t)
	h := graph.NewHandler(blocking{s}, graph.Options{Timeout: 10 * time.Second, Logger: quiet})
	ctx, leave := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, leave)
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ regions { name } }"}`)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("work went on %v after the client left", d)
	}
	var resp response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("answer %s: %v", rec.Body, err)
	}
	if resp.code() != graph.CodeCanceled {
		t.Errorf("code %q, want %s: %s", resp.code(), graph.CodeCanceled, rec.Body)
	}
}
