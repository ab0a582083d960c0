package memory

import (
	"hash/maphash"
	"math"
	"unsafe"
)

// stringArena stores strings for a table that holds many and drops some,
// without a pointer per string: bytes go into large append-only chunks, a
// string is a ref into one, and strings read back share the chunk's
// bytes. Bytes once written are never modified; freed space is reclaimed
// only by compact, which copies the live strings into fresh chunks, so a
// string handed out earlier stays valid (it keeps its old chunk alive).
type stringArena struct {
	chunks     [][]byte
	live, dead int // bytes
}

// arenaRef is a string in an arena; the zero ref is "".
type arenaRef struct{ chunk, off, n uint32 }

// freedRef marks a slot whose string was released.
var freedRef = arenaRef{chunk: none}

// Chunks start small and double up to arenaChunk, so the interners of a
// handful of edge types and methods do not hold a megabyte each.
const (
	arenaFirstChunk = 4 << 10
	arenaChunk      = 1 << 20
)

// reserve returns the ref of n new bytes and the bytes to fill.
func (a *stringArena) reserve(n int) (arenaRef, []byte) {
	if n == 0 {
		return arenaRef{}, nil
	}
	if n > math.MaxUint32 {
		panic("memory store: string of 4 GiB or more")
	}
	last := len(a.chunks) - 1
	if last < 0 || len(a.chunks[last])+n > cap(a.chunks[last]) {
		size := arenaFirstChunk
		if last >= 0 {
			size = min(2*cap(a.chunks[last]), arenaChunk)
		}
		a.chunks = append(a.chunks, make([]byte, 0, max(size, n)))
		last++
	}
	c := a.chunks[last]
	a.chunks[last] = c[:len(c)+n]
	a.live += n
	return arenaRef{uint32(last), uint32(len(c)), uint32(n)}, c[len(c) : len(c)+n]
}

func (a *stringArena) put(s string) arenaRef {
	ref, dst := a.reserve(len(s))
	copy(dst, s)
	return ref
}

func (a *stringArena) putBytes(b []byte) arenaRef {
	ref, dst := a.reserve(len(b))
	copy(dst, b)
	return ref
}

func (a *stringArena) get(r arenaRef) string {
	if r.n == 0 {
		return ""
	}
	return unsafe.String(&a.chunks[r.chunk][r.off], int(r.n))
}

// free releases r's bytes and tells whether enough are free to compact.
func (a *stringArena) free(r arenaRef) bool {
	a.live -= int(r.n)
	a.dead += int(r.n)
	return a.dead >= arenaChunk && a.dead > a.live
}

// compact copies every live string into fresh chunks. refs calls visit
// with a pointer to every live ref, which compact rewrites.
func (a *stringArena) compact(refs func(visit func(*arenaRef))) {
	var fresh stringArena
	refs(func(r *arenaRef) { *r = fresh.put(a.get(*r)) })
	*a = fresh
}

// interner maps strings to dense ordinals and back, reusing released
// ordinals, with no pointer per string (see stringArena and hashChains).
type interner struct {
	seed maphash.Seed
	records[arenaRef]
	chains hashChains
	arena  stringArena
}

func newInterner() interner {
	return interner{seed: maphash.MakeSeed(), chains: newHashChains()}
}

func (in *interner) lookup(s string) (uint32, bool) {
	found, ok := uint32(none), false
	in.chains.each(maphash.String(in.seed, s), func(o uint32) bool {
		if in.arena.get(in.recs[o]) == s {
			found, ok = o, true
			return false
		}
		return true
	})
	return found, ok
}

func (in *interner) intern(s string) uint32 {
	if o, ok := in.lookup(s); ok {
		return o
	}
	o := in.add(in.arena.put(s))
	in.chains.grow(len(in.recs))
	in.chains.add(maphash.String(in.seed, s), o)
	return o
}

func (in *interner) name(o uint32) string { return in.arena.get(in.recs[o]) }

func (in *interner) release(o uint32) {
	ref := in.recs[o]
	if ref == freedRef {
		return // released already: an edge whose ends are one node
	}
	in.chains.remove(maphash.String(in.seed, in.arena.get(ref)), o)
	in.records.release(o, freedRef)
	if in.arena.free(ref) {
		in.arena.compact(func(visit func(*arenaRef)) {
			for i := range in.recs {
				if in.recs[i] != freedRef {
					visit(&in.recs[i])
				}
			}
		})
	}
}
