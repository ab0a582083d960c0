package analysis

import (
	"context"
	"fmt"
	"sort"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/link"
)

// Diff is what changed from one report of a region to a later one.
type Diff struct {
	From, To  *kg.Report
	New       []*kg.Entity // in To only
	Continued []*Continued // in both
	Dropped   []*kg.Entity // in From only
}

// Continued pairs an entity of the later report with the same one earlier.
type Continued struct {
	From, To   *kg.Entity
	Method     string  // kg.MethodName for the same key, else link's method (alias, stem…)
	Confidence float64 // 1 for the same key
}

// DiffReports compares the programs and initiatives (or only kind, when
// given) of two reports. Entities pair by normalised key first; the rest
// pair as IMPLEMENTS links would (aliases, stems: “三北”工程 and “三北”六期
// are one program), each entity at most once.
func DiffReports(ctx context.Context, s kg.Store, fromID, toID string, kind *kg.EntityKind) (*Diff, error) {
	reps, err := s.Reports(ctx, []string{fromID, toID})
	if err != nil {
		return nil, fmt.Errorf("diff %s → %s: %w", fromID, toID, err)
	}
	for i, id := range []string{fromID, toID} {
		if reps[i] == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no report with id %q", id)
		}
	}
	older, err := diffable(ctx, s, fromID, kind)
	if err != nil {
		return nil, err
	}
	newer, err := diffable(ctx, s, toID, kind)
	if err != nil {
		return nil, err
	}
	d := &Diff{From: reps[0], To: reps[1]}
	paired := map[string]bool{}
	byKey := map[string]*kg.Entity{}
	for _, e := range older {
		byKey[string(e.Kind)+"\x00"+e.Key] = e
	}
	var restNew, restOld []*kg.Entity
	for _, e := range newer {
		if o := byKey[string(e.Kind)+"\x00"+e.Key]; o != nil {
			paired[o.ID] = true
			d.Continued = append(d.Continued, &Continued{From: o, To: e, Method: kg.MethodName, Confidence: 1})
		} else {
			restNew = append(restNew, e)
		}
	}
	for _, e := range older {
		if !paired[e.ID] {
			restOld = append(restOld, e)
		}
	}
	olderByID := map[string]*kg.Entity{}
	for _, e := range restOld {
		olderByID[e.ID] = e
	}
	newerByID := map[string]*kg.Entity{}
	for _, e := range restNew {
		newerByID[e.ID] = e
	}
	for _, ed := range link.Implements(restNew, restOld) {
		n, o := newerByID[ed.FromID], olderByID[ed.ToID]
		if n == nil || o == nil || paired[o.ID] || paired[n.ID] {
			continue
		}
		paired[o.ID], paired[n.ID] = true, true
		d.Continued = append(d.Continued, &Continued{From: o, To: n, Method: ed.Method, Confidence: ed.Confidence})
	}
	for _, e := range restNew {
		if !paired[e.ID] {
			d.New = append(d.New, e)
		}
	}
	for _, e := range restOld {
		if !paired[e.ID] {
			d.Dropped = append(d.Dropped, e)
		}
	}
	sort.Slice(d.Continued, func(i, j int) bool { return d.Continued[i].To.ID < d.Continued[j].To.ID })
	return d, nil
}

// diffable returns the report's entities a diff compares, by id.
func diffable(ctx context.Context, s kg.Store, reportID string, kind *kg.EntityKind) ([]*kg.Entity, error) {
	es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{reportID}, Kind: kind})
	if err != nil {
		return nil, fmt.Errorf("entities of %s: %w", reportID, err)
	}
	if kind != nil {
		return es, nil
	}
	out := es[:0]
	for _, e := range es {
		if e.Kind != kg.KindProject {
			out = append(out, e)
		}
	}
	return out, nil
}
