//go:build !unix

package pdf

// processCPU is not measured here; the benchmarks report wall time only.
func processCPU() (seconds float64, ok bool) { return 0, false }
