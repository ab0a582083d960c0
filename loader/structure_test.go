package loader

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
)

// sampleBody reads a bundled sample that is already clean text, so the
// structure stage can be tested on its own.
func sampleBody(t testing.TB, name string) string {
	t.Helper()
	b, err := fs.ReadFile(data.Reports(), name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestParseStructure(t *testing.T) {
	tests := []struct {
		file        string
		year        int
		delivered   string
		areas       int
		glossary    int
		appendItems []int
	}{
		{"naiman-banner-2024.txt", 2024, "2024-01-26", 7, 24, nil},
		{"inner-mongolia-2024.txt", 2024, "2024-01-30", 10, 0, []int{33}},
		{"xilingol-league-2024.txt", 2024, "", 7, 0, nil},
		{"tongliao-city-2025.txt", 2025, "2025-01-23", 7, 22, []int{25}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := parse(sampleBody(t, tt.file), nil)
			if doc.Year != tt.year {
				t.Errorf("year = %d, want %d", doc.Year, tt.year)
			}
			if doc.DeliveredOn != tt.delivered {
				t.Errorf("deliveredOn = %q, want %q", doc.DeliveredOn, tt.delivered)
			}
			plan := planPart(doc)
			if plan < 0 {
				t.Fatal("no plan part")
			}
			if got := len(doc.Parts[plan].Areas); got != tt.areas {
				t.Errorf("areas = %d, want %d", got, tt.areas)
			}
			if tt.glossary > 0 && len(doc.Glossary) != tt.glossary {
				t.Errorf("glossary = %d, want %d", len(doc.Glossary), tt.glossary)
			}
			if tt.appendItems != nil {
				if len(doc.Appendices) != len(tt.appendItems) {
					t.Fatalf("appendices = %d, want %d", len(doc.Appendices), len(tt.appendItems))
				}
				for i, n := range tt.appendItems {
					if got := len(doc.Appendices[i].Items); got != n {
						t.Errorf("appendix %d items = %d, want %d", i, got, n)
					}
				}
			}
			body := []rune(doc.Body)
			for _, a := range doc.Parts[plan].Areas {
				got := string(body[a.Heading.Offset : a.Heading.Offset+len([]rune(a.Heading.Text))])
				if got != a.Heading.Text {
					t.Errorf("area offset %d points at %q, want %q", a.Heading.Offset, got, a.Heading.Text)
				}
			}
			for _, a := range doc.Parts[plan].Areas {
				t.Logf("area %s | %s", a.Name, a.Heading.Text)
			}
		})
	}
}

// Structure variants from issue 4: unnumbered parts, 一是 task areas,
// footnote-marked glossary entries, (一) half-width headings, no header.
func TestParseVariants(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		year     int
		areas    []string
		glossary []string
	}{
		{
			name: "unnumbered parts and 一是 areas",
			body: "各位代表：\n过去一年工作回顾\n2023年，全县经济平稳。\n2024年工作安排\n一是扩大有效投资，稳住经济大盘。实施重点项目。\n二是推进乡村振兴。抓好粮食生产。\n政府自身建设\n一是加强作风建设。\n",
			year: 2024, areas: []string{"扩大有效投资", "推进乡村振兴"},
		},
		{
			name: "half-width headings, footnote glossary",
			body: "各位代表:\n一、2022年工作回顾\n成绩显著。\n二、2023年工作计划\n(一)着力稳增长,夯实基础\n实施“六个工程”[1]。\n(二)着力惠民生,共享成果\n办好实事。\n名词解释\n[1]“六个工程”：政策落地工程、温暖工程。\n",
			year: 2023, areas: []string{"着力稳增长", "着力惠民生"}, glossary: []string{"“六个工程”"},
		},
		{
			name: "caret footnotes, unnumbered glossary",
			body: "各位代表：\n一、2023年工作回顾\n成绩显著。\n二、2024年工作安排\n（一）扩大内需，稳住大盘\n实施“六个工程”^[1]，推进温暖工程^[2]。\n（二）增进民生福祉\n办好实事。\n名词解释\n“六个工程”：政策落地工程、温暖工程等六项工程。\n温暖工程：解决群众冬季取暖问题的民生工程。\n",
			year: 2024, areas: []string{"扩大内需", "增进民生福祉"}, glossary: []string{"“六个工程”", "温暖工程"},
		},
		{
			name: "footnote markers without definitions",
			body: "各位代表：\n一、2023年工作回顾\n成绩显著。\n二、2024年工作安排\n（一）扩大内需，稳住大盘\n实施“六个工程”[1]。\n（二）增进民生福祉\n办好实事[2]。\n",
			year: 2024, areas: []string{"扩大内需", "增进民生福祉"},
		},
		{
			name: "no address, starts at part 二",
			body: "二、2025年重点工作\n（一）扩大内需。坚持项目为王。\n（二）产业升级。做强工业。\n三、全面加强政府自身建设\n（一）强化政治引领。\n",
			year: 2025, areas: []string{"扩大内需", "产业升级"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(tt.body, nil)
			if doc.Year != tt.year {
				t.Errorf("year = %d, want %d", doc.Year, tt.year)
			}
			plan := planPart(doc)
			if plan < 0 {
				t.Fatal("no plan part")
			}
			var areas []string
			for _, a := range doc.Parts[plan].Areas {
				areas = append(areas, a.Name)
			}
			if strings.Join(areas, "|") != strings.Join(tt.areas, "|") {
				t.Errorf("areas = %q, want %q", areas, tt.areas)
			}
			var terms []string
			for _, g := range doc.Glossary {
				terms = append(terms, g.Term)
			}
			if strings.Join(terms, "|") != strings.Join(tt.glossary, "|") {
				t.Errorf("glossary = %q, want %q", terms, tt.glossary)
			}
		})
	}
}

// Structure variants: task areas numbered 1．/1、/1. (a stray numbered
// sentence out of sequence opens none), and a report whose review part is
// missing and whose plan part is unnumbered.
func TestStructureVariants(t *testing.T) {
	const head = "政府工作报告\n——2024年1月20日在海拉尔区第十届人民代表大会第四次会议上\n各位代表：\n现在，我代表区人民政府向大会报告工作。\n"
	tests := []struct {
		name  string
		body  string
		areas []string
	}{
		{"numbered areas", head + "一、2023年工作回顾\n过去一年，全区地区生产总值增长5%。\n二、2024年重点工作\n" +
			"今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n1．坚持创新驱动，加快产业转型升级。实施科技“突围”工程。\n" +
			"5. 年内完成改造，不是任务领域。\n2、持续改善民生，提升群众幸福感。实施温暖工程。\n3. 深化改革开放，优化营商环境。\n",
			[]string{"坚持创新驱动", "持续改善民生", "深化改革开放"}},
		{"no review, unnumbered plan part", head + "2024年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n" +
			"（一）坚持创新驱动，加快产业转型升级。实施科技“突围”工程。\n（二）持续改善民生，提升群众幸福感。实施温暖工程。\n",
			[]string{"坚持创新驱动", "持续改善民生"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(tt.body, nil)
			if doc.Year != 2024 {
				t.Errorf("year %d, want 2024", doc.Year)
			}
			var got []string
			for _, p := range doc.Parts {
				if p.Kind != PartPlan {
					continue
				}
				for _, a := range p.Areas {
					got = append(got, a.Name)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.areas, "|") {
				t.Errorf("areas %q, want %q", got, tt.areas)
			}
		})
	}
}

// 民生实事 appendices list items with or without a lead department; every
// item is kept, with its lead when given.
func TestParseAppendixLeads(t *testing.T) {
	const body = "各位代表：\n一、2023年工作回顾\n成绩显著。\n二、2024年工作安排\n（一）增进民生福祉\n办好实事。\n" +
		"附件\n2024年旗政府拟办的民生实事\n1.新建幼儿园2所（牵头单位：旗教育局）。\n2.改造老旧小区10个。\n3.新增城市停车泊位500个（牵头责任单位：旗住房和城乡建设局）。\n"
	doc := parse(body, nil)
	var got []string
	for _, a := range doc.Appendices {
		for _, it := range a.Items {
			got = append(got, it.Lead)
		}
	}
	want := []string{"旗教育局", "", "旗住房和城乡建设局"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("leads %q, want %q", got, want)
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"——2024年1月26日在某旗第十八届人民代表大会第三次会议上", []string{"2024-01-26"}},
		{"——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", []string{"2026-01-27"}},
		{"二○二五年十二月十日 至 二〇二六年二月三日", []string{"2025-12-10", "2026-02-03"}},
		{"二〇二六年十月十日，2026年2月30日", []string{"2026-10-10"}}, // 2月30日 is no date
		{"二〇二六年十三月一日", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range findDates(tt.line) {
			got = append(got, d.iso)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findDates(%s) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// A glossary term standing on its own line takes the next line as its
// definition (1.“四上”企业： / 现阶段统计工作实践中…).
func TestGlossaryTermOnItsOwnLine(t *testing.T) {
	txt, err := Normalize([]byte("各位代表：\n一、2023年工作回顾\n经济运行稳中有进。\n附件2\n名词解释\n" +
		"1.“四上”企业：\n对达到一定规模的法人单位的习惯称谓。\n2.“双一流”：指世界一流大学和一流学科。\n3.可信数据空间：\n一种数据流通利用基础设施。\n"))
	if err != nil {
		t.Fatal(err)
	}
	doc := Parse(txt)
	var got []string
	for _, g := range doc.Glossary {
		got = append(got, g.Term+"="+g.Definition)
	}
	want := []string{"“四上”企业=对达到一定规模的法人单位的习惯称谓。", "“双一流”=指世界一流大学和一流学科。", "可信数据空间=一种数据流通利用基础设施。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("glossary\n got %q\nwant %q", got, want)
	}
}

// An item of two parts keeps both, and each part's lead department.
func TestAppendixItemWithTwoLeads(t *testing.T) {
	l := Line{Text: "13.实现低保家庭适龄妇女“两癌”应筛尽筛(牵头责任单位:自治区卫生健康委员会);对确诊妇女给予每人1万元救助(牵头责任单位:自治区妇女联合会)。"}
	it, ok := appendixItem(l)
	if !ok {
		t.Fatal("not an item")
	}
	if want := "自治区卫生健康委员会、自治区妇女联合会"; it.Lead != want {
		t.Errorf("lead %q, want %q", it.Lead, want)
	}
	if want := "实现低保家庭适龄妇女“两癌”应筛尽筛;对确诊妇女给予每人1万元救助"; appendixName(it.Text) != want {
		t.Errorf("name %q, want %q", appendixName(it.Text), want)
	}
}

// TestLeadingPhrase: a task area is named by its heading's first clause,
// and by the next one too when the first is only the heading's stance.
func TestLeadingPhrase(t *testing.T) {
	for heading, want := range map[string]string{
		"着力推动高质量发展，加快建设现代化产业体系":          "着力推动高质量发展",
		"以“国之大者”的高度，进一步筑牢重要生态安全屏障":       "以“国之大者”的高度，进一步筑牢重要生态安全屏障",
		"牢记“国之大者”，协同推进降碳减污扩绿增长，加紧经济社会发展": "牢记“国之大者”，协同推进降碳减污扩绿增长",
		"以新发展理念引领发展，推动高质量发展取得新的更大成效":     "以新发展理念引领发展",
		"站在“国之大者”的高度建设好我国北方重要生态安全屏障":     "站在“国之大者”的高度建设好我国北方重要生态安全屏障",
		"以优化营商环境为基础，全面深化改革。":             "以优化营商环境为基础，全面深化改革",
	} {
		if got := leadingPhrase(heading); got != want {
			t.Errorf("leadingPhrase(%s) = %q, want %q", heading, got, want)
		}
	}
}
