package loader

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// targetUnit is the unit after a figure: a percentage or a count, with an
// optional magnitude (万亿斤, 亿千瓦时, 万人次).
const targetUnit = `个百分点|%|％|(?:万亿|千亿|百亿|亿|千万|百万|万|千)?(?:美元|元|人次|人|吨|斤|亩|千瓦时|千瓦|平方公里|平方米|立方米|公里|千米|标准箱|户|套|家|所|个|项|辆|张)`

// targetVerbs sit between an indicator and its figure. Those that bound the
// figure (不少于, 控制在) give its qualifier when no word after it does;
// longer forms come first, since the first alternative that fits wins.
const targetVerbs = `增长|降低|下降|提高|上涨|涨幅控制在|控制在|稳定保持在|保持在|稳定在|达到|完成|突破|不少于|不低于|超过|高于|不超过|不高于|低于`

// reTargetItem reads one clause of a target list: indicator, verb, value,
// unit, optional range end with its unit, and qualifier
// (地区生产总值增长6%－6.5%左右, 地区生产总值增长4.5-5%).
var reTargetItem = regexp.MustCompile(`^(.*?)(` + targetVerbs + `)?(\d+(?:\.\d+)?)\s*(` + targetUnit + `)?` +
	`(?:\s*[－\-—~～至到]\s*(\d+(?:\.\d+)?)\s*(` + targetUnit + `)?)?\s*(以上|左右|以内|以下)?`)

// reAndValue reads the second value of 分别增长7%和9%以上.
var reAndValue = regexp.MustCompile(`^[和、](\d+(?:\.\d+)?)\s*(` + targetUnit + `)?\s*(以上|左右|以内|以下)?`)

// coreIndicators are the headline indicators reports review year after
// year; results are only read for these and for the report's own targets,
// because the review part is full of other figures.
var coreIndicators = []string{"地区生产总值", "固定资产投资", "规模以上工业增加值", "社会消费品零售总额",
	"一般公共预算收入", "城镇新增就业", "居民消费价格"}

// resultIndicators are the indicators a review's results are read for:
// the core ones in every wording. Built once; read-only after init.
var resultIndicators = coreWordings()

// coreWordings are the core indicators and the other wordings of each
// (生产总值 and 国内生产总值 beside 地区生产总值): a review stating
// 全省生产总值增长5.6% reports the year's GDP.
func coreWordings() []string {
	out := append([]string{}, coreIndicators...)
	for _, c := range coreIndicators {
		for _, w := range kg.IndicatorWordings(kg.IndicatorCode(c, "增长")) {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// indicatorNoise is stripped from indicator phrases: scope words and
// accounting qualifiers that do not change what is measured.
var indicatorNoise = []string{"同口径", "可比口径", "分别", "全年", "其中"}

// indicatorScope are leading self-references (全旗地区生产总值).
var indicatorScope = []string{"全国", "全区", "全市", "全盟", "全旗", "全县", "全省", "我区", "我市", "我盟", "我旗", "我县"}

type targetValue struct {
	Indicator string
	Measure   string
	Value     float64
	MaxValue  *float64
	Unit      string
	Qualifier kg.TargetQualifier
}

// parseTargetItem reads one clause; ok is false when it states no figure.
// A clause naming no indicator (同比增长21%) continues prev, the clause
// before it; with prev empty it states nothing.
func parseTargetItem(clause, prev string) ([]targetValue, bool) {
	if !hasDigit(clause) {
		return nil, false // the pattern needs a figure; most clauses have none
	}
	m := reTargetItem.FindStringSubmatchIndex(clause)
	if m == nil || m[6] < 0 {
		return nil, false
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return clause[m[2*i]:m[2*i+1]]
	}
	indicator := cleanIndicator(sub(1))
	verb := sub(2)
	if indicator == "" {
		indicator = prev
	}
	if indicator == "" {
		return nil, false
	}
	unit := sub(4)
	if unit == "" {
		unit = sub(6) // 4.5-5%: the unit follows the range's end only
	}
	tv := targetValue{Indicator: indicator, Unit: strings.ReplaceAll(unit, "％", "%")}
	tv.Value, _ = strconv.ParseFloat(sub(3), 64)
	switch verb {
	case "增长", "提高":
		tv.Measure = "增长"
	case "降低", "下降":
		tv.Measure = "降低"
	case "涨幅控制在", "上涨":
		if !strings.HasSuffix(tv.Indicator, "涨幅") {
			tv.Indicator += "涨幅"
		}
	}
	tv.Qualifier = qualifier(sub(7), verb)
	if hi := sub(5); hi != "" {
		v, _ := strconv.ParseFloat(hi, 64)
		tv.MaxValue = &v
		tv.Qualifier = kg.QualifierRange
	}
	out := []targetValue{tv}
	if am := reAndValue.FindStringSubmatch(clause[m[1]:]); am != nil {
		second := tv
		second.Value, _ = strconv.ParseFloat(am[1], 64)
		if am[2] != "" {
			second.Unit = strings.ReplaceAll(am[2], "％", "%")
		}
		second.Qualifier = qualifier(am[3], verb)
		if sub(7) == "" {
			out[0].Qualifier = second.Qualifier
		}
		out = append(out, second)
		if strings.HasPrefix(tv.Indicator, "城乡") {
			out[0].Indicator = "城镇" + strings.TrimPrefix(tv.Indicator, "城乡")
			out[1].Indicator = "农村" + strings.TrimPrefix(tv.Indicator, "城乡")
		}
	}
	return out, true
}

func qualifier(word, verb string) kg.TargetQualifier {
	switch word {
	case "以上":
		return kg.QualifierAtLeast
	case "左右":
		return kg.QualifierAbout
	case "以内", "以下":
		return kg.QualifierAtMost
	}
	switch verb {
	case "突破", "不少于", "不低于", "超过", "高于":
		return kg.QualifierAtLeast
	case "不超过", "不高于", "低于":
		return kg.QualifierAtMost
	}
	if strings.HasSuffix(verb, "控制在") {
		return kg.QualifierAtMost
	}
	return kg.QualifierExact
}

// indicatorLead and indicatorTail are words of the sentence around an
// indicator that are not part of its name: 确保粮食总产量…, 地区生产总值按
// 增长5%安排, 一般公共预算收入同比增长.
var (
	indicatorLead = []string{"确保", "力争", "争取", "努力", "实现", "预计", "全年"}
	indicatorTail = []string{"按", "同比", "比上年", "力争", "确保", "争取", "预计", "要", "将", "稳定", "保持", "继续"}
)

func cleanIndicator(s string) string {
	s = strings.TrimFunc(s, isSpace)
	for _, w := range indicatorNoise {
		s = strings.ReplaceAll(s, w, "")
	}
	for _, w := range indicatorScope {
		s = strings.TrimPrefix(s, w)
	}
	s = strings.ReplaceAll(s, "规上", "规模以上")
	s = strings.TrimSuffix(s, "均")
	s = strings.Trim(s, "，,；;：:、 ")
	for changed := true; changed; {
		changed = false
		for _, w := range indicatorLead {
			if t := strings.TrimPrefix(s, w); t != s {
				s, changed = t, true
			}
		}
		for _, w := range indicatorTail {
			if t := strings.TrimSuffix(s, w); t != s {
				s, changed = t, true
			}
		}
	}
	return s
}

// headlineIndicators are the targets a report may state in its body
// rather than in the 主要预期目标 paragraph (城镇新增就业86万人 in the
// paragraph on employment): read there only under exactly these names.
var headlineIndicators = headlineWordings()

// headlineWordings are the core indicators and grain output, each in every
// wording kg knows (城镇新增就业, 新增城镇就业, 新增就业): the body states
// them as freely as the target list does.
func headlineWordings() []string {
	out := coreWordings()
	for _, w := range kg.IndicatorWordings("grain_output") {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// targetsAndResults reads the 主要预期目标 list as targets for the report
// year, then the plan part's headline figures stated elsewhere, then the
// review part's headline figures as results for the year before.
func (b *builder) targetsAndResults() {
	indicators := slices.Clone(resultIndicators) // the target list adds to it
	for _, p := range b.doc.Paragraphs {
		ss := p.Sentences
		for i := 0; i < len(ss); i++ {
			list, ok := targetList(ss[i].Text)
			if !ok {
				continue
			}
			// The list often runs on over the paragraph's next sentences
			// (…社会消费品零售总额增长5%左右。居民人均可支配收入增长5%左右，…):
			// read them while each states a target.
			for j := i; j < len(ss); j++ {
				if j > i {
					list = ss[j].Text
				}
				tvs := targetClauses(list)
				if len(tvs) == 0 && j > i {
					break
				}
				for _, tv := range tvs {
					b.addTarget(kg.TargetPlanned, b.report.Year, tv, b.evidence(b.doc.section(p), ss[j]))
					indicators = append(indicators, tv.Indicator)
				}
				i = j
			}
		}
	}
	b.bodyTargets()
	b.results(indicators)
}

// targetList returns the list part of a 预期目标 sentence: what follows
// its colon or 是 / 为.
func targetList(s string) (string, bool) {
	i := strings.Index(s, "预期目标")
	if i < 0 {
		return "", false
	}
	list := s[i+len("预期目标"):]
	if j := strings.IndexAny(list, "：:"); j >= 0 {
		return list[j:], true
	}
	for _, w := range []string{"是", "为"} {
		if j := strings.Index(list, w); j >= 0 {
			return list[j+len(w):], true
		}
	}
	return "", false
}

// targetClauses parses each clause of a list; a clause naming no
// indicator (同比增长21%) continues the one before it.
func targetClauses(list string) []targetValue {
	var out []targetValue
	prev := ""
	for _, c := range clauses(list) {
		tvs, ok := parseTargetItem(c, prev)
		if !ok {
			prev = ""
			continue
		}
		prev = tvs[0].Indicator
		out = append(out, tvs...)
	}
	return out
}

// bodyTargets reads headline figures the plan states outside the target
// list (城镇新增就业86万人, 确保粮食总产量稳定保持在76亿斤以上) as
// targets of the report year. Sentences about other years or periods
// (年均, 到2030年, “十五五”) are skipped: their figures are not this year's.
func (b *builder) bodyTargets() {
	for _, p := range b.doc.Paragraphs {
		// Outside the review: the plan and what follows it (a part on the
		// government's own work states targets too). A heading line may
		// carry its paragraph's text.
		if p.Part < 0 || b.doc.Parts[p.Part].Kind == PartReview || !mentionsHeadline(p.Text) {
			continue
		}
		for _, s := range p.Sentences {
			if !mentionsHeadline(s.Text) || containsWord(s.Text, "预期目标") || !b.namesNoOtherYear(s.Text) {
				continue
			}
			for _, c := range clauses(s.Text) {
				if !mentionsHeadline(c) || isMultiYear(c) {
					continue
				}
				tvs, _ := parseTargetItem(c, "")
				for _, tv := range tvs {
					if slices.Contains(headlineIndicators, tv.Indicator) {
						b.addTarget(kg.TargetPlanned, b.report.Year, tv, b.evidence(b.doc.section(p), s))
					}
				}
			}
		}
	}
}

// reYearMention finds a year written in a sentence (2030年).
var reYearMention = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)

// namesNoOtherYear reports whether a sentence names no year but the
// report's (到2027年… states a later year's figure).
func (b *builder) namesNoOtherYear(s string) bool {
	for _, m := range reYearMention.FindAllStringSubmatch(s, -1) {
		if y, _ := strconv.Atoi(m[1]); y != b.report.Year {
			return false
		}
	}
	return true
}

// mentionsHeadline is a cheap filter before the regexp: the clause has a
// digit and names a headline indicator.
func mentionsHeadline(c string) bool {
	if !hasDigit(c) {
		return false
	}
	return headlineSet.in(c)
}

var (
	headlineWords = append([]string{"规上"}, headlineIndicators...)
	headlineSet   = newWordSet(headlineWords)
)

// isMultiYear reports a clause about a period rather than the year: an
// annual average, a running total, a five-year plan.
func isMultiYear(c string) bool {
	return strings.Contains(c, "年均") || strings.Contains(c, "累计") || strings.Contains(c, "五”")
}

// results reads review-part clauses whose indicator is known; a bare
// "增长5%" clause continues the indicator of the clause before it.
func (b *builder) results(indicators []string) {
	seen := map[string]bool{}
	stated := newWordSet(statedWords(indicators))
	for _, p := range b.doc.Paragraphs {
		if p.Part < 0 || b.doc.Parts[p.Part].Kind != PartReview || p.Heading {
			continue
		}
		for _, s := range p.Sentences {
			prev := ""
			for _, c := range clauses(s.Text) {
				if !mayState(c, stated) {
					prev = ""
					continue
				}
				tvs, ok := parseTargetItem(c, "")
				if !ok {
					// 同比增长18.5% after 完成235.2亿元: words that name no
					// indicator (同比, 比上年) continue the one before too.
					if m := reTargetItem.FindStringSubmatch(c); prev != "" && m != nil && cleanIndicator(m[1]) == "" && m[2] == "增长" {
						tvs, ok = parseTargetItem(prev+c, "")
					}
				}
				if !ok {
					prev = ""
					continue
				}
				ind := knownIndicator(tvs[0].Indicator, indicators)
				if ind == "" && kg.IndicatorCode(tvs[0].Indicator, tvs[0].Measure) != "" {
					ind = tvs[0].Indicator // another wording of a known indicator (全省生产总值)
				}
				if ind == "" {
					prev = ""
					continue
				}
				prev = ind
				if len(tvs) > 1 && strings.HasPrefix(ind, "城镇") {
					prev = "城乡" + strings.TrimPrefix(ind, "城镇") // continue both halves
				}
				for _, tv := range tvs {
					if len(tvs) == 1 {
						tv.Indicator = ind
					}
					k := tv.Indicator + "\x00" + tv.Measure
					if seen[k] {
						continue
					}
					seen[k] = true
					b.addTarget(kg.TargetResult, b.report.Year-1, tv, b.evidence(b.doc.section(p), s))
				}
			}
		}
	}
}

// mayState is a cheap filter before the regexp: a result clause has a digit
// and either names a known indicator or continues one (增长5%). stated
// holds the statedWords of the known indicators: one pass over the
// clause, not one per indicator.
func mayState(c string, stated *wordSet) bool {
	if !hasDigit(c) {
		return false
	}
	if strings.HasPrefix(continuedGrowth(c), "增长") {
		return true
	}
	c = strings.ReplaceAll(c, "规上", "规模以上")
	return stated.in(c)
}

// continuedGrowth is a clause without the words that name no indicator
// before its growth (同比增长18.5% after 完成235.2亿元, 比上年增长6%).
func continuedGrowth(c string) string {
	for _, w := range []string{"同比", "比上年", "较上年", "分别"} {
		if rest, ok := strings.CutPrefix(c, w); ok {
			return rest
		}
	}
	return c
}

// statedWords are the indicators and, for each urban or rural one, its
// joint form (城乡居民人均可支配收入 for 城镇…), which states both.
func statedWords(indicators []string) []string {
	out := slices.Clone(indicators)
	for _, k := range indicators {
		for _, p := range []string{"城镇", "农村"} {
			if strings.HasPrefix(k, p) {
				out = append(out, "城乡"+strings.TrimPrefix(k, p))
			}
		}
	}
	return out
}

// knownIndicator returns the known indicator an indicator phrase ends with.
func knownIndicator(phrase string, known []string) string {
	for _, p := range []string{"城镇", "农村"} {
		// a split 城乡 figure (分别增长4.9%、7.6%) keeps its own indicator
		if strings.HasPrefix(phrase, p) && knownIndicator("城乡"+strings.TrimPrefix(phrase, p), known) != "" {
			return phrase
		}
	}
	for _, k := range known {
		// 人均地区生产总值 and 单位地区生产总值能耗 are other indicators,
		// whichever wording of GDP follows 人均 or 单位
		if before, ok := strings.CutSuffix(phrase, k); ok && !strings.Contains(before, "人均") && !strings.Contains(before, "单位") {
			return k
		}
	}
	return ""
}

// clauses splits a list into its clauses at ；，。： and at 、 unless a
// figure follows (分别增长4.9%、7.6% is one clause).
func clauses(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		split := r == '；' || r == ';' || r == '，' || r == ',' || r == '。' || r == '：' || r == ':'
		if r == '、' {
			next, _ := utf8.DecodeRuneInString(s[i+len("、"):])
			split = next < '0' || next > '9'
		}
		if split {
			if start < i {
				out = append(out, s[start:i])
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func (b *builder) addTarget(kind kg.TargetKind, year int, tv targetValue, ev kg.Evidence) {
	id := kg.TargetID(b.report.ID, kind, tv.Indicator, tv.Measure)
	for _, t := range b.targets {
		if t.ID == id {
			return
		}
	}
	b.targets = append(b.targets, kg.Target{ID: id, ReportID: b.report.ID, RegionID: b.report.RegionID,
		Kind: kind, Year: year, Indicator: tv.Indicator, IndicatorCode: kg.IndicatorCode(tv.Indicator, tv.Measure),
		Measure: tv.Measure, Value: tv.Value,
		MaxValue: tv.MaxValue, Unit: tv.Unit, Qualifier: tv.Qualifier, Evidence: ev})
}
