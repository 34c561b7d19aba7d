package cli

import (
	"slices"
	"testing"

	"chairside/internal/exercise"
)

// Issue 14: handouts new --exercises takes the library's exercises into the
// home plan under their stable IDs, in the handout's language, with their
// steps and cautions.
func TestHandoutsNewExercises(t *testing.T) {
	_, h := newHandout(t, "--items", "disc:L4-L5", "--exercises", "Bridge, exercise:cat-camel,knee-to-chest")
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
