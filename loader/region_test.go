package loader

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

var regionTree = sync.OnceValues(division.Load)

func regionTreeFor(tb testing.TB) *division.Tree {
	tb.Helper()
	t, err := regionTree()
	if err != nil {
		tb.Fatalf("division.Load: %v", err)
	}
	return t
}

var (
	reRegionTag   = regexp.MustCompile(`<[^>]*>`)
	reRegionStart = regexp.MustCompile(`^\s*(各位代表|各位主任|[一二三四五六七八九十]+、)`)
)

// regionSplit is a crude stand-in for the loader's own normalisation: it
// strips HTML tags and splits at the first line that opens the body (各位代表,
// 各位主任 or a part heading such as 二、).
func regionSplit(text string) (header, body string) {
	text = reRegionTag.ReplaceAllString(text, "")
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if reRegionStart.MatchString(line) {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i:], "\n")
		}
	}
	return "", text
}

func TestDetectRegionSamples(t *testing.T) {
	tree := regionTreeFor(t)
	tests := []struct {
		file     string
		code     string
		evidence string // a substring the evidence must contain
	}{
		{"inner-mongolia-2024.txt", "150000", "内蒙古自治区第十四届人民代表大会"},
		{"tongliao-city-2025.txt", "150500", "通辽市人民政府工作报告"},
		{"xilingol-league-2024.txt", "152500", "锡"},
		{"naiman-banner-2024.txt", "150525", "奈曼旗第十八届人民代表大会"},
		{"jungar-banner-2023.html", "150622", "准格尔旗"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := fs.ReadFile(data.Reports(), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			header, body := regionSplit(string(raw))
			r, ev, err := detectRegion(tree, header, body)
			if err != nil {
				t.Fatalf("detectRegion: %v", err)
			}
			if r.Code != tt.code {
				t.Errorf("region = %s %s, want %s", r.Name, r.Code, tt.code)
			}
			if !strings.Contains(ev, tt.evidence) || strings.Contains(ev, "<") {
				t.Errorf("evidence %q, want it to contain %q", ev, tt.evidence)
			}
		})
	}
}

func TestDetectRegionBodyOnly(t *testing.T) {
	// Every sample must also resolve with its header dropped (a report that
	// starts at 各位代表), from self-references and body mentions alone; the
	// evidence then names the region.
	tree := regionTreeFor(t)
	tests := []struct{ file, name string }{
		{"inner-mongolia-2024.txt", "内蒙古自治区"},
		{"tongliao-city-2025.txt", "通辽市"},
		{"xilingol-league-2024.txt", "锡林郭勒盟"},
		{"naiman-banner-2024.txt", "奈曼旗"},
		{"jungar-banner-2023.html", "准格尔旗"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := fs.ReadFile(data.Reports(), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			_, body := regionSplit(string(raw))
			r, ev, err := detectRegion(tree, "", body)
			if err != nil || r.Name != tt.name {
				t.Fatalf("got %s (%v), want %s", r.Name, err, tt.name)
			}
			if !slices.ContainsFunc(append([]string{r.Name}, r.ShortNames...), func(n string) bool { return strings.Contains(ev, n) }) {
				t.Errorf("evidence %q does not name %s", ev, r.Name)
			}
			if !strings.Contains(body, ev) {
				t.Errorf("evidence %q is not verbatim", ev)
			}
		})
	}
}

func TestDetectRegionSynthetic(t *testing.T) {
	tree := regionTreeFor(t)
	tests := []struct {
		name    string
		header  string
		body    string
		code    string // "" when an EINVALID error is expected
		errWord string // a word the error message must contain
	}{
		{
			name:   "banner speaker line alone",
			header: "政府工作报告\n奈曼旗人民政府旗长 张三",
			body:   "各位代表：\n现在，我代表旗人民政府向大会报告工作。",
			code:   "150525",
		},
		{
			name:   "league administrative office speaker line",
			header: "工作报告\n锡林郭勒盟行政公署盟长 张三",
			body:   "各位代表：\n现在，我代表行署向大会报告工作。全盟经济稳中有进。",
			code:   "152500",
		},
		{
			name:   "district head speaker line",
			header: "政府工作报告\n海拉尔区人民政府区长 张三",
			body:   "各位代表：\n现在，我代表区人民政府向大会报告工作。",
			code:   "150702",
		},
		{
			// a short name alone may be an ordinary word: a county under it anchors it
			name: "city from 我市, its short name and a county under it",
			body: "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。过去一年，我市地区生产总值增长6%，通辽经济稳中向好，开鲁县农业增产。",
			code: "150500",
		},
		{
			name:   "district named only by itself",
			header: "政府工作报告\n——2024年1月10日在海拉尔区第十七届人民代表大会第三次会议上",
			body:   "各位代表：\n现在，我代表区人民政府向大会报告工作。全区地区生产总值增长6%。",
			code:   "150702",
		},
		{
			name:   "shared district name, parent named in the body",
			header: "政府工作报告\n——2024年1月8日在新城区第十七届人民代表大会第三次会议上",
			body:   "各位代表：\n现在，我代表区人民政府向大会报告工作。在呼和浩特市委的坚强领导下，全区上下团结奋进，与回民区、玉泉区协同发展。",
			code:   "150102",
		},
		{
			name:   "shared district name, other parent named",
			header: "政府工作报告\n——2024年1月8日在新城区第十八届人民代表大会第三次会议上",
			body:   "各位代表：\n现在，我代表区人民政府向大会报告工作。在西安市委的坚强领导下，全区上下与碑林区、莲湖区协同发展。",
			code:   "610102",
		},
		{
			name:    "shared district name, no parent named",
			header:  "政府工作报告\n——2024年1月8日在新城区第十七届人民代表大会第三次会议上",
			body:    "各位代表：\n现在，我代表区人民政府向大会报告工作。全区地区生产总值增长6%。",
			errWord: "新城区",
		},
		{
			name:   "crawler header",
			header: "标题：政府工作报告\n发文单位：准格尔旗人民政府\n来源URL：http://www.zge.gov.cn/\n正文：",
			body:   "各位代表：\n现在，我代表旗人民政府向大会报告工作。全旗经济稳中向好，鄂尔多斯市支持力度加大。",
			code:   "150622",
		},
		{
			name:   "parent's report listed beside the title in site chrome",
			header: "相关报道：鄂尔多斯市2023年政府工作报告\n准格尔旗2023年政府工作报告\n发布时间：2023-03-01",
			body:   "各位代表：\n现在，我代表旗人民政府向大会报告工作。全旗经济稳中向好，鄂尔多斯市支持力度加大，鄂尔多斯市委领导有力。",
			code:   "150622",
		},
		{
			name:   "title naming the government before the year",
			header: "奈曼旗人民政府2024年政府工作报告",
			body:   "各位代表：\n现在，我代表旗人民政府向大会报告工作。",
			code:   "150525",
		},
		{
			name:   "letter-spaced title with the session line broken",
			header: "政 府 工 作 报 告\n——2024年1月26日在奈曼旗\n第十八届人民代表大会第三次会议上",
			body:   "各位代表：\n现在，我代表旗人民政府向大会报告工作。",
			code:   "150525",
		},
		{
			name:   "national",
			header: "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强",
			body:   "各位代表：\n现在，我代表国务院，向大会报告政府工作。",
			code:   kg.NationalCode,
		},
		{
			name: "national without header",
			body: "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。内蒙古、广东、四川等地经济增长较快。",
			code: kg.NationalCode,
		},
		{
			name:   "province",
			header: "政府工作报告\n——2024年1月22日在河北省第十四届人民代表大会第二次会议上\n河北省省长 王正谱",
			body:   "各位代表：\n现在，我代表省人民政府向大会报告工作。全省经济运行稳中向好，石家庄、唐山、保定协同发展。",
			code:   "130000",
		},
		{
			name:   "speaker line naming a national deputy",
			header: "政府工作报告\n——2024年1月22日在河北省第十四届人民代表大会第二次会议上\n全国人大代表、河北省省长 王正谱",
			body:   "各位代表：\n现在，我代表省人民政府向大会报告工作。全省经济运行稳中向好。",
			code:   "130000",
		},
		{
			name:   "report to a league's people's congress working committee",
			header: "——2024年1月10日在锡林郭勒盟人大工委会议上",
			body:   "各位主任、委员：\n下面，我代表行署作工作报告。全盟经济稳中有进。",
			code:   "152500",
		},
		{
			name: "province without header",
			body: "各位代表：\n现在，我代表省人民政府向大会报告工作。全省经济运行稳中向好。河北省坚持协同发展，石家庄、唐山、保定增长较快，我省与北京、天津联系紧密。",
			code: "130000",
		},
		{
			name: "league from self-references and short names",
			body: "各位主任、委员：\n下面，我代表行署作工作报告。全盟经济稳中有进，锡盟牛羊肉品牌打响，锡林浩特市、西乌珠穆沁旗发展加快。",
			code: "152500",
		},
		{
			name: "county whose short name is rarer than an ordinary word that is another county's",
			body: "各位代表：\n现在，我代表县人民政府向大会报告工作。全县优化资源配置，盘活资源，整合资源，用好资源，节约资源。开鲁县在通辽市委领导下前进，开鲁县经济增长，开鲁县民生改善，通辽市支持开鲁。",
			code: "150523",
		},
		{
			name: "ordinary word outnumbers the county and no parent is named",
			body: "各位代表：\n现在，我代表县人民政府向大会报告工作。全县优化资源配置，盘活资源，整合资源，用好资源，节约资源，开发资源。开鲁县经济增长，开鲁县民生改善。",
			code: "150523",
		},
		{
			name: "city report naming one of its county-level cities",
			body: "各位代表：\n现在，我代表市人民政府向大会报告工作。全市经济稳中向好，通辽市在内蒙古自治区增速靠前，霍林郭勒市铝产业发展加快，通辽建设迈出新步伐。",
			code: "150500",
		},
		{
			name: "county-level city report naming its city",
			body: "各位代表：\n现在，我代表市人民政府向大会报告工作。全市经济稳中向好，霍林郭勒市铝产业发展加快，霍林郭勒市在通辽市排名靠前，霍林郭勒建设迈出新步伐。",
			code: "150581",
		},
		{
			name: "shared district name without header, municipality named",
			body: "各位代表：\n现在，我代表区人民政府向大会报告工作。全区经济稳中向好，朝阳区服务北京市首都功能，朝阳区国际化水平提升，北京市支持朝阳区发展。",
			code: "110105",
		},
		{
			name:   "autonomous prefecture",
			header: "——2024年1月9日在延边朝鲜族自治州第十六届人民代表大会第四次会议上",
			body:   "各位代表：\n现在，我代表州人民政府向大会报告工作。全州经济稳中向好。",
			code:   "222400",
		},
		{
			name:    "only ordinary words that are short names",
			body:    "各位代表：\n现在，我代表县人民政府向大会报告工作。全县优化资源配置，盘活资源，整合资源。",
			errWord: "县",
		},
		{
			name:    "no region at all",
			body:    "今天天气很好，我们去公园散步，讨论了很多有趣的问题。",
			errWord: "self-reference",
		},
		{
			name:    "self-reference but no region of that kind",
			body:    "各位代表：\n现在，我代表旗人民政府向大会报告工作。全旗经济稳中向好。",
			errWord: "旗",
		},
		{
			name:    "two unrelated banners equally often",
			body:    "各位代表：\n我代表旗人民政府向大会报告工作。奈曼旗与准格尔旗合作。奈曼旗和准格尔旗共建园区。",
			errWord: "equally",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ev, err := detectRegion(tree, tt.header, tt.body)
			if tt.code == "" {
				if kg.ErrorCode(err) != kg.EINVALID {
					t.Fatalf("got %s %s, err %v; want an EINVALID error", r.Name, r.Code, err)
				}
				if msg := kg.ErrorMessage(err); !strings.Contains(msg, tt.errWord) || strings.Contains(msg, "\n") {
					t.Errorf("error %q should be one line mentioning %q", msg, tt.errWord)
				}
				return
			}
			if err != nil {
				t.Fatalf("detectRegion: %v", err)
			}
			if r.Code != tt.code {
				t.Errorf("region = %s %s, want %s", r.Name, r.Code, tt.code)
			}
			if ev == "" || !strings.Contains(tt.header+tt.body, ev) {
				t.Errorf("evidence %q is not a verbatim passage of the input", ev)
			}
		})
	}
}

func TestDetectRegionAncestors(t *testing.T) {
	// the chosen region carries its place in the hierarchy
	tree := regionTreeFor(t)
	r, _, err := detectRegion(tree, "——2024年1月10日在海拉尔区第十七届人民代表大会第三次会议上", "我代表区人民政府向大会报告工作。")
	if err != nil {
		t.Fatal(err)
	}
	var chain []string
	for _, a := range tree.Ancestors(r.ID) {
		chain = append(chain, a.Name)
	}
	if strings.Join(chain, ">") != "呼伦贝尔市>内蒙古自治区>中华人民共和国" {
		t.Errorf("ancestors of %s = %v", r.Name, chain)
	}
}

func BenchmarkDetectRegion(b *testing.B) {
	tree := regionTreeFor(b)
	raw, err := fs.ReadFile(data.Reports(), "xilingol-league-2024.txt")
	if err != nil {
		b.Fatal(err)
	}
	body := string(raw)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := detectRegion(tree, "", body); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDetectRegion checks that arbitrary headers and bodies never panic and
// that every failure is a one-line EINVALID error.
func FuzzDetectRegion(f *testing.F) {
	f.Add("——2024年1月26日在奈曼旗第十八届人民代表大会第三次会议上", "各位代表：我代表旗人民政府向大会报告工作。全旗")
	f.Add("发文单位：", "我代表")
	f.Add("", "我代表国务院")
	f.Add("新城区人民政府工作报告", "全区\xff我代表\xe5\x85")
	tree := regionTreeFor(f)
	f.Fuzz(func(t *testing.T, header, body string) {
		r, _, err := detectRegion(tree, header, body)
		if err != nil {
			if kg.ErrorCode(err) != kg.EINVALID || strings.Contains(kg.ErrorMessage(err), "\n") {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		if _, ok := tree.ByID(r.ID); !ok {
			t.Fatalf("returned unknown region %+v", r)
		}
	})
}
