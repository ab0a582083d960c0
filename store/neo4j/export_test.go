package neo4j

import (
	"bufio"
	"strings"
	"testing"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			w := &csvWriter{w: bufio.NewWriter(&b)}
			fields := make([]field, len(tt.values))
			for i, v := range tt.values {
				f, err := cell(v)
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
	if _, err := cell([]string{"a;b"}); err == nil {
		t.Error("an array element containing the delimiter must be refused")
	}
}
