package loader

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

var showNamed = flag.Bool("show-named", false, "TestNamedQuality: list each report's misses and spurious names")

// namedGold is the exhaustive list of named programs, initiatives and
// projects of one real report (testdata/real/named/<file>.json), read by
// hand, each with the verbatim sentence it first appears in.
type namedGold struct {
	File        string      `json:"file"`
	Programs    []namedItem `json:"programs"`
	Initiatives []namedItem `json:"initiatives"`
	Projects    []namedItem `json:"projects"`
	NotEntities []namedItem `json:"notEntities"`
}

type namedItem struct {
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Evidence string   `json:"evidence"`
}

// keys are the normalised spellings of an item: one gold item, found by any.
func (it namedItem) keys() []string {
	out := []string{kg.KeyOf(it.Name)}
	for _, a := range it.Aliases {
		out = append(out, kg.KeyOf(a))
	}
	return out
}

func readNamedGold(t testing.TB) []namedGold {
	t.Helper()
	paths, err := filepath.Glob("testdata/real/named/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no named gold: %v", err)
	}
	var out []namedGold
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var g namedGold
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, g)
	}
	return out
}

// TestNamedGoldEvidence: every gold name is in its evidence and every
// evidence in its report, so the gold stays tied to the text.
func TestNamedGoldEvidence(t *testing.T) {
	for _, g := range readNamedGold(t) {
		text := strings.ReplaceAll(string(sampleFile(t, g.File)), "\r", "")
		for _, list := range [][]namedItem{g.Programs, g.Initiatives, g.Projects, g.NotEntities} {
			for _, it := range list {
				if !strings.Contains(text, it.Evidence) {
					t.Errorf("%s: evidence of %s not in the text: %.40q", g.File, it.Name, it.Evidence)
				}
			}
		}
	}
}

// namedKinds are the scored kinds, in print order.
var namedKinds = []kg.EntityKind{kg.KindProgram, kg.KindInitiative, kg.KindProject}

// namedCandidates are the entities of a report graph that claim to be
// named things: every program, initiative and project except what the
// structure makes (task areas, a task item's lead sentence, 民生实事 lists
// and their items), which the gold does not list and other tests score.
func namedCandidates(graph kg.ReportGraph) []*kg.Entity {
	v := newView(graph, "")
	skip := map[string]bool{}
	for _, e := range v.taskAreas() {
		skip[e.ID] = true
	}
	for _, e := range graph.Entities {
		if e.Kind == kg.KindProgram && strings.Contains(e.Name, "实事") {
			skip[e.ID] = true
		}
	}
	for _, e := range graph.Edges {
		if e.Type == kg.EdgePartOf && e.Method == kg.MethodMember && skip[e.ToID] && strings.Contains(v.byID[e.ToID].Name, "实事") {
			skip[e.FromID] = true
		}
	}
	var out []*kg.Entity
	for i := range graph.Entities {
		e := &graph.Entities[i]
		if skip[e.ID] || e.Kind == kg.KindTerm || isLeadInitiative(e) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// isLeadInitiative: a task item's lead sentence is an initiative named by
// the whole sentence it was read from.
func isLeadInitiative(e *kg.Entity) bool {
	if e.Kind != kg.KindInitiative || len(e.Evidence) == 0 {
		return false
	}
	return strings.TrimRight(e.Evidence[0].Text, "。！") == e.Name
}

// scoreNamedKind: recall over the gold items of kind (found when an
// extracted entity of that kind has one of the item's spellings);
// precision over the extracted candidates of kind, the gold being
// exhaustive. misses and spurious name the errors.
func scoreNamedKind(kind kg.EntityKind, items []namedItem, cands []*kg.Entity) (s score, misses, spurious []string) {
	got := map[string]bool{}
	for _, e := range cands {
		if e.Kind == kind {
			got[e.Key] = true
		}
	}
	want := map[string]bool{}
	s.want = len(items)
	for _, it := range items {
		hit := false
		for _, k := range it.keys() {
			want[k] = true
			hit = hit || got[k]
		}
		if hit {
			s.found++
		} else {
			misses = append(misses, it.Name)
		}
	}
	for _, e := range cands {
		if e.Kind != kind {
			continue
		}
		s.pred++
		if want[e.Key] {
			s.tp++
		} else {
			spurious = append(spurious, e.Name)
		}
	}
	return s, misses, spurious
}

// TestNamedQuality prints precision, recall and F1 of the named programs,
// initiatives and projects on the real reports with named gold, per kind
// and per level, and fails below the floors measured when the gold came in.
func TestNamedQuality(t *testing.T) {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]string{}
	for _, r := range readRealGold(t).Reports {
		levels[r.File] = r.Level
	}
	all := map[string]*score{}
	byLevel := map[string]map[string]*score{}
	for _, g := range readNamedGold(t) {
		graph, err := Load(context.Background(), g.File, sampleFile(t, g.File), tree)
		if err != nil {
			t.Fatalf("%s: %v", g.File, err)
		}
		cands := namedCandidates(graph)
		lv := levels[g.File]
		if byLevel[lv] == nil {
			byLevel[lv] = map[string]*score{}
		}
		for i, kind := range namedKinds {
			items := [][]namedItem{g.Programs, g.Initiatives, g.Projects}[i]
			s, misses, spurious := scoreNamedKind(kind, items, cands)
			k := string(kind)
			for _, m := range []map[string]*score{all, byLevel[lv]} {
				if m[k] == nil {
					m[k] = &score{}
				}
				m[k].add(s)
			}
			if *showNamed {
				sort.Strings(spurious)
				t.Logf("%s %s P=%.2f R=%.2f\n  missed:   %s\n  spurious: %s", g.File, kind, s.precision(), s.recall(),
					strings.Join(misses, " | "), strings.Join(spurious, " | "))
			}
		}
	}
	t.Logf("%-11s %5s %5s %5s  %s", "kind", "P", "R", "F1", "(tp/pred, found/want)   F1 per level")
	for _, kind := range namedKinds {
		s := all[string(kind)]
		line := ""
		for _, lv := range []kg.RegionLevel{kg.LevelNational, kg.LevelProvincial, kg.LevelPrefectural, kg.LevelCounty} {
			if ls := byLevel[string(lv)][string(kind)]; ls != nil && ls.pred+ls.want > 0 {
				line += fmt.Sprintf(" %s %.2f", string(lv)[:4], ls.f1())
			}
		}
		t.Logf("%-11s %5.2f %5.2f %5.2f  (%d/%d, %d/%d)  %s", kind, s.precision(), s.recall(), s.f1(), s.tp, s.pred, s.found, s.want, line)
	}
	// The figures measured last (README), less rounding, so a rule that
	// makes them worse fails. All three kinds reach the aim (P 0.9, R 0.85).
	checkFloors(t, map[string][2]float64{
		string(kg.KindProgram):    {0.90, 0.88},
		string(kg.KindInitiative): {0.91, 0.89},
		string(kg.KindProject):    {0.92, 0.85},
	}, all)
}
