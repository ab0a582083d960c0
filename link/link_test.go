package link

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

const (
	lowRep = "report/150525/2024"
	upRep  = "report/150000/2024"
)

// ent builds an entity of report rep; opts tweak it.
func ent(rep string, kind kg.EntityKind, name string, opts ...func(*kg.Entity)) *kg.Entity {
	key := kg.KeyOf(name)
	e := &kg.Entity{ID: kg.EntityID(rep, kind, key), Kind: kind, Name: name, Key: key, ReportID: rep,
		Evidence: []kg.Evidence{
			{ReportID: rep, Section: "二、工作安排 / （二）其他", Offset: 10, Text: "实施" + name + "。"},
			{ReportID: rep, Section: "三", Offset: 99, Text: "second"},
		}}
	for _, o := range opts {
		o(e)
	}
	return e
}

func aliases(a ...string) func(*kg.Entity) { return func(e *kg.Entity) { e.Aliases = a } }

// heading makes e a task area: its first evidence is its own heading.
func heading(e *kg.Entity) {
	e.Evidence[0].Section = "二、2024年工作安排 / （一）" + e.Name
	e.Evidence[0].Text = e.Name
}

func TestImplements(t *testing.T) {
	P, I, J := kg.KindProgram, kg.KindInitiative, kg.KindProject
	cases := []struct {
		name       string
		low, up    *kg.Entity
		method     string // "" : no edge
		confidence float64
	}{
		{"same key", ent(lowRep, I, "政策落地工程"), ent(upRep, I, "政策落地工程"), kg.MethodName, 1},
		{"quotes do not matter", ent(lowRep, P, "六个工程"), ent(upRep, P, "“六个工程”"), kg.MethodName, 1},
		{"named campaign", ent(lowRep, I, "“工业倍增”行动"), ent(upRep, I, "工业倍增行动"), kg.MethodName, 1},
		{"phase variant", ent(lowRep, P, "“三北”六期"), ent(upRep, P, "“三北”工程"), kg.MethodAlias, 0.8},
		{"phase variant with suffix", ent(lowRep, P, "三北六期工程"), ent(upRep, P, "三北工程"), kg.MethodAlias, 0.8},
		{"quoted handle starts a full name", ent(lowRep, P, "三北防护林体系建设工程"), ent(upRep, P, "“三北”工程"), kg.MethodAlias, 0.65},
		{"alias listed above", ent(lowRep, P, "自由贸易试验区创建工程"),
			ent(upRep, P, "自贸区创建工程", aliases("自由贸易试验区创建工程")), kg.MethodAlias, 0.9},
		{"alias listed below", ent(lowRep, P, "自贸区创建工程", aliases("“自由贸易试验区创建”工程")),
			ent(upRep, P, "自由贸易试验区创建工程"), kg.MethodAlias, 0.9},
		{"shared handle, same suffix", ent(lowRep, P, "科技创新“突围”工程"), ent(upRep, P, "科技“突围”工程"), kg.MethodAlias, 0.65},
		{"shared handle, other wording", ent(lowRep, P, "“五个大起底”等专项行动"), ent(upRep, P, "“五个大起底”行动"), kg.MethodAlias, 0.65},
		{"named project", ent(lowRep, J, "广星220千伏变电站"), ent(upRep, J, "广星220千伏变电站"), kg.MethodName, 1},
		{"program across kinds", ent(lowRep, I, "温暖工程"), ent(upRep, P, "温暖工程"), kg.MethodName, 1},
		{"named campaign", ent(lowRep, I, "科尔沁沙地歼灭战"), ent(upRep, I, "科尔沁沙地歼灭战"), kg.MethodName, 1},
		{"first of a coordinated name", ent(lowRep, I, "科尔沁沙地歼灭战"), ent(upRep, I, "科尔沁和浑善达克沙地歼灭战"), kg.MethodAlias, 0.8},
		{"second of a coordinated name", ent(lowRep, I, "浑善达克沙地歼灭战"), ent(upRep, I, "科尔沁和浑善达克沙地歼灭战"), kg.MethodAlias, 0.8},
		{"two whole names joined", ent(lowRep, P, "黑土地保护工程"), ent(upRep, P, "绒山羊保种工程和黑土地保护工程"), kg.MethodAlias, 0.8},
		{"intensifier inserted", ent(lowRep, I, "服务业高质量发展三年攻坚行动"), ent(upRep, I, "服务业高质量发展三年行动"), kg.MethodAlias, 0.8},
		{"intensifier on both sides", ent(lowRep, I, "规范涉企执法专项行动"), ent(upRep, I, "规范涉企执法攻坚行动"), kg.MethodAlias, 0.8},

		{"different names", ent(lowRep, P, "温暖工程"), ent(upRep, P, "诚信建设工程"), "", 0},
		{"task-area headings never link", ent(lowRep, P, "着力推动高质量发展", heading), ent(upRep, P, "着力推动高质量发展", heading), "", 0},
		{"heading named like a program", ent(lowRep, P, "实施乡村振兴工程", heading), ent(upRep, P, "实施乡村振兴工程", heading), "", 0},
		{"lead sentences are not names", ent(lowRep, I, "抓好项目投资"), ent(upRep, I, "抓好项目投资"), "", 0},
		{"short key", ent(lowRep, P, "“双碳”"), ent(upRep, P, "双碳"), "", 0},
		{"generic stem", ent(lowRep, P, "民生工程"), ent(upRep, P, "民生工程"), "", 0},
		{"generic phrase", ent(lowRep, P, "重点项目"), ent(upRep, P, "重点项目"), "", 0},
		{"generic stem variant", ent(lowRep, P, "“民生”行动"), ent(upRep, P, "民生工程"), "", 0},
		{"period is not a program", ent(lowRep, P, "十四五农业发展计划"), ent(upRep, P, "“十四五”规划"), "", 0},
		{"counted umbrellas differ", ent(lowRep, P, "“六个行动”"), ent(upRep, P, "“六个工程”"), "", 0},
		{"shared handle, other suffix", ent(lowRep, P, "科技创新“突围”工程"), ent(upRep, I, "“突围”行动"), "", 0},
		{"handle that is the whole name", ent(lowRep, P, "“五个千万工程”"), ent(upRep, P, "“千万工程”"), "", 0},
		{"counted handle", ent(lowRep, P, "“十大”民生工程"), ent(upRep, P, "“十大”产业工程"), "", 0},
		{"quoted generic works", ent(lowRep, P, "“半拉子”工程"), ent(upRep, P, "“半拉子”工程"), "", 0},
		{"a tail that is not the other part", ent(lowRep, I, "科尔沁防沙歼灭战"), ent(upRep, I, "科尔沁和浑善达克沙地歼灭战"), "", 0},
		{"a word joined with 和 is no name", ent(lowRep, P, "风电光伏工程"), ent(upRep, P, "和美乡村工程"), "", 0},
		{"only intensifiers differ, generic rest", ent(lowRep, I, "专项整治行动"), ent(upRep, I, "整治行动"), "", 0},
		{"project never implements a program", ent(lowRep, J, "政策落地工程"), ent(upRep, P, "政策落地工程"), "", 0},
		{"projects link by exact name only", ent(lowRep, J, "三北六期工程项目"), ent(upRep, J, "三北工程项目"), "", 0},
		{"sentence-long projects do not link", ent(lowRep, J, "新建改造城市燃气管网，惠及居民"), ent(upRep, J, "新建改造城市燃气管网，惠及居民"), "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Implements([]*kg.Entity{c.low}, []*kg.Entity{c.up})
			if c.method == "" {
				if len(got) != 0 {
					t.Fatalf("want no edge, got %+v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one edge, got %d", len(got))
			}
			want := kg.Edge{Type: kg.EdgeImplements, FromID: c.low.ID, ToID: c.up.ID, Method: c.method,
				Confidence: c.confidence, Evidence: []kg.Evidence{c.low.Evidence[0], c.up.Evidence[0]}}
			if !reflect.DeepEqual(got[0], want) {
				t.Errorf("got  %+v\nwant %+v", got[0], want)
			}
		})
	}
}

func TestImplementsPrefersStrongestSameKind(t *testing.T) {
	low := ent(lowRep, kg.KindProgram, "“六个工程”")
	upInit := ent(upRep, kg.KindInitiative, "六个工程")
	upProg := ent(upRep, kg.KindProgram, "六个工程")
	upWeak := ent(upRep, kg.KindProgram, "六个工程建设行动")
	got := Implements([]*kg.Entity{low}, []*kg.Entity{upInit, upWeak, upProg})
	if len(got) != 1 || got[0].ToID != upProg.ID {
		t.Fatalf("want one edge to the program, got %+v", got)
	}
}

func TestImplementsDeterministic(t *testing.T) {
	var lower, upper []*kg.Entity
	for _, n := range []string{"政策落地工程", "温暖工程", "“三北”六期", "诚信建设工程", "抓好项目投资", "科技“突围”工程"} {
		lower = append(lower, ent(lowRep, kg.KindInitiative, n))
	}
	for _, n := range []string{"政策落地工程", "“温暖”工程", "“三北”工程", "科技突围工程", "自贸区创建工程"} {
		upper = append(upper, ent(upRep, kg.KindProgram, n))
	}
	want := Implements(lower, upper)
	if len(want) != 4 {
		t.Fatalf("want 4 edges (政策落地, 温暖, 三北, 突围), got %d: %+v", len(want), want)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		r.Shuffle(len(lower), func(i, j int) { lower[i], lower[j] = lower[j], lower[i] })
		r.Shuffle(len(upper), func(i, j int) { upper[i], upper[j] = upper[j], upper[i] })
		if got := Implements(lower, upper); !reflect.DeepEqual(got, want) {
			t.Fatalf("order changed the result:\n got  %+v\nwant %+v", got, want)
		}
	}
	for i := 1; i < len(want); i++ {
		if want[i-1].FromID > want[i].FromID {
			t.Errorf("edges not ordered by FromID")
		}
	}
}

func TestImplementsEmpty(t *testing.T) {
	if got := Implements(nil, []*kg.Entity{ent(upRep, kg.KindProgram, "温暖工程")}); len(got) != 0 {
		t.Errorf("no lower entities: got %v", got)
	}
	if got := Implements([]*kg.Entity{nil, ent(lowRep, kg.KindProgram, "温暖工程")}, nil); len(got) != 0 {
		t.Errorf("no upper entities: got %v", got)
	}
}

// TestImplementsFallsThroughTiers: a same-key candidate of the wrong kind
// (a project) must not hide a weaker but valid match.
func TestImplementsFallsThroughTiers(t *testing.T) {
	low := ent(lowRep, kg.KindProgram, "温暖工程")
	proj := ent(upRep, kg.KindProject, "温暖工程")
	prog := ent(upRep, kg.KindProgram, "温暖惠民工程", aliases("温暖工程"))
	got := Implements([]*kg.Entity{low}, []*kg.Entity{proj, prog})
	if len(got) != 1 || got[0].ToID != prog.ID || got[0].Method != kg.MethodAlias {
		t.Fatalf("want an alias edge to the program, got %+v", got)
	}
	ix := NewIndex([]*kg.Entity{proj, prog})
	for range 2 { // an index is reusable
		if again := ix.Implements([]*kg.Entity{low}); !reflect.DeepEqual(again, got) {
			t.Fatalf("index answer %+v differs from Implements %+v", again, got)
		}
	}
}
