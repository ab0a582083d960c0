package analysis_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
)

func TestDiffuse(t *testing.T) {
	ctx := context.Background()
	s := newFixture(t)
	// 库伦旗 takes 温暖工程 up a year after its city.
	late := reportSpec{region: silent, year: 2025, ents: [][2]string{{initiative, "温暖工程"}}}
	must(t, s.PutReport(ctx, late.graph()))
	regions, err := analysis.Subtree(ctx, s, &province)
	must(t, err)
	tests := []struct {
		name     string
		q        analysis.DiffusionQuery
		adopters []string
		levels   []string
	}{
		{
			"a program's alias group",
			analysis.DiffusionQuery{EntityID: provReport.entityID("温暖工程"), Regions: regions},
			[]string{"内蒙古自治区 2024 lag -", "通辽市 2024 lag 0", "奈曼旗 2024 lag 0", "库伦旗 2025 lag 1"},
			[]string{
				"PROVINCIAL 1/1 [2024:1/1 2025:0/1] lag - share 1",
				"PREFECTURAL 1/2 [2024:1/1 2025:0/1] lag 0 share 0.5",
				"COUNTY 2/3 [2024:1/1 2025:1/2] lag 0.5 share 0.6667",
			},
		},
		{
			"a phrase",
			analysis.DiffusionQuery{Text: "草原保护", Regions: regions},
			[]string{"开鲁县 2023 lag -", "锡林郭勒盟 2024 lag -"},
			[]string{
				"PROVINCIAL 0/1 [2023:0/0 2024:0/0] lag - share 0", // zeros: every level spans the same years
				"PREFECTURAL 1/2 [2023:0/0 2024:1/1] lag - share 0.5",
				"COUNTY 1/3 [2023:1/1 2024:0/1] lag - share 0.3333",
			},
		},
		{
			"nobody",
			analysis.DiffusionQuery{Text: "不存在的工程", Regions: regions},
			nil,
			[]string{"PROVINCIAL 0/1 [] lag - share 0", "PREFECTURAL 0/2 [] lag - share 0", "COUNTY 0/3 [] lag - share 0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := analysis.Diffuse(ctx, s, tt.q)
			must(t, err)
			var adopters, levels []string
			for _, a := range d.Adopters {
				adopters = append(adopters, fmt.Sprintf("%s %d lag %s", a.Region.Name, a.FirstYear, optInt(a.Lag())))
			}
			for _, l := range d.Levels {
				var curve []string
				for _, p := range l.Curve {
					curve = append(curve, fmt.Sprintf("%d:%d/%d", p.Year, p.Adopted, p.Cumulative))
				}
				levels = append(levels, fmt.Sprintf("%s %d/%d %v lag %s share %s", l.Level, l.Adopters, l.Regions, curve, optFloat(l.MeanLag()), optFloat(l.Share())))
			}
			if !reflect.DeepEqual(adopters, tt.adopters) {
				t.Errorf("adopters\n got %q\nwant %q", adopters, tt.adopters)
			}
			if !reflect.DeepEqual(levels, tt.levels) {
				t.Errorf("levels\n got %q\nwant %q", levels, tt.levels)
			}
		})
	}
	for _, q := range []analysis.DiffusionQuery{{Regions: regions}, {EntityID: "x", Text: "y", Regions: regions}, {Text: "温暖"}} {
		if _, err := analysis.Diffuse(ctx, s, q); kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("%+v: %v, want invalid", q, err)
		}
	}
	if _, err := analysis.Diffuse(ctx, s, analysis.DiffusionQuery{EntityID: "entity/000000/2024/nope", Regions: regions}); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("unknown entity: %v, want not found", err)
	}
}

func optInt(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func optFloat(p *float64) string {
	if p == nil {
		return "-"
	}
	return kg.FormatValue(*p)
}
