package ui

import "fyne.io/fyne/v2"

// TogglePresentation switches presentation mode: the window goes full
// screen, everything but the diagram and the explanation is hidden, and the
// type grows so a patient can read it from the chair. F11 or Escape leaves.
func (a *App) TogglePresentation() {
	a.presenting = !a.presenting
	if a.presenting {
		a.windowed = a.win.Canvas().Size()
	}
	if a.presenting {
		a.panel.setTextScale(textScalePresentation)
		a.spine.SetTextScale(diagramTextScalePresentation)
		a.trace.event("presentation on")
	} else {
		a.panel.setTextScale(textScalePanel)
		a.spine.SetTextScale(1)
		a.trace.event("presentation off")
	}
	a.win.SetFullScreen(a.presenting)
	if !a.presenting && !a.windowed.IsZero() {
		// Some desktops (and X without a window manager) leave the window
		// screen-sized after full screen; the clinician gets back the
		// window they had.
		a.win.Resize(a.windowed)
	}
	for _, o := range []fyne.CanvasObject{a.toolbarBox, a.diagramBar, a.trailBox} {
		if a.presenting {
			o.Hide()
		} else {
			o.Show()
		}
	}
	if a.presenting {
		a.panel.leave.Show()
	} else {
		a.panel.leave.Hide()
	}
	a.win.Content().Refresh()
}

// Presenting reports whether presentation mode is on.
func (a *App) Presenting() bool { return a.presenting }
