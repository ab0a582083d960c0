package memory

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/reportgraph/reportgraph/kg"
)

// The search index is an inverted index of rune bigrams over the lowercased
// searchable texts of every entity (name, aliases, definition, evidence).
// A query of two or more runes can only match an entity holding all of the
// query's bigrams, so intersecting their posting lists gives a candidate
// set that kg.MatchScore then verifies and scores, exactly as a full scan
// would. Each field also ends with a bigram (last rune, eos), so a 1-rune
// query r is answered by the union of the bigrams starting with r, with no
// unigram lists to store.
//
// A posting is slot<<fieldBits | fields: the entity's slot and which of its
// fields hold the bigram. Slots are handed out in increasing order, so
// appending keeps every list sorted; a report's entities get one
// contiguous range, so replacing it cuts one range out of each list.

// eos ends every field; range over a string never yields a negative rune.
const eos rune = -1

// Field bits of a posting, in kg.MatchScore's order of precedence.
const (
	fieldName uint32 = 1 << iota
	fieldAlias
	fieldDefinition
	fieldEvidence

	fieldBits = 4
	fieldMask = 1<<fieldBits - 1
	maxSlots  = 1<<(32-fieldBits) - 1
)

// Compaction renumbers slots once freed ones outnumber live ones (and a
// few are free), so re-putting reports does not grow the slot table.
const minFreeToCompact = 1024

// slot is one indexed entity with the fields search filters on, inline so
// filtering a candidate does not decode the entity. It holds no pointer,
// so the slot table costs a garbage-collection cycle nothing to mark.
type slot struct {
	ord    uint32 // in the entity table; none: freed, its report was replaced or deleted
	year   int32
	region int32 // ordinal in searchIndex.regionOrd
	kind   uint8 // entityTable.kinds code
}

// slotRange is the slots [lo, hi) of one report's entities.
type slotRange struct{ lo, hi uint32 }

// searchIndex is the bigram index. It is guarded by Store.mu.
type searchIndex struct {
	ents      *entityTable
	grams     map[rune]map[rune][]uint32 // first rune → second rune (or eos) → postings
	slots     []slot
	live      int
	byReport  map[string]slotRange
	regionOrd map[string]int32 // region id → small ordinal, for region filters
}

func newSearchIndex(ents *entityTable) *searchIndex {
	return &searchIndex{
		ents:      ents,
		grams:     map[rune]map[rune][]uint32{},
		byReport:  map[string]slotRange{},
		regionOrd: map[string]int32{},
	}
}

// eachGram calls fn for every bigram of s in kg.SearchForm, then for
// (last rune, eos); nothing for an empty s.
func eachGram(s string, fn func(a, b rune)) {
	prev, have := rune(0), false
	for _, r := range kg.SearchForm(s) {
		if have {
			fn(prev, r)
		}
		prev, have = r, true
	}
	if have {
		fn(prev, eos)
	}
}

type gram struct{ a, b rune }

// entityGrams collects e's bigrams with the fields holding each into into.
func entityGrams(e *kg.Entity, into map[gram]uint32) {
	add := func(f uint32) func(a, b rune) {
		return func(a, b rune) { into[gram{a, b}] |= f }
	}
	eachGram(e.Name, add(fieldName))
	for _, a := range e.Aliases {
		eachGram(a, add(fieldAlias))
	}
	eachGram(e.Definition, add(fieldDefinition))
	for i := range e.Evidence {
		eachGram(e.Evidence[i].Text, add(fieldEvidence))
	}
}

// add indexes a report's entities, which the store has just stored.
func (ix *searchIndex) add(r *kg.Report, ords []uint32) {
	if len(ix.slots)+len(ords) > maxSlots {
		ix.compact()
	}
	region, ok := ix.regionOrd[r.RegionID]
	if !ok {
		region = int32(len(ix.regionOrd))
		ix.regionOrd[r.RegionID] = region
	}
	lo := uint32(len(ix.slots))
	grams := map[gram]uint32{}
	var e kg.Entity
	for _, o := range ords {
		id := uint32(len(ix.slots))
		ix.slots = append(ix.slots, slot{ord: o, year: int32(r.Year), region: region, kind: ix.ents.recs[o].kind})
		clear(grams)
		ix.ents.view(o, &e)
		entityGrams(&e, grams)
		for g, f := range grams {
			row := ix.grams[g.a]
			if row == nil {
				row = map[rune][]uint32{}
				ix.grams[g.a] = row
			}
			row[g.b] = appendPosting(row[g.b], id<<fieldBits|f)
		}
	}
	ix.live += len(ords)
	ix.byReport[r.ID] = slotRange{lo, uint32(len(ix.slots))}
}

// appendPosting appends p, growing long lists by an eighth rather than
// append's quarter-to-double: the lists are most of the index's memory,
// and the copying this costs is paid at load, not at search.
func appendPosting(ps []uint32, p uint32) []uint32 {
	if len(ps) == cap(ps) && len(ps) >= 32 {
		grown := make([]uint32, len(ps), len(ps)+len(ps)/8)
		copy(grown, ps)
		ps = grown
	}
	return append(ps, p)
}

// remove drops a report's entities from the index; the store calls it
// before forgetting them, as their texts name the lists to cut.
func (ix *searchIndex) remove(reportID string) {
	rg, ok := ix.byReport[reportID]
	if !ok {
		return
	}
	delete(ix.byReport, reportID)
	grams := map[gram]uint32{}
	var e kg.Entity
	for i := rg.lo; i < rg.hi; i++ {
		ix.ents.view(ix.slots[i].ord, &e)
		entityGrams(&e, grams)
		ix.slots[i] = slot{ord: none}
	}
	for g := range grams {
		row := ix.grams[g.a]
		ps := cutRange(row[g.b], rg.lo, rg.hi)
		if len(ps) > 0 {
			row[g.b] = ps
			continue
		}
		delete(row, g.b)
		if len(row) == 0 {
			delete(ix.grams, g.a)
		}
	}
	ix.live -= int(rg.hi - rg.lo)
	if free := len(ix.slots) - ix.live; free >= minFreeToCompact && free > ix.live {
		ix.compact()
	}
}

// cutRange removes the postings of slots [lo, hi) from the sorted ps.
func cutRange(ps []uint32, lo, hi uint32) []uint32 {
	i, _ := slices.BinarySearch(ps, lo<<fieldBits)
	j, _ := slices.BinarySearch(ps, hi<<fieldBits)
	return slices.Delete(ps, i, j)
}

// compact renumbers the live slots densely. Renumbering keeps their order,
// so every posting list stays sorted and each report's range contiguous.
func (ix *searchIndex) compact() {
	renum := make([]uint32, len(ix.slots))
	n := uint32(0)
	for i := range ix.slots {
		renum[i] = n
		if ix.slots[i].ord != none {
			ix.slots[n] = ix.slots[i]
			n++
		}
	}
	ix.slots = slices.Clip(ix.slots[:n])
	for _, row := range ix.grams {
		for _, ps := range row {
			for k, p := range ps {
				ps[k] = renum[p>>fieldBits]<<fieldBits | p&fieldMask
			}
		}
	}
	for id, rg := range ix.byReport {
		lo := renum[rg.lo]
		ix.byReport[id] = slotRange{lo, lo + rg.hi - rg.lo}
	}
}

// candidates returns the postings of the entities that may contain q (the
// trimmed query in kg.SearchForm), with the fields that may hold it: exact for
// one or two runes, a superset for longer queries.
func (ix *searchIndex) candidates(q string) []uint32 {
	rs := []rune(q)
	if len(rs) == 1 {
		return ix.union(ix.grams[rs[0]])
	}
	var lists [][]uint32
	seen := map[gram]bool{}
	for i := 1; i < len(rs); i++ {
		g := gram{rs[i-1], rs[i]}
		if seen[g] {
			continue
		}
		seen[g] = true
		ps := ix.grams[g.a][g.b]
		if len(ps) == 0 {
			return nil
		}
		lists = append(lists, ps)
	}
	slices.SortFunc(lists, func(a, b []uint32) int { return len(a) - len(b) })
	out := slices.Clone(lists[0])
	for _, ps := range lists[1:] {
		if out = intersect(out, ps); len(out) == 0 {
			return nil
		}
	}
	return out
}

// union merges the lists of a row into one sorted posting list, ORing the
// fields of a slot: a dense mark per slot beats merging dozens of lists.
func (ix *searchIndex) union(row map[rune][]uint32) []uint32 {
	if len(row) == 0 {
		return nil
	}
	if len(row) == 1 {
		for _, ps := range row {
			return slices.Clone(ps)
		}
	}
	marks := make([]uint8, len(ix.slots))
	n := 0
	for _, ps := range row {
		for _, p := range ps {
			if marks[p>>fieldBits] == 0 {
				n++
			}
			marks[p>>fieldBits] |= uint8(p & fieldMask)
		}
	}
	out := make([]uint32, 0, n)
	for i, m := range marks {
		if m != 0 {
			out = append(out, uint32(i)<<fieldBits|uint32(m))
		}
	}
	return out
}

// intersect keeps the postings of a whose slot is also in b, ANDing the
// fields, in place. Galloping through b keeps a short a cheap against a
// long b.
func intersect(a, b []uint32) []uint32 {
	out := a[:0]
	j := 0
	for _, p := range a {
		s := p >> fieldBits
		j += gallop(b[j:], s)
		if j == len(b) {
			break
		}
		if b[j]>>fieldBits == s {
			if f := p & b[j] & fieldMask; f != 0 {
				out = append(out, s<<fieldBits|f)
			}
		}
	}
	return out
}

// gallop returns the index of the first posting in ps whose slot is ≥ s.
func gallop(ps []uint32, s uint32) int {
	hi := 1
	for hi < len(ps) && ps[hi-1]>>fieldBits < s {
		hi *= 2
	}
	lo := hi / 2
	hi = min(hi, len(ps))
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ps[m]>>fieldBits < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// indexStats measures the index: postings held, the bytes the lists and
// slot table occupy (capacity, not length), and the runes indexed.
type indexStats struct {
	Entities, Grams, Postings int
	Bytes                     int64
	Runes                     int64
}

func (ix *searchIndex) stats() indexStats {
	var st indexStats
	st.Entities = ix.live
	const sliceHeader, mapEntry = 24, 8 // rough per-entry map overhead
	for _, row := range ix.grams {
		for _, ps := range row {
			st.Grams++
			st.Postings += len(ps)
			st.Bytes += int64(cap(ps))*4 + sliceHeader + 4 + mapEntry
		}
	}
	st.Bytes += int64(cap(ix.slots)) * int64(unsafe.Sizeof(slot{}))
	var e kg.Entity
	for _, sl := range ix.slots {
		if sl.ord != none {
			ix.ents.view(sl.ord, &e)
			n := utf8.RuneCountInString(e.Name) + utf8.RuneCountInString(e.Definition)
			for _, a := range e.Aliases {
				n += utf8.RuneCountInString(a)
			}
			for i := range e.Evidence {
				n += utf8.RuneCountInString(e.Evidence[i].Text)
			}
			st.Runes += int64(n)
		}
	}
	return st
}

// searchFilter is a query's Kind, year and region filters, tested on a
// slot without touching its entity.
type searchFilter struct {
	kind     int // entityTable.kinds code; anyKind or noKind
	from, to int32
	regions  []bool // by region ordinal; nil: any region
}

// Kind filters that are no code: no filter, and a kind never stored.
const (
	anyKind = -1
	noKind  = -2
)

func (ix *searchIndex) filter(q kg.SearchQuery) searchFilter {
	f := searchFilter{kind: anyKind, from: math.MinInt32, to: math.MaxInt32}
	if q.Kind != nil {
		f.kind = noKind
		if c := slices.Index(ix.ents.kinds, *q.Kind); c >= 0 {
			f.kind = c
		}
	}
	if q.YearFrom != nil {
		f.from = int32(max(min(*q.YearFrom, math.MaxInt32), math.MinInt32))
	}
	if q.YearTo != nil {
		f.to = int32(max(min(*q.YearTo, math.MaxInt32), math.MinInt32))
	}
	if len(q.RegionIDs) > 0 {
		f.regions = make([]bool, len(ix.regionOrd))
		for _, id := range q.RegionIDs {
			if o, ok := ix.regionOrd[id]; ok {
				f.regions[o] = true
			}
		}
	}
	return f
}

func (f *searchFilter) keep(sl *slot) bool {
	return (f.kind == anyKind || int(sl.kind) == f.kind) && sl.year >= f.from && sl.year <= f.to &&
		(f.regions == nil || f.regions[sl.region])
}

// ranked is a search hit inside the store: an entity ordinal and its
// score. Hits become kg.SearchHits only once paged.
type ranked struct {
	ord   uint32
	score float64
}

// searchIndexed ranks the candidates passing q's filters and returns the
// first need hits (every hit when need < 0). Candidates whose name or an
// alias may hold the text are scored at once; the others can score at
// most kg.ScoreDefinition or kg.ScoreEvidence, and within a tier hits rank
// by ID, so they are verified lazily, in ID order, only until the page is
// full: a page of a common word then costs a few MatchScore calls, not
// thousands.
func (s *Store) searchIndexed(ctx context.Context, q kg.SearchQuery, cands []uint32, need int) ([]ranked, error) {
	ix := s.search
	f := ix.filter(q)
	stop := pacer{ctx: ctx}
	var scored []ranked
	var def, ev []uint32
	var e kg.Entity // scratch: candidates are decoded into it to be scored
	// A score in a name tier depends on the name alone, and a program's
	// name recurs in report after report: score each such name once.
	byName := map[string]float64{}
	for _, p := range cands {
		if stop.stopped() {
			return nil, ctx.Err()
		}
		sl := &ix.slots[p>>fieldBits]
		if !f.keep(sl) {
			continue
		}
		switch fs := p & fieldMask; {
		case fs&(fieldName|fieldAlias) != 0:
			name := ix.ents.name(sl.ord)
			score, ok := byName[name]
			if !ok {
				if score = ix.score(sl.ord, &e, q.Text); score >= kg.ScoreNameInside {
					byName[name] = score
				}
			}
			if score > 0 {
				scored = append(scored, ranked{sl.ord, score})
			}
		case fs&fieldDefinition != 0:
			def = append(def, sl.ord)
		default:
			ev = append(ev, sl.ord)
		}
	}
	// The fields of a one- or two-rune query's candidates are exact, so
	// one with no name or alias field holds the text in its definition or
	// evidence: its score is that tier's, known without decoding and
	// searching its texts (half a phrase diffusion's time went to
	// verifying thousands of evidence hits).
	exact := len(def)+len(ev) > 0 && exactFields(q.Text)
	if exact && (q.AnyOrder || need < 0) {
		scored = slices.Grow(scored, len(def)+len(ev))
		for _, o := range def {
			scored = append(scored, ranked{o, kg.ScoreDefinition})
		}
		for _, o := range ev {
			scored = append(scored, ranked{o, kg.ScoreEvidence})
		}
		def, ev = nil, nil
	}
	if q.AnyOrder {
		return ix.anyHits(ctx, scored, slices.Concat(def, ev), need, q.Text)
	}
	if need < 0 {
		for _, o := range slices.Concat(def, ev) {
			if stop.stopped() {
				return nil, ctx.Err()
			}
			if score := ix.score(o, &e, q.Text); score > 0 {
				scored = append(scored, ranked{o, score})
			}
		}
		slices.SortFunc(scored, ix.compare)
		return scored, nil
	}
	// A name or alias candidate may turn out to match only lower down.
	var high []ranked
	var at5, at1 []uint32
	for _, h := range scored {
		switch {
		case h.score > kg.ScoreDefinition:
			high = append(high, h)
		case h.score == kg.ScoreDefinition:
			at5 = append(at5, h.ord)
		default:
			at1 = append(at1, h.ord)
		}
	}
	out := ix.topHits(high, need)
	if exact {
		at5, at1 = append(at5, def...), append(at1, ev...)
		def, ev = nil, nil
	}
	out = ix.drainTier(out, need, kg.ScoreDefinition, at5, def, func(o uint32) { at1 = append(at1, o) }, q.Text)
	return ix.drainTier(out, need, kg.ScoreEvidence, at1, ev, nil, q.Text), nil
}

// exactFields reports a query whose candidates carry exactly the fields
// holding it (see candidates): one or two runes in kg.SearchForm.
func exactFields(text string) bool {
	return utf8.RuneCountInString(kg.SearchForm(strings.TrimSpace(text))) <= 2
}

// anyHits is searchIndexed's answer in any order: the hits scored by
// name, then the other candidates verified in index order until need
// (every one when need < 0).
func (ix *searchIndex) anyHits(ctx context.Context, scored []ranked, pending []uint32, need int, text string) ([]ranked, error) {
	stop := pacer{ctx: ctx}
	var e kg.Entity
	for _, o := range pending {
		if need >= 0 && len(scored) >= need {
			break
		}
		if stop.stopped() {
			return nil, ctx.Err()
		}
		if score := ix.score(o, &e, text); score > 0 {
			scored = append(scored, ranked{o, score})
		}
	}
	if need >= 0 && len(scored) > need {
		scored = scored[:need]
	}
	return scored, nil
}

// pacer checks a context every 1,024 steps of a loop: scoring every hit of
// a one-rune query over thousands of reports went on after the request's
// deadline or its client had gone, and asking the context each step would
// cost more than the step.
type pacer struct {
	ctx context.Context
	n   int
}

func (p *pacer) stopped() bool {
	p.n++
	return p.n&1023 == 0 && p.ctx.Err() != nil
}

// score decodes entity o's texts into scratch and scores them against text.
func (ix *searchIndex) score(o uint32, scratch *kg.Entity, text string) float64 {
	ix.ents.textView(o, scratch)
	return kg.MatchScore(scratch, text)
}

// tierItem is an entity of one score tier: known scored it already,
// otherwise it still needs kg.MatchScore.
type tierItem struct {
	ord   uint32
	known bool
}

// drainTier appends the hits scoring exactly tier, in ID order, until out
// holds need hits. Pending entities are scored as they come up; one
// scoring lower goes to lower (nil: it cannot, ScoreEvidence being last).
func (ix *searchIndex) drainTier(out []ranked, need int, tier float64, known, pending []uint32, lower func(uint32), text string) []ranked {
	if len(out) >= need || len(known)+len(pending) == 0 {
		return out
	}
	items := make([]tierItem, 0, len(known)+len(pending))
	for _, o := range known {
		items = append(items, tierItem{o, true})
	}
	for _, o := range pending {
		items = append(items, tierItem{o, false})
	}
	byID := func(a, b tierItem) bool { return ix.ents.id(a.ord) < ix.ents.id(b.ord) }
	heapify(items, byID)
	var e kg.Entity
	for len(items) > 0 && len(out) < need {
		it := items[0]
		items = heapPop(items, byID)
		score := tier
		if !it.known {
			score = ix.score(it.ord, &e, text)
		}
		switch {
		case score == tier:
			out = append(out, ranked{it.ord, score})
		case score > 0 && lower != nil:
			lower(it.ord)
		}
	}
	return out
}

// compare orders hits best first, ties by entity ID.
func (ix *searchIndex) compare(a, b ranked) int {
	switch {
	case a.score > b.score:
		return -1
	case a.score < b.score:
		return 1
	}
	return strings.Compare(ix.ents.id(a.ord), ix.ents.id(b.ord))
}

// topHits returns the best n of hits, ranked. A heap of the n best seen
// keeps the worst on top, so most hits cost one comparison.
func (ix *searchIndex) topHits(hits []ranked, n int) []ranked {
	if len(hits) <= n {
		slices.SortFunc(hits, ix.compare)
		return hits
	}
	worse := func(a, b ranked) bool { return ix.compare(a, b) > 0 }
	top := slices.Clone(hits[:n])
	heapify(top, worse)
	for _, h := range hits[n:] {
		if ix.compare(h, top[0]) < 0 {
			top[0] = h
			siftDown(top, 0, worse)
		}
	}
	slices.SortFunc(top, ix.compare)
	return top
}

// heapify arranges h as a binary heap with first(h[0], x) for every x.
func heapify[T any](h []T, first func(a, b T) bool) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i, first)
	}
}

// heapPop removes h[0] and restores the heap.
func heapPop[T any](h []T, first func(a, b T) bool) []T {
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	if n > 0 {
		siftDown(h, 0, first)
	}
	return h
}

func siftDown[T any](h []T, i int, first func(a, b T) bool) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && first(h[c+1], h[c]) {
			c++
		}
		if !first(h[c], h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}
