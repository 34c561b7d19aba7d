package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/store"
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
	// edits counts every change, so that a save waiting for the server
	// knows whether anything was typed after it was sent.
	edits int
	// unsent is the save waiting for the clinic's server to come back;
	// nil when none waits. Used from the UI goroutine only.
	unsent *resend
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
	s.edits++
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
// editor closes), and a save waiting for the server with it: the editor
// was closed without it, or a save has just gone through.
func (s *autosaver) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		s.stop()
	}
	s.gen++
	s.pending, s.stop = false, nil
	if r := s.unsent; r != nil {
		s.unsent = nil
		r.end()
	}
}

// resending reports whether a save is waiting for the server to come back.
func (s *autosaver) resending() bool { return s.unsent != nil }

// How long the editor waits before sending a save again after the
// clinic's server went away: doubling from the first wait up to the
// longest, so a short outage is over in seconds and a long one does not
// knock on the server every second.
const (
	resendFirst = 2 * time.Second
	resendMost  = 30 * time.Second
)

// resend is a save the clinic's server did not answer: exactly what was
// sent and its attempt, so that sending it again stores it once, even
// when the server had committed it and only its answer was lost.
type resend struct {
	h       *handout.Handout
	attempt *store.SaveAttempt
	draft   bool // an autosave; otherwise Save, with h.Status
	edits   int  // the editor's edit count when it was sent
	wait    time.Duration
	stop    func() // the wait before the next try
	dismiss func() // the notice that says the server is away
}

func (r *resend) end() {
	if r.stop != nil {
		r.stop()
	}
	if r.dismiss != nil {
		r.dismiss()
	}
}

// send saves h (draft: as the autosave) carrying a SaveAttempt. When the
// connection to the server is lost, the save is kept to be sent again
// until the server is back, and a notice says so; the error is returned
// as always, and the text stays in the editor.
func (e *handoutEditor) send(db *store.DB, h *handout.Handout, draft bool) error {
	a := &store.SaveAttempt{}
	ctx := store.WithSaveAttempt(context.Background(), a)
	var err error
	if draft {
		err = db.SaveDraft(ctx, h)
	} else {
		err = db.SaveHandout(ctx, h)
	}
	if store.ErrorCode(err) == store.EOFFLINE {
		e.resendLater(&resend{h: h, attempt: a, draft: draft, edits: e.saver.edits})
	}
	return err
}

// resendLater keeps r to send again after a wait, and says once that the
// server is away and that nothing typed is lost.
func (e *handoutEditor) resendLater(r *resend) {
	r.wait = resendFirst
	e.saver.unsent = r
	r.dismiss = e.desk.window.showNoticeAction(tr("live.server_lost",
		"The connection to the clinic's server was lost while saving. Everything you typed is kept here, and Chairside saves it as soon as the server is back (it tries again every few seconds)."),
		tr("live.try_now", "Try now"), func() {
			r.dismiss = nil
			e.resendNow()
		})
	r.stop = e.saver.after(r.wait, func() { e.resendNow() })
	e.statusLine.SetText(waitingForServer())
	e.desk.trace.event("handout save waiting for the server")
}

func waitingForServer() string {
	return tr("live.waiting", "Not saved yet: waiting for the clinic's server. Your text is kept here and saved when the server is back.")
}

// resendNow sends the save that waits for the server again, and reports
// whether it is saved now (true too when none waits). Still no server:
// it waits longer and tries again. Saved: the notice goes, a new one says
// so, and whatever was typed since follows as an autosave. Refused for
// another reason: that reason is shown as for any save, and the text
// stays.
func (e *handoutEditor) resendNow() bool {
	r := e.saver.unsent
	if r == nil {
		return true
	}
	if r.stop != nil {
		r.stop()
		r.stop = nil
	}
	db := e.desk.db()
	if db == nil || e.desk.editor != e {
		e.saver.Stop()
		return false
	}
	ctx := store.WithSaveAttempt(context.Background(), r.attempt)
	var err error
	if r.draft {
		err = db.SaveDraft(ctx, r.h)
	} else {
		err = db.SaveHandout(ctx, r.h)
	}
	if c := store.ErrorCode(err); c == store.EOFFLINE || c == store.EBUSY {
		r.wait = min(2*r.wait, resendMost)
		r.stop = e.saver.after(r.wait, func() { e.resendNow() })
		e.statusLine.SetText(waitingForServer())
		e.desk.trace.event("handout save still waiting for the server %s", c)
		return false
	}
	e.saver.unsent = nil
	r.end()
	if c := store.ConflictOf(err); c != nil {
		e.offerConflict(c, r.h) // conflict.go: another chair saved while the server was away
		return false
	}
	if err != nil {
		e.showFieldErrors(err)
		e.desk.trace.event("handout save failed %s", store.ErrorCode(err))
		showStoreError(e.desk.win, tr("editor.not_saved", "The handout was not saved"), err,
			tr("editor.still_here", "Everything you typed is still in the editor"))
		return false
	}
	if r.draft {
		e.applySaved(r.h)
		e.autosavedSinceSave = true
		e.updateStatusLine()
	} else {
		e.saveSucceeded(r.h)
	}
	e.desk.trace.event("handout saved after the server came back %d", r.h.ID)
	e.desk.window.ShowNotice(tr("live.saved_back", "The clinic's server is back, and the handout is saved."), false)
	if e.saver.edits != r.edits {
		// Typed while the server was away: that follows now.
		e.unsaved = true
		e.autosave()
	}
	return true
}

// flush writes the editor's pending autosave now (the window is closing)
// and reports whether everything typed is stored. A save waiting for the
// server goes first, once more: dropping it and autosaving instead could
// store a new handout twice, when the server had added it and only its
// answer was lost. A refused autosave is tried once more.
func (d *handoutDesk) flush() (stored bool) {
	e := d.editor
	if e == nil {
		return true
	}
	if e.saver.resending() {
		// and, when it goes through, what was typed since
		return e.resendNow() && !e.saver.resending() && !e.autosaveFailed
	}
	if e.saver.Pending() || e.autosaveFailed {
		e.saver.Stop()
		e.autosave()
	}
	return !e.autosaveFailed && !e.saver.resending()
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

// unsentPatient is a new patient whose save the clinic's server did not
// answer: exactly what was sent, with its attempt.
type unsentPatient struct {
	p       store.Patient
	attempt *store.SaveAttempt
}

// addPatient adds the form's patient so that it is added once, even when
// the server went away mid-save and the clinician presses Save again once
// it is back: the patient is sent again exactly as the first time, with
// the same attempt (the server may have added it and only the answer was
// lost), and what was changed in the form meanwhile is saved on top.
func (f *patientForm) addPatient(db *store.DB, p *store.Patient) error {
	ctx := context.Background()
	if u := f.unsent; u != nil {
		sent := u.p
		if err := db.CreatePatient(store.WithSaveAttempt(ctx, u.attempt), &sent); err != nil {
			return err
		}
		f.unsent = nil
		f.desk.trace.event("patient added after the server came back %d", sent.ID)
		p.ID, p.Revision, p.CreatedAt, p.UpdatedAt = sent.ID, sent.Revision, sent.CreatedAt, sent.UpdatedAt
		if samePatientDetails(p, &sent) {
			return nil
		}
		return db.UpdatePatient(ctx, p)
	}
	a := &store.SaveAttempt{}
	sent := *p
	err := db.CreatePatient(store.WithSaveAttempt(ctx, a), p)
	if store.ErrorCode(err) == store.EOFFLINE {
		f.unsent = &unsentPatient{p: sent, attempt: a}
	}
	return err
}

// samePatientDetails reports whether a and b hold the same details.
func samePatientDetails(a, b *store.Patient) bool {
	sameDOB := (a.DOB == nil) == (b.DOB == nil) && (a.DOB == nil || a.DOB.Equal(*b.DOB))
	return sameDOB && a.Name == b.Name && a.Lang == b.Lang && a.Contact == b.Contact && a.Notes == b.Notes && a.Archived == b.Archived
}
