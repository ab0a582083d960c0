// Package statistics reads the statistics files a user supplies: realised
// figures (a yearbook's, a bulletin's) that targetComparison sets beside
// the targets the reports set. A file is a CSV table with a header:
//
//	region_code,year,indicator,value,unit,measure
//	150525,2024,地区生产总值,5.8,%,增长
//
// region_code, year, indicator and value are required; unit and measure
// are optional (docs/statistics.md says how each is read). A row that
// cannot be read is reported as a Problem naming its line and the reason,
// and every other row is kept; a file that is no such table fails whole.
package statistics

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/loader"
)

// MaxFileSize bounds a statistics file: a national yearbook's headline
// figures over decades are a few megabytes.
const MaxFileSize = 64 << 20

// Problem is one row left out, with why: "stats.csv:7: year \"2o24\" is
// not a year".
type Problem struct {
	File   string
	Line   int
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason) }

// RegionExists tells whether a region id names a region the store holds.
// Read asks once for all the file's regions.
type RegionExists func(ctx context.Context, ids []string) (map[string]bool, error)

// columns are the header names each field is read from (case and spaces
// ignored): the panel export's own names first, then common Chinese ones.
var columns = map[string][]string{
	"region_code": {"region_code", "code", "地区代码", "区划代码", "行政区划代码"},
	"year":        {"year", "年份", "年度"},
	"indicator":   {"indicator", "indicator_code", "指标", "指标名称"},
	"value":       {"value", "数值", "值"},
	"unit":        {"unit", "单位"},
	"measure":     {"measure", "口径"},
}

var required = []string{"region_code", "year", "indicator", "value"}

// Read reads the statistics file name (raw, its bytes) and returns the
// statistics of the rows it could read, each with its line, and a Problem
// for every other row. The error is for a file that is no statistics
// table at all (binary, too big, no header with the required columns):
// one line naming the reason, and nothing is read.
func Read(ctx context.Context, name string, raw []byte, exists RegionExists) ([]kg.Statistic, []Problem, error) {
	if len(raw) > MaxFileSize {
		return nil, nil, kg.Errorf(kg.ETOOLARGE, "%d bytes, over the %d MiB a statistics file may hold", len(raw), MaxFileSize>>20)
	}
	text, _, err := loader.DecodePlainText(raw)
	if err != nil {
		return nil, nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, kg.Errorf(kg.EINVALID, "empty file")
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1 // a short row is the row's problem, not the file's
	header, err := r.Read()
	if err != nil {
		return nil, nil, kg.Errorf(kg.EINVALID, "no CSV header: %v", err)
	}
	col, err := headerColumns(header)
	if err != nil {
		return nil, nil, err
	}
	var (
		rows     []row
		problems []Problem
	)
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems = append(problems, Problem{name, pe.StartLine, "not a CSV row: " + pe.Err.Error()})
				continue
			}
			return nil, nil, fmt.Errorf("read %s: %w", name, err)
		}
		if blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		rw, reason := parseRow(rec, col)
		if reason != "" {
			problems = append(problems, Problem{name, line, reason})
			continue
		}
		rw.line = line
		rows = append(rows, rw)
	}
	stats, more, err := resolve(ctx, name, rows, exists)
	if err != nil {
		return nil, nil, err
	}
	return stats, sortProblems(append(problems, more...)), nil
}

// delimiter is a tab for a tab-separated file (Excel's "Unicode text"),
// else a comma: judged by the header line.
func delimiter(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	if strings.Contains(first, "\t") && !strings.Contains(first, ",") {
		return '\t'
	}
	return ','
}

// headerColumns maps each field to its column; a missing required one is
// the file's error, naming every such column.
func headerColumns(header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		for field, names := range columns {
			for _, n := range names {
				if _, seen := col[field]; !seen && h == n {
					col[field] = i
				}
			}
		}
	}
	var missing []string
	for _, f := range required {
		if _, ok := col[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, kg.Errorf(kg.EINVALID, "the header %q lacks the column(s) %s (needed: region_code, year, indicator, value; optional: unit, measure)",
			strings.Join(header, ","), strings.Join(missing, ", "))
	}
	return col, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// row is one readable row before its region is checked.
type row struct {
	code          string
	year          int
	indicator     string
	indicatorCode string
	measure       string
	value         float64
	unit          string
	line          int
}

// parseRow reads one record; reason says why it cannot be read.
func parseRow(rec []string, col map[string]int) (row, string) {
	field := func(name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var rw row
	rw.code = field("region_code")
	if !kg.IsRegionCode(rw.code) {
		return rw, fmt.Sprintf("region_code %q is not a GB/T 2260 code (six or twelve digits)", rw.code)
	}
	y, err := strconv.Atoi(field("year"))
	if err != nil || y < 1949 || y > 2100 {
		return rw, fmt.Sprintf("year %q is not a year", field("year"))
	}
	rw.year = y
	rw.indicator = field("indicator")
	if rw.indicator == "" {
		return rw, "no indicator"
	}
	rw.measure = field("measure")
	if rw.measure == "增速" {
		rw.measure = "增长"
	}
	if rw.measure != "" && rw.measure != "增长" && rw.measure != "降低" {
		return rw, fmt.Sprintf("measure %q is none of 增长, 降低 or empty (an amount)", rw.measure)
	}
	if stem, ok := cutGrowth(rw.indicator); ok && field("measure") == "" {
		rw.indicator, rw.measure = stem, "增长" // 地区生产总值增长 is the growth of 地区生产总值
	}
	rw.unit = field("unit")
	v := strings.ReplaceAll(field("value"), ",", "")
	if p, ok := strings.CutSuffix(v, "%"); ok {
		v = p
		if rw.unit == "" {
			rw.unit = "%"
		}
	}
	rw.value, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return rw, fmt.Sprintf("value %q is not a number", field("value"))
	}
	if rw.unit == "" {
		if rw.measure == "" {
			return rw, fmt.Sprintf("no unit for the amount %s (亿元, 万人 …)", field("value"))
		}
		rw.unit = "%"
	}
	rw.indicatorCode = indicatorCode(rw.indicator, rw.measure)
	return rw, ""
}

// cutGrowth splits a growth wording (地区生产总值增长, …增速) into its
// indicator.
func cutGrowth(s string) (string, bool) {
	for _, suf := range []string{"增长率", "增长", "增速"} {
		if stem, ok := strings.CutSuffix(s, suf); ok && stem != "" {
			return stem, true
		}
	}
	return s, false
}

// indicatorCode is the code of a file's indicator: the name itself when
// it is a code (gdp), else the code of the wording.
func indicatorCode(indicator, measure string) string {
	if len(kg.IndicatorWordings(indicator)) > 0 {
		return indicator
	}
	return kg.IndicatorCode(indicator, measure)
}

// resolve keeps the rows whose region the store holds, each figure once,
// and turns them into statistics.
func resolve(ctx context.Context, name string, rows []row, exists RegionExists) ([]kg.Statistic, []Problem, error) {
	ids := make([]string, 0, len(rows))
	for _, rw := range rows {
		ids = append(ids, kg.RegionID(rw.code))
	}
	known, err := exists(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("look up the regions of %s: %w", name, err)
	}
	var (
		out      []kg.Statistic
		problems []Problem
	)
	first := map[string]int{} // id → line
	for _, rw := range rows {
		if !known[kg.RegionID(rw.code)] {
			problems = append(problems, Problem{name, rw.line, fmt.Sprintf("region_code %s names no known region", rw.code)})
			continue
		}
		id := kg.StatisticID(rw.code, rw.year, name, rw.indicator, rw.measure, rw.unit)
		if l, ok := first[id]; ok {
			problems = append(problems, Problem{name, rw.line, fmt.Sprintf("repeats line %d (%s, %d, %s%s in %s)", l, rw.code, rw.year, rw.indicator, rw.measure, rw.unit)})
			continue
		}
		first[id] = rw.line
		out = append(out, kg.Statistic{ID: id, RegionID: kg.RegionID(rw.code), Year: rw.year, Indicator: rw.indicator,
			IndicatorCode: rw.indicatorCode, Measure: rw.measure, Value: rw.value, Unit: rw.unit, Source: name, Line: rw.line})
	}
	return out, problems, nil
}

// sortProblems puts the problems in file order: the region check comes
// after every row was read.
func sortProblems(ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
	return ps
}
