package memory

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// TestHashChains drives the chains with hand-picked hashes, so collisions
// and every unlink position are exercised without waiting for maphash to
// collide.
func TestHashChains(t *testing.T) {
	tests := []struct {
		name   string
		add    []uint32 // all under hash 7
		remove []uint32
		want   []uint32 // chain order: newest first
	}{
		{"one", []uint32{0}, nil, []uint32{0}},
		{"newest first", []uint32{0, 1, 2}, nil, []uint32{2, 1, 0}},
		{"remove head", []uint32{0, 1, 2}, []uint32{2}, []uint32{1, 0}},
		{"remove middle", []uint32{0, 1, 2}, []uint32{1}, []uint32{2, 0}},
		{"remove tail", []uint32{0, 1, 2}, []uint32{0}, []uint32{2, 1}},
		{"remove all", []uint32{0, 1, 2}, []uint32{1, 2, 0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newHashChains()
			c.grow(8)
			c.add(9, 5) // another hash's chain must stay untouched
			for _, o := range tt.add {
				c.add(7, o)
			}
			for _, o := range tt.remove {
				c.remove(7, o)
			}
			if got := chain(&c, 7); !slices.Equal(got, tt.want) {
				t.Errorf("chain 7 = %v, want %v", got, tt.want)
			}
			if got := chain(&c, 9); !slices.Equal(got, []uint32{5}) {
				t.Errorf("chain 9 = %v, want [5]", got)
			}
			if _, ok := c.head[7]; ok != (len(tt.want) > 0) {
				t.Errorf("head of an emptied chain kept: %v", ok)
			}
		})
	}
}

func chain(c *hashChains, h uint64) []uint32 {
	var out []uint32
	c.each(h, func(o uint32) bool { out = append(out, o); return true })
	return out
}

// TestEntityTableChurn puts, replaces and removes reports in a pattern
// that reuses ordinals and blocks, and checks every lookup against a plain
// map of what should be stored.
func TestEntityTableChurn(t *testing.T) {
	tab := newEntityTable()
	want := map[string]map[string]kg.Entity{} // report → id → entity
	put := func(report string, gen, n int) {
		tab.removeReport(report)
		es := make([]kg.Entity, n)
		want[report] = map[string]kg.Entity{}
		for i := range es {
			es[i] = churnEntity(report, gen, i)
			want[report][es[i].ID] = es[i]
		}
		tab.put(report, es)
	}
	for gen := range 6 {
		for r := range 4 {
			put(fmt.Sprintf("report/%d", r), gen, 1+(gen*3+r)%5)
		}
		delete(want, "report/1")
		tab.removeReport("report/1")
		checkEntityTable(t, tab, want)
	}
	if len(tab.recs) > 20 || len(tab.blocks.recs) > 4 {
		t.Errorf("%d records and %d blocks for at most 20 entities of 4 reports: freed ones not reused", len(tab.recs), len(tab.blocks.recs))
	}
}

// churnEntity shares its key across reports and its sentence across its
// report's entities, as real corpora do.
func churnEntity(report string, gen, i int) kg.Entity {
	e := kg.Entity{
		ID: fmt.Sprintf("entity/%s/%d/%d", report, gen, i), Kind: kg.EntityKind([]string{"PROGRAM", "INITIATIVE"}[i%2]),
		Name: fmt.Sprintf("工程%d", i), Key: fmt.Sprintf("工程%d", i), ReportID: report, RegionID: "region/150000",
		Evidence: []kg.Evidence{{ReportID: report, Section: "一、", Offset: i, Text: "实施六个工程。"}},
	}
	if i%2 == 1 {
		e.Aliases = []string{fmt.Sprintf("别名%d", gen), "另名"}
		e.Definition = "名词解释"
		e.LeadDepartment = "自治区发展改革委"
	}
	return e
}

func checkEntityTable(t *testing.T, tab *entityTable, want map[string]map[string]kg.Entity) {
	t.Helper()
	n := 0
	byKey := map[string]int{}
	for report, es := range want {
		if got := len(tab.ofReport(report)); got != len(es) {
			t.Errorf("%s: %d entities, want %d", report, got, len(es))
		}
		for id, e := range es {
			n++
			byKey[e.Key]++
			o, ok := tab.lookup(id)
			if !ok {
				t.Errorf("lookup %s: not found", id)
				continue
			}
			if got := tab.entity(o); !reflect.DeepEqual(*got, e) {
				t.Errorf("entity %s:\n got %+v\nwant %+v", id, *got, e)
			}
		}
	}
	for key, count := range byKey {
		if got := len(tab.withKey(key, nil)); got != count {
			t.Errorf("key %s: %d entities, want %d", key, got, count)
		}
	}
	if got := len(tab.all(nil)); got != n {
		t.Errorf("all: %d, want %d", got, n)
	}
	if _, ok := tab.lookup("entity/report/1/0/0"); ok && want["report/1"] == nil {
		t.Error("a removed report's entity is still found")
	}
}

// TestEntityViewReuse checks that decoding into a scratch entity leaves
// no alias or evidence of the previous one behind.
func TestEntityViewReuse(t *testing.T) {
	tab := newEntityTable()
	ords := tab.put("report/0", []kg.Entity{churnEntity("report/0", 0, 1), churnEntity("report/0", 0, 2)})
	var e kg.Entity
	tab.view(ords[0], &e)
	tab.view(ords[1], &e)
	if len(e.Aliases) != 0 || len(e.Evidence) != 1 || e.Definition != "" {
		t.Errorf("second view kept the first's fields: %+v", e)
	}
}

// TestStoreTablesHoldNoPointers guards the point of the entity, target and
// search tables: the garbage collector has nothing to mark inside them.
func TestStoreTablesHoldNoPointers(t *testing.T) {
	for _, v := range []any{entityRec{}, evidenceRec{}, targetRec{}, span{}, slot{}} {
		if typ := reflect.TypeOf(v); hasPointers(typ) {
			t.Errorf("%s holds pointers", typ)
		}
	}
}

func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return hasPointers(t.Elem())
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return false
	}
	return true
}
