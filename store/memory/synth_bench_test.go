package memory_test

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/reportgraph/reportgraph/store/memory"
	"github.com/reportgraph/reportgraph/synthcorpus"
)

// synthReports is the scale the API must answer searches at within 5 ms p99.
const synthReports = 5000

// synthStore ingests the synthetic corpus once per test binary: it takes
// minutes, and -count reruns must not pay it again.
var synthStore = sync.OnceValues(func() (*memory.Store, error) {
	s := memory.New()
	if _, err := synthcorpus.Load(context.Background(), s, synthReports, 1); err != nil {
		return nil, err
	}
	return s, nil
})

// BenchmarkSearchSynth5000 searches 5,000 synthetic reports ingested
// through the real path; it logs the heap the loaded store holds.
func BenchmarkSearchSynth5000(b *testing.B) {
	s, heap := loadedSynth(b)
	b.Logf("heap in use with %d synthetic reports loaded: %d MiB", synthReports, heap>>20)
	logIndexStats(b, s)
	benchSearch(b, s)
}

// BenchmarkGCSynth5000 times one full garbage collection with 5,000
// synthetic reports loaded. Every collection marks the whole store, and
// requests served while it runs are slower, so this cost, times how often
// requests' garbage triggers a cycle, is what the store adds to tail
// latency: fewer pointers in the store's long-lived data make it cheaper.
func BenchmarkGCSynth5000(b *testing.B) {
	s, heap := loadedSynth(b)
	for b.Loop() {
		runtime.GC()
	}
	b.ReportMetric(float64(heap>>20), "heap-MiB")
	runtime.KeepAlive(s)
}

// loadedSynth returns the synthetic store and the heap in use with it
// loaded, after a collection.
func loadedSynth(b *testing.B) (*memory.Store, uint64) {
	b.Helper()
	s, err := synthStore()
	if err != nil {
		b.Fatal(err)
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return s, m.HeapAlloc
}
