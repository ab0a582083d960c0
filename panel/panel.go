// Package panel writes the graph as the long-format tables researchers
// load into pandas, R or Stata: targets.csv, one row per target or result,
// and entities.csv, one row per program, initiative, project or term. Both
// are UTF-8 CSV (RFC 4180) with a header row, streamed a batch of regions
// at a time, so a national export never holds the whole table in memory.
// docs/panel.md documents the columns.
package panel

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/reportgraph/reportgraph/analysis"
	"github.com/reportgraph/reportgraph/kg"
)

// TargetColumns are the columns of targets.csv, in order.
var TargetColumns = []string{
	"region_code", "region_name", "level", "parent_code", "report_id", "report_year",
	"year", "kind", "indicator_code", "indicator", "measure", "value", "max_value", "unit", "qualifier",
	"evidence_offset",
}

// EntityColumns are the columns of entities.csv, in order.
var EntityColumns = []string{
	"region_code", "region_name", "level", "parent_code", "report_id", "report_year",
	"entity_id", "kind", "name", "task_area", "evidence_offset",
}

// Filter selects the rows of a table; zero fields do not filter.
type Filter struct {
	// Regions are the regions whose rows are written, in the order
	// written: analysis.Subtree of the region asked for.
	Regions []*kg.Region
	Level   *kg.RegionLevel
	// YearFrom and YearTo bound the year a row is about (inclusive): the
	// figure's year in targets.csv, the report's in entities.csv.
	YearFrom, YearTo *int
	// Indicator keeps one indicator's figures (targets.csv only): a code,
	// a known wording (every wording of it) or a name as written.
	Indicator string
}

// batchRegions is how many regions one store call covers: large enough
// that a national export is a few dozen calls, small enough that a batch
// of rows is a few megabytes at most.
const batchRegions = 256

// TargetRow is one row of targets.csv: a figure and its region.
type TargetRow struct {
	Region *kg.Region
	Target *kg.Target
}

// EntityRow is one row of entities.csv: an entity, its report and region.
type EntityRow struct {
	Region *kg.Region
	Report *kg.Report
	Entity *kg.Entity
}

// TargetBatches yields the rows of targets.csv for f in order, a batch of
// regions' rows at a time, or an error that ends them. An unknown
// indicator is ENOTFOUND before any batch.
func TargetBatches(ctx context.Context, s kg.Store, f Filter) iter.Seq2[[]TargetRow, error] {
	return func(yield func([]TargetRow, error) bool) {
		tf := kg.TargetFilter{}
		if f.Indicator != "" {
			var err error
			if tf, err = analysis.IndicatorFilter(ctx, s, f.Indicator); err != nil {
				yield(nil, err)
				return
			}
		}
		if f.YearFrom != nil && f.YearTo != nil && *f.YearFrom == *f.YearTo {
			tf.Year = f.YearFrom
		}
		for batch, index := range batches(f) {
			tf.RegionIDs = ids(batch)
			ts, err := s.FindTargets(ctx, tf)
			if err != nil {
				yield(nil, fmt.Errorf("targets of %d regions: %w", len(batch), err))
				return
			}
			// By region as the filter's regions are ordered, then report
			// (year) and id as FindTargets orders them.
			slices.SortStableFunc(ts, func(a, b *kg.Target) int { return index[a.RegionID] - index[b.RegionID] })
			rows := make([]TargetRow, 0, len(ts))
			for _, t := range ts {
				if inYears(f, t.Year) {
					rows = append(rows, TargetRow{Region: batch[index[t.RegionID]], Target: t})
				}
			}
			if !yield(rows, nil) {
				return
			}
		}
	}
}

// EntityBatches yields the rows of entities.csv for f in order, a batch
// of regions' rows at a time, or an error that ends them.
func EntityBatches(ctx context.Context, s kg.Store, f Filter) iter.Seq2[[]EntityRow, error] {
	return func(yield func([]EntityRow, error) bool) {
		for batch, index := range batches(f) {
			rows, err := entityRows(ctx, s, f, batch, index)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(rows, nil) {
				return
			}
		}
	}
}

// EntityPage is Page over EntityBatches, without reading the entities of
// reports outside the page: each report's count comes from CountReports,
// so a page of a national table reads a few reports' entities, not half a
// million.
func EntityPage(ctx context.Context, s kg.Store, f Filter, start, end int) ([]EntityRow, int, error) {
	size := func(c kg.ReportCounts) int { return c.Programs + c.Initiatives + c.Projects + c.Terms }
	return pageByCounts(ctx, s, f, start, end, size, entitiesOf)
}

// TargetPage is Page over TargetBatches. Without an indicator or years
// to filter by, each report's figures are counted by CountReports and only
// the reports the page touches are read, as EntityPage does; a filter
// needs every figure looked at.
func TargetPage(ctx context.Context, s kg.Store, f Filter, start, end int) ([]TargetRow, int, error) {
	if f.Indicator != "" || f.YearFrom != nil || f.YearTo != nil {
		return Page(TargetBatches(ctx, s, f), start, end)
	}
	size := func(c kg.ReportCounts) int { return c.Targets + c.Results }
	return pageByCounts(ctx, s, f, start, end, size, targetsOf)
}

// pageByCounts returns the rows [start, end) of a table with a run of
// rows per report, in report order, and the rows in all: size counts a
// report's rows from its counts, and read reads the rows of the reports
// the page touches, report by report in the order given.
func pageByCounts[R any](ctx context.Context, s kg.Store, f Filter, start, end int, size func(kg.ReportCounts) int,
	read func(ctx context.Context, s kg.Store, reps []*kg.Report, batch []*kg.Region, index map[string]int) ([]R, error)) ([]R, int, error) {
	var page []R
	n := 0
	for batch, index := range batches(f) {
		reps, err := reportsOf(ctx, s, f, batch, index)
		if err != nil {
			return nil, 0, err
		}
		if len(reps) == 0 {
			continue
		}
		counts, err := s.CountReports(ctx, reportIDsOf(reps))
		if err != nil {
			return nil, 0, fmt.Errorf("count rows of %d reports: %w", len(reps), err)
		}
		var inPage []*kg.Report
		first := -1 // the page's offset in the first report read
		for i, c := range counts {
			rows := size(c)
			if n < end && n+rows > start {
				if first < 0 {
					first = max(start-n, 0)
				}
				inPage = append(inPage, reps[i])
			}
			n += rows
		}
		if len(inPage) == 0 {
			continue
		}
		rows, err := read(ctx, s, inPage, batch, index)
		if err != nil {
			return nil, 0, err
		}
		page = append(page, rows[first:min(len(rows), first+end-start-len(page))]...)
	}
	return page, n, nil
}

// targetsOf returns the rows of reps' figures, report by report in reps'
// order, each report's by id.
func targetsOf(ctx context.Context, s kg.Store, reps []*kg.Report, batch []*kg.Region, index map[string]int) ([]TargetRow, error) {
	ts, err := s.FindTargets(ctx, kg.TargetFilter{ReportIDs: reportIDsOf(reps)})
	if err != nil {
		return nil, fmt.Errorf("targets of %d reports: %w", len(reps), err)
	}
	// FindTargets orders by report id; the rows follow reps' order.
	order := make(map[string]int, len(reps))
	for i, r := range reps {
		order[r.ID] = i
	}
	slices.SortStableFunc(ts, func(a, b *kg.Target) int { return order[a.ReportID] - order[b.ReportID] })
	rows := make([]TargetRow, len(ts))
	for i, t := range ts {
		rows[i] = TargetRow{Region: batch[index[t.RegionID]], Target: t}
	}
	return rows, nil
}

// reportsOf returns the reports of batch's regions in f's years, in the
// batch's region order, then by year.
func reportsOf(ctx context.Context, s kg.Store, f Filter, batch []*kg.Region, index map[string]int) ([]*kg.Report, error) {
	reps, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: ids(batch)})
	if err != nil {
		return nil, fmt.Errorf("reports of %d regions: %w", len(batch), err)
	}
	reps = slices.DeleteFunc(reps, func(r *kg.Report) bool { return !inYears(f, r.Year) })
	slices.SortStableFunc(reps, func(a, b *kg.Report) int { return index[a.RegionID] - index[b.RegionID] })
	return reps, nil
}

func reportIDsOf(reps []*kg.Report) []string {
	out := make([]string, len(reps))
	for i, r := range reps {
		out[i] = r.ID
	}
	return out
}

func entityRows(ctx context.Context, s kg.Store, f Filter, batch []*kg.Region, index map[string]int) ([]EntityRow, error) {
	reps, err := reportsOf(ctx, s, f, batch, index)
	if err != nil || len(reps) == 0 {
		return nil, err
	}
	return entitiesOf(ctx, s, reps, batch, index)
}

// entitiesOf returns the rows of reps' entities, report by report in
// reps' order, each report's by id.
func entitiesOf(ctx context.Context, s kg.Store, reps []*kg.Report, batch []*kg.Region, index map[string]int) ([]EntityRow, error) {
	es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: reportIDsOf(reps)})
	if err != nil {
		return nil, fmt.Errorf("entities of %d reports: %w", len(reps), err)
	}
	byReport := map[string][]*kg.Entity{}
	for _, e := range es {
		byReport[e.ReportID] = append(byReport[e.ReportID], e)
	}
	rows := make([]EntityRow, 0, len(es))
	for _, rep := range reps {
		for _, e := range byReport[rep.ID] {
			rows = append(rows, EntityRow{Region: batch[index[rep.RegionID]], Report: rep, Entity: e})
		}
	}
	return rows, nil
}

// WriteTargets writes targets.csv for f to w and returns the rows written.
// An unknown indicator is ENOTFOUND before anything is written; a store
// error later leaves w holding the rows before it.
func WriteTargets(ctx context.Context, s kg.Store, f Filter, w io.Writer) (int, error) {
	return writeTable(w, TargetColumns, TargetBatches(ctx, s, f), func(dst []string, r TargetRow) []string {
		t := r.Target
		return append(appendRegion(dst, r.Region, t.ReportID), strconv.Itoa(t.Year), string(t.Kind), t.IndicatorCode, t.Indicator, t.Measure,
			kg.FormatValue(t.Value), optional(t.MaxValue), t.Unit, string(t.Qualifier), strconv.Itoa(t.Evidence.Offset))
	})
}

// WriteEntities writes entities.csv for f to w and returns the rows written.
func WriteEntities(ctx context.Context, s kg.Store, f Filter, w io.Writer) (int, error) {
	return writeTable(w, EntityColumns, EntityBatches(ctx, s, f), func(dst []string, r EntityRow) []string {
		e, offset := r.Entity, ""
		if len(e.Evidence) > 0 {
			offset = strconv.Itoa(e.Evidence[0].Offset)
		}
		return append(appendRegion(dst, r.Region, r.Report.ID), e.ID, string(e.Kind), e.Name, strconv.FormatBool(e.TaskArea), offset)
	})
}

// writeTable writes the header (once a first batch came, so an error
// before it leaves w empty) and each batch's rows, flushed per batch so a
// client receives the table as it is read.
func writeTable[R any](w io.Writer, header []string, batches iter.Seq2[[]R, error], cells func(dst []string, r R) []string) (int, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(buf)
	n := 0
	row := make([]string, 0, len(header)) // reused: the writer copies the cells out
	flush := func() error {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		if err := buf.Flush(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	}
	for rows, err := range batches {
		if err != nil {
			return n, err
		}
		if header != nil {
			cw.Write(header) // an error sticks in cw; flush reports it
			header = nil
		}
		for _, r := range rows {
			row = cells(row[:0], r)
			cw.Write(row)
			n++
		}
		if err := flush(); err != nil {
			return n, err
		}
	}
	if header != nil {
		cw.Write(header) // no region passed the filter: the header alone
	}
	return n, flush()
}

// batches yields f's regions of f.Level, batchRegions at a time, with
// each region's index in its batch.
func batches(f Filter) iter.Seq2[[]*kg.Region, map[string]int] {
	regions := f.Regions
	if f.Level != nil {
		regions = slices.DeleteFunc(slices.Clone(regions), func(r *kg.Region) bool { return r.Level != *f.Level })
	}
	return func(yield func([]*kg.Region, map[string]int) bool) {
		for batch := range slices.Chunk(regions, batchRegions) {
			index := make(map[string]int, len(batch))
			for i, r := range batch {
				index[r.ID] = i
			}
			if !yield(batch, index) {
				return
			}
		}
	}
}

func inYears(f Filter, year int) bool {
	return (f.YearFrom == nil || year >= *f.YearFrom) && (f.YearTo == nil || year <= *f.YearTo)
}

// appendRegion appends the leading columns both tables share.
func appendRegion(dst []string, r *kg.Region, reportID string) []string {
	year := reportID[strings.LastIndexByte(reportID, '/')+1:]
	return append(dst, r.Code, r.Name, string(r.Level), strings.TrimPrefix(r.ParentID, kg.RegionID("")), reportID, year)
}

func optional(v *float64) string {
	if v == nil {
		return ""
	}
	return kg.FormatValue(*v)
}

func ids(rs []*kg.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// Page returns the rows [start, end) of batches and how many rows they
// hold in all: a GraphQL page of a table, which holds the page's rows and
// counts the rest without keeping them.
func Page[R any](batches iter.Seq2[[]R, error], start, end int) ([]R, int, error) {
	var page []R
	n := 0
	for rows, err := range batches {
		if err != nil {
			return nil, 0, err
		}
		if lo, hi := max(start-n, 0), min(end-n, len(rows)); lo < hi {
			page = append(page, rows[lo:hi]...)
		}
		n += len(rows)
	}
	return page, n, nil
}
