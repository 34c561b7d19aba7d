package draft

import (
	"reflect"
	"testing"

	"chairside/internal/content"
	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// A handout printed in Spanish for one visit takes the Spanish library's
// texts, keeps what the clinician typed and chose, keeps an item the
// library no longer has, and leaves the saved handout as it was.
func TestInLanguageTakesTheLibraryTextsAndKeepsTheClinicians(t *testing.T) {
	en, err := content.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	es, err := content.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	h, err := FromSession([]string{"disc:L4-L5", "nerve:L5:left"}, nil, "Recheck in 2 weeks.", en)
	if err != nil {
		t.Fatal(err)
	}
	h.Lang = "en"
	h.Title = "Your low back"
	h.Items[1].Full = true
	gone := handout.Item{Ref: "topic:no-longer-in-the-library", Title: "Old text", Body: "Kept as saved."}
	h.Items = append(h.Items, gone)
	if s := en.Stretches(); len(s) > 0 {
		h.HomeCare.Stretches = []handout.Stretch{StretchOf(s[0])} // saved before doses were kept
	}
	enEx, err := exercise.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	chin, err := enEx.Get("exercise:chin-tuck")
	if err != nil {
		t.Fatal(err)
	}
	edited := StretchOfExercise(chin)
	edited.Dose = handout.Dose{Sets: 3, Reps: 12, HoldSec: 5, PerDay: 2, DaysWeek: 7}
	h.HomeCare.Stretches = append(h.HomeCare.Stretches, edited)
	before := h
	before.Items = append([]handout.Item(nil), h.Items...)

	got := InLanguage(h, es)

	if got.Lang != "es" {
		t.Errorf("Lang %q, want es", got.Lang)
	}
	want, _ := es.Explain("disc:L4-L5")
	if got.Items[0].Title != want.Title || got.Items[0].Body != want.Body {
		t.Errorf("first item %q is not the Spanish library's %q", got.Items[0].Title, want.Title)
	}
	if !got.Items[1].Full {
		t.Error("the clinician's full-text choice was lost in Spanish")
	}
	if !reflect.DeepEqual(got.Items[2], gone) {
		t.Errorf("an item the library lacks became %+v, want it as saved", got.Items[2])
	}
	if got.Title != "Your low back" || got.ClinicianNotes != "Recheck in 2 weeks." {
		t.Errorf("what the clinician typed changed: %q / %q", got.Title, got.ClinicianNotes)
	}
	if !reflect.DeepEqual(got.SeekCare, es.RedFlags()) {
		t.Error("the red-flag list is not the Spanish library's")
	}
	// Each exercise is the Spanish exercise library's, with the dose the
	// clinician set.
	esEx, err := exercise.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range h.HomeCare.Stretches {
		ex, err := esEx.Get(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := StretchOfExercise(ex)
		want.Dose = s.Dose
		if !reflect.DeepEqual(got.HomeCare.Stretches[i], want) {
			t.Errorf("stretch %q is %+v, want the Spanish library's with the clinician's dose", s.ID, got.HomeCare.Stretches[i])
		}
	}
	if h.Lang != "en" || !reflect.DeepEqual(h.Items, before.Items) {
		t.Error("InLanguage changed the handout it was given")
	}
}
