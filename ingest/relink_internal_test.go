package ingest

import (
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

func TestLatestUpTo(t *testing.T) {
	reps := func(years ...int) []*kg.Report {
		var out []*kg.Report
		for _, y := range years {
			out = append(out, &kg.Report{ID: kg.ReportID("150000", y), Year: y})
		}
		return out
	}
	cases := []struct {
		name string
		reps []*kg.Report
		year int
		want int // 0: none
	}{
		{"same year", reps(2023, 2024, 2025), 2024, 2024},
		{"latest before", reps(2020, 2023), 2024, 2023},
		{"never a later year", reps(2025, 2026), 2024, 0},
		{"the earlier although the later is nearer", reps(2019, 2025), 2024, 2019},
		{"any input order", reps(2023, 2021, 2022), 2024, 2023},
		{"too far apart", reps(2010), 2024, 0},
		{"none", nil, 2024, 0},
	}
	for _, c := range cases {
		got := latestUpTo(c.reps, c.year)
		switch {
		case c.want == 0 && got != nil:
			t.Errorf("%s: got %d, want none", c.name, got.Year)
		case c.want != 0 && (got == nil || got.Year != c.want):
			t.Errorf("%s: got %v, want %d", c.name, got, c.want)
		}
	}
}
