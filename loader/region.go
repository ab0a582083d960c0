package loader

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// Deciding a report's region uses, strongest first:
//
//  1. names anchored in the header: "在X第N届人民代表大会" (the session the
//     report is delivered to), "X(2024年)(人民)政府工作报告" (its title) and
//     "X人民政府旗长/市长/… NAME" (the speaker line);
//  2. the body's self-references (我代表旗人民政府, 全盟, 我市, 我代表国务院),
//     which give the designation of the report's own region (旗, 盟, 市, …);
//  3. how often the body names each region with that designation;
//  4. the hierarchy, to choose between regions sharing a name: the one whose
//     parent, siblings or subordinate units the text also names wins.
//
// A report whose region these signals cannot decide is an EINVALID error;
// the loader never guesses.

// Header anchor strengths.
const (
	anchorNone    = iota
	anchorIssuer  // crawler header 发文单位：X人民政府
	anchorSpeaker // X人民政府旗长 NAME
	anchorTitle   // X政府工作报告
	anchorSession // 在X第N届人民代表大会
)

var (
	// 人大代表 (a deputy: 全国人大代表、省长) is not a session
	reSessionAfter = regexp.MustCompile(`^(第[〇零一二三四五六七八九十百0-9]+届)?(人民代表大会|人大常委会|人大常务委员会|人大工委|人大工作委员会)`)
	reTitleAfter   = regexp.MustCompile(`^(人民政府)?[(（]?([0-9０-９]{4}年(度)?)?[)）]?(人民)?政府工作报告`)
	reSpeakerAfter = regexp.MustCompile(`^(人民政府|行政公署|行署)?(代理|代)?(旗长|盟长|市长|县长|区长|州长|省长|主席|专员|总理)`)
)

// Self-references are found in one pass over the body's runes (regexps over
// the whole body cost more than everything else in detectRegion together).
const (
	onBehalf       = "我代表"
	maxOfficeRunes = 12 // 我代表 X 人民政府: X is at most this long
	selfUnits      = "旗盟市县区州省"
)

// offices end the phrase 我代表X…: 我代表旗人民政府, 我代表行署, 我代表国务院.
var offices = []string{"人民政府", "政府", "行政公署", "行署", "国务院"}

// selfPrefixes open a self-reference: 全旗, 我旗, 本旗.
var selfPrefixes = []string{"全", "我", "本"}

// Self-reference weights: speaking on behalf of a government names the
// report's own level outright; 全市 may also mean the parent city ("高于全市
// 平均水平"), so single words weigh little.
const (
	weightOnBehalf = 10
	weightOwn      = 2 // 我旗, 本旗
	weightWhole    = 1 // 全旗
)

// bodyMargin is how far the best body-only candidate must lead an unrelated
// runner-up before the decision counts as clear.
const bodyMargin = 1.5

// designation is the unit word ending a region's official name (旗 for
// 奈曼旗, 盟 for 锡林郭勒盟); "国" stands for the national root.
type designation string

const national designation = "国"

// regionCandidate is a region competing to be the report's region.
type regionCandidate struct {
	region  kg.Region
	anchor  int // strongest header anchor naming it
	direct  int // weighted mentions of the region itself and its ancestors (not the root)
	support int // mentions of its ancestors, siblings and subtree
	evident string
}

func detectRegion(tree *division.Tree, header, body string) (kg.Region, string, error) {
	if tree == nil {
		return kg.Region{}, "", kg.Errorf(kg.EINTERNAL, "no division tree")
	}
	return detectRegionWith(tree, header, body, tree.Mentions(body))
}

// detectRegionWith is detectRegion given the body's region mentions, which
// extraction reuses (facilities named by their place).
func detectRegionWith(tree *division.Tree, header, body string, bodyMentions []division.Mention) (kg.Region, string, error) {
	counts, full := map[string]int{}, map[string]int{}
	countMentions(tree, tree.Mentions(header), counts, full)
	countMentions(tree, bodyMentions, counts, full)
	des, evidence := selfDesignation(body)
	if cands, line := headerCandidates(tree, header); len(cands) > 0 {
		// Site chrome may anchor a parent's name as strongly as the report's
		// own (鄂尔多斯市政府工作报告 in a list beside 准格尔旗2023年政府工作报告):
		// the body's self-designation picks among them when it can.
		if matching := withDesignation(cands, des); len(matching) > 0 {
			cands = matching
		}
		return chooseRegion(tree, cands, counts, line, false)
	}
	if des == "" {
		return kg.Region{}, "", kg.Errorf(kg.EINVALID, "region undecided: no header names the region and the body has no self-reference (我代表…人民政府, 全旗, 我市, …)")
	}
	if des == national {
		root, _ := tree.ByCode(kg.NationalCode)
		return root, evidence, nil
	}
	var cands []regionCandidate
	for id := range counts {
		r, ok := tree.ByID(id)
		if ok && r.Level != kg.LevelNational && hasDesignation(r.Name, des) && anchored(tree, r, counts, full) {
			cands = append(cands, regionCandidate{region: r})
		}
	}
	if len(cands) == 0 {
		return kg.Region{}, "", kg.Errorf(kg.EINVALID, "region undecided: the body speaks of its %s but names no such region", des)
	}
	r, ev, err := chooseRegion(tree, cands, counts, "", true)
	if err != nil {
		return r, ev, err
	}
	if s := sentenceNaming(body, r, des); s != "" {
		ev = s
	}
	return r, ev, nil
}

// countMentions weighs every mention of a region into counts: official
// names count twice, short names once (a short name may be an ordinary
// word: 青山, 合作). A name several regions share counts for each of them;
// the hierarchy decides between them later. The root is left out: every
// report says 全国. full counts the mentions by official name alone.
// Header and body are counted apart (names never cross a line).
func countMentions(tree *division.Tree, mentions []division.Mention, counts, full map[string]int) {
	for _, m := range mentions {
		for _, id := range m.RegionIDs {
			if id == rootID {
				continue
			}
			if m.Full && isOfficialName(tree, id, m) {
				counts[id] += 2
				full[id]++
			} else {
				counts[id]++
			}
		}
	}
}

// rootID is the national root's id: every report says 全国 and 中国.
var rootID = kg.RegionID(kg.NationalCode)

// isOfficialName reports whether mention m is region id's official name
// (it may be only a short name of id while officially naming another).
func isOfficialName(tree *division.Tree, id string, m division.Mention) bool {
	if len(m.RegionIDs) == 1 {
		return true
	}
	r, _ := tree.ByID(id)
	return r.Name == m.Name
}

// anchored reports whether the text names r by its official name or names
// one of its ancestors (below the root) or subordinate units. A region seen
// only through a short name that is also an ordinary word (资源, 振兴) with
// nothing around it is noise, not a candidate.
func anchored(tree *division.Tree, r kg.Region, counts, full map[string]int) bool {
	if full[r.ID] > 0 || ancestorSupport(tree, r.ID, counts) > 0 {
		return true
	}
	for _, d := range tree.Descendants(r.ID) {
		if counts[d.ID] > 0 {
			return true
		}
	}
	return false
}

// headerCandidates returns the regions the header names with the strongest
// anchor, and the header line that names them.
func headerCandidates(tree *division.Tree, header string) ([]regionCandidate, string) {
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, header)
	best := anchorNone
	var cands []regionCandidate
	var name string
	issuerEnd := -1 // end of the issuer name chain being read, if any
	for _, m := range tree.Mentions(compact) {
		a := anchorAfter(compact[m.Offset+len(m.Name):])
		// 发文单位：呼伦贝尔市海拉尔区人民政府 names the district: a name that
		// continues the issuer's name chain replaces its parent.
		chained := a == anchorNone && m.Offset == issuerEnd && best == anchorIssuer
		if a == anchorNone && (chained || issuedBy(compact[:m.Offset])) {
			a = anchorIssuer
			issuerEnd = m.Offset + len(m.Name)
		}
		if a == anchorNone || a < best {
			continue
		}
		if a > best || chained {
			best, cands, name = a, nil, m.Name
		}
		for _, id := range m.RegionIDs {
			if r, ok := tree.ByID(id); ok && !hasCandidate(cands, id) {
				cands = append(cands, regionCandidate{region: r, anchor: a})
			}
		}
	}
	return cands, headerLine(header, name)
}

func anchorAfter(rest string) int {
	switch {
	case reSessionAfter.MatchString(rest):
		return anchorSession
	case reTitleAfter.MatchString(rest):
		return anchorTitle
	case reSpeakerAfter.MatchString(rest):
		return anchorSpeaker
	}
	return anchorNone
}

// issuerLabels introduce the issuing body in crawler headers.
var issuerLabels = []string{"发文单位", "发文机关", "发布机构", "发布单位"}

// issuedBy reports whether the header text before a mention ends with an
// issuer label and its colon.
func issuedBy(before string) bool {
	for _, colon := range []string{"：", ":"} {
		if label, ok := strings.CutSuffix(before, colon); ok {
			for _, l := range issuerLabels {
				if strings.HasSuffix(label, l) {
					return true
				}
			}
		}
	}
	return false
}

// headerLine returns the header line holding name, or the header's first
// non-empty line when a line break split the name from its anchor.
func headerLine(header, name string) string {
	var first string
	for _, line := range strings.Split(header, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if first == "" {
			first = line
		}
		if name != "" && strings.Contains(line, name) {
			return line
		}
	}
	return first
}

// selfDesignation returns the designation the body uses for its own
// region, and the sentence that shows it most directly.
func selfDesignation(body string) (designation, string) {
	score := map[designation]int{}
	first := map[designation]int{} // byte offset of the first self-reference
	note := func(d designation, w, at int) {
		score[d] += w
		if f, ok := first[d]; !ok || at < f {
			first[d] = at
		}
	}
	// Every self-reference starts with 全, 我 or 本: one indexed search per
	// lead character, not a decode of every rune.
	for _, lead := range []string{"全", "我", "本"} {
		for at := range wordsIn(body, lead) {
			off := at + len(lead)
			if unit, _ := utf8.DecodeRuneInString(body[off:]); strings.ContainsRune(selfUnits, unit) {
				w := weightOwn
				if lead == "全" {
					w = weightWhole
				}
				note(designation(string(unit)), w, at)
			}
			if lead == "我" && strings.HasPrefix(body[at:], onBehalf) {
				if d := onBehalfDesignation(body[at+len(onBehalf):]); d != "" {
					note(d, weightOnBehalf, at)
				}
			}
		}
	}
	best, bestScore, tie := designation(""), 0, false
	for d, s := range score {
		switch {
		case s > bestScore:
			best, bestScore, tie = d, s, false
		case s == bestScore:
			tie = true
		}
	}
	if tie || bestScore == 0 {
		return "", ""
	}
	return best, sentenceAround(body, first[best])
}

// onBehalfDesignation reads the designation from the words after 我代表:
// 国务院 is the nation, an administrative office (行署) a league or
// prefecture, otherwise the unit word before 人民政府.
func onBehalfDesignation(rest string) designation {
	who, office, ok := officeAfter(rest)
	switch {
	case !ok:
		return ""
	case office == "国务院":
		return national
	case office == "行署" || office == "行政公署":
		return "盟" // prefecture-level units with an administrative office: 盟 and 地区
	case who != "":
		return designationOf(who)
	}
	return ""
}

// officeAfter reads "X人民政府" after 我代表: the shortest run of at most
// maxOfficeRunes Chinese characters followed by an office word.
func officeAfter(rest string) (who, office string, ok bool) {
	off := 0
	for n := 0; n <= maxOfficeRunes; n++ {
		for _, o := range offices {
			if strings.HasPrefix(rest[off:], o) {
				return rest[:off], o, true
			}
		}
		r, size := utf8.DecodeRuneInString(rest[off:])
		if size == 0 || !unicode.Is(unicode.Han, r) {
			return "", "", false
		}
		off += size
	}
	return "", "", false
}

// designationOf maps the office named in 我代表X人民政府 to a designation:
// 旗, 自治区 → 区, 奈曼旗 → 旗.
func designationOf(who string) designation {
	r, _ := utf8.DecodeLastRuneInString(who)
	if strings.ContainsRune("旗盟市县区州省", r) {
		return designation(string(r))
	}
	return ""
}

// withDesignation returns the candidates whose name carries designation d.
func withDesignation(cands []regionCandidate, d designation) []regionCandidate {
	if d == "" {
		return nil
	}
	var out []regionCandidate
	for _, c := range cands {
		if (d == national && c.region.Level == kg.LevelNational) || (d != national && hasDesignation(c.region.Name, d)) {
			out = append(out, c)
		}
	}
	return out
}

// hasDesignation reports whether an official name ends with the unit word:
// 盟 also covers 地区 (both are led by an administrative office), 州 covers
// 自治州, 区 covers districts and autonomous regions.
func hasDesignation(name string, d designation) bool {
	if strings.HasSuffix(name, string(d)) {
		return true
	}
	return d == "盟" && strings.HasSuffix(name, "地区")
}

// chooseRegion ranks candidates by how often the text names them and their
// ancestors (a banner report names its city and province too; an ordinary
// word that happens to be a county's short name rarely comes with its
// province), then by all hierarchy support, and refuses to decide a tie. For
// candidates found only in the body, an unrelated runner-up must also trail
// by bodyMargin once the ancestors both share are left out.
func chooseRegion(tree *division.Tree, cands []regionCandidate, counts map[string]int, evidence string, bodyOnly bool) (kg.Region, string, error) {
	isCand := map[string]bool{}
	for _, c := range cands {
		isCand[c.region.ID] = true
	}
	for i := range cands {
		id := cands[i].region.ID
		cands[i].direct = counts[id]
		// An ancestor that is itself a candidate lends no support: a city
		// report naming one of its county-level cities must not hand the
		// county-level city the city's own mentions.
		for _, a := range tree.Ancestors(id) {
			if a.Level != kg.LevelNational && !isCand[a.ID] {
				cands[i].direct += counts[a.ID]
			}
		}
		cands[i].support = hierarchySupport(tree, cands[i].region, counts)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.direct != b.direct {
			return a.direct > b.direct
		}
		if a.support != b.support {
			return a.support > b.support
		}
		return a.region.Code < b.region.Code
	})
	top := cands[0]
	if len(cands) > 1 {
		next := cands[1]
		if top.direct == next.direct && top.support == next.support {
			return kg.Region{}, "", kg.Errorf(kg.EINVALID, "region undecided: %s (%s) and %s (%s) are equally supported; no parent or neighbouring unit is named",
				top.region.Name, top.region.Code, next.region.Name, next.region.Code)
		}
		related := tree.IsAncestor(top.region.ID, next.region.ID) || tree.IsAncestor(next.region.ID, top.region.ID)
		if bodyOnly && !related && top.region.Name != next.region.Name {
			shared := sharedAncestorSupport(tree, top.region.ID, next.region.ID, counts)
			if float64(top.direct-shared) < bodyMargin*float64(next.direct-shared) {
				return kg.Region{}, "", kg.Errorf(kg.EINVALID, "region undecided: the body names %s (%d) and %s (%d) about equally often",
					top.region.Name, top.direct-shared, next.region.Name, next.direct-shared)
			}
		}
	}
	return top.region, evidence, nil
}

// ancestorSupport counts mentions of id's ancestors below the root.
func ancestorSupport(tree *division.Tree, id string, counts map[string]int) int {
	n := 0
	for _, a := range tree.Ancestors(id) {
		if a.Level != kg.LevelNational {
			n += counts[a.ID]
		}
	}
	return n
}

// sharedAncestorSupport counts mentions of the ancestors a and b share
// below the root: they support both equally and so decide nothing.
func sharedAncestorSupport(tree *division.Tree, a, b string, counts map[string]int) int {
	n := 0
	for _, x := range tree.Ancestors(a) {
		if x.Level != kg.LevelNational && tree.IsAncestor(x.ID, b) {
			n += counts[x.ID]
		}
	}
	return n
}

// hierarchySupport counts mentions of the regions around r: its ancestors
// below the root, its siblings and its whole subtree. A report on 新城区
// that also names 呼和浩特 or 回民区 supports 呼和浩特's 新城区 only.
func hierarchySupport(tree *division.Tree, r kg.Region, counts map[string]int) int {
	n := ancestorSupport(tree, r.ID, counts)
	if r.ParentID != "" && r.ParentID != kg.RegionID(kg.NationalCode) {
		for _, s := range tree.Children(r.ParentID) {
			if s.ID != r.ID {
				n += counts[s.ID]
			}
		}
	}
	// The mentioned regions are few, a province's subtree is thousands:
	// test each mention for descent rather than list the subtree.
	for id, c := range counts {
		if tree.IsAncestor(r.ID, id) {
			n += c
		}
	}
	return n
}

func hasCandidate(cands []regionCandidate, id string) bool {
	for _, c := range cands {
		if c.region.ID == id {
			return true
		}
	}
	return false
}

// sentenceNaming returns the body sentence that best shows r is the
// report's own region: the first naming r beside a self-reference of
// designation d (全旗…奈曼), else the first naming r by its official name,
// else the first naming it by a short name.
func sentenceNaming(body string, r kg.Region, d designation) string {
	names := append([]string{r.Name}, r.ShortNames...)
	first, firstFull := -1, -1
	for at := 0; at < len(body); {
		end := strings.IndexAny(body[at:], sentenceStops)
		if end < 0 {
			end = len(body)
		} else {
			end += at
		}
		size := 0
		if end < len(body) {
			_, size = utf8.DecodeRuneInString(body[end:])
		}
		sentence := body[at : end+size] // with its closing mark, as sentenceAround
		for k, name := range names {
			if !strings.Contains(sentence, name) {
				continue
			}
			if d != "" && mentionsSelf(sentence, d) {
				return strings.TrimSpace(sentence)
			}
			if first < 0 {
				first = at
			}
			if k == 0 && firstFull < 0 {
				firstFull = at
			}
		}
		if end == len(body) {
			break
		}
		at = end + size
	}
	switch {
	case firstFull >= 0:
		return sentenceAround(body, firstFull)
	case first >= 0:
		return sentenceAround(body, first)
	}
	return ""
}

// mentionsSelf reports whether a sentence holds a self-reference 全X, 我X
// or 本X with designation d.
func mentionsSelf(sentence string, d designation) bool {
	for _, p := range selfPrefixes {
		if strings.Contains(sentence, p+string(d)) {
			return true
		}
	}
	return false
}

const sentenceStops = "。！？!?\n"

// sentenceAround returns the sentence holding byte offset i.
func sentenceAround(text string, i int) string {
	start := afterLastAny(text[:i], sentenceStops)
	end := strings.IndexAny(text[i:], sentenceStops)
	if end < 0 {
		end = len(text)
	} else {
		_, size := utf8.DecodeRuneInString(text[i+end:])
		end = i + end + size
	}
	return strings.TrimSpace(text[start:end])
}
