package loader

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// facts is what must survive a change of form: entity keys by kind, target
// figures, PART_OF pairs and definitions.
func facts(g kg.ReportGraph) []string {
	var out []string
	keys := map[string]string{}
	for _, e := range g.Entities {
		keys[e.ID] = string(e.Kind) + " " + e.Key
		out = append(out, keys[e.ID])
		if e.Definition != "" {
			out = append(out, "def "+e.Key+" "+kg.KeyOf(e.Definition))
		}
		if e.LeadDepartment != "" {
			out = append(out, "lead "+e.Key+" "+kg.KeyOf(e.LeadDepartment))
		}
	}
	for _, x := range g.Targets {
		out = append(out, "target "+targetSig(x.Indicator, x.Measure, x.Value, x.MaxValue, x.Unit, string(x.Qualifier))+" "+string(x.Kind))
	}
	for _, e := range g.Edges {
		out = append(out, "part "+keys[e.FromID]+" → "+keys[e.ToID])
	}
	sort.Strings(out)
	return out
}

// Realistic variants of a clean sample load to the same facts: a report
// without any header, and one typed with half-width punctuation.
func TestVariantsKeepFacts(t *testing.T) {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	halfWidth := strings.NewReplacer("（", "(", "）", ")", "：", ":", "，", ",", "；", ";", "！", "!")
	variants := []struct {
		name   string
		file   string
		change func(string) string
	}{
		{"no header", "naiman-banner-2024.txt", func(s string) string {
			_, rest, _ := strings.Cut(s, "\n")
			return rest
		}},
		{"half-width punctuation", "naiman-banner-2024.txt", halfWidth.Replace},
		{"half-width punctuation", "xilingol-league-2024.txt", halfWidth.Replace},
		{"full-width parentheses", "inner-mongolia-2024.txt", strings.NewReplacer("(", "（", ")", "）").Replace},
		{"CRLF", "tongliao-city-2025.txt", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
	}
	for _, v := range variants {
		t.Run(v.file+"/"+v.name, func(t *testing.T) {
			body := sampleBody(t, v.file)
			want, err := Extract(context.Background(), parse(body, nil), tree, v.file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Extract(context.Background(), parse(v.change(body), nil), tree, v.file)
			if err != nil {
				t.Fatal(err)
			}
			if got.Report.ID != want.Report.ID {
				t.Errorf("report %s, want %s", got.Report.ID, want.Report.ID)
			}
			gf, wf := facts(got), facts(want)
			if !reflect.DeepEqual(gf, wf) {
				t.Errorf("facts differ:\n  only in variant: %v\n  only in original: %v", minus(gf, wf), minus(wf, gf))
			}
		})
	}
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}
