package ingest_test

import (
	"os"
	"path/filepath"

	"strings"
	"syscall"
	"testing"

	"github.com/reportgraph/reportgraph/ingest"
)

// TestSkipReasons: every directory entry a load does not read is skipped
// once, under its name, with the reason, whether the directory is loaded
// as a file system (serve -reports) or as a path (load DIR).
func TestSkipReasons(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "naiman-banner-2024.txt")
	if err := os.WriteFile(good, corpus(t)["naiman-banner-2024.txt"], 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(good, filepath.Join(dir, "link.txt")))
	must(os.Mkdir(filepath.Join(dir, "older"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "bad\xffname.txt"), []byte("各位代表"), 0o644))
	fifo := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644) == nil // not on every system
	want := map[string]string{
		"link.txt":          "symbolic link, not followed; pass its target",
		"older":             "subdirectory, not read; pass it as its own path",
		"bad\uFFFDname.txt": "file name is not valid UTF-8; rename the file",
	}
	if fifo {
		want["pipe"] = "not a regular file (named pipe)"
	}
	for _, how := range []string{"LoadFS", "LoadFiles"} {
		t.Run(how, func(t *testing.T) {
			in, _ := newIngester(t)
			var err error
			var got map[string]string
			if how == "LoadFS" {
				res, e := in.LoadFS(ctx, os.DirFS(dir))
				err, got = e, skips(res.Skipped, "")
				if len(res.Loaded) != 1 {
					t.Errorf("loaded %v, want the one report", res.Loaded)
				}
			} else {
				res, e := in.LoadFiles(ctx, []string{dir})
				err, got = e, skips(res.Skipped, dir+string(filepath.Separator))
				if len(res.Loaded) != 1 {
					t.Errorf("loaded %v, want the one report", res.Loaded)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("skipped %v, want %v", got, want)
			}
			for name, why := range want {
				if got[name] != why {
					t.Errorf("skip %q: reason %q, want %q", name, got[name], why)
				}
			}
		})
	}
}

func skips(ss []ingest.Skip, prefix string) map[string]string {
	out := map[string]string{}
	for _, s := range ss {
		out[strings.TrimPrefix(s.File, prefix)] = s.Reason
	}
	return out
}
