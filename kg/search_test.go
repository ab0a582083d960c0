package kg

import (
	"strings"
	"testing"
)

func TestMatchScore(t *testing.T) {
	e := &Entity{Name: "“三北”工程", Aliases: []string{"三北防护林体系建设工程"},
		Definition: "三北工程是防沙治沙的重大生态工程。", Evidence: []Evidence{{Text: "打好黄河“几字弯”攻坚战。"}}}
	latin := &Entity{Name: "Green Steel行动"}
	cases := []struct {
		name   string
		e      *Entity
		q      string
		lo, hi float64 // lo ≤ score < hi
	}{
		{"exact name", e, "“三北”工程", 100, 100.01},
		{"exact name without its quotation marks", e, "三北工程", 100, 100.01},
		{"straight quotes match curly ones", e, `"三北"工程`, 100, 100.01},
		{"name prefix, quotes aside", e, "三北", 50, 51},
		{"name contains", e, "北工", 20, 21},
		{"full-width letters", latin, "ＧＲＥＥＮ", 50, 51},
		{"alias", e, "防护林", 15, 16},
		{"definition", e, "防沙治沙", 5, 5.01},
		{"evidence", e, "几字弯", 1, 1.01},
		{"case-insensitive", latin, "green steel", 50, 51},
		{"surrounding space ignored", latin, "  steel ", 20, 21},
		{"no match", e, "草原", 0, 0.01},
		{"empty query", e, " ", 0, 0.01},
	}
	for _, c := range cases {
		if got := MatchScore(c.e, c.q); got < c.lo || got >= c.hi {
			t.Errorf("%s: MatchScore(%q) = %v, want in [%v, %v)", c.name, c.q, got, c.lo, c.hi)
		}
	}
	// The tie-break favours the name the query covers more of.
	short, long := &Entity{Name: "三北工程"}, &Entity{Name: "三北防护林体系建设工程"}
	if MatchScore(short, "三北") <= MatchScore(long, "三北") {
		t.Errorf("a shorter name with the same prefix must rank higher")
	}
}

func TestHighlightsAcrossQuotes(t *testing.T) {
	e := &Entity{Name: "“三北”工程", Evidence: []Evidence{{Text: "打好“三北”工程攻坚战，三北工程见效。"}}}
	hs := Highlights(e, "三北工程")
	if len(hs) != 2 {
		t.Fatalf("highlights %+v, want the name and the evidence", hs)
	}
	if r := hs[0].Ranges; len(r) != 1 || r[0] != (TextRange{Start: 1, Length: 5}) {
		t.Errorf("name ranges %+v, want 三北”工程 (1, 5)", r)
	}
	if r := hs[1].Ranges; len(r) != 2 || r[0] != (TextRange{Start: 3, Length: 5}) || r[1] != (TextRange{Start: 12, Length: 4}) {
		t.Errorf("evidence ranges %+v, want (3, 5) and (12, 4)", r)
	}
}

// containsForm must agree with building SearchForm and searching it.
func TestContainsForm(t *testing.T) {
	for _, tc := range []struct{ s, q string }{
		{"实施“三北”工程", "三北工程"},
		{"实施“三北”工程", "三北"},
		{"ＧＤＰ增长5%", "gdp增长"},
		{"GDP增长5%", "gdp"},
		{"“一带一路”", "一带一路"},
		{"a“b”c", "abc"},
		{"三三北", "三北"},
		{"三北", "三北工程"},
		{"", "x"},
		{"x", ""},
		{"Ünïcode ÄÖ", "äö"},
		{"「京津冀」协同", "京津冀协同"},
		{"abc\xffdef", "def"},
	} {
		want := strings.Contains(SearchForm(tc.s), tc.q)
		if got := containsForm(tc.s, tc.q); got != want {
			t.Errorf("containsForm(%q, %q) = %v, want %v", tc.s, tc.q, got, want)
		}
	}
}

func FuzzContainsForm(f *testing.F) {
	f.Add("实施“三北”工程", "三北工程")
	f.Add("ＧＤＰ增长5%", "gdp")
	f.Add("Ünïcode", "ï")
	f.Fuzz(func(t *testing.T, s, q string) {
		q = SearchForm(q)
		if got, want := containsForm(s, q), strings.Contains(SearchForm(s), q); got != want {
			t.Errorf("containsForm(%q, %q) = %v, SearchForm says %v", s, q, got, want)
		}
	})
}
