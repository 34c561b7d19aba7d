package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
)

// "Save as final" then Ctrl+S: the handout stays final (the status choice
// used to stay on Draft, so Ctrl+S quietly made a final handout a draft).
func TestSaveAsFinalThenCtrlSStaysFinal(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	if !e.Save(handout.Final) {
		t.Fatal("save as final failed")
	}
	if e.status.Selected != "Final" {
		t.Errorf("status choice shows %q after saving as final", e.status.Selected)
	}
	if e.Unsaved() {
		t.Error("showing the saved status marked the handout unsaved")
	}
	e.notes.SetText("One more line.")
	typeShortcut(a, shortcutSave)
	h, err := db.GetHandout(context.Background(), e.h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != handout.Final || h.ClinicianNotes != "One more line." {
		t.Errorf("after Ctrl+S: status %s, notes %q; want final with the new line", h.Status, h.ClinicianNotes)
	}
}

// "Discard changes" after an autosave goes back to the handout as last
// saved: before, the autosaved changes stayed as the handout's text.
func TestDiscardAfterAutosaveGoesBackToSaved(t *testing.T) {
	a, db, timers, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	e.notes.SetText("Saved words.")
	if !e.Save(handout.Draft) {
		t.Fatal("save failed")
	}
	id := e.h.ID
	e.notes.SetText("Words to throw away.")
	e.title.SetText("Wrong title")
	timers.fire()
	if h, _ := db.GetHandout(context.Background(), id); h.ClinicianNotes != "Words to throw away." {
		t.Fatalf("the autosave did not run: %q", h.ClinicianNotes)
	}
	a.handouts.closeEditor("test", nil)
	var msg []string
	for _, o := range walk(a.win.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok {
			msg = append(msg, l.Text)
		}
	}
	if m := strings.Join(msg, " "); !strings.Contains(m, "goes back to the handout as last saved") {
		t.Errorf("the question does not say what Discard does: %q", m)
	}
	test.Tap(findVisibleButton(t, a.win, "Discard changes"))
	if a.handouts.editor != nil {
		t.Fatal("the editor is still open")
	}
	h, err := db.GetHandout(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if h.ClinicianNotes != "Saved words." || h.Title != defaultHandoutTitle {
		t.Errorf("after Discard the handout reads %q / %q, want it as last saved", h.Title, h.ClinicianNotes)
	}
	revs, err := db.HandoutRevisions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	kept := false
	for _, r := range revs {
		kept = kept || r.ClinicianNotes == "Words to throw away."
	}
	if !kept {
		t.Error("the autosaved text is gone from the handout's history")
	}
	if !strings.Contains(trace.String(), fmt.Sprintf("trace: handout autosave undone %d\n", id)) {
		t.Errorf("trace:\n%s", trace)
	}
}

// Closing the editor while a change waits for its autosave writes it
// before asking, so the question says that the draft is kept: before, the
// autosave landed under the open question, which still spoke as if
// nothing had been stored.
func TestClosingWritesThePendingAutosaveBeforeAsking(t *testing.T) {
	a, db, timers, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	test.Type(e.notes, "Worse when sitting.")
	if !e.saver.Pending() {
		t.Fatal("typing left no autosave waiting")
	}
	a.handouts.closeEditor("closing it", nil)
	hs, err := db.ListHandouts(context.Background(), p.ID)
	if err != nil || len(hs) != 1 || hs[0].ClinicianNotes != "Worse when sitting." {
		t.Fatalf("the waiting autosave was not written before the question: %+v, %v", hs, err)
	}
	var msg []string
	for _, o := range walk(a.win.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok {
			msg = append(msg, l.Text)
		}
	}
	if m := strings.Join(msg, " "); !strings.Contains(m, "already autosaved") {
		t.Errorf("the question does not say the draft is kept: %q", m)
	}
	if timers.fire() != 0 {
		t.Error("an autosave ran again while the question was open")
	}
}
