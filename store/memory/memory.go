// Package memory is the embedded kg.Store: tables behind one RWMutex, with
// an index for every lookup so each Find costs in proportion to its result.
// Its bulk (entities.go, targets.go, edges.go, search.go) is kept in
// tables without a pointer per item, because every garbage-collection
// cycle marks the whole store while requests run.
// It never hands out its own pointers: every value returned is a fresh
// copy (its strings may share the store's immutable texts), and every
// value stored is copied in, so callers may mutate freely.
package memory

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/reportgraph/reportgraph/kg"
)

var _ kg.Store = (*Store)(nil)

// index maps a lookup value to the ids having it. Slices, not sets: a
// map per key made loading the 3,200-region division table allocation
// bound, and ids leave an index only when replaced, which is rare. An id
// may appear twice under one key (a short name equal to the full name);
// readers dedupe.
type index map[string][]string

func (ix index) add(k, id string) { ix[k] = append(ix[k], id) }

func (ix index) remove(k, id string) {
	ids := ix[k]
	for i, x := range ids {
		if x == id {
			ids[i] = ids[len(ids)-1]
			ids = ids[:len(ids)-1]
			break
		}
	}
	if len(ids) == 0 {
		delete(ix, k)
	} else {
		ix[k] = ids
	}
}

// Store is the in-memory graph store. The zero value is not usable: call New.
type Store struct {
	mu sync.RWMutex

	regions        map[string]*kg.Region
	regionByParent index // parent id ("" for the root) → region ids
	regionByName   index // official and short names → region ids
	regionByLevel  index

	reports        map[string]*kg.Report
	reportByRegion index
	reportBySource index // file name → report ids
	reportByYear   map[int][]string

	entities *entityTable

	targets *targetTable
	counts  map[string]kg.ReportCounts // report id → what it holds, kept by PutReport

	edges *edgeTable

	statistics *statisticTable

	search *searchIndex
}

// New returns an empty store.
func New() *Store {
	ents := newEntityTable()
	return &Store{
		entities:       ents,
		regions:        map[string]*kg.Region{},
		regionByParent: index{},
		regionByName:   index{},
		regionByLevel:  index{},
		reports:        map[string]*kg.Report{},
		reportByRegion: index{},
		reportBySource: index{},
		reportByYear:   map[int][]string{},
		targets:        newTargetTable(),
		counts:         map[string]kg.ReportCounts{},
		edges:          newEdgeTable(),
		statistics:     newStatisticTable(),
		search:         newSearchIndex(ents),
	}
}

// Close releases nothing: the store lives in the process heap.
func (s *Store) Close(ctx context.Context) error { return nil }

// --- writes ---

// PutRegions upserts regions and their PART_OF edges. A parent must be
// stored already or be part of the same batch (ENOTFOUND otherwise).
func (s *Store) PutRegions(ctx context.Context, regions []kg.Region) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	batch := make(map[string]bool, len(regions))
	for i := range regions {
		if err := regions[i].Validate(); err != nil {
			return err
		}
		batch[regions[i].ID] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range regions {
		p := regions[i].ParentID
		if p != "" && !batch[p] && s.regions[p] == nil {
			return kg.Errorf(kg.ENOTFOUND, "region %s: parent %s not found", regions[i].ID, p)
		}
	}
	for i := range regions {
		if old := s.regions[regions[i].ID]; old == nil || !sameRegion(old, &regions[i]) {
			s.putRegion(copyRegion(&regions[i]))
		}
	}
	return nil
}

// sameRegion lets an idempotent reload of the division table skip work.
func sameRegion(a, b *kg.Region) bool {
	return a.Code == b.Code && a.Name == b.Name && a.Level == b.Level && a.ParentID == b.ParentID &&
		slices.Equal(a.ShortNames, b.ShortNames)
}
func (s *Store) putRegion(r *kg.Region) {
	if old := s.regions[r.ID]; old != nil {
		s.regionByParent.remove(old.ParentID, old.ID)
		s.regionByLevel.remove(string(old.Level), old.ID)
		for _, n := range regionNames(old) {
			s.regionByName.remove(n, old.ID)
		}
		if old.ParentID != "" {
			s.edges.remove(kg.EdgePartOf, old.ID, old.ParentID)
		}
	}
	s.regions[r.ID] = r
	s.regionByParent.add(r.ParentID, r.ID)
	s.regionByLevel.add(string(r.Level), r.ID)
	for _, n := range regionNames(r) {
		s.regionByName.add(n, r.ID)
	}
	if r.ParentID != "" {
		s.edges.put(&kg.Edge{Type: kg.EdgePartOf, FromID: r.ID, ToID: r.ParentID, Method: kg.MethodRegion, Confidence: 1})
	}
}

func regionNames(r *kg.Region) []string { return append([]string{r.Name}, r.ShortNames...) }

// PutReport replaces everything stored for g.Report.ID with g. It validates
// the whole graph first, so a rejected graph leaves the previous content.
func (s *Store) PutReport(ctx context.Context, g kg.ReportGraph) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := g.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkReport(g); err != nil {
		return err
	}
	s.putReport(g)
	return nil
}

// PutReports checks every graph before writing any, so a bad one writes
// none; a report id given twice takes its last graph, as in sequence.
func (s *Store) PutReports(ctx context.Context, gs []kg.ReportGraph) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for i := range gs {
		if err := gs[i].Validate(); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range gs {
		if err := s.checkReport(gs[i]); err != nil {
			return err
		}
	}
	for i := range gs {
		s.putReport(gs[i])
	}
	return nil
}

// checkReport tells whether a valid g can be stored. Callers hold the lock.
func (s *Store) checkReport(g kg.ReportGraph) error {
	if s.regions[g.Report.RegionID] == nil {
		return kg.Errorf(kg.ENOTFOUND, "report %s: region %s not found", g.Report.ID, g.Report.RegionID)
	}
	return checkTextSize(g)
}

// putReport replaces g's report with g. Callers hold the write lock and
// have checked g.
func (s *Store) putReport(g kg.ReportGraph) {
	s.deleteReport(g.Report.ID)
	r := cloneReport(g.Report)
	s.reports[r.ID] = &r
	s.reportByRegion.add(r.RegionID, r.ID)
	s.reportBySource.add(r.Source, r.ID)
	s.reportByYear[r.Year] = append(s.reportByYear[r.Year], r.ID)
	ords := s.entities.put(r.ID, g.Entities)
	s.search.add(&r, ords)
	s.targets.put(r.ID, g.Targets)
	for i := range g.Edges {
		s.edges.put(&g.Edges[i])
	}
	s.counts[r.ID] = countsOf(g)
}

// deleteReport removes a report, its entities and targets, and every edge
// touching its entities. Callers hold the write lock.
func (s *Store) deleteReport(id string) {
	old := s.reports[id]
	if old == nil {
		return
	}
	s.search.remove(id)
	delete(s.reports, id)
	s.reportByRegion.remove(old.RegionID, id)
	s.reportBySource.remove(old.Source, id)
	if ys := slices.DeleteFunc(s.reportByYear[old.Year], func(x string) bool { return x == id }); len(ys) > 0 {
		s.reportByYear[old.Year] = ys
	} else {
		delete(s.reportByYear, old.Year)
	}
	for _, o := range s.entities.ofReport(id) {
		s.edges.removeTouching(s.entities.id(o))
	}
	s.entities.removeReport(id)
	s.targets.removeReport(id)
	delete(s.counts, id)
}

// DeleteReports removes the reports with ids and everything they hold;
// unknown ids are ignored.
func (s *Store) DeleteReports(ctx context.Context, ids []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		s.deleteReport(id)
	}
	return nil
}

// SetContentHashes sets the fingerprints of stored reports.
func (s *Store) SetContentHashes(ctx context.Context, hashes map[string]string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, h := range hashes {
		if r := s.reports[id]; r != nil {
			r.ContentHash = h
		}
	}
	return nil
}

// PutLinks upserts IMPLEMENTS edges; all or none are written.
func (s *Store) PutLinks(ctx context.Context, edges []kg.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkLinks(edges, nil, false); err != nil {
		return err
	}
	for i := range edges {
		s.edges.put(&edges[i])
	}
	return nil
}

// ReplaceLinks swaps the IMPLEMENTS edges leaving the entities of
// reportIDs for edges.
func (s *Store) ReplaceLinks(ctx context.Context, reportIDs []string, edges []kg.Edge) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if slices.Contains(reportIDs, "") {
		return kg.Errorf(kg.EINVALID, "replace links: empty report id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkLinks(edges, kg.FilterOf(reportIDs), true); err != nil {
		return err
	}
	for _, id := range reportIDs {
		for _, o := range s.entities.ofReport(id) {
			s.edges.removeLeaving(s.entities.id(o), kg.EdgeImplements)
		}
	}
	for i := range edges {
		s.edges.put(&edges[i])
	}
	return nil
}

// checkLinks validates IMPLEMENTS edges against the stored entities; with
// restrict set, every edge must leave an entity of a report in fromReports.
func (s *Store) checkLinks(edges []kg.Edge, fromReports map[string]bool, restrict bool) error {
	for i := range edges {
		e := &edges[i]
		if e.Type != kg.EdgeImplements {
			return kg.Errorf(kg.EINVALID, "link %s→%s: type %q is not %s", e.FromID, e.ToID, e.Type, kg.EdgeImplements)
		}
		if e.FromID == e.ToID {
			return kg.Errorf(kg.EINVALID, "link %s→%s: an entity cannot implement itself", e.FromID, e.ToID)
		}
		from, fromOK := s.entities.lookup(e.FromID)
		if _, toOK := s.entities.lookup(e.ToID); !fromOK || !toOK {
			return kg.Errorf(kg.ENOTFOUND, "link %s→%s: endpoint not found", e.FromID, e.ToID)
		}
		if restrict && !fromReports[s.entities.reportID(from)] {
			return kg.Errorf(kg.EINVALID, "link %s→%s: does not leave the reports being relinked", e.FromID, e.ToID)
		}
	}
	return nil
}

// --- batch getters ---

// Regions returns one slot per id, nil where unknown.
// Ping answers nil while ctx lives: an embedded store is always there.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

func (s *Store) Regions(ctx context.Context, ids []string) ([]*kg.Region, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*kg.Region, len(ids))
	for i, id := range ids {
		if r := s.regions[id]; r != nil {
			out[i] = copyRegion(r)
		}
	}
	return out, nil
}

// Reports returns one slot per id, nil where unknown.
func (s *Store) Reports(ctx context.Context, ids []string) ([]*kg.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*kg.Report, len(ids))
	for i, id := range ids {
		if r := s.reports[id]; r != nil {
			c := *r
			out[i] = &c
		}
	}
	return out, nil
}

// Entities returns one slot per id, nil where unknown.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*kg.Entity, len(ids))
	for i, id := range ids {
		if o, ok := s.entities.lookup(id); ok {
			out[i] = s.entities.entity(o)
		}
	}
	return out, nil
}

// Targets gets targets by id. A target id names its report, so each is
// found among that report's targets.
func (s *Store) Targets(ctx context.Context, ids []string) ([]*kg.Target, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*kg.Target, len(ids))
	for i, id := range ids {
		reportID, err := kg.TargetReportID(id)
		if err != nil {
			continue // not a target id: no such target
		}
		for _, o := range s.targets.ofReport(reportID) {
			if s.targets.id(o) == id {
				out[i] = s.targets.target(o)
				break
			}
		}
	}
	return out, nil
}

// --- finds ---

// FindRegions returns the regions matching f, by ID.
func (s *Store) FindRegions(ctx context.Context, f kg.RegionFilter) ([]*kg.Region, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var cands [][]string
	if f.ParentID != nil {
		cands = append(cands, s.regionByParent[*f.ParentID])
	}
	if f.Name != "" {
		cands = append(cands, s.regionByName[f.Name])
	}
	if f.Level != nil {
		cands = append(cands, s.regionByLevel[string(*f.Level)])
	}
	var within map[string]bool
	if f.Within != "" {
		below := s.subtree(f.Within)
		cands = append(cands, below)
		if len(cands) > 1 { // else the candidates are the subtree itself
			within = kg.FilterOf(below)
		}
	}
	ids := s.candidates(cands, s.regionIDs)
	// One block for the copies: a national subtree is 3,000 regions.
	copies := make([]kg.Region, 0, len(ids))
	out := make([]*kg.Region, 0, len(ids))
	for _, id := range ids {
		r := s.regions[id]
		if within != nil && !within[id] ||
			f.ParentID != nil && r.ParentID != *f.ParentID ||
			f.Level != nil && r.Level != *f.Level ||
			f.Name != "" && !hasName(r, f.Name) {
			continue
		}
		copies = append(copies, *r)
		c := &copies[len(copies)-1]
		c.ShortNames = slices.Clone(r.ShortNames)
		out = append(out, c)
	}
	if len(cands) == 0 { // all regions, in map order; candidates come sorted
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	}
	return kg.Limit(out, f.Limit), nil
}

// subtree returns id and the ids of every region below it; none when id is
// not stored. Callers hold the lock.
func (s *Store) subtree(id string) []string {
	if s.regions[id] == nil {
		return []string{}
	}
	out := []string{id}
	for i := 0; i < len(out); i++ {
		out = append(out, s.regionByParent[out[i]]...)
	}
	return out
}

func hasName(r *kg.Region, name string) bool {
	for _, n := range regionNames(r) {
		if n == name {
			return true
		}
	}
	return false
}

// candidates picks the smallest of the applicable index sets, or every id
// when no index applies.
func (s *Store) candidates(sets [][]string, all func() []string) []string {
	if len(sets) == 0 {
		return all()
	}
	best := sets[0]
	for _, c := range sets[1:] {
		if len(c) < len(best) {
			best = c
		}
	}
	ids := slices.Clone(best)
	slices.Sort(ids)
	return slices.Compact(ids)
}

func (s *Store) regionIDs() []string {
	ids := make([]string, 0, len(s.regions))
	for id := range s.regions {
		ids = append(ids, id)
	}
	return ids
}

// FindReports returns the reports matching f, by region ID then year.
func (s *Store) FindReports(ctx context.Context, f kg.ReportFilter) ([]*kg.Report, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ids []string
	switch {
	case len(f.Sources) > 0:
		ids = unionOf(s.reportBySource, f.Sources)
	case len(f.RegionIDs) > 0:
		ids = unionOf(s.reportByRegion, f.RegionIDs)
	case f.Year != nil:
		ids = s.reportByYear[*f.Year]
	default:
		for id := range s.reports {
			ids = append(ids, id)
		}
	}
	var out []*kg.Report
	match := reportMatcher(f)
	for _, id := range ids {
		if r := s.reports[id]; match(r) {
			c := *r
			out = append(out, &c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].RegionID != out[j].RegionID {
			return out[i].RegionID < out[j].RegionID
		}
		return out[i].Year < out[j].Year
	})
	return kg.Limit(out, f.Limit), nil
}

// reportMatcher applies every field of f to a report; a subtree's region
// list runs to thousands, hence the sets.
func reportMatcher(f kg.ReportFilter) func(*kg.Report) bool {
	regions, sources := kg.FilterOf(f.RegionIDs), kg.FilterOf(f.Sources)
	return func(r *kg.Report) bool {
		return (f.Year == nil || r.Year == *f.Year) &&
			(regions == nil || regions[r.RegionID]) &&
			(sources == nil || sources[r.Source])
	}
}

// unionOf collects the ids indexed under any of keys, each once.
func unionOf(ix index, keys []string) []string {
	seen := map[string]bool{}
	var ids []string
	for _, k := range keys {
		for _, id := range ix[k] {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// FindEntities returns the entities matching f, by ID.
func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter) ([]*kg.Entity, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ords := s.entityCandidates(f)
	reports, keys, names := kg.FilterOf(f.ReportIDs), kg.FilterOf(f.Keys), kg.FilterOf(f.Names)
	var out []*kg.Entity
	var seen map[uint32]bool // an entity holding a name by two rules comes twice
	if len(f.Names) > 0 {
		seen = map[uint32]bool{}
	}
	for _, o := range ords {
		if seen[o] || f.Kind != nil && s.entities.kind(o) != *f.Kind || !reports.Accepts(s.entities.reportID(o)) ||
			!keys.Accepts(s.entities.key(o)) || names != nil && !s.entities.holdsAny(o, names) {
			continue
		}
		if seen != nil {
			seen[o] = true
		}
		out = append(out, s.entities.entity(o))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return kg.Limit(out, f.Limit), nil
}

// entityCandidates returns the ordinals f can match, from its most
// selective index: the smallest of its reports', keys' and names' sets.
func (s *Store) entityCandidates(f kg.EntityFilter) []uint32 {
	var best []uint32
	found := false
	consider := func(ords []uint32) {
		if !found || len(ords) < len(best) {
			best, found = ords, true
		}
	}
	if len(f.ReportIDs) > 0 {
		consider(s.entitiesOfReports(f.ReportIDs))
	}
	if len(f.Keys) > 0 {
		consider(s.entitiesWithKeys(f.Keys))
	}
	if len(f.Names) > 0 {
		var ords []uint32
		for _, k := range slices.Compact(slices.Sorted(slices.Values(f.Names))) {
			ords = s.entities.withName(k, ords)
		}
		consider(ords)
	}
	if !found {
		return s.entities.all(nil)
	}
	return best
}

// entitiesOfReports returns the ordinals of the entities of reportIDs.
func (s *Store) entitiesOfReports(reportIDs []string) []uint32 {
	var ords []uint32
	for _, id := range slices.Compact(slices.Sorted(slices.Values(reportIDs))) {
		ords = append(ords, s.entities.ofReport(id)...)
	}
	return ords
}

// entitiesWithKeys returns the ordinals of the entities keyed any of keys.
func (s *Store) entitiesWithKeys(keys []string) []uint32 {
	var ords []uint32
	for _, k := range slices.Compact(slices.Sorted(slices.Values(keys))) {
		ords = s.entities.withKey(k, ords)
	}
	return ords
}

// FindTargets returns the targets matching f, by report ID then ID.
func (s *Store) FindTargets(ctx context.Context, f kg.TargetFilter) ([]*kg.Target, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ords []uint32
	switch {
	case len(f.ReportIDs) > 0:
		ords = s.targetsOfReports(f.ReportIDs)
	case len(f.RegionIDs) > 0 && f.Indicator != "":
		// A subtree's regions and one indicator: without reading every
		// target of every report in the subtree only to keep one's.
		for _, r := range slices.Compact(slices.Sorted(slices.Values(f.RegionIDs))) {
			ords = s.targets.withIndicator(r, f.Indicator, f.Year, ords)
		}
	case len(f.RegionIDs) > 0 && f.IndicatorCode != "":
		for _, r := range slices.Compact(slices.Sorted(slices.Values(f.RegionIDs))) {
			ords = s.targets.withCode(r, f.IndicatorCode, f.Year, ords)
		}
	case len(f.RegionIDs) > 0:
		ords = s.targetsOfReports(unionOf(s.reportByRegion, f.RegionIDs))
	case f.Indicator != "":
		ords = s.targets.withIndicator("", f.Indicator, f.Year, nil)
	case f.IndicatorCode != "":
		ords = s.targets.withCode("", f.IndicatorCode, f.Year, nil)
	default:
		ords = s.targets.all(nil)
	}
	reports, regions := kg.FilterOf(f.ReportIDs), kg.FilterOf(f.RegionIDs)
	var out []*kg.Target
	for _, o := range ords {
		// The year first: an integer, where the rest compare strings.
		if f.Year != nil && s.targets.recs[o].year != *f.Year ||
			!reports.Accepts(s.targets.reportID(o)) || !regions.Accepts(s.targets.regionID(o)) ||
			f.Indicator != "" && s.targets.indicator(o) != f.Indicator ||
			f.IndicatorCode != "" && s.targets.code(o) != f.IndicatorCode ||
			f.Kind != nil && s.targets.kind(o) != *f.Kind {
			continue
		}
		out = append(out, s.targets.target(o))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ReportID != out[j].ReportID {
			return out[i].ReportID < out[j].ReportID
		}
		return out[i].ID < out[j].ID
	})
	return kg.Limit(out, f.Limit), nil
}

// targetsOfReports returns the ordinals of the targets of reportIDs.
func (s *Store) targetsOfReports(reportIDs []string) []uint32 {
	var ords []uint32
	for _, id := range slices.Compact(slices.Sorted(slices.Values(reportIDs))) {
		ords = append(ords, s.targets.ofReport(id)...)
	}
	return ords
}

// FindEdges returns the edges matching f, by (Type, FromID, ToID). FromIDs
// and ToIDs combine with OR.
func (s *Store) FindEdges(ctx context.Context, f kg.EdgeFilter) ([]*kg.Edge, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := s.edges.find(f)
	sort.Slice(out, func(i, j int) bool { return edgeLess(out[i], out[j]) })
	return kg.Limit(out, f.Limit), nil
}

// Walk follows edges from w.Start; see kg.Store.
func (s *Store) Walk(ctx context.Context, w kg.Walk) ([]*kg.Edge, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if w.MaxNodes <= 0 {
		return nil, kg.Errorf(kg.EINVALID, "walk: MaxNodes must be positive, got %d", w.MaxNodes)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var start []uint32
	isolated := 0 // entities of Start without an edge: reached, with nothing to follow
	for _, id := range slices.Compact(slices.Sorted(slices.Values(w.Start))) {
		if _, ok := s.entities.lookup(id); !ok {
			continue // regions share the edge table; a walk is between entities
		}
		if o, ok := s.edges.nodes.lookup(id); ok {
			start = append(start, o)
		} else {
			isolated++
		}
	}
	if len(start)+isolated > w.MaxNodes {
		return nil, kg.Errorf(kg.ETOOLARGE, "walk reaches more than %d entities", w.MaxNodes)
	}
	slots, ok := s.edges.walk(start, w.Via, w.Down, w.MaxNodes-isolated)
	if !ok {
		return nil, kg.Errorf(kg.ETOOLARGE, "walk reaches more than %d entities", w.MaxNodes)
	}
	out := make([]*kg.Edge, len(slots))
	for i, slot := range slots {
		out[i] = s.edges.edge(&s.edges.recs[slot])
	}
	sort.Slice(out, func(i, j int) bool { return edgeLess(out[i], out[j]) })
	return out, nil
}

func edgeLess(a, b *kg.Edge) bool {
	if a.Type != b.Type {
		return a.Type < b.Type
	}
	if a.FromID != b.FromID {
		return a.FromID < b.FromID
	}
	return a.ToID < b.ToID
}

// --- search ---

// Search ranks entities by kg.MatchScore, best first, ties by ID. The
// bigram index picks the candidates; see search.go.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	if err := kg.CheckQuery(ctx, q.Limit); err != nil {
		return nil, err
	}
	text := kg.SearchForm(strings.TrimSpace(q.Text))
	if text == "" {
		return nil, kg.Errorf(kg.EINVALID, "search: empty text")
	}
	if q.Offset < 0 || q.AnyOrder && q.Offset > 0 {
		return nil, kg.Errorf(kg.EINVALID, "search: offset %d (negative, or a page of hits in any order)", q.Offset)
	}
	need := -1 // every hit
	if q.Limit > 0 && q.Offset <= math.MaxInt-q.Limit {
		need = q.Offset + q.Limit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	cands := s.search.candidates(text)
	var ranks []ranked
	if ords, small := s.regionEntities(q.RegionIDs, len(cands)); small {
		ranks = s.searchScan(q, ords)
	} else {
		var err error
		if ranks, err = s.searchIndexed(ctx, q, cands, need); err != nil {
			return nil, err
		}
	}
	if q.Offset >= len(ranks) {
		return []kg.SearchHit{}, nil
	}
	return s.hitsOf(kg.Limit(ranks[q.Offset:], q.Limit)), nil
}

// hitsOf decodes ranked hits into fresh entities.
func (s *Store) hitsOf(ranks []ranked) []kg.SearchHit {
	hits := make([]kg.SearchHit, len(ranks))
	for i, h := range ranks {
		hits[i] = kg.SearchHit{Entity: s.entities.entity(h.ord), Score: h.score}
	}
	return hits
}

// scanPerCandidate is how many index candidates cost about as much as
// scoring one entity outright: a region filter selecting fewer entities
// than that share is answered by scanning them.
const scanPerCandidate = 50

// regionEntities returns the ordinals of the entities of regionIDs'
// reports when regionIDs are given and select few enough entities to scan.
func (s *Store) regionEntities(regionIDs []string, candidates int) ([]uint32, bool) {
	if len(regionIDs) == 0 {
		return nil, false
	}
	reports := unionOf(s.reportByRegion, regionIDs)
	n := 0
	for _, id := range reports {
		if n += len(s.entities.ofReport(id)); n*scanPerCandidate > candidates {
			return nil, false
		}
	}
	return s.entitiesOfReports(reports), true
}

// searchScan scores every entity of ords, all hits ranked.
func (s *Store) searchScan(q kg.SearchQuery, ords []uint32) []ranked {
	var hits []ranked
	var e kg.Entity
	for _, o := range ords {
		if q.Kind != nil && s.entities.kind(o) != *q.Kind || !s.inYears(s.entities.reportID(o), q.YearFrom, q.YearTo) {
			continue
		}
		if score := s.search.score(o, &e, q.Text); score > 0 {
			hits = append(hits, ranked{o, score})
		}
	}
	if !q.AnyOrder {
		slices.SortFunc(hits, s.search.compare)
	}
	return hits
}

func (s *Store) inYears(reportID string, from, to *int) bool {
	if from == nil && to == nil {
		return true
	}
	r := s.reports[reportID]
	return r != nil && (from == nil || r.Year >= *from) && (to == nil || r.Year <= *to)
}

// --- helpers ---

// cloneReport copies r's strings: the loader's are substrings of the
// normalised report text, and keeping a title would keep that whole text
// (187 MB of the 5,000-report synthetic store's 716 MiB).
func cloneReport(r kg.Report) kg.Report {
	r.ID, r.RegionID, r.DeliveredOn = strings.Clone(r.ID), strings.Clone(r.RegionID), strings.Clone(r.DeliveredOn)
	r.Title, r.Source = strings.Clone(r.Title), strings.Clone(r.Source)
	return r
}

func copyRegion(r *kg.Region) *kg.Region {
	c := *r
	c.ShortNames = append([]string(nil), r.ShortNames...)
	return &c
}
