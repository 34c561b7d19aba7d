package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
)

// Presentation mode is read by a patient one to two metres from the
// screen. Its type is sized in pixels for a 1080-pixel-high screen and
// grows with the screen's height: the explanation's body text at least
// presentBodyPx, its headings presentHeadingPx, the diagram's labels
// presentLabelPx. Touch screens and patients have no keyboard, so a bar of
// large buttons under the diagram does what the keys do.
const (
	presentScreenPx  = 1080
	presentBodyPx    = 32
	presentHeadingPx = 44
	presentLabelPx   = 24
	// diagramLabelPx is the size internal/diagram draws level labels at
	// text scale 1 (its baseLabelSize).
	diagramLabelPx = 13
	// presentControlPx is the bar's button text: readable from the couch,
	// a comfortable finger target.
	presentControlPx = 22
	// presentSplit is the diagram's share of the width while presenting:
	// the full height of the spine at a readable size, the rest for text.
	presentSplit = 0.45
)

// presentScales are the text scales for presentation on a screen height
// units tall (device-independent units, as the canvas measures).
type presentScales struct {
	panel    float32 // the explanation panel's text
	diagram  float64 // the diagram's labels
	controls float32 // the bar's buttons
}

func presentationScales(height float32) presentScales {
	base := theme.DefaultTheme()
	f := height / presentScreenPx
	if f <= 0 {
		f = 1
	}
	body := presentBodyPx * f / base.Size(theme.SizeNameText)
	heading := presentHeadingPx * f / base.Size(theme.SizeNameHeadingText)
	return presentScales{
		panel:    max(body, heading, textScalePanel),
		diagram:  max(float64(presentLabelPx*f/diagramLabelPx), 1),
		controls: max(presentControlPx*f/base.Size(theme.SizeNameText), 1),
	}
}

// presentationHeight is the height, in units, that presentation mode
// fills: the screen's, where it can be measured, else the window's.
func (a *App) presentationHeight() float32 {
	c := a.win.Canvas()
	if _, ph, _, ok := screenPixels(); ok && c.Scale() > 0 {
		return float32(ph) / c.Scale()
	}
	return c.Size().Height
}

// TogglePresentation switches presentation mode: the window goes full
// screen, everything but the diagram, the explanation and the bar of
// large buttons is hidden, and the type grows so a patient can read it
// from the chair. F11, Escape or the bar's Leave button leaves.
func (a *App) TogglePresentation() {
	a.presenting = !a.presenting
	if a.presenting {
		a.windowed = a.win.Canvas().Size()
		a.windowedSplit = a.main.Offset
	}
	a.win.SetFullScreen(a.presenting)
	if a.presenting {
		sc := presentationScales(a.presentationHeight())
		a.controlScale = sc.controls
		a.panel.setTextScale(sc.panel)
		a.spine.SetTextScale(sc.diagram)
		a.main.Offset = presentSplit
		if a.handouts != nil {
			a.handouts.explaining() // the explanation is what the patient reads
		}
		a.trace.event("presentation on")
	} else {
		a.controlScale = 1
		a.panel.setTextScale(textScalePanel)
		a.spine.SetTextScale(1)
		a.main.Offset = a.windowedSplit
		a.trace.event("presentation off")
	}
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
		a.presentBar.Show()
	} else {
		a.presentBar.Hide()
	}
	a.main.Refresh()
	a.win.Content().Refresh()
}

// Presenting reports whether presentation mode is on.
func (a *App) Presenting() bool { return a.presenting }

// newPresentBar is the row of buttons shown while presenting: the views,
// the zoom presets, the other side and the way out.
func (a *App) newPresentBar() fyne.CanvasObject {
	row := container.NewHBox()
	a.presentViewBtns = map[anatomy.View]*widget.Button{}
	for _, v := range anatomy.Views() {
		b := widget.NewButton(viewLabel(v), func() { a.SetView(v) })
		a.presentViewBtns[v] = b
		row.Add(b)
	}
	row.Add(widget.NewSeparator())
	for _, p := range anatomy.Presets() {
		row.Add(widget.NewButton(presetLabel(p), func() { a.ShowPreset(p) }))
	}
	row.Add(widget.NewSeparator())
	a.otherSide = widget.NewButton(tr("present.other_side", "Other side"), a.OtherSide)
	row.Add(a.otherSide)
	leave := widget.NewButtonWithIcon(tr("present.leave", "Leave full screen"), theme.ViewRestoreIcon(), a.TogglePresentation)
	bar := container.NewPadded(container.NewBorder(nil, nil, nil, leave, container.NewHScroll(row)))
	a.markView()
	a.updateOtherSide()
	return container.NewVBox(widget.NewSeparator(), bar)
}

// OtherSide selects the same structure on the patient's other side (the
// right L5 root for the left one), as a tap on it would.
func (a *App) OtherSide() {
	if other := anatomy.OtherSide(a.selected); other != "" {
		a.Select(other)
	}
}

// updateOtherSide enables "Other side" when the selection has one.
func (a *App) updateOtherSide() {
	if a.otherSide == nil {
		return
	}
	if anatomy.OtherSide(a.selected) != "" {
		a.otherSide.Enable()
	} else {
		a.otherSide.Disable()
	}
}
