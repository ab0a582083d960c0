package loader

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document is the structure of one report: like a goldmark AST, every node
// points back into the normalised text by rune offset, so evidence can always
// be located in the source.
type Document struct {
	Body        string
	Meta        map[string]string
	Title       string
	Year        int    // the year the report plans for; 0 when undecidable
	DeliveredOn string // ISO date when the text states one
	Header      []Line // lines before the body (title, meeting line, speaker)
	Addressed   bool   // the body opens with an address (各位代表：)
	Parts       []Part
	Paragraphs  []Paragraph // every body paragraph, appendices excluded
	Glossary    []GlossaryEntry
	Appendices  []Appendix
}

// Line is one non-empty line of the body, trimmed, with the rune offset of
// its first character and its byte offset in Document.Body.
type Line struct {
	Text   string
	Offset int
	Byte   int
}

// Part is a top-level part of the report (一、…).
type Part struct {
	Heading Line
	Kind    PartKind
	Areas   []Area
}

// PartKind tells what a part of the report does.
type PartKind int

const (
	PartOther  PartKind = iota
	PartReview          // 2023年工作回顾
	PartPlan            // 2024年重点工作
)

// Area is a task area of the plan part (（一）…).
type Area struct {
	Heading Line   // the heading sentence (up to its first 。)
	Name    string // readable name: the heading's leading phrase
}

// Paragraph is one body line with its place in the structure.
type Paragraph struct {
	Line
	Part    int // index into Document.Parts, -1 before the first part
	Area    int // index into the part's Areas, -1 outside task areas
	Heading bool
	// Sentences split the line at 。！？!?, each trimmed, with its offset;
	// split once here because every extraction pass reads sentences.
	Sentences []Line
}

// GlossaryEntry is one term of the 名词解释 section.
type GlossaryEntry struct {
	Term       string
	Definition string
	Line       Line
}

// Appendix is one 附件 with its numbered items.
type Appendix struct {
	Title string
	Line  Line
	Items []AppendixItem
}

// AppendixItem is one numbered item of an appendix list (a 民生实事).
type AppendixItem struct {
	Num  int
	Text string // item text without number and lead-department note
	Lead string // 牵头责任单位 when given
	Line Line
}

var (
	reAddress       = regexp.MustCompile(`^各位[^，,。]{1,12}[：:！!]$`)
	rePart          = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[、，,．.]\s*(\S.*)$`)
	reArea          = regexp.MustCompile(`^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.*)$`)
	reAreaShi       = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})是[要，,]?(\S.*)$`)
	reAreaDigit     = regexp.MustCompile(`^([1-9][0-9]?)[.．、]\s*(\D.*)$`)
	reAppendix      = regexp.MustCompile(`^附\s*件\s*([0-9０-９一二三四五六七八九十]*)\s*[：:]?\s*(.*)$`)
	reItem          = regexp.MustCompile(`^([0-9]{1,3})\s*[.．、]\s*(\S.*)$`)
	reLead          = regexp.MustCompile(`[（(]\s*牵头(?:责任)?(?:单位|部门)\s*[：:]\s*([^）)]+)[）)]`)
	reGlossTermOnly = regexp.MustCompile(`^(?:\^?\[[0-9]{1,3}\]\s*|[0-9]{1,3}\s*[.．、]\s*)?[^：:。]{1,40}[：:]$`)
	reGlossTerm     = regexp.MustCompile(`^(?:\^?\[[0-9]{1,3}\]\s*|[0-9]{1,3}\s*[.．、]\s*)?([^：:。]{1,40}?)\s*[：:]\s*(\S.*)$`)
	reDate          = regexp.MustCompile(`([12][0-9]{3})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`)
	reYear          = regexp.MustCompile(`([12][0-9]{3})\s*年`)
	reReviewHead    = regexp.MustCompile(`回顾|过去|总结|工作成绩|上年`)
	rePlanHead      = regexp.MustCompile(`重点|安排|计划|任务|目标|今年|部署`)
	reGovSelfHead   = regexp.MustCompile(`自身建设`)
	reBarePart      = regexp.MustCompile(`^[^，,。；;：:！!（(]{0,16}(工作回顾|工作安排|重点工作|工作计划|工作任务|重点任务|自身建设)$`)
	reFootnote      = regexp.MustCompile(`^(?:\^?\[[0-9]{1,3}\]|[0-9]{1,3}\s*[.．、])\s*`)
)

// maxHeadingRunes bounds the length of a part heading line: longer lines that
// happen to start with 一、 are body text.
const maxHeadingRunes = 40

// parse builds the document structure of a normalised body.
func parse(body string, meta map[string]string) *Document {
	return parseLines(body, strings.Split(body, "\n"), meta)
}

// parseLines is parse of a body already split into its lines.
func parseLines(body string, raw []string, meta map[string]string) *Document {
	doc := &Document{Body: body, Meta: meta}
	lines := splitLines(raw)
	start := bodyStart(lines)
	doc.Header = lines[:start]
	doc.Addressed = start < len(lines) && reAddress.MatchString(lines[start].Text)
	end := bodyEnd(lines, start)
	parseBody(doc, lines[start:end])
	parseTail(doc, lines[end:])
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].Sentences = sentences(doc.Paragraphs[i].Line)
	}
	doc.Title = title(doc.Header, meta)
	doc.DeliveredOn = deliveredOn(doc.Header)
	doc.Year = planYear(doc)
	return doc
}

// splitLines returns the non-empty lines of a body's lines, trimmed, with
// rune and byte offsets into the body they were joined into by "\n".
func splitLines(lines []string) []Line {
	out := make([]Line, 0, len(lines))
	off, at := 0, 0
	for _, raw := range lines {
		n := runeCount(raw)
		lead := len(raw) - len(strings.TrimLeftFunc(raw, isSpace))
		text := strings.TrimFunc(raw, isSpace)
		if text != "" {
			out = append(out, Line{Text: text, Offset: off + runeCount(raw[:lead]), Byte: at + lead})
		}
		off += n + 1
		at += len(raw) + 1
	}
	return out
}

// sentences splits a line into sentences ending with 。！？, with offsets.
func sentences(l Line) []Line {
	var out []Line
	emit := func(from, to, off int) {
		seg := l.Text[from:to]
		t := strings.TrimLeftFunc(seg, isSpace)
		lead := len(seg) - len(t)
		if t = strings.TrimRightFunc(t, isSpace); t == "" {
			return
		}
		out = append(out, Line{Text: t, Offset: off + runeCount(seg[:lead]), Byte: l.Byte + from + lead})
	}
	start, startOff := 0, l.Offset
	onlyFullStops := strings.IndexByte(l.Text, '!') < 0 && strings.IndexByte(l.Text, '?') < 0 &&
		!containsWord(l.Text, "！") && !containsWord(l.Text, "？")
	for i := 0; i < len(l.Text); {
		end := nextSentenceEnd(l.Text, i, onlyFullStops)
		if end < 0 {
			break
		}
		emit(start, end, startOff)
		startOff += runeCount(l.Text[start:end])
		start, i = end, end
	}
	emit(start, len(l.Text), startOff)
	return out
}

// nextSentenceEnd returns the byte just past the next 。！？!? at or after i,
// or -1. Most lines end sentences only with 。, found by an indexed
// search; others are scanned byte by byte, decoding only at the lead
// bytes of the full-width marks (E3 for 。, EF for ！？).
func nextSentenceEnd(s string, i int, onlyFullStops bool) int {
	if onlyFullStops {
		if j := strings.Index(s[i:], "。"); j >= 0 {
			return i + j + len("。")
		}
		return -1
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case '!', '?':
			return i + 1
		case 0xE3:
			if strings.HasPrefix(s[i:], "。") {
				return i + len("。")
			}
		case 0xEF:
			if strings.HasPrefix(s[i:], "！") || strings.HasPrefix(s[i:], "？") {
				return i + len("！")
			}
		}
	}
	return -1
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

// bodyStart finds the first line of the body: the address (各位代表：), or
// for texts without one the first part or task-area heading.
func bodyStart(lines []Line) int {
	for i, l := range lines {
		if reAddress.MatchString(l.Text) {
			return i
		}
	}
	for i, l := range lines {
		if isPartHeading(l.Text) || reArea.MatchString(l.Text) {
			return i
		}
	}
	return 0
}

// bodyEnd finds where the appendices or the glossary begin.
func bodyEnd(lines []Line, start int) int {
	for i := start; i < len(lines); i++ {
		if isAppendixHeading(lines[i].Text) || isGlossaryHeading(lines[i].Text) {
			return i
		}
	}
	return len(lines)
}

func isPartHeading(s string) bool {
	// It runs on every line: a body paragraph is too long to be a
	// heading, and rejecting it by its byte length spares both patterns.
	if len(s) > maxHeadingRunes*utf8.UTFMax {
		return false
	}
	if reBarePart.MatchString(s) {
		return true // an unnumbered part: 过去一年工作回顾
	}
	m := rePart.FindStringSubmatch(s)
	return m != nil && utf8.RuneCountInString(s) <= maxHeadingRunes && !strings.ContainsAny(m[2], "。；;")
}

func isAppendixHeading(s string) bool {
	m := reAppendix.FindStringSubmatch(s)
	return m != nil && utf8.RuneCountInString(m[2]) <= 30
}

func isGlossaryHeading(s string) bool {
	// A rune is at most 4 bytes: a long line is rejected without decoding
	// it (this runs on every line of the body).
	if len(s) > 4*30 || utf8.RuneCountInString(s) > 30 {
		return false
	}
	return strings.Contains(s, "名词解释") || strings.Contains(s, "名词注释") || s == "注释" || s == "注释：" || s == "注释:"
}

// parseBody assigns parts, task areas and paragraphs.
func parseBody(doc *Document, lines []Line) {
	part := -1
	for _, l := range lines {
		if isPartHeading(l.Text) {
			doc.Parts = append(doc.Parts, Part{Heading: l, Kind: partKind(l.Text)})
			part = len(doc.Parts) - 1
			doc.Paragraphs = append(doc.Paragraphs, Paragraph{Line: l, Part: part, Area: -1, Heading: true})
			continue
		}
		p := Paragraph{Line: l, Part: part, Area: -1}
		if part >= 0 && doc.Parts[part].Kind == PartPlan {
			if m := reArea.FindStringSubmatch(l.Text); m != nil {
				doc.Parts[part].Areas = append(doc.Parts[part].Areas, newArea(l, m[1]))
				p.Heading = true
			}
			p.Area = len(doc.Parts[part].Areas) - 1
		}
		doc.Paragraphs = append(doc.Paragraphs, p)
	}
	for i := range doc.Parts {
		if doc.Parts[i].Kind == PartPlan && len(doc.Parts[i].Areas) == 0 {
			shiAreas(doc, i)
		}
		if doc.Parts[i].Kind == PartPlan && len(doc.Parts[i].Areas) == 0 {
			digitAreas(doc, i)
		}
	}
	if planPart(doc) < 0 {
		adoptPlanPart(doc)
	}
}

// newArea builds a task area from its heading line; the heading sentence is
// the text up to the first 。, the name its first clause.
func newArea(l Line, num string) Area {
	prefix := strings.Index(l.Text, num) + len(num)
	rest := strings.TrimLeftFunc(strings.TrimLeft(l.Text[prefix:], ")）"), isSpace)
	sent := firstSentence(rest)
	off := l.Offset + utf8.RuneCountInString(l.Text[:len(l.Text)-len(rest)])
	return Area{Heading: Line{Text: sent, Offset: off, Byte: l.Byte + len(l.Text) - len(rest)}, Name: leadingPhrase(sent)}
}

// shiAreas treats 一是…二是… paragraphs as task areas when a plan part has no
// （一） headings.
func shiAreas(doc *Document, part int) {
	area := -1
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if p.Part != part || p.Heading {
			continue
		}
		if m := reAreaShi.FindStringSubmatch(p.Text); m != nil {
			doc.Parts[part].Areas = append(doc.Parts[part].Areas, newArea(p.Line, m[1]+"是"))
			area = len(doc.Parts[part].Areas) - 1
			p.Heading = true
		}
		p.Area = area
	}
}

// digitAreas treats 1．/1、/1. paragraphs as task areas when a plan part has
// neither （一） headings nor 一是 paragraphs. Only the sequence 1, 2, 3, …
// counts, so a stray numbered sentence inside an area opens no area.
func digitAreas(doc *Document, part int) {
	area := -1
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if p.Part != part || p.Heading {
			continue
		}
		if m := reAreaDigit.FindStringSubmatch(p.Text); m != nil && m[1] == strconv.Itoa(len(doc.Parts[part].Areas)+1) {
			doc.Parts[part].Areas = append(doc.Parts[part].Areas, newArea(p.Line, p.Text[:len(p.Text)-len(m[2])]))
			area = len(doc.Parts[part].Areas) - 1
			p.Heading = true
		}
		p.Area = area
	}
}

// adoptPlanPart handles reports whose parts carry no plan wording: the part
// (other than the government's self-building part) with the most （一）
// headings is the plan part.
func adoptPlanPart(doc *Document) {
	best, bestN := -1, 0
	for i, part := range doc.Parts {
		if part.Kind == PartReview || reGovSelfHead.MatchString(part.Heading.Text) {
			continue
		}
		n := 0
		for _, p := range doc.Paragraphs {
			if p.Part == i && reArea.MatchString(p.Text) {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return
	}
	doc.Parts[best].Kind = PartPlan
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if p.Part != best || p.Heading {
			continue
		}
		if m := reArea.FindStringSubmatch(p.Text); m != nil {
			doc.Parts[best].Areas = append(doc.Parts[best].Areas, newArea(p.Line, m[1]))
			p.Heading = true
		}
		p.Area = len(doc.Parts[best].Areas) - 1
	}
}

func partKind(heading string) PartKind {
	switch {
	case reReviewHead.MatchString(heading):
		return PartReview
	case reGovSelfHead.MatchString(heading):
		return PartOther
	case rePlanHead.MatchString(heading):
		return PartPlan
	}
	return PartOther
}

// planPart returns the index of the plan part, or -1.
func planPart(doc *Document) int {
	for i, p := range doc.Parts {
		if p.Kind == PartPlan {
			return i
		}
	}
	return -1
}

// parseTail reads the appendices and the glossary after the body.
func parseTail(doc *Document, lines []Line) {
	inGlossary := false
	var app *Appendix
	var hanItems []AppendixItem // 一、… items of the current appendix
	endAppendix := func() {
		// Items numbered 一、二、 are the list only when no item is numbered
		// 1. 2.: beside Arabic items they are category headings
		// (一、促进群众就业增收方面5件).
		if app != nil && len(app.Items) == 0 {
			app.Items = hanItems
		}
		app, hanItems = nil, nil
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case isAppendixHeading(l.Text):
			endAppendix()
			title := reAppendix.FindStringSubmatch(l.Text)[2]
			if title == "" && i+1 < len(lines) {
				i++
				title = lines[i].Text
			}
			if isGlossaryHeading(title) {
				inGlossary = true
				continue
			}
			doc.Appendices = append(doc.Appendices, Appendix{Title: title, Line: l})
			app, inGlossary = &doc.Appendices[len(doc.Appendices)-1], false
		case isGlossaryHeading(l.Text):
			endAppendix()
			inGlossary = true
		case inGlossary:
			// A term may stand on its own line, its definition on the next
			// (1.“四上”企业： / 现阶段统计工作实践中…).
			if reGlossTermOnly.MatchString(l.Text) && i+1 < len(lines) && !reItem.MatchString(lines[i+1].Text) {
				joined := l
				joined.Text += lines[i+1].Text
				l, i = joined, i+1
			}
			// A numbered glossary ends at its first unnumbered line (site
			// text after the report); an unnumbered one takes every entry.
			numbered := len(doc.Glossary) > 0 && reItem.MatchString(doc.Glossary[0].Line.Text)
			if e, ok := glossaryEntry(l); ok && (!numbered || reItem.MatchString(l.Text)) {
				doc.Glossary = append(doc.Glossary, e)
			}
		case app != nil:
			if it, ok := appendixItem(l); ok {
				app.Items = append(app.Items, it)
			} else if it, ok := hanAppendixItem(l); ok {
				hanItems = append(hanItems, it)
			}
		}
	}
	endAppendix()
}

func glossaryEntry(l Line) (GlossaryEntry, bool) {
	m := reGlossTerm.FindStringSubmatch(l.Text)
	if m == nil {
		return GlossaryEntry{}, false
	}
	term := strings.TrimFunc(reFootnote.ReplaceAllString(m[1], ""), isSpace)
	def := strings.TrimFunc(m[2], isSpace)
	if term == "" || def == "" || strings.ContainsAny(term, "，,；;") {
		return GlossaryEntry{}, false
	}
	return GlossaryEntry{Term: term, Definition: def, Line: l}, true
}

func appendixItem(l Line) (AppendixItem, bool) {
	m := reItem.FindStringSubmatch(l.Text)
	if m == nil {
		return AppendixItem{}, false
	}
	num, _ := strconv.Atoi(m[1])
	return newAppendixItem(num, m[2], l), true
}

// hanAppendixItem reads an item numbered in Chinese (十、深入推进“四好农村路”…).
func hanAppendixItem(l Line) (AppendixItem, bool) {
	m := rePart.FindStringSubmatch(l.Text)
	if m == nil {
		return AppendixItem{}, false
	}
	return newAppendixItem(hanNumber(m[1]), m[2], l), true
}

func newAppendixItem(num int, text string, l Line) AppendixItem {
	it := AppendixItem{Num: num, Line: l}
	// An item of several parts may name a lead department for each
	// ((牵头责任单位:卫生健康委员会)…；…(牵头责任单位:妇女联合会)): all of them lead.
	var leads []string
	for _, lm := range reLead.FindAllStringSubmatch(text, -1) {
		if lead := strings.TrimSpace(lm[1]); lead != "" && !slices.Contains(leads, lead) {
			leads = append(leads, lead)
		}
	}
	it.Lead = strings.Join(leads, "、")
	text = reLead.ReplaceAllString(text, "")
	it.Text = strings.TrimRight(strings.TrimSpace(text), "。；;，,")
	return it
}

// title finds the report title among the header lines, or in crawler
// metadata (标题：…) when the header has none.
func title(header []Line, meta map[string]string) string {
	for _, k := range []string{"title", "标题", "Title"} {
		if t := strings.TrimSpace(meta[k]); t != "" && !hasTitle(header) {
			return t
		}
	}
	return headerTitle(header)
}

func hasTitle(header []Line) bool { return headerTitle(header) != "政府工作报告" }

func headerTitle(header []Line) string {
	for _, l := range header {
		t := strings.Map(func(r rune) rune {
			if isSpace(r) {
				return -1
			}
			return r
		}, l.Text)
		if i := strings.Index(t, "政府工作报告"); i >= 0 {
			if j := strings.Index(t, "——"); j > i {
				t = t[:j]
			}
			if utf8.RuneCountInString(t) <= 60 {
				return t
			}
			return "政府工作报告"
		}
	}
	return "政府工作报告"
}

// deliveredOn returns the meeting date stated in the header: a date after
// ——, in parentheses, or next to 会议; else the first date of the header.
// Dates may be written in Arabic or in Chinese numerals (二〇二六年一月二十七日).
func deliveredOn(header []Line) string {
	first := ""
	for _, l := range header {
		for _, d := range findDates(l.Text) {
			before, after := l.Text[:d.start], l.Text[d.end:]
			if strings.HasSuffix(before, "——") || strings.HasSuffix(before, "（") || strings.HasSuffix(before, "(") ||
				strings.HasPrefix(after, "在") {
				return d.iso
			}
			if first == "" {
				first = d.iso
			}
		}
	}
	return first
}

// reHanDate is a date in Chinese numerals: the year digit by digit, month
// and day as numbers (二〇二六年一月二十七日).
var reHanDate = regexp.MustCompile(`([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)

// dateMatch is a valid date found in a line, by byte offsets.
type dateMatch struct {
	start, end int
	iso        string
}

// findDates returns the valid dates of s in either writing, in order.
func findDates(s string) []dateMatch {
	var out []dateMatch
	for _, m := range reDate.FindAllStringSubmatchIndex(s, -1) {
		if iso := isoDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); iso != "" {
			out = append(out, dateMatch{m[0], m[1], iso})
		}
	}
	for _, m := range reHanDate.FindAllStringSubmatchIndex(s, -1) {
		y, mo, d := hanYear(s[m[2]:m[3]]), hanNumber(s[m[4]:m[5]]), hanNumber(s[m[6]:m[7]])
		if iso := isoDate(y, strconv.Itoa(mo), strconv.Itoa(d)); iso != "" {
			out = append(out, dateMatch{m[0], m[1], iso})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// hanDigits maps a Chinese digit to its value.
var hanDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// hanYear reads a year written digit by digit (二〇二六 → "2026").
func hanYear(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(strconv.Itoa(hanDigits[r]))
	}
	return b.String()
}

// hanNumber reads 1–39 as written in Chinese (七, 十, 十二, 二十七); 0 when
// it is not such a number.
func hanNumber(s string) int {
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return hanDigits[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + hanDigits[rs[1]]
	case len(rs) == 2 && rs[1] == '十':
		return 10 * hanDigits[rs[0]]
	case len(rs) == 3 && rs[1] == '十':
		return 10*hanDigits[rs[0]] + hanDigits[rs[2]]
	}
	return 0
}

// isoDate is y-m-d as an ISO date, "" when no such day exists (2月30日).
func isoDate(y, m, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if mi < 1 || mi > 12 || t.Day() != di || t.Month() != time.Month(mi) {
		return ""
	}
	return y + "-" + pad2(mi) + "-" + pad2(di)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// planYear decides the year the report plans for: the plan part's heading,
// the review heading plus one, the delivery date, the 预期目标 sentence, or
// a year in the metadata.
func planYear(doc *Document) int {
	for _, p := range doc.Parts {
		if y := yearIn(p.Heading.Text); y > 0 {
			switch p.Kind {
			case PartPlan:
				return y
			case PartReview:
				return y + 1
			}
		}
	}
	if doc.DeliveredOn != "" {
		y, _ := strconv.Atoi(doc.DeliveredOn[:4])
		return y
	}
	for _, p := range doc.Paragraphs {
		if containsWord(p.Text, "预期目标") {
			if y := yearIn(firstSentence(p.Text)); y > 0 {
				return y
			}
		}
	}
	for _, k := range []string{"year", "date", "published", "年份", "发布时间"} {
		if y := yearIn(doc.Meta[k]); y > 0 {
			return y
		}
		if v := doc.Meta[k]; len(v) >= 4 {
			if y, err := strconv.Atoi(v[:4]); err == nil && y > 1900 {
				return y
			}
		}
	}
	return 0
}

func yearIn(s string) int {
	m := reYear.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

// firstSentence returns s up to and excluding its first full stop.
func firstSentence(s string) string {
	if i := strings.IndexAny(s, "。！？!?"); i >= 0 {
		return s[:i]
	}
	return s
}

// leadingPhrase returns a sentence's first clause: the readable name of a
// heading such as 持续扩大内需，激发高质量发展动力 → 持续扩大内需.
func leadingPhrase(s string) string {
	i := strings.IndexAny(s, "，,；;：:")
	if i <= 0 {
		return s
	}
	// A heading may open with its stance (以“国之大者”的高度，…; 牢记
	// “国之大者”，…): the task is the next clause, so the name keeps both.
	if reStanceClause.MatchString(s[:i]) && (s[i] == ',' || strings.HasPrefix(s[i:], "，")) {
		_, w := utf8.DecodeRuneInString(s[i:])
		if j := strings.IndexAny(s[i+w:], "，,；;：:。"); j > 0 {
			return s[:i] + "，" + s[i+w:i+w+j]
		} else if j < 0 {
			return s[:i] + "，" + strings.TrimRight(s[i+w:], "。")
		}
	}
	return s[:i]
}

// reStanceClause is a heading's opening stance rather than its task: 以
// or 站在 a height or a guide, 牢记 or 胸怀 a motto.
var reStanceClause = regexp.MustCompile(`^(?:以|站在|立足|牢记|胸怀|心怀).*(?:高度|站位|”|为引领|为统领|为主线|为基础|为根本遵循)$`)

// bodyText is the report text after the header lines.
func (doc *Document) bodyText() string {
	if len(doc.Header) == 0 {
		return doc.Body
	}
	last := doc.Header[len(doc.Header)-1]
	off := last.Offset + utf8.RuneCountInString(last.Text)
	i := 0
	for n := 0; n < off && i < len(doc.Body); n++ {
		_, w := utf8.DecodeRuneInString(doc.Body[i:])
		i += w
	}
	return doc.Body[i:]
}

// section returns the shortened section path of a paragraph.
func (doc *Document) section(p Paragraph) string {
	if p.Part < 0 {
		return ""
	}
	part := doc.Parts[p.Part]
	s := shorten(part.Heading.Text)
	if p.Area >= 0 && p.Area < len(part.Areas) {
		s += " / " + shorten(areaLabel(part, p.Area))
	}
	return s
}

func areaLabel(part Part, i int) string {
	return "（" + chineseNumber(i+1) + "）" + part.Areas[i].Name
}

func shorten(s string) string {
	const maxRunes = 30
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	r := []rune(s)
	return string(r[:maxRunes]) + "…"
}

func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n-10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return strconv.Itoa(n)
}
