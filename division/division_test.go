package division_test

import (
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

func mustLoad(tb testing.TB) *division.Tree {
	tb.Helper()
	t, err := division.Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return t
}

// one returns the single region named name in the tree.
func one(tb testing.TB, tree *division.Tree, name string) kg.Region {
	tb.Helper()
	rs := tree.Lookup(name)
	if len(rs) != 1 {
		tb.Fatalf("Lookup(%q) = %d regions, want 1: %v", name, len(rs), names(rs))
	}
	return rs[0]
}

func names(rs []kg.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

func TestRoot(t *testing.T) {
	tree := mustLoad(t)
	root, ok := tree.ByCode(kg.NationalCode)
	if !ok {
		t.Fatal("no root")
	}
	want := kg.Region{ID: "region/000000", Code: "000000", Name: "中华人民共和国",
		ShortNames: []string{"全国", "中国"}, Level: kg.LevelNational}
	if !reflect.DeepEqual(root, want) {
		t.Errorf("root = %+v, want %+v", root, want)
	}
	if _, ok := tree.Parent(root.ID); ok {
		t.Error("root has a parent")
	}
	provinces := tree.Children(root.ID)
	// 31 in the statistical code plus 台湾省, 香港 and 澳门 (HK-MO-TW.json)
	if len(provinces) != 34 {
		t.Errorf("root has %d children, want 34 provincial units", len(provinces))
	}
	for _, p := range provinces {
		if p.Level != kg.LevelProvincial {
			t.Errorf("%s level %s, want PROVINCIAL", p.Name, p.Level)
		}
	}
}

func TestInnerMongolia(t *testing.T) {
	tree := mustLoad(t)
	im := one(t, tree, "内蒙古自治区")
	if im.Code != "150000" || im.Level != kg.LevelProvincial || im.ParentID != "region/000000" {
		t.Fatalf("内蒙古自治区 = %+v", im)
	}
	prefectures := tree.Children(im.ID)
	if len(prefectures) != 12 {
		t.Errorf("内蒙古 has %d leagues/cities, want 12: %v", len(prefectures), names(prefectures))
	}
	counties := 0
	for _, r := range tree.Descendants(im.ID) {
		switch r.Level {
		case kg.LevelCounty:
			counties++
		case kg.LevelPrefectural:
		default:
			t.Errorf("descendant %s has level %s", r.Name, r.Level)
		}
	}
	if counties != 103 {
		t.Errorf("内蒙古 has %d county-level units, want 103", counties)
	}
}

func TestChains(t *testing.T) {
	tree := mustLoad(t)
	tests := []struct {
		name  string
		code  string
		level kg.RegionLevel
		chain []string // ancestors, nearest first
	}{
		{"奈曼旗", "150525", kg.LevelCounty, []string{"通辽市", "内蒙古自治区", "中华人民共和国"}},
		{"准格尔旗", "150622", kg.LevelCounty, []string{"鄂尔多斯市", "内蒙古自治区", "中华人民共和国"}},
		{"锡林郭勒盟", "152500", kg.LevelPrefectural, []string{"内蒙古自治区", "中华人民共和国"}},
		{"通辽市", "150500", kg.LevelPrefectural, []string{"内蒙古自治区", "中华人民共和国"}},
		{"海拉尔区", "150702", kg.LevelCounty, []string{"呼伦贝尔市", "内蒙古自治区", "中华人民共和国"}},
		// placeholder rows (市辖区, 县, 省直辖县级行政区划) are not regions
		{"东城区", "110101", kg.LevelCounty, []string{"北京市", "中华人民共和国"}},
		{"城口县", "500229", kg.LevelCounty, []string{"重庆市", "中华人民共和国"}},
		{"神农架林区", "429021", kg.LevelCounty, []string{"湖北省", "中华人民共和国"}},
		{"石河子市", "659001", kg.LevelCounty, []string{"新疆维吾尔自治区", "中华人民共和国"}},
		// a prefecture-level city without districts is one region
		{"东莞市", "441900", kg.LevelPrefectural, []string{"广东省", "中华人民共和国"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := one(t, tree, tt.name)
			if r.Code != tt.code || r.Level != tt.level || r.ID != kg.RegionID(tt.code) {
				t.Errorf("got %+v, want code %s level %s", r, tt.code, tt.level)
			}
			if got := names(tree.Ancestors(r.ID)); !reflect.DeepEqual(got, tt.chain) {
				t.Errorf("ancestors = %v, want %v", got, tt.chain)
			}
			p, ok := tree.Parent(r.ID)
			if !ok || p.Name != tt.chain[0] || r.ParentID != p.ID {
				t.Errorf("parent = %v %v, ParentID %s", p.Name, ok, r.ParentID)
			}
			for _, a := range tree.Ancestors(r.ID) {
				if !tree.IsAncestor(a.ID, r.ID) || tree.IsAncestor(r.ID, a.ID) {
					t.Errorf("IsAncestor wrong for %s / %s", a.Name, r.Name)
				}
			}
		})
	}
}

func TestNoPlaceholdersOrZones(t *testing.T) {
	tree := mustLoad(t)
	for _, name := range []string{"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "通辽经济技术开发区", "乌拉盖管理区管委会"} {
		if rs := tree.Lookup(name); len(rs) != 0 {
			t.Errorf("Lookup(%q) = %v, want none", name, names(rs))
		}
	}
}

func TestShortNames(t *testing.T) {
	tree := mustLoad(t)
	tests := []struct {
		full string
		want []string
	}{
		{"内蒙古自治区", []string{"内蒙古"}},
		{"广西壮族自治区", []string{"广西"}},
		{"新疆维吾尔自治区", []string{"新疆"}},
		{"宁夏回族自治区", []string{"宁夏"}},
		{"西藏自治区", []string{"西藏"}},
		{"河北省", []string{"河北"}},
		{"香港特别行政区", []string{"香港"}},
		{"台湾省", []string{"台湾"}},
		{"北京市", []string{"北京"}},
		{"通辽市", []string{"通辽"}},
		{"奈曼旗", []string{"奈曼"}},
		{"准格尔旗", []string{"准格尔"}},
		{"锡林郭勒盟", []string{"锡林郭勒", "锡盟"}},
		{"阿拉善盟", []string{"阿拉善", "阿盟"}},
		{"莫力达瓦达斡尔族自治旗", []string{"莫力达瓦", "莫力达瓦旗"}},
		{"鄂温克族自治旗", []string{"鄂温克", "鄂温克旗"}},
		{"鄂伦春自治旗", []string{"鄂伦春", "鄂伦春旗"}},
		{"湘西土家族苗族自治州", []string{"湘西", "湘西州"}},
		{"博尔塔拉蒙古自治州", []string{"博尔塔拉", "博尔塔拉州"}},
		{"阿勒泰地区", []string{"阿勒泰"}},
		{"海拉尔区", []string{"海拉尔"}},
		{"白云鄂博矿区", []string{"白云鄂博"}},
		{"六枝特区", []string{"六枝"}},
		{"神农架林区", []string{"神农架", "神农架林"}},
		{"万柏林区", []string{"万柏", "万柏林"}},
		{"科尔沁左翼中旗", []string{"科尔沁左翼中", "科左中旗"}},
		{"鄂托克前旗", []string{"鄂托克前", "鄂前旗"}},
		{"石柱土家族自治县", []string{"石柱", "石柱县"}},
		{"东乡族自治县", []string{"东乡", "东乡县"}},
		{"忠县", nil}, // one character would remain
		{"城区", nil}, // likewise
		{"矿区", nil}, // the whole name is the designation
	}
	for _, tt := range tests {
		t.Run(tt.full, func(t *testing.T) {
			rs := tree.Lookup(tt.full)
			if len(rs) == 0 {
				t.Fatalf("Lookup(%q) found nothing", tt.full)
			}
			if got := rs[0].ShortNames; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ShortNames = %q, want %q", got, tt.want)
			}
			for _, s := range tt.want {
				if !slices.ContainsFunc(tree.Lookup(s), func(r kg.Region) bool { return r.ID == rs[0].ID }) {
					t.Errorf("Lookup(%q) misses %s", s, tt.full)
				}
			}
		})
	}
}

func TestLookupShared(t *testing.T) {
	tree := mustLoad(t)
	tests := []struct {
		name    string
		min     int
		mustSee []string // codes among the candidates
	}{
		{"新城区", 2, []string{"150102", "610102"}},
		{"城区", 2, nil},
		{"铁西区", 2, nil},
		{"锡盟", 1, []string{"152500"}},
		{" 锡林郭勒\u3000盟 ", 1, []string{"152500"}},
		{"奈 曼 旗", 1, []string{"150525"}},
		{"海南", 2, []string{"150303", "460000", "632500"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := tree.Lookup(tt.name)
			if len(rs) < tt.min {
				t.Fatalf("Lookup(%q) = %v, want at least %d", tt.name, names(rs), tt.min)
			}
			if !slices.IsSortedFunc(rs, func(a, b kg.Region) int { return strings.Compare(a.Code, b.Code) }) {
				t.Errorf("not sorted by code: %v", rs)
			}
			for _, code := range tt.mustSee {
				if !slices.ContainsFunc(rs, func(r kg.Region) bool { return r.Code == code }) {
					t.Errorf("missing %s", code)
				}
			}
		})
	}
	if rs := tree.Lookup("不存在的地方"); rs != nil {
		t.Errorf("unknown name found %v", rs)
	}
}

func TestTreeConsistency(t *testing.T) {
	tree := mustLoad(t)
	all := tree.Regions()
	if !slices.IsSortedFunc(all, func(a, b kg.Region) int { return strings.Compare(a.Code, b.Code) }) {
		t.Fatal("Regions not sorted by code")
	}
	if n := len(tree.Descendants("region/000000")); n != len(all)-1 {
		t.Errorf("root has %d descendants, want %d", n, len(all)-1)
	}
	names := map[string]bool{}
	for _, n := range tree.Names() {
		names[n] = true
	}
	for _, r := range all {
		if r.ID != kg.RegionID(r.Code) || len(r.Code) != 6 {
			t.Errorf("bad id/code %+v", r)
		}
		got, ok := tree.ByID(r.ID)
		if !ok || got.Code != r.Code {
			t.Errorf("ByID(%s) = %v, %v", r.ID, got, ok)
		}
		if !names[r.Name] {
			t.Errorf("Names misses %s", r.Name)
		}
		for _, s := range r.ShortNames {
			if !names[s] {
				t.Errorf("Names misses short name %s", s)
			}
		}
		if r.Code == kg.NationalCode {
			continue
		}
		p, ok := tree.Parent(r.ID)
		if !ok || p.Level.Rank() >= r.Level.Rank() {
			t.Errorf("%s: bad parent %+v", r.Name, p)
		}
		// GB/T 2260 codes are hierarchical: a child shares its parent's prefix
		prefix := strings.TrimRight(p.Code, "0")
		if len(prefix)%2 == 1 {
			prefix += "0"
		}
		if !strings.HasPrefix(r.Code, prefix) {
			t.Errorf("%s %s does not extend parent code %s", r.Name, r.Code, p.Code)
		}
		if !slices.ContainsFunc(tree.Children(p.ID), func(c kg.Region) bool { return c.ID == r.ID }) {
			t.Errorf("%s missing from its parent's children", r.Name)
		}
	}
	if _, ok := tree.ByID("report/150525/2024"); ok {
		t.Error("ByID accepted a non-region id")
	}
	if tree.Ancestors("region/999999") != nil || tree.Children("region/999999") != nil {
		t.Error("unknown id has relatives")
	}
}

func TestMentions(t *testing.T) {
	tree := mustLoad(t)
	type m struct {
		name   string
		offset int
		n      int // number of candidates
	}
	tests := []struct {
		text string
		want []m
	}{
		{"内蒙古自治区通辽市奈曼旗", []m{{"内蒙古自治区", 0, 1}, {"通辽市", 18, 1}, {"奈曼旗", 27, 1}}},
		{"锡盟和锡林郭勒盟", []m{{"锡盟", 0, 1}, {"锡林郭勒盟", 9, 1}}},
		{"现代化奈曼建设", []m{{"奈曼", 9, 1}}},
		{"abc 准格尔旗。", []m{{"准格尔旗", 4, 1}}},
		{"没有地名的句子", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []m
			for _, x := range tree.Mentions(tt.text) {
				if tt.text[x.Offset:x.Offset+len(x.Name)] != x.Name {
					t.Errorf("offset %d does not point at %s", x.Offset, x.Name)
				}
				got = append(got, m{x.Name, x.Offset, len(x.RegionIDs)})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Mentions = %v, want %v", got, tt.want)
			}
		})
	}
	ms := tree.Mentions("新城区")
	if len(ms) != 1 || len(ms[0].RegionIDs) < 2 || !ms[0].Full {
		t.Errorf("新城区 mention = %+v, want one full-name mention with several candidates", ms)
	}
	if ms := tree.Mentions("锡盟"); len(ms) != 1 || ms[0].Full {
		t.Errorf("锡盟 mention = %+v, want one short-name mention", ms)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := division.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMentions(b *testing.B) {
	tree := mustLoad(b)
	text := strings.Repeat("2023年，全旗地区生产总值完成146亿元，现代化奈曼建设迈出坚实步伐，通辽市和内蒙古自治区支持力度加大。", 200)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tree.Mentions(text)
	}
}

// BenchmarkMentionsReports scans the five bundled reports, whose density of
// region names is that of real reports.
func BenchmarkMentionsReports(b *testing.B) {
	tree := mustLoad(b)
	var texts []string
	size := 0
	err := fs.WalkDir(data.Reports(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(data.Reports(), path)
		texts = append(texts, string(raw))
		size += len(raw)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			tree.Mentions(text)
		}
	}
}

// FuzzMentions checks on arbitrary bytes that every mention points at its
// name, mentions do not overlap and come in text order.
func FuzzMentions(f *testing.F) {
	f.Add("内蒙古自治区通辽市奈曼旗")
	f.Add("锡\xff盟锡林郭勒\xe5\x85盟")
	tree := mustLoad(f)
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, m := range tree.Mentions(text) {
			if m.Offset < end || m.Offset+len(m.Name) > len(text) || text[m.Offset:m.Offset+len(m.Name)] != m.Name {
				t.Fatalf("bad mention %+v in %q", m, text)
			}
			if len(m.RegionIDs) == 0 {
				t.Fatalf("mention %q without regions", m.Name)
			}
			end = m.Offset + len(m.Name)
		}
	})
}
