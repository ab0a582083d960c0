package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// soakMix is what the soak's clients ask, in turn: lookups, search, an
// analyst's spread and a report's lists, as a frontend's traffic mixes them.
var soakMix = []string{
	`{"query":"{ region(name: \"锡盟\") { id name level parent { name } } }"}`,
	`{"query":"{ node(id: \"entity/150525/2024/49b2be2450f2\") { id ... on Entity { name region { name } } } }"}`,
	`{"query":"{ searchConnection(text: \"温暖工程\", first: 10) { totalCount edges { node { name region { name } } } } }"}`,
	`{"query":"{ spread(id: \"entity/150000/2024/e6c20b766b88\") { coverage levels { level regionsConnection(first: 10) { totalCount } } } }"}`,
	`{"query":"{ reports(region: \"奈曼旗\") { year programs { name } targets { indicator value unit } } }"}`,
	`{"query":"{ aliasGroup(id: \"entity/150000/2024/949f330f0ee0\") { size canonical { name region { name } } } }"}`,
}

// BenchmarkSoak runs the real server (the bundled corpus, request logging
// on) and 64 keep-alive clients on loopback for SOAK_DURATION (default
// 60s) whatever b.N is, then reports throughput, p50/p99 latency, errors
// and the process's resident memory before, half way and after (server
// and clients share it). Issue 23's aim: no errors and flat RSS.
//
//	go test -run XXX -bench Soak -benchtime 1x .
func BenchmarkSoak(b *testing.B) {
	d := 60 * time.Second
	if v := os.Getenv("SOAK_DURATION"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			b.Fatalf("SOAK_DURATION: %v", err)
		}
	}
	base, stop := mustRunMain(b)
	gql := base + "/graphql"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
	for _, q := range soakMix { // every query answers before the clock starts
		if status, body := soakPost(client, gql, q); status != http.StatusOK || strings.Contains(body, `"errors"`) {
			b.Fatalf("%s: %d %s", q, status, body)
		}
	}
	rssBefore := residentKiB(b)
	b.ResetTimer()
	// Latencies go into one fixed histogram (0.1 ms buckets up to the
	// client timeout), so the clients' bookkeeping does not grow the RSS
	// the benchmark measures (a slice per client added 10–30 MiB).
	var hist latencyHistogram
	var errs atomic.Int64
	var wg sync.WaitGroup
	end := time.Now().Add(d)
	// RSS half way and at the end: flat means the second half adds little.
	rssMid, heapMid := make(chan int, 1), make(chan uint64, 1)
	time.AfterFunc(d/2, func() { rssMid <- residentKiB(b); heapMid <- liveHeap() })
	for c := range 64 {
		wg.Go(func() {
			for i := c; time.Now().Before(end); i++ {
				start := time.Now()
				status, body := soakPost(client, gql, soakMix[i%len(soakMix)])
				hist.add(time.Since(start))
				if status != http.StatusOK || strings.Contains(body, `"errors"`) {
					errs.Add(1)
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	rssAfter, heapAfter := residentKiB(b), liveHeap()
	if err := stop(); err != nil {
		b.Errorf("shutdown: %v", err)
	}
	n := hist.count()
	b.ReportMetric(float64(n)/d.Seconds(), "req/s")
	b.ReportMetric(hist.quantile(0.50).Seconds()*1000, "p50-ms")
	b.ReportMetric(hist.quantile(0.99).Seconds()*1000, "p99-ms")
	b.ReportMetric(float64(errs.Load()), "errors")
	b.ReportMetric(float64(rssBefore)/1024, "rss-before-MiB")
	rssMidKiB := <-rssMid
	b.ReportMetric(float64(rssMidKiB)/1024, "rss-mid-MiB")
	b.ReportMetric(float64(<-heapMid)/(1<<20), "heap-mid-MiB")
	b.ReportMetric(float64(heapAfter)/(1<<20), "heap-after-MiB")
	b.ReportMetric(float64(rssAfter)/1024, "rss-after-MiB")
	if errs.Load() > 0 {
		b.Errorf("%d of %d requests failed", errs.Load(), n)
	}
	// Flat: the second half may add a little (a cache filling, a larger
	// GC goal), not a steady climb.
	if mid := rssMidKiB; rssAfter > mid+mid*15/100 {
		b.Errorf("RSS grew from %d MiB half way to %d MiB at the end", mid/1024, rssAfter/1024)
	}
}

// latencyHistogram counts latencies in 0.1 ms buckets up to 30 s, the
// client's timeout; safe for concurrent use and of fixed size.
type latencyHistogram struct {
	buckets [300000]atomic.Int64
}

const latencyBucket = 100 * time.Microsecond

func (h *latencyHistogram) add(d time.Duration) {
	h.buckets[min(int(d/latencyBucket), len(h.buckets)-1)].Add(1)
}

func (h *latencyHistogram) count() int64 {
	var n int64
	for i := range h.buckets {
		n += h.buckets[i].Load()
	}
	return n
}

// quantile is the upper edge of the bucket holding the q-th latency.
func (h *latencyHistogram) quantile(q float64) time.Duration {
	rank := int64(q * float64(h.count()))
	var seen int64
	for i := range h.buckets {
		if seen += h.buckets[i].Load(); seen > rank {
			return time.Duration(i+1) * latencyBucket
		}
	}
	return time.Duration(len(h.buckets)) * latencyBucket
}

// liveHeap is the heap in use after a collection: what the process holds,
// where RSS also counts memory the runtime has not yet given back.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func soakPost(c *http.Client, url, body string) (int, string) {
	resp, err := c.Post(url, "application/json", bytes.NewBufferString(body))
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// residentKiB is the process's resident set (VmRSS) in KiB.
func residentKiB(tb testing.TB) int {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				tb.Fatalf("VmRSS %q: %v", rest, err)
			}
			return n
		}
	}
	tb.Fatal("no VmRSS in /proc/self/status")
	return 0
}
