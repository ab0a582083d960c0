package loader_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/loader"
)

var updateExtractionSum = flag.Bool("update-extraction-sum", false, "rewrite testdata/extraction.sum")

const extractionSum = "testdata/extraction.sum"

// TestExtractionVersion keeps loader.Version honest: it hashes what Load
// returns for the bundled corpus and the fixtures, and fails when that
// changes while Version stays the same. Otherwise a load after an
// extraction change would skip every stored file as unchanged and keep the
// old extraction. After changing extraction, bump loader.Version and run
//
//	go test ./loader -run TestExtractionVersion -update-extraction-sum
func TestExtractionVersion(t *testing.T) {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	n := 0
	for _, src := range []struct {
		fsys fs.FS
		dir  string
	}{{data.Reports(), "."}, {os.DirFS("testdata"), "national"}, {os.DirFS("testdata"), "normalize"}} {
		entries, err := fs.ReadDir(src.fsys, src.dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			raw, err := fs.ReadFile(src.fsys, path.Join(src.dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			g, err := loader.Load(context.Background(), e.Name(), raw, tree)
			out, jerr := json.Marshal(g)
			if jerr != nil {
				t.Fatal(jerr)
			}
			fmt.Fprintf(h, "%s\n%s\n%v\n", e.Name(), out, err)
			n++
		}
	}
	got := fmt.Sprintf("version %s\nsha256 %s\n", loader.Version, hex.EncodeToString(h.Sum(nil)))
	if *updateExtractionSum {
		if err := os.WriteFile(extractionSum, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(extractionSum)
	if err != nil {
		t.Fatalf("%v (write it with -update-extraction-sum)", err)
	}
	want := string(b)
	wantVersion, _, _ := strings.Cut(want, "\n")
	gotVersion, _, _ := strings.Cut(got, "\n")
	switch {
	case got == want:
	case gotVersion == wantVersion:
		t.Errorf("what Load returns for %d files changed but loader.Version is still %q: "+
			"bump it, then run go test ./loader -run TestExtractionVersion -update-extraction-sum", n, loader.Version)
	default:
		t.Errorf("loader.Version is %q but %s records %s: run go test ./loader -run TestExtractionVersion -update-extraction-sum",
			loader.Version, extractionSum, strings.TrimPrefix(wantVersion, "version "))
	}
}
