package cli

import (
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's percentage and memory limit without
// changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestOneShotHeapTurnsTheCollectorOffAndBack(t *testing.T) {
	percent, limit := gcSettings()
	first := oneShotHeap()
	second := oneShotHeap() // overlapping, as two commands in one test process
	if p, l := gcSettings(); p != -1 || l > heldMemory()+oneShotRoom {
		t.Fatalf("during a one-shot command: GC percent %d, memory limit %d; want -1 and at most %d", p, l, heldMemory()+oneShotRoom)
	}
	first()
	first() // a second call changes nothing
	if p, _ := gcSettings(); p != -1 {
		t.Fatalf("GC percent %d after the first of two commands ended: the second still runs, want -1", p)
	}
	second()
	if p, l := gcSettings(); p != percent || l != limit {
		t.Fatalf("after both: GC percent %d, memory limit %d; want %d and %d as before", p, l, percent, limit)
	}
}

func TestOneShotHeapKeepsALowerMemoryLimit(t *testing.T) {
	low := heldMemory() + 1<<20
	old := debug.SetMemoryLimit(low)
	defer debug.SetMemoryLimit(old)
	restore := oneShotHeap()
	_, l := gcSettings()
	restore()
	if l != low {
		t.Fatalf("memory limit %d during the command, want the lower %d set before it", l, low)
	}
}

// An export leaves garbage for the process's exit instead of collecting
// it, and gives the collector back as it found it (tests and the app run
// more in the same process).
func TestExportRunsWithoutTheCollector(t *testing.T) {
	db, _ := newHandout(t, "--items", "disc:L4-L5,facet:L4-L5:left,nerve:L5:left,vertebra:L4",
		"--mark", "disc:L4-L5=bulge", "--exercises", "exercise:knee-to-chest,exercise:pelvic-tilt,exercise:walking")
	out := filepath.Join(t.TempDir(), "h.pdf")
	// A collector that would otherwise run at every megabyte or so.
	old := debug.SetGCPercent(1)
	defer debug.SetGCPercent(old)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	mustRun(t, dbArgs(db, "handouts", "export", "1", "--out", out)...)
	runtime.ReadMemStats(&after)
	if n := after.NumGC - before.NumGC; n != 0 {
		t.Errorf("the collector ran %d times during the export, want none", n)
	}
	if after.TotalAlloc-before.TotalAlloc < 4<<20 {
		t.Fatalf("the export allocated only %d bytes: the test no longer shows the collector kept off", after.TotalAlloc-before.TotalAlloc)
	}
	if p, _ := gcSettings(); p != 1 {
		t.Errorf("GC percent %d after the export, want 1 as before it", p)
	}
}

// A process reads ahead from its packages' start only for `handouts
// export`, wherever Main's own flags put it.
func TestExportCommandIsSeenBeforeMain(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"handouts", "export", "1", "--out", "x.pdf"}, true},
		{[]string{"--db", "x.db", "handouts", "export", "1", "--out", "x.pdf"}, true},
		{[]string{"--db=x.db", "--trace", "handouts", "export", "1"}, true},
		{[]string{"-db", "handouts", "handouts", "export"}, true},
		{[]string{"--", "handouts", "export", "1"}, true},
		{[]string{}, false},
		{[]string{"--db", "x.db"}, false},
		{[]string{"handouts", "list"}, false},
		{[]string{"handouts"}, false},
		{[]string{"--db", "handouts", "export"}, false},
		{[]string{"patients", "add", "--name", "handouts", "export"}, false},
		{[]string{"help", "handouts", "export"}, false},
	} {
		if got := exportCommand(c.args); got != c.want {
			t.Errorf("exportCommand(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
