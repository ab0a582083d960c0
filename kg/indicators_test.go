package kg

import "testing"

func TestIndicatorCode(t *testing.T) {
	tests := []struct {
		indicator, measure, want string
	}{
		{"地区生产总值", "增长", "gdp"},
		{"生产总值", "增长", "gdp"},
		{"国内生产总值", "", "gdp"},
		{"经济", "增长", "gdp"}, // 经济增长5%左右
		{"经济", "", ""},      // 经济 alone names nothing
		{"单位地区生产总值能耗", "降低", "energy_intensity"},
		{"城镇新增就业", "", "urban_new_jobs"},
		{"居民消费价格指数涨幅", "", "cpi"},
		{"粮食总产量", "", "grain_output"},
		{"文旅产业增加值", "增长", ""},
	}
	for _, tt := range tests {
		if got := IndicatorCode(tt.indicator, tt.measure); got != tt.want {
			t.Errorf("IndicatorCode(%s, %q) = %q, want %q", tt.indicator, tt.measure, got, tt.want)
		}
	}
}

// A wording belongs to one indicator only, or codes would depend on map order.
func TestIndicatorWordingsAreDisjoint(t *testing.T) {
	seen := map[string]string{}
	for code, names := range indicatorWordings {
		for _, n := range names {
			if other, ok := seen[n]; ok {
				t.Errorf("%s is a wording of %s and %s", n, other, code)
			}
			seen[n] = code
		}
	}
}
