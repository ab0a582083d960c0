package neo4j

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// lintSchema tells the linter the store's graph model, so an unknown label,
// relationship type, property or parameter in a statement (a typo) is
// reported as a warning or an error.
var lintSchema = map[string]any{
	"labels":            []string{"Region", "Report", "Entity", "Target"},
	"relationshipTypes": []string{"PART_OF", "IMPLEMENTS"},
	"propertyKeys": []string{
		"id", "code", "name", "shortNames", "level", "parentId",
		"regionId", "year", "deliveredOn", "title", "source",
		"kind", "key", "aliases", "reportId", "reportYear", "definition", "leadDepartment", "evidence", "searchText",
		"measure", "indicator", "value", "maxValue", "unit", "qualifier",
		"method", "confidence",
		// Keys of the $rows maps and index options, which the linter also checks.
		"from", "to", "props", "indexConfig", "fulltext.analyzer",
	},
	"parameters": map[string]any{
		"ids": []string{}, "rows": []any{}, "id": "", "props": map[string]any{},
		"reportId": "", "parentId": "", "name": "", "level": "", "year": 0,
		"kind": "", "indicator": "", "query": "", "text": "",
	},
}

// TestCypherLint runs every statement in queries.go through Neo4j's official
// linter (@neo4j-cypher/language-support, pinned in tools/cypherlint).
// Errors fail; so do warnings, unless listed here with the reason.
func TestCypherLint(t *testing.T) {
	dir := filepath.Join("..", "..", "tools", "cypherlint")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j-cypher", "language-support")); err != nil {
		npm := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		npm.Dir = dir
		if out, err := npm.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
		}
	}
	input, err := json.Marshal(map[string]any{"schema": lintSchema, "queries": statements})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "lint.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node lint.mjs: %v\n%s", err, stderr.String())
	}
	var results map[string][]struct {
		Severity  string
		Message   string
		Line      int
		Character int
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("linter output: %v\n%s", err, out)
	}
	if len(results) != len(statements) {
		t.Fatalf("linter answered for %d statements, want %d", len(results), len(statements))
	}
	names := make([]string, 0, len(results))
	for name := range results {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, d := range results[name] {
			if d.Severity == "error" || d.Severity == "warning" {
				t.Errorf("%s (%d:%d) %s: %s\n  %s", name, d.Line, d.Character, d.Severity, d.Message, statements[name])
			}
		}
	}
}
