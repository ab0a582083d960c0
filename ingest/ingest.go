// Package ingest reads report files, turns each into a graph with the
// loader, writes it to a kg.Store and relinks IMPLEMENTS edges across
// levels. A bad file is skipped with one line naming it and the reason;
// it never costs what was already loaded.
//
// The stored graph is a pure function of the set of loaded files, whatever
// the order or the number of passes:
//   - report content: two files yielding the same report id (a re-encoded
//     copy) resolve to the one with the smallest file name;
//   - IMPLEMENTS: every lower report L is paired, for each ancestor region
//     A, with A's report nearest in year to L (ties: the earlier year,
//     at most maxYearGap apart), and L's links are exactly
//     link.Implements over those pairs. A new report of region X can only
//     change the pairs of reports in X's subtree, so those are recomputed.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/loader"
)

// DefaultMaxFileSize applies when Ingester.MaxFileSize is 0: a work report
// is a few hundred kilobytes; anything near this is not one.
const DefaultMaxFileSize = 16 << 20

// maxYearGap bounds how far apart paired reports may be: a program is
// carried out within one five-year plan, not across two.
const maxYearGap = 5

// Ingester loads report files into Store. Use one per store; it is safe
// for concurrent use but loads serialise.
type Ingester struct {
	Store       kg.Store
	Regions     *division.Tree
	Log         *slog.Logger // nil: discard
	MaxFileSize int64        // bytes; 0: DefaultMaxFileSize

	mu          sync.Mutex
	regionsDone bool
}

// Result lists what a load did: files loaded and files skipped.
type Result struct {
	Loaded  []string
	Skipped []Skip
}

// Skip is one file that was not loaded, and why.
type Skip struct {
	File   string
	Reason string
}

func (s Skip) String() string { return "skip " + s.File + ": " + s.Reason }

// LoadFS loads every regular file in the root of fsys, in name order.
func (in *Ingester) LoadFS(ctx context.Context, fsys fs.FS) (Result, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return Result{}, fmt.Errorf("read report directory: %w", err)
	}
	var files []source
	for _, e := range entries {
		if e.Type().IsRegular() {
			name := e.Name()
			files = append(files, source{name: name, open: func() (fs.File, error) { return fsys.Open(name) }})
		}
	}
	return in.load(ctx, files)
}

// LoadFiles loads the given files; a directory stands for the regular
// files directly inside it. A path that cannot be read is skipped like a
// bad file.
func (in *Ingester) LoadFiles(ctx context.Context, paths []string) (Result, error) {
	var files []source
	var skipped []Skip
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			skipped = append(skipped, in.skip(p, err))
			continue
		}
		if !info.IsDir() {
			files = append(files, fileSource(p))
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			skipped = append(skipped, in.skip(p, err))
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				files = append(files, fileSource(filepath.Join(p, e.Name())))
			}
		}
	}
	res, err := in.load(ctx, files)
	res.Skipped = append(skipped, res.Skipped...)
	return res, err
}

// LoadReport loads one report from memory and relinks around it.
func (in *Ingester) LoadReport(ctx context.Context, name string, raw []byte) error {
	if err := in.ensureRegions(ctx); err != nil {
		return err
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	g, err := in.put(ctx, name, raw)
	if err != nil {
		return err
	}
	return in.relink(ctx, []kg.Report{g.Report})
}

// source is a file to load, opened lazily so a big corpus is never all in
// memory at once.
type source struct {
	name string
	open func() (fs.File, error)
}

func fileSource(path string) source {
	return source{name: path, open: func() (fs.File, error) { return os.Open(path) }}
}

// load puts every file, then relinks once for all of them: relinking is a
// function of the loaded set, so one pass at the end gives the same edges
// as one per file, at a fraction of the cost.
func (in *Ingester) load(ctx context.Context, files []source) (Result, error) {
	if err := in.ensureRegions(ctx); err != nil {
		return Result{}, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	in.mu.Lock()
	defer in.mu.Unlock()
	var res Result
	var loaded []kg.Report
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		g, err := in.loadSource(ctx, f)
		if err != nil {
			if fatal(err) {
				return res, err
			}
			res.Skipped = append(res.Skipped, in.skip(f.name, err))
			continue
		}
		res.Loaded = append(res.Loaded, f.name)
		loaded = append(loaded, g.Report)
	}
	if err := in.relink(ctx, loaded); err != nil {
		return res, err
	}
	return res, nil
}

func (in *Ingester) loadSource(ctx context.Context, f source) (kg.ReportGraph, error) {
	raw, err := in.read(f)
	if err != nil {
		return kg.ReportGraph{}, err
	}
	return in.put(ctx, filepath.Base(f.name), raw)
}

// read reads a file, refusing it before reading when it is too large.
func (in *Ingester) read(f source) ([]byte, error) {
	file, err := f.open()
	if err != nil {
		return nil, badFile(fmt.Errorf("open: %w", err))
	}
	defer file.Close()
	max := in.maxSize()
	if info, err := file.Stat(); err == nil && info.Size() > max {
		return nil, kg.Errorf(kg.ETOOLARGE, "%d bytes exceeds the %d-byte limit", info.Size(), max)
	}
	raw, err := io.ReadAll(io.LimitReader(file, max+1))
	if err != nil {
		return nil, badFile(fmt.Errorf("read: %w", err))
	}
	if int64(len(raw)) > max {
		return nil, kg.Errorf(kg.ETOOLARGE, "more than %d bytes", max)
	}
	return raw, nil
}

// put turns raw into a graph and stores it. Callers hold in.mu.
func (in *Ingester) put(ctx context.Context, name string, raw []byte) (kg.ReportGraph, error) {
	if max := in.maxSize(); int64(len(raw)) > max {
		return kg.ReportGraph{}, kg.Errorf(kg.ETOOLARGE, "%d bytes exceeds the %d-byte limit", len(raw), max)
	}
	g, err := loader.Load(name, raw, in.Regions)
	if err != nil {
		return kg.ReportGraph{}, badFile(err)
	}
	// A second file with the same report (a re-encoded copy) must not make
	// the result depend on load order: the smallest file name wins.
	prev, err := in.Store.Reports(ctx, []string{g.Report.ID})
	if err != nil {
		return kg.ReportGraph{}, fmt.Errorf("load %s: %w", name, err)
	}
	if p := prev[0]; p != nil && p.Source != g.Report.Source && p.Source < g.Report.Source {
		return kg.ReportGraph{}, badFile(kg.Errorf(kg.ECONFLICT, "same report %s as %s", g.Report.ID, p.Source))
	}
	if err := in.Store.PutReport(ctx, g); err != nil {
		if code := kg.ErrorCode(err); code == kg.EINVALID || code == kg.ENOTFOUND || code == kg.ECONFLICT {
			err = badFile(err) // the report is inconsistent, not the store broken
		}
		return kg.ReportGraph{}, fmt.Errorf("store %s: %w", name, err)
	}
	in.logger().Info("loaded", "file", name, "report", g.Report.ID, "entities", len(g.Entities), "targets", len(g.Targets))
	return g, nil
}

func (in *Ingester) maxSize() int64 {
	if in.MaxFileSize > 0 {
		return in.MaxFileSize
	}
	return DefaultMaxFileSize
}

func (in *Ingester) logger() *slog.Logger {
	if in.Log != nil {
		return in.Log
	}
	return slog.New(slog.DiscardHandler)
}

// ensureRegions writes the division hierarchy once per Ingester; a failure
// is retried on the next call.
func (in *Ingester) ensureRegions(ctx context.Context) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.regionsDone {
		return nil
	}
	if in.Store == nil || in.Regions == nil {
		return kg.Errorf(kg.EINVALID, "ingest: Store and Regions are required")
	}
	if err := in.Store.PutRegions(ctx, in.Regions.Regions()); err != nil {
		return fmt.Errorf("store regions: %w", err)
	}
	in.regionsDone = true
	return nil
}

// fileError marks an error as the file's fault: the file is skipped and
// loading goes on. Any other error (store down, context cancelled) stops.
type fileError struct{ err error }

func (e *fileError) Error() string { return e.err.Error() }
func (e *fileError) Unwrap() error { return e.err }

func badFile(err error) error { return &fileError{err} }

func fatal(err error) bool {
	var fe *fileError
	if errors.As(err, &fe) {
		return false
	}
	return kg.ErrorCode(err) != kg.ETOOLARGE
}

// skip records and logs one skipped file.
func (in *Ingester) skip(name string, err error) Skip {
	s := Skip{File: name, Reason: reason(err)}
	in.logger().Warn(s.String())
	return s
}

// reason is the user-facing cause: the kg message when there is one.
func reason(err error) string {
	var ke *kg.Error
	if errors.As(err, &ke) {
		return ke.Message
	}
	var pe *fs.PathError // the skip line names the file already
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
