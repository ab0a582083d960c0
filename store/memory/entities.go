package memory

import (
	"hash/maphash"
	"math"
	"slices"
	"strings"

	"github.com/reportgraph/reportgraph/kg"
)

// The entity table keeps entities nearly pointer-free, for the same reason
// as the edge table: every garbage-collection cycle marks the whole store,
// and with 5,000 reports loaded the entities' ten strings and two slices
// each (half a million entities) were two thirds of that work, slowing
// every request served during a cycle. Here a report's entity texts live
// in one string, its entities are records of offsets into it, and the
// id and key indexes map hashes to ordinals, so a cycle marks a few
// objects per report instead of about fifteen per entity.

// none marks the end of a chain and a freed record.
const none = math.MaxUint32

// span is a string inside a block's text: text[off : off+n]. For a
// record's aliases and evidence it is a range of the block's lists.
type span struct{ off, n uint32 }

// entityRec is one stored entity.
type entityRec struct {
	block                                               uint32 // none: free
	kind                                                uint8  // index into entityTable.kinds
	taskArea                                            bool   // in kind's padding: no extra bytes
	id, name, key, reportID, regionID, definition, lead span
	aliases, evidence, names                            span
}

// nameRec is one of an entity's names: its key in the block's text.
type nameRec struct {
	key  span
	rule uint8 // index into entityTable.rules
}

type evidenceRec struct {
	reportID, section, text span
	offset                  int
}

// entityBlock holds one report's entity texts and lists.
type entityBlock struct {
	text     string
	aliases  []span
	evidence []evidenceRec
	names    []nameRec
	ords     []uint32 // the report's entities, in the order put
	// nameOrds are the report's records in entityTable.named, one per
	// name of each entity, in the order of names.
	nameOrds []uint32
}

// records is a table of R whose freed slots are reused first.
type records[R any] struct {
	recs []R
	free []uint32
}

func (r *records[R]) add(x R) uint32 {
	if n := len(r.free); n > 0 {
		o := r.free[n-1]
		r.free = r.free[:n-1]
		r.recs[o] = x
		return o
	}
	if len(r.recs) == math.MaxUint32 {
		panic("memory store: more than 2^32 records")
	}
	r.recs = append(r.recs, x)
	return uint32(len(r.recs) - 1)
}

// release frees slot o, overwriting it with freed.
func (r *records[R]) release(o uint32, freed R) {
	r.recs[o] = freed
	r.free = append(r.free, o)
}

// reportBlocks holds one B per report, reusing freed blocks' slots.
type reportBlocks[B any] struct {
	records[B]
	of map[string]uint32 // report id → slot
}

func newReportBlocks[B any]() reportBlocks[B] { return reportBlocks[B]{of: map[string]uint32{}} }

func (rb *reportBlocks[B]) put(reportID string, b B) uint32 {
	o := rb.add(b)
	rb.of[reportID] = o
	return o
}

func (rb *reportBlocks[B]) get(reportID string) (*B, bool) {
	o, ok := rb.of[reportID]
	if !ok {
		return nil, false
	}
	return &rb.recs[o], true
}

// remove forgets reportID's block and returns it.
func (rb *reportBlocks[B]) remove(reportID string) (B, bool) {
	var zero B
	o, ok := rb.of[reportID]
	if !ok {
		return zero, false
	}
	b := rb.recs[o]
	rb.release(o, zero)
	delete(rb.of, reportID)
	return b, true
}

// hashChains indexes ordinals by the hash of a string they hold, as doubly
// linked lists through next and prev, so adding and removing cost O(1) and
// hold no pointers. Readers compare the string itself: a chain may mix
// strings whose hashes collide.
type hashChains struct {
	head       map[uint64]uint32
	next, prev []uint32 // by ordinal
}

func newHashChains() hashChains { return hashChains{head: map[uint64]uint32{}} }

func (c *hashChains) grow(n int) {
	for len(c.next) < n {
		c.next = append(c.next, none)
		c.prev = append(c.prev, none)
	}
}

func (c *hashChains) add(h uint64, o uint32) {
	first, ok := c.head[h]
	if !ok {
		first = none
	}
	c.next[o], c.prev[o] = first, none
	if first != none {
		c.prev[first] = o
	}
	c.head[h] = o
}

func (c *hashChains) remove(h uint64, o uint32) {
	n, p := c.next[o], c.prev[o]
	switch {
	case p != none:
		c.next[p] = n
	case n != none:
		c.head[h] = n
	default:
		delete(c.head, h)
	}
	if n != none {
		c.prev[n] = p
	}
	c.next[o], c.prev[o] = none, none
}

// each calls fn for every ordinal under h until fn returns false.
func (c *hashChains) each(h uint64, fn func(o uint32) bool) {
	o, ok := c.head[h]
	for ok && o != none {
		next := c.next[o]
		if !fn(o) {
			return
		}
		o = next
	}
}

// entityTable is the store's entities. It is guarded by Store.mu.
type entityTable struct {
	seed maphash.Seed
	records[entityRec]
	byID   hashChains
	byKey  hashChains
	kinds  []kg.EntityKind
	rules  []kg.NameRule
	blocks reportBlocks[entityBlock]
	// named holds one record per (entity, name), the entity's ordinal
	// and the name's index in the block, chained by the name key's hash:
	// an entity has several names, and a chain holds an ordinal once.
	named  records[namedRec]
	byName hashChains
}

// namedRec is one name of entity ord: block names[name].
type namedRec struct{ ord, name uint32 }

func newEntityTable() *entityTable {
	return &entityTable{
		seed:   maphash.MakeSeed(),
		byID:   newHashChains(),
		byKey:  newHashChains(),
		byName: newHashChains(),
		blocks: newReportBlocks[entityBlock](),
	}
}

func (t *entityTable) hash(s string) uint64 { return maphash.String(t.seed, s) }

// blockBuilder packs a report's strings into one text, each distinct
// string once: sections and evidence sentences recur across entities.
type blockBuilder struct {
	text strings.Builder
	seen map[string]span
}

func (b *blockBuilder) add(s string) span {
	if s == "" {
		return span{}
	}
	if sp, ok := b.seen[s]; ok {
		return sp
	}
	sp := span{uint32(b.text.Len()), uint32(len(s))}
	b.text.WriteString(s)
	b.seen[s] = sp
	return sp
}

// maxBlockText keeps every offset within a span's 32 bits.
const maxBlockText = math.MaxUint32

// put stores a report's entities, which must not be stored already (the
// store removes the report first) and must pass checkTextSize, and
// returns their ordinals.
func (t *entityTable) put(reportID string, es []kg.Entity) []uint32 {
	bb := blockBuilder{seen: map[string]span{}}
	blk := entityBlock{ords: make([]uint32, len(es))}
	recs := make([]entityRec, len(es))
	for i := range es {
		e := &es[i]
		r := &recs[i]
		r.kind, r.taskArea = t.kindCode(e.Kind), e.TaskArea
		r.id, r.name, r.key = bb.add(e.ID), bb.add(e.Name), bb.add(e.Key)
		r.reportID, r.regionID = bb.add(e.ReportID), bb.add(e.RegionID)
		r.definition, r.lead = bb.add(e.Definition), bb.add(e.LeadDepartment)
		r.aliases = span{uint32(len(blk.aliases)), uint32(len(e.Aliases))}
		for _, a := range e.Aliases {
			blk.aliases = append(blk.aliases, bb.add(a))
		}
		r.names = span{uint32(len(blk.names)), uint32(len(e.Names))}
		for _, n := range e.Names {
			blk.names = append(blk.names, nameRec{key: bb.add(n.Key), rule: t.ruleCode(n.Rule)})
		}
		r.evidence = span{uint32(len(blk.evidence)), uint32(len(e.Evidence))}
		for _, ev := range e.Evidence {
			blk.evidence = append(blk.evidence, evidenceRec{
				reportID: bb.add(ev.ReportID), section: bb.add(ev.Section), text: bb.add(ev.Text), offset: ev.Offset,
			})
		}
	}
	blk.text = bb.text.String()
	b := t.blocks.put(reportID, blk)
	for i := range recs {
		recs[i].block = b
		o := t.add(recs[i])
		t.byID.grow(len(t.recs))
		t.byKey.grow(len(t.recs))
		blk.ords[i] = o
		t.byID.add(t.hash(es[i].ID), o)
		t.byKey.add(t.hash(es[i].Key), o)
		for j, n := range es[i].Names {
			no := t.named.add(namedRec{ord: o, name: recs[i].names.off + uint32(j)})
			t.byName.grow(len(t.named.recs))
			t.byName.add(t.hash(n.Key), no)
			blk.nameOrds = append(blk.nameOrds, no)
		}
	}
	t.blocks.recs[b].nameOrds = blk.nameOrds
	return blk.ords
}

func (t *entityTable) ruleCode(r kg.NameRule) uint8 {
	for i, x := range t.rules {
		if x == r {
			return uint8(i)
		}
	}
	// Rules are a validated enum of a handful of values.
	t.rules = append(t.rules, r)
	return uint8(len(t.rules) - 1)
}

// checkTextSize refuses a report whose entity or target texts overflow
// a span's 32-bit offsets.
func checkTextSize(g kg.ReportGraph) error {
	entities, targets := 0, 0
	for i := range g.Entities {
		e := &g.Entities[i]
		entities += len(e.ID) + len(e.Name) + len(e.Key) + len(e.ReportID) + len(e.RegionID) + len(e.Definition) + len(e.LeadDepartment)
		for _, a := range e.Aliases {
			entities += len(a)
		}
		for _, n := range e.Names {
			entities += len(n.Key)
		}
		for _, ev := range e.Evidence {
			entities += evidenceSize(ev)
		}
	}
	for i := range g.Targets {
		t := &g.Targets[i]
		targets += len(t.ID) + len(t.ReportID) + len(t.RegionID) + len(t.Kind) + len(t.Indicator) + len(t.IndicatorCode) + len(t.Measure) +
			len(t.Unit) + len(t.Qualifier) + evidenceSize(t.Evidence)
	}
	if uint64(entities) > maxBlockText || uint64(targets) > maxBlockText {
		return kg.Errorf(kg.ETOOLARGE, "report %s: entity or target texts exceed %d bytes", g.Report.ID, uint64(maxBlockText))
	}
	return nil
}

func evidenceSize(ev kg.Evidence) int { return len(ev.ReportID) + len(ev.Section) + len(ev.Text) }

func (t *entityTable) kindCode(k kg.EntityKind) uint8 {
	for i, x := range t.kinds {
		if x == k {
			return uint8(i)
		}
	}
	// Kinds are a validated enum of a handful of values.
	t.kinds = append(t.kinds, k)
	return uint8(len(t.kinds) - 1)
}

// removeReport forgets a report's entities.
func (t *entityTable) removeReport(reportID string) {
	blk, ok := t.blocks.get(reportID)
	if !ok {
		return
	}
	for _, o := range blk.ords {
		t.byID.remove(t.hash(t.id(o)), o)
		t.byKey.remove(t.hash(t.key(o)), o)
		t.release(o, entityRec{block: none})
	}
	for _, no := range blk.nameOrds {
		n := t.named.recs[no]
		t.byName.remove(t.hash(t.nameKey(blk, n.name)), no)
		t.named.release(no, namedRec{ord: none})
	}
	t.blocks.remove(reportID)
}

// ofReport returns a report's ordinals; callers must not modify them.
func (t *entityTable) ofReport(reportID string) []uint32 {
	if blk, ok := t.blocks.get(reportID); ok {
		return blk.ords
	}
	return nil
}

// lookup returns the ordinal of the entity with id.
func (t *entityTable) lookup(id string) (uint32, bool) {
	found, ok := uint32(none), false
	t.byID.each(t.hash(id), func(o uint32) bool {
		if t.id(o) == id {
			found, ok = o, true
			return false
		}
		return true
	})
	return found, ok
}

// withKey appends the ordinals of the entities keyed key to into.
func (t *entityTable) withKey(key string, into []uint32) []uint32 {
	t.byKey.each(t.hash(key), func(o uint32) bool {
		if t.key(o) == key {
			into = append(into, o)
		}
		return true
	})
	return into
}

// withName appends the ordinals of the entities holding a name keyed key
// to into (an entity may come twice when it holds key by two rules).
func (t *entityTable) withName(key string, into []uint32) []uint32 {
	t.byName.each(t.hash(key), func(no uint32) bool {
		n := t.named.recs[no]
		if t.nameKey(&t.blocks.recs[t.recs[n.ord].block], n.name) == key {
			into = append(into, n.ord)
		}
		return true
	})
	return into
}

// holdsAny reports whether entity o holds a name keyed any of keys.
func (t *entityTable) holdsAny(o uint32, keys map[string]bool) bool {
	r := &t.recs[o]
	blk := &t.blocks.recs[r.block]
	for _, n := range blk.names[r.names.off : r.names.off+r.names.n] {
		if keys[blk.text[n.key.off:n.key.off+n.key.n]] {
			return true
		}
	}
	return false
}

func (t *entityTable) nameKey(blk *entityBlock, name uint32) string {
	k := blk.names[name].key
	return blk.text[k.off : k.off+k.n]
}

// all appends every live ordinal to into.
func (t *entityTable) all(into []uint32) []uint32 {
	for o := range t.recs {
		if t.recs[o].block != none {
			into = append(into, uint32(o))
		}
	}
	return into
}

func (t *entityTable) str(o uint32, s span) string {
	text := t.blocks.recs[t.recs[o].block].text
	return text[s.off : s.off+s.n]
}

func (t *entityTable) id(o uint32) string       { return t.str(o, t.recs[o].id) }
func (t *entityTable) key(o uint32) string      { return t.str(o, t.recs[o].key) }
func (t *entityTable) name(o uint32) string     { return t.str(o, t.recs[o].name) }
func (t *entityTable) reportID(o uint32) string { return t.str(o, t.recs[o].reportID) }

func (t *entityTable) kind(o uint32) kg.EntityKind { return t.kinds[t.recs[o].kind] }

// entity returns a fresh copy of entity o. Its strings share the block's
// text, which is immutable.
func (t *entityTable) entity(o uint32) *kg.Entity {
	e := &kg.Entity{}
	t.view(o, e)
	return e
}

// view decodes entity o into e, reusing e's Aliases and Evidence arrays:
// scoring thousands of search candidates then allocates nothing.
func (t *entityTable) view(o uint32, e *kg.Entity) {
	r := &t.recs[o]
	blk := &t.blocks.recs[r.block]
	str := func(s span) string { return blk.text[s.off : s.off+s.n] }
	*e = kg.Entity{
		ID: str(r.id), Kind: t.kinds[r.kind], Name: str(r.name), Key: str(r.key),
		ReportID: str(r.reportID), RegionID: str(r.regionID),
		Definition: str(r.definition), LeadDepartment: str(r.lead), TaskArea: r.taskArea,
		// Sized at once: a fresh entity (a search hit) then costs one
		// allocation per list, not append's doublings.
		Aliases:  slices.Grow(e.Aliases[:0], int(r.aliases.n)),
		Evidence: slices.Grow(e.Evidence[:0], int(r.evidence.n)),
	}
	if r.names.n > 0 {
		e.Names = make([]kg.Name, 0, r.names.n)
		for _, n := range blk.names[r.names.off : r.names.off+r.names.n] {
			e.Names = append(e.Names, kg.Name{Key: str(n.key), Rule: t.rules[n.rule]})
		}
	}
	for _, a := range blk.aliases[r.aliases.off : r.aliases.off+r.aliases.n] {
		e.Aliases = append(e.Aliases, str(a))
	}
	for _, ev := range blk.evidence[r.evidence.off : r.evidence.off+r.evidence.n] {
		e.Evidence = append(e.Evidence, kg.Evidence{
			ReportID: str(ev.reportID), Section: str(ev.section), Offset: ev.offset, Text: str(ev.text),
		})
	}
}

// textView decodes into e only what kg.MatchScore reads (name, aliases,
// definition, evidence texts), reusing e's arrays: search scores
// thousands of candidates, and decoding ids and sections it never reads
// made a search for every hit a third slower.
func (t *entityTable) textView(o uint32, e *kg.Entity) {
	r := &t.recs[o]
	blk := &t.blocks.recs[r.block]
	str := func(s span) string { return blk.text[s.off : s.off+s.n] }
	e.Name, e.Definition = str(r.name), str(r.definition)
	e.Aliases, e.Evidence = e.Aliases[:0], e.Evidence[:0]
	for _, a := range blk.aliases[r.aliases.off : r.aliases.off+r.aliases.n] {
		e.Aliases = append(e.Aliases, str(a))
	}
	for _, ev := range blk.evidence[r.evidence.off : r.evidence.off+r.evidence.n] {
		e.Evidence = append(e.Evidence, kg.Evidence{Text: str(ev.text)})
	}
}
