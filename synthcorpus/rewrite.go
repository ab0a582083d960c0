package synthcorpus

import (
	"bytes"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// autonomousWords are the designations a report also uses bare (自治区党委):
// once the full name is rewritten, what is left refers to the same region.
var autonomousWords = []string{"自治区", "自治州", "自治县", "自治旗"}

// selfPrefixes open self-references (全旗, 我市, 本县), which the loader reads
// as the designation of the report's region.
var selfPrefixes = []string{"全", "我", "本"}

// unitSuffixes follow a unit word in government phrases (旗委, 盟级, 县人民政府).
// They are rewritten only for unit words that rarely end other words: 区
// (园区, 社区) and 市 (城市) would turn 社区委员会 into nonsense.
var unitSuffixes = []string{"委", "长", "人民政府", "政府", "级", "本级", "人大", "政协"}

const safeSuffixUnits = "旗盟县州"

// officeWords name a league's or prefecture's administration; a region of
// another kind has a people's government instead.
var officeWords = []string{"行政公署", "行署"}

// rewrite moves sample s to the target chain (region and ancestors below the
// root, same levels as s.chain) and to year, perturbing figures with seed.
func rewrite(tree *division.Tree, s sample, target []kg.Region, year int, seed uint64) []byte {
	text := namesReplacer(tree, s.chain, target).Replace(string(s.raw))
	rng := rand.New(rand.NewPCG(seed, 0xf16))
	// ±10%, one factor per file so ranges (6%－6.5%) keep their order
	scale := 0.9 + 0.2*rng.Float64()
	return shiftAndPerturb([]byte(text), year-s.year, scale)
}

// namesReplacer maps the sample's region names, short names, bare
// designations and self-references to the target's. Nearer levels win
// conflicts: the report speaks of itself more than of its ancestors.
func namesReplacer(tree *division.Tree, from, to []kg.Region) *strings.Replacer {
	pairs := map[string]string{}
	add := func(old, new string) {
		if _, ok := pairs[old]; !ok && old != "" {
			pairs[old] = new
		}
	}
	for k := range from {
		src, dst := from[k], to[k]
		add(src.Name, dst.Name)
		short := shortName(tree, dst)
		for _, s := range src.ShortNames {
			add(s, short)
		}
		for _, w := range autonomousWords {
			if strings.HasSuffix(src.Name, w) {
				add(w, designationWord(dst.Name, w))
			}
		}
		us, ut := lastRune(src.Name), lastRune(dst.Name)
		if k == 0 && !leagueLike(dst.Name) {
			for _, o := range officeWords {
				add(us+o, ut+"人民政府")
				add(o, ut+"人民政府")
			}
		}
		if us == ut {
			continue
		}
		for _, p := range selfPrefixes {
			add(p+us, p+ut)
		}
		if strings.Contains(safeSuffixUnits, us) {
			for _, sfx := range unitSuffixes {
				add(us+sfx, ut+sfx)
			}
		}
	}
	// Subordinate units move too: a league's report names its banners, and
	// left behind they would vouch for the sample's region instead.
	// A unit keeps whether it shares its region's designation (锡林浩特市
	// under a 盟 must not become a 市 under a 市, where it would compete
	// with the report's own region on self-references).
	var shares, differs []kg.Region
	for _, c := range tree.Children(to[0].ID) {
		if lastRune(c.Name) == lastRune(to[0].Name) {
			shares = append(shares, c)
		} else {
			differs = append(differs, c)
		}
	}
	if len(shares)+len(differs) > 0 {
		for i, src := range tree.Children(from[0].ID) {
			pool, other := differs, shares
			if lastRune(src.Name) == lastRune(from[0].Name) {
				pool, other = shares, differs
			}
			if len(pool) == 0 {
				pool = other
			}
			dst := pool[i%len(pool)]
			add(src.Name, dst.Name)
			short := shortName(tree, dst)
			for _, s := range src.ShortNames {
				add(s, short)
			}
		}
	}
	olds := make([]string, 0, len(pairs))
	for o := range pairs {
		olds = append(olds, o)
	}
	// strings.Replacer tries olds in argument order at each position:
	// longest first, so 内蒙古自治区 is replaced before 内蒙古.
	sort.Slice(olds, func(i, j int) bool {
		if len(olds[i]) != len(olds[j]) {
			return len(olds[i]) > len(olds[j])
		}
		return olds[i] < olds[j]
	})
	args := make([]string, 0, 2*len(olds))
	for _, o := range olds {
		args = append(args, o, pairs[o])
	}
	return strings.NewReplacer(args...)
}

// shortName is the form that stands in for the sample's short names: the
// target's first short name that names it alone, else its full name (a
// shared short name would lend the report to another region).
func shortName(tree *division.Tree, r kg.Region) string {
	for _, s := range r.ShortNames {
		if len(tree.Lookup(s)) == 1 {
			return s
		}
	}
	return r.Name
}

// designationWord is what a bare designation such as 自治区 becomes for the
// region named name: the same word when name carries it, else name's unit
// (河北省 → 省).
func designationWord(name, word string) string {
	if strings.HasSuffix(name, word) {
		return word
	}
	return lastRune(name)
}

// leagueLike reports whether a region is run by an administrative office.
func leagueLike(name string) bool {
	return strings.HasSuffix(name, "盟") || strings.HasSuffix(name, "地区")
}

func lastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

// perturbUnits are the units whose figures are perturbed: the targets'
// and results' measures. Years, item numbers and codes are left alone.
var perturbUnits = []string{"%", "％", "亿元", "万元", "万人", "万亩", "万吨"}

// shiftAndPerturb adds delta to every year (2023年, 2023-03-01) and scales
// every figure with a perturbUnits unit by scale, in one pass.
func shiftAndPerturb(text []byte, delta int, scale float64) []byte {
	out := make([]byte, 0, len(text)+len(text)/32)
	for i := 0; i < len(text); {
		if !isDigit(text[i]) || (i > 0 && (isDigit(text[i-1]) || text[i-1] == '.' || isLetter(text[i-1]))) {
			out = append(out, text[i])
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		intEnd := j
		if j+1 < len(text) && text[j] == '.' && isDigit(text[j+1]) {
			j++
			for j < len(text) && isDigit(text[j]) {
				j++
			}
		}
		num := text[i:j]
		rest := text[j:]
		switch {
		case intEnd == j && j-i == 4 && isYear(num) && (startsYearWord(rest) || isoDateTail(rest)):
			y, _ := strconv.Atoi(string(num))
			out = strconv.AppendInt(out, int64(y+delta), 10)
			out, j = fixLeapDay(out, text, j, y+delta)
		case unitAfter(rest):
			out = appendScaled(out, num, scale, bytes.HasPrefix(rest, []byte("%")) || bytes.HasPrefix(rest, []byte("％")))
		default:
			out = append(out, num...)
		}
		i = j
	}
	return out
}

func isDigit(b byte) bool  { return '0' <= b && b <= '9' }
func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

func isYear(num []byte) bool {
	return (num[0] == '1' && num[1] == '9') || (num[0] == '2' && num[1] == '0')
}

func startsYearWord(rest []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte("年"))
}

// isoDateTail reports whether rest continues a year into -MM-DD.
func isoDateTail(rest []byte) bool {
	if len(rest) < 4 || rest[0] != '-' {
		return false
	}
	k := 1
	for k < len(rest) && k < 4 && isDigit(rest[k]) {
		k++
	}
	return k > 1 && k < len(rest) && rest[k] == '-' && k+1 < len(rest) && isDigit(rest[k+1])
}

func unitAfter(rest []byte) bool {
	for _, u := range perturbUnits {
		if bytes.HasPrefix(rest, []byte(u)) {
			return true
		}
	}
	return false
}

// fixLeapDay copies a 2月29日 or -02-29 that follows a year shifted into a
// common year as the 28th, so every shifted date is a real date. j is where
// the year ended in text; it returns the new output and read position.
func fixLeapDay(out, text []byte, j, year int) ([]byte, int) {
	if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return out, j
	}
	for _, form := range [][2]string{{"年2月29日", "年2月28日"}, {"年02月29日", "年02月28日"}, {"-02-29", "-02-28"}} {
		if bytes.HasPrefix(text[j:], []byte(form[0])) {
			return append(out, form[1]...), j + len(form[0])
		}
	}
	return out, j
}

// appendScaled writes num×scale with num's decimals; a whole percentage
// below 100 gains one decimal so small rates still move, and a rate at
// most 100 stays at most 100.
func appendScaled(out, num []byte, scale float64, percent bool) []byte {
	v, err := strconv.ParseFloat(string(num), 64)
	if err != nil {
		return append(out, num...)
	}
	decimals := 0
	if dot := bytes.IndexByte(num, '.'); dot >= 0 {
		decimals = len(num) - dot - 1
	}
	if percent && decimals == 0 && v < 100 {
		decimals = 1
	}
	p := math.Pow10(decimals)
	w := math.Round(v*scale*p) / p
	if percent && v <= 100 && w > 100 {
		w = 100
	}
	s := strconv.FormatFloat(w, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return append(out, s...)
}
