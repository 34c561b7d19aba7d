package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"chairside/internal/handout"
)

// What the tests of a mark's place (marks_test.go) and of its finding's
// detail (details_test.go) share: the same handout saved, the same round
// trip through revisions and a copy, the same old file, the same damage.

// sampleWithMarks is the sample handout of a new patient, its marks
// changed by change before it is saved (unsaved: the caller saves it).
func sampleWithMarks(t *testing.T, db *DB, change func(h *handout.Handout)) *handout.Handout {
	t.Helper()
	p := mustPatient(t, db, "Ann Lee")
	h := sampleHandout(p.ID, 1)
	if change != nil {
		change(h)
	}
	return h
}

// checkMarksKept saves h and reads its marks back as saved; saves it again
// after edit, and hands the two revisions' marks (newer, older) to
// revisions to check; and checks a copy of the handout has h's marks.
func checkMarksKept(t *testing.T, db *DB, h *handout.Handout, edit func(), revisions func(newer, older []handout.Mark)) {
	t.Helper()
	ctx := context.Background()
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetHandout(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Marks, h.Marks) {
		t.Errorf("marks read back\n%+v\nwant\n%+v", got.Marks, h.Marks)
	}
	edit()
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	revs, err := db.HandoutRevisions(ctx, h.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions: %d, %v", len(revs), err)
	}
	revisions(revs[0].Marks, revs[1].Marks)
	dup, err := db.DuplicateHandout(ctx, h.ID)
	if err != nil || !slices.Equal(dup.Marks, h.Marks) {
		t.Errorf("duplicate's marks %+v, %v", dup.Marks, err)
	}
}

// oldHandout opens a file made at schema version (upgrading it) and reads
// the one handout in it.
func oldHandout(t *testing.T, version int) (*DB, *handout.Handout) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	buildVersion(t, path, version, "WAL")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h, err := db.GetHandout(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	return db, h
}

// readDamaged saves the sample handout, damages its marks in the file with
// statement (its one argument is the handout's ID) and returns what
// reading the handout back says.
func readDamaged(t *testing.T, db *DB, statement string) error {
	t.Helper()
	ctx := context.Background()
	h := sampleWithMarks(t, db, nil)
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(statement, h.ID); err != nil {
		t.Fatal(err)
	}
	_, err := db.GetHandout(ctx, h.ID)
	return err
}
