package pdf

import (
	"bytes"
	"strings"
	"testing"
)

// TestExerciseLog: with the log chosen, the exercises are followed by the
// two-week log in the handout's language: its heading, how to fill it in,
// the days 1 to 14, a tick box and a pain box a day (28 boxes drawn);
// without it, none of that prints.
func TestExerciseLog(t *testing.T) {
	words := map[string][]string{
		"en": {"Your two-week log", "tick the box when you have done your exercises", "from 0 (none) to 10", "Day", "Exercises done", "Pain (0–10)"},
		"es": {"Su registro de dos semanas", "marque la casilla cuando haya hecho sus ejercicios", "de 0 (nada) a 10", "Día", "Ejercicios hechos", "Dolor (0–10)"},
	}
	for _, lang := range []string{"en", "es"} {
		for _, large := range []bool{false, true} {
			h := standardHandout()
			h.Lang, h.LargePrint = lang, large
			c := sampleClinic(t)
			c.Logo = nil
			_, without := render(t, h, samplePatient(), c)
			h.ExerciseLog = true
			_, with := render(t, h, samplePatient(), c)
			checkMargins(t, with)
			text := runText(with)
			for _, w := range words[lang] {
				if !strings.Contains(text, w) {
					t.Errorf("%s (large %v): the log lacks %q", lang, large, w)
				}
				if strings.Contains(runText(without), words[lang][0]) {
					t.Errorf("%s: the log printed without being chosen", lang)
				}
			}
			if !strings.Contains(text, "Day 1 2 3 4 5 6 7 8 9 10 11 12 13 14") && !strings.Contains(text, "Día 1 2 3 4 5 6 7 8 9 10 11 12 13 14") {
				t.Errorf("%s (large %v): the days 1 to 14 are not printed in a row", lang, large)
			}
			// Each box is an "re" (rectangle) stroked on the page: 28 more
			// than without the log.
			count := func(pages []readPage) int {
				n := 0
				for _, p := range pages {
					n += bytes.Count(p.content, []byte(" re S"))
				}
				return n
			}
			if got := count(with) - count(without); got != 2*logDays {
				t.Errorf("%s (large %v): %d boxes drawn for the log, want %d", lang, large, got, 2*logDays)
			}
			// It comes after the exercises and before More about.
			all := allText(with)
			if i, j, k := strings.Index(all, words[lang][0]), strings.Index(all, map[string]string{"en": "Exercise 3", "es": "Ejercicio 3"}[lang]),
				strings.Index(all, map[string]string{"en": "More about", "es": "Más sobre"}[lang]); !(j < i && i < k) {
				t.Errorf("%s: the log is not between the exercises and More about (%d, %d, %d)", lang, j, i, k)
			}
		}
	}
	// No exercises, no log.
	h := sampleHandout()
	h.HomeCare.Stretches, h.ExerciseLog = nil, true
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	if strings.Contains(runText(pages), "Your two-week log") {
		t.Error("a log printed for a handout without exercises")
	}
}
