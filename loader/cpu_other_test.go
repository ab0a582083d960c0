//go:build !unix

package loader

import "time"

// processCPU is unavailable here; the benchmark then reports no CPU metric.
func processCPU() time.Duration { return 0 }

// ProcessCPU lets the external tests' benchmarks report CPU time too.
var ProcessCPU = processCPU
