package loader

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/reportgraph/reportgraph/kg"
)

// Encoding names reported in Text.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8-bom"
	encGB18030 = "gb18030"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
)

// sniffWindow is how many leading bytes the encoding heuristics look at;
// enough to be representative, small enough to stay O(1) per file.
const sniffWindow = 64 << 10

// decodeText turns raw bytes into UTF-8 text and names the encoding it found.
// Order matters: a BOM is authoritative; UTF-16 without a BOM must be tried
// before UTF-8 because NUL bytes are valid UTF-8; GB18030 is the fallback
// because Chinese sites still publish GBK/GB2312 pages and GB18030 is their
// superset. The result never contains control characters other than \n and \t.
// DecodePlainText decodes a plain text file that is not a report (a CSV
// of statistics, say) from any encoding Normalize reads (UTF-8 with or
// without its BOM, GB18030, UTF-16): UTF-8 with line ends as "\n" and no
// control characters but tabs. It cleans no markup and joins no lines. A
// binary file or an office document is EINVALID naming what it is.
func DecodePlainText(raw []byte) (text, encoding string, err error) {
	if bytes.HasPrefix(raw, zipMagic) {
		return "", "", kg.Errorf(kg.EINVALID, "a zip archive or office document (.xlsx, .docx), not plain text")
	}
	for _, m := range binaryMagics {
		if bytes.HasPrefix(raw, m.magic) {
			return "", "", kg.Errorf(kg.EINVALID, "%s", m.reason)
		}
	}
	return decodeText(raw)
}

func decodeText(raw []byte) (string, string, error) {
	s, enc := decodeBytes(raw)
	return cleanControls(s, enc)
}

func decodeBytes(raw []byte) (string, string) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(raw[3:]), "\uFFFD"), encUTF8BOM
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeUTF16(raw[2:], false), encUTF16LE
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeUTF16(raw[2:], true), encUTF16BE
	}
	if bigEndian, ok := sniffUTF16(raw); ok {
		if bigEndian {
			return decodeUTF16(raw, true), encUTF16BE
		}
		return decodeUTF16(raw, false), encUTF16LE
	}
	if utf8.Valid(raw) {
		return string(raw), encUTF8
	}
	if mostlyUTF8(raw) {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), encUTF8
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		// The decoder replaces bad sequences itself; an error here means the
		// input is not text in any encoding we know.
		return strings.ToValidUTF8(string(raw), "\uFFFD"), encUTF8
	}
	return string(out), encGB18030
}

// sniffUTF16 recognises BOM-less UTF-16 by its NUL pattern: ASCII characters
// (digits, newlines, punctuation) have a zero high byte, so one byte parity
// carries most NULs while the other carries few (only Han characters such as
// 一 U+4E00 have a zero low byte). Binary data has NULs at both parities.
func sniffUTF16(raw []byte) (bigEndian, ok bool) {
	n := min(len(raw), sniffWindow) &^ 1
	if n < 4 || bytes.IndexByte(raw[:n], 0) < 0 {
		return false, false // no NUL at all: every UTF-8 or GB18030 text
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*50 >= pairs && even*3 <= odd:
		return false, true
	case even*50 >= pairs && odd*3 <= even:
		return true, true
	}
	return false, false
}

// mostlyUTF8 accepts UTF-8 with a few broken bytes (a crawl cut inside a
// character, a stray byte): at most one invalid byte per thousand. GBK text
// read as UTF-8 is invalid almost everywhere it is not ASCII.
func mostlyUTF8(raw []byte) bool {
	invalid := 0
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
			if invalid > 3+len(raw)/1000 {
				return false
			}
		}
		i += size
	}
	return true
}

func decodeUTF16(b []byte, bigEndian bool) string {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(units))
}

// cleanControls rejects binary data and strips stray control characters.
// Binary files decode "successfully" in GB18030 or UTF-8 with replacement
// characters, so the decision is made on the decoded runes: more than 1% NULs,
// C0/C1 controls, replacement characters or private-use code points is not a
// text file.
func cleanControls(s, enc string) (string, string, error) {
	bad, total, breaks := scanControls(s)
	if bad > 0 && bad*100 > total {
		return "", enc, kg.Errorf(kg.EINVALID, "binary data, not text")
	}
	if bad == 0 && !breaks {
		return s, enc, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case isJunkRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), enc, nil
}

// scanControls counts the runes of s (valid UTF-8) and the junk among them,
// and reports a line break to rewrite. It works on bytes and decodes only
// runes whose lead byte can start a control, a line separator, a
// replacement character or a private-use code point (C2, E2, ED, EE, EF):
// decoding every rune of a Chinese text cost more than the rest of
// normalisation.
func scanControls(s string) (bad, total int, breaks bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c&0xC0 == 0x80 {
			continue // continuation byte
		}
		total++
		var r rune
		switch {
		case c < 0x80:
			if c >= 0x20 && c != 0x7f {
				continue
			}
			r = rune(c)
		case c == 0xC2 || c == 0xE2 || c == 0xED || c == 0xEE || c == 0xEF:
			r, _ = utf8.DecodeRuneInString(s[i:])
		default:
			continue
		}
		switch {
		case isJunkRune(r):
			bad++
		case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
			breaks = true
		}
	}
	return bad, total, breaks
}

// isJunkRune reports runes that never occur in a published report.
func isJunkRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == utf8.RuneError:
		return true
	case r >= 0xE000 && r <= 0xF8FF: // private use: GBK user-defined area, random bytes
		return true
	case r >= 0xD800 && r <= 0xDFFF:
		return true
	}
	return false
}
