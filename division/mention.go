package division

import (
	"slices"
	"unicode/utf8"
)

// Mention is one occurrence of a region name in a text.
type Mention struct {
	Name      string   // the name as written: 锡林郭勒盟, 锡盟, 新城区
	Offset    int      // byte offset of Name in the scanned text
	RegionIDs []string // every region the name stands for, sorted by code; shared, do not modify
	Full      bool     // Name is the official name of at least one of them
}

// Mentions finds region names in text, scanning left to right. At each
// position the longest name wins (内蒙古自治区 over 内蒙古), and scanning
// resumes after it, so mentions never overlap. The cost is linear in the
// text length: every name has at least two characters, so a bit table of
// hashed first-two-character pairs rejects almost every position with one
// probe; where a name may start, one map probe per distinct name length
// of that first character follows.
func (t *Tree) Mentions(text string) []Mention {
	var out []Mention
	m := &t.match
	// r1 is the rune at i when carried from the step before (each rune is
	// decoded once, as a second rune, then as a first).
	r1, s1, carried := rune(0), 0, false
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++ // names are Chinese: ASCII never starts one
			carried = false
			continue
		}
		if !carried {
			r1, s1 = decodeRune(text, i)
		}
		carried = false
		if !m.firsts.has(r1) {
			i += s1 // no name starts with this rune: one L1 bit test
			continue
		}
		if i+s1 < len(text) {
			r2, s2 := decodeRune(text, i+s1)
			if m.maybe(r1, r2) {
				if e := m.longest(r1, text[i:]); e != nil {
					out = append(out, Mention{Name: e.name, Offset: i, RegionIDs: e.ids, Full: e.full})
					i += len(e.name)
					continue
				}
			}
			i += s1
			r1, s1, carried = r2, s2, true
			continue
		}
		i += s1
	}
	return out
}

// decodeRune decodes the rune at text[i], with a fast path for the
// three-byte sequences of Chinese text (utf8.DecodeRuneInString takes its
// slow path for every one of them). A malformed sequence may decode to some
// rune, but names are compared byte for byte afterwards, so it never matches.
func decodeRune(text string, i int) (rune, int) {
	if b0 := text[i]; b0&0xF0 == 0xE0 && i+2 < len(text) {
		b1, b2 := text[i+1], text[i+2]
		if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// pairBits is the size of the pair filter in bits (128 KiB): with about
// 8,000 names it holds few set bits, so false positives are rare.
const pairBits = 1 << 20

// matcher finds the longest name starting at a position. Names are grouped
// by first rune; for each first rune it keeps the distinct byte lengths of
// its names, longest first, so a probe tries at most that many substrings.
type matcher struct {
	firsts  *runeSet // the names' first runes (8 KiB: stays in L1, where pairs does not)
	pairs   []uint64 // bit set of hashed (first rune, second rune) of every name
	lengths map[rune][]int
	names   map[string]*entry
}

func pairHash(r1, r2 rune) uint32 {
	return (uint32(r1)<<11 ^ uint32(r2)) * 0x9E3779B1 >> (32 - 20)
}

func (m *matcher) maybe(r1, r2 rune) bool {
	h := pairHash(r1, r2)
	return m.pairs[h>>6]&(1<<(h&63)) != 0
}

func newMatcherFrom(byName map[string]*entry) matcher {
	m := matcher{firsts: new(runeSet), pairs: make([]uint64, pairBits/64), lengths: make(map[rune][]int, len(byName)/2), names: byName}
	for name := range byName {
		r1, s1 := utf8.DecodeRuneInString(name)
		m.firsts.add(r1)
		r2, _ := utf8.DecodeRuneInString(name[s1:])
		h := pairHash(r1, r2)
		m.pairs[h>>6] |= 1 << (h & 63)
		ls := m.lengths[r1]
		if !containsInt(ls, len(name)) {
			m.lengths[r1] = append(ls, len(name))
		}
	}
	for _, ls := range m.lengths {
		slices.SortFunc(ls, func(a, b int) int { return b - a })
	}
	return m
}

func (m *matcher) longest(first rune, s string) *entry {
	for _, n := range m.lengths[first] {
		if n > len(s) {
			continue
		}
		if e := m.names[s[:n]]; e != nil {
			return e
		}
	}
	return nil
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// runeSet is a bitmap of runes in the Basic Multilingual Plane; runes
// beyond it are always members, so the set only ever rejects.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r < 0x10000 {
		s[r>>6] |= 1 << (r & 63)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0x10000 || s[r>>6]&(1<<(r&63)) != 0
}
