package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	neo4jstore "github.com/reportgraph/reportgraph/store/neo4j"
	"github.com/reportgraph/reportgraph/store/neo4j/neo4jtest"
	"github.com/reportgraph/reportgraph/store/storetest"
)

// readCSV parses one exported file into its header and rows.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no header", path)
	}
	return recs[0], recs[1:]
}

func TestExportCorpus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"export", "-out", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr.String())
	}
	want := memory.New()
	if _, err := loadInto(ctx, want, loadJob{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	g, err := storetest.Snapshot(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	edgesByType := map[string]int{}
	for _, e := range g.Edges {
		edgesByType[string(e.Type)]++
	}

	nameKeys := map[string]bool{}
	named := 0
	for _, e := range g.Entities {
		for _, n := range e.Names {
			nameKeys[n.Key] = true
			named++
		}
	}
	delim := ";"
	if m := regexp.MustCompile(`'--array-delimiter=(.)'`).FindStringSubmatch(stdout.String()); m != nil {
		delim = m[1]
	}
	evidenceHeaders := "evidenceReportIds:string[],evidenceSections:string[],evidenceOffsets:long[],evidenceTexts:string[]"
	nodeFiles := []struct {
		file, header string
		label        string
		count        int
	}{
		{"regions.csv", "id:ID,code,name,level,parentId,shortNames:string[],:LABEL", "Region", len(g.Regions)},
		{"reports.csv", "id:ID,regionId,year:long,deliveredOn,title,source,contentHash,programCount:long,initiativeCount:long,projectCount:long,termCount:long,targetCount:long,resultCount:long,outlineHeadings:string[],outlineOrdinals:string[],outlineLevels:long[],outlineStarts:long[],outlineEnds:long[],:LABEL", "Report", len(g.Reports)},
		{"entities.csv", "id:ID,kind,name,key,reportId,regionId,reportYear:long,definition,leadDepartment,aliases:string[]," +
			"nameKeys:string[],nameRules:string[]," + evidenceHeaders + ",searchText,:LABEL", "Entity", len(g.Entities)},
		{"targets.csv", "id:ID,reportId,regionId,kind,year:long,indicator,indicatorCode,measure,value:double,maxValue:double,unit,qualifier," +
			"evidenceReportId,evidenceSection,evidenceOffset:long,evidenceText,:LABEL", "Target", len(g.Targets)},
		{"schema_version.csv", ":ID,name,version:long,:LABEL", "SchemaVersion", 1},
		{"names.csv", "key:ID,:LABEL", "Name", len(nameKeys)},
	}
	ids := map[string]bool{}
	for _, nf := range nodeFiles {
		header, rows := readCSV(t, filepath.Join(dir, nf.file))
		if got := strings.Join(header, ","); got != nf.header {
			t.Errorf("%s header\n got %s\nwant %s", nf.file, got, nf.header)
		}
		if len(rows) != nf.count || nf.count == 0 {
			t.Errorf("%s: %d rows, memory store has %d", nf.file, len(rows), nf.count)
		}
		for _, r := range rows {
			if ids[r[0]] {
				t.Errorf("%s: id %s repeated across node files", nf.file, r[0])
			}
			ids[r[0]] = true
			if labels := strings.Split(r[len(r)-1], delim); labels[0] != nf.label {
				t.Errorf("%s %s labels %v, want %s first", nf.file, r[0], labels, nf.label)
			}
		}
	}

	// References: a report's and a target's region, an entity's and a
	// target's report.
	edgesByType["FOR_REGION"] = len(g.Reports) + len(g.Targets)
	edgesByType["STATED_IN"] = len(g.Entities) + len(g.Targets)
	edgesByType["NAMED"] = named
	for typ, n := range edgesByType {
		file := "rel_" + strings.ToLower(typ) + ".csv"
		header, rows := readCSV(t, filepath.Join(dir, file))
		want := ":START_ID,:END_ID,:TYPE,method,confidence:double," + evidenceHeaders
		switch typ {
		case "FOR_REGION", "STATED_IN":
			want = ":START_ID,:END_ID,:TYPE"
		case "NAMED":
			want = ":START_ID,:END_ID,:TYPE,rule"
		}
		if got := strings.Join(header, ","); got != want {
			t.Errorf("%s header %s, want %s", file, got, want)
		}
		if len(rows) != n {
			t.Errorf("%s: %d rows, memory store has %d %s edges", file, len(rows), n, typ)
		}
		for _, r := range rows {
			if !ids[r[0]] || !ids[r[1]] || r[2] != typ {
				t.Errorf("%s row %v: endpoint missing from node files or wrong type", file, r[:3])
			}
		}
	}
	if edgesByType["PART_OF"] == 0 || edgesByType["IMPLEMENTS"] == 0 || named == 0 {
		t.Errorf("corpus edges %v: want PART_OF, IMPLEMENTS and NAMED", edgesByType)
	}

	checkEntitiesRoundTrip(t, filepath.Join(dir, "entities.csv"), g.Entities, delim)

	// The printed command names exactly the files written, and the recipe
	// in docs/neo4j.md is that command for the default output directory.
	cmd := strings.TrimSpace(stdout.String())
	written, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, w := range written {
		if !strings.Contains(cmd, "="+filepath.ToSlash(w)+" ") {
			t.Errorf("command %q does not import %s", cmd, w)
		}
	}
	if n := strings.Count(cmd, "--nodes=") + strings.Count(cmd, "--relationships="); n != len(written) {
		t.Errorf("command names %d files, %d written", n, len(written))
	}
	docs, err := os.ReadFile("docs/neo4j.md")
	if err != nil {
		t.Fatal(err)
	}
	recipe := strings.ReplaceAll(cmd, filepath.ToSlash(dir), "neo4j-import")
	if !strings.Contains(string(docs), recipe) {
		t.Errorf("docs/neo4j.md lacks the import command\n%s", recipe)
	}
}

// checkEntitiesRoundTrip decodes the exported entity rows back and compares
// them with the store's entities, including kind labels and evidence.
func checkEntitiesRoundTrip(t *testing.T, path string, want []*kg.Entity, delim string) {
	t.Helper()
	header, rows := readCSV(t, path)
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	byID := map[string]*kg.Entity{}
	for _, e := range want {
		byID[e.ID] = e
	}
	list := func(r []string, h string) []string {
		if s := r[col[h]]; s != "" {
			return strings.Split(s, delim)
		}
		return nil
	}
	for _, r := range rows {
		e := byID[r[col["id:ID"]]]
		if e == nil {
			t.Fatalf("entity %s not in the store", r[0])
		}
		var ev []kg.Evidence
		ids, sections := list(r, "evidenceReportIds:string[]"), list(r, "evidenceSections:string[]")
		offsets, texts := list(r, "evidenceOffsets:long[]"), list(r, "evidenceTexts:string[]")
		if len(ids) != len(texts) || len(sections) != len(texts) || len(offsets) != len(texts) {
			t.Fatalf("entity %s evidence lists of lengths %d, %d, %d, %d", e.ID, len(ids), len(sections), len(offsets), len(texts))
		}
		for i := range texts {
			off, err := strconv.Atoi(offsets[i])
			if err != nil {
				t.Fatalf("entity %s evidence offset %q", e.ID, offsets[i])
			}
			ev = append(ev, kg.Evidence{ReportID: ids[i], Section: sections[i], Offset: off, Text: texts[i]})
		}
		if r[col["name"]] != e.Name || r[col["kind"]] != string(e.Kind) ||
			!reflect.DeepEqual(ev, e.Evidence) && len(ev)+len(e.Evidence) > 0 {
			t.Errorf("entity %s round trip: row %v, store %+v", e.ID, r[:5], e)
		}
		var aliases []string
		if s := r[col["aliases:string[]"]]; s != "" {
			aliases = strings.Split(s, delim)
		}
		if !reflect.DeepEqual(aliases, e.Aliases) && len(aliases)+len(e.Aliases) > 0 {
			t.Errorf("entity %s aliases %q, store %q", e.ID, aliases, e.Aliases)
		}
		want := "Entity" + delim + string(e.Kind)
		if e.TaskArea {
			want += delim + "TaskArea"
		}
		if labels := r[col[":LABEL"]]; !strings.EqualFold(labels, want) {
			t.Errorf("entity %s labels %q, kind %s, task area %v", e.ID, labels, e.Kind, e.TaskArea)
		}
	}
}

// TestLoadIncremental runs the built binary's load command on two small
// reports (a city and a banner under it, linked by IMPLEMENTS) again and
// again: loaded, then unchanged, then one file edited, then one report
// deleted. After each run the graph must equal the memory store's of the
// same files.
func TestLoadIncremental(t *testing.T) {
	ctx := context.Background()
	srv := neo4jtest.Shared(t)
	flags := []string{"-uri", srv.URI, "-username", srv.Username, "-password", srv.Password, "-database", srv.Database}
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: srv.URI, Username: srv.Username, Password: srv.Password, Database: srv.Database, Reset: true})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close(ctx)
	dir := t.TempDir()
	for _, n := range []string{"banner-2025.txt", "city-2025.txt"} {
		copyFile(t, filepath.Join("testdata", "load", n), filepath.Join(dir, n))
	}
	banner, city := filepath.Join(dir, "banner-2025.txt"), filepath.Join(dir, "city-2025.txt")
	bin := buildBinary(t)
	load := func(step string, args []string, lines ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, append(append([]string{"load"}, flags...), args...)...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", step, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), "load complete") {
			t.Errorf("%s: stdout %q lacks the summary", step, stdout.String())
		}
		for _, line := range lines {
			if !strings.Contains(stderr.String(), line) {
				t.Errorf("%s: output lacks %q:\n%s", step, line, stderr.String())
			}
		}
	}
	same := func(step string, paths ...string) {
		t.Helper()
		want := memory.New()
		if len(paths) > 0 {
			if _, err := loadInto(ctx, want, loadJob{Paths: paths}, io.Discard); err != nil {
				t.Fatal(err)
			}
		}
		wantDump, err := storetest.Dump(ctx, want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := storetest.Dump(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if got != wantDump {
			t.Fatalf("%s: graph differs from the memory store's\n%s", step, firstDiff(got, wantDump))
		}
		if len(paths) == 2 && !strings.Contains(wantDump, `"IMPLEMENTS"`) {
			t.Error("fixture should produce an IMPLEMENTS edge")
		}
	}

	load("first load", []string{dir}, "[1/2] loaded "+banner+"\n", "[2/2] loaded "+city+"\n",
		"2 files: 2 loaded, 0 unchanged, 0 skipped")
	same("first load", dir)
	load("reload", []string{dir}, "[1/2] unchanged "+banner+"\n", "[2/2] unchanged "+city+"\n",
		"2 files: 0 loaded, 2 unchanged, 0 skipped; 0 reports deleted; 0 reports relinked")
	same("reload", dir)

	raw, err := os.ReadFile(banner)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(raw, []byte("6.5%"), []byte("7%"), 1)
	if bytes.Equal(edited, raw) {
		t.Fatal("the edit changed nothing")
	}
	if err := os.WriteFile(banner, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	load("after an edit", []string{dir}, "[1/2] loaded "+banner+"\n", "[2/2] unchanged "+city+"\n",
		"2 files: 1 loaded, 1 unchanged, 0 skipped")
	same("after an edit", dir)

	reps, err := s.FindReports(ctx, kg.ReportFilter{Sources: []string{"banner-2025.txt"}})
	if err != nil || len(reps) != 1 {
		t.Fatalf("banner report: %v, %v", reps, err)
	}
	load("delete", []string{"-delete", reps[0].ID, "-delete", "report/999999/2024"}, "deleted "+reps[0].ID+"\n",
		"not stored, nothing to delete: report/999999/2024\n", "0 files: 0 loaded, 0 unchanged, 0 skipped; 1 reports deleted")
	same("delete", city)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFailures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	t.Setenv("NEO4J_URI", "")
	if err := run(ctx, []string{"load"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "NEO4J_URI") {
		t.Errorf("no URI: err %v, want one naming NEO4J_URI", err)
	}
	// Nothing listens on port 1: the store cannot open, the load fails.
	if err := run(ctx, []string{"load", "-uri", "bolt://127.0.0.1:1"}, io.Discard, io.Discard); err == nil {
		t.Error("unreachable database: want an error")
	}
}

// firstDiff shows the first differing line of two dumps.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestExportImportsIntoNeo4j runs neo4j-admin's import on what the export
// writes, starts Neo4j on the imported database and reads it through the
// store: the graph must equal the memory store's, with every reference a
// relationship, and the shared store suite must then pass on that
// database. The corpus gets one extra report whose evidence, alias and
// section hold `;`, so the import also proves the chosen array delimiter.
func TestExportImportsIntoNeo4j(t *testing.T) {
	ctx := context.Background()
	mem := memory.New()
	if _, err := loadInto(ctx, mem, loadJob{}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := mem.PutReport(ctx, semicolonReport(t, mem)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exp, err := neo4jstore.ExportCSV(ctx, mem, filepath.Join(dir, "csv"))
	if err != nil {
		t.Fatal(err)
	}
	if exp.ArrayDelimiter == ";" {
		t.Fatalf("the export kept ; although array elements hold it")
	}
	var args []string
	for _, a := range strings.Fields(strings.TrimPrefix(exp.ImportCommand("neo4j"), "neo4j-admin ")) {
		args = append(args, strings.Trim(a, "'")) // the shell quoting of --array-delimiter
	}
	home := filepath.Join(dir, "home")
	out := neo4jtest.Admin(t, home, args...)
	if !strings.Contains(out, "IMPORT DONE") {
		t.Fatalf("neo4j-admin did not finish:\n%s", out)
	}
	srv := neo4jtest.LaunchOn(t, home)
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: srv.URI}) // no Reset: the import stamps the schema version
	if err != nil {
		t.Fatalf("open the imported database: %v", err)
	}
	defer s.Close(ctx)
	want, err := storetest.Dump(ctx, mem)
	if err != nil {
		t.Fatal(err)
	}
	got, err := storetest.Dump(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("imported graph differs from the memory store's\n%s", firstDiff(got, want))
	}
	if !strings.Contains(got, "治沙;造林") {
		t.Error("the evidence holding ; did not come through")
	}
	g, err := storetest.Snapshot(ctx, mem)
	if err != nil {
		t.Fatal(err)
	}
	for typ, n := range map[string]int{
		"FOR_REGION": len(g.Reports) + len(g.Targets),
		"STATED_IN":  len(g.Entities) + len(g.Targets),
	} {
		if got := countRelationships(t, srv, typ); got != n {
			t.Errorf("%d %s relationships imported, want %d", got, typ, n)
		}
	}

	storetest.Run(t, func(t *testing.T) kg.Store {
		st, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: srv.URI, Reset: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close(ctx) })
		return st
	})
}

// semicolonReport is a report of the first stored report's region, in a
// year no real report has, whose alias, section and evidence hold `;`.
func semicolonReport(t *testing.T, s kg.Store) kg.ReportGraph {
	t.Helper()
	reports, err := s.FindReports(context.Background(), kg.ReportFilter{})
	if err != nil || len(reports) == 0 {
		t.Fatalf("no report to take a region from: %v", err)
	}
	region := reports[0].RegionID
	code := strings.TrimPrefix(region, "region/")
	rep := kg.Report{ID: kg.ReportID(code, 2099), RegionID: region, Year: 2099, Title: "2099年政府工作报告", Source: "semicolon.txt"}
	ev := kg.Evidence{ReportID: rep.ID, Section: "二、2099年工作安排;附", Offset: 42, Text: "实施“治沙工程”(治沙;造林)。"}
	program := kg.Entity{ID: kg.EntityID(rep.ID, kg.KindProgram, "治沙工程"), Kind: kg.KindProgram, Name: "“治沙工程”",
		Key: "治沙工程", Aliases: []string{"治沙;造林工程"}, ReportID: rep.ID, RegionID: region, Evidence: []kg.Evidence{ev}}
	return kg.ReportGraph{Report: rep, Entities: []kg.Entity{program}}
}

// countRelationships counts the relationships of type typ in srv's database.
func countRelationships(t *testing.T, srv *neo4jtest.Server, typ string) int {
	t.Helper()
	rows := srv.Query(t, "MATCH ()-[r]->() WHERE type(r) = $type RETURN count(r) AS n", map[string]any{"type": typ})
	return int(rows[0]["n"].(int64))
}
