package store

import (
	"context"
	"testing"
)

// Another program's commit to the file changes DataVersion; this DB's own
// saves do not (its window already shows them).
func TestDataVersionChangesOnlyWithAnotherProgramsCommit(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	v0, err := db.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustPatient(t, db, "Ann Lee")
	if v, err := db.DataVersion(ctx); err != nil || v != v0 {
		t.Errorf("after its own save: %d (%v), want %d", v, err, v0)
	}
	other, err := Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	mustPatient(t, other, "Bo Lee")
	if v, err := db.DataVersion(ctx); err != nil || v == v0 {
		t.Errorf("after another program's save: %d (%v), want a change from %d", v, err, v0)
	}
}
