package ui

import (
	"fyne.io/fyne/v2/dialog"
)

// A visit is one patient's time in the chair: the structures shown, the
// handout made from them. It belongs to one patient, so choosing another
// patient, or "New visit", starts from an empty list; a list made while no
// patient was chosen goes to the first patient chosen.

// confirmNewVisit is "New visit": it asks before emptying a list that the
// handout would be made from. An open handout with unsaved changes gets
// its own question (save, discard or cancel) instead.
func (a *App) confirmNewVisit() {
	d := a.handouts
	why := tr("desk.before.new_visit", "starting a new visit")
	if d.unsaved() {
		d.closeEditor(why, a.startNewVisit)
		return
	}
	if a.trail.Len() == 0 && d.Patient() == nil {
		d.closeEditor(why, a.startNewVisit)
		return
	}
	msg := tr("visit.new.empty", "The list of what was shown is emptied and no patient is chosen, ready for the next patient.\nSaved handouts are kept.")
	if n := a.trail.Len(); n > 0 {
		msg = trN("visit.new.entries", "The {{.Count}} entries shown this visit will be taken off the list and no patient is chosen, ready for the next patient.\nSaved handouts are kept.", n)
	}
	dlg := dialog.NewConfirm(tr("visit.new.title", "Start a new visit?"), msg, func(ok bool) {
		if ok {
			d.closeEditor(why, a.startNewVisit)
		}
	}, a.win)
	dlg.SetConfirmText(tr("visit.new", "New visit"))
	dlg.SetDismissText(tr("button.cancel", "Cancel"))
	dlg.Show()
}

// startNewVisit empties the visit: no patient, nothing on the list or
// highlighted, the panel back at its hint. Call it with the editor closed.
func (a *App) startNewVisit() {
	a.handouts.forgetPatient()
	a.clearVisit()
	a.trace.event("new visit")
}

// clearVisit empties the list of what was shown, the highlight and the
// panel's history: nothing of the previous patient's visit is left to
// be made into the next one's handout, or walked back to with Back.
func (a *App) clearVisit() {
	a.handouts.visitEnded()
	a.trail.Clear()
	a.ClearSelection()
	a.panel.reset()
	a.trace.event("visit cleared")
}
