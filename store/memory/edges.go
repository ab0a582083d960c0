package memory

import (
	"encoding/binary"

	"github.com/reportgraph/reportgraph/kg"
)

// edgeTable holds the edges with no pointer per edge or node: node ids are
// interned to ordinals, types and methods to small codes, each node's
// edges are linked lists threaded through the edge records, and evidence
// is encoded into an arena. The collector marks every pointer the store
// holds on every cycle, concurrently with requests, so the store's pointer
// count sets how long each cycle slows them; edges, keyed by three id
// strings in four maps, were once nearly half of it. Guarded by Store.mu.
type edgeTable struct {
	nodes   interner // node id (entity or region) ↔ ordinal
	types   interner
	methods interner

	records[edgeRec] // by slot; a free slot has live false
	byKey            map[edgeCode]uint32
	// head[side][node] is the first slot of the edges leaving (sideFrom)
	// or entering (sideTo) a node ordinal; a node with neither gives its
	// ordinal back.
	head     [2][]uint32
	byType   map[uint32]map[uint32]struct{} // type code → slots
	evidence stringArena
}

// The two ends of an edge, indexing edgeRec.next/prev and edgeTable.head.
const (
	sideFrom = 0
	sideTo   = 1
)

// edgeCode is an edge's key (Type, FromID, ToID) as codes.
type edgeCode struct{ typ, from, to uint32 }

func (k edgeCode) end(side int) uint32 {
	if side == sideFrom {
		return k.from
	}
	return k.to
}

type edgeRec struct {
	key        edgeCode
	method     uint32
	live       bool
	confidence float64
	evidence   arenaRef  // encodeEvidence's form; zero for most PART_OF edges
	next, prev [2]uint32 // the node lists of each side
}

func newEdgeTable() *edgeTable {
	return &edgeTable{
		nodes: newInterner(), types: newInterner(), methods: newInterner(),
		byKey: map[edgeCode]uint32{}, byType: map[uint32]map[uint32]struct{}{},
	}
}

func (t *edgeTable) len() int { return len(t.byKey) }

// code returns the key of (typ, from, to) when every part is known.
func (t *edgeTable) code(typ kg.EdgeType, from, to string) (edgeCode, bool) {
	ty, ok1 := t.types.lookup(string(typ))
	f, ok2 := t.nodes.lookup(from)
	o, ok3 := t.nodes.lookup(to)
	return edgeCode{ty, f, o}, ok1 && ok2 && ok3
}

// node interns id, giving a new ordinal empty lists.
func (t *edgeTable) node(id string) uint32 {
	o := t.nodes.intern(id)
	for side := range t.head {
		for uint32(len(t.head[side])) <= o {
			t.head[side] = append(t.head[side], none)
		}
	}
	return o
}

// put upserts e, copying its evidence.
func (t *edgeTable) put(e *kg.Edge) {
	k := edgeCode{t.types.intern(string(e.Type)), t.node(e.FromID), t.node(e.ToID)}
	rec := edgeRec{key: k, method: t.methods.intern(e.Method), live: true, confidence: e.Confidence}
	if len(e.Evidence) > 0 {
		rec.evidence = t.evidence.putBytes(encodeEvidence(e.Evidence))
	}
	if slot, ok := t.byKey[k]; ok {
		// Store the new record before freeing the old evidence: a
		// compaction moves only the refs it finds in live records.
		old := t.recs[slot]
		rec.next, rec.prev = old.next, old.prev
		t.recs[slot] = rec
		t.freeEvidence(old.evidence)
		return
	}
	slot := t.add(rec)
	t.byKey[k] = slot
	for side := range t.head {
		t.link(side, slot)
	}
	if t.byType[k.typ] == nil {
		t.byType[k.typ] = map[uint32]struct{}{}
	}
	t.byType[k.typ][slot] = struct{}{}
}

// link puts slot first in its node's list on side.
func (t *edgeTable) link(side int, slot uint32) {
	rec := &t.recs[slot]
	n := rec.key.end(side)
	first := t.head[side][n]
	rec.next[side], rec.prev[side] = first, none
	if first != none {
		t.recs[first].prev[side] = slot
	}
	t.head[side][n] = slot
}

func (t *edgeTable) unlink(side int, slot uint32) {
	rec := &t.recs[slot]
	next, prev := rec.next[side], rec.prev[side]
	if prev != none {
		t.recs[prev].next[side] = next
	} else {
		t.head[side][rec.key.end(side)] = next
	}
	if next != none {
		t.recs[next].prev[side] = prev
	}
}

// slotsAt appends the slots of node o's list on side to into.
func (t *edgeTable) slotsAt(side int, o uint32, into []uint32) []uint32 {
	for slot := t.head[side][o]; slot != none; slot = t.recs[slot].next[side] {
		into = append(into, slot)
	}
	return into
}

func (t *edgeTable) freeEvidence(ref arenaRef) {
	if t.evidence.free(ref) {
		t.evidence.compact(func(visit func(*arenaRef)) {
			for i := range t.recs {
				if t.recs[i].live && t.recs[i].evidence.n > 0 {
					visit(&t.recs[i].evidence)
				}
			}
		})
	}
}

// remove deletes the edge (typ, from, to) if stored.
func (t *edgeTable) remove(typ kg.EdgeType, from, to string) {
	if k, ok := t.code(typ, from, to); ok {
		if slot, ok := t.byKey[k]; ok {
			t.removeSlot(slot)
		}
	}
}

// removeTouching deletes every edge leaving or entering id.
func (t *edgeTable) removeTouching(id string) {
	if o, ok := t.nodes.lookup(id); ok {
		t.removeSlots(t.slotsAt(sideTo, o, t.slotsAt(sideFrom, o, nil)), nil)
	}
}

// removeLeaving deletes the edges of type typ leaving id.
func (t *edgeTable) removeLeaving(id string, typ kg.EdgeType) {
	o, ok := t.nodes.lookup(id)
	ty, known := t.types.lookup(string(typ))
	if ok && known {
		t.removeSlots(t.slotsAt(sideFrom, o, nil), func(r *edgeRec) bool { return r.key.typ == ty })
	}
}

// removeSlots removes slots (a copy: removal edits the node lists) that
// keep accepts, all when keep is nil.
func (t *edgeTable) removeSlots(slots []uint32, keep func(*edgeRec) bool) {
	for _, slot := range slots {
		if keep == nil || keep(&t.recs[slot]) {
			t.removeSlot(slot)
		}
	}
}

func (t *edgeTable) removeSlot(slot uint32) {
	rec := &t.recs[slot]
	if !rec.live {
		return
	}
	k := rec.key
	delete(t.byKey, k)
	delete(t.byType[k.typ], slot)
	for side := range t.head {
		t.unlink(side, slot)
	}
	ev := rec.evidence
	t.release(slot, edgeRec{})
	t.freeEvidence(ev)
	t.releaseNode(k.from)
	t.releaseNode(k.to)
}

// releaseNode gives back o's ordinal once no edge touches it, so replacing
// reports under new ids does not grow the node table.
func (t *edgeTable) releaseNode(o uint32) {
	if t.head[sideFrom][o] == none && t.head[sideTo][o] == none {
		t.nodes.release(o)
	}
}

// slotsOf returns the slots matching f's endpoints or type (every slot
// when f names neither), each once.
func (t *edgeTable) slotsOf(f kg.EdgeFilter) []uint32 {
	if len(f.FromIDs) == 0 && len(f.ToIDs) == 0 {
		if f.Type == nil {
			out := make([]uint32, 0, len(t.byKey))
			for _, slot := range t.byKey {
				out = append(out, slot)
			}
			return out
		}
		ty, ok := t.types.lookup(string(*f.Type))
		if !ok {
			return nil
		}
		out := make([]uint32, 0, len(t.byType[ty]))
		for slot := range t.byType[ty] {
			out = append(out, slot)
		}
		return out
	}
	var out []uint32
	seen := map[uint32]struct{}{}
	collect := func(ids []string, side int) {
		for _, id := range ids {
			o, ok := t.nodes.lookup(id)
			if !ok {
				continue
			}
			for slot := t.head[side][o]; slot != none; slot = t.recs[slot].next[side] {
				if _, dup := seen[slot]; !dup {
					seen[slot] = struct{}{}
					out = append(out, slot)
				}
			}
		}
	}
	collect(f.FromIDs, sideFrom)
	collect(f.ToIDs, sideTo)
	return out
}

// find returns copies of the edges matching f, unsorted and unlimited.
func (t *edgeTable) find(f kg.EdgeFilter) []*kg.Edge {
	var typ, method uint32
	if f.Type != nil {
		var ok bool
		if typ, ok = t.types.lookup(string(*f.Type)); !ok {
			return nil
		}
	}
	if f.Method != "" {
		var ok bool
		if method, ok = t.methods.lookup(f.Method); !ok {
			return nil
		}
	}
	slots := t.slotsOf(f)
	out := make([]*kg.Edge, 0, len(slots))
	for _, slot := range slots {
		rec := &t.recs[slot]
		if f.Type != nil && rec.key.typ != typ || f.Method != "" && rec.method != method {
			continue
		}
		out = append(out, t.edge(rec))
	}
	return out
}

func (t *edgeTable) edge(rec *edgeRec) *kg.Edge {
	return &kg.Edge{
		Type:   kg.EdgeType(t.types.name(rec.key.typ)),
		FromID: t.nodes.name(rec.key.from), ToID: t.nodes.name(rec.key.to),
		Method: t.methods.name(rec.method), Confidence: rec.confidence,
		Evidence: decodeEvidence(t.evidence.get(rec.evidence)),
	}
}

// encodeEvidence packs evidence as, per item, the lengths and bytes of its
// report id, section and text and its offset, all varints.
func encodeEvidence(evs []kg.Evidence) []byte {
	var b []byte
	for _, ev := range evs {
		for _, s := range []string{ev.ReportID, ev.Section, ev.Text} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		b = binary.AppendVarint(b, int64(ev.Offset))
	}
	return b
}

// decodeEvidence reverses encodeEvidence; the strings share enc's bytes.
func decodeEvidence(enc string) []kg.Evidence {
	var out []kg.Evidence
	for len(enc) > 0 {
		var f [3]string
		for i := range f {
			n, w := binary.Uvarint([]byte(enc[:min(len(enc), binary.MaxVarintLen64)]))
			f[i], enc = enc[w:w+int(n)], enc[w+int(n):]
		}
		off, w := binary.Varint([]byte(enc[:min(len(enc), binary.MaxVarintLen64)]))
		enc = enc[w:]
		out = append(out, kg.Evidence{ReportID: f[0], Section: f[1], Text: f[2], Offset: int(off)})
	}
	return out
}

// walk is Store.Walk over the edge lists: a breadth-first walk from the
// start ordinals, leaving each node by its sideTo list going down (edges
// into it) or its sideFrom list going up. It returns the slots of the
// edges followed and false once more than maxNodes nodes are reached.
func (t *edgeTable) walk(start []uint32, via []kg.Step, down bool, maxNodes int) ([]uint32, bool) {
	near, far := sideFrom, sideTo
	if down {
		near, far = sideTo, sideFrom
	}
	seen := make(map[uint32]bool, len(start))
	for _, o := range start {
		seen[o] = true
	}
	var slots []uint32
	for frontier := start; len(frontier) > 0; {
		var next []uint32
		for _, o := range frontier {
			for slot := t.head[near][o]; slot != none; slot = t.recs[slot].next[near] {
				rec := &t.recs[slot]
				if !t.follows(rec, via) {
					continue
				}
				slots = append(slots, slot)
				if other := rec.key.end(far); !seen[other] {
					seen[other] = true
					next = append(next, other)
				}
			}
		}
		if len(seen) > maxNodes {
			return nil, false
		}
		frontier = next
	}
	return slots, true
}

// follows reports whether rec is an edge of one of the kinds via names.
func (t *edgeTable) follows(rec *edgeRec, via []kg.Step) bool {
	for _, st := range via {
		if t.types.name(rec.key.typ) == string(st.Type) && (st.Method == "" || t.methods.name(rec.method) == st.Method) {
			return true
		}
	}
	return false
}
