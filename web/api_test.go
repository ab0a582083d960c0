package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/web"
)

// newAPI is the real GraphQL endpoint over the embedded store loaded with
// the bundled corpus, as `go run .` serves it: the browser tests exercise
// the pages against the actual API, not a stand-in.
func newAPI(t *testing.T, extra ...fs.FS) http.Handler {
	t.Helper()
	ctx := context.Background()
	tree, err := division.Load()
	if err != nil {
		t.Fatalf("load divisions: %v", err)
	}
	store := memory.New()
	t.Cleanup(func() { _ = store.Close(ctx) })
	in := &ingest.Ingester{Store: store, Regions: tree}
	res, err := in.LoadFS(ctx, data.Reports())
	if err != nil {
		t.Fatalf("load bundled corpus: %v", err)
	}
	if len(res.Loaded) == 0 || len(res.Skipped) > 0 {
		t.Fatalf("bundled corpus: loaded %v, skipped %v", res.Loaded, res.Skipped)
	}
	for _, dir := range extra {
		if res, err := in.LoadFS(ctx, dir); err != nil || len(res.Skipped) > 0 {
			t.Fatalf("load extra reports: %v, skipped %v", err, res.Skipped)
		}
	}
	// Lists priced by what is loaded, as the server does after its load.
	bounds, err := graph.MeasureCorpus(ctx, store)
	if err != nil {
		t.Fatalf("measure corpus: %v", err)
	}
	limits := &graph.CorpusLimits{}
	limits.Set(bounds)
	// Introspection on, as in development: GraphiQL builds its docs and
	// completion from it.
	return graph.NewHandler(store, graph.Options{Introspection: true, Corpus: limits})
}

// postGraphQL sends one request to h and decodes the response.
func postGraphQL(t *testing.T, h http.Handler, query, operationName, variables string) (map[string]any, []any) {
	t.Helper()
	body := map[string]any{"query": query}
	if operationName != "" {
		body["operationName"] = operationName
	}
	if variables != "" {
		var v map[string]any
		if err := json.Unmarshal([]byte(variables), &v); err != nil {
			t.Fatalf("variables %s: %v", variables, err)
		}
		body["variables"] = v
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var res struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatalf("response %d is not JSON: %v\n%s", rec.Code, err, rec.Body.String())
	}
	return res.Data, res.Errors
}

// TestExamplesAnswer runs every playground example against the real API on
// the bundled corpus: each must pass the server's guards (depth,
// complexity) and answer with data. Examples that need an id carry a
// stable one (ids are built from content) in their variables line.
func TestExamplesAnswer(t *testing.T) {
	api := newAPI(t)
	examples, err := web.LoadExamples()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"01-six-programs-downstream": {"六个工程", "通辽市", "奈曼旗", "政策落地工程"},
		"02-trace":                   {"奈曼旗"},
		"03-industry-doubling-chain": {"IMPLEMENTS", "内蒙古自治区", "政策落地工程"},
		"04-gdp-targets":             {"奈曼旗", "AT_LEAST", "PROVINCIAL"},
		"06-search-warmth":           {"温暖工程", "totalCount"},
		"07-region-overview":         {"PREFECTURAL", "通辽市"},
		"08-search-filtered":         {"奈曼旗", "COUNTY"},
		"09-same-program-any-name":   {"三北", "奈曼旗", "河北省", "宁夏回族自治区", "STEM", "ABBREVIATION"},
		"11-targets-over-the-years":  {"NOT_STATED", `"targetDropped":true`, "194"},
		"12-text-reuse":              {"内蒙古自治区", "建设宜居和美乡村", "建设宜居宜业和美乡村"},
		// 河北省's 2025 and 2026 reports are bundled: the year-to-year
		// example answers on exactly what go run . serves.
		"05-programs-by-year": {"continued", "2025", "2026", "城市更新行动"},
	}
	for _, ex := range examples {
		t.Run(ex.Name, func(t *testing.T) {
			vars := ex.Variables
			data, errs := postGraphQL(t, api, ex.Query, "", vars)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			b, _ := json.Marshal(data)
			out := string(b)
			if len(out) < 20 {
				t.Errorf("almost empty answer: %s", out)
			}
			for _, w := range want[ex.Name] {
				if !strings.Contains(out, w) {
					t.Errorf("answer lacks %s: %.300s", w, out)
				}
			}
		})
	}
}

// TestExplorerOperationsPassGuards sends each explorer operation with
// realistic variables: none may be refused by the depth or complexity
// limits, the failure a schema-only validation cannot see.
func TestExplorerOperationsPassGuards(t *testing.T) {
	api := newAPI(t)
	doc, err := web.ExplorerQueries()
	if err != nil {
		t.Fatal(err)
	}
	ops := []struct{ name, vars string }{
		{"Search", `{"text": "六个工程", "first": 50}`},
		{"RegionRoots", ``},
		{"RegionChildren", `{"id": "region/000000"}`},
		{"RegionSubtree", `{"id": "region/000000"}`},
		{"Targets", ``},
		{"ReportDetail", fmt.Sprintf(`{"id": %q}`, kg.ReportID("150500", 2025))},
		{"Escalation", `{"filter": {"indicator": "gdp", "year": 2024, "region": "150000", "measure": "增长", "level": "PREFECTURAL"}}`},
		{"Diffusion", fmt.Sprintf(`{"id": %q}`, kg.EntityID(kg.ReportID("150000", 2024), kg.KindProgram, kg.KeyOf("六个工程")))},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			data, errs := postGraphQL(t, api, doc, op.name, op.vars)
			if len(errs) > 0 || data == nil {
				t.Fatalf("errors: %v", errs)
			}
			for field, v := range data {
				if v == nil {
					t.Errorf("%s answered null", field)
				}
			}
		})
	}
}
