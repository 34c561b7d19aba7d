package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// autosaveDelay is how long the editor waits after the last change before
// writing the draft: long enough not to write on every key, short enough
// that a crash or power cut loses only the last few seconds of typing.
const autosaveDelay = 2500 * time.Millisecond

// timerFunc starts a timer that calls f once after d and returns a function
// that stops it. It is injectable so tests drive time instead of sleeping.
type timerFunc func(d time.Duration, f func()) (stop func())

// realTimer runs f on Fyne's UI goroutine, where the editor's widgets live.
func realTimer(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// autosaver debounces changes: every Changed restarts the wait, and save
// runs once the editor has been quiet for delay. It is used from the UI
// goroutine only; the mutex guards against a timer firing while Stop runs.
type autosaver struct {
	delay time.Duration
	after timerFunc
	save  func()

	mu      sync.Mutex
	stop    func()
	pending bool
	gen     int // bumps with every Changed/Stop so that a stale timer does nothing
}

func newAutosaver(delay time.Duration, after timerFunc, save func()) *autosaver {
	if after == nil {
		after = realTimer
	}
	return &autosaver{delay: delay, after: after, save: save}
}

// Changed records an edit and restarts the wait.
func (s *autosaver) Changed() {
	s.mu.Lock()
	if s.stop != nil {
		s.stop()
	}
	s.gen++
	gen := s.gen
	s.pending = true
	s.mu.Unlock()
	stop := s.after(s.delay, func() { s.fire(gen) })
	s.mu.Lock()
	if s.gen == gen {
		s.stop = stop
	} else {
		stop() // superseded while the timer was being started
	}
	s.mu.Unlock()
}

func (s *autosaver) fire(gen int) {
	s.mu.Lock()
	if gen != s.gen || !s.pending {
		s.mu.Unlock()
		return
	}
	s.pending, s.stop = false, nil
	s.mu.Unlock()
	s.save()
}

// Pending reports whether a change is waiting to be autosaved.
func (s *autosaver) Pending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pending
}

// Stop drops the pending autosave (after an explicit save, or when the
// editor closes).
func (s *autosaver) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		s.stop()
	}
	s.gen++
	s.pending, s.stop = false, nil
}

// flush writes the editor's pending autosave now (the window is closing).
func (d *handoutDesk) flush() {
	if e := d.editor; e != nil && e.saver.Pending() {
		e.saver.Stop()
		e.autosave()
	}
}
