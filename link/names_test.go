package link

import (
	"fmt"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
)

func TestNames(t *testing.T) {
	P, I, J := kg.KindProgram, kg.KindInitiative, kg.KindProject
	cases := []struct {
		kind kg.EntityKind
		name string
		opts []func(*kg.Entity)
		want string // "KEY:… STEM:…" in (key, rule) order; "" for none
	}{
		{P, "“三北”工程", nil, "ABBREVIATION:三北工程 KEY:三北工程 STEM:三北"},
		{P, "“三北”六期", nil, "KEY:三北六期 STEM:三北"},
		{P, "三北六期工程", nil, "KEY:三北六期工程 STEM:三北 EXPANSION:三北工程 EXPANSION:三北六工程"},
		{P, "三北防护林体系建设工程", nil,
			"KEY:三北防护林体系建设工程 STEM:三北防护林体系建设 EXPANSION:三北工程 EXPANSION:三北防工程"},
		{I, "服务业高质量发展三年攻坚行动", nil,
			"KEY:服务业高质量发展三年攻坚行动 STEM:服务业高质量发展三年攻坚 PLAIN:服务业高质量发展三年行动 EXPANSION:服务业行动 EXPANSION:服务行动"},
		{I, "“万企兴万村”行动", []func(*kg.Entity){aliases("自治区“万企兴万村”行动")},
			"ABBREVIATION:万企兴万村行动 KEY:万企兴万村行动 STEM:万企兴万村 ALIAS:自治区万企兴万村行动"},
		// A scope word says whose, not which: 国家“三北”工程 is 三北工程.
		{P, "国家“三北”工程", nil, "KEY:国家三北工程 STEM:国家三北 UNSCOPED:三北工程"},
		{P, "国家重大战略", nil, "KEY:国家重大战略"},
		{P, "市场化改革行动", nil, "KEY:市场化改革行动 STEM:市场化改革 EXPANSION:市场行动 EXPANSION:市场化行动"},
		// A project is the same only by its exact name or an alias.
		{J, "欧投行贷款造林项目", nil, "KEY:欧投行贷款造林项目"},
		// Words are no names: too short, generic, a counted umbrella's stem.
		{P, "民生工程", nil, ""},
		{P, "“半拉子”工程", nil, ""},
		{I, "党建", nil, ""},
		// A full-width handle is keyed as the loader keys it (kg.KeyOf): an
		// abbreviation, not expansions cut inside the handle (购在中活动).
		{I, "“人工智能＋”行动", nil, "ABBREVIATION:人工智能+行动 KEY:人工智能+行动 STEM:人工智能+"},
		{I, "“购在中国（广西站）”活动", nil, "ABBREVIATION:购在中国(广西站)活动 KEY:购在中国(广西站)活动"},
		// Quoted whole, a name is no handle and suffix: “六个工程” abbreviates nothing.
		{P, "“六个工程”", nil, "KEY:六个工程"},
	}
	for _, c := range cases {
		e := ent(lowRep, c.kind, c.name, c.opts...)
		got := ""
		for _, n := range Names(e) {
			got += fmt.Sprintf(" %s:%s", n.Rule, n.Key)
		}
		if want := sortedNames(c.want); got != want {
			t.Errorf("Names(%s) =%s\nwant %s", c.name, got, want)
		}
	}
}

// sortedNames renders "RULE:key …" in the order Names returns, (key, rule).
func sortedNames(s string) string {
	var ns []kg.Name
	for _, f := range splitFields(s) {
		var rule, key string
		for i := range f {
			if f[i] == ':' {
				rule, key = f[:i], f[i+1:]
				break
			}
		}
		ns = append(ns, kg.Name{Key: key, Rule: kg.NameRule(rule)})
	}
	sortNames(ns)
	out := ""
	for _, n := range ns {
		out += fmt.Sprintf(" %s:%s", n.Rule, n.Key)
	}
	return out
}

func splitFields(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		if r == ' ' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func TestJoins(t *testing.T) {
	rules := []kg.NameRule{kg.NameKey, kg.NameAlias, kg.NameStem, kg.NamePlain, kg.NameUnscoped, kg.NameAbbreviation, kg.NameExpansion}
	for _, a := range rules {
		for _, b := range rules {
			want := true
			if a == kg.NameExpansion || b == kg.NameExpansion {
				// Two long names starting alike are not thereby one.
				want = a == kg.NameAbbreviation || b == kg.NameAbbreviation
			}
			if got := Joins(a, b); got != want || Joins(b, a) != got {
				t.Errorf("Joins(%s, %s) = %v, want %v both ways", a, b, got, want)
			}
		}
	}
	if Compatible(kg.KindProject, kg.KindProgram) || !Compatible(kg.KindProgram, kg.KindInitiative) || !Compatible(kg.KindProject, kg.KindProject) {
		t.Error("Compatible: a project is one only with a project")
	}
}

func TestCounted(t *testing.T) {
	for s, want := range map[string]bool{"六个": true, "十大": true, "千万": true, "3项": true, "123": true, "两": true,
		"三北": false, "个": false, "六个工程": false, "": false, "十四五": true, "大": false, "3项目": false} {
		if got := counted(s); got != want {
			t.Errorf("counted(%q) = %v, want %v", s, got, want)
		}
	}
}
