package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"chairside/assets"
	"chairside/internal/i18n"
)

// The handout's word catalogues are in the form Fyne's own translation
// support reads, so the window can later load the very same files.
func TestWordCataloguesLoadIntoFyne(t *testing.T) {
	if err := lang.AddTranslationsFS(assets.I18n, "i18n"); err != nil {
		t.Fatalf("Fyne cannot read assets/i18n: %v", err)
	}
	page := map[string]any{"Page": 1, "Pages": 3}
	got := lang.LocalizeKey("handout.footer.page", "not found", page)
	// Fyne picks the system's language: either catalogue's words are right.
	if got != i18n.For("en").F("handout.footer.page", page) && got != i18n.For("es").F("handout.footer.page", page) {
		t.Errorf("Fyne gives %q for the page footer", got)
	}
	if got := lang.LocalizePluralKey("handout.sources", "not found", 2); got != "Sources:" && got != "Fuentes:" {
		t.Errorf("Fyne gives %q for two sources", got)
	}
}
