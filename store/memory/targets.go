package memory

import (
	"hash/maphash"

	"github.com/reportgraph/reportgraph/kg"
)

// The target table stores targets the way the entity table stores
// entities, for the same reason: a target was a dozen strings and a
// pointer, and four indexes of id strings, which with 5,000 reports loaded
// were a third of what a garbage-collection cycle still marked.

type targetRec struct {
	block                               uint32 // none: free
	id, reportID, regionID, kind        span
	indicator, measure, unit, qualifier span
	code                                span // IndicatorCode
	year                                int
	value, maxValue                     float64
	hasMax                              bool
	evidence                            evidenceRec
}

// targetBlock holds one report's target texts.
type targetBlock struct {
	text string
	ords []uint32 // the report's targets, in the order put
}

// targetTable is the store's targets. It is guarded by Store.mu.
type targetTable struct {
	seed maphash.Seed
	records[targetRec]
	byIndicator       hashChains // indicator
	byRegionIndicator hashChains // (region id, indicator): targetComparison's filter
	blocks            reportBlocks[targetBlock]
}

func newTargetTable() *targetTable {
	return &targetTable{
		seed:              maphash.MakeSeed(),
		byIndicator:       newHashChains(),
		byRegionIndicator: newHashChains(),
		blocks:            newReportBlocks[targetBlock](),
	}
}

func (t *targetTable) indicatorHash(indicator string) uint64 {
	return maphash.String(t.seed, indicator)
}

func (t *targetTable) regionIndicatorHash(regionID, indicator string) uint64 {
	var h maphash.Hash
	h.SetSeed(t.seed)
	h.WriteString(regionID)
	h.WriteByte(0) // ids and indicators hold no NUL
	h.WriteString(indicator)
	return h.Sum64()
}

// put stores a report's targets, which must not be stored already (the
// store removes the report first).
func (t *targetTable) put(reportID string, ts []kg.Target) {
	bb := blockBuilder{seen: map[string]span{}}
	recs := make([]targetRec, len(ts))
	for i := range ts {
		x, r := &ts[i], &recs[i]
		r.id, r.reportID, r.regionID, r.kind = bb.add(x.ID), bb.add(x.ReportID), bb.add(x.RegionID), bb.add(string(x.Kind))
		r.indicator, r.measure, r.unit, r.qualifier = bb.add(x.Indicator), bb.add(x.Measure), bb.add(x.Unit), bb.add(string(x.Qualifier))
		r.code = bb.add(x.IndicatorCode)
		r.year, r.value = x.Year, x.Value
		if x.MaxValue != nil {
			r.maxValue, r.hasMax = *x.MaxValue, true
		}
		ev := &x.Evidence
		r.evidence = evidenceRec{reportID: bb.add(ev.ReportID), section: bb.add(ev.Section), text: bb.add(ev.Text), offset: ev.Offset}
	}
	blk := targetBlock{text: bb.text.String(), ords: make([]uint32, len(ts))}
	b := t.blocks.put(reportID, blk)
	for i := range recs {
		recs[i].block = b
		o := t.add(recs[i])
		t.byIndicator.grow(len(t.recs))
		t.byRegionIndicator.grow(len(t.recs))
		blk.ords[i] = o
		t.byIndicator.add(t.indicatorHash(ts[i].Indicator), o)
		t.byRegionIndicator.add(t.regionIndicatorHash(ts[i].RegionID, ts[i].Indicator), o)
		if c := ts[i].IndicatorCode; c != "" {
			t.byIndicator.add(t.indicatorHash(codeKey(c)), o)
			t.byRegionIndicator.add(t.regionIndicatorHash(ts[i].RegionID, codeKey(c)), o)
		}
	}
}

// removeReport forgets a report's targets.
func (t *targetTable) removeReport(reportID string) {
	blk, ok := t.blocks.get(reportID)
	if !ok {
		return
	}
	for _, o := range blk.ords {
		ind, region := t.indicator(o), t.regionID(o)
		t.byIndicator.remove(t.indicatorHash(ind), o)
		t.byRegionIndicator.remove(t.regionIndicatorHash(region, ind), o)
		if c := t.code(o); c != "" {
			t.byIndicator.remove(t.indicatorHash(codeKey(c)), o)
			t.byRegionIndicator.remove(t.regionIndicatorHash(region, codeKey(c)), o)
		}
		t.release(o, targetRec{block: none})
	}
	t.blocks.remove(reportID)
}

// ofReport returns a report's ordinals; callers must not modify them.
func (t *targetTable) ofReport(reportID string) []uint32 {
	if blk, ok := t.blocks.get(reportID); ok {
		return blk.ords
	}
	return nil
}

// withIndicator appends the ordinals of indicator's targets, only those of
// regionID when it is not empty and of year when it is not nil.
func (t *targetTable) withIndicator(regionID, indicator string, year *int, into []uint32) []uint32 {
	chains, h := &t.byIndicator, t.indicatorHash(indicator)
	if regionID != "" {
		chains, h = &t.byRegionIndicator, t.regionIndicatorHash(regionID, indicator)
	}
	chains.each(h, func(o uint32) bool {
		if t.ofYear(o, year) && t.indicator(o) == indicator && (regionID == "" || t.regionID(o) == regionID) {
			into = append(into, o)
		}
		return true
	})
	return into
}

// codeKey is how an indicator code is keyed in the indicator chains: an
// indicator as written never starts with a control character.
func codeKey(code string) string { return "\x01" + code }

// withCode appends the ordinals of the targets of indicator code, only
// those of regionID when it is not empty and of year when it is not nil.
func (t *targetTable) withCode(regionID, code string, year *int, into []uint32) []uint32 {
	chains, h := &t.byIndicator, t.indicatorHash(codeKey(code))
	if regionID != "" {
		chains, h = &t.byRegionIndicator, t.regionIndicatorHash(regionID, codeKey(code))
	}
	chains.each(h, func(o uint32) bool {
		if t.ofYear(o, year) && t.code(o) == code && (regionID == "" || t.regionID(o) == regionID) {
			into = append(into, o)
		}
		return true
	})
	return into
}

// ofYear reports whether target o is about year, or year is nil. It is
// tested before any string: one indicator's chain holds every year's
// figures, and a year's question keeps a few of them.
func (t *targetTable) ofYear(o uint32, year *int) bool {
	return year == nil || t.recs[o].year == *year
}

// all appends every live ordinal to into.
func (t *targetTable) all(into []uint32) []uint32 {
	for o := range t.recs {
		if t.recs[o].block != none {
			into = append(into, uint32(o))
		}
	}
	return into
}

func (t *targetTable) str(o uint32, s span) string {
	text := t.blocks.recs[t.recs[o].block].text
	return text[s.off : s.off+s.n]
}

func (t *targetTable) id(o uint32) string        { return t.str(o, t.recs[o].id) }
func (t *targetTable) reportID(o uint32) string  { return t.str(o, t.recs[o].reportID) }
func (t *targetTable) regionID(o uint32) string  { return t.str(o, t.recs[o].regionID) }
func (t *targetTable) indicator(o uint32) string { return t.str(o, t.recs[o].indicator) }
func (t *targetTable) code(o uint32) string      { return t.str(o, t.recs[o].code) }

func (t *targetTable) kind(o uint32) kg.TargetKind {
	return kg.TargetKind(t.str(o, t.recs[o].kind))
}

// target returns a fresh copy of target o; its strings share the block's
// immutable text.
func (t *targetTable) target(o uint32) *kg.Target {
	r := &t.recs[o]
	text := t.blocks.recs[r.block].text
	str := func(s span) string { return text[s.off : s.off+s.n] }
	x := &kg.Target{
		ID: str(r.id), ReportID: str(r.reportID), RegionID: str(r.regionID), Kind: kg.TargetKind(str(r.kind)),
		Year: r.year, Indicator: str(r.indicator), IndicatorCode: str(r.code), Measure: str(r.measure), Value: r.value,
		Unit: str(r.unit), Qualifier: kg.TargetQualifier(str(r.qualifier)),
		Evidence: kg.Evidence{
			ReportID: str(r.evidence.reportID), Section: str(r.evidence.section),
			Offset: r.evidence.offset, Text: str(r.evidence.text),
		},
	}
	if r.hasMax {
		v := r.maxValue
		x.MaxValue = &v
	}
	return x
}
