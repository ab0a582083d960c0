package web_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The explorer's analyst charts (escalation, adoption) and the region tree
// coloured by coverage, each read as drawn and compared with the API's own
// answer to the question the page asked.

// showChartTab clicks a chart tab and waits for its chart to be drawn from
// a finished request.
func showChartTab(t *testing.T, b *browserSession, mode, ready string) {
	t.Helper()
	var ok bool
	b.run(t, "tab "+mode,
		chromedp.Click(fmt.Sprintf(`#chart-tabs button[data-mode=%q]`, mode), chromedp.ByQuery),
		poll(ready, &ok),
	)
}

// chooseChartRegion picks a region the chart's region list holds, as a
// user choosing it would.
func chooseChartRegion(t *testing.T, b *browserSession, id string) {
	t.Helper()
	var ok bool
	b.run(t, "choose chart region "+id, chromedp.Evaluate(fmt.Sprintf(`(() => { const s = document.querySelector('#chart-region');
		if (!s.querySelector('option[value=%q]')) return false;
		window.reportgraphExplorer.state.escalation = null;
		s.value = %q; s.dispatchEvent(new Event('change')); return true; })()`, id, id), &ok))
	if !ok {
		t.Fatalf("the chart's region list lacks %s", id)
	}
}

// checkEscalationAgainstAPI reads the escalation chart and compares each
// bar with the API's targetEscalation for the filter the page sent: one
// slot per child region of the chart's region (labelled when it states no
// target or has no report), the bar its target, the dash its parent's,
// and bars coloured by higherThanParent. It returns how many bars have a
// parent's dash to compare with.
func checkEscalationAgainstAPI(t *testing.T, b *browserSession, base, regionID string) (compared int) {
	t.Helper()
	var drawn struct {
		Filter struct {
			Indicator, Region, Measure, Level string
			Year                              int
		}
		Labels   []string
		Datasets []struct {
			Label  string
			Data   []*float64
			Colors any
		}
		Status string
	}
	b.run(t, "read escalation", chromedp.Evaluate(`(() => {
		const e = window.reportgraphExplorer.state.escalation, c = window.reportgraphExplorer.escalationChart;
		return { filter: e.filter, labels: c.data.labels, status: document.querySelector('#chart-status').textContent,
			datasets: c.data.datasets.map(d => ({ label: d.label, data: d.data, colors: d.backgroundColor })) };
	})()`, &drawn))
	f := drawn.Filter
	var api struct {
		Data struct {
			TargetEscalation struct {
				Nodes []struct {
					Region           struct{ ID, Name, Code string }
					Parent           *struct{ ID string }
					Status, Unit     string
					Target           *struct{ Value float64 }
					ParentTarget     *struct{ Value float64 }
					NationalTarget   *struct{ Value float64 }
					HigherThanParent *bool
				}
			}
		}
	}
	querySite(t, base, fmt.Sprintf(`{ targetEscalation(filter: {indicator: %q, year: %d, region: %q, measure: %q, level: %s}, first: 100) {
		nodes { region { id name code } parent { id } status unit target { value } parentTarget { value } nationalTarget { value } higherThanParent } } }`,
		f.Indicator, f.Year, f.Region, f.Measure, f.Level), &api)
	if want := strings.TrimPrefix(regionID, "region/"); f.Region != want {
		t.Errorf("escalation asked about region %q, want the chart's region %s", f.Region, want)
	}
	unit := ""
	for _, n := range api.Data.TargetEscalation.Nodes {
		if n.Status == "STATED" && n.Target != nil && unit == "" {
			unit = n.Unit
		}
	}
	var want, got []string
	seen := map[string]bool{}
	stated := 0
	for _, n := range api.Data.TargetEscalation.Nodes {
		mine := n.Parent != nil && n.Parent.ID == regionID || f.Level == "COUNTY" && n.Region.ID == regionID && n.Parent != nil && n.Parent.ID != regionID
		if !mine || seen[n.Region.ID] || n.Status == "STATED" && n.Unit != unit {
			continue
		}
		seen[n.Region.ID] = true
		note := map[string]string{"NOT_STATED": "（未设）", "NOT_LOADED": "（无报告）"}[n.Status]
		color := "#7f8c8d"
		if n.HigherThanParent != nil {
			color = map[bool]string{true: "#c0392b", false: "#229954"}[*n.HigherThanParent]
		}
		if n.Target != nil {
			stated++
		}
		if n.Target != nil && n.ParentTarget != nil {
			compared++
		}
		want = append(want, fmt.Sprintf("%s%s target=%s parent=%s %s", n.Region.Name, note, num(n.Target), num(n.ParentTarget), color))
	}
	if len(drawn.Datasets) < 2 {
		t.Fatalf("escalation chart has %d data sets, want the targets and the parents'", len(drawn.Datasets))
	}
	colors, _ := drawn.Datasets[0].Colors.([]any)
	for i, label := range drawn.Labels {
		color := ""
		if i < len(colors) {
			color = fmt.Sprint(colors[i])
		}
		got = append(got, fmt.Sprintf("%s target=%s parent=%s %s", label, ptr(drawn.Datasets[0].Data, i), ptr(drawn.Datasets[1].Data, i), color))
	}
	if stated == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("escalation chart (%+v) draws\n%s\nthe API says\n%s", f, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(drawn.Status, fmt.Sprint(f.Year)) {
		t.Errorf("escalation status %q does not name the year %d", drawn.Status, f.Year)
	}
	return compared
}

func num(t *struct{ Value float64 }) string {
	if t == nil {
		return "-"
	}
	return fmt.Sprint(t.Value)
}

func ptr(data []*float64, i int) string {
	if i >= len(data) || data[i] == nil {
		return "-"
	}
	return fmt.Sprint(*data[i])
}

// checkAdoptionAgainstAPI reads the adoption chart of the traced entity
// and compares it with the API's diffusion: the same years, and per level
// with adopters its cumulative curve.
func checkAdoptionAgainstAPI(t *testing.T, b *browserSession, base string) (id string) {
	t.Helper()
	var drawn struct {
		ID       string
		Years    []string
		Datasets []struct {
			Level string
			Data  []int
		}
	}
	b.run(t, "read adoption", chromedp.Evaluate(`(() => {
		const c = window.reportgraphExplorer.adoptionChart;
		return { id: window.reportgraphExplorer.state.traced.id, years: c.data.labels,
			datasets: c.data.datasets.map(d => ({ level: d.level, data: d.data })) };
	})()`, &drawn))
	var api struct {
		Data struct {
			Diffusion struct {
				Levels []struct {
					Level    string
					Adopters int
					Curve    []struct{ Year, Cumulative int }
				}
			}
		}
	}
	querySite(t, base, fmt.Sprintf(`{ diffusion(id: %q) { levels { level adopters curve { year cumulative } } } }`, drawn.ID), &api)
	want := map[string]string{}
	var years []string
	for _, l := range api.Data.Diffusion.Levels {
		var cum, ys []string
		for _, p := range l.Curve {
			ys = append(ys, fmt.Sprint(p.Year))
			cum = append(cum, fmt.Sprint(p.Cumulative))
		}
		if len(ys) > len(years) {
			years = ys
		}
		if l.Adopters > 0 {
			want[l.Level] = strings.Join(cum, " ")
		}
	}
	got := map[string]string{}
	for _, d := range drawn.Datasets {
		got[d.Level] = strings.Trim(fmt.Sprint(d.Data), "[]")
	}
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(drawn.Years) != fmt.Sprint(years) {
		t.Errorf("adoption chart of %s draws %v over %v; the API says %v over %v", drawn.ID, got, drawn.Years, want, years)
	}
	return drawn.ID
}

// checkTreeCoverageAgainstAPI: every region shown in the tree is coloured
// by the traced entity's diffusion: adopted where the API lists it as an
// adopter, silent where it has a loaded report but is not one, none where
// it has no report.
func checkTreeCoverageAgainstAPI(t *testing.T, b *browserSession, base, id string) {
	t.Helper()
	var shown map[string]string // region id → data-coverage
	b.run(t, "read tree coverage", poll(`(() => { const out = {};
		const lis = document.querySelectorAll('#region-tree li[data-region]');
		for (const li of lis) { if (!li.dataset.coverage) return null; out[li.dataset.region] = li.dataset.coverage; }
		return lis.length ? out : null; })()`, &shown))
	ids := make([]string, 0, len(shown))
	for r := range shown {
		ids = append(ids, r)
	}
	sort.Strings(ids)
	var q strings.Builder
	fmt.Fprintf(&q, `{ diffusion(id: %q) { adopters { region { id } } }`, id)
	for i, r := range ids {
		fmt.Fprintf(&q, ` r%d: node(id: %q) { ... on Region { id reports { id } } }`, i, r)
	}
	q.WriteString(" }")
	var api struct {
		Data map[string]struct {
			ID       string
			Reports  []struct{ ID string }
			Adopters []struct{ Region struct{ ID string } }
		}
	}
	querySite(t, base, q.String(), &api)
	adopted := map[string]bool{}
	for _, a := range api.Data["diffusion"].Adopters {
		adopted[a.Region.ID] = true
	}
	counts := map[string]int{}
	for i, r := range ids {
		n := api.Data[fmt.Sprintf("r%d", i)]
		want := "none"
		switch {
		case adopted[r]:
			want = "adopted"
		case len(n.Reports) > 0:
			want = "silent"
		}
		counts[want]++
		if shown[r] != want {
			t.Errorf("tree colours %s %s, want %s", r, shown[r], want)
		}
	}
	if counts["adopted"] == 0 || counts["silent"]+counts["none"] == 0 {
		t.Errorf("tree coverage %v: want regions both mentioning the entity and not", counts)
	}
}

// assertChartDrawn screenshots a chart's canvas and fails unless it is
// drawn on: at least 2% of its pixels differ from its commonest colour
// (the background), in at least four colours.
func assertChartDrawn(t *testing.T, b *browserSession, sel, name string) {
	t.Helper()
	var buf []byte
	b.run(t, "screenshot "+name, chromedp.Screenshot(sel, &buf, chromedp.ByQuery))
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("%s screenshot: %v", name, err)
	}
	inked, colours, total := inkedPixels(img)
	if total == 0 || float64(inked)/float64(total) < 0.02 || colours < 4 {
		t.Errorf("%s looks blank: %d of %d pixels off the background, %d colours", name, inked, total, colours)
	}
	b.screenshot(t, name)
}

func inkedPixels(img image.Image) (inked, colours, total int) {
	count := map[[4]uint32]int{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			count[[4]uint32{r >> 8, g >> 8, bl >> 8, a >> 8}]++
			total++
		}
	}
	most := 0
	for _, n := range count {
		most = max(most, n)
	}
	return total - most, len(count), total
}
