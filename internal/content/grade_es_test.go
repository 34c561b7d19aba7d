package content

import (
	"math"
	"testing"
)

// Syllables of words whose division every Spanish speller agrees on,
// chosen to exercise each rule: diphthongs, hiatus of two strong vowels,
// an accented í or ú breaking a diphthong, triphthongs and the silent u.
func TestSyllablesES(t *testing.T) {
	cases := []struct {
		word string
		want int
	}{
		{"columna", 3}, {"vértebra", 3}, {"espalda", 3}, {"disco", 2},
		{"ciática", 3},      // ciá-ti-ca: i + á is a diphthong
		{"cuello", 2},       // cue-llo
		{"ciudad", 2},       // ciu-dad: two weak vowels
		{"cuidado", 3},      // cui-da-do
		{"aire", 2},         // ai-re
		{"Europa", 3},       // Eu-ro-pa
		{"poeta", 3},        // po-e-ta: two strong vowels
		{"leer", 2},         // le-er
		{"aéreo", 4},        // a-é-re-o
		{"día", 2},          // dí-a: the accent breaks the diphthong
		{"raíz", 2},         // ra-íz
		{"oído", 3},         // o-í-do
		{"reúne", 3},        // re-ú-ne
		{"caída", 3},        // ca-í-da
		{"buey", 1},         // a triphthong
		{"muy", 1},          // y after a vowel is a consonant sound
		{"guerra", 2},       // gue-rra: the u is silent
		{"que", 1},          // que
		{"pingüino", 3},     // pin-güi-no
		{"articulación", 5}, // ar-ti-cu-la-ción
		{"facetaria", 4},    // fa-ce-ta-ria
		{"hormigueo", 4},    // hor-mi-gue-o
		{"L5", 1}, {"y", 1}, {"20", 1},
		{"ÁREA", 3}, // capitals count the same
	}
	for _, c := range cases {
		if got := SyllablesES(c.word); got != c.want {
			t.Errorf("SyllablesES(%q) = %d, want %d", c.word, got, c.want)
		}
	}
}

func TestFernandezHuerta(t *testing.T) {
	// 8 words, 2 sentences, 16 syllables: P = 200, F = 4.
	// Me duele la espalda. La columna está rígida.
	// me(1) due(1)-le(1) la(1) es-pal-da(3) = 7; la(1) co-lum-na(3) es-tá(2) rí-gi-da(3) = 9.
	text := "Me duele la espalda. La columna está rígida."
	want := 206.84 - 0.60*200 - 1.02*4
	if got := FernandezHuerta(text); math.Abs(got-want) > 1e-9 {
		t.Errorf("FernandezHuerta = %.2f, want %.2f", got, want)
	}
	// Markdown marks are not words: the same text as a list item with bold scores the same
	// (a list item is one sentence unit, so write it as one line).
	if a, b := FernandezHuerta("Me duele la espalda."), FernandezHuerta("- **Me duele la espalda.**"); math.Abs(a-b) > 1e-9 {
		t.Errorf("markup changed the score: %.2f vs %.2f", a, b)
	}
	if got := FernandezHuerta(""); got != 100 {
		t.Errorf("empty text = %.2f, want 100", got)
	}
	// The corrected formula: the same words in shorter sentences read
	// easier, and longer words read harder.
	long := "El disco está entre dos vértebras y hace de cojín, y deja que la espalda se doble, y a veces se sale un poco de su sitio."
	short := "El disco está entre dos vértebras. Hace de cojín. Deja que la espalda se doble. A veces se sale un poco de su sitio."
	if FernandezHuerta(short) <= FernandezHuerta(long) {
		t.Errorf("shorter sentences should read easier: short %.1f, long %.1f", FernandezHuerta(short), FernandezHuerta(long))
	}
	plainWords := "La raíz del nervio sale por una ventana entre dos huesos."
	hardWords := "La radiculopatía intervertebral compromete estructuras neurológicas foraminales."
	if FernandezHuerta(hardWords) >= EasySpanish || FernandezHuerta(plainWords) < EasySpanish {
		t.Errorf("plain %.1f should pass and technical %.1f fail the bar of %.0f",
			FernandezHuerta(plainWords), FernandezHuerta(hardWords), EasySpanish)
	}
}
