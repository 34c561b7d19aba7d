package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Trail is what this visit covers: every structure (or text) the
// clinician tapped, chose from search or pinned, in the order it was first
// shown. The handout is drafted from it, so an entry appears once even when
// the chiropractor comes back to it. Walking with the arrow keys only
// previews and adds nothing.
//
// What the clinician took off (in the editor or the list) stays off for
// this visit: a tap on it again explains it without putting it back, so a
// removed item never returns by itself; pinning it (Enter, or "Add to this
// visit" in the panel) is the one way back.
type Trail struct {
	ids     []string
	removed map[string]bool
	// listeners hear of every change, in the order they registered: the
	// window (list, panel, tints) first, then the handout desk.
	listeners []func()
}

// OnChange registers f to run after every change of the trail.
func (t *Trail) OnChange(f func()) { t.listeners = append(t.listeners, f) }

// Add records id at the end of the trail unless it is already there or was
// removed this visit; it reports whether the trail changed.
func (t *Trail) Add(id string) bool {
	if t.removed[id] {
		return false
	}
	return t.add(id)
}

// Pin adds id even when it was removed earlier this visit: the clinician
// asked for it explicitly.
func (t *Trail) Pin(id string) bool {
	delete(t.removed, id)
	return t.add(id)
}

func (t *Trail) add(id string) bool {
	if t.Has(id) {
		return false
	}
	t.ids = append(t.ids, id)
	t.changed()
	return true
}

// Remove takes id off the trail and keeps it off for this visit (until
// pinned again).
func (t *Trail) Remove(id string) {
	if t.removed == nil {
		t.removed = map[string]bool{}
	}
	t.removed[id] = true
	if i := slices.Index(t.ids, id); i >= 0 {
		t.ids = slices.Delete(t.ids, i, i+1)
		t.changed()
	}
}

// Has reports whether id is on the trail.
func (t *Trail) Has(id string) bool { return slices.Contains(t.ids, id) }

// Removed reports whether id was taken off the trail this visit.
func (t *Trail) Removed(id string) bool { return t.removed[id] }

// IDs returns the IDs in the order they were first shown.
func (t *Trail) IDs() []string { return append([]string(nil), t.ids...) }

// Len is the number of entries on the trail.
func (t *Trail) Len() int { return len(t.ids) }

// Clear empties the trail and forgets what was removed: the next patient's
// visit starts from nothing.
func (t *Trail) Clear() {
	t.removed = nil
	if len(t.ids) == 0 {
		return
	}
	t.ids = nil
	t.changed()
}

func (t *Trail) changed() {
	for _, f := range t.listeners {
		f()
	}
}

// trailView shows the trail as a list under the explanation: tapping an
// entry selects that structure again, its cross takes it off this visit;
// "New visit" starts the next patient's visit (the App asks first).
type trailView struct {
	trail    *Trail
	name     func(id string) string
	onSelect func(id string)
	onRemove func(id string)

	entries  *fyne.Container
	count    *widget.Label
	newVisit *widget.Button
	root     fyne.CanvasObject
}

func newTrailView(t *Trail, name func(string) string, onSelect, onRemove func(string), onNewVisit func()) *trailView {
	v := &trailView{trail: t, name: name, onSelect: onSelect, onRemove: onRemove}
	v.entries = container.NewVBox()
	v.count = widget.NewLabel("")
	v.count.TextStyle = fyne.TextStyle{Bold: true}
	v.count.Truncation = fyne.TextTruncateEllipsis
	v.newVisit = widget.NewButtonWithIcon(tr("visit.new", "New visit"), theme.ContentAddIcon(), onNewVisit)
	v.newVisit.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, v.newVisit, v.count)
	v.root = container.NewBorder(head, nil, nil, nil, container.NewVScroll(v.entries))
	v.refresh()
	return v
}

// refresh brings the list up to date with the trail: a handful to a few
// dozen rows, rebuilt each time (an entry can leave from the middle).
func (v *trailView) refresh() {
	ids := v.trail.IDs()
	if len(ids) == 0 {
		v.count.SetText(tr("visit.shown.none", "Shown this visit: none yet"))
	} else {
		v.count.SetText(trN("visit.shown", "Shown this visit: {{.Count}}", len(ids)))
	}
	objs := make([]fyne.CanvasObject, 0, len(ids))
	for i, id := range ids {
		b := widget.NewButton(fmt.Sprintf("%d. %s", i+1, v.name(id)), func() { v.onSelect(id) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		remove := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { v.onRemove(id) })
		remove.Importance = widget.LowImportance
		objs = append(objs, container.NewBorder(nil, nil, nil, remove, b))
	}
	v.entries.Objects = objs
	v.entries.Refresh()
}
