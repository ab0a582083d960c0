package synthcorpus

import (
	"testing"

	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/kg"
)

func TestShiftAndPerturb(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		delta int
		scale float64
		want  string
	}{
		{"plan year", "2024年重点工作", -3, 1, "2021年重点工作"},
		{"meeting date", "——2024年1月30日在", 1, 1, "——2025年1月30日在"},
		{"iso date", "发布时间:2023-03-01 16:24", 2, 1, "发布时间:2025-03-01 16:24"},
		{"leap day into a common year", "2024年2月29日", -1, 1, "2023年2月28日"},
		{"leap day kept in a leap year", "2024年2月29日", 4, 1, "2028年2月29日"},
		{"whole percentage gains a decimal", "增长6%以上", 0, 1.05, "增长6.3%以上"},
		{"range keeps order", "6%－6.5%", 0, 1.05, "6.3%－6.8%"},
		{"full-width percent", "增长8％", 0, 0.9, "增长7.2％"},
		{"rate capped at 100", "覆盖率100%", 0, 1.08, "覆盖率100%"},
		{"absolute target keeps integer", "新增就业18万人以上", 0, 1.05, "新增就业19万人以上"},
		{"unitless number untouched", "实施项目168个", 0, 1.05, "实施项目168个"},
		{"year-like amount untouched", "完成投资2000亿元", 5, 1, "完成投资2000亿元"},
		{"PM2.5 untouched", "PM2.5浓度", 0, 1.1, "PM2.5浓度"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(shiftAndPerturb([]byte(tt.in), tt.delta, tt.scale)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNamesReplacer(t *testing.T) {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	chain := func(name string) []kg.Region {
		rs := tree.Lookup(name)
		if len(rs) != 1 {
			t.Fatalf("%s: %d regions", name, len(rs))
		}
		return chainOf(tree, rs[0])
	}
	tests := []struct {
		name     string
		from, to string
		in, want string
	}{
		{"banner to county, self-references and ancestors", "奈曼旗", "涞水县",
			"在奈曼旗第十八届人民代表大会上，我代表旗人民政府，全旗、通辽市、内蒙古自治区和自治区党委",
			"在涞水县第十八届人民代表大会上，我代表县人民政府，全县、保定市、河北省和省党委"},
		{"short names", "奈曼旗", "涞水县", "现代化奈曼建设，通辽", "现代化涞水建设，保定"},
		{"league to city drops the office", "锡林郭勒盟", "保定市", "我代表行署作工作报告，全盟，盟委", "我代表市人民政府作工作报告，全市，市委"},
		{"league to league keeps the office", "锡林郭勒盟", "阿拉善盟", "我代表行署，全盟", "我代表行署，全盟"},
		{"autonomous region to province; 河北 is also 河北区, so the full name", "内蒙古自治区", "河北省", "全区上下，我区，内蒙古", "全省上下，我省，河北省"},
		{"district words left alone", "内蒙古自治区", "河北省", "社区委员会，园区级", "社区委员会，园区级"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := namesReplacer(tree, chain(tt.from), chain(tt.to)).Replace(tt.in)
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
