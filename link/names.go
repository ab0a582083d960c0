package link

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// Names returns the forms e is known by across reports, each with the rule
// that derived it, sorted by (Key, Rule); nil when e is no name (a task
// area, a 民生实事 sentence, a word). Entities of different reports that
// share a name are one program written differently: SameGroup tells which
// shared names join two entities.
//
// The rules are the matching tiers of Implements that state sameness: its
// key, its aliases, its stem (三北 for “三北”六期 and 三北六期工程), its
// plain form (an action without 攻坚 or 专项) and, for a quoted handle
// with a suffix (“三北”工程), the abbreviation of longer names that start
// with the handle. Being part of a coordinated name (科尔沁… of
// 科尔沁和浑善达克沙地歼灭战) links a report to its parent's but is not
// sameness, so it gives no name.
func Names(e *kg.Entity) []kg.Name {
	if e == nil || !linkable(e) {
		return nil
	}
	// Only what the names need of a side: the loader asks this of every
	// entity, and prepare's maps (parts, aliases) were a third more
	// allocations per report.
	s := &side{e: e, key: kg.KeyOf(e.Key)}
	if s.key == "" {
		s.key = kg.KeyOf(e.Name)
	}
	out := make([]kg.Name, 1, 6)
	out[0] = kg.Name{Key: s.key, Rule: kg.NameKey}
	for _, a := range e.Aliases {
		if a := kg.KeyOf(a); a != "" && a != s.key {
			out = append(out, kg.Name{Key: a, Rule: kg.NameAlias})
		}
	}
	if e.Kind != kg.KindProject { // projects are the same by their exact name only
		if st := stem(s.key); st != "" {
			out = append(out, kg.Name{Key: st, Rule: kg.NameStem})
		}
		if p := plain(s.key); p != "" {
			out = append(out, kg.Name{Key: p, Rule: kg.NamePlain})
		}
		if u := unscoped(s.key); u != "" {
			out = append(out, kg.Name{Key: u, Rule: kg.NameUnscoped})
		}
		s.suffix = suffixOf(s.key, nameSuffixes)
		if s.suffix != "" {
			s.handles = handles(e.Name)
			out = append(out, abbreviations(s)...)
		}
	}
	sortNames(out)
	return slices.Compact(out)
}

// scopeWords say whose a program is (国家“三北”工程, 自治区“万企兴万村”行动)
// without changing which program it is. Single characters (市, 旗) are
// left out: they start ordinary words (市场, 旗帜).
var scopeWords = []string{"国家", "全国", "自治区", "全省", "全区", "全市", "全盟", "全旗", "全县", "我省", "我区", "我市", "我盟", "我旗", "我县"}

// unscoped is key without a leading scope word, when what is left is still
// a name: a naming suffix after a distinctive stem (三北工程); "" otherwise.
func unscoped(key string) string {
	for _, w := range scopeWords {
		rest, ok := strings.CutPrefix(key, w)
		if !ok {
			continue
		}
		suf := suffixOf(rest, nameSuffixes)
		if suf == "" {
			return ""
		}
		if st := strings.TrimSuffix(rest, suf); distinctive(st) && !counted(st) {
			return rest
		}
		return ""
	}
	return ""
}

// maxHandleRunes bounds the handles a long name is expanded from: the
// quoted handles that start the names they abbreviate (三北, 京津冀) are
// short, and every longer prefix would be one more Name node per entity.
const maxHandleRunes = 3

// abbreviations gives s's key as an ABBREVIATION when the name is a quoted
// handle and its suffix (“三北”工程), and otherwise, for a name whose body
// is longer than a handle, the short forms it may be abbreviated to: each
// prefix of two or three runes with the same suffix (三北工程 for
// 三北防护林体系建设工程).
func abbreviations(s *side) []kg.Name {
	if s.suffix == "" {
		return nil
	}
	for _, h := range s.handles {
		if s.key == h+s.suffix {
			return []kg.Name{{Key: s.key, Rule: kg.NameAbbreviation}}
		}
	}
	body := strings.TrimSuffix(s.key, s.suffix)
	for _, w := range scopeWords { // a handle never starts with 国家 or 全市
		if rest, ok := strings.CutPrefix(body, w); ok {
			body = rest
			break
		}
	}
	var out []kg.Name
	n, off := 0, 0
	for off < len(body) && n < maxHandleRunes {
		_, size := utf8.DecodeRuneInString(body[off:])
		off += size
		n++
		if n < 2 || off == len(body) {
			continue // a handle has two runes or more, and is shorter than the body
		}
		if h := body[:off]; distinctive(h) && !counted(h) && !strings.ContainsAny(h, "，、；。,;和与及") {
			out = append(out, kg.Name{Key: h + s.suffix, Rule: kg.NameExpansion})
		}
	}
	return out
}

// Joins reports whether two entities holding one name key by rules a and b
// are the same: any two rules join except an EXPANSION, which joins only
// an ABBREVIATION.
func Joins(a, b kg.NameRule) bool {
	if a == kg.NameExpansion || b == kg.NameExpansion {
		return a == kg.NameAbbreviation || b == kg.NameAbbreviation
	}
	return true
}

// Compatible reports whether entities of kinds a and b can be the same: a
// project is never the same as a program, nor the reverse.
func Compatible(a, b kg.EntityKind) bool {
	return (a == kg.KindProject) == (b == kg.KindProject)
}

func sortNames(ns []kg.Name) {
	slices.SortFunc(ns, func(a, b kg.Name) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(string(a.Rule), string(b.Rule))
	})
}
