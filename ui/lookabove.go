package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
)

// "Look from above" (issue 13): the explanation of a disc, a facet joint
// or a nerve root offers the view from above of its level, which opens in
// the diagram area in place of the side or back view. The view buttons
// (Side view, Back view) and V go back; taps, hovers and marks work on it
// as on the other views, with the same structure IDs.

// lookFromAboveButton is the panel's button for structure st, or nil when
// st has no view from above (a vertebra, the cord, the upper neck's joints).
func (p *explainPanel) lookFromAboveButton(st anatomy.Structure) fyne.CanvasObject {
	switch st.Kind {
	case anatomy.Disc, anatomy.Facet, anatomy.Nerve:
	default:
		return nil
	}
	if anatomy.AxialLevelOf(st.ID) == "" {
		return nil
	}
	id := st.ID
	b := widget.NewButtonWithIcon(tr("view.look_from_above", "Look from above"), theme.VisibilityIcon(), func() { p.app.LookFromAbove(id) })
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

// LookFromAbove turns the diagram to the view from above of the level of
// structure id (a disc's or a joint's own level, the level a root leaves
// at), keeping id selected. It reports false when id has none.
func (a *App) LookFromAbove(id string) bool {
	seg := anatomy.AxialLevelOf(id)
	if seg == "" {
		return false
	}
	a.SetView(anatomy.AxialView(seg))
	if anatomy.Drawn(a.spine.View(), id) {
		a.spine.SetSelected(id)
	}
	return true
}

// backToSide turns a view from above back to the side view and reports
// whether it did; on the side and back views it does nothing. V and the
// zoom presets use it: a preset frames a stretch of the spine, which a
// single level seen from above does not have.
func (a *App) backToSide() bool {
	if !a.spine.View().IsAxial() {
		return false
	}
	a.SetView(anatomy.Lateral)
	return true
}
