package neo4j_test

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
)

var paramName = regexp.MustCompile(`\$(\w+)`)

// explainProblems asks the server to plan q without running it and returns
// what is wrong with it: a syntax or semantic error, or a warning such as an
// unknown label, relationship type or property key (a typo, once the
// database holds the whole model).
func explainProblems(ctx context.Context, d driver.DriverWithContext, db, q string) []string {
	params := map[string]any{}
	for _, m := range paramName.FindAllStringSubmatch(q, -1) {
		params[m[1]] = nil // planning needs the names, not the values
	}
	// An auto-commit statement, as CALL … IN TRANSACTIONS (qDeleteAll) needs.
	sess := d.NewSession(ctx, driver.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "EXPLAIN "+q, params)
	if err != nil {
		return []string{err.Error()}
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, n := range sum.Notifications() {
		if n.RawSeverityLevel() == "WARNING" {
			problems = append(problems, n.Code()+": "+n.Description())
		}
	}
	return problems
}

// isSchemaCommand reports whether q creates a constraint or an index: the
// server does not EXPLAIN those, and Open runs every one of them anyway.
func isSchemaCommand(q string) bool {
	return strings.HasPrefix(q, "CREATE CONSTRAINT") || strings.HasPrefix(q, "CREATE INDEX") ||
		strings.HasPrefix(q, "CREATE FULLTEXT INDEX")
}

// TestStatementsExplainCleanly plans every statement of queries.go on the
// real server after the sample corpus is loaded, so every label,
// relationship type and property of the model exists: any error or warning
// is a mistake in the statement. The broken statements show the check
// catches what a typo would cause.
func TestStatementsExplainCleanly(t *testing.T) {
	ctx := context.Background()
	srv := neo4jtest.Shared(t)
	loadCorpus(t, openStore(t, srv))
	d := srv.Driver(t)

	names := make([]string, 0, len(neo4j.Statements))
	for name := range neo4j.Statements {
		names = append(names, name)
	}
	sort.Strings(names)
	planned := 0
	for _, name := range names {
		q := neo4j.Statements[name]
		if isSchemaCommand(q) {
			continue
		}
		planned++
		for _, p := range explainProblems(ctx, d, srv.Database, q) {
			t.Errorf("%s: %s\n  %s", name, p, q)
		}
	}
	if planned < 40 {
		t.Errorf("planned %d statements, want every read and write of queries.go", planned)
	}

	broken := []struct{ name, q string }{
		{"property typo", "MATCH (n:Entity {reportID: $id}) RETURN n"},
		{"label typo", "MATCH (n:Entitiy) WHERE n.id IN $ids RETURN n"},
		{"relationship type typo", "MATCH (a:Entity)-[e:IMPLEMENT]->(b) RETURN a.id, b.id"},
		{"syntax error", "MATCH (n:Entity RETURN n"},
		{"unbound variable", "MATCH (n:Entity) RETURN m"},
	}
	for _, tc := range broken {
		p := explainProblems(ctx, d, srv.Database, tc.q)
		if len(p) == 0 {
			t.Errorf("%s: %q planned without an error or warning", tc.name, tc.q)
			continue
		}
		t.Logf("%s caught: %.120s", tc.name, p[0])
	}
}
