//go:build !linux

package ui

import "time"

// processTimes reads nothing where there is no /proc: the step lines
// still come, in order, with zero times.
func processTimes() (since, process, thread time.Duration) { return 0, 0, 0 }

// behind runs work on another goroutine (see the Linux one: only there
// is a thread's priority its own).
func behind(work func()) { go work() }
