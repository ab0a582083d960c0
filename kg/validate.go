package kg

import "strings"

// Validation lives with the types so both stores reject exactly the same
// input with exactly the same errors.

// Validate checks a region's own fields (not whether its parent exists).
func (r *Region) Validate() error {
	switch {
	case r.ID == "":
		return Errorf(EINVALID, "region %q: empty id", r.Name)
	case r.Name == "":
		return Errorf(EINVALID, "region %s: empty name", r.ID)
	case !r.Level.Valid():
		return Errorf(EINVALID, "region %s: unknown level %q", r.ID, r.Level)
	case r.ParentID == r.ID:
		return Errorf(EINVALID, "region %s: is its own parent", r.ID)
	}
	return nil
}

// Validate checks that g is self-consistent: every entity and target belongs
// to g.Report, ids are unique, and edges join g's own entities.
func (g *ReportGraph) Validate() error {
	r := &g.Report
	if r.ID == "" || r.RegionID == "" {
		return Errorf(EINVALID, "report %q: id and region are required", r.ID)
	}
	// The id is the region's and the year's, and every entity and target
	// id starts from it: two reports can never claim one node, so the
	// stores need no ownership lookups before a write.
	if code := regionCode(r.RegionID); code == "" || r.ID != ReportID(code, r.Year) {
		return Errorf(EINVALID, "report %s: id must be %s for region %s in %d", r.ID, ReportID(regionCode(r.RegionID), r.Year), r.RegionID, r.Year)
	}
	entityPrefix, targetPrefix := EntityIDPrefix(r.ID), TargetIDPrefix(r.ID)
	ids := make(map[string]bool, len(g.Entities))
	for i := range g.Entities {
		e := &g.Entities[i]
		switch {
		case e.ID == "":
			return Errorf(EINVALID, "report %s: entity %q has no id", r.ID, e.Name)
		case !strings.HasPrefix(e.ID, entityPrefix):
			return Errorf(EINVALID, "report %s: entity id %s does not start with %s", r.ID, e.ID, entityPrefix)
		case ids[e.ID]:
			return Errorf(EINVALID, "report %s: duplicate entity id %s", r.ID, e.ID)
		case e.ReportID != r.ID || e.RegionID != r.RegionID:
			return Errorf(EINVALID, "report %s: entity %s belongs to report %s in %s", r.ID, e.ID, e.ReportID, e.RegionID)
		case !e.Kind.Valid():
			return Errorf(EINVALID, "report %s: entity %s has unknown kind %q", r.ID, e.ID, e.Kind)
		}
		for _, n := range e.Names {
			if n.Key == "" || !n.Rule.Valid() {
				return Errorf(EINVALID, "report %s: entity %s has a bad name %q (rule %q)", r.ID, e.ID, n.Key, n.Rule)
			}
		}
		ids[e.ID] = true
	}
	tids := make(map[string]bool, len(g.Targets))
	for i := range g.Targets {
		t := &g.Targets[i]
		switch {
		case t.ID == "":
			return Errorf(EINVALID, "report %s: target %q has no id", r.ID, t.Indicator)
		case !strings.HasPrefix(t.ID, targetPrefix):
			return Errorf(EINVALID, "report %s: target id %s does not start with %s", r.ID, t.ID, targetPrefix)
		case tids[t.ID]:
			return Errorf(EINVALID, "report %s: duplicate target id %s", r.ID, t.ID)
		case t.ReportID != r.ID || t.RegionID != r.RegionID:
			return Errorf(EINVALID, "report %s: target %s belongs to report %s in %s", r.ID, t.ID, t.ReportID, t.RegionID)
		}
		tids[t.ID] = true
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		if e.Type != EdgePartOf && e.Type != EdgeImplements {
			return Errorf(EINVALID, "report %s: edge %s→%s has unknown type %q", r.ID, e.FromID, e.ToID, e.Type)
		}
		if !ids[e.FromID] || !ids[e.ToID] || e.FromID == e.ToID {
			return Errorf(EINVALID, "report %s: edge %s→%s must join two of its entities", r.ID, e.FromID, e.ToID)
		}
	}
	return nil
}
