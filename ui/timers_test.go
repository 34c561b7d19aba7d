package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// A notice's timer that outlived its window ran on the next test's window
// (a data race CI caught): once stopped, no timer of the set runs its work.
func TestTimerSetStopsPendingTimers(t *testing.T) {
	test.NewTempApp(t)
	var s timerSet
	ran := make(chan struct{}, 1)
	s.after(0, func() { ran <- struct{}{} })
	select {
	case <-ran:
	case <-time.After(10 * time.Second):
		t.Fatal("a live timer did not run its work")
	}

	s.after(time.Hour, func() { t.Error("a stopped timer ran") })
	s.mu.Lock()
	pending := len(s.timers)
	s.mu.Unlock()
	if pending != 1 {
		t.Fatalf("%d timers pending, want 1", pending)
	}
	s.stopAll()
	s.after(0, func() { t.Error("a timer started after stopAll ran") })
	s.mu.Lock()
	pending = len(s.timers)
	s.mu.Unlock()
	if pending != 0 {
		t.Fatalf("%d timers pending after stopAll", pending)
	}
}
