package graph_test

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	corpusdata "github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/internal/corpustest"
	"github.com/reportgraph/reportgraph/kg"
)

// corpus loads the bundled sample reports into a fresh memory store the
// way the server does.
func corpus(tb testing.TB) kg.Store { return corpustest.Memory(tb) }

// The issue-2 "Must hold" expectations that are about the API, asked over
// GraphQL against the real bundled corpus.

func TestContractRegions(t *testing.T) {
	h := newHandler(corpus(t))
	tests := []struct {
		name, level string
		chain       []string // parent, grandparent, …
	}{
		{"奈曼旗", "COUNTY", []string{"通辽市", "内蒙古自治区"}},
		{"准格尔旗", "COUNTY", []string{"鄂尔多斯市", "内蒙古自治区"}},
		{"锡林郭勒盟", "PREFECTURAL", []string{"内蒙古自治区"}},
		{"锡盟", "PREFECTURAL", []string{"内蒙古自治区"}},       // a common short name
		{"150525", "COUNTY", []string{"通辽市", "内蒙古自治区"}}, // 奈曼旗 by its GB/T 2260 code
		{"内蒙古自治区", "PROVINCIAL", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got struct {
				Region *struct {
					Name, Level string
					Ancestors   []struct{ Name, Level string }
				}
			}
			data(t, h, `query($n: String!) { region(name: $n) { name level ancestors { name level } } }`, map[string]any{"n": tt.name}, &got)
			if got.Region == nil {
				t.Fatalf("region %s not found", tt.name)
			}
			if got.Region.Level != tt.level {
				t.Errorf("level %s, want %s", got.Region.Level, tt.level)
			}
			var chain []string
			for _, a := range got.Region.Ancestors {
				if a.Level != "NATIONAL" {
					chain = append(chain, a.Name)
				}
			}
			if fmt.Sprint(chain) != fmt.Sprint(tt.chain) {
				t.Errorf("ancestors %v, want %v", chain, tt.chain)
			}
		})
	}
	// The whole Inner Mongolia hierarchy is there without its reports.
	var got struct {
		Region struct {
			Children []struct {
				Name     string
				Children []struct{ Name string }
			}
		}
	}
	data(t, h, `{ region(name: "内蒙古自治区") { children { name children { name } } } }`, nil, &got)
	counties := 0
	for _, c := range got.Region.Children {
		counties += len(c.Children)
	}
	if len(got.Region.Children) != 12 || counties != 103 {
		t.Errorf("Inner Mongolia has %d prefectures and %d counties, want 12 and 103", len(got.Region.Children), counties)
	}
}

type reportRow struct {
	Year        int
	DeliveredOn *string
	Region      struct{ Name string }
	Programs    []struct {
		Name     string
		Evidence []struct{ Section, Text string }
	}
}

// taskAreas counts the programs that are task areas: their first evidence
// is their own heading (the section path ends in it, the sentence starts
// with the name), unlike named programs mentioned inside an area.
func (r reportRow) taskAreas() int {
	n := 0
	for _, p := range r.Programs {
		if len(p.Evidence) == 0 {
			continue
		}
		label := []rune(p.Name)
		if len(label) > 10 {
			label = label[:10]
		}
		if strings.Contains(p.Evidence[0].Section, "）"+string(label)) && strings.HasPrefix(p.Evidence[0].Text, p.Name) {
			n++
		}
	}
	return n
}

func TestContractReports(t *testing.T) {
	h := newHandler(corpus(t))
	var got struct{ Reports []reportRow }
	data(t, h, `{ reports { year deliveredOn region { name } programs { name evidence { section text } } } }`, nil, &got)
	type want struct {
		year      int
		delivered string // "" when the text states no date
		areas     int
	}
	wants := map[string]want{
		"内蒙古自治区": {2024, "2024-01-30", 10},
		"通辽市":    {2025, "2025-01-23", 7},
		"锡林郭勒盟":  {2024, "", 7},
		"奈曼旗":    {2024, "2024-01-26", 7},
		"准格尔旗":   {2023, "2023-02-15", 6},
	}
	// The five samples; the real reports bundled beside them are measured
	// against their own gold in the loader.
	var regions []string
	seen := 0
	for _, r := range got.Reports {
		regions = append(regions, r.Region.Name)
		w, ok := wants[r.Region.Name]
		if !ok {
			continue
		}
		seen++
		if r.Year != w.year {
			t.Errorf("%s: year %d, want %d", r.Region.Name, r.Year, w.year)
		}
		delivered := ""
		if r.DeliveredOn != nil {
			delivered = *r.DeliveredOn
		}
		if delivered != w.delivered {
			t.Errorf("%s: deliveredOn %q, want %q", r.Region.Name, delivered, w.delivered)
		}
		if n := r.taskAreas(); n != w.areas {
			t.Errorf("%s: %d task areas among %d programs, want %d", r.Region.Name, n, len(r.Programs), w.areas)
		}
	}
	if bundled := bundledReports(t); seen != len(wants) || len(got.Reports) != bundled {
		sort.Strings(regions)
		t.Errorf("reports of %v: %d of the five samples, %d reports; want the five among all %d bundled", regions, seen, len(got.Reports), bundled)
	}
}

type traced struct {
	ID     string
	Name   string
	Kind   string
	Region struct{ Name string }
	Parts  []struct{ Name string }
}

// find returns the id of the entity named name (by search) in region.
func find(t *testing.T, h http.Handler, name, kind, region string) traced {
	t.Helper()
	var got struct{ Search []traced }
	var k any // null for every kind
	if kind != "" {
		k = kind
	}
	data(t, h, `query($t: String!, $k: EntityKind, $r: String) { search(text: $t, kind: $k, region: $r, first: 100) { id name kind region { name } parts { name } } }`,
		map[string]any{"t": name, "k": k, "r": region}, &got)
	for _, e := range got.Search {
		if e.Region.Name == region && strings.Trim(e.Name, "“”\"") == strings.Trim(name, "“”\"") {
			return e
		}
	}
	t.Fatalf("no %s %s in %s among %d hits", kind, name, region, len(got.Search))
	return traced{}
}

// TestContractTaskAreas: a report's programs say which are the task areas
// of its plan, so a client need not guess from evidence; the autonomous
// region's 2024 plan has ten, and “六个工程” is a named program.
func TestContractTaskAreas(t *testing.T) {
	h := newHandler(corpus(t))
	var got struct {
		Reports []struct {
			Programs []struct {
				Name       string
				IsTaskArea bool
			}
		}
	}
	data(t, h, `{ reports(region: "内蒙古自治区", year: 2024) { programs { name isTaskArea } } }`, nil, &got)
	if len(got.Reports) != 1 {
		t.Fatalf("want one report, got %d", len(got.Reports))
	}
	areas := 0
	for _, p := range got.Reports[0].Programs {
		if p.IsTaskArea {
			areas++
		}
		if strings.Contains(p.Name, "六个工程") && p.IsTaskArea {
			t.Errorf("%s is marked a task area", p.Name)
		}
	}
	if areas != 10 {
		t.Errorf("task areas = %d, want 10: %+v", areas, got.Reports[0].Programs)
	}
}

// TestContractOutline: a report's outline is its parts and their task
// areas in order, with spans a client can cut the text by.
func TestContractOutline(t *testing.T) {
	h := newHandler(corpus(t))
	type entity struct {
		Name       string
		IsTaskArea bool
		Evidence   []struct{ Offset int }
	}
	var got struct {
		Reports []struct {
			Outline []struct {
				Heading, Ordinal  string
				Level, Start, End int
				Entities          []entity
			}
		}
	}
	data(t, h, `{ reports(region: "内蒙古自治区", year: 2024) { outline { heading ordinal level start end
		entities { name ... on Program { isTaskArea } evidence { offset } } } } }`, nil, &got)
	if len(got.Reports) != 1 {
		t.Fatalf("want one report, got %d", len(got.Reports))
	}
	levels := map[int]int{}
	prev := -1
	for _, s := range got.Reports[0].Outline {
		levels[s.Level]++
		if s.Start <= prev || s.End <= s.Start {
			t.Errorf("section %q spans %d..%d after %d", s.Heading, s.Start, s.End, prev)
		}
		prev = s.Start
		// what a section lists is first stated inside it; an area holds
		// its own program and what its paragraphs name
		for _, e := range s.Entities {
			if off := e.Evidence[0].Offset; off < s.Start || off >= s.End {
				t.Errorf("%s (at %d) listed under %q (%d..%d)", e.Name, off, s.Heading, s.Start, s.End)
			}
		}
		if s.Level == 2 && (len(s.Entities) < 2 || !slices.ContainsFunc(s.Entities, func(e entity) bool { return e.IsTaskArea })) {
			t.Errorf("area %q holds %+v, want its own program and more", s.Heading, s.Entities)
		}
	}
	if out := got.Reports[0].Outline; len(out) == 0 || out[0].Ordinal != "一、" || !strings.HasPrefix(out[0].Heading, "一、") {
		t.Errorf("outline does not open with part 一、: %+v", out)
	}
	if levels[1] != 2 || levels[2] != 10 {
		t.Errorf("outline has %d parts and %d areas, want 2 and the 10 task areas", levels[1], levels[2])
	}
}

func TestContractSixProjectsTrace(t *testing.T) {
	h := newHandler(corpus(t))
	six := find(t, h, "六个工程", "PROGRAM", "内蒙古自治区")
	members := []string{"政策落地工程", "防沙治沙和风电光伏一体化工程", "温暖工程", "诚信建设工程", "科技“突围”工程", "自贸区创建工程"}
	var parts []string
	for _, p := range six.Parts {
		parts = append(parts, p.Name)
	}
	for _, m := range members {
		if !containsFold(parts, m) {
			t.Errorf("“六个工程” parts %v lack %s", parts, m)
		}
	}

	var got struct {
		Trace []struct {
			Name   string
			Region struct{ Name, Level string }
		}
	}
	data(t, h, `query($id: ID!) { trace(id: $id) { name region { name level } } }`, map[string]any{"id": six.ID}, &got)
	reached := map[string]bool{}
	rank := map[string]int{"NATIONAL": 0, "PROVINCIAL": 1, "PREFECTURAL": 2, "COUNTY": 3}
	for i, e := range got.Trace {
		reached[e.Region.Name] = true
		if i > 0 && rank[e.Region.Level] < rank[got.Trace[i-1].Region.Level] {
			t.Errorf("trace not ordered highest level first at %d: %+v", i, got.Trace)
		}
	}
	for _, r := range []string{"内蒙古自治区", "通辽市", "奈曼旗"} {
		if !reached[r] {
			t.Errorf("trace of “六个工程” does not reach %s: %+v", r, got.Trace)
		}
	}

	// 奈曼旗's 政策落地工程 IMPLEMENTS the autonomous region's.
	naiman := find(t, h, "政策落地工程", "", "奈曼旗")
	var impl struct {
		Node struct {
			Implements []struct {
				Name   string
				Region struct{ Name string }
			}
		}
	}
	data(t, h, `query($id: ID!) { node(id: $id) { ... on Entity { implements { name region { name } } } } }`, map[string]any{"id": naiman.ID}, &impl)
	ok := false
	for _, e := range impl.Node.Implements {
		ok = ok || e.Region.Name == "内蒙古自治区" && e.Name == "政策落地工程"
	}
	if !ok {
		t.Errorf("奈曼旗's 政策落地工程 does not implement the autonomous region's: %+v", impl.Node.Implements)
	}
}

func containsFold(xs []string, s string) bool {
	norm := func(x string) string { return strings.NewReplacer("“", "", "”", "", "\"", "").Replace(x) }
	for _, x := range xs {
		if norm(x) == norm(s) {
			return true
		}
	}
	return false
}

// benchHandler serves the corpus behind the full middleware chain, the
// way the server does, and returns a helper posting one query.
func benchHandler(b *testing.B) (*httptest.Server, func(body string)) {
	b.Helper()
	srv := httptest.NewServer(graph.NewHandler(corpus(b), graph.Options{Logger: quiet}))
	b.Cleanup(srv.Close)
	client := srv.Client()
	return srv, func(body string) {
		resp, err := client.Post(srv.URL, "application/json", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || strings.Contains(string(raw), `"errors"`) {
			b.Fatalf("status %d err %v body %.300s", resp.StatusCode, err, raw)
		}
	}
}

// BenchmarkTraceHTTP answers the trace of the autonomous region's “六个工程”
// over HTTP, with names, regions and reports of every traced entity.
func BenchmarkTraceHTTP(b *testing.B) {
	srv, do := benchHandler(b)
	var got struct {
		Data struct{ Search []struct{ ID string } }
	}
	resp, err := srv.Client().Post(srv.URL, "application/json",
		strings.NewReader(`{"query":"{ search(text: \"六个工程\", kind: PROGRAM, region: \"内蒙古自治区\", first: 1) { id } }"}`))
	if err != nil {
		b.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if err != nil || len(got.Data.Search) == 0 {
		b.Fatalf("no “六个工程”: %v", err)
	}
	body := fmt.Sprintf(`{"query":"query($id: ID!) { trace(id: $id) { id name region { name level } report { year } } }","variables":{"id":%q}}`, got.Data.Search[0].ID)
	b.ReportAllocs()
	for b.Loop() {
		do(body)
	}
}

// BenchmarkRegionLookupHTTP resolves a short name and its parent over HTTP.
func BenchmarkRegionLookupHTTP(b *testing.B) {
	_, do := benchHandler(b)
	body := `{"query":"{ region(name: \"锡盟\") { id name level parent { name } } }"}`
	b.ReportAllocs()
	for b.Loop() {
		do(body)
	}
}

func TestContractProjectsTargetsGlossary(t *testing.T) {
	h := newHandler(corpus(t))
	var got struct {
		Reports []struct {
			Region   struct{ Name string }
			Entities []struct {
				Name           string
				LeadDepartment *string
				Evidence       []struct{ Section string }
			}
			Targets []struct {
				Indicator, Measure, Qualifier, Kind string
				Value                               float64
			}
		}
	}
	data(t, h, `{ reports { region { name } entities(kind: PROJECT) { name ... on Project { leadDepartment } evidence { section } }
		targets { indicator measure qualifier kind value } } }`, nil, &got)

	// 民生实事 appendix items are projects; the autonomous region's list
	// names a lead department for every item.
	wantItems := map[string]struct{ items, withLead int }{"内蒙古自治区": {33, 33}, "通辽市": {25, 0}}
	// 地区生产总值 growth targets per report.
	type gdp struct {
		value     float64
		qualifier string
	}
	wantGDP := map[string]gdp{"奈曼旗": {8, "AT_LEAST"}, "通辽市": {6, "AT_LEAST"}, "内蒙古自治区": {6, "AT_LEAST"}, "锡林郭勒盟": {6, "ABOUT"}, "准格尔旗": {7, "AT_LEAST"}}
	for _, r := range got.Reports {
		name := r.Region.Name
		items, withLead := 0, 0
		for _, e := range r.Entities {
			if len(e.Evidence) > 0 && strings.Contains(e.Evidence[0].Section, "民生实事") {
				items++
				if e.LeadDepartment != nil {
					withLead++
				}
			}
		}
		if w, ok := wantItems[name]; ok && (items != w.items || withLead < w.withLead) {
			t.Errorf("%s: %d 民生实事 projects (%d with lead department), want %d (%d)", name, items, withLead, w.items, w.withLead)
		}
		var found []gdp
		for _, tg := range r.Targets {
			if tg.Kind == "TARGET" && tg.Indicator == "地区生产总值" && tg.Measure == "增长" {
				found = append(found, gdp{tg.Value, tg.Qualifier})
			}
		}
		if w, ok := wantGDP[name]; ok && (len(found) != 1 || found[0] != w) {
			t.Errorf("%s: GDP growth targets %v, want [%v]", name, found, w)
		}
	}

	// Glossary definitions attach to their entity.
	var def struct {
		Search []struct {
			Name       string
			Definition *string
		}
	}
	data(t, h, `{ search(text: "三项计划", region: "奈曼旗") { name definition } }`, nil, &def)
	ok := false
	for _, e := range def.Search {
		ok = ok || strings.Trim(e.Name, "“”") == "三项计划" && e.Definition != nil && strings.Contains(*e.Definition, "各族青少年交流计划")
	}
	if !ok {
		t.Errorf("奈曼旗's “三项计划” has no definition mentioning 各族青少年交流计划: %+v", def.Search)
	}
}

// BenchmarkSearchHTTP searches the autonomous region's subtree for 温暖工程.
func BenchmarkSearchHTTP(b *testing.B) {
	_, do := benchHandler(b)
	body := `{"query":"{ search(text: \"温暖工程\", region: \"内蒙古自治区\", first: 20) { id name region { name } report { year } evidence { text } } }"}`
	b.ReportAllocs()
	for b.Loop() {
		do(body)
	}
}

// BenchmarkReportsNestedHTTP asks for every report with its programs, their
// parts and targets: the shape whose store calls TestNoNPlusOne keeps flat.
func BenchmarkReportsNestedHTTP(b *testing.B) {
	_, do := benchHandler(b)
	body := `{"query":"{ reports { title region { name } programs { name parts { name implements { name } } } targets { indicator value unit qualifier } } }"}`
	b.ReportAllocs()
	for b.Loop() {
		do(body)
	}
}

// bundledReports is how many report files the binary bundles.
func bundledReports(t *testing.T) int {
	t.Helper()
	entries, err := fs.ReadDir(corpusdata.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
