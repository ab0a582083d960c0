package memory

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// TestArenaCompact frees most of an arena's strings until it compacts,
// and checks that live refs read the same strings afterwards and that
// strings read before the compaction are untouched.
func TestArenaCompact(t *testing.T) {
	var a stringArena
	big := strings.Repeat("工程", arenaChunk/24) // a quarter chunk
	refs := map[int]*arenaRef{}
	var before []string
	for i := range 40 {
		r := a.put(fmt.Sprintf("%d:%s", i, big))
		refs[i] = &r
		before = append(before, a.get(r))
	}
	compacted := false
	for i := range 40 {
		if i%4 == 0 {
			continue
		}
		if a.free(*refs[i]) {
			// Visit in insertion order, as the store's tables do, so the
			// packing (and the chunk count checked below) is the same on
			// every run; ranging over the map made it random.
			a.compact(func(visit func(*arenaRef)) {
				for j := range 40 {
					if r, ok := refs[j]; ok && (j%4 == 0 || j > i) {
						visit(r)
					}
				}
			})
			compacted = true
		}
		delete(refs, i)
	}
	if !compacted {
		t.Fatal("freeing three quarters of 10 MiB never asked to compact")
	}
	for i, r := range refs {
		if got := a.get(*r); got != fmt.Sprintf("%d:%s", i, big) {
			t.Errorf("ref %d reads %.20q… after compaction", i, got)
		}
	}
	for i, s := range before {
		if s != fmt.Sprintf("%d:%s", i, big) {
			t.Errorf("string %d read before compaction changed", i)
		}
	}
	// Compaction keeps the freed bytes at most the live ones (or a chunk),
	// and the chunks about as many as the bytes need. The slack is the
	// growth phase: fresh chunks start at the first string's size and
	// double, and a quarter-chunk string one byte longer than the rest of
	// a chunk starts the next one.
	if a.dead > max(a.live, arenaChunk) || len(a.chunks) > (a.live+a.dead)/arenaChunk+3 {
		t.Errorf("%d live bytes, %d dead, %d chunks", a.live, a.dead, len(a.chunks))
	}
}

func TestEvidenceEncoding(t *testing.T) {
	tests := [][]kg.Evidence{
		nil,
		{{}},
		{{ReportID: "report/150000/2024", Section: "一、 / （一）", Offset: 1234, Text: "实施“六个工程”。"}},
		{{Text: strings.Repeat("长", 300), Offset: 1 << 40}, {ReportID: "r", Offset: 0}},
	}
	for i, evs := range tests {
		got := decodeEvidence(string(encodeEvidence(evs)))
		if len(evs) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, evs) {
			t.Errorf("case %d: got %+v, want %+v", i, got, evs)
		}
	}
}

// TestEdgeEvidenceChurn replaces edges with long evidence until the
// evidence arena compacts, through both upsert and removal.
func TestEdgeEvidenceChurn(t *testing.T) {
	tab := newEdgeTable()
	// Lengths vary so compactions fall on upserts as well as removals.
	ev := func(round, i int) []kg.Evidence {
		return []kg.Evidence{{ReportID: "r", Section: fmt.Sprint(round), Offset: i, Text: strings.Repeat("落实", 1500+37*i)}}
	}
	for round := range 60 {
		for i := range 20 {
			// Upsert: same key, new evidence.
			tab.put(&kg.Edge{Type: kg.EdgeImplements, FromID: fmt.Sprint("a", i), ToID: "hub", Evidence: ev(round, i)})
			// Removal: a new node every round.
			tab.put(&kg.Edge{Type: kg.EdgeImplements, FromID: fmt.Sprint("b", round, "/", i), ToID: "hub", Evidence: ev(round, i)})
			if round > 0 {
				tab.removeTouching(fmt.Sprint("b", round-1, "/", i))
			}
		}
		for _, e := range tab.find(kg.EdgeFilter{ToIDs: []string{"hub"}}) {
			var i int
			if _, err := fmt.Sscanf(e.FromID[strings.LastIndexAny(e.FromID, "a/")+1:], "%d", &i); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(e.Evidence, ev(round, i)) {
				t.Fatalf("round %d: edge %s→hub has evidence %.80v", round, e.FromID, e.Evidence)
			}
		}
	}
	if live := tab.evidence.live; tab.evidence.dead > max(live, arenaChunk) {
		t.Errorf("evidence arena holds %d dead bytes for %d live: not compacted", tab.evidence.dead, live)
	}
}
