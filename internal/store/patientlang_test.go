package store

import (
	"context"
	"testing"
)

// A patient saved without a language keeps it unknown (""), through a
// save and a change, so a handout made for them follows the app's
// language (draft.NewHandoutLang: Spanish in a Spanish app), not English
// by default. Before, the store wrote "en" in its place.
func TestPatientWithoutLanguageStaysUnknown(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := &Patient{Name: "Ana Ruiz"}
	if err := db.CreatePatient(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetPatient(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != "" {
		t.Errorf("stored language %q, want \"\" (not known)", got.Lang)
	}
	got.Notes = "prefers mornings"
	if err := db.UpdatePatient(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.GetPatient(ctx, p.ID); again.Lang != "" {
		t.Errorf("after a change the language is %q", again.Lang)
	}
}
