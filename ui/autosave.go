package ui

import (
	"chairside/internal/i18n"
	"context"
	"path/filepath"
	"strconv"
	"strings"
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

// prefEditing remembers which handout the editor has open, with the
// database it is in ("<id> <database path>"), so that after a crash, a
// power cut or a quit with the editor open, the next start offers to open
// it again: the autosaved draft is in the database, but the clinician
// should not have to know where to look for it.
const prefEditing = "handout.editing"

// editingValue is prefEditing's value for handout id in the database at dbPath.
func editingValue(id int64, dbPath string) string {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	return strconv.FormatInt(id, 10) + " " + dbPath
}

// rememberEditing records that the editor has handout id open.
func (d *handoutDesk) rememberEditing(id int64) {
	db := d.db()
	if id == 0 || db == nil {
		return
	}
	prefs := d.prefs
	// Preferences are written to disk on every change: only on a change.
	if v := editingValue(id, db.Path()); prefs.String(prefEditing) != v {
		prefs.SetString(prefEditing, v)
	}
}

// forgetEditing records that the editor closed normally.
func (d *handoutDesk) forgetEditing() {
	prefs := d.prefs
	if prefs.String(prefEditing) != "" {
		prefs.RemoveValue(prefEditing)
	}
}

// offerResume runs once the window is up: when the editor was open as
// Chairside last closed, a notice names the handout and offers to open it.
func (d *handoutDesk) offerResume() {
	db := d.db()
	if db == nil {
		return
	}
	prefs := d.prefs
	v := prefs.String(prefEditing)
	idText, path, ok := strings.Cut(v, " ")
	if !ok {
		return
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || editingValue(id, db.Path()) != editingValue(id, path) {
		return // another database's handout (or nonsense): not ours to offer
	}
	ctx := context.Background()
	h, err := db.GetHandout(ctx, id)
	if err != nil {
		prefs.RemoveValue(prefEditing)
		return
	}
	p, err := db.GetPatient(ctx, h.PatientID)
	if err != nil {
		prefs.RemoveValue(prefEditing)
		return
	}
	title := strings.TrimSpace(h.Title)
	if title == "" {
		title = tr("resume.untitled", "untitled")
	}
	saved := h.UpdatedAt.Local()
	msg := tr("resume.message", "When Chairside last closed, the handout for {{.Patient}} (“{{.Title}}”) was open. "+
		"Everything typed until {{.Time}} on {{.Date}} was saved with it.",
		map[string]any{"Patient": p.Name, "Title": title, "Time": saved.Format("15:04:05"), "Date": i18n.For(shownLanguage()).Date(saved)})
	d.trace.event("offered to reopen handout %d", id)
	d.resumeNotice = d.window.showNoticeAction(msg, tr("resume.open", "Open it again"), func() {
		d.resumeNotice = nil
		d.openHandout(id)
	})
}
