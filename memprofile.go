package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

// CHAIRSIDE_MEMPROFILE=FILE writes a heap profile of the running app to
// FILE once it has been idle for a while (CHAIRSIDE_MEMPROFILE_AFTER
// seconds after start, 8 by default), after a garbage collection, so the
// profile shows what the idle app holds. The budget benchmark (`make
// bench`) uses it to say where the memory goes. Unset, it costs nothing.
func init() {
	file := os.Getenv("CHAIRSIDE_MEMPROFILE")
	if file == "" {
		return
	}
	after := 8 * time.Second
	if s, err := strconv.ParseFloat(os.Getenv("CHAIRSIDE_MEMPROFILE_AFTER"), 64); err == nil && s > 0 {
		after = time.Duration(s * float64(time.Second))
	}
	go func() {
		time.Sleep(after)
		if err := writeHeapProfile(file); err != nil {
			fmt.Fprintln(os.Stderr, "chairside: heap profile:", err)
		}
	}()
}

// CHAIRSIDE_CPUPROFILE=FILE profiles the processor from the program's
// start for CHAIRSIDE_CPUPROFILE_SECONDS (3 by default) and writes the
// profile to FILE: what a start costs, up to the first frame and a little
// after, to compare with the budget benchmark's minimal program. Unset, it
// costs nothing.
func init() {
	file := os.Getenv("CHAIRSIDE_CPUPROFILE")
	if file == "" {
		return
	}
	span := 3 * time.Second
	if s, err := strconv.ParseFloat(os.Getenv("CHAIRSIDE_CPUPROFILE_SECONDS"), 64); err == nil && s > 0 {
		span = time.Duration(s * float64(time.Second))
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "chairside: processor profile:", err)
		return
	}
	go func() {
		time.Sleep(span)
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "chairside: processor profile:", err)
		}
	}()
}

func writeHeapProfile(file string) error {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	mb := func(b uint64) float64 { return float64(b) / (1 << 20) }
	fmt.Fprintf(os.Stderr, "memprofile: Go heap in use %.1f MB, free but not returned to the OS %.1f MB, returned %.1f MB; stacks %.1f MB; runtime metadata %.1f MB; all the Go runtime holds %.1f MB\n",
		mb(m.HeapInuse), mb(m.HeapIdle-m.HeapReleased), mb(m.HeapReleased), mb(m.StackSys), mb(m.GCSys+m.MSpanSys+m.MCacheSys+m.BuckHashSys+m.OtherSys), mb(m.Sys-m.HeapReleased))
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
