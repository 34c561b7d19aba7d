package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
)

// closeEditor closes the editor and then runs then. With unsaved changes it
// asks first: save, discard or cancel (then does not run on cancel, or
// when the save fails).
func (d *handoutDesk) closeEditor(why string, then func()) {
	e := d.editor
	if e == nil || !e.Unsaved() {
		if e != nil {
			e.close()
		}
		if then != nil {
			then()
		}
		return
	}
	// A change waiting for its autosave is written first: otherwise the
	// autosave lands while the question is open, and the question no longer
	// says what Discard keeps.
	if e.saver.Pending() && !e.saver.resending() {
		d.flush()
	}
	msg := tr("desk.unsaved.message", "The handout for {{.Patient}} has changes that are not saved.\nSave them before {{.Doing}}?", map[string]any{"Patient": e.patientName, "Doing": why})
	switch {
	case e.autosavedSinceSave && e.saved != nil:
		msg += "\n\n" + tr("desk.unsaved.autosaved", "Discard goes back to the handout as last saved; the changes autosaved meanwhile stay in its history.")
	case e.autosavedSinceSave:
		msg += "\n\n" + tr("desk.unsaved.autosaved_new", "This new handout was already autosaved: discarding keeps that draft in the patient's handouts.")
	}
	body := widget.NewLabel(msg)
	body.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomWithoutButtons(tr("desk.unsaved.title", "Unsaved handout"), body, d.win)
	save := widget.NewButtonWithIcon(tr("desk.unsaved.save", "Save"), theme.DocumentSaveIcon(), func() {
		dlg.Hide()
		if e.Save(e.statusChoice()) {
			e.close()
			if then != nil {
				then()
			}
		}
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButtonWithIcon(tr("desk.unsaved.discard", "Discard changes"), theme.DeleteIcon(), func() {
		dlg.Hide()
		if err := e.undoAutosave(); err != nil {
			showStoreError(d.win, tr("editor.discard_failed", "The changes could not be discarded, so the handout stays open"), err, "")
			return
		}
		d.trace.event("handout changes discarded")
		e.close()
		if then != nil {
			then()
		}
	})
	discard.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon(tr("button.cancel", "Cancel"), theme.CancelIcon(), func() { dlg.Hide() })
	dlg.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	dlg.Resize(fyne.NewSize(520, 0))
	d.trace.event("asked to save before closing the handout")
	dlg.Show()
}

// openEditor shows h in the editor beside the diagram.
func (d *handoutDesk) openEditor(h *handout.Handout) {
	// Explanations and stretches added in the editor are in the handout's
	// language, like the ones it was drafted with.
	lib, err := d.libIn(h.Lang)
	if err != nil {
		dialog.ShowError(errors.New(tr("desk.library_failed", "The explanation library could not be loaded: {{.Reason}}", map[string]any{"Reason": err.Error()})), d.win)
		return
	}
	name := ""
	if d.patient != nil {
		name = d.patient.Name
	}
	d.editor = newHandoutEditor(d, h, name, lib)
	d.editor.show()
	if d.resumeNotice != nil {
		// It would sit over the editor's buttons, offering what is done.
		d.resumeNotice()
		d.resumeNotice = nil
	}
	if h.ID == 0 {
		d.trace.event("handout editor opened new")
	} else {
		d.trace.event("handout editor opened %d", h.ID)
	}
}

// openHandout reopens a saved handout (a draft restores where it was
// autosaved), switching to its patient first.
func (d *handoutDesk) openHandout(id int64) {
	db := d.database()
	if db == nil {
		return
	}
	ctx := context.Background()
	h, err := db.GetHandout(ctx, id)
	if err != nil {
		showStoreError(d.win, "", err, "")
		return
	}
	p, err := db.GetPatient(ctx, h.PatientID)
	if err != nil {
		showStoreError(d.win, "", err, "")
		return
	}
	if d.editor != nil && d.editor.handoutID() == id {
		d.editor.focus()
		return
	}
	d.closeEditor(tr("desk.before.open", "opening another handout"), func() {
		d.choosePatient(p, func() {
			ofVisit := id == d.visitHandout
			d.openEditor(h)
			if d.editor != nil && ofVisit {
				d.editor.ofVisit = true
			}
		})
	})
}
