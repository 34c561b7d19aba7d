package ui

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

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
