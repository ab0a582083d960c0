package main

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/store/memory"
)

// TestWritesACorpusTheServerLoads: the folder holds the samples and N
// synthetic files, and every file loads (as the server would load it).
func TestWritesACorpusTheServerLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	const n = 12
	var out strings.Builder
	if err := run(t.Context(), []string{"-n", "12", "-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	bundled, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != n+len(bundled) {
		t.Errorf("%d files, want %d synthetic + %d samples (%s)", len(written), n, len(bundled), out.String())
	}
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	in := &ingest.Ingester{Store: memory.New(), Regions: tree}
	res, err := in.LoadFiles(t.Context(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) > 0 || len(res.Loaded) != len(written) {
		t.Errorf("loaded %d of %d, skipped %v", len(res.Loaded), len(written), res.Skipped)
	}
}

func TestNeedsAnOutputFolder(t *testing.T) {
	if err := run(context.Background(), []string{"-n", "1"}, io.Discard); err == nil || !strings.Contains(err.Error(), "-out") {
		t.Errorf("err = %v, want one naming -out", err)
	}
}
