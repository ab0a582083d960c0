package graph_test

import (
	"reflect"
	"testing"
)

// TestDiffusion asks the bundled corpus how 政策落地工程 spread inside
// 内蒙古自治区 (the province's 2024 program, taken up by 奈曼旗 in 2024
// and 通辽市 in 2025) and where the phrase 三北 appears nationally.
func TestDiffusion(t *testing.T) {
	h := newHandler(corpus(t))
	var id struct {
		Search []struct{ ID string }
	}
	data(t, h, `{ search(text: "政策落地工程", region: "内蒙古自治区", first: 1) { id } }`, nil, &id)
	if len(id.Search) == 0 {
		t.Fatal("no 政策落地工程")
	}
	var out struct {
		Diffusion struct {
			Adopters []struct {
				Region          struct{ Name string }
				FirstYear       int
				First           struct{ Name string }
				ParentFirstYear *int
				Lag             *int
			}
			Levels []struct {
				Level             string
				Regions, Adopters int
				Curve             []struct{ Year, Adopted, Cumulative int }
			}
		}
	}
	data(t, h, `query($id: ID!) { diffusion(id: $id, region: "内蒙古自治区") { adopters { region { name } firstYear first { name } parentFirstYear lag }
		levels { level regions adopters curve { year adopted cumulative } } } }`, map[string]any{"id": id.Search[0].ID}, &out)
	years := map[string]int{}
	lags := map[string]*int{}
	for _, a := range out.Diffusion.Adopters {
		years[a.Region.Name] = a.FirstYear
		lags[a.Region.Name] = a.Lag
	}
	if years["内蒙古自治区"] != 2024 || years["奈曼旗"] != 2024 || years["通辽市"] != 2025 {
		t.Errorf("first years %v, want 内蒙古自治区 2024, 奈曼旗 2024, 通辽市 2025", years)
	}
	if l := lags["通辽市"]; l == nil || *l != 1 {
		t.Errorf("通辽市's lag behind the province: %v, want 1", l)
	}
	if l := lags["奈曼旗"]; l == nil || *l != -1 {
		t.Errorf("奈曼旗's lag behind 通辽市: %v, want -1 (a year ahead)", l)
	}
	for _, l := range out.Diffusion.Levels {
		if len(l.Curve) == 0 || l.Curve[len(l.Curve)-1].Cumulative != l.Adopters {
			t.Errorf("%s: curve %v ends short of its %d adopters", l.Level, l.Curve, l.Adopters)
		}
	}
	var phrase struct {
		Diffusion struct {
			Adopters []struct{ Region struct{ Name string } }
			Levels   []struct {
				Level    string
				Adopters int
			}
		}
	}
	data(t, h, `{ diffusion(text: "三北") { adopters { region { name } } levels { level adopters } } }`, nil, &phrase)
	if len(phrase.Diffusion.Adopters) < 3 || len(phrase.Diffusion.Levels) != 4 {
		t.Errorf("三北: %d adopters over %d levels, want several over all 4", len(phrase.Diffusion.Adopters), len(phrase.Diffusion.Levels))
	}
	for _, tt := range []struct{ q, code string }{
		{`{ diffusion { levels { level } } }`, "BAD_USER_INPUT"},
		{`{ diffusion(id: "entity/000000/2024/x", text: "三北") { levels { level } } }`, "BAD_USER_INPUT"},
		{`{ diffusion(id: "entity/000000/2024/x") { levels { level } } }`, "NOT_FOUND"},
		{`{ diffusion(text: "三北", region: "不存在市") { levels { level } } }`, "NOT_FOUND"},
	} {
		if resp := query(t, h, tt.q, nil); resp.code() != tt.code {
			t.Errorf("%s: %+v, want %s", tt.q, resp.Errors, tt.code)
		}
	}
}

// TestDiffusionAdoptersPaged walks the national diffusion of 三北 a page
// at a time: the pages together are the whole adopters list in its order,
// level keeps one level with its own count, and a page beyond the bound
// is refused.
func TestDiffusionAdoptersPaged(t *testing.T) {
	h := newHandler(corpus(t))
	type adopter struct {
		Region    struct{ Name, Level string }
		FirstYear int
		Lag       *int
	}
	var whole struct {
		Diffusion struct{ Adopters []adopter }
	}
	data(t, h, `{ diffusion(text: "三北") { adopters { region { name level } firstYear lag } } }`, nil, &whole)
	all := whole.Diffusion.Adopters
	if len(all) < 3 {
		t.Fatalf("三北: %d adopters, want several", len(all))
	}
	page := func(level string, after *string) (total int, nodes []adopter, next *string) {
		var out struct {
			Diffusion struct {
				AdoptersConnection struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage bool
						EndCursor   *string
					}
					Edges []struct{ Cursor string }
					Nodes []adopter
				}
			}
		}
		vars := map[string]any{"after": after}
		q := `query($after: String) { diffusion(text: "三北") { adoptersConnection(first: 2, after: $after) {
			totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { region { name level } firstYear lag } } } }`
		if level != "" {
			vars["level"] = level
			q = `query($after: String, $level: RegionLevel) { diffusion(text: "三北") { adoptersConnection(level: $level, first: 2, after: $after) {
			totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { region { name level } firstYear lag } } } }`
		}
		data(t, h, q, vars, &out)
		c := out.Diffusion.AdoptersConnection
		if len(c.Edges) != len(c.Nodes) || len(c.Nodes) > 2 {
			t.Fatalf("a page of %d edges and %d nodes, want as many, at most 2", len(c.Edges), len(c.Nodes))
		}
		if c.PageInfo.HasNextPage {
			next = c.PageInfo.EndCursor
		}
		return c.TotalCount, c.Nodes, next
	}
	walk := func(level string) (int, []adopter) {
		var got []adopter
		total, nodes, next := page(level, nil)
		got = append(got, nodes...)
		for next != nil {
			_, nodes, next = page(level, next)
			got = append(got, nodes...)
		}
		return total, got
	}
	total, got := walk("")
	if total != len(all) || !reflect.DeepEqual(got, all) {
		t.Errorf("paged: %d adopters (totalCount %d), want the %d of adopters in their order:\n got %+v\nwant %+v", len(got), total, len(all), got, all)
	}
	var counties []adopter
	for _, a := range all {
		if a.Region.Level == "COUNTY" {
			counties = append(counties, a)
		}
	}
	if len(counties) == 0 {
		t.Fatal("三北: no county among the adopters; the level filter goes untested")
	}
	if total, got := walk("COUNTY"); total != len(counties) || !reflect.DeepEqual(got, counties) {
		t.Errorf("COUNTY: %d adopters (totalCount %d), want %d: %+v", len(got), total, len(counties), got)
	}
	for _, q := range []string{
		`{ diffusion(text: "三北") { adoptersConnection(first: 101) { totalCount } } }`,
		`{ diffusion(text: "三北") { adoptersConnection(first: 0) { totalCount } } }`,
		`{ diffusion(text: "三北") { adoptersConnection(after: "not a cursor") { totalCount } } }`,
	} {
		if resp := query(t, h, q, nil); resp.code() != "BAD_USER_INPUT" {
			t.Errorf("%s: %+v, want BAD_USER_INPUT", q, resp.Errors)
		}
	}
}
