package exercise

import (
	"reflect"
	"testing"
)

// Find gives each exercise exactly as the whole library does, in every
// language, under any ID Get takes; an unknown one is an error.
func TestFindIsTheLibrarysExercise(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		lib, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range lib.All() {
			for _, id := range []string{want.ID, " " + want.ID[len(IDPrefix):] + " ", "EXERCISE:" + want.ID[len(IDPrefix):]} {
				got, err := Find(lang, id)
				if err != nil {
					t.Fatalf("%s %q: %v", lang, id, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %q: Find and the library differ", lang, id)
				}
			}
		}
	}
	for _, c := range []struct{ lang, id string }{{"en", "exercise:no-such"}, {"en", ""}, {"e n", "exercise:walking"}} {
		if _, err := Find(c.lang, c.id); err == nil {
			t.Errorf("Find(%q, %q) found something", c.lang, c.id)
		}
	}
}
