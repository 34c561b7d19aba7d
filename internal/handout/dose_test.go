package handout

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestStretchDoseValidate: the handout's Validate checks each exercise's
// dose with Dose.Validate, naming the exercise; a stretch saved before
// doses were kept (zero dose) passes.
func TestStretchDoseValidate(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	h := Handout{PatientID: 1}
	h.FillDefaults(now)
	good := Dose{Sets: 3, Reps: 10, HoldSec: 5, PerDay: 2, DaysWeek: 7}
	h.HomeCare.Stretches = []Stretch{
		{ID: "exercise:chin-tuck", Name: "Chin tuck", Dose: good},
		{ID: "exercise:cat-camel", Name: "Cat and camel"}, // saved before doses
	}
	if err := h.Validate(now); err != nil {
		t.Fatalf("good doses refused: %v", err)
	}
	for _, c := range []struct {
		dose Dose
		want string
	}{
		{Dose{Sets: 3, Reps: 0, PerDay: 2, DaysWeek: 7}, "give a number of repetitions or of minutes"},
		{Dose{Sets: 11, Reps: 10, PerDay: 2, DaysWeek: 7}, "sets 11: use 1 to 10"},
		{Dose{Sets: 1, Reps: 10, HoldSec: 600, PerDay: 2, DaysWeek: 7}, "hold 600 seconds: use 0 to 120"},
		{Dose{Minutes: 20, PerDay: 2, DaysWeek: 8}, "days a week 8: use 1 to 7"},
		{Dose{Sets: 1, Reps: 10, Minutes: 5, PerDay: 1, DaysWeek: 7}, "repetitions or minutes, not both"},
	} {
		h.HomeCare.Stretches[1].Dose = c.dose
		var fs FieldErrors
		if err := h.Validate(now); !errors.As(err, &fs) || len(fs) != 1 {
			t.Fatalf("%+v: err %v, want one FieldError", c.dose, err)
		}
		if fs[0].Field != "HomeCare.Stretches[1].Dose" || !strings.Contains(fs[0].Message, "Exercise 2 (Cat and camel): dose: ") ||
			!strings.Contains(fs[0].Message, c.want) {
			t.Errorf("%+v: %+v, want field HomeCare.Stretches[1].Dose saying %q", c.dose, fs[0], c.want)
		}
	}
}
