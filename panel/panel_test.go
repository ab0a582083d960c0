package panel_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/internal/corpustest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/panel"
)

// corpus is the bundled corpus in the embedded store.
func corpus(t testing.TB) kg.Store { return corpustest.Memory(t) }

func subtree(t testing.TB, s kg.Store, code string) []*kg.Region {
	t.Helper()
	ctx := context.Background()
	root, err := s.Regions(ctx, []string{kg.RegionID(code)})
	if err != nil || root[0] == nil {
		t.Fatalf("region %s: %v", code, err)
	}
	rs, err := analysis.Subtree(ctx, s, root[0])
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// readTable parses a written table as a client would and checks its
// shape: the header, then rows of as many cells.
func readTable(t *testing.T, raw []byte, header []string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		t.Fatalf("header %v, want %v", recs[:min(1, len(recs))], header)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, c := range header {
			row[c] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func TestWriteTargetsNation(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	var buf bytes.Buffer
	n, err := panel.WriteTargets(ctx, s, panel.Filter{Regions: subtree(t, s, kg.NationalCode)}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	rows := readTable(t, buf.Bytes(), panel.TargetColumns)
	all, err := s.FindTargets(ctx, kg.TargetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rows) || len(rows) != len(all) {
		t.Fatalf("%d rows written, %d read, %d targets stored: want one row per target", n, len(rows), len(all))
	}
	// Every row's region columns agree with its report, and the figures
	// parse as numbers a statistics package reads.
	for _, r := range rows {
		if r["report_id"] != kg.ReportID(r["region_code"], atoi(t, r["report_year"])) {
			t.Fatalf("row %v: report id and region code disagree", r)
		}
		if _, err := strconv.ParseFloat(r["value"], 64); err != nil {
			t.Fatalf("row %v: value %q", r, r["value"])
		}
		if r["kind"] != "TARGET" && r["kind"] != "RESULT" {
			t.Fatalf("row %v: kind %q", r, r["kind"])
		}
	}
	// 内蒙古自治区 2024: 地区生产总值增长6%以上, a province under the nation.
	want := map[string]string{"region_code": "150000", "region_name": "内蒙古自治区", "level": "PROVINCIAL", "parent_code": "000000",
		"report_year": "2024", "year": "2024", "kind": "TARGET", "indicator_code": "gdp", "indicator": "地区生产总值",
		"measure": "增长", "value": "6", "max_value": "", "unit": "%", "qualifier": "AT_LEAST"}
	if !slices.ContainsFunc(rows, func(r map[string]string) bool { return matches(r, want) }) {
		t.Errorf("no row %v", want)
	}
	// Highest level first: the nation's rows lead.
	if rows[0]["level"] != "NATIONAL" {
		t.Errorf("first row %v, want the nation's", rows[0])
	}
}

func TestWriteTargetsFilters(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	county := kg.LevelCounty
	y2024 := 2024
	tests := []struct {
		name  string
		f     panel.Filter
		check func(map[string]string) bool
	}{
		{"subtree", panel.Filter{Regions: subtree(t, s, "150000")}, func(r map[string]string) bool { return r["region_code"][:2] == "15" }},
		{"level", panel.Filter{Regions: subtree(t, s, "150000"), Level: &county}, func(r map[string]string) bool { return r["level"] == "COUNTY" }},
		{"year", panel.Filter{Regions: subtree(t, s, kg.NationalCode), YearFrom: &y2024, YearTo: &y2024}, func(r map[string]string) bool { return r["year"] == "2024" }},
		{"from", panel.Filter{Regions: subtree(t, s, kg.NationalCode), YearFrom: &y2024}, func(r map[string]string) bool { return atoi(t, r["year"]) >= 2024 }},
		{"indicator code", panel.Filter{Regions: subtree(t, s, kg.NationalCode), Indicator: "gdp"}, func(r map[string]string) bool { return r["indicator_code"] == "gdp" }},
		{"wording", panel.Filter{Regions: subtree(t, s, kg.NationalCode), Indicator: "生产总值"}, func(r map[string]string) bool { return r["indicator_code"] == "gdp" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := panel.WriteTargets(ctx, s, tt.f, &buf); err != nil {
				t.Fatal(err)
			}
			rows := readTable(t, buf.Bytes(), panel.TargetColumns)
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			for _, r := range rows {
				if !tt.check(r) {
					t.Fatalf("row %v does not pass the filter", r)
				}
			}
		})
	}
	// An indicator nobody states is refused before anything is written.
	var buf bytes.Buffer
	if _, err := panel.WriteTargets(ctx, s, panel.Filter{Regions: subtree(t, s, "150000"), Indicator: "幸福指数"}, &buf); kg.ErrorCode(err) != kg.ENOTFOUND || buf.Len() != 0 {
		t.Errorf("unknown indicator: %v, %d bytes written", err, buf.Len())
	}
	// No region passes the filter: the header alone.
	y1900 := 1900
	buf.Reset()
	if n, err := panel.WriteTargets(ctx, s, panel.Filter{Regions: subtree(t, s, "150000"), YearFrom: &y1900, YearTo: &y1900}, &buf); err != nil || n != 0 {
		t.Fatalf("year 1900: %d rows, %v", n, err)
	}
	readTable(t, buf.Bytes(), panel.TargetColumns)
}

func TestWriteEntities(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	var buf bytes.Buffer
	regions := subtree(t, s, "150000")
	n, err := panel.WriteEntities(ctx, s, panel.Filter{Regions: regions}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	rows := readTable(t, buf.Bytes(), panel.EntityColumns)
	reps, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: ids(regions)})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := s.CountReports(ctx, reportIDs(reps))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, c := range counts {
		want += c.Programs + c.Initiatives + c.Projects + c.Terms
	}
	if n != len(rows) || n != want {
		t.Fatalf("%d rows written, %d read, want %d: one per entity of the subtree's %d reports", n, len(rows), want, len(reps))
	}
	wantRow := map[string]string{"region_code": "150525", "region_name": "奈曼旗", "level": "COUNTY", "parent_code": "150500",
		"report_year": "2024", "kind": "PROGRAM", "name": "政策落地工程"}
	if !slices.ContainsFunc(rows, func(r map[string]string) bool { return matches(r, wantRow) }) {
		t.Errorf("no row %v", wantRow)
	}
	if !slices.ContainsFunc(rows, func(r map[string]string) bool { return r["task_area"] == "true" }) {
		t.Error("no task area marked")
	}
}

// failingWriter fails after limit bytes, as a client that hangs up.
type failingWriter struct{ limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		return 0, errors.New("connection reset")
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestWriteStopsOnAWriteError(t *testing.T) {
	s := corpus(t)
	_, err := panel.WriteEntities(context.Background(), s, panel.Filter{Regions: subtree(t, s, kg.NationalCode)}, &failingWriter{limit: 1000})
	if err == nil {
		t.Fatal("a failing writer went unnoticed")
	}
}

func TestWriteStopsWhenCanceled(t *testing.T) {
	s := corpus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if _, err := panel.WriteTargets(ctx, s, panel.Filter{Regions: subtree(t, s, kg.NationalCode)}, &buf); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled export: %v", err)
	}
}

func matches(row, want map[string]string) bool {
	for k, v := range want {
		if row[k] != v {
			return false
		}
	}
	return true
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func ids(rs []*kg.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func reportIDs(rs []*kg.Report) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func TestPage(t *testing.T) {
	batches := func(yield func([]int, error) bool) {
		for _, b := range [][]int{{0, 1, 2}, {}, {3, 4}, {5, 6, 7, 8}} {
			if !yield(b, nil) {
				return
			}
		}
	}
	tests := []struct {
		start, end int
		want       []int
	}{
		{0, 2, []int{0, 1}},
		{2, 6, []int{2, 3, 4, 5}},
		{3, 5, []int{3, 4}},
		{8, 20, []int{8}},
		{9, 20, nil},
		{0, 100, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
	}
	for _, tt := range tests {
		got, total, err := panel.Page(batches, tt.start, tt.end)
		if err != nil || total != 9 || !slices.Equal(got, tt.want) {
			t.Errorf("Page(%d, %d) = %v, %d, %v; want %v, 9", tt.start, tt.end, got, total, err, tt.want)
		}
	}
	failing := func(yield func([]int, error) bool) { yield(nil, errors.New("store down")) }
	if _, _, err := panel.Page(failing, 0, 10); err == nil {
		t.Error("an error of the batches was dropped")
	}
}

// TestEntityPage: paging by the reports' counts gives the rows paging the
// whole table gives.
func TestEntityPage(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	y := 2024
	for _, f := range []panel.Filter{
		{Regions: subtree(t, s, kg.NationalCode)},
		{Regions: subtree(t, s, "150000"), YearFrom: &y},
	} {
		_, total, err := panel.Page(panel.EntityBatches(ctx, s, f), 0, 0)
		if err != nil || total < 100 {
			t.Fatalf("total %d, %v", total, err)
		}
		for _, w := range [][2]int{{0, 20}, {17, 117}, {total - 5, total + 20}, {total, total + 5}, {0, total}} {
			want, _, err := panel.Page(panel.EntityBatches(ctx, s, f), w[0], w[1])
			if err != nil {
				t.Fatal(err)
			}
			got, n, err := panel.EntityPage(ctx, s, f, w[0], w[1])
			if err != nil || n != total {
				t.Fatalf("window %v: total %d, %v; want %d", w, n, err, total)
			}
			if len(got) != len(want) {
				t.Fatalf("window %v: %d rows, want %d", w, len(got), len(want))
			}
			for i := range want {
				if got[i].Entity.ID != want[i].Entity.ID || got[i].Region != want[i].Region {
					t.Fatalf("window %v row %d: %s, want %s", w, i, got[i].Entity.ID, want[i].Entity.ID)
				}
			}
		}
	}
}

// TestTargetPage: paging by the reports' counts gives the rows paging the
// whole table gives, and a filter takes the whole-table path.
func TestTargetPage(t *testing.T) {
	ctx := context.Background()
	s := corpus(t)
	county := kg.LevelCounty
	for _, f := range []panel.Filter{
		{Regions: subtree(t, s, kg.NationalCode)},
		{Regions: subtree(t, s, "150000"), Level: &county},
		{Regions: subtree(t, s, kg.NationalCode), Indicator: "gdp"},
	} {
		_, total, err := panel.Page(panel.TargetBatches(ctx, s, f), 0, 0)
		if err != nil || total < 3 {
			t.Fatalf("total %d, %v", total, err)
		}
		for _, w := range [][2]int{{0, 20}, {1, 3}, {17, 117}, {total - 5, total + 20}, {total, total + 5}, {0, total}} {
			w[0] = max(w[0], 0)
			want, _, err := panel.Page(panel.TargetBatches(ctx, s, f), w[0], w[1])
			if err != nil {
				t.Fatal(err)
			}
			got, n, err := panel.TargetPage(ctx, s, f, w[0], w[1])
			if err != nil || n != total {
				t.Fatalf("window %v: total %d, %v; want %d", w, n, err, total)
			}
			if len(got) != len(want) {
				t.Fatalf("window %v: %d rows, want %d", w, len(got), len(want))
			}
			for i := range want {
				if got[i].Target.ID != want[i].Target.ID || got[i].Region != want[i].Region {
					t.Fatalf("window %v row %d: %s, want %s", w, i, got[i].Target.ID, want[i].Target.ID)
				}
			}
		}
	}
}
