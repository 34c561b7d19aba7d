// Package patient holds the rules about a patient that every part of
// Chairside shares: reading a typed date of birth, which dates of birth are
// plausible, age, language codes and their names. The store's Validate, the
// command line and the app's patient form all call these, so a date one of
// them accepts the others accept too. Pure Go: no Fyne, no SQL.
package patient

import (
	"fmt"
	"regexp"
	"time"
)

// DateLayout is how a date of birth is typed, stored and shown: year-month-day.
const DateLayout = "2006-01-02"

// MinBirthYear is the earliest plausible year of birth; an earlier one is a
// typing slip.
const MinBirthYear = 1900

// isoShape is the shape of a year-month-day date, valid or not.
var isoShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// Problem is a refused value: a whole sentence a clinician can act on,
// shown beside the field in the app and after the flag's name on the
// command line. It never repeats the value: that is patient data, and the
// command line prints errors to stderr, which may be logged.
type Problem string

func (p Problem) Error() string { return string(p) }

const (
	errNoSuchDay Problem = "That month has no such day; check the date of birth (year-month-day, e.g. 1980-05-17)."
	errDOBShape  Problem = "Write the date of birth as year-month-day (YYYY-MM-DD), e.g. 1980-05-17."
)

// ParseDOB reads a date of birth typed as year-month-day. A date of the
// right shape that does not exist (1980-02-30) and a date of another shape
// (23/04/1980) get different messages: the first is a slip of the day, the
// second a slip of the format.
func ParseDOB(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		if isoShape.MatchString(s) {
			return time.Time{}, errNoSuchDay
		}
		return time.Time{}, errDOBShape
	}
	return d, nil
}

// CheckDOB says what is wrong with a date of birth, or nil: before
// MinBirthYear, or after today (a day of slack for time zones).
func CheckDOB(dob, today time.Time) error {
	switch {
	case dob.Year() < MinBirthYear:
		return Problem(fmt.Sprintf("The date of birth is before %d; check the year.", MinBirthYear))
	case dob.Format(DateLayout) > today.AddDate(0, 0, 1).Format(DateLayout):
		return Problem("The date of birth is in the future; check the date.")
	}
	return nil
}

// Age is the age in whole years on the given day: the birthday itself
// counts, the day before does not. Never negative.
func Age(dob, on time.Time) int {
	age := on.Year() - dob.Year()
	if on.Month() < dob.Month() || (on.Month() == dob.Month() && on.Day() < dob.Day()) {
		age--
	}
	return max(age, 0)
}

// langCode is the shape of a language code as stored: "en", "es", "pt-BR".
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

// ValidLang reports whether code has the shape of a language code.
func ValidLang(code string) bool { return langCode.MatchString(code) }

// langNames spells out the codes a clinic meets most, for the front desk.
var langNames = map[string]string{"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
	"it": "Italian", "nl": "Dutch", "pl": "Polish", "vi": "Vietnamese", "zh": "Chinese", "ar": "Arabic"}

// LanguageName is a language's name in English ("Spanish"), or the code
// itself when it is not a common one.
func LanguageName(code string) string {
	if n, ok := langNames[code]; ok {
		return n
	}
	return code
}
