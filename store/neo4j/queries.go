package neo4j

import "github.com/reportgraph/reportgraph/kg"

// Every Cypher statement the store sends. They are parameterised (no value
// is ever spliced into the text); ordering, paging and ranking are done in
// Go so the store answers exactly like store/memory.
// TestStatementsExplainCleanly plans each on the real server.

// Schema: one uniqueness constraint per label (its index serves every
// lookup by id), a range index for every property the finders look up, and
// a full-text index over the entities' search text.
const (
	qConstraintRegion    = "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE"
	qConstraintReport    = "CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE"
	qConstraintEntity    = "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
	qConstraintTarget    = "CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE"
	qConstraintName      = "CREATE CONSTRAINT name_key IF NOT EXISTS FOR (n:Name) REQUIRE n.key IS UNIQUE"
	qConstraintStatistic = "CREATE CONSTRAINT statistic_id IF NOT EXISTS FOR (n:Statistic) REQUIRE n.id IS UNIQUE"

	qIndexRegionParent    = "CREATE INDEX region_parent IF NOT EXISTS FOR (n:Region) ON (n.parentId)"
	qIndexRegionName      = "CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name)"
	qIndexRegionLevel     = "CREATE INDEX region_level IF NOT EXISTS FOR (n:Region) ON (n.level)"
	qIndexReportRegion    = "CREATE INDEX report_region IF NOT EXISTS FOR (n:Report) ON (n.regionId)"
	qIndexReportYear      = "CREATE INDEX report_year IF NOT EXISTS FOR (n:Report) ON (n.year)"
	qIndexReportSource    = "CREATE INDEX report_source IF NOT EXISTS FOR (n:Report) ON (n.source)"
	qIndexEntityReport    = "CREATE INDEX entity_report IF NOT EXISTS FOR (n:Entity) ON (n.reportId)"
	qIndexEntityKey       = "CREATE INDEX entity_key IF NOT EXISTS FOR (n:Entity) ON (n.key)"
	qIndexEntityKind      = "CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)"
	qIndexTargetReport    = "CREATE INDEX target_report IF NOT EXISTS FOR (n:Target) ON (n.reportId)"
	qIndexTargetRegion    = "CREATE INDEX target_region IF NOT EXISTS FOR (n:Target) ON (n.regionId)"
	qIndexTargetIndicator = "CREATE INDEX target_indicator IF NOT EXISTS FOR (n:Target) ON (n.indicator)"
	qIndexTargetCode      = "CREATE INDEX target_indicator_code IF NOT EXISTS FOR (n:Target) ON (n.indicatorCode)"
	qIndexStatisticRegion = "CREATE INDEX statistic_region IF NOT EXISTS FOR (n:Statistic) ON (n.regionId)"
	qIndexStatisticSource = "CREATE INDEX statistic_source IF NOT EXISTS FOR (n:Statistic) ON (n.source)"

	// The cjk analyzer indexes Han text as overlapping bigrams, so every
	// entity whose text contains a Han query of two or more characters is a
	// hit; kg.MatchScore then filters and ranks exactly as the memory store.
	// regionId is indexed too, so a search within a region subtree is
	// narrowed by Lucene rather than by reading every hit nationwide.
	qIndexEntitySearch = "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText, n.regionId] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"

	// A range index cannot find a value inside a list (shortNames), so a
	// lookup by name used to read all 3,218 regions; the full-text index
	// covers both properties and the statement keeps only exact names.
	qIndexRegionNames = "CREATE FULLTEXT INDEX region_names IF NOT EXISTS FOR (n:Region) ON EACH [n.name, n.shortNames] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
)

// fullTextIndexes are the properties each full-text index covers, in the
// order its statement names them; Open rebuilds one defined otherwise.
var fullTextIndexes = map[string][]string{
	"entity_search": {"searchText", "regionId"},
	"region_names":  {"name", "shortNames"},
}

// Migration 4 → 5: entities in id order, a batch at a time, and their new
// search text.
const (
	qEntitiesAfter = "MATCH (n:Entity) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT $limit"
	qSetSearchText = "UNWIND $rows AS r MATCH (n:Entity {id: r.id}) SET n.searchText = r.text"
	// Migration 5 → 6: the names of entities in id order (qMergeNames).
	qSetNameProps = "UNWIND $rows AS r MATCH (n:Entity {id: r.id}) SET n.nameKeys = r.keys, n.nameRules = r.rules"
)

// Index definitions, read at Open, and the drop of one that changed.
const (
	qFullTextIndexes = "SHOW FULLTEXT INDEXES YIELD name, properties RETURN name, properties"
	qDropIndex       = "DROP INDEX $name IF EXISTS"
)

// qAwaitIndexes runs at Open after schemaStatements.
const qAwaitIndexes = "CALL db.awaitIndexes($seconds)"

// schemaStatements run at Open, in order; all are idempotent.
var schemaStatements = []string{
	qConstraintRegion, qConstraintReport, qConstraintEntity, qConstraintTarget, qConstraintName,
	qIndexRegionParent, qIndexRegionName, qIndexRegionLevel,
	qIndexReportRegion, qIndexReportYear, qIndexReportSource,
	qIndexEntityReport, qIndexEntityKey, qIndexEntityKind,
	qIndexTargetReport, qIndexTargetRegion, qIndexTargetIndicator, qIndexTargetCode,
	qConstraintStatistic, qIndexStatisticRegion, qIndexStatisticSource,
	qIndexEntitySearch, qIndexRegionNames,
}

// Writes. Rows are {id, props}; `SET n = r.props` replaces every property so
// a field cleared in Go (a dropped short name) is cleared in the database.
const (
	qMergeRegions = "UNWIND $rows AS r MERGE (n:Region {id: r.id}) SET n = r.props"
	// A region has one PART_OF edge, to its parent: edges to any other
	// region are deleted (all of them for a root, whose parentId is ""),
	// then the wanted one is merged.
	qDeleteStaleRegionParents = "UNWIND $rows AS r MATCH (c:Region {id: r.id})-[e:PART_OF]->(p:Region) " +
		"WHERE p.id <> r.parentId DELETE e"
	qMergeRegionParents = "UNWIND $rows AS r MATCH (c:Region {id: r.id}) MATCH (p:Region {id: r.parentId}) " +
		"MERGE (c)-[e:PART_OF]->(p) SET e.method = r.method, e.confidence = r.confidence"

	// A report is replaced whole: its old entities and targets go with
	// every edge touching them, then the new ones are merged; many reports
	// at a time, each row naming its report. Every
	// reference is also a relationship, so the graph is connected where a
	// Neo4j user looks: (:Report)-[:FOR_REGION]->(:Region),
	// (:Entity)-[:STATED_IN]->(:Report), (:Target)-[:STATED_IN]->(:Report)
	// and (:Target)-[:FOR_REGION]->(:Region). A report whose region
	// changed (it cannot, ids carry the region code) would keep both.
	qMergeReports = "UNWIND $rows AS r MATCH (g:Region {id: r.regionId}) MERGE (n:Report {id: r.id}) SET n = r.props " +
		"MERGE (n)-[:FOR_REGION]->(g)"
	qDeleteReportEntities = "UNWIND $ids AS id MATCH (n:Entity {reportId: id}) DETACH DELETE n"
	qDeleteReportTargets  = "UNWIND $ids AS id MATCH (n:Target {reportId: id}) DETACH DELETE n"
	// Entities carry their kind as a second label too (labels cannot be
	// parameters: one statement per kind, see entityMerges; a kind without
	// a label uses qMergeEntities).
	qMergeEntities = "UNWIND $rows AS r MATCH (rep:Report {id: r.reportId}) MERGE (n:Entity {id: r.id}) SET n = r.props " +
		"MERGE (n)-[:STATED_IN]->(rep)"
	qMergePrograms    = qMergeEntities + " SET n:Program"
	qMergeInitiatives = qMergeEntities + " SET n:Initiative"
	qMergeProjects    = qMergeEntities + " SET n:Project"
	qMergeTerms       = qMergeEntities + " SET n:Term"
	// A task area of a report's plan is a Program labelled TaskArea too:
	// MATCH (a:TaskArea) lists them, as kg.Entity.TaskArea marks them.
	qMergeTaskAreas = qMergeEntities + " SET n:Program:" + labelTaskArea
	// The names an entity is known by across reports (kg.Entity.Names)
	// are shared (:Name {key}) nodes it is NAMED by, one relationship per
	// rule: entities written differently meet at a Name. A Name no entity
	// names any longer is deleted with the last one (qDeleteOrphanNames,
	// given the keys qReportNameKeys read before the delete).
	qMergeNames        = "UNWIND $rows AS r MATCH (n:Entity {id: r.id}) MERGE (k:Name {key: r.key}) MERGE (n)-[:NAMED {rule: r.rule}]->(k)"
	qReportNameKeys    = "UNWIND $ids AS id MATCH (:Entity {reportId: id})-[:NAMED]->(k:Name) RETURN DISTINCT k.key AS key"
	qDeleteOrphanNames = "UNWIND $keys AS key MATCH (k:Name {key: key}) WHERE NOT EXISTS { (k)<-[:NAMED]-() } DELETE k"
	qMergeTargets      = "UNWIND $rows AS r MATCH (rep:Report {id: r.reportId}) MATCH (g:Region {id: r.regionId}) " +
		"MERGE (n:Target {id: r.id}) SET n = r.props " +
		"MERGE (n)-[:STATED_IN]->(rep) MERGE (n)-[:FOR_REGION]->(g)"

	// Relationship types cannot be parameters: one statement per type.
	// Both endpoints are stored already (a report's entities are merged
	// first; links are checked by checkLinks in the same transaction).
	qMergePartOf = "UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) " +
		"MERGE (a)-[e:PART_OF]->(b) SET e = r.props"
	qMergeImplements = "UNWIND $rows AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) " +
		"MERGE (a)-[e:IMPLEMENTS]->(b) SET e = r.props"
	qDeleteReportLinks = "UNWIND $ids AS id MATCH (a:Entity {reportId: id})-[e:IMPLEMENTS]->(:Entity) DELETE e"
	// A deleted report's entities and targets go first (qDeleteReport*).
	qDeleteReports    = "UNWIND $ids AS id MATCH (n:Report {id: id}) DETACH DELETE n"
	qSetContentHashes = "UNWIND $rows AS r MATCH (n:Report {id: r.id}) SET n.contentHash = r.hash"
)

// labelTaskArea is the label of a task area's node.
const labelTaskArea = "TaskArea"

// entityMerges is the statement writing the entities of each kind.
var entityMerges = map[kg.EntityKind]string{
	kg.KindProgram: qMergePrograms, kg.KindInitiative: qMergeInitiatives, kg.KindProject: qMergeProjects,
	kg.KindTerm: qMergeTerms,
}

// Reads. A finder picks the statement whose driving index is most
// selective for its filter; every other condition, the order and the limit
// are applied in the statement too (a null parameter does not filter, and
// $limit is the largest integer when the caller gives none), so only the
// rows asked for travel and are decoded.
const (
	qRegionByID   = "MATCH (n:Region) WHERE n.id IN $ids RETURN n"
	qReportByID   = "MATCH (n:Report) WHERE n.id IN $ids RETURN n"
	qEntityByID   = "MATCH (n:Entity) WHERE n.id IN $ids RETURN n"
	qTargetByID   = "MATCH (n:Target) WHERE n.id IN $ids RETURN n"
	qRegionExists = "MATCH (n:Region {id: $id}) RETURN n.id AS id"

	regionFilters = " WHERE ($parentId IS NULL OR n.parentId = $parentId) AND ($level IS NULL OR n.level = $level) AND " +
		"($name IS NULL OR n.name = $name OR $name IN n.shortNames) RETURN DISTINCT n ORDER BY n.id LIMIT $limit"
	qRegionsByParent = "MATCH (n:Region {parentId: $parentId})" + regionFilters
	qRegionsByName   = "MATCH (n:Region)" + regionFilters
	// Names of two or more Han characters (every official and short name
	// the division data produces) go through the full-text index, as a
	// quoted phrase; qRegionsByName serves anything else.
	qRegionsByNameFullText = "CALL db.index.fulltext.queryNodes('region_names', $query) YIELD node AS n" + regionFilters
	qRegionsByLevel        = "MATCH (n:Region {level: $level})" + regionFilters
	qRegionsAll            = "MATCH (n:Region)" + regionFilters
	// A region and those below it. PART_OF joins a region only to its
	// parent region, so the walk stays among regions; GB/T 2260 has four
	// levels, and the bound keeps bad data (a cycle) from running away.
	qRegionsWithin = "MATCH (n:Region)-[:PART_OF*0..8]->(:Region {id: $id})" + regionFilters

	reportFilters = " WHERE ($regionIds IS NULL OR n.regionId IN $regionIds) AND ($sources IS NULL OR n.source IN $sources) AND " +
		"($year IS NULL OR n.year = $year) RETURN n ORDER BY n.regionId, n.year LIMIT $limit"
	qReportsByRegion = "UNWIND $regionIds AS id MATCH (n:Report {regionId: id})" + reportFilters
	qReportsByYear   = "MATCH (n:Report {year: $year})" + reportFilters
	qReportsBySource = "UNWIND $sources AS source MATCH (n:Report {source: source})" + reportFilters
	qReportsAll      = "MATCH (n:Report)" + reportFilters

	entityFilters = " WHERE ($reportIds IS NULL OR n.reportId IN $reportIds) AND ($keys IS NULL OR n.key IN $keys) AND " +
		"($names IS NULL OR any(k IN n.nameKeys WHERE k IN $names)) AND " +
		"($kind IS NULL OR n.kind = $kind) RETURN n ORDER BY n.id LIMIT $limit"
	qEntitiesByReport = "UNWIND $reportIds AS id MATCH (n:Entity {reportId: id})" + entityFilters
	qEntitiesByKey    = "UNWIND $keys AS id MATCH (n:Entity {key: id})" + entityFilters
	qEntitiesByName   = "UNWIND $names AS key MATCH (:Name {key: key})<-[:NAMED]-(m:Entity) WITH DISTINCT m AS n" + entityFilters
	qEntitiesByKind   = "MATCH (n:Entity {kind: $kind})" + entityFilters
	qEntitiesAll      = "MATCH (n:Entity)" + entityFilters

	targetFilters = " WHERE ($reportIds IS NULL OR n.reportId IN $reportIds) AND ($regionIds IS NULL OR n.regionId IN $regionIds) AND " +
		"($indicator IS NULL OR n.indicator = $indicator) AND ($indicatorCode IS NULL OR n.indicatorCode = $indicatorCode) AND " +
		"($kind IS NULL OR n.kind = $kind) AND ($year IS NULL OR n.year = $year) RETURN n ORDER BY n.reportId, n.id LIMIT $limit"
	qTargetsByReport    = "UNWIND $reportIds AS id MATCH (n:Target {reportId: id})" + targetFilters
	qTargetsByRegion    = "UNWIND $regionIds AS id MATCH (n:Target {regionId: id})" + targetFilters
	qTargetsByIndicator = "MATCH (n:Target {indicator: $indicator})" + targetFilters
	qTargetsByCode      = "MATCH (n:Target {indicatorCode: $indicatorCode})" + targetFilters
	qTargetsAll         = "MATCH (n:Target)" + targetFilters

	// A user's statistics: (:Statistic)-[:FOR_REGION]->(:Region), one
	// file's replaced at once (regionId and source mirror what the
	// finders read, as on Target).
	qDeleteSourceStatistics = "MATCH (n:Statistic {source: $source}) DETACH DELETE n"
	qMergeStatistics        = "UNWIND $rows AS r MATCH (g:Region {id: r.regionId}) " +
		"MERGE (n:Statistic {id: r.id}) SET n = r.props MERGE (n)-[:FOR_REGION]->(g)"
	statisticFilters = " WHERE ($regionIds IS NULL OR n.regionId IN $regionIds) AND ($sources IS NULL OR n.source IN $sources) AND " +
		"($indicator IS NULL OR n.indicator = $indicator) AND ($indicatorCode IS NULL OR n.indicatorCode = $indicatorCode) AND " +
		"($year IS NULL OR n.year = $year) RETURN n ORDER BY n.regionId, n.year, n.id LIMIT $limit"
	qStatisticsByRegion = "UNWIND $regionIds AS id MATCH (n:Statistic {regionId: id})" + statisticFilters
	qStatisticsBySource = "UNWIND $sources AS source MATCH (n:Statistic {source: source})" + statisticFilters
	qStatisticsAll      = "MATCH (n:Statistic)" + statisticFilters

	// Edge rows; the endpoint label comes from the id's kind (kg.IDKind).
	// Only PART_OF and IMPLEMENTS are kg edges; STATED_IN and FOR_REGION
	// mirror the id properties the finders read.
	edgeColumns      = " RETURN a.id AS from, type(e) AS type, b.id AS to, properties(e) AS props"
	qEdgesFromRegion = "MATCH (a:Region) WHERE a.id IN $ids MATCH (a)-[e:PART_OF|IMPLEMENTS]->(b)" + edgeColumns
	qEdgesToRegion   = "MATCH (b:Region) WHERE b.id IN $ids MATCH (b)<-[e:PART_OF|IMPLEMENTS]-(a)" + edgeColumns
	qEdgesFromEntity = "MATCH (a:Entity) WHERE a.id IN $ids MATCH (a)-[e:PART_OF|IMPLEMENTS]->(b)" + edgeColumns
	qEdgesToEntity   = "MATCH (b:Entity) WHERE b.id IN $ids MATCH (b)<-[e:PART_OF|IMPLEMENTS]-(a)" + edgeColumns
	qEdgesPartOf     = "MATCH (a)-[e:PART_OF]->(b)" + edgeColumns

	// A walk from $start over the edges $via names ({type, method}, method
	// '' for any), as one statement: the planner runs the variable-length
	// pattern as a pruning breadth-first expand, since only DISTINCT end
	// nodes are kept. $cap (MaxNodes+1) stops a runaway walk early; the
	// rows are the edges into (down) or out of (up) every node reached,
	// with how many nodes were reached.
	walkStep  = "any(st IN $via WHERE type(r) = st.type AND (st.method = '' OR r.method = st.method))"
	walkEdges = " WITH DISTINCT n LIMIT $cap WITH collect(n) AS ns UNWIND ns AS n "
	qWalkDown = "MATCH (s:Entity) WHERE s.id IN $start MATCH p = (s)<-[:IMPLEMENTS|PART_OF*0..]-(n:Entity) " +
		"WHERE all(r IN relationships(p) WHERE " + walkStep + ")" + walkEdges +
		"OPTIONAL MATCH (n)<-[r:IMPLEMENTS|PART_OF]-(a:Entity) WHERE " + walkStep +
		" RETURN size(ns) AS reached, a.id AS from, type(r) AS type, n.id AS to, properties(r) AS props"
	qWalkUp = "MATCH (s:Entity) WHERE s.id IN $start MATCH p = (s)-[:IMPLEMENTS|PART_OF*0..]->(n:Entity) " +
		"WHERE all(r IN relationships(p) WHERE " + walkStep + ")" + walkEdges +
		"OPTIONAL MATCH (n)-[r:IMPLEMENTS|PART_OF]->(b:Entity) WHERE " + walkStep +
		" RETURN size(ns) AS reached, n.id AS from, type(r) AS type, b.id AS to, properties(r) AS props"
	qEdgesImplements = "MATCH (a)-[e:IMPLEMENTS]->(b)" + edgeColumns
	qEdgesAll        = "MATCH (a)-[e:PART_OF|IMPLEMENTS]->(b)" + edgeColumns

	// Search candidates: the full-text index for Han queries, a scan of the
	// lower-cased search text otherwise (Latin fragments inside a token and
	// one-character queries are not bigram hits).
	// Both apply the query's region, kind and year filters in the
	// database (a null parameter does not filter): a scoped search of a
	// big corpus would otherwise decode every entity nationwide that
	// mentions the text.
	searchFilters   = " ($regionIds IS NULL OR n.regionId IN $regionIds) AND ($kind IS NULL OR n.kind = $kind) AND ($yearFrom IS NULL OR n.reportYear >= $yearFrom) AND ($yearTo IS NULL OR n.reportYear <= $yearTo) RETURN n"
	qSearchFullText = "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n WHERE" + searchFilters
	qSearchContains = "MATCH (n:Entity) WHERE n.searchText CONTAINS $text AND" + searchFilters

	// Per-report counts by kind, for roll-ups, kept on the report nodes.
	qCountReports = "MATCH (n:Report) WHERE n.id IN $ids RETURN n.id AS reportId, n.programCount AS programs, " +
		"n.initiativeCount AS initiatives, n.projectCount AS projects, coalesce(n.termCount, 0) AS terms, " +
		"n.targetCount AS targets, n.resultCount AS results"

	// Used by tests and `load -reset` to empty a database (the schema
	// version is written again after it).
	// It runs in batches of its own transactions (an auto-commit
	// statement): one transaction deleting a large graph exceeds the
	// server's transaction memory limit.
	qDeleteAll = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)

// The schema version: one node, so a binary can tell a database written in
// another shape from an empty one (see checkSchemaVersion).
const (
	qSchemaVersion    = "MATCH (v:SchemaVersion {name: 'reportgraph'}) RETURN v.version AS version"
	qAnyStoreNode     = "MATCH (n) WHERE n:Region OR n:Report OR n:Entity OR n:Target OR n:Name OR n:Statistic RETURN coalesce(n.id, n.key) AS id LIMIT 1"
	qSetSchemaVersion = "MERGE (v:SchemaVersion {name: 'reportgraph'}) SET v.version = $version"
)

// statements names every statement above for the linter test.
var statements = map[string]string{
	"qConstraintRegion": qConstraintRegion, "qConstraintReport": qConstraintReport,
	"qConstraintEntity": qConstraintEntity, "qConstraintTarget": qConstraintTarget, "qConstraintName": qConstraintName,
	"qIndexRegionParent": qIndexRegionParent, "qIndexRegionName": qIndexRegionName,
	"qIndexRegionLevel": qIndexRegionLevel, "qIndexReportRegion": qIndexReportRegion,
	"qIndexReportYear": qIndexReportYear, "qIndexReportSource": qIndexReportSource, "qIndexEntityReport": qIndexEntityReport,
	"qIndexEntityKey": qIndexEntityKey, "qIndexEntityKind": qIndexEntityKind,
	"qIndexTargetReport": qIndexTargetReport, "qIndexTargetRegion": qIndexTargetRegion,
	"qIndexTargetIndicator": qIndexTargetIndicator, "qIndexTargetCode": qIndexTargetCode, "qIndexEntitySearch": qIndexEntitySearch,
	"qIndexRegionNames": qIndexRegionNames, "qAwaitIndexes": qAwaitIndexes, "qRegionsByNameFullText": qRegionsByNameFullText,

	"qMergeRegions": qMergeRegions, "qDeleteStaleRegionParents": qDeleteStaleRegionParents,
	"qMergeRegionParents": qMergeRegionParents, "qMergeReports": qMergeReports,
	"qDeleteReportEntities": qDeleteReportEntities, "qDeleteReportTargets": qDeleteReportTargets,
	"qMergeEntities": qMergeEntities, "qMergeTargets": qMergeTargets,
	"qMergeNames": qMergeNames, "qReportNameKeys": qReportNameKeys, "qDeleteOrphanNames": qDeleteOrphanNames,
	"qMergePrograms": qMergePrograms, "qMergeInitiatives": qMergeInitiatives, "qMergeProjects": qMergeProjects, "qMergeTerms": qMergeTerms,
	"qMergePartOf": qMergePartOf, "qMergeImplements": qMergeImplements,
	"qDeleteReportLinks": qDeleteReportLinks, "qDeleteReports": qDeleteReports, "qSetContentHashes": qSetContentHashes,

	"qRegionByID": qRegionByID, "qReportByID": qReportByID, "qEntityByID": qEntityByID,
	"qTargetByID": qTargetByID, "qRegionExists": qRegionExists,
	"qRegionsByParent": qRegionsByParent, "qRegionsByName": qRegionsByName,
	"qRegionsByLevel": qRegionsByLevel, "qRegionsAll": qRegionsAll, "qRegionsWithin": qRegionsWithin,
	"qReportsByRegion": qReportsByRegion, "qReportsByYear": qReportsByYear, "qReportsBySource": qReportsBySource, "qReportsAll": qReportsAll,
	"qEntitiesByReport": qEntitiesByReport, "qEntitiesByKey": qEntitiesByKey,
	"qEntitiesByKind": qEntitiesByKind, "qEntitiesByName": qEntitiesByName, "qEntitiesAll": qEntitiesAll,
	"qTargetsByReport": qTargetsByReport, "qTargetsByRegion": qTargetsByRegion,
	"qTargetsByIndicator": qTargetsByIndicator, "qTargetsByCode": qTargetsByCode, "qTargetsAll": qTargetsAll,
	"qConstraintStatistic": qConstraintStatistic, "qIndexStatisticRegion": qIndexStatisticRegion, "qIndexStatisticSource": qIndexStatisticSource,
	"qDeleteSourceStatistics": qDeleteSourceStatistics, "qMergeStatistics": qMergeStatistics,
	"qStatisticsByRegion": qStatisticsByRegion, "qStatisticsBySource": qStatisticsBySource, "qStatisticsAll": qStatisticsAll,
	"qEdgesFromRegion": qEdgesFromRegion, "qEdgesToRegion": qEdgesToRegion,
	"qEdgesFromEntity": qEdgesFromEntity, "qEdgesToEntity": qEdgesToEntity,
	"qEdgesPartOf": qEdgesPartOf, "qWalkDown": qWalkDown, "qWalkUp": qWalkUp, "qEdgesImplements": qEdgesImplements, "qEdgesAll": qEdgesAll,
	"qSearchFullText": qSearchFullText, "qFullTextIndexes": qFullTextIndexes, "qEntitiesAfter": qEntitiesAfter, "qSetSearchText": qSetSearchText, "qSetNameProps": qSetNameProps, "qDropIndex": qDropIndex, "qSearchContains": qSearchContains,
	"qCountReports": qCountReports,
	"qDeleteAll":    qDeleteAll,

	"qSchemaVersion": qSchemaVersion, "qAnyStoreNode": qAnyStoreNode, "qSetSchemaVersion": qSetSchemaVersion,
}
