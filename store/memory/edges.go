package memory

import (
	"math"
	"slices"

	"github.com/reportgraph/reportgraph/kg"
)

// edgeTable holds the edges with as few pointers as it can: node ids are
// interned to ordinals, types and methods to small codes, and the lookup
// tables hold only integers. The collector marks every pointer the store
// holds on every cycle, concurrently with requests, so the store's pointer
// count sets how long each cycle slows them; edges, keyed by three id
// strings in four maps, were nearly half of it. Guarded by Store.mu.
type edgeTable struct {
	nodes   interner // node id (entity or region) ↔ ordinal
	types   interner
	methods interner

	recs  []edgeRec // by slot; a free slot has live false
	free  []uint32  // free slots, reused first
	byKey map[edgeCode]uint32
	// from and to list the slots of the edges leaving and entering each
	// node ordinal; a node with neither gives its ordinal back.
	from, to [][]uint32
	byType   map[uint32]map[uint32]struct{} // type code → slots
}

// edgeCode is an edge's key (Type, FromID, ToID) as codes.
type edgeCode struct{ typ, from, to uint32 }

type edgeRec struct {
	key        edgeCode
	method     uint32
	live       bool
	confidence float64
	evidence   []kg.Evidence // nil for most PART_OF edges
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

// put upserts e, copying its evidence.
func (t *edgeTable) put(e *kg.Edge) {
	k := edgeCode{t.types.intern(string(e.Type)), t.nodes.intern(e.FromID), t.nodes.intern(e.ToID)}
	rec := edgeRec{key: k, method: t.methods.intern(e.Method), live: true, confidence: e.Confidence}
	if len(e.Evidence) > 0 {
		rec.evidence = append([]kg.Evidence(nil), e.Evidence...)
	}
	if slot, ok := t.byKey[k]; ok {
		t.recs[slot] = rec
		return
	}
	slot := t.alloc(rec)
	t.byKey[k] = slot
	// Both lists cover every interned ordinal, so either side can be read.
	t.from, t.to = grow(t.from, max(k.from, k.to)), grow(t.to, max(k.from, k.to))
	t.from[k.from] = append(t.from[k.from], slot)
	t.to[k.to] = append(t.to[k.to], slot)
	if t.byType[k.typ] == nil {
		t.byType[k.typ] = map[uint32]struct{}{}
	}
	t.byType[k.typ][slot] = struct{}{}
}

func (t *edgeTable) alloc(rec edgeRec) uint32 {
	if n := len(t.free); n > 0 {
		slot := t.free[n-1]
		t.free = t.free[:n-1]
		t.recs[slot] = rec
		return slot
	}
	if len(t.recs) == math.MaxUint32 {
		panic("memory store: more than 2^32 edges")
	}
	t.recs = append(t.recs, rec)
	return uint32(len(t.recs) - 1)
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
		t.removeSlots(append(slices.Clone(t.from[o]), t.to[o]...), nil)
	}
}

// removeLeaving deletes the edges of type typ leaving id.
func (t *edgeTable) removeLeaving(id string, typ kg.EdgeType) {
	o, ok := t.nodes.lookup(id)
	ty, known := t.types.lookup(string(typ))
	if ok && known {
		t.removeSlots(slices.Clone(t.from[o]), func(r *edgeRec) bool { return r.key.typ == ty })
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
	t.from[k.from] = without(t.from[k.from], slot)
	t.to[k.to] = without(t.to[k.to], slot)
	*rec = edgeRec{}
	t.free = append(t.free, slot)
	t.releaseNode(k.from)
	t.releaseNode(k.to)
}

// releaseNode gives back o's ordinal once no edge touches it, so replacing
// reports under new ids does not grow the node table.
func (t *edgeTable) releaseNode(o uint32) {
	if len(t.from[o]) == 0 && len(t.to[o]) == 0 {
		t.from[o], t.to[o] = nil, nil
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
	collect := func(ids []string, side [][]uint32) {
		for _, id := range ids {
			o, ok := t.nodes.lookup(id)
			if !ok {
				continue
			}
			for _, slot := range side[o] {
				if _, dup := seen[slot]; !dup {
					seen[slot] = struct{}{}
					out = append(out, slot)
				}
			}
		}
	}
	collect(f.FromIDs, t.from)
	collect(f.ToIDs, t.to)
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
		Evidence: append([]kg.Evidence(nil), rec.evidence...),
	}
}

// grow extends side so ordinal o indexes it.
func grow(side [][]uint32, o uint32) [][]uint32 {
	for uint32(len(side)) <= o {
		side = append(side, nil)
	}
	return side
}

// without removes slot from slots, order not kept.
func without(slots []uint32, slot uint32) []uint32 {
	for i, s := range slots {
		if s == slot {
			slots[i] = slots[len(slots)-1]
			return slots[:len(slots)-1]
		}
	}
	return slots
}

// interner maps strings to dense ordinals and back; released ordinals are
// reused.
type interner struct {
	ords  map[string]uint32
	names []string
	free  []uint32
}

func newInterner() interner { return interner{ords: map[string]uint32{}} }

func (in *interner) lookup(s string) (uint32, bool) {
	o, ok := in.ords[s]
	return o, ok
}

func (in *interner) intern(s string) uint32 {
	if o, ok := in.ords[s]; ok {
		return o
	}
	var o uint32
	if n := len(in.free); n > 0 {
		o = in.free[n-1]
		in.free = in.free[:n-1]
		in.names[o] = s
	} else {
		if len(in.names) == math.MaxUint32 {
			panic("memory store: more than 2^32 interned names")
		}
		o = uint32(len(in.names))
		in.names = append(in.names, s)
	}
	in.ords[s] = o
	return o
}

func (in *interner) name(o uint32) string { return in.names[o] }

func (in *interner) release(o uint32) {
	if cur, ok := in.ords[in.names[o]]; !ok || cur != o {
		return // released already: an edge whose ends are one node
	}
	delete(in.ords, in.names[o])
	in.names[o] = ""
	in.free = append(in.free, o)
}
