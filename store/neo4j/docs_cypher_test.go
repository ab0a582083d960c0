package neo4j_test

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
)

// documentedQuery is a ```cypher block of docs/neo4j.md: its "// N. …"
// title line and the statement.
type documentedQuery struct {
	number int
	title  string
	text   string
}

var cypherBlock = regexp.MustCompile("(?s)```cypher\n// (\\d+)\\. ([^\n]*)\n(.*?)```")

func documentedQueries(t *testing.T) []documentedQuery {
	t.Helper()
	b, err := os.ReadFile("../../docs/neo4j.md")
	if err != nil {
		t.Fatal(err)
	}
	var qs []documentedQuery
	for _, m := range cypherBlock.FindAllStringSubmatch(string(b), -1) {
		var n int
		fmt.Sscan(m[1], &n)
		qs = append(qs, documentedQuery{number: n, title: m[2], text: m[3]})
	}
	return qs
}

// rowsCheck says what is wrong with a query's rows, or "".
type rowsCheck func(rows []map[string]any) string

// has finds a row whose columns hold the given values (fmt.Sprint equal).
func has(want map[string]any) rowsCheck {
	return func(rows []map[string]any) string {
		for _, r := range rows {
			ok := true
			for k, v := range want {
				if fmt.Sprint(r[k]) != fmt.Sprint(v) {
					ok = false
					break
				}
			}
			if ok {
				return ""
			}
		}
		return fmt.Sprintf("no row with %v", want)
	}
}

// every checks each row.
func every(desc string, ok func(r map[string]any) bool) rowsCheck {
	return func(rows []map[string]any) string {
		if len(rows) == 0 {
			return "no rows"
		}
		for _, r := range rows {
			if !ok(r) {
				return fmt.Sprintf("row %v: not %s", r, desc)
			}
		}
		return ""
	}
}

func rowCount(lo, hi int) rowsCheck {
	return func(rows []map[string]any) string {
		if len(rows) < lo || len(rows) > hi {
			return fmt.Sprintf("%d rows, want %d to %d", len(rows), lo, hi)
		}
		return ""
	}
}

// descending checks that col never grows from one row to the next.
func descending(col string) rowsCheck {
	return func(rows []map[string]any) string {
		for i := 1; i < len(rows); i++ {
			a, _ := rows[i-1][col].(float64)
			b, _ := rows[i][col].(float64)
			if b > a {
				return fmt.Sprintf("%s rises from %v to %v", col, a, b)
			}
		}
		return ""
	}
}

func positiveInt(r map[string]any, cols ...string) bool {
	for _, c := range cols {
		if n, _ := r[c].(int64); n <= 0 {
			return false
		}
	}
	return true
}

// TestDocumentedCypher runs every query docs/neo4j.md shows an analyst on
// the sample corpus and checks its rows, so the documented queries keep
// answering what their titles promise.
func TestDocumentedCypher(t *testing.T) {
	srv := neo4jtest.Shared(t)
	loadCorpus(t, openStore(t, srv))
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	bundled := len(entries)
	checks := map[int][]rowsCheck{
		1: {has(map[string]any{"region": "通辽市", "takesUp": "政策落地工程"}), has(map[string]any{"region": "奈曼旗", "takesUp": "温暖工程"}),
			every("below the autonomous region", func(r map[string]any) bool { return r["level"] != "PROVINCIAL" })},
		2: {has(map[string]any{"region": "奈曼旗"}),
			every("with evidence naming 温暖工程", func(r map[string]any) bool { return strings.Contains(fmt.Sprint(r["evidence"]), "温暖工程") })},
		3: {has(map[string]any{"region": "奈曼旗", "year": 2024, "growth": 8, "qualifier": "AT_LEAST"}),
			has(map[string]any{"region": "锡林郭勒盟", "qualifier": "ABOUT"}), has(map[string]any{"level": "PROVINCIAL", "region": "内蒙古自治区"})},
		4: {rowCount(2, 5), every("a 自治区 department with projects", func(r map[string]any) bool {
			return strings.HasPrefix(fmt.Sprint(r["department"]), "自治区") && positiveInt(r, "projects")
		})},
		5: {rowCount(1, 1), has(map[string]any{"chain": []any{"奈曼旗", "通辽市", "内蒙古自治区", "中华人民共和国"}})},
		6: {rowCount(7, 7), has(map[string]any{"taskArea": "聚力产业转型升级", "members": 20}),
			every("a named area with members", func(r map[string]any) bool { return r["taskArea"] != "" && positiveInt(r, "members") }),
			every("no named program (“六个工程” is none)", func(r map[string]any) bool { return !strings.Contains(fmt.Sprint(r["taskArea"]), "工程") })},
		7: {rowCount(bundled, bundled), every("a report with programs, initiatives and targets", func(r map[string]any) bool {
			return positiveInt(r, "programs", "initiatives", "targets")
		})},
		8: {has(map[string]any{"lower": "“三北”六期", "upper": "“三北”工程", "method": "alias"}),
			every("not a same-name link, with evidence", func(r map[string]any) bool { return r["method"] != "name" && r["evidence"] != nil })},
		9: {rowCount(1, 5), descending("score"), every("a named, scored hit in a region", func(r map[string]any) bool {
			score, _ := r["score"].(float64)
			return r["name"] != "" && r["region"] != nil && score > 0
		})},
		10: {has(map[string]any{"indicator": "地区生产总值", "value": 146, "unit": "亿元", "year": 2023}),
			every("a result of the year before the report", func(r map[string]any) bool { return r["year"] == int64(2023) })},
		11: {has(map[string]any{"region": "奈曼旗", "name": "“三北”六期", "rule": "STEM"}), has(map[string]any{"region": "内蒙古自治区", "name": "“三北”工程"}),
			every("a form of 三北", func(r map[string]any) bool { return strings.Contains(fmt.Sprint(r["name"]), "三北") })},
	}
	queries := documentedQueries(t)
	var numbers []int
	for _, q := range queries {
		numbers = append(numbers, q.number)
		cs, ok := checks[q.number]
		if !ok {
			t.Errorf("query %d (%s) has no check here", q.number, q.title)
			continue
		}
		rows := srv.Query(t, q.text, nil)
		for _, c := range cs {
			if msg := c(rows); msg != "" {
				t.Errorf("query %d (%s): %s\n%s", q.number, q.title, msg, q.text)
			}
		}
	}
	for n := range checks {
		if !slices.Contains(numbers, n) {
			t.Errorf("query %d is checked here but gone from docs/neo4j.md", n)
		}
	}
}
