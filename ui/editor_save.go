package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/store"
)

// collect reads the fields into a handout to save. It fails only on a date
// it cannot read; everything else is the store's to check.
func (e *handoutEditor) collect(status handout.Status) (*handout.Handout, error) {
	h := e.h
	h.Title = strings.TrimSpace(e.title.Text)
	h.Status = status
	ds := strings.TrimSpace(e.date.Text)
	if e.h.Date.IsZero() || e.h.Date.Format("2006-01-02") != ds {
		d, err := handout.ParseVisitDate(ds)
		if err != nil {
			return nil, store.FieldError{Field: "Date", Message: err.Error()}
		}
		h.Date = d
	}
	h.Items = slices.Clone(e.items)
	h.Marks = slices.Clone(e.marks)
	h.ClinicianNotes = e.notes.Text
	h.HomeCare = handout.HomeCare{Instructions: e.instructions.Text}
	for i, c := range e.stretchBox {
		if c.Checked {
			s := e.stretches[i]
			s.Steps = slices.Clone(s.Steps)
			h.HomeCare.Stretches = append(h.HomeCare.Stretches, s)
		}
	}
	h.HomeCare.Stretches = append(h.HomeCare.Stretches, e.plan.stretches()...)
	h.LargePrint, h.ExerciseLog = e.plan.largePrint.Checked, e.plan.log.Checked
	return &h, nil
}

// Save writes the handout with the given status and reports whether it was
// saved. On failure the clinician sees why, and nothing typed is lost.
func (e *handoutEditor) Save(status handout.Status) bool {
	d := e.desk
	e.showFieldErrors(nil)
	db := d.database()
	if db == nil {
		return false
	}
	if !e.resendNow() { // the save waiting for the server goes first
		return false
	}
	h, err := e.collect(status)
	if err == nil {
		err = e.send(db, h, false)
	}
	if c := store.ConflictOf(err); c != nil {
		e.offerConflict(c, h) // conflict.go: keep mine, take theirs or see both
		return false
	}
	if err != nil {
		e.showFieldErrors(err)
		d.trace.event("handout save failed %s", store.ErrorCode(err))
		if e.saver.resending() {
			return false // a notice says so, and it is sent when the server is back
		}
		showStoreError(d.win, tr("editor.not_saved", "The handout was not saved"), err,
			tr("editor.still_here", "Everything you typed is still in the editor"))
		return false
	}
	e.saveSucceeded(h)
	return true
}

// saveSucceeded shows that h was saved with Save: the editor holds what
// the store assigned, and nothing is unsaved.
func (e *handoutEditor) saveSucceeded(h *handout.Handout) {
	d := e.desk
	e.saver.Stop()
	e.applySaved(h)
	e.saved = h
	e.unsaved, e.autosavedSinceSave = false, false
	// "Save as final" shows Final in the status choice, so that the next
	// Ctrl+S keeps it final instead of quietly turning it back into a draft.
	e.loading = true
	e.status.SetSelected(statusLabel(h.Status))
	e.loading = false
	e.updateStatusLine()
	d.trace.event("handout saved %d %s", h.ID, h.Status)
}

// statusLabel is the status as the editor's choice spells it.
func statusLabel(s handout.Status) string {
	if s == handout.Final {
		return tr("editor.final", "Final")
	}
	return tr("editor.draft", "Draft")
}

// undoAutosave puts the handout back as it was last saved, for "Discard
// changes": the autosave already wrote the discarded changes, and without
// this they would be what the handout reopens, prints and lists with. The
// autosaved text is not destroyed: it stays in the handout's revisions.
func (e *handoutEditor) undoAutosave() error {
	if !e.autosavedSinceSave || e.saved == nil {
		return nil
	}
	db := e.desk.db()
	if db == nil {
		return errors.New(tr("editor.no_database", "No patient database is open."))
	}
	// Saved over the autosave as a new revision, not in its place, so the
	// discarded text is still in the history; another chair's save since
	// is a conflict, not overwritten.
	h := *e.saved
	over := store.Revision{Number: e.h.Revision, SavedAt: e.h.UpdatedAt}
	if err := db.SaveHandoutOver(context.Background(), &h, over); err != nil {
		e.desk.trace.event("handout autosave undo failed %s", store.ErrorCode(err))
		return err
	}
	e.applySaved(&h)
	e.autosavedSinceSave = false
	e.desk.trace.event("handout autosave undone %d", h.ID)
	return nil
}

// preview saves what is unsaved, then shows the first page as it will
// print, with Print and Export: the printout is always the saved text.
func (e *handoutEditor) preview() {
	if (e.unsaved || e.h.ID == 0) && !e.Save(e.statusChoice()) {
		return
	}
	h, err := e.collect(e.h.Status)
	if err != nil {
		dialog.ShowError(err, e.desk.win)
		return
	}
	e.desk.window.PreviewHandout(h)
}

// autosave writes the draft quietly; a failure shows in the status line
// (not a dialog every few seconds) and the next change or Ctrl+S retries.
func (e *handoutEditor) autosave() {
	if e.desk.editor != e {
		return
	}
	db := e.desk.db()
	if db == nil || e.saver.resending() { // what was typed follows the save waiting for the server
		return
	}
	h, err := e.collect(e.statusChoice())
	if err == nil {
		err = e.send(db, h, true)
	}
	if err != nil {
		msg := autosaveProblem(err)
		if !e.saver.resending() {
			e.statusLine.SetText(tr("editor.autosave_failed", "Not autosaved: {{.Reason}} Your text is still here.", map[string]any{"Reason": msg}))
		}
		e.desk.trace.event("handout autosave failed %s", store.ErrorCode(err))
		e.autosaveFailed = true
		return
	}
	e.applySaved(h)
	e.autosavedSinceSave = true
	e.autosaveFailed = false
	e.updateStatusLine()
	e.desk.trace.event("handout autosaved %d", h.ID)
}

// applySaved keeps what the store assigned (ID, revision, times) so the
// next save updates the same handout.
func (e *handoutEditor) applySaved(h *handout.Handout) {
	e.h.ID, e.h.Revision, e.h.CreatedAt, e.h.UpdatedAt = h.ID, h.Revision, h.CreatedAt, h.UpdatedAt
	e.h.Status, e.h.Date, e.h.Lang = h.Status, h.Date, h.Lang
	if e.desk.editor == e {
		e.desk.rememberEditing(h.ID)
	}
}

// showFieldErrors puts the title and date problems beside their fields.
func (e *handoutEditor) showFieldErrors(err error) {
	fields := store.FieldsIn(err, shownLanguage())
	for field, l := range map[string]*widget.Label{"Title": e.titleErr, "Date": e.dateErr} {
		if msg, ok := fields[field]; ok {
			l.SetText(msg)
			l.Show()
		} else {
			l.Hide()
		}
	}
}

// patientID is the patient the handout is for; 0 when a restore left it
// without one.
func (e *handoutEditor) patientID() int64 { return e.h.PatientID }

// handoutID is the handout's ID in the store; 0 until it is first saved.
func (e *handoutEditor) handoutID() int64 { return e.h.ID }

// belongTo gives a handout left without its patient to p, text and all.
func (e *handoutEditor) belongTo(p *store.Patient) {
	e.h.PatientID = p.ID
	e.setPatientName(p.Name)
}

// saveAsNew makes the next save write a new handout, because the one it
// was saved as is not in the database any more (a restore); with
// withoutPatient it also waits for the patient to be chosen again.
// Everything typed stays.
func (e *handoutEditor) saveAsNew(withoutPatient bool) {
	e.h.ID, e.h.Revision = 0, 0
	if withoutPatient {
		e.h.PatientID = 0
	}
	e.unsaved = true
	e.updateStatusLine()
}

// databaseReplaced looks the handout up again in a restored database: when
// it is there for the same patient the next save adds to its revisions,
// else it is saved as a new handout.
func (e *handoutEditor) databaseReplaced(ctx context.Context, db *store.DB) {
	if e.h.ID == 0 {
		return
	}
	if h, err := db.GetHandout(ctx, e.h.ID); err != nil || h.PatientID != e.h.PatientID {
		e.saveAsNew(false)
	} else {
		e.h.Revision, e.h.UpdatedAt = h.Revision, h.UpdatedAt
	}
}
