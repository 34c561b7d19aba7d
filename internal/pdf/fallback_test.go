package pdf

import (
	"strings"
	"testing"
)

// A handout in a language the library has no texts in (a fake third
// language, "xx") prints each explanation in English and says so under
// it; a Spanish or an English handout says nothing of the kind.
func TestEnglishTextIsMarkedOnPaper(t *testing.T) {
	const note = "English text (not yet translated)"
	h := sampleHandout()
	h.Lang = "xx"
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	text := strings.Join(strings.Fields(allText(pages)), " ")
	items := len(englishItems(h))
	if items == 0 {
		t.Fatal("no item of the sample handout fell back to English in xx")
	}
	if got := strings.Count(text, note); got == 0 || got > items {
		t.Errorf("%q printed %d times for %d items in English", note, got, items)
	}

	_, pages = render(t, spanishHandout(), samplePatient(), sampleClinic(t))
	if text := allText(pages); strings.Contains(text, "Texto en inglés") || strings.Contains(text, note) {
		t.Error("a Spanish handout, whose texts the library has in Spanish, is marked as English")
	}
	_, pages = render(t, sampleHandout(), samplePatient(), sampleClinic(t))
	if strings.Contains(allText(pages), note) {
		t.Error("an English handout is marked as not translated")
	}
}
