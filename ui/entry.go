package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// shortcutEntry is a text field that lets the handout shortcuts (Ctrl+S,
// Ctrl+H …) through: Fyne hands shortcuts to the focused field only, so
// a plain Entry would swallow Ctrl+S while the clinician types.
type shortcutEntry struct {
	widget.Entry
	desk *handoutDesk
	// onEscape, when set, is Escape in this field (closing its dialog).
	onEscape func()
	// onKey, when set, sees every key first; it reports whether it used it
	// (the patients list's arrow keys).
	onKey func(fyne.KeyName) bool
}

func newShortcutEntry(d *handoutDesk, multiLine bool) *shortcutEntry {
	e := &shortcutEntry{desk: d}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut runs a handout shortcut, else the field's own (copy, paste …).
func (e *shortcutEntry) TypedShortcut(s fyne.Shortcut) {
	if e.desk != nil && e.desk.shortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey lets Escape close the dialog the field is in; Fyne's dialogs
// have no key of their own for it.
func (e *shortcutEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k.Name) {
		return
	}
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	if k.Name == fyne.KeyEscape && e.desk != nil {
		// A field in any other dialog: Escape is that dialog's way out.
		if top := e.desk.win.Canvas().Overlays().Top(); top != nil && dialogKey(top, k.Name) {
			return
		}
	}
	e.Entry.TypedKey(k)
}
