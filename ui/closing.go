package ui

import (
	"fyne.io/fyne/v2/dialog"
)

// closeRequested is the window's close button: the editor's last typing is
// written first, and when it cannot be (the clinic's server is away, the
// disk is full) the window stays open unless the clinician says to close
// it anyway, because the text then exists only in this window.
func (a *App) closeRequested() {
	shut := a.closeWindow
	if shut == nil {
		shut = a.win.Close
	}
	if a.handouts.flush() {
		shut()
		return
	}
	a.trace.event("close asked with the handout not saved")
	d := dialog.NewConfirm(
		tr("desk.close_unsaved.title", "The handout is not saved"),
		tr("desk.close_unsaved.message", "The last changes to this handout could not be saved (the status line under the editor says why), so they are only in this window. Keep the window open and Chairside keeps trying; close it and they are lost."),
		func(closeAnyway bool) {
			if closeAnyway {
				a.trace.event("closed with the handout not saved")
				shut()
			}
		}, a.win)
	d.SetConfirmText(tr("desk.close_unsaved.close", "Close and lose them"))
	d.SetDismissText(tr("desk.close_unsaved.keep", "Keep the window open"))
	d.Show()
}
