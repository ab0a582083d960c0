package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
)

// mapFS holds report files in memory, by name.
func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for n, b := range files {
		fsys[n] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// freshDump is the graph of a store that loaded files in one go.
func freshDump(t *testing.T, files map[string][]byte) string {
	t.Helper()
	in, s := newIngester(t)
	if _, err := in.LoadFS(ctx, mapFS(files)); err != nil {
		t.Fatal(err)
	}
	return dump(t, s)
}

func without(files map[string][]byte, name string) map[string][]byte {
	out := map[string][]byte{}
	for n, b := range files {
		if n != name {
			out[n] = b
		}
	}
	return out
}

// TestBatchSizeDoesNotMatter: the graph is the same whether reports are
// written one per batch, a few per batch or all in one.
func TestBatchSizeDoesNotMatter(t *testing.T) {
	files := corpus(t)
	want := freshDump(t, files)
	for _, size := range []int{1, 2, 1000} {
		in, s := newIngester(t)
		in.BatchSize = size
		res, err := in.LoadFS(ctx, mapFS(files))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Loaded) != len(files) {
			t.Errorf("batch %d: loaded %v, skipped %v", size, res.Loaded, res.Skipped)
		}
		if got := dump(t, s); got != want {
			t.Errorf("batch %d: graph differs\n%s", size, firstDiff(got, want))
		}
	}
}

// TestIncrementalLoad reloads the corpus: unchanged files are skipped
// without a write, a changed file replaces its report (old facts gone),
// and the graph always equals a fresh load of the same files.
func TestIncrementalLoad(t *testing.T) {
	files := corpus(t)
	in, s := newIngester(t)
	var progress []string
	in.Progress = func(p ingest.Progress) { progress = append(progress, p.String()) }
	if _, err := in.LoadFS(ctx, mapFS(files)); err != nil {
		t.Fatal(err)
	}
	if len(progress) != len(files) || !strings.HasPrefix(progress[0], "[1/5] loaded ") {
		t.Errorf("progress of the first load: %q", progress)
	}

	progress = nil
	res, err := in.LoadFS(ctx, mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unchanged) != len(files) || len(res.Loaded) != 0 || res.Relinked != 0 {
		t.Errorf("reload: loaded %v, unchanged %v, relinked %d; want every file unchanged and nothing relinked",
			res.Loaded, res.Unchanged, res.Relinked)
	}
	if !slices.IsSortedFunc(progress, strings.Compare) || !strings.HasPrefix(progress[4], "[5/5] unchanged ") {
		t.Errorf("progress of the reload: %q", progress)
	}

	// The province report changes: one of its programs is renamed.
	const name = "inner-mongolia-2024.txt"
	changed := copyFiles(files)
	changed[name] = bytes.ReplaceAll(files[name], []byte("六个工程"), []byte("七个工程"))
	if bytes.Equal(changed[name], files[name]) {
		t.Fatal("the edit changed nothing")
	}
	res, err = in.LoadFS(ctx, mapFS(changed))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Loaded, []string{name}) || len(res.Unchanged) != len(files)-1 {
		t.Errorf("after an edit: loaded %v, unchanged %v", res.Loaded, res.Unchanged)
	}
	if res.Relinked < 2 {
		t.Errorf("relinked %d reports; the province's and those below it must be", res.Relinked)
	}
	if got, want := dump(t, s), freshDump(t, changed); got != want {
		t.Errorf("after an edit the graph differs from a fresh load\n%s", firstDiff(got, want))
	}
	ents, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{reportFrom(t, s, name).ID}})
	if err != nil {
		t.Fatal(err)
	}
	renamed := 0
	for _, e := range ents {
		if strings.Contains(e.Name, "六个工程") {
			t.Errorf("the old program %s survived the replacement", e.Name)
		}
		if strings.Contains(e.Name, "七个工程") {
			renamed++
		}
	}
	if renamed == 0 {
		t.Error("the renamed program was not loaded")
	}

	in.Force = true
	if res, err = in.LoadFS(ctx, mapFS(changed)); err != nil || len(res.Loaded) != len(files) {
		t.Errorf("forced reload: loaded %v, err %v; want every file", res.Loaded, err)
	}
}

// TestUnchangedNeedsSameExtractor: a stored fingerprint from another
// extractor version (or none, from an older reportgraph) does not count.
func TestUnchangedNeedsSameExtractor(t *testing.T) {
	files := corpus(t)
	in, s := newIngester(t)
	if _, err := in.LoadFS(ctx, mapFS(files)); err != nil {
		t.Fatal(err)
	}
	rep := reportFrom(t, s, "naiman-banner-2024.txt")
	if rep.ContentHash != ingest.Fingerprint(files["naiman-banner-2024.txt"]) {
		t.Fatalf("stored fingerprint %q is not the file's", rep.ContentHash)
	}
	ents, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{rep.ID}})
	if err != nil {
		t.Fatal(err)
	}
	g := kg.ReportGraph{Report: *rep}
	for _, e := range ents {
		g.Entities = append(g.Entities, *e)
	}
	g.Report.ContentHash = "sha256:written-by-another-extractor"
	if err := s.PutReport(ctx, g); err != nil {
		t.Fatal(err)
	}
	res, err := in.LoadFS(ctx, mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Loaded, []string{"naiman-banner-2024.txt"}) {
		t.Errorf("loaded %v, want only the file whose fingerprint differs", res.Loaded)
	}
	if got, want := dump(t, s), freshDump(t, files); got != want {
		t.Errorf("graph differs from a fresh load\n%s", firstDiff(got, want))
	}
}

func reportFrom(t *testing.T, s kg.Store, source string) *kg.Report {
	t.Helper()
	reps, err := s.FindReports(ctx, kg.ReportFilter{Sources: []string{source}})
	if err != nil || len(reps) != 1 {
		t.Fatalf("report from %s: %v, %v", source, reps, err)
	}
	return reps[0]
}

// TestDeleteRelinks deletes the city report between the province and the
// banner: the banner must lose its links to the city and the graph equal a
// fresh load without the city's file.
func TestDeleteRelinks(t *testing.T) {
	files := corpus(t)
	in, s := newIngester(t)
	if _, err := in.LoadFS(ctx, mapFS(files)); err != nil {
		t.Fatal(err)
	}
	const city = "tongliao-city-2025.txt"
	id := reportFrom(t, s, city).ID
	res, err := in.Delete(ctx, []string{id, "report/999999/2024"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Deleted, []string{id}) || !slices.Equal(res.NotFound, []string{"report/999999/2024"}) {
		t.Errorf("deleted %v, not found %v", res.Deleted, res.NotFound)
	}
	if got, want := dump(t, s), freshDump(t, without(files, city)); got != want {
		t.Errorf("after delete the graph differs from a fresh load without %s\n%s", city, firstDiff(got, want))
	}
	// Loading the file again restores the full graph.
	res, err = in.LoadFS(ctx, mapFS(files))
	if err != nil || !slices.Equal(res.Loaded, []string{city}) {
		t.Fatalf("reload: loaded %v, err %v", res.Loaded, err)
	}
	if got, want := dump(t, s), freshDump(t, files); got != want {
		t.Errorf("after reload the graph differs\n%s", firstDiff(got, want))
	}
}

// TestDuplicateInOneBatch: two files of one report in the same batch and
// in different batches resolve to the smaller name, as one by one.
func TestDuplicateInOneBatch(t *testing.T) {
	orig := corpus(t)["naiman-banner-2024.txt"]
	files := map[string][]byte{"naiman-banner-2024.txt": orig, "a-copy.txt": orig}
	for _, size := range []int{1, 100} {
		in, s := newIngester(t)
		in.BatchSize = size
		res, err := in.LoadFS(ctx, mapFS(files))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Loaded, []string{"a-copy.txt"}) || len(res.Skipped) != 1 ||
			!strings.Contains(res.Skipped[0].Reason, "same report") {
			t.Errorf("batch %d: loaded %v, skipped %v", size, res.Loaded, res.Skipped)
		}
		if r := reportFrom(t, s, "a-copy.txt"); r.ID != kg.ReportID("150525", 2024) {
			t.Errorf("batch %d: report %s", size, r.ID)
		}
	}
}

// rejectingStore refuses any write holding one report, as a store does for
// an inconsistent graph.
type rejectingStore struct {
	kg.Store
	reject string
}

func (s rejectingStore) PutReports(ctx2 context.Context, gs []kg.ReportGraph) error {
	for _, g := range gs {
		if g.Report.ID == s.reject {
			return kg.Errorf(kg.EINVALID, "report %s: rejected", g.Report.ID)
		}
	}
	return s.Store.PutReports(ctx2, gs)
}

func (s rejectingStore) PutReport(ctx2 context.Context, g kg.ReportGraph) error {
	return s.PutReports(ctx2, []kg.ReportGraph{g})
}

// TestRejectedReportSkippedAlone: when the store rejects a batch for one
// report's fault, the others of the batch still load.
func TestRejectedReportSkippedAlone(t *testing.T) {
	files := corpus(t)
	const city = "tongliao-city-2025.txt"
	probe, ps := newIngester(t)
	if err := probe.LoadReport(ctx, city, files[city]); err != nil {
		t.Fatal(err)
	}
	in, s := newIngester(t)
	in.Store = rejectingStore{Store: s, reject: reportFrom(t, ps, city).ID}
	res, err := in.LoadFS(ctx, mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Loaded) != len(files)-1 || len(res.Skipped) != 1 || res.Skipped[0].File != city ||
		!strings.Contains(res.Skipped[0].Reason, "rejected") {
		t.Errorf("loaded %v, skipped %v; want all but the city", res.Loaded, res.Skipped)
	}
	if got, want := dump(t, s), freshDump(t, without(files, city)); got != want {
		t.Errorf("graph differs from a load without the rejected file\n%s", firstDiff(got, want))
	}
}

// TestLoadFilesIncremental: files on disk are skipped as unchanged by
// their base name and fingerprint, as files of an fs.FS are.
func TestLoadFilesIncremental(t *testing.T) {
	files := corpus(t)
	dir := t.TempDir()
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in, _ := newIngester(t)
	if res, err := in.LoadFiles(ctx, []string{dir}); err != nil || len(res.Loaded) != len(files) {
		t.Fatalf("first load: %v, %v", res.Loaded, err)
	}
	res, err := in.LoadFiles(ctx, []string{dir})
	if err != nil || len(res.Unchanged) != len(files) {
		t.Errorf("second load: unchanged %v, loaded %v, err %v", res.Unchanged, res.Loaded, err)
	}
}

func copyFiles(files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for n, b := range files {
		out[n] = b
	}
	return out
}

// failingStore goes down after some writes, as a database does.
type failingStore struct {
	kg.Store
	writesLeft int
}

func (s *failingStore) PutReports(ctx2 context.Context, gs []kg.ReportGraph) error {
	if s.writesLeft == 0 {
		return kg.Errorf(kg.EUNAVAIL, "store down")
	}
	s.writesLeft--
	return s.Store.PutReports(ctx2, gs)
}

// TestStoreFailureStopsLoad: a store failure in the second write stops the
// load with the error and reports the first group's files as loaded; a
// rerun converges.
func TestStoreFailureStopsLoad(t *testing.T) {
	files := corpus(t)
	in, s := newIngester(t)
	in.BatchSize = 2
	in.Store = &failingStore{Store: s, writesLeft: 1}
	res, err := in.LoadFS(ctx, mapFS(files))
	if kg.ErrorCode(err) != kg.EUNAVAIL {
		t.Fatalf("error %v, want the store's unavailable", err)
	}
	if len(res.Loaded) != 2 {
		t.Errorf("loaded %v, want the first group's two files", res.Loaded)
	}
	// The rerun on a working store converges to the full graph.
	in.Store = s
	if _, err := in.LoadFS(ctx, mapFS(files)); err != nil {
		t.Fatal(err)
	}
	if got, want := dump(t, s), freshDump(t, files); got != want {
		t.Errorf("rerun after the failure differs from a fresh load\n%s", firstDiff(got, want))
	}
}

// TestCancelledLoadStops: cancelling the context mid-load returns its
// error promptly.
func TestCancelledLoadStops(t *testing.T) {
	files := corpus(t)
	in, _ := newIngester(t)
	in.BatchSize = 1
	c, cancel := context.WithCancel(ctx)
	in.Progress = func(p ingest.Progress) {
		if p.Done == 2 {
			cancel()
		}
	}
	res, err := in.LoadFS(c, mapFS(files))
	if err == nil {
		t.Fatal("a cancelled load succeeded")
	}
	if len(res.Loaded) >= len(files) {
		t.Errorf("loaded %d files after cancelling at the second", len(res.Loaded))
	}
}

// relinkFailingStore goes down at the first ReplaceLinks: the reports are
// written, their links are not.
type relinkFailingStore struct{ kg.Store }

func (relinkFailingStore) ReplaceLinks(context.Context, []string, []kg.Edge) error {
	return kg.Errorf(kg.EUNAVAIL, "store down")
}

// TestCutBeforeRelinkConverges: a load or a delete cut off after its
// writes but before relinking leaves no report marked unchanged, so the
// rerun relinks and the graph equals a fresh load.
func TestCutBeforeRelinkConverges(t *testing.T) {
	files := corpus(t)
	in, s := newIngester(t)
	in.Store = relinkFailingStore{s}
	if _, err := in.LoadFS(ctx, mapFS(files)); kg.ErrorCode(err) != kg.EUNAVAIL {
		t.Fatalf("load: %v, want unavailable", err)
	}
	in.Store = s
	res, err := in.LoadFS(ctx, mapFS(files))
	if err != nil || len(res.Unchanged) != 0 {
		t.Fatalf("rerun: unchanged %v, err %v; want every file loaded again", res.Unchanged, err)
	}
	if got, want := dump(t, s), freshDump(t, files); got != want {
		t.Fatalf("rerun differs from a fresh load\n%s", firstDiff(got, want))
	}

	const city = "tongliao-city-2025.txt"
	in.Store = relinkFailingStore{s}
	if _, err := in.Delete(ctx, []string{reportFrom(t, s, city).ID}); kg.ErrorCode(err) != kg.EUNAVAIL {
		t.Fatalf("delete: %v, want unavailable", err)
	}
	in.Store = s
	rest := without(files, city)
	res, err = in.LoadFS(ctx, mapFS(rest))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Loaded) == 0 {
		t.Error("after the cut delete no report below the city was loaded again")
	}
	if got, want := dump(t, s), freshDump(t, rest); got != want {
		t.Errorf("load after a cut delete differs from a fresh load without %s\n%s", city, firstDiff(got, want))
	}
}
