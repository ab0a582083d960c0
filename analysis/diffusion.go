package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
)

// DiffusionQuery names what Diffuse traces: a program by its entity id
// (every report naming it, its alias group) or a phrase (every entity
// whose name, aliases, definition or evidence hold it), over a subtree.
type DiffusionQuery struct {
	EntityID string
	Text     string
	// Regions is the subtree to answer for, its root first (Subtree).
	Regions []*kg.Region
}

// Adopter is a region that mentions the program or phrase: the year of
// its first report that does, and its parent's, when the parent does too.
type Adopter struct {
	Region    *kg.Region
	FirstYear int
	First     *kg.Entity // the mention in that report (the first by id)
	// ParentFirstYear is the parent's first year, nil when the parent
	// never mentions it (or lies outside the subtree).
	ParentFirstYear *int
}

// Lag is how many years after its parent the region first mentioned it
// (negative: before), nil without a parent adopter.
func (a *Adopter) Lag() *int {
	if a.ParentFirstYear == nil {
		return nil
	}
	lag := a.FirstYear - *a.ParentFirstYear
	return &lag
}

// AdoptionPoint is one year of an adoption curve.
type AdoptionPoint struct {
	Year       int
	Adopted    int // regions first mentioning it that year
	Cumulative int // regions mentioning it that year or before
}

// LevelAdoption is one level's adoption curve.
type LevelAdoption struct {
	Level    kg.RegionLevel
	Regions  int // regions of the level in the subtree
	Adopters int
	Curve    []AdoptionPoint // every year from the first adoption to the last
	Lagged   int             // adopters whose parent adopted too
	lagSum   int
}

// MeanLag is the mean parent→child lag in years over Lagged adopters, nil
// when none.
func (l *LevelAdoption) MeanLag() *float64 {
	if l.Lagged == 0 {
		return nil
	}
	m := math.Round(float64(l.lagSum)/float64(l.Lagged)*100) / 100
	return &m
}

// Share is Adopters over Regions, nil for a level without regions.
func (l *LevelAdoption) Share() *float64 {
	return share(l.Adopters, l.Regions)
}

// Diffusion is Diffuse's answer: adopters by first year, then level and
// code, and each level's curve, highest level first.
type Diffusion struct {
	Adopters []*Adopter
	Levels   []*LevelAdoption
}

// Diffuse traces how a program or a phrase spread over the years: the
// year each region of the subtree first mentions it, the adoption curve
// per level and the lag behind each parent. Only loaded reports count:
// a region's "first" year is its first loaded report that mentions it.
func Diffuse(ctx context.Context, s kg.Store, q DiffusionQuery) (*Diffusion, error) {
	if (q.EntityID == "") == (q.Text == "") {
		return nil, kg.Errorf(kg.EINVALID, "diffusion: give an entity id or a text, one of them")
	}
	if len(q.Regions) == 0 {
		return nil, kg.Errorf(kg.EINVALID, "diffusion: no region given")
	}
	mentions, err := mentionsOf(ctx, s, q)
	if err != nil {
		return nil, err
	}
	in := make(map[string]*kg.Region, len(q.Regions))
	for _, r := range q.Regions {
		in[r.ID] = r
	}
	// An entity is stored with its report, so its report is loaded; the
	// year is in the report's id, which spares fetching every report.
	first := map[string]*Adopter{}
	for _, e := range mentions {
		r := in[e.RegionID]
		year, err := kg.ReportYear(e.ReportID)
		if r == nil || err != nil {
			continue
		}
		a := first[r.ID]
		if a == nil || year < a.FirstYear || year == a.FirstYear && e.ID < a.First.ID {
			first[r.ID] = &Adopter{Region: r, FirstYear: year, First: e}
		}
	}
	d := &Diffusion{}
	for _, a := range first {
		if p := first[a.Region.ParentID]; p != nil {
			y := p.FirstYear
			a.ParentFirstYear = &y
		}
		d.Adopters = append(d.Adopters, a)
	}
	sort.Slice(d.Adopters, func(i, j int) bool {
		a, b := d.Adopters[i], d.Adopters[j]
		if a.FirstYear != b.FirstYear {
			return a.FirstYear < b.FirstYear
		}
		return byLevel(a.Region, b.Region)
	})
	d.Levels = adoptionCurves(q.Regions, d.Adopters)
	return d, nil
}

// mentionsOf returns the entities that mention q's program or phrase.
func mentionsOf(ctx context.Context, s kg.Store, q DiffusionQuery) ([]*kg.Entity, error) {
	if q.EntityID != "" {
		g, err := AliasGroupOf(ctx, s, q.EntityID)
		if err != nil {
			return nil, err
		}
		return g.Members, nil
	}
	var within []string
	if q.Regions[0].ParentID != "" {
		// Below the nation only: the whole country's 3,000 ids would
		// filter nothing and cost the store a lookup each.
		within = regionIDs(q.Regions)
	}
	// Every mention counts, whatever its score: no ranking.
	hits, err := s.Search(ctx, kg.SearchQuery{Text: q.Text, RegionIDs: within, Limit: maxNodes + 1, AnyOrder: true})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	if len(hits) > maxNodes {
		return nil, kg.Errorf(kg.ETOOLARGE, "diffusion: %q is mentioned more than %d times; narrow the region or the phrase", q.Text, maxNodes)
	}
	out := make([]*kg.Entity, len(hits))
	for i, h := range hits {
		out[i] = h.Entity
	}
	return out, nil
}

// adoptionCurves builds each level's curve over the years adopters span.
func adoptionCurves(regions []*kg.Region, adopters []*Adopter) []*LevelAdoption {
	byLvl := map[kg.RegionLevel]*LevelAdoption{}
	var out []*LevelAdoption
	for _, r := range regions {
		l := byLvl[r.Level]
		if l == nil {
			l = &LevelAdoption{Level: r.Level}
			byLvl[r.Level] = l
			out = append(out, l)
		}
		l.Regions++
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level.Rank() < out[j].Level.Rank() })
	if len(adopters) == 0 {
		return out
	}
	from, to := adopters[0].FirstYear, adopters[len(adopters)-1].FirstYear
	newIn := map[kg.RegionLevel]map[int]int{}
	for _, a := range adopters {
		l := byLvl[a.Region.Level]
		l.Adopters++
		if lag := a.Lag(); lag != nil {
			l.Lagged++
			l.lagSum += *lag
		}
		if newIn[l.Level] == nil {
			newIn[l.Level] = map[int]int{}
		}
		newIn[l.Level][a.FirstYear]++
	}
	// Every level gets every year, zeros included, so curves line up on
	// one axis.
	for _, l := range out {
		cum := 0
		for y := from; y <= to; y++ {
			n := newIn[l.Level][y]
			cum += n
			l.Curve = append(l.Curve, AdoptionPoint{Year: y, Adopted: n, Cumulative: cum})
		}
	}
	return out
}
