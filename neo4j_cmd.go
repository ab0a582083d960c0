package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	neo4jstore "github.com/reportgraph/reportgraph/store/neo4j"
)

// runExport builds the graph of the given report files (default: the
// bundled corpus) in memory and writes it as neo4j-admin import CSVs, for
// corpora too big to load through transactions. It prints the import
// command line on stdout.
//
//	reportgraph export -out DIR [-database NAME] [FILE|DIR…]
func runExport(ctx context.Context, fl *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	out := fl.String("out", "neo4j-import", "directory to write the CSV files into")
	database := fl.String("database", "neo4j", "database name used in the printed neo4j-admin command")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	s := memory.New()
	defer s.Close(ctx)
	if err := loadInto(ctx, s, fl.Args(), stderr); err != nil {
		return err
	}
	exp, err := neo4jstore.ExportCSV(ctx, s, *out)
	if err != nil {
		return err
	}
	for _, f := range exp.Files {
		fmt.Fprintf(stderr, "wrote %s: %d rows\n", filepath.Join(*out, f.Name), f.Rows)
	}
	fmt.Fprintln(stdout, exp.ImportCommand(*database))
	return nil
}

// runLoad writes report files (default: the bundled corpus) into the Neo4j
// database of NEO4J_URI, one file at a time with a progress line each.
// Loading is idempotent (PutReport replaces a report's subgraph), so an
// interrupted load converges when rerun.
//
//	reportgraph load [-reset] [-uri URI] [-username U] [-password P] [-database DB] [FILE|DIR…]
func runLoad(ctx context.Context, fl *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	var cfg neo4jstore.Config
	// The defaults are read from the environment after parsing, not shown
	// as flag defaults: -h would print a password from NEO4J_PASSWORD.
	fl.StringVar(&cfg.URI, "uri", "", "Bolt URI (default: env NEO4J_URI)")
	fl.StringVar(&cfg.Username, "username", "", "user (default: env NEO4J_USERNAME)")
	fl.StringVar(&cfg.Password, "password", "", "password (default: env NEO4J_PASSWORD)")
	fl.StringVar(&cfg.Database, "database", "", "database (default: env NEO4J_DATABASE, else the server's)")
	fl.BoolVar(&cfg.Reset, "reset", false, "empty the database first (every node in it), e.g. to reload one written by an older reportgraph")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	for _, v := range []struct {
		dst *string
		env string
	}{{&cfg.URI, "NEO4J_URI"}, {&cfg.Username, "NEO4J_USERNAME"}, {&cfg.Password, "NEO4J_PASSWORD"}, {&cfg.Database, "NEO4J_DATABASE"}} {
		if *v.dst == "" {
			*v.dst = os.Getenv(v.env)
		}
	}
	if cfg.URI == "" {
		return badUsage("load: no Neo4j to load into: set NEO4J_URI or pass -uri")
	}
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	defer s.Close(context.WithoutCancel(ctx))
	if err := loadInto(ctx, s, fl.Args(), stderr); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	fmt.Fprintln(stdout, "load complete")
	return nil
}

// loadInto loads paths (files, or directories standing for the regular
// files in them; none: the bundled corpus) into s one file at a time,
// printing `[i/n] loaded NAME` or `skip NAME: reason` per file on progress.
// A store failure stops the load.
func loadInto(ctx context.Context, s kg.Store, paths []string, progress io.Writer) error {
	tree, err := division.Load()
	if err != nil {
		return fmt.Errorf("load divisions: %w", err)
	}
	in := &ingest.Ingester{Store: s, Regions: tree}
	units, err := loadUnits(paths)
	if err != nil {
		return err
	}
	skipped := 0
	for i, u := range units {
		res, err := u.load(ctx, in)
		if err != nil {
			return fmt.Errorf("%s: %w", u.name, err)
		}
		for _, sk := range res.Skipped {
			fmt.Fprintf(progress, "[%d/%d] %s\n", i+1, len(units), sk)
			skipped++
		}
		for _, name := range res.Loaded {
			fmt.Fprintf(progress, "[%d/%d] loaded %s\n", i+1, len(units), filepath.Base(name))
		}
	}
	fmt.Fprintf(progress, "%d files, %d loaded, %d skipped\n", len(units), len(units)-skipped, skipped)
	return nil
}

// unit is one file to load on its own, so progress is reported per file.
// Ingest's result does not depend on how files are split into loads.
type unit struct {
	name string
	load func(ctx context.Context, in *ingest.Ingester) (ingest.Result, error)
}

func loadUnits(paths []string) ([]unit, error) {
	if len(paths) == 0 {
		fsys := data.Reports()
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			return nil, fmt.Errorf("bundled reports: %w", err)
		}
		var units []unit
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			one := singleFS{fsys: fsys, entry: e}
			units = append(units, unit{name: e.Name(), load: func(ctx context.Context, in *ingest.Ingester) (ingest.Result, error) {
				return in.LoadFS(ctx, one)
			}})
		}
		return units, nil
	}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			files = append(files, p) // ingest reports an unreadable path as a skip
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	sort.Strings(files)
	units := make([]unit, len(files))
	for i, f := range files {
		units[i] = unit{name: f, load: func(ctx context.Context, in *ingest.Ingester) (ingest.Result, error) {
			return in.LoadFiles(ctx, []string{f})
		}}
	}
	return units, nil
}

// singleFS exposes one file of fsys as a directory holding only it.
type singleFS struct {
	fsys  fs.FS
	entry fs.DirEntry
}

func (s singleFS) Open(name string) (fs.File, error) {
	if name != s.entry.Name() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(name)
}

func (s singleFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return []fs.DirEntry{s.entry}, nil
}
