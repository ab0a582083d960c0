package loader

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// reTargetItem reads one clause of a target list: indicator, measure verb,
// value, unit, optional range end and qualifier (地区生产总值增长6%－6.5%左右).
var reTargetItem = regexp.MustCompile(`^(.*?)(增长|降低|下降|提高|涨幅控制在|控制在|达到|完成|突破)?(\d+(?:\.\d+)?)\s*(%|％|亿元|万元|元|万人|人|万吨|亿斤|万亩|亿千瓦时|万千瓦|个)?(?:\s*[－\-—~～至]\s*(\d+(?:\.\d+)?)\s*(?:%|％)?)?\s*(以上|左右|以内|以下)?`)

// reAndValue reads the second value of 分别增长7%和9%以上.
var reAndValue = regexp.MustCompile(`^[和、](\d+(?:\.\d+)?)\s*(%|％|亿元|万元|元|万人)?\s*(以上|左右|以内|以下)?`)

// coreIndicators are the headline indicators reports review year after
// year; results are only read for these and for the report's own targets,
// because the review part is full of other figures.
var coreIndicators = []string{"地区生产总值", "固定资产投资", "规模以上工业增加值", "社会消费品零售总额",
	"一般公共预算收入", "城镇新增就业", "居民消费价格"}

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
func parseTargetItem(clause string) ([]targetValue, bool) {
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
		return nil, false
	}
	tv := targetValue{Indicator: indicator, Unit: strings.ReplaceAll(sub(4), "％", "%")}
	tv.Value, _ = strconv.ParseFloat(sub(3), 64)
	switch verb {
	case "增长", "提高":
		tv.Measure = "增长"
	case "降低", "下降":
		tv.Measure = "降低"
	case "涨幅控制在":
		tv.Indicator += "涨幅"
	}
	tv.Qualifier = qualifier(sub(6), verb)
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
		if sub(6) == "" {
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
	if verb == "突破" {
		return kg.QualifierAtLeast
	}
	if strings.HasSuffix(verb, "控制在") {
		return kg.QualifierAtMost
	}
	return kg.QualifierExact
}

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
	return strings.Trim(s, "，,；;：:、 ")
}

// targetsAndResults reads the 主要预期目标 sentence(s) as targets for the
// report year and the review part's headline figures as results for the
// year before.
func (b *builder) targetsAndResults() {
	indicators := append([]string{}, coreIndicators...)
	for _, p := range b.doc.Paragraphs {
		for _, s := range sentences(p.Line) {
			i := strings.Index(s.Text, "预期目标")
			if i < 0 {
				continue
			}
			list := s.Text[i:]
			if j := strings.IndexAny(list, "：:"); j >= 0 {
				list = list[j:]
			} else if j := strings.Index(list, "是"); j >= 0 {
				list = list[j+len("是"):]
			} else {
				continue
			}
			for _, c := range clauses(list) {
				tvs, ok := parseTargetItem(c)
				if !ok {
					continue
				}
				for _, tv := range tvs {
					b.addTarget(kg.TargetPlanned, b.report.Year, tv, b.evidence(b.doc.section(p), s))
					indicators = append(indicators, tv.Indicator)
				}
			}
		}
	}
	b.results(indicators)
}

// results reads review-part clauses whose indicator is known; a bare
// "增长5%" clause continues the indicator of the clause before it.
func (b *builder) results(indicators []string) {
	seen := map[string]bool{}
	for _, p := range b.doc.Paragraphs {
		if p.Part < 0 || b.doc.Parts[p.Part].Kind != PartReview || p.Heading {
			continue
		}
		for _, s := range sentences(p.Line) {
			prev := ""
			for _, c := range clauses(s.Text) {
				if !mayState(c, indicators) {
					prev = ""
					continue
				}
				tvs, ok := parseTargetItem(c)
				if !ok {
					if m := reTargetItem.FindStringSubmatch(c); prev != "" && m != nil && m[1] == "" && m[2] == "增长" {
						tvs, ok = parseTargetItem(prev + c)
					}
				}
				if !ok {
					prev = ""
					continue
				}
				ind := knownIndicator(tvs[0].Indicator, indicators)
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
// and either names a known indicator or continues one (增长5%).
func mayState(c string, indicators []string) bool {
	if !strings.ContainsAny(c, "0123456789") {
		return false
	}
	if strings.HasPrefix(c, "增长") {
		return true
	}
	c = strings.ReplaceAll(c, "规上", "规模以上")
	for _, k := range indicators {
		if strings.Contains(c, k) {
			return true
		}
		for _, p := range []string{"城镇", "农村"} {
			if strings.HasPrefix(k, p) && strings.Contains(c, "城乡"+strings.TrimPrefix(k, p)) {
				return true
			}
		}
	}
	return false
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
		// 人均地区生产总值 and 单位地区生产总值能耗 are other indicators
		if strings.HasSuffix(phrase, k) && !strings.HasSuffix(phrase, "人均"+k) && !strings.HasSuffix(phrase, "单位"+k) {
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
	id := kg.TargetID(b.report.ID, string(kind), tv.Indicator, tv.Measure)
	for _, t := range b.targets {
		if t.ID == id {
			return
		}
	}
	b.targets = append(b.targets, kg.Target{ID: id, ReportID: b.report.ID, RegionID: b.report.RegionID,
		Kind: kind, Year: year, Indicator: tv.Indicator, Measure: tv.Measure, Value: tv.Value,
		MaxValue: tv.MaxValue, Unit: tv.Unit, Qualifier: tv.Qualifier, Evidence: ev})
}
