package loader

import (
	"context"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
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
			if _, err := extract(b.Context(), doc, kg.Region{ID: "region/x", Code: "x"}, nil, nil, files[i]); err != nil {
				b.Fatal(err)
			}
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
			if _, err := Load(context.Background(), files[i], raw, tree); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractLarge shows extraction stays linear in input size: the
// clean samples concatenated, with figures perturbed per copy so names and
// targets do not all collapse into the first copy's, to 1 MB and 50 MB.
func BenchmarkExtractLarge(b *testing.B) {
	tree, err := testTree()
	if err != nil {
		b.Fatal(err)
	}
	var samples []string
	for _, f := range []string{"inner-mongolia-2024.txt", "tongliao-city-2025.txt", "xilingol-league-2024.txt", "naiman-banner-2024.txt"} {
		samples = append(samples, sampleBody(b, f))
	}
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1MB", 1 << 20}, {"50MB", 50 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			body := largeBody(samples, size.bytes)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(context.Background(), parse(body, nil), tree, "large"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func largeBody(samples []string, size int) string {
	var sb strings.Builder
	for i := 0; sb.Len() < size; i++ {
		s := samples[i%len(samples)]
		sb.WriteString(strings.NewReplacer("2024年", strconv.Itoa(1900+i%120)+"年", "8%", strconv.Itoa(i%97)+"%").Replace(s))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// BenchmarkLoadCorpus measures the whole pipeline over every bundled
// report: real reports of every level and format, the figure the loader's
// speed aim (20 MB/s per core) is judged by.
func BenchmarkLoadCorpus(b *testing.B) {
	tree, err := testTree()
	if err != nil {
		b.Fatal(err)
	}
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, 0, len(entries))
	raws := make([][]byte, 0, len(entries))
	size := 0
	for _, e := range entries {
		raw := sampleFile(b, e.Name())
		names = append(names, e.Name())
		raws = append(raws, raw)
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for i, raw := range raws {
			if _, err := Load(context.Background(), names[i], raw, tree); err != nil {
				b.Fatal(err)
			}
		}
	}
	// On a shared machine wall-clock MB/s mostly measures the neighbours.
	if used := processCPU() - cpu; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/used.Seconds()/1e6, "cpuMB/s")
	}
}
