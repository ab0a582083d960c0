package neo4j

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/reportgraph/reportgraph/kg"
)

// Property encoding. Neo4j properties are scalars or homogeneous lists of
// scalars, so evidence (a list of structs) is stored as a JSON string; empty
// optional fields are left out rather than stored as null.

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

func reportProps(r *kg.Report) map[string]any {
	return map[string]any{
		"id": r.ID, "regionId": r.RegionID, "year": int64(r.Year),
		"deliveredOn": r.DeliveredOn, "title": r.Title, "source": r.Source,
	}
}

func decodeReport(n dbtype.Node) (*kg.Report, error) {
	p := n.Props
	return &kg.Report{
		ID:          str(p, "id"),
		RegionID:    str(p, "regionId"),
		Year:        int(num(p, "year")),
		DeliveredOn: str(p, "deliveredOn"),
		Title:       str(p, "title"),
		Source:      str(p, "source"),
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
	if e.Evidence != nil {
		b, err := json.Marshal(e.Evidence)
		if err != nil {
			return nil, fmt.Errorf("entity %s evidence: %w", e.ID, err)
		}
		p["evidence"] = string(b)
	}
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
	return strings.ToLower(strings.Join(parts, "\n"))
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
	}
	if s, ok := p["evidence"].(string); ok {
		if err := json.Unmarshal([]byte(s), &e.Evidence); err != nil {
			return nil, fmt.Errorf("entity %s evidence: %w", e.ID, err)
		}
	}
	return e, nil
}

func targetProps(t *kg.Target) (map[string]any, error) {
	b, err := json.Marshal(t.Evidence)
	if err != nil {
		return nil, fmt.Errorf("target %s evidence: %w", t.ID, err)
	}
	p := map[string]any{
		"id": t.ID, "reportId": t.ReportID, "regionId": t.RegionID, "kind": string(t.Kind),
		"year": int64(t.Year), "indicator": t.Indicator, "measure": t.Measure,
		"value": t.Value, "unit": t.Unit, "qualifier": string(t.Qualifier),
		"evidence": string(b),
	}
	if t.MaxValue != nil {
		p["maxValue"] = *t.MaxValue
	}
	return p, nil
}

func decodeTarget(n dbtype.Node) (*kg.Target, error) {
	p := n.Props
	t := &kg.Target{
		ID:        str(p, "id"),
		ReportID:  str(p, "reportId"),
		RegionID:  str(p, "regionId"),
		Kind:      kg.TargetKind(str(p, "kind")),
		Year:      int(num(p, "year")),
		Indicator: str(p, "indicator"),
		Measure:   str(p, "measure"),
		Value:     num(p, "value"),
		Unit:      str(p, "unit"),
		Qualifier: kg.TargetQualifier(str(p, "qualifier")),
	}
	if _, ok := p["maxValue"]; ok {
		v := num(p, "maxValue")
		t.MaxValue = &v
	}
	if s, ok := p["evidence"].(string); ok {
		if err := json.Unmarshal([]byte(s), &t.Evidence); err != nil {
			return nil, fmt.Errorf("target %s evidence: %w", t.ID, err)
		}
	}
	return t, nil
}

func edgeProps(e *kg.Edge) (map[string]any, error) {
	p := map[string]any{"method": e.Method, "confidence": e.Confidence}
	if e.Evidence != nil {
		b, err := json.Marshal(e.Evidence)
		if err != nil {
			return nil, fmt.Errorf("edge %s→%s evidence: %w", e.FromID, e.ToID, err)
		}
		p["evidence"] = string(b)
	}
	return p, nil
}

// decodeEdge reads a row of the edge queries (from, type, to, method,
// confidence, evidence); nil for a row without an edge.
func decodeEdge(m map[string]any) (*kg.Edge, error) {
	if m["from"] == nil || m["to"] == nil {
		return nil, nil // OPTIONAL MATCH row of an id without edges
	}
	e := &kg.Edge{
		Type:       kg.EdgeType(str(m, "type")),
		FromID:     str(m, "from"),
		ToID:       str(m, "to"),
		Method:     str(m, "method"),
		Confidence: num(m, "confidence"),
	}
	if s, ok := m["evidence"].(string); ok {
		if err := json.Unmarshal([]byte(s), &e.Evidence); err != nil {
			return nil, fmt.Errorf("edge %s→%s evidence: %w", e.FromID, e.ToID, err)
		}
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
