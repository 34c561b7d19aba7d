package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/store"
)

// otherChair opens the app's database a second time, as Room 3 would:
// two handles on one file meet the same conflicts as two computers on a
// server.
func otherChair(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	other, err := store.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if err := other.SetRoom("Room 3"); err != nil {
		t.Fatal(err)
	}
	return other
}

// overlayText is every label's and rich text's words in the window's
// dialogs, topmost last.
func overlayText(w fyne.Window) string {
	var b strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		if !o.Visible() {
			continue
		}
		for _, x := range walk(o) {
			switch v := x.(type) {
			case *widget.Label:
				b.WriteString(v.Text + "\n")
			case *widget.RichText:
				b.WriteString(v.String() + "\n")
			}
		}
	}
	return b.String()
}

// savedHandoutInEditor opens the editor for a new patient, saves it, and
// has Room 3 save the same handout after that, with its own notes.
func savedHandoutInEditor(t *testing.T) (*App, *store.DB, *handoutEditor, *handout.Handout, *bytes.Buffer) {
	t.Helper()
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	e.notes.SetText("First notes.")
	if !e.Save(handout.Draft) {
		t.Fatal("first save failed")
	}
	other := otherChair(t, db)
	theirs, err := other.GetHandout(context.Background(), e.h.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs.ClinicianNotes = "Room 3's notes."
	if err := other.SaveHandout(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}
	return a, db, e, theirs, trace
}

func TestEditorConflictKeepMine(t *testing.T) {
	a, db, e, theirs, trace := savedHandoutInEditor(t)
	e.notes.SetText("My notes.")
	if e.Save(handout.Draft) {
		t.Fatal("a save over Room 3's newer revision succeeded")
	}
	want := "This handout was changed in Room 3 at " + theirs.UpdatedAt.Local().Format("15:04") + " while you were editing."
	if got := overlayText(a.win); !strings.Contains(got, want) {
		t.Fatalf("dialog says:\n%s\nwant %q", got, want)
	}
	if e.notes.Text != "My notes." || !e.Unsaved() {
		t.Errorf("before choosing: notes %q, unsaved %v", e.notes.Text, e.Unsaved())
	}
	if got, _ := db.GetHandout(context.Background(), e.h.ID); got.ClinicianNotes != "Room 3's notes." {
		t.Errorf("the refused save changed the handout: %q", got.ClinicianNotes)
	}
	// See both: the two versions side by side, then back to the choice.
	test.Tap(findVisibleButton(t, a.win, "See both"))
	both := overlayText(a.win)
	if !strings.Contains(both, "Yours (not saved; started from revision 1)") || !strings.Contains(both, "Theirs (revision 2, Room 3, ") ||
		!strings.Contains(both, "My notes.") || !strings.Contains(both, "Room 3's notes.") {
		t.Errorf("See both shows:\n%s", both)
	}
	test.Tap(findVisibleButton(t, a.win, "Back"))
	test.Tap(findVisibleButton(t, a.win, "Keep mine"))
	got, err := db.GetHandout(context.Background(), e.h.ID)
	if err != nil || got.ClinicianNotes != "My notes." || got.Revision != 3 {
		t.Fatalf("after keep mine: %q revision %d, %v", got.ClinicianNotes, got.Revision, err)
	}
	revs, _ := db.HandoutRevisions(context.Background(), e.h.ID)
	hist, _ := db.HandoutHistory(context.Background(), e.h.ID)
	if len(revs) != 3 || revs[1].ClinicianNotes != "Room 3's notes." || hist[0].Overrides != 2 {
		t.Errorf("history: %d revisions, the second %q; newest overrides %d", len(revs), revs[1].ClinicianNotes, hist[0].Overrides)
	}
	if e.Unsaved() || e.h.Revision != 3 {
		t.Errorf("editor after keep mine: unsaved %v, revision %d", e.Unsaved(), e.h.Revision)
	}
	for _, line := range []string{"conflict shown handout", "conflict both shown handout", "conflict keep mine handout", "handout saved"} {
		if !strings.Contains(trace.String(), "trace: "+line) {
			t.Errorf("trace lacks %q:\n%s", line, trace.String())
		}
	}
}

func TestEditorConflictTakeTheirs(t *testing.T) {
	a, db, e, _, _ := savedHandoutInEditor(t)
	e.notes.SetText("My notes.")
	e.Save(handout.Draft)
	test.Tap(findVisibleButton(t, a.win, "Take theirs"))
	now := a.handouts.editor
	if now == nil || now.notes.Text != "Room 3's notes." || now.h.Revision != 2 || now.Unsaved() {
		t.Fatalf("after take theirs the editor holds %+v", now)
	}
	if revs, _ := db.HandoutRevisions(context.Background(), e.h.ID); len(revs) != 2 {
		t.Errorf("take theirs saved something: %d revisions", len(revs))
	}
	now.title.SetText("Agreed")
	if !now.Save(handout.Draft) || now.h.Revision != 3 {
		t.Errorf("a save after take theirs: revision %d", now.h.Revision)
	}
}

// An autosave that meets Room 3's save says so in the status line (no
// dialog under the typing hands) and saves nothing; Save offers the choice.
func TestAutosaveConflictSaysWhere(t *testing.T) {
	a, db, e, _, _ := savedHandoutInEditor(t)
	test.Type(e.notes, " More.")
	e.autosave()
	if got := e.statusLine.Text; !strings.Contains(got, "This handout was changed in Room 3 at") || !strings.Contains(got, "Save (Ctrl+S) to choose") {
		t.Errorf("status line %q", got)
	}
	if strings.Contains(overlayText(a.win), "changed in Room 3") {
		t.Error("an autosave opened the conflict dialog")
	}
	if got, _ := db.GetHandout(context.Background(), e.h.ID); got.ClinicianNotes != "Room 3's notes." || got.Revision != 2 {
		t.Errorf("the autosave overwrote Room 3's save: %q revision %d", got.ClinicianNotes, got.Revision)
	}
	if e.Save(handout.Draft) || !strings.Contains(overlayText(a.win), "Keep mine") {
		t.Error("Save after the failed autosave did not offer the choice")
	}
}

func TestPatientFormConflict(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Take theirs"} {
		t.Run(choice, func(t *testing.T) {
			a, db, _, _ := newDeskApp(t)
			p := addPatient(t, db, "Ann Lee")
			var saved *store.Patient
			open := *p
			f := a.handouts.showPatientForm(&open, "Edit patient", func(sp *store.Patient) { saved = sp })
			other := otherChair(t, db)
			theirs, _ := other.GetPatient(context.Background(), p.ID)
			theirs.Contact = "555-0100"
			if err := other.UpdatePatient(context.Background(), theirs); err != nil {
				t.Fatal(err)
			}
			f.notes.SetText("Prefers mornings.")
			f.submit()
			if !strings.Contains(overlayText(a.win), "This patient's details were changed in Room 3 at "+time.Now().Format("15:04")[:2]) {
				t.Fatalf("dialog says:\n%s", overlayText(a.win))
			}
			if saved != nil {
				t.Fatal("the form closed as saved")
			}
			test.Tap(findVisibleButton(t, a.win, choice))
			got, _ := db.GetPatient(context.Background(), p.ID)
			switch choice {
			case "Keep mine":
				if saved == nil || got.Notes != "Prefers mornings." || got.Contact != "" || got.Revision != 3 {
					t.Errorf("after keep mine: %+v (form closed: %v)", got, saved != nil)
				}
				revs, _ := db.PatientRevisions(context.Background(), p.ID)
				if len(revs) != 3 || revs[1].Contact != "555-0100" || revs[0].Saved.Overrides != 2 {
					t.Errorf("patient history %+v", revs)
				}
			case "Take theirs":
				if saved != nil || f.contact.Text != "555-0100" || f.notes.Text != "" || got.Revision != 2 {
					t.Errorf("after take theirs: form %q/%q, stored revision %d", f.contact.Text, f.notes.Text, got.Revision)
				}
				f.notes.SetText("Prefers mornings.")
				f.submit()
				got, _ = db.GetPatient(context.Background(), p.ID)
				if saved == nil || got.Contact != "555-0100" || got.Notes != "Prefers mornings." || got.Revision != 3 {
					t.Errorf("saved after take theirs: %+v", got)
				}
			}
		})
	}
}

// The room in Settings: kept in the preferences, recorded with the next
// save, refused with the store's message when it is not one line.
func TestSettingsRoom(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	t.Cleanup(func() { store.UseRoom("") })
	panel := a.roomPanel()
	var entry *widget.Entry
	for _, o := range walk(panel) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	if entry == nil || !strings.Contains(entry.PlaceHolder, "(this computer)") {
		t.Fatalf("no room field with the computer's name as placeholder")
	}
	entry.SetText("Room 2")
	test.Tap(findButton(t, panel, "Use this name"))
	if a.fyneApp.Preferences().String(roomPrefKey) != "Room 2" || db.Room() != "Room 2" {
		t.Errorf("room: preference %q, database %q", a.fyneApp.Preferences().String(roomPrefKey), db.Room())
	}
	p := addPatient(t, db, "Ann Lee")
	if revs, _ := db.PatientRevisions(context.Background(), p.ID); revs[0].Saved.Room != "Room 2" {
		t.Errorf("a save recorded room %q", revs[0].Saved.Room)
	}
	entry.SetText(strings.Repeat("x", store.MaxRoomLen+1))
	test.Tap(findButton(t, panel, "Use this name"))
	var shown string
	for _, o := range walk(panel) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, "too long") {
			shown = l.Text
		}
	}
	if shown == "" || db.Room() != "Room 2" {
		t.Errorf("an overlong name: message %q, room %q", shown, db.Room())
	}
	// The next start (a new database opened) keeps the name.
	store.UseRoom("")
	a.useRoomPreference()
	if store.DefaultRoom() != "Room 2" {
		t.Errorf("after a restart the room is %q", store.DefaultRoom())
	}
}
