package ui

import (
	"fyne.io/fyne/v2"

	"chairside/internal/anatomy"
)

// handleKey is the window's keyboard: it gets keys whenever no text field
// has focus, so the arrows walk the spine after any click.
func (a *App) handleKey(ev *fyne.KeyEvent) {
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		// A dialog is open: the keys belong to it, not to the diagram
		// behind it.
		dialogKey(top, ev.Name)
		return
	}
	switch ev.Name {
	case fyne.KeyF11:
		a.TogglePresentation()
	case fyne.KeyEscape:
		if a.presenting {
			a.TogglePresentation()
			return
		}
		a.ClearSelection()
	case fyne.KeyV:
		// V turns the diagram, also in presentation mode where the switch is hidden.
		// From above, where the side and back views' cycle does not reach,
		// it goes back to the side view as the view buttons do.
		if a.backToSide() {
			return
		}
		views := anatomy.Views()
		for i, v := range views {
			if v == a.spine.View() {
				a.SetView(views[(i+1)%len(views)])
				break
			}
		}
	case fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4:
		// 1-4 are the zoom presets, in toolbar order.
		presets := anatomy.Presets()
		if i := int(ev.Name[0] - '1'); i < len(presets) {
			a.ShowPreset(presets[i])
		}
	case fyne.KeyPlus, fyne.KeyEqual: // "=" is "+" without Shift on most keyboards
		a.spine.ZoomBy(1.25)
	case fyne.KeyMinus:
		a.spine.ZoomBy(0.8)
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		// Walking previews: only what is tapped, searched or pinned joins the visit.
		if a.selected == "" {
			// The first arrow press shows where the walk starts.
			a.Preview(a.startingPoint())
			return
		}
		if next := step(a.selected, ev.Name); next != "" {
			a.Preview(next)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		a.Pin()
	case fyne.KeySpace:
		// Space plays and pauses an open film, as in any video player.
		a.toggleAnimation()
	}
}

// startingPoint is where the arrow keys begin when nothing is selected: the
// last structure shown this visit, else the L4 vertebra, the level most
// low-back conversations start from.
func (a *App) startingPoint() string {
	ids := a.trail.IDs()
	for i := len(ids) - 1; i >= 0; i-- {
		if _, ok := anatomy.Lookup(ids[i]); ok {
			return ids[i]
		}
	}
	return "vertebra:L4"
}
