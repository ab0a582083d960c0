package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reportgraph/reportgraph/web"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	web.Mount(mux, "/graphql")
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return res, string(b)
}

func TestRoutes(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		path        string
		status      int
		contentType string
		contains    string
	}{
		{"/", 200, "text/html", `<meta name="graphql-endpoint" content="/graphql">`},
		{"/", 200, "text/html", `/static/vendor/graphiql.min.js`},
		{"/static/vendor/graphiql.min.js", 200, "javascript", "GraphiQL"},
		{"/static/vendor/graphiql.min.css", 200, "text/css", ".graphiql-container"},
		{"/static/vendor/react.production.min.js", 200, "javascript", "React"},
		{"/static/playground/playground.js", 200, "javascript", "createFetcher"},
		{"/explore", 200, "text/html", `/explore/static/vendor/cytoscape.min.js`},
		{"/explore/", 200, "text/html", `id="graph"`},
		{"/explore/static/vendor/cytoscape.min.js", 200, "javascript", "cytoscape"},
		{"/explore/static/vendor/chart.umd.min.js", 200, "javascript", "Chart"},
		{"/explore/static/explore/queries.graphql", 200, "", "query Trace"},
		{"/nope", 404, "", ""},
		{"/static/missing.js", 404, "", ""},
		{"/explore/other", 404, "", ""},
		{"/static/../web.go", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, tt.contentType) {
				t.Errorf("Content-Type %q, want it to contain %q", ct, tt.contentType)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body does not contain %q", tt.contains)
			}
		})
	}
}

// TestNoRemoteAssets checks the offline promise: pages reference only
// same-origin assets and the CSP forbids anything else.
func TestNoRemoteAssets(t *testing.T) {
	srv := newServer(t)
	for _, p := range []string{"/", "/explore"} {
		res, body := get(t, srv.URL+p)
		for _, bad := range []string{`src="http`, `href="http`, `src="//`, `href="//`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s references a remote asset (%s)", p, bad)
			}
		}
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s CSP %q lacks %q", p, csp, want)
			}
		}
	}
}

func TestAbsoluteEndpointAllowedByCSP(t *testing.T) {
	srv := httptest.NewServer(web.Explorer("https://api.example.org/graphql"))
	defer srv.Close()
	res, body := get(t, srv.URL+"/explore")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self' https://api.example.org") {
		t.Errorf("CSP %q does not allow the endpoint origin", csp)
	}
	if !strings.Contains(body, `content="https://api.example.org/graphql"`) {
		t.Errorf("page does not carry the endpoint")
	}
}

func TestAssetRevalidation(t *testing.T) {
	srv := newServer(t)
	res, _ := get(t, srv.URL+"/static/vendor/cytoscape.min.js")
	tag := res.Header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag on a vendored asset")
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/static/vendor/cytoscape.min.js", nil)
	req.Header.Set("If-None-Match", tag)
	res2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation status %d, want 304", res2.StatusCode)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	srv := newServer(t)
	res, err := http.Post(srv.URL+"/explore", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /explore: %d, want 405", res.StatusCode)
	}
}

func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	path := filepath.Join("..", "schema.graphqls")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read schema: %v", err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: path, Input: string(b)})
	if gerr != nil {
		t.Fatalf("load schema: %v", gerr)
	}
	return schema
}

// TestExamplesValidate keeps the playground's example queries in step with
// the schema: a renamed field breaks this test, not an analyst's demo.
func TestExamplesValidate(t *testing.T) {
	schema := loadSchema(t)
	examples, err := web.LoadExamples()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) < 6 {
		t.Fatalf("%d examples, want one per analyst question (6+)", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex.Name, func(t *testing.T) {
			if ex.Title == "" || !strings.Contains(ex.Query, "query ") {
				t.Errorf("example lacks a title or a named query: %+v", ex)
			}
			if _, errs := gqlparser.LoadQuery(schema, ex.Query); errs != nil {
				t.Errorf("invalid against schema: %v", errs)
			}
		})
	}
}

func TestExplorerQueriesValidate(t *testing.T) {
	schema := loadSchema(t)
	doc, err := web.ExplorerQueries()
	if err != nil {
		t.Fatal(err)
	}
	q, errs := gqlparser.LoadQuery(schema, doc)
	if errs != nil {
		t.Fatalf("explorer queries invalid against schema: %v", errs)
	}
	// explore.js calls these operations by name.
	js, err := os.ReadFile(filepath.Join("static", "explore", "explore.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range q.Operations {
		if !strings.Contains(string(js), "'"+op.Name+"'") {
			t.Errorf("operation %s is never sent by explore.js", op.Name)
		}
	}
}

func TestParseExampleVariables(t *testing.T) {
	examples, err := web.LoadExamples()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		if strings.Contains(ex.Query, "# variables:") {
			t.Errorf("%s: variables line left in the query", ex.Name)
		}
		if strings.Contains(ex.Query, "$") && ex.Variables == "" {
			t.Errorf("%s: query takes variables but the example gives none", ex.Name)
		}
	}
}
