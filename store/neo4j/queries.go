package neo4j

// Every Cypher statement the store sends. They are parameterised (no value
// is ever spliced into the text) and kept to the portable subset that both
// Neo4j 5 and the NornicDB stand-in run correctly (docs/neo4j.md): no map
// projections, pattern comprehensions, CALL{} or UNION; ordering, paging and
// aggregation are done in Go. queries_lint_test.go runs each through Neo4j's
// own linter.
//
// Id lookups are `MATCH (n:L) WHERE n.id IN $ids`: a constraint seek per id
// on Neo4j and one range-index lookup on the stand-in (about 1 ms for 36 ids
// at any graph size; the plain `UNWIND $ids AS id MATCH (n:L {id: id})`
// costs it 1.7 ms, and 4.5 s at 20,000 entities without the id indexes
// below). Its OPTIONAL MATCH form returns the id string, not the node.

// Schema: one uniqueness constraint per label (which is also the id index
// on Neo4j), a range index for every property the finders look up (the id
// included, for the stand-in), and one full-text index over a single label
// (the stand-in cannot do multi-label full-text).
const (
	qConstraintRegion = "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE"
	qConstraintReport = "CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE"
	qConstraintEntity = "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
	qConstraintTarget = "CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE"

	qIndexRegionParent    = "CREATE INDEX region_parent IF NOT EXISTS FOR (n:Region) ON (n.parentId)"
	qIndexRegionName      = "CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name)"
	qIndexRegionLevel     = "CREATE INDEX region_level IF NOT EXISTS FOR (n:Region) ON (n.level)"
	qIndexReportRegion    = "CREATE INDEX report_region IF NOT EXISTS FOR (n:Report) ON (n.regionId)"
	qIndexReportYear      = "CREATE INDEX report_year IF NOT EXISTS FOR (n:Report) ON (n.year)"
	qIndexEntityReport    = "CREATE INDEX entity_report IF NOT EXISTS FOR (n:Entity) ON (n.reportId)"
	qIndexEntityKey       = "CREATE INDEX entity_key IF NOT EXISTS FOR (n:Entity) ON (n.key)"
	qIndexEntityKind      = "CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)"
	qIndexTargetReport    = "CREATE INDEX target_report IF NOT EXISTS FOR (n:Target) ON (n.reportId)"
	qIndexTargetRegion    = "CREATE INDEX target_region IF NOT EXISTS FOR (n:Target) ON (n.regionId)"
	qIndexTargetIndicator = "CREATE INDEX target_indicator IF NOT EXISTS FOR (n:Target) ON (n.indicator)"

	// Range indexes on the ids the uniqueness constraints already cover.
	// On Neo4j each constraint's own index has this schema, so IF NOT
	// EXISTS makes these no-ops (ensureSchema also tolerates a schema error
	// from them). The stand-in does not use a constraint as an index: every
	// lookup by id scanned the label, so a lookup of 36 ids cost 12 ms at
	// 2,000 entities and 290 ms at 40,000, and a synthetic load was
	// quadratic. With these indexes the same lookup takes about 1 ms at any
	// size, and its batched UNWIND … MATCH … CREATE path
	// (qCreateRegionParents) needs them too.
	qIndexRegionID = "CREATE INDEX region_id_lookup IF NOT EXISTS FOR (n:Region) ON (n.id)"
	qIndexReportID = "CREATE INDEX report_id_lookup IF NOT EXISTS FOR (n:Report) ON (n.id)"
	qIndexEntityID = "CREATE INDEX entity_id_lookup IF NOT EXISTS FOR (n:Entity) ON (n.id)"
	qIndexTargetID = "CREATE INDEX target_id_lookup IF NOT EXISTS FOR (n:Target) ON (n.id)"

	// The cjk analyzer indexes Han text as overlapping bigrams, so every
	// entity whose text contains a Han query of two or more characters is a
	// hit; kg.MatchScore then filters and ranks exactly as the memory store.
	qIndexEntitySearch = "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
)

// schemaStatements run at Open, in order; all are idempotent.
var schemaStatements = []string{
	qConstraintRegion, qConstraintReport, qConstraintEntity, qConstraintTarget,
	qIndexRegionParent, qIndexRegionName, qIndexRegionLevel,
	qIndexReportRegion, qIndexReportYear,
	qIndexEntityReport, qIndexEntityKey, qIndexEntityKind,
	qIndexTargetReport, qIndexTargetRegion, qIndexTargetIndicator,
	qIndexEntitySearch,
	qIndexRegionID, qIndexReportID, qIndexEntityID, qIndexTargetID,
}

// lookupIndexes are the schema statements Open may fail on without harm:
// see qIndexRegionID and the ones after it.
var lookupIndexes = map[string]bool{qIndexRegionID: true, qIndexReportID: true, qIndexEntityID: true, qIndexTargetID: true}

// Writes. Rows are {id, props}; `SET n = r.props` replaces every property so
// a field cleared in Go (a dropped short name) is cleared in the database.
const (
	qMergeRegions = "UNWIND $rows AS r MERGE (n:Region {id: r.id}) SET n = r.props"
	// Region parent edges are written as a difference: qRegionParents reads
	// the stored ones, qDeleteRegionParents drops every PART_OF edge of the
	// regions whose stored edges differ from the wanted one, and
	// qCreateRegionParents creates the missing ones. The stand-in runs
	// UNWIND … MATCH … CREATE as one batched index lookup (0.3 s for 1,000
	// rows), whereas UNWIND … MATCH … MERGE costs it a label scan per row
	// (0.26 s per row on the 3,218 regions of China). The properties are
	// written in the CREATE pattern because that batched path takes no SET.
	// qMergeRegionParents is the fallback when the counters show that
	// CREATE missed rows.
	qRegionParents = "MATCH (c:Region) WHERE c.id IN $ids MATCH (c)-[e:PART_OF]->(p:Region) " +
		"RETURN c.id AS id, p.id AS parentId, e.method AS method, e.confidence AS confidence"
	qDeleteRegionParents = "MATCH (c:Region) WHERE c.id IN $ids MATCH (c)-[e:PART_OF]->(p:Region) DELETE e"
	qCreateRegionParents = "UNWIND $rows AS r MATCH (c:Region {id: r.id}) MATCH (p:Region {id: r.parentId}) " +
		"CREATE (c)-[:PART_OF {method: r.method, confidence: r.confidence}]->(p)"
	qMergeRegionParents = "UNWIND $rows AS r MATCH (c:Region {id: r.id}) MATCH (p:Region {id: r.parentId}) " +
		"MERGE (c)-[e:PART_OF]->(p) SET e.method = r.method, e.confidence = r.confidence"

	// A lookup that finds nothing costs the stand-in a scan (36 entity ids
	// not stored yet: 120 ms at 20,000 entities; one report id: 500 ms at
	// 1,000 reports, growing with the graph), against ~1 ms for ids that
	// exist. So putReport looks nothing up before writing a new report: it
	// learns from qMergeReport's counters whether the report was stored,
	// and only then deletes its old entities and targets by reportId.
	qMergeReport          = "MERGE (n:Report {id: $id}) SET n = $props"
	qDeleteReportEntities = "MATCH (n:Entity {reportId: $reportId}) DETACH DELETE n"
	qDeleteReportTargets  = "MATCH (n:Target {reportId: $reportId}) DETACH DELETE n"
	qMergeEntities        = "UNWIND $rows AS r MERGE (n:Entity {id: r.id}) SET n = r.props"
	qMergeTargets         = "UNWIND $rows AS r MERGE (n:Target {id: r.id}) SET n = r.props"

	// Relationship types cannot be parameters: one statement per type.
	//
	// A report's PART_OF edges are written together with their endpoints,
	// in one statement (never split into batches): each row MERGEs both
	// entities, sets their properties and MERGEs the edge. The stand-in
	// runs this shape as one batched pass that remembers the nodes it made;
	// a MATCH of nodes created by an earlier statement of the transaction
	// instead costs it a label scan per row (35 s for a synthetic report on
	// a 10,800-entity graph, against 0.09 s), and a MERGE of them creates a
	// duplicate that fails the commit. Entities in no PART_OF edge are
	// written by qMergeEntities.
	qMergeReportPartOf = "UNWIND $rows AS r MERGE (a:Entity {id: r.from}) SET a = r.fromProps " +
		"MERGE (b:Entity {id: r.to}) SET b = r.toProps MERGE (a)-[e:PART_OF]->(b) SET e = r.props"
	// A report's IMPLEMENTS edges between its own entities (the loader
	// makes none; kg allows them): the endpoints are MATCHed, which on the
	// stand-in finds nodes created earlier in the transaction only by
	// scanning, but finds them.
	qMergeImplements = "UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) " +
		"MERGE (a)-[e:IMPLEMENTS]->(b) SET e = r.props"
	// Links join committed entities that checkLinks has just read in the
	// same transaction, so MERGE of the endpoints only ever matches; on the
	// stand-in this shape is the batched pass (see qMergeReportPartOf).
	qMergeLinks = "UNWIND $rows AS r MERGE (a:Entity {id: r.from}) MERGE (b:Entity {id: r.to}) " +
		"MERGE (a)-[e:IMPLEMENTS]->(b) SET e = r.props"
	qDeleteReportLinks = "MATCH (a:Entity {reportId: $reportId})-[e:IMPLEMENTS]->(b:Entity) DELETE e"
)

// Reads. Each returns whole nodes (or edge rows) that Go decodes, filters,
// sorts and pages.
const (
	qRegionByID   = "MATCH (n:Region) WHERE n.id IN $ids RETURN n"
	qReportByID   = "MATCH (n:Report) WHERE n.id IN $ids RETURN n"
	qEntityByID   = "MATCH (n:Entity) WHERE n.id IN $ids RETURN n"
	qTargetByID   = "MATCH (n:Target) WHERE n.id IN $ids RETURN n"
	qRegionExists = "MATCH (n:Region {id: $id}) RETURN n.id AS id"

	qRegionsByParent = "MATCH (n:Region {parentId: $parentId}) RETURN n"
	qRegionsByName   = "MATCH (n:Region) WHERE n.name = $name OR $name IN n.shortNames RETURN n"
	qRegionsByLevel  = "MATCH (n:Region {level: $level}) RETURN n"
	qRegionsAll      = "MATCH (n:Region) RETURN n"

	qReportsByRegion = "UNWIND $ids AS id MATCH (n:Report {regionId: id}) RETURN n"
	qReportsByYear   = "MATCH (n:Report {year: $year}) RETURN n"
	qReportsAll      = "MATCH (n:Report) RETURN n"

	qEntitiesByReport = "UNWIND $ids AS id MATCH (n:Entity {reportId: id}) RETURN n"
	qEntitiesByKey    = "UNWIND $ids AS id MATCH (n:Entity {key: id}) RETURN n"
	qEntitiesByKind   = "MATCH (n:Entity {kind: $kind}) RETURN n"
	qEntitiesAll      = "MATCH (n:Entity) RETURN n"

	qTargetsByReport    = "UNWIND $ids AS id MATCH (n:Target {reportId: id}) RETURN n"
	qTargetsByRegion    = "UNWIND $ids AS id MATCH (n:Target {regionId: id}) RETURN n"
	qTargetsByIndicator = "MATCH (n:Target {indicator: $indicator}) RETURN n"
	qTargetsAll         = "MATCH (n:Target) RETURN n"

	// Edge rows; the endpoint label comes from the id's kind (kg.IDKind).
	// The incoming side is written (b)<-[e]-(a): the stand-in plans
	// (a)-[e]->(b) with b bound as a scan of every relationship (2 minutes
	// on a few thousand nodes, against 0.15 s).
	edgeColumns      = " RETURN a.id AS from, type(e) AS type, b.id AS to, e.method AS method, e.confidence AS confidence, e.evidence AS evidence"
	qEdgesFromRegion = "MATCH (a:Region) WHERE a.id IN $ids MATCH (a)-[e]->(b)" + edgeColumns
	qEdgesToRegion   = "MATCH (b:Region) WHERE b.id IN $ids MATCH (b)<-[e]-(a)" + edgeColumns
	qEdgesFromEntity = "MATCH (a:Entity) WHERE a.id IN $ids MATCH (a)-[e]->(b)" + edgeColumns
	qEdgesToEntity   = "MATCH (b:Entity) WHERE b.id IN $ids MATCH (b)<-[e]-(a)" + edgeColumns
	qEdgesPartOf     = "MATCH (a)-[e:PART_OF]->(b)" + edgeColumns
	qEdgesImplements = "MATCH (a)-[e:IMPLEMENTS]->(b)" + edgeColumns
	qEdgesAll        = "MATCH (a)-[e]->(b)" + edgeColumns

	// Search candidates: the full-text index for Han queries, a scan of the
	// lower-cased search text otherwise (Latin fragments inside a token and
	// one-character queries are not bigram hits).
	qSearchFullText = "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node RETURN node AS n"
	qSearchContains = "MATCH (n:Entity) WHERE n.searchText CONTAINS $text RETURN n"

	// Per-report counts for roll-ups; aggregated in WITH, which the stand-in
	// answers right (an aggregate in RETURN after OPTIONAL MATCH it does not).
	qCountEntities = "MATCH (n:Entity) WHERE n.reportId IN $ids WITH n.reportId AS reportId, n.kind AS kind, count(n) AS total RETURN reportId, kind, total"
	qCountTargets  = "MATCH (n:Target) WHERE n.reportId IN $ids WITH n.reportId AS reportId, n.kind AS kind, count(n) AS total RETURN reportId, kind, total"

	// Used by tests and the load command to empty a database.
	qDeleteAll = "MATCH (n) DETACH DELETE n"
)

// statements names every statement above for the linter test.
var statements = map[string]string{
	"qConstraintRegion": qConstraintRegion, "qConstraintReport": qConstraintReport,
	"qConstraintEntity": qConstraintEntity, "qConstraintTarget": qConstraintTarget,
	"qIndexRegionParent": qIndexRegionParent, "qIndexRegionName": qIndexRegionName,
	"qIndexRegionLevel": qIndexRegionLevel, "qIndexReportRegion": qIndexReportRegion,
	"qIndexReportYear": qIndexReportYear, "qIndexEntityReport": qIndexEntityReport,
	"qIndexEntityKey": qIndexEntityKey, "qIndexEntityKind": qIndexEntityKind,
	"qIndexTargetReport": qIndexTargetReport, "qIndexTargetRegion": qIndexTargetRegion,
	"qIndexTargetIndicator": qIndexTargetIndicator, "qIndexEntitySearch": qIndexEntitySearch,
	"qIndexRegionID": qIndexRegionID, "qIndexReportID": qIndexReportID,
	"qIndexEntityID": qIndexEntityID, "qIndexTargetID": qIndexTargetID,

	"qMergeRegions": qMergeRegions, "qRegionParents": qRegionParents,
	"qDeleteRegionParents": qDeleteRegionParents, "qCreateRegionParents": qCreateRegionParents,
	"qMergeRegionParents": qMergeRegionParents, "qMergeReport": qMergeReport,
	"qDeleteReportEntities": qDeleteReportEntities, "qDeleteReportTargets": qDeleteReportTargets,
	"qMergeEntities": qMergeEntities, "qMergeTargets": qMergeTargets,
	"qMergeImplements":   qMergeImplements,
	"qMergeReportPartOf": qMergeReportPartOf, "qMergeLinks": qMergeLinks,
	"qDeleteReportLinks": qDeleteReportLinks,

	"qRegionByID": qRegionByID, "qReportByID": qReportByID, "qEntityByID": qEntityByID,
	"qTargetByID": qTargetByID, "qRegionExists": qRegionExists,
	"qRegionsByParent": qRegionsByParent, "qRegionsByName": qRegionsByName,
	"qRegionsByLevel": qRegionsByLevel, "qRegionsAll": qRegionsAll,
	"qReportsByRegion": qReportsByRegion, "qReportsByYear": qReportsByYear, "qReportsAll": qReportsAll,
	"qEntitiesByReport": qEntitiesByReport, "qEntitiesByKey": qEntitiesByKey,
	"qEntitiesByKind": qEntitiesByKind, "qEntitiesAll": qEntitiesAll,
	"qTargetsByReport": qTargetsByReport, "qTargetsByRegion": qTargetsByRegion,
	"qTargetsByIndicator": qTargetsByIndicator, "qTargetsAll": qTargetsAll,
	"qEdgesFromRegion": qEdgesFromRegion, "qEdgesToRegion": qEdgesToRegion,
	"qEdgesFromEntity": qEdgesFromEntity, "qEdgesToEntity": qEdgesToEntity,
	"qEdgesPartOf": qEdgesPartOf, "qEdgesImplements": qEdgesImplements, "qEdgesAll": qEdgesAll,
	"qSearchFullText": qSearchFullText, "qSearchContains": qSearchContains,
	"qCountEntities": qCountEntities, "qCountTargets": qCountTargets,
	"qDeleteAll": qDeleteAll,
}
