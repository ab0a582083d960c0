package loader

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/reportgraph/reportgraph/internal/ctxtest"
	"github.com/reportgraph/reportgraph/kg"
)

// Bad input is skipped with a coded, one-line reason; the process never
// panics.
func TestLoadRejects(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		raw  []byte
	}{
		{"empty.txt", nil},
		{"binary.bin", []byte{0x00, 0x01, 0xff, 0xfe, 0x00, 0x89, 'P', 'N', 'G', 0x00, 0x00, 0x10}},
		{"news.txt", []byte("今天天气晴朗，市民纷纷外出踏青。\n公园里游人如织。\n")},
		{"no-region.txt", []byte("各位代表：\n一、2023年工作回顾\n过去一年，经济平稳。\n二、2024年重点工作\n（一）扩大内需。抓好投资。\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(context.Background(), tt.name, tt.raw, tree)
			if err == nil {
				t.Fatal("loaded, want an error")
			}
			if kg.ErrorCode(err) != kg.EINVALID {
				t.Errorf("code = %s (%v), want %s", kg.ErrorCode(err), err, kg.EINVALID)
			}
			if msg := kg.ErrorMessage(err); msg == "" || strings.Contains(msg, "\n") {
				t.Errorf("reason %q is not one line", msg)
			}
		})
	}
}

// FuzzLoad: the entry point never panics on arbitrary bytes and either
// loads a report or rejects it with a coded error.
func FuzzLoad(f *testing.F) {
	raw := sampleFile(f, "naiman-banner-2024.txt")
	f.Add(raw[:4000])
	f.Add([]byte("<html><body><p>各位代表：</p><p>二、2024年工作安排</p><p>（一）扩大内需。</p></body></html>"))
	f.Add([]byte{0xff, 0xfe, 0x04, 0x54})
	tree, err := testTree()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		g, err := Load(context.Background(), "fuzz", b, tree)
		// Extraction is linear (BenchmarkExtractLarge: tens of MB/s); an
		// input of fuzzing size taking seconds is a hang in the making.
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("Load took %v on %d bytes", d, len(b))
		}
		// Output grows at most with the input: every entity and target
		// stands for at least a few bytes of text of its own.
		if n := len(g.Entities) + len(g.Targets); n > len(b) {
			t.Fatalf("%d entities and targets from %d bytes", n, len(b))
		}
		if err != nil {
			if kg.ErrorCode(err) == kg.EINTERNAL {
				t.Fatalf("uncoded error: %v", err)
			}
			return
		}
		if g.Report.ID == "" || g.Report.Year == 0 {
			t.Fatalf("loaded without report id or year: %+v", g.Report)
		}
	})
}

// TestLoadCanceled: a canceled load returns the context's error, not a
// graph or a reason blaming the file, whether canceled before it starts
// or in the middle of extraction.
func TestLoadCanceled(t *testing.T) {
	tree, err := testTree()
	if err != nil {
		t.Fatal(err)
	}
	raw := sampleFile(t, "tongliao-city-2025.txt")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name string
		ctx  context.Context
	}{
		{"before", canceled},
		{"after normalizing", ctxtest.Countdown(2)},
		{"during extraction", ctxtest.Countdown(5)},
	} {
		g, err := Load(tt.ctx, "tongliao-city-2025.txt", raw, tree)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", tt.name, err)
		}
		if g.Report.ID != "" || len(g.Entities) > 0 {
			t.Errorf("%s: a canceled load returned a graph (%s, %d entities)", tt.name, g.Report.ID, len(g.Entities))
		}
	}
}
