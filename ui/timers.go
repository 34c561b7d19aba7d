package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// timerSet holds the window's short-lived timers (a success notice going
// away by itself). They run their work on Fyne's UI goroutine, and all stop
// when the window closes: a timer that fired after its window had gone
// would touch widgets nobody shows any more (and, under the test driver,
// whatever window the next test opened).
type timerSet struct {
	mu      sync.Mutex
	timers  map[*time.Timer]struct{}
	stopped bool
}

// after runs f on the UI goroutine once d has passed, unless stopAll ran
// first.
func (s *timerSet) after(d time.Duration, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	if s.timers == nil {
		s.timers = map[*time.Timer]struct{}{}
	}
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		s.mu.Lock()
		live := !s.stopped
		delete(s.timers, t)
		s.mu.Unlock()
		if live {
			fyne.Do(f)
		}
	})
	s.timers[t] = struct{}{}
}

// stopAll stops every pending timer; later calls to after do nothing.
func (s *timerSet) stopAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	for t := range s.timers {
		t.Stop()
	}
	s.timers = nil
}
