package ingest

import (
	"context"
	"errors"
	"io/fs"
	"testing"

	"github.com/reportgraph/reportgraph/data"
	"github.com/reportgraph/reportgraph/division"
	"github.com/reportgraph/reportgraph/internal/ctxtest"
)

// TestCanceledExtractBlamesNoFile: a file whose extraction is canceled
// fails with the context's error, which ends the load (fatal), not with a
// reason that skips the file as bad.
func TestCanceledExtractBlamesNoFile(t *testing.T) {
	tree, err := division.Load()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := fs.ReadFile(data.Reports(), "tongliao-city-2025.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := &Ingester{Regions: tree}
	for _, checks := range []int{0, 2, 5} {
		_, err := in.extract(ctxtest.Countdown(checks), "tongliao-city-2025.txt", raw, "fp")
		if !errors.Is(err, context.Canceled) || !fatal(err) {
			t.Errorf("canceled after %d checks: err = %v (fatal %v), want context.Canceled, fatal", checks, err, fatal(err))
		}
	}
	if _, err := in.extract(context.Background(), "tongliao-city-2025.txt", raw, "fp"); err != nil {
		t.Fatalf("uncanceled: %v", err)
	}
}
