package loader

import (
	"io/fs"
	"reflect"
	"testing"

	"github.com/reportgraph/reportgraph/data"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []Line
	}{
		{"", nil},
		{"没有句号", []Line{{Text: "没有句号", Offset: 10, Byte: 100}}},
		{"一句。两句。", []Line{{Text: "一句。", Offset: 10, Byte: 100}, {Text: "两句。", Offset: 13, Byte: 109}}},
		{"一句。 两句", []Line{{Text: "一句。", Offset: 10, Byte: 100}, {Text: "两句", Offset: 14, Byte: 110}}},
		{"问？答！好!对?。", []Line{{Text: "问？", Offset: 10, Byte: 100}, {Text: "答！", Offset: 12, Byte: 106}, {Text: "好!", Offset: 14, Byte: 112},
			{Text: "对?", Offset: 16, Byte: 116}, {Text: "。", Offset: 18, Byte: 120}}},
		{"增长6%左右，𠀀。末", []Line{{Text: "增长6%左右，𠀀。", Offset: 10, Byte: 100}, {Text: "末", Offset: 19, Byte: 124}}},
	}
	for _, tt := range tests {
		got := sentences(Line{Text: tt.text, Offset: 10, Byte: 100})
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("sentences(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
		for _, g := range got {
			if at := g.Byte - 100; tt.text[at:at+len(g.Text)] != g.Text {
				t.Errorf("sentence %q: byte offset %d points at %q", g.Text, g.Byte, tt.text[at:])
			}
		}
	}
}

// TestByteOffsetsPointIntoBody: every paragraph, sentence and task-area
// heading of a parsed report says where its text stands in the body.
func TestByteOffsetsPointIntoBody(t *testing.T) {
	for _, f := range []string{"inner-mongolia-2024.txt", "naiman-banner-2024.txt"} {
		doc := parse(sampleBody(t, f), nil)
		check := func(l Line) {
			if l.Byte < 0 || l.Byte+len(l.Text) > len(doc.Body) || doc.Body[l.Byte:l.Byte+len(l.Text)] != l.Text {
				t.Fatalf("%s: %q at byte %d is not in the body there", f, l.Text, l.Byte)
			}
		}
		for _, p := range doc.Paragraphs {
			check(p.Line)
			for _, s := range p.Sentences {
				check(s)
			}
		}
		for _, part := range doc.Parts {
			for _, a := range part.Areas {
				check(a.Heading)
			}
		}
	}
}

// TestParseReadsNormalizedLines: Parse reads the lines Normalize made and
// builds the same document as parsing the joined body, for every bundled
// report.
func TestParseReadsNormalizedLines(t *testing.T) {
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		text, err := Normalize(sampleFile(t, e.Name()))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if len(text.Lines) == 0 {
			t.Fatalf("%s: Normalize gave no lines", e.Name())
		}
		if got, want := Parse(text), parse(text.Body, text.Meta); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: parsing the lines differs from parsing the body", e.Name())
		}
	}
}
