package loader

import (
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// BenchmarkParseExtract measures the structure and extraction stages over
// the clean text samples (run with -benchmem).
func BenchmarkParseExtract(b *testing.B) {
	files := []string{"inner-mongolia-2024.txt", "tongliao-city-2025.txt", "xilingol-league-2024.txt", "naiman-banner-2024.txt"}
	bodies := make([]string, len(files))
	size := 0
	for i, f := range files {
		bodies[i] = sampleBody(b, f)
		size += len(bodies[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, body := range bodies {
			doc := parse(body, nil)
			_ = extract(doc, kg.Region{ID: "region/x", Code: "x"}, files[i])
		}
	}
}

// BenchmarkLoad measures the whole pipeline (Normalize, Parse, Extract with
// region detection) over the bundled corpus.
func BenchmarkLoad(b *testing.B) {
	tree, err := testTree()
	if err != nil {
		b.Fatal(err)
	}
	files := []string{"inner-mongolia-2024.txt", "tongliao-city-2025.txt", "xilingol-league-2024.txt", "naiman-banner-2024.txt", "jungar-banner-2023.html"}
	raws := make([][]byte, len(files))
	size := 0
	for i, f := range files {
		raws[i] = sampleFile(b, f)
		size += len(raws[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, raw := range raws {
			if _, err := Load(files[i], raw, tree); err != nil {
				b.Fatal(err)
			}
		}
	}
}
