package division

import (
	"sort"
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
// text length: one table probe per character, and a bounded number of map
// probes (one per distinct name length) where a name may start.
func (t *Tree) Mentions(text string) []Mention {
	var out []Mention
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if e := t.match.longest(r, text[i:]); e != nil {
			out = append(out, Mention{Name: e.name, Offset: i, RegionIDs: e.ids, Full: e.full})
			i += len(e.name)
			continue
		}
		i += size
	}
	return out
}

// matcher finds the longest name starting at a position. Names are grouped
// by first rune; for each first rune it keeps the distinct byte lengths of
// its names, longest first, so a probe tries at most that many substrings.
type matcher struct {
	lengths map[rune][]int
	names   map[string]*entry
}

func newMatcherFrom(byName map[string]*entry) matcher {
	m := matcher{lengths: map[rune][]int{}, names: byName}
	for name := range byName {
		r, _ := utf8.DecodeRuneInString(name)
		ls := m.lengths[r]
		if !containsInt(ls, len(name)) {
			m.lengths[r] = append(ls, len(name))
		}
	}
	for r, ls := range m.lengths {
		sort.Sort(sort.Reverse(sort.IntSlice(ls)))
		m.lengths[r] = ls
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
