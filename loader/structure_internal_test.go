package loader

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []Line
	}{
		{"", nil},
		{"没有句号", []Line{{Text: "没有句号", Offset: 10}}},
		{"一句。两句。", []Line{{Text: "一句。", Offset: 10}, {Text: "两句。", Offset: 13}}},
		{"一句。 两句", []Line{{Text: "一句。", Offset: 10}, {Text: "两句", Offset: 14}}},
		{"问？答！好!对?。", []Line{{Text: "问？", Offset: 10}, {Text: "答！", Offset: 12}, {Text: "好!", Offset: 14},
			{Text: "对?", Offset: 16}, {Text: "。", Offset: 18}}},
		{"增长6%左右，𠀀。末", []Line{{Text: "增长6%左右，𠀀。", Offset: 10}, {Text: "末", Offset: 19}}},
	}
	for _, tt := range tests {
		if got := sentences(Line{Text: tt.text, Offset: 10}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("sentences(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}
