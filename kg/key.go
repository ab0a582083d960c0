package kg

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// KeyOf is the matching key of a name, Entity.Key: quotes, brackets,
// spaces and trailing punctuation removed and punctuation width folded, so
// “三北”工程 and 三北工程, or 旗县（市、区） and 旗县(市、区), are one entity.
// The loader keys what it extracts with it and link compares with it, so
// the two cannot disagree.
func KeyOf(name string) string {
	if needsKeyMapping(name) {
		name = mapKey(name)
	}
	return strings.TrimRight(name, "。，,；;：:、！!？?")
}

// mapKey drops quotes, brackets and spaces and folds width.
func mapKey(name string) string {
	fold := false
	key := strings.Map(func(r rune) rune {
		switch r {
		case '“', '”', '‘', '’', '"', '\'', '「', '」', '『', '』', '《', '》':
			return -1
		}
		if isKeySpace(r) {
			return -1
		}
		fold = fold || mayFoldWidth(r)
		return r
	}, name)
	if fold { // the width transform costs more than the rest: most names need none
		key = width.Fold.String(key)
	}
	return key
}

// isKeySpace: the spaces a key drops, the ideographic space and a stray
// byte-order mark among them.
func isKeySpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

// needsKeyMapping reports whether KeyOf's rune mapping could change
// name: a byte scan that decodes only at the lead bytes of quotes, spaces
// and full-width forms (C2, E1, E2, E3, EF), since most names have none.
func needsKeyMapping(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c < 0x80:
			if c == '"' || c == '\'' || isKeySpace(rune(c)) {
				return true
			}
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF:
			r, _ := utf8.DecodeRuneInString(name[i:])
			switch r {
			case '“', '”', '‘', '’', '「', '」', '『', '』', '《', '》':
				return true
			}
			if isKeySpace(r) || mayFoldWidth(r) {
				return true
			}
		}
	}
	return false
}

// mayFoldWidth reports a rune width.Fold may change: the half- and
// full-width forms block and the few characters it pairs with them
// (TestMayFoldWidth checks every other rune is left alone).
func mayFoldWidth(r rune) bool {
	return r >= 0xFF00 && r <= 0xFFEF || r == 0x3000 || r == 0x2985 || r == 0x2986 || r == 0x20A9
}
