// Package web serves reportgraph's browser front ends: the GraphiQL
// playground and the graph explorer. Every script, style sheet and font is
// embedded in the binary (go:embed) from npm packages copied by
// scripts/build-web.sh, so both pages work with no internet access. The
// pages talk to the server only through the public GraphQL endpoint.
//
// Mount paths (Mount does exactly this):
//
//	mux.Handle("/", web.Playground("/graphql"))        // GET /  and its assets under /static/
//	mux.Handle("/explore", web.Explorer("/graphql"))   // GET /explore
//	mux.Handle("/explore/", web.Explorer("/graphql"))  // its assets under /explore/static/
//
// Playground answers 404 for any other path, so mounting it on "/" does not
// hide unknown URLs. Responses carry a Content-Security-Policy that only
// allows same-origin scripts and the GraphQL endpoint: a page that tried to
// load anything from a CDN would fail visibly instead of silently needing
// the internet.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"
)

//go:embed static templates examples
var assets embed.FS

// Mount registers the playground, the explorer and their assets on mux.
// endpoint is the URL of the GraphQL endpoint as the browser sees it.
func Mount(mux *http.ServeMux, endpoint string) {
	ex := Explorer(endpoint)
	mux.Handle("/", Playground(endpoint))
	mux.Handle("/explore", ex)
	mux.Handle("/explore/", ex)
}

// Playground serves GraphiQL at "/" with the analyst example queries
// preloaded as tabs and listed in an "Examples" side panel, and the shared
// static assets under "/static/".
func Playground(endpoint string) http.Handler {
	examples, err := LoadExamples()
	if err != nil {
		// The examples are embedded at build time, so this only fails when a
		// developer breaks one; TestExamples catches it before it ships.
		panic(fmt.Sprintf("web: %v", err))
	}
	exJSON, err := json.Marshal(examples)
	if err != nil {
		panic(fmt.Sprintf("web: encode examples: %v", err))
	}
	p := newPages(endpoint)
	return p.handler("/", "playground.html", "/static/", map[string]any{
		"Endpoint": endpoint,
		"Examples": template.JS(exJSON), // json.Marshal escapes <, > and &
	})
}

// Explorer serves the graph explorer at "/explore" and its assets under
// "/explore/static/".
func Explorer(endpoint string) http.Handler {
	p := newPages(endpoint)
	return p.handler("/explore", "explore.html", "/explore/static/", map[string]any{
		"Endpoint": endpoint,
	})
}

// pages holds what both handlers share: the parsed templates, the static
// file system with content hashes for ETags, and the security headers.
type pages struct {
	tmpl   *template.Template
	static fs.FS
	etags  map[string]string
	csp    string
}

func newPages(endpoint string) *pages {
	static, err := fs.Sub(assets, "static")
	if err != nil {
		panic(fmt.Sprintf("web: static assets: %v", err))
	}
	etags, err := hashFiles(static)
	if err != nil {
		panic(fmt.Sprintf("web: hash assets: %v", err))
	}
	return &pages{
		tmpl:   template.Must(template.ParseFS(assets, "templates/*.html")),
		static: static,
		etags:  etags,
		csp:    contentSecurityPolicy(endpoint),
	}
}

// handler serves the page template at pagePath (and pagePath+"/") and the
// static files under assetPrefix.
func (p *pages) handler(pagePath, page, assetPrefix string, data map[string]any) http.Handler {
	var buf bytes.Buffer
	if err := p.tmpl.ExecuteTemplate(&buf, page, data); err != nil {
		panic(fmt.Sprintf("web: render %s: %v", page, err))
	}
	html := buf.Bytes()
	sum := sha256.Sum256(html)
	pageTag := `"` + hex.EncodeToString(sum[:8]) + `"`
	files := http.FileServerFS(p.static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p.securityHeaders(w)
		switch {
		case r.URL.Path == pagePath || (pagePath != "/" && r.URL.Path == pagePath+"/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("ETag", pageTag)
			http.ServeContent(w, r, page, time.Time{}, bytes.NewReader(html))
		case strings.HasPrefix(r.URL.Path, assetPrefix):
			p.serveAsset(w, r, files, strings.TrimPrefix(r.URL.Path, assetPrefix))
		default:
			http.NotFound(w, r)
		}
	})
}

// serveAsset serves one embedded static file. Embedded files have no
// modification time, so the ETag (content hash) is what lets browsers
// revalidate instead of downloading the vendored bundles again.
func (p *pages) serveAsset(w http.ResponseWriter, r *http.Request, files http.Handler, name string) {
	name = path.Clean(name)
	tag, ok := p.etags[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", tag)
	w.Header().Set("Cache-Control", "no-cache")
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + name
	files.ServeHTTP(w, r2)
}

func (p *pages) securityHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", p.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// contentSecurityPolicy allows only same-origin scripts and styles (GraphiQL
// and cytoscape set inline style attributes, hence 'unsafe-inline' for
// styles only), data: fonts and images (GraphiQL inlines its fonts), and
// fetches to the page's origin plus the GraphQL endpoint's origin when the
// endpoint is an absolute URL elsewhere.
func contentSecurityPolicy(endpoint string) string {
	connect := "'self'"
	if u, err := url.Parse(endpoint); err == nil && u.Scheme != "" && u.Host != "" {
		connect += " " + u.Scheme + "://" + u.Host
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		"connect-src " + connect,
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'self'",
	}, "; ")
}

func hashFiles(fsys fs.FS) (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		out[name] = `"` + hex.EncodeToString(sum[:8]) + `"`
		return nil
	})
	return out, err
}

// Example is one preloaded playground query.
type Example struct {
	Name      string `json:"name"`      // file name without extension
	Title     string `json:"title"`     // first comment line
	Query     string `json:"query"`     // the document, without the variables line
	Variables string `json:"variables"` // JSON from a "# variables:" line, or ""
}

const variablesPrefix = "# variables:"

// LoadExamples returns the embedded example queries (examples/*.graphql)
// in file-name order. The first comment line is the title; a line starting
// with "# variables:" gives the example's variables as JSON.
func LoadExamples() ([]Example, error) {
	names, err := fs.Glob(assets, "examples/*.graphql")
	if err != nil {
		return nil, fmt.Errorf("list examples: %w", err)
	}
	sort.Strings(names)
	out := make([]Example, 0, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(assets, name)
		if err != nil {
			return nil, fmt.Errorf("read example %s: %w", name, err)
		}
		ex, err := parseExample(path.Base(name), string(b))
		if err != nil {
			return nil, err
		}
		out = append(out, ex)
	}
	return out, nil
}

func parseExample(file, text string) (Example, error) {
	ex := Example{Name: strings.TrimSuffix(file, ".graphql")}
	var query []string
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, variablesPrefix):
			ex.Variables = strings.TrimSpace(strings.TrimPrefix(trimmed, variablesPrefix))
			if !json.Valid([]byte(ex.Variables)) {
				return Example{}, fmt.Errorf("example %s: variables are not valid JSON", file)
			}
			continue
		case ex.Title == "" && strings.HasPrefix(trimmed, "#"):
			ex.Title = strings.TrimSpace(strings.TrimPrefix(trimmed, "#"))
		}
		query = append(query, line)
	}
	ex.Query = strings.TrimSpace(strings.Join(query, "\n")) + "\n"
	if ex.Title == "" {
		return Example{}, fmt.Errorf("example %s: missing title comment", file)
	}
	return ex, nil
}

// ExplorerQueries returns the GraphQL document the explorer sends (one
// named operation per request, with operationName), so tests can validate
// it against the schema.
func ExplorerQueries() (string, error) {
	b, err := fs.ReadFile(assets, "static/explore/queries.graphql")
	if err != nil {
		return "", fmt.Errorf("read explorer queries: %w", err)
	}
	return string(b), nil
}
