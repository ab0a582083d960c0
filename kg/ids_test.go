package kg

import "testing"

func TestReportYear(t *testing.T) {
	tests := []struct {
		id   string
		year int
		ok   bool
	}{
		{ReportID("150525", 2024), 2024, true},
		{"report/100000/2023", 2023, true},
		{"report/150525/", 0, false},
		{"report/150525", 0, false},
		{"report//2024", 0, false},
		{"report/15/05/2024", 0, false},
		{"region/150525/2024", 0, false},
		{"report/150525/二〇二四", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		year, err := ReportYear(tt.id)
		if (err == nil) != tt.ok || year != tt.year {
			t.Errorf("ReportYear(%q) = %d, %v; want %d, ok %v", tt.id, year, err, tt.year, tt.ok)
		}
		if tt.ok {
			if _, y, err := ReportRef(tt.id); err != nil || y != year {
				t.Errorf("ReportRef(%q) disagrees: %d, %v", tt.id, y, err)
			}
		}
	}
}
