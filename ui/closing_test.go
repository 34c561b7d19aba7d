package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// Closing the window with typing the store refused (here: the database
// file was moved away, so every write is refused; on a clinic server, the
// server gone) keeps the window open unless the clinician says to close
// it anyway.
func TestClosingWithAnUnsavedHandoutAsksFirst(t *testing.T) {
	a, db, timers, trace := newDeskApp(t)
	closed := 0
	a.closeWindow = func() { closed++ }
	pt := addPatient(t, db, "Rosa Diaz")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, pt)
	test.Type(e.notes, "Stiff in the mornings.")
	timers.fire()
	hs, err := db.ListHandouts(context.Background(), pt.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("the first autosave left %d handouts (%v)", len(hs), err)
	}

	path := db.Path()
	if err := os.Rename(path, path+".moved"); err != nil {
		t.Fatal(err)
	}
	test.Type(e.notes, " Worse when sitting.")
	a.closeRequested()
	if closed != 0 {
		t.Fatal("the window closed with typing the store had refused")
	}
	test.Tap(findVisibleButton(t, a.win, "Keep the window open"))
	if closed != 0 || a.handouts.editor != e || !strings.HasSuffix(e.notes.Text, "Worse when sitting.") {
		t.Fatal("keeping the window open lost the editor or its text")
	}
	if !strings.Contains(trace.String(), "close asked with the handout not saved") {
		t.Errorf("trace:\n%s", trace)
	}
	// Asked again, the clinician may close anyway.
	a.closeRequested()
	test.Tap(findVisibleButton(t, a.win, "Close and lose them"))
	if closed != 1 {
		t.Errorf("closing anyway closed the window %d times", closed)
	}
}

// Closing with everything stored closes at once, asking nothing, after
// writing the last typing.
func TestClosingWithEverythingSavedAsksNothing(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	closed := 0
	a.closeWindow = func() { closed++ }
	pt := addPatient(t, db, "Tom Ngata")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, pt)
	test.Type(e.notes, "Follow up in two weeks.")
	a.closeRequested()
	if closed != 1 {
		t.Fatal("the window stayed open with nothing left to save")
	}
	hs, err := db.ListHandouts(context.Background(), pt.ID)
	if err != nil || len(hs) != 1 || hs[0].ClinicianNotes != "Follow up in two weeks." {
		t.Errorf("closing did not save the typing first: %+v, %v", hs, err)
	}
	if strings.Contains(trace.String(), "not saved") {
		t.Errorf("asked about unsaved text: %s", trace)
	}
}
