package neo4j

import (
	"bufio"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// The import tool reads an unquoted empty field as "no property" and a
// quoted "" as the empty string; the row writer must keep them apart.
func TestCSVWriterQuoting(t *testing.T) {
	tests := []struct {
		name   string
		values []any
		want   string
	}{
		{"absent vs empty", []any{nil, "", "x"}, `,"","x"` + "\n"},
		{"quote and newline", []any{"a\"b", "l1\nl2"}, `"a""b","l1` + "\nl2\"\n"},
		{"numbers", []any{int64(2025), 8.5, 1.0}, `"2025","8.5","1"` + "\n"},
		{"array", []any{[]string{"甲", "乙"}}, `"甲;乙"` + "\n"},
		{"long array", []any{[]int64{3, 1024}}, `"3;1024"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			w := &csvWriter{w: bufio.NewWriter(&b)}
			fields := make([]field, len(tt.values))
			for i, v := range tt.values {
				f, err := cell(v, ";")
				if err != nil {
					t.Fatal(err)
				}
				fields[i] = f
			}
			if err := w.write(fields); err != nil {
				t.Fatal(err)
			}
			w.w.Flush()
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
	if _, err := cell([]string{"a;b"}, ";"); err == nil {
		t.Error("an array element containing the delimiter must be refused")
	}
}

// Evidence text can hold the tool's default delimiter: the export then
// picks the next candidate no element contains, and says so in the command.
func TestArrayDelimiterAvoidsTheData(t *testing.T) {
	ev := func(text string) []kg.Evidence { return []kg.Evidence{{ReportID: "r", Section: "一、", Text: text}} }
	tests := []struct {
		name string
		g    graph
		want string
	}{
		{"plain", graph{entities: []*kg.Entity{{Evidence: ev("实施六个工程。")}}}, ";"},
		{"semicolon in evidence", graph{entities: []*kg.Entity{{Evidence: ev("一是；二是; 三是")}}}, "|"},
		{"both in aliases and edges", graph{
			entities: []*kg.Entity{{Aliases: []string{"a|b"}}},
			edges:    []*kg.Edge{{Evidence: ev("x;y")}},
		}, "¦"},
	}
	for _, tt := range tests {
		got, err := tt.g.arrayDelimiter()
		if err != nil || got != tt.want {
			t.Errorf("%s: delimiter %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	cmd := Export{Dir: "out", Files: []ExportFile{{Name: "regions.csv"}}, ArrayDelimiter: "|"}.ImportCommand("neo4j")
	if !strings.Contains(cmd, "'--array-delimiter=|'") {
		t.Errorf("import command %q does not pass the delimiter", cmd)
	}
	all := graph{regions: []*kg.Region{{ShortNames: []string{strings.Join(arrayDelimiters, "")}}}}
	if _, err := all.arrayDelimiter(); err == nil {
		t.Error("data holding every candidate: want an error")
	}
}
