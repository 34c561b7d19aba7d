package store

import (
	"context"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// Room 3 takes Room 2's handout after a conflict: its own text is set
// aside first, in the history with Room 3's name and the time, and the
// handout stays exactly Room 2's (same revision, same time), so Room 2
// keeps saving without a conflict and the text set aside is never written
// over by the saves after it.
func TestTakeTheirsSetsTheHandoutAside(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		room2, room3 := twoChairs(t, b)
		p := mustPatient(t, room2, "Ann Lee")
		h := sampleHandout(p.ID, 2)
		if err := room2.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		mine, err := room3.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		h.ClinicianNotes = "Room 2's words"
		if err := room2.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		mine.ClinicianNotes = "Room 3's words"
		mine.Title = "Room 3's title"
		c := ConflictOf(room3.SaveHandout(ctx, mine))
		if c == nil {
			t.Fatal("no conflict")
		}
		before := *mine
		rev, err := room3.SetHandoutAside(ctx, mine, c.Theirs)
		if err != nil {
			t.Fatalf("set aside: %v", err)
		}
		if rev.Number != 3 || rev.SetAside != 2 || rev.Room != "Room 3" || rev.SavedAt.IsZero() {
			t.Errorf("set aside as %+v, want revision 3 from Room 3 beside 2", rev)
		}
		if mine.Revision != before.Revision || !mine.UpdatedAt.Equal(before.UpdatedAt) {
			t.Errorf("setting aside changed the caller's handout: revision %d", mine.Revision)
		}
		cur, err := room3.GetHandout(ctx, h.ID)
		if err != nil || cur.Revision != 2 || !cur.UpdatedAt.Equal(h.UpdatedAt) || cur.ClinicianNotes != "Room 2's words" || cur.Title != h.Title {
			t.Fatalf("the handout after taking theirs: revision %d %q, %v; want Room 2's revision 2 unchanged", cur.Revision, cur.ClinicianNotes, err)
		}
		hist, err := room2.HandoutHistory(ctx, h.ID)
		if err != nil || len(hist) != 3 {
			t.Fatalf("history %+v, %v", hist, err)
		}
		if hist[0].Number != 3 || hist[0].SetAside != 2 || hist[0].Overrides != 0 || hist[0].Room != "Room 3" || !hist[0].SavedAt.Equal(rev.SavedAt) ||
			hist[1].Number != 2 || hist[1].SetAside != 0 || hist[1].Room != "Room 2" {
			t.Errorf("history %+v: want 3 set aside by Room 3 beside 2, then Room 2's 2", hist)
		}
		kept, err := room2.HandoutRevision(ctx, h.ID, 3)
		if err != nil || kept.ClinicianNotes != "Room 3's words" || kept.Title != "Room 3's title" || kept.Revision != 3 || len(kept.Items) != 2 {
			t.Fatalf("the text set aside reads %+v, %v", kept, err)
		}
		aside, err := room2.SetAsideHandouts(ctx, p.ID)
		if err != nil || len(aside) != 1 || aside[0].HandoutID != h.ID || aside[0].Number != 3 || aside[0].SetAside != 2 || aside[0].Room != "Room 3" {
			t.Errorf("set-aside list %+v, %v", aside, err)
		}
		// Room 2 still holds revision 2: its next save is no conflict, and
		// takes the number after the one set aside.
		h.ClinicianNotes = "Room 2 goes on"
		if err := room2.SaveHandout(ctx, h); err != nil || h.Revision != 4 {
			t.Fatalf("Room 2's save after Room 3 took its text: revision %d, %v (want 4, no conflict)", h.Revision, err)
		}
		want := []string{"Room 2 goes on", "Room 3's words", "Room 2's words", sampleHandout(p.ID, 2).ClinicianNotes}
		if got := handoutNotes(t, room3, h.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("history %q, want %q", got, want)
		}
		// Restoring the text set aside is a save of it over the current one.
		cur, _ = room3.GetHandout(ctx, h.ID)
		kept.Revision, kept.UpdatedAt = cur.Revision, cur.UpdatedAt
		if err := room3.SaveHandout(ctx, kept); err != nil || kept.Revision != 5 {
			t.Fatalf("restore: revision %d, %v", kept.Revision, err)
		}
		if got, _ := room2.GetHandout(ctx, h.ID); got.ClinicianNotes != "Room 3's words" || got.Title != "Room 3's title" {
			t.Errorf("after the restore the handout reads %q", got.ClinicianNotes)
		}
		if hist, _ := room2.HandoutHistory(ctx, h.ID); hist[0].SetAside != 0 || hist[2].SetAside != 2 {
			t.Errorf("after the restore: %+v", hist)
		}
	})
}

// An autosave replaced in place keeps its number while a text is set
// aside above it: the set-aside text is never overwritten, and the save
// that turns the autosave into a regular revision goes on in place.
func TestSetAsideAboveAnAutosave(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		room2, room3 := twoChairs(t, b)
		p := mustPatient(t, room2, "Ann Lee")
		h := sampleHandout(p.ID, 1)
		if err := room2.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		mine, _ := room3.GetHandout(ctx, h.ID)
		h.ClinicianNotes = "Room 2 typing"
		if err := room2.SaveDraft(ctx, h); err != nil || h.Revision != 2 {
			t.Fatalf("autosave: %d, %v", h.Revision, err)
		}
		mine.ClinicianNotes = "Room 3's words"
		c := ConflictOf(room3.SaveHandout(ctx, mine))
		if c == nil || !c.Theirs.Autosave {
			t.Fatalf("want a conflict with Room 2's autosave, got %+v", c)
		}
		if _, err := room3.SetHandoutAside(ctx, mine, c.Theirs); err != nil {
			t.Fatal(err)
		}
		h.ClinicianNotes = "Room 2 typing more"
		if err := room2.SaveDraft(ctx, h); err != nil || h.Revision != 2 {
			t.Fatalf("Room 2's next autosave: revision %d, %v (want 2, in place)", h.Revision, err)
		}
		want := []string{"Room 3's words", "Room 2 typing more", sampleHandout(p.ID, 1).ClinicianNotes}
		if got := handoutNotes(t, room2, h.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("history %q, want %q", got, want)
		}
	})
}

// Room 3 takes Room 2's details of a patient: its own are set aside in
// the patient's history; the patient stays Room 2's; the saves after it
// (an edit, an archive) take numbers above the one set aside.
func TestTakeTheirsSetsPatientDetailsAside(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		room2, room3 := twoChairs(t, b)
		p := &Patient{Name: "Ann Lee", Notes: "first"}
		if err := room2.CreatePatient(ctx, p); err != nil {
			t.Fatal(err)
		}
		form, _ := room3.GetPatient(ctx, p.ID)
		p.Notes = "Room 2's notes"
		if err := room2.UpdatePatient(ctx, p); err != nil {
			t.Fatal(err)
		}
		form.Contact = "555-0100"
		c := ConflictOf(room3.UpdatePatient(ctx, form))
		if c == nil {
			t.Fatal("no conflict")
		}
		rev, err := room3.SetPatientAside(ctx, form, c.Theirs)
		if err != nil || rev.Number != 3 || rev.SetAside != 2 || rev.Room != "Room 3" {
			t.Fatalf("set aside: %+v, %v", rev, err)
		}
		if form.Revision != 1 {
			t.Errorf("setting aside changed the form's revision to %d", form.Revision)
		}
		got, _ := room2.GetPatient(ctx, p.ID)
		if got.Revision != 2 || got.Notes != "Room 2's notes" || got.Contact != "" || !got.UpdatedAt.Equal(p.UpdatedAt) {
			t.Errorf("the patient after taking theirs: %+v", got)
		}
		revs, err := room2.PatientRevisions(ctx, p.ID)
		if err != nil || len(revs) != 3 {
			t.Fatalf("revisions %+v, %v", revs, err)
		}
		if revs[0].Revision != 3 || revs[0].Contact != "555-0100" || revs[0].Notes != "first" || revs[0].Saved.SetAside != 2 || revs[0].Saved.Room != "Room 3" || revs[0].Saved.Overrides != 0 {
			t.Errorf("the details set aside: %+v", revs[0])
		}
		if revs[1].Revision != 2 || revs[1].Saved.SetAside != 0 {
			t.Errorf("theirs: %+v", revs[1])
		}
		p.Notes = "Room 2 again"
		if err := room2.UpdatePatient(ctx, p); err != nil || p.Revision != 4 {
			t.Fatalf("Room 2's next save: revision %d, %v (want 4, no conflict)", p.Revision, err)
		}
		if err := room2.SetArchived(ctx, p.ID, true); err != nil {
			t.Fatal(err)
		}
		revs, _ = room3.PatientRevisions(ctx, p.ID)
		if len(revs) != 5 || revs[0].Revision != 5 || !revs[0].Archived || revs[2].Contact != "555-0100" || revs[2].Saved.SetAside != 2 {
			t.Errorf("after an edit and an archive: %+v", revs)
		}
	})
}

// What cannot be set aside is refused with a reason, and nothing is
// written.
func TestSetAsideRefusals(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		other := mustPatient(t, db, "Bo Chen")
		h := sampleHandout(p.ID, 1)
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		theirs := Revision{Number: 1, SavedAt: h.UpdatedAt}
		newOne := *sampleHandout(p.ID, 1)
		foreign := *h
		foreign.PatientID = other.ID
		tooLong := *h
		tooLong.Title = strings.Repeat("x", MaxNameLen+1)
		missing := *h
		missing.ID = h.ID + 100
		for _, c := range []struct {
			name   string
			h      handout.Handout
			theirs Revision
			code   string
		}{
			{"a new handout", newOne, theirs, EINVALID},
			{"no revision taken", *h, Revision{}, EINVALID},
			{"another patient's", foreign, theirs, ECONFLICT},
			{"a title too long", tooLong, theirs, EINVALID},
			{"a handout not on file", missing, theirs, ENOTFOUND},
		} {
			if _, err := db.SetHandoutAside(ctx, &c.h, c.theirs); ErrorCode(err) != c.code || ErrorMessage(err) == "" {
				t.Errorf("%s: %v (%s), want %s", c.name, err, ErrorCode(err), c.code)
			}
		}
		if hist, _ := db.HandoutHistory(ctx, h.ID); len(hist) != 1 {
			t.Errorf("refusals wrote revisions: %+v", hist)
		}
		if _, err := db.SetPatientAside(ctx, &Patient{Name: "New"}, theirs); ErrorCode(err) != EINVALID {
			t.Errorf("a patient not on file: %v", err)
		}
		blank := *p
		blank.Name = " "
		if _, err := db.SetPatientAside(ctx, &blank, theirs); ErrorCode(err) != EINVALID {
			t.Errorf("details without a name: %v", err)
		}
		if revs, _ := db.PatientRevisions(ctx, p.ID); len(revs) != 1 {
			t.Errorf("refusals wrote patient revisions: %+v", revs)
		}
		if _, err := db.HandoutRevision(ctx, h.ID, 7); ErrorCode(err) != ENOTFOUND {
			t.Errorf("a revision that does not exist: %v", err)
		}
	})
}
