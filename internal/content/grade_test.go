package content

import (
	"math"
	"testing"
)

func TestSyllables(t *testing.T) {
	// Counted by hand, then checked against a dictionary's hyphenation.
	cases := map[string]int{
		"the": 1, "spine": 1, "bones": 1, "jumped": 1, "joint": 1, "crack": 1,
		"table": 2, "people": 2, "wanted": 2, "boxes": 2, "sacrum": 2, "muscle": 2, "nerve": 1,
		"cartilage": 3, "ligaments": 3, "vertebrae": 3, "every": 3, "business": 3,
		"cavitation": 4, "manipulation": 5, "intervertebral": 5, "radiculopathy": 6,
		"L4": 1, "20": 1,
	}
	for w, want := range cases {
		if got := syllables(w); got != want {
			t.Errorf("syllables(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestGradeHandCounted(t *testing.T) {
	fk := func(words, sentences, syllables float64) float64 {
		return 0.39*words/sentences + 11.8*syllables/words - 15.59
	}
	cases := []struct {
		name                  string
		text                  string
		words, sent, syllable int
	}{
		{
			// The(1) cat(1) sat(1) on(1) the(1) mat(1): 6 words, 6 syllables.
			"one short sentence", "The cat sat on the mat.", 6, 1, 6,
		},
		{
			// Your(1) spine(1) has(1) small(1) joints(1) at(1) the(1) back(1). = 8 words, 8 syllables
			// They(1) guide(1) how(1) it(1) moves(1). = 5 words, 5 syllables
			"two sentences", "Your spine has small joints at the back. They guide how it moves.", 13, 2, 13,
		},
		{
			// The(1) in·ter·ver·te·bral(5) disc(1) cush·ions(2) the(1) ver·te·brae(3). = 6 words, 13 syllables
			"long words", "The intervertebral disc cushions the vertebrae.", 6, 1, 13,
		},
		{
			// Heading "What it is" = 3 words, 3 syllables, one unit; bullet "Ca·vi·ta·tion(4) is(1) gas(1)" = 3 words, 6;
			// "No(1) bones(1) break(1)!" = 3 words, 3. Markdown marks are not words.
			"markdown", "## What it is\n\n- **Cavitation** is gas\n\nNo bones *break*!", 9, 3, 12,
		},
	}
	for _, c := range cases {
		w, s, syl := counts(PlainText(c.text))
		if w != c.words || s != c.sent || syl != c.syllable {
			t.Errorf("%s: counted %d words, %d sentences, %d syllables; by hand %d, %d, %d",
				c.name, w, s, syl, c.words, c.sent, c.syllable)
		}
		want := fk(float64(c.words), float64(c.sent), float64(c.syllable))
		if got := Grade(c.text); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: Grade = %.3f, want %.3f", c.name, got, want)
		}
	}
	// A plain passage scores low, a dense one high.
	easy := Grade("The sound is gas in the joint. It is not a bone. It does not hurt you.")
	hard := Grade("Intervertebral foraminal stenosis compromises the exiting radicular structures, producing characteristic dermatomal paraesthesia.")
	if easy > 3 || hard < 16 {
		t.Errorf("easy %.1f, hard %.1f", easy, hard)
	}
	if Grade("") != 0 || Grade("## \n\n") != 0 {
		t.Error("an empty text should have grade 0")
	}
	// "1.5" is one number, not two sentences.
	if w, s, _ := counts("It takes 1.5 days."); w != 4 || s != 1 {
		t.Errorf("decimal: %d words, %d sentences", w, s)
	}
}

func TestPlainText(t *testing.T) {
	// "*italic*" right under a list item continues that item, as in Markdown.
	in := "## Heading\nA paragraph that\nwraps over lines.\n\n- **Bold** item\n1. [Link](topic:x) step\n*italic*\n\nLast."
	want := "Heading\nA paragraph that wraps over lines.\nBold item\nLink step italic\nLast."
	if got := PlainText(in); got != want {
		t.Errorf("PlainText:\n got %q\nwant %q", got, want)
	}
}
