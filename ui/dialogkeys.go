package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs have no keys of their own. Every dialog in Chairside puts
// its way out first in its button row (Cancel, Close, No, or the only OK)
// and marks its main action with HighImportance, so the keys can be given
// to all of them in one place: Escape taps the first button, Enter the main
// one (or the only one). dialogKey gets the keys when no field in the
// dialog has the keyboard; the fields pass them on through dismissTopDialog.

// dialogKey handles a key typed while overlay (a dialog) is on top; it
// reports whether the key did something.
func dialogKey(overlay fyne.CanvasObject, key fyne.KeyName) bool {
	buttons := dialogButtons(overlay)
	if len(buttons) == 0 {
		return false
	}
	var b *widget.Button
	switch key {
	case fyne.KeyEscape:
		b = buttons[0]
	case fyne.KeyReturn, fyne.KeyEnter:
		if len(buttons) == 1 {
			b = buttons[0]
			break
		}
		for _, c := range buttons {
			if c.Importance == widget.HighImportance {
				if b != nil {
					return false // two main actions: Enter cannot know which
				}
				b = c
			}
		}
	}
	if b == nil || b.Disabled() || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// dialogButtons is the button row of a dialog shown by fyne.io/fyne/v2/dialog:
// a pop-up whose content holds, fourth, the row of buttons (see the dialog
// package's create). Anything else has none.
func dialogButtons(overlay fyne.CanvasObject) []*widget.Button {
	pop, ok := overlay.(*widget.PopUp)
	if !ok {
		return nil
	}
	box, ok := pop.Content.(*fyne.Container)
	if !ok || len(box.Objects) < 4 {
		return nil
	}
	row, ok := box.Objects[3].(*fyne.Container)
	if !ok {
		return nil
	}
	var out []*widget.Button
	for _, o := range row.Objects {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			out = append(out, b)
		}
	}
	return out
}
