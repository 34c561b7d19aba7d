package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/exercise"
	"chairside/internal/handout"
	"chairside/internal/store"
)

// Issue 14: handouts new --exercises ID[:SETSxREPS][:holdNs]… keeps each
// exercise with its dose: the library's usual one, or as changed after the
// ID; the PDF prints the dose as kept.
func TestHandoutsNewExerciseDoses(t *testing.T) {
	db, h := newHandout(t, "--items", "disc:C5-C6",
		"--exercises", "exercise:chin-tuck:3x10:hold5s,exercise:bridge:2x8,walking:30min:5/week,neck-rotation")
	lib, err := exercise.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	usual := func(id string) handout.Dose {
		ex, err := lib.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		return ex.Dose
	}
	chin := usual("exercise:chin-tuck")
	chin.Sets, chin.Reps, chin.HoldSec = 3, 10, 5
	bridge := usual("exercise:bridge")
	bridge.Sets, bridge.Reps = 2, 8
	walk := usual("exercise:walking")
	walk.Minutes, walk.DaysWeek = 30, 5
	want := []handout.Dose{chin, bridge, walk, usual("exercise:neck-rotation")}
	if len(h.HomeCare.Stretches) != len(want) {
		t.Fatalf("%d stretches, want %d", len(h.HomeCare.Stretches), len(want))
	}
	for i, st := range h.HomeCare.Stretches {
		if st.Dose != want[i] {
			t.Errorf("exercise %d (%s): dose %+v, want %+v", i+1, st.ID, st.Dose, want[i])
		}
	}
	out := filepath.Join(t.TempDir(), "h.pdf")
	mustRun(t, dbArgs(db, "handouts", "export", "1", "--out", out)...)
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, out)
	for _, w := range []string{"3 sets of 10, hold 5 seconds each time", "2 sets of 8", "30 minutes"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks the edited dose %q", w)
		}
	}
}

// A dose that cannot be read or is out of range is refused with exit 2 and
// a message that says what to write; nothing is saved.
func TestHandoutsNewBadDose(t *testing.T) {
	db := dbWithPatient(t)
	for _, c := range []struct{ spec, want string }{
		{"exercise:chin-tuck:3by10", `--exercises exercise:chin-tuck: "3by10" is not a dose: write SETSxREPS (3x10)`},
		{"exercise:chin-tuck:x10", `"x10" is not a dose`},
		{"exercise:chin-tuck:hold-5s", `"hold-5s" is not a dose`},
		{"exercise:chin-tuck:99999999999999999999x1", `is not a dose`},
		{"exercise:chin-tuck:3x100", "--exercises exercise:chin-tuck: dose: repetitions 100: use 1 to 50"},
		{"exercise:chin-tuck:0x10", "sets 0: use 1 to 10"},
		{"exercise:bridge:hold300s", "hold 300 seconds: use 0 to 120"},
		{"exercise:walking:20min:9/week", "days a week 9: use 1 to 7"},
		{"exercise:nope:3x10", "--exercises: "},
	} {
		code, _, errs := runCLI(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:C5-C6", "--exercises", c.spec)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.spec, code, errs, c.want)
		}
	}
	if out := mustRun(t, dbArgs(db, "handouts", "list", "--patient", "1")...); strings.TrimSpace(out) != "" {
		t.Errorf("a refused handout was saved: %q", out)
	}
}

// Printed in another language for one export, each exercise keeps the
// dose the clinician set and takes the library's words in that language.
func TestExportInLanguageKeepsDose(t *testing.T) {
	db, _ := newHandout(t, "--items", "disc:C5-C6", "--exercises", "exercise:chin-tuck:3x12")
	out := filepath.Join(t.TempDir(), "es.pdf")
	mustRun(t, dbArgs(db, "handouts", "export", "1", "--lang", "es", "--out", out)...)
	text := pdfText(t, out)
	for _, w := range []string{"Ejercicio 1: Meter la barbilla", "3 series de 12"} {
		if !strings.Contains(text, w) {
			t.Errorf("the Spanish export lacks %q", w)
		}
	}
}

// handouts new --large-print --log keeps both options with the handout;
// export --large-print prints a handout in large type for that export
// only (more pages), leaving the saved handout as it was.
func TestHandoutsLargePrintAndLog(t *testing.T) {
	db, _ := newHandout(t, "--items", "disc:L4-L5", "--exercises", "bridge")
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--exercises", "bridge", "--large-print", "--log")...)
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]bool{1: false, 2: true} {
		h, err := s.GetHandout(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if h.LargePrint != want || h.ExerciseLog != want {
			t.Errorf("handout %d: large print %v, log %v; want both %v", id, h.LargePrint, h.ExerciseLog, want)
		}
	}
	s.Close()
	pages := func(path string) int {
		return strings.Count(pdfText(t, path), "This handout is for education.")
	}
	dir := t.TempDir()
	usual, large := filepath.Join(dir, "usual.pdf"), filepath.Join(dir, "large.pdf")
	mustRun(t, dbArgs(db, "handouts", "export", "1", "--out", usual)...)
	mustRun(t, dbArgs(db, "handouts", "export", "1", "--large-print", "--out", large)...)
	if pu, pl := pages(usual), pages(large); pl <= pu {
		t.Errorf("export --large-print has %d pages, the usual %d: want more", pl, pu)
	}
	s, err = store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if h, err := s.GetHandout(context.Background(), 1); err != nil || h.LargePrint {
		t.Errorf("export --large-print changed the saved handout: %v", err)
	}
}
