package loader

import (
	"testing"
	"unicode/utf8"

	"github.com/reportgraph/reportgraph/kg"
)

// FuzzParseExtract: on any text the structure and extraction stages neither
// panic nor produce evidence that is not verbatim text of the body.
func FuzzParseExtract(f *testing.F) {
	for _, name := range []string{"naiman-banner-2024.txt", "tongliao-city-2025.txt"} {
		body := []rune(sampleBody(f, name))
		f.Add(string(body[:min(len(body), 3000)]))
	}
	f.Add("各位代表：\n二、2024年工作安排\n（一）扩大内需。实施“六个工程”。\n附件\n1.新建学校（牵头单位：教育局）\n名词解释\n1.“六个工程”：政策落地工程、温暖工程。\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Normalize guarantees valid UTF-8 before these stages
		}
		doc := parse(s, nil)
		body := []rune(doc.Body)
		g, err := extract(t.Context(), doc, kg.Region{ID: "region/x", Code: "x"}, nil, nil, "fuzz")
		if err != nil {
			t.Fatal(err)
		}
		check := func(ev kg.Evidence) {
			n := utf8.RuneCountInString(ev.Text)
			if ev.Offset < 0 || ev.Offset+n > len(body) || string(body[ev.Offset:ev.Offset+n]) != ev.Text {
				t.Fatalf("evidence at %d not verbatim: %q", ev.Offset, ev.Text)
			}
		}
		for _, e := range g.Entities {
			for _, ev := range e.Evidence {
				check(ev)
			}
		}
		for _, x := range g.Targets {
			check(x.Evidence)
		}
	})
}
