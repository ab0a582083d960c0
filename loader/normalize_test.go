package loader_test

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/loader"
)

func mustNormalize(tb testing.TB, raw []byte) loader.Text {
	tb.Helper()
	txt, err := loader.Normalize(raw)
	if err != nil {
		tb.Fatalf("Normalize: %v", err)
	}
	validLines(tb, txt.Body)
	return txt
}

// Every variant of a sample — other encodings, line endings, punctuation,
// print layout, crawler header, HTML page, DOCX — gives the same Body as the
// clean sample.
func TestNormalizeVariantsMatchClean(t *testing.T) {
	src := readSample(t, fixtureSource)
	clean := mustNormalize(t, []byte(src))
	for _, v := range variants {
		t.Run(v.file, func(t *testing.T) {
			want := clean
			if cut := variantCuts[v.file]; cut != nil {
				want = mustNormalize(t, []byte(cut(src)))
			}
			raw, err := os.ReadFile(filepath.Join(fixtureDir, v.file))
			if err != nil {
				t.Fatal(err)
			}
			got := mustNormalize(t, raw)
			if got.Format != v.format || got.Encoding != v.encoding {
				t.Errorf("format/encoding = %s/%s, want %s/%s", got.Format, got.Encoding, v.format, v.encoding)
			}
			if got.Body != want.Body {
				t.Errorf("body differs from the clean sample:\n%s", firstDiff(got.Body, want.Body))
			}
		})
	}
}

// firstDiff shows the first differing line of two bodies.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + "\n got: " + g[i] + "\nwant: " + w[i]
		}
	}
	return "line counts " + itoa(len(g)) + " vs " + itoa(len(w))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// UTF-8 with a few broken bytes (cut inside a character, stray bytes) stays
// UTF-8: reading it as GB18030 would turn the whole report into mojibake.
func TestNormalizeBrokenUTF8(t *testing.T) {
	src := readSample(t, fixtureSource)
	want := mustNormalize(t, []byte(src))
	raw := []byte(src)
	raw = append(raw[:len(raw)-1:len(raw)-1], "\n结束语。\xe6\x94"...) // cut inside 政
	raw = append(append(append([]byte(nil), raw[:100]...), 0xff), raw[100:]...)
	got := mustNormalize(t, raw)
	if got.Encoding != "utf-8" {
		t.Fatalf("encoding = %s, want utf-8", got.Encoding)
	}
	if !strings.HasPrefix(got.Body, strings.Split(want.Body, "\n")[0][:30]) || !strings.HasSuffix(got.Body, "\n结束语。") {
		t.Errorf("body mangled: %q … %q", got.Body[:60], got.Body[len(got.Body)-40:])
	}
}

func TestNormalizeMeta(t *testing.T) {
	tests := []struct {
		file string
		want map[string]string
	}{
		{"naiman.crawler.txt", map[string]string{
			"title":     "奈曼旗2024年政府工作报告",
			"publisher": "奈曼旗人民政府",
			"url":       "http://www.example.gov.cn/zwgk/zfgzbg/202402/t20240201_1.html",
			"published": "2024-02-01 09:30",
		}},
		{"naiman.page.html", map[string]string{
			"title":     "奈曼旗2024年政府工作报告",
			"publisher": "奈曼旗人民政府办公室",
			"url":       "http://www.example.gov.cn/zwgk/zfgzbg/202402/t20240201_1.html",
			"published": "2024-02-01 09:30",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(fixtureDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got := mustNormalize(t, raw)
			for k, v := range tt.want {
				if got.Meta[k] != v {
					t.Errorf("Meta[%q] = %q, want %q", k, got.Meta[k], v)
				}
			}
		})
	}
	// <title> is the fallback title of a page without CMS meta tags.
	got := mustNormalize(t, []byte("<html><head><title>某县2024年政府工作报告_某县人民政府</title></head><body><p>各位代表：</p><p>现在，我代表县人民政府向大会报告工作。</p></body></html>"))
	if got.Meta["title"] != "某县2024年政府工作报告_某县人民政府" {
		t.Errorf("title from <title> = %q", got.Meta["title"])
	}
}

// No line of a clean sample is lost; web samples lose exactly their chrome.
func TestNormalizeSamplesKeepEveryReportLine(t *testing.T) {
	tags := regexp.MustCompile(`<[^>]*>`)
	tests := []struct {
		file    string
		dropped []string // chrome lines, canonical form
	}{
		{"inner-mongolia-2024.txt", nil},
		{"naiman-banner-2024.txt", nil},
		{"xilingol-league-2024.txt", nil},
		{"tongliao-city-2025.txt", []string{
			"导航菜单",
			"本文仅代表作者观点，不代表本站立场。凡注明为博县网原创作品的，未经许可，不得转载；报告、公报、规划等总结类或文件类信息，本站展示并非全部都完整，为了您更加全面、更有实效的查询学习，建议您到相关地区政府官网浏览或下载完整版本；源于网络的作品，若对您造成了侵权，请联系本站，我们会第一时间予以处理。",
			"本文地址：/baogao/xibei/11791.html",
			"留言与评论（共有条评论）",
			"验证码：",
		}},
		{"jungar-banner-2023.html", []string{
			"•", "1.", "2.", "3.", "4.",
			"鄂尔多斯市人民政府官方微信",
			"首页>公开>规划计划>政府工作报告",
			"发布时间：2023-03-0116：24：32作者：政府办来源：准格尔旗【保存",
			"打印",
			"分享到：",
			"转载声明：转载请注明出处并做回链",
			"主办：鄂尔多斯市人民政府",
			"承办：鄂尔多斯市行政审批和政务服务局",
			"网站标识码：1506000004蒙ICP17002409号-2",
			"违法和不良信息举报电话：0477-8581170（工作时间）",
			"建议使用：1920×1080分辨率建议使用IE9以上浏览器",
			"邮箱：ordosxxbs@163.com",
			"蒙公网安备15060302000173号",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src := readSample(t, tt.file)
			txt := mustNormalize(t, []byte(src))
			body := map[string]bool{}
			for _, l := range strings.Split(txt.Body, "\n") {
				body[canonicalLine(l)] = true
			}
			dropped := map[string]bool{}
			for _, d := range tt.dropped {
				dropped[d] = true
				if body[d] {
					t.Errorf("chrome line kept: %s", d)
				}
			}
			for _, l := range strings.Split(tags.ReplaceAllString(src, ""), "\n") {
				c := canonicalLine(strings.TrimSpace(l))
				if c == "" || dropped[c] {
					continue
				}
				if !body[c] {
					t.Errorf("report line lost: %s", l)
				}
			}
			if strings.ContainsAny(txt.Body, "<>") && strings.Contains(txt.Body, "id=") {
				t.Error("tag text left in body")
			}
		})
	}
}

func TestNormalizeLines(t *testing.T) {
	long := "坚持把扩大有效投资作为稳增长的关键举措，全年谋划实施重点项目120个，加快推进重点"
	tests := []struct {
		name, in, want string
	}{
		{"letter-spaced title", "政 府 工 作 报 告\n各位代表:\n现在,我代表政府报告工作。",
			"政府工作报告\n各位代表：\n现在，我代表政府报告工作。"},
		{"ideographic spaces in a name", "旗长\u3000王\u3000\u3000伟\n王\u3000伟", "旗长 王 伟\n王伟"},
		{"speaker kept apart", "自治区主席\u3000王莉霞", "自治区主席 王莉霞"},
		{"mixed punctuation", "地区生产总值增长8%以上,PM2.5浓度下降;全年(预计)完成1,000亿元,时间16:24!",
			"地区生产总值增长8%以上，PM2.5浓度下降；全年（预计）完成1,000亿元，时间16:24！"},
		{"latin context kept", "see f(x) = 2, http://www.example.gov.cn/a?b=1 and 1920×1080", "see f(x) = 2, http://www.example.gov.cn/a?b=1 and 1920×1080"},
		{"numbered heading", "(一)着力扩大有效需求。\n1. “五个严禁”:严禁逐利检查。", "（一）着力扩大有效需求。\n1. “五个严禁”：严禁逐利检查。"},
		{"straight quotes", `实施"六个工程",推进"三北"工程。`, "实施“六个工程”，推进“三北”工程。"},
		{"full-width digits", "２０２４年增长６．５％左右。", "2024年增长6．5%左右。"},
		{"subscript split", "全市PM\n2.5平均浓度下降到25微克/立方米。", "全市PM2.5平均浓度下降到25微克/立方米。"},
		{"decimal split", "增长6\n.5%。", "增长6.5%。"},
		{"line starting with comma", "加快建设现代化产业体系\n，推动高质量发展。", "加快建设现代化产业体系，推动高质量发展。"},
		{"broken sentence", long + "\n工作落地见效。", long + "工作落地见效。"},
		{"table rows as lines not joined", "序号 民生实事 牵头单位\n1 新建改造城乡道路64公里以上 交通运输局\n2 新建中小学校和幼儿园共计12所 教育局\n3 改造老旧小区供热管网120公里 住建局\n4 新增城镇就业岗位1.8万个以上 人社局\n5 建设城乡社区居家养老服务站 民政局",
			"序号 民生实事 牵头单位\n1 新建改造城乡道路64公里以上 交通运输局\n2 新建中小学校和幼儿园共计12所 教育局\n3 改造老旧小区供热管网120公里 住建局\n4 新增城镇就业岗位1.8万个以上 人社局\n5 建设城乡社区居家养老服务站 民政局"},
		{"hard-wrapped without indentation", "一、过去一年工作回顾\n过去一年，我们坚持稳中求进工作总基调，全力\n推动经济持续回升向好，地区生产总值增长百分\n之五，一般公共预算收入增长百分之七。\n今年要着力扩大有效需求，持续推进重点项目建\n设，加快培育新质生产力，推动产业转型升级取\n得新突破，让发展成果更多更公平惠及全体人民\n群众。",
			"一、过去一年工作回顾\n过去一年，我们坚持稳中求进工作总基调，全力推动经济持续回升向好，地区生产总值增长百分之五，一般公共预算收入增长百分之七。\n今年要着力扩大有效需求，持续推进重点项目建设，加快培育新质生产力，推动产业转型升级取得新突破，让发展成果更多更公平惠及全体人民群众。"},
		{"heading not joined", "一、2023年工作回顾\n2023年，我们坚持稳中求进工作总基调，经济运行整体好转。",
			"一、2023年工作回顾\n2023年，我们坚持稳中求进工作总基调，经济运行整体好转。"},
		{"title not joined to address", "政府工作报告——2024年1月26日在某旗第十八届人民代表大会第三次会议上\n各位代表：",
			"政府工作报告——2024年1月26日在某旗第十八届人民代表大会第三次会议上\n各位代表："},
		{"blank lines and CR", "\r\n\r\n第一段。\r\r\n\n第二段。\r\n  \r\n", "第一段。\n第二段。"},
		{"zero-width and NBSP", "\u200b各位\u00a0代表：\ufeff", "各位 代表："},
		{"report sentences with chrome words kept", "打印、复印等办公费用压减10%。\n主办城市承接全国赛事3项。\n农牧民收入来源更加多元。\n邮政快递网点覆盖全部嘎查村。",
			"打印、复印等办公费用压减10%。\n主办城市承接全国赛事3项。\n农牧民收入来源更加多元。\n邮政快递网点覆盖全部嘎查村。"},
		{"chrome lines dropped", "首页 > 政务公开 > 政府工作报告\n【字号：大 中 小】 打印 关闭\n各位代表：\n现在，我代表政府报告工作。\n分享到：微信 微博\n网站标识码：1500000001 蒙ICP备12345678号\nCopyright © 2024 某市人民政府 版权所有\nhttp://www.example.gov.cn/a.html",
			"各位代表：\n现在，我代表政府报告工作。"},
		{"more chrome", "索引号：11152525MB1234/2024-00012 主题分类：政府工作报告\n发布机构：某旗人民政府 成文日期：2024-02-01\n【字体：大 中 小】【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n责任编辑：张三\n各位代表：\n现在，我代表政府报告工作。\n上一篇：某旗2023年政府工作报告\n下一篇：无",
			"各位代表：\n现在，我代表政府报告工作。"},
		{"related links cut at the end", "各位代表：\n现在，我代表政府报告工作。\n让我们团结奋斗！\n相关阅读：\n某市2023年政府工作报告\n某市2022年政府工作报告",
			"各位代表：\n现在，我代表政府报告工作。\n让我们团结奋斗！"},
		{"crawler header", "标题：某县2024年政府工作报告\n来源URL：http://www.example.gov.cn/1.html\n正文：各位代表：\n现在，我代表县人民政府报告工作。",
			"各位代表：\n现在，我代表县人民政府报告工作。"},
		{"html flowing text", "<html><body><p>现在，我代表\n    政府报告工作，\nplease\nreview。</p><p>第二段。</p><div>第三段<br>第四段。</div></body></html>",
			"现在，我代表政府报告工作，please review。\n第二段。\n第三段\n第四段。"},
		{"html table rows", "<html><body><p>附件</p><table><tr><th>序号</th><th>实事</th><th>牵头单位</th></tr><tr><td>1</td><td>新建学校</td><td>教育局</td></tr></table><p>一段。</p><p>二段。</p></body></html>",
			"附件\n序号 实事 牵头单位\n1 新建学校 教育局\n一段。\n二段。"},
		{"stray tags in text", strings.Repeat("各位代表：\n", 1) + "现在，我代表<span style=\"x\">政府</span>报告工作。<br/>请予审议&nbsp;&ldquo;三北&rdquo;。\nPM2.5<35微克。", "各位代表：\n现在，我代表政府报告工作。\n请予审议 “三北”。\nPM2.5<35微克。"},
		{"html layout table", "<html><body><table><tr><td><a>首页</a> <a>政务公开</a></td><td><p>各位代表：</p><p>现在，我代表政府报告工作。</p><p>请予审议。</p></td></tr></table></body></html>",
			"各位代表：\n现在，我代表政府报告工作。\n请予审议。"},
		{"html link-only lines", "<html><body><div class=\"left\"><ul><li><a href=\"/a\">政府工作报告</a></li><li><a href=\"/b\">政府公报</a></li></ul></div><div class=\"content\"><p>各位代表：</p><p>现在，我代表政府<a href=\"/c\">报告工作</a>。</p><p>附件：<a href=\"/d.pdf\">名词解释.pdf</a></p></div></body></html>",
			"各位代表：\n现在，我代表政府报告工作。\n附件：名词解释.pdf"},
		{"line ending on a particle", "今年经济社会发展的\n主要预期目标\n是：地区生产总值增长5%。", "今年经济社会发展的主要预期目标是：地区生产总值增长5%。"},
		{"line ending on a comma before a heading kept apart", "坚持稳中求进，\n一、过去一年工作回顾", "坚持稳中求进，\n一、过去一年工作回顾"},
		{"not a crawler header below the top", "各位代表：\n来源：统计部门数据显示，全年粮食产量稳定。", "各位代表：\n来源：统计部门数据显示，全年粮食产量稳定。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustNormalize(t, []byte(tt.in))
			if got.Body != tt.want {
				t.Errorf("Body =\n%q\nwant\n%q", got.Body, tt.want)
			}
		})
	}
}

func TestNormalizeErrors(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rnd.UintN(256))
		}
		return b
	}
	tests := []struct {
		name   string
		in     []byte
		code   string
		reason string
	}{
		{"empty", nil, kg.EINVALID, "empty file"},
		{"whitespace only", []byte(" \r\n\t\u3000\n\u00a0 "), kg.EINVALID, "empty file"},
		{"utf-16 BOM and spaces", toUTF16("  \n \u3000", false, true), kg.EINVALID, "empty file"},
		{"png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random(4096)...), kg.EINVALID, "binary data, not text"},
		{"random bytes", random(8192), kg.EINVALID, "binary data, not text"},
		{"nul-heavy", bytes.Repeat([]byte("各位代表\x00\x00\x00\x00\x00"), 500), kg.EINVALID, "binary data, not text"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), kg.EINVALID, "pdf documents are not supported"},
		{"legacy doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random(512)...), kg.EINVALID, "legacy word (.doc) documents are not supported"},
		{"markup only", []byte("<!DOCTYPE html><html><head><title>首页</title><script>var a=1;</script></head><body><nav><a>首页</a></nav><div class=\"footer\">版权所有</div></body></html>"), kg.EINVALID, "no text after removing markup"},
		{"chrome only", []byte("首页 > 新闻中心\n打印 关闭\nCopyright © 2024 版权所有\n"), kg.EINVALID, "no text after removing site chrome"},
		{"zip without document", zipOf(t, map[string]string{"a.txt": "各位代表"}), kg.EINVALID, "zip archive is not a docx document"},
		{"corrupt zip", []byte("PK\x03\x04garbage"), kg.EINVALID, "corrupt zip archive"},
		{"docx with broken xml", zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), kg.EINVALID, "corrupt docx document"},
		{"docx bomb header", docxClaimingSize(t, 1<<40), kg.ETOOLARGE, "docx document larger than 8 MiB"},
		{"docx bomb", docxBomb(t, 64<<20), kg.ETOOLARGE, "docx document larger than 8 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := loader.Normalize(tt.in)
			if err == nil {
				t.Fatalf("no error; body starts %q", txt.Body[:min(len(txt.Body), 80)])
			}
			if kg.ErrorCode(err) != tt.code || kg.ErrorMessage(err) != tt.reason {
				t.Errorf("error = %v, want %s: %s", err, tt.code, tt.reason)
			}
		})
	}
}

func zipOf(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// docxBomb is a docx whose document.xml inflates to size bytes of
// one letter, about 1000:1 (deflate's most), its header saying so honestly (one
// that understates it fails the zip reader's own size check).
func docxBomb(tb testing.TB, size int) []byte {
	tb.Helper()
	xml := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` +
		strings.Repeat("a", size) + "</w:t></w:r></w:p></w:body></w:document>"
	return zipOf(tb, map[string]string{"word/document.xml": xml})
}

// docxClaimingSize is a zip whose document.xml header announces size bytes:
// the size check must refuse it before inflating anything.
func docxClaimingSize(tb testing.TB, size uint64) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: size})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Write([]byte("<a>")); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// fuzzSeeds are the fixtures and samples, the best starting points for
// mutations that reach every container and encoding path.
func fuzzSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	err = fs.WalkDir(data.Reports(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Reports(), path)
		seeds = append(seeds, b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return seeds
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		// Head and tail of each file (header, footer chrome) keep every
		// execution fast; whole archives, since a cut zip is just corrupt.
		if len(s) > 6<<10 && !bytes.HasPrefix(s, []byte("PK")) {
			s = append(append([]byte(nil), s[:4<<10]...), s[len(s)-2<<10:]...)
		}
		f.Add(s)
	}
	f.Add([]byte("政 府 工 作 报 告\nPM\n2.5,(一)\"三北\""))
	f.Add([]byte("<p>各位代表：<br>现在</p>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		txt, err := loader.Normalize(raw)
		if err != nil {
			if c := kg.ErrorCode(err); c != kg.EINVALID && c != kg.ETOOLARGE {
				t.Fatalf("error code %q: %v", c, err)
			}
			return
		}
		if !utf8.ValidString(txt.Body) {
			t.Fatal("body is not valid UTF-8")
		}
		for _, l := range strings.Split(txt.Body, "\n") {
			if l == "" || strings.TrimSpace(l) != l || strings.ContainsFunc(l, isControl) {
				t.Fatalf("unclean line %q", l)
			}
		}
		for k, v := range txt.Meta {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Fatal("meta is not valid UTF-8")
			}
		}
		switch txt.Format {
		case "text", "html", "docx":
		default:
			t.Fatalf("format %q", txt.Format)
		}
	})
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// BenchmarkNormalize measures the five bundled samples concatenated (mixed
// text and page markup) and the HTML and GB18030 variants alone.
func BenchmarkNormalize(b *testing.B) {
	var corpus []byte
	err := fs.WalkDir(data.Reports(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		s, err := fs.ReadFile(data.Reports(), path)
		corpus = append(append(corpus, s...), '\n')
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		raw  []byte
	}{{"corpus", corpus}}
	for _, f := range []string{"naiman.page.html", "naiman.gb18030.txt", "naiman.print.txt", "naiman.docx"} {
		raw, err := os.ReadFile(filepath.Join(fixtureDir, f))
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, struct {
			name string
			raw  []byte
		}{f, raw})
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.raw)))
			b.ReportAllocs()
			cpu := loader.ProcessCPU()
			for b.Loop() {
				if _, err := loader.Normalize(in.raw); err != nil {
					b.Fatal(err)
				}
			}
			if used := loader.ProcessCPU() - cpu; used > 0 {
				b.ReportMetric(float64(len(in.raw))*float64(b.N)/used.Seconds()/1e6, "cpuMB/s")
			}
		})
	}
}
