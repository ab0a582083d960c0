package loader

import (
	"math/bits"
	"unicode/utf8"
)

// runeCount is utf8.RuneCountInString for valid UTF-8, which every text is
// once decoded: it counts the bytes that are not continuation bytes (10xxxxxx),
// eight at a time. Offsets are in runes, so every line is counted at least
// twice, and the standard function, decoding rune by rune, was the largest
// single cost of loading a Chinese report.
func runeCount(s string) int {
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// Bit 7 set and bit 6 clear: x<<1 moves each byte's bit 6 to its bit 7.
		n -= bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with a fast path for the
// three-byte runes of Chinese text, which the standard function decodes on
// its slow path.
func decodeRune(s string, i int) (rune, int) {
	if b0 := s[i]; b0&0xF0 == 0xE0 && i+2 < len(s) {
		b1, b2 := s[i+1], s[i+2]
		if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			if r := rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}
