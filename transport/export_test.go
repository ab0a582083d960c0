package transport_test

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/reportgraph/reportgraph/internal/corpustest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/panel"
	"github.com/reportgraph/reportgraph/transport"
)

// corpus is the bundled corpus in the embedded store.
func corpus(t testing.TB) kg.Store { return corpustest.Memory(t) }

func server(t *testing.T, s kg.Store, ready bool) *httptest.Server {
	t.Helper()
	var r atomic.Bool
	r.Store(ready)
	srv := httptest.NewServer(transport.Handler(transport.Routes{
		Store: s, Ready: &r, Log: slog.New(slog.DiscardHandler),
		Metrics: transport.NewMetrics(transport.MetricRoutes...), CORSOrigins: []string{"https://notebook.example"},
	}))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "https://notebook.example")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return resp, string(body)
}

func TestExportTables(t *testing.T) {
	srv := server(t, corpus(t), true)
	tests := []struct {
		path   string
		header []string
		check  func(row map[string]string) bool
	}{
		{"/export/targets.csv", panel.TargetColumns, func(map[string]string) bool { return true }},
		{"/export/targets.csv?" + url.Values{"region": {"内蒙古"}, "level": {"COUNTY"}, "year": {"2024"}, "indicator": {"地区生产总值"}}.Encode(), panel.TargetColumns,
			func(r map[string]string) bool {
				return strings.HasPrefix(r["region_code"], "15") && r["level"] == "COUNTY" && r["year"] == "2024" && r["indicator_code"] == "gdp"
			}},
		{"/export/targets.csv?from=2025&to=2026", panel.TargetColumns, func(r map[string]string) bool { return r["year"] == "2025" || r["year"] == "2026" }},
		{"/export/entities.csv", panel.EntityColumns, func(map[string]string) bool { return true }},
		{"/export/entities.csv?" + url.Values{"region": {"锡盟"}}.Encode(), panel.EntityColumns, func(r map[string]string) bool { return r["region_name"] == "锡林郭勒盟" }},
		{"/export/entities.csv?" + url.Values{"region": {"152500"}}.Encode(), panel.EntityColumns, func(r map[string]string) bool { return r["region_name"] == "锡林郭勒盟" }},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") {
				t.Errorf("content disposition %q", cd)
			}
			if resp.Header.Get("Access-Control-Allow-Origin") != "https://notebook.example" {
				t.Error("no CORS header for an allowed origin")
			}
			recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v", err)
			}
			if !slices.Equal(recs[0], tt.header) {
				t.Fatalf("header %v", recs[0])
			}
			if len(recs) < 2 {
				t.Fatal("no rows")
			}
			for _, rec := range recs[1:] {
				row := map[string]string{}
				for i, c := range tt.header {
					row[c] = rec[i]
				}
				if !tt.check(row) {
					t.Fatalf("row %v does not pass the filter", row)
				}
			}
		})
	}
}

func TestExportRefusesBadParameters(t *testing.T) {
	srv := server(t, corpus(t), true)
	tests := []struct {
		path  string
		code  int
		names string
	}{
		{"/export/targets.csv?region=" + url.QueryEscape("不存在市"), http.StatusNotFound, "不存在市"},
		{"/export/targets.csv?indicator=" + url.QueryEscape("幸福指数"), http.StatusNotFound, "幸福指数"},
		{"/export/targets.csv?level=TOWN", http.StatusBadRequest, "TOWN"},
		{"/export/targets.csv?from=abc", http.StatusBadRequest, "abc"},
		{"/export/targets.csv?year=2024&from=2020", http.StatusBadRequest, "year"},
		{"/export/targets.csv?years=2024", http.StatusBadRequest, "years"},
		{"/export/targets.csv?level=COUNTY&level=PROVINCIAL", http.StatusBadRequest, "level"},
		{"/export/entities.csv?indicator=gdp", http.StatusBadRequest, "indicator"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			if resp.StatusCode != tt.code || !strings.Contains(body, tt.names) || strings.Count(body, "\n") != 1 {
				t.Errorf("status %d body %q, want %d and one line naming %s", resp.StatusCode, body, tt.code, tt.names)
			}
		})
	}
	if resp, _ := get(t, server(t, corpus(t), false), "/export/targets.csv"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("while loading: status %d, want 503", resp.StatusCode)
	}
}

// failingStore fails FindEntities after the first call, as a store that
// goes away in the middle of an export.
type failingStore struct {
	kg.Store
	calls atomic.Int32
	after int32
}

func (s *failingStore) FindEntities(ctx context.Context, f kg.EntityFilter) ([]*kg.Entity, error) {
	if s.calls.Add(1) > s.after {
		return nil, errors.New("neo4j: connection refused at 10.0.0.7:7687")
	}
	return s.Store.FindEntities(ctx, f)
}

func TestExportStoreFailure(t *testing.T) {
	// Before any row: a 500 that keeps the store's text to the log.
	srv := server(t, &failingStore{Store: corpus(t)}, true)
	resp, body := get(t, srv, "/export/entities.csv")
	if resp.StatusCode != http.StatusInternalServerError || strings.Contains(body, "10.0.0.7") {
		t.Errorf("status %d body %q, want 500 without the store's text", resp.StatusCode, body)
	}
	// After rows were sent: the transfer is cut, never a short table that
	// looks whole. The national export asks for entities per batch of
	// regions, so the failure comes after the first batch's rows.
	srv = server(t, &failingStore{Store: corpus(t), after: 1}, true)
	r, err := srv.Client().Get(srv.URL + "/export/entities.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if _, err := io.ReadAll(r.Body); err == nil {
		t.Error("the export failed midway and the client read a complete response")
	}
}
