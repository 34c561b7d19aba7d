package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"chairside/internal/draft"
	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// doseForms says how a dose is written after an exercise's ID, for the
// help and for the message on a dose that cannot be read.
const doseForms = "SETSxREPS (3x10), holdNs (hold5s), Nmin (20min), N/day (2/day) or N/week (5/week)"

// addExercises adds the library's exercises to the handout's home plan, in
// the handout's language, as snapshots (title, steps, cautions, dose) under
// their stable IDs, so the handout reprints the same after the library
// changes. Each may carry changes to its usual dose after its ID
// ("exercise:chin-tuck:3x10:hold5s"). An unknown ID or a dose that cannot
// be read or is out of range is refused, before anything is saved.
func addExercises(h *handout.Handout, lang string, specs []string) error {
	if len(specs) == 0 {
		return nil
	}
	lib, err := exercise.Load(lang)
	if err != nil {
		return err
	}
	for _, spec := range specs {
		id, changes := splitExerciseSpec(spec)
		ex, err := lib.Get(id)
		if err != nil {
			return fmt.Errorf("--exercises: %w", err)
		}
		if slices.ContainsFunc(h.HomeCare.Stretches, func(s handout.Stretch) bool { return s.ID == ex.ID }) {
			return fmt.Errorf("--exercises: %s is given twice", ex.ID)
		}
		s := draft.StretchOfExercise(ex)
		for _, c := range changes {
			if err := changeDose(&s.Dose, c); err != nil {
				return fmt.Errorf("--exercises %s: %w", ex.ID, err)
			}
		}
		if err := s.Dose.Validate(); err != nil {
			return fmt.Errorf("--exercises %s: %w", ex.ID, err)
		}
		h.HomeCare.Stretches = append(h.HomeCare.Stretches, s)
	}
	return nil
}

// splitExerciseSpec splits "exercise:chin-tuck:3x10:hold5s" (or
// "chin-tuck:3x10") into the exercise's ID and the dose changes after it.
func splitExerciseSpec(spec string) (id string, changes []string) {
	parts := strings.Split(strings.TrimSpace(spec), ":")
	n := 1
	if len(parts) > 1 && strings.EqualFold(strings.TrimSpace(parts[0]), strings.TrimSuffix(exercise.IDPrefix, ":")) {
		n = 2
	}
	return strings.Join(parts[:n], ":"), parts[n:]
}

// changeDose applies one change written as in doseForms to d.
func changeDose(d *handout.Dose, change string) error {
	c := strings.ToLower(strings.TrimSpace(change))
	bad := fmt.Errorf("%s is not a dose: write %s", echo(change), doseForms)
	num := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && s != "" && s[0] != '+' && s[0] != '-'
	}
	switch {
	case strings.HasPrefix(c, "hold"):
		n, ok := num(strings.TrimSuffix(strings.TrimPrefix(c, "hold"), "s"))
		if !ok {
			return bad
		}
		d.HoldSec = n
	case strings.HasSuffix(c, "min"):
		n, ok := num(strings.TrimSuffix(c, "min"))
		if !ok {
			return bad
		}
		d.Minutes, d.Sets, d.Reps = n, 0, 0 // done for a time, not counted
	case strings.HasSuffix(c, "/day"):
		n, ok := num(strings.TrimSuffix(c, "/day"))
		if !ok {
			return bad
		}
		d.PerDay = n
	case strings.HasSuffix(c, "/week"):
		n, ok := num(strings.TrimSuffix(c, "/week"))
		if !ok {
			return bad
		}
		d.DaysWeek = n
	default:
		sets, reps, found := strings.Cut(c, "x")
		s, ok1 := num(sets)
		r, ok2 := num(reps)
		if !found || !ok1 || !ok2 {
			return bad
		}
		d.Sets, d.Reps, d.Minutes = s, r, 0
	}
	return nil
}
