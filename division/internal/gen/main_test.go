package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "divisions.tsv")
	if err := run("testdata", out); err != nil {
		t.Fatalf("run: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "want.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("output differs from testdata/want.tsv:\n%s", got)
	}
}

func TestConvertErrors(t *testing.T) {
	provinces := [][]string{{"15", "内蒙古自治区"}}
	tests := []struct {
		name   string
		cities [][]string
		areas  [][]string
		err    string
	}{
		{"unknown province", [][]string{{"1605", "某市", "16"}}, nil, "unknown province"},
		{"unknown city", [][]string{{"1505", "通辽市", "15"}}, [][]string{{"150625", "某旗", "1506", "15"}}, "unknown city"},
		{"duplicate code", [][]string{{"1505", "通辽市", "15"}}, [][]string{{"150525", "奈曼旗", "1505", "15"}, {"150525", "奈曼旗", "1505", "15"}}, "duplicate code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := convert(provinces, tt.cities, tt.areas)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want it to mention %q", err, tt.err)
			}
		})
	}
}

func TestRunMissingSource(t *testing.T) {
	if err := run("", "x"); err == nil {
		t.Error("empty -src accepted")
	}
	if err := run(t.TempDir(), filepath.Join(t.TempDir(), "x")); err == nil {
		t.Error("directory without CSV files accepted")
	}
}
