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
	"crypto/sha256"
	"encoding/hex"
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

// DefaultBatchSize applies when Ingester.BatchSize is 0. On Neo4j a write
// costs a dozen round trips whatever its size, so a hundred reports per
// transaction load several times faster than one (BenchmarkLoadSynthetic
// in store/neo4j).
const DefaultBatchSize = 100

// maxBatchBytes also ends a batch: the graphs of a batch are held in
// memory until written, and a few huge files must not pile up.
const maxBatchBytes = 64 << 20

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
	BatchSize   int          // reports written per transaction; 0: DefaultBatchSize
	// Force extracts every file again, even one whose fingerprint is
	// stored (files are otherwise skipped as unchanged).
	Force bool
	// Progress, when set, is called once per file in name order, after
	// the file's report is written (or the file is found unchanged or
	// skipped).
	Progress func(Progress)

	mu          sync.Mutex
	regionsDone bool
}

// Outcome is what a load did with one file.
type Outcome string

const (
	Loaded    Outcome = "loaded"    // extracted and written
	Unchanged Outcome = "unchanged" // its fingerprint was stored already
	Skipped   Outcome = "skip"      // not loaded; Reason says why
)

// Progress reports one file of a load: the Done-th of Total.
type Progress struct {
	Done, Total int
	File        string
	Outcome     Outcome
	Reason      string // for Skipped
	ReportID    string // for Loaded and Unchanged
}

func (p Progress) String() string {
	s := fmt.Sprintf("[%d/%d] %s %s", p.Done, p.Total, p.Outcome, p.File)
	if p.Reason != "" {
		s += ": " + p.Reason
	}
	return s
}

// Result lists what a load did: files loaded, unchanged and skipped,
// reports deleted, and how many reports had their IMPLEMENTS edges
// recomputed.
type Result struct {
	Loaded    []string
	Unchanged []string
	Skipped   []Skip
	Deleted   []string // report ids
	NotFound  []string // report ids asked to be deleted that were not stored
	Relinked  int
}

// Skip is one file that was not loaded, and why.
type Skip struct {
	File   string
	Reason string
}

func (s Skip) String() string { return "skip " + s.File + ": " + s.Reason }

// Fingerprint identifies a file's content as read by this extractor: the
// SHA-256 of loader.Version and the bytes. A stored report carrying it
// (kg.Report.ContentHash) from the same file name needs no new load.
func Fingerprint(raw []byte) string {
	h := sha256.New()
	h.Write([]byte(loader.Version))
	h.Write([]byte{0})
	h.Write(raw)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

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
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			files = append(files, fileSource(p)) // an unreadable path is skipped when opened
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			files = append(files, source{name: p, open: func() (fs.File, error) { return nil, err }})
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				files = append(files, fileSource(filepath.Join(p, e.Name())))
			}
		}
	}
	return in.load(ctx, files)
}

// LoadReport loads one report from memory and relinks around it.
func (in *Ingester) LoadReport(ctx context.Context, name string, raw []byte) error {
	if err := in.ensureRegions(ctx); err != nil {
		return err
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	g, err := in.extract(name, raw)
	if err != nil {
		return err
	}
	if err := in.checkConflicts(ctx, []kg.ReportGraph{g}); err != nil {
		return err
	}
	if err := in.Store.PutReport(ctx, g); err != nil {
		return fmt.Errorf("store %s: %w", name, err)
	}
	_, err = in.relink(ctx, []kg.Report{g.Report})
	return err
}

// Delete removes the reports with ids and relinks the reports below their
// regions, which may now pair with another year's report. Ids not stored
// are listed in Result.NotFound.
func (in *Ingester) Delete(ctx context.Context, ids []string) (Result, error) {
	var res Result
	if err := in.ensureRegions(ctx); err != nil {
		return res, err
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	stored, err := in.Store.Reports(ctx, ids)
	if err != nil {
		return res, fmt.Errorf("delete: %w", err)
	}
	var gone []kg.Report
	for i, r := range stored {
		if r == nil {
			res.NotFound = append(res.NotFound, ids[i])
			continue
		}
		gone = append(gone, *r)
		res.Deleted = append(res.Deleted, r.ID)
	}
	if len(gone) == 0 {
		return res, nil
	}
	if err := in.Store.DeleteReports(ctx, res.Deleted); err != nil {
		return res, fmt.Errorf("delete: %w", err)
	}
	for _, id := range res.Deleted {
		in.logger().Info("deleted", "report", id)
	}
	res.Relinked, err = in.relinkBelow(ctx, gone, nil)
	return res, err
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

// load writes the files in batches of BatchSize, each batch one store
// write (all of its reports or none), then relinks once for all of them:
// relinking is a function of the loaded set, so one pass at the end gives
// the same edges as one per file, at a fraction of the cost.
func (in *Ingester) load(ctx context.Context, files []source) (Result, error) {
	if err := in.ensureRegions(ctx); err != nil {
		return Result{}, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	in.mu.Lock()
	defer in.mu.Unlock()
	b := &batch{in: in, total: len(files)}
	for start := 0; start < len(files); start += in.batchSize() {
		if err := b.group(ctx, files[start:min(start+in.batchSize(), len(files))]); err != nil {
			return b.res, err
		}
	}
	var err error
	b.res.Relinked, err = in.relink(ctx, b.loaded)
	return b.res, err
}

// batch carries one load through its groups of files.
type batch struct {
	in     *Ingester
	total  int
	done   int
	res    Result
	loaded []kg.Report

	// the group being loaded
	events  []Progress
	pending []pendingGraph
	bytes   int
}

// pendingGraph is an extracted report waiting for its batch's write.
type pendingGraph struct {
	g     kg.ReportGraph
	event int // index in events
}

// group loads up to BatchSize files: one lookup of their stored
// fingerprints, then extraction, then one write per maxBatchBytes.
func (b *batch) group(ctx context.Context, files []source) error {
	b.events = make([]Progress, len(files))
	known, err := b.storedFingerprints(ctx, files)
	if err != nil {
		return err
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		b.events[i] = Progress{File: f.name}
		raw, err := b.in.read(f)
		if err != nil {
			if fatal(err) {
				return err
			}
			b.skip(i, err)
			continue
		}
		base := filepath.Base(f.name)
		fp := Fingerprint(raw)
		if id, ok := known[base+"\x00"+fp]; ok && !b.in.Force {
			b.events[i].Outcome, b.events[i].ReportID = Unchanged, id
			continue
		}
		g, err := b.in.extract(base, raw)
		if err != nil {
			b.skip(i, err)
			continue
		}
		g.Report.ContentHash = fp
		b.pending = append(b.pending, pendingGraph{g: g, event: i})
		if b.bytes += len(raw); b.bytes >= maxBatchBytes {
			if err := b.flush(ctx); err != nil {
				return err
			}
		}
	}
	if err := b.flush(ctx); err != nil {
		return err
	}
	b.report()
	return nil
}

// storedFingerprints maps "file name\x00fingerprint" of the group's files
// that are stored to their report id.
func (b *batch) storedFingerprints(ctx context.Context, files []source) (map[string]string, error) {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f.name)
	}
	reps, err := b.in.Store.FindReports(ctx, kg.ReportFilter{Sources: names})
	if err != nil {
		return nil, fmt.Errorf("stored fingerprints: %w", err)
	}
	known := make(map[string]string, len(reps))
	for _, r := range reps {
		if r.ContentHash != "" {
			known[r.Source+"\x00"+r.ContentHash] = r.ID
		}
	}
	return known, nil
}

// flush writes the pending graphs in one store write. When the store
// rejects the batch for one report's fault, each is written alone so only
// the bad one is skipped.
func (b *batch) flush(ctx context.Context) error {
	pending := b.pending
	b.pending, b.bytes = nil, 0
	pending = b.dropConflicts(ctx, pending)
	if pending == nil {
		return nil
	}
	gs := make([]kg.ReportGraph, len(pending))
	for i := range pending {
		gs[i] = pending[i].g
	}
	err := b.in.Store.PutReports(ctx, gs)
	switch {
	case err == nil:
		for _, p := range pending {
			b.stored(p)
		}
		return nil
	case !reportFault(err) || len(pending) == 1:
		if reportFault(err) {
			b.skip(pending[0].event, err)
			return nil
		}
		return fmt.Errorf("store %s: %w", b.events[pending[0].event].File, err)
	}
	for _, p := range pending {
		if err := b.in.Store.PutReport(ctx, p.g); err != nil {
			if !reportFault(err) {
				return fmt.Errorf("store %s: %w", b.events[p.event].File, err)
			}
			b.skip(p.event, err)
			continue
		}
		b.stored(p)
	}
	return nil
}

// dropConflicts skips a graph whose report is stored, or comes earlier in
// the batch, from a file with a smaller name: a second file with the same
// report (a re-encoded copy) must not make the result depend on load
// order. Returns nil when nothing is left to write.
func (b *batch) dropConflicts(ctx context.Context, pending []pendingGraph) []pendingGraph {
	if len(pending) == 0 {
		return nil
	}
	gs := make([]kg.ReportGraph, len(pending))
	for i := range pending {
		gs[i] = pending[i].g
	}
	owners, err := b.in.owners(ctx, gs)
	if err != nil {
		// The write below meets the same store; let it report the failure.
		return pending
	}
	var keep []pendingGraph
	for _, p := range pending {
		r := &p.g.Report
		if o := owners[r.ID]; o != r.Source {
			b.skip(p.event, kg.Errorf(kg.ECONFLICT, "same report %s as %s", r.ID, o))
			continue
		}
		keep = append(keep, p)
	}
	return keep
}

// owners maps each report id of gs to the file name that should hold it:
// the smallest among the stored report's and gs's.
func (in *Ingester) owners(ctx context.Context, gs []kg.ReportGraph) (map[string]string, error) {
	ids := make([]string, len(gs))
	for i := range gs {
		ids[i] = gs[i].Report.ID
	}
	prev, err := in.Store.Reports(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("stored reports: %w", err)
	}
	owner := make(map[string]string, len(gs))
	for i := range gs {
		id, src := gs[i].Report.ID, gs[i].Report.Source
		if o, ok := owner[id]; !ok || src < o {
			owner[id] = src
		}
		if p := prev[i]; p != nil && p.Source < owner[id] {
			owner[id] = p.Source
		}
	}
	return owner, nil
}

// checkConflicts is dropConflicts for one report loaded on its own.
func (in *Ingester) checkConflicts(ctx context.Context, gs []kg.ReportGraph) error {
	owners, err := in.owners(ctx, gs)
	if err != nil {
		return err
	}
	for i := range gs {
		if r := &gs[i].Report; owners[r.ID] != r.Source {
			return badFile(kg.Errorf(kg.ECONFLICT, "same report %s as %s", r.ID, owners[r.ID]))
		}
	}
	return nil
}

func (b *batch) stored(p pendingGraph) {
	ev := &b.events[p.event]
	ev.Outcome, ev.ReportID = Loaded, p.g.Report.ID
	b.loaded = append(b.loaded, p.g.Report)
	b.in.logger().Info("loaded", "file", p.g.Report.Source, "report", p.g.Report.ID,
		"entities", len(p.g.Entities), "targets", len(p.g.Targets))
}

func (b *batch) skip(i int, err error) {
	ev := &b.events[i]
	ev.Outcome, ev.Reason = Skipped, reason(err)
	b.in.logger().Warn(Skip{File: ev.File, Reason: ev.Reason}.String())
}

// report records the group's outcomes in the result and tells Progress,
// in name order.
func (b *batch) report() {
	for _, ev := range b.events {
		b.done++
		ev.Done, ev.Total = b.done, b.total
		switch ev.Outcome {
		case Loaded:
			b.res.Loaded = append(b.res.Loaded, ev.File)
		case Unchanged:
			b.res.Unchanged = append(b.res.Unchanged, ev.File)
		default:
			b.res.Skipped = append(b.res.Skipped, Skip{File: ev.File, Reason: ev.Reason})
		}
		if b.in.Progress != nil {
			b.in.Progress(ev)
		}
	}
	b.events = nil
}

// reportFault tells whether a store error is the report's fault
// (inconsistent, too large), not the store's: the file is skipped.
func reportFault(err error) bool {
	switch kg.ErrorCode(err) {
	case kg.EINVALID, kg.ENOTFOUND, kg.ECONFLICT, kg.ETOOLARGE:
		return true
	}
	return false
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

// extract turns raw into a graph.
func (in *Ingester) extract(name string, raw []byte) (kg.ReportGraph, error) {
	if max := in.maxSize(); int64(len(raw)) > max {
		return kg.ReportGraph{}, kg.Errorf(kg.ETOOLARGE, "%d bytes exceeds the %d-byte limit", len(raw), max)
	}
	g, err := loader.Load(name, raw, in.Regions)
	if err != nil {
		return kg.ReportGraph{}, badFile(err)
	}
	g.Report.ContentHash = Fingerprint(raw)
	return g, nil
}

func (in *Ingester) batchSize() int {
	if in.BatchSize > 0 {
		return in.BatchSize
	}
	return DefaultBatchSize
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
