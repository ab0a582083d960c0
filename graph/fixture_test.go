package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/reportgraph/reportgraph/graph"
	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/store/counted"
	"github.com/reportgraph/reportgraph/store/memory"
)

// The fixture is a small hand-built graph in the real memory store:
//
//	中华人民共和国
//	└ 内蒙古自治区 (report 2024, delivered 2024-01-26)
//	  ├ 通辽市
//	  │ └ 奈曼旗 (report 2024, no date) + extra counties from addCounties
//	  └ 锡林郭勒盟 (short name 锡盟)
//
// Province: task area A; “六个工程” (glossary definition) with member
// 政策落地工程; project 变电站 in task area A with a lead department; GDP
// target 6 AT_LEAST. County: task area; its 政策落地工程 IMPLEMENTS the
// province's and sits in its task area; GDP target 8 AT_LEAST.
type fixture struct {
	provReport, countyReport                 string
	provArea, provSix, provPolicy, provSubst string
	countyArea, countyPolicy                 string
}

var (
	rootID   = kg.RegionID(kg.NationalCode)
	provID   = kg.RegionID("150000")
	prefID   = kg.RegionID("150500")
	countyID = kg.RegionID("150525")
	leagueID = kg.RegionID("152500")
)

func ev(reportID, section string, offset int, text string) []kg.Evidence {
	return []kg.Evidence{{ReportID: reportID, Section: section, Offset: offset, Text: text}}
}

func entity(reportID, regionID string, kind kg.EntityKind, name, section string) kg.Entity {
	return kg.Entity{
		ID: kg.EntityID(reportID, kind, name), Kind: kind, Name: name, Key: name,
		ReportID: reportID, RegionID: regionID, Evidence: ev(reportID, section, 10, name+"。"),
	}
}

func partOf(from, to, method string) kg.Edge {
	return kg.Edge{Type: kg.EdgePartOf, FromID: from, ToID: to, Method: method, Confidence: 1}
}

func gdp(reportID, regionID string, year int, v float64) kg.Target {
	return kg.Target{
		ID: kg.TargetID(reportID, kg.TargetPlanned, "gdp", ""), ReportID: reportID, RegionID: regionID, Kind: kg.TargetPlanned,
		Year: year, Indicator: "地区生产总值", IndicatorCode: "gdp", Measure: "增长", Value: v, Unit: "%", Qualifier: kg.QualifierAtLeast,
		Evidence: ev(reportID, "主要预期目标", 5, fmt.Sprintf("地区生产总值增长%s%%以上", kg.FormatValue(v)))[0],
	}
}

// countyReport builds the report graph of a county under 通辽市.
func countyGraph(regionID string, code string, provPolicy string) (kg.ReportGraph, kg.Edge) {
	rep := kg.ReportID(code, 2024)
	area := entity(rep, regionID, kg.KindProgram, "（一）推动高质量发展", "二、2024年工作 / （一）推动高质量发展")
	policy := entity(rep, regionID, kg.KindInitiative, "政策落地工程", "二、2024年工作 / （一）推动高质量发展")
	g := kg.ReportGraph{
		Report:   kg.Report{ID: rep, RegionID: regionID, Year: 2024, Title: "政府工作报告 " + code, Source: code + ".txt"},
		Entities: []kg.Entity{area, policy},
		Targets:  []kg.Target{gdp(rep, regionID, 2024, 8)},
		Edges:    []kg.Edge{partOf(policy.ID, area.ID, kg.MethodSection)},
	}
	link := kg.Edge{Type: kg.EdgeImplements, FromID: policy.ID, ToID: provPolicy, Method: kg.MethodName, Confidence: 1}
	return g, link
}

func newFixture(t testing.TB) (*memory.Store, fixture) {
	t.Helper()
	ctx := context.Background()
	s := memory.New()
	regions := []kg.Region{
		{ID: rootID, Code: kg.NationalCode, Name: "中华人民共和国", ShortNames: []string{"中国"}, Level: kg.LevelNational},
		{ID: provID, Code: "150000", Name: "内蒙古自治区", ShortNames: []string{"内蒙古"}, Level: kg.LevelProvincial, ParentID: rootID},
		{ID: prefID, Code: "150500", Name: "通辽市", ShortNames: []string{"通辽"}, Level: kg.LevelPrefectural, ParentID: provID},
		{ID: countyID, Code: "150525", Name: "奈曼旗", ShortNames: []string{"奈曼"}, Level: kg.LevelCounty, ParentID: prefID},
		{ID: leagueID, Code: "152500", Name: "锡林郭勒盟", ShortNames: []string{"锡盟"}, Level: kg.LevelPrefectural, ParentID: provID},
	}
	must(t, s.PutRegions(ctx, regions))

	var f fixture
	f.provReport = kg.ReportID("150000", 2024)
	sec := "二、2024年工作 / （一）扎实推动高质量发展"
	area := entity(f.provReport, provID, kg.KindProgram, "（一）扎实推动高质量发展", sec)
	six := entity(f.provReport, provID, kg.KindProgram, "六个工程", sec)
	six.Definition = "“六个工程”是指政策落地工程、温暖工程等六项工程。"
	policy := entity(f.provReport, provID, kg.KindInitiative, "政策落地工程", sec)
	subst := entity(f.provReport, provID, kg.KindProject, "广星220千伏变电站", sec)
	subst.LeadDepartment = "自治区能源局"
	f.provArea, f.provSix, f.provPolicy, f.provSubst = area.ID, six.ID, policy.ID, subst.ID
	must(t, s.PutReport(ctx, kg.ReportGraph{
		Report: kg.Report{ID: f.provReport, RegionID: provID, Year: 2024, DeliveredOn: "2024-01-26",
			Title: "2024年内蒙古自治区政府工作报告", Source: "prov-2024.txt"},
		Entities: []kg.Entity{area, six, policy, subst},
		Targets:  []kg.Target{gdp(f.provReport, provID, 2024, 6)},
		Edges: []kg.Edge{
			partOf(six.ID, area.ID, kg.MethodSection),
			partOf(policy.ID, area.ID, kg.MethodSection),
			partOf(policy.ID, six.ID, kg.MethodMember),
			partOf(subst.ID, area.ID, kg.MethodSection),
		},
	}))

	g, link := countyGraph(countyID, "150525", f.provPolicy)
	f.countyReport = g.Report.ID
	f.countyArea, f.countyPolicy = g.Entities[0].ID, g.Entities[1].ID
	must(t, s.PutReport(ctx, g))
	must(t, s.PutLinks(ctx, []kg.Edge{link}))
	return s, f
}

// addCounties adds n more counties under 通辽市, each with a report shaped
// like 奈曼旗's, so tests can grow the data and watch costs.
func addCounties(t testing.TB, s kg.Store, f fixture, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		code := fmt.Sprintf("1505%02d", 30+i)
		id := kg.RegionID(code)
		must(t, s.PutRegions(ctx, []kg.Region{{ID: id, Code: code, Name: "测试旗" + code, Level: kg.LevelCounty, ParentID: prefID}}))
		g, link := countyGraph(id, code, f.provPolicy)
		must(t, s.PutReport(ctx, g))
		must(t, s.PutLinks(ctx, []kg.Edge{link}))
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// response is a GraphQL response with data kept raw for typed decoding.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	status int
}

func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// post sends one GraphQL request through h as a real HTTP round trip
// through the handler (httptest recorder).
func post(t testing.TB, h http.Handler, body any) response {
	t.Helper()
	raw, err := json.Marshal(body)
	must(t, err)
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
	resp.status = rec.Code
	return resp
}

func query(t testing.TB, h http.Handler, q string, vars map[string]any) response {
	t.Helper()
	return post(t, h, map[string]any{"query": q, "variables": vars})
}

// data runs q, fails on any error and decodes data into out.
func data(t testing.TB, h http.Handler, q string, vars map[string]any, out any) {
	t.Helper()
	resp := query(t, h, q, vars)
	if len(resp.Errors) > 0 {
		t.Fatalf("query %s: errors %+v", q, resp.Errors)
	}
	if err := json.Unmarshal(resp.Data, out); err != nil {
		t.Fatalf("decode data %s: %v", resp.Data, err)
	}
}

// countCalls wraps a store and counts every call to it, to prove
// batching.
func countCalls(s kg.Store) (kg.Store, *atomic.Int64) {
	var n atomic.Int64
	return counted.New(s, func(string) { n.Add(1) }), &n
}

func newHandler(s kg.Store) http.Handler {
	return graph.NewHandler(s, graph.Options{Introspection: true})
}
