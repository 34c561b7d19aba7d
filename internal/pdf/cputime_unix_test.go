//go:build unix

package pdf

import "syscall"

// processCPU is the processor time (user and system, every thread) the
// process has used so far. On a machine shared with other work a
// benchmark's wall time stretches with the load; its processor time
// much less, so the benchmarks report both.
func processCPU() (seconds float64, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime), true
}
