package handout

import (
	"errors"
	"fmt"
	"strings"
)

// DoseWords are the words a dose is written with in one language: the
// catalogue of internal/i18n (i18n.Words), passed in so the model does not
// import it (internal/i18n's own tests use the model).
type DoseWords interface {
	T(id string) string
	F(id string, data map[string]any) string
	N(id string, count int, data map[string]any) string
}

// Dose is how much of an exercise to do, as numbers the editor can change
// and the handout prints in words. The zero Dose is "none given": a
// stretch saved before doses were kept prints the library's usual one. An exercise is counted in repetitions
// (Reps, in Sets) or in minutes (walking); each repetition may be held.
type Dose struct {
	Sets     int  `json:"sets,omitempty"`    // sets of Reps; 0 with Minutes
	Reps     int  `json:"reps,omitempty"`    // repetitions in a set
	HoldSec  int  `json:"hold,omitempty"`    // seconds each repetition is held; 0: no hold
	Minutes  int  `json:"minutes,omitempty"` // minutes a session, for an exercise done for a time
	EachSide bool `json:"eachSide,omitempty"`
	PerDay   int  `json:"perDay"`   // sessions a day
	DaysWeek int  `json:"daysWeek"` // days a week
}

// Validate says, in words the editor can show, what is wrong with a dose.
func (d Dose) Validate() error {
	var errs []string
	switch {
	case d.Reps > 0 && d.Minutes > 0:
		errs = append(errs, "give repetitions or minutes, not both")
	case d.Reps == 0 && d.Minutes == 0:
		errs = append(errs, "give a number of repetitions or of minutes")
	}
	if d.Reps < 0 || d.Reps > 50 {
		errs = append(errs, fmt.Sprintf("repetitions %d: use 1 to 50", d.Reps))
	}
	if d.Reps > 0 && (d.Sets < 1 || d.Sets > 10) {
		errs = append(errs, fmt.Sprintf("sets %d: use 1 to 10", d.Sets))
	}
	if d.Minutes > 0 && d.Sets != 0 {
		errs = append(errs, "an exercise done for minutes has no sets")
	}
	if d.Minutes < 0 || d.Minutes > 120 {
		errs = append(errs, fmt.Sprintf("minutes %d: use 1 to 120", d.Minutes))
	}
	if d.HoldSec < 0 || d.HoldSec > 120 {
		errs = append(errs, fmt.Sprintf("hold %d seconds: use 0 to 120", d.HoldSec))
	}
	if d.PerDay < 1 || d.PerDay > 10 {
		errs = append(errs, fmt.Sprintf("times a day %d: use 1 to 10", d.PerDay))
	}
	if d.DaysWeek < 1 || d.DaysWeek > 7 {
		errs = append(errs, fmt.Sprintf("days a week %d: use 1 to 7", d.DaysWeek))
	}
	if len(errs) > 0 {
		return errors.New("dose: " + strings.Join(errs, "; "))
	}
	return nil
}

// Words is the dose as a patient reads it, in the words w (i18n.For(lang);
// English for a language without them): "2 sets of 10 on each side, hold
// 5 seconds each time; 3 times a day, every day".
func (d Dose) Words(w DoseWords) string {
	var what string
	switch {
	case d.Minutes > 0:
		what = w.N("dose.minutes", d.Minutes, nil)
	case d.Sets > 1:
		what = w.F("dose.sets", map[string]any{"Sets": d.Sets, "Reps": d.Reps})
	default:
		what = w.N("dose.times", d.Reps, nil)
	}
	if d.EachSide {
		what = w.F("dose.each_side", map[string]any{"What": what})
	}
	if d.HoldSec > 0 {
		what = w.N("dose.hold", d.HoldSec, map[string]any{"What": what})
	}
	var often string
	switch d.PerDay {
	case 1, 2:
		often = w.T(fmt.Sprintf("dose.per_day.%d", d.PerDay))
	default:
		often = w.N("dose.per_day", d.PerDay, nil)
	}
	days := w.T("dose.every_day")
	if d.DaysWeek < 7 {
		days = w.N("dose.days_week", d.DaysWeek, nil)
	}
	return w.F("dose.line", map[string]any{"What": what, "Often": often, "Days": days})
}

// IsZero reports whether no dose is given.
func (d Dose) IsZero() bool { return d == Dose{} }
