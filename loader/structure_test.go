package loader

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
)

// sampleBody reads a bundled sample that is already clean text, so the
// structure stage can be tested on its own.
func sampleBody(t testing.TB, name string) string {
	t.Helper()
	b, err := fs.ReadFile(data.Reports(), name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestParseStructure(t *testing.T) {
	tests := []struct {
		file        string
		year        int
		delivered   string
		areas       int
		glossary    int
		appendItems []int
	}{
		{"naiman-banner-2024.txt", 2024, "2024-01-26", 7, 24, nil},
		{"inner-mongolia-2024.txt", 2024, "2024-01-30", 10, 0, []int{33}},
		{"xilingol-league-2024.txt", 2024, "", 7, 0, nil},
		{"tongliao-city-2025.txt", 2025, "2025-01-23", 7, 22, []int{25}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := parse(sampleBody(t, tt.file), nil)
			if doc.Year != tt.year {
				t.Errorf("year = %d, want %d", doc.Year, tt.year)
			}
			if doc.DeliveredOn != tt.delivered {
				t.Errorf("deliveredOn = %q, want %q", doc.DeliveredOn, tt.delivered)
			}
			plan := planPart(doc)
			if plan < 0 {
				t.Fatal("no plan part")
			}
			if got := len(doc.Parts[plan].Areas); got != tt.areas {
				t.Errorf("areas = %d, want %d", got, tt.areas)
			}
			if tt.glossary > 0 && len(doc.Glossary) != tt.glossary {
				t.Errorf("glossary = %d, want %d", len(doc.Glossary), tt.glossary)
			}
			if tt.appendItems != nil {
				if len(doc.Appendices) != len(tt.appendItems) {
					t.Fatalf("appendices = %d, want %d", len(doc.Appendices), len(tt.appendItems))
				}
				for i, n := range tt.appendItems {
					if got := len(doc.Appendices[i].Items); got != n {
						t.Errorf("appendix %d items = %d, want %d", i, got, n)
					}
				}
			}
			body := []rune(doc.Body)
			for _, a := range doc.Parts[plan].Areas {
				got := string(body[a.Heading.Offset : a.Heading.Offset+len([]rune(a.Heading.Text))])
				if got != a.Heading.Text {
					t.Errorf("area offset %d points at %q, want %q", a.Heading.Offset, got, a.Heading.Text)
				}
			}
			for _, a := range doc.Parts[plan].Areas {
				t.Logf("area %s | %s", a.Name, a.Heading.Text)
			}
		})
	}
}
