package cli

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"chairside/internal/exercise"
	"chairside/internal/store"
)

// Issue 14: handouts new --exercises takes the library's exercises into the
// home plan under their stable IDs, in the handout's language, with their
// steps and cautions.
func TestHandoutsNewExercises(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5",
		"--exercises", "Bridge, exercise:cat-camel,knee-to-chest")...)
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.GetHandout(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	lib, err := exercise.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"exercise:bridge", "exercise:cat-camel", "exercise:knee-to-chest"}
	if len(h.HomeCare.Stretches) != len(want) {
		t.Fatalf("stretches %+v, want %v", h.HomeCare.Stretches, want)
	}
	for i, st := range h.HomeCare.Stretches {
		ex, err := lib.Get(want[i])
		if err != nil {
			t.Fatal(err)
		}
		if st.ID != want[i] || st.Name != ex.Title || !slices.Equal(st.Steps, ex.Steps) || st.Cautions == "" {
			t.Errorf("exercise %d: %+v, want the library's %s", i+1, st, want[i])
		}
	}
}
