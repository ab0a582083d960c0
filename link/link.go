// Package link finds IMPLEMENTS edges: an entity in a lower-level region's
// report that carries out the same named program, initiative or project as
// an entity in an ancestor region's report. It is pure: entities in, edges
// out, the same answer for the same input in any order.
//
// Only names link. Task-area headings and paragraph lead sentences
// (抓好项目投资) recur in every report without being the same thing, so an
// entity links only when its name is a name: quoted (“三北”工程) or ending
// in a naming suffix (工程, 计划, 行动…), with a distinctive stem. A weak
// match is not an edge.
package link

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// Confidences by how a pair matched.
const (
	confName   = 1.0  // same normalised key
	confAlias  = 0.9  // one side lists the other's name among its aliases
	confStem   = 0.8  // same stem once quotes and a variant suffix are removed
	confPart   = 0.8  // one is a part of the other's coordinated name (科尔沁… in 科尔沁和浑善达克沙地歼灭战)
	confHandle = 0.65 // the quoted handle of one (“三北”) starts the other's name
)

// minKeyRunes: shorter keys (党建, 双碳) are words, not names of programs.
const minKeyRunes = 3

// nameSuffixes end the name of a program, initiative or campaign.
var nameSuffixes = []string{"工程", "计划", "战略", "行动", "活动", "攻坚战", "歼灭战", "保卫战", "示范区", "示范带", "工作法", "倍增计划", "年"}

// variantSuffixes are dropped to compare stems: “三北”六期工程, 三北工程 and
// “三北”六期 are one program at different granularity.
var variantSuffixes = []string{"六期工程", "六期", "工程", "行动", "计划"}

// genericStems are stems that, before a naming suffix, name no particular
// program: every report has a 民生工程 and a 重点项目 of its own.
var genericStems = map[string]bool{
	"民生": true, "惠民": true, "重点": true, "重大": true, "基础": true, "专项": true, "各项": true,
	"相关": true, "发展": true, "系统": true, "配套": true, "这项": true, "一批": true, "民心": true,
	"建设": true, "产业": true, "示范": true, "试点": true, "工作": true, "提升": true, "攻坚": true,
	"整治": true, "三年": true, "五年": true, "十大": true, "专项整治": true, "专项行动": true,
	"十四五": true, "十五五": true, "半拉子": true, // 半拉子工程: unfinished works of any kind
	"重点工作": true, "重点项目": true, "重大项目": true, "民生实事": true, "招商引资": true,
}

// side is one entity prepared for matching.
type side struct {
	e       *kg.Entity
	key     string          // normalised key
	stem    string          // key without quotes and variant suffix; "" when not distinctive
	handles []string        // distinctive quoted segments of the name
	plain   string          // stem key without intensifiers (攻坚, 专项); "" when the same as key
	parts   map[string]bool // the names a coordinated name (A和B…) joins
	aliases map[string]bool // normalised aliases
	// suffix is key's naming suffix (nameSuffixes), "" when none; kept
	// because sharedHandle needs it for every pair the last tier scans.
	suffix string
}

// Implements returns the IMPLEMENTS edges from lower (entities of one
// report of a region) to upper (entities of one report of an ancestor
// region), ordered by (FromID, ToID). Each lower entity gets at most one
// edge: its best match, same kind preferred, ties to the smaller id.
func Implements(lower, upper []*kg.Entity) []kg.Edge {
	return NewIndex(upper).Implements(lower)
}

// Index holds one upper report's entities prepared for matching, so many
// lower reports can be matched against it without redoing that work, and
// each lower entity costs map lookups rather than a scan of upper.
type Index struct {
	all     []*side
	byKey   map[string][]*side
	byAlias map[string][]*side
	byStem  map[string][]*side
}

// NewIndex prepares upper for Implements.
func NewIndex(upper []*kg.Entity) *Index {
	ix := &Index{all: prepare(upper), byKey: map[string][]*side{}, byAlias: map[string][]*side{}, byStem: map[string][]*side{}}
	for _, up := range ix.all {
		ix.byKey[up.key] = append(ix.byKey[up.key], up)
		for a := range up.aliases {
			ix.byAlias[a] = append(ix.byAlias[a], up)
		}
		if up.stem != "" {
			ix.byStem[up.stem] = append(ix.byStem[up.stem], up)
		}
	}
	return ix
}

// Implements is the package-level Implements against the indexed upper report.
func (ix *Index) Implements(lower []*kg.Entity) []kg.Edge {
	var edges []kg.Edge
	for _, lo := range prepare(lower) {
		if best, method, conf, ok := ix.match(lo); ok {
			edges = append(edges, edge(lo.e, best.e, method, conf))
		}
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].FromID != edges[j].FromID {
			return edges[i].FromID < edges[j].FromID
		}
		return edges[i].ToID < edges[j].ToID
	})
	return edges
}

// match finds lo's best upper entity tier by tier (name, alias, stem,
// then a scan for handles), falling through when a tier's candidates all
// fail (say, a project and a program sharing a key), so the answer equals
// bestMatch over all of upper.
func (ix *Index) match(lo *side) (*side, string, float64, bool) {
	if best, m, c, ok := bestMatch(lo, ix.byKey[lo.key]); ok {
		return best, m, c, ok
	}
	alias := append([]*side(nil), ix.byAlias[lo.key]...)
	for a := range lo.aliases {
		alias = append(alias, ix.byKey[a]...)
	}
	if best, m, c, ok := bestMatch(lo, alias); ok {
		return best, m, c, ok
	}
	if lo.stem != "" {
		if best, m, c, ok := bestMatch(lo, ix.byStem[lo.stem]); ok {
			return best, m, c, ok
		}
	}
	return bestMatch(lo, ix.all)
}

func (s *side) plainKey() string {
	if s.plain != "" {
		return s.plain
	}
	return s.key
}

func prepare(es []*kg.Entity) []*side {
	var out []*side
	for _, e := range es {
		if e == nil || !linkable(e) {
			continue
		}
		s := &side{e: e, key: kg.KeyOf(e.Key), aliases: map[string]bool{}}
		if s.key == "" {
			s.key = kg.KeyOf(e.Name)
		}
		s.stem = stem(s.key)
		s.handles = handles(e.Name)
		s.plain = plain(s.key)
		s.parts = parts(s.key)
		s.suffix = suffixOf(s.key, nameSuffixes)
		for _, a := range e.Aliases {
			s.aliases[kg.KeyOf(a)] = true
		}
		out = append(out, s)
	}
	return out
}

// linkable tells names from words: programs and initiatives with a named
// form, and projects with a short proper name (not a 民生实事 sentence).
func linkable(e *kg.Entity) bool {
	key := kg.KeyOf(e.Key)
	if key == "" {
		key = kg.KeyOf(e.Name)
	}
	if utf8.RuneCountInString(key) < minKeyRunes || isHeading(e) || genericStems[key] {
		return false
	}
	switch e.Kind {
	case kg.KindProgram, kg.KindInitiative:
		if suf := suffixOf(key, nameSuffixes); suf != "" && genericStems[strings.TrimSuffix(key, suf)] {
			return false // quoting does not make “半拉子”工程 a name
		}
		if quoted(e.Name) {
			return true
		}
		suf := suffixOf(key, nameSuffixes)
		return suf != "" && distinctive(strings.TrimSuffix(key, suf))
	case kg.KindProject:
		n := utf8.RuneCountInString(key)
		return n >= 5 && n <= 30 && !strings.ContainsAny(key, "，、；。,;")
	}
	return false
}

// isHeading reports a task area: its first evidence is its own heading, so
// the section path holds “）<name>”.
func isHeading(e *kg.Entity) bool {
	if len(e.Evidence) == 0 {
		return false
	}
	name := []rune(strings.TrimSpace(e.Name))
	if len(name) > 10 {
		name = name[:10]
	}
	return len(name) > 0 && strings.Contains(e.Evidence[0].Section, "）"+string(name))
}

// bestMatch picks the strongest match of lo among ups.
func bestMatch(lo *side, ups []*side) (*side, string, float64, bool) {
	var best *side
	var bestMethod string
	bestConf := 0.0
	for _, up := range ups {
		method, conf, ok := match(lo, up)
		if !ok {
			continue
		}
		if best == nil || better(conf, lo.e.Kind == up.e.Kind, up.e.ID, bestConf, lo.e.Kind == best.e.Kind, best.e.ID) {
			best, bestMethod, bestConf = up, method, conf
		}
	}
	return best, bestMethod, bestConf, best != nil
}

func better(conf float64, sameKind bool, id string, bConf float64, bSameKind bool, bID string) bool {
	if conf != bConf {
		return conf > bConf
	}
	if sameKind != bSameKind {
		return sameKind
	}
	return id < bID
}

// match tells whether lo and up name the same thing, and how.
func match(lo, up *side) (string, float64, bool) {
	if (lo.e.Kind == kg.KindProject) != (up.e.Kind == kg.KindProject) {
		return "", 0, false // a project never implements a program, nor the reverse
	}
	switch {
	case lo.key == up.key:
		return kg.MethodName, confName, true
	case up.aliases[lo.key] || lo.aliases[up.key]:
		return kg.MethodAlias, confAlias, true
	case lo.e.Kind == kg.KindProject:
		return "", 0, false // projects link by their exact name only
	case lo.stem != "" && lo.stem == up.stem, (lo.plain != "" || up.plain != "") && lo.plainKey() == up.plainKey():
		return kg.MethodAlias, confStem, true
	case up.parts[lo.key] || lo.parts[up.key]:
		return kg.MethodAlias, confPart, true
	case sharedHandle(lo, up) || sharedHandle(up, lo):
		return kg.MethodAlias, confHandle, true
	}
	return "", 0, false
}

// sharedHandle reports whether a quoted handle of a (三北 in “三北”工程)
// sits inside both keys without being either whole key, and both end in
// the same naming suffix: “三北”工程 → 三北防护林体系建设工程, 科技“突围”工程 →
// 科技创新“突围”工程, but not “突围”行动 → 科技“突围”工程, nor “千万工程” →
// “五个千万工程” (a handle that is the whole name is a name of its own).
func sharedHandle(a, b *side) bool {
	// Most names carry no quoted handle: test that before the suffixes, as
	// the last tier of Index.match asks this of every upper entity.
	if len(a.handles) == 0 || a.suffix == "" || a.suffix != b.suffix {
		return false
	}
	for _, h := range a.handles {
		if h != a.key && h != b.key && strings.Contains(b.key, h) && strings.Contains(a.key, h) {
			return true
		}
	}
	return false
}

func edge(lo, up *kg.Entity, method string, conf float64) kg.Edge {
	var ev []kg.Evidence
	if len(lo.Evidence) > 0 {
		ev = append(ev, lo.Evidence[0])
	}
	if len(up.Evidence) > 0 {
		ev = append(ev, up.Evidence[0])
	}
	return kg.Edge{Type: kg.EdgeImplements, FromID: lo.ID, ToID: up.ID, Method: method, Confidence: conf, Evidence: ev}
}

// stem drops one variant suffix; it is "" unless what remains is distinctive.
func stem(key string) string {
	suf := suffixOf(key, variantSuffixes)
	if suf == "" {
		return ""
	}
	s := strings.TrimSuffix(key, suf)
	if !distinctive(s) || counted(s) {
		return ""
	}
	return s
}

// handles are the quoted segments of a name (三北 in “三北”工程) that are
// distinctive enough to identify it.
func handles(name string) []string {
	var out []string
	for rest := name; ; {
		i := strings.IndexAny(rest, "“\"")
		if i < 0 {
			return out
		}
		rest = rest[i:]
		_, size := utf8.DecodeRuneInString(rest)
		rest = rest[size:]
		j := strings.IndexAny(rest, "”\"")
		if j < 0 {
			return out
		}
		if h := kg.KeyOf(rest[:j]); distinctive(h) && !counted(h) {
			out = append(out, h)
		}
		_, size = utf8.DecodeRuneInString(rest[j:])
		rest = rest[j+size:]
	}
}

// intensifiers are inserted into action names without changing what they
// name: 服务业高质量发展三年攻坚行动 is 服务业高质量发展三年行动.
var intensifiers = []string{"攻坚", "专项"}

// plain is key without intensifiers, for actions only; "" when nothing was
// removed or what is left is not distinctive.
func plain(key string) string {
	if !strings.HasSuffix(key, "行动") {
		return ""
	}
	p := key
	for _, w := range intensifiers {
		p = strings.ReplaceAll(p, w, "")
	}
	if p == key || !distinctive(strings.TrimSuffix(p, "行动")) || counted(strings.TrimSuffix(p, "行动")) {
		return ""
	}
	return p
}

// parts expands a coordinated name, A和B, into the names it joins. When A
// carries a naming suffix of its own both are whole names (X工程和Y工程);
// otherwise A shares B's tail, which may start anywhere in B
// (科尔沁和浑善达克沙地歼灭战 joins 科尔沁沙地歼灭战 and 浑善达克沙地歼灭战), so
// every A+tail is a candidate: the wrong ones name nothing and match nothing.
func parts(key string) map[string]bool {
	i := strings.Index(key, "和")
	if i <= 0 || strings.Count(key, "和") != 1 {
		return nil
	}
	a, b := key[:i], key[i+len("和"):]
	suf := suffixOf(b, nameSuffixes)
	if suf == "" || !distinctive(a) || !distinctive(strings.TrimSuffix(b, suf)) {
		return nil
	}
	out := map[string]bool{b: true}
	if suffixOf(a, nameSuffixes) != "" {
		out[a] = true
		return out
	}
	rest := strings.TrimSuffix(b, suf)
	for j := range rest {
		if j > 0 { // a tail shorter than all of B, longer than the suffix
			out[a+b[j:]] = true
		}
	}
	return out
}

// distinctive: at least two runes and not a generic word.
func distinctive(s string) bool {
	return utf8.RuneCountInString(s) >= 2 && !genericStems[s]
}

// counted reports a bare count (六个, 十大, 千万, 3项): umbrella programs
// share it across unrelated names (“六个行动” is not “六个工程”), so it is
// no stem or handle.
//
// Written out rather than as a regular expression: the loader asks it of
// every name it finds (link.Names), several times each.
func counted(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case strings.ContainsRune("一二三四五六七八九十两百千万0123456789", r):
			digits++
		case digits > 0 && i+utf8.RuneLen(r) == len(s) && strings.ContainsRune("个项大条类种批", r):
			return true
		default:
			return false
		}
	}
	return digits > 0
}

func quoted(name string) bool { return strings.ContainsAny(name, "“”\"") }

// suffixOf returns the longest of suffixes that s ends with, or "".
func suffixOf(s string, suffixes []string) string {
	best := ""
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) && len(x) > len(best) && len(x) < len(s) {
			best = x
		}
	}
	return best
}
