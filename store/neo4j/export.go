package neo4j

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/reportgraph/reportgraph/kg"
)

// Export as `neo4j-admin database import full` CSV files: for corpora too
// big for transactional loading. The files hold exactly the nodes,
// properties and relationships PutRegions/PutReport write (the same *Props
// functions build every row), so a database imported from them is read by
// this store as if it had been loaded through it; Open then adds the
// constraints and indexes, which the import tool does not create.
//
// Header syntax (Neo4j 5 operations manual, "Import"): `id:ID` stores the id
// property and keys the global id space (ids are unique across kinds), a
// `:LABEL` column labels the node, `name:long|double|string[]` types a
// column, arrays use the default `;` delimiter. Every present value is
// quoted, because the tool reads an unquoted empty field as "no property"
// but a quoted "" as the empty string, and the store relies on
// parentId = "" for root regions. Absent optional properties are written as
// unquoted empty fields. Text fields may span lines (searchText joins fields
// with newlines), so the import needs --multiline-fields=true.

// ArrayDelimiter is neo4j-admin's default array delimiter.
const ArrayDelimiter = ";"

// ExportFile is one CSV file written by ExportCSV.
type ExportFile struct {
	Name          string // base name inside the export directory
	Relationships bool   // a relationship file (--relationships), else nodes (--nodes)
	Label         string // node label or relationship type
	Rows          int
}

// column is one CSV column: the property it holds and its import type.
type column struct {
	prop string // property name; "" for the :LABEL column
	typ  string // "", "long", "double", "string[]", "ID", "LABEL"
}

func (c column) header() string {
	switch c.typ {
	case "":
		return c.prop
	case "LABEL":
		return ":LABEL"
	}
	return c.prop + ":" + c.typ
}

// The columns of each file: every property the *Props functions can set.
// writeRows fails on a property missing here, so a new property in props.go
// cannot be dropped from the export silently.
var (
	regionColumns = []column{{"id", "ID"}, {"code", ""}, {"name", ""}, {"level", ""},
		{"parentId", ""}, {"shortNames", "string[]"}, {"", "LABEL"}}
	reportColumns = []column{{"id", "ID"}, {"regionId", ""}, {"year", "long"},
		{"deliveredOn", ""}, {"title", ""}, {"source", ""}, {"", "LABEL"}}
	entityColumns = []column{{"id", "ID"}, {"kind", ""}, {"name", ""}, {"key", ""},
		{"reportId", ""}, {"regionId", ""}, {"reportYear", "long"}, {"definition", ""},
		{"leadDepartment", ""}, {"aliases", "string[]"}, {"evidence", ""}, {"searchText", ""},
		{"", "LABEL"}}
	targetColumns = []column{{"id", "ID"}, {"reportId", ""}, {"regionId", ""}, {"kind", ""},
		{"year", "long"}, {"indicator", ""}, {"measure", ""}, {"value", "double"},
		{"maxValue", "double"}, {"unit", ""}, {"qualifier", ""}, {"evidence", ""}, {"", "LABEL"}}
	relColumns = []string{":START_ID", ":END_ID", ":TYPE", "method", "confidence:double", "evidence"}
)

// entityLabels gives an entity its kind as a second label (Program,
// Initiative, Project) for Cypher users; the store itself reads :Entity.
func entityLabels(k kg.EntityKind) string {
	s := string(k)
	if s == "" {
		return "Entity"
	}
	return "Entity" + ArrayDelimiter + strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

// ExportCSV reads the whole graph from s and writes the import files into
// dir (created if missing). It returns the files in the order neo4j-admin
// should be given them.
func ExportCSV(ctx context.Context, s kg.Store, dir string) ([]ExportFile, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	regions, err := s.FindRegions(ctx, kg.RegionFilter{})
	if err != nil {
		return nil, fmt.Errorf("export regions: %w", err)
	}
	reports, err := s.FindReports(ctx, kg.ReportFilter{})
	if err != nil {
		return nil, fmt.Errorf("export reports: %w", err)
	}
	entities, err := s.FindEntities(ctx, kg.EntityFilter{})
	if err != nil {
		return nil, fmt.Errorf("export entities: %w", err)
	}
	targets, err := s.FindTargets(ctx, kg.TargetFilter{})
	if err != nil {
		return nil, fmt.Errorf("export targets: %w", err)
	}
	edges, err := s.FindEdges(ctx, kg.EdgeFilter{})
	if err != nil {
		return nil, fmt.Errorf("export edges: %w", err)
	}
	years := make(map[string]int, len(reports))
	for _, r := range reports {
		years[r.ID] = r.Year
	}

	var files []ExportFile
	add := func(f ExportFile, err error) error {
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	}
	if err := add(writeNodes(dir, "regions.csv", "Region", regionColumns, len(regions), func(i int) (map[string]any, string, error) {
		return regionProps(regions[i]), "Region", nil
	})); err != nil {
		return nil, err
	}
	if err := add(writeNodes(dir, "reports.csv", "Report", reportColumns, len(reports), func(i int) (map[string]any, string, error) {
		return reportProps(reports[i]), "Report", nil
	})); err != nil {
		return nil, err
	}
	if err := add(writeNodes(dir, "entities.csv", "Entity", entityColumns, len(entities), func(i int) (map[string]any, string, error) {
		p, err := entityProps(entities[i], years[entities[i].ReportID])
		return p, entityLabels(entities[i].Kind), err
	})); err != nil {
		return nil, err
	}
	if err := add(writeNodes(dir, "targets.csv", "Target", targetColumns, len(targets), func(i int) (map[string]any, string, error) {
		p, err := targetProps(targets[i])
		return p, "Target", err
	})); err != nil {
		return nil, err
	}
	byType := map[kg.EdgeType][]*kg.Edge{}
	for _, e := range edges {
		byType[e.Type] = append(byType[e.Type], e)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, string(t))
	}
	sort.Strings(types)
	for _, t := range types {
		name := "rel_" + strings.ToLower(t) + ".csv"
		if err := add(writeEdges(dir, name, t, byType[kg.EdgeType(t)])); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// ImportCommand is the neo4j-admin command line importing files from dir
// into database (an offline, empty database: `import full` replaces it).
func ImportCommand(dir, database string, files []ExportFile) string {
	var b strings.Builder
	b.WriteString("neo4j-admin database import full")
	for _, f := range files {
		flag := "--nodes="
		if f.Relationships {
			flag = "--relationships="
		}
		b.WriteString(" " + flag + filepath.ToSlash(filepath.Join(dir, f.Name)))
	}
	b.WriteString(" --multiline-fields=true --overwrite-destination " + database)
	return b.String()
}

func writeNodes(dir, name, label string, cols []column, n int, row func(i int) (map[string]any, string, error)) (ExportFile, error) {
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.header()
	}
	return writeFile(dir, name, headers, func(w *csvWriter) (int, error) {
		known := make(map[string]bool, len(cols))
		for _, c := range cols {
			known[c.prop] = true
		}
		for i := 0; i < n; i++ {
			props, labels, err := row(i)
			if err != nil {
				return 0, err
			}
			for p := range props {
				if !known[p] {
					return 0, fmt.Errorf("%s property %q has no export column", label, p)
				}
			}
			fields := make([]field, len(cols))
			for j, c := range cols {
				if c.typ == "LABEL" {
					fields[j] = field{s: labels, ok: true}
					continue
				}
				if fields[j], err = cell(props[c.prop]); err != nil {
					return 0, fmt.Errorf("%s %v property %s: %w", label, props["id"], c.prop, err)
				}
			}
			if err := w.write(fields); err != nil {
				return 0, err
			}
		}
		return n, nil
	}, ExportFile{Name: name, Label: label})
}

func writeEdges(dir, name, typ string, edges []*kg.Edge) (ExportFile, error) {
	return writeFile(dir, name, relColumns, func(w *csvWriter) (int, error) {
		for _, e := range edges {
			props, err := edgeProps(e)
			if err != nil {
				return 0, err
			}
			fields := []field{{s: e.FromID, ok: true}, {s: e.ToID, ok: true}, {s: typ, ok: true}}
			for _, p := range []string{"method", "confidence", "evidence"} {
				f, err := cell(props[p])
				if err != nil {
					return 0, fmt.Errorf("edge %s→%s %s: %w", e.FromID, e.ToID, p, err)
				}
				fields = append(fields, f)
			}
			if err := w.write(fields); err != nil {
				return 0, err
			}
		}
		return len(edges), nil
	}, ExportFile{Name: name, Relationships: true, Label: typ})
}

func writeFile(dir, name string, headers []string, body func(*csvWriter) (int, error), f ExportFile) (ExportFile, error) {
	path := filepath.Join(dir, name)
	out, err := os.Create(path)
	if err != nil {
		return f, fmt.Errorf("export %s: %w", name, err)
	}
	w := &csvWriter{w: bufio.NewWriter(out)}
	hs := make([]field, len(headers))
	for i, h := range headers {
		hs[i] = field{s: h, ok: true}
	}
	err = w.write(hs)
	if err == nil {
		f.Rows, err = body(w)
	}
	if err == nil {
		err = w.w.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return f, fmt.Errorf("export %s: %w", name, err)
	}
	return f, nil
}

// field is one CSV cell; ok false is an absent property (unquoted empty).
type field struct {
	s  string
	ok bool
}

// cell renders a property value as the import tool reads it.
func cell(v any) (field, error) {
	switch v := v.(type) {
	case nil:
		return field{}, nil
	case string:
		return field{s: v, ok: true}, nil
	case int64:
		return field{s: strconv.FormatInt(v, 10), ok: true}, nil
	case float64:
		return field{s: strconv.FormatFloat(v, 'g', -1, 64), ok: true}, nil
	case []string:
		for _, s := range v {
			// The import tool has no escape for the delimiter inside an element.
			if strings.Contains(s, ArrayDelimiter) {
				return field{}, fmt.Errorf("array element %q contains the delimiter %q", s, ArrayDelimiter)
			}
		}
		return field{s: strings.Join(v, ArrayDelimiter), ok: true}, nil
	}
	return field{}, fmt.Errorf("unsupported value type %T", v)
}

// csvWriter writes RFC 4180 rows with every present field quoted;
// encoding/csv cannot quote an empty field, which the import tool would
// then read as a missing property.
type csvWriter struct{ w *bufio.Writer }

func (c *csvWriter) write(fields []field) error {
	for i, f := range fields {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if f.ok {
			c.w.WriteByte('"')
			c.w.WriteString(strings.ReplaceAll(f.s, `"`, `""`))
			c.w.WriteByte('"')
		}
	}
	_, err := c.w.WriteString("\n")
	return err
}
