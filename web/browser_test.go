package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/reportgraph/reportgraph/web"
)

// End-to-end tests in headless Chromium against a real server on loopback:
// the web handlers plus the GraphQL API over the bundled corpus (newAPI).
// Screenshots are written to $ARTIFACTS_DIR (default: a temp dir, logged).
//
// A missing browser fails the test when CI is set and skips it otherwise,
// with the reason, so a developer without Chromium can still run go test.

// chromiumCandidates are tried in order after $CHROMIUM_PATH.
var chromiumCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

func findChromium() string {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p
	}
	for _, c := range chromiumCandidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// browserSession is one headless Chromium with a fresh profile, plus the
// page errors it reported (uncaught exceptions, console errors, CSP
// violations), which every scenario asserts are empty.
type browserSession struct {
	ctx       context.Context
	artifacts string
	mu        sync.Mutex
	problems  []string
}

func newBrowser(t *testing.T) *browserSession {
	t.Helper()
	path := findChromium()
	if path == "" {
		msg := "headless Chromium not found (tried $CHROMIUM_PATH, " + strings.Join(chromiumCandidates, ", ") + "); install it with: apt-get install -y chromium"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	// A fresh profile per test. Not t.TempDir: Chromium's helper processes
	// can still be writing to it when the test ends, which makes TempDir's
	// cleanup fail the test; this directory is removed best-effort instead.
	profile, err := os.MkdirTemp("", "reportgraph-chromium-")
	if err != nil {
		t.Fatalf("profile dir: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1440, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute) // generous: CI machines can be heavily loaded
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		for range 5 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
	b := &browserSession{ctx: ctx, artifacts: artifactsDir(t)}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.problem("exception: " + ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.problem("console.error: " + strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				b.problem(fmt.Sprintf("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	if err := chromedp.Run(ctx, log.Enable(), chromedp.EmulateViewport(1440, 900)); err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return b
}

func (b *browserSession) problem(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// assertClean fails the test if the page reported any error so far.
func (b *browserSession) assertClean(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser reported: %s", p)
	}
}

func (b *browserSession) run(t *testing.T, step string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.screenshot(t, "failed-"+strings.ReplaceAll(step, " ", "-"))
		t.Fatalf("%s: %v", step, err)
	}
}

func (b *browserSession) screenshot(t *testing.T, name string) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	// Flat, short file names: TestBrowserExplorer/x → browserExplorer-x. Only
	// the file name is rewritten; the directory (a temp dir named after the
	// test) must stay as it is.
	file := strings.ReplaceAll(strings.TrimPrefix(t.Name(), "Test"), "/", "-")
	file = strings.ToLower(file[:1]) + file[1:] + "-" + name + ".png"
	path := filepath.Join(b.artifacts, file)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Errorf("write screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", path)
}

func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts dir: %v", err)
	}
	t.Logf("browser test artefacts in %s", dir)
	return dir
}

// newSite serves the web handlers and the GraphQL API on 127.0.0.1.
func newSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/graphql", newAPI(t))
	web.Mount(mux, "/graphql")
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// poll evaluates a JS expression until it returns a truthy value (or the
// context ends), storing the value in res.
func poll(expr string, res any) chromedp.Action {
	return chromedp.Poll(expr, res, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(45*time.Second))
}

func TestBrowserExplorer(t *testing.T) {
	b := newBrowser(t)
	srv := newSite(t)

	b.run(t, "load explorer",
		chromedp.Navigate(srv.URL+"/explore"),
		chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#region-tree li li`, chromedp.ByQuery), // national root expanded lazily
	)

	b.run(t, "search",
		chromedp.SendKeys(`#search-text`, "六个工程", chromedp.ByQuery),
		chromedp.Click(`#search-button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#results li[data-kind="PROGRAM"]`, chromedp.ByQuery),
	)

	// Pick the autonomous region's program among the results.
	var idx int
	b.run(t, "find result", chromedp.Evaluate(`Array.from(document.querySelectorAll('#results li')).findIndex(li =>
		li.dataset.kind === 'PROGRAM' && li.querySelector('.name').textContent.includes('六个工程') &&
		li.querySelector('.meta').textContent.includes('内蒙古自治区'))`, &idx))
	if idx < 0 {
		var list string
		_ = chromedp.Run(b.ctx, chromedp.Text(`#results`, &list, chromedp.ByQuery))
		t.Fatalf("no 六个工程 PROGRAM of 内蒙古自治区 in the results:\n%s", list)
	}
	var regions []string
	b.run(t, "open trace",
		chromedp.Click(fmt.Sprintf(`#results li:nth-child(%d)`, idx+1), chromedp.ByQuery),
		poll(`(() => { const cy = window.reportgraphExplorer.cy;
			if (!cy) return null;
			const names = cy.nodes('.region').map(n => n.data('label'));
			return names.includes('奈曼旗') ? names : null; })()`, &regions),
	)
	for _, want := range []string{"内蒙古自治区", "通辽市", "奈曼旗"} {
		if !contains(regions, want) {
			t.Errorf("trace graph regions %v lack %s", regions, want)
		}
	}
	// Bands: the autonomous region's nodes sit above 通辽市's, above 奈曼旗's.
	var bandY map[string]float64
	b.run(t, "band positions", chromedp.Evaluate(`(() => { const out = {};
		window.reportgraphExplorer.cy.nodes('.region').forEach(n => { out[n.data('label')] = n.position('y'); });
		return out; })()`, &bandY))
	if !(bandY["内蒙古自治区"] < bandY["通辽市"] && bandY["通辽市"] < bandY["奈曼旗"]) {
		t.Errorf("regions not banded by level top-down: %v", bandY)
	}
	var edgeTypes []string
	b.run(t, "edge types", chromedp.Evaluate(`Array.from(new Set(window.reportgraphExplorer.cy.edges().map(e => e.data('type')))).sort()`, &edgeTypes))
	if !contains(edgeTypes, "IMPLEMENTS") || !contains(edgeTypes, "PART_OF") {
		t.Errorf("trace graph edge types %v, want IMPLEMENTS and PART_OF", edgeTypes)
	}
	checkSpreadAgainstAPI(t, b, srv.URL)
	checkGraphLegible(t, b)
	b.screenshot(t, "trace")

	// The URL names the traced entity; reloading it redraws the same trace.
	var url string
	var reloaded []string
	b.run(t, "deep link",
		chromedp.Location(&url),
		chromedp.Navigate("about:blank"),
	)
	if !strings.Contains(url, "#trace=") {
		t.Fatalf("URL %s does not name the trace", url)
	}
	b.run(t, "reload deep link",
		chromedp.Navigate(url),
		poll(`(() => { const cy = window.reportgraphExplorer && window.reportgraphExplorer.cy;
			if (!cy) return null;
			const names = cy.nodes('.region').map(n => n.data('label'));
			return names.includes('奈曼旗') ? names : null; })()`, &reloaded),
	)
	if len(reloaded) != len(regions) {
		t.Errorf("reloaded trace shows regions %v, first showed %v", reloaded, regions)
	}

	// Click a 奈曼旗 node on the canvas, like a user, and read its evidence.
	var target struct {
		ID, Name string
		X, Y     float64
	}
	b.run(t, "locate node", chromedp.Evaluate(`(() => {
		const cy = window.reportgraphExplorer.cy;
		const n = cy.nodes('.entity').filter(n => n.data('region') === '奈曼旗')[0];
		cy.center(n); // at a legible zoom the graph may be wider than the view: pan to it, as a user would
		const box = document.getElementById('graph').getBoundingClientRect();
		const p = n.renderedPosition();
		return {ID: n.id(), Name: n.data('name'), X: box.left + p.x, Y: box.top + p.y};
	})()`, &target))
	var heading, evidence string
	b.run(t, "click node",
		chromedp.MouseClickXY(target.X, target.Y),
		chromedp.WaitVisible(fmt.Sprintf(`#details[data-entity=%q] #evidence .evidence`, target.ID), chromedp.ByQuery),
		chromedp.Text(`#details .entity-name`, &heading, chromedp.ByQuery),
		chromedp.Text(`#details #evidence`, &evidence, chromedp.ByQuery),
	)
	if !strings.Contains(heading, target.Name) {
		t.Errorf("details heading %q, want the clicked node %q", heading, target.Name)
	}
	if len([]rune(strings.TrimSpace(evidence))) < 10 {
		t.Errorf("evidence panel has no evidence sentence: %q", evidence)
	}
	var details string
	b.run(t, "details text", chromedp.Text(`#details`, &details, chromedp.ByQuery))
	if !strings.Contains(details, "奈曼旗") {
		t.Errorf("details do not name the region 奈曼旗:\n%s", details)
	}
	b.screenshot(t, "evidence")

	// Click the 通辽市 region box: its subtree (奈曼旗 among the children)
	// shows, and the target chart switches to it.
	var box struct{ X, Y float64 }
	b.run(t, "locate region", chromedp.Evaluate(`(() => {
		const cy = window.reportgraphExplorer.cy;
		const r = cy.nodes('.region').filter(n => n.data('label') === '通辽市')[0];
		const bb = r.renderedBoundingBox({includeLabels: false});
		const g = document.getElementById('graph').getBoundingClientRect();
		return {X: g.left + bb.x1 + 4, Y: g.top + bb.y1 + 4};
	})()`, &box))
	var subtree string
	b.run(t, "click region",
		chromedp.MouseClickXY(box.X, box.Y),
		chromedp.WaitVisible(`#details[data-region] .subtree`, chromedp.ByQuery),
		chromedp.Text(`#details`, &subtree, chromedp.ByQuery),
	)
	if !strings.Contains(subtree, "通辽市") || !strings.Contains(subtree, "奈曼旗") {
		t.Errorf("region subtree panel lacks 通辽市 / 奈曼旗:\n%s", subtree)
	}
	// The region tree opens down to the clicked region and highlights it.
	var selected string
	b.run(t, "tree reveals region", poll(`(() => { const s = document.querySelector('#region-tree .rname.selected');
		return s ? s.textContent : null; })()`, &selected))
	if selected != "通辽市" {
		t.Errorf("tree highlights %q, want 通辽市", selected)
	}

	// A report in the tree lists its programs; each opens its own trace.
	var reportText string
	b.run(t, "open report",
		chromedp.Click(`#region-tree li[data-region] .rname.selected + .reports b.report`, chromedp.ByQuery),
		chromedp.WaitVisible(`#details[data-report] .programs li a`, chromedp.ByQuery),
		chromedp.Text(`#details`, &reportText, chromedp.ByQuery),
	)
	if !strings.Contains(reportText, "通辽市") || !strings.Contains(reportText, "地区生产总值") {
		t.Errorf("report panel lacks its region or GDP target:\n%.400s", reportText)
	}
	var programTitle string
	b.run(t, "trace a program",
		chromedp.Click(`#details .programs li:first-child a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#details[data-entity]`, chromedp.ByQuery),
		chromedp.Text(`#graph-title`, &programTitle, chromedp.ByQuery),
	)
	if !strings.Contains(programTitle, "通辽市") {
		t.Errorf("graph title after picking a 通辽市 program: %q", programTitle)
	}
	b.screenshot(t, "report")

	var indicators []string
	b.run(t, "chart",
		poll(`(() => { const o = Array.from(document.querySelectorAll('#chart-indicator option')).map(o => o.textContent);
			return o.length ? o : null; })()`, &indicators),
	)
	if !anyContains(indicators, "地区生产总值") {
		t.Errorf("chart indicators %v lack 地区生产总值", indicators)
	}
	var bars int
	b.run(t, "chart data", chromedp.Evaluate(`window.reportgraphExplorer.chart.data.datasets.length`, &bars))
	if bars == 0 {
		t.Errorf("target chart has no data sets")
	}
	checkChartAgainstAPI(t, b, srv.URL)
	assertChartDrawn(t, b, "#chart-box canvas", "chart-targets")
	b.screenshot(t, "region")

	// Escalation: 通辽市's counties against it, then the provinces against
	// the nation (the tree's root, the chart's first region).
	const ready = `window.reportgraphExplorer.state.escalation !== null`
	showChartTab(t, b, "escalation", ready)
	checkEscalationAgainstAPI(t, b, srv.URL, "region/150500")
	b.run(t, "tree region to chart",
		chromedp.Evaluate(`window.reportgraphExplorer.state.escalation = null`, nil),
		chromedp.Click(`#region-tree li[data-region="region/150000"] > .rname`, chromedp.ByQuery),
		poll(ready+` && window.reportgraphExplorer.state.escalation.filter.region === '150000'`, new(bool)))
	if checkEscalationAgainstAPI(t, b, srv.URL, "region/150000") == 0 {
		t.Error("内蒙古自治区's escalation compares no league's target with its own")
	}
	chooseChartRegion(t, b, "region/000000")
	b.run(t, "nation escalation", poll(ready, new(bool)))
	checkEscalationAgainstAPI(t, b, srv.URL, "region/000000")
	assertChartDrawn(t, b, "#escalation-box canvas", "chart-escalation")

	// The adoption curve of the traced program, and the tree coloured by it.
	showChartTab(t, b, "adoption", `window.reportgraphExplorer.adoptionChart != null`)
	traced := checkAdoptionAgainstAPI(t, b, srv.URL)
	assertChartDrawn(t, b, "#adoption-box canvas", "chart-adoption")
	checkTreeCoverageAgainstAPI(t, b, srv.URL, traced)
	b.screenshot(t, "coverage")
	b.assertClean(t)

	// A search that finds nothing says what to try.
	var hint string
	b.run(t, "no hits",
		chromedp.SetValue(`#search-text`, "没有这样的工程名称", chromedp.ByQuery),
		chromedp.SetValue(`#search-region`, "奈曼旗", chromedp.ByQuery),
		chromedp.Click(`#search-button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#results li[data-hint]`, chromedp.ByQuery),
		chromedp.Text(`#results li[data-hint]`, &hint, chromedp.ByQuery),
	)
	if !strings.Contains(hint, "没有找到") || !strings.Contains(hint, "更短的词") || !strings.Contains(hint, "奈曼旗") {
		t.Errorf("no-hit hint %q: want what to try, naming the region filter", hint)
	}
	b.screenshot(t, "no-hits")

	// API errors show in the page: a search in an unknown region is refused
	// by the server and the message appears in the error banner.
	var banner string
	b.run(t, "error banner",
		chromedp.SetValue(`#search-text`, "六个工程", chromedp.ByQuery),
		chromedp.SetValue(`#search-region`, "没有这个地区", chromedp.ByQuery),
		chromedp.Click(`#search-button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#error`, chromedp.ByQuery),
		chromedp.Text(`#error`, &banner, chromedp.ByQuery),
	)
	if !strings.Contains(banner, "Search") || !strings.Contains(banner, "没有这个地区") {
		t.Errorf("error banner %q does not report the failed search", banner)
	}
	b.screenshot(t, "error")
}

func TestBrowserPlayground(t *testing.T) {
	b := newBrowser(t)
	srv := newSite(t)

	b.run(t, "load playground",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`.graphiql-container .graphiql-query-editor .CodeMirror`, chromedp.ByQuery),
		chromedp.WaitVisible(`.rg-examples button[data-example]`, chromedp.ByQuery),
	)
	var firstTab string
	b.run(t, "default query", chromedp.Evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()`, &firstTab))
	if !strings.Contains(firstTab, "六个工程") {
		t.Errorf("first preloaded tab is not the first analyst example:\n%s", firstTab)
	}
	// The first thing a new user does is press Run on what is there: the
	// first tab must come with its variables (it answered "must be
	// defined" while only the examples list set them).
	var first string
	b.run(t, "run the first tab as opened",
		poll(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName === 'SixProgramsDownstream'`, nil),
		chromedp.Click(`.graphiql-execute-button`, chromedp.ByQuery),
		poll(`(() => { const v = document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue();
			return v.includes('"data"') || v.includes('"errors"') ? v : null; })()`, &first),
	)
	if strings.Contains(first, `"errors"`) || !strings.Contains(first, `"spread"`) {
		t.Errorf("first tab, run as opened, did not answer its question:\n%.500s", first)
	}

	// Set our own query in the editor, click run, read the response pane.
	// GraphiQL parses an edit after a debounce and sends the operation name
	// it found: wait until the editor has it before clicking run.
	const query = `query NaimanRegion { region(name: "奈曼") { name level parent { name } reports { year } } }`
	var raw string
	b.run(t, "run query",
		chromedp.Evaluate(fmt.Sprintf(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(%q)`, query), nil),
		poll(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName === 'NaimanRegion'`, nil),
		chromedp.Click(`.graphiql-execute-button`, chromedp.ByQuery),
		poll(`(() => { const v = document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue();
			return v.includes('"data"') || v.includes('"errors"') ? v : null; })()`, &raw),
	)
	var res struct {
		Data struct {
			Region struct {
				Name, Level string
				Parent      struct{ Name string }
				Reports     []struct{ Year int }
			}
		}
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatalf("response pane is not JSON: %v\n%s", err, raw)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("query errors: %v", res.Errors)
	}
	r := res.Data.Region
	if r.Name != "奈曼旗" || r.Level != "COUNTY" || r.Parent.Name != "通辽市" || len(r.Reports) == 0 {
		t.Errorf("region(name: 奈曼) = %+v, want 奈曼旗 COUNTY under 通辽市 with a report", r)
	}
	b.screenshot(t, "query")

	// An example from the side panel runs too.
	var out string
	b.run(t, "run example",
		chromedp.Click(`.rg-examples button[data-example="06-search-warmth"]`, chromedp.ByQuery),
		poll(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName === 'SearchWarmth'`, nil),
		chromedp.Click(`.graphiql-execute-button`, chromedp.ByQuery),
		poll(`(() => { const v = document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue();
			return v.includes('"searchConnection"') ? v : null; })()`, &out),
	)
	if !strings.Contains(out, "温暖工程") {
		t.Errorf("example 温暖工程 search returned no match:\n%.500s", out)
	}
	b.screenshot(t, "example")
	b.assertClean(t)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func anyContains(xs []string, s string) bool {
	for _, x := range xs {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// checkChartAgainstAPI reads the target chart as drawn and compares it
// with the API's own answer for the chart's region: it opens on GDP
// growth, each target bar is the region's target for that year, each
// result triangle its result, and a target's legend entry names the
// qualifier the API gives (以上, 左右), in a style of its own.
func checkChartAgainstAPI(t *testing.T, b *browserSession, base string) {
	t.Helper()
	var drawn struct {
		Indicator string
		Region    string
		Datasets  []struct {
			Label      string
			Type       string
			PointStyle string
			Data       []*float64
		}
		Years []string
	}
	b.run(t, "read chart", chromedp.Evaluate(`(() => {
		const c = window.reportgraphExplorer.chart;
		return { indicator: document.querySelector('#chart-indicator').value,
			region: document.querySelector('#chart-region').value,
			years: c.data.labels,
			datasets: c.data.datasets.map(d => ({ label: d.label, type: d.type, pointStyle: d.pointStyle, data: d.data })) };
	})()`, &drawn))
	if drawn.Indicator != "地区生产总值|增长|%" && !strings.HasSuffix(drawn.Indicator, "生产总值|增长|%") {
		t.Errorf("chart opens on %q, want GDP growth", drawn.Indicator)
	}
	indicator := strings.Split(drawn.Indicator, "|")[0]
	var api struct {
		Data struct {
			Region struct {
				Name        string
				Descendants []struct{ Name string }
			}
			Reports []struct {
				Region  struct{ Name string }
				Targets []struct {
					Indicator, Measure, Unit, Kind, Qualifier string
					Year                                      int
					Value                                     float64
				}
			}
		}
	}
	querySite(t, base, fmt.Sprintf(`{ region: node(id: %q) { ... on Region { name descendants { name } } }
		reports { region { name } targets { indicator measure unit kind year value qualifier } } }`, drawn.Region), &api)
	inside := map[string]bool{api.Data.Region.Name: true}
	for _, d := range api.Data.Region.Descendants {
		inside[d.Name] = true
	}
	want := map[string]float64{} // "region kind year" → value
	qualifiers := map[string]string{}
	for _, r := range api.Data.Reports {
		if !inside[r.Region.Name] {
			continue
		}
		for _, tg := range r.Targets {
			if tg.Indicator == indicator && tg.Measure == "增长" && tg.Unit == "%" {
				want[fmt.Sprintf("%s %s %d", r.Region.Name, tg.Kind, tg.Year)] = tg.Value
				if tg.Kind == "TARGET" {
					qualifiers[r.Region.Name] = tg.Qualifier
				}
			}
		}
	}
	got := map[string]float64{}
	for _, ds := range drawn.Datasets {
		name, kind := ds.Label, "RESULT"
		if i := strings.Index(ds.Label, " 目标"); i >= 0 {
			name, kind = ds.Label[:i], "TARGET"
			if ds.PointStyle != "rect" {
				t.Errorf("target entry %q drawn as %q, want rect", ds.Label, ds.PointStyle)
			}
			label := map[string]string{"AT_LEAST": "以上", "ABOUT": "左右"}[qualifiers[name]]
			if label != "" && !strings.Contains(ds.Label, label) {
				t.Errorf("legend %q hides the qualifier %s", ds.Label, label)
			}
		} else {
			name = strings.TrimSuffix(ds.Label, " 实际")
			if ds.PointStyle != "triangle" {
				t.Errorf("result entry %q drawn as %q, want triangle", ds.Label, ds.PointStyle)
			}
		}
		for i, v := range ds.Data {
			if v != nil {
				got[fmt.Sprintf("%s %s %s", name, kind, drawn.Years[i])] = *v
			}
		}
	}
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("chart of %s draws\n%v\nthe API says\n%v", api.Data.Region.Name, got, want)
	}
}

// checkSpreadAgainstAPI reads the spread bar above the trace graph and
// compares it with the API's spread of the traced entity: the coverage,
// and per level the regions taking it up and the gaps.
func checkSpreadAgainstAPI(t *testing.T, b *browserSession, base string) {
	t.Helper()
	var shown struct {
		ID       string
		Coverage string
		Levels   []struct{ Level, Taken, Gaps string }
		Text     string
	}
	b.run(t, "read spread",
		chromedp.WaitVisible(`#spread .level`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => ({
			id: decodeURIComponent(location.hash.replace('#trace=', '')),
			coverage: document.querySelector('#spread').dataset.coverage,
			text: document.querySelector('#spread').textContent,
			levels: Array.from(document.querySelectorAll('#spread .level')).map(e => ({ level: e.dataset.level, taken: e.dataset.taken, gaps: e.dataset.gaps })),
		}))()`, &shown))
	var api struct {
		Data struct {
			Spread struct {
				Coverage float64
				Levels   []struct {
					Level             string
					RegionsConnection struct{ TotalCount int }
				}
				P, F, C struct{ TotalCount int }
			}
		}
	}
	querySite(t, base, fmt.Sprintf(`{ spread(id: %q) { coverage levels { level regionsConnection { totalCount } }
		p: gapsConnection(level: PROVINCIAL) { totalCount } f: gapsConnection(level: PREFECTURAL) { totalCount }
		c: gapsConnection(level: COUNTY) { totalCount } } }`, shown.ID), &api)
	sp := api.Data.Spread
	want := map[string]string{}
	taken := map[string]int{}
	for _, l := range sp.Levels {
		taken[l.Level] = l.RegionsConnection.TotalCount
	}
	for lv, g := range map[string]int{"PROVINCIAL": sp.P.TotalCount, "PREFECTURAL": sp.F.TotalCount, "COUNTY": sp.C.TotalCount} {
		if taken[lv] > 0 || g > 0 {
			want[lv] = fmt.Sprintf("%d/%d", taken[lv], g)
		}
	}
	got := map[string]string{}
	for _, l := range shown.Levels {
		got[l.Level] = l.Taken + "/" + l.Gaps
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want) == 0 {
		t.Errorf("spread bar shows taken/gaps %v, the API says %v (%s)", got, want, shown.Text)
	}
	if c := fmt.Sprint(sp.Coverage); shown.Coverage != c {
		t.Errorf("spread bar coverage %s, the API says %s", shown.Coverage, c)
	}
}

// checkGraphLegible: labels are drawn at 10 px or more on screen, a long
// name carries its full text as a tooltip, and an IMPLEMENTS edge that
// skips a level bows away from the chain through the level between.
func checkGraphLegible(t *testing.T, b *browserSession) {
	t.Helper()
	var g struct {
		Zoom    float64
		Skips   int
		Bowed   int
		Tooltip string
	}
	b.run(t, "graph legibility", chromedp.Evaluate(`(() => {
		const cy = window.reportgraphExplorer.cy;
		const skips = cy.edges('.IMPLEMENTS.skip');
		const long = cy.nodes('.entity').filter(n => n.data('name').length > 20)[0] || cy.nodes('.entity')[0];
		long.emit('mouseover');
		return { zoom: cy.zoom(), skips: skips.length,
			bowed: skips.filter(e => e.style('curve-style') === 'unbundled-bezier').length,
			tooltip: document.querySelector('#graph').title };
	})()`, &g))
	if px := 12 * g.Zoom; px < 10 {
		t.Errorf("labels drawn at %.1f px (zoom %.2f), want 10 or more", px, g.Zoom)
	}
	if g.Tooltip == "" {
		t.Error("hovering an entity shows no full name")
	}
	if g.Skips != g.Bowed {
		t.Errorf("%d level-skipping IMPLEMENTS edges, %d drawn bowed", g.Skips, g.Bowed)
	}
}

// querySite asks the site's API what the page was drawn from, failing t
// on any error, and decodes the whole answer into out.
func querySite(t *testing.T, base, query string, out any) {
	t.Helper()
	body, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var errs struct{ Errors []any }
	if err := json.Unmarshal(raw, &errs); err != nil || len(errs.Errors) > 0 {
		t.Fatalf("API: %v %v", err, errs.Errors)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatal(err)
	}
}
