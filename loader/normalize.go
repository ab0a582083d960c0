package loader

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// Text is a report's text after decoding and cleaning, the input of structure parsing.
type Text struct {
	Body     string            // normalised UTF-8 text, one paragraph per line ("\n"), no empty lines at start/end
	Lines    []string          // Body's lines, as Normalize made them: Parse reads these rather than splitting Body again
	Meta     map[string]string // metadata found around the text: "title", "publisher", "url", "published" (crawler headers 标题：/发文单位：/来源URL：/发布时间：, HTML <title>)
	Format   string            // "text", "html" or "docx"
	Encoding string            // "utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be"
}

// Formats reported in Text.Format.
const (
	FormatText = "text"
	FormatHTML = "html"
	FormatDOCX = "docx"
)

// binaryMagics are file signatures of formats that are not report text.
var binaryMagics = []struct {
	magic  []byte
	reason string
}{
	{[]byte("%PDF-"), "pdf documents are not supported"},
	{[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "legacy word (.doc) documents are not supported"},
	{[]byte("\x89PNG\r\n\x1a\n"), "binary data, not text"},
	{[]byte("GIF8"), "binary data, not text"},
	{[]byte{0xFF, 0xD8, 0xFF}, "binary data, not text"},
	{[]byte{0x1F, 0x8B}, "binary data, not text"},
	{[]byte("7z\xBC\xAF\x27\x1C"), "binary data, not text"},
	{[]byte("Rar!"), "binary data, not text"},
	{[]byte("\x7fELF"), "binary data, not text"},
}

// Normalize decodes a report file of any supported container and encoding
// and cleans it into one paragraph per line. Errors are *kg.Error with code
// EINVALID (or ETOOLARGE) and a short reason fit for "skip <file>: <reason>".
func Normalize(raw []byte) (Text, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return Text{}, kg.Errorf(kg.EINVALID, "empty file")
	}
	t := Text{Meta: map[string]string{}, Format: FormatText}
	s, err := t.decode(raw)
	if err != nil {
		return Text{}, err
	}
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		if t.Format == FormatText {
			return Text{}, kg.Errorf(kg.EINVALID, "empty file")
		}
		return Text{}, kg.Errorf(kg.EINVALID, "no text after removing markup")
	}
	lines := cleanLines(s)
	lines = takeCrawlerHeaders(lines, t.Meta)
	lines = dropChrome(lines, t.Meta)
	paras := joinBrokenLines(lines)
	if len(paras) == 0 {
		if t.Format == FormatText {
			return Text{}, kg.Errorf(kg.EINVALID, "no text after removing site chrome")
		}
		return Text{}, kg.Errorf(kg.EINVALID, "no text after removing markup")
	}
	t.Body, t.Lines = strings.Join(paras, "\n"), paras
	return t, nil
}

// decode picks the container by content, never by file name, and returns
// its text as UTF-8 with markup removed.
func (t *Text) decode(raw []byte) (string, error) {
	if bytes.HasPrefix(raw, zipMagic) {
		t.Format, t.Encoding = FormatDOCX, encUTF8
		s, err := docxToText(raw)
		if err != nil {
			return "", err
		}
		s, _, err = cleanControls(s, encUTF8)
		return s, err
	}
	for _, m := range binaryMagics {
		if bytes.HasPrefix(raw, m.magic) {
			return "", kg.Errorf(kg.EINVALID, "%s", m.reason)
		}
	}
	s, enc, err := decodeText(raw)
	if err != nil {
		return "", err
	}
	t.Encoding = enc
	if looksLikeHTML(s) {
		t.Format = FormatHTML
		s = htmlToText(s, t.Meta)
		// Entities can smuggle control characters past the decoder's check.
		s, _, err = cleanControls(s, enc)
		return s, err
	}
	if stripped := stripStrayMarkup(s); stripped != s {
		s, _, err = cleanControls(stripped, enc)
	}
	return s, err
}

// srcLine is a cleaned line and whether its source was indented, the
// paragraph mark of text copied from PDF or print layouts.
type srcLine struct {
	text   string
	indent bool
	cols   int // runes of the source line, indentation included
}

// cleanLines splits the text into cleaned, non-empty lines.
func cleanLines(s string) []srcLine {
	var out []srcLine
	for len(s) > 0 {
		l := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if c := cleanLine(l); c != "" {
			cols := runeCount(strings.TrimRightFunc(l, unicode.IsSpace))
			out = append(out, srcLine{text: c, indent: isIndented(l), cols: cols})
		}
	}
	return out
}

// isIndented: the line starts with two spaces, a tab or an ideographic space.
func isIndented(l string) bool {
	return strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\u3000") ||
		strings.HasPrefix(l, "\u00a0\u00a0") || strings.HasPrefix(l, " \u3000")
}

// cleanLine normalises one line: spaces, full-width letters and digits,
// letter-spaced titles, punctuation next to Chinese text.
func cleanLine(l string) string {
	// Paragraphs are indented (　　…) and spaces at either end are
	// dropped anyway: a line clean once trimmed needs no rune slice.
	if t := strings.TrimFunc(l, unicode.IsSpace); isCleanLine(t) {
		return t
	}
	rs := mapRunes(l)
	if len(rs) == 0 {
		return ""
	}
	rs = joinLetterSpacing(rs)
	rs = unifyPunctuation(rs)
	return string(rs)
}

// isCleanLine reports a line cleanLine would return unchanged: no spaces,
// no half-width punctuation, quotes or brackets, no full-width letters or
// digits, no zero-width characters. Most lines of a clean report are, and
// skipping the rune slices for them halves normalisation time.
func isCleanLine(l string) bool {
	if l == "" {
		return true
	}
	// Bytes, not runes: every rune that disqualifies a line starts with
	// C2, E1, E2, E3 or EF, so only those are decoded; a table lookup per
	// byte decides.
	for i := 0; i < len(l); i++ {
		switch cleanLineBytes[l[i]] {
		case byteDirty:
			return false
		case byteDecode:
			if r, _ := utf8.DecodeRuneInString(l[i:]); unicode.IsSpace(r) || r >= '０' && r <= '９' ||
				r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' || r == '％' || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF {
				return false
			}
		}
	}
	return true
}

const (
	byteClean  = iota // cannot start a rune cleanLine changes
	byteDirty         // an ASCII space, control or half-width punctuation
	byteDecode        // a lead byte of runes some of which cleanLine changes
)

// cleanLineBytes classes each byte for isCleanLine; read-only after init.
var cleanLineBytes = func() (t [256]uint8) {
	for c := 0; c <= ' '; c++ {
		t[c] = byteDirty
	}
	for _, c := range []byte(",:;!?()\"") {
		t[c] = byteDirty
	}
	for _, c := range []byte{0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[c] = byteDecode
	}
	return t
}()

// mapRunes collapses every run of spaces (U+3000, NBSP, tabs...) to one ASCII
// space, trims the ends, drops zero-width characters and folds full-width
// ASCII letters, digits and % to their ASCII form, so later patterns see one
// spelling of 2024年 and 8%.
func mapRunes(l string) []rune {
	rs := make([]rune, 0, runeCount(l)) // len(l) would be three times too many for Chinese
	space := false
	for _, r := range l {
		switch {
		case unicode.IsSpace(r):
			space = len(rs) > 0
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '％':
			r -= 0xFEE0
		}
		if space {
			rs = append(rs, ' ')
			space = false
		}
		rs = append(rs, r)
	}
	return rs
}

// joinLetterSpacing removes the spaces of letter-spaced Chinese text
// (政 府 工 作 报 告, names set with U+3000): a run of three or more
// single-Han tokens, or a line made only of single-Han tokens, is one word.
// Spaces between longer tokens (自治区主席 王莉霞) are kept.
func joinLetterSpacing(rs []rune) []rune {
	if !containsRune(rs, ' ') {
		return rs
	}
	type token struct{ start, end int }
	var toks []token
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == ' ' {
			toks = append(toks, token{start, i})
			start = i + 1
		}
	}
	single := func(t token) bool { return t.end-t.start == 1 && unicode.Is(unicode.Han, rs[t.start]) }
	joinAfter := make([]bool, len(toks)) // drop the space after token i
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && single(toks[j]) {
			j++
		}
		if n := j - i; n >= 3 || (n >= 2 && n == len(toks)) {
			for k := i; k < j-1; k++ {
				joinAfter[k] = true
			}
		}
		i = max(j, i+1)
	}
	out := make([]rune, 0, len(rs))
	for i, t := range toks {
		out = append(out, rs[t.start:t.end]...)
		if i < len(toks)-1 && !joinAfter[i] {
			out = append(out, ' ')
		}
	}
	return out
}

// halfToFull is the punctuation unified to its full-width form in Chinese
// context.
var halfToFull = map[rune]rune{',': '，', ':': '：', ';': '；', '!': '！', '?': '？'}

// unifyPunctuation rewrites half-width punctuation next to Chinese text to
// its full-width form, so structure patterns see one form: (一) → （一）,
// 代表: → 代表：. ASCII stays inside numbers and Latin (1,000, 16:24, f(x),
// http://). Spaces around full-width punctuation are removed.
func unifyPunctuation(rs []rune) []rune {
	pairBrackets(rs, '(', ')', '（', '）')
	pairQuotes(rs)
	cjk := containsCJK(rs)
	for i, r := range rs {
		full, ok := halfToFull[r]
		if !ok {
			continue
		}
		p, n := neighbour(rs, i, -1), neighbour(rs, i, +1)
		if isASCIIDigit(p) && isASCIIDigit(n) {
			continue
		}
		// At the end of a Chinese line (增长5%!) the mark closes a Chinese
		// sentence even after a number.
		if isCJK(p) || isCJK(n) || (n == 0 && !isASCIILetter(p) && cjk) {
			rs[i] = full
		}
	}
	return dropSpacesAroundFullPunct(rs)
}

// pairBrackets converts matched ASCII brackets whose content or outside
// neighbours are Chinese; unmatched ones follow their neighbours.
func pairBrackets(rs []rune, open, closing, fullOpen, fullClose rune) {
	var stack []int
	for i, r := range rs {
		switch r {
		case open:
			stack = append(stack, i)
		case closing:
			if len(stack) == 0 {
				if isCJK(neighbour(rs, i, -1)) || isCJK(neighbour(rs, i, +1)) {
					rs[i] = fullClose
				}
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if containsCJK(rs[o+1:i]) || isCJK(neighbour(rs, o, -1)) || isCJK(neighbour(rs, i, +1)) {
				rs[o], rs[i] = fullOpen, fullClose
			}
		}
	}
	for _, o := range stack {
		if isCJK(neighbour(rs, o, -1)) || isCJK(neighbour(rs, o, +1)) {
			rs[o] = fullOpen
		}
	}
}

// pairQuotes turns straight double quotes around Chinese text into “ ”,
// the form named-entity patterns look for.
func pairQuotes(rs []rune) {
	o := -1
	for i, r := range rs {
		if r != '"' {
			continue
		}
		if o < 0 {
			o = i
			continue
		}
		if containsCJK(rs[o+1:i]) || isCJK(neighbour(rs, o, -1)) || isCJK(neighbour(rs, i, +1)) {
			rs[o], rs[i] = '“', '”'
		}
		o = -1
	}
}

func dropSpacesAroundFullPunct(rs []rune) []rune {
	if !containsRune(rs, ' ') {
		return rs
	}
	out := rs[:0]
	for i, r := range rs {
		if r == ' ' && (isFullPunct(neighbour(rs, i, -1)) || isFullPunct(neighbour(rs, i, +1))) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// neighbour returns the nearest non-space rune before (dir -1) or after
// (dir +1) index i, or 0.
func neighbour(rs []rune, i, dir int) rune {
	for j := i + dir; j >= 0 && j < len(rs); j += dir {
		if rs[j] != ' ' {
			return rs[j]
		}
	}
	return 0
}

// isFullPunct: full-width sentence punctuation, which takes no spaces
// around it in Chinese typesetting.
func isFullPunct(r rune) bool {
	switch r {
	case '，', '。', '、', '：', '；', '！', '？':
		return true
	}
	return false
}

// isCJK reports Han characters and the punctuation of Chinese text.
func isCJK(r rune) bool {
	switch {
	case r < 0x2000:
		return false
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2E80 && r <= 0x2FDF:
		return true
	}
	switch r {
	case '“', '”', '‘', '’', '—', '…', '《', '》':
		return true
	}
	return false
}

func containsCJK(rs []rune) bool {
	for _, r := range rs {
		if isCJK(r) {
			return true
		}
	}
	return false
}

func containsRune(rs []rune, x rune) bool {
	for _, r := range rs {
		if r == x {
			return true
		}
	}
	return false
}

func isASCIIDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// crawlerHeaderRe matches the key lines crawlers write above a page's text.
var crawlerHeaderRe = regexp.MustCompile(`^(标题|题目|文章标题|发文单位|发文机关|发布单位|发布机构|来源单位|来源URL|来源网址|来源链接|来源|原文链接|原文网址|网址|链接|URL|url|发布时间|发布日期|成文日期|日期|正文)\s*[：:]\s*(.*)$`)

var crawlerMetaKeys = map[string]string{
	"标题": "title", "题目": "title", "文章标题": "title",
	"发文单位": "publisher", "发文机关": "publisher", "发布单位": "publisher", "发布机构": "publisher", "来源单位": "publisher",
	"来源URL": "url", "来源网址": "url", "来源链接": "url", "原文链接": "url", "原文网址": "url", "网址": "url", "链接": "url", "URL": "url", "url": "url",
	"发布时间": "published", "发布日期": "published", "成文日期": "published", "日期": "published",
}

// maxCrawlerHeader bounds how far down a crawler header block may reach.
const maxCrawlerHeader = 20

// takeCrawlerHeaders moves a leading block of crawler key lines (标题：…,
// 来源URL：…, 正文：) into meta. Only a block starting on the first line
// counts, so a report sentence starting with 来源： is never taken.
func takeCrawlerHeaders(lines []srcLine, meta map[string]string) []srcLine {
	i := 0
	for ; i < len(lines) && i < maxCrawlerHeader; i++ {
		m := crawlerHeaderRe.FindStringSubmatch(lines[i].text)
		if m == nil {
			break
		}
		key, val := m[1], strings.TrimSpace(m[2])
		if key == "正文" {
			if val != "" {
				lines[i].text = val
				return lines[i:]
			}
			return lines[i+1:]
		}
		if key == "来源" {
			key = "来源单位"
			if chromeURLRe.MatchString(val) {
				key = "URL"
			}
		}
		if val != "" {
			meta[crawlerMetaKeys[key]] = val
		}
	}
	return lines[i:]
}

// headingStartRe matches the starts of lines that open a new paragraph:
// numbered headings and list items, dash subtitles, 附件, 各位代表.
var headingStartRe = regexp.MustCompile(`^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[、．）)]|\.(?:\D|$))|\d{1,3} |[①-⑳]|第[一二三四五六七八九十百\d]+[章节部分条]|[一二三四五六七八九十]是|——|附件|附表|各位|[•·*])`)

// sentenceEnd is the punctuation after which a line is complete.
const sentenceEnd = "。！？：；…”’」』）)》!?;:."

// lineStartNever are characters no line starts with: a line starting with
// one continues the previous line.
const lineStartNever = "，。、；：？！）》」』”’%"

// lineEndNever are characters no sentence, heading or address ends with: a
// line ending with one continues on the next.
const lineEndNever = "的，、（《“‘"

// joinBrokenLines rejoins lines broken inside a sentence. Breaks are certain
// when the next line starts with closing punctuation or splits a token
// (PM / 2.5); otherwise a break is trusted only after a long line that ends
// mid-sentence, and not before a heading or an address line. In text
// hard-wrapped at a fixed width (PDF copies) most long lines end mid-sentence,
// and every unterminated line of ordinary length is joined.
func joinBrokenLines(lines []srcLine) []string {
	if len(lines) == 0 {
		return nil
	}
	w := measureWrap(lines)
	out := make([]string, 0, len(lines))
	var para strings.Builder
	first, last := lines[0], lines[0]
	para.WriteString(first.text)
	for _, l := range lines[1:] {
		if sep, ok := w.continuation(first.text, last, l); ok {
			para.WriteString(sep)
			para.WriteString(l.text)
			last = l
			continue
		}
		out = append(out, para.String())
		para.Reset()
		para.WriteString(l.text)
		first, last = l, l
	}
	return append(out, para.String())
}

// wrapping describes how the text was laid out. hard: wrapped at a fixed
// width (PDF and print copies): at least half of the lines of ten runes or
// more end mid-sentence. width: the most common line length then; indented:
// paragraphs are marked by indentation, which decides breaks on its own.
type wrapping struct {
	hard     bool
	width    int
	indented bool
}

func measureWrap(lines []srcLine) wrapping {
	var long, open, indented int
	lengths := map[int]int{}
	for _, l := range lines {
		n := l.cols
		if l.indent {
			indented++
		}
		if n < 10 {
			continue
		}
		long++
		lengths[n]++
		end, _ := utf8.DecodeLastRuneInString(l.text)
		if !strings.ContainsRune(sentenceEnd, end) {
			open++
		}
	}
	w := wrapping{hard: open >= 5 && open*2 >= long}
	if !w.hard {
		return w
	}
	for n, c := range lengths {
		if c > lengths[w.width] || (c == lengths[w.width] && n > w.width) {
			w.width = n
		}
	}
	// Indentation marks paragraphs only when some lines are not indented.
	w.indented = indented >= 3 && indented*50 >= len(lines) && indented < len(lines)
	return w
}

func (w wrapping) continuation(first string, lastLine, l srcLine) (string, bool) {
	cur, last := l.text, lastLine.text
	if w.hard && w.indented {
		// Print layout: an indented line opens a paragraph, a full line
		// continues into the next one whatever its last character.
		if l.indent {
			return "", false
		}
		if lastLine.cols >= w.width-1 {
			return joinSeparator(last, cur), true
		}
	}
	end, _ := utf8.DecodeLastRuneInString(last)
	start, _ := utf8.DecodeRuneInString(cur)
	if continuesLine(cur) {
		return "", true
	}
	if (strings.ContainsRune(lineEndNever, end) || strings.HasPrefix(cur, "是：") || strings.HasPrefix(cur, "为：")) &&
		!headingStartRe.MatchString(cur) {
		// Web copies break lines at inline markup (…今年经济社会发展的 /
		// 主要预期目标 / 是：…): a line ending on a particle or a comma,
		// or a line opening with 是：, is inside a sentence whatever its length.
		return joinSeparator(last, cur), true
	}
	if isASCIIDigit(start) && endsWithSymbol(last) {
		return "", true
	}
	if strings.ContainsRune(sentenceEnd, end) || headingStartRe.MatchString(cur) || isAddressLine(cur) ||
		strings.HasSuffix(last, "会议上") {
		return "", false
	}
	n := utf8.RuneCountInString(last)
	if w.hard {
		// A line well short of the wrap width ended where its author
		// ended it: a heading (二、2024年主要目标和重点任务) or a
		// paragraph's last line.
		if n < 15 || lastLine.cols*3 < w.width*2 {
			return "", false
		}
	} else if n < 40 || headingStartRe.MatchString(first) {
		return "", false
	}
	return joinSeparator(last, cur), true
}

// joinSeparator is a space between two Latin words, nothing in Chinese or
// inside a number.
func joinSeparator(last, cur string) string {
	end, _ := utf8.DecodeLastRuneInString(last)
	start, _ := utf8.DecodeRuneInString(cur)
	if isASCIILetter(end) && isASCIILetter(start) {
		return " "
	}
	return ""
}

// continuesLine reports a line that cannot start a paragraph: it starts
// with closing punctuation, or with the decimal part of a split number (.5%).
func continuesLine(l string) bool {
	start, _ := utf8.DecodeRuneInString(l)
	return strings.ContainsRune(lineStartNever, start) ||
		(start == '.' && len(l) > 1 && isASCIIDigit(rune(l[1])))
}

// endsWithSymbol reports a line ending in a short upper-case Latin token
// (PM, CO, SO, NOx) right after non-Latin text: a chemical or unit symbol
// whose subscript went to the next line.
func endsWithSymbol(l string) bool {
	i := len(l)
	upper := false
	for i > 0 && isASCIILetter(rune(l[i-1])) {
		if l[i-1] >= 'A' && l[i-1] <= 'Z' {
			upper = true
		}
		i--
	}
	letters := len(l) - i
	if letters == 0 || letters > 4 || !upper {
		return false
	}
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(l[:i])
	return !isASCIIDigit(r) && r != ' '
}

// isAddressLine: 各位代表：, 同志们！ — short lines that open the speech.
func isAddressLine(l string) bool {
	end, _ := utf8.DecodeLastRuneInString(l)
	return (end == '：' || end == '！' || end == ':') && utf8.RuneCountInString(l) <= 20
}
