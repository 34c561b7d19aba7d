package store

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// fillForCopy puts one of everything into db: patients (one archived, one
// with hostile text), handouts with several revisions, marks with spots
// and details, key points, stretches, clinic settings with a logo.
func fillForCopy(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	ann := mustPatient(t, db, "Ann Lee")
	zoe := &Patient{Name: "Zoë Ångström", Notes: "tab\there\x00NUL \uffff kept", Lang: "es"}
	if err := db.CreatePatient(ctx, zoe); err != nil {
		t.Fatal(err)
	}
	old := mustPatient(t, db, "Old Patient")
	if err := db.SetArchived(ctx, old.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, pid := range []int64{ann.ID, zoe.ID} {
		h := sampleHandout(pid, 3)
		h.Items[0].KeyPoints = []string{"One.", "Two."}
		h.Items[1].Full = true
		h.Marks[0].At = anatomy.Spot{View: anatomy.View("posterior"), X: 0.3125, Y: 0.1}
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		h.ClinicianNotes = "second"
		if err := db.SaveDraft(ctx, h); err != nil {
			t.Fatal(err)
		}
		h.Status = handout.Final
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveClinic(ctx, handout.Clinic{Name: "Back in Line", Logo: tinyPNG(t), Paper: handout.A4}); err != nil {
		t.Fatal(err)
	}
}

// records is everything the store's API returns about a database, as
// JSON, to compare two databases.
func records(t *testing.T, db *DB) string {
	t.Helper()
	ctx := context.Background()
	ps, err := db.SearchPatients(ctx, "", true, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{"patients": ps}
	for _, p := range ps {
		hs, err := db.ListHandouts(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			revs, err := db.HandoutRevisions(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			out["handout "+string(rune('0'+h.ID))] = []any{h, revs}
		}
	}
	c, err := db.Clinic(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out["clinic"] = c
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// `chairside migrate`: a clinic's file copied into an empty database
// (a server's when one is set), every record the same afterwards, the
// file byte for byte unchanged; then the copy backed up into a new file
// that holds the same records again.
func TestCopyIntoEmptyDatabaseAndBackUpAgain(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		file := filepath.Join(t.TempDir(), "clinic.db")
		src, err := Open(file)
		if err != nil {
			t.Fatal(err)
		}
		fillForCopy(t, src)
		src.Close()
		before, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src, err = Open(file)
		if err != nil {
			t.Fatal(err)
		}
		want := records(t, src)
		dst := b.open(t)
		rep, err := src.CopyInto(ctx, dst)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rows["patients"] != 3 || rep.Rows["handouts"] != 2 || rep.Rows["handout_revisions"] != 4 || rep.Rows["clinic"] != 1 {
			t.Errorf("copied %v", rep.Rows)
		}
		if err := src.Close(); err != nil {
			t.Fatal(err)
		}
		if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
			t.Error("the source file changed while it was copied")
		}
		if got := records(t, dst); got != want {
			t.Errorf("records differ after the copy:\n got %s\nwant %s", got, want)
		}
		// New records continue after the copied IDs.
		p := mustPatient(t, dst, "New After Copy")
		if p.ID != 4 {
			t.Errorf("first new patient after the copy got ID %d, want 4", p.ID)
		}
		want = records(t, dst)

		out := filepath.Join(t.TempDir(), "copy.db")
		if err := dst.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		sum, err := CheckBackup(ctx, out)
		if err != nil || sum.Patients != 4 || sum.Handouts != 2 {
			t.Fatalf("the backup: %+v %v", sum, err)
		}
		if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("backup file: %v %v, want 0600", fi, err)
		}
		copyDB, err := Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer copyDB.Close()
		if got := records(t, copyDB); got != want {
			t.Errorf("records differ in the backup:\n got %s\nwant %s", got, want)
		}
	})
}

// A database that holds anything is never copied into: nothing mixed,
// nothing overwritten.
func TestCopyIntoRefusesNonEmptyDatabase(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		src := MustOpenDB(t)
		fillForCopy(t, src)
		dst := b.open(t)
		mustPatient(t, dst, "Already Here")
		want := records(t, dst)
		if _, err := src.CopyInto(ctx, dst); ErrorCode(err) != EINVALID {
			t.Errorf("copy into a database with a patient: %v, want EINVALID", err)
		}
		if got := records(t, dst); got != want {
			t.Error("the non-empty database was changed")
		}
	})
}
