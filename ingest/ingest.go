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
//     A, with A's latest report of L's year or before (at most maxYearGap
//     years older), and L's links are exactly
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
	"strings"
	"sync"
	"unicode/utf8"

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

// LinkRules names the rules that pair reports for IMPLEMENTS (see the
// package comment); change it with them, so the next incremental load
// relinks reports whose files did not change.
// 2: an ancestor's latest report of the lower report's year or before
// (was: the nearest in either direction).
const LinkRules = "2"

// Fingerprint identifies a file's content as read and linked by this
// binary: the SHA-256 of loader.Version, LinkRules and the bytes. A stored
// report carrying it (kg.Report.ContentHash) from the same file name needs
// no new load.
func Fingerprint(raw []byte) string {
	h := sha256.New()
	h.Write([]byte(loader.Version))
	h.Write([]byte{0})
	h.Write([]byte(LinkRules))
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
		name := e.Name()
		if why := unreadable(name, e.Type()); why != "" {
			files = append(files, refused(name, why))
			continue
		}
		files = append(files, source{name: name, open: func() (fs.File, error) { return fsys.Open(name) }})
	}
	return in.load(ctx, files)
}

// unreadable says why a directory entry is not loaded as a report, or "":
// every entry a load passes over is reported once with its reason, where
// a symlink, a pipe or a subdirectory used to vanish without a word.
func unreadable(name string, mode fs.FileMode) string {
	switch {
	case !utf8.ValidString(name):
		return "file name is not valid UTF-8; rename the file"
	case mode&fs.ModeSymlink != 0:
		return "symbolic link, not followed; pass its target"
	case mode.IsDir():
		return "subdirectory, not read; pass it as its own path"
	case !mode.IsRegular():
		return "not a regular file (" + fileKind(mode) + ")"
	}
	return ""
}

func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// refused is an entry skipped for why, under a printable name.
func refused(name, why string) source {
	err := kg.Errorf(kg.EINVALID, "%s", why)
	return source{name: strings.ToValidUTF8(name, "\uFFFD"), open: func() (fs.File, error) { return nil, err }}
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
			path := filepath.Join(p, e.Name())
			if why := unreadable(e.Name(), e.Type()); why != "" {
				files = append(files, refused(path, why))
				continue
			}
			files = append(files, fileSource(path))
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
	g, err := in.extract(ctx, name, raw, Fingerprint(raw))
	if err != nil {
		return err
	}
	if err := in.checkConflicts(ctx, []kg.ReportGraph{g}); err != nil {
		return err
	}
	if err := in.Store.PutReport(ctx, unfingerprinted(g)); err != nil {
		return fmt.Errorf("store %s: %w", name, err)
	}
	if _, err := in.relink(ctx, []kg.Report{g.Report}); err != nil {
		return err
	}
	return in.Store.SetContentHashes(ctx, map[string]string{g.Report.ID: g.Report.ContentHash})
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
	// The reports below lose their links into the deleted ones. Until they
	// are relinked they carry no fingerprint, so a delete cut off half way
	// leaves them to be loaded again, not skipped as unchanged.
	below, err := in.affected(ctx, gone, nil)
	if err != nil {
		return res, err
	}
	unset, restore := map[string]string{}, map[string]string{}
	for _, r := range below {
		unset[r.ID], restore[r.ID] = "", r.ContentHash
	}
	if err := in.Store.SetContentHashes(ctx, unset); err != nil {
		return res, fmt.Errorf("delete: %w", err)
	}
	if err := in.Store.DeleteReports(ctx, res.Deleted); err != nil {
		return res, fmt.Errorf("delete: %w", err)
	}
	for _, id := range res.Deleted {
		in.logger().Info("deleted", "report", id)
	}
	if res.Relinked, err = in.relinkReports(ctx, below); err != nil {
		return res, err
	}
	if err := in.Store.SetContentHashes(ctx, restore); err != nil {
		return res, fmt.Errorf("delete: record fingerprints: %w", err)
	}
	return res, nil
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

// extract turns raw into a graph whose report carries fingerprint. The
// file-size limit is checked here, the one place every file passes
// (read checks it too, before reading).
func (in *Ingester) extract(ctx context.Context, name string, raw []byte, fingerprint string) (kg.ReportGraph, error) {
	if max := in.maxSize(); int64(len(raw)) > max {
		return kg.ReportGraph{}, kg.Errorf(kg.ETOOLARGE, "%d bytes exceeds the %d-byte limit", len(raw), max)
	}
	g, err := loader.Load(ctx, name, raw, in.Regions)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return kg.ReportGraph{}, err // canceled: not the file's fault
	}
	if err != nil {
		return kg.ReportGraph{}, badFile(err)
	}
	g.Report.ContentHash = fingerprint
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
