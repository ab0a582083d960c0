package neo4j

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/reportgraph/reportgraph/kg"
)

// nodeOf returns the node in a record's first column.
func nodeOf(rec *driver.Record) (dbtype.Node, bool) {
	if len(rec.Values) == 0 {
		return dbtype.Node{}, false
	}
	n, ok := rec.Values[0].(dbtype.Node)
	return n, ok
}

// nodes runs a node query in a read transaction and decodes each node,
// once per id (an UNWIND over repeated ids returns a node repeatedly).
func nodes[T any](ctx context.Context, s *Store, op, q string, params map[string]any, decode func(dbtype.Node) (*T, error)) ([]*T, error) {
	return read(ctx, s, op, func(ctx context.Context, tx driver.ManagedTransaction) ([]*T, error) {
		recs, err := collect(ctx, tx, q, params)
		if err != nil {
			return nil, err
		}
		seen := make(map[string]bool, len(recs))
		out := make([]*T, 0, len(recs))
		for _, rec := range recs {
			n, ok := nodeOf(rec)
			if !ok {
				continue
			}
			id := str(n.Props, "id")
			if seen[id] {
				continue
			}
			seen[id] = true
			v, err := decode(n)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	})
}

// byIDs fetches nodes by id and returns one slot per requested id.
func byIDs[T any](ctx context.Context, s *Store, op, q string, ids []string, decode func(dbtype.Node) (*T, error), idOf func(*T) string) ([]*T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]*T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	found, err := nodes(ctx, s, op, q, map[string]any{"ids": uniq(ids)}, decode)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*T, len(found))
	for _, v := range found {
		byID[idOf(v)] = v
	}
	for i, id := range ids {
		if v := byID[id]; v != nil {
			out[i] = clone(v)
		}
	}
	return out, nil
}

// clone gives every slot its own value, so callers may modify results.
func clone[T any](v *T) *T {
	c := *v
	return &c
}

func uniq(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Regions returns one slot per id, nil where unknown.
func (s *Store) Regions(ctx context.Context, ids []string) ([]*kg.Region, error) {
	return byIDs(ctx, s, "get regions", qRegionByID, ids, decodeRegion, func(r *kg.Region) string { return r.ID })
}

// Reports returns one slot per id, nil where unknown.
func (s *Store) Reports(ctx context.Context, ids []string) ([]*kg.Report, error) {
	return byIDs(ctx, s, "get reports", qReportByID, ids, decodeReport, func(r *kg.Report) string { return r.ID })
}

// Entities returns one slot per id, nil where unknown.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	return byIDs(ctx, s, "get entities", qEntityByID, ids, decodeEntity, func(e *kg.Entity) string { return e.ID })
}

func (s *Store) Targets(ctx context.Context, ids []string) ([]*kg.Target, error) {
	return byIDs(ctx, s, "get targets", qTargetByID, ids, decodeTarget, func(t *kg.Target) string { return t.ID })
}

// FindRegions drives through the most selective index (subtree, parent,
// name, level); the statement applies the other conditions, the order (by
// ID) and the limit.
func (s *Store) FindRegions(ctx context.Context, f kg.RegionFilter) ([]*kg.Region, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	params := map[string]any{"parentId": nil, "level": nil, "name": nil, "limit": limitParam(f.Limit)}
	if f.ParentID != nil {
		params["parentId"] = *f.ParentID
	}
	if f.Level != nil {
		params["level"] = string(*f.Level)
	}
	if f.Name != "" {
		params["name"] = f.Name
	}
	q := qRegionsAll
	switch {
	case f.Within != "":
		q, params["id"] = qRegionsWithin, f.Within
	case f.ParentID != nil:
		q = qRegionsByParent
	case f.Name != "" && isHanPhrase(f.Name):
		q, params["query"] = qRegionsByNameFullText, `"`+f.Name+`"`
	case f.Name != "":
		q = qRegionsByName
	case f.Level != nil:
		q = qRegionsByLevel
	}
	return nodes(ctx, s, "find regions", q, params, decodeRegion)
}

// FindReports returns reports by region ID, then year.
func (s *Store) FindReports(ctx context.Context, f kg.ReportFilter) ([]*kg.Report, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	params := map[string]any{"regionIds": nullable(uniq(f.RegionIDs)), "sources": nullable(uniq(f.Sources)),
		"year": nil, "limit": limitParam(f.Limit)}
	if f.Year != nil {
		params["year"] = int64(*f.Year)
	}
	q := qReportsAll
	switch {
	case len(f.Sources) > 0:
		q = qReportsBySource
	case len(f.RegionIDs) > 0:
		q = qReportsByRegion
	case f.Year != nil:
		q = qReportsByYear
	}
	return nodes(ctx, s, "find reports", q, params, decodeReport)
}

// FindEntities returns entities by ID.
func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter) ([]*kg.Entity, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	params := map[string]any{"reportIds": nullable(uniq(f.ReportIDs)), "keys": nullable(uniq(f.Keys)),
		"names": nullable(uniq(f.Names)), "kind": nil, "limit": limitParam(f.Limit)}
	if f.Kind != nil {
		params["kind"] = string(*f.Kind)
	}
	q := qEntitiesAll
	switch {
	case len(f.ReportIDs) > 0 && (len(f.Keys) == 0 || len(f.ReportIDs) <= len(f.Keys)):
		q = qEntitiesByReport
	case len(f.Keys) > 0:
		q = qEntitiesByKey
	case len(f.Names) > 0:
		q = qEntitiesByName
	case f.Kind != nil:
		q = qEntitiesByKind
	}
	return nodes(ctx, s, "find entities", q, params, decodeEntity)
}

// FindTargets returns targets by report ID, then ID.
func (s *Store) FindTargets(ctx context.Context, f kg.TargetFilter) ([]*kg.Target, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	params := map[string]any{"reportIds": nullable(uniq(f.ReportIDs)), "regionIds": nullable(uniq(f.RegionIDs)),
		"indicator": nil, "indicatorCode": nil, "kind": nil, "year": nil, "limit": limitParam(f.Limit)}
	if f.Indicator != "" {
		params["indicator"] = f.Indicator
	}
	if f.IndicatorCode != "" {
		params["indicatorCode"] = f.IndicatorCode
	}
	if f.Kind != nil {
		params["kind"] = string(*f.Kind)
	}
	if f.Year != nil {
		params["year"] = int64(*f.Year)
	}
	q := qTargetsAll
	switch {
	case len(f.ReportIDs) > 0:
		q = qTargetsByReport
	case len(f.RegionIDs) > 0:
		q = qTargetsByRegion
	case f.Indicator != "":
		q = qTargetsByIndicator
	case f.IndicatorCode != "":
		q = qTargetsByCode
	}
	return nodes(ctx, s, "find targets", q, params, decodeTarget)
}

// edgeLookup is one edge statement with the ids it starts from.
type edgeLookup struct {
	q   string
	ids []string
}

// limitParam is a finder's Limit as the statement's $limit: 0 (none) is
// the largest integer, since LIMIT takes no null.
func limitParam(n int) int64 {
	if n == 0 {
		return math.MaxInt64
	}
	return int64(n)
}

// FindEdges returns edges by (Type, FromID, ToID). The endpoint label of a
// lookup comes from the id's kind, so each id is a constraint seek.
func (s *Store) FindEdges(ctx context.Context, f kg.EdgeFilter) ([]*kg.Edge, error) {
	if err := kg.CheckQuery(ctx, f.Limit); err != nil {
		return nil, err
	}
	lookups := edgeLookups(f)
	edges, err := read(ctx, s, "find edges", func(ctx context.Context, tx driver.ManagedTransaction) ([]*kg.Edge, error) {
		seen := map[[3]string]bool{}
		out := []*kg.Edge{}
		for _, l := range lookups {
			var params map[string]any
			if l.ids != nil {
				params = map[string]any{"ids": l.ids}
			}
			recs, err := collect(ctx, tx, l.q, params)
			if err != nil {
				return nil, err
			}
			for _, rec := range recs {
				e, err := decodeEdge(rec.AsMap())
				if err != nil {
					return nil, err
				}
				if e == nil {
					continue
				}
				k := [3]string{string(e.Type), e.FromID, e.ToID}
				if seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, e)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	out := edges[:0]
	for _, e := range edges {
		if f.Type != nil && e.Type != *f.Type || f.Method != "" && e.Method != f.Method {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return edgeLess(out[i], out[j]) })
	return kg.Limit(out, f.Limit), nil
}

// Walk follows edges from w.Start in one statement; see kg.Store.
func (s *Store) Walk(ctx context.Context, w kg.Walk) ([]*kg.Edge, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if w.MaxNodes <= 0 {
		return nil, kg.Errorf(kg.EINVALID, "walk: MaxNodes must be positive, got %d", w.MaxNodes)
	}
	if len(w.Start) == 0 || len(w.Via) == 0 {
		return []*kg.Edge{}, nil
	}
	via := make([]any, len(w.Via))
	for i, st := range w.Via {
		via[i] = map[string]any{"type": string(st.Type), "method": st.Method}
	}
	stmt := qWalkUp
	if w.Down {
		stmt = qWalkDown
	}
	params := map[string]any{"start": uniq(w.Start), "via": via, "cap": int64(w.MaxNodes) + 1}
	edges, err := read(ctx, s, "walk", func(ctx context.Context, tx driver.ManagedTransaction) ([]*kg.Edge, error) {
		recs, err := collect(ctx, tx, stmt, params)
		if err != nil {
			return nil, err
		}
		out := []*kg.Edge{}
		for _, rec := range recs {
			m := rec.AsMap()
			if num(m, "reached") > float64(w.MaxNodes) {
				return nil, kg.Errorf(kg.ETOOLARGE, "walk reaches more than %d entities", w.MaxNodes)
			}
			e, err := decodeEdge(m)
			if err != nil {
				return nil, err
			}
			if e != nil {
				out = append(out, e)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(edges, func(i, j int) bool { return edgeLess(edges[i], edges[j]) })
	return edges, nil
}

func edgeLookups(f kg.EdgeFilter) []edgeLookup {
	if len(f.FromIDs) == 0 && len(f.ToIDs) == 0 {
		switch {
		case f.Type != nil && *f.Type == kg.EdgePartOf:
			return []edgeLookup{{q: qEdgesPartOf}}
		case f.Type != nil && *f.Type == kg.EdgeImplements:
			return []edgeLookup{{q: qEdgesImplements}}
		case f.Type != nil:
			return nil // no other relationship type is stored
		}
		return []edgeLookup{{q: qEdgesAll}}
	}
	queries := map[string]map[string]string{
		"region": {"from": qEdgesFromRegion, "to": qEdgesToRegion},
		"entity": {"from": qEdgesFromEntity, "to": qEdgesToEntity},
	}
	var out []edgeLookup
	for _, side := range []struct {
		dir string
		ids []string
	}{{"from", f.FromIDs}, {"to", f.ToIDs}} {
		byKind := map[string][]string{}
		for _, id := range uniq(side.ids) {
			k := kg.IDKind(id)
			byKind[k] = append(byKind[k], id)
		}
		for _, kind := range []string{"region", "entity"} { // reports and targets have no edges
			if ids := byKind[kind]; len(ids) > 0 {
				out = append(out, edgeLookup{q: queries[kind][side.dir], ids: ids})
			}
		}
	}
	return out
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

// Search finds candidates through the full-text index (or a scan, see
// candidateQuery), then filters and ranks them with kg.MatchScore, exactly
// as the memory store does: best first, ties by ID.
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
	stmt, params := candidateQuery(text, uniq(q.RegionIDs))
	params["regionIds"], params["kind"], params["yearFrom"], params["yearTo"] = nullable(uniq(q.RegionIDs)), nil, nil, nil
	if q.Kind != nil {
		params["kind"] = string(*q.Kind)
	}
	if q.YearFrom != nil {
		params["yearFrom"] = int64(*q.YearFrom)
	}
	if q.YearTo != nil {
		params["yearTo"] = int64(*q.YearTo)
	}
	type cand struct {
		e    *kg.Entity
		year int
	}
	cands, err := read(ctx, s, "search", func(ctx context.Context, tx driver.ManagedTransaction) ([]cand, error) {
		recs, err := collect(ctx, tx, stmt, params)
		if err != nil {
			return nil, err
		}
		out := make([]cand, 0, len(recs))
		seen := map[string]bool{}
		for _, rec := range recs {
			n, ok := nodeOf(rec)
			if !ok || seen[str(n.Props, "id")] {
				continue
			}
			seen[str(n.Props, "id")] = true
			e, err := decodeEntity(n)
			if err != nil {
				return nil, err
			}
			out = append(out, cand{e, int(num(n.Props, "reportYear"))})
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	regions := kg.FilterOf(q.RegionIDs)
	hits := []kg.SearchHit{}
	for _, c := range cands {
		if q.Kind != nil && c.e.Kind != *q.Kind || !regions.Accepts(c.e.RegionID) ||
			q.YearFrom != nil && c.year < *q.YearFrom || q.YearTo != nil && c.year > *q.YearTo {
			continue
		}
		if score := kg.MatchScore(c.e, q.Text); score > 0 {
			hits = append(hits, kg.SearchHit{Entity: c.e, Score: score})
		}
	}
	if !q.AnyOrder {
		sort.Slice(hits, func(i, j int) bool {
			if hits[i].Score != hits[j].Score {
				return hits[i].Score > hits[j].Score
			}
			return hits[i].Entity.ID < hits[j].Entity.ID
		})
	}
	if q.Offset >= len(hits) {
		return []kg.SearchHit{}, nil
	}
	return kg.Limit(hits[q.Offset:], q.Limit), nil
}

// candidateQuery picks how to find search candidates. A query of two or
// more Han characters goes to the cjk full-text index: the analyzer splits
// both text and query into bigrams, and any text containing the query
// contains all of its bigrams, so no match is lost; it is passed as a quoted
// phrase so Lucene syntax in it means nothing. Anything else (one
// character, Latin letters or digits, which the analyzer keeps as whole
// words) scans the lower-cased search text with CONTAINS.
func candidateQuery(text string, regionIDs []string) (string, map[string]any) {
	if isHanPhrase(text) {
		return qSearchFullText, map[string]any{"query": fullTextQuery(text, regionIDs)}
	}
	return qSearchContains, map[string]any{"text": text}
}

// maxRegionClauses bounds the region ids put into a Lucene query (its
// clause limit is 1,024); a wider filter is applied after the index.
const maxRegionClauses = 500

// fullTextQuery is the Lucene query for a Han phrase, narrowed to the
// entities of regionIDs when they are few enough: a search under a
// province then reads its own hits, not every hit in the country. Each id
// is a quoted phrase of its tokens ("region/150525" is analysed as region,
// 150525); the statement still checks regionId exactly, so the index only
// has to never miss, which a phrase of the same tokens guarantees.
func fullTextQuery(text string, regionIDs []string) string {
	q := `searchText:"` + text + `"`
	if len(regionIDs) == 0 || len(regionIDs) > maxRegionClauses {
		return q
	}
	var b strings.Builder
	b.WriteString(q + " AND regionId:(")
	for i, id := range regionIDs {
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(`"` + luceneEscaper.Replace(id) + `"`)
	}
	b.WriteString(")")
	return b.String()
}

// luceneEscaper escapes what ends or escapes a Lucene phrase.
var luceneEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// nullable is ids as a statement parameter: null (no filter) when empty.
// A nil []string would be sent as an empty list, which filters everything.
func nullable(ids []string) any {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// isHanPhrase reports whether text is two or more Han characters and
// nothing else: the cjk analyzer splits such text into bigrams, so a
// quoted phrase of it finds every indexed text containing it, and Lucene
// syntax cannot appear in it.
func isHanPhrase(text string) bool {
	if utf8.RuneCountInString(text) < 2 {
		return false
	}
	for _, r := range text {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
