package division

import (
	"strings"
	"unicode/utf8"
)

// Short names are derived from official names by general rules, so every
// region of the country gets them without hand-kept tables. The only fixed
// data are the root's forms and the names of China's ethnic groups, which
// appear inside the official names of autonomous units.

// rootShortNames are the forms reports use for the whole country.
var rootShortNames = []string{"全国", "中国"}

// ethnicGroups lists the 55 minority ethnic groups, longest first so that
// 土家 is stripped before 土. Official names write them with 族 (壮族自治区),
// and multi-character ones sometimes without it (博尔塔拉蒙古自治州).
var ethnicGroups = sortLongestFirst([]string{
	"蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶",
	"白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜",
	"水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗",
	"撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
	"俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春",
	"赫哲", "门巴", "珞巴", "基诺",
})

// autonomousSuffixes end the names of autonomous units; the ethnic names
// before them are dropped too, and the unit word is kept as an extra form
// (延边朝鲜族自治州 → 延边, 延边州).
var autonomousSuffixes = []struct{ suffix, unit string }{
	{"自治区", ""},
	{"自治州", "州"},
	{"自治县", "县"},
	{"自治旗", "旗"},
}

// unitSuffixes are the other designations, longest first. Each is stripped
// when at least two characters remain.
var unitSuffixes = []string{"特别行政区", "地区", "矿区", "特区", "省", "市", "盟", "县", "旗", "区"}

// ambiguousSuffixes may be a designation (神农架林区, 浦东新区) or end a
// name whose designation is 区 (万柏林区, 清新区): both readings are kept.
var ambiguousSuffixes = []string{"林区", "新区"}

// bannerDirections are the positional words in banner names (科尔沁左翼中旗,
// 乌拉特前旗) that the usual contracted forms keep (科左中旗, 乌前旗).
const bannerDirections = "左右前中后"

const minShortRunes = 2

// shortNames returns the short forms of one official name, without the
// name itself, in a stable order. Forms that depend on the whole tree
// (league initials, banner contractions) are added by addUniqueForms.
func shortNames(name string) []string {
	var out []string
	add := func(s string) {
		if s != "" && s != name && !contains(out, s) {
			out = append(out, s)
		}
	}
	for _, a := range autonomousSuffixes {
		if stem, ok := strings.CutSuffix(name, a.suffix); ok {
			stem = stripEthnic(stem)
			if runeLen(stem) >= minShortRunes {
				add(stem)
				if a.unit != "" {
					add(stem + a.unit)
				}
			}
			return out
		}
	}
	for _, s := range ambiguousSuffixes {
		if stem, ok := strings.CutSuffix(name, s); ok && runeLen(stem) >= minShortRunes {
			add(stem)
		}
	}
	for _, s := range unitSuffixes {
		if stem, ok := strings.CutSuffix(name, s); ok {
			if runeLen(stem) >= minShortRunes {
				add(stem)
			}
			break
		}
	}
	return out
}

// stripEthnic removes trailing ethnic group names (湘西土家族苗族 → 湘西)
// while at least two characters remain; a stem that is only an ethnic name
// keeps it without 族 (鄂温克族 → 鄂温克).
func stripEthnic(stem string) string {
	for {
		next, ok := cutEthnic(stem)
		if !ok || runeLen(next) < minShortRunes {
			break
		}
		stem = next
	}
	if s, ok := strings.CutSuffix(stem, "族"); ok && runeLen(s) >= minShortRunes {
		return s
	}
	return stem
}

func cutEthnic(stem string) (string, bool) {
	for _, g := range ethnicGroups {
		if s, ok := strings.CutSuffix(stem, g+"族"); ok {
			return s, true
		}
	}
	for _, g := range ethnicGroups {
		if runeLen(g) < 2 {
			continue // single characters without 族 are ordinary words
		}
		if s, ok := strings.CutSuffix(stem, g); ok {
			return s, true
		}
	}
	return stem, false
}

// leagueInitial is the league form first character + 盟 (锡林郭勒盟 → 锡盟).
func leagueInitial(name string) string {
	if !strings.HasSuffix(name, "盟") || runeLen(name) < 3 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(name)
	return string(r) + "盟"
}

// bannerContraction is the usual contracted form of a banner named by a
// direction: 科尔沁左翼中旗 → 科左中旗, 乌拉特前旗 → 乌前旗.
func bannerContraction(name string) string {
	stem, ok := strings.CutSuffix(name, "旗")
	if !ok {
		return ""
	}
	runes := []rune(stem)
	n := len(runes)
	if n < 3 || !strings.ContainsRune(bannerDirections, runes[n-1]) {
		return ""
	}
	first := string(runes[0])
	// X左翼Y旗 / X右翼Y旗
	if n >= 5 && runes[n-2] == '翼' && (runes[n-3] == '左' || runes[n-3] == '右') {
		return first + string(runes[n-3]) + string(runes[n-1]) + "旗"
	}
	return first + string(runes[n-1]) + "旗"
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortLongestFirst(list []string) []string {
	out := append([]string(nil), list...)
	// insertion sort: tiny list, stable
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && runeLen(out[j]) > runeLen(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
