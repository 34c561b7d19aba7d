package content

import (
	"encoding/json"
	"strings"
	"testing"

	"chairside/assets"
)

// The Spanish words outside the explanations hold no English sentence
// either: each home stretch's name, steps and cautions, the red-flag list
// printed on every handout, and every word of the app's Spanish
// catalogue (labels, notices, the printed handout's fixed words and the
// store's messages). TestSpanishHasNoEnglishLeft holds the texts.
func TestSpanishWordsHaveNoEnglishLeft(t *testing.T) {
	l := spanish(t)
	check := func(where, line string) {
		t.Helper()
		if hasEnglishRun(PlainText(line)) {
			t.Errorf("%s: English left in %q", where, line)
		}
	}
	stretches := l.Stretches()
	if len(stretches) == 0 {
		t.Fatal("no Spanish stretches")
	}
	for _, s := range stretches {
		check(s.ID+" name", s.Name)
		for _, step := range s.Steps {
			check(s.ID+" step", step)
		}
		check(s.ID+" cautions", s.Cautions)
	}
	for _, f := range l.RedFlags() {
		check("red flag", f)
	}

	data, err := assets.I18n.ReadFile("i18n/es.json")
	if err != nil {
		t.Fatal(err)
	}
	var words map[string]json.RawMessage
	if err := json.Unmarshal(data, &words); err != nil {
		t.Fatal(err)
	}
	for key, raw := range words {
		var one string
		var forms map[string]string
		switch {
		case json.Unmarshal(raw, &one) == nil:
			check("es.json "+key, one)
		case json.Unmarshal(raw, &forms) == nil:
			for form, s := range forms {
				check("es.json "+key+" ("+form+")", s)
			}
		}
	}
	if !hasEnglishRun(PlainText("No se pudo guardar: it is in the folder.")) {
		t.Fatal("the check no longer sees English inside a Spanish message")
	}
}

// An untranslated word that is the same in both languages (a code the
// clinician types, "letter", "a4") is not a sentence: single words pass.
func TestEnglishRunNeedsTwoWords(t *testing.T) {
	for _, s := range []string{`El tamaño del papel debe ser "letter" o "a4".`, "escoliosis: scoliosis:right:25", strings.Repeat("la ", 3)} {
		if hasEnglishRun(s) {
			t.Errorf("%q taken for English", s)
		}
	}
}
