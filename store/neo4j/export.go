package neo4j

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
// `:LABEL` column labels the node, `name:long|double|string[]|long[]` types
// a column. Array elements are joined by a delimiter chosen so that no
// element contains it (evidence text can hold `;`, the tool's default), and
// the import command passes it. Every present value is quoted, because the
// tool reads an unquoted empty field as "no property" but a quoted "" as the
// empty string, and the store relies on parentId = "" for root regions.
// Absent optional properties are written as unquoted empty fields. Text
// fields may span lines (searchText joins fields with newlines), so the
// import needs --multiline-fields=true.

// arrayDelimiters are the candidates, in order of preference: single
// printable characters the import tool takes as --array-delimiter.
var arrayDelimiters = []string{";", "|", "¦", "¤", "§", "¬"}

// Export is what ExportCSV wrote.
type Export struct {
	Dir            string
	Files          []ExportFile // in the order neo4j-admin should be given them
	ArrayDelimiter string
}

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
	evidenceColumns = []column{{propEvidenceReportIDs, "string[]"}, {propEvidenceSections, "string[]"},
		{propEvidenceOffsets, "long[]"}, {propEvidenceTexts, "string[]"}}
	regionColumns = []column{{"id", "ID"}, {"code", ""}, {"name", ""}, {"level", ""},
		{"parentId", ""}, {"shortNames", "string[]"}, {"", "LABEL"}}
	reportColumns = []column{{"id", "ID"}, {"regionId", ""}, {"year", "long"},
		{"deliveredOn", ""}, {"title", ""}, {"source", ""}, {"contentHash", ""},
		{"programCount", "long"}, {"initiativeCount", "long"}, {"projectCount", "long"},
		{"termCount", "long"}, {"targetCount", "long"}, {"resultCount", "long"},
		{propOutlineHeadings, "string[]"}, {propOutlineOrdinals, "string[]"}, {propOutlineLevels, "long[]"},
		{propOutlineStarts, "long[]"}, {propOutlineEnds, "long[]"}, {"", "LABEL"}}
	entityColumns = slices.Concat([]column{{"id", "ID"}, {"kind", ""}, {"name", ""}, {"key", ""},
		{"reportId", ""}, {"regionId", ""}, {"reportYear", "long"}, {"definition", ""},
		{"leadDepartment", ""}, {"aliases", "string[]"}, {"nameKeys", "string[]"}, {"nameRules", "string[]"}}, evidenceColumns,
		[]column{{"searchText", ""}, {"", "LABEL"}})
	targetColumns = []column{{"id", "ID"}, {"reportId", ""}, {"regionId", ""}, {"kind", ""},
		{"year", "long"}, {"indicator", ""}, {"indicatorCode", ""}, {"measure", ""}, {"value", "double"},
		{"maxValue", "double"}, {"unit", ""}, {"qualifier", ""}, {"evidenceReportId", ""},
		{"evidenceSection", ""}, {"evidenceOffset", "long"}, {"evidenceText", ""}, {"", "LABEL"}}
	schemaColumns   = []column{{"", "ID"}, {"name", ""}, {"version", "long"}, {"", "LABEL"}}
	nameNodeColumns = []column{{"key", "ID"}, {"", "LABEL"}}
	edgePropColumns = slices.Concat([]column{{"method", ""}, {"confidence", "double"}}, evidenceColumns)
)

// relHeaders are a relationship file's headers: the endpoints, the type,
// then cols.
func relHeaders(cols []column) []string {
	h := []string{":START_ID", ":END_ID", ":TYPE"}
	for _, c := range cols {
		h = append(h, c.header())
	}
	return h
}

// entityLabels gives an entity its kind as a second label (Program,
// Initiative, Project, Term), and a task area TaskArea, as PutReport does.
func entityLabels(e *kg.Entity) []string {
	s := string(e.Kind)
	if s == "" {
		return []string{"Entity"}
	}
	labels := []string{"Entity", strings.ToUpper(s[:1]) + strings.ToLower(s[1:])}
	if e.TaskArea {
		labels = append(labels, labelTaskArea)
	}
	return labels
}

// ref is a relationship without properties, for the reference files.
type ref struct{ from, to string }

// ExportCSV reads the whole graph from s and writes the import files into
// dir (created if missing).
func ExportCSV(ctx context.Context, s kg.Store, dir string) (Export, error) {
	exp := Export{Dir: dir}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exp, fmt.Errorf("export: %w", err)
	}
	g, err := readGraph(ctx, s)
	if err != nil {
		return exp, err
	}
	if exp.ArrayDelimiter, err = g.arrayDelimiter(); err != nil {
		return exp, err
	}
	w := exportWriter{dir: dir, delim: exp.ArrayDelimiter}
	years := make(map[string]int, len(g.reports))
	for _, r := range g.reports {
		years[r.ID] = r.Year
	}
	steps := []func() (ExportFile, error){
		func() (ExportFile, error) {
			return w.nodes("regions.csv", "Region", regionColumns, len(g.regions), func(i int) (map[string]any, []string, error) {
				return regionProps(g.regions[i]), []string{"Region"}, nil
			})
		},
		func() (ExportFile, error) {
			return w.nodes("reports.csv", "Report", reportColumns, len(g.reports), func(i int) (map[string]any, []string, error) {
				return reportProps(g.reports[i], g.counts[i]), []string{"Report"}, nil
			})
		},
		func() (ExportFile, error) {
			return w.nodes("entities.csv", "Entity", entityColumns, len(g.entities), func(i int) (map[string]any, []string, error) {
				p, err := entityProps(g.entities[i], years[g.entities[i].ReportID])
				return p, entityLabels(g.entities[i]), err
			})
		},
		func() (ExportFile, error) {
			return w.nodes("targets.csv", "Target", targetColumns, len(g.targets), func(i int) (map[string]any, []string, error) {
				p, err := targetProps(g.targets[i])
				return p, []string{"Target"}, err
			})
		},
		func() (ExportFile, error) {
			return w.nodes("schema_version.csv", "SchemaVersion", schemaColumns, 1, func(int) (map[string]any, []string, error) {
				return map[string]any{"": "reportgraph-schema-version", "name": "reportgraph", "version": int64(SchemaVersion)},
					[]string{"SchemaVersion"}, nil
			})
		},
		func() (ExportFile, error) {
			keys := g.nameKeys()
			return w.nodes("names.csv", "Name", nameNodeColumns, len(keys), func(i int) (map[string]any, []string, error) {
				return map[string]any{"key": keys[i]}, []string{"Name"}, nil
			})
		},
		func() (ExportFile, error) { return w.named(g.entities) },
		func() (ExportFile, error) { return w.links("rel_for_region.csv", "FOR_REGION", g.forRegion()) },
		func() (ExportFile, error) { return w.links("rel_stated_in.csv", "STATED_IN", g.statedIn()) },
	}
	for _, t := range []kg.EdgeType{kg.EdgeImplements, kg.EdgePartOf} {
		steps = append(steps, func() (ExportFile, error) {
			return w.edges("rel_"+strings.ToLower(string(t))+".csv", string(t), g.edgesOf(t))
		})
	}
	for _, step := range steps {
		f, err := step()
		if err != nil {
			return exp, err
		}
		exp.Files = append(exp.Files, f)
	}
	return exp, nil
}

// graph is a whole store read for export.
type graph struct {
	regions  []*kg.Region
	reports  []*kg.Report
	entities []*kg.Entity
	targets  []*kg.Target
	edges    []*kg.Edge
	counts   []kg.ReportCounts // of each report, in order
}

func readGraph(ctx context.Context, s kg.Store) (*graph, error) {
	var g graph
	var err error
	if g.regions, err = s.FindRegions(ctx, kg.RegionFilter{}); err != nil {
		return nil, fmt.Errorf("export regions: %w", err)
	}
	if g.reports, err = s.FindReports(ctx, kg.ReportFilter{}); err != nil {
		return nil, fmt.Errorf("export reports: %w", err)
	}
	ids := make([]string, len(g.reports))
	for i, r := range g.reports {
		ids[i] = r.ID
	}
	if g.counts, err = s.CountReports(ctx, ids); err != nil {
		return nil, fmt.Errorf("export report counts: %w", err)
	}
	if g.entities, err = s.FindEntities(ctx, kg.EntityFilter{}); err != nil {
		return nil, fmt.Errorf("export entities: %w", err)
	}
	if g.targets, err = s.FindTargets(ctx, kg.TargetFilter{}); err != nil {
		return nil, fmt.Errorf("export targets: %w", err)
	}
	if g.edges, err = s.FindEdges(ctx, kg.EdgeFilter{}); err != nil {
		return nil, fmt.Errorf("export edges: %w", err)
	}
	return &g, nil
}

// arrayDelimiter is the first candidate no array element contains.
func (g *graph) arrayDelimiter() (string, error) {
	var elems []string
	addEvidence := func(evs []kg.Evidence) {
		for _, ev := range evs {
			elems = append(elems, ev.ReportID, ev.Section, ev.Text)
		}
	}
	for _, r := range g.regions {
		elems = append(elems, r.ShortNames...)
	}
	for _, r := range g.reports {
		for _, s := range r.Outline {
			elems = append(elems, s.Heading, s.Ordinal)
		}
	}
	for _, e := range g.entities {
		elems = append(elems, e.Aliases...)
		for _, n := range e.Names {
			elems = append(elems, n.Key)
		}
		addEvidence(e.Evidence)
	}
	for _, e := range g.edges {
		addEvidence(e.Evidence)
	}
	for _, d := range arrayDelimiters {
		if !slices.ContainsFunc(elems, func(s string) bool { return strings.Contains(s, d) }) {
			return d, nil
		}
	}
	return "", fmt.Errorf("export: every array delimiter candidate %q occurs in the data", arrayDelimiters)
}

// forRegion lists the FOR_REGION references: each report's and each
// target's region.
func (g *graph) forRegion() []ref {
	links := make([]ref, 0, len(g.reports)+len(g.targets))
	for _, r := range g.reports {
		links = append(links, ref{r.ID, r.RegionID})
	}
	for _, t := range g.targets {
		links = append(links, ref{t.ID, t.RegionID})
	}
	return links
}

// statedIn lists the STATED_IN references: each entity's and each
// target's report.
func (g *graph) statedIn() []ref {
	links := make([]ref, 0, len(g.entities)+len(g.targets))
	for _, e := range g.entities {
		links = append(links, ref{e.ID, e.ReportID})
	}
	for _, t := range g.targets {
		links = append(links, ref{t.ID, t.ReportID})
	}
	return links
}

func (g *graph) edgesOf(t kg.EdgeType) []*kg.Edge {
	var out []*kg.Edge
	for _, e := range g.edges {
		if e.Type == t {
			out = append(out, e)
		}
	}
	return out
}

// ImportCommand is the neo4j-admin command line importing the files into
// database (an offline, empty database: `import full` replaces it).
func (e Export) ImportCommand(database string) string {
	var b strings.Builder
	b.WriteString("neo4j-admin database import full")
	for _, f := range e.Files {
		flag := "--nodes="
		if f.Relationships {
			flag = "--relationships="
		}
		b.WriteString(" " + flag + filepath.ToSlash(filepath.Join(e.Dir, f.Name)))
	}
	if e.ArrayDelimiter != ";" {
		b.WriteString(" '--array-delimiter=" + e.ArrayDelimiter + "'")
	}
	b.WriteString(" --multiline-fields=true --overwrite-destination " + database)
	return b.String()
}

// exportWriter writes the files of one export.
type exportWriter struct {
	dir   string
	delim string
}

func (w exportWriter) nodes(name, label string, cols []column, n int, row func(i int) (map[string]any, []string, error)) (ExportFile, error) {
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.header()
	}
	return w.file(name, headers, func(cw *csvWriter) (int, error) {
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
				v := props[c.prop]
				if c.typ == "LABEL" {
					v = labels
				}
				if fields[j], err = cell(v, w.delim); err != nil {
					return 0, fmt.Errorf("%s %v property %s: %w", label, props["id"], c.prop, err)
				}
			}
			if err := cw.write(fields); err != nil {
				return 0, err
			}
		}
		return n, nil
	}, ExportFile{Name: name, Label: label})
}

func (w exportWriter) edges(name, typ string, edges []*kg.Edge) (ExportFile, error) {
	return w.file(name, relHeaders(edgePropColumns), func(cw *csvWriter) (int, error) {
		for _, e := range edges {
			props, err := edgeProps(e)
			if err != nil {
				return 0, err
			}
			fields := []field{{s: e.FromID, ok: true}, {s: e.ToID, ok: true}, {s: typ, ok: true}}
			for _, c := range edgePropColumns {
				f, err := cell(props[c.prop], w.delim)
				if err != nil {
					return 0, fmt.Errorf("edge %s→%s %s: %w", e.FromID, e.ToID, c.prop, err)
				}
				fields = append(fields, f)
			}
			if err := cw.write(fields); err != nil {
				return 0, err
			}
		}
		return len(edges), nil
	}, ExportFile{Name: name, Relationships: true, Label: typ})
}

// nameKeys are the keys of the Name nodes: every entity name's, once, sorted.
func (g *graph) nameKeys() []string {
	var keys []string
	for _, e := range g.entities {
		for _, n := range e.Names {
			keys = append(keys, n.Key)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// named writes the NAMED relationships, entity → Name, with their rule.
func (w exportWriter) named(entities []*kg.Entity) (ExportFile, error) {
	return w.file("rel_named.csv", relHeaders([]column{{"rule", ""}}), func(cw *csvWriter) (int, error) {
		n := 0
		for _, e := range entities {
			for _, name := range e.Names {
				if err := cw.write([]field{{s: e.ID, ok: true}, {s: name.Key, ok: true}, {s: "NAMED", ok: true}, {s: string(name.Rule), ok: true}}); err != nil {
					return 0, err
				}
				n++
			}
		}
		return n, nil
	}, ExportFile{Name: "rel_named.csv", Relationships: true, Label: "NAMED"})
}

func (w exportWriter) links(name, typ string, links []ref) (ExportFile, error) {
	return w.file(name, relHeaders(nil), func(cw *csvWriter) (int, error) {
		for _, l := range links {
			if err := cw.write([]field{{s: l.from, ok: true}, {s: l.to, ok: true}, {s: typ, ok: true}}); err != nil {
				return 0, err
			}
		}
		return len(links), nil
	}, ExportFile{Name: name, Relationships: true, Label: typ})
}

func (w exportWriter) file(name string, headers []string, body func(*csvWriter) (int, error), f ExportFile) (ExportFile, error) {
	path := filepath.Join(w.dir, name)
	out, err := os.Create(path)
	if err != nil {
		return f, fmt.Errorf("export %s: %w", name, err)
	}
	cw := &csvWriter{w: bufio.NewWriter(out)}
	hs := make([]field, len(headers))
	for i, h := range headers {
		hs[i] = field{s: h, ok: true}
	}
	err = cw.write(hs)
	if err == nil {
		f.Rows, err = body(cw)
	}
	if err == nil {
		err = cw.w.Flush()
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

// cell renders a property value as the import tool reads it, arrays
// joined by delim.
func cell(v any, delim string) (field, error) {
	switch v := v.(type) {
	case nil:
		return field{}, nil
	case string:
		return field{s: v, ok: true}, nil
	case int64:
		return field{s: strconv.FormatInt(v, 10), ok: true}, nil
	case float64:
		return field{s: strconv.FormatFloat(v, 'g', -1, 64), ok: true}, nil
	case []int64:
		parts := make([]string, len(v))
		for i, n := range v {
			parts[i] = strconv.FormatInt(n, 10)
		}
		return field{s: strings.Join(parts, delim), ok: true}, nil
	case []string:
		for _, s := range v {
			// The import tool has no escape for the delimiter inside an element.
			if strings.Contains(s, delim) {
				return field{}, fmt.Errorf("array element %q contains the delimiter %q", s, delim)
			}
		}
		return field{s: strings.Join(v, delim), ok: true}, nil
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
