package store

import (
	"context"
	"errors"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// A mark keeps its finding's detail (a herniation's side, a slip's grade, a
// curve's side and angle) through the handout, its revisions and a copy;
// a mark without one stays without.
func TestMarkDetailsRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		h := sampleWithMarks(t, db, func(h *handout.Handout) {
			h.Marks = append(h.Marks,
				handout.Mark{Structure: "disc:L4-L5", Finding: handout.Herniation, Detail: handout.Detail{Side: anatomy.Left, Far: true}},
				handout.Mark{Structure: "vertebra:L5", Finding: handout.Slip, Detail: handout.Detail{Grade: 2},
					At: anatomy.Spot{View: anatomy.Lateral, X: 0.5, Y: 0.5}},
				handout.Mark{Structure: "vertebra:T8", Finding: handout.Scoliosis, Detail: handout.Detail{Side: anatomy.Right, Angle: 25}})
		})
		last := len(h.Marks) - 1
		checkMarksKept(t, db, h, func() { h.Marks[last].Detail.Angle = 30 }, func(newer, older []handout.Mark) {
			if a, b := newer[last].Detail, older[last].Detail; a.Angle != 30 || b.Angle != 25 || !older[0].Detail.IsZero() {
				t.Errorf("revisions' details: %+v then %+v", a, b)
			}
		})
	})
}

// A detail that does not fit its finding is refused on the field, before
// anything is written.
func TestMarkDetailValidated(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		h := sampleWithMarks(t, db, func(h *handout.Handout) {
			h.Marks = append(h.Marks, handout.Mark{Structure: "vertebra:L5", Finding: handout.Slip, Detail: handout.Detail{Grade: 4}})
		})
		err := db.SaveHandout(context.Background(), h)
		var fe FieldErrors
		if ErrorCode(err) != EINVALID || !errors.As(err, &fe) || fe[0].Field != "Marks[2].Detail" {
			t.Errorf("grade 4 slip: %v", err)
		}
	})
}

// A handout saved before details existed (schema version 4) opens with its
// marks as they were, and takes details once upgraded.
func TestMarksFromBeforeDetails(t *testing.T) {
	db, h := oldHandout(t, 4)
	want := sampleHandout(1, 3).Marks
	if len(h.Marks) != len(want) || !h.Marks[0].Detail.IsZero() || h.Marks[0].Finding != want[0].Finding {
		t.Fatalf("old marks: %+v", h.Marks)
	}
	h.Marks = append(h.Marks, handout.Mark{Structure: "disc:L5-S", Finding: handout.Bulge, Detail: handout.Detail{Side: anatomy.Right}})
	ctx := context.Background()
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if again, err := db.GetHandout(ctx, 1); err != nil || again.Marks[len(again.Marks)-1].Detail.Side != anatomy.Right {
		t.Errorf("after upgrade: %+v, %v", again, err)
	}
}

// A detail in the file that its finding cannot have is reported as damage,
// not shown as another finding.
func TestMarkDetailDamage(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		if err := readDamaged(t, db, "UPDATE handout_marks SET detail = 'sideways' WHERE handout_id = ? AND position = 0"); ErrorCode(err) != ECORRUPT {
			t.Errorf("a detail no finding has: %v", err)
		}
	})
}
