package graph_test

import (
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
