package draft

import (
	"reflect"
	"testing"

	"chairside/internal/content"
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
		h.HomeCare.Stretches = []handout.Stretch{StretchOf(s[0])}
	}
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
	if len(h.HomeCare.Stretches) > 0 {
		if ls, ok := LibraryStretch(es, h.HomeCare.Stretches[0].ID); !ok || !reflect.DeepEqual(got.HomeCare.Stretches[0], ls) {
			t.Errorf("stretch %q not taken from the Spanish library", h.HomeCare.Stretches[0].ID)
		}
	}
	if h.Lang != "en" || !reflect.DeepEqual(h.Items, before.Items) {
		t.Error("InLanguage changed the handout it was given")
	}
}
