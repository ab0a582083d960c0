package loader

import (
	"context"
	"io/fs"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/kg"
)

func mustLoad(t testing.TB, name string) kg.ReportGraph {
	t.Helper()
	g, _, err := loadSample(t, name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return g
}

func entityByKey(g kg.ReportGraph, kind kg.EntityKind, name string) *kg.Entity {
	key := kg.KeyOf(name)
	for i := range g.Entities {
		if g.Entities[i].Kind == kind && g.Entities[i].Key == key {
			return &g.Entities[i]
		}
	}
	return nil
}

// Must hold (issue 2): task areas per report.
func TestTaskAreasPerReport(t *testing.T) {
	tests := []struct {
		file string
		want int
	}{
		{"inner-mongolia-2024.txt", 10},
		{"tongliao-city-2025.txt", 7},
		{"xilingol-league-2024.txt", 7},
		{"naiman-banner-2024.txt", 7},
		{"jungar-banner-2023.html", 6},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			g := mustLoad(t, tt.file)
			if got := len(newView(g, "").taskAreas()); got != tt.want {
				t.Errorf("task areas = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestTaskAreaMarkMatchesHeadings: on every bundled report, the programs
// marked TaskArea are exactly those whose evidence is their own area
// heading, and every one is a program.
func TestTaskAreaMarkMatchesHeadings(t *testing.T) {
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, e := range entries {
		g := mustLoad(t, e.Name())
		v := newView(g, "")
		marked, headed := sortedIDs(v.taskAreas()), sortedIDs(v.headingAreas())
		if !slices.Equal(marked, headed) {
			t.Errorf("%s: marked %v, headed %v", e.Name(), marked, headed)
		}
		for _, a := range v.taskAreas() {
			if a.Kind != kg.KindProgram {
				t.Errorf("%s: task area %s is a %s", e.Name(), a.Name, a.Kind)
			}
		}
		total += len(marked)
	}
	if total == 0 {
		t.Fatal("no task area in any bundled report")
	}
}

func sortedIDs(es []*kg.Entity) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	return ids
}

// Must hold: the autonomous region's “六个工程” is a program with its six
// member 工程 as parts.
func TestSixProjectsProgramHasSixParts(t *testing.T) {
	g := mustLoad(t, "inner-mongolia-2024.txt")
	six := entityByKey(g, kg.KindProgram, "“六个工程”")
	if six == nil {
		t.Fatal("no PROGRAM “六个工程”")
	}
	if !strings.Contains(six.Definition, "政策落地工程") {
		t.Errorf("definition = %q", six.Definition)
	}
	parts := map[string]bool{}
	for _, e := range g.Edges {
		if e.Type == kg.EdgePartOf && e.ToID == six.ID && e.Method == kg.MethodMember {
			for _, x := range g.Entities {
				if x.ID == e.FromID {
					parts[x.Key] = true
				}
			}
		}
	}
	want := []string{"政策落地工程", "防沙治沙和风电光伏一体化工程", "温暖工程", "诚信建设工程", "科技突围工程", "自贸区创建工程"}
	if len(parts) != len(want) {
		t.Errorf("parts = %v, want %v", parts, want)
	}
	for _, w := range want {
		if !parts[w] {
			t.Errorf("missing part %s", w)
		}
	}
}

// Must hold: 民生实事 projects, each with its lead department where given.
func TestLivelihoodProjects(t *testing.T) {
	tests := []struct {
		file     string
		want     int
		withLead int
	}{
		{"inner-mongolia-2024.txt", 33, 33},
		{"tongliao-city-2025.txt", 25, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			g := mustLoad(t, tt.file)
			n, lead := 0, 0
			for _, e := range g.Entities {
				if e.Kind == kg.KindProject && strings.HasPrefix(e.Evidence[0].Section, "附件") {
					n++
					if e.LeadDepartment != "" {
						lead++
					}
				}
			}
			if n != tt.want || lead != tt.withLead {
				t.Errorf("民生实事 = %d (with lead %d), want %d (%d)", n, lead, tt.want, tt.withLead)
			}
		})
	}
}

// Must hold: GDP growth targets.
func TestGDPTargets(t *testing.T) {
	tests := []struct {
		file  string
		value float64
		q     kg.TargetQualifier
	}{
		{"naiman-banner-2024.txt", 8, kg.QualifierAtLeast},
		{"tongliao-city-2025.txt", 6, kg.QualifierAtLeast},
		{"inner-mongolia-2024.txt", 6, kg.QualifierAtLeast},
		{"xilingol-league-2024.txt", 6, kg.QualifierAbout},
		{"jungar-banner-2023.html", 7, kg.QualifierAtLeast},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			g := mustLoad(t, tt.file)
			for _, x := range g.Targets {
				if x.Kind == kg.TargetPlanned && x.Indicator == "地区生产总值" && x.Measure == "增长" {
					if x.Value != tt.value || x.Qualifier != tt.q || x.Unit != "%" || x.Year != g.Report.Year {
						t.Errorf("GDP target = %v %s %s year %d, want %v %s", x.Value, x.Unit, x.Qualifier, x.Year, tt.value, tt.q)
					}
					return
				}
			}
			t.Error("no GDP growth target")
		})
	}
}

// Must hold: glossary definitions attach to their entity.
func TestGlossaryDefinitionAttaches(t *testing.T) {
	g := mustLoad(t, "naiman-banner-2024.txt")
	e := entityByKey(g, kg.KindProgram, "“三项计划”")
	if e == nil {
		t.Fatal("no PROGRAM “三项计划”")
	}
	if !strings.Contains(e.Definition, "各族青少年交流计划") {
		t.Errorf("definition = %q", e.Definition)
	}
}

// Must hold: no site chrome, navigation, footer or HTML becomes an entity or
// evidence.
func TestNoChromeInGraph(t *testing.T) {
	chrome := []string{"<", ">", "首页", "导航", "ICP", "版权", "分享到", "打印", "本文地址", "转载", "主办", "网站标识码", "留言", "验证码", "本站"}
	for _, f := range []string{"inner-mongolia-2024.txt", "tongliao-city-2025.txt", "xilingol-league-2024.txt", "naiman-banner-2024.txt", "jungar-banner-2023.html"} {
		t.Run(f, func(t *testing.T) {
			g := mustLoad(t, f)
			check := func(what, s string) {
				for _, c := range chrome {
					if strings.Contains(s, c) {
						t.Errorf("%s contains %q: %.80s", what, c, s)
					}
				}
			}
			for _, e := range g.Entities {
				check("entity "+e.Name, e.Name+e.Definition)
				for _, ev := range e.Evidence {
					check("evidence of "+e.Name, ev.Text)
				}
			}
			for _, x := range g.Targets {
				check("target "+x.Indicator, x.Evidence.Text)
			}
		})
	}
}

// TestOutline: on every bundled report the outline's headings stand
// verbatim at their offsets, in order, each part ending where the next
// begins and each area inside its part; the plan's areas are its task
// areas; an ordinal, when a heading has one (甘肃 writes its parts without),
// is the heading's start.
func TestOutline(t *testing.T) {
	entries, err := fs.ReadDir(data.Reports(), ".")
	if err != nil {
		t.Fatal(err)
	}
	withOutline := 0
	for _, e := range entries {
		text, err := Normalize(sampleFile(t, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		body := []rune(text.Body)
		g := mustLoad(t, e.Name())
		out := g.Report.Outline
		if len(out) > 0 {
			withOutline++
		}
		partEnd, prevStart := -1, -1
		for i, sec := range out {
			n := len([]rune(sec.Heading))
			if sec.Start < 0 || sec.Start+n > len(body) || string(body[sec.Start:sec.Start+n]) != sec.Heading {
				t.Errorf("%s: section %d heading not at %d: %.30s", e.Name(), i, sec.Start, sec.Heading)
			}
			if sec.Start <= prevStart || sec.End < sec.Start+n {
				t.Errorf("%s: section %d spans %d..%d after %d", e.Name(), i, sec.Start, sec.End, prevStart)
			}
			if !strings.HasPrefix(sec.Heading, sec.Ordinal) {
				t.Errorf("%s: section %q has ordinal %q", e.Name(), sec.Heading, sec.Ordinal)
			}
			switch sec.Level {
			case 1:
				partEnd = sec.End
			case 2:
				if partEnd < 0 || sec.End > partEnd {
					t.Errorf("%s: area %q ends at %d, outside its part (%d)", e.Name(), sec.Heading, sec.End, partEnd)
				}
			default:
				t.Errorf("%s: section %d at level %d", e.Name(), i, sec.Level)
			}
			prevStart = sec.Start
		}
		if areas, marked := plannedAreas(out, g), len(newView(g, "").taskAreas()); areas != marked {
			t.Errorf("%s: the plan's outline has %d areas, the report %d task areas", e.Name(), areas, marked)
		}
	}
	if withOutline < len(entries)/2 {
		t.Errorf("only %d of %d bundled reports have an outline", withOutline, len(entries))
	}
}

// plannedAreas counts the level-2 sections of the part holding the task
// areas' headings.
func plannedAreas(out []kg.Section, g kg.ReportGraph) int {
	starts := map[int]bool{}
	for _, e := range g.Entities {
		if e.TaskArea {
			starts[e.Evidence[0].Offset] = true
		}
	}
	n := 0
	for _, sec := range out {
		if sec.Level == 2 && starts[sec.Start] {
			n++
		}
	}
	return n
}

// Evidence is verbatim: the text at Offset in the body is the evidence text.
func TestEvidenceIsVerbatim(t *testing.T) {
	for _, f := range []string{"inner-mongolia-2024.txt", "tongliao-city-2025.txt", "naiman-banner-2024.txt", "jungar-banner-2023.html"} {
		t.Run(f, func(t *testing.T) {
			text, err := Normalize(sampleFile(t, f))
			if err != nil {
				t.Fatal(err)
			}
			body := []rune(text.Body)
			g := mustLoad(t, f)
			check := func(ev kg.Evidence) {
				n := len([]rune(ev.Text))
				if ev.Offset < 0 || ev.Offset+n > len(body) || string(body[ev.Offset:ev.Offset+n]) != ev.Text {
					t.Errorf("evidence at %d is not verbatim: %.40s", ev.Offset, ev.Text)
				}
				if ev.ReportID != g.Report.ID {
					t.Errorf("evidence report %s, want %s", ev.ReportID, g.Report.ID)
				}
			}
			for _, e := range g.Entities {
				if len(e.Evidence) == 0 {
					t.Errorf("entity %s has no evidence", e.Name)
				}
				for _, ev := range e.Evidence {
					check(ev)
				}
			}
			for _, x := range g.Targets {
				check(x.Evidence)
			}
		})
	}
}

// One entity per (kind, key), ids derived from content, PART_OF edges
// between entities of the report, and the same input gives the same graph.
func TestGraphInvariants(t *testing.T) {
	for _, f := range []string{"inner-mongolia-2024.txt", "tongliao-city-2025.txt", "xilingol-league-2024.txt", "naiman-banner-2024.txt", "jungar-banner-2023.html"} {
		t.Run(f, func(t *testing.T) {
			g := mustLoad(t, f)
			seen := map[string]bool{}
			ids := map[string]bool{}
			for _, e := range g.Entities {
				k := string(e.Kind) + "/" + e.Key
				if seen[k] {
					t.Errorf("duplicate entity %s", k)
				}
				seen[k] = true
				if e.ID != kg.EntityID(g.Report.ID, e.Kind, e.Key) {
					t.Errorf("entity %s id %s not derived from its key", e.Name, e.ID)
				}
				if len(e.Evidence) > maxEvidence {
					t.Errorf("entity %s has %d evidence", e.Name, len(e.Evidence))
				}
				ids[e.ID] = true
			}
			from := map[string]bool{}
			for _, e := range g.Edges {
				if e.Type != kg.EdgePartOf || !ids[e.FromID] || !ids[e.ToID] || e.FromID == e.ToID {
					t.Errorf("bad edge %+v", e)
				}
				if from[e.FromID] {
					t.Errorf("entity %s has two PART_OF edges", e.FromID)
				}
				from[e.FromID] = true
			}
			again := mustLoad(t, f)
			if !reflect.DeepEqual(g, again) {
				t.Error("two loads of the same input differ")
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		want kg.EntityKind
	}{
		{"温暖工程", kg.KindProgram},
		{"政策落地工程", kg.KindProgram},
		{"“六个工程”", kg.KindProgram},
		{"“五个千万工程”", kg.KindProgram},
		{"京蒙协作六个“倍增计划”", kg.KindProgram},
		{"“三北”工程", kg.KindProgram},
		{"“六个行动”", kg.KindInitiative},
		{"生活污水处理厂改扩建工程", kg.KindProject},
		{"公安综合业务楼及附属工程", kg.KindProject},
		// work on one airport is a project; on a counted set of them a program
		{"天水机场“盖被子”工程", kg.KindProject},
		{"“一干两支”机场改造升级工程", kg.KindProgram},
		// a water transfer is built; a slogan of the same shape is a program
		{"引江济淮工程", kg.KindProject},
		{"引洮延伸增效工程", kg.KindProject},
		{"“引客入赣”工程", kg.KindProgram},
		{"引才育才工程", kg.KindProgram},
		{"广星220千伏变电站", kg.KindProject},
		{"查日苏—义隆永天然气管道", kg.KindProject},
		// A grid line, a water transfer, a site is built once: a project.
		{"渝西水资源配置工程", kg.KindProject},
		{"750千伏河西走廊北通道工程", kg.KindProject},
		{"陇电入鲁工程", kg.KindProject},
		{"黄河宁夏段河道治理工程", kg.KindProject},
		// Restoring an ecosystem or improving schools is a program.
		{"太行山生态系统修复与保护工程", kg.KindProgram},
		{"中等职业学校标准化建设和质量提升工程", kg.KindProgram},
		// A section or phase of a facility is a project too.
		{"银兰高铁中兰段", kg.KindProject},
		{"广州白云机场三期", kg.KindProject},
		{"“工业倍增”行动", kg.KindInitiative},
		{"招商引资创新年行动", kg.KindInitiative},
		{"“消费促进年”活动", kg.KindInitiative},
		{"科尔沁沙地歼灭战", kg.KindInitiative},
		{"污染防治攻坚战", kg.KindInitiative},
		{"蓝天碧水净土保卫战", kg.KindInitiative},
		{"新一轮找矿突破战略行动", kg.KindInitiative},
		{"全面节约战略", kg.KindProgram},
	}
	for _, tt := range tests {
		if got, ok := classify(tt.name); !ok || got != tt.want {
			t.Errorf("classify(%s) = %s %v, want %s", tt.name, got, ok, tt.want)
		}
	}
	if _, ok := classify("两件大事"); ok {
		t.Error("classify(两件大事) should not name a program")
	}
}

func TestFindNames(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"深入推进增量配电改革，推动广星220千伏变电站建成投运，力争受电企业突破40家。", []string{"广星220千伏变电站"}},
		{"确保查日苏—义隆永天然气管道（奈曼段）联网通气。", []string{"查日苏—义隆永天然气管道"}},
		// A short bracket inside a name is part of it; an ordinal or a
		// bracket after no Han character is a break.
		{"开工建设广珠（澳）高铁鹤洲至横琴段。", []string{"广珠（澳）高铁鹤洲至横琴段"}},
		// a highway's widening is the project when nothing names it further
		{"加快建设成渝中线高铁、成渝高速改扩建等重点工程。", []string{"成渝中线高铁", "成渝高速改扩建"}},
		{"启动锡林浩特机场改扩建二期工程。", []string{"锡林浩特机场", "锡林浩特机场改扩建二期工程"}},
		// a line's extension is the project (东延伸, 西延)
		{"建成13号线东延伸。", []string{"13号线东延伸"}},
		// a railway's spur is the project, named with the line it leaves
		{"海拉尔热电厂铁路专用线项目进展顺利。", []string{"海拉尔热电厂铁路专用线"}},
		{"建成国家数据基础设施（甘肃）区域功能节点一期项目。", []string{"国家数据基础设施（甘肃）区域功能节点一期项目"}},
		{"（三）实施科技强国行动计划。", []string{"科技强国行动计划"}},
		{"推动旗县市中（蒙）医院建设。", nil},
		// a verb right before the suffix names the work with its object;
		// after an adverb it is a verb still
		{"开工黔江至吉首高铁重庆段、福寿岩水库、川渝特高压交流加强工程等项目。", []string{"黔江至吉首高铁重庆段", "福寿岩水库", "川渝特高压交流加强工程"}},
		{"实施市区道路畅通工程。", []string{"市区道路畅通工程"}},
		{"实施国省干线“断头路”畅通工程。", []string{"国省干线“断头路”畅通工程"}},
		{"进一步畅通项目融资渠道。", nil},
		{"建立健全招商引资项目全生命周期服务体系。", nil}, // investment attracted: a kind of project
		// 和 after a facility or a finished work joins another project;
		// inside one name (…标准化建设和质量提升工程) it does not
		{"加快推进定兴、徐水百度云计算中心和阿里涿州云计算中心项目。", []string{"阿里涿州云计算中心项目"}},
		{"实施污泥焚烧处置和金丰再生资源分拣中心项目。", []string{"金丰再生资源分拣中心项目"}},
		{"实施中心城区供水主管网改扩建和农村安全饮水工程。", []string{"农村安全饮水工程"}},
		{"实施中等职业学校标准化建设和质量提升工程。", []string{"中等职业学校标准化建设和质量提升工程"}},
		// the last item of a list a batch counts is a kind; a handle
		// (“三个一批”) or an approval (获批) counts no batch
		{"开工建设一批海上风电、核电和抽水蓄能项目。", nil},
		{"累计建设24个国家现代农业产业园。", nil}, // parks counted: a kind
		// an institution's own project is named with it; a phase's
		// project keeps its 项目
		{"区人民医院远程医疗项目投入使用。", []string{"区人民医院远程医疗项目"}},
		{"做好哈克文化遗址公园二期项目前期。", []string{"哈克文化遗址公园二期项目"}},
		// a facility's 项目 is built: 项目建设 ends its name; a kind's not
		{"配合做好西山自然博物馆项目建设。", []string{"西山自然博物馆项目"}},
		{"加快重点项目建设。", nil},
		// what is prepared (项目前期) is a project; a kind is not
		{"推进盛源城市广场建设项目前期工作。", []string{"盛源城市广场建设项目"}},
		{"做深向石羊河流域调水项目前期。", []string{"向石羊河流域调水项目"}},
		{"加快推进城市轨道交通项目前期工作。", nil},
		// a short bracket inside a name, half-width as well
		{"推进省道503线(奈曼段)北延项目前期工作。", []string{"省道503线(奈曼段)北延项目"}},
		// a phase's 工程 is one work even where 工程建设 is construction
		{"推进投资5.5亿元的第十四届全国冬运会主场馆二期工程建设。", []string{"第十四届全国冬运会主场馆二期工程"}},
		{"加快重点工程建设。", nil},
		{"推进“三北”工程建设。", []string{"“三北”工程"}}, // a handle's 工程 too
		// the centre's campaign is named as every level names it
		{"中央污染防治攻坚战考核进入优秀等次。", []string{"污染防治攻坚战"}},
		{"推进国家节水行动。", []string{"国家节水行动"}}, // not a campaign of 攻坚战's kind
		// so much of a kind of work; a handle still names one
		{"新建10公里供水管网、13公里双线燃气管道。", nil},
		{"启动1.5万亩“菜篮子”工程项目。", []string{"“菜篮子”工程项目"}},
		{"实施自治区级农牧业标准化示范项目。", nil}, // a rank given
		{"打造一批农牧业、工业节水示范项目。", nil},
		{"实施“三个一批”企业集群升级版、“开发区升级”行动。", []string{"“开发区升级”行动"}},
		{"争取黄河内蒙古段河道治理工程尽快获批、引黄入呼三期工程开工。", []string{"黄河内蒙古段河道治理工程", "引黄入呼三期工程"}},
		// a kind of project: new kinds, every community's, a standard met,
		// projects by their quality; a zone before 和 is a whole name
		{"建设新型储能项目。", nil},
		{"完成社区停车综合治理项目111个，实施3万平方米标准化棚圈新建项目。", nil},
		{"大力培育引进新企业新项目。", nil},
		{"“四个十大”项目完成投资超2100亿元。", []string{"“四个十大”项目"}},
		{"建设农业现代化示范区和农村产业融合发展示范园。", nil},
		// a hub is built as a dam or a station complex; other hubs are
		// roles a place plays
		{"嘉陵江利泽航运枢纽建成投用。", []string{"嘉陵江利泽航运枢纽"}},
		{"加快保定东站综合交通枢纽建设。", []string{"保定东站综合交通枢纽"}},
		{"打造链接欧亚大陆战略枢纽和物流贸易枢纽。", nil},
		{"建设全国一体化算力网络国家枢纽节点。", nil},
		// scope before an event's edition is its name's; 顺利通过 leads
		{"全国十四届冬运会主场馆项目大道馆、短道馆主体完成封顶。", []string{"全国十四届冬运会主场馆项目"}},
		{"全市重点项目加快建设。", nil},
		{"顺利通过海拉尔农牧业标准化示范园项目验收。", []string{"海拉尔农牧业标准化示范园项目"}},
		{"顺利通过自治区级农牧业标准化示范项目验收。", nil}, // a rank given is no work
		// 等 of 中等 or 高等 closes no list; 批 of 批发 is no batch
		{"实施高等教育内涵建设工程。", []string{"高等教育内涵建设工程"}},
		{"建成万家惠农贸批发市场项目。", []string{"万家惠农贸批发市场项目"}},
		{"推进道路、桥梁等工程。", nil},
		{"完成47个老旧小区供电设施改造和1866户边远牧户通网电工程。", nil},
		// 群 after a facility suffix names a group of them; 群众 does not
		{"推进南中轴大红门博物馆群建设。", []string{"南中轴大红门博物馆群"}},
		{"中国长城博物馆群众参观踊跃。", []string{"中国长城博物馆"}},
		{"持续加强工程质量监管。", nil},
		// A line kind after two ends abbreviated names the line; alone,
		// or after a kind, it names none.
		{"京唐城际铁路、承平高速全线通车。", []string{"京唐城际铁路", "承平高速"}},
		{"规划新建城际铁路。", nil},
		{"力促石衡沧港城际铁路等建成投运。", []string{"石衡沧港城际铁路"}},
		// a building named for a facility is the name; a second facility
		// after 和 is not one
		{"实施中东铁路遗址博物馆等工程。", []string{"中东铁路遗址博物馆"}},
		// what a bracket says a work includes is named without 含; words
		// with another handle before a handle describe it
		{"做好粤东水资源优化配置工程（含龙颈水库扩建）前期工作。", []string{"粤东水资源优化配置工程", "龙颈水库"}},
		{"首条“沙戈荒”新能源外送通道“宁电入湘”工程开工。", []string{"“宁电入湘”工程"}},
		{"建成中东铁路遗址博物馆", []string{"中东铁路遗址博物馆"}},
		{"建设深圳园中央公园、鲁岗公园和一批口袋公园。", []string{"深圳园中央公园", "鲁岗公园"}},
		// a building of a hospital is named with it
		{"北大第一医院宁夏妇儿医院综合楼、宁夏盲人按摩医院等建成投用。", []string{"北大第一医院宁夏妇儿医院综合楼", "宁夏盲人按摩医院"}},
		// a protected area or zone is designated, not built; a national
		// cultural park is built
		{"巩固大熊猫国家公园建设成果，推进云阳世界地质公园创建。", nil},
		{"加快长江国家文化公园（江西段）建设。", []string{"长江国家文化公园"}},
		// 建设 after a facility ends its name, unless a suffix follows
		{"推进藻渡水库建设和文物保护工作。", []string{"藻渡水库"}},
		{"实施宁夏算力枢纽建设工程。", []string{"宁夏算力枢纽建设工程"}},
		// a kind by use is none unless something names which one
		{"确保宝古图旅游公路全线贯通，推进旅游公路、通勤机场和新一轮公园建设。", []string{"宝古图旅游公路"}},
		{"酒额铁路、中川机场环线铁路等建成投运。", []string{"酒额铁路", "中川机场环线铁路"}},
		// A section, phase or branch is part of the facility's name.
		{"加快京雄保城际保定段、荣乌高速新线一期建设。", []string{"京雄保城际保定段", "荣乌高速新线一期"}},
		{"开工渝厦高铁重庆东至黔江段，建成北京儿童医院亦庄院区。", []string{"渝厦高铁重庆东至黔江段", "北京儿童医院亦庄院区"}},
		{"推动兰州中川国际机场进入新阶段。", []string{"兰州中川国际机场"}},
		// A facility after 和 is named alone; 和 inside a place name is not a join.
		{"推进潮白河综合治理和二道河水库等重点水利工程建设。", []string{"二道河水库"}},
		{"建成呼和浩特新机场，建成开放中国长城博物馆。", []string{"呼和浩特新机场", "中国长城博物馆"}},
		// A kind of facility names none, nor does so much of one.
		{"改造病险水库12座，新改建农村公路300公里。", nil},
		{"建成13公里双线燃气管道，提速建设藻渡水库。", []string{"藻渡水库"}},
		// A suffix shared by parallel items names one campaign over them all;
		// a list of unlike items does not.
		{"深入打好蓝天、碧水、净土保卫战。", []string{"蓝天、碧水、净土保卫战"}},
		{"深入实施藏粮于地、藏粮于技战略。", []string{"藏粮于地、藏粮于技战略"}},
		{"深入实施科教兴区、科技富民战略。", []string{"科技富民战略"}},
		// A facility right before another facility suffix or 工程 is part
		// of the larger work's name; a campaign on a program is not.
		{"开工黄河黑山峡水利枢纽工程。", []string{"黄河黑山峡水利枢纽工程"}},
		{"建设海拉尔热电厂铁路专用线项目。", []string{"海拉尔热电厂铁路专用线"}}, // the spur is the work
		{"东台子水库主体工程完工。", []string{"东台子水库"}},
		// A kind of project by source, owner or size names none; nor does
		// a 项目 after a dangling 和.
		{"盘活存量外资项目，推进招商引资签约项目落地。", nil},
		{"协助做好招商引资和项目服务。", nil},
		// a verb of being chosen is no part of the name (nor, as always, a
		// scope word: 全国)
		{"永定河入选全国母亲河复苏行动。", []string{"母亲河复苏行动"}},
		// Plans a government draws up every year for a resource are no
		// programs; a counted span of years is.
		{"完成全口径政府投资计划，用地计划超年度计划。", nil},
		{"实施城乡居民增收五年计划。", []string{"城乡居民增收五年计划"}},
		// A scope word before a quoted handle says whose it is.
		{"全面落实国家“三北”工程总体规划。", []string{"“三北”工程"}},
		// 高质量 leads a verb, not a noun it names.
		{"开展高质量参保行动，高质量规划建设漫瀚调博物馆。", []string{"高质量参保行动", "漫瀚调博物馆"}},
		// How people act, a stem ending in a conjunction and a suffix
		// continued by a noun name nothing.
		{"统一思想、统一意志、统一行动，把思想和行动统一到决策部署上来。", nil},
		{"提供科学行动指南，推进社区办公用房和活动场所建设，启动新一轮三年行动。", nil},
		// 攻坚 and 斗争 end a campaign at a clause's end, after what it
		// cleans up or a four-rune stem; a field of struggle, a standing
		// task after 和 and a phrase that goes on name none.
		{"常态化开展扫黑除恶斗争，深入推进污染防治攻坚。", []string{"扫黑除恶斗争", "污染防治攻坚"}},
		{"推进党风廉政建设和反腐败斗争，开展军事斗争，巩固拓展脱贫攻坚成果。", nil},
		{"打好河西走廊—塔克拉玛干沙漠边缘阻击战。", []string{"河西走廊—塔克拉玛干沙漠边缘阻击战"}},
		// An academy, a project of a program (…工程项目), a plan of a
		// strategy and a handle for work on a facility are named whole
		// (the facility too).
		{"加强与中国工程院合作，启动1.5万亩“菜篮子”工程项目。", []string{"“菜篮子”工程项目"}},
		{"实施农网改造升级工程项目118个。", []string{"农网改造升级工程"}},
		{"深入实施新型城镇化战略五年行动计划。", []string{"新型城镇化战略五年行动计划"}},
		{"完成天水机场“盖被子”工程，推进兰州铁路枢纽优化提升工程。", []string{"天水机场", "天水机场“盖被子”工程", "兰州铁路枢纽优化提升工程"}}, // a railway hub is a role, not a work
		// Works counted by the unit are a kind; a count after a join sums
		// up a list; a discipline and a manner name nothing.
		{"实施100个社区儿童友好空间改造工程，实施杜家坎等30项市级疏堵工程。", nil},
		{"推进特色产业提质和未来产业培育四大工程，用好京津冀协同发展与“一带一路”两大国家战略。", nil},
		{"推动房屋建筑、土木工程等行业转型，以更高标准建设北京廉洁工程，落实落细民生工程。", []string{"北京廉洁工程"}},
		// A kind counted right after its name, a counted group, a verb
		// before a bare kind and kinds of project by role name nothing; a
		// count that bounds or measures something else does not count it.
		{"推进环境综合治理项目2751个，建成闽宁产业园12个。", nil},
		{"60余家医疗卫生机构与京津80多家医院开展合作，打通机场港口和铁路。", nil},
		{"成为共建“一带一路”标志性项目，加快房地产问题项目去库存。", nil},
		{"实施不锈钢深加工项目3个以上，二连浩特口岸8座以下小型车辆通关。", []string{"不锈钢深加工项目", "二连浩特口岸"}},
		{"高水平规划东山医院。", []string{"东山医院"}},
		// 积极 leads a verb only (积极应对… is the strategy's name); 服务
		// before a scope serves it; the key works of a handle are a class.
		{"实施积极应对人口老龄化国家战略，积极推进“数商兴农”行动。", []string{"积极应对人口老龄化国家战略", "“数商兴农”行动"}},
		{"我们服务国家战略，导入增量资源提升服务国家重大战略能力。", nil},
		{"“一河三山”重点工程全部建成，“大思政课”建设工程深入实施。", []string{"“大思政课”建设工程"}},
		// A footnote's mark is no part of a name; 系列 leads one; a quoted
		// handle after 和 starts a name of its own.
		{"开展“三创四建”[24]活动和系列“雄安行”活动。", []string{"“三创四建”活动", "“雄安行”活动"}},
		{"深化定点帮扶和“万企兴万村”行动。", []string{"“万企兴万村”行动"}},
		// A handle that counts days is named with whose it is.
		{"信访工作不断加强，积案化解“百日攻坚”成效显著。", []string{"积案化解“百日攻坚”"}},
		{"开展人居环境综合整治“百日攻坚”行动。", []string{"人居环境综合整治“百日攻坚”行动"}},
		// A category of projects run into a project's name heads it; a
		// branch hospital is named with its parent; an appositive dash
		// names what the words before it describe.
		{"国家重点工程包银高铁建成通车。", []string{"包银高铁"}},
		{"建成上海市第一人民医院酒泉医院、中山大学附属肿瘤医院甘肃医院。", []string{"上海市第一人民医院酒泉医院", "中山大学附属肿瘤医院甘肃医院"}},
		{"打造一座标志性公园——海拉尔河湿地公园。", []string{"海拉尔河湿地公园"}},
		{"高水平建设国际医药创新公园，建设高水平医院。", []string{"国际医药创新公园"}},
		// Kinds of line, plant or hospital, and a clause's verb of being.
		{"建设通航机场、革命老区公路和二级以上中医院，推动所有省界高速公路联网。", nil},
		{"主要指标保持中高速，改造老化燃气管道。", nil},
		// A counted handle after an enumeration sums it up; an uncounted
		// one keeps its owner. 计划生育 is no plan.
		{"打造名医、名科、名诊所“三名”工程。", []string{"“三名”工程"}},
		{"绿氢“制储输用”、氢氨谷“源网荷储”一体化项目成为示范。", []string{"氢氨谷“源网荷储”一体化项目"}},
		{"做好人口和计划生育工作。", nil},
		// An action named after a 和 is named alone.
		{"完成高职扩招和职业技能提升三年行动目标任务。", []string{"职业技能提升三年行动"}},
		{"深入实施国家节水和黄河流域深度节水控水行动。", []string{"黄河流域深度节水控水行动"}},
		{"打好科尔沁和浑善达克沙地歼灭战。", []string{"科尔沁和浑善达克沙地歼灭战"}},
		// Quoted handles sharing one suffix each name one program.
		{"推进“百团千企”“渝企出海”行动计划。", []string{"“百团千企”行动计划", "“渝企出海”行动计划"}},
		{"实施“宽带升级”和“信号升格”专项行动。", []string{"“宽带升级”专项行动", "“信号升格”专项行动"}},
		{"深入实施“人工智能+”“数据要素×”行动。", []string{"“人工智能+”行动", "“数据要素×”行动"}},
		{"荣乌、太行山、曲港、津石高速建成通车。", []string{"津石高速"}},
		// A counted umbrella is named with whose it is; a quoted name is a
		// name on its own, and a verb before it is no owner.
		{"实施文明甘肃建设“六大工程”，丰富群众精神文化生活。", []string{"文明甘肃建设“六大工程”"}},
		{"学习运用“千万工程”经验，实施先进制造业发展“渝西跨越计划”。", []string{"“千万工程”", "“渝西跨越计划”"}},
		{"迭代升级“十项行动”。", []string{"“十项行动”"}},
		// An unquoted 活动 of a kind of event names none.
		{"举办更多大型演出活动和市民系列文化活动，开展“书香京城”全民阅读活动。", []string{"“书香京城”全民阅读活动"}},
		{"接续实施“六个工程”、组织开展“六个行动”。", []string{"“六个工程”", "“六个行动”"}},
		{"深入实施“工业倍增”行动，统筹抓好产业升级。", []string{"“工业倍增”行动"}},
		{"——“三北”工程攻坚战全面打响。", []string{"“三北”工程"}},
		{"温暖工程既是民生工程、也是发展工程。", []string{"温暖工程"}},
		{"坚决打好科尔沁沙地歼灭战，深入实施“五个千万工程”。", []string{"科尔沁沙地歼灭战", "“五个千万工程”"}},
		{"深入实施新一轮找矿突破战略行动，加快天然碱开发。", []string{"新一轮找矿突破战略行动"}},
		{"实施全面节约战略，推进各类资源节约集约利用。", []string{"全面节约战略"}},
		{"要结合城市更新行动，一体推进管网更新改造。", []string{"城市更新行动"}},
		// An award, 战略 as a modifier, scope words before a generic stem.
		{"6部作品获中宣部“五个一工程”奖。", nil},
		{"我们要保持战略定力，培育壮大战略性新兴产业。", nil},
		{"坚定实施扩大内需战略，做大总量。", []string{"扩大内需战略"}},
		{"深度融入国家战略，落实区域重大战略。", nil},
		// An enumeration's ordinal and a quantity lead a name without being part of it.
		{"一是深化就业增收共富工程，二是深化教育提质扩优工程。", []string{"就业增收共富工程", "教育提质扩优工程"}},
		{"建设1.5万亩“菜篮子”工程。", []string{"“菜篮子”工程"}},
		{"推行中华古籍保护计划。", []string{"中华古籍保护计划"}},
		// Kinds of activity are no names; a quoted or specific one is.
		{"依法打击各类违法犯罪活动，广泛开展全民健身活动。", nil},
		{"开展“雄安行”活动和民族团结进步创建活动。", []string{"“雄安行”活动", "民族团结进步创建活动"}},
		// Named lines, hospitals and crossings; kinds of them, slogans and
		// the category after an enumeration's 等 are none.
		{"力促渝厦高铁、渝昆高铁加快建设，投用新皇岗口岸。", []string{"渝厦高铁", "渝昆高铁", "新皇岗口岸"}},
		{"推进三级公立医院改革，建设口袋公园100个，实现“县县通高速”。", nil},
		{"广州白云站、青茂口岸等互联互通工程加快建设。", []string{"青茂口岸"}},
		// What the text tells to clear up is no program; a rank, a length
		// and a facility's upgrade plan end no facility name.
		{"坚决防范和纠治“新形象工程”，清理“半拉子”工程。", nil},
		{"锡林浩特机场跻身百万级民航机场行列，年内新增公路里程300公里。", []string{"锡林浩特机场"}},
		{"实施中蒙俄中线铁路升级改造计划。", []string{"中蒙俄中线铁路", "中蒙俄中线铁路升级改造计划"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range findNames(tt.sentence) {
			got = append(got, n.Name)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findNames(%s) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestFindPhases(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"统筹推进“三北”六期、山水工程和欧投行贷款造林项目。", []string{"“三北”六期"}},
		{"高质量完成“三北”六期、一体化工程年度任务。", []string{"“三北”六期"}},
		{"实施“三北”六期工程。", nil},   // a name with a suffix: findNames sees it
		{"编制“三北”工程六期规划。", nil}, // a plan, not a phase
		{"推进“十四五”规划实施。", nil},
	}
	for _, tt := range tests {
		if got := findPhases(tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findPhases(%s) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestAppendixItemNamesProgram: a 民生实事 item that carries out a named
// program makes the program an entity of the report as well as the item a
// project.
func TestAppendixItemNamesProgram(t *testing.T) {
	g, _, err := loadSample(t, "inner-mongolia-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	var program, item bool
	for _, e := range g.Entities {
		if e.Key == "全民参保计划" && e.Kind == kg.KindProgram && len(e.Evidence) > 0 && strings.HasPrefix(e.Evidence[0].Section, "附件") {
			program = true
		}
		if e.Kind == kg.KindProject && strings.HasPrefix(e.Key, "深入实施全民参保计划") && e.LeadDepartment != "" {
			item = true
		}
	}
	if !program || !item {
		t.Errorf("appendix item 深入实施全民参保计划…: program %v, project %v; want both", program, item)
	}
}

func TestParseTargetItem(t *testing.T) {
	six5, five := 6.5, 5.0
	tests := []struct {
		clause string
		want   []targetValue
	}{
		{"地区生产总值增长8%以上", []targetValue{{"地区生产总值", "增长", 8, nil, "%", kg.QualifierAtLeast}}},
		{"规上工业增加值增长7%左右", []targetValue{{"规模以上工业增加值", "增长", 7, nil, "%", kg.QualifierAbout}}},
		{"地区生产总值增长6%－6.5%", []targetValue{{"地区生产总值", "增长", 6, &six5, "%", kg.QualifierRange}}},
		{"地区生产总值增长6%-6.5%", []targetValue{{"地区生产总值", "增长", 6, &six5, "%", kg.QualifierRange}}},
		{"城镇调查失业率控制在5.5%以内", []targetValue{{"城镇调查失业率", "", 5.5, nil, "%", kg.QualifierAtMost}}},
		{"居民消费价格涨幅控制在3%", []targetValue{{"居民消费价格涨幅", "", 3, nil, "%", kg.QualifierAtMost}}},
		{"城镇新增就业18万人以上", []targetValue{{"城镇新增就业", "", 18, nil, "万人", kg.QualifierAtLeast}}},
		{"一般公共预算收入同口径增长5.5%左右", []targetValue{{"一般公共预算收入", "增长", 5.5, nil, "%", kg.QualifierAbout}}},
		{"单位地区生产总值能耗降低1.6%左右", []targetValue{{"单位地区生产总值能耗", "降低", 1.6, nil, "%", kg.QualifierAbout}}},
		{"城乡居民人均可支配收入分别增长7%和9%以上", []targetValue{
			{"城镇居民人均可支配收入", "增长", 7, nil, "%", kg.QualifierAtLeast},
			{"农村居民人均可支配收入", "增长", 9, nil, "%", kg.QualifierAtLeast}}},
		{"全旗地区生产总值完成146亿元", []targetValue{{"地区生产总值", "", 146, nil, "亿元", kg.QualifierExact}}},
		// Compound units, a unit after the range's end only, bounds written
		// before the figure, and the sentence's own words around the name.
		{"粮食产量保持在1.3万亿斤以上", []targetValue{{"粮食产量", "", 1.3, nil, "万亿斤", kg.QualifierAtLeast}}},
		{"地区生产总值增长4.5-5%", []targetValue{{"地区生产总值", "增长", 4.5, &five, "%", kg.QualifierRange}}},
		{"城镇新增就业不少于28万人", []targetValue{{"城镇新增就业", "", 28, nil, "万人", kg.QualifierAtLeast}}},
		{"外贸进出口总值超过1000亿元", []targetValue{{"外贸进出口总值", "", 1000, nil, "亿元", kg.QualifierAtLeast}}},
		{"城镇登记失业率不超过4%", []targetValue{{"城镇登记失业率", "", 4, nil, "%", kg.QualifierAtMost}}},
		{"地区生产总值按增长5%安排", []targetValue{{"地区生产总值", "增长", 5, nil, "%", kg.QualifierExact}}},
		{"居民消费价格指数上涨2%左右", []targetValue{{"居民消费价格指数涨幅", "", 2, nil, "%", kg.QualifierAbout}}},
		{"确保粮食总产量稳定保持在76亿斤以上", []targetValue{{"粮食总产量", "", 76, nil, "亿斤", kg.QualifierAtLeast}}},
		{"全年实现新增就业5000人", []targetValue{{"新增就业", "", 5000, nil, "人", kg.QualifierExact}}},
	}
	for _, tt := range tests {
		got, ok := parseTargetItem(tt.clause, "")
		if !ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseTargetItem(%s) = %+v %v, want %+v", tt.clause, got, ok, tt.want)
		}
	}
	if _, ok := parseTargetItem("居民收入增长与经济增长基本同步", ""); ok {
		t.Error("a clause without a figure is not a target")
	}
	// A clause naming no indicator continues the one before it.
	got, ok := parseTargetItem("同比增长21%", "地区生产总值")
	if want := []targetValue{{"地区生产总值", "增长", 21, nil, "%", kg.QualifierExact}}; !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("continued clause = %+v %v, want %+v", got, ok, want)
	}
	if _, ok := parseTargetItem("同比增长21%", ""); ok {
		t.Error("a clause naming no indicator, with none before it, is not a target")
	}
}

// Targets beyond the 主要预期目标 sentence: the list running on over the
// paragraph's next sentences, a level and its growth in one clause pair,
// and headline figures stated in the plan's body; not figures of other
// years or of the review.
func TestTargetsBeyondTheListSentence(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	body := "呼伦贝尔市海拉尔区2024年政府工作报告\n各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议。\n" +
		"一、2023年工作回顾\n过去一年，地区生产总值增长5%，城镇新增就业4000人。\n" +
		"二、2024年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值达到240亿元，同比增长6%。" +
		"居民人均可支配收入增长6%左右，居民消费价格涨幅3%左右。确定上述目标，坚持实事求是。\n" +
		"（一）稳就业保民生。加强就业服务，全年实现城镇新增就业5000人。到2027年，城镇新增就业累计达到2万人。\n" +
		"（二）保障粮食安全。确保粮食产量稳定在10亿斤以上，粮食产量年均增长1%。\n"
	g, err := Load(context.Background(), "targets.txt", []byte(body), tree)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range g.Targets {
		if x.Kind == kg.TargetPlanned {
			got = append(got, x.Indicator+x.Measure+kg.FormatValue(x.Value)+x.Unit+string(x.Qualifier))
		}
	}
	want := []string{"地区生产总值240亿元EXACT", "地区生产总值增长6%EXACT", "居民人均可支配收入增长6%ABOUT",
		"居民消费价格涨幅3%ABOUT", "城镇新增就业5000人EXACT", "粮食产量10亿斤AT_LEAST"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("planned targets\n got %q\nwant %q", got, want)
	}
}

// TestBodyTargetWordings: a headline figure in the plan's body is read
// under any wording of its indicator, not only the list's usual one.
func TestBodyTargetWordings(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ sentence, want string }{
		{"继续做好重点人群就业培训工作，确保新增城镇就业5400人。", "新增城镇就业5400人EXACT"}, // 海拉尔区 2013
		{"新建改造高标准农田45万亩，粮食总产达到26亿斤以上。", "粮食总产26亿斤AT_LEAST"},   // 奈曼旗 2024
		{"全年实现新增就业5000人。", "新增就业5000人EXACT"},
		{"全力稳定粮食生产，粮食总产量保持在76亿斤以上。", "粮食总产量76亿斤AT_LEAST"},
	} {
		body := "呼伦贝尔市海拉尔区2024年政府工作报告\n各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议。\n" +
			"一、2023年工作回顾\n过去一年，地区生产总值增长5%。\n二、2024年工作安排\n（一）民生。" + tc.sentence + "\n"
		g, err := Load(context.Background(), "targets.txt", []byte(body), tree)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range g.Targets {
			if x.Kind == kg.TargetPlanned && x.Year == 2024 {
				got = append(got, x.Indicator+x.Measure+kg.FormatValue(x.Value)+x.Unit+string(x.Qualifier))
			}
		}
		if !reflect.DeepEqual(got, []string{tc.want}) {
			t.Errorf("%s: planned targets %q, want %q", tc.sentence, got, tc.want)
		}
	}
}

func TestMembers(t *testing.T) {
	tests := []struct {
		def  string
		want []string
	}{
		{"政策落地工程、防沙治沙和风电光伏一体化工程、温暖工程。", []string{"政策落地工程", "防沙治沙和风电光伏一体化工程", "温暖工程"}},
		{"是指“各族青少年交流计划”“各族群众互嵌式发展计划”。", []string{"“各族青少年交流计划”", "“各族群众互嵌式发展计划”"}},
		{"市场主体培育、旅游业态升级、服务质量提升行动。", []string{"市场主体培育行动", "旅游业态升级行动", "服务质量提升行动"}},
		{"全国民营企业参与乡村振兴统一的工作品牌，行动以帮扶为基础。", nil},
	}
	for _, tt := range tests {
		if got := members("", tt.def); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("members(%s) = %q, want %q", tt.def, got, tt.want)
		}
	}
}

// TestJointEntries: a glossary entry that defines several quoted handles
// at once, one definition part each, is one entry per handle; an entry
// whose parts do not pair with its handles stays whole.
func TestJointEntries(t *testing.T) {
	tests := []struct {
		term, def string
		want      []string // term: definition
	}{
		{"“三大高地”“五大战略”", "甲高地、乙高地，产业升级战略、项目带动战略。",
			[]string{"“三大高地”: 甲高地、乙高地", "“五大战略”: 产业升级战略、项目带动战略"}},
		{"“两重”“两新”", "国家重大战略实施和重点领域安全能力建设；大规模设备更新和消费品以旧换新。",
			[]string{"“两重”: 国家重大战略实施和重点领域安全能力建设", "“两新”: 大规模设备更新和消费品以旧换新"}},
		{"“两重”“两新”", "两者都是政策。", []string{"“两重”“两新”: 两者都是政策。"}},
		{"“六个工程”", "甲工程、乙工程，丙工程。", []string{"“六个工程”: 甲工程、乙工程，丙工程。"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range jointEntries(GlossaryEntry{Term: tt.term, Definition: tt.def}) {
			got = append(got, e.Term+": "+e.Definition)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("jointEntries(%s) = %q, want %q", tt.term, got, tt.want)
		}
	}
}

// A scope-qualified spelling (自治区“万企兴万村”行动) is the same entity as
// the bare name, kept as an alias.
func TestScopedNameIsAlias(t *testing.T) {
	g := mustLoad(t, "naiman-banner-2024.txt")
	e := entityByKey(g, kg.KindInitiative, "“万企兴万村”行动")
	if e == nil {
		t.Fatal("no INITIATIVE “万企兴万村”行动")
	}
	if !contains(e.Aliases, "自治区“万企兴万村”行动") {
		t.Errorf("aliases = %q", e.Aliases)
	}
	if entityByKey(g, kg.KindInitiative, "自治区“万企兴万村”行动") != nil {
		t.Error("scoped spelling is a separate entity")
	}
}

func TestActionUmbrella(t *testing.T) {
	tests := []struct {
		name string
		want kg.EntityKind
	}{
		{"黄河流域生态保护“十大行动”", kg.KindInitiative},
		{"就业促进“五大行动”", kg.KindInitiative},
		{"“六个行动”", kg.KindInitiative},
		{"“五个大起底”行动", kg.KindInitiative},
		{"“科技兴蒙”行动", kg.KindInitiative},
	}
	for _, tt := range tests {
		if got, _ := classify(tt.name); got != tt.want {
			t.Errorf("classify(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// An umbrella named Q“U” lends its qualifier Q to its members: Q+member
// and the bare “U” are spellings of one entity, not entities of their own.
func TestQualifiedNameIsAlias(t *testing.T) {
	tests := []struct {
		file, key, alias string
		kind             kg.EntityKind
	}{
		{"inner-mongolia-2024.txt", "医疗倍增计划", "京蒙协作医疗倍增计划", kg.KindProgram},
		{"inner-mongolia-2024.txt", "京蒙协作六个倍增计划", "“六个倍增计划”", kg.KindProgram},
		{"jungar-banner-2023.html", "就业促进五大行动", "“五大行动”", kg.KindInitiative},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.alias, func(t *testing.T) {
			g := mustLoad(t, tt.file)
			e := entityByKey(g, tt.kind, tt.key)
			if e == nil {
				t.Fatalf("no %s %s", tt.kind, tt.key)
			}
			if !contains(e.Aliases, tt.alias) {
				t.Errorf("aliases of %s = %q, want %s among them", tt.key, e.Aliases, tt.alias)
			}
			if entityByKey(g, tt.kind, kg.KeyOf(tt.alias)) != nil {
				t.Errorf("%s is still an entity of its own", tt.alias)
			}
		})
	}
}

// A 民生实事 list becomes a program with its items PART_OF it, whether it is
// an appendix numbered 一、二、, an appendix of 1. 2. items under category
// headings, or a list inside a paragraph; last year's list in the review
// is not this year's.
func TestDeedsLists(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	head := "呼伦贝尔市海拉尔区2024年政府工作报告\n各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议。\n" +
		"一、2023年工作回顾\n去年办好了5件民生实事，包括：新建学校2所；改造道路10公里；新建公园3个。\n" +
		"二、2024年工作安排\n（一）持续改善民生。今年将办好4件重点民生实事，包括：完成老旧小区改造60个；治理交通堵点6处；" +
		"打造养老综合体5个；实施农村供水工程50处。\n"
	tests := []struct {
		name, tail string
		list       string
		items      []string
	}{
		{"inline", "", "4件重点民生实事", []string{"完成老旧小区改造60个", "治理交通堵点6处", "打造养老综合体5个", "实施农村供水工程50处"}},
		{"appendix numbered in Chinese", "附件1\n2024年区三件民生实事\n坚持民生为大。\n一、提高低保标准。\n低保标准提高5%。\n二、新建养老服务站。\n三、改造供热管网。\n",
			"2024年区三件民生实事", []string{"提高低保标准", "新建养老服务站", "改造供热管网"}},
		{"appendix with categories", "附件\n2024年民生实事清单\n一、就业增收方面2件\n1.新增城镇就业岗位1000个（牵头单位：人社局）\n2.开展技能培训500人次（牵头单位：人社局）\n二、教育方面1件\n3.新建幼儿园1所（牵头单位：教育局）\n",
			"2024年民生实事", []string{"新增城镇就业岗位1000个", "开展技能培训500人次", "新建幼儿园1所"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Load(context.Background(), "deeds.txt", []byte(head+tt.tail), tree)
			if err != nil {
				t.Fatal(err)
			}
			list := entityByKey(g, kg.KindProgram, tt.list)
			if list == nil {
				t.Fatalf("no program %s", tt.list)
			}
			var got []string
			for _, e := range g.Edges {
				if e.Type == kg.EdgePartOf && e.Method == kg.MethodMember && e.ToID == list.ID {
					for _, x := range g.Entities {
						if x.ID == e.FromID && x.Kind == kg.KindProject {
							got = append(got, x.Name)
						}
					}
				}
			}
			if !reflect.DeepEqual(sortedStrings(got), sortedStrings(tt.items)) {
				t.Errorf("items of %s\n got %q\nwant %q", tt.list, got, tt.items)
			}
			if entityByKey(g, kg.KindProject, "新建学校2所") != nil {
				t.Error("last year's list, in the review, was read as this year's")
			}
		})
	}
}

func sortedStrings(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

// TestKnownIndicator: a review's phrase names a core indicator in any of
// its wordings, and 人均 or 单位 before any wording of GDP makes it another.
func TestKnownIndicator(t *testing.T) {
	known := coreWordings()
	for phrase, want := range map[string]string{
		"全省生产总值":      "生产总值",
		"地区生产总值":      "地区生产总值",
		"国内生产总值":      "国内生产总值",
		"人均地区生产总值":    "",
		"人均生产总值":      "",
		"单位地区生产总值能耗":  "",
		"地方一般公共预算收入":  "一般公共预算收入",
		"新增城镇就业":      "新增城镇就业",
		"数字经济核心产业增加值": "",
	} {
		if got := knownIndicator(phrase, known); got != want {
			t.Errorf("knownIndicator(%s) = %q, want %q", phrase, got, want)
		}
	}
}

// TestListedProjects: the items of an enumeration closed by a project
// category are projects when they name one undertaking each: a sibling is
// a project by its suffix, or the item is a phase, an enterprise's, or a
// building or site named by its owner or place. Fields and kinds are not.
func TestListedProjects(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"发达广场、世纪天伦酒店、尚品国际建材城等项目正式投入使用。", []string{"发达广场", "世纪天伦酒店", "尚品国际建材城"}},
		{"巴斯夫核心装置、埃克森美孚一期、华润微电子12英寸产线等一批重大项目建成投产。", []string{"巴斯夫核心装置", "埃克森美孚一期", "华润微电子12英寸产线"}},
		{"加快浪潮服务器生产线、安意法8英寸碳化硅晶圆、国际复材电子级玻璃纤维等项目建设。", []string{"安意法8英寸碳化硅晶圆", "国际复材电子级玻璃纤维"}},
		{"推进黑羊站水厂二期、东山组团第二水源地等工程。", []string{"黑羊站水厂二期", "东山组团第二水源地"}},
		// one item alone, when anchored by its owner or place
		{"攻坚启动区建设主战场，推进国贸中心等重大项目建设。", []string{"国贸中心"}},
		{"因地制宜建设大型智算中心等智能新基建项目。", nil},
		{"推进产业园区等项目建设。", nil},
		// candidates for a title, and an old city, are no works
		{"推动海上丝绸之路、潮州古城、肇庆古城墙等项目申报世界文化遗产。", nil},
		// kinds listed beside named facilities
		{"实施标准化幼儿园、呼伦小学新建、南开路中学等14个项目。", []string{"呼伦小学", "南开路中学"}},
		{"天润新城、尚品国际等重点城市建设项目进展顺利。", []string{"天润新城"}},
		// a category of foreign investment names investors' projects; after
		// 等领域 the items are fields
		{"韩国晓星、意大利世科姆、美国莱卡、澳大利亚富邑等重点外资项目建成投运。", []string{"韩国晓星", "意大利世科姆", "美国莱卡", "澳大利亚富邑"}},
		{"新能源汽车、生物医药等领域一批重大外资项目加快落地。", nil},
		// 等建设 closes a list of projects when most items are projects by
		// suffix; what is prepared before 等项目前期工作 is projects
		{"加快深惠城际、佛穗莞城际、狮子洋通道、佛肇云高速、南沙港五期等建设。", []string{"狮子洋通道", "南沙港五期"}},
		{"推动绿电直连、虚拟电厂等建设。", nil},
		// the work done on a listed facility is no part of its name; 及
		// joins the parts of one project, 和 two facilities
		{"加快推进五彩呼伦贝尔音乐厅新建、金色大厅改造等工程建设。", []string{"五彩呼伦贝尔音乐厅", "金色大厅"}},
		{"加快江北国际机场T3B航站楼及第四跑道、重庆东站等项目建设。", []string{"江北国际机场T3B航站楼及第四跑道", "重庆东站"}},
		{"推进呼达罕桥和农林大厦改造、新桥市场扩建等项目。", []string{"呼达罕桥", "农林大厦", "新桥市场"}},
		{"做好深珠通道、莲花山通道等项目前期工作。", []string{"深珠通道", "莲花山通道"}},
		{"加快中国古动物博物馆（保定自然博物馆）、非遗小镇、莲池书院等项目建设。", []string{"非遗小镇", "莲池书院"}}, // 博物馆 is findNames' suffix
		// a phase among the items makes the list one of projects too
		{"引洮二期骨干及城乡配套、甘肃中部生态移民供水、引洮济合等工程建成通水。", []string{"引洮二期骨干及城乡配套", "甘肃中部生态移民供水", "引洮济合"}},
		// a kind of facility closing the list says what each item is,
		// however short its name; not a market, a product or a corridor
		{"加快九龙川、唐家河、平山湖等煤矿建设。", []string{"九龙川", "唐家河", "平山湖"}},
		{"优化提升应寺、永乐等进京检查站。", []string{"应寺", "永乐"}},
		{"争取后安、公婆泉、钱阳山等煤矿项目核准。", []string{"后安", "公婆泉", "钱阳山"}},
		// an adverb before the verb; a last item joined by 和 is two
		{"容易线、安大线和京白线等雄安配套骨干道路加快建设。", []string{"容易线", "安大线", "京白线"}},
		{"完成哈萨尔大街和西头道街两条西出口路、东外环路等道路建设。", []string{"东外环路"}},
		{"抓好喜来登、锦江国际等酒店的开工。", []string{"喜来登", "锦江国际"}},
		{"推进合川渭沱、乌江彭水等多式联运枢纽建设。", []string{"合川渭沱", "乌江彭水"}},
		{"开拓东盟、中东、中亚等新兴市场，建设长寿食品、中药材等原料生产基地。", nil},
		{"提速交通物流、能源、数字信息等大通道建设。", nil},
		{"加强与清华启迪、中冶集团等园区运营企业对接。", nil},
		// a count of projects closing the list: an owner and its product
		// is one plant, a field is none
		{"确保中科锂电新能源、河北同光科技碳化硅等140项重点项目开工。", []string{"中科锂电新能源", "河北同光科技碳化硅"}},
		{"确保中船重工智能装备等50项重点项目竣工投产。", []string{"中船重工智能装备"}},
		{"引进新能源汽车、高端装备制造、生物医药等30个产业项目。", nil},
		{"实施基础设施完善、市容市貌整治和东山组团建设等12个项目。", nil},
		// fields and kinds of work, not projects
		{"培育新能源汽车、生物医药、新材料等产业项目。", nil},
		{"实施了危房改造、饮水安全、街巷硬化、村屯绿化等项目。", nil},
		// quantities count work
		{"新建12公里热力主管网、10公里供水管网等工程。", nil},
		// one item before a kind of facility is one of them; a grade
		// (甲等) closes no list
		{"推进维多利等城市商贸综合体项目前期工作。", []string{"维多利"}},
		{"年内区医院要晋升为二级甲等医院。", nil},
		// a grade in brackets is part of the kind closing the list
		{"建设甘川新通道、兰合新通道等高速（一级）公路。", []string{"甘川新通道", "兰合新通道"}},
		// a work measured and placed in one town is one project; measured
		// alone it is an amount of a kind
		{"实施奋斗镇1万亩节水灌溉、哈克镇7000平方米标准化奶牛养殖等项目。", []string{"奋斗镇1万亩节水灌溉", "哈克镇7000平方米标准化奶牛养殖"}},
		{"实施1万亩节水灌溉、7000平方米标准化奶牛养殖等项目。", nil},
		// parks and centres listed before a kind of park; a field so
		// listed is none; a raising verb or a dash joining places is no
		// part of a name's test
		{"依托深圳湾创新中心、中电科涞水产业园等创新园区开发新一代信息技术板块。", []string{"深圳湾创新中心", "中电科涞水产业园"}},
		{"支持天津滨海-中关村科技园等合作园区发展。", []string{"天津滨海-中关村科技园"}},
		{"提升东方芯港、大飞机园等特色产业园区能级。", []string{"东方芯港", "大飞机园"}},
		{"提升数字广告、网络视听等文化产业园区品质。", nil},
		{"依托深圳园、长城园、中关村等园区平台，抓好常态化招商。", []string{"深圳园", "长城园"}},
		// a canal and a direct-current line are facilities an item names
		{"推进藏粤直流等输电工程。", []string{"藏粤直流"}},
		{"浙赣粤运河等重大项目前期工作取得积极进展。", []string{"浙赣粤运河"}},
		// innovation platforms built are facilities; named alone they
		// are institutions
		{"推进国家海洋综合试验场、冷泉生态系统、国家深海科考中心等创新平台建设。", []string{"国家海洋综合试验场", "冷泉生态系统", "国家深海科考中心"}},
		{"建好教育部重庆高等研究院、重庆通用人工智能研究院等新型创新平台。", nil},
		// metro lines, numbered or named, listed before their kind
		{"加快建设崇明线、南枫线、13号线东延伸、19号线等轨道交通线。", []string{"崇明线", "南枫线", "13号线东延伸", "19号线"}},
		// a long category still closes the list; a first item counted
		// after its verb is a kind
		{"揭阳中石油炼化一体化等23个投资额百亿元以上重大工业项目建成投产。", []string{"揭阳中石油炼化一体化"}},
		{"新建5条主干道路、呼伦社区文体馆等项目。", []string{"呼伦社区文体馆"}},
		// work on one facility joined to another is no facility's name
		{"完成东海写字楼、国税局综合业务用房主体建设和8万平方米广场等工程。", []string{"东海写字楼"}},
		// a bare 等工程 lists works when every item names one
		{"推进哈萨尔行宫、中华天竺苑等工程建设。", []string{"哈萨尔行宫", "中华天竺苑"}},
		{"实施巴林至奈曼至阜新、张北至胜利等工程。", []string{"巴林至奈曼至阜新", "张北至胜利"}},
		{"实施职业高中扩建、哈萨尔行宫等工程。", nil},
		{"实施国家中小河流治理、文艺精品创优等工程。", nil},
		// one item is a project only when anchored (above); 等 without a
		// project category closes none
		{"推进发达广场等项目。", []string{"发达广场"}},
		{"发达广场、世纪天伦酒店等商业设施投入使用。", nil},
		// a category of key projects, a relative clause before it
		// included, says each item is one unless it names a field
		{"环雄安生态林带、南拒马河防洪治理、南水北调中线调蓄库等服务保障雄安新区的重点项目顺利实施。", []string{"环雄安生态林带", "南拒马河防洪治理", "南水北调中线调蓄库"}},
		{"加快第四使馆区、雁栖湖国际会都等重点项目建设。", []string{"第四使馆区", "雁栖湖国际会都"}},
		{"株洲中车IGBT、永州紫金锂业、邵阳邵虹基板玻璃等重大项目建成投产。", []string{"株洲中车IGBT", "永州紫金锂业", "邵阳邵虹基板玻璃"}},
		{"全生态链推进绿色先进能源、新能源汽车、机器人、商业航天等重点项目。", nil},
		{"交通、水利等重大项目开工建设。", nil},
		{"实施市政道路、地下管网和老旧小区改造等重点项目74个。", nil},
		// a list said to be started, built or sped up holds works where
		// an owner or place anchors them; one merely to be built may
		// hold kinds
		{"北京工业大学房山校区、北京儿童医院亦庄院区等开工建设。", []string{"北京工业大学房山校区", "北京儿童医院亦庄院区"}},
		{"北大第一医院宁夏妇儿医院综合楼、宁夏盲人按摩医院等建成投用，自治区精神卫生中心等加快建设。", []string{"自治区精神卫生中心"}},
		{"着力推进国家重要算力保障基地和调度交易中心、超大规模智算中心、算电协同工程等建设。", nil},
		// 重大 before the kind still lists facilities; so does a campus
		{"建成广州南沙大湾区文化体育中心、深圳湾文化广场、湛江文化中心等重大文化设施。", []string{"广州南沙大湾区文化体育中心", "深圳湾文化广场", "湛江文化中心"}},
		{"加快建设北方工业大学延庆校区等市属高校新校区。", []string{"北方工业大学延庆校区"}},
		{"推动宣武医院房山院区等新院区开工建设。", []string{"宣武医院房山院区"}},
		// a facility list said to open; a move is work done on a market;
		// a branch school is a facility
		{"确保包商银行培训中心、呼伦贝尔大饭店、碧海云天等酒店投入运营。", []string{"包商银行培训中心", "呼伦贝尔大饭店", "碧海云天"}},
		{"启动蒙东机械装备交易中心、恒达二手车交易市场、海拉尔畜产品交易市场搬迁等项目。", []string{"蒙东机械装备交易中心", "恒达二手车交易市场", "海拉尔畜产品交易市场"}},
		{"推进第三中学分校、南开路中学等项目。", []string{"第三中学分校", "南开路中学"}},
		// works said to be started or finished are each one work, if
		// named: not a batch or a field, not work on a kind
		{"阿克塞生态保护及城乡供水一体化、景电灌区现代化改造、榆安大型灌区、黄河甘肃段河道防洪治理等工程开工建设。", []string{"景电灌区现代化改造", "榆安大型灌区", "黄河甘肃段河道防洪治理"}},
		{"长沙惠科新型显示、湘潭半导体智造、衡阳绿色盐碱基地等一批百亿级项目开工建设。", []string{"长沙惠科新型显示", "湘潭半导体智造", "衡阳绿色盐碱基地"}},
		{"古纳河酒业等22个项目顺利投产。", []string{"古纳河酒业"}},
		{"一批防汛抗旱、引水调水等重大水利工程开工建设。", nil},
		{"城镇老旧小区改造、农村危房改造等工程全面完工。", nil},
		// a project listed with several of its phases is the project
		{"推进环北部湾广东水资源配置一期、二期和黄茅峡水库、长潭水库扩建等工程建设。", []string{"环北部湾广东水资源配置"}}, // the reservoirs are findNames',
		{"加快华融商业综合体一期、二期、三期等项目建设。", []string{"华融商业综合体"}},
	}
	for _, tt := range tests {
		if got := listedProjects(tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("listedProjects(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestFramedFacilities: a clause or list item ending in a facility head
// right before a word of finishing or opening it names a facility; a
// kind of one, a superlative and a head followed by mere 建设 do not.
func TestFramedFacilities(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		// a bracket inside a name is part of it; one after it giving its
		// place or other name is not
		{"贺兰山全民（冰雪）健身中心开建。", []string{"贺兰山全民（冰雪）健身中心"}},
		// a list of facilities whose last is written with its 项目
		{"投资836万元的建新养老院、550万元呼伦社区文体馆项目基本完工。", []string{"建新养老院"}},
		// a campus or branch of an institution is built; the institution
		// is none
		{"北京工业大学房山校区、北京儿童医院亦庄院区等开工建设。", []string{"北京工业大学房山校区", "北京儿童医院亦庄院区"}},
		{"北京工业大学建成投用。", nil},
		{"中国古动物馆（保定自然博物馆）、山海关中国长城博物馆建成投用。", []string{"中国古动物馆"}}, // 博物馆 is findNames' suffix
		{"农林桥、呼达罕桥竣工通车，黄磏港投入运营。", []string{"农林桥", "呼达罕桥", "黄磏港"}},
		{"红岩文化公园二期、市青少年活动中心建成投用。", []string{"市青少年活动中心"}},
		// a phase after the head; a list whose category is left out
		{"国家会议中心二期、首都国际会展中心正式投用。", []string{"国家会议中心二期", "首都国际会展中心"}},
		{"呼伦贝尔大饭店、碧海云天酒店等投入运营，东山医院等开工。", []string{"呼伦贝尔大饭店", "碧海云天酒店"}},
		// kinds, designations and superlatives
		{"乡镇卫生院建成投用，国家区域医疗中心建成，全国最大智算中心投用。", nil},
		{"首条高架路乐凯大街南延高架桥建成通车。", nil},
		// an accelerator is a facility built
		{"江门中微子实验站、惠州强流重离子加速器建成运行。", []string{"江门中微子实验站", "惠州强流重离子加速器"}},
		// 建设 alone follows designations as often as buildings
		{"加快国际科技创新中心建设，推进统一大市场建设。", nil},
		// 启动 or 完成 and 建设 around one named facility frame it; a kind
		// or a field's base so framed is none
		{"启动正阳社区卫生服务中心建设，完成西出口路建设。", []string{"正阳社区卫生服务中心", "西出口路"}},
		{"年内完成标准化游泳馆建设，启动养老产业基地建设。", nil},
		// a facility equipped: its infrastructure built or its facilities
		// working; a kind so equipped is none
		{"实施两河圣山文化旅游景区的基础设施建设。", []string{"两河圣山文化旅游景区"}},
		{"世界反法西斯战争海拉尔纪念园设施功能日益完善。", []string{"世界反法西斯战争海拉尔纪念园"}},
		{"全面启动园区基础设施建设。", nil},
		// an institution's new site is the work built
		{"市疾控中心新址建成投用。", []string{"市疾控中心新址"}},
		// a named road is framed as a facility is; two joined by 和 are two
		{"确保东外环路按期开工。", []string{"东外环路"}},
		{"确保新建的海拉尔客运总站和呼伦贝尔中心城汽车公司调度中心投入使用。", []string{"海拉尔客运总站", "呼伦贝尔中心城汽车公司调度中心"}},
		{"确保城市道路按期开工。", nil},
		// rebuilt or refitted, a facility is one work too
		{"白庙南北检查站完成改造，抗战馆改扩建顺利完成。", []string{"白庙南北检查站", "抗战馆"}},
		{"完成呼伦社区文体馆提升改造。", []string{"呼伦社区文体馆"}},
		{"完成老旧小区改造。", nil},
		{"启动城市道路建设，完成乡镇卫生院建设。", nil},
		// the last item framed, each sibling that is a name is a facility
		// too; what a 的 phrase says of one is no part of it
		{"华汇地下商业街、众和地壹街、华融购物广场全面竣工。", []string{"华汇地下商业街", "华融购物广场"}},
		{"确保新建的学府路中学、呼伦小学、第二幼儿园投入使用。", []string{"学府路中学", "呼伦小学", "第二幼儿园"}},
		{"道路、管网、金丰再生资源分拣中心全面竣工。", []string{"金丰再生资源分拣中心"}},
		// 批 of a wholesale market is no batch; 启动建设 starts building
		{"万家惠农贸批发市场一期投入使用，全季商务酒店主体完工。", []string{"万家惠农贸批发市场一期", "全季商务酒店"}},
		{"一批标准化厂房投入使用。", nil},
		{"崖州湾国家实验室油菜试验基地启动建设。", []string{"崖州湾国家实验室油菜试验基地"}},
		// the first of its kind is a description before the name
		{"国内首个跳台滑雪训练科研基地（涞源）建成投入使用。", []string{"跳台滑雪训练科研基地"}},
		{"全省首座智慧物流园投入运营。", nil},
		{"大兴国际机场临空经济区新能源汽车生态港启动建设。", []string{"大兴国际机场临空经济区新能源汽车生态港"}},
	}
	for _, tt := range tests {
		if got := framedFacilities(tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("framedFacilities(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestListedSiblings: items listed right before a name the finder reads
// share its head. Short bare names before a line named by a short stem
// and its suffix are lines of that kind (lineSiblings), unless the list
// holds a kind, a verb or a suffixed item; facilities before a project
// written with its 项目 are projects (projectSiblings), their work cut,
// kinds left out.
func TestListedSiblings(t *testing.T) {
	tests := []struct {
		read     func(string, nameSpan) []string
		sentence string
		want     []string
	}{
		{lineSiblings, "荣乌、太行山、曲港、津石高速建成通车。", []string{"荣乌", "太行山", "曲港"}},
		{lineSiblings, "加快雄商、雄忻高铁和石雄铁路建设。", []string{"雄商"}},
		{lineSiblings, "谋划市郊铁路、京保城际。", nil},
		{lineSiblings, "加快沿江高铁、淮宿蚌铁路建设。", nil},
		{lineSiblings, "建成京港澳高速。", nil},
		{projectSiblings, "争取大商友谊城市商贸综合体、东山组团远山红郡配套商贸综合设施项目开工建设。", []string{"大商友谊城市商贸综合体"}},
		{projectSiblings, "推进大商友谊百货商场扩建、盛源城市广场建设项目前期工作。", []string{"大商友谊百货商场"}},
		{projectSiblings, "推动准格尔殡仪馆、沙圪堵殡仪馆、准格尔公墓项目建成投用。", []string{"准格尔殡仪馆", "沙圪堵殡仪馆"}},
		// kinds, and items that are no facility
		{projectSiblings, "实施老旧小区改造、社区卫生服务中心、旗雅商业综合体项目。", nil},
		{projectSiblings, "推进招商引资、旗雅商业综合体项目。", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range findNames(tt.sentence) {
			got = append(got, tt.read(tt.sentence, n)...)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("siblings in %q = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestPreparedProjects: the phrase right before 前期工作 names the project
// the work prepares; a kind, a list, a plan or a manner names none.
func TestPreparedProjects(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"开展引白济洮前期工作。", []string{"引白济洮"}},
		{"推进璧山机场前期工作，加快空港物流园前期工作。", []string{"璧山机场", "空港物流园"}},
		{"做实重大项目前期工作，加快推进城市轨道交通项目前期工作。", nil},
		{"完成利益相关者协调等用海前期工作，做深做透前期工作。", nil},
		{"启动火化场搬迁新建和殡仪馆迁址新建的前期工作。", nil},
	}
	for _, tt := range tests {
		if got := preparedProjects(tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("preparedProjects(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestInWorksClause: a facility is a project where its clause builds,
// opens, runs work on or plans it, not where it is only a place.
func TestInWorksClause(t *testing.T) {
	tests := []struct {
		sentence, name string
		want           bool
	}{
		{"开工建设平凉机场，完成天水机场“盖被子”工程。", "平凉机场", true},
		{"文得根水利枢纽下闸蓄水，东台子水库主体工程完工。", "文得根水利枢纽", true},
		{"京雄快线、京雄城际衔接升级。", "京雄城际", true},
		{"海拉尔机场年旅客吞吐量突破10万人次。", "海拉尔机场", false},
		{"落实密云水库水源保护条例，提升农村污水治理水平。", "密云水库", false},
		{"继续加强与中日友好医院的合作交流。", "中日友好医院", false},
		// becoming or chosen as something after the name, not before it
		{"揭阳潮汕机场成为全省第4个吞吐量超千万人次的机场。", "揭阳潮汕机场", true},
		{"保定正在成为区域性综合交通枢纽。", "区域性综合交通枢纽", false},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.name)
		if got := inWorksClause(tt.sentence, i, i+len(tt.name)); got != tt.want {
			t.Errorf("inWorksClause(%s, %s) = %v, want %v", tt.sentence, tt.name, got, tt.want)
		}
	}
}

func TestListedProjectsCategoryIsHead(t *testing.T) {
	// 工程 heads no phrase in 工程师: what the list closes is no project
	if got := listedProjects("发达广场二期、天润商厦二期等工程师工作站挂牌。"); got != nil {
		t.Errorf("a list closed by 工程师 gave projects %q", got)
	}
}

// TestPlaceFacilities: a facility named by one of the report's own places
// (its region, one above it below the country, or one under it) and a
// facility head ending the phrase; another region's homonym, the country
// and a head that goes on into a longer word name none.
func TestPlaceFacilities(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	hebei, _ := tree.ByCode("130000")
	guangdong, _ := tree.ByCode("440000")
	beijing, _ := tree.ByCode("110000")
	shanghai, _ := tree.ByCode("310000")
	henan, _ := tree.ByCode("410000")
	ningxia, _ := tree.ByCode("640000")
	gansu, _ := tree.ByCode("620000")
	country, _ := tree.ByCode(kg.NationalCode)
	tests := []struct {
		region   kg.Region
		sentence string
		want     []string
	}{
		{hebei, "支持石家庄国际陆港建设，提升中欧班列开行数量和质量。", []string{"石家庄国际陆港"}},
		{hebei, "推进黄骅港建设。", []string{"黄骅港"}},
		// what it is made into ends its name (黄骅港|多功能…港口); a head
		// going on into a longer word ends none (石家庄站前广场, below)
		{hebei, "加快打造黄骅港多功能、综合性、现代化港口。", []string{"黄骅港"}},
		{guangdong, "建成深中通道、黄茅海通道、广州白云站、青茂口岸等互联互通工程。", []string{"广州白云站"}},
		// another province's place, and the country
		{guangdong, "支持石家庄国际陆港建设。", nil},
		{hebei, "融入全国统一大市场。", nil},
		// the head continues into a longer word: no facility ends there
		{hebei, "石家庄站前广场改造。", []string{"石家庄站前广场"}},
		// an area designated is no facility
		{country, "支持海南自由贸易港建设。", nil},
		{country, "推进海南洋浦港建设。", []string{"海南洋浦港"}},
		// a place's new town or old city is a district
		{guangdong, "推进湛江雷州新城建设。", nil},
		{guangdong, "加快潮州古城保护。", nil},
		// markets of trade are no marketplaces
		{guangdong, "开拓东盟、中东、新兴市场。", nil},
		{guangdong, "建设广州电力现货市场。", nil},
		// a short qualifier of its own before the place, and a phase after
		// it, are part of the name; verbs and ranks are not
		{guangdong, "加快中欧班列广州集结中心、深圳节点城市建设。", []string{"中欧班列广州集结中心"}},
		{guangdong, "建成鹏城云脑Ⅲ、国家超算深圳中心二期。", []string{"国家超算深圳中心二期"}},
		{hebei, "做强石家庄国际陆港。", []string{"石家庄国际陆港"}},
		{hebei, "建设国家级石家庄国际陆港。", []string{"石家庄国际陆港"}},
		// a campus is named with its owner: kept before the place, or
		// inside the name after it; else it is not read
		{beijing, "首儿所通州院区基本完工。", []string{"首儿所通州院区"}},
		{beijing, "推动宣武医院房山院区等新院区开工建设。", []string{"宣武医院房山院区"}},
		{henan, "推进河南博物院北院区、省文物考古研究院新院建设。", []string{"河南博物院北院区"}},
		{shanghai, "建成中山医院国家医学中心青浦院区等公共服务设施。", nil},
		// a cluster of facilities is named with 集群; a role before the
		// place is no owner
		{guangdong, "国家枢纽节点韶关数据中心集群建设扎实推进。", []string{"韶关数据中心集群"}},
		{hebei, "加快张家口数据中心集群建设。", []string{"张家口数据中心集群"}},
		{hebei, "保定医院群众满意度明显提升。", nil},
		// a facility becoming something is named there too
		{hebei, "保定・中关村创新中心、北京儿童医院保定分院成为京保合作的典范。", []string{"保定・中关村创新中心", "北京儿童医院保定分院"}},
		{guangdong, "广州港成为全球第五大港。", []string{"广州港"}},
		// what a facility holds or does ends its name; a role after it is
		// not part of it, nor a verb before the place
		{guangdong, "强化广州港、深圳港国际枢纽港地位。", []string{"广州港", "深圳港"}},
		{hebei, "支持保定国家数据标注基地发展。", []string{"保定国家数据标注基地"}},
		{hebei, "推动石家庄工业园区创建国家经开区。", []string{"石家庄工业园区"}},
		{guangdong, "不断夯实广州港地位。", []string{"广州港"}},
		// a place in brackets after a short qualifier is inside the name;
		// a verb before it is not; a science city is a zone
		{hebei, "建好北方（沧州）跨境电商物流基地。", []string{"北方（沧州）跨境电商物流基地"}},
		{hebei, "推动（沧州）跨境电商物流基地建设。", nil},
		{hebei, "提升京南（保定）科学城能级。", nil},
		// a facility's key projects follow its name
		{gansu, "推动庆阳数据中心集群重点项目尽快投产达效。", []string{"庆阳数据中心集群"}},
		// a long name running up to the place is not cut at it
		{hebei, "用好京津冀国家技术创新中心河北中心。", nil},
		// an idiom ending in 城 is no town
		{hebei, "保定人民众志成城、守望相助。", nil},
		// a sub-centre is a designated area
		{hebei, "提升保定省域副中心能级。", nil},
		// an industrial or science park; chosen for a list is named there
		{ningxia, "银川苏银产业园、中卫工业园入选首批国家级零碳园区建设名单。", []string{"中卫工业园"}},
		{ningxia, "石嘴山高新区、吴忠金积工业园入选国家碳达峰试点。", []string{"吴忠金积工业园"}},
	}
	for _, tt := range tests {
		b := &builder{tree: tree, mentions: tree.Mentions(tt.sentence), report: kg.Report{RegionID: tt.region.ID}}
		if got := b.placeFacilities(Line{Text: tt.sentence}); !slices.Equal(got, tt.want) {
			t.Errorf("%s: placeFacilities(%q) = %q, want %q", tt.region.Name, tt.sentence, got, tt.want)
		}
	}
}

// TestListedCampaigns: quoted handles listed before 等 and a category of
// actions each name a campaign, written as the handle alone.
func TestListedCampaigns(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"开展“文化进万家”“送戏下乡”等惠民活动。", []string{"“文化进万家”", "“送戏下乡”"}},
		{"开展“技能照亮前程”、“技能宁夏”、“以工助农”等行动。", []string{"“技能照亮前程”", "“技能宁夏”", "“以工助农”"}},
		{"深入推进“我帮企业找市场”等活动。", []string{"“我帮企业找市场”"}},
		// a category that is no action, or a break before it
		{"实施“两重”“两新”等政策。", nil},
		{"推动“两重”“两新”等，开展活动。", nil},
	}
	for _, tt := range tests {
		if got := listedCampaigns(tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("listedCampaigns(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestResultGrowthContinues: in the review, a growth clause led by words
// that name no indicator (同比, 比上年) is the growth of the figure the
// clause before states.
func TestResultGrowthContinues(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sentence string
		want     []string
	}{
		{"全年地区生产总值完成235.2亿元，同比增长18.5%；社会消费品零售总额完成97.9亿元，同比增长16.2%。", // 海拉尔区 2013
			[]string{"地区生产总值235.2亿元", "地区生产总值增长18.5%", "社会消费品零售总额97.9亿元", "社会消费品零售总额增长16.2%"}},
		{"地区生产总值达到146亿元，比上年增长5%。", []string{"地区生产总值146亿元", "地区生产总值增长5%"}},
		{"地区生产总值完成146亿元，增长5%。", []string{"地区生产总值146亿元", "地区生产总值增长5%"}},
	} {
		body := "呼伦贝尔市海拉尔区2024年政府工作报告\n各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议。\n" +
			"一、2023年工作回顾\n" + tc.sentence + "\n二、2024年工作安排\n（一）民生。全力保障民生。\n"
		g, err := Load(context.Background(), "results.txt", []byte(body), tree)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range g.Targets {
			if x.Kind == kg.TargetResult && x.Year == 2023 {
				got = append(got, x.Indicator+x.Measure+kg.FormatValue(x.Value)+x.Unit)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: results %q, want %q", tc.sentence, got, tc.want)
		}
	}
}

// TestOnlyInside: a name the sentence holds only inside a longer name read
// from it is no name of its own; one it also holds apart is.
func TestOnlyInside(t *testing.T) {
	tests := []struct {
		sentence, name string
		names          []string
		want           bool
	}{
		{"加快推进定兴、徐水百度云计算中心和阿里涿州云计算中心项目。", "阿里涿州云计算中心", []string{"阿里涿州云计算中心项目"}, true},
		{"谋划实施中央广播电视总台涿州文化产业综合体项目。", "涿州文化产业综合体", []string{"中央广播电视总台涿州文化产业综合体项目"}, true},
		{"开展“购在中国（广西站）”活动。", "广西站", []string{"“购在中国（广西站）”活动"}, true},
		// held apart as well: a name of its own
		{"建成阿里涿州云计算中心，启动阿里涿州云计算中心项目二期。", "阿里涿州云计算中心", []string{"阿里涿州云计算中心项目"}, false},
		{"建成黄骅港。", "黄骅港", []string{"黄骅港"}, false},
	}
	for _, tt := range tests {
		if got := onlyInside(tt.sentence, tt.name, tt.names); got != tt.want {
			t.Errorf("onlyInside(%q, %q) = %v, want %v", tt.sentence, tt.name, got, tt.want)
		}
	}
}

func TestOwnsOnly(t *testing.T) {
	s := "加快推进省人民医院国家重大传染病防治基地、黔桂铁路增建二线等重点项目。"
	listed := []string{"省人民医院国家重大传染病防治基地", "黔桂铁路增建二线"}
	tests := []struct {
		name string
		want bool
	}{
		{"省人民医院", true}, // the owner of a new base
		{"黔桂铁路", false}, // a line worked on stays a project
	}
	for _, tt := range tests {
		if got := ownsOnly(s, tt.name, listed); got != tt.want {
			t.Errorf("ownsOnly(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
