//go:build !linux

package ui

import "time"

// processTimes reads nothing where there is no /proc: the step lines
// still come, in order, with zero times.
func processTimes() (since, process, thread time.Duration) { return 0, 0, 0 }
