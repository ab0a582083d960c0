// Command synthcorpus writes a synthetic corpus for load tests: N report
// files generated from sample reports (the bundled corpus unless -reports
// names a folder), each rewritten for another region and year, plus the
// samples themselves. The server then serves the folder:
//
//	go run ./cmd/synthcorpus -n 5000 -out /tmp/corpus
//	go run . -reports /tmp/corpus
//
// It lives outside the server binary, which has no use for a generator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/synthcorpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "synthcorpus:", err)
		os.Exit(1)
	}
}

// run parses args and writes the corpus; it prints one summary line to out.
func run(ctx context.Context, args []string, out io.Writer) error {
	flags := flag.NewFlagSet("synthcorpus", flag.ContinueOnError)
	flags.SetOutput(out)
	n := flags.Int("n", 1000, "synthetic reports to write")
	dir := flags.String("out", "", "folder to write the corpus into (created when missing)")
	reports := flags.String("reports", "", "folder of sample reports (default: the bundled corpus)")
	seed := flags.Uint64("seed", 1, "same seed, same corpus")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("-out is required")
	}
	var samples fs.FS = data.Reports()
	if *reports != "" {
		samples = os.DirFS(*reports)
	}
	tree, err := division.Load()
	if err != nil {
		return fmt.Errorf("load divisions: %w", err)
	}
	c, err := synthcorpus.New(samples, tree, synthcorpus.Options{N: *n, Seed: *seed, WithSamples: true})
	if err != nil {
		return err
	}
	written, err := write(ctx, c.FS(), *dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %d files (%d synthetic) to %s\n", written, c.Len(), *dir)
	return nil
}

// write copies every file of fsys into dir, one at a time: FS generates
// each file when it is opened, so a corpus of any size is never held whole.
func write(ctx context.Context, fsys fs.FS, dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("create %s: %w", dir, err)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return 0, fmt.Errorf("list corpus: %w", err)
	}
	for i, e := range entries {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return i, fmt.Errorf("generate %s: %w", e.Name(), err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return i, fmt.Errorf("write %s: %w", e.Name(), err)
		}
	}
	return len(entries), nil
}
