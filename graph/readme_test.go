package graph_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeAnalystQueries runs every query of docs/api.md (the README
// points there): the examples block and the analyst's nine questions,
// against the bundled corpus alone, exactly what go run . serves, so the
// examples a newcomer copies keep working there (the reportDiff example
// answered NOT_FOUND for users while this test ran it with an extra
// report). Queries are separated by comment lines; $id and $from get the
// stable ids the page names.
func TestReadmeAnalystQueries(t *testing.T) {
	h := newHandler(corpus(t))
	raw, err := os.ReadFile("../docs/api.md")
	must(t, err)
	text := string(raw)
	ids := map[string]any{"id": "entity/150000/2024/e6c20b766b88", "from": "entity/150525/2024/49b2be2450f2"}
	for _, sec := range []struct {
		heading string
		least   int
	}{{"## Examples", 9}, {"### The analyst's questions", 9}} {
		queries := docQueries(t, text, sec.heading)
		if len(queries) < sec.least {
			t.Fatalf("%s: %d queries, want %d", sec.heading, len(queries), sec.least)
		}
		for _, q := range queries {
			vars := map[string]any{}
			for k, v := range ids {
				if strings.Contains(q, "$"+k) {
					vars[k] = v
				}
			}
			resp := query(t, h, q, vars)
			if len(resp.Errors) > 0 || len(resp.Data) < 50 {
				t.Errorf("%.120s…\nerrors %+v, data %.200s", q, resp.Errors, resp.Data)
			}
		}
	}
}

// docQueries splits the first graphql block after heading into queries,
// one after each run of comment lines.
func docQueries(t *testing.T, text, heading string) []string {
	t.Helper()
	i := strings.Index(text, heading)
	if i < 0 {
		t.Fatalf("docs/api.md has no %q section", heading)
	}
	block := text[i:]
	block = block[strings.Index(block, "```graphql")+len("```graphql"):]
	block = block[:strings.Index(block, "```")]
	var queries, cur []string
	for _, line := range append(strings.Split(block, "\n"), "#") {
		if !strings.HasPrefix(line, "#") {
			cur = append(cur, line)
			continue
		}
		if q := strings.TrimSpace(strings.Join(cur, "\n")); q != "" {
			queries = append(queries, q)
		}
		cur = nil
	}
	return queries
}

// TestReadmeAnswers runs the README's three questions on the bundled
// corpus and compares each answer with the one the README shows: a
// newcomer pasting them gets exactly that.
func TestReadmeAnswers(t *testing.T) {
	h := newHandler(corpus(t))
	raw, err := os.ReadFile("../README.md")
	must(t, err)
	text := string(raw)
	i := strings.Index(text, "## Three questions")
	if i < 0 {
		t.Fatal("README has no three questions")
	}
	section := text[i+len("## Three questions"):]
	section = section[:strings.Index(section, "\n## ")]
	blocks := regexp.MustCompile("(?s)```(graphql|json)\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) != 6 {
		t.Fatalf("%d code blocks, want a question and its answer three times", len(blocks))
	}
	for j := 0; j < len(blocks); j += 2 {
		q, want := blocks[j], blocks[j+1]
		if q[1] != "graphql" || want[1] != "json" {
			t.Fatalf("block %d is %s then %s, want graphql then json", j, q[1], want[1])
		}
		resp := query(t, h, q[2], nil)
		if len(resp.Errors) > 0 {
			t.Fatalf("%s: errors %+v", q[2], resp.Errors)
		}
		if got, exp := canonicalJSON(t, resp.Data), canonicalJSON(t, []byte(want[2])); got != exp {
			t.Errorf("%s\n got %s\nwant %s", strings.TrimSpace(q[2]), got, exp)
		}
	}
}

func canonicalJSON(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	out, err := json.Marshal(v)
	must(t, err)
	return string(out)
}

// TestErrorCodesDocumented: every extensions.code the server sets (the
// Code constants of guard.go) is listed in the README and explained in
// docs/api.md.
func TestErrorCodesDocumented(t *testing.T) {
	src, err := os.ReadFile("guard.go")
	must(t, err)
	codes := regexp.MustCompile(`Code\w+\s*=\s*"([A-Z_]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(codes) < 10 {
		t.Fatalf("%d codes found in guard.go", len(codes))
	}
	for _, doc := range []string{"../README.md", "../docs/api.md"} {
		raw, err := os.ReadFile(doc)
		must(t, err)
		for _, c := range codes {
			if !strings.Contains(string(raw), "`"+c[1]+"`") {
				t.Errorf("%s does not list %s", doc, c[1])
			}
		}
	}
}
