package division

import (
	"io/fs"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/data"
)

// TestMentionsMatchesNaiveScan holds the filtered scan to its definition
// (at each non-ASCII position the longest name wins, and scanning resumes
// after it) over every bundled report, decoded as the loader decodes them.
func TestMentionsMatchesNaiveScan(t *testing.T) {
	tree, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	maxLen := 0
	for name := range tree.match.names {
		maxLen = max(maxLen, len(name))
	}
	naive := func(text string) []Mention {
		var out []Mention
		for i := 0; i < len(text); {
			_, size := utf8.DecodeRuneInString(text[i:])
			if text[i] >= utf8.RuneSelf {
				var best *entry
				for j := i + size; j <= min(len(text), i+maxLen); j++ {
					if e := tree.match.names[text[i:j]]; e != nil {
						best = e
					}
				}
				if best != nil {
					out = append(out, Mention{Name: best.name, Offset: i, RegionIDs: best.ids, Full: best.full})
					i += len(best.name)
					continue
				}
			}
			i += size
		}
		return out
	}
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := fs.ReadFile(data.Reports(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		got, want := tree.Mentions(text), naive(text)
		if len(want) == 0 {
			t.Errorf("%s: no region named at all", e.Name())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d mentions, the naive scan finds %d", e.Name(), len(got), len(want))
		}
	}
}
