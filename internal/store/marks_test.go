package store

import (
	"context"
	"errors"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// A mark keeps where on its structure it was tapped, through the handout's
// current text and its revisions; a mark without a place stays without.
func TestMarkSpotsRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		h := sampleWithMarks(t, db, func(h *handout.Handout) {
			h.Marks[0].At = anatomy.Spot{View: anatomy.Posterior, X: 0.3125, Y: 0.5}
			h.Marks = append(h.Marks, handout.Mark{Structure: "vertebra:S", Finding: handout.PainArea,
				At: anatomy.Spot{View: anatomy.Lateral, X: 0, Y: 1}})
		})
		// The mark moved in a second save; the first revision keeps its place.
		checkMarksKept(t, db, h, func() { h.Marks[0].At.X = 0.7 }, func(newer, older []handout.Mark) {
			if newer[0].At.X != 0.7 || older[0].At.X != 0.3125 || !older[1].At.IsZero() {
				t.Errorf("revisions' marks: %+v then %+v", newer, older)
			}
		})
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
	db, h := oldHandout(t, 3)
	if len(h.Marks) != 2 || !h.Marks[0].At.IsZero() || !h.Marks[1].At.IsZero() {
		t.Fatalf("old marks: %+v", h.Marks)
	}
	h.Marks[0].At = anatomy.Spot{View: anatomy.Posterior, X: 0.25, Y: 0.5}
	ctx := context.Background()
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
		if err := readDamaged(t, db, "UPDATE handout_marks SET spot_view = 'posterior' WHERE handout_id = ? AND position = 0"); ErrorCode(err) != ECORRUPT {
			t.Errorf("half a spot: %v", err)
		}
		if _, err := db.w.Exec("UPDATE handout_marks SET spot_x = 2"); err == nil {
			t.Error("the database took a place outside the structure")
		}
	})
}
