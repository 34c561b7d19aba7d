package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/draft"
	"chairside/internal/handout"
)

// refreshItems rebuilds the item rows: a handful to a few dozen, so a
// rebuild is simpler than a recycled list and cheap.
func (e *handoutEditor) refreshItems() {
	objs := make([]fyne.CanvasObject, 0, len(e.items))
	for i, it := range e.items {
		label := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, it.Title))
		label.Wrapping = fyne.TextWrapWord
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveItem(i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveItem(i, 1) })
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeItem(i) })
		if i == 0 {
			up.Disable()
		}
		if i == len(e.items)-1 {
			down.Disable()
		}
		for _, b := range []*widget.Button{up, down, remove} {
			b.Importance = widget.LowImportance
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(up, down, remove), label))
	}
	if len(objs) == 0 {
		hint := widget.NewLabel(tr("editor.items.none", "Nothing yet: explain parts of the spine on the diagram, or add explanations below."))
		hint.Wrapping = fyne.TextWrapWord
		objs = append(objs, hint)
	}
	e.itemsBox.Objects = objs
	e.itemsBox.Refresh()
}

func (e *handoutEditor) moveItem(i, by int) {
	j := i + by
	if i < 0 || j < 0 || i >= len(e.items) || j >= len(e.items) {
		return
	}
	e.items[i], e.items[j] = e.items[j], e.items[i]
	e.desk.trace.event("handout item moved %s %d", e.items[j].Ref, j+1)
	e.edited()
}

func (e *handoutEditor) removeItem(i int) {
	if i < 0 || i >= len(e.items) {
		return
	}
	ref := e.items[i].Ref
	e.items = slices.Delete(e.items, i, i+1)
	e.desk.trace.event("handout item removed %s", ref)
	// Off this visit too: closing the editor and making the handout again,
	// or walking past it, does not bring it back. Pinning it does.
	delete(e.onTrail, ref)
	e.desk.trail.Remove(ref)
	e.edited()
}

// removeRef takes the item for id off the handout, when it is there.
func (e *handoutEditor) removeRef(id string) {
	if i := slices.IndexFunc(e.items, func(it handout.Item) bool { return it.Ref == id }); i >= 0 {
		e.removeItem(i)
	}
}

// followTrail adds what was explained since the editor opened (during the
// session, the handout grows with it) at the end of the items.
func (e *handoutEditor) followTrail(trail []string) {
	for _, id := range trail {
		if e.onTrail[id] {
			continue
		}
		e.onTrail[id] = true
		if !e.hasItem(id) {
			e.addItem(id)
		}
	}
	if len(trail) == 0 {
		clear(e.onTrail) // the trail was cleared for the next visit
	}
}

// searchToAdd lists library texts matching what is typed, as buttons.
func (e *handoutEditor) searchToAdd(q string) {
	e.addHits = nil
	if strings.TrimSpace(q) != "" {
		for _, h := range e.lib.Search(q, 12) {
			if !e.hasItem(h.ID) {
				e.addHits = append(e.addHits, h)
			}
			if len(e.addHits) == 6 {
				break
			}
		}
	}
	objs := make([]fyne.CanvasObject, 0, len(e.addHits))
	for _, h := range e.addHits {
		b := widget.NewButtonWithIcon(h.Title, theme.ContentAddIcon(), func() { e.addItem(h.ID) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	if strings.TrimSpace(q) != "" && len(objs) == 0 {
		objs = append(objs, widget.NewLabel(tr("editor.add.none", "Nothing found that is not on the handout already.")))
	}
	e.addResults.Objects = objs
	e.addResults.Refresh()
}

func (e *handoutEditor) hasItem(id string) bool {
	return slices.ContainsFunc(e.items, func(it handout.Item) bool { return it.Ref == id })
}

// addItem appends a snapshot of the library's text for id.
func (e *handoutEditor) addItem(id string) {
	if e.hasItem(id) {
		return
	}
	t, err := e.lib.Explain(id)
	if err != nil {
		dialog.ShowError(err, e.desk.win)
		return
	}
	e.items = append(e.items, draft.ItemOf(t))
	e.desk.trace.event("handout item added %s", t.ID)
	e.addSearch.SetText("")
	e.edited()
}
