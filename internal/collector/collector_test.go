package collector

import (
	"math"
	"runtime/debug"
	"testing"
)

func settings() (int, int64) {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestHoldResumeRestore(t *testing.T) {
	startPercent, startLimit := debug.SetGCPercent(150), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(startPercent); debug.SetMemoryLimit(startLimit) })

	h := Hold(128 << 20)
	if p, l := settings(); p != -1 || l != 128<<20 {
		t.Fatalf("held: GOGC %d, limit %d; want off under 128 MB", p, l)
	}
	h.Resume(400)
	if p, l := settings(); p != 400 || l != math.MaxInt64 {
		t.Fatalf("resumed: GOGC %d, limit %d; want 400 and no limit", p, l)
	}
	h.Restore()
	if p, l := settings(); p != 150 || l != math.MaxInt64 {
		t.Fatalf("restored: GOGC %d, limit %d; want 150 and no limit", p, l)
	}

	// a lower GOMEMLIMIT stays while held and after
	debug.SetMemoryLimit(32 << 20)
	h = Hold(128 << 20)
	if _, l := settings(); l != 32<<20 {
		t.Fatalf("held under GOMEMLIMIT 32 MB: limit %d", l)
	}
	h.Restore()
	if p, l := settings(); p != 150 || l != 32<<20 {
		t.Fatalf("restored: GOGC %d, limit %d; want 150 and 32 MB", p, l)
	}
}
