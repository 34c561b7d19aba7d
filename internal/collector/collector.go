// Package collector holds the Go garbage collector back for a stretch of
// work whose garbage is cheaper to leave than to collect: a one-shot
// command that exits when done (internal/cli), the window's start-up while
// both cores are busy (ui). It is the one place that knows how to hold it
// back safely (a ceiling, and a lower GOMEMLIMIT kept) and how to put the
// settings back.
package collector

import "runtime/debug"

// Held is the collector held back, with the settings it had before.
type Held struct {
	percent int   // GOGC before Hold
	limit   int64 // the memory limit before Hold (GOMEMLIMIT)
}

// Hold switches the collector off until Resume or Restore, except that it
// still runs once the memory the runtime holds reaches ceiling bytes; a
// lower limit already set (GOMEMLIMIT) stays.
func Hold(ceiling int64) Held {
	h := Held{limit: debug.SetMemoryLimit(-1)}
	debug.SetMemoryLimit(min(h.limit, ceiling))
	h.percent = debug.SetGCPercent(-1)
	return h
}

// Resume lets the collector run again at percent (GOGC), under the memory
// limit it had before Hold.
func (h Held) Resume(percent int) {
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(h.limit)
}

// Restore puts the collector back as it was before Hold.
func (h Held) Restore() { h.Resume(h.percent) }
