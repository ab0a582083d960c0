package division

import (
	"testing"
	"unicode/utf8"
)

// decodeRune must agree with utf8.DecodeRuneInString on valid text and
// never read past the end of malformed text.
func TestDecodeRune(t *testing.T) {
	for _, text := range []string{
		"奈曼旗 abc 😀 é",
		"\xe5\x85",           // truncated three-byte sequence
		"\xe5\x85A",          // bad continuation byte
		"锡\xff盟",             // stray byte
		"\xed\xa0\x80",       // surrogate: invalid UTF-8
		string([]byte{0xe4}), // lone lead byte at the end
	} {
		for i := 0; i < len(text); {
			r, n := decodeRune(text, i)
			wr, wn := utf8.DecodeRuneInString(text[i:])
			if utf8.ValidString(text) && (r != wr || n != wn) {
				t.Errorf("%q at %d: got %U/%d, want %U/%d", text, i, r, n, wr, wn)
			}
			if n < 1 || i+n > len(text) {
				t.Fatalf("%q at %d: size %d out of range", text, i, n)
			}
			i += n
		}
	}
}
