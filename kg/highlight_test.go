package kg_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

func TestHighlights(t *testing.T) {
	long := strings.Repeat("甲", 30) + "实施温暖工程，" + strings.Repeat("乙", 30) + "温暖工程。"
	e := &kg.Entity{
		Name: "科技“突围”工程", Aliases: []string{"科技突围工程"}, Definition: "以科技“突围”带动发展。",
		Evidence: []kg.Evidence{{Text: long}, {Text: "推进GDP核算。"}},
	}
	tests := []struct {
		name, query string
		want        []kg.Highlight
	}{
		{"name and alias are shown whole", "突围", []kg.Highlight{
			{Field: kg.FieldName, Text: "科技“突围”工程", Ranges: []kg.TextRange{{3, 2}}},
			{Field: kg.FieldAlias, Text: "科技突围工程", Ranges: []kg.TextRange{{2, 2}}},
			{Field: kg.FieldDefinition, Text: "以科技“突围”带动发展。", Ranges: []kg.TextRange{{4, 2}}},
		}},
		{"long evidence is cut around the first match", "温暖工程", []kg.Highlight{
			// 24 runes of context before the match, an ellipsis on each cut side.
			{Field: kg.FieldEvidence, Text: "…" + strings.Repeat("甲", 22) + "实施温暖工程，" + strings.Repeat("乙", 23) + "…", Ranges: []kg.TextRange{{25, 4}}},
		}},
		{"case-insensitive", "gdp", []kg.Highlight{
			{Field: kg.FieldEvidence, Text: "推进GDP核算。", Ranges: []kg.TextRange{{2, 3}}},
		}},
		{"no match", "三北", nil},
		{"blank query", "  ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := kg.Highlights(e, tc.query); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Highlights(%q)\n got %+v\nwant %+v", tc.query, got, tc.want)
			}
		})
	}
	for _, q := range []string{"突围", "温暖工程", "gdp"} {
		if (kg.MatchScore(e, q) > 0) != (len(kg.Highlights(e, q)) > 0) {
			t.Errorf("%q: MatchScore and Highlights disagree on whether it matches", q)
		}
	}
}
