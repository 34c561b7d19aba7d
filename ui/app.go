// Package ui is everything Fyne: the window, the spine widget, the
// explanation panel, patients, the handout editor and presentation mode.
// It holds no business rules; it wires internal/ packages to the screen.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/cli"
)

// Run opens the main window and blocks until it closes.
func Run(opts cli.GUIOptions) error {
	a := app.NewWithID(cli.AppID)
	w := a.NewWindow("Chairside")
	w.SetContent(widget.NewLabel("Chairside"))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
	return nil
}
