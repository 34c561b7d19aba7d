package diagram

import (
	"slices"
	"testing"

	"chairside/internal/anatomy"
)

// The words in the corners are in the scene's language: a Spanish handout
// says "Su izquierda" (your left), the screen in English "Patient's left".
func TestOrientationWordsInTheScenesLanguage(t *testing.T) {
	for _, c := range []struct {
		lang        string
		view        anatomy.View
		left, right string
	}{
		{"", anatomy.Posterior, "Patient's left", "Patient's right"},
		{"en", anatomy.Lateral, "Front", "Back"},
		{"es", anatomy.Posterior, "Su izquierda", "Su derecha"},
		{"es", anatomy.Lateral, "Delante", "Detrás"},
	} {
		var rec recorder
		NewRenderer().Draw(&rec, Scene{View: c.view, Lang: c.lang}, 400, 600)
		if !slices.Contains(rec.texts, c.left) || !slices.Contains(rec.texts, c.right) {
			t.Errorf("%q %s: texts %q, want %q and %q", c.lang, c.view, rec.texts, c.left, c.right)
		}
	}
}
