package neo4j_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
)

// TestGraphIsConnected loads the sample corpus and asks what a Neo4j
// Browser user would: everything about a region is reachable from it by
// relationships, entities carry their kind as a label, and evidence is in
// plain properties.
func TestGraphIsConnected(t *testing.T) {
	srv := neo4jtest.Shared(t)
	loadCorpus(t, openStore(t, srv))

	count := func(q string) int64 {
		t.Helper()
		return srv.Query(t, q, nil)[0]["n"].(int64)
	}
	tests := []struct {
		name string
		q    string
		want func(n int64) bool
	}{
		{"every report has its region", "MATCH (r:Report) WHERE NOT (r)-[:FOR_REGION]->(:Region) RETURN count(r) AS n", zero},
		{"every entity has its report", "MATCH (e:Entity) WHERE NOT (e)-[:STATED_IN]->(:Report) RETURN count(e) AS n", zero},
		{"every target has its report", "MATCH (x:Target) WHERE NOT (x)-[:STATED_IN]->(:Report) RETURN count(x) AS n", zero},
		{"every target has its region", "MATCH (x:Target) WHERE NOT (x)-[:FOR_REGION]->(:Region) RETURN count(x) AS n", zero},
		{"references agree with the ids", "MATCH (e:Entity)-[:STATED_IN]->(r:Report) WHERE e.reportId <> r.id RETURN count(e) AS n", zero},
		{"every entity has its kind label", "MATCH (e:Entity) WHERE NOT (e:Program OR e:Initiative OR e:Project OR e:Term) RETURN count(e) AS n", zero},
		{"glossary terms labelled Term, with their definition",
			"MATCH (e:Term) WHERE e.definition <> '' RETURN count(e) AS n", positive},
		{"names are shared nodes", "MATCH (n:Name) WHERE COUNT { (n)<-[:NAMED]-(:Entity) } > 1 RETURN count(n) AS n", positive},
		{"no name without an entity", "MATCH (n:Name) WHERE NOT (n)<-[:NAMED]-() RETURN count(n) AS n", zero},
		{"names agree with the entity's copy",
			"MATCH (e:Entity)-[r:NAMED]->(n:Name) WHERE NOT n.key IN e.nameKeys RETURN count(r) AS n", zero},
		{"no serialised evidence", "MATCH (n) WHERE n.evidence IS NOT NULL RETURN count(n) AS n", zero},
		{"奈曼旗's reports, targets and entities from the region",
			"MATCH (:Region {name: '奈曼旗'})<-[:FOR_REGION]-(:Report)<-[:STATED_IN]-(x) RETURN count(x) AS n", positive},
		{"evidence passages readable as lists",
			"MATCH (e:Program) WHERE size(e.evidenceTexts) > 0 AND size(e.evidenceTexts) = size(e.evidenceOffsets) RETURN count(e) AS n", positive},
		{"IMPLEMENTS evidence on the relationship",
			"MATCH ()-[i:IMPLEMENTS]->() WHERE size(i.evidenceTexts) > 0 RETURN count(i) AS n", positive},
	}
	for _, tt := range tests {
		if n := count(tt.q); !tt.want(n) {
			t.Errorf("%s: %d\n  %s", tt.name, n, tt.q)
		}
	}
	// Next to 奈曼旗, a user finds what is about it.
	labels := map[string]bool{}
	for _, row := range srv.Query(t, "MATCH (:Region {name: '奈曼旗'})--(x) UNWIND labels(x) AS l RETURN DISTINCT l", nil) {
		labels[row["l"].(string)] = true
	}
	for _, want := range []string{"Region", "Report", "Target"} {
		if !labels[want] {
			t.Errorf("no %s next to 奈曼旗 (found %v)", want, labels)
		}
	}
}

func zero(n int64) bool     { return n == 0 }
func positive(n int64) bool { return n > 0 }

// TestSchemaVersion: a database written in another shape is refused at
// Open with one line naming the command that reloads it, and Reset (that
// command's way) accepts it.
func TestSchemaVersion(t *testing.T) {
	ctx := context.Background()
	srv := neo4jtest.Shared(t)
	openStore(t, srv) // empty and stamped
	if v := srv.Query(t, "MATCH (v:SchemaVersion) RETURN v.version AS v", nil); len(v) != 1 || v[0]["v"] != int64(neo4j.SchemaVersion) {
		t.Fatalf("schema version nodes %v, want one of version %d", v, neo4j.SchemaVersion)
	}
	cfg := neo4j.Config{URI: srv.URI, Username: srv.Username, Password: srv.Password, Database: srv.Database}
	tests := []struct {
		name, setup, want string
	}{
		{"older shape, no version", "MATCH (v:SchemaVersion) DELETE v CREATE (:Report {id: 'report/150000/2024', regionId: '150000'})",
			"older shape (no schema version)"},
		{"other version", "MATCH (v:SchemaVersion) SET v.version = 99", "schema version 99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Query(t, "MATCH (n) DETACH DELETE n MERGE (:SchemaVersion {name: 'reportgraph', version: $v})",
				map[string]any{"v": int64(neo4j.SchemaVersion)})
			srv.Query(t, tt.setup, nil)
			_, err := neo4j.Open(ctx, cfg)
			if kg.ErrorCode(err) != kg.ECONFLICT || !strings.Contains(err.Error(), tt.want) ||
				!strings.Contains(err.Error(), "reportgraph load -reset") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Open: %v (code %q), want one conflict line with %q naming `reportgraph load -reset`", err, kg.ErrorCode(err), tt.want)
			}
			reset := cfg
			reset.Reset = true
			s, err := neo4j.Open(ctx, reset)
			if err != nil {
				t.Fatalf("Open with Reset: %v", err)
			}
			s.Close(ctx)
			if n := srv.Query(t, "MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS n", nil)[0]["n"]; n != int64(0) {
				t.Errorf("after Reset %v nodes are left", n)
			}
		})
	}
}

// TestSchemaMigratesInPlace: a version 3 database (entity_search over
// searchText alone, search text with quotation marks) is brought to the
// current version at Open without a reload, its data kept, its search
// text rewritten, and a search within a region is answered by the rebuilt
// index.
func TestSchemaMigratesInPlace(t *testing.T) {
	ctx := context.Background()
	srv := neo4jtest.Shared(t)
	loadCorpus(t, openStore(t, srv))
	srv.Query(t, "DROP INDEX entity_search", nil)
	srv.Query(t, "CREATE FULLTEXT INDEX entity_search FOR (n:Entity) ON EACH [n.searchText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}", nil)
	srv.Query(t, "MATCH (v:SchemaVersion) SET v.version = 3", nil)
	// Versions before 6 had no names.
	named := srv.Query(t, "MATCH (:Entity)-[r:NAMED]->(:Name) RETURN count(r) AS n", nil)[0]["n"]
	srv.Query(t, "MATCH (k:Name) DETACH DELETE k", nil)
	srv.Query(t, "MATCH (n:Entity) REMOVE n.nameKeys, n.nameRules", nil)
	// Version 4's search text kept quotation marks.
	srv.Query(t, "MATCH (n:Entity) WHERE n.name CONTAINS '“' SET n.searchText = toLower(n.name) + '\n' + n.searchText", nil)
	entities := srv.Query(t, "MATCH (n:Entity) RETURN count(n) AS n", nil)[0]["n"]

	s, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI, Username: srv.Username, Password: srv.Password, Database: srv.Database})
	if err != nil {
		t.Fatalf("Open of a version 3 database: %v", err)
	}
	defer s.Close(ctx)
	if v := srv.Query(t, "MATCH (v:SchemaVersion) RETURN v.version AS v", nil); len(v) != 1 || v[0]["v"] != int64(neo4j.SchemaVersion) {
		t.Errorf("schema version after Open %v, want %d", v, neo4j.SchemaVersion)
	}
	props := srv.Query(t, "SHOW FULLTEXT INDEXES YIELD name, properties WHERE name = 'entity_search' RETURN properties", nil)
	if len(props) != 1 || !slices.Equal(props[0]["properties"].([]any), []any{"searchText", "regionId"}) {
		t.Errorf("entity_search after Open: %v, want properties [searchText regionId]", props)
	}
	if n := srv.Query(t, "MATCH (n:Entity) RETURN count(n) AS n", nil)[0]["n"]; n != entities {
		t.Errorf("entities after migrating: %v, want %v", n, entities)
	}
	if n := srv.Query(t, "MATCH (:Entity)-[r:NAMED]->(:Name) RETURN count(r) AS n", nil)[0]["n"]; n != named || n == int64(0) {
		t.Errorf("NAMED relationships after migrating: %v, want %v as loaded", n, named)
	}
	if es, err := s.FindEntities(ctx, kg.EntityFilter{Names: []string{"温暖"}}); err != nil || len(es) < 2 || len(es[0].Names) == 0 {
		t.Errorf("entities named 温暖 after migrating: %d, %v; want the 温暖工程 of several reports with their names", len(es), err)
	}
	if n := srv.Query(t, "MATCH (n:Entity) WHERE n.searchText CONTAINS '“' RETURN count(n) AS n", nil)[0]["n"]; n != int64(0) {
		t.Errorf("%v entities keep quotation marks in their search text after migrating", n)
	}
	if hits, err := s.Search(ctx, kg.SearchQuery{Text: "六个工程"}); err != nil || len(hits) == 0 || hits[0].Score != kg.ScoreExactName {
		t.Errorf("search 六个工程 after migrating: %v hits (first %v), %v; want “六个工程” as an exact name", len(hits), hits, err)
	}
	naiman := kg.RegionID("150525")
	hits, err := s.Search(ctx, kg.SearchQuery{Text: "温暖工程", RegionIDs: []string{naiman}})
	if err != nil || len(hits) == 0 {
		t.Fatalf("search 温暖工程 in 奈曼旗 after migrating: %d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Entity.RegionID != naiman {
			t.Errorf("hit %s of region %s, want only %s", h.Entity.ID, h.Entity.RegionID, naiman)
		}
	}
}
