// Package synthcorpus generates large synthetic report corpora for load
// tests and benchmarks: each synthetic report is one of the sample reports
// moved to another real region of the same level (its names, its ancestors'
// names and its self-references rewritten), shifted to another year, with
// its figures perturbed a little. Everything is deterministic in the seed.
//
// The output is ordinary report files that go through the real ingest path;
// nothing here builds graphs by hand.
package synthcorpus

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"path"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/loader"
)

// Default report years: a span wide enough that a region gets several
// reports and narrow enough that ingest pairs most of them across levels
// (it pairs reports at most five years apart).
const (
	DefaultFirstYear = 2019
	DefaultLastYear  = 2025
)

// levelWeight shapes the corpus like the real one: few provinces, more
// prefectures, mostly counties; a level with no free slots left passes its
// share on.
func levelWeight(l kg.RegionLevel) int {
	switch l {
	case kg.LevelProvincial:
		return 1
	case kg.LevelPrefectural:
		return 4
	case kg.LevelCounty:
		return 15
	}
	return 1
}

// Options say what to generate.
type Options struct {
	N         int    // synthetic reports
	Seed      uint64 // same seed, same samples, same corpus
	FirstYear int    // 0: DefaultFirstYear
	LastYear  int    // 0: DefaultLastYear
	// WithSamples also lists the sample files themselves, unchanged, so one
	// corpus serves the bundled reports and the synthetic ones.
	WithSamples bool
}

// File is one generated report file.
type File struct {
	Name string
	Data []byte
}

// Spec is what one synthetic file is meant to load as.
type Spec struct {
	Name     string // file name
	Sample   string // the sample file it was derived from
	RegionID string // the region it must load as
	Year     int    // the year it must load as
}

// sample is one parsed sample report.
type sample struct {
	name  string
	ext   string
	raw   []byte
	chain []kg.Region // its region and ancestors below the root, nearest first; nil for a national report
	year  int
}

// isTemplate reports whether s can be rewritten for other regions.
func (s sample) isTemplate() bool { return len(s.chain) > 0 }

// Corpus is a planned synthetic corpus. Files are generated on demand, so a
// corpus of thousands of reports costs memory only while each is read.
// It is immutable and safe for concurrent use.
type Corpus struct {
	tree    *division.Tree
	samples []sample
	specs   []Spec
	plans   []plan
	opts    Options
}

// plan is how one synthetic file is made.
type plan struct {
	sample int
	chain  []kg.Region // target region and ancestors below the root
	seed   uint64
}

// New reads the sample reports in the root of samples, decides each one's
// region and year with the loader, and plans opts.N synthetic reports.
// Samples must be UTF-8 (their text is rewritten byte-wise).
func New(samples fs.FS, tree *division.Tree, opts Options) (*Corpus, error) {
	if tree == nil {
		return nil, fmt.Errorf("synthcorpus: no division tree")
	}
	if opts.N < 0 {
		return nil, fmt.Errorf("synthcorpus: negative report count %d", opts.N)
	}
	if opts.FirstYear == 0 {
		opts.FirstYear = DefaultFirstYear
	}
	if opts.LastYear == 0 {
		opts.LastYear = DefaultLastYear
	}
	if opts.LastYear < opts.FirstYear {
		return nil, fmt.Errorf("synthcorpus: years %d–%d are empty", opts.FirstYear, opts.LastYear)
	}
	ss, err := readSamples(samples, tree)
	if err != nil {
		return nil, err
	}
	c := &Corpus{tree: tree, samples: ss, opts: opts}
	if err := c.plan(); err != nil {
		return nil, err
	}
	return c, nil
}

func readSamples(fsys fs.FS, tree *division.Tree) ([]sample, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read samples: %w", err)
	}
	var out []sample
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		raw, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read sample %s: %w", e.Name(), err)
		}
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("sample %s: not UTF-8", e.Name())
		}
		// the embedded samples are read once, at start-up: nothing to cancel
		g, err := loader.Load(context.Background(), e.Name(), raw, tree)
		if err != nil {
			return nil, fmt.Errorf("sample %s: %w", e.Name(), err)
		}
		s := sample{name: e.Name(), ext: path.Ext(e.Name()), raw: bytes.Clone(raw), year: g.Report.Year}
		// The national level has one region: nothing to move a report to,
		// so a national sample is served (WithSamples) but no template.
		if region, ok := tree.ByID(g.Report.RegionID); ok && region.Level != kg.LevelNational {
			s.chain = chainOf(tree, region)
		}
		out = append(out, s)
	}
	if !slices.ContainsFunc(out, sample.isTemplate) {
		return nil, fmt.Errorf("synthcorpus: no usable sample reports")
	}
	return out, nil
}

// chainOf returns r and its ancestors below the national root, nearest first.
func chainOf(tree *division.Tree, r kg.Region) []kg.Region {
	chain := []kg.Region{r}
	for _, a := range tree.Ancestors(r.ID) {
		if a.Level != kg.LevelNational {
			chain = append(chain, a)
		}
	}
	return chain
}

// slot is a (region, year) a synthetic report can take: report ids are
// region and year, so each slot holds at most one report.
type slot struct {
	region kg.Region
	year   int
}

// plan picks, per level, distinct (region, year) slots among regions whose
// ancestor chain has the same shape as a sample's, skipping the samples'
// own slots so the corpus can be served together with them.
func (c *Corpus) plan() error {
	rng := rand.New(rand.NewPCG(c.opts.Seed, 0x5eed))
	taken := map[string]bool{}
	byLevel := map[kg.RegionLevel][]int{} // level → sample indexes
	for i, s := range c.samples {
		if !s.isTemplate() {
			continue
		}
		taken[kg.ReportID(s.chain[0].Code, s.year)] = true
		byLevel[s.chain[0].Level] = append(byLevel[s.chain[0].Level], i)
	}
	levels := make([]kg.RegionLevel, 0, len(byLevel))
	free := map[kg.RegionLevel][]slot{}
	for level, idx := range byLevel {
		levels = append(levels, level)
		shape := levelsOf(c.samples[idx[0]].chain)
		for _, r := range c.tree.Regions() {
			if r.Level != level || !sameLevels(levelsOf(chainOf(c.tree, r)), shape) {
				continue
			}
			for y := c.opts.FirstYear; y <= c.opts.LastYear; y++ {
				if !taken[kg.ReportID(r.Code, y)] {
					free[level] = append(free[level], slot{r, y})
				}
			}
		}
	}
	// highest level first, so quotas are decided in a fixed order
	sort.Slice(levels, func(i, j int) bool { return levels[i].Rank() < levels[j].Rank() })
	quota := quotas(levels, free, c.opts.N)
	planned := map[string]bool{} // regions with a planned report
	for _, level := range levels {
		slots := free[level]
		rng.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
		for _, s := range pick(c.tree, slots, quota[level], planned) {
			si := byLevel[level][rng.IntN(len(byLevel[level]))]
			c.plans = append(c.plans, plan{sample: si, chain: chainOf(c.tree, s.region), seed: rng.Uint64()})
			c.specs = append(c.specs, Spec{Sample: c.samples[si].name, RegionID: s.region.ID, Year: s.year})
		}
		for _, sp := range c.specs {
			planned[sp.RegionID] = true
		}
	}
	if len(c.plans) < c.opts.N {
		return fmt.Errorf("synthcorpus: only %d free (region, year) slots for %d reports; widen the years", len(c.plans), c.opts.N)
	}
	for i := range c.specs {
		sp := &c.specs[i]
		code := c.plans[i].chain[0].Code
		sp.Name = fmt.Sprintf("synthetic-%05d-%s-%d%s", i, code, sp.Year, c.samples[c.plans[i].sample].ext)
	}
	return nil
}

// anchoredShare is the part of a level's reports placed under regions that
// already have reports, so even a small corpus has IMPLEMENTS chains; the
// rest spreads over the country.
const anchoredShare = 0.75

// pick takes k of the shuffled slots, anchoredShare of them (as far as
// there are) below a planned region, keeping the shuffled order otherwise.
func pick(tree *division.Tree, slots []slot, k int, planned map[string]bool) []slot {
	var anchored, loose []slot
	for _, s := range slots {
		if underPlanned(tree, s.region, planned) {
			anchored = append(anchored, s)
		} else {
			loose = append(loose, s)
		}
	}
	na := min(len(anchored), int(math.Ceil(anchoredShare*float64(k))))
	nl := min(len(loose), k-na)
	na = min(len(anchored), k-nl) // too few loose slots: more anchored
	out := append(append(make([]slot, 0, k), anchored[:na]...), loose[:nl]...)
	return out
}

func underPlanned(tree *division.Tree, r kg.Region, planned map[string]bool) bool {
	for _, a := range tree.Ancestors(r.ID) {
		if planned[a.ID] {
			return true
		}
	}
	return false
}

// quotas splits n over levels by levelWeights, capped by free slots; what
// a full level cannot take goes to the others.
func quotas(levels []kg.RegionLevel, free map[kg.RegionLevel][]slot, n int) map[kg.RegionLevel]int {
	q := map[kg.RegionLevel]int{}
	for left := n; left > 0; {
		total := 0
		for _, l := range levels {
			if q[l] < len(free[l]) {
				total += levelWeight(l)
			}
		}
		if total == 0 {
			break
		}
		given := 0
		for _, l := range levels {
			if q[l] >= len(free[l]) {
				continue
			}
			share := max(left*levelWeight(l)/total, 1)
			share = min(share, len(free[l])-q[l], left-given)
			q[l] += share
			given += share
		}
		left -= given
		if given == 0 {
			break
		}
	}
	return q
}

func levelsOf(chain []kg.Region) []kg.RegionLevel {
	out := make([]kg.RegionLevel, len(chain))
	for i, r := range chain {
		out[i] = r.Level
	}
	return out
}

func sameLevels(a, b []kg.RegionLevel) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Len is the number of synthetic files (samples not included).
func (c *Corpus) Len() int { return len(c.specs) }

// Specs returns what each synthetic file must load as, in file order.
func (c *Corpus) Specs() []Spec { return append([]Spec(nil), c.specs...) }

// File generates synthetic file i.
func (c *Corpus) File(i int) (File, error) {
	if i < 0 || i >= len(c.plans) {
		return File{}, fmt.Errorf("synthcorpus: file %d of %d", i, len(c.plans))
	}
	p := c.plans[i]
	s := c.samples[p.sample]
	data := rewrite(c.tree, s, p.chain, c.specs[i].Year, p.seed)
	return File{Name: c.specs[i].Name, Data: data}, nil
}

// Files generates every synthetic file, plus the samples with WithSamples.
// It holds the whole corpus in memory; FS does not.
func (c *Corpus) Files() ([]File, error) {
	out := make([]File, 0, len(c.plans)+len(c.samples))
	if c.opts.WithSamples {
		for _, s := range c.samples {
			out = append(out, File{Name: s.name, Data: bytes.Clone(s.raw)})
		}
	}
	for i := range c.plans {
		f, err := c.File(i)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
