package loader

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/link"
)

// Extract turns a parsed report into its graph. It fails with kg.EINVALID
// and a one-line reason when the text is not a work report or its region or
// year cannot be decided; it never guesses.
func Extract(ctx context.Context, doc *Document, tree *division.Tree, source string) (kg.ReportGraph, error) {
	if !doc.Addressed && len(doc.Parts) == 0 && !hasAreas(doc) {
		return kg.ReportGraph{}, kg.Errorf(kg.EINVALID, "not a work report: no address (各位代表), parts or task areas")
	}
	if tree == nil {
		return kg.ReportGraph{}, kg.Errorf(kg.EINTERNAL, "no division tree")
	}
	body := doc.bodyText()
	mentions := tree.Mentions(body)
	region, _, err := detectRegionWith(tree, headerText(doc), body, mentions)
	if err != nil {
		return kg.ReportGraph{}, fmt.Errorf("extract %s: %w", source, err)
	}
	if doc.Year == 0 {
		return kg.ReportGraph{}, kg.Errorf(kg.EINVALID, "year undecided: no plan or review heading, meeting date or metadata states it")
	}
	// The body is the end of doc.Body: offsets in it move by the header.
	base := len(doc.Body) - len(body)
	for i := range mentions {
		mentions[i].Offset += base
	}
	g, err := extract(ctx, doc, region, tree, mentions, source)
	if err != nil {
		return kg.ReportGraph{}, fmt.Errorf("extract %s: %w", source, err)
	}
	return g, nil
}

func hasAreas(doc *Document) bool {
	for _, p := range doc.Parts {
		if len(p.Areas) > 0 {
			return true
		}
	}
	return false
}

// headerText is the header the region is read from: the document's header
// lines preceded by what a crawler or page put in Meta (title, publisher),
// because Normalize takes those lines out of the body and a report stripped
// to 各位代表： may have nothing else that names its government.
func headerText(doc *Document) string {
	var sb strings.Builder
	if v := doc.Meta["title"]; v != "" {
		sb.WriteString(v)
		sb.WriteByte('\n')
	}
	if v := doc.Meta["publisher"]; v != "" {
		sb.WriteString("发文单位：")
		sb.WriteString(v)
		sb.WriteByte('\n')
	}
	sb.WriteString(joinLines(doc.Header))
	return sb.String()
}

func joinLines(lines []Line) string {
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(l.Text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// maxEvidence caps the passages kept per entity: enough to show where a
// thing is discussed without copying the report.
const maxEvidence = 5

// builder collects one report's entities, edges and targets; entities are
// merged by (kind, key) so a name seen several times is one entity.
type builder struct {
	ctx      context.Context // checked between stages and every few paragraphs
	doc      *Document
	tree     *division.Tree     // place names for facilities named by their place; may be nil
	mentions []division.Mention // region names in the body, by byte offset in doc.Body
	report   kg.Report
	entities map[string]*kg.Entity // by kind + "\x00" + key
	order    []string
	member   map[string]string // entity id → umbrella program id (from enumerations)
	section  map[string]string // entity id → task-area program id (first seen)
	areaIDs  []string          // task-area program ids, by area index
	targets  []kg.Target
}

// extract builds the report graph of a parsed document whose region is
// already decided; it fails only with ctx's error.
func extract(ctx context.Context, doc *Document, region kg.Region, tree *division.Tree, mentions []division.Mention, source string) (kg.ReportGraph, error) {
	rid := kg.ReportID(region.Code, doc.Year)
	b := &builder{
		ctx:      ctx,
		doc:      doc,
		tree:     tree,
		mentions: mentions,
		report: kg.Report{ID: rid, RegionID: region.ID, Year: doc.Year, DeliveredOn: doc.DeliveredOn,
			Title: doc.Title, Source: source, Outline: outline(doc)},
		entities: map[string]*kg.Entity{},
		member:   map[string]string{},
		section:  map[string]string{},
	}
	for _, stage := range []func(){b.taskAreas, b.paragraphs, b.appendices, b.inlineDeeds, b.glossary, b.targetsAndResults, b.mergeScoped} {
		if err := ctx.Err(); err != nil {
			return kg.ReportGraph{}, err
		}
		stage()
	}
	if err := ctx.Err(); err != nil {
		return kg.ReportGraph{}, err // paragraphs stops early when canceled
	}
	return b.graph(), nil
}

// scopePrefixes qualify a name with whose it is (自治区“万企兴万村”行动):
// the same entity as the bare name.
var scopePrefixes = []string{"自治区", "国家", "中央", "全国", "全省", "全区", "全市", "全盟", "全旗", "全县", "我省", "我区", "我市", "我盟", "我旗", "我县",
	"省级", "市级", "县级", "旗级", "市", "旗", "盟"}

// mergeScoped folds an entity whose key is a scope word plus another
// entity's key (same kind) into that entity, keeping its name as an alias.
func (b *builder) mergeScoped() {
	qualified := b.qualifiedTargets()
	remap := map[string]string{}
	var keep []string
	for _, k := range b.order {
		e := b.entities[k]
		target := b.scopedTarget(e)
		if target == nil {
			target = qualified[k]
		}
		if target == nil {
			keep = append(keep, k)
			continue
		}
		remap[e.ID] = target.ID
		if !contains(target.Aliases, e.Name) {
			target.Aliases = append(target.Aliases, e.Name)
		}
		for _, ev := range e.Evidence {
			if len(target.Evidence) < maxEvidence && !hasEvidence(target.Evidence, ev) {
				target.Evidence = append(target.Evidence, ev)
			}
		}
		if target.Definition == "" {
			target.Definition = e.Definition
		}
		delete(b.entities, k)
	}
	b.order = keep
	for _, m := range []map[string]string{b.member, b.section} {
		froms := make([]string, 0, len(m))
		for from := range m {
			froms = append(froms, from)
		}
		sort.Strings(froms) // which alias's parent survives must not depend on map order
		for _, from := range froms {
			to := m[from]
			if r, ok := remap[to]; ok {
				m[from] = r
			}
			if r, ok := remap[from]; ok {
				if _, exists := m[r]; !exists {
					m[r] = m[from]
				}
				delete(m, from)
			}
		}
	}
}

// qualifiedTargets finds spellings that differ by an umbrella's qualifier.
// An umbrella named Q“U” (京蒙协作“六个倍增计划”) lends Q to its members:
// Q+member (京蒙协作医疗倍增计划) is the member, and the bare “U” is the
// umbrella. It maps such an entity's builder key to the entity it is.
func (b *builder) qualifiedTargets() map[string]*kg.Entity {
	byID := make(map[string]*kg.Entity, len(b.entities))
	for _, e := range b.entities {
		byID[e.ID] = e
	}
	members := map[string][]*kg.Entity{}
	var umbrellas []string
	for from, to := range b.member {
		if m := byID[from]; m != nil {
			if members[to] == nil {
				umbrellas = append(umbrellas, to)
			}
			members[to] = append(members[to], m)
		}
	}
	sort.Strings(umbrellas) // which umbrella claims a spelling first must not depend on map order
	out := map[string]*kg.Entity{}
	claim := func(kind kg.EntityKind, key string, target *kg.Entity) {
		k := string(kind) + "\x00" + key
		if e := b.entities[k]; e != nil && e != target && out[k] == nil {
			out[k] = target
		}
	}
	for _, id := range umbrellas {
		u := byID[id]
		if u == nil {
			continue
		}
		q := nameQualifier(u.Name)
		if q == "" {
			continue
		}
		for _, m := range members[id] {
			if !strings.HasPrefix(m.Key, q) {
				claim(m.Kind, q+m.Key, m)
			}
		}
		claim(u.Kind, strings.TrimPrefix(u.Key, q), u)
	}
	// A target that is itself folded away would lose what is folded into it.
	for k, t := range out {
		if out[string(t.Kind)+"\x00"+t.Key] != nil {
			delete(out, k)
		}
	}
	return out
}

// nameQualifier is the unquoted lead of a name whose core is quoted (京蒙协作 in
// 京蒙协作“六个倍增计划”), "" when there is none or it is a single rune.
func nameQualifier(name string) string {
	i := strings.Index(name, "“")
	if i <= 0 {
		return ""
	}
	q := kg.KeyOf(name[:i])
	if utf8.RuneCountInString(q) < 2 || reNumbered.MatchString(q) {
		return "" // 六个“倍增计划”: a count, not a qualifier
	}
	return q
}

func (b *builder) scopedTarget(e *kg.Entity) *kg.Entity {
	for _, p := range scopePrefixes {
		if rest, ok := strings.CutPrefix(e.Key, p); ok && rest != "" {
			if t := b.entities[string(e.Kind)+"\x00"+rest]; t != nil {
				return t
			}
		}
	}
	return nil
}

// add merges a mention of (kind, name) into the report's entities.
func (b *builder) add(kind kg.EntityKind, name string, ev kg.Evidence) *kg.Entity {
	key := kg.KeyOf(name)
	k := string(kind) + "\x00" + key
	e, ok := b.entities[k]
	if !ok {
		e = &kg.Entity{ID: kg.EntityID(b.report.ID, kind, key), Kind: kind, Name: name, Key: key,
			ReportID: b.report.ID, RegionID: b.report.RegionID}
		b.entities[k] = e
		b.order = append(b.order, k)
	} else if name != e.Name && !contains(e.Aliases, name) {
		e.Aliases = append(e.Aliases, name)
	}
	if len(e.Evidence) < maxEvidence && !hasEvidence(e.Evidence, ev) {
		e.Evidence = append(e.Evidence, ev)
	}
	return e
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func hasEvidence(evs []kg.Evidence, ev kg.Evidence) bool {
	for _, e := range evs {
		if e.Offset == ev.Offset && e.Text == ev.Text {
			return true
		}
	}
	return false
}

func (b *builder) evidence(section string, l Line) kg.Evidence {
	return kg.Evidence{ReportID: b.report.ID, Section: section, Offset: l.Offset, Text: l.Text}
}

// outline lists the document's parts and their task areas in order, each
// ending where the next of its level or above starts or the body ends.
func outline(doc *Document) []kg.Section {
	end := 0
	if n := len(doc.Paragraphs); n > 0 {
		last := doc.Paragraphs[n-1].Line
		end = last.Offset + runeCount(last.Text)
	}
	var out []kg.Section
	for i, p := range doc.Parts {
		partEnd := end
		if i+1 < len(doc.Parts) {
			partEnd = doc.Parts[i+1].Heading.Offset
		}
		out = append(out, kg.Section{Heading: p.Heading.Text, Ordinal: ordinalOf(p.Heading.Text), Level: 1,
			Start: p.Heading.Offset, End: partEnd})
		for j, a := range p.Areas {
			areaEnd := partEnd
			if j+1 < len(p.Areas) {
				areaEnd = p.Areas[j+1].Heading.Offset
			}
			out = append(out, kg.Section{Heading: a.Heading.Text, Ordinal: ordinalOf(a.Heading.Text), Level: 2,
				Start: a.Heading.Offset, End: areaEnd})
		}
	}
	return out
}

// reOrdinal is a heading's ordinal as written: 二、, （一）, 一是, 第一，.
var reOrdinal = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、])`)

func ordinalOf(heading string) string {
	return reOrdinal.FindString(heading)
}

// taskAreas makes every task area of the plan part a program.
func (b *builder) taskAreas() {
	plan := planPart(b.doc)
	if plan < 0 {
		return
	}
	part := b.doc.Parts[plan]
	for i, a := range part.Areas {
		sec := b.doc.section(Paragraph{Part: plan, Area: i})
		e := b.add(kg.KindProgram, a.Name, b.evidence(sec, a.Heading))
		e.TaskArea = true
		b.areaIDs = append(b.areaIDs, e.ID)
	}
}

// paragraphs finds initiatives (lead sentences) and named things in every
// body paragraph.
// checkEvery is how many paragraphs paragraphs reads between checks of
// its context: a report has a few hundred, a runaway input millions.
const checkEvery = 256

func (b *builder) paragraphs() {
	plan := planPart(b.doc)
	for i, p := range b.doc.Paragraphs {
		if i%checkEvery == 0 && b.ctx.Err() != nil {
			return // extract reports the cancellation
		}
		if p.Heading && p.Area < 0 {
			continue // part headings
		}
		sec := b.doc.section(p)
		area := ""
		if p.Part == plan && plan >= 0 && p.Area >= 0 && p.Area < len(b.areaIDs) {
			area = b.areaIDs[p.Area]
		}
		sents := p.Sentences
		if p.Heading && len(sents) > 0 {
			sents = sents[1:] // the area heading itself is the task area
		}
		for i, s := range sents {
			if i == 0 && area != "" && !p.Heading && isLeadSentence(s.Text) && !endsWithName(s.Text) {
				e := b.add(kg.KindInitiative, strings.TrimRight(s.Text, "。！"), b.evidence(sec, s))
				b.setSection(e.ID, area)
			}
			found := findNames(s.Text)
			more := slices.Concat(listedProjects(s.Text), b.placeFacilities(s), framedFacilities(s.Text), preparedProjects(s.Text))
			named := slices.Clone(more) // every name read in the sentence
			for _, n := range found {
				named = append(named, n.Name)
			}
			for _, n := range found {
				kind, ok := classify(n.Name)
				// 省人民医院 of the listed 省人民医院国家重大传染病防治基地 is its
				// owner, not a project; a facility worked on (黔桂铁路 of 黔桂
				// 铁路增建二线) stays one, as in …铁路升级改造计划.
				if !ok || kind == kg.KindProject && (!inWorksClause(s.Text, n.Start, n.End) || ownsOnly(s.Text, n.Name, more)) {
					continue
				}
				e := b.addInArea(kind, n.Name, b.evidence(sec, s), area)
				if n.Alias != "" && n.Alias != e.Name && !contains(e.Aliases, n.Alias) {
					e.Aliases = append(e.Aliases, n.Alias)
				}
				if kind == kg.KindProject {
					for _, it := range projectSiblings(s.Text, n) {
						b.addInArea(kg.KindProject, it, b.evidence(sec, s), area)
					}
					for _, it := range lineSiblings(s.Text, n) {
						if b.tree == nil || len(b.tree.Lookup(it)) == 0 { // a region is no line
							b.addInArea(kg.KindProject, it, b.evidence(sec, s), area)
						}
					}
				}
			}
			for _, n := range findPhases(s.Text) {
				b.add(kg.KindProgram, n, b.evidence(sec, s))
			}
			for _, n := range listedCampaigns(s.Text) {
				b.addInArea(kg.KindInitiative, n, b.evidence(sec, s), area)
			}
			for _, n := range more {
				if !onlyInside(s.Text, n, named) {
					b.addInArea(kg.KindProject, n, b.evidence(sec, s), area)
				}
			}
		}
	}
}

// onlyInside reports a name that the sentence s holds only inside longer
// names read from it (阿里涿州云计算中心 of 阿里涿州云计算中心项目, 区人民医院
// of 区人民医院远程医疗项目): part of another name, not one of its own.
func onlyInside(s, name string, names []string) bool {
	inside := 0
	for _, long := range names {
		if len(long) > len(name) && strings.Contains(long, name) {
			inside += strings.Count(long, name) * strings.Count(s, long)
		}
	}
	return inside > 0 && strings.Count(s, name) <= inside
}

// ownsOnly reports an institution (a hospital, a university) that the
// sentence names only as the owner of longer names read from it.
func ownsOnly(s, name string, names []string) bool {
	return hasAnySuffix(name, institutionHeads) && onlyInside(s, name, names)
}

// placeFacilities finds facilities named by their place in a sentence
// (see placeNamedFacilities), from the body's region mentions already
// found for region detection: no sentence is scanned again.
func (b *builder) placeFacilities(s Line) []string {
	if b.tree == nil {
		return nil
	}
	// Only the report's own places: its region, the regions under it and
	// those above it below the root. Elsewhere a short place name is too
	// often an ordinary word (新兴, 友谊, 合作) or the whole country.
	end := s.Byte + len(s.Text)
	i := sort.Search(len(b.mentions), func(i int) bool { return b.mentions[i].Offset >= s.Byte })
	var own []division.Mention
	for ; i < len(b.mentions) && b.mentions[i].Offset+len(b.mentions[i].Name) <= end; i++ {
		if m := b.mentions[i]; slices.ContainsFunc(m.RegionIDs, b.isOwnPlace) {
			m.Offset -= s.Byte
			own = append(own, m)
		}
	}
	return placeNamedFacilities(s.Text, own)
}

func (b *builder) isOwnPlace(id string) bool {
	r := b.report.RegionID
	if id == kg.RegionID(kg.NationalCode) {
		return false // 全国, 中国: the country names no facility
	}
	return id == r || b.tree.IsAncestor(r, id) || b.tree.IsAncestor(id, r)
}

// addInArea adds a name found in a task area's text; an initiative or a
// project is PART_OF the area it was first seen in (a program is not: it
// spans areas).
func (b *builder) addInArea(kind kg.EntityKind, name string, ev kg.Evidence, area string) *kg.Entity {
	e := b.add(kind, name, ev)
	if area != "" && kind != kg.KindProgram {
		b.setSection(e.ID, area)
	}
	return e
}

func (b *builder) setSection(id, area string) {
	if _, ok := b.section[id]; !ok && id != area {
		b.section[id] = area
	}
}

// endsWithName reports whether a sentence ends with a named thing
// (深入实施“工业倍增”行动。): the name, not the sentence, is the initiative.
func endsWithName(s string) bool {
	body := strings.TrimRight(s, "。！")
	for _, n := range findNames(body) {
		if n.End == len(body) {
			return true
		}
	}
	return false
}

// isLeadSentence tells a short bold-like lead sentence (抓好项目投资。) from
// ordinary prose: short, one clause, ending a sentence.
func isLeadSentence(s string) bool {
	body := strings.TrimRight(s, "。！")
	n := runeCount(body)
	return n >= 4 && n <= 22 && len(body) < len(s) && !strings.ContainsAny(body, "，,；;：:") &&
		!strings.Contains(body, "是") && !strings.Contains(body, "关乎") && // topic sentences, not actions
		!strings.HasPrefix(body, "各位") // the address (各位代表！) closing a part
}

// appendices turns every numbered appendix item (民生实事) into a project
// with its lead department. An appendix titled as a list of 实事 is itself
// a program the items are PART_OF, so a client finds a report's 民生实事
// by that membership, whatever the list's wording.
func (b *builder) appendices() {
	for _, a := range b.doc.Appendices {
		ev := b.evidence(shorten("附件 / "+a.Title), a.Line)
		var list *kg.Entity
		if isDeedsList(a.Title) && len(a.Items) > 0 {
			list = b.add(kg.KindProgram, deedsListName(a.Title), ev)
		}
		for _, it := range a.Items {
			name := appendixName(it.Text)
			ev := b.evidence(shorten("附件 / "+a.Title), it.Line)
			e := b.add(kg.KindProject, name, ev)
			if e.LeadDepartment == "" {
				e.LeadDepartment = it.Lead
			}
			if list != nil {
				b.setMember(e.ID, list.ID)
			}
			// An item often carries out a named program (深入实施全民参保计划，…):
			// the program is the report's too, and what lower levels link to.
			// The item itself stays the one project.
			for _, n := range findNames(it.Text) {
				if kind, ok := classify(n.Name); ok && kind != kg.KindProject {
					b.add(kind, n.Name, ev)
				}
			}
		}
	}
}

// isDeedsList reports a title or phrase naming a list of 民生实事 (十件民生实事,
// 民生实事清单, 为民办实事项目).
func isDeedsList(s string) bool {
	return containsWord(s, "实事")
}

// deedsListName is a list's title without the words that say it is a list.
func deedsListName(title string) string {
	name := strings.TrimFunc(title, isSpace)
	for _, w := range []string{"清单", "项目表", "一览表", "表"} {
		name = strings.TrimSuffix(name, w)
	}
	return name
}

// reDeedsIntro is the phrase introducing a list of 民生实事 inside a
// paragraph (办好15件市级重点民生实事，包括：), up to the list's colon.
var reDeedsIntro = regexp.MustCompile(`((?:[0-9]+|[一二三四五六七八九十]+)件[^，。；：:]{0,12}实事)[^。；：:]{0,12}[：:]`)

// minDeedsItems is how many ；-separated items make an inline list.
const minDeedsItems = 3

// inlineDeeds reads a 民生实事 list written inside a paragraph (今年将办好
// 15件市级重点民生实事，包括：完成老旧小区改造600个；治理…；…): the counted
// phrase becomes a program and each item a project PART_OF it.
func (b *builder) inlineDeeds() {
	for _, p := range b.doc.Paragraphs {
		if p.Part >= 0 && b.doc.Parts[p.Part].Kind == PartReview || !containsWord(p.Text, "实事") {
			continue // last year's list is reported as done; most paragraphs have none
		}
		for _, s := range p.Sentences {
			if !containsWord(s.Text, "实事") {
				continue
			}
			m := reDeedsIntro.FindStringSubmatchIndex(s.Text)
			if m == nil {
				continue
			}
			items := strings.FieldsFunc(s.Text[m[1]:], func(r rune) bool { return r == '；' || r == ';' })
			if len(items) < minDeedsItems {
				continue
			}
			ev := b.evidence(b.doc.section(p), s)
			list := b.add(kg.KindProgram, s.Text[m[2]:m[3]], ev)
			for _, it := range items {
				name := appendixName(strings.TrimRight(strings.TrimFunc(it, isSpace), "。等"))
				if name == "" {
					continue
				}
				b.setMember(b.add(kg.KindProject, name, ev).ID, list.ID)
			}
		}
	}
}

// setMember makes id PART_OF umbrella by enumeration, unless id already
// belongs to another enumeration.
func (b *builder) setMember(id, umbrella string) {
	if _, seen := b.member[id]; !seen && id != umbrella {
		b.member[id] = umbrella
	}
}

// appendixName is an item's first sentence, whole: an item's parts
// joined by ；(两癌筛查…；对…给予救助) are one deed, and a name cut short
// says less than the item. Only text with no sentence end at all is
// bounded, at a clause, so garbage cannot make a page-long name.
func appendixName(text string) string {
	name := text
	if i := strings.IndexAny(name, "。"); i > 0 {
		name = name[:i]
	}
	const maxRunes = 300
	if rs := []rune(name); len(rs) > maxRunes {
		name = string(rs[:maxRunes])
		if i := strings.LastIndexAny(name, "，；,;"); i > 0 {
			name = name[:i]
		}
	}
	return strings.TrimRight(name, "，；,; ")
}

// glossary makes programs of glossary terms that name one, their enumerated
// members programs or initiatives PART_OF them, terms of the rest (“四上”企业
// names no program, but a reader looks it up), and attaches definitions.
func (b *builder) glossary() {
	var entries []GlossaryEntry
	for _, g := range b.doc.Glossary {
		entries = append(entries, jointEntries(g)...)
	}
	for _, g := range entries {
		b.glossaryEntry(g)
	}
	byKey := map[string][]*kg.Entity{}
	for _, k := range b.order {
		e := b.entities[k]
		byKey[e.Key] = append(byKey[e.Key], e)
	}
	for _, g := range entries {
		def := definitionText(g.Definition)
		for _, e := range byKey[kg.KeyOf(g.Term)] {
			if e.Definition == "" {
				e.Definition = def
			}
		}
	}
}

// glossaryEntry adds one defined term: the program, campaign or project
// it names with the members its definition lists, or a TERM.
func (b *builder) glossaryEntry(g GlossaryEntry) {
	ev := b.evidence("名词解释", g.Line)
	kind, ok := classify(g.Term)
	if !ok {
		// A term the body already names as a campaign or project
		// (“才聚江西 智荟赣鄱” listed before 等活动) is that entity,
		// given its definition, not a second one.
		if !b.named(kg.KeyOf(g.Term)) {
			b.add(kg.KindTerm, g.Term, ev)
		}
		return
	}
	umbrella := b.add(kind, g.Term, ev)
	for _, m := range members(g.Term, g.Definition) {
		mk, ok := classify(m)
		if !ok {
			continue
		}
		e := b.add(mk, m, ev)
		if e.ID != umbrella.ID {
			if _, seen := b.member[e.ID]; !seen {
				b.member[e.ID] = umbrella.ID
			}
		}
	}
}

// reJointTerm is a glossary term of two or more quoted handles side by
// side: “三大高地”“五大战略”.
var reJointTerm = regexp.MustCompile(`^(?:“[^“”]+”){2,}$`)

// jointEntries splits an entry that defines several handles at once,
// one definition part each, separated by ，or ；(“三大高地”“五大战略”：
// 革命老区…高地、…高地，产业升级战略、…战略), into one entry per handle;
// any other entry is returned as it is.
func jointEntries(g GlossaryEntry) []GlossaryEntry {
	term := strings.TrimFunc(g.Term, isSpace)
	if !reJointTerm.MatchString(term) {
		return []GlossaryEntry{g}
	}
	handles := strings.SplitAfter(term, "”")
	handles = handles[:len(handles)-1] // the empty string after the last ”
	def := strings.TrimRight(strings.TrimFunc(g.Definition, isSpace), "。")
	parts := strings.FieldsFunc(def, func(r rune) bool { return r == '，' || r == '；' })
	if len(parts) != len(handles) {
		return []GlossaryEntry{g}
	}
	out := make([]GlossaryEntry, len(handles))
	for i, h := range handles {
		out[i] = g
		out[i].Term, out[i].Definition = h, parts[i]
	}
	return out
}

// named reports an entity of a named kind (program, initiative, project)
// with key.
func (b *builder) named(key string) bool {
	for _, k := range []kg.EntityKind{kg.KindProgram, kg.KindInitiative, kg.KindProject} {
		if _, ok := b.entities[string(k)+"\x00"+key]; ok {
			return true
		}
	}
	return false
}

func definitionText(def string) string {
	for _, p := range []string{"是指", "指", "即"} {
		if strings.HasPrefix(def, p) {
			return strings.TrimPrefix(def, p)
		}
	}
	return def
}

// members splits a glossary definition that enumerates an umbrella's parts
// (政策落地工程、…、自贸区创建工程。 or “A”“B”“C”) into member names; a
// suffix given only on the last member is shared by all (市场主体培育、…、
// 服务质量提升行动).
func members(term, def string) []string {
	def = strings.TrimRight(definitionText(strings.TrimFunc(def, isSpace)), "。")
	if i := strings.Index(def, "包括"); i >= 0 {
		def = def[i+len("包括"):]
	}
	def = strings.TrimPrefix(def, "分别")
	def = strings.ReplaceAll(def, "”“", "”、“")
	if strings.ContainsAny(def, "。；;：:") {
		return nil
	}
	if strings.ContainsAny(def, "，,") {
		return nil // prose, not an enumeration
	}
	parts := strings.FieldsFunc(def, func(r rune) bool { return r == '、' })
	if len(parts) < 2 {
		return nil
	}
	if last := parts[len(parts)-1]; strings.Contains(last, "和") && !strings.Contains(strings.Join(parts[:len(parts)-1], ""), "和") {
		if a, c, ok := strings.Cut(last, "和"); ok && utf8.RuneCountInString(a) >= 2 && utf8.RuneCountInString(c) >= 4 {
			parts = append(parts[:len(parts)-1], a, c)
		}
	}
	suffix := ""
	for _, s := range append(append([]string{}, programSuffixes...), actionSuffixes...) {
		if strings.HasSuffix(kg.KeyOf(parts[len(parts)-1]), s) {
			suffix = s
		}
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimFunc(p, isSpace)
		if i := strings.LastIndex(p, "的"); i >= 0 && !strings.Contains(p[i:], "”") {
			p = p[i+len("的"):] // 自治区组织实施的“创业内蒙古” → “创业内蒙古”
		} else if i >= 0 {
			p = p[i+len("的"):]
		}
		if utf8.RuneCountInString(p) > 24 || p == "" {
			return nil
		}
		if suffix != "" && !strings.HasSuffix(kg.KeyOf(p), suffix) {
			p += suffix
		}
		out = append(out, p)
	}
	return out
}

// graph assembles the ReportGraph: entities in first-seen order, one PART_OF
// per entity (an enumerated membership wins over the task area it was seen in).
func (b *builder) graph() kg.ReportGraph {
	g := kg.ReportGraph{Report: b.report, Targets: b.targets}
	g.Entities = make([]kg.Entity, 0, len(b.order))
	for _, k := range b.order {
		e := b.entities[k]
		e.Names = link.Names(e)
		g.Entities = append(g.Entities, *e)
	}
	for _, k := range b.order {
		e := b.entities[k]
		if to, ok := b.member[e.ID]; ok {
			g.Edges = append(g.Edges, kg.Edge{Type: kg.EdgePartOf, FromID: e.ID, ToID: to, Method: kg.MethodMember, Confidence: 1})
		} else if to, ok := b.section[e.ID]; ok {
			g.Edges = append(g.Edges, kg.Edge{Type: kg.EdgePartOf, FromID: e.ID, ToID: to, Method: kg.MethodSection, Confidence: 1})
		}
	}
	sort.SliceStable(g.Edges, func(i, j int) bool { return g.Edges[i].FromID < g.Edges[j].FromID })
	return g
}
