package loader

import (
	"iter"
	"math/bits"
	"slices"
	"strings"
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

// wordSet finds whether a text contains any of a list of words in one pass
// over its bytes: bitmaps of the words' first two bytes and of their second
// and third reject almost every position without decoding a rune, where a
// pass per word, or one decoding every rune, cost several percent of a
// load. The first two bytes of a Chinese rune only name a block of 64
// runes, so the first bitmap alone let a tenth of the positions through to
// a loop over every word, which cost more than the scan. The scan steps
// from rune start to rune start, as words start there.
type wordSet struct {
	words []string
	lead  bitmap16 // first two bytes of each word
	mid   bitmap16 // second and third bytes of the words of three bytes or more
	short []uint16 // the two-byte words (©), which mid cannot hold
}

// bitmap16 holds a set of byte pairs.
type bitmap16 [1 << 16 / 64]uint64

func (m *bitmap16) add(a, b byte) {
	k := uint16(a)<<8 | uint16(b)
	m[k>>6] |= 1 << (k & 63)
}

func (m *bitmap16) has(a, b byte) bool {
	k := uint16(a)<<8 | uint16(b)
	return m[k>>6]&(1<<(k&63)) != 0
}

// newWordSet indexes words, each at least two bytes long.
func newWordSet(words []string) *wordSet {
	ws := &wordSet{words: words}
	for _, w := range words {
		if len(w) < 2 {
			panic("newWordSet: " + w + " is shorter than two bytes")
		}
		ws.lead.add(w[0], w[1])
		if len(w) == 2 {
			ws.short = append(ws.short, uint16(w[0])<<8|uint16(w[1]))
		} else {
			ws.mid.add(w[1], w[2])
		}
	}
	return ws
}

func (ws *wordSet) hasShort(a, b byte) bool {
	return len(ws.short) > 0 && slices.Contains(ws.short, uint16(a)<<8|uint16(b))
}

// in reports whether s contains one of the words.
func (ws *wordSet) in(s string) bool {
	i, _ := ws.next(s, 0)
	return i >= 0
}

// next returns the byte offset and the word of the first of the words
// that s (valid UTF-8) holds at or after from, a rune start, the first
// listed where several start there, or -1.
func (ws *wordSet) next(s string, from int) (int, string) {
	for i := from; i+1 < len(s); i += runeWidth[s[i]] {
		if !ws.lead.has(s[i], s[i+1]) {
			continue
		}
		if (i+2 >= len(s) || !ws.mid.has(s[i+1], s[i+2])) && !ws.hasShort(s[i], s[i+1]) {
			continue
		}
		for _, w := range ws.words {
			if w[0] == s[i] && w[1] == s[i+1] && strings.HasPrefix(s[i:], w) {
				return i, w
			}
		}
	}
	return -1, ""
}

// runeWidth is the length of the UTF-8 sequence each byte starts, one for
// continuation and invalid bytes. Scans of decoded text, always valid,
// step from rune start to rune start with it: a third of the steps over
// Chinese text.
var runeWidth = func() (w [256]int) {
	for b := range w {
		switch {
		case b >= 0xF0 && b < 0xF8:
			w[b] = 4
		case b >= 0xE0 && b < 0xF0:
			w[b] = 3
		case b >= 0xC0 && b < 0xE0:
			w[b] = 2
		default:
			w[b] = 1
		}
	}
	return w
}()

// hasDigit reports whether s holds an ASCII digit: strings.ContainsAny
// builds its set on every call, and the target readers ask this of every
// clause.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 {
			return true
		}
	}
	return false
}

// head is the start of s that holds at least n runes, or s: a window for
// an anchored pattern of bounded length. Go's matchers prepare state in
// proportion to the whole input however soon the match ends, and patterns
// tried at every 等 of a long sentence spent more time there than
// matching.
func head(s string, n int) string {
	if len(s) <= n*utf8.UTFMax {
		return s
	}
	i := n * utf8.UTFMax
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[:i]
}

// indexWord is strings.Index for a word of Chinese text. strings.Index
// looks for the word's first byte, and the lead byte of a CJK rune (E4 to
// E9) is a third of the bytes of a report; its last byte, a continuation
// byte, is about one in a hundred, so that one is looked for instead.
func indexWord(s, w string) int {
	last := w[len(w)-1]
	for off := len(w) - 1; off < len(s); {
		i := strings.IndexByte(s[off:], last)
		if i < 0 {
			return -1
		}
		end := off + i + 1
		if strings.HasSuffix(s[:end], w) {
			return end - len(w)
		}
		off = end
	}
	return -1
}

// containsWord is strings.Contains for a word of Chinese text, searched
// as indexWord does.
func containsWord(s, w string) bool {
	return indexWord(s, w) >= 0
}

// wordsIn yields the byte offset of every occurrence of w in s, in order,
// without overlaps, found with indexWord.
func wordsIn(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for k := 0; ; {
			i := indexWord(s[k:], w)
			if i < 0 || !yield(k+i) {
				return
			}
			k += i + len(w)
		}
	}
}

// afterLastAny is where the text after the last of chars in s starts: 0
// when s holds none of them.
func afterLastAny(s, chars string) int {
	i := strings.LastIndexAny(s, chars)
	if i < 0 {
		return 0
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return i + w
}

// lastRuneOf is the last rune of s, utf8.RuneError when s is empty.
func lastRuneOf(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// nextWord is the byte offset of the next w in s after the one at at, or
// -1: a loop with it allocates nothing, as wordsIn's closure may.
func nextWord(s string, at int, w string) int {
	from := at + len(w)
	if i := indexWord(s[from:], w); i >= 0 {
		return from + i
	}
	return -1
}
