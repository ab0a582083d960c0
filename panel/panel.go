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

// WriteTargets writes targets.csv for f to w and returns the rows written.
// An unknown indicator is ENOTFOUND before anything is written; a store
// error later leaves w holding the rows before it.
func WriteTargets(ctx context.Context, s kg.Store, f Filter, w io.Writer) (int, error) {
	tf := kg.TargetFilter{}
	if f.Indicator != "" {
		var err error
		if tf, err = analysis.IndicatorFilter(ctx, s, f.Indicator); err != nil {
			return 0, err
		}
	}
	if f.YearFrom != nil && f.YearTo != nil && *f.YearFrom == *f.YearTo {
		tf.Year = f.YearFrom
	}
	t := newTable(w, TargetColumns)
	err := eachBatch(f, func(batch []*kg.Region, index map[string]int) error {
		tf.RegionIDs = ids(batch)
		ts, err := s.FindTargets(ctx, tf)
		if err != nil {
			return fmt.Errorf("targets of %d regions: %w", len(batch), err)
		}
		// By region as the filter's regions are ordered, then report
		// (year) and id as FindTargets orders them.
		slices.SortStableFunc(ts, func(a, b *kg.Target) int { return index[a.RegionID] - index[b.RegionID] })
		for _, x := range ts {
			if !inYears(f, x.Year) {
				continue
			}
			t.write(regionCells(batch[index[x.RegionID]], x.ReportID), strconv.Itoa(x.Year), kindOf(x.Kind), x.IndicatorCode, x.Indicator, x.Measure, kg.FormatValue(x.Value),
				optional(x.MaxValue), x.Unit, string(x.Qualifier), strconv.Itoa(x.Evidence.Offset))
		}
		return t.flush()
	})
	if err == nil {
		err = t.flush() // the header alone when no row came
	}
	return t.rows, err
}

// WriteEntities writes entities.csv for f to w and returns the rows written.
func WriteEntities(ctx context.Context, s kg.Store, f Filter, w io.Writer) (int, error) {
	t := newTable(w, EntityColumns)
	err := eachBatch(f, func(batch []*kg.Region, index map[string]int) error {
		reps, err := s.FindReports(ctx, kg.ReportFilter{RegionIDs: ids(batch)})
		if err != nil {
			return fmt.Errorf("reports of %d regions: %w", len(batch), err)
		}
		reps = slices.DeleteFunc(reps, func(r *kg.Report) bool { return !inYears(f, r.Year) })
		if len(reps) == 0 {
			return nil
		}
		slices.SortStableFunc(reps, func(a, b *kg.Report) int { return index[a.RegionID] - index[b.RegionID] })
		reportIDs := make([]string, len(reps))
		for i, r := range reps {
			reportIDs[i] = r.ID
		}
		es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: reportIDs})
		if err != nil {
			return fmt.Errorf("entities of %d reports: %w", len(reps), err)
		}
		byReport := map[string][]*kg.Entity{}
		for _, e := range es {
			byReport[e.ReportID] = append(byReport[e.ReportID], e)
		}
		for _, rep := range reps {
			r := batch[index[rep.RegionID]]
			for _, e := range byReport[rep.ID] {
				offset := ""
				if len(e.Evidence) > 0 {
					offset = strconv.Itoa(e.Evidence[0].Offset)
				}
				t.write(regionCells(r, rep.ID), e.ID, string(e.Kind), e.Name, strconv.FormatBool(e.TaskArea), offset)
			}
		}
		return t.flush()
	})
	if err == nil {
		err = t.flush() // the header alone when no row came
	}
	return t.rows, err
}

// eachBatch calls fn with f's regions of f.Level, batchRegions at a time,
// and each region's index in its batch.
func eachBatch(f Filter, fn func(batch []*kg.Region, index map[string]int) error) error {
	regions := f.Regions
	if f.Level != nil {
		regions = slices.DeleteFunc(slices.Clone(regions), func(r *kg.Region) bool { return r.Level != *f.Level })
	}
	for batch := range slices.Chunk(regions, batchRegions) {
		index := make(map[string]int, len(batch))
		for i, r := range batch {
			index[r.ID] = i
		}
		if err := fn(batch, index); err != nil {
			return err
		}
	}
	return nil
}

func inYears(f Filter, year int) bool {
	return (f.YearFrom == nil || year >= *f.YearFrom) && (f.YearTo == nil || year <= *f.YearTo)
}

// regionCells are the leading columns both tables share.
func regionCells(r *kg.Region, reportID string) []string {
	year := reportID[strings.LastIndexByte(reportID, '/')+1:]
	return []string{r.Code, r.Name, string(r.Level), strings.TrimPrefix(r.ParentID, kg.RegionID("")), reportID, year}
}

func kindOf(k kg.TargetKind) string {
	if k == kg.TargetResult {
		return "result"
	}
	return "target"
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

// table writes CSV rows through a buffer, the header first.
type table struct {
	buf    *bufio.Writer
	csv    *csv.Writer
	cells  []string
	rows   int
	header []string
}

func newTable(w io.Writer, header []string) *table {
	buf := bufio.NewWriterSize(w, 64<<10)
	return &table{buf: buf, csv: csv.NewWriter(buf), header: header}
}

// write writes one row: the shared lead cells, then the rest.
func (t *table) write(lead []string, rest ...string) {
	if t.header != nil {
		t.csv.Write(t.header) // an error sticks in t.csv; flush reports it
		t.header = nil
	}
	t.cells = append(append(t.cells[:0], lead...), rest...)
	t.csv.Write(t.cells)
	t.rows++
}

// flush writes what is buffered, the header too when no row came.
func (t *table) flush() error {
	if t.header != nil {
		t.csv.Write(t.header)
		t.header = nil
	}
	t.csv.Flush()
	if err := t.csv.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := t.buf.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}
