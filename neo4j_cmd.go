package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/statistics"
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
	if _, err := loadInto(ctx, s, loadJob{Paths: fl.Args()}, stderr); err != nil {
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
// database of NEO4J_URI, incrementally: a file whose fingerprint is stored
// is skipped as unchanged, a changed one replaces its report, and -delete
// removes reports. It prints a progress line per file and a summary.
// Loading is idempotent, so an interrupted load converges when rerun.
//
//	reportgraph load [-reset] [-force] [-delete ID]… [-uri URI] [-username U] [-password P] [-database DB] [FILE|DIR…]
func runLoad(ctx context.Context, fl *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	var cfg neo4jstore.Config
	var job loadJob
	var stats []string
	// The defaults are read from the environment after parsing, not shown
	// as flag defaults: -h would print a password from NEO4J_PASSWORD.
	fl.StringVar(&cfg.URI, "uri", "", "Bolt URI (default: env NEO4J_URI)")
	fl.StringVar(&cfg.Username, "username", "", "user (default: env NEO4J_USERNAME)")
	fl.StringVar(&cfg.Password, "password", "", "password (default: env NEO4J_PASSWORD)")
	fl.StringVar(&cfg.Database, "database", "", "database (default: env NEO4J_DATABASE, else the server's)")
	fl.BoolVar(&cfg.Reset, "reset", false, "empty the database first (every node in it), e.g. to reload one written by an older reportgraph")
	fl.BoolVar(&job.Force, "force", false, "extract every file again, even one whose fingerprint is stored")
	fl.Func("delete", "remove the report with this `ID` (e.g. report/150525/2024) before loading; repeatable. "+
		"With -delete and no files, only deletes", func(id string) error {
		if id == "" {
			return fmt.Errorf("empty report id")
		}
		job.Deletes = append(job.Deletes, id)
		return nil
	})
	fl.Func("stats", "load this statistics CSV `FILE` (region_code,year,indicator,value; docs/statistics.md) after the reports; repeatable", func(p string) error {
		if p == "" {
			return fmt.Errorf("empty file name")
		}
		stats = append(stats, p)
		return nil
	})
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := checkStatsFiles(stats); err != nil {
		return usageError{err}
	}
	job.Paths = fl.Args()
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
	if _, err := loadInto(ctx, s, job, stderr); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if err := loadStatisticsFiles(ctx, s, stats, stderr); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	fmt.Fprintln(stdout, "load complete")
	return nil
}

// loadStatisticsFiles loads each statistics file, printing what it loaded
// and each row it left out; a file that fails whole is printed and the
// others are still loaded, and the first failure is returned.
func loadStatisticsFiles(ctx context.Context, s kg.Store, paths []string, out io.Writer) error {
	var first error
	for _, p := range paths {
		res, err := statistics.LoadFile(ctx, s, p)
		if err != nil {
			fmt.Fprintf(out, "skip statistics file %s: %s\n", p, statsReason(err))
			if first == nil {
				first = err
			}
			continue
		}
		fmt.Fprintf(out, "statistics %s: %d loaded, %d rows left out\n", p, res.Loaded, len(res.Problems))
		for _, pr := range res.Problems {
			fmt.Fprintf(out, "  %s\n", pr)
		}
	}
	return first
}

// statsReason is why a statistics file failed, in one line: the reason a
// bad file is given (kg's message, without its code), else the error.
func statsReason(err error) string {
	switch kg.ErrorCode(err) {
	case kg.EINVALID, kg.ETOOLARGE:
		return kg.ErrorMessage(err)
	}
	return err.Error()
}

// loadJob is what one load does: delete reports, then load files.
type loadJob struct {
	Paths   []string // files, or directories standing for the regular files in them
	Deletes []string // report ids removed first
	Force   bool     // extract unchanged files again
}

// bundled reports whether the job loads the bundled corpus: it names no
// files and deletes nothing.
func (j loadJob) bundled() bool { return len(j.Paths) == 0 && len(j.Deletes) == 0 }

// loadInto runs job against s, printing a line per deleted report and per
// file (`[i/n] loaded NAME`, `[i/n] unchanged NAME`, `[i/n] skip NAME:
// reason`) and a summary on progress. A store failure stops the load.
func loadInto(ctx context.Context, s kg.Store, job loadJob, progress io.Writer) (ingest.Result, error) {
	start := time.Now()
	tree, err := division.Load()
	if err != nil {
		return ingest.Result{}, fmt.Errorf("load divisions: %w", err)
	}
	in := &ingest.Ingester{Store: s, Regions: tree, Force: job.Force,
		Progress: func(p ingest.Progress) { fmt.Fprintln(progress, p) }}
	var res ingest.Result
	if len(job.Deletes) > 0 {
		if res, err = in.Delete(ctx, job.Deletes); err != nil {
			return res, err
		}
		for _, id := range res.Deleted {
			fmt.Fprintf(progress, "deleted %s\n", id)
		}
		for _, id := range res.NotFound {
			fmt.Fprintf(progress, "not stored, nothing to delete: %s\n", id)
		}
	}
	var loaded ingest.Result
	switch {
	case job.bundled():
		loaded, err = in.LoadFS(ctx, data.Reports())
	case len(job.Paths) > 0:
		loaded, err = in.LoadFiles(ctx, job.Paths)
	}
	res.Loaded, res.Unchanged, res.Skipped = loaded.Loaded, loaded.Unchanged, loaded.Skipped
	res.Relinked += loaded.Relinked
	if err != nil {
		return res, err
	}
	files := len(res.Loaded) + len(res.Unchanged) + len(res.Skipped)
	fmt.Fprintf(progress, "%d files: %d loaded, %d unchanged, %d skipped; %d reports deleted; %d reports relinked; %s\n",
		files, len(res.Loaded), len(res.Unchanged), len(res.Skipped), len(res.Deleted), res.Relinked,
		time.Since(start).Round(time.Millisecond))
	return res, nil
}
