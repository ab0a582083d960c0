package loader

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// Every re-packaging of a sample in testdata/normalize (encodings, CRLF,
// half-width punctuation, print layout with lines broken inside sentences,
// crawler header, HTML page, DOCX) loads through Load to the same report id
// and the same facts as the clean original.
func TestLoadFixturesKeepFacts(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	const source = "naiman-banner-2024.txt"
	want, err := Load(context.Background(), source, sampleFile(t, source), tree)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("testdata/normalize/naiman.*")
	if err != nil || len(files) < 10 {
		t.Fatalf("fixtures: %v (%d files)", err, len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Load(context.Background(), filepath.Base(path), raw, tree)
			if err != nil {
				t.Fatal(err)
			}
			sameGraph(t, got, want)
		})
	}
}

// A crawler copy whose body lost its own header lines (it starts at
// 各位代表：) still names its region through the crawler's 标题：/发文单位：
// and its year through 发布时间：.
func TestCrawlerHeaderAloneDecidesRegion(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, title, publisher, published string
	}{
		{"naiman-banner-2024.txt", "2024年政府工作报告", "奈曼旗人民政府", "2024-02-01 09:30"},
		{"inner-mongolia-2024.txt", "政府工作报告", "内蒙古自治区人民政府", "2024-02-06"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			clean := string(sampleFile(t, tt.file))
			want, err := Load(context.Background(), tt.file, []byte(clean), tree)
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(clean, "各位代表")
			if i < 0 {
				t.Fatal("sample has no 各位代表")
			}
			stripped := clean[i:]
			// Without the crawler header the stripped body must not already
			// carry its region in a header line; the body's self-reference
			// may still decide it, but the header is what is under test.
			crawled := "标题：" + tt.title + "\n发文单位：" + tt.publisher +
				"\n来源URL：http://www.example.gov.cn/a/b.html\n发布时间：" + tt.published + "\n正文：\n" + stripped
			got, err := Load(context.Background(), tt.file, []byte(crawled), tree)
			if err != nil {
				t.Fatal(err)
			}
			if got.Report.ID != want.Report.ID {
				t.Errorf("report %s, want %s", got.Report.ID, want.Report.ID)
			}
			if got.Report.RegionID != want.Report.RegionID {
				t.Errorf("region %s, want %s", got.Report.RegionID, want.Report.RegionID)
			}
		})
	}
}

// sameGraph compares what must not change with the form: report identity,
// entities by id and name, targets, and edges (evidence offsets may differ
// where the text differs).
func sameGraph(t *testing.T, got, want kg.ReportGraph) {
	t.Helper()
	if got.Report.ID != want.Report.ID || got.Report.RegionID != want.Report.RegionID || got.Report.Year != want.Report.Year {
		t.Errorf("report %s/%s/%d, want %s/%s/%d", got.Report.ID, got.Report.RegionID, got.Report.Year,
			want.Report.ID, want.Report.RegionID, want.Report.Year)
	}
	gf, wf := facts(got), facts(want)
	if !reflect.DeepEqual(gf, wf) {
		t.Errorf("facts differ:\n  only in variant: %v\n  only in original: %v", minus(gf, wf), minus(wf, gf))
	}
	gi, wi := entityIDs(got), entityIDs(want)
	if !reflect.DeepEqual(gi, wi) {
		t.Errorf("entity ids differ:\n  only in variant: %v\n  only in original: %v", minus(gi, wi), minus(wi, gi))
	}
}

func entityIDs(g kg.ReportGraph) []string {
	out := make([]string, 0, len(g.Entities))
	for _, e := range g.Entities {
		out = append(out, e.ID+" "+e.Name)
	}
	sort.Strings(out)
	return out
}

// A report body that names neither its region nor its year (it starts at
// 各位代表： and says only 区人民政府 and 今年) is undecidable alone; the
// crawler's 发文单位： and 发布时间： decide both.
func TestCrawlerMetaDecidesRegionAndYear(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	body := "各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议。\n" +
		"一、过去一年工作回顾\n过去一年，全区经济运行稳中有进，地区生产总值增长5%。\n" +
		"二、今年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n" +
		"（一）坚持创新驱动，加快产业转型升级。实施科技“突围”工程，建设产业园区。\n" +
		"（二）持续改善民生，提升群众幸福感。实施温暖工程。\n"
	if _, err := Load(context.Background(), "bare.txt", []byte(body), tree); err == nil {
		t.Fatal("a body that names no region loaded without the crawler header")
	}
	crawled := "标题：政府工作报告\n发文单位：呼伦贝尔市海拉尔区人民政府\n来源URL：http://www.example.gov.cn/x.html\n" +
		"发布时间：2024-01-20 10:00\n正文：\n" + body
	g, err := Load(context.Background(), "crawled.txt", []byte(crawled), tree)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := tree.ByID(g.Report.RegionID)
	if r.Name != "海拉尔区" || g.Report.Year != 2024 {
		t.Errorf("region %s year %d, want 海拉尔区 2024", r.Name, g.Report.Year)
	}
}
