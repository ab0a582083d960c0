package loader

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/kg"
)

// gold is the expected extraction of one sample, curated by reading the
// report (testdata/gold/<file>.json).
type gold struct {
	File        string `json:"file"`
	Region      string `json:"region"`
	Year        int    `json:"year"`
	DeliveredOn string `json:"deliveredOn"`
	TaskAreas   []string
	Programs    []struct {
		Name       string   `json:"name"`
		Members    []string `json:"members"`
		MemberKind string   `json:"memberKind"` // kind of the members, PROGRAM when empty
		Kind       string   `json:"kind"`       // kind of the umbrella itself, PROGRAM when empty
	} `json:"programs"`
	Initiatives []string `json:"initiatives"`
	Projects    []struct {
		Name string `json:"name"`
	} `json:"projects"`
	AppendixProjects []struct {
		StartsWith string `json:"startsWith"`
		Lead       string `json:"lead"`
	} `json:"appendixProjects"`
	Targets []struct {
		Kind      string   `json:"kind"`
		Indicator string   `json:"indicator"`
		Measure   string   `json:"measure"`
		Value     float64  `json:"value"`
		MaxValue  *float64 `json:"maxValue"`
		Unit      string   `json:"unit"`
		Qualifier string   `json:"qualifier"`
	} `json:"targets"`
	GlossaryLinks []struct {
		Name     string `json:"name"`
		Contains string `json:"contains"`
	} `json:"glossaryLinks"`
	// SectionParts are items inside a task area: PART_OF item → area.
	SectionParts []struct {
		Item string `json:"item"`
		Area string `json:"area"`
	} `json:"sectionParts"`
	// NotEntities are phrases a reader judged not to be named things; they
	// let precision be measured on named entities, whose gold lists are
	// selections rather than exhaustive.
	NotEntities []string `json:"notEntities"`
}

func readGold(t testing.TB) []gold {
	t.Helper()
	paths, err := filepath.Glob("testdata/gold/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	var out []gold
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var g gold
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, g)
	}
	return out
}

// score counts matches for precision and recall: tp of pred predicted items
// were right, tp of want expected items were found.
type score struct{ tp, pred, want, found int }

func (s *score) add(o score) { s.tp += o.tp; s.pred += o.pred; s.want += o.want; s.found += o.found }

func (s score) precision() float64 { return ratio(s.tp, s.pred) }
func (s score) recall() float64    { return ratio(s.found, s.want) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// graphView indexes a report graph for the comparisons.
type graphView struct {
	g      kg.ReportGraph
	region string
	byKey  map[kg.EntityKind]map[string]*kg.Entity
	byID   map[string]*kg.Entity
}

func newView(g kg.ReportGraph, region string) *graphView {
	v := &graphView{g: g, region: region, byKey: map[kg.EntityKind]map[string]*kg.Entity{}, byID: map[string]*kg.Entity{}}
	for i := range g.Entities {
		e := &g.Entities[i]
		if v.byKey[e.Kind] == nil {
			v.byKey[e.Kind] = map[string]*kg.Entity{}
		}
		v.byKey[e.Kind][e.Key] = e
		v.byID[e.ID] = e
	}
	return v
}

// taskAreas are the programs the loader marks as task areas.
func (v *graphView) taskAreas() []*kg.Entity {
	var out []*kg.Entity
	for i := range v.g.Entities {
		if e := &v.g.Entities[i]; e.TaskArea {
			out = append(out, e)
		}
	}
	return out
}

// headingAreas are the programs whose first evidence is their own
// task-area heading: the section path ends in the area and the sentence
// starts with the name. It judges the TaskArea mark from the evidence.
func (v *graphView) headingAreas() []*kg.Entity {
	var out []*kg.Entity
	for i := range v.g.Entities {
		e := &v.g.Entities[i]
		if e.Kind != kg.KindProgram || len(e.Evidence) == 0 {
			continue
		}
		ev := e.Evidence[0]
		label := []rune(e.Name)
		if len(label) > 10 {
			label = label[:10]
		}
		if strings.Contains(ev.Section, "）"+string(label)) && strings.HasPrefix(ev.Text, e.Name) {
			out = append(out, e)
		}
	}
	return out
}

func scoreMeta(g gold, v *graphView) score {
	checks := []bool{v.g.Report.Year == g.Year, v.g.Report.DeliveredOn == g.DeliveredOn}
	if v.region != "" {
		checks = append(checks, v.region == g.Region)
	}
	s := score{pred: len(checks), want: len(checks)}
	for _, ok := range checks {
		if ok {
			s.tp++
			s.found++
		}
	}
	return s
}

func scoreTaskAreas(g gold, v *graphView) score {
	got := map[string]bool{}
	for _, e := range v.taskAreas() {
		got[e.Key] = true
	}
	want := map[string]bool{}
	for _, n := range g.TaskAreas {
		want[kg.KeyOf(n)] = true
	}
	return setScore(got, want)
}

func setScore(got, want map[string]bool) score {
	s := score{pred: len(got), want: len(want)}
	for k := range got {
		if want[k] {
			s.tp++
		}
	}
	for k := range want {
		if got[k] {
			s.found++
		}
	}
	return s
}

// scoreNamed measures one entity kind against a selected gold list: recall
// over the list; precision over the extracted entities the gold labels
// (listed under this kind, another kind, or as not an entity).
func scoreNamed(kind kg.EntityKind, names []string, g gold, v *graphView, all map[kg.EntityKind][]string) score {
	want := keySet(names)
	s := score{want: len(want)}
	for k := range want {
		if v.byKey[kind][k] != nil {
			s.found++
		}
	}
	labelledElsewhere := map[string]bool{}
	for k2, ns := range all {
		if k2 != kind {
			for k := range keySet(ns) {
				labelledElsewhere[k] = true
			}
		}
	}
	not := keySet(g.NotEntities)
	for k := range v.byKey[kind] {
		switch {
		case want[k]:
			s.pred++
			s.tp++
		case not[k] || labelledElsewhere[k] && !want[k]:
			s.pred++
		}
	}
	return s
}

func keySet(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[kg.KeyOf(n)] = true
	}
	return m
}

func scoreAppendix(g gold, v *graphView) score {
	var extracted []*kg.Entity
	for i := range v.g.Entities {
		e := &v.g.Entities[i]
		if e.Kind == kg.KindProject && len(e.Evidence) > 0 && strings.HasPrefix(e.Evidence[0].Section, "附件") {
			extracted = append(extracted, e)
		}
	}
	s := score{pred: len(extracted), want: len(g.AppendixProjects)}
	used := map[string]bool{}
	for _, a := range g.AppendixProjects {
		for _, e := range extracted {
			if !used[e.ID] && strings.HasPrefix(e.Key, kg.KeyOf(a.StartsWith)) && e.LeadDepartment == a.Lead {
				used[e.ID] = true
				s.tp++
				s.found++
				break
			}
		}
	}
	return s
}

func scoreTargets(g gold, v *graphView, kind kg.TargetKind) score {
	want := map[string]bool{}
	for _, t := range g.Targets {
		if t.Kind == string(kind) {
			want[targetSig(t.Indicator, t.Measure, t.Value, t.MaxValue, t.Unit, t.Qualifier)] = true
		}
	}
	got := map[string]bool{}
	for _, t := range v.g.Targets {
		if t.Kind == kind {
			got[targetSig(t.Indicator, t.Measure, t.Value, t.MaxValue, t.Unit, string(t.Qualifier))] = true
		}
	}
	return setScore(got, want)
}

func targetSig(ind, measure string, v float64, max *float64, unit, q string) string {
	m := ""
	if max != nil {
		m = kg.FormatValue(*max)
	}
	return strings.Join([]string{ind, measure, kg.FormatValue(v), m, unit, q}, "|")
}

// scoreGlossary: recall over the gold links; precision over the extracted
// definitions of gold-named entities (a definition on the wrong entity or
// with the wrong text counts against it).
func scoreGlossary(g gold, v *graphView) score {
	s := score{want: len(g.GlossaryLinks)}
	for _, l := range g.GlossaryLinks {
		ok := false
		for _, m := range v.byKey {
			if e := m[kg.KeyOf(l.Name)]; e != nil && e.Definition != "" {
				s.pred++
				if strings.Contains(e.Definition, l.Contains) {
					ok = true
					s.tp++
				}
			}
		}
		if ok {
			s.found++
		}
	}
	return s
}

// scorePartOf compares PART_OF member edges with the gold enumerations.
func scorePartOf(g gold, v *graphView) score {
	want := map[string]bool{}
	programs := map[string]bool{}
	for _, p := range g.Programs {
		if len(p.Members) == 0 {
			continue
		}
		programs[kg.KeyOf(p.Name)] = true
		for _, m := range p.Members {
			want[kg.KeyOf(m)+"→"+kg.KeyOf(p.Name)] = true
		}
	}
	got := map[string]bool{}
	for _, e := range v.g.Edges {
		if e.Type != kg.EdgePartOf || e.Method != kg.MethodMember {
			continue
		}
		from, to := v.byID[e.FromID], v.byID[e.ToID]
		if from == nil || to == nil || !programs[to.Key] {
			continue
		}
		got[from.Key+"→"+to.Key] = true
	}
	return setScore(got, want)
}

// scoreSectionParts checks the selected item → task-area PART_OF edges;
// precision counts the section edges leaving the gold items.
func scoreSectionParts(g gold, v *graphView) score {
	want := map[string]bool{}
	items := map[string]bool{}
	for _, p := range g.SectionParts {
		want[kg.KeyOf(p.Item)+"→"+kg.KeyOf(p.Area)] = true
		items[kg.KeyOf(p.Item)] = true
	}
	got := map[string]bool{}
	for _, e := range v.g.Edges {
		from, to := v.byID[e.FromID], v.byID[e.ToID]
		if e.Type == kg.EdgePartOf && e.Method == kg.MethodSection && from != nil && to != nil && items[from.Key] {
			got[from.Key+"→"+to.Key] = true
		}
	}
	return setScore(got, want)
}

// measure loads every sample and scores it against its gold.
func measure(t *testing.T) map[string]*score {
	golds := readGold(t)
	totals := map[string]*score{}
	kinds := []string{"report metadata", "task areas", "programs", "initiatives", "projects (named)",
		"projects (民生实事)", "targets", "results", "glossary links", "PART_OF (members)", "PART_OF (section)"}
	for _, k := range kinds {
		totals[k] = &score{}
	}
	for _, g := range golds {
		graph, region, err := loadSample(t, g.File)
		if err != nil {
			t.Errorf("%s: %v", g.File, err)
			continue
		}
		v := newView(graph, region)
		all := map[kg.EntityKind][]string{kg.KindInitiative: g.Initiatives}
		for _, p := range g.Programs {
			k := kg.EntityKind(p.Kind)
			if k == "" {
				k = kg.KindProgram
			}
			all[k] = append(all[k], p.Name)
			mk := kg.EntityKind(p.MemberKind)
			if mk == "" {
				mk = kg.KindProgram
			}
			all[mk] = append(all[mk], p.Members...)
		}
		for _, p := range g.Projects {
			all[kg.KindProject] = append(all[kg.KindProject], p.Name)
		}
		per := map[string]score{
			"report metadata":   scoreMeta(g, v),
			"task areas":        scoreTaskAreas(g, v),
			"programs":          scoreNamed(kg.KindProgram, append(all[kg.KindProgram], g.TaskAreas...), g, v, all),
			"initiatives":       scoreNamed(kg.KindInitiative, all[kg.KindInitiative], g, v, all),
			"projects (named)":  scoreNamed(kg.KindProject, all[kg.KindProject], g, v, all),
			"projects (民生实事)":   scoreAppendix(g, v),
			"targets":           scoreTargets(g, v, kg.TargetPlanned),
			"results":           scoreTargets(g, v, kg.TargetResult),
			"glossary links":    scoreGlossary(g, v),
			"PART_OF (members)": scorePartOf(g, v),
			"PART_OF (section)": scoreSectionParts(g, v),
		}
		for k, s := range per {
			totals[k].add(s)
			if s.recall() < 1 || s.precision() < 1 {
				t.Logf("%-24s %-20s P=%.2f R=%.2f", g.File, k, s.precision(), s.recall())
			}
		}
	}
	t.Logf("%-20s %6s %6s %6s  (tp/pred, found/want)", "kind", "P", "R", "F1")
	for _, k := range kinds {
		s := totals[k]
		t.Logf("%-20s %6.2f %6.2f %6.2f  (%d/%d, %d/%d)", k, s.precision(), s.recall(), s.f1(), s.tp, s.pred, s.found, s.want)
	}
	return totals
}

// TestQuality fails when a kind falls below the floor measured when the
// gold was written, so regressions show.
func TestQuality(t *testing.T) {
	floors := map[string][2]float64{ // kind → minimum precision, recall
		"report metadata":   {1, 1},
		"task areas":        {1, 1},
		"programs":          {0.95, 0.95},
		"initiatives":       {0.95, 0.95},
		"projects (named)":  {0.88, 0.95},
		"projects (民生实事)":   {1, 1},
		"targets":           {1, 1},
		"results":           {0.95, 0.9},
		"glossary links":    {1, 1},
		"PART_OF (members)": {1, 1},
		"PART_OF (section)": {1, 1},
	}
	checkFloors(t, floors, measure(t))
}

// checkFloors fails for each kind whose precision or recall is below its
// floor (minimum precision, recall), in name order.
func checkFloors(t *testing.T, floors map[string][2]float64, scores map[string]*score) {
	t.Helper()
	keys := make([]string, 0, len(floors))
	for k := range floors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, s := floors[k], scores[k]
		if s == nil {
			t.Errorf("%s: not measured", k)
			continue
		}
		if s.precision() < f[0]-1e-9 || s.recall() < f[1]-1e-9 {
			t.Errorf("%s: P=%.2f R=%.2f below floor P=%.2f R=%.2f", k, s.precision(), s.recall(), f[0], f[1])
		}
	}
}

func sampleFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(data.Reports(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
