package kg

import "context"

// Store is the graph store. Two implementations exist, the embedded
// in-memory store (store/memory) and Neo4j (store/neo4j); both are held to
// the behavioural suite in store/storetest.
//
// Batch getters return one slot per requested id, in order, with nil where
// no node has that id: that shape is what per-request dataloaders need.
// Find methods return results in a deterministic order (by ID unless a
// method says otherwise) so both stores answer identically.
type Store interface {
	// PutRegions upserts regions and their PART_OF edges to ParentID.
	PutRegions(ctx context.Context, regions []Region) error
	// PutReport replaces everything previously stored for g.Report.ID (its
	// entities, targets and every edge touching them, IMPLEMENTS included)
	// with g, atomically: on error the previous content is kept.
	PutReport(ctx context.Context, g ReportGraph) error
	// PutReports is PutReport for many reports in one atomic write: every
	// report is replaced, or on error none is. A report id given twice
	// takes its last graph. Bulk loads use it to write many reports per
	// round trip.
	PutReports(ctx context.Context, gs []ReportGraph) error
	// DeleteReports removes the reports with ids, their entities and
	// targets and every edge touching those (IMPLEMENTS from other reports
	// included), atomically. Unknown ids are ignored.
	DeleteReports(ctx context.Context, ids []string) error
	// SetContentHashes sets Report.ContentHash of stored reports, by id;
	// unknown ids are ignored. Ingest writes a report without its
	// fingerprint and sets it once the report's links are computed, so a
	// load cut off in between loads the file again instead of skipping it
	// as unchanged with its links missing.
	SetContentHashes(ctx context.Context, hashes map[string]string) error
	// PutLinks upserts IMPLEMENTS edges, keyed by (Type, FromID, ToID).
	// Both endpoints must exist (ENOTFOUND otherwise).
	PutLinks(ctx context.Context, edges []Edge) error
	// ReplaceLinks replaces every IMPLEMENTS edge whose From entity belongs
	// to one of reportIDs with edges, atomically. Every edge must be an
	// IMPLEMENTS edge from an entity of those reports (EINVALID otherwise)
	// to an existing entity (ENOTFOUND otherwise); nil edges deletes them
	// all. Ingest needs it: when a nearer ancestor report arrives, a lower
	// report's links to the previous one become stale and must go; it
	// relinks many reports per call.
	ReplaceLinks(ctx context.Context, reportIDs []string, edges []Edge) error

	// Ping checks that the store answers (nil), for readiness; it fails
	// with ctx's error or EUNAVAIL.
	Ping(ctx context.Context) error

	Regions(ctx context.Context, ids []string) ([]*Region, error)
	Reports(ctx context.Context, ids []string) ([]*Report, error)
	Entities(ctx context.Context, ids []string) ([]*Entity, error)
	// Targets gets targets by id, as the other getters: node(id:) and
	// nodes(ids:) over target ids take one call, not one per report.
	Targets(ctx context.Context, ids []string) ([]*Target, error)

	FindRegions(ctx context.Context, f RegionFilter) ([]*Region, error)
	FindReports(ctx context.Context, f ReportFilter) ([]*Report, error)
	FindEntities(ctx context.Context, f EntityFilter) ([]*Entity, error)
	FindTargets(ctx context.Context, f TargetFilter) ([]*Target, error)
	FindEdges(ctx context.Context, f EdgeFilter) ([]*Edge, error)
	// Walk follows edges between entities from w.Start, transitively, and
	// returns every edge matching w.Via whose near end it reached,
	// ordered by (Type, FromID, ToID). A trace or a spread is one call,
	// where a walk layer by layer costs a round trip per layer. More than
	// w.MaxNodes entities reached is ETOOLARGE.
	Walk(ctx context.Context, w Walk) ([]*Edge, error)

	// PutStatistics replaces every statistic read from source (a file
	// name) with stats, atomically; nil stats removes them. Each must be of
	// source with its StatisticID (EINVALID otherwise) and its region must
	// exist (ENOTFOUND otherwise). Statistics are a user's realised figures
	// (a yearbook's), kept beside the reports' targets.
	PutStatistics(ctx context.Context, source string, stats []Statistic) error
	// FindStatistics returns statistics by region id, year, then id.
	FindStatistics(ctx context.Context, f StatisticFilter) ([]*Statistic, error)

	// CountReports returns, for each report id in order, how many entities
	// of each kind and how many targets and results the report holds (zero
	// counts for an unknown id). Roll-ups over thousands of reports need
	// the counts, not the entities.
	CountReports(ctx context.Context, reportIDs []string) ([]ReportCounts, error)

	// Search ranks entities whose name, aliases, definition or evidence
	// contain the query text (case-insensitive); best first, ties by ID.
	// Scores come from MatchScore so both stores rank identically.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// Close releases the store's resources.
	Close(ctx context.Context) error
}

// RegionFilter selects regions; zero fields do not filter. Results by ID.
type RegionFilter struct {
	Level    *RegionLevel
	ParentID *string // "" selects the root
	Name     string  // exact official name or short name
	// Within selects a region (by id) and every region below it: a
	// subtree in one call, where walking it parent by parent costs a
	// round trip per region with children.
	Within string
	Limit  int // 0: no limit
}

// ReportFilter selects reports; results ordered by region ID, then year.
type ReportFilter struct {
	RegionIDs []string // nil: any region
	Sources   []string // file names (Report.Source); nil: any
	Year      *int
	Limit     int
}

// EntityFilter selects entities; results by ID.
type EntityFilter struct {
	ReportIDs []string // nil: any report
	Kind      *EntityKind
	Keys      []string // normalised names (Entity.Key); nil: any
	Names     []string // entities holding a Name with any of these keys; nil: any
	Limit     int
}

// TargetFilter selects targets; results ordered by report ID, then ID.
type TargetFilter struct {
	ReportIDs []string
	RegionIDs []string
	Indicator string // exact indicator name; "" any
	// IndicatorCode selects every wording of one indicator (gdp); "" any.
	IndicatorCode string
	Kind          *TargetKind
	// Year selects the figures about one year (Target.Year): a year's
	// targets across thousands of reports without every year's.
	Year  *int
	Limit int
}

// EdgeFilter selects edges. FromIDs and ToIDs, when both set, are combined
// with OR: an edge matches when its From is in FromIDs or its To is in ToIDs.
// Results ordered by (Type, FromID, ToID).
type EdgeFilter struct {
	Type    *EdgeType
	FromIDs []string
	ToIDs   []string
	Method  string // "" any
	Limit   int
}

// Walk is a transitive walk over the edges between entities.
type Walk struct {
	Start []string // entity ids; unknown ids reach nothing
	Via   []Step   // the edges that may be followed; none: no edge
	// Down walks against the edges' direction, from an edge's To to its
	// From: what implements an entity, what is part of it. Otherwise the
	// walk goes along them: what an entity implements, what it is part of.
	Down     bool
	MaxNodes int // bound on the entities reached, Start included; must be positive
}

// Step is one kind of edge a Walk may follow.
type Step struct {
	Type   EdgeType
	Method string // "" any
}

// Matches reports whether e is an edge of kind st.
func (st Step) Matches(e *Edge) bool {
	return e.Type == st.Type && (st.Method == "" || e.Method == st.Method)
}

// ReportCounts is what one report holds, by kind.
type ReportCounts struct {
	ReportID                        string
	Programs, Initiatives, Projects int
	Terms                           int // glossary terms naming no program (KindTerm)
	Targets                         int // planned (TargetPlanned)
	Results                         int // reported (TargetResult)
}

// Counts is what g holds, by kind.
func (g *ReportGraph) Counts() ReportCounts {
	c := ReportCounts{ReportID: g.Report.ID}
	for i := range g.Entities {
		c.Add(g.Entities[i].Kind, 1)
	}
	for i := range g.Targets {
		c.AddTarget(g.Targets[i].Kind, 1)
	}
	return c
}

// Add counts one entity of kind.
func (c *ReportCounts) Add(kind EntityKind, n int) {
	switch kind {
	case KindProgram:
		c.Programs += n
	case KindInitiative:
		c.Initiatives += n
	case KindProject:
		c.Projects += n
	case KindTerm:
		c.Terms += n
	}
}

// AddTarget counts n targets of kind.
func (c *ReportCounts) AddTarget(kind TargetKind, n int) {
	if kind == TargetResult {
		c.Results += n
	} else {
		c.Targets += n
	}
}

// SearchQuery is a full-text query over entities.
type SearchQuery struct {
	Text      string
	Kind      *EntityKind
	RegionIDs []string // restrict to entities of these regions (a subtree, expanded by the caller)
	YearFrom  *int
	YearTo    *int
	Limit     int
	Offset    int
	// AnyOrder asks for the hits as a set, not ranked: the store may
	// return them in any order (Limit of them, when more match), which
	// spares ranking every hit of a common phrase. Offset must be 0.
	AnyOrder bool
}

// SearchHit is one ranked search result.
type SearchHit struct {
	Entity *Entity
	Score  float64
}
