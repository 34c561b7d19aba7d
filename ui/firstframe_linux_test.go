package ui

import (
	"runtime"
	"syscall"
	"testing"
)

// threadNice is the calling thread's nice value (the raw system call
// answers 20 - nice, so that it is never negative).
func threadNice(t *testing.T) int {
	t.Helper()
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
	if err != nil {
		t.Fatal(err)
	}
	return 20 - p
}

// TestBehindRunsBelowNormalPriority: work started behind runs on a thread
// at behindNice above the process's own priority, and that thread ends
// with the work: goroutines started afterwards, on whatever thread the
// runtime gives them, run at the process's priority (a thread handed back
// with its lower priority would slow whatever ran on it next, the main
// window's own work included).
func TestBehindRunsBelowNormalPriority(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	normal := threadNice(t)
	if normal+behindNice > 19 {
		t.Skipf("the test process runs at nice %d already: nothing lower to go to", normal)
	}
	got := make(chan int)
	behind(func() {
		p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
		if err != nil {
			got <- -100
			return
		}
		got <- 20 - p
	})
	if nice := <-got; nice != normal+behindNice {
		t.Fatalf("work behind ran at nice %d, want %d", nice, normal+behindNice)
	}
	// many goroutines each on a thread of its own at once, so the
	// runtime would have to hand out a thread kept from the work behind
	const n = 40
	nices := make(chan int, n)
	release := make(chan struct{})
	for range n {
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			p, _ := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
			nices <- 20 - p
			<-release
		}()
	}
	for range n {
		if nice := <-nices; nice != normal {
			t.Errorf("a later goroutine ran at nice %d, not the process's %d: the thread of the work behind was reused", nice, normal)
		}
	}
	close(release)
}
