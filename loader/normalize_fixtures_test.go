package loader_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/reportgraph/reportgraph/data"
)

// The realistic variants in testdata/normalize are generated from a clean
// sample by the functions below. TestNormalizeFixturesUpToDate checks that
// the committed files are what the generators produce; regenerate with
//
//	go test ./loader -run TestNormalizeFixturesUpToDate -update-normalize
var updateNormalize = flag.Bool("update-normalize", false, "rewrite testdata/normalize fixtures")

const (
	fixtureDir    = "testdata/normalize"
	fixtureSource = "naiman-banner-2024.txt" // clean, full-width, header to glossary
)

// variant is one realistic re-packaging of the source sample.
type variant struct {
	file     string
	format   string
	encoding string
	build    func(tb testing.TB, src string) []byte
}

var variants = []variant{
	{"naiman.gb18030.txt", "text", "gb18030", toGB18030},
	{"naiman.utf16le-bom.txt", "text", "utf-16le", func(_ testing.TB, s string) []byte { return toUTF16(s, false, true) }},
	{"naiman.utf16be-bom.txt", "text", "utf-16be", func(_ testing.TB, s string) []byte { return toUTF16(s, true, true) }},
	{"naiman.utf16le.txt", "text", "utf-16le", func(_ testing.TB, s string) []byte { return toUTF16(s, false, false) }},
	{"naiman.utf8-bom.txt", "text", "utf-8-bom", func(_ testing.TB, s string) []byte { return append([]byte("\uFEFF"), s...) }},
	{"naiman.crlf.txt", "text", "utf-8", func(_ testing.TB, s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }},
	{"naiman.halfwidth.txt", "text", "utf-8", func(_ testing.TB, s string) []byte { return []byte(toHalfWidth(s)) }},
	{"naiman.print.txt", "text", "utf-8", func(_ testing.TB, s string) []byte { return []byte(printLayout(s, 36)) }},
	{"naiman.crawler.txt", "text", "utf-8", func(_ testing.TB, s string) []byte { return []byte(crawlerHeader + s) }},
	{"naiman.crawler-trailer.txt", "text", "utf-8", func(_ testing.TB, s string) []byte { return []byte(crawlerHeader + s + crawlerTrailer) }},
	{"naiman.noheader.txt", "text", "utf-8", func(_ testing.TB, s string) []byte { return []byte(fromAddress(s)) }},
	{"naiman.page.html", "html", "utf-8", func(_ testing.TB, s string) []byte { return []byte(htmlPage(s)) }},
	{"naiman.page-gbk.html", "html", "gb18030", func(tb testing.TB, s string) []byte { return toGB18030(tb, htmlPage(s)) }},
	{"naiman.docx", "docx", "utf-8", func(tb testing.TB, s string) []byte { return buildDocx(tb, paragraphs(s)) }},
}

// variantCuts: variants that drop text of the sample normalise to the
// sample with that text dropped (their graph is still the original's).
var variantCuts = map[string]func(string) string{"naiman.noheader.txt": fromAddress}

func readSample(tb testing.TB, name string) string {
	tb.Helper()
	b, err := fs.ReadFile(data.Reports(), name)
	if err != nil {
		tb.Fatalf("read sample %s: %v", name, err)
	}
	return string(b)
}

func TestNormalizeFixturesUpToDate(t *testing.T) {
	src := readSample(t, fixtureSource)
	for _, v := range variants {
		want := v.build(t, src)
		path := filepath.Join(fixtureDir, v.file)
		if *updateNormalize {
			if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (regenerate with -update-normalize)", err)
		}
		// DOCX archives embed no timestamps we set, but compare contents
		// rather than bytes to stay independent of zip writer details.
		if v.format == "docx" {
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: regenerate with -update-normalize", path)
		}
	}
}

func toGB18030(tb testing.TB, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encode gb18030: %v", err)
	}
	return b
}

func toUTF16(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// toHalfWidth rewrites the punctuation a careless editor types in ASCII and
// adds the spacing of web copies: (一) for （一）, ", " for "，".
func toHalfWidth(s string) string {
	return strings.NewReplacer("，", ", ", "：", ":", "；", ";", "（", "(", "）", ")", "！", "!", "？", "?", "“", `"`, "”", `"`, "\n", "\n\n").Replace(s)
}

// paragraphs are the non-empty lines of the sample.
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// printLayout is what copying a PDF gives: every paragraph indented with two
// ideographic spaces and hard-wrapped at width runes.
func printLayout(s string, width int) string {
	var b strings.Builder
	for _, p := range paragraphs(s) {
		rs := []rune("\u3000\u3000" + p)
		for len(rs) > width {
			b.WriteString(string(rs[:width]))
			b.WriteByte('\n')
			rs = rs[width:]
		}
		b.WriteString(string(rs))
		b.WriteByte('\n')
	}
	return b.String()
}

const crawlerHeader = "标题：奈曼旗2024年政府工作报告\n发文单位：奈曼旗人民政府\n来源URL：http://www.example.gov.cn/zwgk/zfgzbg/202402/t20240201_1.html\n发布时间：2024-02-01 09:30\n正文：\n"

// crawlerTrailer is the site text a crawler keeps after the body: related
// reports and the licence line.
const crawlerTrailer = "\n相关报道：\n奈曼旗2023年政府工作报告\n图解：2024年奈曼旗政府工作报告\n" +
	"本网站所有内容，未经书面许可，不得转载、摘编或建立镜像。\n版权所有：奈曼旗人民政府 蒙ICP备05000000号-1\n"

// fromAddress drops everything before 各位代表: a copy with no header at
// all, neither title nor session line.
func fromAddress(s string) string {
	if i := strings.Index(s, "各位代表"); i >= 0 {
		return s[i:]
	}
	return s
}

// htmlPage wraps the report in the page template of a typical government
// CMS: head with scripts and styles, toolbar, menu, breadcrumbs, info bar,
// share buttons, entity-encoded paragraphs with inline markup, related links
// and a footer with ICP and 公网安备 numbers.
func htmlPage(s string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>奈曼旗2024年政府工作报告_奈曼旗人民政府</title>
<meta name="ArticleTitle" content="奈曼旗2024年政府工作报告">
<meta name="PubDate" content="2024-02-01 09:30">
<meta name="ContentSource" content="奈曼旗人民政府办公室">
<link rel="canonical" href="http://www.example.gov.cn/zwgk/zfgzbg/202402/t20240201_1.html">
<link rel="stylesheet" href="/css/main.css">
<style>body{font:14px/1.8 "Microsoft YaHei"} .nav li{float:left} p{text-indent:2em}</style>
<script>var _hmt = _hmt || []; (function() { var hm = document.createElement("script"); hm.src = "https://hm.example.com/hm.js?1"; document.getElementsByTagName("script")[0].parentNode.insertBefore(hm, null); })();</script>
</head>
<body>
<div class="top-bar"><a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">English</a></div>
<div id="header"><img src="/images/logo.png" alt="奈曼旗人民政府"><form action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjnm/">走进奈曼</a></li></ul></div>
<div class="wz">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfgzbg/">政府工作报告</a></div>
<div class="main">
<div class="info">发布时间：2024-02-01 09:30&nbsp;&nbsp;&nbsp;来源：奈曼旗人民政府办公室&nbsp;&nbsp;【字号：<a>大</a> <a>中</a> <a>小</a>】&nbsp;<a href="javascript:window.print()">打印</a></div>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a><a class="bds_qzone">QQ空间</a></div>
<div class="TRS_Editor">
`)
	for i, p := range paragraphs(s) {
		esc := html.EscapeString(p)
		esc = strings.NewReplacer("“", "&ldquo;", "”", "&rdquo;", "—", "&mdash;").Replace(esc)
		if i%7 == 3 {
			// CMS editors split runs into spans and bold phrases.
			rs := []rune(esc)
			if len(rs) > 12 && !strings.ContainsAny(string(rs[:12]), "&;") {
				esc = `<span style="font-family:仿宋">` + string(rs[:6]) + `</span><strong>` + string(rs[6:12]) + `</strong>` + string(rs[12:])
			}
		}
		b.WriteString(`<p style="text-indent:2em;">&nbsp;&nbsp;` + esc + "</p>\n")
	}
	b.WriteString(`</div>
<div class="xgwz"><h3>相关阅读</h3><ul><li><a href="/zwgk/zfgzbg/202302/t20230201_1.html">奈曼旗2023年政府工作报告</a></li><li><a href="#">图解：2024年奈曼旗政府工作报告</a></li></ul></div>
</div>
<div class="footer">
<p>主办：奈曼旗人民政府办公室&nbsp;&nbsp;承办：奈曼旗政务服务中心</p>
<p>网站标识码：1505250001&nbsp;&nbsp;<a href="https://beian.miit.gov.cn">蒙ICP备05000000号-1</a>&nbsp;&nbsp;蒙公网安备 15052502000001号</p>
<p>版权所有 &copy; 2024 奈曼旗人民政府</p>
</div>
<div id="bottom">建议使用1920×1080分辨率 IE9以上浏览器</div>
<script src="/js/jquery.min.js"></script>
</body>
</html>
`)
	return b.String()
}

// buildDocx writes a minimal but valid DOCX: each paragraph split into runs,
// one deleted revision and one field code that must not appear in the text.
func buildDocx(tb testing.TB, paras []string) []byte {
	tb.Helper()
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i, p := range paras {
		doc.WriteString(`<w:p><w:pPr><w:ind w:firstLine="640"/></w:pPr>`)
		rs := []rune(p)
		for len(rs) > 0 {
			n := min(len(rs), 17)
			doc.WriteString(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">`)
			_ = xml.EscapeText(&doc, []byte(string(rs[:n])))
			doc.WriteString(`</w:t></w:r>`)
			rs = rs[n:]
		}
		if i == 2 {
			doc.WriteString(`<w:del w:id="1" w:author="a"><w:r><w:delText>已删除的修订文字</w:delText></w:r></w:del>`)
			doc.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		doc.WriteString(`</w:p>`)
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", doc.String()},
	}
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// canonicalLine is a line modulo the unification Normalize performs:
// no spaces, one width of punctuation, letters and digits.
func canonicalLine(l string) string {
	var b strings.Builder
	for _, r := range l {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0':
			continue
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '％':
			r -= 0xFEE0
		}
		switch r {
		case ',':
			r = '，'
		case ':':
			r = '：'
		case ';':
			r = '；'
		case '(':
			r = '（'
		case ')':
			r = '）'
		case '!':
			r = '！'
		case '?':
			r = '？'
		case '"', '“':
			r = '”'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func validLines(tb testing.TB, body string) {
	tb.Helper()
	if !utf8.ValidString(body) {
		tb.Fatal("body is not valid UTF-8")
	}
	for i, l := range strings.Split(body, "\n") {
		if l == "" || strings.TrimSpace(l) != l || strings.ContainsRune(l, '\r') {
			tb.Fatalf("line %d not clean: %q", i+1, l)
		}
	}
}
