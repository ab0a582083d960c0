package loader

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/data"
)

// TestScanControlsCountsEveryRune holds the byte-level scan to the rune
// loop it replaced, over every kind of rune it must see or may skip.
func TestScanControlsCountsEveryRune(t *testing.T) {
	naive := func(s string) (bad, total int, breaks bool) {
		for _, r := range s {
			total++
			switch {
			case isJunkRune(r):
				bad++
			case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
				breaks = true
			}
		}
		return bad, total, breaks
	}
	for _, s := range []string{
		"",
		"地区生产总值增长6%左右。\n",
		"a\x00b\x01\x1f\x7f",
		"行一\r\n行二\f\v",
		"\u2028\u2029\u2027\u202f",
		"\u0080\u009f\u00a0\u00ff",
		"\ufffd\ufeff\uff05",
		"\ue000\uf8ff\uf900\ud7ff",
		"𠀀😀\U0010ffff",
		"\t\n",
	} {
		b1, t1, r1 := scanControls(s)
		b2, t2, r2 := naive(s)
		if b1 != b2 || t1 != t2 || r1 != r2 {
			t.Errorf("%q: scan (%d, %d, %v), runes (%d, %d, %v)", s, b1, t1, r1, b2, t2, r2)
		}
	}
}

func TestRuneCount(t *testing.T) {
	text := "　　2024年，地区生产总值增长6%左右，𠀀😀 PM2.5<35。\r\n"
	for i := range len(text) + 1 {
		if !utf8.ValidString(text[:i]) {
			continue
		}
		if got, want := runeCount(text[:i]), utf8.RuneCountInString(text[:i]); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", text[:i], got, want)
		}
	}
}

// TestDecodeRune holds the fast path to the standard decoder, on valid
// text and on the malformed and surrogate sequences it must not accept.
func TestDecodeRune(t *testing.T) {
	for _, s := range []string{"政府工作报告", "a。！", "\xe4\xb8", "\xed\xa0\x80x", "\xe0\x80\x80x", "\xef\xbf\xbd", "𠀀"} {
		for i := range len(s) {
			r1, w1 := decodeRune(s, i)
			r2, w2 := utf8.DecodeRuneInString(s[i:])
			if r1 != r2 || w1 != w2 {
				t.Errorf("decodeRune(%q, %d) = %q, %d; want %q, %d", s, i, r1, w1, r2, w2)
			}
		}
	}
}

// TestIsCleanLineMatchesRunes holds the byte scan to the rune test it
// replaced, for every rune of the planes a report uses.
func TestIsCleanLineMatchesRunes(t *testing.T) {
	dirty := func(r rune) bool {
		if r < 0x80 {
			return r <= ' ' || strings.ContainsRune(",:;!?()\"", r)
		}
		return unicode.IsSpace(r) || r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' ||
			r == '％' || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF
	}
	for r := rune(1); r < 0x20000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		l := "目标" + string(r) + "增长"
		if got, want := isCleanLine(l), !dirty(r); got != want {
			t.Errorf("isCleanLine(%q) = %v, want %v", l, got, want)
		}
	}
}

func TestLeadingRunes(t *testing.T) {
	for _, tt := range []struct {
		s     string
		n     int
		first string
	}{
		{"", 3, ""},
		{"银兰高铁中兰段", 3, "银兰高"},
		{"G6高速", 2, "G6"},
		{"三期", 14, "三期"},
	} {
		if got := leadingRunes(tt.s, tt.n); got != tt.first {
			t.Errorf("leadingRunes(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.first)
		}
	}
}

// TestCountsBeforeEnd holds the hand-written test to the pattern it
// replaced, on every string of up to five runes over an alphabet of
// numerals, counters, Han and other runes.
func TestCountsBeforeEnd(t *testing.T) {
	reCountBeforeSuffix := regexp.MustCompile(`[0-9一二三四五六七八九十两]+[条个座处所家批]\p{Han}{0,2}$`)
	alphabet := []rune{'3', '两', '条', '个', '路', 'a', '”'}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		if got, want := countsBeforeEnd(prefix), reCountBeforeSuffix.MatchString(prefix); got != want {
			t.Errorf("countsBeforeEnd(%q) = %v, pattern says %v", prefix, got, want)
		}
		if depth == 5 {
			return
		}
		for _, r := range alphabet {
			walk(prefix+string(r), depth+1)
		}
	}
	walk("", 0)
}

func TestWordSet(t *testing.T) {
	ws := newWordSet([]string{"版权所有", "ICP", "©", "地区生产总值", "生产"})
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"版权所", false},
		{"本站版权所有", true},
		{"京ICP备", true},
		{"IC", false},
		{"© 2024", true},
		{"全市地区生产总值增长6%", true},
		{"生产总值增长", true},
		{"用电量", false},      // 用 shares the first two bytes of 生
		{"版", false},        // a word's first rune alone
		{"\xe7\x89", false}, // its first two bytes at the end
		{"ID ©", true},
		{"ICQ ©", true},
	} {
		if got := ws.in(tt.s); got != tt.want {
			t.Errorf("in(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestIndexWord holds indexWord to strings.Index on every line of every
// bundled report, for words of one to four runes, and on edge cases.
func TestIndexWord(t *testing.T) {
	words := []string{"等", "前期工作", "建成", "a", "工程", "”"}
	lines := []string{"", "等", "等等", "前期工", "开展引白济洮前期工作。", "x前期工作前期工作", "工程a工程", "“盖被子”工程"}
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(data.Reports(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, w := range words {
		for _, s := range lines {
			if got, want := indexWord(s, w), strings.Index(s, w); got != want {
				t.Fatalf("indexWord(%.40q, %q) = %d, want %d", s, w, got, want)
			}
		}
	}
}

// TestWordSetNext holds wordSet.next to a search word by word on every
// line of every bundled report, with the loader's own word lists.
func TestWordSetNext(t *testing.T) {
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		b, err := fs.ReadFile(data.Reports(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, ws := range []*wordSet{buildingWords, worksWords, headlineSet, chromeAnywhereSet} {
		for _, s := range lines {
			got, gotWord := ws.next(s, 0)
			want, wantWord := -1, ""
			for _, w := range ws.words {
				if i := strings.Index(s, w); i >= 0 && (want < 0 || i < want) {
					want, wantWord = i, w
				}
			}
			if got != want || gotWord != wantWord {
				t.Fatalf("next(%.40q) = %d %q, want %d %q", s, got, gotWord, want, wantWord)
			}
		}
	}
}

func TestHead(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"等项目", 3, "等项目"},
		{"abcdefghijklmn", 3, "abcdefghijkl"},
		{"等一批重大项目建设", 2, "等一批"}, // eight bytes, then on to a rune start
		{"ab等一批重大项目", 2, "ab等一"},
	} {
		if got := head(tt.s, tt.n); got != tt.want {
			t.Errorf("head(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// TestListPatternWindows: the list-closing patterns match the same in the
// window listedProjects gives them as in the rest of the sentence, at
// every 等 of every bundled report. A pattern grown longer than its
// window fails here.
func TestListPatternWindows(t *testing.T) {
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	windows := []struct {
		re *regexp.Regexp
		n  int
	}{{reListCategory, listCategoryRunes}, {reBuiltList, builtListRunes}, {reStartedWorks, builtListRunes}}
	for _, e := range entries {
		b, err := fs.ReadFile(data.Reports(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for at := range wordsIn(s, "等") {
			for _, w := range windows {
				rest := s[at:]
				if w.re == reStartedWorks {
					rest = strings.TrimPrefix(rest, "等")
				}
				if got, want := w.re.FindString(head(rest, w.n)), w.re.FindString(rest); got != want {
					t.Fatalf("%s: %v in %d runes finds %q, in the text %q", e.Name(), w.re, w.n, got, want)
				}
			}
		}
	}
}
