package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// A mark keeps where on its structure it was tapped, through the handout's
// current text and its revisions; a mark without a place stays without.
func TestMarkSpotsRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 1)
		h.Marks[0].At = anatomy.Spot{View: anatomy.Posterior, X: 0.3125, Y: 0.5}
		h.Marks = append(h.Marks, handout.Mark{Structure: "vertebra:S", Finding: handout.PainArea,
			At: anatomy.Spot{View: anatomy.Lateral, X: 0, Y: 1}})
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
		// The mark moved in a second save; the first revision keeps its place.
		h.Marks[0].At.X = 0.7
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		revs, err := db.HandoutRevisions(ctx, h.ID)
		if err != nil || len(revs) != 2 {
			t.Fatalf("revisions: %d, %v", len(revs), err)
		}
		if revs[0].Marks[0].At.X != 0.7 || revs[1].Marks[0].At.X != 0.3125 || !revs[1].Marks[1].At.IsZero() {
			t.Errorf("revisions' marks: %+v then %+v", revs[0].Marks, revs[1].Marks)
		}
		dup, err := db.DuplicateHandout(ctx, h.ID)
		if err != nil || !slices.Equal(dup.Marks, h.Marks) {
			t.Errorf("duplicate's marks %+v, %v", dup.Marks, err)
		}
	})
}

func TestMarkSpotValidated(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		for _, bad := range []anatomy.Spot{{View: anatomy.Posterior, X: 1.5, Y: 0.5}, {View: "axial", X: 0.5, Y: 0.5}, {View: anatomy.Lateral, X: -0.1}} {
			h := sampleHandout(p.ID, 1)
			h.Marks[1].At = bad
			err := db.SaveHandout(ctx, h)
			var fe FieldErrors
			if ErrorCode(err) != EINVALID || !errors.As(err, &fe) || fe[0].Field != "Marks[1].At" {
				t.Errorf("spot %+v: %v", bad, err)
			}
		}
	})
}

// A handout saved before spots existed (schema version 3) opens with its
// marks in their old place, and takes spots once upgraded.
func TestMarksFromBeforeSpots(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	buildVersion(t, path, 3, "WAL")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	h, err := db.GetHandout(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Marks) != 2 || !h.Marks[0].At.IsZero() || !h.Marks[1].At.IsZero() {
		t.Fatalf("old marks: %+v", h.Marks)
	}
	h.Marks[0].At = anatomy.Spot{View: anatomy.Posterior, X: 0.25, Y: 0.5}
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if again, err := db.GetHandout(ctx, 1); err != nil || again.Marks[0].At != h.Marks[0].At {
		t.Errorf("after upgrade: %+v, %v", again, err)
	}
}

// A half-written spot in the file (a view without its place) is reported as
// damage, not shown as a mark somewhere else.
func TestMarkSpotDamage(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 1)
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		if _, err := db.w.Exec("UPDATE handout_marks SET spot_view = 'posterior' WHERE handout_id = ? AND position = 0", h.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetHandout(ctx, h.ID); ErrorCode(err) != ECORRUPT {
			t.Errorf("half a spot: %v", err)
		}
		if _, err := db.w.Exec("UPDATE handout_marks SET spot_x = 2 WHERE handout_id = ?", h.ID); err == nil {
			t.Error("the database took a place outside the structure")
		}
	})
}
