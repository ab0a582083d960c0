package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// load reads and extracts the files in groups and writes each group with
// one store write (all of its reports or none), then relinks once for all
// of them: relinking is a function of the loaded set, so one pass at the
// end gives the same edges as one per file, at a fraction of the cost.
//
// Extraction (Go) and the write (the database) overlap: one goroutine
// prepares the next group while this one writes the last. Neither depends
// on the other's result, so the stored graph is the same as one file at a
// time.
func (in *Ingester) load(ctx context.Context, files []source) (Result, error) {
	if err := in.ensureRegions(ctx); err != nil {
		return Result{}, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	in.mu.Lock()
	defer in.mu.Unlock()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	groups := make(chan *group, 1)
	go in.prepare(ctx, files, groups)
	w := &writer{in: in, total: len(files), hashes: map[string]string{}}
	for g := range groups {
		if g.err == nil {
			g.err = w.write(ctx, g)
		}
		if g.err != nil {
			cancel()
			for range groups { // let prepare see the cancellation and stop
			}
			return w.res, g.err
		}
	}
	var err error
	if w.res.Relinked, err = in.relink(ctx, w.loaded); err != nil {
		return w.res, err
	}
	if err := in.Store.SetContentHashes(ctx, w.hashes); err != nil {
		return w.res, fmt.Errorf("record fingerprints: %w", err)
	}
	return w.res, nil
}

// group is a run of files prepared together and written in one store
// write: at most BatchSize files, ended early after maxBatchBytes.
type group struct {
	events  []Progress     // one per file, in name order
	pending []pendingGraph // extracted reports awaiting the write
	err     error          // what stopped the load while preparing
}

// pendingGraph is an extracted report waiting for its group's write.
type pendingGraph struct {
	g     kg.ReportGraph
	event int // index in events
}

// prepare sends files to out as groups, each with its unchanged files
// found (one lookup of stored fingerprints per group) and the others
// read and extracted. It closes out when done, failed or cancelled.
func (in *Ingester) prepare(ctx context.Context, files []source, out chan<- *group) {
	defer close(out)
	for len(files) > 0 {
		g, n := in.prepareGroup(ctx, files[:min(in.batchSize(), len(files))])
		files = files[n:]
		failed := g.err != nil // g belongs to the writer once sent
		select {
		case out <- g:
		case <-ctx.Done():
			return
		}
		if failed {
			return
		}
	}
}

// prepareGroup prepares files from the front of next until maxBatchBytes
// and returns the group and how many files it took.
func (in *Ingester) prepareGroup(ctx context.Context, next []source) (*group, int) {
	g := &group{}
	known, err := in.storedFingerprints(ctx, next)
	if err != nil {
		g.err = err
		return g, len(next)
	}
	bytes := 0
	for i, f := range next {
		if bytes >= maxBatchBytes {
			return g, i
		}
		if err := ctx.Err(); err != nil {
			g.err = err
			return g, i
		}
		g.events = append(g.events, Progress{File: f.name})
		raw, err := in.read(f)
		if err != nil {
			if fatal(err) {
				g.err = err
				return g, i + 1
			}
			in.skip(g, i, err)
			continue
		}
		base := filepath.Base(f.name)
		fp := Fingerprint(raw)
		if id, ok := known[base+"\x00"+fp]; ok && !in.Force {
			g.events[i].Outcome, g.events[i].ReportID = Unchanged, id
			continue
		}
		rg, err := in.extract(ctx, base, raw, fp)
		if err != nil {
			if fatal(err) {
				g.err = err
				return g, i + 1
			}
			in.skip(g, i, err)
			continue
		}
		g.pending = append(g.pending, pendingGraph{g: rg, event: i})
		bytes += len(raw)
	}
	return g, len(next)
}

// storedFingerprints maps "file name\x00fingerprint" of the files that
// are stored to their report id.
func (in *Ingester) storedFingerprints(ctx context.Context, files []source) (map[string]string, error) {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f.name)
	}
	reps, err := in.Store.FindReports(ctx, kg.ReportFilter{Sources: names})
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

// skip marks file i of g skipped for err and logs it.
func (in *Ingester) skip(g *group, i int, err error) {
	ev := &g.events[i]
	ev.Outcome, ev.Reason = Skipped, reason(err)
	in.logger().Warn(Skip{File: ev.File, Reason: ev.Reason}.String())
}

// writer writes prepared groups and keeps the load's result.
type writer struct {
	in     *Ingester
	total  int
	done   int
	res    Result
	loaded []kg.Report
	hashes map[string]string // fingerprints of loaded reports, set after relinking
}

// write stores g's reports in one store write, then records its outcomes.
// When the store rejects the write for one report's fault, each report is
// written alone so only the bad one is skipped.
func (w *writer) write(ctx context.Context, g *group) error {
	pending := w.dropConflicts(ctx, g)
	if len(pending) > 0 {
		if err := w.put(ctx, g, pending); err != nil {
			return err
		}
	}
	w.report(g)
	return nil
}

func (w *writer) put(ctx context.Context, g *group, pending []pendingGraph) error {
	gs := make([]kg.ReportGraph, len(pending))
	for i := range pending {
		gs[i] = unfingerprinted(pending[i].g)
	}
	err := w.in.Store.PutReports(ctx, gs)
	if err == nil {
		for _, p := range pending {
			w.stored(g, p)
		}
		return nil
	}
	if !reportFault(err) {
		return fmt.Errorf("store %s: %w", g.events[pending[0].event].File, err)
	}
	for _, p := range pending {
		err := err
		if len(pending) > 1 {
			err = w.in.Store.PutReport(ctx, unfingerprinted(p.g))
		}
		switch {
		case err == nil:
			w.stored(g, p)
		case reportFault(err):
			w.in.skip(g, p.event, err)
		default:
			return fmt.Errorf("store %s: %w", g.events[p.event].File, err)
		}
	}
	return nil
}

// dropConflicts skips a graph whose report is stored, or comes earlier in
// the group, from a file with a smaller name: a second file with the same
// report (a re-encoded copy) must not make the result depend on load
// order.
func (w *writer) dropConflicts(ctx context.Context, g *group) []pendingGraph {
	if len(g.pending) == 0 {
		return nil
	}
	gs := make([]kg.ReportGraph, len(g.pending))
	for i := range g.pending {
		gs[i] = g.pending[i].g
	}
	owners, err := w.in.owners(ctx, gs)
	if err != nil {
		// The write meets the same store; let it report the failure.
		return g.pending
	}
	var keep []pendingGraph
	for _, p := range g.pending {
		r := &p.g.Report
		if o := owners[r.ID]; o != r.Source {
			w.in.skip(g, p.event, kg.Errorf(kg.ECONFLICT, "same report %s as %s", r.ID, o))
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

// checkConflicts is dropConflicts for reports loaded on their own.
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

// unfingerprinted is g stored without its fingerprint: it is set once the
// report's links are computed (kg.Store.SetContentHashes).
func unfingerprinted(g kg.ReportGraph) kg.ReportGraph {
	g.Report.ContentHash = ""
	return g
}

func (w *writer) stored(g *group, p pendingGraph) {
	ev := &g.events[p.event]
	ev.Outcome, ev.ReportID = Loaded, p.g.Report.ID
	w.loaded = append(w.loaded, p.g.Report)
	w.hashes[p.g.Report.ID] = p.g.Report.ContentHash
	w.in.logger().Info("loaded", "file", p.g.Report.Source, "report", p.g.Report.ID,
		"entities", len(p.g.Entities), "targets", len(p.g.Targets))
}

// report records g's outcomes in the result and tells Progress, in name
// order.
func (w *writer) report(g *group) {
	for _, ev := range g.events {
		w.done++
		ev.Done, ev.Total = w.done, w.total
		switch ev.Outcome {
		case Loaded:
			w.res.Loaded = append(w.res.Loaded, ev.File)
		case Unchanged:
			w.res.Unchanged = append(w.res.Unchanged, ev.File)
		default:
			w.res.Skipped = append(w.res.Skipped, Skip{File: ev.File, Reason: ev.Reason})
		}
		if w.in.Progress != nil {
			w.in.Progress(ev)
		}
	}
}
