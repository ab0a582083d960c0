package panel_test

import (
	"context"
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/reportgraph/reportgraph/kg"
	"github.com/reportgraph/reportgraph/panel"
	"github.com/reportgraph/reportgraph/synthcorpus"
)

// BenchmarkWritePanel streams both national tables to io.Discard; the
// MB/s is the table's bytes. REPORTGRAPH_SYNTH_REPORTS=N adds N synthetic
// reports (synthcorpus) to the bundled corpus, as the analyst benchmarks
// do; issue 17 asks for 50 MB/s with 5,000.
//
//	REPORTGRAPH_SYNTH_REPORTS=5000 go test ./panel -run XXX -bench WritePanel -benchmem -count 3 -timeout 30m
func BenchmarkWritePanel(b *testing.B) {
	s := corpus(b)
	if n, _ := strconv.Atoi(os.Getenv("REPORTGRAPH_SYNTH_REPORTS")); n > 0 {
		if _, err := synthcorpus.Load(context.Background(), s, n, 1); err != nil {
			b.Fatal(err)
		}
	}
	f := panel.Filter{Regions: subtree(b, s, kg.NationalCode)}
	for _, table := range []struct {
		name  string
		write func(context.Context, kg.Store, panel.Filter, io.Writer) (int, error)
	}{{"targets", panel.WriteTargets}, {"entities", panel.WriteEntities}} {
		b.Run(table.name, func(b *testing.B) {
			var size countingWriter
			rows, err := table.write(context.Background(), s, f, &size)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := table.write(context.Background(), s, f, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
