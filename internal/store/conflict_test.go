package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// twoChairs opens the backend's database twice, as two rooms would.
func twoChairs(t *testing.T, b backend) (a, c *DB) {
	t.Helper()
	a, c = b.open(t), b.open(t)
	if err := a.SetRoom("Room 2"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetRoom("Room 3"); err != nil {
		t.Fatal(err)
	}
	return a, c
}

func handoutNotes(t *testing.T, db *DB, id int64) []string {
	t.Helper()
	revs, err := db.HandoutRevisions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, r := range revs {
		notes = append(notes, r.ClinicianNotes)
	}
	return notes
}

// Room 3 saves a handout that Room 2 changed after Room 3 opened it: the
// save is refused with who, when and where; nothing is overwritten; keep
// mine adds a revision that records what it overrode, and both texts stay.
func TestHandoutConflictBetweenTwoChairs(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		room2, room3 := twoChairs(t, b)
		p := mustPatient(t, room2, "Ann Lee")
		h := sampleHandout(p.ID, 2)
		if err := room2.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		mine, err := room3.GetHandout(ctx, h.ID) // Room 3 opens it at revision 1
		if err != nil {
			t.Fatal(err)
		}
		h.ClinicianNotes = "Room 2's words"
		if err := room2.SaveHandout(ctx, h); err != nil || h.Revision != 2 {
			t.Fatalf("Room 2's save: revision %d, %v", h.Revision, err)
		}
		mine.ClinicianNotes = "Room 3's words"
		err = room3.SaveHandout(ctx, mine)
		c := ConflictOf(err)
		if ErrorCode(err) != ECONFLICT || c == nil {
			t.Fatalf("Room 3's stale save: %v, want ECONFLICT with a *Conflict", err)
		}
		if c.Kind != "handout" || c.ID != h.ID || c.Yours != 1 || c.Theirs.Number != 2 || c.Theirs.Room != "Room 2" || !c.Theirs.SavedAt.Equal(h.UpdatedAt) {
			t.Errorf("conflict %+v; want handout %d, yours 1, theirs 2 in Room 2 at %v", c, h.ID, h.UpdatedAt)
		}
		msg := ErrorMessage(err)
		if !strings.Contains(msg, "changed in Room 2 at "+h.UpdatedAt.Local().Format("2006-01-02 15:04")) || strings.Contains(msg, "Ann") {
			t.Errorf("message %q", msg)
		}
		if es := ErrorMessageIn(err, "es"); !strings.Contains(es, "se cambió en Room 2 el") {
			t.Errorf("Spanish message %q", es)
		}
		if mine.Revision != 1 {
			t.Errorf("a refused save changed the caller's revision to %d", mine.Revision)
		}
		if got, _ := room2.GetHandout(ctx, h.ID); got.ClinicianNotes != "Room 2's words" || got.Revision != 2 {
			t.Errorf("after the refused save: %q revision %d", got.ClinicianNotes, got.Revision)
		}
		// Keep mine: a new revision over theirs, which stays in the history.
		if err := room3.SaveHandoutOver(ctx, mine, c.Theirs); err != nil || mine.Revision != 3 {
			t.Fatalf("keep mine: revision %d, %v", mine.Revision, err)
		}
		want := []string{"Room 3's words", "Room 2's words", sampleHandout(p.ID, 2).ClinicianNotes}
		if got := handoutNotes(t, room2, h.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("history %q, want %q", got, want)
		}
		hist, err := room2.HandoutHistory(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if hist[0].Room != "Room 3" || hist[0].Overrides != 2 || hist[1].Room != "Room 2" || hist[1].Overrides != 0 {
			t.Errorf("history %+v: want revision 3 from Room 3 overriding 2, revision 2 from Room 2", hist)
		}
		// Room 2, still at revision 2, is told in turn; keeping its text
		// over a revision it was not shown is another conflict.
		h.ClinicianNotes = "Room 2 again"
		err = room2.SaveHandout(ctx, h)
		if c := ConflictOf(err); c == nil || c.Theirs.Number != 3 || c.Theirs.Room != "Room 3" {
			t.Fatalf("Room 2 after Room 3 kept its text: %v", err)
		}
		stale := Revision{Number: 2, SavedAt: h.UpdatedAt}
		if c := ConflictOf(room2.SaveHandoutOver(ctx, h, stale)); c == nil || c.Theirs.Number != 3 {
			t.Errorf("keep mine over a revision that is not the stored one: %v, want a conflict with 3", c)
		}
		// Take theirs: read it again and save from there.
		theirs, err := room2.GetHandout(ctx, h.ID)
		if err != nil || theirs.ClinicianNotes != "Room 3's words" {
			t.Fatalf("take theirs: %v, %v", theirs, err)
		}
		theirs.Title = "Both agreed"
		if err := room2.SaveHandout(ctx, theirs); err != nil || theirs.Revision != 4 {
			t.Errorf("save after taking theirs: revision %d, %v", theirs.Revision, err)
		}
	})
}

// An autosave never replaces another chair's autosave, and a chair that
// read an autosave which has moved on since (replaced in place, same
// number) meets a conflict rather than overwriting it.
func TestAutosaveConflicts(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		room2, room3 := twoChairs(t, b)
		p := mustPatient(t, room2, "Ann Lee")
		h := sampleHandout(p.ID, 1)
		if err := room2.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		h.ClinicianNotes = "typing in Room 2"
		if err := room2.SaveDraft(ctx, h); err != nil || h.Revision != 2 {
			t.Fatalf("autosave: revision %d, %v", h.Revision, err)
		}
		read, _ := room3.GetHandout(ctx, h.ID) // Room 3 opens the autosave
		h.ClinicianNotes = "typing more in Room 2"
		if err := room2.SaveDraft(ctx, h); err != nil || h.Revision != 2 {
			t.Fatalf("second autosave: revision %d, %v (want it replaced in place)", h.Revision, err)
		}
		read.ClinicianNotes = "Room 3's edit"
		if c := ConflictOf(room3.SaveHandout(ctx, read)); c == nil || c.Theirs.Number != 2 || !c.Theirs.Autosave {
			t.Fatalf("saving over an autosave that moved on: %+v, want a conflict", c)
		}
		// Room 3 reads the current autosave and saves: a new revision;
		// Room 2's autosave stays as revision 2.
		read, _ = room3.GetHandout(ctx, h.ID)
		read.ClinicianNotes = "Room 3's edit"
		if err := room3.SaveDraft(ctx, read); err != nil || read.Revision != 3 {
			t.Fatalf("Room 3's autosave on top of Room 2's: revision %d, %v", read.Revision, err)
		}
		h.ClinicianNotes = "Room 2 still typing"
		if c := ConflictOf(room2.SaveDraft(ctx, h)); c == nil || c.Theirs.Number != 3 || c.Theirs.Room != "Room 3" {
			t.Fatalf("Room 2's autosave after Room 3 saved: %+v, want a conflict", c)
		}
		want := []string{"Room 3's edit", "typing more in Room 2", sampleHandout(p.ID, 1).ClinicianNotes}
		if got := handoutNotes(t, room2, h.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("history %q, want %q", got, want)
		}
		// Room 3 autosaves again and then saves: the save turns its own
		// autosave into a regular revision in place (same number, 3).
		// Room 2, which read the autosave, must still be told.
		read.ClinicianNotes = "Room 3 typing"
		if err := room3.SaveDraft(ctx, read); err != nil || read.Revision != 3 {
			t.Fatalf("Room 3's autosave: revision %d, %v", read.Revision, err)
		}
		seen, _ := room2.GetHandout(ctx, h.ID)
		read.ClinicianNotes = "Room 3 saved"
		if err := room3.SaveHandout(ctx, read); err != nil || read.Revision != 3 {
			t.Fatalf("Room 3's save after its autosave: revision %d, %v (want 3, in place)", read.Revision, err)
		}
		seen.ClinicianNotes = "Room 2 over what it saw"
		if c := ConflictOf(room2.SaveHandout(ctx, seen)); c == nil || c.Theirs.Number != 3 || c.Theirs.Autosave {
			t.Errorf("saving over an autosave its chair has since saved: %+v, want a conflict with regular revision 3", c)
		}
	})
}

// "Discard changes" in the editor saves the handout as it was last saved
// over its own autosave: a new revision that says it overrode the
// autosave, whose text is kept.
func TestSaveOverOwnAutosaveKeepsIt(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 1)
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		saved := *h
		h.ClinicianNotes = "to be discarded"
		if err := db.SaveDraft(ctx, h); err != nil {
			t.Fatal(err)
		}
		back := saved
		if err := db.SaveHandoutOver(ctx, &back, Revision{Number: h.Revision, SavedAt: h.UpdatedAt}); err != nil || back.Revision != 3 {
			t.Fatalf("discard: revision %d, %v", back.Revision, err)
		}
		want := []string{saved.ClinicianNotes, "to be discarded", saved.ClinicianNotes}
		if got := handoutNotes(t, db, h.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("history %q, want %q", got, want)
		}
		if hist, _ := db.HandoutHistory(ctx, h.ID); hist[0].Overrides != 2 {
			t.Errorf("the discard records overriding revision %d, want the autosave, 2", hist[0].Overrides)
		}
	})
}

// Patients have revisions: a form saved over details changed elsewhere is
// refused; keep mine keeps both in the patient's history; archiving is a
// revision, so a form opened before it cannot undo it quietly.
func TestPatientConflictBetweenTwoChairs(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		room2, room3 := twoChairs(t, b)
		p := &Patient{Name: "Ann Lee", Notes: "first"}
		if err := room2.CreatePatient(ctx, p); err != nil || p.Revision != 1 {
			t.Fatalf("create: revision %d, %v", p.Revision, err)
		}
		form, err := room3.GetPatient(ctx, p.ID)
		if err != nil || form.Revision != 1 {
			t.Fatalf("read: %+v, %v", form, err)
		}
		p.Notes = "Room 2's notes"
		if err := room2.UpdatePatient(ctx, p); err != nil || p.Revision != 2 {
			t.Fatalf("Room 2's save: revision %d, %v", p.Revision, err)
		}
		form.Contact = "555-0100"
		err = room3.UpdatePatient(ctx, form)
		c := ConflictOf(err)
		if ErrorCode(err) != ECONFLICT || c == nil || c.Kind != "patient" || c.Yours != 1 || c.Theirs.Number != 2 || c.Theirs.Room != "Room 2" {
			t.Fatalf("stale patient save: %v (%+v)", err, c)
		}
		if msg := ErrorMessage(err); !strings.Contains(msg, "Patient ") || !strings.Contains(msg, "changed in Room 2") || strings.Contains(msg, "Ann") {
			t.Errorf("message %q", msg)
		}
		if got, _ := room2.GetPatient(ctx, p.ID); got.Notes != "Room 2's notes" || got.Contact != "" {
			t.Errorf("the refused save changed the patient: %+v", got)
		}
		if err := room3.UpdatePatientOver(ctx, form, c.Theirs); err != nil || form.Revision != 3 {
			t.Fatalf("keep mine: revision %d, %v", form.Revision, err)
		}
		revs, err := room2.PatientRevisions(ctx, p.ID)
		if err != nil || len(revs) != 3 {
			t.Fatalf("revisions: %d, %v", len(revs), err)
		}
		if revs[0].Notes != "first" || revs[0].Contact != "555-0100" || revs[0].Saved.Room != "Room 3" || revs[0].Saved.Overrides != 2 ||
			revs[1].Notes != "Room 2's notes" || revs[1].Saved.Room != "Room 2" || revs[2].Notes != "first" || revs[2].Revision != 1 {
			t.Errorf("patient history %+v", revs)
		}
		// Archiving in Room 2 is a revision: Room 3's open form conflicts.
		if err := room2.SetArchived(ctx, p.ID, true); err != nil {
			t.Fatal(err)
		}
		form.Notes = "later"
		if c := ConflictOf(room3.UpdatePatient(ctx, form)); c == nil || c.Theirs.Number != 4 {
			t.Errorf("a form saved over an archive: %+v, want a conflict with revision 4", c)
		}
		if got, _ := room3.GetPatient(ctx, p.ID); !got.Archived || got.Revision != 4 {
			t.Errorf("after archiving: %+v", got)
		}
	})
}

// The room: CHAIRSIDE_ROOM over the host name; Settings (SetRoom) over
// both; one line, not too long.
func TestRoom(t *testing.T) {
	t.Setenv(RoomEnv, "  Front desk ")
	if got := DefaultRoom(); got != "Front desk" {
		t.Errorf("DefaultRoom with %s set = %q", RoomEnv, got)
	}
	db := MustOpenDB(t)
	if db.Room() != "Front desk" {
		t.Errorf("a new database's room %q", db.Room())
	}
	for _, bad := range []string{"Room\n3", strings.Repeat("x", MaxRoomLen+1), "a\x00b"} {
		if err := db.SetRoom(bad); ErrorCode(err) != EINVALID {
			t.Errorf("SetRoom(%q) = %v, want EINVALID", bad, err)
		}
	}
	if db.Room() != "Front desk" {
		t.Errorf("a refused name changed the room to %q", db.Room())
	}
	if err := db.SetRoom(" Room 4 "); err != nil || db.Room() != "Room 4" {
		t.Errorf("SetRoom: %q, %v", db.Room(), err)
	}
	if err := db.SetRoom(""); err != nil || db.Room() != "Front desk" {
		t.Errorf("SetRoom(\"\") = %q, %v; want the default", db.Room(), err)
	}
	// The app's Settings name the room of every database opened after.
	if err := UseRoom("Room 5"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { UseRoom("") })
	if DefaultRoom() != "Room 5" || NamedRoom() != "Front desk" || MustOpenDB(t).Room() != "Room 5" || db.Room() != "Front desk" {
		t.Errorf("after UseRoom: default %q, named %q", DefaultRoom(), NamedRoom())
	}
	if err := UseRoom("two\nlines"); ErrorCode(err) != EINVALID || DefaultRoom() != "Room 5" {
		t.Errorf("UseRoom of a bad name: %v, room %q", err, DefaultRoom())
	}
	UseRoom("")
	t.Setenv(RoomEnv, "")
	if got := DefaultRoom(); strings.Contains(got, ".") || len([]rune(got)) > MaxRoomLen {
		t.Errorf("DefaultRoom from the host name = %q", got)
	}
	p := mustPatient(t, db, "Ann Lee")
	h := sampleHandout(p.ID, 1)
	if err := db.SaveHandout(context.Background(), h); err != nil {
		t.Fatal(err)
	}
	if hist, _ := db.HandoutHistory(context.Background(), h.ID); hist[0].Room != "Front desk" {
		t.Errorf("revision's room %q", hist[0].Room)
	}
}

// A database from before migration 0009: each patient's details become
// its revision 1, and its handouts' revisions have no room.
func TestUpgradeGivesPatientsARevision(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v8.db")
	buildVersion(t, path, 8, "WAL")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	p, err := db.GetPatient(ctx, 1)
	if err != nil || p.Revision != 1 {
		t.Fatalf("old patient: %+v, %v", p, err)
	}
	if revs, err := db.PatientRevisions(ctx, 1); err != nil || len(revs) != 1 || revs[0].Name != p.Name || revs[0].Saved.Room != "" {
		t.Errorf("old patient's history: %+v, %v", revs, err)
	}
	p.Notes = "after the upgrade"
	if err := db.UpdatePatient(ctx, p); err != nil || p.Revision != 2 {
		t.Errorf("update after the upgrade: revision %d, %v", p.Revision, err)
	}
	if hist, err := db.HandoutHistory(ctx, 1); err != nil || hist[0].Room != "" {
		t.Errorf("old handout's history: %+v, %v", hist, err)
	}
	h, _ := db.GetHandout(ctx, 1)
	h.Title = "edited after the upgrade"
	if err := db.SaveHandout(ctx, h); err != nil || h.Revision != 2 {
		t.Errorf("handout save after the upgrade: %d, %v", h.Revision, err)
	}
}
