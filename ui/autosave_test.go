package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// restartApp is a new main window over the same database and preferences,
// as after Chairside was killed and started again.
func restartApp(t *testing.T, a *App) (*App, *bytes.Buffer) {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	var trace bytes.Buffer
	b := newApp(a.fyneApp, w, testLibrary(t), Options{}, a.DB(), &trace)
	b.handouts.after = (&fakeTimers{}).after
	t.Cleanup(b.stopTimers)
	return b, &trace
}

// Killed while the editor was open: the next start names the handout and
// opens it again with one tap, the autosaved text in it. Before, the draft
// was in the database but nothing said so.
func TestRestartOffersTheHandoutThatWasOpen(t *testing.T) {
	a, db, timers, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	test.Type(e.notes, "Typed just before the power cut.")
	timers.fire() // the autosave; then the process dies, the editor never closes
	id := e.h.ID

	b, trace := restartApp(t, a)
	b.handouts.offerResume()
	got := strings.Join(b.notices(), " ")
	if !strings.Contains(got, "José Núñez") || !strings.Contains(got, "was open") {
		t.Fatalf("no offer to reopen the handout; notices %q", got)
	}
	test.Tap(findVisibleButton(t, b.win, "Open it again"))
	re := b.handouts.editor
	if re == nil || re.h.ID != id || re.notes.Text != "Typed just before the power cut." {
		t.Fatalf("Open it again did not reopen the autosaved handout (editor %v)", re)
	}
	if b.handouts.Patient() == nil || b.handouts.Patient().ID != p.ID {
		t.Error("the reopened handout's patient is not the current patient")
	}
	if !strings.Contains(trace.String(), "trace: offered to reopen handout 1\n") || strings.Contains(trace.String(), "Núñez") {
		t.Errorf("trace (never the patient's name):\n%s", trace)
	}
}

// An editor closed normally is not offered again.
func TestRestartAfterClosingTheEditorOffersNothing(t *testing.T) {
	a, db, timers, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	test.Type(e.notes, "Saved.")
	timers.fire()
	if !e.Save(e.statusChoice()) {
		t.Fatal("save failed")
	}
	a.handouts.closeEditor("test", nil)
	b, _ := restartApp(t, a)
	b.handouts.offerResume()
	if n := b.notices(); len(n) != 0 {
		t.Errorf("offered after a normal close: %q", n)
	}
}

// The remembered handout belongs to one database: another database with a
// handout of the same number is not offered it.
func TestRestartWithAnotherDatabaseOffersNothing(t *testing.T) {
	a, db, timers, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	test.Type(e.notes, "x")
	timers.fire()
	a.fyneApp.Preferences().SetString(prefEditing, editingValue(e.h.ID, "/elsewhere/other.db"))
	b, _ := restartApp(t, a)
	b.handouts.offerResume()
	if n := b.notices(); len(n) != 0 {
		t.Errorf("offered another database's handout: %q", n)
	}
}

// Opening the editor another way (from the history, or Make handout) takes
// the offer away: it sat over the editor's Save button.
func TestOpeningTheEditorRemovesTheReopenOffer(t *testing.T) {
	a, db, timers, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	test.Type(e.notes, "x")
	timers.fire()
	id := e.h.ID

	b, _ := restartApp(t, a)
	b.handouts.offerResume()
	if len(b.notices()) != 1 {
		t.Fatalf("notices %q, want the offer", b.notices())
	}
	b.handouts.openHandout(id)
	if b.handouts.editor == nil {
		t.Fatal("the handout did not open")
	}
	if n := b.notices(); len(n) != 0 {
		t.Errorf("the offer stays over the open editor: %q", n)
	}
}
