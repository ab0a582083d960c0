package analysis

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/link"
)

// AliasGroup is every entity, in any report, that names the same thing as
// one entity: “三北”工程, 三北六期工程 and 三北防护林体系建设工程 across the
// national, provincial and county reports. Members join through the names
// they share (kg.Entity.Names); Merges says which name joined whom, with
// the rule on each side, so an analyst can check every merge.
type AliasGroup struct {
	Name      string       // the most used spelling of the most used key
	Key       string       // the key most members carry
	Members   []*kg.Entity // by report id, then id
	Canonical []*kg.Entity // one per report: the member that report names it by
	Merges    []Merge      // by key
	// Complete is false when the group reached MaxAliasMembers and more
	// members were left out.
	Complete bool
}

// Merge is one name shared by members of a group: the evidence that they
// are one.
type Merge struct {
	Key     string
	Holders []NameHolder // by entity id
}

// NameHolder is a member holding a name, and by which rule.
type NameHolder struct {
	Entity *kg.Entity
	Rule   kg.NameRule
}

// MaxAliasMembers bounds a group: a name shared by more entities than
// this is a word, not a program, and reading them all would make one
// request read the store.
const MaxAliasMembers = 500

// AliasGroupOf returns the group of the entity with id: itself alone when
// it shares no name. It reads the store a layer of names at a time, so the
// calls grow with the group's diameter, not its size.
func AliasGroupOf(ctx context.Context, s kg.Store, id string) (*AliasGroup, error) {
	start, err := mustEntity(ctx, s, id)
	if err != nil {
		return nil, err
	}
	members := map[string]*kg.Entity{start.ID: start}
	holders := map[string][]NameHolder{} // name key → every entity holding it, members or not
	complete := true
	for grew := true; grew && complete; {
		var keys []string
		for _, m := range members {
			for _, n := range m.Names {
				if _, asked := holders[n.Key]; !asked {
					holders[n.Key] = nil
					keys = append(keys, n.Key)
				}
			}
		}
		if len(keys) > 0 {
			slices.Sort(keys)
			keys = slices.Compact(keys)
			limit := MaxAliasMembers * 4
			found, err := s.FindEntities(ctx, kg.EntityFilter{Names: keys, Limit: limit})
			if err != nil {
				return nil, fmt.Errorf("entities named %s: %w", keys[0], err)
			}
			complete = len(found) < limit
			for _, e := range found {
				for _, n := range e.Names {
					if _, ok := slices.BinarySearch(keys, n.Key); ok {
						holders[n.Key] = append(holders[n.Key], NameHolder{Entity: e, Rule: n.Rule})
					}
				}
			}
		}
		// Every name is looked at again once members joined through
		// another: a holder may be one with a newcomer only.
		grew = false
		for _, k := range sortedKeys(holders) {
			for _, e := range joined(holders[k], members) {
				if len(members) >= MaxAliasMembers {
					complete = false
					break
				}
				members[e.ID], grew = e, true
			}
		}
	}
	return newAliasGroup(members, holders, complete), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// joined returns the holders of one name that join the group, members
// being those already in it: link.Joins decides which holders are one,
// and a holder joins when it is one with a member (of a compatible kind).
// Repeating until nothing changes makes the answer independent of order.
func joined(hs []NameHolder, members map[string]*kg.Entity) []*kg.Entity {
	// Whether a holder joins depends only on the rules and kinds among
	// those already in, a handful of classes: testing each holder against
	// every other made a program named in thousands of reports quadratic.
	type class struct {
		rule kg.NameRule
		kind kg.EntityKind
	}
	// Sized at once: a program's name has thousands of holders, and
	// growing these maps was a fifth of its alias group's time.
	classesOf := make(map[string][]class, len(hs)) // an entity may hold the name under two rules
	for _, h := range hs {
		classesOf[h.Entity.ID] = append(classesOf[h.Entity.ID], class{h.Rule, h.Entity.Kind})
	}
	in := make(map[string]bool, len(hs))
	var present []class
	enter := func(id string) {
		in[id] = true
		for _, c := range classesOf[id] {
			if !slices.Contains(present, c) {
				present = append(present, c)
			}
		}
	}
	for _, h := range hs {
		if members[h.Entity.ID] != nil && !in[h.Entity.ID] {
			enter(h.Entity.ID)
		}
	}
	var out []*kg.Entity
	for changed := true; changed; {
		changed = false
		for _, h := range hs {
			if in[h.Entity.ID] {
				continue
			}
			for _, c := range present {
				if link.Joins(h.Rule, c.rule) && link.Compatible(h.Entity.Kind, c.kind) {
					enter(h.Entity.ID)
					changed = true
					out = append(out, h.Entity)
					break
				}
			}
		}
	}
	return out
}

func newAliasGroup(members map[string]*kg.Entity, holders map[string][]NameHolder, complete bool) *AliasGroup {
	g := &AliasGroup{Complete: complete}
	for _, e := range members {
		g.Members = append(g.Members, e)
	}
	sort.Slice(g.Members, func(i, j int) bool {
		a, b := g.Members[i], g.Members[j]
		if a.ReportID != b.ReportID {
			return a.ReportID < b.ReportID
		}
		return a.ID < b.ID
	})
	g.Key, g.Name = mostUsed(g.Members)
	g.Canonical = canonicalPerReport(g.Members, g.Key)
	for k, hs := range holders {
		in := joinedBy(hs, members)
		if distinctEntities(in) < 2 {
			continue // a name no other member shares joined nobody
		}
		sort.Slice(in, func(i, j int) bool {
			if in[i].Entity.ID != in[j].Entity.ID {
				return in[i].Entity.ID < in[j].Entity.ID
			}
			return in[i].Rule < in[j].Rule
		})
		g.Merges = append(g.Merges, Merge{Key: k, Holders: in})
	}
	sort.Slice(g.Merges, func(i, j int) bool { return g.Merges[i].Key < g.Merges[j].Key })
	return g
}

// joinedBy returns the members among hs that one name joins: those
// holding it by any rule but EXPANSION, and those holding it as an
// EXPANSION when a member holds it as the ABBREVIATION.
func joinedBy(hs []NameHolder, members map[string]*kg.Entity) []NameHolder {
	abbreviated := slices.ContainsFunc(hs, func(h NameHolder) bool {
		return members[h.Entity.ID] != nil && h.Rule == kg.NameAbbreviation
	})
	var in []NameHolder
	for _, h := range hs {
		if members[h.Entity.ID] != nil && (h.Rule != kg.NameExpansion || abbreviated) {
			in = append(in, h)
		}
	}
	return in
}

func distinctEntities(hs []NameHolder) int {
	ids := make(map[string]bool, len(hs))
	for _, h := range hs {
		ids[h.Entity.ID] = true
	}
	return len(ids)
}

// mostUsed returns the key most members carry (ties: the shorter, then
// the smaller) and the spelling of it most used.
func mostUsed(es []*kg.Entity) (key, name string) {
	keys, names := map[string]int{}, map[string]int{}
	for _, e := range es {
		keys[e.Key]++
	}
	key = best(keys)
	for _, e := range es {
		if e.Key == key {
			names[e.Name]++
		}
	}
	return key, best(names)
}

// best is the most counted string; ties go to the shorter, then the smaller.
func best(counts map[string]int) string {
	var out string
	n := -1
	for s, c := range counts {
		if c > n || c == n && (len(s) < len(out) || len(s) == len(out) && s < out) {
			out, n = s, c
		}
	}
	return out
}

// canonicalPerReport picks each report's member: the one with the group's
// key, else the one with the most evidence (the report's main mention),
// then the shortest name.
func canonicalPerReport(es []*kg.Entity, key string) []*kg.Entity {
	byReport := map[string]*kg.Entity{}
	var order []string
	for _, e := range es {
		cur, ok := byReport[e.ReportID]
		if !ok {
			order = append(order, e.ReportID)
			byReport[e.ReportID] = e
			continue
		}
		if preferred(e, cur, key) {
			byReport[e.ReportID] = e
		}
	}
	out := make([]*kg.Entity, len(order))
	for i, r := range order {
		out[i] = byReport[r]
	}
	return out
}

func preferred(a, b *kg.Entity, key string) bool {
	if (a.Key == key) != (b.Key == key) {
		return a.Key == key
	}
	if len(a.Evidence) != len(b.Evidence) {
		return len(a.Evidence) > len(b.Evidence)
	}
	if len(a.Key) != len(b.Key) {
		return len(a.Key) < len(b.Key)
	}
	return strings.Compare(a.ID, b.ID) < 0
}
