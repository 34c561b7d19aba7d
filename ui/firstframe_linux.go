package ui

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

// behind runs work on a goroutine with an operating-system thread of its
// own, at a lower priority (nice 10): on a busy machine the threads the
// first frame waits for (the main thread, the fonts being read, the X
// server) get the processor first, and work whose result is wanted only
// later takes what is left. The goroutine ends with its thread locked, so
// the thread ends with it and no other goroutine inherits its priority.
func behind(work func()) {
	go func() {
		runtime.LockOSThread()
		// On Linux a priority is a thread's own: this one, not the process.
		_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), behindNice)
		work()
	}()
}

// behindNice is the priority of work done behind (see behind): ten steps
// below normal, so it gets about a tenth of a core that normal work wants.
const behindNice = 10

// processTimes is the time since the process was launched (to the
// kernel's clock tick, 10 ms), and the processor time the process and the
// calling thread have used.
func processTimes() (since, process, thread time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		process = rusageTime(&ru)
	}
	const rusageThread = 1 // RUSAGE_THREAD
	if syscall.Getrusage(rusageThread, &ru) == nil {
		thread = rusageTime(&ru)
	}
	// The process's start is in /proc/self/stat (field 22, clock ticks
	// after boot); the clock it counts from is CLOCK_BOOTTIME.
	var now syscall.Timespec
	const clockBoottime = 7
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockBoottime, uintptr(unsafe.Pointer(&now)), 0); errno != 0 {
		return 0, process, thread
	}
	st, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, process, thread
	}
	// the command name, in parentheses, may hold spaces: count after it
	f := bytes.Fields(st[bytes.LastIndexByte(st, ')')+1:])
	if len(f) < 20 {
		return 0, process, thread
	}
	ticks, err := strconv.ParseInt(string(f[19]), 10, 64)
	if err != nil {
		return 0, process, thread
	}
	const userHZ = 100 // USER_HZ, the unit of /proc's times
	since = time.Duration(now.Nano()) - time.Duration(ticks)*time.Second/userHZ
	return since, process, thread
}

func rusageTime(ru *syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
