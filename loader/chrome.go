package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Site chrome is recognised by generic patterns of Chinese government and
// news sites, never by the wording of one site. Patterns are anchored at the
// start of short lines, so a report sentence that merely mentions 来源 or
// 打印 is never dropped; the few patterns that may match anywhere are phrases
// no report uses (公网安备, 版权所有, 本文仅代表作者观点).

// chromeNavWords are link and button labels of page toolbars; a line made
// only of them (and separators) is navigation.
var chromeNavWords = map[string]bool{
	"首页": true, "网站首页": true, "返回首页": true, "导航": true, "导航菜单": true, "菜单": true,
	"打印": true, "打印本页": true, "打印此页": true, "打印文章": true, "保存": true, "关闭": true,
	"关闭窗口": true, "关闭本页": true, "收藏": true, "分享": true, "分享到": true, "字号": true,
	"字体": true, "大": true, "中": true, "小": true, "大中小": true, "大中": true, "中小": true, "默认": true, "扫一扫": true, "返回顶部": true, "顶部": true,
	"无障碍": true, "长者模式": true, "关怀版": true, "繁体": true, "简体": true, "繁體": true,
	"登录": true, "注册": true, "搜索": true, "English": true, "微信": true, "微博": true,
	"纠错": true, "我要纠错": true, "下载": true, "附件下载": true, "视力保护色": true,
	"A": true, "A+": true, "A-": true, "T": true, "T+": true, "T-": true, "手机版": true,
	"在手机上打开": true, "分享至": true, "复制链接": true, "QQ空间": true, "QQ": true,
	// Main menu entries of government portals. 政府工作报告 is deliberately
	// absent: alone on a line it is the report's title.
	"政务公开": true, "政府信息公开": true, "信息公开": true, "政务服务": true, "办事服务": true,
	"网上办事": true, "互动交流": true, "政民互动": true, "公众参与": true, "新闻中心": true,
	"新闻动态": true, "要闻动态": true, "政策文件": true, "政策解读": true, "数据发布": true,
	"专题专栏": true, "领导信息": true, "机构职能": true, "规划计划": true,
}

// chromeSeparators split toolbar labels.
func isChromeSeparator(r rune) bool {
	switch r {
	case '|', '｜', '/', '【', '】', '[', ']', '>', '＞', '›', '»', '：', ':', '·', '•', '丨', '-', '—', '（', '）', '(', ')':
		return true
	}
	return unicode.IsSpace(r)
}

// Word lists of the anchored patterns. The patterns are built from them, and
// so is chromeFirstRunes, the prefilter that lets almost every line skip the
// regular expressions.
var (
	chromeBreadcrumbStarts = []string{"您", "当前", "现在", "首页", "网站首页", "位置"}
	// Article info bar labels: 发布时间：… 作者：… 来源：…
	chromeInfoWords = []string{"发布时间", "发布日期", "更新时间", "时间", "日期", "来源", "信息来源", "文章来源", "作者", "编辑", "责任编辑", "编审", "浏览次数", "点击数", "阅读次数", "访问量", "浏览量", "字体", "字号",
		// Attribute table of 政府信息公开 pages.
		"索引号", "发文字号", "文号", "主题分类", "体裁分类", "组配分类", "服务对象", "生成日期", "成文日期", "发布机构", "公开方式", "公开范围", "公开时限", "有效性", "信息分类"}
	// Footer labels, chrome with or without a colon.
	chromeFooterWords = []string{"转载声明", "版权声明", "免责声明", "法律声明", "隐私声明", "主办单位", "承办单位", "协办单位", "主管单位", "技术支持", "运行维护", "运维单位", "网站标识码", "政府网站标识码", "网站地图", "联系我们", "关于我们", "违法和不良信息举报", "不良信息举报", "举报电话", "本文地址", "原文地址", "原文链接", "本文链接", "文章链接", "留言与评论", "网友评论", "发表评论", "验证码", "上一篇", "下一篇", "Copyright", "COPYRIGHT", "copyright", "版权所有"}
	// Footer labels that are chrome only as a label (followed by a colon).
	chromeFooterColonWords = []string{"主办", "承办", "协办", "邮箱", "电子邮箱", "E-mail", "Email", "联系电话", "联系方式", "电话", "传真", "地址", "邮编", "评论"}
	// Site accounts at the end of a short line: 某某市人民政府官方微信.
	chromeAccountSuffixes = []string{"官方微信", "官方微博", "微信公众号", "公众号", "客户端", "手机版", "移动版", "APP下载", "App下载", "二维码"}
	// Headings of trailing related-link sections.
	chromeTailWords = []string{"相关报道", "相关阅读", "相关新闻", "相关链接", "相关文章", "相关文件", "相关稿件", "推荐阅读", "延伸阅读", "热点推荐", "热门推荐", "猜你喜欢", "精彩推荐", "更多阅读", "网友评论", "留言与评论"}
)

var (
	// Breadcrumbs: 首页>公开>规划计划, 当前位置：首页 > 政务公开.
	chromeBreadcrumbRe = regexp.MustCompile(`^(?:(?:您?(?:当前|现在)?(?:的|所在)?位置[：:]?\s*)?(?:网站)?首页\s*[>＞›»/]|您?(?:当前|现在)(?:的|所在)?位置[：:])`)
	chromeInfoRe       = regexp.MustCompile(`^(?:` + strings.Join(chromeInfoWords, "|") + `)\s*[：:]`)
	chromeFooterRe     = regexp.MustCompile(`^(?:(?:` + strings.Join(chromeFooterWords, "|") + `)|(?:` + strings.Join(chromeFooterColonWords, "|") + `)(?:[：:]|$))`)
	// Phrases no report text contains, wherever they stand in a line.
	chromeAnywhereRe = regexp.MustCompile(`ICP\s*[备证]|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP|公网安备|网站标识码|版权所有|(?i:copyright)|©|All Rights Reserved|本文仅代表作者观点|不代表本站(?:立场|观点)|未经(?:许可|授权)[，,]?(?:不得|禁止)转载|转载请注明出处|建议使用.{0,30}(?:浏览器|分辨率)|分辨率.{0,10}浏览|扫一扫.{0,10}(?:手机|分享|关注)`)
	// Trailing sections of related links: everything from here on is site text.
	chromeTailRe = regexp.MustCompile(`^[【\[]?(?:` + strings.Join(chromeTailWords, "|") + `)[】\]]?[：:]?`)
	chromeURLRe  = regexp.MustCompile(`^(?:(?:https?|ftp)://|www\.)\S*$`)

	chromeFirstRunes = leadRunes(chromeBreadcrumbStarts, chromeInfoWords, chromeFooterWords, chromeFooterColonWords, []string{"http", "ftp", "www"})
)

func leadRunes(lists ...[]string) map[rune]bool {
	m := map[rune]bool{}
	for _, l := range lists {
		for _, w := range l {
			r, _ := utf8.DecodeRuneInString(w)
			m[r] = true
		}
	}
	return m
}

// chromeShortLine is the longest line (in runes) treated as a possible
// toolbar, info bar, footer or account line. Report paragraphs are longer;
// report headings are short but never start with these labels.
const chromeShortLine = 120

// dropChrome removes site chrome lines. It may record the page's publishing
// date found in an info bar into meta["published"] when nothing set it.
func dropChrome(lines []srcLine, meta map[string]string) []srcLine {
	out := lines[:0]
	for i, sl := range lines {
		l := sl.text
		if i >= len(lines)/2 && len(l) <= 4*20 && utf8.RuneCountInString(l) <= 20 && chromeTailRe.MatchString(l) {
			break
		}
		if isChromeLine(l) {
			recordInfoBar(l, meta)
			continue
		}
		out = append(out, sl)
	}
	return out
}

func isChromeLine(l string) bool {
	// Chrome is short: a line of more than 400 runes, known from its bytes
	// without counting them, can only be debris (and debris has no Han).
	if len(l) > 400*utf8.UTFMax {
		return isDebrisLine(l, 401)
	}
	n := runeCount(l)
	if n <= chromeShortLine {
		if isNavLine(l) {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(l); chromeFirstRunes[r] &&
			(chromeBreadcrumbRe.MatchString(l) || isInfoBar(l) || chromeFooterRe.MatchString(l) || chromeURLRe.MatchString(l)) {
			return true
		}
		if n <= 30 && endsWithAny(l, chromeAccountSuffixes) {
			return true
		}
	}
	if n <= 400 && hasAnywhereKeyword(l) && chromeAnywhereRe.MatchString(l) {
		return true
	}
	return isDebrisLine(l, n)
}

// chromeAnywhereKeywords hold a literal of every chromeAnywhereRe branch:
// a cheap prefilter, since unanchored patterns with bounded repetition are
// the costliest step of normalisation otherwise.
var chromeAnywhereKeywords = []string{"ICP", "公网安备", "网站标识码", "版权所有", "opyright", "OPYRIGHT", "©", "Rights Reserved", "本文仅代表", "不代表本站", "转载", "浏览器", "分辨率", "扫一扫"}

func hasAnywhereKeyword(l string) bool {
	return chromeAnywhereSet.in(l)
}

var chromeAnywhereSet = newWordSet(chromeAnywhereKeywords)

// isInfoBar: an article info line (发布时间：… 来源：…). Values of info
// bars are names and dates; a line with sentence punctuation after the label
// is report text that happens to start with such a word.
func isInfoBar(l string) bool {
	loc := chromeInfoRe.FindStringIndex(l)
	return loc != nil && !strings.ContainsAny(l[loc[1]:], "，。；！？")
}

// isNavLine: every token of the line is a toolbar label.
func isNavLine(l string) bool {
	found := false
	for _, tok := range strings.FieldsFunc(l, isChromeSeparator) {
		if !chromeNavWords[tok] {
			return false
		}
		found = true
	}
	return found
}

// isDebrisLine catches what remains of markup and widgets: lines of only
// punctuation and symbols, and very short lines without any Han character
// (list bullets "1.", "•", "A+").
func isDebrisLine(l string, n int) bool {
	// Continuations of a wrapped line: ".5%", "0%。".
	if end, _ := utf8.DecodeLastRuneInString(l); continuesLine(l) || strings.ContainsRune("。！？；，、：”）", end) {
		return false
	}
	letters := 0
	for _, r := range l {
		if unicode.Is(unicode.Han, r) {
			return false
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	return letters == 0 || n <= 6
}

var chromeDateRe = regexp.MustCompile(`(?:发布时间|发布日期|日期|时间)\s*[：:]\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)`)

func recordInfoBar(l string, meta map[string]string) {
	if meta["published"] != "" {
		return
	}
	if m := chromeDateRe.FindStringSubmatch(l); m != nil {
		meta["published"] = m[1]
	}
}

func endsWithAny(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
