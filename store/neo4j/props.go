package neo4j

import (
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/reportgraph/reportgraph/kg"
)

// Property encoding. Neo4j properties are scalars or homogeneous lists of
// scalars, so the evidence of an entity or an edge (a list of passages) is
// stored as four parallel lists, one per field: evidenceReportIds,
// evidenceSections, evidenceOffsets and evidenceTexts, where passage i is
// element i of each. A target's one passage is evidenceReportId,
// evidenceSection, evidenceOffset and evidenceText.
// A Cypher user reads them as they are (`n.evidenceTexts[0]`); empty
// optional fields are left out rather than stored as null.

// Evidence property names.
const (
	propEvidenceReportIDs = "evidenceReportIds"
	propEvidenceSections  = "evidenceSections"
	propEvidenceOffsets   = "evidenceOffsets"
	propEvidenceTexts     = "evidenceTexts"
)

// putEvidence adds evs to p as parallel lists; nothing for no evidence.
func putEvidence(p map[string]any, evs []kg.Evidence) {
	if len(evs) == 0 {
		return
	}
	ids := make([]string, len(evs))
	sections := make([]string, len(evs))
	offsets := make([]int64, len(evs))
	texts := make([]string, len(evs))
	for i, ev := range evs {
		ids[i], sections[i], offsets[i], texts[i] = ev.ReportID, ev.Section, int64(ev.Offset), ev.Text
	}
	p[propEvidenceReportIDs], p[propEvidenceSections] = ids, sections
	p[propEvidenceOffsets], p[propEvidenceTexts] = offsets, texts
}

// putPassage adds a target's single passage as evidenceReportId,
// evidenceSection, evidenceOffset and evidenceText; empty fields are left
// out.
func putPassage(p map[string]any, ev kg.Evidence) {
	for k, v := range map[string]string{"evidenceReportId": ev.ReportID, "evidenceSection": ev.Section, "evidenceText": ev.Text} {
		if v != "" {
			p[k] = v
		}
	}
	if ev.Offset != 0 {
		p["evidenceOffset"] = int64(ev.Offset)
	}
}

func passage(p map[string]any) kg.Evidence {
	return kg.Evidence{ReportID: str(p, "evidenceReportId"), Section: str(p, "evidenceSection"),
		Offset: int(num(p, "evidenceOffset")), Text: str(p, "evidenceText")}
}

// evidence reads the parallel lists back; lists of different lengths mean
// the properties were written by something else, and are an error.
func evidence(p map[string]any) ([]kg.Evidence, error) {
	ids, sections := strs(p, propEvidenceReportIDs), strs(p, propEvidenceSections)
	offsets, texts := ints(p, propEvidenceOffsets), strs(p, propEvidenceTexts)
	n := len(texts)
	if len(ids) != n || len(sections) != n || len(offsets) != n {
		return nil, fmt.Errorf("evidence lists of lengths %d, %d, %d, %d", len(ids), len(sections), len(offsets), n)
	}
	if n == 0 {
		return nil, nil
	}
	evs := make([]kg.Evidence, n)
	for i := range evs {
		evs[i] = kg.Evidence{ReportID: ids[i], Section: sections[i], Offset: int(offsets[i]), Text: texts[i]}
	}
	return evs, nil
}

func regionProps(r *kg.Region) map[string]any {
	p := map[string]any{
		"id": r.ID, "code": r.Code, "name": r.Name, "level": string(r.Level),
		// "" for the root, so RegionFilter{ParentID: ""} is an index lookup.
		"parentId": r.ParentID,
	}
	if len(r.ShortNames) > 0 {
		p["shortNames"] = r.ShortNames
	}
	return p
}

func decodeRegion(n dbtype.Node) (*kg.Region, error) {
	p := n.Props
	return &kg.Region{
		ID:         str(p, "id"),
		Code:       str(p, "code"),
		Name:       str(p, "name"),
		ShortNames: strs(p, "shortNames"),
		Level:      kg.RegionLevel(str(p, "level")),
		ParentID:   str(p, "parentId"),
	}, nil
}

// reportProps also stores what the report holds, by kind (c): a report is
// written whole, so the counts stay exact, and a roll-up over thousands of
// reports reads them from the report nodes instead of counting entities.
func reportProps(r *kg.Report, c kg.ReportCounts) map[string]any {
	p := map[string]any{
		"id": r.ID, "regionId": r.RegionID, "year": int64(r.Year),
		"deliveredOn": r.DeliveredOn, "title": r.Title, "source": r.Source,
		"contentHash":  r.ContentHash,
		"programCount": int64(c.Programs), "initiativeCount": int64(c.Initiatives), "projectCount": int64(c.Projects),
		"termCount":   int64(c.Terms),
		"targetCount": int64(c.Targets), "resultCount": int64(c.Results),
	}
	putOutline(p, r.Outline)
	return p
}

// The outline is five parallel lists on the report node, as evidence is
// on an entity: one element per section, in order.
const (
	propOutlineHeadings = "outlineHeadings"
	propOutlineOrdinals = "outlineOrdinals"
	propOutlineLevels   = "outlineLevels"
	propOutlineStarts   = "outlineStarts"
	propOutlineEnds     = "outlineEnds"
)

func putOutline(p map[string]any, secs []kg.Section) {
	if len(secs) == 0 {
		return
	}
	headings, ordinals := make([]string, len(secs)), make([]string, len(secs))
	levels, starts, ends := make([]int64, len(secs)), make([]int64, len(secs)), make([]int64, len(secs))
	for i, s := range secs {
		headings[i], ordinals[i] = s.Heading, s.Ordinal
		levels[i], starts[i], ends[i] = int64(s.Level), int64(s.Start), int64(s.End)
	}
	p[propOutlineHeadings], p[propOutlineOrdinals] = headings, ordinals
	p[propOutlineLevels], p[propOutlineStarts], p[propOutlineEnds] = levels, starts, ends
}

func decodeOutline(p map[string]any) ([]kg.Section, error) {
	headings, ordinals := strs(p, propOutlineHeadings), strs(p, propOutlineOrdinals)
	levels, starts, ends := ints(p, propOutlineLevels), ints(p, propOutlineStarts), ints(p, propOutlineEnds)
	n := len(headings)
	if len(ordinals) != n || len(levels) != n || len(starts) != n || len(ends) != n {
		return nil, fmt.Errorf("report %s: outline lists of lengths %d, %d, %d, %d, %d",
			str(p, "id"), n, len(ordinals), len(levels), len(starts), len(ends))
	}
	var out []kg.Section
	for i := range headings {
		out = append(out, kg.Section{Heading: headings[i], Ordinal: ordinals[i], Level: int(levels[i]),
			Start: int(starts[i]), End: int(ends[i])})
	}
	return out, nil
}

func decodeReport(n dbtype.Node) (*kg.Report, error) {
	p := n.Props
	outline, err := decodeOutline(p)
	if err != nil {
		return nil, err
	}
	return &kg.Report{
		ID:          str(p, "id"),
		RegionID:    str(p, "regionId"),
		Year:        int(num(p, "year")),
		DeliveredOn: str(p, "deliveredOn"),
		Title:       str(p, "title"),
		Source:      str(p, "source"),
		ContentHash: str(p, "contentHash"),
		Outline:     outline,
	}, nil
}

// entityProps also stores the report's year (search filters on it) and
// searchText, the lower-cased name, aliases, definition and evidence the
// full-text index covers.
func entityProps(e *kg.Entity, year int) (map[string]any, error) {
	p := map[string]any{
		"id": e.ID, "kind": string(e.Kind), "name": e.Name, "key": e.Key,
		"reportId": e.ReportID, "regionId": e.RegionID, "reportYear": int64(year),
		"definition": e.Definition, "leadDepartment": e.LeadDepartment,
		"searchText": searchText(e),
	}
	if len(e.Aliases) > 0 {
		p["aliases"] = e.Aliases
	}
	if len(e.Names) > 0 {
		p["nameKeys"], p["nameRules"] = nameColumns(e.Names)
	}
	putEvidence(p, e.Evidence)
	return p, nil
}

// searchText joins the searchable fields; the newline keeps a query from
// matching across two fields (kg.MatchScore has the final word anyway).
func searchText(e *kg.Entity) string {
	parts := append([]string{e.Name}, e.Aliases...)
	parts = append(parts, e.Definition)
	for _, ev := range e.Evidence {
		parts = append(parts, ev.Text)
	}
	return kg.SearchForm(strings.Join(parts, "\n"))
}

// nameColumns splits names into parallel lists of keys and rules, the
// node's copy of its NAMED relationships, which decoding reads.
func nameColumns(names []kg.Name) (keys, rules []string) {
	keys, rules = make([]string, len(names)), make([]string, len(names))
	for i, n := range names {
		keys[i], rules[i] = n.Key, string(n.Rule)
	}
	return keys, rules
}

func decodeNames(p map[string]any) ([]kg.Name, error) {
	keys, rules := strs(p, "nameKeys"), strs(p, "nameRules")
	if len(keys) != len(rules) {
		return nil, fmt.Errorf("entity %s: %d name keys but %d rules", str(p, "id"), len(keys), len(rules))
	}
	var out []kg.Name
	for i := range keys {
		out = append(out, kg.Name{Key: keys[i], Rule: kg.NameRule(rules[i])})
	}
	return out, nil
}

func decodeEntity(n dbtype.Node) (*kg.Entity, error) {
	p := n.Props
	e := &kg.Entity{
		ID:             str(p, "id"),
		Kind:           kg.EntityKind(str(p, "kind")),
		Name:           str(p, "name"),
		Key:            str(p, "key"),
		Aliases:        strs(p, "aliases"),
		ReportID:       str(p, "reportId"),
		RegionID:       str(p, "regionId"),
		Definition:     str(p, "definition"),
		LeadDepartment: str(p, "leadDepartment"),
		TaskArea:       slices.Contains(n.Labels, labelTaskArea),
	}
	var err error
	if e.Evidence, err = evidence(p); err != nil {
		return nil, fmt.Errorf("entity %s: %w", e.ID, err)
	}
	if e.Names, err = decodeNames(p); err != nil {
		return nil, err
	}
	return e, nil
}

func targetProps(t *kg.Target) (map[string]any, error) {
	p := map[string]any{
		"id": t.ID, "reportId": t.ReportID, "regionId": t.RegionID, "kind": string(t.Kind),
		"year": int64(t.Year), "indicator": t.Indicator, "indicatorCode": t.IndicatorCode, "measure": t.Measure,
		"value": t.Value, "unit": t.Unit, "qualifier": string(t.Qualifier),
	}
	if t.MaxValue != nil {
		p["maxValue"] = *t.MaxValue
	}
	putPassage(p, t.Evidence)
	return p, nil
}

func decodeTarget(n dbtype.Node) (*kg.Target, error) {
	p := n.Props
	t := &kg.Target{
		ID:            str(p, "id"),
		ReportID:      str(p, "reportId"),
		RegionID:      str(p, "regionId"),
		Kind:          kg.TargetKind(str(p, "kind")),
		Year:          int(num(p, "year")),
		Indicator:     str(p, "indicator"),
		IndicatorCode: str(p, "indicatorCode"),
		Measure:       str(p, "measure"),
		Value:         num(p, "value"),
		Unit:          str(p, "unit"),
		Qualifier:     kg.TargetQualifier(str(p, "qualifier")),
	}
	if _, ok := p["maxValue"]; ok {
		v := num(p, "maxValue")
		t.MaxValue = &v
	}
	t.Evidence = passage(p)
	return t, nil
}

func edgeProps(e *kg.Edge) (map[string]any, error) {
	p := map[string]any{"method": e.Method, "confidence": e.Confidence}
	putEvidence(p, e.Evidence)
	return p, nil
}

// decodeEdge reads a row of the edge queries (from, type, to, and the
// relationship's properties as props); nil for a row without an edge.
func decodeEdge(m map[string]any) (*kg.Edge, error) {
	if m["from"] == nil || m["to"] == nil {
		return nil, nil // OPTIONAL MATCH row of an id without edges
	}
	p, _ := m["props"].(map[string]any)
	e := &kg.Edge{
		Type:       kg.EdgeType(str(m, "type")),
		FromID:     str(m, "from"),
		ToID:       str(m, "to"),
		Method:     str(p, "method"),
		Confidence: num(p, "confidence"),
	}
	var err error
	if e.Evidence, err = evidence(p); err != nil {
		return nil, fmt.Errorf("edge %s→%s: %w", e.FromID, e.ToID, err)
	}
	return e, nil
}

func str(p map[string]any, k string) string {
	s, _ := p[k].(string)
	return s
}

// num reads a number stored as integer or float (Neo4j keeps 8 and 8.0
// apart; Go callers want float64 or int).
func num(p map[string]any, k string) float64 {
	switch v := p[k].(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

func ints(p map[string]any, k string) []int64 {
	list, _ := p[k].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]int64, 0, len(list))
	for _, v := range list {
		if n, ok := v.(int64); ok {
			out = append(out, n)
		}
	}
	return out
}

func strs(p map[string]any, k string) []string {
	list, _ := p[k].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
