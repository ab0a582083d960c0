package synthcorpus_test

import (
	"bytes"
	"context"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/loader"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/synthcorpus"
)

var tree = sync.OnceValues(division.Load)

func newCorpus(t testing.TB, opts synthcorpus.Options) (*synthcorpus.Corpus, *division.Tree) {
	t.Helper()
	tr, err := tree()
	if err != nil {
		t.Fatal(err)
	}
	c, err := synthcorpus.Bundled(tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c, tr
}

// TestIngest loads a small synthetic corpus through the real ingest path
// and checks every file landed on its planned region and year, with
// IMPLEMENTS edges between synthetic reports of different levels.
func TestIngest(t *testing.T) {
	ctx := context.Background()
	c, tr := newCorpus(t, synthcorpus.Options{N: 50, Seed: 7})
	if c.Len() != 50 {
		t.Fatalf("Len = %d, want 50", c.Len())
	}
	s := memory.New()
	in := &ingest.Ingester{Store: s, Regions: tr}
	res, err := in.LoadFS(ctx, c.FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) > 0 || len(res.Loaded) != 50 {
		t.Fatalf("loaded %d, skipped %v", len(res.Loaded), res.Skipped)
	}
	levels := map[kg.RegionLevel]int{}
	for _, sp := range c.Specs() {
		r, ok := tr.ByID(sp.RegionID)
		if !ok {
			t.Fatalf("%s: planned region %s unknown", sp.Name, sp.RegionID)
		}
		levels[r.Level]++
		reps, err := s.Reports(ctx, []string{kg.ReportID(r.Code, sp.Year)})
		if err != nil {
			t.Fatal(err)
		}
		if reps[0] == nil || reps[0].Source != sp.Name {
			t.Errorf("%s: no report of %s %d from it (got %+v)", sp.Name, r.Name, sp.Year, reps[0])
		}
	}
	for _, l := range []kg.RegionLevel{kg.LevelProvincial, kg.LevelPrefectural, kg.LevelCounty} {
		if levels[l] == 0 {
			t.Errorf("no %s reports planned: %v", l, levels)
		}
	}

	typ := kg.EdgeImplements
	edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &typ})
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[[2]kg.RegionLevel]int{}
	for _, e := range edges {
		ents, err := s.Entities(ctx, []string{e.FromID, e.ToID})
		if err != nil {
			t.Fatal(err)
		}
		from, _ := tr.ByID(ents[0].RegionID)
		to, _ := tr.ByID(ents[1].RegionID)
		if !tr.IsAncestor(to.ID, from.ID) {
			t.Errorf("IMPLEMENTS %s → %s: %s is not above %s", e.FromID, e.ToID, to.Name, from.Name)
		}
		pairs[[2]kg.RegionLevel{from.Level, to.Level}]++
	}
	for _, p := range [][2]kg.RegionLevel{
		{kg.LevelCounty, kg.LevelPrefectural},
		{kg.LevelCounty, kg.LevelProvincial},
		{kg.LevelPrefectural, kg.LevelProvincial},
	} {
		if pairs[p] == 0 {
			t.Errorf("no IMPLEMENTS edges from %s to %s; have %v", p[0], p[1], pairs)
		}
	}
}

// TestRegionDetection runs the loader alone over a larger corpus: every
// file must be detected as its planned region and year.
func TestRegionDetection(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 60
	}
	c, tr := newCorpus(t, synthcorpus.Options{N: n, Seed: 11})
	for i, sp := range c.Specs() {
		f, err := c.File(i)
		if err != nil {
			t.Fatal(err)
		}
		g, err := loader.Load(context.Background(), f.Name, f.Data, tr)
		if err != nil {
			t.Errorf("%s (from %s): %v", f.Name, sp.Sample, err)
			continue
		}
		if g.Report.RegionID != sp.RegionID || g.Report.Year != sp.Year {
			want, _ := tr.ByID(sp.RegionID)
			got, _ := tr.ByID(g.Report.RegionID)
			t.Errorf("%s (from %s): loaded as %s %d, want %s %d", f.Name, sp.Sample, got.Name, g.Report.Year, want.Name, sp.Year)
		}
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name      string
		a, b      uint64
		wantEqual bool
	}{
		{"same seed", 3, 3, true},
		{"other seed", 3, 4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca, _ := newCorpus(t, synthcorpus.Options{N: 20, Seed: tt.a})
			cb, _ := newCorpus(t, synthcorpus.Options{N: 20, Seed: tt.b})
			fa, err := ca.Files()
			if err != nil {
				t.Fatal(err)
			}
			fb, err := cb.Files()
			if err != nil {
				t.Fatal(err)
			}
			equal := len(fa) == len(fb)
			for i := 0; equal && i < len(fa); i++ {
				equal = fa[i].Name == fb[i].Name && bytes.Equal(fa[i].Data, fb[i].Data)
			}
			if equal != tt.wantEqual {
				t.Errorf("corpora equal = %v, want %v", equal, tt.wantEqual)
			}
		})
	}
}

// TestFS checks the lazily generated file system against io/fs's contract
// and that it lists the samples only when asked to.
func TestFS(t *testing.T) {
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	samples := entries
	tests := []struct {
		name        string
		withSamples bool
		wantFiles   int
	}{
		{"synthetic only", false, 8},
		{"with samples", true, 8 + len(samples)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newCorpus(t, synthcorpus.Options{N: 8, Seed: 1, WithSamples: tt.withSamples})
			fsys := c.FS()
			var names []string
			for _, sp := range c.Specs() {
				names = append(names, sp.Name)
			}
			if err := fstest.TestFS(fsys, names...); err != nil {
				t.Fatal(err)
			}
			entries, err := fs.ReadDir(fsys, ".")
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != tt.wantFiles {
				t.Errorf("%d files, want %d", len(entries), tt.wantFiles)
			}
			files, err := c.Files()
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				got, err := fs.ReadFile(fsys, f.Name)
				if err != nil || !bytes.Equal(got, f.Data) {
					t.Errorf("%s: FS content differs from Files (err %v)", f.Name, err)
				}
			}
		})
	}
}

func TestOptionErrors(t *testing.T) {
	tr, err := tree()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts synthcorpus.Options
	}{
		{"negative count", synthcorpus.Options{N: -1}},
		{"empty years", synthcorpus.Options{N: 1, FirstYear: 2025, LastYear: 2020}},
		{"more reports than slots", synthcorpus.Options{N: 1_000_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := synthcorpus.New(data.Reports(), tr, tt.opts); err == nil {
				t.Error("no error")
			}
		})
	}
}

// BenchmarkGenerateAndIngest is generating and ingesting the 5,000-report
// corpus into the embedded store, as the load tests use it.
func BenchmarkGenerateAndIngest(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		res, err := synthcorpus.Load(ctx, memory.New(), 5000, 1)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Skipped) > 0 {
			b.Fatalf("skipped %d, first %v", len(res.Skipped), res.Skipped[0])
		}
	}
}

// BenchmarkGenerate is generation alone, per file.
func BenchmarkGenerate(b *testing.B) {
	c, _ := newCorpus(b, synthcorpus.Options{N: 1000, Seed: 1})
	i := 0
	for b.Loop() {
		if _, err := c.File(i % c.Len()); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
