package cli

import (
	"math"
	"runtime/metrics"
	"sync"

	"chairside/internal/collector"
)

// oneShotRoom is how much garbage a one-shot command may leave behind
// before the collector runs after all: the standard two-page handout
// allocates about 20 MB in a whole export. Above what the process held
// when the command started plus this, the collector runs as usual, so a
// handout of any length never grows the process by much more than it
// really holds.
const oneShotRoom = 64 << 20

var oneShot struct {
	sync.Mutex
	users int
	held  collector.Held
}

// oneShotHeap lets a command that runs once and exits (an export) skip
// the garbage collector up to oneShotRoom: collecting a heap that the
// exit frees anyway was about a tenth of a cold export's processor time,
// and the collector's own bookkeeping touches fresh pages, each a page
// fault. The returned function puts the collector back as it was. Calls
// may overlap (tests run commands side by side in one process): the last
// one to finish restores the settings.
func oneShotHeap() (restore func()) {
	oneShot.Lock()
	defer oneShot.Unlock()
	if oneShot.users == 0 {
		oneShot.held = collector.Hold(heldMemory() + oneShotRoom)
	}
	oneShot.users++
	var once sync.Once
	return func() {
		once.Do(func() {
			oneShot.Lock()
			defer oneShot.Unlock()
			oneShot.users--
			if oneShot.users == 0 {
				oneShot.held.Restore()
			}
		})
	}
}

// heldMemory is the memory the Go runtime holds now, as the memory limit
// counts it (runtime/debug.SetMemoryLimit's documentation names these
// two metrics): what it took from the system less what it gave back.
// runtime.ReadMemStats said nearly the same but stops the world and
// empties every processor's allocation cache to say it, which then has
// to be filled again: 2% of a cold export's processor time, against
// runtime/metrics' few microseconds.
func heldMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return math.MaxInt64 / 2 // not this runtime's metrics: no lower limit than the one set
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
