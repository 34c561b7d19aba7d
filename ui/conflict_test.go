package ui

import (
	"bytes"
	"context"
	"database/sql"
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

// Take theirs sets what was typed here aside first: the editor then holds
// their version, both texts are in the handout's history (mine labelled
// with this room and set aside beside theirs), and the patient's handouts
// list it with a way to open it again, which puts it back in the editor
// over the current revision.
func TestEditorConflictTakeTheirs(t *testing.T) {
	a, db, e, _, trace := savedHandoutInEditor(t)
	ctx := context.Background()
	e.notes.SetText("My notes.")
	e.Save(handout.Draft)
	if help := overlayText(a.win); !strings.Contains(help, "Take theirs shows their version here; yours is set aside in the history") {
		t.Errorf("the dialog's help says:\n%s", help)
	}
	test.Tap(findVisibleButton(t, a.win, "Take theirs"))
	now := a.handouts.editor
	if now == nil || now.notes.Text != "Room 3's notes." || now.h.Revision != 2 || now.Unsaved() {
		t.Fatalf("after take theirs the editor holds %+v", now)
	}
	if got, _ := db.GetHandout(ctx, e.h.ID); got.Revision != 2 || got.ClinicianNotes != "Room 3's notes." {
		t.Errorf("the handout after take theirs: revision %d %q, want Room 3's revision 2", got.Revision, got.ClinicianNotes)
	}
	hist, _ := db.HandoutHistory(ctx, e.h.ID)
	revs, _ := db.HandoutRevisions(ctx, e.h.ID)
	if len(hist) != 3 || hist[0].SetAside != 2 || hist[0].Room != db.Room() || hist[1].Room != "Room 3" ||
		revs[0].ClinicianNotes != "My notes." || revs[1].ClinicianNotes != "Room 3's notes." {
		t.Fatalf("history %+v; texts %q, %q", hist, revs[0].ClinicianNotes, revs[1].ClinicianNotes)
	}
	// The patient's handouts list the text set aside under its handout.
	a.handouts.ShowPatients()
	a.handouts.screen.list.Select(0)
	if got := overlayText(a.win); !strings.Contains(got, "Version set aside (") || !strings.Contains(got, "revision 3) when revision 2 was taken instead") {
		t.Fatalf("the patient's handouts say:\n%s", got)
	}
	test.Tap(findVisibleButton(t, a.win, "Open this version"))
	back := a.handouts.editor
	if back == nil || back.notes.Text != "My notes." || back.h.Revision != 2 || !back.Unsaved() {
		t.Fatalf("opening the text set aside: editor %+v", back)
	}
	if !back.Save(handout.Draft) || back.h.Revision != 4 {
		t.Fatalf("saving the text set aside: revision %d", back.h.Revision)
	}
	if got, _ := db.GetHandout(ctx, e.h.ID); got.ClinicianNotes != "My notes." {
		t.Errorf("after restoring, the handout reads %q", got.ClinicianNotes)
	}
	for _, line := range []string{"conflict take theirs handout", "handout set aside 1 revision 3", "handout set-aside opened 1 revision 3"} {
		if !strings.Contains(trace.String(), "trace: "+line) {
			t.Errorf("trace lacks %q:\n%s", line, trace.String())
		}
	}
}

// refuseSetAside makes the database refuse to record a text set aside
// (as a full disk would), and nothing else, until the returned function
// is called.
func refuseSetAside(t *testing.T, db *store.DB, table string) (allow func()) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db.Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	if _, err := raw.Exec("CREATE TRIGGER refuse_set_aside BEFORE INSERT ON " + table +
		" WHEN NEW.set_aside_for IS NOT NULL BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"); err != nil {
		t.Fatal(err)
	}
	return func() {
		if _, err := raw.Exec("DROP TRIGGER refuse_set_aside"); err != nil {
			t.Fatal(err)
		}
	}
}

// When what was typed cannot be set aside, theirs is not taken: the
// editor keeps every character, says why, and nothing is written; the
// next Save offers the choice again.
func TestEditorConflictTakeTheirsWhenSettingAsideFails(t *testing.T) {
	a, db, e, _, trace := savedHandoutInEditor(t)
	ctx := context.Background()
	allow := refuseSetAside(t, db, "handout_revisions")
	e.notes.SetText("My notes.")
	e.Save(handout.Draft)
	test.Tap(findVisibleButton(t, a.win, "Take theirs"))
	if a.handouts.editor != e || e.notes.Text != "My notes." || !e.Unsaved() || e.h.Revision != 1 {
		t.Fatalf("after a failed take theirs: editor notes %q, unsaved %v, revision %d", e.notes.Text, e.Unsaved(), e.h.Revision)
	}
	if got := overlayText(a.win); !strings.Contains(got, "Your version could not be set aside, so theirs was not taken") ||
		!strings.Contains(got, "Everything you typed is still in the editor") {
		t.Errorf("the failure says:\n%s", got)
	}
	if hist, _ := db.HandoutHistory(ctx, e.h.ID); len(hist) != 2 {
		t.Errorf("a failed set aside wrote revisions: %+v", hist)
	}
	if !strings.Contains(trace.String(), "trace: handout set aside failed") {
		t.Errorf("trace:\n%s", trace)
	}
	allow()
	test.Tap(findVisibleButton(t, a.win, "OK"))
	e.Save(handout.Draft)
	test.Tap(findVisibleButton(t, a.win, "Take theirs"))
	if revs, _ := db.HandoutRevisions(ctx, e.h.ID); len(revs) != 3 || revs[0].ClinicianNotes != "My notes." {
		t.Errorf("taking theirs once the database works: %d revisions", len(revs))
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
				if !f.general.Visible() || !strings.Contains(f.general.Text, "Yours are kept in the patient's history as revision 3, set aside") ||
					f.general.Importance == widget.DangerImportance {
					t.Errorf("the form says %q (importance %v)", f.general.Text, f.general.Importance)
				}
				revs, _ := db.PatientRevisions(context.Background(), p.ID)
				if len(revs) != 3 || revs[0].Notes != "Prefers mornings." || revs[0].Saved.SetAside != 2 || revs[0].Saved.Room != db.Room() || revs[1].Contact != "555-0100" {
					t.Errorf("patient history after take theirs %+v", revs)
				}
				f.notes.SetText("Prefers afternoons.")
				f.submit()
				got, _ = db.GetPatient(context.Background(), p.ID)
				if saved == nil || got.Contact != "555-0100" || got.Notes != "Prefers afternoons." || got.Revision != 4 {
					t.Errorf("saved after take theirs: %+v", got)
				}
			}
		})
	}
}

// The patient's page shows details set aside by take theirs, and "Edit
// with these details" opens the form over the current revision with them,
// so saving puts them back.
func TestPatientDetailsSetAsideCanBeRestored(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	ctx := context.Background()
	p := addPatient(t, db, "Ann Lee")
	mine := *p
	other := otherChair(t, db)
	theirs, _ := other.GetPatient(ctx, p.ID)
	theirs.Contact = "555-0100"
	if err := other.UpdatePatient(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	mine.Notes = "Prefers mornings."
	c := store.ConflictOf(db.UpdatePatient(ctx, &mine))
	if c == nil {
		t.Fatal("no conflict")
	}
	if _, err := db.SetPatientAside(ctx, &mine, c.Theirs); err != nil {
		t.Fatal(err)
	}
	a.handouts.ShowPatients()
	a.handouts.screen.list.Select(0)
	if got := overlayText(a.win); !strings.Contains(got, "Details set aside (") || !strings.Contains(got, "revision 3) when revision 2 was taken instead:") ||
		!strings.Contains(got, "Prefers mornings.") {
		t.Fatalf("the patient's page says:\n%s", got)
	}
	test.Tap(findVisibleButton(t, a.win, "Edit with these details"))
	// Saving the form, untouched, puts the details set aside back.
	test.Tap(findVisibleButton(t, a.win, "Save patient"))
	got, _ := db.GetPatient(ctx, p.ID)
	if got.Notes != "Prefers mornings." || got.Contact != "" || got.Revision != 4 {
		t.Errorf("after restoring the details set aside: %+v", got)
	}
	if !strings.Contains(trace.String(), "trace: patient set-aside opened 1 revision 3") {
		t.Errorf("trace:\n%s", trace)
	}
}

// Taking theirs in the form opened from the patient's page: the page
// behind it lists the details set aside at once (on a file no notice
// tells this window about its own write).
func TestPatientPageShowsDetailsJustSetAside(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "Ann Lee")
	a.handouts.ShowPatients()
	a.handouts.screen.list.Select(0)
	open := *p
	f := a.handouts.showPatientForm(&open, "Edit patient", nil)
	other := otherChair(t, db)
	theirs, _ := other.GetPatient(context.Background(), p.ID)
	theirs.Contact = "555-0100"
	if err := other.UpdatePatient(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}
	f.notes.SetText("Prefers mornings.")
	f.submit()
	test.Tap(findVisibleButton(t, a.win, "Take theirs"))
	var page strings.Builder
	for _, o := range walk(a.handouts.screen.detail) {
		if l, ok := o.(*widget.Label); ok {
			page.WriteString(l.Text + "\n")
		}
	}
	if got := page.String(); !strings.Contains(got, "Details set aside (") || !strings.Contains(got, "Prefers mornings.") || !strings.Contains(got, "Contact: 555-0100") {
		t.Errorf("the patient's page behind the form says:\n%s", got)
	}
}

// When the form's details cannot be set aside, theirs are not taken: the
// form keeps what was typed and says why, in red.
func TestPatientFormTakeTheirsWhenSettingAsideFails(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "Ann Lee")
	open := *p
	f := a.handouts.showPatientForm(&open, "Edit patient", nil)
	other := otherChair(t, db)
	theirs, _ := other.GetPatient(context.Background(), p.ID)
	theirs.Contact = "555-0100"
	if err := other.UpdatePatient(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}
	refuseSetAside(t, db, "patient_revisions")
	f.notes.SetText("Prefers mornings.")
	f.submit()
	test.Tap(findVisibleButton(t, a.win, "Take theirs"))
	if f.notes.Text != "Prefers mornings." || f.contact.Text != "" || f.existing.Revision != 1 {
		t.Errorf("after a failed take theirs the form holds %q/%q at revision %d", f.notes.Text, f.contact.Text, f.existing.Revision)
	}
	if !strings.Contains(f.general.Text, "Your details could not be set aside, so theirs were not taken") || f.general.Importance != widget.DangerImportance {
		t.Errorf("the form says %q (importance %v)", f.general.Text, f.general.Importance)
	}
	if revs, _ := db.PatientRevisions(context.Background(), p.ID); len(revs) != 2 {
		t.Errorf("a failed set aside wrote revisions: %+v", revs)
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
