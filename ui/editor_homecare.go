package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/draft"
	"chairside/internal/handout"
)

// buildHomeCare lists the library's stretches as checkboxes, plus any
// stretch saved on this handout that the library no longer has, so
// reopening never drops one.
func (e *handoutEditor) buildHomeCare() {
	chosen := map[string]handout.Stretch{}
	for _, s := range e.h.HomeCare.Stretches {
		chosen[s.ID] = s
	}
	seen := map[string]bool{}
	for _, s := range e.lib.Stretches() {
		st := draft.StretchOf(s)
		if saved, ok := chosen[s.ID]; ok {
			st = saved // the saved snapshot prints as it did
		}
		e.stretches = append(e.stretches, st)
		seen[s.ID] = true
	}
	for _, s := range e.h.HomeCare.Stretches {
		if !seen[s.ID] {
			e.stretches = append(e.stretches, s)
			seen[s.ID] = true
		}
	}
	for _, s := range e.stretches {
		c := widget.NewCheck(s.Name, func(bool) { e.changed() })
		_, c.Checked = chosen[s.ID]
		e.stretchBox = append(e.stretchBox, c)
	}
	e.instructions = newShortcutEntry(e.desk, true)
	e.instructions.SetPlaceHolder(tr("editor.instructions.hint", "Instructions for home: how often, what to avoid, when to come back"))
	e.instructions.SetMinRowsVisible(3)
	e.instructions.SetText(e.h.HomeCare.Instructions)
	e.instructions.OnChanged = func(string) { e.changed() }
}

func (e *handoutEditor) stretchList() fyne.CanvasObject {
	if len(e.stretchBox) == 0 {
		return widget.NewLabel(tr("editor.no_stretches", "The library has no stretches in this language."))
	}
	objs := make([]fyne.CanvasObject, len(e.stretchBox))
	for i, c := range e.stretchBox {
		objs[i] = c
	}
	// One column: two side by side made the editor too wide to sit beside
	// the diagram in a 1024-wide window.
	return container.NewVBox(objs...)
}

// wheelPasses lays a wheel catcher over a multi-line field: Fyne sends the
// wheel to the innermost scroller under the pointer, which for a notes
// field is the field's own, so the editor stopped scrolling wherever the
// pointer crossed a field. The catcher takes only the wheel (taps, drags
// and the text cursor still reach the field) and scrolls the editor. The
// field grows with its text (growWithText), so nothing in it is out of reach.
func (e *handoutEditor) wheelPasses(field fyne.CanvasObject) fyne.CanvasObject {
	c := &wheelCatcher{scroll: func() *container.Scroll { return e.scroll }}
	c.ExtendBaseWidget(c)
	return container.NewStack(field, c)
}

// wheelCatcher is an invisible widget that passes the wheel to a scroller.
type wheelCatcher struct {
	widget.BaseWidget
	scroll func() *container.Scroll
}

func (c *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	if s := c.scroll(); s != nil {
		s.Scrolled(ev)
	}
}

func (c *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

// growWithText keeps a multi-line field as tall as its text (at least
// minRows), so it never scrolls inside the editor's one scroll area.
func (e *handoutEditor) growWithText(f *shortcutEntry, minRows int) {
	fit := func(text string) {
		f.SetMinRowsVisible(max(minRows, wrappedRows(text, f.Size().Width)+1))
	}
	changed := f.OnChanged
	f.OnChanged = func(text string) {
		fit(text)
		if changed != nil {
			changed(text)
		}
	}
	fit(f.Text)
}

// wrappedRows estimates how many rows text wraps to in a field width units
// wide (60 characters a row before the field is laid out).
func wrappedRows(text string, width float32) int {
	perRow := 60
	if width > 0 {
		// An average character of the body font is about half the text size wide.
		perRow = max(int(width/(theme.TextSize()*0.55)), 10)
	}
	rows := 0
	for _, line := range strings.Split(text, "\n") {
		rows += max(1, (len([]rune(line))+perRow-1)/perRow)
	}
	return rows
}
