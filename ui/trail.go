package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Trail is every structure selected this session, in the order it was first
// shown. The handout is drafted from it, so a structure appears once even
// when the chiropractor comes back to it.
type Trail struct {
	ids      []string
	onChange func()
}

// Add records id at the end of the trail unless it is already there; it
// reports whether the trail changed.
func (t *Trail) Add(id string) bool {
	for _, x := range t.ids {
		if x == id {
			return false
		}
	}
	t.ids = append(t.ids, id)
	t.changed()
	return true
}

// IDs returns the structure IDs in the order they were selected.
func (t *Trail) IDs() []string { return append([]string(nil), t.ids...) }

// Len is the number of structures on the trail.
func (t *Trail) Len() int { return len(t.ids) }

// Clear empties the trail, e.g. when the next patient sits down.
func (t *Trail) Clear() {
	if len(t.ids) == 0 {
		return
	}
	t.ids = nil
	t.changed()
}

func (t *Trail) changed() {
	if t.onChange != nil {
		t.onChange()
	}
}

// trailView shows the trail as a list under the explanation: tapping an
// entry selects that structure again; "Clear" asks first, because the trail
// is what the handout is made from.
type trailView struct {
	trail    *Trail
	win      fyne.Window
	onSelect func(id string)
	onClear  func()

	entries *fyne.Container
	count   *widget.Label
	clear   *widget.Button
	root    fyne.CanvasObject
}

func newTrailView(t *Trail, win fyne.Window, onSelect func(string), onClear func()) *trailView {
	v := &trailView{trail: t, win: win, onSelect: onSelect, onClear: onClear}
	v.entries = container.NewVBox()
	v.count = widget.NewLabel("")
	v.count.TextStyle = fyne.TextStyle{Bold: true}
	v.clear = widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), v.confirmClear)
	v.clear.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, v.clear, v.count)
	v.root = container.NewBorder(head, nil, nil, nil, container.NewVScroll(v.entries))
	v.refresh()
	return v
}

func (v *trailView) confirmClear() {
	if v.trail.Len() == 0 {
		return
	}
	dialog.ShowConfirm("Clear this visit's list?",
		fmt.Sprintf("The %d structures shown so far will be removed from the list.\nThe handout is made from this list.", v.trail.Len()),
		func(ok bool) {
			if ok {
				v.clearNow()
			}
		}, v.win)
}

func (v *trailView) clearNow() {
	v.trail.Clear()
	if v.onClear != nil {
		v.onClear()
	}
}

// refresh brings the list up to date with the trail.
func (v *trailView) refresh() {
	ids := v.trail.IDs()
	switch len(ids) {
	case 0:
		v.count.SetText("Shown this visit: none yet")
	case 1:
		v.count.SetText("Shown this visit: 1 structure")
	default:
		v.count.SetText(fmt.Sprintf("Shown this visit: %d structures", len(ids)))
	}
	if len(ids) == 0 {
		v.clear.Disable()
	} else {
		v.clear.Enable()
	}
	// The trail only grows during a visit: add the new entries rather than
	// rebuilding the list (a rebuild is for Clear).
	objs := v.entries.Objects
	if len(objs) > len(ids) {
		objs = nil
	}
	for i := len(objs); i < len(ids); i++ {
		id := ids[i]
		b := widget.NewButton(fmt.Sprintf("%d. %s", i+1, displayName(id)), func() { v.onSelect(id) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	v.entries.Objects = objs
	v.entries.Refresh()
}
