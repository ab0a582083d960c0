package loader

import (
	"github.com/reportgraph/reportgraph/division"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// Suffixes that end the name of a named thing, longest first so 产业园 wins
// over 园.
var (
	programSuffixes = []string{"工程", "计划", "战略"}
	// 攻坚战, 歼灭战 and 保卫战 name campaigns (科尔沁沙地歼灭战); 战略行动
	// is one name (新一轮找矿突破战略行动), not a 战略 and a stray 行动.
	actionSuffixes = []string{"行动", "活动", "战略行动", "攻坚战", "歼灭战", "保卫战", "阻击战", "整体战",
		// 攻坚 and 斗争 end a campaign's name only at a clause's end and
		// after a stem of what is fought (污染防治攻坚, 扫黑除恶斗争); see
		// campaignWordEnds
		"攻坚", "斗争"}
	// facilitySuffixes end project names but name a kind as often as a
	// place (医院, 公园): their stems are checked against facilityKinds.
	facilitySuffixes = []string{"高铁", "城际", "高速", "公园", "博物馆", "医院", "口岸", "隧道", "生产线", "综合楼", "门诊楼", "住院楼", "教学楼", "业务楼"}
	projectSuffixes  = append([]string{"变电站", "换流站", "天然气管道", "管道", "电站", "电厂", "铁路", "高速公路", "公路",
		"机场", "水库", "产业园", "示范园", "项目", "枢纽", "大桥", "号线"}, facilitySuffixes...)
	// facilityWords make a 工程 concrete: a project, not a program. Not
	// 修复 or 学校: 生态系统修复与保护工程 and 中等职业学校标准化建设工程 are
	// programs; a grid line (特高压, 千伏, X电入Y, 送电), a water transfer
	// (水资源配置, 水系连通), a hub or a site (水利枢纽, 场馆, 广场) is built once.
	facilityWords = []string{"厂", "站", "管网", "管道", "水库", "公路", "铁路", "大桥", "医院",
		"改扩建", "扩建", "新建", "附属", "综合楼", "业务楼", "标段", "支线", "干线", "墓", "河治理", "渠", "输水", "输供水", "输电", "河道", "期工程",
		"特高压", "千伏", "电入", "送电", "电力外送", "水资源配置", "水资源优化配置", "水系连通", "航运", "水利枢纽", "防洪",
		"入地", "场馆", "纪念园", "广场", "故居", "批发市场", "供水一体化", "机场", "码头", "航站楼"}
	// strategyNouns follow 战略 used as a modifier: 战略定力, 战略机遇期.
	strategyNouns = []string{"五年", "三年", "战役", "定力", "机遇", "性", "定位", "基点", "眷顾", "高地", "通道", "科技", "支点", "腹地",
		"任务", "地位", "合作", "布局", "意义", "部署", "目标", "方针", "指导", "重组", "投资", "储备", "资源",
		"咨询", "规划", "支撑", "安全", "需求", "全局", "格局", "层面", "思维", "主动", "判断", "研究", "导向",
		"方向", "举措", "要地", "枢纽", "纵深", "空间", "契机", "决策", "伙伴", "协议", "框架", "高度", "眼光", "物资", "新兴", "产业", "叠加", "机会"}
	// genericStems are words that, before a suffix, name no specific thing
	// (民生工程, 重点项目).
	genericStems = map[string]bool{"民生": true, "发展": true, "重点": true, "重大": true, "系统": true,
		"基础": true, "专项": true, "各项": true, "相关": true, "这项": true, "一批": true, "配套": true,
		"民心": true, "头号": true, "主体": true, "电网": true, "一体化": true, "一期": true, "二期": true, "三期": true, "民用": true, "跨境": true, "农村牧区": true, "全盟": true, "全市": true, "全旗": true, "全区": true, "全县": true, "农村": true, "通用": true, "城市": true, "乡村": true, "联网": true, "养护": true, "国家": true, "实际": true, "前期": true, "产业": true, "建设": true, "好": true, "大": true, "新": true, "在建": true,
		"续建": true, "新建": true, "储备": true, "招商": true, "招商引资": true, "投资": true, "政府投资": true, "签约": true,
		"开工": true, "示范": true, "试点": true, "工作": true, "三年": true, "五年": true, "专项整治": true,
		"攻坚": true, "提升": true, "整治": true, "各类": true, "上述": true, "年度": true, "十大": true,
		"区域": true, "开放": true,
		// how people act, not what they do (统一思想、统一行动; 科学行动指南)
		// kinds of line or plant (高速铁路, 排水管道, 通航机场, 市区变电站)
		"土木": true, "基本建设": true, "高速": true, "排水": true, "通航": true, "抽水蓄能": true, "主干": true, "市区": true, "工程建设": true,
		"国家文化": true, "新一轮": true, "统一": true, "共同": true, "一致": true, "自觉": true, "具体": true, "科学": true, "集体": true, "十四五": true, "形象": true, "新增": true, "面子": true, "政绩": true, "大型": true, "一体化国家": true}
	// facilityKinds end a stem that names a kind of hospital, park or
	// line, not one (公立医院, 三甲医院, 口袋公园, 新增高速).
	facilityKinds = []string{"公立", "三级", "三甲", "二级", "县级", "市级", "省级", "口袋", "体育", "郊野", "城市", "新增", "加密", "中高",
		"综合", "专科", "中医", "区域", "标志性", "各类", "开放", "智慧", "新一代", "城市间", "平安", "乡镇", "社区",
		"病险", "小型", "中小型", "农村", "普通", "城际", "环线", "市郊", "干支线", "世界级", "全省", "全市", "自然", "县域", "以上",
		"改建", "新改建", "新改扩建", "改造", "改造提升", "人均", "物流", "航空", "门户", "主要", "其中",
		"高水平", "双车道", "老区", "区域医疗"}
	// useKinds name a kind of facility by its use or size (旅游公路, 通勤
	// 机场, 小微公园, 工业博物馆) when nothing names which one: 宝古图旅游
	// 公路 is one road.
	useKinds = []string{"旅游", "通勤", "小微", "市民", "快递", "无界", "非公", "工业"}
	// pluralLevels lead a phrase about every region of a level (旗县市,
	// 县市区, 市县): what follows is a kind each of them has.
	pluralLevels = []string{"旗县市", "旗县区", "县市区", "市县区", "市县", "县区", "各旗县", "各县", "各市", "各区"}
	// designatedAreas end the names of protected areas and zones, which a
	// government designates rather than builds; the gold counts no zone a
	// project. (国家文化公园, a park built across provinces, is one.)
	designatedAreas = []string{"国家公园", "地质公园", "自由贸易港", "古城", "老城", "副中心", "科学城"}
	// activityKinds end the stem of an unquoted 活动 that names a kind of
	// event (市民系列文化活动, 国家主场活动, 消费融合促销活动, 体育赛事活动), not one.
	activityKinds = []string{"文化", "文体", "演出", "赛事", "体育", "体验", "促销", "对接", "经贸", "主场", "重大", "重要", "大型",
		"宣传", "实践", "纪念", "进基层", "交流", "推介"}
	// categoryStems end a 项目 phrase that names a kind of project (产业振兴
	// 项目, 园区基础设施项目, 节能技改项目), not one project.
	categoryStems = []string{"产业", "振兴", "服务", "研发", "技改", "基础设施", "用地", "提升", "衔接", "代表性", "科技", "房地产", "改造",
		"开发", "合作", "强链", "投资", "事业", "更新", "修复", "技术", "园区", "落地", "轨道交通",
		// kinds by source, owner or size (存量外资项目, 招商引资签约项目,
		// 上市公司募投项目, 省大中型项目), each (各项目) or a dangling 和
		"外资", "签约", "募投", "创业", "扩产", "工业", "大中型", "科研", "各", "和",
		// kinds by role or purpose (标志性项目, 问题项目, 价格项目)
		"标志性", "问题", "价格", "基金", "省外", "高排放"}
	// leadWords are verbs and function words that precede a name in a
	// clause; they are stripped from its left edge.
	leadWords = []string{"深入实施", "全面实施", "组织实施", "启动实施", "加快实施", "持续实施", "大力实施", "扎实推进", "加快推进",
		"全力推进", "持续推进", "深入推进", "积极推进", "全面推进", "统筹推进", "推动", "推进", "实施", "加快", "启动",
		"开展", "落实", "围绕", "持续", "深入", "扎实", "组织", "接续", "大力", "积极", "谋划", "确保",
		"建设", "建成", "开工", "完成", "抓好", "打好", "打赢", "做好", "办好", "强化", "争取", "依托", "力争",
		"认真", "着力", "聚焦", "更高标准", "高质量", "高水平", "高标准", "落细", "继续", "全力", "加大", "用好", "引进", "打造", "争创", "申报", "以", "把",
		"和", "及", "与", "在", "对", "为", "将", "要", "是", "了", "等", "其中", "通过", "同时", "新建", "新增", "好", "并",
		"开通", "投运", "既是", "也是", "就是", "—", "运营", "启用", "配合", "支持", "保障", "促进", "创建", "参与", "助力", "总投资", "累计", "年内", "在建", "改扩建", "扩建", "按期", "深化", "全盟", "全市", "全旗", "全区", "全县", "全省", "全国", "顺利通过", "我盟", "我市", "我旗", "我区", "我县", "跻身", "提高", "完善", "加强", "健全", "建立", "较好", "让", "结合", "各类", "各项",
		// verbs of building, running or becoming a facility, which inside a
		// name mean something else (重点园区开放能级提升行动): 打通机场,
		// 开放中国长城博物馆, 提速建设藻渡水库, 成为…枢纽, 管好港珠澳大桥
		"成为", "当好", "构建", "规划建设", "规划", "改造提升", "优化提升", "改造", "续建", "常态化", "系列", "做大", "做强", "做优", "做实", "做深", "共建", "提速建设", "迭代升级", "打通", "开放", "管好", "取消", "关停", "培育引进", "有效管控", "协同提升"}
	// allSuffixes and suffixStarts let findNames skip most runes with one
	// bit test, as leadStarts and innerVerbStarts do trimLead; all are
	// read-only after init.
	leadStarts      = firstRunes(leadWords)
	leadFirst       = firstRuneOf(leadWords)
	innerVerbStarts = firstRunes(innerVerbs)
	innerVerbFirst  = firstRuneOf(innerVerbs)
	allSuffixes     = append(append(append([]string{}, programSuffixes...), actionSuffixes...), projectSuffixes...)
	suffixStarts    = firstRunes(allSuffixes)
	suffixesByStart = wordsByStart(allSuffixes)
	reNumbered      = regexp.MustCompile(`^[一二三四五六七八九十两0-9]+[个项大条类]`)
	reCountStart    = regexp.MustCompile(`^[0-9.]+[个项座家所条]`)
	reCampaign      = regexp.MustCompile(`[^年]{2,}年$`)
)

// classify decides what a name denotes by what it is, not by suffix alone:
// campaigns are initiatives, umbrella and region-wide 工程 are programs,
// 工程 with a concrete facility are projects.
func classify(name string) (kg.EntityKind, bool) {
	key := kg.KeyOf(name)
	if base := withoutProjectTail(key); base != key && hasAnySuffix(base, projectSuffixes) {
		return kg.KindProject, true // a section or phase of a facility: 银兰高铁中兰段
	}
	switch {
	case isActionUmbrella(name):
		// an umbrella of actions (“六个行动”, “十大行动”) is a campaign of
		// campaigns: an initiative, as the real reports' gold labels them
		return kg.KindInitiative, true
	case hasAnySuffix(key, actionSuffixes) || strings.HasSuffix(key, "年") && reCampaign.MatchString(key):
		return kg.KindInitiative, true
	case strings.HasSuffix(key, "工程"):
		// a counted handle (“一干两支”机场改造升级工程) names works on
		// several facilities: a program
		if containsAny(key, facilityWords) && !(strings.HasPrefix(name, "“") && startsWithNumeral(name[len("“"):])) || reWaterTransfer.MatchString(name) {
			return kg.KindProject, true
		}
		return kg.KindProgram, true
	case hasAnySuffix(key, programSuffixes):
		return kg.KindProgram, true
	case hasAnySuffix(key, projectSuffixes):
		return kg.KindProject, true
	}
	return "", false
}

// reActionUmbrella is a count directly before the action suffix: “六个行动”,
// 黄河流域生态保护“十大行动”, 就业促进“五大行动”; “五个大起底”行动 is one
// campaign with five aspects, not an umbrella.
var reActionUmbrella = regexp.MustCompile(`(?:^|“)[一二三四五六七八九十两0-9]+[个项大条类]?“?(?:专项)?(?:行动|活动)”?$`)

func isActionUmbrella(name string) bool {
	// The pattern is unanchored at its start: test the cheap suffix first.
	if k := strings.TrimRight(name, "” "); !strings.HasSuffix(k, "行动") && !strings.HasSuffix(k, "活动") {
		return false
	}
	if !strings.ContainsAny(name, "一二三四五六七八九十两0123456789") {
		return false // no count: most names, tested without the pattern
	}
	return reActionUmbrella.MatchString(strings.TrimFunc(name, isSpace)) || reActionUmbrella.MatchString(kg.KeyOf(name))
}

// isQuotedNumbered matches 六个“倍增计划”: a count before a quoted name.
func isQuotedNumbered(name string) bool {
	i := strings.Index(name, "“")
	return i > 0 && reNumbered.MatchString(name[:i]+"x") && strings.HasSuffix(reNumbered.FindString(name), name[:i])
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if containsWord(s, w) {
			return true
		}
	}
	return false
}

// nameSpan is a name found in a sentence, with its byte range.
type nameSpan struct {
	Name       string
	Start, End int
	// Alias is another spelling of it, so either finds it: the quoted
	// umbrella alone when Name adds whose it is (“六大工程” of 文明甘肃建设
	// “六大工程”), or the name with its scope (国家“三北”工程).
	Alias string
}

// clauseBreak ends a name on its left: punctuation and brackets.
const clauseBreak = "，。；：、,;:（）()《》!！?？ \t·…"

// findNames returns the named programs, initiatives and projects in one
// sentence: every suffix occurrence, extended left to its clause start and
// stripped of leading verbs.
func findNames(s string) []nameSpan {
	var out []nameSpan
	lastStart, lastEnd := 0, 0
	// projectFloor is where a project's name may start after a category
	// word of projects (国家重点工程) that heads it; a program or campaign
	// about such projects (大项目带动战略) is named with it.
	projectFloor := 0
	for i := 0; i < len(s); {
		r, w := decodeRune(s, i)
		suf := ""
		if suffixStarts.has(r) {
			suf = longestWordAt(s[i:], suffixesByStart[r])
		}
		if suf == "" {
			i += w
			continue
		}
		end := i + len(suf)
		// 主场馆二期|工程|建设, “三北”|工程|建设: a phase's or a handle's 工程
		// is one work, built; other 工程建设 is construction, a noun
		phased := suf == "工程" && strings.HasPrefix(s[end:], "建设") && (endsInPhase(s[:i]) || strings.HasSuffix(s[:i], "”"))
		// 西山自然博物馆项目|建设: a facility's 项目 is built, its name ends
		built := suf == "项目" && strings.HasPrefix(s[end:], "建设") && (endsInHead(s[:i]) || hasAnySuffix(s[:i], projectSuffixes))
		if !phased && !built && continuesWord(suf, s[end:]) || hasAnySuffix(suf, projectSuffixes) && (followedByFacility(s[end:]) || branchOf(suf, s[end:]) || buildingOf(suf, s[end:])) ||
			slices.Contains(institutionHeads, suf) && ownsProject(s[end:]) {
			// 水利枢纽|工程, 城际|铁路, 热电厂|铁路专用线项目: a suffix
			// right after this one ends the name; the next match names it
			// from the same start.
			i = end
			continue
		}
		tail := 0
		if strings.HasPrefix(s[end:], "”") {
			end += len("”")
		} else if hasAnySuffix(suf, projectSuffixes) {
			tail = projectTail(s[end:])
		}
		floor := lastEnd
		if slices.Contains(projectSuffixes, suf) {
			floor = max(floor, projectFloor)
		}
		start := clauseStart(s, i, floor)
		if start == lastEnd && lastEnd > 0 && start < i && extendsFacility(s[lastStart:lastEnd], s[start:i]) {
			// The last name is a facility this one works on (中蒙俄中线铁路 |
			// 升级改造计划): both are named.
			start = lastStart
		}
		name, off := trimLead(s[start:end])
		if strings.HasSuffix(s[:start], "（") {
			// 粤东水资源优化配置工程（含龙颈水库扩建）: what a bracket
			// says the work includes is named without 含
			for _, w := range []string{"含", "包括"} {
				if rest, ok := strings.CutPrefix(name, w); ok && runeCount(rest) >= 4 {
					name, off = rest, off+len(w)
				}
			}
		}
		alias := ""
		if owner := quotedOwner(s, start, lastEnd); owner < start && isCountedHandle(strings.TrimPrefix(name, "“")) {
			// 文明甘肃建设“六大工程”: a counted umbrella is named with
			// whose it is; “渝西跨越计划” is a name on its own.
			if n, o := trimLead(s[owner:end]); !strings.HasPrefix(n, "“") && acceptName(n) {
				alias = name
				name, off, start = n, o, owner
			}
		}
		if cut := scopeBeforeHandle(name); cut > 0 {
			alias, name, off = name, name[cut:], off+cut
		} else if cut := centralBeforeCampaign(name); cut > 0 {
			alias, name, off = name, name[cut:], off+cut
		}
		if q := describedHandle(name, suf); q > 0 {
			name, off = name[q:], off+q
		}
		if cut := joinedFacility(name); cut > 0 {
			name, off = name[cut:], off+cut
		} else if from := parallelList(s[:start+off], name, suf); from >= 0 && from >= lastEnd {
			// 蓝天、碧水、净土保卫战: one campaign over parallel items.
			name, off = s[from:end], from-start
		}
		if q := strings.Index(name, "“"); q > 0 && strings.HasSuffix(s[:start+off], "、") && !strings.Contains(name[:q], "”") &&
			startsWithNumeral(name[q+len("“"):]) {
			// 名医、名科、名诊所“三名”工程: a counted handle sums up the
			// enumeration its first words end; it is the name (氢氨谷
			// “源网荷储”一体化项目, uncounted, keeps its owner).
			name, off = name[q:], off+q
		}
		if hs := sharedSuffixHandles(name); hs != nil {
			// “百团千企”“渝企出海”行动计划: one suffix shared by quoted
			// handles names one program per handle.
			base := start + off
			for _, h := range hs {
				if n := h.handle + h.suffix; acceptName(n) {
					out = append(out, nameSpan{Name: n, Start: base + h.at, End: end, Alias: h.handle})
				}
			}
			lastStart, lastEnd = base, end
			i = end
			continue
		}
		// 广州白云站、青茂口岸等互联互通工程: after an enumeration's 等 an
		// unquoted phrase is the category of what was listed.
		afterList := strings.HasSuffix(s[:start+off], "等") && !strings.HasPrefix(name, "“")
		if off > 0 && countedWorks(s[start:start+off], suf) {
			// 实施100个社区儿童友好空间改造工程, 30项市级疏堵工程: works
			// counted by the unit are a kind of work, not a named program
			i = end
			continue
		}
		if hasAnySuffix(suf, projectSuffixes) && !strings.HasPrefix(name, "“") && reMeasureEnd.MatchString(s[start:start+off]) {
			// 13公里双线燃气管道, 5条主干道路: so much of a kind of work
			// (1.5万亩“菜篮子”工程项目 is named by its handle)
			i = end
			continue
		}
		if batchedList(s[:start+off]) {
			// 开工建设一批海上风电、核电和抽水蓄能项目: the last item of a
			// list a batch counts is a kind like the others
			i = end
			continue
		}
		if countFollows(s[end:]) {
			// 环境综合治理项目2751个, 国家现代农业产业园13个: a kind counted
			i = end
			continue
		}
		if ok := !afterList && acceptName(name); !ok && headsName(name, suf, s[end:]) {
			projectFloor = end
		} else if ok {
			// The facility is judged by its name, then named with its
			// section or phase (渝厦高铁 | 重庆东至黔江段).
			end += tail
			if tail > 0 && rePhaseMark.MatchString(s[end-tail:end]) && strings.HasPrefix(s[end:], "项目") {
				end += len("项目") // 哈克文化遗址公园二期|项目: the phase's project
			}
			out = append(out, nameSpan{Name: withoutNoteMarks(s[start+off : end]), Start: start + off, End: end, Alias: alias})
			lastStart, lastEnd = start+off, end
		}
		i = end
	}
	return out
}

// endsInPhase reports s ending in a phase (二期, 六期, 3期), the mark
// rePhaseMark finds inside a name.
func endsInPhase(s string) bool {
	before, ok := strings.CutSuffix(s, "期")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("一二三四五六七八九十0123456789", r)
}

// ownsProject reports what follows an institution's name as a project of
// its own (区人民医院|远程医疗项目): two to six Han runes, no work on the
// institution (医院改扩建项目 is one, named by findNames' work rules), and
// 项目.
func ownsProject(rest string) bool {
	i := strings.Index(rest, "项目")
	if i < 0 {
		return false
	}
	between := rest[:i]
	n := runeCount(between)
	return n >= 2 && n <= 6 && allHan([]rune(between)) && !containsAny(between, workTails) && !containsWord(between, "建设") && lastVerbCut(between) == 0
}

// reMeasureEnd is a length, an area or a count right before a name: what
// follows is measured, a kind of work (money invested, 550万元, is not).
var reMeasureEnd = regexp.MustCompile(`[0-9.]+多?[万千百亿]?(?:[条座所个处亩吨]|平方米|公里|千米|米)$`)

// batchedList reports text before a name that ends in an enumeration
// whose first item a batch counts (一批海上风电、): the name is one more
// item of the batch, a kind of work. A quoted handle (“三个一批”) counts
// nothing.
func batchedList(before string) bool {
	if !strings.HasSuffix(before, "、") {
		return false
	}
	list := before[afterLastAny(before, "，。；：,;:"):]
	first, _, _ := strings.Cut(list, "、")
	return strings.Contains(first, "批") && !strings.Contains(first, "“") && reCountedBatch.MatchString(first)
}

// reCountedBatch is a batch counted (一批, 两批), not one approved (获批)
// or ranked (首批, 第二批).
var reCountedBatch = regexp.MustCompile(`(?:^|[^第])[一二两三四五六七八九十0-9]批`)

// reCountedGroup is a counted group inside a phrase (60余家医疗卫生机构与
// 京津80多家医院): a number of things, not one named.
var reCountedGroup = regexp.MustCompile(`[0-9]+[余多]?[家个所座]`)

// trimLeadShort is trimLead for a phrase that may be short: trimLead keeps
// a lead word when too little would be left to name anything, so the
// phrase is tested with a suffix after it (优化提升应寺 -> 应寺).
func trimLeadShort(s string) string {
	name, _ := trimLead(s + "工程")
	return strings.TrimSuffix(name, "工程")
}

// cutLead returns s without the lead word it starts with.
func cutLead(s string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	if !leadStarts.has(r) {
		return s, false
	}
	for i, w := range leadWords {
		if leadFirst[i] == r && strings.HasPrefix(s, w) {
			return s[len(w):], true
		}
	}
	return s, false
}

// reCountEnd is a count ending a stem: …四大, …两大.
var reCountEnd = regexp.MustCompile(`[一二三四五六七八九十两]+[大个项]$`)

// sumsUpList reports a stem that joins things and then counts them
// (特色产业提质和未来产业培育四大工程, 京津冀协同发展与“一带一路”两大国家
// 战略): it sums up an enumeration whose members are named, it names no
// program of its own.
func sumsUpList(stem string) bool {
	if !containsAny(stem, []string{"和", "与", "及", "、"}) {
		return false
	}
	return reCountEnd.MatchString(trimScope(stem))
}

// reCountFollows is a count of units right after a name.
var reCountFollows = regexp.MustCompile(`^[0-9一二三四五六七八九十百千万.]+多?[个项处座所条家]`)

// countFollows reports a count of units starting rest and ending its
// clause (项目2751个，): not 3个以上 (a bound) or 8座以下小型车辆 (seats).
func countFollows(rest string) bool {
	if !startsWithFigure(rest) && !startsWithNumeral(rest) {
		return false
	}
	m := reCountFollows.FindString(rest)
	return m != "" && endsClause(rest[len(m):])
}

// endsClause: rest is empty or starts with a clause break.
func endsClause(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || strings.ContainsRune(clauseBreak, r)
}

// reCountedLead is a count of units ending the text before a name.
var reCountedLead = regexp.MustCompile(`[0-9一二三四五六七八九十百千万]+多?[个项处座所条]$`)

// countedWorks reports a 工程 or 计划 that lead counts by the unit.
func countedWorks(lead, suf string) bool {
	if suf != "工程" && suf != "计划" && !slices.Contains(projectSuffixes, suf) || lead == "" {
		return false // 24个国家现代农业产业园: parks counted are a kind too
	}
	r, _ := utf8.DecodeLastRuneInString(lead)
	return strings.ContainsRune("个项处座所条", r) && reCountedLead.MatchString(lead)
}

// headsName reports a category word (国家重点工程, 重大项目) run straight
// into the name it classes (国家重点工程包银高铁): the name starts after it.
func headsName(name, suf, rest string) bool {
	stem := trimScope(strings.TrimSuffix(kg.KeyOf(name), suf))
	if stem == "" || !genericStems[stem] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.Is(unicode.Han, r) || r == '“'
}

// branchOf reports a branch named after its parent facility: a place and
// the same suffix again (附属肿瘤医院 | 甘肃医院), one name.
func branchOf(suf, rest string) bool {
	n := 0
	for i, r := range rest {
		if n >= 2 && strings.HasPrefix(rest[i:], suf) {
			return true
		}
		if n == 4 || !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return false
}

// reNoteMark is a footnote's mark inside a name (“三创四建”[24]活动): it
// points at the glossary and is no part of the name.
var reNoteMark = regexp.MustCompile(`\^?[\[［][0-9]{1,3}[\]］]`)

func withoutNoteMarks(name string) string {
	if !strings.Contains(name, "[") && !strings.Contains(name, "［") {
		return name
	}
	return reNoteMark.ReplaceAllString(name, "")
}

// sharedHandle is one quoted handle of a name whose suffix several share.
type sharedHandle struct {
	handle, suffix string
	at             int // byte offset of the handle in the name
}

// reSharedHandles is two or more quoted handles, side by side or joined by
// 、, 和 or 及, then the suffix they share: “入境旅游”“留学重庆”行动,
// “宽带升级”和“信号升格”专项行动.
var reSharedHandles = regexp.MustCompile(`^(?:“[^“”]{1,12}”(?:、|和|及)?){2,}([^“”]+)$`)

// sharedSuffixHandles splits such a name into its handles, or returns nil.
func sharedSuffixHandles(name string) []sharedHandle {
	if !strings.HasPrefix(name, "“") || strings.Count(name, "”") < 2 {
		return nil // the pattern needs two handles at the start
	}
	m := reSharedHandles.FindStringSubmatchIndex(name)
	if m == nil {
		return nil
	}
	suffix := name[m[2]:m[3]]
	var out []sharedHandle
	for i := 0; i < m[2]; {
		j := strings.Index(name[i:], "”")
		h := name[i : i+j+len("”")]
		out = append(out, sharedHandle{handle: h, suffix: suffix, at: i})
		i += j + len("”")
		for _, sep := range []string{"、", "和", "及"} {
			if strings.HasPrefix(name[i:], sep) {
				i += len(sep)
				break
			}
		}
	}
	return out
}

// describedHandle is where the last quoted handle of name starts when it
// stands right before the suffix and words with an earlier handle
// describe it (首条“沙戈荒”新能源外送通道“宁电入湘”工程: the handle and
// suffix name the work), or 0. Handles written side by side (“百团千企”
// “渝企出海”行动计划) share their suffix and are sharedSuffixHandles' own.
func describedHandle(name, suf string) int {
	q := strings.LastIndex(name, "“")
	if q <= 0 || !strings.Contains(name[:q], "“") || strings.HasSuffix(name[:q], "”") ||
		!strings.HasSuffix(strings.TrimSuffix(name, suf), "”") {
		return 0
	}
	return q
}

// buildingOf reports a building named for the facility just read: one to
// four Han characters, then a building's suffix (中东铁路|遗址博物馆, 机场|
// 航空博物馆). The building is the name, read from the same start.
func buildingOf(suf, rest string) bool {
	if suf == "项目" {
		return false
	}
	read := 0 // Han characters read after the facility
	for i, r := range rest {
		if w := longestSuffix(rest[:i], buildingSuffixes); w != "" {
			if gap := read - runeCount(w); gap >= 1 && gap <= 4 {
				return true
			}
		}
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune("和及与或等", r) || read == 4+3 {
			return false // at most 4 characters, then a suffix of at most 3
		}
		read++
	}
	w := longestSuffix(rest, buildingSuffixes)
	return w != "" && read-runeCount(w) >= 1 && read-runeCount(w) <= 4
}

// buildingSuffixes end the names of buildings and parks (not of lines).
var buildingSuffixes = []string{"博物馆", "纪念馆", "公园", "医院"}

// startsWithSuffix reports a name suffix at the start of rest.
func startsWithSuffix(rest string) bool {
	if rest == "" {
		return false
	}
	r, _ := decodeRune(rest, 0)
	return suffixStarts.has(r) && longestWordAt(rest, suffixesByStart[r]) != ""
}

// followedByFacility reports a facility suffix, or 工程, starting rest
// and ending a name itself: after a facility it names the larger work the
// facility is part of (水利枢纽|工程, 城际|铁路, 热电厂|铁路). Only right
// after it, or after a kind of line (中川机场|环线铁路): with other words
// between, the later suffix names a part of the facility's work (东台子
// 水库 | 主体工程).
func followedByFacility(rest string) bool {
	for _, k := range lineKinds {
		if after, ok := strings.CutPrefix(rest, k); ok {
			rest = after // 中川机场|环线铁路: a kind of line before its suffix
			break
		}
	}
	if rest == "" {
		return false
	}
	r, _ := decodeRune(rest, 0)
	if !suffixStarts.has(r) {
		return false
	}
	next := longestWordAt(rest, suffixesByStart[r])
	if next != "工程" && !slices.Contains(projectSuffixes, next) {
		return false
	}
	return !continuesWord(next, rest[len(next):])
}

// longestWordAt returns the first of words, longest first, that s starts
// with.
func longestWordAt(s string, words []string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

// firstRuneOf lists each word's first rune, in the words' order.
func firstRuneOf(words []string) []rune {
	out := make([]rune, len(words))
	for i, w := range words {
		out[i], _ = utf8.DecodeRuneInString(w)
	}
	return out
}

// startsWithFigure: an ASCII digit or a decimal point.
func startsWithFigure(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}

// startsWithNumeral: a Chinese numeral 一 to 十.
func startsWithNumeral(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("一二三四五六七八九十", r)
}

// countsBeforeEnd reports a count of things at the end of key: a numeral,
// a counter word and at most two more Han runes (2条公路, 3个项目). It is
// the pattern [0-9一…十两]+[条个座处所家批]\p{Han}{0,2}$ without the
// regexp machinery, which cost more than the rest of acceptName
// (TestCountsBeforeEnd holds them equal).
func countsBeforeEnd(key string) bool {
	var last [4]rune // the last runes of key, last first
	n := 0
	for i := len(key); n < len(last) && i > 0; n++ {
		r, w := utf8.DecodeLastRuneInString(key[:i])
		last[n], i = r, i-w
	}
	for k := 0; k+1 < n && k <= 2; k++ {
		if strings.ContainsRune("条个座处所家批", last[k]) && strings.ContainsRune("0123456789一二三四五六七八九十两", last[k+1]) {
			return true
		}
		if !unicode.Is(unicode.Han, last[k]) {
			return false // what follows a counter is Han
		}
	}
	return false
}

// leadingRunes is the start of s holding at most n runes.
func leadingRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// wordsByStart indexes words by their first rune, each list longest first,
// so a scanner tries the few words that can start where it stands instead
// of all of them.
func wordsByStart(words []string) map[rune][]string {
	out := make(map[rune][]string)
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		out[r] = append(out[r], w)
	}
	for _, ws := range out {
		slices.SortStableFunc(ws, func(a, b string) int { return len(b) - len(a) })
	}
	return out
}

// continuesWord reports whether the text after a suffix makes it part of a
// longer word (工程师, 行动计划, 项目化), or the name that of an award
// (“五个一工程”奖). 战略 also qualifies nouns (战略定力, 战略性新兴产业,
// 开放战略高地): before one of those it ends no name.
func continuesWord(suffix, rest string) bool {
	if suffix == "攻坚" || suffix == "斗争" {
		return !campaignWordEnds(rest)
	}
	if strings.HasPrefix(strings.TrimPrefix(rest, "”"), "奖") {
		return true
	}
	if suffix == "战略" {
		for _, w := range strategyNouns {
			if strings.HasPrefix(rest, w) {
				return true
			}
		}
	}
	if (suffix == "项目" || suffix == "工程") && strings.HasPrefix(rest, "前期") {
		return false // 盛源城市广场建设项目|前期工作: the project prepared
	}
	if suffix == "计划" && strings.HasPrefix(rest, "生育") {
		return true // 计划生育: family planning, a policy, not a plan
	}
	if after, ok := strings.CutPrefix(rest, "建设"); ok && suffix != "项目" && hasAnySuffix(suffix, projectSuffixes) && !startsWithSuffix(after) {
		// 藻渡水库建设: the facility is built, its name ends there (宁夏
		// 算力枢纽建设工程 is named by its 工程)
		return false
	}
	for _, w := range []string{"师", "计划", "方案", "化", "库", "款", "部", "单位", "建设", "资金", "管理", "审批", "招商", "谋划", "储备", "前期", "手续", "用地", "包联", "落地", "投资", "清单", "为王", "中心", "至", "段",
		"行列", "里程", "指南", "场所"} { // 跻身…机场行列, 公路里程
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	// 中国工程院 is an academy; …工程项目 one project, named by its 项目,
	// unless a count follows: 农网改造升级工程项目118个 counts a program's
	// projects
	if suffix == "工程" && (strings.HasPrefix(rest, "院") ||
		strings.HasPrefix(rest, "项目") && !startsWithFigure(rest[len("项目"):]) && !startsWithNumeral(rest[len("项目"):])) {
		return true
	}
	return false
}

// campaignWordEnds: 攻坚 and 斗争 are nouns of many phrases (攻坚成果,
// 斗争精神); they end a name only where the clause ends.
func campaignWordEnds(rest string) bool {
	if after, ok := strings.CutPrefix(rest, "”"); ok {
		// a quoted handle is a name, unless a suffix makes it part of a
		// longer one (“百日攻坚”行动)
		r, _ := utf8.DecodeRuneInString(after)
		return !suffixStarts.has(r) || longestWordAt(after, suffixesByStart[r]) == ""
	}
	return endsClause(rest)
}

// campaignStems end the stem of a 攻坚 campaign: what is being cleaned up
// or brought to standard (污染防治攻坚, 安全生产治本攻坚, 综合治理攻坚).
var campaignStems = []string{"防治", "治理", "治本", "整治", "提质"}

// struggleDomains end a 斗争 that names a field of struggle, not one
// campaign (国际经贸斗争, 各领域军事斗争, 反干涉重大斗争).
var struggleDomains = []string{"经贸", "军事", "边防", "重大", "政治", "思想", "意识形态"}

// isCampaignWord reports whether a name ending in 攻坚 or 斗争 names a
// campaign: a quoted handle (“百日攻坚”), a 攻坚 after what it cleans up,
// a 斗争 after a stem of four runes or more (扫黑除恶斗争; not 军事斗争 or
// 反腐败斗争, a standing task).
func isCampaignWord(key, name, stem string) bool {
	switch {
	case strings.HasSuffix(name, "”"):
		return true
	case strings.HasSuffix(key, "攻坚"):
		return hasAnySuffix(stem, campaignStems)
	case strings.HasSuffix(key, "斗争"):
		if i := strings.LastIndex(stem, "和"); i >= 0 {
			stem = stem[i+len("和"):] // 党风廉政建设和反腐败斗争: what is fought follows 和
		}
		stem = strings.TrimSuffix(stem, "专项")
		return runeCount(stem) >= 4 && !hasAnySuffix(stem, struggleDomains)
	}
	return true
}

// reProjectTail is what names a part of a facility after its name: a
// section (保定段, 重庆东至黔江段), a phase (三期, 新线一期), a branch
// (亦庄院区, 保定分院) or a runway.
var reProjectTail = regexp.MustCompile(`^(?:\p{Han}{1,6}至\p{Han}{1,6}段|\p{Han}{1,4}段|(?:新线)?[一二三四五六七八九十]期|第[一二三四五六七八九十]跑道|\p{Han}{2}(?:院区|分院|校区)|专用线|支线|联络线|[东西南北]延(?:伸段|伸|段)?|改扩建)`)

// projectTailEnds are the last words of every reProjectTail alternative.
var projectTailEnds = []string{"段", "期", "跑道", "院区", "分院", "校区", "群", "线", "延", "伸", "改扩建"}

// closesName: what follows ends a name: nothing, a break, or a word that
// lists or joins (等, 和, 及, 与).
func closesName(next string) bool {
	if next == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	return strings.ContainsRune(clauseBreak+"“”等和及与", r)
}

// clusterAt is the length of a 群 or 集群 starting next that makes a
// facility's name a group of them (南中轴大红门博物馆群, 庆阳数据中心集群),
// 0 without one or where 群 starts another word (医院群众, 群体, 群落).
func clusterAt(next string) int {
	for _, w := range []string{"集群", "群"} {
		if rest, ok := strings.CutPrefix(next, w); ok {
			if r, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune("众体落岛星", r) {
				return 0
			}
			return len(w)
		}
	}
	return 0
}

// notSections end a would-be section that is a word: 阶段, 手段, 时段.
var notSections = []string{"阶段", "手段", "时段", "地段", "分段"}

// projectTail is how many bytes of rest continue a facility's name: a
// section, phase or branch. A bracketed place after it (（奈曼段）) is left
// out: brackets are written full- or half-width, and the facility is named
// without them.
func projectTail(rest string) int {
	if n := clusterAt(rest); n > 0 {
		return n // 南中轴大红门博物馆|群
	}
	// A tail is at most 14 runes and ends in one of projectTailEnds: where
	// none stands that close, the pattern cannot match.
	if !containsAny(leadingRunes(rest, 14), projectTailEnds) {
		return 0
	}
	m := reProjectTail.FindString(rest)
	if m == "" || hasAnySuffix(m, notSections) || containsAny(m, []string{"建设", "完成", "取得", "实现", "推进"}) {
		return 0
	}
	if m == "改扩建" && !closesName(rest[len(m):]) {
		return 0 // 锡林浩特机场|改扩建一期工程: the rebuilding's own name goes on
	}
	return len(m)
}

// withoutProjectTail is key without a section or phase after a project
// suffix (银兰高铁 of 银兰高铁中兰段), or key itself.
func withoutProjectTail(key string) string {
	if !hasAnySuffix(key, projectTailEnds) {
		return key // no tail can end here: most keys, tested without the pattern
	}
	for _, suf := range projectSuffixes {
		for i := strings.LastIndex(key, suf); i > 0; i = strings.LastIndex(key[:i], suf) {
			rest := key[i+len(suf):]
			if rest != "" && projectTail(rest) == len(rest) {
				return key[:i+len(suf)]
			}
		}
	}
	return key
}

// facilityWork is work on a facility that a plan or project is named for.
var facilityWork = []string{"升级改造", "升级", "改造", "扩能", "提质", "改扩建", "扩建", "复线", "电气化", "优化提升", "提升", "延伸"}

// extendsFacility reports a name (between, up to the next suffix) that
// continues a facility name prev directly: 铁路 + 升级改造 + 计划.
func extendsFacility(prev, between string) bool {
	if !hasAnySuffix(kg.KeyOf(prev), projectSuffixes) {
		return false
	}
	if strings.HasPrefix(between, "“") && !strings.ContainsAny(between, "和与及、") {
		return true // 天水机场“盖被子”工程: a handle for work on the facility
	}
	for _, w := range facilityWork {
		if strings.HasPrefix(between, w) && !strings.ContainsAny(between, "和与及、") {
			return true
		}
	}
	return false
}

// clauseStart finds the left edge of the clause that ends at i, keeping an
// opening quote that belongs to the name.
func clauseStart(s string, i, floor int) int {
	start := floor
	depth := 0
	for j := i; j > floor; {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if r == '”' {
			depth++
		} else if r == '“' {
			if depth == 0 {
				// an unclosed quote before the suffix: “六个工程 …”
				return j - w
			}
			depth--
		} else if depth == 0 && (r == '）' || r == ')') {
			if open := innerBracketOf(s[floor:j-w], bracketOpening[r]); open >= 0 {
				// 北方（沧州）跨境电商物流基地: a short bracket inside a
				// name is part of it
				j = floor + open
				continue
			}
			start = j
			break
		} else if depth == 0 && strings.ContainsRune(clauseBreak, r) {
			start = j
			break
		}
		j -= w
	}
	return start
}

// withoutTrailingBracket is a list item without the bracket that ends it
// when it gives the item's place, section or other name (中国古动物博物馆
// （保定自然博物馆）): the item is named without it, as projectTail does.
func withoutTrailingBracket(item string) string {
	if before, ok := strings.CutSuffix(item, "）"); ok {
		if open := innerBracket(before); open >= 0 {
			return item[:open]
		}
	}
	return item
}

// workTails end a list item that names the work done on a facility
// (五彩呼伦贝尔音乐厅新建, 大商友谊百货商场扩建): the facility is the name.
var workTails = []string{"改扩建", "新建", "改建", "扩建", "迁建", "搬迁", "改造提升", "提升改造", "改造", "功能完善"}

// withoutWorkTail is item without a work tail when what is left ends in
// a facility head or suffix, or item itself.
func withoutWorkTail(item string) string {
	if rest, ok := cutAnySuffix(item, workTails); ok && (endsInHead(rest) || hasAnySuffix(rest, projectSuffixes)) {
		return rest
	}
	return item
}

// reWaterTransfer is a water transfer named by its source and target
// (引江济淮, 引黄入呼, 引洮延伸): one work built, not a program. Matched on
// the name as written: a quoted slogan (“引客入赣”工程, bringing tourists
// in) and 引才 or 引智 (attracting talent) are programs.
var reWaterTransfer = regexp.MustCompile(`^引\p{Han}{1,2}(?:济|入|延伸|调水)`)

// facilityPair splits an item that joins two facilities with 和 (农林桥和
// 呼达罕桥); one joining anything else (玉佳禾面粉和方便面加工) is one item,
// and 及 joins the parts of one project (江北国际机场T3B航站楼及第四跑道).
func facilityPair(item string) []string {
	a, b, ok := strings.Cut(item, "和")
	if !ok || strings.Contains(b, "和") || runeCount(a) < 2 || runeCount(b) < 2 {
		return []string{item}
	}
	for _, p := range []string{a, b} {
		if !endsInHead(p) && !hasAnySuffix(p, projectSuffixes) {
			return []string{item}
		}
	}
	return []string{a, b}
}

// withoutBrackets is name without the full-width brackets innerBracket
// lets into a name.
func withoutBrackets(name string) string {
	if !strings.Contains(name, "（") {
		return name
	}
	return strings.NewReplacer("（", "", "）", "").Replace(name)
}

// innerBracket is where the （ of a bracket closing at the end of before
// stands, when the bracket is part of a name: one to eight Han characters,
// not an ordinal, after a Han character that is no clause break
// (中德（保定）, 两江影视（微短剧）, 广珠（澳）). Otherwise -1.
func innerBracket(before string) int {
	return innerBracketOf(before, "（")
}

// bracketOpening is the opening bracket of each closing one, full- and
// half-width: pages write either.
var bracketOpening = map[rune]string{'）': "（", ')': "("}

// innerBracketOf is innerBracket for a bracket opened by opening.
func innerBracketOf(before, opening string) int {
	open := strings.LastIndex(before, opening)
	if open < 0 {
		return -1
	}
	inner := before[open+len(opening):]
	if n := runeCount(inner); n < 1 || n > 8 || startsWithNumeral(inner) {
		return -1
	}
	for _, r := range inner {
		if !unicode.Is(unicode.Han, r) {
			return -1
		}
	}
	prev, _ := utf8.DecodeLastRuneInString(before[:open])
	if !unicode.Is(unicode.Han, prev) {
		return -1
	}
	return open
}

// trimLead strips leading verbs and function words, and everything up to a
// 的, from a candidate name; it returns the name and its byte offset.
func trimLead(c string) (string, int) {
	off := 0
	if i := strings.LastIndex(c, "的"); i >= 0 && !strings.Contains(c[i:], "“") {
		off = i + len("的")
	}
	// a verb inside the clause starts the object it governs:
	// 我旗被认定为自治区“万企兴万村”行动 → 自治区“万企兴万村”行动
	// an appositive dash names what the words before it describe:
	// 一座标志性公园——海拉尔河湿地公园
	if i := strings.LastIndex(c, "——"); i >= off && strings.Count(c[:i], "“") == strings.Count(c[:i], "”") {
		off = i + len("——")
	}
	// 服务 before a scope word serves it (服务国家战略): what follows is
	// the object, 服务 no part of a name
	for _, w := range []string{"服务国家", "服务区域", "服务全国"} {
		if i := strings.LastIndex(c, w); i >= off {
			off = i + len("服务")
		}
	}
	if cut := lastVerbCut(c[off:]); cut > 0 {
		if v := nominalVerbBefore(c[off : off+cut]); v > 0 && slices.Contains(allSuffixes, c[off+cut:]) {
			// 川渝特高压交流|加强|工程, 市区道路|畅通|工程: the verb
			// and its object before it name the work (not 进一步|畅通
			// |项目, an adverb)
			if from := lastVerbCut(c[off : off+v]); runeCount(c[off+from:off+v]) >= 2 && !hasAnySuffix(c[off+from:off+v], verbAdverbs) {
				cut = from
			}
		}
		off += cut // what is left may be too short to be a name: then there is none
	}
	for changed := true; changed; {
		changed = false
		// 一是…, 二是…: an enumeration's ordinal; 1万名…, 1.5万亩…: a
		// quantity of the program, not part of its name.
		for _, re := range []*regexp.Regexp{reOrdinalLead, reQuantityLead} {
			if !startsWithFigure(c[off:]) && !startsWithNumeral(c[off:]) {
				break // both patterns start with a figure or a numeral
			}
			if m := re.FindString(c[off:]); m != "" && len(c[off:]) > len(m)+len("工程") {
				off += len(m)
				changed = true
			}
		}
		r, _ := utf8.DecodeRuneInString(c[off:])
		if !leadStarts.has(r) {
			continue // no lead word starts here; the loop ends unless an ordinal moved off
		}
		for i, w := range leadWords {
			if leadFirst[i] != r {
				continue // a rune comparison, not a prefix test, for most words
			}
			if strings.HasPrefix(c[off:], w) && len(c[off:]) > len(w)+len("工程") && !strings.HasPrefix(c[off+len(w):], "性") &&
				!(strings.Contains(c[off:], "届") && reEdition.MatchString(c[off+len(w):])) && // 全国|十四届冬运会: the event's own scope
				(!adverbLeads[w] || startsWithLead(c[off+len(w):])) {
				off += len(w)
				changed = true
				r, _ = utf8.DecodeRuneInString(c[off:])
			}
		}
	}
	return c[off:], off
}

func acceptName(name string) bool {
	key := kg.KeyOf(name)
	n := runeCount(key)
	if n < 4 || n > 28 || (containsAny(key, []string{"的", "个"}) || closesList(key) || countsBatch(key)) && !reNumbered.MatchString(key) {
		return false
	}
	if strings.Contains(key, "最大") || strings.Contains(key, "首套") || strings.HasPrefix(key, "所有") || strings.HasPrefix(key, "全部") {
		return false // 全球最大…项目 describes a project, it does not name it
	}
	if startsWithAny(key, pluralLevels) {
		return false // 旗县市中（蒙）医院: one of every county's, not one named
	}
	if hasAnySuffix(key, designatedAreas) {
		return false // 大熊猫国家公园, 海南自由贸易港: an area designated, not one work built
	}
	// The pattern runs only where it can match: after a leading figure.
	if startsWithFigure(key) && reCountStart.MatchString(key) ||
		countsBeforeEnd(key) && !reNumbered.MatchString(key) || strings.Contains(name, "”等") {
		return false
	}
	stem := key
	for _, x := range allSuffixes {
		if strings.HasSuffix(stem, x) {
			stem = strings.TrimSuffix(stem, x)
			break
		}
	}
	if !isCampaignWord(key, name, stem) {
		return false
	}
	if utf8.RuneCountInString(stem) < 2 || genericStems[stem] || genericStems[trimScope(stem)] || genericStems[strings.TrimPrefix(stem, "新一轮")] {
		return false
	}
	if strings.HasSuffix(key, "活动") && !strings.Contains(name, "“") && !strings.ContainsAny(stem, "年月周") &&
		(utf8.RuneCountInString(stem) < 6 || hasAnySuffix(stem, activityKinds)) {
		return false // 健身活动, 市民系列文化活动: kinds of activity; a named one is quoted, dated or longer
	}
	for _, bad := range []string{"半拉子", "形象", "面子", "政绩"} {
		if strings.HasSuffix(stem, bad) {
			return false // “半拉子”工程, “新形象工程”: what the text tells to clear up or guard against
		}
	}
	for _, bad := range []string{"有", "上", "实际", "项目", "和", "与", "及"} {
		if strings.HasSuffix(stem, bad) || bad == "项目" && strings.Contains(stem, bad) {
			return false // 用实际行动, 政治上行动, 大项目好项目, 思想和行动: phrases, not names
		}
	}
	if joinsTwo(key) || sumsUpList(stem) || hasDigit(key) && reCountedGroup.MatchString(key) {
		return false
	}
	if i := strings.LastIndex(name, "”"); strings.HasPrefix(name, "“") && i > 0 {
		// “一河三山”重点工程: the key works of a handle, a category
		rest := kg.KeyOf(name[i+len("”"):])
		if suf := longestSuffix(rest, allSuffixes); (suf == "工程" || suf == "项目" || suf == "计划") && categoryOfWorks[strings.TrimSuffix(rest, suf)] {
			return false
		}
	}
	if rest, ok := cutLead(key); ok && runeCount(rest) <= 2 {
		return false // 打通机场: a verb and a kind of facility
	}
	if strings.HasSuffix(key, "计划") && isPlanKind(stem) {
		return false
	}
	if strings.HasSuffix(key, "枢纽") && !hasAnySuffix(stem, hubWorks) {
		return false // 物流贸易枢纽, 算力网络枢纽: a role a place plays, not a work built
	}
	if hasAnySuffix(key, facilitySuffixes) && (utf8.RuneCountInString(stem) < 2 || strings.HasPrefix(name, "“") && strings.HasSuffix(name, "”")) {
		return false // a slogan (“县县通高速”) names no facility
	}
	if !strings.HasSuffix(key, "项目") && hasAnySuffix(key, projectSuffixes) && (namesKind(stem) || strings.Contains(stem, "以上") || strings.Contains(stem, "老化")) {
		return false // a kind of facility (公立医院, 病险水库, 改建农村公路, 国际物流枢纽) names none
	}
	// 项目 is the weakest suffix: only a specific-looking stem names a
	// project (旗雅商业综合体项目), not 投产项目 or 市旗两级项目.
	if hasAnySuffix(key, projectSuffixes) && leadsKind(key) {
		return false // 新型储能项目, 社区停车综合治理项目, 标准化幼儿园: a kind, not one work
	}
	if strings.HasSuffix(key, "项目") && (utf8.RuneCountInString(stem) < 4 || hasAnySuffix(stem, categoryStems) || hasAnySuffix(stem, projectQualities) && !strings.Contains(name, "”") ||
		strings.Contains(stem, "以上") || strings.Contains(stem, "重大") || strings.Contains(stem, "实事") || strings.Contains(stem, "千万元") || strings.Contains(stem, "重点") || strings.Contains(stem, "候选") || strings.HasSuffix(stem, "级") || strings.HasSuffix(stem, "类") || strings.HasSuffix(stem, "在")) {
		return false
	}
	return strings.Count(name, "“") == strings.Count(name, "”") && !strings.HasPrefix(name, "”")
}

// institutionHeads end the names of institutions, which own facilities
// rather than being built as one.
var institutionHeads = []string{"医院", "大学", "学院", "学校", "研究院", "研究所"}

// zoneHeads end the names of zones, which are whole names of their own.
var zoneHeads = []string{"示范区", "开发区", "高新区", "新区", "园区", "集聚区", "功能区"}

// kindLeads begin the name of a kind of work or facility, one of many
// alike: new kinds, what every community or village has, a standard
// every one meets. A project is named by its place or owner first.
var kindLeads = []string{"新型", "社区", "农村", "乡村", "群众", "标准化", "专业化", "规模化", "现代化", "智能化", "数字化", "小微"}

// leadsKind reports a name whose first words make it a kind of work or a
// rank given (自治区级农牧业标准化示范项目), not one work.
func leadsKind(name string) bool {
	return startsWithAny(trimScope(name), kindLeads) || reRankLead.MatchString(name)
}

// reRankLead is a rank a work is given (国家级, 省级, 自治区级 …).
var reRankLead = regexp.MustCompile(`^(?:国家|省|自治区|市|县|区|旗|盟|州)级`)

// projectQualities end a stem that says what kind of projects it means
// (新企业新项目, 引进大项目好项目), not which.
var projectQualities = []string{"新", "老", "好", "大", "小", "优"}

// closesList reports a 等 that closes a list inside s, not one of a word
// (中等职业学校, 高等教育, 平等, 均等化).
func closesList(s string) bool {
	for at := range wordsIn(s, "等") {
		if closesAt(s, at) {
			return true
		}
	}
	return false
}

// closesAt reports whether the 等 at byte at of s closes a list, not one
// of a word (中等, 高等, 平等, 均等, 同等, 初等) or a grade (二级甲等).
func closesAt(s string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:at])
	return !strings.ContainsRune("中高平均同初甲乙丙", r)
}

// hubWorks end the stem of a hub that is built: a dam (乌拉哈达水利枢纽,
// 嘉陵江利泽航运枢纽) or a station complex (保定东站综合交通枢纽). Other
// hubs (物流贸易枢纽, 国家枢纽, 算力网络枢纽) are roles.
var hubWorks = []string{"水利", "航运", "交通", "客运", "站"}

// planKinds end the stem of a plan that a government draws up every year
// for a resource (年度计划, 用地计划, 政府投资计划, 年度立法计划): a
// budget line the report fulfils, not a program it names.
var planKinds = []string{"年度", "用地", "投资", "立法"}

// isPlanKind reports such a stem, or one ending in a bare 年 (完成年计划);
// a counted span of years is a named plan (增收五年计划, 三年计划).
func isPlanKind(stem string) bool {
	if hasAnySuffix(stem, planKinds) {
		return true
	}
	before, ok := strings.CutSuffix(stem, "年")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return !strings.ContainsRune("一二三四五六七八九十两百0123456789", r)
}

// scopeBeforeHandle returns the length of a scope word that starts name
// right before its quoted handle (国家“三北”工程总体规划), or 0: the
// handle's name leaves out whose it is.
func scopeBeforeHandle(name string) int {
	if q := strings.Index(name, "“"); q <= 0 || q > len("自治区") {
		return 0 // no handle right after a scope word's few runes
	}
	for _, w := range scopePrefixes {
		if rest, ok := strings.CutPrefix(name, w); ok && strings.HasPrefix(rest, "“") {
			return len(w)
		}
	}
	return 0
}

// centralBeforeCampaign returns the length of 中央 or 国家 starting a
// campaign's name (中央污染防治攻坚战…考核), or 0: the centre's campaign is
// the one every level fights, named without whose it is, as the reports
// below it name it.
func centralBeforeCampaign(name string) int {
	if !hasAnySuffix(name, []string{"攻坚战", "歼灭战", "保卫战", "阻击战", "整体战", "持久战"}) {
		return 0
	}
	for _, w := range []string{"中央", "国家"} {
		if rest, ok := strings.CutPrefix(name, w); ok && runeCount(rest) >= 4 {
			return len(w)
		}
	}
	return 0
}

// trimScope strips the scope words that end a stem (国家重大战略,
// 区域重大战略, “十四五”重大工程), leaving what would name the thing: a
// generic stem names nothing whatever its scope.
func trimScope(stem string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range []string{"国家", "重大", "区域", "省级", "重点"} {
			if strings.HasSuffix(stem, w) && len(stem) > len(w) {
				stem, changed = strings.TrimSuffix(stem, w), true
			}
		}
	}
	return strings.Trim(stem, "“”")
}

// reTimeBoxed is a campaign named by its length (“百日攻坚”, “三十天行动”).
var reTimeBoxed = regexp.MustCompile(`^[一二三四五六七八九十百千两0-9]+[日天]`)

// isCountedHandle: a quoted handle that counts (“六大工程”, “百日攻坚”)
// says how many or how long, not what: it is named with whose it is
// (文明甘肃建设“六大工程”, 积案化解“百日攻坚”).
func isCountedHandle(h string) bool {
	return reNumbered.MatchString(h) || reTimeBoxed.MatchString(h)
}

// maxOwnerRunes bounds the text before a quoted umbrella that names
// whose it is (文明甘肃建设, 绿美广东生态建设, 京蒙协作).
const maxOwnerRunes = 8

// quotedOwner returns where the owner of a quoted name starting at start
// begins (the clause's start, after nothing but a short noun phrase), or
// start when the name is not quoted or its clause holds more than that.
func quotedOwner(s string, start, floor int) int {
	if !strings.HasPrefix(s[start:], "“") || start <= floor {
		return start
	}
	j := start
	for j > floor {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if strings.ContainsRune(clauseBreak, r) || r == '”' || r == '“' {
			break
		}
		j -= w
	}
	if j == start {
		return start
	}
	if n := utf8.RuneCountInString(trimLeadShort(s[j:start])); n < 2 || n > maxOwnerRunes {
		return start
	}
	return j
}

// parallelList returns where a list of items parallel to name's stem
// starts in before (the text up to name), when name ends such a list:
// 蓝天、碧水、净土保卫战 (three items of one length), 藏粮于地、藏粮于技战略
// (two sharing their first runes). The suffix belongs to all the items,
// so the name is the whole list. -1 when name ends no such list.
func parallelList(before, name, suf string) int {
	stem := []rune(strings.Trim(strings.TrimSuffix(name, suf), "“”"))
	n := len(stem)
	if n < 2 || n > 4 || strings.ContainsAny(string(stem), "“”") || !strings.HasSuffix(before, "、") {
		return -1
	}
	items, pos := 1, len(before)
	first := ""
	for strings.HasSuffix(before[:pos], "、") {
		seg := before[:pos-len("、")]
		j := strings.LastIndexAny(seg, clauseBreak)
		item := []rune(seg[j+1:])
		if j >= 0 {
			_, w := utf8.DecodeRuneInString(seg[j:])
			item = []rune(seg[j+w:])
		}
		if len(item) < n || !allHan(item[len(item)-n:]) {
			break
		}
		if len(item) > n {
			// The list's first item may follow a verb (打好蓝天); any
			// other longer item ends the list (荣乌、太行山、曲港、津石高速).
			if rest, _ := trimLead(string(item)); rest != string(item[len(item)-n:]) {
				break
			}
		}
		first = string(item[len(item)-n:])
		pos = len(seg) - len(first)
		items++
		if len(item) > n {
			break
		}
	}
	if items < 2 || items == 2 && commonPrefix([]rune(first), stem) < 2 {
		return -1
	}
	return pos
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// joinedFacility returns where the facility or action named after a 和
// starts in name (潮白河综合治理和二道河水库, 二期和黄茅峡水库, 高职扩招和职业
// 技能提升三年行动), or 0: the text before 和 is another thing, which the
// suffix does not name. Not for 项目 and 工程, whose names join two parts
// (…一体化示范和风电外送大基地项目).
func joinedFacility(name string) int {
	key := kg.KeyOf(name)
	i := strings.LastIndex(name, "和")
	if strings.HasSuffix(key, "项目") || strings.HasSuffix(key, "工程") {
		// …和金丰再生资源分拣中心项目: a project of its own after a
		// facility or a work complete before 和
		if rest := name[i+len("和"):]; i > 0 && endsComplete(name[:i]) && !startsWithFigure(rest) && acceptName(rest) && !strings.ContainsAny(name, "“”") {
			return i + len("和")
		}
		return 0
	}
	if !hasAnySuffix(key, projectSuffixes) && !hasAnySuffix(key, actionSuffixes) {
		return 0
	}
	// 和 inside a place name (呼和浩特新机场, 新疆和田机场) joins nothing:
	// it follows a single rune, or what follows it is no name. Before an
	// action a short part shares the action's head (科尔沁和浑善达克沙地
	// 歼灭战: two deserts, one campaign); a phrase is an action of its own.
	least := 2
	if hasAnySuffix(key, actionSuffixes) {
		least = 4
	}
	// A quoted handle right after 和 starts a name of its own (定点帮扶和
	// “万企兴万村”行动); quotes anywhere else keep the phrase whole.
	quoted := strings.HasPrefix(name[i+len("和"):], "“") && !strings.ContainsAny(name[:i], "“”")
	if i <= 0 || utf8.RuneCountInString(name[:i]) < least || strings.ContainsAny(name[i:], "“”") && !quoted || !acceptName(name[i+len("和"):]) {
		return 0
	}
	return i + len("和")
}

// endsComplete reports text before a 和 that names a thing of its own: a
// facility by its head (徐水百度云计算中心) or a work by its last word
// (污泥焚烧处置, 供水主管网改扩建); what 和 joins to it is another thing,
// not the second half of one name. 建设 is not such a word: 中等职业学校
// 标准化建设和质量提升工程 is one program.
func endsComplete(before string) bool {
	return runeCount(before) >= 4 && (endsInHead(before) || hasAnySuffix(before, workTails) || strings.HasSuffix(before, "处置"))
}

// joinsTwo reports a phrase that joins two named things with 和 rather
// than naming one: 鄂榆高铁和海阿铁路, where the part before 和 already
// ends like a project (…一体化示范和风电外送大基地项目 is one name: 和
// inside a name alone decides nothing). A leading 和 (和林格尔…) is a place.
func joinsTwo(key string) bool {
	i := strings.Index(key, "和")
	if i <= 0 {
		return false
	}
	before := key[:i]
	if strings.HasSuffix(before, "高铁") || endsComplete(before) || runeCount(before) >= 4 && hasAnySuffix(before, zoneHeads) {
		return true // 农业现代化示范区和…示范园: a zone, then another name
	}
	for _, x := range projectSuffixes {
		if strings.HasSuffix(before, x) {
			return true
		}
	}
	return false
}

var (
	reOrdinalLead = regexp.MustCompile(`^[一二三四五六七八九十]+是`)
	// A quantity of the thing (3万平方米标准化棚圈, 13公里双线燃气管道, 550万元
	// 呼伦社区文体馆): 千伏 is no quantity, it names a line's voltage.
	reQuantityLead = regexp.MustCompile(`^[0-9.]+多?[万千百亿]?(?:[名亩个项座家所条户处场人吨]|元|平方米|公里|千米|米)`)
)

// innerVerbs govern the name that follows them inside a clause.
var innerVerbs = []string{"实施", "推动", "推进", "认定为", "实现", "把", "抓住", "围绕", "抓好", "包括", "遴选",
	"释放", "养护", "启动", "提出", "打赢", "打好", "畅通", "支持", "承担", "确定", "完成", "编制", "严控", "淘汰", "争取", "遏制", "布局", "累计", "跻身", "建立", "健全", "完善", "提高", "加强", "开展", "落实", "确保", "实行", "投产", "争创", "参与", "谋划", "打造", "建成",
	"纳入", "融入", "处在", "推行", "制定", "搞", "拓展", "举办", "参加", "普及", "采取", "严厉打击", "依法打击", "惩戒", "坚持",
	"力促", "注重", "投用", "提档建设", "成功创建", "增设", "发挥", "迈入",
	// verbs of being chosen or rated (永定河入选全国母亲河复苏行动)
	"入选", "获评", "分获", "促成",
	// verbs of becoming or staying (保定正在成为…枢纽, 指标保持中高速)
	"成为", "保持"}

// reEdition is an event's edition (十四届, 第十四届): a scope word before
// it (全国十四届冬运会) is the event's name, not a lead.
var reEdition = regexp.MustCompile(`^第?[一二三四五六七八九十]+届`)

// nominalVerbs, right before a suffix, name a work with the object
// before them (特高压交流加强工程, 道路畅通工程, 学前教育普及工程).
var nominalVerbs = []string{"加强", "畅通", "提高", "完善", "健全", "普及", "拓展"}

// verbAdverbs modify a verb; before a nominal verb they leave it a verb.
var verbAdverbs = []string{"进一步", "全面", "持续", "不断", "切实", "大力", "继续", "深入", "着力", "加快", "有效"}

// nominalVerbBefore is where a nominal verb ending s starts, or 0.
func nominalVerbBefore(s string) int {
	for _, v := range nominalVerbs {
		if strings.HasSuffix(s, v) {
			return len(s) - len(v)
		}
	}
	return 0
}

// adverbLeads lead only the verb they modify (高质量推进): before a noun
// they are part of the name (高质量参保行动).
var adverbLeads = map[string]bool{"高质量": true, "高水平": true, "高标准": true, "更高标准": true, "积极": true}

// startsWithLead reports a lead word at the start of s.
func startsWithLead(s string) bool {
	_, ok := cutLead(s)
	return ok
}

// lastVerbCut returns the byte offset just after the last inner verb that
// lies outside quotes, or 0.
func lastVerbCut(c string) int {
	cut, depth := 0, 0
	for i, r := range c {
		switch r {
		case '“':
			depth++
		case '”':
			depth--
		}
		if depth > 0 {
			continue
		}
		if !innerVerbStarts.has(r) {
			continue // most runes start no verb: one map lookup, not a prefix test per verb
		}
		for j, v := range innerVerbs {
			if innerVerbFirst[j] != r {
				continue
			}
			// 工作落实年活动: a verb naming a campaign year is part of the name
			if strings.HasPrefix(c[i:], v) && i+len(v) > cut && !strings.HasPrefix(c[i+len(v):], "年") {
				cut = i + len(v)
			}
		}
	}
	return cut
}

// rePhase is a quoted program followed by its phase (“三北”六期): the phase
// is a program of its own, named without a suffix.
var rePhase = regexp.MustCompile(`“[^“”，。、]{2,10}”[一二三四五六七八九十]期`)

// findPhases returns the phase names in one sentence that findNames cannot
// see, those not followed by a suffix (“三北”六期工程 is found as a name).
func findPhases(s string) []string {
	if !containsWord(s, "”") || !containsWord(s, "期") {
		return nil // most sentences: no scan with the pattern
	}
	var out []string
	for _, m := range rePhase.FindAllStringIndex(s, -1) {
		rest := s[m[1]:]
		r, _ := utf8.DecodeRuneInString(rest)
		if suf := longestWordAt(rest, suffixesByStart[r]); suf != "" || strings.HasPrefix(rest, "规划") {
			continue
		}
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// runeSet is a set of Basic Multilingual Plane runes as a bitmap: the
// scanners test every rune of a report against one, and a map lookup
// per rune cost several percent of a load.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && s[r>>6]&(1<<(r&63)) != 0
}

// firstRunes is the set of the words' first runes (all in the BMP).
func firstRunes(words []string) *runeSet {
	s := new(runeSet)
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r >= 0x10000 {
			panic("firstRunes: " + w + " starts outside the BMP")
		}
		s[r>>6] |= 1 << (r & 63)
	}
	return s
}

// reListCategory is what closes an enumeration of projects after its 等: a
// count or a qualifier, then 项目 or 工程 (等项目, 等一批重大项目,
// 等1700多个新项目, 等互联互通工程), with no clause break between, full-
// or half-width.
// A relative clause may come between (等服务保障雄安新区的重点项目).
var reListCategory = regexp.MustCompile(`^等(?:[^，。；：、“”（）(),.;:]{0,16}?|[^，。；：、“”（）(),.;:]{1,14}?的[^，。；：、“”（）(),.;:的]{0,4}?)(?:项目|工程)`)

// The runes reListCategory, reBuiltList and reStartedWorks are tried on,
// more than their longest match (22 and 5 runes): listedProjects tries them
// at every 等 of a sentence.
const (
	listCategoryRunes = 24
	builtListRunes    = 8
)

// reBuiltList is what closes a list by saying its items were built,
// started or opened (等建成投用, 等开工建设, 等加快建设): works, not kinds
// of them, when each is named by an owner or a place.
var reBuiltList = regexp.MustCompile(`^等(?:` + startedWorks + `|(?:加快)?建设)`)

// startedWorks says works were started, finished or opened, an adverb
// first or not (开工, 顺利投产, 正式通车).
const startedWorks = `(?:加快|顺利|相继|陆续|全面|基本|正式)?(?:开工|建成|竣工|完工|投用|投运|投产|通车|通水)`

// listedProjects returns the items of an enumeration that a project
// category closes (发达广场、世纪天伦酒店、尚品国际建材城等项目; 巴斯夫核心
// 装置、埃克森美孚一期等一批重大项目): each item names one project though
// it carries no facility suffix. Items with a suffix are findNames' own.
func listedProjects(s string) []string {
	if !containsWord(s, "等") {
		return nil // every list needs it: most sentences have none
	}
	var out []string
	projects := containsWord(s, "项目") || containsWord(s, "工程") // else the pattern cannot match
	for at := range wordsIn(s, "等") {
		if !closesAt(s, at) {
			continue // 晋升为二级甲等医院: a grade
		}
		m := ""
		if h := head(s[at:], listCategoryRunes); projects && (containsWord(h, "项目") || containsWord(h, "工程")) {
			m = reListCategory.FindString(h) // only where it can match: most 等 close no list of projects
		}
		// 等项目建设 still closes a list of projects; 等工程师 closes none.
		if rest := s[at+len(m):]; m != "" && containsAny(leadingRunes(rest, 1), []string{"师", "院", "奖"}) {
			continue
		}
		// A kind of facility closing the list (等煤矿建设, 等多式联运枢纽
		// 建设, 等酒店的开工) says what each item is: one of them, named
		// by its place or owner however short (九龙川、唐家河等煤矿).
		facilities := facilityCategory(s[at:]) // 等煤矿项目 too: the kind decides
		building := false
		if m == "" && !facilities {
			// …、狮子洋通道、佛肇云高速、南沙港五期等建设: a list closed by
			// its building alone is one of projects when most of its items
			// are projects by their suffix (below), or of those items that
			// an owner or place anchors (北京工业大学房山校区、北京儿童医院
			// 亦庄院区等开工建设)
			m = reBuiltList.FindString(head(s[at:], builtListRunes))
			building = m != ""
		}
		if m == "" && !facilities {
			continue
		}
		// 深珠通道、莲花山通道等项目前期工作: what is prepared is projects
		prepared := strings.HasPrefix(s[at+len(m):], "前期")
		if strings.HasPrefix(s[at+len(m):], "申报") {
			continue // 海上丝绸之路、肇庆古城墙等项目申报世界文化遗产: candidates for a title
		}
		start := afterLastAny(s[:at], "，。；：,;:")
		items := strings.Split(s[start:at], "、")
		for i, it := range items {
			items[i] = withoutWorkTail(withoutTrailingBracket(it))
		}
		first, off := trimLead(items[0])
		if lead := items[0][:off]; lead != "" && countedLeadEnds.has(lastRuneOf(lead)) && reCountedLead.MatchString(lead) {
			first = "" // 新建5条主干道路、…等项目: a count of a kind, no name
		}
		items[0] = first
		items = withSharedPhases(items)
		counted := reCountedCategory.MatchString(m)
		single := facilities && runeCount(items[0]) >= 3 && isListedFacility(trimLeadShort(items[0]))
		if len(items) < 2 && !counted && !single && (!isAnchoredProject(items[0]) || containsWord(items[0], "建设")) {
			// one item alone is a project when anchored (推进国贸中心等
			// 重大项目建设), not when a verb is left in it (因地制宜建设
			// 大型智算中心等…项目); else its own head names it, if at all
			continue
		}
		if facilities {
			// the first item may be short, too short for trimLead alone
			// to leave a name (优化提升应寺、永乐等进京检查站)
			items[0] = withoutRaisingVerb(trimLeadShort(items[0]))
			for _, it := range items {
				for _, part := range joinedPair(it) {
					// 等创新园区: zones close such lists too (经开区), and
					// fields (数字广告等文化产业园区): only a park or centre
					// named is one
					if isListedFacility(part) && (!parkList(s[at:]) || endsInHead(part) || strings.HasSuffix(part, "园")) {
						out = append(out, part)
					}
				}
			}
			continue
		}
		// A list is one of projects when one of its items is a project by
		// its own suffix; otherwise only items anchored as a phase or an
		// enterprise's are taken (新能源、新材料等项目 names fields).
		named, suffixed := false, 0
		for _, it := range items {
			kind, ok := classify(it)
			// a sibling that is a project by its suffix, or a phase of one
			// (引洮二期骨干及城乡配套), makes the list one of projects
			if ok && kind == kg.KindProject && acceptName(it) {
				suffixed++
			}
			named = named || ok && kind == kg.KindProject && acceptName(it) || rePhaseMark.MatchString(it) && isListedProject(it)
		}
		if building && suffixed*2 <= len(items) {
			// 推动绿电直连、虚拟电厂等建设: a list of kinds of work. Said
			// to be started, built or sped up, an anchored item is one work;
			// to be built, it may still be a kind (超大规模智算中心等建设).
			if m == "等建设" {
				continue
			}
			for _, item := range items {
				for _, it := range facilityPair(item) {
					if isListedProject(it) && isAnchoredProject(it) {
						out = append(out, it)
					}
				}
			}
			continue
		}
		// 第四使馆区、雁栖湖国际会都等重点项目: a category of key projects
		// says each item is one, unless it names a field (新能源汽车、商业
		// 航天等重点项目)
		key := containsAny(m, []string{"重点项目", "重大项目"})
		// 推进哈萨尔行宫、中华天竺苑等工程建设: a bare 等工程 closes a
		// list of works only when every item names one
		key = key || m == "等工程" && len(items) > 1 && !slices.ContainsFunc(items, notNamedWork)
		// …、景电灌区现代化改造、黄河甘肃段河道防洪治理等工程开工建设:
		// works said to be started or finished are each one work
		key = key || reStartedWorks.MatchString(head(s[at+len(m):], builtListRunes))
		// 韩国晓星、意大利世科姆等重点外资项目: a category of foreign
		// investment says each item is an investor's project (not so
		// after 等领域: 新能源汽车、生物医药等领域一批外资项目 names fields)
		foreign := containsAny(m, []string{"外资", "外商"}) && !containsAny(m, []string{"领域", "行业", "产业"})
		for _, item := range items {
			for _, it := range facilityPair(item) {
				if isListedProject(it) && (named || foreign || prepared || isAnchoredProject(it) || counted && isOwnedProduct(it) || key && isKeyProjectItem(it)) {
					out = append(out, it)
				}
			}
		}
	}
	return out
}

// listedFacilityKinds are the kinds of facility that, closing a list
// after its 等, say what each item is. Not the broad heads (基地, 中心,
// 市场, 平台), which close lists of products, regions or markets too
// (中药材等原料生产基地, 东盟、中东等新兴市场).
var listedFacilityKinds = []string{"煤矿", "矿山", "酒店", "饭店", "道路", "水库", "机场", "电站", "铁路", "公路", "医院",
	"枢纽", "检查站", "港口", "码头", "批发市场", "交易市场", "文化设施", "场馆", "通道", "校区", "院区", "轨道交通线", "综合体", "园区"}

// builtPlatforms are the kinds of platform that close a list of
// facilities when they are built (等创新平台建设); without 建设 they close
// lists of institutions (等新型创新平台) or zones (等开放平台).
var builtPlatforms = []string{"创新平台", "科创平台", "科研平台"}

// listedKindEnds are the last runes of listedFacilityKinds and
// builtPlatforms.
var listedKindEnds = lastRunes(append(slices.Clone(listedFacilityKinds), builtPlatforms...))

// facilityCategory reports a kind of facility closing a list: 等, then
// at most eight runes without a break that end in the kind, and the kind
// ending the phrase (等大型蔬菜批发市场建设, 等煤矿建设; not 等大通道, a
// corridor of trade).
func facilityCategory(s string) bool {
	rest := strings.TrimPrefix(s, "等")
	for i, n := 0, 0; i < len(rest) && n <= 8; n++ {
		r, w := utf8.DecodeRuneInString(rest[i:])
		if r == '（' {
			// 等高速（一级）公路: a grade in brackets is part of the kind
			if k := strings.Index(rest[i:], "）"); k > 0 && k <= 12 {
				rest = rest[:i] + rest[i+k+len("）"):]
				continue
			}
		}
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		i += w
		if !listedKindEnds.has(r) {
			continue // no kind ends with this rune
		}
		if kind := longestSuffix(rest[:i], builtPlatforms); kind != "" && strings.HasPrefix(rest[i:], "建设") {
			return true // 等创新平台建设: platforms built are facilities
		}
		if kind := longestSuffix(rest[:i], listedFacilityKinds); kind != "" {
			qualifier := strings.TrimSuffix(rest[:i], kind)
			// 等大通道 is a corridor of trade; 等重大文化设施 still lists facilities
			big := strings.HasSuffix(qualifier, "大") && !strings.HasSuffix(qualifier, "重大")
			return !big && endsFacilityList(rest[i:])
		}
	}
	return false
}

// parkList reports a list whose kind, after its 等, is 园区.
func parkList(s string) bool {
	rest := strings.TrimPrefix(s, "等")
	i := strings.Index(rest, "园区")
	return i >= 0 && runeCount(rest[:i]) <= 6
}

// longestSuffix returns the longest of words that s ends with, or "".
func longestSuffix(s string, words []string) string {
	best := ""
	for _, w := range words {
		if len(w) > len(best) && strings.HasSuffix(s, w) {
			best = w
		}
	}
	return best
}

// endsFacilityList: what may follow the kind closing a list of
// facilities: a break, 的, or a word of building or opening them.
func endsFacilityList(next string) bool {
	if next == "" {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(next); strings.ContainsRune(clauseBreak+"“”", r) {
		return true
	}
	// an adverb may come between the kind and the verb (等…骨干道路加快建设)
	for _, a := range []string{"加快", "加速", "全面", "顺利", "基本", "陆续", "相继", "正式", "同步"} {
		if rest, ok := strings.CutPrefix(next, a); ok {
			next = rest
			break
		}
	}
	for _, w := range []string{"的", "建设", "前期", "开工", "建成", "投用", "投运", "投入", "竣工", "完工", "启用", "开通", "通车", "项目", "工程", "等",
		// growing or raising what is built (等合作园区发展, 等特色产业园区能级)
		"发展", "能级", "开发", "优化", "平台"} {
		if strings.HasPrefix(next, w) {
			return true
		}
	}
	return false
}

// reCountedUnits is a count of units anywhere in a phrase (两条, 3座).
var reCountedUnits = regexp.MustCompile(`[一二三四五六七八九十两0-9]+[条个座处所家]`)

// joinedPair splits the last item of a list, joined by 和 or 及 (安大线和
// 京白线), into its two names; any other item is itself.
func joinedPair(item string) []string {
	if reCountedUnits.MatchString(item) {
		return []string{item} // 哈萨尔大街和西头道街两条西出口路: a count of several
	}
	for _, j := range []string{"和", "及"} {
		if a, b, ok := strings.Cut(item, j); ok && runeCount(a) >= 2 && runeCount(b) >= 2 && !strings.Contains(b, j) {
			return []string{a, b}
		}
	}
	return []string{item}
}

// isListedFacility: an item of a list of facilities that names one, by
// place or owner: Han only, no verb left in it, not a kind of one.
func isListedFacility(item string) bool {
	n := runeCount(item)
	if n < 2 || n > 16 || !allHan([]rune(joinedPlaces.Replace(withoutLineNumber(item)))) || genericStems[item] || hasAnySuffix(item, facilityKinds) ||
		containsAny(item, []string{"和", "及", "与"}) || countsBeforeEnd(item) || reCountEnd.MatchString(item) {
		return false // 哈萨尔大街和西头道街两条西出口路: several, counted
	}
	if trimLeadShort(item) != item || leadsKind(item) {
		return false // a lead word left: a clause, not a name; 社区全民健身中心: a kind
	}
	return lastVerbCut(item) == 0
}

// reCountedCategory is a list's category that counts its projects
// (等50项重点项目, 等1700多个新项目): each item is one of them.
var reCountedCategory = regexp.MustCompile(`^等[0-9一二三四五六七八九十百千]+多?[项个]`)

// fieldEnds end the name of a field of industry, not of one plant.
var fieldEnds = []string{"产业", "制造", "经济", "服务", "行业", "领域", "医药", "汽车", "能源", "材料", "装备"}

// isOwnedProduct: an item of a counted list of projects that names an
// owner and what it makes (中科锂电新能源, 宝丰第二套煤制烯烃), long enough
// to be more than a field (新能源汽车, 生物医药).
func isOwnedProduct(item string) bool {
	if runeCount(item) < 6 || containsAny(item, []string{"和", "及", "与", "建设", "完善", "整治"}) {
		return false // 市容市貌整治和东山组团建设: work, not a plant
	}
	// 高端装备制造: a qualifier and fields, however many
	rest, ok := item, true
	for ok {
		rest, ok = cutAnySuffix(rest, fieldEnds)
	}
	return runeCount(rest) >= 4
}

// reStartedWorks is what follows a list's category of works when they
// are started, finished or opened (等工程开工建设, 等项目建成投产).
var reStartedWorks = regexp.MustCompile(`^` + startedWorks)

// isKeyProjectItem: an item of a list of key projects that can name one
// work: five runes or more that are not fields (商业航天, 新能源汽车) or
// a kind of work (老旧小区改造; 景电灌区现代化改造 works on one facility).
func isKeyProjectItem(item string) bool {
	if runeCount(item) < 5 || containsAny(item, []string{"和", "及", "与", "建设", "完善", "整治"}) || countsBatch(item) {
		return false // 一批防汛抗旱: a batch of a kind
	}
	for _, w := range []string{"改造", "提升"} {
		if i := strings.Index(item, w); i >= 0 {
			on, _ := cutAnySuffix(item[:i], []string{"现代化", "智能化", "数字化", "标准化", "提质"})
			if !endsInHead(on) {
				return false // 城镇老旧小区改造: work on a kind
			}
		}
	}
	rest, ok := item, true
	for ok {
		rest, ok = cutAnySuffix(rest, fieldEnds)
	}
	return runeCount(rest) >= 5 // 绿色先进|能源 is a field still
}

// reLeadPhase is a phase starting a list item (二期和黄茅峡水库); a phase
// ending one is rePhasedHead's.
var reLeadPhase = regexp.MustCompile(`^[一二三四五六七八九十]期(?:和|及|与)?`)

// withSharedPhases reads a project listed with several of its phases
// (环北部湾广东水资源配置一期、二期和黄茅峡水库) as the project itself, named
// without a phase; the bare phase items go, and what a phase item joins
// after it (黄茅峡水库) stays an item.
func withSharedPhases(items []string) []string {
	out := make([]string, 0, len(items))
	for i := 0; i < len(items); i++ {
		it := items[i]
		if m := rePhasedHead.FindStringSubmatch(it); m != nil && i+1 < len(items) && reLeadPhase.MatchString(items[i+1]) {
			out = append(out, m[1])
			for i+1 < len(items) && reLeadPhase.MatchString(items[i+1]) {
				i++
				if rest := reLeadPhase.ReplaceAllString(items[i], ""); rest != "" {
					out = append(out, rest)
					break
				}
			}
			continue
		}
		out = append(out, it)
	}
	return out
}

// countedLeadEnds are the counters reCountedLead ends with: the pattern
// runs only after one.
var countedLeadEnds = firstRunes([]string{"个", "项", "处", "座", "所", "条"})

// reTownWork is a work measured and placed in one town (奋斗镇1万亩节水
// 灌溉, 哈克镇7000平方米标准化奶牛养殖): a county's report names its
// projects so.
var reTownWork = regexp.MustCompile(`^\p{Han}{1,6}(?:镇|乡|苏木|嘎查|办事处|街道)[0-9.]+[万千百]?(?:吨|亩|平方米|千瓦|兆瓦|头|只)`)

// rePhaseMark is a phase inside a name: 埃克森美孚一期, 华融二期.
var rePhaseMark = regexp.MustCompile(`[一二三四五六七八九十0-9]期`)

// isAnchoredProject: an item that names one undertaking by itself, as a
// phase of something or an enterprise's.
func isAnchoredProject(item string) bool {
	if rePhaseMark.MatchString(item) || containsAny(item, []string{"集团", "公司", "股份"}) || hasDigit(item) && reTownWork.MatchString(item) {
		return true
	}
	// A building, site or line named by its owner or place (发达广场,
	// 世纪天伦酒店, 重庆东站), not a kind of one (社区医院, 标准化厂房).
	if stem, ok := cutAnySuffix(item, facilityHeads); ok {
		// 国税局综合业务用房主体建设和8万平方米广场: work on one and another
		// joined, not one facility's name
		return runeCount(stem) >= 2 && !genericStems[stem] && !hasAnySuffix(stem, facilityKinds) && !containsWord(stem, "建设")
	}
	return false
}

// facilityHeads end the name of a building, site or line.
var facilityHeads = []string{"广场", "酒店", "饭店", "大厦", "商厦", "写字楼", "中心", "综合体", "市场", "基地", "园区", "物流园",
	"中学", "小学", "幼儿园", "学校", "卫生院", "养老院", "敬老院", "水厂", "热电厂", "水源地", "快速路", "大街", "立交",
	"航站楼", "跑道", "码头", "航道", "灌区", "油田", "煤矿", "露天矿", "装置", "产线", "工厂", "大厅", "音乐厅", "剧院",
	"景区", "小镇", "湿地", "校区", "院区", "分院", "分校", "工业园", "科技园", "科创园", "站", "港", "桥", "城", "馆", "加速器", "商场", "新址", "运河", "直流", "纪念园"}

// headEnds are the last runes of facilityHeads: only after one of them
// can a head end.
var headEnds = lastRunes(facilityHeads)

// lastRunes is the set of the words' last runes (all in the BMP).
func lastRunes(words []string) *runeSet {
	s := new(runeSet)
	for _, w := range words {
		r, _ := utf8.DecodeLastRuneInString(w)
		s[r>>6] |= 1 << (r & 63)
	}
	return s
}

// cutAnySuffix returns s without the longest of suffixes it ends with.
func cutAnySuffix(s string, suffixes []string) (string, bool) {
	best := longestSuffix(s, suffixes)
	return strings.TrimSuffix(s, best), best != ""
}

// isListedProject: an enumerated item that can name a project on its own,
// not a field or a kind (新能源、新材料等项目) and not a name findNames reads
// by its suffix.
func isListedProject(item string) bool {
	n := runeCount(item)
	if n < 4 || n > 24 || strings.ContainsAny(item, "的“”") || startsWithFigure(item) {
		return false // a quantity (12公里热力主管网) counts work, it names none
	}
	if hasAnySuffix(item, designatedAreas) || leadsKind(item) {
		return false // 潮州古城: an area, not a work; 标准化幼儿园: a kind
	}
	if _, ok := classify(item); ok && hasAnySuffix(kg.KeyOf(item), allSuffixes) {
		return false
	}
	return true
}

// placeNamedFacilities returns the facilities a sentence names by their
// place: a region's name, at most eight more runes without a break or a
// quote, and a facility head ending the phrase (黄骅港, 石家庄国际陆港,
// 广州白云站, 北京通州站). mentions are the sentence's region names.
func placeNamedFacilities(s string, mentions []division.Mention) []string {
	var out []string
	lastEnd := 0
	for _, m := range mentions {
		if m.Offset < lastEnd || runeCount(m.Name) < 2 {
			continue
		}
		from, open := m.Offset+len(m.Name), m.Offset
		if strings.HasPrefix(s[from:], "）") && strings.HasSuffix(s[:m.Offset], "（") {
			// 北方（沧州）跨境电商物流基地: the place in brackets inside
			// the name, after a short qualifier of its own
			from, open = from+len("）"), m.Offset-len("（")
		}
		rest := s[from:]
		best := 0
		for i := 0; i < len(rest) && runeCount(rest[:i]) < 8; {
			r, w := utf8.DecodeRuneInString(rest[i:])
			if strings.ContainsRune(clauseBreak+"“”等", r) {
				break // 房山院区|等新院区: 等 closes a list the name is in
			}
			i += w
			if headEnds.has(r) && hasAnySuffix(rest[:i], facilityHeads) {
				if endsPhrase(rest[i:]) {
					best = i
				} else if n := clusterAt(rest[i:]); n > 0 && endsPhrase(rest[i+n:]) {
					best = i + n // 庆阳数据中心|集群
				}
			}
		}
		// 保定人民众志成城: 成城, "become a wall", is the idiom's, no town
		if best == 0 || hasAnySuffix(rest[:best], designatedAreas) || isNewTown(rest[:best], from, mentions) || isTradeMarket(rest[:best]) || strings.HasSuffix(rest[:best], "成城") {
			continue
		}
		best = withoutRole(rest[:best])
		end := from + best
		if p := phaseAt(s[end:]); p > 0 {
			end += p // 国家超算深圳中心|二期: the phase is part of the project
		}
		q := qualifierBefore(s[lastEnd:open])
		if open < m.Offset && q == 0 {
			continue // a bracketed place needs the qualifier it follows
		}
		if q == 0 && namedBefore(s[lastEnd:open]) {
			continue // 世界反法西斯战争|海拉尔纪念园: the name starts before the place, too far to be read
		}
		if stem, ok := cutAnySuffix(rest[:best], branchHeads); ok && q == 0 && runeCount(stem) < 2 {
			// 中山医院国家医学中心|青浦院区: a campus is named with its
			// owner, here too far before the place (河南博物院北院区 has it)
			continue
		}
		start := open + q
		out = append(out, s[start:end])
		lastEnd = end
	}
	return out
}

// withoutRole returns how much of name (what follows a place) names the
// facility when a role it plays follows it (深圳|港国际枢纽港地位: the port,
// not its role as a hub): the first head before a 枢纽, or all of name.
func withoutRole(name string) int {
	for i, r := range name {
		end := i + utf8.RuneLen(r)
		if headEnds.has(r) && end < len(name) && hasAnySuffix(name[:end], facilityHeads) && containsWord(name[end:], "枢纽") {
			return end
		}
	}
	return len(name)
}

// isTradeMarket reports a market of trade rather than a marketplace built
// (新兴市场, 电力现货市场, 科技大市场): the 市场 of an economy, not a work.
func isTradeMarket(name string) bool {
	stem, ok := strings.CutSuffix(name, "市场")
	return ok && (stem == "" || hasAnySuffix(stem, tradeMarkets))
}

// tradeMarkets end the stems of markets of trade.
var tradeMarkets = []string{"新兴", "现货", "期货", "要素", "资本", "金融", "大", "国内", "国际", "统一"}

// isNewTown reports a place's new town (雷州新城, 湛江雷州新城): a district,
// not a work; a developer's (天润新城) is listed as a project elsewhere.
// rest follows a place name at byte from; mentions are the sentence's.
func isNewTown(rest string, from int, mentions []division.Mention) bool {
	stem, ok := strings.CutSuffix(rest, "新城")
	if !ok {
		return false
	}
	return stem == "" || slices.ContainsFunc(mentions, func(m division.Mention) bool { return m.Offset == from && m.Name == stem })
}

// branchHeads end the name of one campus of an institution, which
// names it only together with its owner (首儿所通州院区, 河南博物院北院区).
var branchHeads = []string{"校区", "院区", "分院", "分校"}

// phaseAt is the length of a phase (一期 … 五期) starting next, 0 without.
func phaseAt(next string) int {
	for _, w := range []string{"一期", "二期", "三期", "四期", "五期"} {
		if strings.HasPrefix(next, w) {
			return len(w)
		}
	}
	return 0
}

// qualifierBefore returns how far before a place-named facility its name
// starts (as a negative byte offset into before, the text from the last
// name or the sentence start to the place): a short qualifier of its own
// between the clause start and the place is part of it (中欧班列|广州集结
// 中心, 国家超算|深圳中心), once lead verbs are stripped; a verb or
// anything longer is not.
func qualifierBefore(before string) int {
	q, name, off := clauseBeforePlace(before)
	for rest, ok := cutLead(name); ok; rest, ok = cutLead(rest) {
		if rest == "" {
			return 0 // only verbs before the place: 加快|龙川新城, 强化|广州港
		}
	}
	rest := withoutRaisingVerb(name) // 提升|西部（重庆）科学城: the verb is no qualifier
	name, off = rest, off+len(name)-len(rest)
	if name == "" || runeCount(name) > 6 || !allHan([]rune(name)) || containsAny(name, []string{"和", "与", "及", "的", "在", "为", "是", "等"}) ||
		strings.HasSuffix(name, "级") || // 国家级, 省级: a rank, not a name
		hasAnySuffix(name, []string{"节点", "枢纽", "城市"}) || // 国家枢纽节点|韶关数据中心集群: a role, not an owner
		lastVerbCut(name) > 0 || hasAnySuffix(name, raisingVerbs) { // 不断夯实|海拉尔国际航空港: a verb, not a name
		return 0
	}
	return -(len(q) - off)
}

// clauseBeforePlace returns the clause of before that runs up to a place
// (the text since the last break), what is left of it once lead words are
// cut, and where that starts in it. A facility head is put after it for
// trimLead, which reads names, then taken off again.
func clauseBeforePlace(before string) (clause, name string, off int) {
	clause = before[clauseStart(before, len(before), 0):]
	name, off = trimLead(clause + "中心")
	return clause, strings.TrimSuffix(name, "中心"), off
}

// namedBefore reports a long name running on right up to a place: more
// than six Han runes since the clause start, lead words cut, with no verb,
// conjunction or 的 among them. Read from the place, the name would be cut.
func namedBefore(before string) bool {
	_, name, _ := clauseBeforePlace(before)
	return runeCount(name) > 6 && allHan([]rune(name)) && lastVerbCut(name) == 0 &&
		!containsAny(name, []string{"和", "与", "及", "的", "在", "为", "是", "等"})
}

// raisingVerbs raise or strengthen what follows them; no lead word, as
// names start with them too (提升农村饮水质量专项行动).
var raisingVerbs = []string{"提升", "夯实", "巩固", "壮大", "做强", "增强", "建好"}

// endsPhrase: what follows a facility's name ends it (a break, a
// conjunction, a verb of building or running it).
func endsPhrase(next string) bool {
	if next == "" {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(next); strings.ContainsRune(clauseBreak+"“”", r) {
		return true
	}
	for _, w := range []string{"等", "和", "及", "与", "建设", "建成", "投用", "投运", "开通", "开工", "落地", "正式", "顺利", "竣工", "完工", "基本完工", "运营", "成为", "入选", "改造", "扩建", "项目", "重点项目", "重大项目", "工程", "一期", "二期", "三期", "四期", "五期",
		// what it holds or does as one facility (提升海拉尔国际航空港地位,
		// 支持保定国家数据标注基地发展, 武威工业园区创建国家经开区)
		"地位", "能级", "功能", "作用", "发展", "创建",
		// what it is made into (打造黄骅港多功能、综合性、现代化大港)
		"多功能", "综合性", "现代化", "国际化"} {
		if strings.HasPrefix(next, w) {
			return true
		}
	}
	return false
}

// reListedCampaigns is one or more quoted handles, side by side or
// separated by 、, then 等 and a category of actions: “文化进万家”“送戏下乡”
// 等惠民活动, “技能照亮前程”、“技能宁夏”等行动.
var reListedCampaigns = regexp.MustCompile(`((?:“[^“”，。；]{2,12}”、?)+)等[^，。；：、“”]{0,8}?(?:活动|行动)`)

// listedCampaigns returns the quoted handles of such lists: each names one
// campaign, written as the handle alone.
func listedCampaigns(s string) []string {
	if !containsWord(s, "”等") {
		return nil // every list ends a handle right before 等
	}
	var out []string
	for _, m := range reListedCampaigns.FindAllStringSubmatch(s, -1) {
		out = append(out, reQuoted.FindAllString(m[1], -1)...)
	}
	return out
}

// reQuoted is one quoted handle.
var reQuoted = regexp.MustCompile(`“[^“”]+”`)

// buildingWords follow a facility's name when the sentence finishes or
// opens it (白鹅潭大湾区艺术中心建成使用, 农林桥竣工通车), maybe after an
// adverb (主体完工, 正式投用). 建设 alone is not one: it follows
// designations as often (国际科技创新中心建设).
var (
	buildingWords   = newWordSet([]string{"建成", "投用", "投入使用", "投入运营", "竣工", "完工", "开工", "启动建设", "通车", "开通", "启用", "封顶", "开建", "完成改造", "改扩建"})
	buildingAdverbs = []string{"主体", "基本", "正式", "全面", "顺利", "按期", "如期"}
)

// framedFacilities returns the facilities a sentence names by a building
// head in a building frame: a clause or list item that ends in a facility
// head (中心, 广场, 桥, 港 …) right before a word of finishing or opening
// it. The head says it is a facility and the frame that it is one being
// built; what is left of each item must name it (two runes or more, not a
// kind: 口袋公园, 乡镇卫生院). Only the building words are searched for:
// most sentences have none.
func framedFacilities(s string) []string {
	out := append(startedFacilities(s), equippedFacilities(s)...)
	for k := 0; ; {
		at, w := buildingWords.next(s, k)
		if at < 0 {
			return out
		}
		k = at + len(w)
		if adv := longestSuffix(s[:at], buildingAdverbs); adv != "" {
			at -= len(adv)
		}
		out = append(out, framedAt(s, at)...)
	}
}

// framedAt returns the facilities of the clause that ends at at, when it
// ends in a facility head: the last item and any other item of its list.
func framedAt(s string, at int) []string {
	listed := false
	if before, ok := strings.CutSuffix(s[:at], "等"); ok {
		// 北京工业大学房山校区、北京儿童医院亦庄院区等开工: the list's
		// category left out, the items are what is built
		at, listed = len(before), true
	}
	if before, ok := strings.CutSuffix(s[:at], "）"); ok {
		if open := innerBracket(before); open >= 0 {
			// 跳台滑雪训练科研基地（涞源）建成: a place or section after
			// the name is left out of it, as projectTail does
			at = open
		}
	}
	if before, ok := strings.CutSuffix(s[:at], "项目"); ok && endsInHead(before) {
		at = len(before) // 建新养老院、…文体馆项目基本完工: the facilities of the project
	}
	if !endsInHead(s[:at]) && !namedRoad(s[:at]) {
		return nil
	}
	start := at
	for start > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:start])
		if r == '）' {
			if open := innerBracket(s[:start-w]); open >= 0 {
				start = open // 贺兰山全民（冰雪）健身中心
				continue
			}
		}
		if r != '、' && strings.ContainsRune(clauseBreak+"“”", r) {
			break
		}
		start -= w
	}
	var items []string
	for _, it := range strings.Split(s[start:at], "、") {
		// 海拉尔客运总站和呼伦贝尔中心城汽车公司调度中心投入使用: two joined
		items = append(items, joinedPair(withoutTrailingBracket(it))...)
	}
	items[0], _ = trimLead(items[0])
	if strings.HasSuffix(s[:start], "）") || strings.HasSuffix(s[:start], ")") {
		items = items[1:] // a bracket no name holds cut the first item
	}
	if listed && len(items) < 2 {
		return nil // 等 after one item closes no list
	}
	for i, it := range items {
		// 投资836万元的建新养老院: what the 的 phrase says of it is no
		// part of its name; nor is a first of its kind (国内首个|跳台滑雪
		// 训练科研基地)
		if k := strings.LastIndex(it, "的"); k >= 0 {
			it = it[k+len("的"):]
		}
		if strings.Contains(it, "首") {
			if k := reFirstOfKind.FindStringIndex(it); k != nil {
				it = it[k[1]:]
			}
		}
		items[i] = it
	}
	last := items[len(items)-1]
	framed := (endsInHead(last) || namedRoad(last)) && isFramedFacility(last)
	var out []string
	for _, it := range items {
		// 华汇地下商业街、众和地壹街、华融购物广场全面竣工: the last item
		// being a facility, so is each sibling that is a name
		if (endsInHead(it) || namedRoad(it)) && isFramedFacility(it) || framed && runeCount(it) >= 4 && isListedFacility(it) && !suffixNamed(it) {
			out = append(out, it)
		}
	}
	return out
}

// reFirstOfKind is a phrase calling what follows the first of its kind
// (国内首个, 全省首座, 首家): a description, not part of a name.
var reFirstOfKind = regexp.MustCompile(`^\p{Han}{0,3}首[个座家]`)

// suffixNamed: a name findNames reads by its suffix, before a phase or
// not (红岩文化公园二期).
func suffixNamed(name string) bool {
	if m := rePhasedHead.FindStringSubmatch(name); m != nil {
		name = m[1]
	}
	return hasAnySuffix(name, allSuffixes)
}

// endsInHead reports a facility head at the end of s (a campus or
// branch is one: 北京工业大学房山校区), or before a phase that ends it
// (国家会议中心二期).
func endsInHead(s string) bool {
	if r, _ := utf8.DecodeLastRuneInString(s); headEnds.has(r) && hasAnySuffix(s, facilityHeads) {
		return true
	}
	if strings.HasSuffix(s, "期") {
		m := rePhasedHead.FindStringSubmatch(s)
		return m != nil && hasAnySuffix(m[1], facilityHeads)
	}
	return false
}

// namesKind reports a stem that ends in a kind of facility (公立, 病险,
// 城际): the phrase names a kind, not one. A line kind after two to four
// Han characters is the line's name, its ends or stops abbreviated (京唐
// 城际铁路, 石衡沧港城际铁路), unless those are themselves a kind or
// generic; so is
// one after a named facility it serves (中川机场环线铁路).
func namesKind(stem string) bool {
	if k := longestSuffix(stem, useKinds); k != "" {
		which := strings.TrimSuffix(stem, k)
		if which == "" || genericStems[which] || lastVerbCut(which) > 0 || countsBeforeEnd(which) {
			return true
		}
	}
	k := longestSuffix(stem, facilityKinds)
	if k == "" {
		return false
	}
	ends := strings.TrimSuffix(stem, k)
	if !slices.Contains(lineKinds, k) {
		return true
	}
	if runeCount(ends) > 2 && hasAnySuffix(ends, projectSuffixes) && acceptName(ends) {
		return false // 中川机场环线铁路: the line of a named facility
	}
	n := runeCount(ends)
	return n < 2 || n > 4 || !allHan([]rune(ends)) ||
		genericStems[ends] || hasAnySuffix(ends, facilityKinds) || lastVerbCut(ends) > 0
}

// lineKinds are the facilityKinds of railways and roads.
var lineKinds = []string{"城际", "高速", "环线", "市郊", "干支线"}

// rePhasedHead splits a name into what comes before its phase.
var rePhasedHead = regexp.MustCompile(`^(.+?)(?:新线)?[一二三四五六七八九十]期$`)

// reBatch is a batch counted inside a phrase (一批, 首批), which names
// several, or an approval (获批建设…示范项目: a designation given); 批
// alone may be a name's (万家惠农贸批发市场).
var reBatch = regexp.MustCompile(`[一二两三四五六七八九十0-9首第获]批`)

// countsBatch reports reBatch in s; the pattern runs only where 批 is.
func countsBatch(s string) bool {
	return strings.Contains(s, "批") && reBatch.MatchString(s)
}

// reCountedKind is a count of a kind inside a name: 十大湿地.
var reCountedKind = regexp.MustCompile(`[一二三四五六七八九十两0-9]大`)

// isFramedFacility: a name left by framedFacilities that names one
// facility: Han only, no verb left in it, a stem that is no kind.
func isFramedFacility(name string) bool {
	n := runeCount(name)
	if n < 3 || n > 20 || !allHan([]rune(withoutBrackets(name))) || lastVerbCut(name) > 0 || containsAny(name, []string{"的", "和", "及", "与", "等", "最大", "个", "座"}) || countsBatch(name) || startsWithAny(name, []string{"首条", "首个", "首座", "首家", "首批", "首台"}) ||
		reCountedKind.MatchString(name) {
		return false
	}
	stem, _ := cutAnySuffix(name, facilityHeads)
	return runeCount(stem) >= 2 && !genericStems[stem] && !hasAnySuffix(stem, facilityKinds) && !hasAnySuffix(name, allSuffixes)
}

// preparedProjects returns the projects a sentence names by the work done
// before building them: the phrase right before 前期工作 (开展引白济洮前期
// 工作, 推进璧山机场前期工作, 加快空港物流园前期工作). Preparatory work is
// done for one project; a list or a kind before it (重大项目, 用海) is left
// to the list rules or names none.
func preparedProjects(s string) []string {
	var out []string
	for at := range wordsIn(s, "前期工作") {
		start := afterLastAny(s[:at], clauseBreak)
		name := trimLeadShort(s[start:at])
		if isPreparedProject(name) {
			out = append(out, name)
		}
	}
	return out
}

// isPreparedProject: what stands before 前期工作 names one project: Han
// only, three runes or more, no verb, conjunction or list left, not a
// kind or a plan, and not a name findNames reads by 项目 or 工程.
func isPreparedProject(name string) bool {
	n := runeCount(name)
	if n < 3 || n > 20 || !allHan([]rune(withoutBrackets(name))) || lastVerbCut(name) > 0 ||
		containsAny(name, []string{"的", "和", "及", "与", "等", "规划", "研究", "工作", "项目", "工程"}) {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(name); strings.ContainsRune("透实细好深", r) {
		return false // 做深做透前期工作: how the work is done
	}
	stem, _ := cutAnySuffix(name, projectSuffixes)
	return !genericStems[name] && !genericStems[stem] && !hasAnySuffix(stem, facilityKinds)
}

// startsWithAny reports s starting with one of words.
func startsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// categoryOfWorks are stems that, after a quoted handle, class its works
// rather than name one (“一河三山”重点工程).
var categoryOfWorks = map[string]bool{"重点": true, "重大": true, "重点建设": true, "重大建设": true, "标志性": true}

// worksWords say a clause builds, runs work on or plans a facility.
var worksWords = newWordSet([]string{"建设", "建成", "开工", "竣工", "完工", "投用", "投运", "投入", "通车", "开通", "推进", "加快", "实施",
	"启动", "改造", "扩建", "新建", "续建", "迁建", "规划", "谋划", "前期", "项目", "工程", "打造", "完成", "建", "开建", "贯通", "运营", "启用", "封顶", "落地", "争取", "力促", "推动", "开展",
	// finishing and running it (文得根水利枢纽下闸蓄水, 电厂具备并网调试条件, 京雄城际衔接升级)
	"蓄水", "并网", "调试", "升级", "投产", "达产", "运行", "提升", "提质", "扩能", "通水", "发电", "衔接", "依托"})

// inWorksClause reports whether the clause holding s[start:end] works on
// it: a facility named where the text builds, opens or plans it is a
// project; one named as a place (海拉尔机场年旅客吞吐量突破10万人次, 落实
// 密云水库水源保护条例, 与中日友好医院合作) is not.
func inWorksClause(s string, start, end int) bool {
	from := afterLastAny(s[:start], "，。；：,;:")
	to := strings.IndexAny(s[end:], "，。；：,;:")
	if to < 0 {
		to = len(s)
	} else {
		to += end
	}
	// a facility that becomes or is chosen as something is named as one
	// work (揭阳潮汕机场成为…机场); a kind it becomes is not (成为区域性综合
	// 交通枢纽), so these count only after the name
	becomes := containsWord(s[end:to], "成为") || containsWord(s[end:to], "入选")
	return worksWords.in(s[from:start]) || worksWords.in(s[end:to]) || becomes || strings.Contains(s[start:end], "项目") || strings.Contains(s[start:end], "工程")
}

// lineSuffixes are kinds of line whose short names share one suffix in a
// list (荣乌、太行山、曲港、津石高速), longest first.
var lineSuffixes = []string{"高速公路", "高速", "高铁", "铁路", "城际"}

// lineSiblings returns the items listed right before a line named by a
// short stem and a line suffix (the 荣乌, 太行山 and 曲港 of 荣乌、太行山、
// 曲港、津石高速): each is a line of that kind, named bare as the report
// names it. Every item must look like such a name (two to four Han runes,
// no verb), or the list is something else and none is taken.
func lineSiblings(s string, n nameSpan) []string {
	key := kg.KeyOf(n.Name)
	suf := longestSuffix(key, lineSuffixes)
	if suf == "" || runeCount(strings.TrimSuffix(key, suf)) > 3 || !strings.HasSuffix(s[:n.Start], "、") {
		return nil
	}
	before := strings.TrimSuffix(s[:n.Start], "、")
	items := strings.Split(before[afterLastAny(before, "，。；：,;:（）()《》!！?？"):], "、")
	items[0] = trimLeadShort(items[0])
	for _, it := range items {
		if n := runeCount(it); n < 2 || n > 4 || !allHan([]rune(it)) || genericStems[it] || lastVerbCut(it) > 0 || hasAnySuffix(it, allSuffixes) {
			return nil
		}
		if _, lead := cutLead(it); lead {
			return nil
		}
	}
	return items
}

// closingWorks close the clause of a facility started or finished
// (启动…建设, 完成…提升改造).
var closingWorks = newWordSet([]string{"建设", "提升改造", "改造提升", "改扩建", "改造"})

// startedFacilities returns the facilities a sentence starts or finishes
// building with the verb split around them (启动正阳社区卫生服务中心建设,
// 完成西出口路建设): one facility, named, between 启动 or 完成 opening the
// clause and 建设 closing it. Pushing verbs (加快, 推进) are not read so:
// they as often speed up a kind (加快现代农事综合服务中心建设).
func startedFacilities(s string) []string {
	a, b := indexWord(s, "启动"), indexWord(s, "完成")
	if a < 0 && b < 0 {
		return nil // most sentences: no scan beyond the two searches
	}
	var out []string
	for a >= 0 || b >= 0 {
		// the verbs in the order they stand
		if b < 0 || a >= 0 && a < b {
			out = append(out, startedAt(s, a, "启动")...)
			a = nextWord(s, a, "启动")
		} else {
			out = append(out, startedAt(s, b, "完成")...)
			b = nextWord(s, b, "完成")
		}
	}
	return out
}

// startedAt returns the facilities of startedFacilities in the clause
// that the verb v at byte at of s opens.
func startedAt(s string, at int, v string) []string {
	if afterLastAny(s[:at], clauseBreak) != at {
		return nil // the verb must open its clause
	}
	clause := s[at+len(v):]
	if end := strings.IndexAny(clause, clauseBreak); end >= 0 {
		clause = clause[:end]
	}
	var out []string
	for c := 0; ; {
		w, word := closingWorks.next(clause, c)
		if w < 0 {
			return out
		}
		c = w + len(word)
		name := clause[:w]
		if (endsInHead(name) || namedRoad(name)) && isFramedFacility(name) && !leadsKind(name) && !fieldBase(name) {
			out = append(out, name)
		}
	}
}

// namedRoad: a street or road with a name (西出口路), not a kind of road
// (城市道路, 旅游公路).
func namedRoad(name string) bool {
	return strings.HasSuffix(name, "路") && !hasAnySuffix(name, []string{"道路", "公路", "铁路", "线路", "马路"})
}

// fieldBase reports a base or park of a field rather than a named one
// (养老产业基地, 物流园区): what is left before 产业 or the head is a field
// of two runes.
func fieldBase(name string) bool {
	stem, _ := cutAnySuffix(name, facilityHeads)
	stem = strings.TrimSuffix(stem, "产业")
	return runeCount(stem) <= 2
}

// notNamedWork reports an item of a bare 等工程 list that names no single
// work: a count or size of something (12公里热力主管网), a national kind
// (国家中小河流治理), work on a kind (职业高中扩建, 文艺精品创优) or a name
// too short to be more than a kind.
func notNamedWork(item string) bool {
	if runeCount(item) < 4 || strings.ContainsAny(item, "0123456789") || reCountedUnits.MatchString(item) ||
		startsWithAny(item, []string{"国家", "全国"}) || !isListedProject(item) {
		return true
	}
	if stem, ok := cutAnySuffix(item, []string{"扩建", "新建", "改建", "发展", "创优", "建设"}); ok {
		return !isAnchoredProject(stem) && !endsInHead(stem) || runeCount(stem) < 4
	}
	return false
}

// joinedPlaces drops the dash that joins two places in one name (天津滨海-
// 中关村科技园), for the test that a name is Han.
var joinedPlaces = strings.NewReplacer("-", "", "—", "", "－", "")

// withoutRaisingVerb is s without a raising verb leading it (提升|东方芯港).
func withoutRaisingVerb(s string) string {
	for _, v := range raisingVerbs {
		if rest, ok := strings.CutPrefix(s, v); ok {
			return rest
		}
	}
	return s
}

// reLineNumber is the number a metro or rail line is named by (13号线东延伸).
var reLineNumber = regexp.MustCompile(`^[0-9]{1,2}号线`)

// withoutLineNumber is item with the digits of a numbered line written as
// its Han word, so a list item 19号线 reads as a name as 崇明线 does.
func withoutLineNumber(item string) string {
	if m := reLineNumber.FindString(item); m != "" {
		return "号线" + item[len(m):]
	}
	return item
}

// projectSiblings returns the facilities listed right before a project
// named with its 项目 (大商友谊城市商贸综合体、东山组团远山红郡配套商贸综合
// 设施项目开工建设): the 项目 is said of each item, and an item that ends
// in a facility head, the work on it cut (大商友谊百货商场|扩建), names one.
func projectSiblings(s string, n nameSpan) []string {
	if !strings.HasSuffix(n.Name, "项目") || !strings.HasSuffix(s[:n.Start], "、") {
		return nil
	}
	before := strings.TrimSuffix(s[:n.Start], "、")
	items := strings.Split(before[afterLastAny(before, "，。；：,;:（）()《》!！?？"):], "、")
	items[0] = trimLeadShort(items[0])
	var out []string
	for _, it := range items {
		it = withoutWorkTail(it)
		if endsInHead(it) && isFramedFacility(it) && !leadsKind(it) {
			out = append(out, it)
		}
	}
	return out
}

// equippedFacilities returns the facilities a sentence equips: the name
// right before the infrastructure or facilities built in it (实施两河圣山文化
// 旅游景区的基础设施建设, 世界反法西斯战争海拉尔纪念园设施功能日益完善). A
// facility head must end it and the name be one (园区基础设施建设: a kind).
func equippedFacilities(s string) []string {
	var out []string
	// one scan for 设施, the word all of equipment shares, not one per word
	for k := indexWord(s, "设施"); k >= 0; k = nextWord(s, k, "设施") {
		at := k - len(longestSuffix(s[:k], equipmentLeads))
		if !startsWithAny(s[at:], equipment) {
			continue
		}
		before := strings.TrimSuffix(s[:at], "的")
		from := afterLastAny(before, clauseBreak)
		name, _ := trimLead(before[from:] + "工程")
		name = strings.TrimSuffix(name, "工程")
		if endsInHead(name) && isFramedFacility(name) && !leadsKind(name) {
			out = append(out, name)
		}
	}
	return out
}

// equipment is what is built in a facility or what it offers; each has
// 设施, after one of equipmentLeads or none.
var equipment = []string{"基础设施建设", "配套设施建设", "设施功能"}

// equipmentLeads come before 设施 in equipment.
var equipmentLeads = []string{"基础", "配套"}
