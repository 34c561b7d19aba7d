package cli

import (
	"fmt"
	"slices"

	"chairside/internal/draft"
	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// addExercises adds the library's exercises to the handout's home plan, in
// the handout's language, as snapshots (title, steps, cautions) under
// their stable IDs, so the handout reprints the same after the library
// changes. An unknown ID is refused with the nearest one suggested, before
// anything is saved.
func addExercises(h *handout.Handout, lang string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	lib, err := exercise.Load(lang)
	if err != nil {
		return err
	}
	for _, id := range ids {
		ex, err := lib.Get(id)
		if err != nil {
			return fmt.Errorf("--exercises: %w", err)
		}
		if slices.ContainsFunc(h.HomeCare.Stretches, func(s handout.Stretch) bool { return s.ID == ex.ID }) {
			return fmt.Errorf("--exercises: %s is given twice", ex.ID)
		}
		h.HomeCare.Stretches = append(h.HomeCare.Stretches, draft.StretchOfExercise(ex))
	}
	return nil
}
