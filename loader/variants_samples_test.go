package loader

import (
	"context"
	"html"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Realistic re-packagings applied to every plain-text sample (not only the
// one the testdata/normalize fixtures are made from) load through Load to the
// same graph as the clean original.
func TestSampleVariantsLoadToSameGraph(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	forms := []struct {
		name  string
		build func(t *testing.T, s string) []byte
	}{
		{"gb18030", func(t *testing.T, s string) []byte {
			b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{"utf-16le-bom", func(_ *testing.T, s string) []byte { return utf16LE(s) }},
		{"crlf", func(_ *testing.T, s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }},
		{"html page", func(_ *testing.T, s string) []byte { return []byte(wrapHTML(s)) }},
		{"lines broken inside sentences", func(_ *testing.T, s string) []byte { return []byte(breakLines(s, 40)) }},
		{"mixed-width punctuation", func(_ *testing.T, s string) []byte { return []byte(mixWidths(s)) }},
		{"letter-spaced title", func(_ *testing.T, s string) []byte {
			return []byte(strings.Replace(s, "政府工作报告", "政 府 工 作 报 告", 1))
		}},
	}
	for _, file := range []string{"naiman-banner-2024.txt", "inner-mongolia-2024.txt", "xilingol-league-2024.txt", "tongliao-city-2025.txt"} {
		clean := string(sampleFile(t, file))
		want, err := Load(context.Background(), file, []byte(clean), tree)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			t.Run(file+"/"+f.name, func(t *testing.T) {
				got, err := Load(context.Background(), file, f.build(t, clean), tree)
				if err != nil {
					t.Fatal(err)
				}
				sameGraph(t, got, want)
			})
		}
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// wrapHTML puts the text in a CMS page: navigation, breadcrumb, one <p> per
// line, share buttons and an ICP footer.
func wrapHTML(s string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府工作报告</title>` +
		`<script>var _hmt=[];</script></head><body><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>` +
		`<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div><div class="article">`)
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	b.WriteString(`</div><div class="share">分享到：<a>微信</a><a>微博</a></div>` +
		`<div class="footer">版权所有：人民政府办公室 ICP备05001234号</div></body></html>`)
	return b.String()
}

// breakLines re-flows paragraphs at a fixed width with the first line
// indented, as a print or PDF copy does, so lines end inside sentences and
// numbers (and sometimes, by chance, right after a 。).
func breakLines(s string, width int) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			l = "\u3000\u3000" + l
		}
		r := []rune(l)
		for len(r) > width {
			b.WriteString(string(r[:width]) + "\n")
			r = r[width:]
		}
		b.WriteString(string(r) + "\n")
	}
	return b.String()
}

// mixWidths types every other comma, colon and parenthesis in ASCII.
func mixWidths(s string) string {
	half := map[rune]rune{'，': ',', '：': ':', '；': ';', '（': '(', '）': ')'}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if h, ok := half[r]; ok {
			n++
			if n%2 == 0 {
				r = h
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Hard-wrapped text without indentation (a PDF copy) keeps a short heading
// line apart from the paragraph after it.
func TestHardWrapKeepsShortHeadingApart(t *testing.T) {
	para := strings.Repeat("坚持把能源产业作为稳定经济增长的压舱石在确保安全稳定的前提下", 3)
	var src strings.Builder
	for i := 0; i < 4; i++ {
		src.WriteString(breakLines(para+"。", 40))
	}
	src.WriteString("二、2024年主要目标和重点任务\n")
	src.WriteString(breakLines(para+"。", 40))
	text, err := Normalize([]byte(strings.ReplaceAll(src.String(), "\u3000", "")))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(text.Body, "\n")
	found := false
	for _, l := range lines {
		if l == "二、2024年主要目标和重点任务" {
			found = true
		}
	}
	if !found {
		t.Errorf("heading joined to a paragraph:\n%s", text.Body)
	}
}

// Two named things joined by 和 are no single name; a 和 inside one name or
// at the start of a place name keeps it.
func TestJoinsTwo(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"鄂榆高铁和海阿铁路", true},
		{"锡林浩特机场和西乌旗通用机场", true},
		{"经安源网荷储一体化示范和风电外送大基地项目", false},
		{"和林格尔数据中心集群", false},
		{"呼和浩特新机场", false},
		{"防沙治沙和风电光伏一体化工程", false},
	}
	for _, tt := range tests {
		if got := joinsTwo(tt.key); got != tt.want {
			t.Errorf("joinsTwo(%s) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
