package kg

import (
	"testing"
	"unicode"

	"golang.org/x/text/width"
)

func TestKeyOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"“三北”工程", "三北工程"},
		{"科技“突围”工程", "科技突围工程"},
		{"“六个工程”", "六个工程"},
		{" 政策落地 工程。", "政策落地工程"},
		{"「温暖工程」", "温暖工程"},
		{"旗县（市、区）", "旗县(市、区)"},
		{"\ufeff三北\u3000工程", "三北工程"},
	}
	for _, tt := range tests {
		if got := KeyOf(tt.in); got != tt.want {
			t.Errorf("KeyOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNeedsKeyMapping: a name the byte scan passes is one mapKey leaves
// alone, whatever rune it holds.
func TestNeedsKeyMapping(t *testing.T) {
	for r := rune(1); r < 0x20000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		name := "三北" + string(r) + "工程"
		if !needsKeyMapping(name) && mapKey(name) != name {
			t.Errorf("needsKeyMapping(%q) = false, but mapKey gives %q", name, mapKey(name))
		}
	}
}

// TestMayFoldWidth: KeyOf skips width.Fold for names without a rune
// mayFoldWidth reports, so no other rune may change under the fold.
func TestMayFoldWidth(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF || mayFoldWidth(r) {
			continue
		}
		if s := string(r); width.Fold.String(s) != s {
			t.Errorf("width.Fold changes %U but mayFoldWidth says it cannot", r)
		}
	}
}
