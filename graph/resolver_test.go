package graph_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/counted"
)

// TestQueries checks each contract field against the fixture: the query's
// whole data answer must equal want.
func TestQueries(t *testing.T) {
	s, _ := newFixture(t)
	h := newHandler(s)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  string
	}{
		{"region by short name with hierarchy",
			`{ region(name: "奈曼") { id code name level parent { name } ancestors { name level } children { name } } }`, nil,
			`{"region":{"id":"region/150525","code":"150525","name":"奈曼旗","level":"COUNTY","parent":{"name":"通辽市"},
			  "ancestors":[{"name":"通辽市","level":"PREFECTURAL"},{"name":"内蒙古自治区","level":"PROVINCIAL"},{"name":"中华人民共和国","level":"NATIONAL"}],"children":[]}}`},
		{"region by league short name",
			`{ region(name: "锡盟") { name level parent { name } } }`, nil,
			`{"region":{"name":"锡林郭勒盟","level":"PREFECTURAL","parent":{"name":"内蒙古自治区"}}}`},
		{"unknown region is null",
			`{ region(name: "不存在") { name } }`, nil, `{"region":null}`},
		{"regions by level",
			`{ regions(level: PREFECTURAL) { name } }`, nil,
			`{"regions":[{"name":"通辽市"},{"name":"锡林郭勒盟"}]}`},
		{"children and reports of a region",
			`{ region(name: "内蒙古自治区") { children { name } reports { year deliveredOn } } }`, nil,
			`{"region":{"children":[{"name":"通辽市"},{"name":"锡林郭勒盟"}],"reports":[{"year":2024,"deliveredOn":"2024-01-26"}]}}`},
		{"reports filtered by region and year",
			`query($r: String, $y: Int) { reports(region: $r, year: $y) { id title year deliveredOn source region { name } } }`,
			map[string]any{"r": "奈曼", "y": 2024},
			`{"reports":[{"id":"report/150525/2024","title":"政府工作报告 150525","year":2024,"deliveredOn":null,"source":"150525.txt","region":{"name":"奈曼旗"}}]}`},
		{"reports of another year are empty",
			`{ reports(region: "奈曼旗", year: 2023) { id } }`, nil, `{"reports":[]}`},
		{"all reports",
			`{ reports { id } }`, nil, `{"reports":[{"id":"report/150000/2024"},{"id":"report/150525/2024"}]}`},
		{"programs, targets and entities by kind",
			`query($id: ID!) { node(id: $id) { ... on Report { programs { name } targets { indicator value maxValue unit qualifier kind year measure evidence { text } }
			   entities(kind: PROJECT) { name ... on Project { leadDepartment } } } } }`,
			map[string]any{"id": kg.ReportID("150000", 2024)},
			`{"node":{"programs":[{"name":"（一）扎实推动高质量发展"},{"name":"六个工程"}],
			  "targets":[{"indicator":"地区生产总值","value":6,"maxValue":null,"unit":"%","qualifier":"AT_LEAST","kind":"TARGET","year":2024,"measure":"增长","evidence":{"text":"地区生产总值增长6%以上"}}],
			  "entities":[{"name":"广星220千伏变电站","leadDepartment":"自治区能源局"}]}}`},
		{"program parts, definition and evidence",
			`query($id: ID!) { node(id: $id) { ... on Program { kind name definition parts { name } partOf { name }
			   evidence { section offset text report { title } } region { name } report { year } } } }`,
			map[string]any{"id": kg.EntityID(kg.ReportID("150000", 2024), kg.KindProgram, "六个工程")},
			`{"node":{"kind":"PROGRAM","name":"六个工程","definition":"“六个工程”是指政策落地工程、温暖工程等六项工程。",
			  "parts":[{"name":"政策落地工程"}],"partOf":{"name":"（一）扎实推动高质量发展"},
			  "evidence":[{"section":"二、2024年工作 / （一）扎实推动高质量发展","offset":10,"text":"六个工程。","report":{"title":"2024年内蒙古自治区政府工作报告"}}],
			  "region":{"name":"内蒙古自治区"},"report":{"year":2024}}}`},
		{"membership wins over task area for partOf; implementedBy",
			`query($id: ID!) { node(id: $id) { ... on Initiative { partOf { name } definition implementedBy { name region { name } } implements { name } } } }`,
			map[string]any{"id": kg.EntityID(kg.ReportID("150000", 2024), kg.KindInitiative, "政策落地工程")},
			`{"node":{"partOf":{"name":"六个工程"},"definition":null,"implementedBy":[{"name":"政策落地工程","region":{"name":"奈曼旗"}}],"implements":[]}}`},
		{"node of each type and unknown ids",
			`{ a: node(id: "region/150500") { id ... on Region { name } } b: node(id: "report/150525/2024") { id }
			   c: node(id: "region/999999") { id } d: node(id: "nonsense") { id } }`, nil,
			`{"a":{"id":"region/150500","name":"通辽市"},"b":{"id":"report/150525/2024"},"c":null,"d":null}`},
		{"trace from the county reaches the province, highest level first",
			`query($id: ID!) { trace(id: $id) { name region { name } } }`,
			map[string]any{"id": kg.EntityID(kg.ReportID("150525", 2024), kg.KindInitiative, "政策落地工程")},
			`{"trace":[{"name":"政策落地工程","region":{"name":"内蒙古自治区"}},{"name":"政策落地工程","region":{"name":"奈曼旗"}}]}`},
		{"trace of the umbrella program goes down through its members",
			`query($id: ID!) { trace(id: $id) { name region { name } } }`,
			map[string]any{"id": kg.EntityID(kg.ReportID("150000", 2024), kg.KindProgram, "六个工程")},
			`{"trace":[{"name":"六个工程","region":{"name":"内蒙古自治区"}},{"name":"政策落地工程","region":{"name":"内蒙古自治区"}},{"name":"政策落地工程","region":{"name":"奈曼旗"}}]}`},
		{"search over the region subtree",
			`{ search(text: "政策落地", region: "通辽") { __typename name region { name } } }`, nil,
			`{"search":[{"__typename":"Initiative","name":"政策落地工程","region":{"name":"奈曼旗"}}]}`},
		{"search by kind everywhere",
			`{ search(text: "变电站", kind: PROJECT) { name } }`, nil,
			`{"search":[{"name":"广星220千伏变电站"}]}`},
		{"descendants, all and of one level",
			`{ region(name: "内蒙古") { all: descendants { id } counties: descendants(level: COUNTY) { name } } }`, nil,
			`{"region":{"all":[{"id":"region/150500"},{"id":"region/150525"},{"id":"region/152500"}],"counties":[{"name":"奈曼旗"}]}}`},
		{"search by level",
			`{ search(text: "政策落地", level: COUNTY) { name region { name } } }`, nil,
			`{"search":[{"name":"政策落地工程","region":{"name":"奈曼旗"}}]}`},
		{"search by level within a region with no such level",
			`{ search(text: "政策落地", region: "锡盟", level: COUNTY) { name } }`, nil,
			`{"search":[]}`},
		{"search by year range",
			`{ a: search(text: "政策落地", yearFrom: 2025) { name } b: search(text: "变电站", yearFrom: 2024, yearTo: 2024) { name } }`, nil,
			`{"a":[],"b":[{"name":"广星220千伏变电站"}]}`},
		{"search pages with offset",
			`{ search(text: "工程", first: 1, offset: 1) { name } }`, nil,
			`{"search":[{"name":"政策落地工程"}]}`},
		{"search first limits",
			`{ search(text: "工程", first: 1) { name } }`, nil,
			`{"search":[{"name":"六个工程"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want any
			data(t, h, tt.query, tt.vars, &got)
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatalf("bad want: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// TestGlossaryTerms: a glossary term that names no program is a Term,
// found by kind and by name without its quotation marks, with its
// definition; the region's stats count it.
func TestGlossaryTerms(t *testing.T) {
	s, _ := newFixture(t)
	rep := kg.ReportID("152500", 2024)
	term := entity(rep, leagueID, kg.KindTerm, "“四上”企业", "名词解释")
	term.Definition = "规模以上工业企业等的统称。"
	must(t, s.PutReport(context.Background(), kg.ReportGraph{
		Report:   kg.Report{ID: rep, RegionID: leagueID, Year: 2024, Title: "政府工作报告", Source: "152500.txt"},
		Entities: []kg.Entity{term},
	}))
	h := newHandler(s)
	var got any
	data(t, h, `{ search(text: "四上企业", kind: TERM) { __typename kind name ... on Term { definition implements { name } } }
	  region(name: "锡林郭勒盟") { stats { total { terms programs } } } }`, nil, &got)
	b, _ := json.Marshal(got)
	want := `{"region":{"stats":{"total":{"programs":0,"terms":1}}},"search":[{"__typename":"Term","definition":"规模以上工业企业等的统称。","implements":[],"kind":"TERM","name":"“四上”企业"}]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// TestUserErrors checks that bad input answers with a coded, readable error.
func TestUserErrors(t *testing.T) {
	s, _ := newFixture(t)
	h := newHandler(s)
	tests := []struct {
		name, query, code, msg string
	}{
		{"page too large", `{ search(text: "工程", first: 101) { name } }`, "BAD_USER_INPUT", "first must be between 1 and 100"},
		{"page empty", `{ search(text: "工程", first: 0) { name } }`, "BAD_USER_INPUT", "first must be between 1 and 100"},
		{"negative offset", `{ search(text: "工程", offset: -1) { name } }`, "BAD_USER_INPUT", "offset must be between 0 and 10000"},
		{"search in unknown region", `{ search(text: "工程", region: "火星") { name } }`, "NOT_FOUND", `no region named "火星"`},
		{"trace of unknown entity", `{ trace(id: "entity/000000/2024/abc") { name } }`, "NOT_FOUND", "no entity with id"},
		{"unknown field", `{ nope }`, "GRAPHQL_VALIDATION_FAILED", "Cannot query field"},
		{"syntax error", `{ region(name: ) }`, "GRAPHQL_PARSE_FAILED", "Unexpected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := query(t, h, tt.query, nil)
			if resp.code() != tt.code {
				t.Fatalf("code %q, want %q (errors %+v)", resp.code(), tt.code, resp.Errors)
			}
			if !strings.Contains(resp.Errors[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", resp.Errors[0].Message, tt.msg)
			}
		})
	}
}

// TestNoNPlusOne runs a nested query over every report and checks the
// number of store calls is the same for 4 reports and for 42: one per
// field and level, never one per row.
func TestNoNPlusOne(t *testing.T) {
	const q = `{ reports { title region { name parent { name } reports { year } }
		programs { name parts { name implements { name region { name } } } }
		targets { indicator evidence { report { year } } }
		entities { name partOf { name } implementedBy { name } } } }`
	calls := func(extra int) (int64, int) {
		s, f := newFixture(t)
		addCounties(t, s, f, extra)
		c, calls := countCalls(s)
		var got struct{ Reports []json.RawMessage }
		data(t, noWindow(c), q, nil, &got)
		return calls.Load(), len(got.Reports)
	}
	small, nSmall := calls(2)
	large, nLarge := calls(40)
	if nLarge != nSmall+38 {
		t.Fatalf("reports: %d and %d", nSmall, nLarge)
	}
	if large != small {
		t.Errorf("store calls grow with data: %d calls for %d reports, %d for %d", small, nSmall, large, nLarge)
	}
	// One call per list level, not per row: a handful, far fewer than reports.
	if large > 20 {
		t.Errorf("%d store calls for one nested query", large)
	}
	t.Logf("%d store calls for %d reports, %d for %d", small, nSmall, large, nLarge)
}

// noWindow is a handler whose loaders wait for no sibling: what a list
// costs then comes from the loaders' expectations alone, not from
// goroutines happening to arrive within a window, so the counts of the
// N+1 tests are exact on a machine however busy.
func noWindow(s kg.Store) http.Handler {
	return graph.NewHandler(s, graph.Options{LoaderWait: time.Nanosecond, Logger: quiet})
}

// TestSearchConnection pages through every hit with cursors.
func TestSearchConnection(t *testing.T) {
	s, _ := newFixture(t)
	h := newHandler(s)
	type page struct {
		SearchConnection struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       *string
			}
			Edges []struct {
				Cursor string
				Score  float64
				Node   struct{ Name string }
			}
			Nodes []struct{ Name string }
		}
	}
	const q = `query($after: String) { searchConnection(text: "工程", first: 2, after: $after) {
		totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor score node { name } } nodes { name } } }`
	var names []string
	var after any
	for i := 0; ; i++ {
		var p page
		data(t, h, q, map[string]any{"after": after}, &p)
		c := p.SearchConnection
		if c.TotalCount != 3 {
			t.Fatalf("totalCount %d, want 3", c.TotalCount)
		}
		if c.PageInfo.HasPreviousPage != (i > 0) || len(c.Edges) != len(c.Nodes) || len(c.Edges) == 0 {
			t.Fatalf("page %d: %+v", i, c)
		}
		for j, e := range c.Edges {
			names = append(names, e.Node.Name)
			if j > 0 && e.Score > c.Edges[j-1].Score {
				t.Errorf("page %d not ranked: %+v", i, c.Edges)
			}
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		after = *c.PageInfo.EndCursor
		if i > 3 {
			t.Fatal("paging does not end")
		}
	}
	if strings.Join(names, ",") != "六个工程,政策落地工程,政策落地工程" {
		t.Errorf("paged names %v", names)
	}
	resp := query(t, h, `{ searchConnection(text: "工程", after: "garbage") { totalCount } }`, nil)
	if resp.code() != "BAD_USER_INPUT" {
		t.Errorf("bad cursor: %+v", resp.Errors)
	}
	// Cursors past the end, up to the largest int (whose +1 overflowed and
	// panicked in the window), give an empty last page.
	for _, pos := range []string{"3", "1000", "9223372036854775806", "9223372036854775807"} {
		after := base64.RawURLEncoding.EncodeToString([]byte("pos:" + pos))
		resp := query(t, h, q, map[string]any{"after": after})
		var got struct {
			SearchConnection struct {
				TotalCount int
				PageInfo   struct{ HasNextPage, HasPreviousPage bool }
				Edges      []any
			}
		}
		if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &got) != nil {
			t.Fatalf("cursor at %s: %+v", pos, resp.Errors)
		}
		c := got.SearchConnection
		if len(c.Edges) != 0 || c.PageInfo.HasNextPage || !c.PageInfo.HasPreviousPage || c.TotalCount != 3 {
			t.Errorf("cursor at %s: %+v, want an empty last page of 3 hits", pos, c)
		}
	}
}

// TestNoNPlusOneAnalyst holds the analyst's questions to the same rule:
// each costs the same store calls for 3 regions taking a program up as
// for 41. Each is asked alone: top-level fields resolve concurrently, so
// when two share regions, which one's list is fetched first (and so
// whether a shared region costs its own call) is timing, not data.
func TestNoNPlusOneAnalyst(t *testing.T) {
	questions := []struct{ name, query string }{
		{"spread", `query($id: ID!) { spread(id: $id) { levels { regions { region { name parent { name } reports { year } }
			links { entity { name report { year } partOf { name } } implements { name region { name } } evidence { text } } } }
			gaps { name } } }`},
		{"targetComparison", `{ targetComparison(filter: {indicator: "地区生产总值"}, first: 100) {
			nodes { region { name parent { name } } target { value evidence { report { year } } } } } }`},
		{"stats", `{ region(name: "内蒙古自治区") { stats { total { reports } } } }`},
	}
	for _, qu := range questions {
		t.Run(qu.name, func(t *testing.T) {
			calls := func(extra int) (int64, int) {
				s, f := newFixture(t)
				addCounties(t, s, f, extra)
				c, calls := countCalls(s)
				var spread struct {
					Spread struct {
						Levels []struct{ Regions []json.RawMessage }
					}
				}
				var vars map[string]any
				if strings.HasPrefix(qu.query, "query($id") {
					vars = map[string]any{"id": f.provSix}
				}
				data(t, noWindow(c), qu.query, vars, &spread)
				n := 0
				for _, l := range spread.Spread.Levels {
					n += len(l.Regions)
				}
				return calls.Load(), n
			}
			small, nSmall := calls(2)
			large, nLarge := calls(40)
			if qu.name == "spread" && nLarge != nSmall+38 {
				t.Fatalf("spread regions: %d and %d", nSmall, nLarge)
			}
			if large != small {
				t.Errorf("store calls grow with data: %d calls with 2 extra counties, %d with 40", small, large)
			}
			t.Logf("%d store calls with 2 extra counties, %d with 40", small, large)
		})
	}
}

// TestExpectedOnlyWhenAsked: a list's regions and reports are fetched in
// one call each when one of its elements asks for them, and not before:
// when only deeper fields ask, the deeper level's regions are what is
// fetched (a selection-set prefetch fetched the hits' regions up front
// for implements { region } too).
func TestExpectedOnlyWhenAsked(t *testing.T) {
	s := corpus(t)
	tests := []struct {
		name, fields string
		want         []string // in order: each level waits for the one above
	}{
		{"names only", `name`, []string{"Search"}},
		{"region", `name region { name }`, []string{"Search", "Regions"}},
		{"only deeper", `name implements { name region { name } }`, []string{"Search", "FindEdges", "Entities", "Regions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				mu    sync.Mutex
				calls []string
			)
			c := counted.New(s, func(method string) {
				mu.Lock()
				defer mu.Unlock()
				calls = append(calls, method)
			})
			var got struct{ Search []json.RawMessage }
			data(t, noWindow(c), `{ search(text: "温暖工程", first: 20) { `+tt.fields+` } }`, nil, &got)
			if len(got.Search) < 2 {
				t.Fatalf("%d hits: the test needs a list", len(got.Search))
			}
			mu.Lock()
			defer mu.Unlock()
			if strings.Join(calls, " ") != strings.Join(tt.want, " ") {
				t.Errorf("store calls %v, want %v", calls, tt.want)
			}
		})
	}
}
