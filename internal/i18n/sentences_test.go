package i18n

import (
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"chairside/assets"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
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

// The screens' copy of a catalogue holds every message but the sentences,
// each as go-i18n reads it in the file (its plural forms too), whether it
// is copied from the catalogue's index or, for a catalogue of another
// shape, decoded and encoded again; for the catalogues Chairside ships the
// two ways give the same messages.
func TestScreenWordsLeaveOutTheSentences(t *testing.T) {
	// screen is lang's screen words as go-i18n reads them, by ID.
	screen := func(name string, data []byte) map[string]goi18n.Message {
		t.Helper()
		_, byID, err := goI18nReading(t, data, "i18n/"+name+".json")
		if err != nil {
			t.Fatalf("%s: go-i18n cannot read the screen words: %v\n%s", name, err, data)
		}
		return byID
	}
	check := func(name string, c *catalogue, lang string, least int) map[string]goi18n.Message {
		t.Helper()
		data, err := c.screenWords(lang)
		if err != nil {
			t.Fatal(err)
		}
		got := screen(name, data)
		b := c.book(lang)
		kept := 0
		for _, id := range b.ids {
			w, ok := got[id]
			switch {
			case isSentence(id) && ok:
				t.Errorf("%s: the screen words hold the sentence %s", name, id)
			case !isSentence(id) && !ok:
				t.Errorf("%s: the screen words lack %s", name, id)
			case ok:
				kept++
				if m := b.message(id); !reflect.DeepEqual(*m, w) {
					t.Errorf("%s %s: %+v, the catalogue says %+v", name, id, w, *m)
				}
			}
		}
		if kept < least || len(got) != kept {
			t.Errorf("%s: %d screen words kept of %d", name, kept, len(got))
		}
		return got
	}
	for _, lang := range Langs() {
		got := check(lang, load(), lang, 500)
		b := load().book(lang)
		if b.index == nil {
			t.Fatalf("%s: not indexed", lang)
		}
		decoded, err := screenWordsDecoded(b)
		if err != nil {
			t.Fatal(err)
		}
		if want := screen(lang+" decoded", decoded); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the screen words copied from the index differ from the decoded ones", lang)
		}
	}
	// A key given twice is not the plain shape: go-i18n parses the file
	// whole, and the screen words are decoded.
	other := read(fstest.MapFS{"i18n/en.json": {Data: []byte(`{"a": "A", "a": "B", "store.x": "s", "n": {"one": "1", "other": "n"}}`)}}, "i18n")
	if b := other.book("en"); b.index != nil || b.err != nil {
		t.Fatalf("a key given twice was indexed (%v)", b.err)
	}
	check("a key twice", &other, "en", 2)
	if _, err := ScreenWords("xx"); err == nil {
		t.Error("no error for a language without a catalogue")
	}
}

// The app's start gives Fyne its screen words: the catalogue read and
// indexed (the first time a language is asked for) and the words copied.
func BenchmarkScreenWords(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c := read(assets.I18n, "i18n")
		if _, err := c.screenWords("en"); err != nil {
			b.Fatal(err)
		}
	}
}
