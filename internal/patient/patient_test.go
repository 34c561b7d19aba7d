package patient

import (
	"strings"
	"testing"
	"time"
)

func TestParseDOB(t *testing.T) {
	d, err := ParseDOB("1980-05-17")
	if err != nil || d.Format(DateLayout) != "1980-05-17" {
		t.Fatalf("%v, %v", d, err)
	}
	for _, c := range []struct{ in, want string }{
		{"1980-02-30", "no such day"},
		{"2031-13-01", "no such day"},
		{"17/05/1980", "year-month-day (YYYY-MM-DD)"},
		{"1980-5-17", "year-month-day (YYYY-MM-DD)"},
		{"", "year-month-day"},
	} {
		_, err := ParseDOB(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
		// The date is patient data: the message never repeats it.
		if err != nil && c.in != "" && strings.Contains(err.Error(), c.in) {
			t.Errorf("%q: the message repeats the date: %v", c.in, err)
		}
	}
}

func TestCheckDOB(t *testing.T) {
	today := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		dob  string
		want string // "" for fine
	}{
		{"1980-05-17", ""},
		{"1900-01-01", ""},
		{"2026-12-02", ""}, // a day of slack: it is already tomorrow east of here
		{"1899-12-31", "before 1900"},
		{"2026-12-03", "in the future"},
	} {
		d, _ := time.Parse(DateLayout, c.dob)
		err := CheckDOB(d, today)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.dob, err, c.want)
		}
	}
}

func TestAge(t *testing.T) {
	dob := time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		on   string
		want int
	}{
		{"2026-05-16", 45}, {"2026-05-17", 46}, {"2026-12-01", 46}, {"1980-05-17", 0}, {"1970-01-01", 0},
	} {
		on, _ := time.Parse(DateLayout, c.on)
		if got := Age(dob, on); got != c.want {
			t.Errorf("on %s: %d, want %d", c.on, got, c.want)
		}
	}
	// Born on 29 February: a year older on 1 March of a common year.
	leap := time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)
	if got := Age(leap, time.Date(2001, 2, 28, 0, 0, 0, 0, time.UTC)); got != 0 {
		t.Errorf("28 Feb 2001: %d", got)
	}
	if got := Age(leap, time.Date(2001, 3, 1, 0, 0, 0, 0, time.UTC)); got != 1 {
		t.Errorf("1 Mar 2001: %d", got)
	}
}

func TestLanguages(t *testing.T) {
	for code, ok := range map[string]bool{"en": true, "es": true, "pt-BR": true, "haw": true, "": false, "EN": false, "en'; --": false, "english": false} {
		if ValidLang(code) != ok {
			t.Errorf("ValidLang(%q) = %v", code, !ok)
		}
	}
	if LanguageName("es") != "Spanish" || LanguageName("en") != "English" || LanguageName("xx") != "xx" {
		t.Errorf("names: %s %s %s", LanguageName("es"), LanguageName("en"), LanguageName("xx"))
	}
}
