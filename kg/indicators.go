package kg

// Reports name one indicator in several ways: 地区生产总值, 生产总值,
// 国内生产总值 and 经济增长 are all the economy's output. A target keeps its
// indicator as written and carries the code of the indicator it names, so
// a question about GDP finds every wording of it. Codes are stable,
// lower_snake_case, and listed in docs/extraction.md.

// indicatorWordings maps each code to the names reports give it, as the
// loader cleans them (scope words such as 全市 and the sentence's verbs
// removed). A name belongs to one code only.
var indicatorWordings = map[string][]string{
	"gdp":                       {"地区生产总值", "国内生产总值", "生产总值", "GDP", "经济总量"},
	"general_budget_revenue":    {"一般公共预算收入", "地方一般公共预算收入", "一般公共财政预算收入", "地方一般公共财政预算收入", "地方级一般公共预算收入"},
	"fixed_asset_investment":    {"固定资产投资", "全社会固定资产投资"},
	"industrial_value_added":    {"规模以上工业增加值", "规模工业增加值"},
	"retail_sales":              {"社会消费品零售总额"},
	"foreign_trade":             {"进出口总额", "进出口总值", "外贸进出口总值", "外贸进出口总额", "货物进出口总额", "货物贸易进出口总额"},
	"urban_new_jobs":            {"城镇新增就业", "新增城镇就业", "城镇新增就业人数", "新增就业"},
	"surveyed_unemployment":     {"城镇调查失业率"},
	"registered_unemployment":   {"城镇登记失业率"},
	"cpi":                       {"居民消费价格涨幅", "居民消费价格", "居民消费价格指数", "居民消费价格指数涨幅", "CPI"},
	"disposable_income":         {"居民人均可支配收入", "全体居民人均可支配收入", "全省居民人均可支配收入", "城乡居民人均可支配收入", "城乡居民可支配收入", "居民可支配收入"},
	"urban_disposable_income":   {"城镇居民人均可支配收入", "城镇常住居民人均可支配收入"},
	"rural_disposable_income":   {"农村居民人均可支配收入", "农村常住居民人均可支配收入", "农村牧区常住居民人均可支配收入", "农牧民人均可支配收入"},
	"grain_output":              {"粮食产量", "粮食总产量", "粮食总产"},
	"energy_intensity":          {"单位地区生产总值能耗", "单位国内生产总值能耗", "单位生产总值能耗", "单位GDP能耗"},
	"carbon_intensity":          {"单位地区生产总值二氧化碳排放", "单位国内生产总值二氧化碳排放", "单位生产总值二氧化碳排放", "单位生产总值二氧化碳排放量"},
	"rd_intensity":              {"全社会研发投入强度", "研发经费投入强度", "全社会研发经费投入强度"},
	"urbanization_rate":         {"常住人口城镇化率"},
	"actual_foreign_investment": {"实际利用外资", "实际使用外资"},
}

// growthOnly are names that mean an indicator only as a growth rate:
// 经济增长5%左右 is GDP growth, but 经济 alone names nothing.
var growthOnly = map[string]string{"经济": "gdp", "经济增长": "gdp", "经济增速": "gdp"}

// codeOf is indicatorWordings inverted, built once: it is never written.
var codeOf = indicatorCodes()

func indicatorCodes() map[string]string {
	out := map[string]string{}
	for code, names := range indicatorWordings {
		for _, n := range names {
			out[n] = code
		}
	}
	return out
}

// IndicatorCode returns the code of the indicator a target names, given
// its indicator as written and its measure ("增长" or ""); "" when the
// name is not a known wording.
func IndicatorCode(indicator, measure string) string {
	if code, ok := codeOf[indicator]; ok {
		return code
	}
	if code, ok := growthOnly[indicator]; ok && (measure == "增长" || indicator != "经济") {
		return code
	}
	return ""
}

// IndicatorWordings returns the known names of the indicator code, or nil.
func IndicatorWordings(code string) []string {
	return append([]string(nil), indicatorWordings[code]...)
}
