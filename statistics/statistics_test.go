package statistics_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/statistics"
)

// known is a store holding 奈曼旗 and 通辽市.
func known(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = id == kg.RegionID("150525") || id == kg.RegionID("150500")
	}
	return out, nil
}

func show(stats []kg.Statistic) []string {
	var out []string
	for _, st := range stats {
		out = append(out, fmt.Sprintf("%d %s %d %s/%s %s %s %s", st.Line, st.RegionID, st.Year, st.Indicator, st.IndicatorCode,
			st.Measure, kg.FormatValue(st.Value), st.Unit))
	}
	return out
}

func problems(ps []statistics.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// TestRead: every readable row is kept, each bad row is reported with its
// line and reason, and a quoted field over two lines keeps the line
// numbers of the rows after it true.
func TestRead(t *testing.T) {
	file := "region_code,year,indicator,value,unit,measure\n" +
		"150525,2024,地区生产总值,5.8,%,增长\n" +
		"150525,2024,地区生产总值,146,亿元,\n" +
		"150500,2024,地区生产总值增长,6.1,,\n" +
		"150525,2o24,gdp,5,%,增长\n" +
		"150599,2024,gdp,5,%,增长\n" +
		"1505,2024,gdp,5,%,增长\n" +
		"150525,2024,gdp,abc,%,增长\n" +
		"150525,2024,固定资产投资,12,,\n" +
		"150525,2024,地区生产总值,5.9,%,增长\n" +
		"150525,2024,,5,%,\n" +
		"150525,2023,城镇新增就业,\"2,174\",人,\n" +
		"150525,2024,gdp,5.5%,,增长\n" +
		"150525,2024,gdp,5,%,总量\n" +
		"\n" +
		"150500,2023,\"社会消费品\n零售总额\",120,亿元,\n" +
		"150500,2023,居民消费价格涨幅,2.1,%\n"
	stats, ps, err := statistics.Read(context.Background(), "stats.csv", []byte(file), known)
	if err != nil {
		t.Fatal(err)
	}
	wantStats := []string{
		"2 region/150525 2024 地区生产总值/gdp 增长 5.8 %",
		"3 region/150525 2024 地区生产总值/gdp  146 亿元",
		"4 region/150500 2024 地区生产总值/gdp 增长 6.1 %", // 地区生产总值增长: growth
		"12 region/150525 2023 城镇新增就业/urban_new_jobs  2174 人",
		"13 region/150525 2024 gdp/gdp 增长 5.5 %", // a code names its indicator; 5.5% says the unit
		"16 region/150500 2023 社会消费品\n零售总额/  120 亿元",
		"18 region/150500 2023 居民消费价格涨幅/cpi  2.1 %", // a short row: the absent measure is empty
	}
	if got := show(stats); !reflect.DeepEqual(got, wantStats) {
		t.Errorf("statistics\n got %q\nwant %q", got, wantStats)
	}
	wantProblems := []string{
		`stats.csv:5: year "2o24" is not a year`,
		"stats.csv:6: region_code 150599 names no known region",
		`stats.csv:7: region_code "1505" is not a GB/T 2260 code (six or twelve digits)`,
		`stats.csv:8: value "abc" is not a number`,
		"stats.csv:9: no unit for the amount 12 (亿元, 万人 …)",
		"stats.csv:10: repeats line 2 (150525, 2024, 地区生产总值增长 in %)",
		"stats.csv:11: no indicator",
		`stats.csv:14: measure "总量" is none of 增长, 降低 or empty (an amount)`,
	}
	if got := problems(ps); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems\n got %q\nwant %q", got, wantProblems)
	}
	for _, st := range stats {
		if st.Source != "stats.csv" || st.ID != kg.StatisticID(strings.TrimPrefix(st.RegionID, "region/"), st.Year, "stats.csv", st.Indicator, st.Measure, st.Unit) {
			t.Errorf("%+v: source or id", st)
		}
	}
	if err := kg.ValidateStatistics("stats.csv", stats); err != nil {
		t.Errorf("what Read returns must be writable: %v", err)
	}
}

// TestReadEncodings: the same table saved by a spreadsheet as UTF-8 with
// a BOM, as GB18030 (Excel's CSV on Chinese Windows), as UTF-16 text with
// tabs (Excel's "Unicode text") and with Chinese headers reads the same.
func TestReadEncodings(t *testing.T) {
	table := "region_code,year,indicator,value,unit,measure\r\n150525,2024,地区生产总值,5.8,%,增长\r\n150525,2023,城镇新增就业,2174,人,\r\n"
	want := []string{"2 region/150525 2024 地区生产总值/gdp 增长 5.8 %", "3 region/150525 2023 城镇新增就业/urban_new_jobs  2174 人"}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(table)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(table, ",", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	chinese := strings.Replace(table, "region_code,year,indicator,value,unit,measure", "行政区划代码,年份,指标名称,数值,单位,口径", 1)
	for name, raw := range map[string]string{"utf-8 bom": "\uFEFF" + table, "gb18030": gb, "utf-16 tsv": utf16, "chinese header": chinese} {
		stats, ps, err := statistics.Read(context.Background(), "s.csv", []byte(raw), known)
		if err != nil || len(ps) > 0 {
			t.Errorf("%s: %v %v", name, err, problems(ps))
			continue
		}
		if got := show(stats); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
}

// TestReadRejectsFile: a file that is no statistics table fails whole,
// with one reason.
func TestReadRejectsFile(t *testing.T) {
	for _, tc := range []struct {
		name, raw, want string
	}{
		{"empty", "  \n", "empty file"},
		{"png", "\x89PNG\r\n\x1a\nrest", "binary data, not text"},
		{"xlsx", "PK\x03\x04rest", "not plain text"},
		{"no columns", "地区,年份,数值\n奈曼旗,2024,5.8\n", "lacks the column(s) region_code, indicator"},
		{"too big", strings.Repeat("x", statistics.MaxFileSize+1), "over the 64 MiB"},
	} {
		stats, _, err := statistics.Read(context.Background(), tc.name, []byte(tc.raw), known)
		if err == nil || !strings.Contains(err.Error(), tc.want) || stats != nil {
			t.Errorf("%s: %v, want an error saying %q and nothing read", tc.name, err, tc.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := statistics.Read(ctx, "s.csv", []byte("region_code,year,indicator,value\n150525,2024,gdp,5\n"), known); err == nil {
		t.Error("a canceled read succeeded")
	}
}
