package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// topLabels is the text of the labels in the topmost dialog.
func topLabels(t *testing.T, a *App) []string {
	t.Helper()
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var out []string
	for _, o := range walk(top) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// A notice while a dialog is open (a backup made from Settings, an export
// from the patients screen) shows on top: in the corner it sat under the
// dialog, dimmed and half hidden.
func TestNoticeOverAnOpenDialogIsOnTop(t *testing.T) {
	a, trace := newTestApp(t)
	a.ShowSettings()
	settings := a.win.Canvas().Overlays().Top()
	a.ShowNotice("Backup saved: /media/usb/chairside-backup.db", false)
	if got := topLabels(t, a); !slices.Contains(got, "Backup saved: /media/usb/chairside-backup.db") {
		t.Fatalf("the notice is not in the topmost dialog; it shows %q", got)
	}
	if n := a.notices(); len(n) != 1 || !strings.HasPrefix(n[0], "Backup saved") {
		t.Errorf("notices() = %q", n)
	}
	test.Tap(findVisibleButton(t, a.win, "Close"))
	if a.win.Canvas().Overlays().Top() != settings {
		t.Error("closing the notice did not go back to the settings")
	}
	if n := a.notices(); len(n) != 0 {
		t.Errorf("closed notice still listed: %q", n)
	}
	if !strings.Contains(trace.String(), "trace: notice shown\n") {
		t.Errorf("trace:\n%s", trace)
	}
}

// With no dialog open the notice goes in the corner, not in a dialog.
func TestNoticeWithoutDialogGoesInTheCorner(t *testing.T) {
	a, _ := newTestApp(t)
	a.ShowNotice("Sent to printer.", false)
	if a.win.Canvas().Overlays().Top() != nil {
		t.Error("a notice with no dialog open opened a dialog")
	}
	if n := a.notices(); !slices.Equal(n, []string{"Sent to printer."}) {
		t.Errorf("notices() = %q", n)
	}
}
