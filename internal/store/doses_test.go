package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// TestDosesAndPrintOptionsKept: each exercise keeps the dose the clinician
// set, a stretch without one reads back without one, and the large-print
// and log options are kept and can be turned off again (migration 0007).
func TestDosesAndPrintOptionsKept(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustPatient(t, db, "Ann Lee")
	h := sampleHandout(p.ID, 1)
	dose := handout.Dose{Sets: 3, Reps: 10, HoldSec: 5, PerDay: 2, DaysWeek: 6}
	h.HomeCare.Stretches = append(h.HomeCare.Stretches, handout.Stretch{ID: "exercise:chin-tuck", Name: "Chin tuck", Steps: []string{"Tuck."},
		Cautions: "Stop if pain spreads down an arm.\nStop if you feel dizzy.", Dose: dose})
	h.LargePrint, h.ExerciseLog = true, true
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetHandout(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s := got.HomeCare.Stretches; len(s) != 2 || !s[0].Dose.IsZero() || s[1].Dose != dose || s[1].Cautions != h.HomeCare.Stretches[1].Cautions {
		t.Errorf("stretches read back as %+v", s)
	}
	if !got.LargePrint || !got.ExerciseLog {
		t.Errorf("options read back as large print %v, log %v", got.LargePrint, got.ExerciseLog)
	}
	// Turned off on an edit, and on an autosave replacing its own revision.
	for _, autosave := range []bool{false, true} {
		got.LargePrint, got.ExerciseLog = !autosave, false
		save := db.SaveHandout
		if autosave {
			save = db.SaveDraft
		}
		if err := save(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.LargePrint != !autosave || again.ExerciseLog {
			t.Errorf("autosave %v: options read back as large print %v, log %v", autosave, again.LargePrint, again.ExerciseLog)
		}
	}
}

// TestBadDoseRefused: a dose out of range is refused before anything is
// saved, with a message naming the exercise and what to change.
func TestBadDoseRefused(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustPatient(t, db, "Ann Lee")
	h := sampleHandout(p.ID, 1)
	h.HomeCare.Stretches[0].Dose = handout.Dose{Sets: 3, Reps: 100, PerDay: 2, DaysWeek: 7}
	err := db.SaveHandout(ctx, h)
	if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "Exercise 1 (Cat-cow): dose: repetitions 100: use 1 to 50") {
		t.Fatalf("err %v (%s), want EINVALID naming the exercise and the repetitions", err, ErrorCode(err))
	}
	if hs, err := db.ListHandouts(ctx, p.ID); err != nil || len(hs) != 0 {
		t.Errorf("after a refused save: %d handouts, %v", len(hs), err)
	}
}

// TestDosesAfterUpgradeFromEveryVersion: a database of every earlier
// schema, once opened, keeps doses and print options, and its old handout
// reads back with no dose and both options off.
func TestDosesAfterUpgradeFromEveryVersion(t *testing.T) {
	for v := 0; v < len(migrationList()); v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			buildVersion(t, path, v, "WAL")
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			if v >= 2 {
				old, err := db.GetHandout(ctx, 1)
				if err != nil {
					t.Fatal(err)
				}
				if old.LargePrint || old.ExerciseLog || !old.HomeCare.Stretches[0].Dose.IsZero() {
					t.Errorf("old handout reads with options %v/%v and dose %+v", old.LargePrint, old.ExerciseLog, old.HomeCare.Stretches[0].Dose)
				}
			}
			p := mustPatient(t, db, "New Patient")
			h := sampleHandout(p.ID, 1)
			h.HomeCare.Stretches[0].Dose = handout.Dose{Minutes: 20, PerDay: 1, DaysWeek: 5}
			h.LargePrint = true
			if err := db.SaveHandout(ctx, h); err != nil {
				t.Fatal(err)
			}
			got, err := db.GetHandout(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.HomeCare.Stretches[0].Dose != h.HomeCare.Stretches[0].Dose || !got.LargePrint || got.ExerciseLog {
				t.Errorf("read back dose %+v, large print %v, log %v", got.HomeCare.Stretches[0].Dose, got.LargePrint, got.ExerciseLog)
			}
		})
	}
}
