// Package storetest is the behavioural suite every kg.Store passes: the
// embedded store and Neo4j are held to the same answers. Read-only checks
// share one loaded fixture (a Neo4j round trip is slow); checks that write
// open a fresh store each.
package storetest

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

// Run runs the whole suite. open returns an empty store; it is called once
// for the shared read-only fixture and once per writing subtest, and must
// arrange for the store's cleanup itself (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) kg.Store) {
	t.Run("read", func(t *testing.T) {
		f := newFixture()
		s := open(t)
		f.load(t, s)
		for _, c := range readCases {
			t.Run(c.name, func(t *testing.T) { c.fn(t, s, f) })
		}
	})
	for _, c := range writeCases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture()
			s := open(t)
			c.fn(t, s, f)
		})
	}
}

type suiteCase struct {
	name string
	fn   func(t *testing.T, s kg.Store, f *fixture)
}

var readCases = []suiteCase{
	{"Regions", testRegions},
	{"Reports", testReports},
	{"Entities", testEntities},
	{"Targets", testTargets},
	{"ReturnedValuesAreCopies", testCopies},
	{"FindRegions", testFindRegions},
	{"FindReports", testFindReports},
	{"FindEntities", testFindEntities},
	{"FindTargets", testFindTargets},
	{"TargetValues", testTargetValues},
	{"FindEdges", testFindEdges},
	{"Search", testSearch},
	{"SearchFilters", testSearchFilters},
	{"InvalidQueries", testInvalidQueries},
	{"Trace", testTrace},
	{"Walk", testWalk},
	{"Ancestors", testAncestors},
	{"CountReports", testCountReports},
	{"Canceled", testCanceled},
}

var writeCases = []suiteCase{
	{"Idempotent", testIdempotent},
	{"PutReportReplaces", testPutReportReplaces},
	{"PutReportRejects", testPutReportRejects},
	{"PutReportForeignIDs", testPutReportForeignIDs},
	{"PutReports", testPutReports},
	{"PutRegions", testPutRegions},
	{"PutLinks", testPutLinks},
	{"ReplaceLinks", testReplaceLinks},
	{"ReplaceLinksOfMany", testReplaceLinksOfMany},
	{"DeleteReports", testDeleteReports},
	{"SetContentHashes", testSetContentHashes},
	{"PutStatistics", testPutStatistics},
	{"EmptyStore", testEmptyStore},
	{"CanceledWrite", testCanceledWrite},
}

var ctx = context.Background()

// --- assertion helpers ---

// must turns a (value, error) pair into the value, failing t on error:
// must(s.Regions(ctx, ids))(t).
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := kg.ErrorCode(err); got != code {
		t.Errorf("error %v: code %q, want %q", err, got, code)
	}
}

func ids[T any](xs []*T, id func(*T) string) []string {
	out := []string{}
	for _, x := range xs {
		if x == nil {
			out = append(out, "<nil>")
			continue
		}
		out = append(out, id(x))
	}
	return out
}

func regionIDs(xs []*kg.Region) []string { return ids(xs, func(r *kg.Region) string { return r.ID }) }
func reportIDs(xs []*kg.Report) []string { return ids(xs, func(r *kg.Report) string { return r.ID }) }
func entityIDs(xs []*kg.Entity) []string { return ids(xs, func(e *kg.Entity) string { return e.ID }) }
func targetIDs(xs []*kg.Target) []string { return ids(xs, func(x *kg.Target) string { return x.ID }) }
func edgeIDs(xs []*kg.Edge) []string {
	return ids(xs, func(e *kg.Edge) string { return string(e.Type) + " " + e.FromID + " " + e.ToID })
}

// fatalUnless stops the subtest when a precondition of the next checks
// does not hold, instead of panicking on an index.
func fatalUnless(t *testing.T, cond bool, what string) {
	t.Helper()
	if !cond {
		t.Fatalf("cannot continue: %s", what)
	}
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %v\n want %v", what, got, want)
	}
}

func sorted(xs ...string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return out
}

// nonNil fails when an empty result is nil: GraphQL lists must be [] not null.
func nonNil[T any](t *testing.T, what string, xs []T) {
	t.Helper()
	if xs == nil {
		t.Errorf("%s: nil result, want an empty list", what)
	}
}

// --- read-only cases ---

func testRegions(t *testing.T, s kg.Store, f *fixture) {
	got := must(s.Regions(ctx, []string{CountyID, "region/nope", RootID, CountyID}))(t)
	eq(t, "ids with nil slot", regionIDs(got), []string{CountyID, "<nil>", RootID, CountyID})
	fatalUnless(t, len(got) == 4 && got[0] != nil, "county region missing")
	normRegion(got[0])
	want := f.regions[0]
	eq(t, "county round trip", *got[0], want)
	eq(t, "empty batch", len(must(s.Regions(ctx, nil))(t)), 0)
}

func testReports(t *testing.T, s kg.Store, f *fixture) {
	got := must(s.Reports(ctx, []string{ProvRep, "report/000000/1999", CountyRep}))(t)
	eq(t, "ids", reportIDs(got), []string{ProvRep, "<nil>", CountyRep})
	fatalUnless(t, len(got) == 3 && got[0] != nil && got[2] != nil, "reports missing")
	eq(t, "province report round trip", *got[0], f.graph(ProvRep).Report)
	eq(t, "county report round trip", *got[2], f.graph(CountyRep).Report)
}

func testEntities(t *testing.T, s kg.Store, f *fixture) {
	// a named program, an unknown id, a project, an alias holder and a task area
	got := must(s.Entities(ctx, []string{f.provSix, "entity/x", f.provProject, f.countyAlias, f.provArea}))(t)
	eq(t, "ids", entityIDs(got), []string{f.provSix, "<nil>", f.provProject, f.countyAlias, f.provArea})
	for _, i := range []int{0, 2, 3, 4} {
		normEntity(got[i])
		eq(t, "round trip of "+got[i].Name, *got[i], f.entity(got[i].ID))
	}
}

// testTargets: the target getter answers in ids order with nil slots for
// unknown ids and for ids that are no target's, and round-trips values.
func testTargets(t *testing.T, s kg.Store, f *fixture) {
	prov, county := f.graph(ProvRep).Targets, f.graph(CountyRep).Targets
	fatalUnless(t, len(prov) > 1 && len(county) > 0, "fixture targets")
	ids := []string{county[0].ID, "target/000000/1999/x", prov[1].ID, f.provSix, prov[0].ID}
	got := must(s.Targets(ctx, ids))(t)
	eq(t, "ids", targetIDs(got), []string{county[0].ID, "<nil>", prov[1].ID, "<nil>", prov[0].ID})
	for i, want := range map[int]kg.Target{0: county[0], 2: prov[1], 4: prov[0]} {
		if got[i] != nil {
			eq(t, "round trip of "+want.Indicator, *got[i], want)
		}
	}
	eq(t, "empty batch", len(must(s.Targets(ctx, nil))(t)), 0)
}

func testCopies(t *testing.T, s kg.Store, f *fixture) {
	got := must(s.Entities(ctx, []string{f.provSix}))(t)
	fatalUnless(t, len(got) == 1 && got[0] != nil && len(got[0].Aliases) > 0 && len(got[0].Evidence) > 0, "entity incomplete")
	got[0].Name = "changed"
	got[0].Aliases[0] = "changed"
	got[0].Evidence[0].Text = "changed"
	again := must(s.Entities(ctx, []string{f.provSix}))(t)
	fatalUnless(t, again[0] != nil, "entity missing")
	normEntity(again[0])
	eq(t, "entity after caller mutation", *again[0], f.entity(f.provSix))

	ts := must(s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{CountyRep}, Kind: ptr(kg.TargetPlanned)}))(t)
	fatalUnless(t, len(ts) == 1 && ts[0].MaxValue != nil, "range target missing")
	*ts[0].MaxValue = 99
	ts = must(s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{CountyRep}, Kind: ptr(kg.TargetPlanned)}))(t)
	fatalUnless(t, len(ts) == 1 && ts[0].MaxValue != nil, "range target missing")
	eq(t, "max value after caller mutation", *ts[0].MaxValue, 7.5)

	rs := must(s.FindRegions(ctx, kg.RegionFilter{Name: "戊己旗"}))(t)
	fatalUnless(t, len(rs) == 1 && len(rs[0].ShortNames) > 0, "region by name missing")
	rs[0].ShortNames[0] = "changed"
	eq(t, "short name after caller mutation",
		regionIDs(must(s.FindRegions(ctx, kg.RegionFilter{Name: "戊己"}))(t)), []string{CountyID})
}

func testFindRegions(t *testing.T, s kg.Store, f *fixture) {
	all := []string{RootID, ProvID, PrefID, CountyID, County2ID, Pref2ID}
	cases := []struct {
		name string
		f    kg.RegionFilter
		want []string
	}{
		{"all by id", kg.RegionFilter{}, sorted(all...)},
		{"level", kg.RegionFilter{Level: ptr(kg.LevelCounty)}, []string{CountyID, County2ID}},
		{"root by empty parent", kg.RegionFilter{ParentID: ptr("")}, []string{RootID}},
		{"children", kg.RegionFilter{ParentID: ptr(ProvID)}, []string{PrefID, Pref2ID}},
		{"children and level", kg.RegionFilter{ParentID: ptr(PrefID), Level: ptr(kg.LevelPrefectural)}, []string{}},
		{"official name", kg.RegionFilter{Name: "壬癸盟"}, []string{Pref2ID}},
		{"short name", kg.RegionFilter{Name: "甲乙"}, []string{ProvID}},
		{"name is exact, not substring", kg.RegionFilter{Name: "甲"}, []string{}},
		{"limit", kg.RegionFilter{Level: ptr(kg.LevelPrefectural), Limit: 1}, []string{PrefID}},
		{"within the root", kg.RegionFilter{Within: RootID}, sorted(all...)},
		{"within a prefecture", kg.RegionFilter{Within: PrefID}, []string{PrefID, CountyID, County2ID}},
		{"within a county", kg.RegionFilter{Within: CountyID}, []string{CountyID}},
		{"within and level", kg.RegionFilter{Within: ProvID, Level: ptr(kg.LevelCounty)}, []string{CountyID, County2ID}},
		{"within and name", kg.RegionFilter{Within: PrefID, Name: "甲乙"}, []string{}},
		{"within and parent", kg.RegionFilter{Within: ProvID, ParentID: ptr(PrefID)}, []string{CountyID, County2ID}},
		{"within an unknown region", kg.RegionFilter{Within: "region/999999"}, []string{}},
	}
	for _, c := range cases {
		got := must(s.FindRegions(ctx, c.f))(t)
		nonNil(t, c.name, got)
		eq(t, c.name, regionIDs(got), c.want)
	}
}

func testFindReports(t *testing.T, s kg.Store, f *fixture) {
	cases := []struct {
		name string
		f    kg.ReportFilter
		want []string
	}{
		// Ordered by region id, then year: "region/000000" < "region/910000" < …
		{"all", kg.ReportFilter{}, []string{NationRep, ProvRep, PrefRep2024, PrefRep2025, CountyRep}},
		{"region, years ascending", kg.ReportFilter{RegionIDs: []string{PrefID}}, []string{PrefRep2024, PrefRep2025}},
		{"regions", kg.ReportFilter{RegionIDs: []string{CountyID, ProvID, County2ID}}, []string{ProvRep, CountyRep}},
		{"year", kg.ReportFilter{Year: ptr(2025)}, []string{PrefRep2025}},
		{"region and year", kg.ReportFilter{RegionIDs: []string{PrefID, CountyID}, Year: ptr(2024)}, []string{PrefRep2024, CountyRep}},
		{"none", kg.ReportFilter{RegionIDs: []string{Pref2ID}}, []string{}},
		{"sources", kg.ReportFilter{Sources: []string{"910500-2025.txt", "910000-2024.txt", "none.txt"}}, []string{ProvRep, PrefRep2025}},
		{"source and region", kg.ReportFilter{Sources: []string{"910500-2025.txt", "910000-2024.txt"}, RegionIDs: []string{PrefID}}, []string{PrefRep2025}},
		{"source and year", kg.ReportFilter{Sources: []string{"910500-2025.txt", "910000-2024.txt"}, Year: ptr(2024)}, []string{ProvRep}},
		{"limit", kg.ReportFilter{Year: ptr(2024), Limit: 2}, []string{NationRep, ProvRep}},
	}
	for _, c := range cases {
		got := must(s.FindReports(ctx, c.f))(t)
		nonNil(t, c.name, got)
		eq(t, c.name, reportIDs(got), c.want)
	}
}

func testFindEntities(t *testing.T, s kg.Store, f *fixture) {
	var all []string
	for _, g := range f.reports {
		for _, e := range g.Entities {
			all = append(all, e.ID)
		}
	}
	cases := []struct {
		name string
		f    kg.EntityFilter
		want []string
	}{
		{"all by id", kg.EntityFilter{}, sorted(all...)},
		{"report", kg.EntityFilter{ReportIDs: []string{PrefRep2025}}, sorted(f.prefSix, f.prefSteel)},
		{"reports and kind", kg.EntityFilter{ReportIDs: []string{ProvRep, CountyRep}, Kind: ptr(kg.KindProject)}, sorted(f.provProject, f.countyAlias)},
		{"key across reports", kg.EntityFilter{Keys: []string{"政策落地工程"}}, sorted(f.provPolicy, f.countyPolicy)},
		{"keys", kg.EntityFilter{Keys: []string{"六个工程", "温暖工程"}}, sorted(f.provSix, f.prefSix, f.provWarm, f.prefWarm)},
		{"key and report", kg.EntityFilter{Keys: []string{"六个工程"}, ReportIDs: []string{PrefRep2025}}, []string{f.prefSix}},
		{"key and kind", kg.EntityFilter{Keys: []string{"六个工程"}, Kind: ptr(kg.KindInitiative)}, []string{}},
		{"unknown key", kg.EntityFilter{Keys: []string{"没有"}}, []string{}},
		{"limit", kg.EntityFilter{ReportIDs: []string{CountyRep}, Limit: 2}, sorted(f.countyPolicy, f.countyPush, f.countyDeep, f.countyAlias, f.countyTerm)[:2]},
		{"glossary terms", kg.EntityFilter{Kind: ptr(kg.KindTerm)}, []string{f.countyTerm}},
		{"name across reports", kg.EntityFilter{Names: []string{"政策落地"}}, sorted(f.provPolicy, f.countyPolicy)},
		{"names: each entity once", kg.EntityFilter{Names: []string{"温暖", "温暖工程"}}, sorted(f.provWarm, f.prefWarm)},
		{"name and report", kg.EntityFilter{Names: []string{"政策落地工程", "政策落地工程推进"}, ReportIDs: []string{CountyRep}}, sorted(f.countyPolicy, f.countyPush)},
		{"name and key", kg.EntityFilter{Names: []string{"温暖"}, Keys: []string{"温暖工程", "六个工程"}}, sorted(f.provWarm, f.prefWarm)},
		{"name and kind", kg.EntityFilter{Names: []string{"温暖"}, Kind: ptr(kg.KindProgram)}, []string{}},
		{"name is no key", kg.EntityFilter{Names: []string{"六个工程"}}, []string{}},
		{"name limit", kg.EntityFilter{Names: []string{"政策落地", "温暖"}, Limit: 3}, sorted(f.provPolicy, f.countyPolicy, f.provWarm, f.prefWarm)[:3]},
	}
	for _, c := range cases {
		got := must(s.FindEntities(ctx, c.f))(t)
		nonNil(t, c.name, got)
		eq(t, c.name, entityIDs(got), c.want)
	}
}

func testFindTargets(t *testing.T, s kg.Store, f *fixture) {
	tid := func(rep string, i int) string { return f.graph(rep).Targets[i].ID }
	byReport := func(xs ...string) []string { // report order, then id
		sort.Slice(xs, func(i, j int) bool {
			ri, rj := xs[i][:len("target/000000/2024")], xs[j][:len("target/000000/2024")]
			if ri != rj {
				return ri < rj
			}
			return xs[i] < xs[j]
		})
		return xs
	}
	gdp := "地区生产总值"
	cases := []struct {
		name string
		f    kg.TargetFilter
		want []string
	}{
		{"all", kg.TargetFilter{}, byReport(tid(ProvRep, 0), tid(ProvRep, 1), tid(PrefRep2024, 0), tid(CountyRep, 0), tid(CountyRep, 1))},
		{"report", kg.TargetFilter{ReportIDs: []string{CountyRep}}, byReport(tid(CountyRep, 0), tid(CountyRep, 1))},
		{"region", kg.TargetFilter{RegionIDs: []string{PrefID}}, []string{tid(PrefRep2024, 0)}},
		{"indicator", kg.TargetFilter{Indicator: gdp}, []string{tid(ProvRep, 0)}},
		{"indicator is exact", kg.TargetFilter{Indicator: "生产总值"}, []string{tid(PrefRep2024, 0)}},
		{"indicator code: every wording", kg.TargetFilter{IndicatorCode: "gdp"}, byReport(tid(ProvRep, 0), tid(PrefRep2024, 0))},
		{"indicator code and region", kg.TargetFilter{IndicatorCode: "gdp", RegionIDs: []string{PrefID, CountyID}}, []string{tid(PrefRep2024, 0)}},
		{"indicator code and name", kg.TargetFilter{IndicatorCode: "gdp", Indicator: gdp}, []string{tid(ProvRep, 0)}},
		{"unknown code", kg.TargetFilter{IndicatorCode: "no_such_code"}, []string{}},
		{"kind", kg.TargetFilter{Kind: ptr(kg.TargetResult)}, byReport(tid(ProvRep, 1), tid(CountyRep, 1))},
		{"region and kind", kg.TargetFilter{RegionIDs: []string{ProvID, CountyID}, Kind: ptr(kg.TargetPlanned)}, byReport(tid(ProvRep, 0), tid(CountyRep, 0))},
		{"report and region disagree", kg.TargetFilter{ReportIDs: []string{ProvRep}, RegionIDs: []string{CountyID}}, []string{}},
		{"year", kg.TargetFilter{Year: ptr(2023)}, byReport(tid(ProvRep, 1), tid(CountyRep, 1))},
		{"year and indicator code", kg.TargetFilter{IndicatorCode: "gdp", Year: ptr(2024)}, byReport(tid(ProvRep, 0), tid(PrefRep2024, 0))},
		{"year and region", kg.TargetFilter{RegionIDs: []string{CountyID}, Year: ptr(2024)}, []string{tid(CountyRep, 0)}},
		{"year and report", kg.TargetFilter{ReportIDs: []string{CountyRep}, Year: ptr(2023)}, []string{tid(CountyRep, 1)}},
		{"year without figures", kg.TargetFilter{Year: ptr(2030)}, []string{}},
		{"limit", kg.TargetFilter{IndicatorCode: "gdp", Limit: 1}, byReport(tid(ProvRep, 0), tid(PrefRep2024, 0))[:1]},
	}
	for _, c := range cases {
		got := must(s.FindTargets(ctx, c.f))(t)
		nonNil(t, c.name, got)
		eq(t, c.name, targetIDs(got), c.want)
	}
}

func testTargetValues(t *testing.T, s kg.Store, f *fixture) {
	for _, rep := range []string{ProvRep, CountyRep} {
		got := must(s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{rep}}))(t)
		want := slices.Clone(f.graph(rep).Targets)
		sort.Slice(want, func(i, j int) bool { return want[i].ID < want[j].ID })
		if len(got) != len(want) {
			t.Fatalf("%s: %d targets, want %d", rep, len(got), len(want))
		}
		for i := range want {
			// DeepEqual compares MaxValue by pointee: nil stays nil, 7.5 stays 7.5.
			eq(t, "target "+want[i].Indicator, *got[i], want[i])
		}
	}
}

func testFindEdges(t *testing.T, s kg.Store, f *fixture) {
	impl, part := kg.EdgeImplements, kg.EdgePartOf
	link := func(from, to string) string { return "IMPLEMENTS " + from + " " + to }
	po := func(from, to string) string { return "PART_OF " + from + " " + to }
	cases := []struct {
		name string
		f    kg.EdgeFilter
		want []string
	}{
		{"region parts", kg.EdgeFilter{Type: &part, Method: kg.MethodRegion, FromIDs: []string{CountyID, PrefID}},
			[]string{po(PrefID, ProvID), po(CountyID, PrefID)}},
		{"children of a region", kg.EdgeFilter{Type: &part, ToIDs: []string{PrefID}},
			[]string{po(CountyID, PrefID), po(County2ID, PrefID)}},
		{"root has no parent edge", kg.EdgeFilter{FromIDs: []string{RootID}}, []string{}},
		{"all links ordered", kg.EdgeFilter{Type: &impl}, sortEdges(
			link(f.countyPolicy, f.provPolicy), link(f.prefSix, f.provSix), link(f.prefWarm, f.provWarm), link(f.provArea, f.nationArea))},
		{"method", kg.EdgeFilter{Type: &impl, Method: kg.MethodAlias}, []string{link(f.provArea, f.nationArea)}},
		{"members", kg.EdgeFilter{Method: kg.MethodMember, ToIDs: []string{f.provSix}},
			sortEdges(po(f.provPolicy, f.provSix), po(f.provWarm, f.provSix))},
		{"from OR to", kg.EdgeFilter{Type: &impl, FromIDs: []string{f.countyPolicy}, ToIDs: []string{f.provSix}},
			sortEdges(link(f.countyPolicy, f.provPolicy), link(f.prefSix, f.provSix))},
		{"any type touching", kg.EdgeFilter{FromIDs: []string{f.provSix}, ToIDs: []string{f.provSix}},
			sortEdges(link(f.prefSix, f.provSix), po(f.provPolicy, f.provSix), po(f.provWarm, f.provSix), po(f.provSix, f.provArea))},
		{"limit", kg.EdgeFilter{ToIDs: []string{f.provSix}, Limit: 1}, []string{link(f.prefSix, f.provSix)}},
		{"nothing", kg.EdgeFilter{FromIDs: []string{"entity/none"}}, []string{}},
	}
	for _, c := range cases {
		got := must(s.FindEdges(ctx, c.f))(t)
		nonNil(t, c.name, got)
		eq(t, c.name, edgeIDs(got), c.want)
	}
	got := must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl, FromIDs: []string{f.provArea}}))(t)
	if len(got) == 1 {
		normEdge(got[0])
		eq(t, "link round trip", *got[0], f.links[3])
	}
	got = must(s.FindEdges(ctx, kg.EdgeFilter{FromIDs: []string{CountyID}}))(t)
	if len(got) == 1 {
		e := got[0]
		eq(t, "region edge method and confidence", []any{e.Method, e.Confidence}, []any{kg.MethodRegion, 1.0})
	}
}

func testWalk(t *testing.T, s kg.Store, f *fixture) {
	link := func(from, to string) string { return "IMPLEMENTS " + from + " " + to }
	po := func(from, to string) string { return "PART_OF " + from + " " + to }
	implements := kg.Step{Type: kg.EdgeImplements}
	members := kg.Step{Type: kg.EdgePartOf, Method: kg.MethodMember}
	anyPart := kg.Step{Type: kg.EdgePartOf}
	down := sortEdges(po(f.provPolicy, f.provSix), po(f.provWarm, f.provSix),
		link(f.prefSix, f.provSix), link(f.prefWarm, f.provWarm), link(f.countyPolicy, f.provPolicy))
	cases := []struct {
		name string
		w    kg.Walk
		want []string
	}{
		{"down: implementers, members and theirs", kg.Walk{Start: []string{f.provSix}, Via: []kg.Step{implements, members}, Down: true, MaxNodes: 6}, down},
		{"down, start given twice", kg.Walk{Start: []string{f.provSix, f.provSix}, Via: []kg.Step{members, implements}, Down: true, MaxNodes: 6}, down},
		{"down through implements only", kg.Walk{Start: []string{f.provSix}, Via: []kg.Step{implements}, Down: true, MaxNodes: 10},
			[]string{link(f.prefSix, f.provSix)}},
		{"up through implements", kg.Walk{Start: []string{f.countyPolicy}, Via: []kg.Step{implements}, MaxNodes: 10},
			[]string{link(f.countyPolicy, f.provPolicy)}},
		{"up through implements and any part", kg.Walk{Start: []string{f.countyPolicy}, Via: []kg.Step{implements, anyPart}, MaxNodes: 10},
			sortEdges(link(f.countyPolicy, f.provPolicy), po(f.provPolicy, f.provSix), po(f.provSix, f.provArea), link(f.provArea, f.nationArea))},
		{"a section edge is not a member edge", kg.Walk{Start: []string{f.provSix}, Via: []kg.Step{members}, MaxNodes: 10}, []string{}},
		{"several starts", kg.Walk{Start: []string{f.prefWarm, f.countyPolicy}, Via: []kg.Step{implements}, MaxNodes: 10},
			sortEdges(link(f.prefWarm, f.provWarm), link(f.countyPolicy, f.provPolicy))},
		{"no steps", kg.Walk{Start: []string{f.provSix}, Down: true, MaxNodes: 10}, []string{}},
		{"unknown and region starts", kg.Walk{Start: []string{"entity/none", PrefID}, Via: []kg.Step{implements, anyPart}, Down: true, MaxNodes: 10}, []string{}},
	}
	for _, c := range cases {
		got := must(s.Walk(ctx, c.w))(t)
		nonNil(t, c.name, got)
		eq(t, c.name, edgeIDs(got), c.want)
	}
	_, err := s.Walk(ctx, kg.Walk{Start: []string{f.provSix}, Via: []kg.Step{implements, members}, Down: true, MaxNodes: 5})
	wantCode(t, err, kg.ETOOLARGE)
	_, err = s.Walk(ctx, kg.Walk{Start: []string{f.provSix}, Via: []kg.Step{implements}})
	wantCode(t, err, kg.EINVALID)

	got := must(s.Walk(ctx, kg.Walk{Start: []string{f.provArea}, Via: []kg.Step{implements}, MaxNodes: 2}))(t)
	if len(got) == 1 {
		normEdge(got[0])
		eq(t, "walked edge round trip", *got[0], f.links[3])
	}
}

// sortEdges orders edge labels as (type, from, to): labels are "TYPE from to".
func sortEdges(xs ...string) []string { return sorted(xs...) }

func testSearch(t *testing.T, s kg.Store, f *fixture) {
	hits := must(s.Search(ctx, kg.SearchQuery{Text: "政策落地工程"}))(t)
	exact := sorted(f.countyPolicy, f.provPolicy)
	want := append(exact, f.countyPush, f.countyDeep, f.countyAlias, f.provSix, f.prefWarm)
	var got []string
	for i, h := range hits {
		got = append(got, h.Entity.ID)
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hit %d scores %v above hit %d (%v)", i, h.Score, i-1, hits[i-1].Score)
		}
	}
	eq(t, "ranking: exact > prefix > contains > alias > definition > evidence", got, want)
	if len(hits) == len(want) {
		eq(t, "exact hits tie", hits[0].Score, hits[1].Score)
		normEntity(hits[0].Entity)
		eq(t, "hit carries the entity", *hits[0].Entity, f.entity(hits[0].Entity.ID))
	}

	hits = must(s.Search(ctx, kg.SearchQuery{Text: "green steel"}))(t)
	eq(t, "case-insensitive", searchIDs(hits), []string{f.prefSteel})

	// Quotation marks are not part of what a user types: 六个工程 is the
	// exact name of “六个工程”, and straight quotes match curly ones.
	for _, q := range []string{"六个工程", `"六个工程"`} {
		hits = must(s.Search(ctx, kg.SearchQuery{Text: q}))(t)
		if len(hits) < 2 || hits[0].Score != kg.ScoreExactName || hits[1].Score != kg.ScoreExactName {
			t.Errorf("search %s: %d hits, first scores %v; want “六个工程” of both reports as exact names", q, len(hits), scores(hits))
		} else {
			eq(t, "search "+q, sorted(hits[0].Entity.ID, hits[1].Entity.ID), sorted(f.provSix, f.prefSix))
		}
	}

	// A glossary term is found by its name and by its definition, and
	// filtered by its kind like any entity.
	hits = must(s.Search(ctx, kg.SearchQuery{Text: "四上企业", Kind: ptr(kg.KindTerm)}))(t)
	eq(t, "glossary term by name", searchIDs(hits), []string{f.countyTerm})
	hits = must(s.Search(ctx, kg.SearchQuery{Text: "资质等级建筑业"}))(t)
	eq(t, "glossary term by definition", searchIDs(hits), []string{f.countyTerm})

	hits = must(s.Search(ctx, kg.SearchQuery{Text: "没有这个词"}))(t)
	nonNil(t, "no hits", hits)
	eq(t, "no hits", len(hits), 0)
}

func scores(hits []kg.SearchHit) []float64 {
	out := []float64{}
	for _, h := range hits[:min(len(hits), 3)] {
		out = append(out, h.Score)
	}
	return out
}

func searchIDs(hits []kg.SearchHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Entity.ID)
	}
	return out
}

func testSearchFilters(t *testing.T, s kg.Store, f *fixture) {
	q := "工程"
	cases := []struct {
		name string
		q    kg.SearchQuery
		want []string // as a set unless ordered
	}{
		{"kind", kg.SearchQuery{Text: q, Kind: ptr(kg.KindProgram)}, []string{f.provSix, f.prefSix}},
		{"regions", kg.SearchQuery{Text: q, RegionIDs: []string{PrefID}}, []string{f.prefSix, f.prefWarm}},
		{"regions, one an id full-text syntax must escape", kg.SearchQuery{Text: q, RegionIDs: []string{CountyID, `region/9" OR \`, PrefID}},
			[]string{f.prefSix, f.prefWarm, f.countyPolicy, f.countyPush, f.countyDeep, f.countyAlias}},
		{"year from", kg.SearchQuery{Text: q, YearFrom: ptr(2025)}, []string{f.prefSix}},
		{"year to", kg.SearchQuery{Text: q, YearTo: ptr(2024), RegionIDs: []string{PrefID}}, []string{f.prefWarm}},
		{"year range empty", kg.SearchQuery{Text: q, YearFrom: ptr(2026), YearTo: ptr(2030)}, []string{}},
	}
	for _, c := range cases {
		got := searchIDs(must(s.Search(ctx, c.q))(t))
		eq(t, c.name, sorted(got...), sorted(c.want...))
	}
	all := searchIDs(must(s.Search(ctx, kg.SearchQuery{Text: q}))(t))
	if len(all) < 4 {
		t.Fatalf("search %q: %d hits, want at least 4", q, len(all))
	}
	page := searchIDs(must(s.Search(ctx, kg.SearchQuery{Text: q, Offset: 1, Limit: 2}))(t))
	eq(t, "offset and limit page the ranking", page, all[1:3])
	past := must(s.Search(ctx, kg.SearchQuery{Text: q, Offset: len(all)}))(t)
	eq(t, "offset past the end", len(past), 0)

	// In any order: the same hits as a set, each with its score; a limit
	// takes that many of them, whichever.
	scores := map[string]float64{}
	for _, h := range must(s.Search(ctx, kg.SearchQuery{Text: q}))(t) {
		scores[h.Entity.ID] = h.Score
	}
	for _, c := range cases {
		c.q.AnyOrder = true
		got := must(s.Search(ctx, c.q))(t)
		eq(t, c.name+", any order", sorted(searchIDs(got)...), sorted(c.want...))
		for _, h := range got {
			eq(t, "score in any order of "+h.Entity.ID, h.Score, scores[h.Entity.ID])
		}
	}
	some := searchIDs(must(s.Search(ctx, kg.SearchQuery{Text: q, Limit: 2, AnyOrder: true}))(t))
	eq(t, "a limit in any order", len(some), 2)
	for _, id := range some {
		if _, ok := scores[id]; !ok {
			t.Errorf("any order, limit 2: %s is no hit", id)
		}
	}
}

func testInvalidQueries(t *testing.T, s kg.Store, f *fixture) {
	_, err := s.Search(ctx, kg.SearchQuery{Text: "  "})
	wantCode(t, err, kg.EINVALID)
	_, err = s.Search(ctx, kg.SearchQuery{Text: "工程", Offset: -1})
	wantCode(t, err, kg.EINVALID)
	_, err = s.Search(ctx, kg.SearchQuery{Text: "工程", Limit: -1})
	wantCode(t, err, kg.EINVALID)
	_, err = s.Search(ctx, kg.SearchQuery{Text: "工程", Offset: 1, AnyOrder: true})
	wantCode(t, err, kg.EINVALID) // no page of an unordered set
	_, err = s.FindEntities(ctx, kg.EntityFilter{Limit: -1})
	wantCode(t, err, kg.EINVALID)
}

func testTrace(t *testing.T, s kg.Store, f *fixture) {
	got := must(kg.Trace(ctx, s, f.provSix))(t)
	// Down from “六个工程”: its implementer, its members and theirs.
	want := sorted(f.provSix, f.provPolicy, f.provWarm, f.prefSix, f.prefWarm, f.countyPolicy)
	eq(t, "trace of a program", sorted(entityIDs(got)...), want)
	level := map[string]int{ProvID: 1, PrefID: 2, CountyID: 3}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if level[a.RegionID] > level[b.RegionID] ||
			level[a.RegionID] == level[b.RegionID] && a.ReportID > b.ReportID {
			t.Errorf("trace order: %s (%s) before %s (%s)", a.Name, a.ReportID, b.Name, b.ReportID)
		}
	}
	got = must(kg.Trace(ctx, s, f.countyPolicy))(t)
	eq(t, "trace goes up only through IMPLEMENTS", entityIDs(got), []string{f.provPolicy, f.countyPolicy})
	got = must(kg.Trace(ctx, s, f.countyPush))(t)
	eq(t, "unlinked entity traces to itself", entityIDs(got), []string{f.countyPush})
}

func testAncestors(t *testing.T, s kg.Store, f *fixture) {
	got := must(kg.Ancestors(ctx, s, CountyID))(t)
	eq(t, "county ancestors nearest first", regionIDs(got), []string{PrefID, ProvID, RootID})
	got = must(kg.Ancestors(ctx, s, RootID))(t)
	eq(t, "root has none", len(got), 0)
}

// --- writing cases ---

func testIdempotent(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	first := must(Dump(ctx, s))(t)
	f.load(t, s)
	eq(t, "dump after loading twice", must(Dump(ctx, s))(t), first)
	// A region batch and a report again, alone.
	ok(t, s.PutRegions(ctx, f.regions[2:3]))
	ok(t, s.PutReport(ctx, f.graph(CountyRep)))
	ok(t, s.PutLinks(ctx, f.links[:1]))
	eq(t, "dump after re-putting county report and its link", must(Dump(ctx, s))(t), first)
}

func testPutReportReplaces(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	g := f.graph(ProvRep)
	// The new version keeps “六个工程” (same id) and the task area, drops
	// the members, the project and one target, and adds an initiative.
	keep := []kg.Entity{f.entity(f.provArea), f.entity(f.provSix)}
	b := &builder{g: kg.ReportGraph{Report: g.Report}}
	b.g.Report.Title = "修订版"
	b.g.Entities = keep
	added := b.entity(kg.KindInitiative, "新行动", "新行动", b.ev("二", 1, "开展新行动。"), named(key("新行动"), stem("温暖")))
	b.partOf(added, f.provArea, kg.MethodSection)
	b.g.Targets = g.Targets[:1]
	ok(t, s.PutReport(ctx, b.g))

	rep := must(s.Reports(ctx, []string{ProvRep}))(t)
	fatalUnless(t, rep[0] != nil, "replaced report missing")
	eq(t, "report replaced", rep[0].Title, "修订版")
	ents := must(s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{ProvRep}}))(t)
	eq(t, "entities replaced", entityIDs(ents), sorted(f.provArea, f.provSix, added))
	gone := must(s.Entities(ctx, []string{f.provPolicy, f.provProject}))(t)
	eq(t, "old entities gone", entityIDs(gone), []string{"<nil>", "<nil>"})
	ts := must(s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{ProvRep}}))(t)
	eq(t, "targets replaced", targetIDs(ts), []string{g.Targets[0].ID})
	eq(t, "names replaced", entityIDs(must(s.FindEntities(ctx, kg.EntityFilter{Names: []string{"温暖", "政策落地"}}))(t)),
		sorted(added, f.prefWarm, f.countyPolicy))
	eq(t, "new names found", entityIDs(must(s.FindEntities(ctx, kg.EntityFilter{Names: []string{"新行动"}}))(t)), []string{added})
	counts := must(s.CountReports(ctx, []string{ProvRep}))(t)
	eq(t, "counts replaced", counts[0], kg.ReportCounts{ReportID: ProvRep, Programs: 2, Initiatives: 1, Targets: 1})
	impl := kg.EdgeImplements
	links := must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl}))(t)
	// Every IMPLEMENTS edge touching the old province entities vanished,
	// from below (county, prefecture) and to above (national), even where
	// the entity id survives.
	eq(t, "links touching the replaced report", edgeIDs(links), []string{})
	parts := must(s.FindEdges(ctx, kg.EdgeFilter{ToIDs: []string{f.provArea, f.provSix}}))(t)
	eq(t, "PART_OF edges are the new ones", edgeIDs(parts), []string{"PART_OF " + added + " " + f.provArea})
	// Other reports are untouched.
	other := must(s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{CountyRep}}))(t)
	eq(t, "county entities kept", len(other), 5)
	eq(t, "region edges kept", len(must(s.FindEdges(ctx, kg.EdgeFilter{FromIDs: []string{ProvID}}))(t)), 1)
}

func testPutReportRejects(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	before := must(Dump(ctx, s))(t)
	bad := f.graph(CountyRep)
	bad.Entities = slices.Clone(bad.Entities)
	bad.Entities[1].ReportID = ProvRep
	wantCode(t, s.PutReport(ctx, bad), kg.EINVALID)

	bad = f.graph(CountyRep)
	bad.Edges = []kg.Edge{{Type: kg.EdgePartOf, FromID: f.countyPolicy, ToID: f.provSix, Method: kg.MethodSection}}
	wantCode(t, s.PutReport(ctx, bad), kg.EINVALID)

	bad = f.graph(CountyRep)
	bad.Report.RegionID = kg.RegionID("999999")
	wantCode(t, s.PutReport(ctx, bad), kg.EINVALID) // entities disagree with the report's region

	bad = kg.ReportGraph{Report: f.graph(CountyRep).Report}
	bad.Report.Year = 2025 // the id says 2024
	wantCode(t, s.PutReport(ctx, bad), kg.EINVALID)

	orphan := kg.ReportGraph{Report: kg.Report{ID: kg.ReportID("999999", 2024), RegionID: kg.RegionID("999999"), Year: 2024, Title: "x", Source: "x"}}
	wantCode(t, s.PutReport(ctx, orphan), kg.ENOTFOUND)
	eq(t, "graph unchanged after rejected writes", must(Dump(ctx, s))(t), before)
}

// testPutReports: one batch gives the graph that PutReport one by one
// gives; a report given twice takes its last graph; a batch with one bad
// report writes nothing, not even the good ones before it.
func testPutReports(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	want := must(Dump(ctx, s))(t)
	ok(t, s.PutReports(ctx, f.reports))
	ok(t, s.PutLinks(ctx, f.links)) // replacing reports drops the links touching them
	eq(t, "dump after the batch", must(Dump(ctx, s))(t), want)

	first := f.graph(CountyRep)
	first.Report.Title = "初稿"
	last := f.graph(CountyRep)
	last.Report.Title = "定稿"
	ok(t, s.PutReports(ctx, []kg.ReportGraph{first, f.graph(ProvRep), last}))
	rep := must(s.Reports(ctx, []string{CountyRep}))(t)
	eq(t, "the last graph of a repeated report", rep[0].Title, "定稿")
	eq(t, "its entities once", len(must(s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{CountyRep}}))(t)), len(last.Entities))

	before := must(Dump(ctx, s))(t)
	changed := f.graph(ProvRep)
	changed.Report.Title = "不该写入"
	orphan := kg.ReportGraph{Report: kg.Report{ID: kg.ReportID("999999", 2024), RegionID: kg.RegionID("999999"), Year: 2024, Title: "x", Source: "x"}}
	wantCode(t, s.PutReports(ctx, []kg.ReportGraph{changed, orphan}), kg.ENOTFOUND)
	invalid := f.graph(CountyRep)
	invalid.Report.Year = 2025 // the id says 2024
	wantCode(t, s.PutReports(ctx, []kg.ReportGraph{changed, invalid}), kg.EINVALID)
	eq(t, "graph unchanged after rejected batches", must(Dump(ctx, s))(t), before)
	ok(t, s.PutReports(ctx, nil))
}

// testPutReportForeignIDs claims nodes of the county report from a new
// report and from a replaced one: ids start with their report's, so each
// claim is EINVALID whichever way the node would be written (alone, as a
// PART_OF endpoint, a target), and leaves the graph as it was.
func testPutReportForeignIDs(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	before := must(Dump(ctx, s))(t)
	county := f.graph(CountyRep)
	takeID := func(id string) func(*kg.Entity) { return func(e *kg.Entity) { e.ID = id } }
	cases := []struct {
		name  string
		build func(b *builder)
	}{
		{"entity", func(b *builder) {
			b.entity(kg.KindInitiative, "政策落地工程", "政策落地工程", b.ev("二", 1, "推进政策落地工程。"), takeID(f.countyPolicy))
		}},
		{"PART_OF endpoint", func(b *builder) {
			area := b.entity(kg.KindProgram, "重点工作", "重点工作", b.ev("二", 1, "重点工作。"))
			push := b.entity(kg.KindInitiative, "推进行动", "推进行动", b.ev("二", 2, "开展推进行动。"), takeID(f.countyPush))
			b.partOf(push, area, kg.MethodSection)
		}},
		{"target", func(b *builder) {
			b.target(kg.TargetPlanned, 2024, "地区生产总值", "增长", 6, nil, "%", kg.QualifierAbout, b.ev("二", 3, "地区生产总值增长6%左右。"))
			b.g.Targets[len(b.g.Targets)-1].ID = county.Targets[0].ID
		}},
	}
	for _, c := range cases {
		// A report not stored yet (庚辛县 has none) and a replacement of
		// the province report.
		for _, b := range []*builder{newReport("910526", 2024, "2024年庚辛县政府工作报告", ""),
			{g: kg.ReportGraph{Report: f.graph(ProvRep).Report}}} {
			c.build(b)
			err := s.PutReport(ctx, b.g)
			wantCode(t, err, kg.EINVALID)
			if err != nil && !strings.Contains(err.Error(), "910525/2024/") {
				t.Errorf("%s claimed by %s: error %q does not name the foreign id", c.name, b.g.Report.ID, err)
			}
		}
	}
	eq(t, "graph unchanged after conflicting writes", must(Dump(ctx, s))(t), before)
}

func testPutRegions(t *testing.T, s kg.Store, f *fixture) {
	orphan := region("920100", "某市", kg.LevelPrefectural, "920000")
	wantCode(t, s.PutRegions(ctx, []kg.Region{orphan}), kg.ENOTFOUND)
	wantCode(t, s.PutRegions(ctx, []kg.Region{{ID: "region/1", Name: "x", Level: "CITY"}}), kg.EINVALID)
	got := must(s.FindRegions(ctx, kg.RegionFilter{}))(t)
	eq(t, "rejected batches write nothing", len(got), 0)

	ok(t, s.PutRegions(ctx, f.regions))
	// Upsert moves 庚辛县 under 壬癸盟 and renames it: the old parent edge and name go.
	moved := region("910526", "庚辛区", kg.LevelCounty, "910600", "庚辛")
	ok(t, s.PutRegions(ctx, []kg.Region{moved}))
	eq(t, "old name gone", len(must(s.FindRegions(ctx, kg.RegionFilter{Name: "庚辛县"}))(t)), 0)
	eq(t, "new short name", regionIDs(must(s.FindRegions(ctx, kg.RegionFilter{Name: "庚辛"}))(t)), []string{County2ID})
	eq(t, "new parent", regionIDs(must(s.FindRegions(ctx, kg.RegionFilter{ParentID: ptr(Pref2ID)}))(t)), []string{County2ID})
	part := kg.EdgePartOf
	eq(t, "one parent edge", edgeIDs(must(s.FindEdges(ctx, kg.EdgeFilter{Type: &part, FromIDs: []string{County2ID}}))(t)),
		[]string{"PART_OF " + County2ID + " " + Pref2ID})
}

func testPutLinks(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	impl := kg.EdgeImplements
	before := edgeIDs(must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl}))(t))
	good := f.link(f.countyPush, f.provPolicy, kg.MethodAlias, 0.7)
	missing := kg.Edge{Type: kg.EdgeImplements, FromID: f.countyDeep, ToID: "entity/910000/2024/000000000000", Method: kg.MethodName}
	wantCode(t, s.PutLinks(ctx, []kg.Edge{good, missing}), kg.ENOTFOUND)
	wrongType := good
	wrongType.Type = kg.EdgePartOf
	wantCode(t, s.PutLinks(ctx, []kg.Edge{wrongType}), kg.EINVALID)
	eq(t, "rejected batches write nothing", edgeIDs(must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl}))(t)), before)

	// Upsert by (type, from, to): the second write replaces method and confidence.
	ok(t, s.PutLinks(ctx, []kg.Edge{good}))
	good.Method, good.Confidence = kg.MethodName, 1
	ok(t, s.PutLinks(ctx, []kg.Edge{good, good}))
	got := must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl, FromIDs: []string{f.countyPush}}))(t)
	if len(got) != 1 {
		t.Fatalf("links from %s: %d, want 1", f.countyPush, len(got))
	}
	normEdge(got[0])
	eq(t, "upserted link", *got[0], good)
}

func testReplaceLinks(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	impl := kg.EdgeImplements
	all := func() []string { return edgeIDs(must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl}))(t)) }
	before := all()
	// Replacing the prefecture 2025 report's links touches nothing else.
	repl := []kg.Edge{f.link(f.prefSteel, f.provArea, kg.MethodAlias, 0.6)}
	ok(t, s.ReplaceLinks(ctx, []string{PrefRep2025}, repl))
	var want []string
	for _, e := range before {
		if e != "IMPLEMENTS "+f.prefSix+" "+f.provSix {
			want = append(want, e)
		}
	}
	want = sorted(append(want, "IMPLEMENTS "+f.prefSteel+" "+f.provArea)...)
	eq(t, "after replace", all(), want)
	// PART_OF edges of the report stay.
	eq(t, "region edges stay", len(must(s.FindEdges(ctx, kg.EdgeFilter{FromIDs: []string{PrefID}}))(t)), 1)

	wrong := []kg.Edge{f.link(f.countyPolicy, f.provPolicy, kg.MethodName, 1)}
	wantCode(t, s.ReplaceLinks(ctx, []string{PrefRep2025}, wrong), kg.EINVALID)
	missing := []kg.Edge{{Type: kg.EdgeImplements, FromID: f.prefSix, ToID: "entity/none/2024/0", Method: kg.MethodName}}
	wantCode(t, s.ReplaceLinks(ctx, []string{PrefRep2025}, missing), kg.ENOTFOUND)
	eq(t, "rejected replace changes nothing", all(), want)

	ok(t, s.ReplaceLinks(ctx, []string{PrefRep2025}, nil))
	eq(t, "nil deletes the report's links", all(), sorted(slices.DeleteFunc(want, func(e string) bool {
		return e == "IMPLEMENTS "+f.prefSteel+" "+f.provArea
	})...))
}

// testReplaceLinksOfMany relinks two reports in one call: both lose their
// old links, the others keep theirs, and an edge leaving a third report
// rejects the whole call.
func testReplaceLinksOfMany(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	impl := kg.EdgeImplements
	all := func() []string { return edgeIDs(must(s.FindEdges(ctx, kg.EdgeFilter{Type: &impl}))(t)) }
	repl := []kg.Edge{
		f.link(f.prefSteel, f.provArea, kg.MethodAlias, 0.6),
		f.link(f.countyPush, f.provPolicy, kg.MethodName, 0.9),
	}
	ok(t, s.ReplaceLinks(ctx, []string{PrefRep2025, CountyRep}, repl))
	want := sorted(
		"IMPLEMENTS "+f.prefSteel+" "+f.provArea,
		"IMPLEMENTS "+f.countyPush+" "+f.provPolicy,
		"IMPLEMENTS "+f.prefWarm+" "+f.provWarm,   // 2024 report: not relinked
		"IMPLEMENTS "+f.provArea+" "+f.nationArea, // province: not relinked
	)
	eq(t, "after relinking two reports", all(), want)

	wrong := append(slices.Clone(repl), f.link(f.prefWarm, f.provWarm, kg.MethodName, 1))
	wantCode(t, s.ReplaceLinks(ctx, []string{PrefRep2025, CountyRep}, wrong), kg.EINVALID)
	wantCode(t, s.ReplaceLinks(ctx, nil, repl), kg.EINVALID)
	wantCode(t, s.ReplaceLinks(ctx, []string{CountyRep, ""}, nil), kg.EINVALID)
	eq(t, "rejected relinks change nothing", all(), want)
	ok(t, s.ReplaceLinks(ctx, nil, nil))
	eq(t, "relinking no report changes nothing", all(), want)
}

// testDeleteReports removes two reports: their nodes, targets and every
// edge touching them go, links into them from other reports included,
// and the graph equals one loaded without them.
func testDeleteReports(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	before := must(Snapshot(ctx, s))(t)
	gone := map[string]bool{ProvRep: true, CountyRep: true}
	ok(t, s.DeleteReports(ctx, []string{ProvRep, CountyRep, "report/999999/2024", ProvRep}))

	want := *before
	want.Reports = slices.DeleteFunc(slices.Clone(want.Reports), func(r *kg.Report) bool { return gone[r.ID] })
	goneEntity := map[string]bool{}
	want.Entities = slices.DeleteFunc(slices.Clone(want.Entities), func(e *kg.Entity) bool {
		goneEntity[e.ID] = gone[e.ReportID]
		return gone[e.ReportID]
	})
	want.Targets = slices.DeleteFunc(slices.Clone(want.Targets), func(x *kg.Target) bool { return gone[x.ReportID] })
	want.Edges = slices.DeleteFunc(slices.Clone(want.Edges), func(e *kg.Edge) bool { return goneEntity[e.FromID] || goneEntity[e.ToID] })
	want.normalise()
	eq(t, "graph after delete", must(Snapshot(ctx, s))(t), &want)
	eq(t, "links into deleted reports go", len(must(s.FindEdges(ctx, kg.EdgeFilter{FromIDs: []string{f.prefSix}}))(t)), 0)
	eq(t, "targets of deleted reports", len(must(s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{ProvRep, CountyRep}}))(t)), 0)
	eq(t, "counts of a deleted report", must(s.CountReports(ctx, []string{CountyRep}))(t)[0], kg.ReportCounts{ReportID: CountyRep})
	eq(t, "search no longer finds its entities", len(must(s.Search(ctx, kg.SearchQuery{Text: "惠民项目"}))(t)), 0)
	eq(t, "names of deleted entities find nothing", entityIDs(must(s.FindEntities(ctx, kg.EntityFilter{Names: []string{"政策落地", "温暖"}}))(t)), []string{f.prefWarm})
	eq(t, "regions stay", len(must(s.FindRegions(ctx, kg.RegionFilter{}))(t)), len(f.regions))

	ok(t, s.DeleteReports(ctx, nil))
	ok(t, s.PutReport(ctx, f.graph(CountyRep)))
	eq(t, "a deleted report can be stored again", reportIDs(must(s.FindReports(ctx, kg.ReportFilter{RegionIDs: []string{CountyID}}))(t)), []string{CountyRep})
}

// testSetContentHashes changes two reports' fingerprints and nothing else.
func testSetContentHashes(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	before := must(Snapshot(ctx, s))(t)
	ok(t, s.SetContentHashes(ctx, map[string]string{ProvRep: "sha256:new", CountyRep: "", "report/999999/2024": "x"}))
	after := must(Snapshot(ctx, s))(t)
	for _, r := range before.Reports {
		switch r.ID {
		case ProvRep:
			r.ContentHash = "sha256:new"
		case CountyRep:
			r.ContentHash = ""
		}
	}
	eq(t, "graph after setting fingerprints", after, before)
	ok(t, s.SetContentHashes(ctx, nil))
}

func testEmptyStore(t *testing.T, s kg.Store, f *fixture) {
	regions := must(s.FindRegions(ctx, kg.RegionFilter{}))(t)
	nonNil(t, "regions", regions)
	reports := must(s.FindReports(ctx, kg.ReportFilter{}))(t)
	nonNil(t, "reports", reports)
	ents := must(s.FindEntities(ctx, kg.EntityFilter{}))(t)
	nonNil(t, "entities", ents)
	ts := must(s.FindTargets(ctx, kg.TargetFilter{}))(t)
	nonNil(t, "targets", ts)
	es := must(s.FindEdges(ctx, kg.EdgeFilter{}))(t)
	nonNil(t, "edges", es)
	hits := must(s.Search(ctx, kg.SearchQuery{Text: "工程"}))(t)
	stats := must(s.FindStatistics(ctx, kg.StatisticFilter{}))(t)
	nonNil(t, "statistics", stats)
	eq(t, "empty store has nothing", len(regions)+len(reports)+len(ents)+len(ts)+len(es)+len(hits)+len(stats), 0)
	eq(t, "batch getters give nil slots", entityIDs(must(s.Entities(ctx, []string{"entity/a"}))(t)), []string{"<nil>"})
	eq(t, "trace of an unknown id", len(must(kg.Trace(ctx, s, "entity/a"))(t)), 0)
}

func testCountReports(t *testing.T, s kg.Store, f *fixture) {
	prov := kg.ReportID("910000", 2024)
	ids := []string{prov, "report/999999/2024", kg.ReportID("910525", 2024), prov}
	got := must(s.CountReports(ctx, ids))(t)
	want := []kg.ReportCounts{
		{ReportID: prov, Programs: 2, Initiatives: 2, Projects: 1, Targets: 1, Results: 1},
		{ReportID: "report/999999/2024"}, // unknown: zero counts, slot kept
		{ReportID: kg.ReportID("910525", 2024), Initiatives: 3, Projects: 1, Terms: 1, Targets: 1, Results: 1},
		{ReportID: prov, Programs: 2, Initiatives: 2, Projects: 1, Targets: 1, Results: 1},
	}
	eq(t, "counts", got, want)
	// Every report: the counts must agree with what the store returns.
	for _, g := range f.reports {
		c := must(s.CountReports(ctx, []string{g.Report.ID}))(t)[0]
		var n kg.ReportCounts
		n.ReportID = g.Report.ID
		for _, e := range must(s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{g.Report.ID}}))(t) {
			n.Add(e.Kind, 1)
		}
		for _, x := range must(s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{g.Report.ID}}))(t) {
			n.AddTarget(x.Kind, 1)
		}
		eq(t, "counts of "+g.Report.ID, c, n)
	}
	eq(t, "no ids", len(must(s.CountReports(ctx, nil))(t)), 0)
}

// statistic builds a statistic of the fixture with its id.
func statistic(code string, year int, source, indicator, measure, unit string, value float64, line int) kg.Statistic {
	return kg.Statistic{ID: kg.StatisticID(code, year, source, indicator, measure, unit), RegionID: kg.RegionID(code), Year: year,
		Indicator: indicator, IndicatorCode: kg.IndicatorCode(indicator, measure), Measure: measure, Value: value, Unit: unit,
		Source: source, Line: line}
}

func statisticIDs(xs []*kg.Statistic) []string {
	return ids(xs, func(x *kg.Statistic) string { return x.ID })
}

func testPutStatistics(t *testing.T, s kg.Store, f *fixture) {
	f.load(t, s)
	prefGDP := statistic("910500", 2024, "a.csv", "地区生产总值", "增长", "%", 5.5, 2)
	countyGDP := statistic("910525", 2024, "a.csv", "地区生产总值", "增长", "%", 6.1, 3)
	prefRetail := statistic("910500", 2023, "a.csv", "社会消费品零售总额", "", "亿元", 120.4, 4)
	other := statistic("910500", 2024, "b.csv", "gdp", "增长", "%", 5.4, 2)
	other.IndicatorCode = "gdp" // a file may name the indicator by its code
	ok(t, s.PutStatistics(ctx, "a.csv", []kg.Statistic{countyGDP, prefGDP, prefRetail}))
	ok(t, s.PutStatistics(ctx, "b.csv", []kg.Statistic{other}))

	all := must(s.FindStatistics(ctx, kg.StatisticFilter{}))(t)
	eq(t, "all, by region, year, id", statisticIDs(all), []string{prefRetail.ID, minID(prefGDP.ID, other.ID), maxID(prefGDP.ID, other.ID), countyGDP.ID})
	for _, st := range all {
		if st.ID == prefRetail.ID {
			eq(t, "values round-trip", *st, prefRetail)
		}
	}
	year := 2024
	eq(t, "by region", statisticIDs(must(s.FindStatistics(ctx, kg.StatisticFilter{RegionIDs: []string{CountyID}}))(t)), []string{countyGDP.ID})
	eq(t, "by code across wordings", len(must(s.FindStatistics(ctx, kg.StatisticFilter{IndicatorCode: "gdp"}))(t)), 3)
	eq(t, "by wording", len(must(s.FindStatistics(ctx, kg.StatisticFilter{Indicator: "gdp"}))(t)), 1)
	eq(t, "by year and region", statisticIDs(must(s.FindStatistics(ctx, kg.StatisticFilter{RegionIDs: []string{PrefID}, Year: &year, Sources: []string{"a.csv"}}))(t)),
		[]string{prefGDP.ID})
	eq(t, "by source", len(must(s.FindStatistics(ctx, kg.StatisticFilter{Sources: []string{"b.csv"}}))(t)), 1)
	eq(t, "limit", len(must(s.FindStatistics(ctx, kg.StatisticFilter{Limit: 2}))(t)), 2)

	// A source's statistics are replaced whole; another source's stay.
	ok(t, s.PutStatistics(ctx, "a.csv", []kg.Statistic{countyGDP}))
	eq(t, "replaced", statisticIDs(must(s.FindStatistics(ctx, kg.StatisticFilter{}))(t)), []string{other.ID, countyGDP.ID})

	// A rejected write changes nothing.
	missing := statistic("919999", 2024, "a.csv", "地区生产总值", "增长", "%", 1, 5)
	wantCode(t, s.PutStatistics(ctx, "a.csv", []kg.Statistic{prefGDP, missing}), kg.ENOTFOUND)
	badID := prefGDP
	badID.ID = "statistic/x"
	wantCode(t, s.PutStatistics(ctx, "a.csv", []kg.Statistic{badID}), kg.EINVALID)
	wantCode(t, s.PutStatistics(ctx, "c.csv", []kg.Statistic{prefGDP}), kg.EINVALID) // of another source
	wantCode(t, s.PutStatistics(ctx, "a.csv", []kg.Statistic{prefGDP, prefGDP}), kg.EINVALID)
	wantCode(t, s.PutStatistics(ctx, "", nil), kg.EINVALID)
	eq(t, "rejected writes keep the last", statisticIDs(must(s.FindStatistics(ctx, kg.StatisticFilter{}))(t)), []string{other.ID, countyGDP.ID})

	// Returned values are copies.
	got := must(s.FindStatistics(ctx, kg.StatisticFilter{RegionIDs: []string{CountyID}}))(t)
	got[0].Value = 99
	eq(t, "copies", must(s.FindStatistics(ctx, kg.StatisticFilter{RegionIDs: []string{CountyID}}))(t)[0].Value, 6.1)

	// No statistics: the source is gone.
	ok(t, s.PutStatistics(ctx, "a.csv", nil))
	eq(t, "deleted", statisticIDs(must(s.FindStatistics(ctx, kg.StatisticFilter{}))(t)), []string{other.ID})
	wantCode(t, func() error { _, err := s.FindStatistics(ctx, kg.StatisticFilter{Limit: -1}); return err }(), kg.EINVALID)
}

func minID(a, b string) string { return min(a, b) }
func maxID(a, b string) string { return max(a, b) }
