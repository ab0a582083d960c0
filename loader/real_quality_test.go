package loader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// The real-report quality test: 23 government work reports nobody here
// wrote (bundled in data/reports; gold and provenance in testdata/real),
// scored field by field against
// gold read from the text by hand. It prints precision, recall and F1 per
// field, overall and per administrative level, and fails below floors set
// from the measurement, so a rule that helps one report and hurts others
// shows.

// realGold is testdata/real/gold.json.
type realGold struct {
	Reports []realReport `json:"reports"`
}

type realReport struct {
	File   string `json:"file"`
	Level  string `json:"level"`
	Region struct {
		Name string `json:"name"`
		Code string `json:"code"`
	} `json:"region"`
	Parent *struct {
		Code string `json:"code"`
	} `json:"parent"`
	Year struct {
		Value int `json:"value"`
	} `json:"year"`
	DeliveredOn *struct {
		Value *string `json:"value"`
	} `json:"deliveredOn"`
	GDP      *realTarget  `json:"gdp"`
	Targets  []realTarget `json:"targets"`
	Minsheng *realCount   `json:"minsheng"`
	Glossary *realCount   `json:"glossary"`
}

// realTarget is one headline target of the report's year, keyed by what
// it measures (gdp, income, employment, cpi, grain).
type realTarget struct {
	Key       string   `json:"key"`
	Indicator string   `json:"indicator"` // as written
	Value     float64  `json:"value"`
	MaxValue  *float64 `json:"maxValue"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
}

// realCount is the size of a list (民生实事 items, glossary terms); the
// gold leaves a list it could not count unscored.
type realCount struct {
	Count    int  `json:"count"`
	Unscored bool `json:"unscored"`
}

// realFields are the scored fields, in the order they are printed.
var realFields = []string{
	"region", "code", "level", "parent", "year", "date",
	"gdp", "income", "employment", "cpi", "grain",
	"民生实事", "glossary",
}

// headlineCodes are the indicator codes of the gold's headline keys: a
// client asking for an indicator by code finds every wording of it, and
// an indicator the loader did not recognise (地区生产总值按) is a miss.
var headlineCodes = map[string]string{
	"gdp": "gdp", "income": "disposable_income", "employment": "urban_new_jobs", "cpi": "cpi", "grain": "grain_output",
}

func readRealGold(t testing.TB) realGold {
	t.Helper()
	b, err := os.ReadFile("testdata/real/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var g realGold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("gold.json: %v", err)
	}
	if len(g.Reports) == 0 {
		t.Fatal("gold.json holds no report")
	}
	return g
}

// TestRealTextsMatchProvenance: each text is byte for byte the one its
// provenance names (sha256), so the gold still describes it; a checkout
// that rewrote line ends would fail here, not in the scores.
func TestRealTextsMatchProvenance(t *testing.T) {
	b, err := os.ReadFile("testdata/real/provenance.json")
	if err != nil {
		t.Fatal(err)
	}
	var prov struct {
		Files []struct {
			File   string `json:"file"`
			Repo   string `json:"repo"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &prov); err != nil {
		t.Fatal(err)
	}
	gold := readRealGold(t)
	if len(prov.Files) != len(gold.Reports) {
		t.Errorf("%d files in provenance, %d reports in gold", len(prov.Files), len(gold.Reports))
	}
	for _, f := range prov.Files {
		raw, err := fs.ReadFile(data.Reports(), f.File)
		if err != nil {
			t.Error(err)
			continue
		}
		if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != f.SHA256 || f.Repo == "" {
			t.Errorf("%s: sha256 %x, provenance says %s (repo %q)", f.File, sum, f.SHA256, f.Repo)
		}
	}
}

// fieldScores are one report's scores by field.
type fieldScores map[string]score

func scoreReal(g realReport, graph kg.ReportGraph, loadErr error, tree *division.Tree) fieldScores {
	out := fieldScores{}
	var gotName, gotCode, gotLevel, gotParent string
	if loadErr == nil {
		if reg, ok := tree.ByID(graph.Report.RegionID); ok {
			gotName, gotCode, gotLevel = reg.Name, reg.Code, string(reg.Level)
			if p, ok := tree.Parent(reg.ID); ok {
				gotParent = p.Code
			}
		}
	}
	parent := ""
	if g.Parent != nil {
		parent = g.Parent.Code
	}
	out["region"] = exact(gotName, g.Region.Name)
	out["code"] = exact(gotCode, g.Region.Code)
	out["level"] = exact(gotLevel, g.Level)
	out["parent"] = exact(gotParent, parent)
	year := ""
	if loadErr == nil {
		year = fmt.Sprint(graph.Report.Year)
	}
	out["year"] = exact(year, fmt.Sprint(g.Year.Value))
	date := ""
	if g.DeliveredOn != nil && g.DeliveredOn.Value != nil {
		date = *g.DeliveredOn.Value
	}
	out["date"] = exact(graph.Report.DeliveredOn, date)

	want := map[string]*realTarget{}
	if g.GDP != nil {
		want["gdp"] = g.GDP
	}
	for i := range g.Targets {
		want[g.Targets[i].Key] = &g.Targets[i]
	}
	for key := range headlineCodes {
		if w := want[key]; w != nil {
			out[key] = scoreRealTarget(graph, g.Year.Value, key, w)
		}
	}
	if g.Minsheng != nil && !g.Minsheng.Unscored {
		out["民生实事"] = countScore(minshengItems(graph), g.Minsheng.Count)
	} else if g.Minsheng == nil {
		out["民生实事"] = countScore(minshengItems(graph), 0)
	}
	if g.Glossary != nil && !g.Glossary.Unscored {
		out["glossary"] = countScore(definedTerms(graph), g.Glossary.Count)
	} else if g.Glossary == nil {
		out["glossary"] = countScore(definedTerms(graph), 0)
	}
	return out
}

// exact scores a single-valued field: "" is no answer.
func exact(got, want string) score {
	s := score{}
	if got != "" {
		s.pred = 1
	}
	if want != "" {
		s.want = 1
	}
	if got != "" && got == want {
		s.tp, s.found = 1, 1
	}
	return s
}

// scoreRealTarget: the planned targets of the report's year whose
// indicator code is the gold's, and whose unit is a percentage exactly
// when the gold's is, are the predictions; one with the gold's value,
// range, unit and qualifier is right. The gold's code is that of its
// wording where the table knows it (城镇居民人均可支配收入 is
// urban_disposable_income), else the key's.
func scoreRealTarget(graph kg.ReportGraph, year int, key string, w *realTarget) score {
	code := kg.IndicatorCode(w.Indicator, "增长")
	if code == "" {
		code = headlineCodes[key]
	}
	s := score{want: 1}
	for _, t := range graph.Targets {
		// A growth rate and a level (增长21% beside 达到240亿元) are two
		// targets of one indicator; the gold field is the one of its unit's kind.
		if t.Kind != kg.TargetPlanned || t.Year != year || t.IndicatorCode != code || (t.Unit == "%") != (w.Unit == "%") {
			continue
		}
		s.pred++
		if sameNumber(t.Value, w.Value) && sameMax(t.MaxValue, w.MaxValue) && t.Unit == w.Unit && string(t.Qualifier) == w.Qualifier {
			s.tp++
			s.found = 1
		}
	}
	return s
}

func sameNumber(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func sameMax(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameNumber(*a, *b)
}

// countScore scores a list known only by its length: min(got, want) items
// are taken as right.
func countScore(got, want int) score {
	n := min(got, want)
	return score{tp: n, pred: got, found: n, want: want}
}

// minshengItems counts the 民生实事 items the loader extracted: projects
// PART_OF (by enumeration) a program naming a list of 实事, which is how a
// client finds them in the graph.
func minshengItems(graph kg.ReportGraph) int {
	lists := map[string]bool{}
	for _, e := range graph.Entities {
		if e.Kind == kg.KindProgram && strings.Contains(e.Name, "实事") {
			lists[e.ID] = true
		}
	}
	n := 0
	for _, e := range graph.Edges {
		if e.Type == kg.EdgePartOf && e.Method == kg.MethodMember && lists[e.ToID] {
			n++
		}
	}
	return n
}

// definedTerms counts the entities carrying a glossary definition.
func definedTerms(graph kg.ReportGraph) int {
	n := 0
	for _, e := range graph.Entities {
		if e.Definition != "" {
			n++
		}
	}
	return n
}

// realTable is the scores summed per field, overall and per level.
type realTable struct {
	all     map[string]*score
	byLevel map[string]map[string]*score
}

func measureReal(t *testing.T) realTable {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	tab := realTable{all: map[string]*score{}, byLevel: map[string]map[string]*score{}}
	for _, f := range realFields {
		tab.all[f] = &score{}
	}
	for _, g := range readRealGold(t).Reports {
		raw := sampleFile(t, g.File)
		graph, loadErr := Load(context.Background(), g.File, raw, tree)
		if loadErr != nil {
			t.Logf("%-22s load: %v", g.File, loadErr)
		}
		if tab.byLevel[g.Level] == nil {
			tab.byLevel[g.Level] = map[string]*score{}
			for _, f := range realFields {
				tab.byLevel[g.Level][f] = &score{}
			}
		}
		for f, s := range scoreReal(g, graph, loadErr, tree) {
			tab.all[f].add(s)
			tab.byLevel[g.Level][f].add(s)
			if s.tp != s.pred || s.found != s.want {
				t.Logf("%-22s %-10s tp %d/%d predicted, found %d/%d", g.File, f, s.tp, s.pred, s.found, s.want)
			}
		}
	}
	levels := []string{string(kg.LevelNational), string(kg.LevelProvincial), string(kg.LevelPrefectural), string(kg.LevelCounty)}
	head := fmt.Sprintf("%-10s %5s %5s %5s", "field", "P", "R", "F1")
	for _, l := range levels {
		head += fmt.Sprintf(" %12s", l[:min(len(l), 12)])
	}
	t.Log(head + "   (F1 per level)")
	for _, f := range realFields {
		s := tab.all[f]
		line := fmt.Sprintf("%-10s %5.2f %5.2f %5.2f", f, s.precision(), s.recall(), s.f1())
		for _, l := range levels {
			ls := tab.byLevel[l][f]
			if ls == nil || ls.pred+ls.want == 0 {
				line += fmt.Sprintf(" %12s", "–")
				continue
			}
			line += fmt.Sprintf(" %12.2f", ls.f1())
		}
		t.Log(line)
	}
	return tab
}

// TestRealReportQuality fails when a field's precision or recall on the
// real reports falls below its floor: the figures measured when the
// reports came in (the README's table), less nothing.
func TestRealReportQuality(t *testing.T) {
	floors := map[string][2]float64{ // field → minimum precision, recall
		"region": {1, 1}, "code": {1, 1}, "level": {1, 1}, "parent": {1, 1}, "year": {1, 1},
		"date":       {1, 1},
		"gdp":        {1, 1},
		"income":     {1, 1},
		"employment": {1, 1},
		"cpi":        {1, 1},
		"grain":      {1, 1},
		"民生实事":       {1, 1},
		"glossary":   {1, 1},
	}
	checkFloors(t, floors, measureReal(t).all)
}
