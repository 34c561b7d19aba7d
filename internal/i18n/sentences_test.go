package i18n

import (
	"encoding/json"
	"slices"
	"testing"
)

// A finished English message is said in Spanish by the format it was made
// from: its arguments found again (numbers as numbers), the parts that
// are words said in Spanish too, a translation's own order of arguments
// kept (%[2]d), "de el" joined to "del", and a capital where the English
// starts with one. Anything unknown, or a language without a catalogue,
// reads as it came.
func TestSentencesInSpanish(t *testing.T) {
	es := For("es")
	cases := []struct{ english, want string }{
		{"Stretch 1's steps has 600 entries; the limit is 500.", "Hay 600 entradas en los pasos del estiramiento 1; el límite es 500."},
		{"Explanation 2 has no structure or topic.", "La explicación 2 no tiene estructura ni tema."},
		{"The title is too long (201 characters); the limit is 200.", "Hay demasiado texto en el título (201 caracteres); el límite es 200."},
		{"Handout 12 does not exist; choose it again from the patient's list.", "El folleto 12 no existe; vuelva a elegirlo en la lista del paciente."},
		{"no such message, kept as it is", "no such message, kept as it is"},
	}
	for _, c := range cases {
		if got := es.Sentence(c.english); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.english, got, c.want)
		}
		if got := For("pt").Sentence(c.english); got != c.english {
			t.Errorf("Portuguese, without a catalogue: %q", got)
		}
	}
	got := es.Message("Could not %s: the disk is full. Free some space and try again; nothing already saved was lost.", "save handout 7")
	if want := "No se pudo guardar el folleto 7: el disco está lleno. Libere algo de espacio y vuelva a intentarlo; no se perdió nada de lo ya guardado."; got != want {
		t.Errorf("Message:\n got %q\nwant %q", got, want)
	}
	if key := SentenceKey("Could not %s: the disk is full. Free some space and try again; nothing already saved was lost."); key != "store.disk_full" {
		t.Errorf("key %q", key)
	}
}

func TestSentenceVerbs(t *testing.T) {
	if got, want := SentenceVerbs("Hay %[2]d entradas en %[1]s; el límite es %[3]d."), SentenceVerbs("%s has %d entries; the limit is %d."); !slices.Equal(got, want) {
		t.Errorf("reordered %v, English %v", got, want)
	}
	if got := SentenceVerbs("100%% of %s"); !slices.Equal(got, []string{"1s"}) {
		t.Errorf("%%%% counted as a verb: %v", got)
	}
}

// The screens' copy of a catalogue holds every word but the sentences,
// each exactly as the file has it.
func TestScreenWordsLeaveOutTheSentences(t *testing.T) {
	for _, lang := range Langs() {
		data, err := ScreenWords(lang)
		if err != nil {
			t.Fatal(err)
		}
		var screen map[string]json.RawMessage
		if err := json.Unmarshal(data, &screen); err != nil {
			t.Fatal(err)
		}
		kept := 0
		for _, id := range Keys(lang) {
			m := load().book(lang).message(id)
			raw, ok := screen[id]
			switch {
			case isSentence(id) && ok:
				t.Errorf("%s: the screens' words hold the sentence %s", lang, id)
			case !isSentence(id) && !ok:
				t.Errorf("%s: the screens' words lack %s", lang, id)
			case ok:
				kept++
				var text string
				var forms map[string]string
				if json.Unmarshal(raw, &text) != nil {
					if err := json.Unmarshal(raw, &forms); err != nil {
						t.Fatalf("%s %s: %s", lang, id, raw)
					}
					text = forms["other"]
				}
				if text != m.Other {
					t.Errorf("%s %s: %q, the file says %q", lang, id, text, m.Other)
				}
			}
		}
		if kept < 500 || len(screen) != kept {
			t.Errorf("%s: %d screen words kept of %d", lang, kept, len(screen))
		}
	}
	if _, err := ScreenWords("xx"); err == nil {
		t.Error("no error for a language without a catalogue")
	}
}
