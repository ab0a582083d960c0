package ingest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/width"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

// implementsGold is testdata/gold/implements.json: every IMPLEMENTS edge
// expected on the bundled corpus, labelled by reading the reports (see
// testdata/gold/README.md).
type implementsGold struct {
	Edges []goldEdge `json:"edges"`
}

type goldEdge struct {
	From goldEnd `json:"from"`
	To   goldEnd `json:"to"`
	Note string  `json:"note"`
}

type goldEnd struct {
	Region string   `json:"region"`
	Name   string   `json:"name"`
	Also   []string `json:"also"`
}

func (e goldEnd) String() string { return e.Region + " " + e.Name }

// matches: the region is the same and the key is one of the end's forms.
func (e goldEnd) matches(region, key string) bool {
	if region != e.Region {
		return false
	}
	for _, n := range append([]string{e.Name}, e.Also...) {
		if goldKey(n) == key {
			return true
		}
	}
	return false
}

// goldKey normalises a gold name as the loader keys entities: no quotes or
// spaces, punctuation width folded.
func goldKey(name string) string {
	k := strings.Map(func(r rune) rune {
		switch r {
		case '“', '”', '‘', '’', '"', '\'', '「', '」', '『', '』', '《', '》', ' ', '\t', '\u3000':
			return -1
		}
		return r
	}, name)
	return strings.TrimRight(width.Fold.String(k), "。，,；;：:、！!？?")
}

func readImplementsGold(t testing.TB, tr *division.Tree) []goldEdge {
	t.Helper()
	b, err := os.ReadFile("testdata/gold/implements.json")
	if err != nil {
		t.Fatal(err)
	}
	var g implementsGold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("implements.json: %v", err)
	}
	if len(g.Edges) == 0 {
		t.Fatal("implements.json has no edges")
	}
	// A gold edge that does not go up the hierarchy could never be
	// predicted: it is a labelling mistake, not a miss.
	for _, e := range g.Edges {
		from, to := tr.Lookup(e.From.Region), tr.Lookup(e.To.Region)
		if len(from) != 1 || len(to) != 1 || !tr.IsAncestor(to[0].ID, from[0].ID) {
			t.Fatalf("gold edge %s → %s: regions unknown or not an ancestor", e.From, e.To)
		}
	}
	return g.Edges
}

// predictedEdge is a stored IMPLEMENTS edge seen as the gold sees it.
type predictedEdge struct {
	fromRegion, fromKey, fromName string
	toRegion, toKey, toName       string
	method                        string
	confidence                    float64
}

func (p predictedEdge) String() string {
	return fmt.Sprintf("%s %s → %s %s (%s %.2f)", p.fromRegion, p.fromName, p.toRegion, p.toName, p.method, p.confidence)
}

func (e goldEdge) matches(p predictedEdge) bool {
	return e.From.matches(p.fromRegion, p.fromKey) && e.To.matches(p.toRegion, p.toKey)
}

// edgeScore is precision over predicted edges and recall over gold edges.
type edgeScore struct {
	tp, pred, found, want int
	falsePos              []predictedEdge
	missed                []goldEdge
	byMethod              map[string][2]int // method and confidence → right, predicted
}

func (s edgeScore) precision() float64 { return frac(s.tp, s.pred) }
func (s edgeScore) recall() float64    { return frac(s.found, s.want) }
func (s edgeScore) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func frac(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func scoreEdges(pred []predictedEdge, gold []goldEdge) edgeScore {
	s := edgeScore{pred: len(pred), want: len(gold), byMethod: map[string][2]int{}}
	for _, p := range pred {
		right := false
		for _, g := range gold {
			if g.matches(p) {
				right = true
				break
			}
		}
		bucket := fmt.Sprintf("%s %.2f", p.method, p.confidence)
		c := s.byMethod[bucket]
		c[1]++
		if right {
			s.tp++
			c[0]++
		} else {
			s.falsePos = append(s.falsePos, p)
		}
		s.byMethod[bucket] = c
	}
	for _, g := range gold {
		found := false
		for _, p := range pred {
			if g.matches(p) {
				found = true
				break
			}
		}
		if found {
			s.found++
		} else {
			s.missed = append(s.missed, g)
		}
	}
	return s
}

func TestScoreEdges(t *testing.T) {
	g := []goldEdge{
		{From: goldEnd{Region: "奈曼旗", Name: "“三北”六期"}, To: goldEnd{Region: "内蒙古自治区", Name: "“三北”工程"}},
		{From: goldEnd{Region: "奈曼旗", Name: "医疗倍增计划"}, To: goldEnd{Region: "内蒙古自治区", Name: "医疗倍增计划", Also: []string{"京蒙协作医疗倍增计划"}}},
	}
	p := func(fr, fk, tr, tk string) predictedEdge {
		return predictedEdge{fromRegion: fr, fromKey: fk, toRegion: tr, toKey: tk, method: kg.MethodName, confidence: 1}
	}
	cases := []struct {
		name             string
		pred             []predictedEdge
		tp, found, fp, n int
	}{
		{"none", nil, 0, 0, 0, 2},
		{"quotes do not matter", []predictedEdge{p("奈曼旗", "三北六期", "内蒙古自治区", "三北工程")}, 1, 1, 0, 2},
		{"another form of the target", []predictedEdge{p("奈曼旗", "医疗倍增计划", "内蒙古自治区", "京蒙协作医疗倍增计划")}, 1, 1, 0, 2},
		{"wrong region", []predictedEdge{p("通辽市", "三北六期", "内蒙古自治区", "三北工程")}, 0, 0, 1, 2},
		{"wrong target", []predictedEdge{p("奈曼旗", "三北六期", "内蒙古自治区", "三北防护林")}, 0, 0, 1, 2},
		{"two edges, one gold edge", []predictedEdge{
			p("奈曼旗", "医疗倍增计划", "内蒙古自治区", "医疗倍增计划"),
			p("奈曼旗", "医疗倍增计划", "内蒙古自治区", "京蒙协作医疗倍增计划")}, 2, 1, 0, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := scoreEdges(c.pred, g)
			if s.tp != c.tp || s.found != c.found || len(s.falsePos) != c.fp || s.want != c.n {
				t.Errorf("tp %d found %d fp %d want %d; expected %d %d %d %d", s.tp, s.found, len(s.falsePos), s.want, c.tp, c.found, c.fp, c.n)
			}
		})
	}
}

// TestImplementsQuality loads the five samples into the memory store and
// scores its IMPLEMENTS edges against the gold; it fails below the floors
// measured when the gold was written, so regressions show.
func TestImplementsQuality(t *testing.T) {
	const floorP, floorR, floorF1 = 1.0, 0.83, 0.90
	tr, err := tree()
	if err != nil {
		t.Fatal(err)
	}
	gold := readImplementsGold(t, tr)
	in, s := newIngester(t)
	if _, err := in.LoadFS(ctx, mapFS(corpus(t))); err != nil { // the gold's five reports
		t.Fatal(err)
	}
	pred := storedImplements(t, s, tr)
	sc := scoreEdges(pred, gold)
	for _, p := range sc.falsePos {
		t.Logf("wrong:  %s", p)
	}
	keys := entityKeys(t, s, tr)
	for _, g := range sc.missed {
		// Say whether the loader never produced an endpoint, or the linker
		// did not match two that exist.
		why := "not linked"
		if !keys[g.From.Region][goldKey(g.From.Name)] || !anyForm(keys[g.To.Region], g.To) {
			why = "endpoint not extracted"
		}
		t.Logf("missed: %s → %s (%s)", g.From, g.To, why)
	}
	buckets := make([]string, 0, len(sc.byMethod))
	for b := range sc.byMethod {
		buckets = append(buckets, b)
	}
	sort.Strings(buckets)
	for _, b := range buckets {
		c := sc.byMethod[b]
		t.Logf("confidence %-12s %2d edges, %2d right", b, c[1], c[0])
	}
	t.Logf("IMPLEMENTS P=%.2f R=%.2f F1=%.2f (%d/%d right, %d/%d found)",
		sc.precision(), sc.recall(), sc.f1(), sc.tp, sc.pred, sc.found, sc.want)
	if sc.precision() < floorP-1e-9 || sc.recall() < floorR-1e-9 || sc.f1() < floorF1-1e-9 {
		t.Errorf("IMPLEMENTS P=%.2f R=%.2f F1=%.2f below floor P=%.2f R=%.2f F1=%.2f",
			sc.precision(), sc.recall(), sc.f1(), floorP, floorR, floorF1)
	}
}

func anyForm(keys map[string]bool, e goldEnd) bool {
	for _, n := range append([]string{e.Name}, e.Also...) {
		if keys[goldKey(n)] {
			return true
		}
	}
	return false
}

// storedImplements reads every IMPLEMENTS edge with its endpoints' regions
// and keys.
func storedImplements(t *testing.T, s kg.Store, tr *division.Tree) []predictedEdge {
	t.Helper()
	impl := kg.EdgeImplements
	edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &impl})
	if err != nil {
		t.Fatal(err)
	}
	var out []predictedEdge
	for _, e := range edges {
		ents, err := s.Entities(ctx, []string{e.FromID, e.ToID})
		if err != nil {
			t.Fatal(err)
		}
		if ents[0] == nil || ents[1] == nil {
			t.Fatalf("edge %s → %s has a missing endpoint", e.FromID, e.ToID)
		}
		out = append(out, predictedEdge{
			fromRegion: regionName(tr, ents[0].RegionID), fromKey: ents[0].Key, fromName: ents[0].Name,
			toRegion: regionName(tr, ents[1].RegionID), toKey: ents[1].Key, toName: ents[1].Name,
			method: e.Method, confidence: e.Confidence,
		})
	}
	return out
}

// entityKeys: region name → keys of its report's entities.
func entityKeys(t *testing.T, s kg.Store, tr *division.Tree) map[string]map[string]bool {
	t.Helper()
	ents, err := s.FindEntities(ctx, kg.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for _, e := range ents {
		r := regionName(tr, e.RegionID)
		if out[r] == nil {
			out[r] = map[string]bool{}
		}
		out[r][e.Key] = true
	}
	return out
}

func regionName(tr *division.Tree, id string) string {
	if r, ok := tr.ByID(id); ok {
		return r.Name
	}
	return id
}
