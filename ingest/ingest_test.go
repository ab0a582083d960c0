package ingest_test

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/ingest"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/store/storetest"
)

var ctx = context.Background()

var tree = sync.OnceValues(division.Load)

func newIngester(t testing.TB) (*ingest.Ingester, *memory.Store) {
	t.Helper()
	tr, err := tree()
	if err != nil {
		t.Fatal(err)
	}
	s := memory.New()
	return &ingest.Ingester{Store: s, Regions: tr}, s
}

// corpus reads the bundled reports into memory, by file name.
// samples are the five bundled reports the ingest tests and the
// IMPLEMENTS gold are written for; the real reports bundled beside them
// are measured against their own gold in the loader.
var samples = []string{"inner-mongolia-2024.txt", "jungar-banner-2023.html", "naiman-banner-2024.txt",
	"tongliao-city-2025.txt", "xilingol-league-2024.txt"}

// corpus returns the five samples by file name.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range samples {
		b, err := fs.ReadFile(data.Reports(), n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

func dump(t testing.TB, s kg.Store) string {
	t.Helper()
	d, err := storetest.Dump(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLoadCorpus(t *testing.T) {
	in, s := newIngester(t)
	res, err := in.LoadFS(ctx, data.Reports())
	if err != nil {
		t.Fatal(err)
	}
	bundled, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Loaded) != len(bundled) || len(res.Skipped) != 0 {
		t.Fatalf("loaded %v, skipped %v; want all %d loaded", res.Loaded, res.Skipped, len(bundled))
	}
	reps, err := s.FindReports(ctx, kg.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != len(bundled) {
		t.Errorf("%d reports stored, want %d", len(reps), len(bundled))
	}
	regions, err := s.FindRegions(ctx, kg.RegionFilter{Name: "鄂尔多斯市"})
	if err != nil || len(regions) != 1 {
		t.Errorf("鄂尔多斯市 must exist without a report of its own: %v %v", regions, err)
	}
	// 奈曼旗's 政策落地工程 implements the autonomous region's (issue 2).
	banner := entityByKey(t, s, kg.ReportID("150525", 2024), "政策落地工程")
	region := entityByKey(t, s, kg.ReportID("150000", 2024), "政策落地工程")
	if banner == nil || region == nil {
		t.Fatalf("政策落地工程 missing: banner %v, region %v", banner, region)
	}
	impl := kg.EdgeImplements
	edges, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &impl, FromIDs: []string{banner.ID}})
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, e := range edges {
		to = append(to, e.ToID)
		if len(e.Evidence) != 2 || e.Method == "" || e.Confidence <= 0 {
			t.Errorf("IMPLEMENTS edge without method, confidence or evidence on both sides: %+v", e)
		}
	}
	if !slices.Contains(to, region.ID) {
		t.Errorf("奈曼旗 政策落地工程 implements %v, want it to include %s", to, region.ID)
	}
	// Every IMPLEMENTS edge goes from a lower level to an ancestor's report.
	all, err := s.FindEdges(ctx, kg.EdgeFilter{Type: &impl})
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := tree()
	for _, e := range all {
		ents, _ := s.Entities(ctx, []string{e.FromID, e.ToID})
		if ents[0] == nil || ents[1] == nil || !tr.IsAncestor(ents[1].RegionID, ents[0].RegionID) {
			t.Errorf("edge %s → %s does not go up the hierarchy", e.FromID, e.ToID)
		}
	}
	t.Logf("%d IMPLEMENTS edges on the sample corpus", len(all))

	// The autonomous region's “六个工程” reaches 通辽市 and 奈曼旗 (issue 2).
	six := entityByKey(t, s, kg.ReportID("150000", 2024), "六个工程")
	if six == nil {
		t.Fatal("六个工程 missing from the autonomous region's report")
	}
	traced, err := kg.Trace(ctx, s, six.ID)
	if err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for _, e := range traced {
		reached[e.ReportID] = true
	}
	for _, rep := range []string{kg.ReportID("150500", 2025), kg.ReportID("150525", 2024)} {
		if !reached[rep] {
			t.Errorf("trace of 六个工程 does not reach %s (reached %v)", rep, reached)
		}
	}
}

func BenchmarkTraceMemory(b *testing.B) {
	in, s := newIngester(b)
	if _, err := in.LoadFS(ctx, data.Reports()); err != nil {
		b.Fatal(err)
	}
	es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{kg.ReportID("150000", 2024)}, Keys: []string{"六个工程"}})
	if err != nil || len(es) != 1 {
		b.Fatalf("六个工程: %v %v", es, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if got, err := kg.Trace(ctx, s, es[0].ID); err != nil || len(got) < 3 {
			b.Fatalf("trace: %d entities, %v", len(got), err)
		}
	}
}

func entityByKey(t *testing.T, s kg.Store, reportID, key string) *kg.Entity {
	t.Helper()
	es, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{reportID}, Keys: []string{key}})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		return nil
	}
	return es[0]
}

// TestOrderIndependent: one by one in several orders, twice, and in one
// batch, loading gives the same graph.
func TestOrderIndependent(t *testing.T) {
	files := corpus(t)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)

	in, s := newIngester(t)
	if _, err := in.LoadFS(ctx, mapFS(files)); err != nil {
		t.Fatal(err)
	}
	want := dump(t, s)
	if !strings.Contains(want, "IMPLEMENTS") {
		t.Fatal("the batch load made no IMPLEMENTS edges: the comparison would be vacuous")
	}

	orders := [][]string{slices.Clone(names), reversed(names)}
	r := rand.New(rand.NewPCG(7, 11))
	for range 3 {
		o := slices.Clone(names)
		r.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
		orders = append(orders, o)
	}
	for _, order := range orders {
		in, s := newIngester(t)
		for pass := 1; pass <= 2; pass++ {
			for _, n := range order {
				if err := in.LoadReport(ctx, n, files[n]); err != nil {
					t.Fatalf("order %v: load %s: %v", order, n, err)
				}
			}
			if got := dump(t, s); got != want {
				t.Errorf("order %v, pass %d: graph differs from the batch load\n%s", order, pass, firstDiff(got, want))
			}
		}
	}
	// A second batch over a loaded store changes nothing.
	if _, err := in.LoadFS(ctx, mapFS(corpus(t))); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s); got != want {
		t.Errorf("second batch load changed the graph\n%s", firstDiff(got, want))
	}
}

func reversed(xs []string) []string {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

// firstDiff shows where two dumps part, so a failure is readable.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			lo := max(0, i-3)
			return "at line " + strconv.Itoa(i) + ":\n got:  " + strings.Join(g[lo:min(len(g), i+3)], "\n       ") +
				"\n want: " + strings.Join(w[lo:min(len(w), i+3)], "\n       ")
		}
	}
	return "lengths differ: " + strconv.Itoa(len(g)) + " vs " + strconv.Itoa(len(w)) + " lines"
}

// reportContent reads one report's entities and targets, without the source
// file name, for comparing loads of differently encoded copies.
func reportContent(t *testing.T, s kg.Store, reportID string) string {
	t.Helper()
	ents, err := s.FindEntities(ctx, kg.EntityFilter{ReportIDs: []string{reportID}})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := s.FindTargets(ctx, kg.TargetFilter{ReportIDs: []string{reportID}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range ents {
		b.WriteString(e.ID + " " + e.Name + " " + e.Definition + "\n")
		for _, ev := range e.Evidence {
			b.WriteString("  " + ev.Section + " " + strconv.Itoa(ev.Offset) + " " + ev.Text + "\n")
		}
	}
	for _, x := range ts {
		b.WriteString(x.ID + " " + x.Indicator + " " + kg.FormatValue(x.Value) + x.Unit + "\n")
	}
	return b.String()
}

func TestBadInput(t *testing.T) {
	files := corpus(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(files["naiman-banner-2024.txt"])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The encoded copies stand in for their originals, which stay out of
	// the directory so each report has one file.
	for n, b := range files {
		if n != "naiman-banner-2024.txt" && n != "tongliao-city-2025.txt" {
			write(n, b)
		}
	}
	write("naiman-gb18030.txt", gb)
	write("tongliao-utf16.txt", utf16LE(files["tongliao-city-2025.txt"]))
	write("empty.txt", nil)
	write("binary.bin", binaryBytes())
	write("notes.txt", []byte(strings.Repeat("今天天气很好，我们去公园散步，看到很多花。\n", 40)))
	const limit = 1 << 20
	write("huge.txt", bytes.Repeat([]byte("政府工作报告。"), limit/21+10))

	var logBuf bytes.Buffer
	in, s := newIngester(t)
	in.MaxFileSize = limit
	in.Log = slog.New(slog.NewTextHandler(&logBuf, nil))
	res, err := in.LoadFiles(ctx, []string{dir, filepath.Join(dir, "missing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	loaded := map[string]bool{}
	for _, p := range res.Loaded {
		loaded[filepath.Base(p)] = true
	}
	for _, n := range []string{"naiman-gb18030.txt", "tongliao-utf16.txt", "inner-mongolia-2024.txt", "jungar-banner-2023.html", "xilingol-league-2024.txt"} {
		if !loaded[n] {
			t.Errorf("%s not loaded (skipped: %v)", n, res.Skipped)
		}
	}
	skipped := map[string]string{}
	for _, sk := range res.Skipped {
		skipped[filepath.Base(sk.File)] = sk.Reason
		if sk.Reason == "" || !strings.HasPrefix(sk.String(), "skip "+sk.File+": ") {
			t.Errorf("skip line %q must name the file and a reason", sk.String())
		}
	}
	for _, n := range []string{"empty.txt", "binary.bin", "notes.txt", "huge.txt", "missing.txt"} {
		if _, ok := skipped[n]; !ok {
			t.Errorf("%s was not skipped", n)
		}
		if c := strings.Count(logBuf.String(), n); c != 1 {
			t.Errorf("log mentions %s %d times, want exactly one line:\n%s", n, c, logBuf.String())
		}
	}
	if len(res.Loaded)+len(res.Skipped) != 10 {
		t.Errorf("%d loaded + %d skipped, want 10 paths accounted for", len(res.Loaded), len(res.Skipped))
	}
	t.Logf("skips: %v", res.Skipped)

	// The encoded copies give the same content as the originals.
	ref, refStore := newIngester(t)
	if _, err := ref.LoadFS(ctx, mapFS(corpus(t))); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{kg.ReportID("150525", 2024), kg.ReportID("150500", 2025)} {
		got, want := reportContent(t, s, id), reportContent(t, refStore, id)
		if want == "" || got != want {
			t.Errorf("%s from an encoded copy differs from the UTF-8 original\n%s", id, firstDiff(got, want))
		}
	}
}

func utf16LE(b []byte) []byte {
	u := utf16.Encode([]rune(string(b)))
	out := []byte{0xFF, 0xFE}
	for _, c := range u {
		out = append(out, byte(c), byte(c>>8))
	}
	return out
}

func binaryBytes() []byte {
	r := rand.New(rand.NewPCG(3, 5))
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	b[10] = 0
	return b
}

// TestDuplicateReport: two files of one report resolve to the smaller file
// name whatever the order, and the other is skipped with a reason.
func TestDuplicateReport(t *testing.T) {
	files := corpus(t)
	orig := files["naiman-banner-2024.txt"]
	var dumps []string
	for _, order := range [][]string{{"a-copy.txt", "naiman-banner-2024.txt"}, {"naiman-banner-2024.txt", "a-copy.txt"}} {
		in, s := newIngester(t)
		for _, n := range order {
			err := in.LoadReport(ctx, n, orig)
			if n == "a-copy.txt" && err != nil {
				t.Fatalf("the smaller name must load: %v", err)
			}
			if n != "a-copy.txt" && err == nil && order[0] == "a-copy.txt" {
				t.Errorf("the larger name loaded over the smaller one")
			}
		}
		reps, _ := s.Reports(ctx, []string{kg.ReportID("150525", 2024)})
		if reps[0] == nil || reps[0].Source != "a-copy.txt" {
			t.Errorf("order %v: report source %+v, want a-copy.txt", order, reps[0])
		}
		dumps = append(dumps, dump(t, s))
	}
	if dumps[0] != dumps[1] {
		t.Errorf("duplicate resolution depends on order\n%s", firstDiff(dumps[0], dumps[1]))
	}
}

func BenchmarkLoadCorpus(b *testing.B) {
	tr, err := tree()
	if err != nil {
		b.Fatal(err)
	}
	bundled, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		in := &ingest.Ingester{Store: memory.New(), Regions: tr}
		res, err := in.LoadFS(ctx, data.Reports())
		if err != nil || len(res.Loaded) != len(bundled) {
			b.Fatalf("loaded %v, err %v", res.Loaded, err)
		}
	}
}
