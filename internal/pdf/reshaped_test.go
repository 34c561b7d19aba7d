package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// standardHandout is the standard case of issue 14: four explained items
// (key points only, as a new handout has them), three marks and three
// exercises.
func standardHandout() handout.Handout {
	h := sampleHandout()
	for i := range h.Items {
		h.Items[i].KeyPoints = []string{
			"This is the first key point, in plain words.",
			"A second key point says what usually happens next.",
			"A third says what helps most people.",
		}
	}
	h.HomeCare.Stretches = append(h.HomeCare.Stretches, handout.Stretch{ID: "exercise:bridge", Name: "Bridge", Steps: []string{
		"Lie on your back with your knees bent and feet flat.",
		"Tighten your belly and lift your hips until your body is straight from knees to shoulders.",
		"Hold for 3 breaths, then lower slowly.",
	}, Cautions: "Do not arch your low back."})
	return h
}

func TestStandardHandoutFitsTwoPages(t *testing.T) {
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		for _, lang := range []string{"en", "es"} {
			t.Run(string(paper)+"/"+lang, func(t *testing.T) {
				h := standardHandout()
				h.Lang = lang
				c := sampleClinic(t)
				c.Paper = paper
				_, pages := render(t, h, samplePatient(), c)
				if len(pages) > 2 {
					t.Errorf("four items and three exercises print on %d pages, want at most 2", len(pages))
				}
				// The full text, where the clinician chooses it, is longer.
				for i := range h.Items {
					h.Items[i].Full = true
				}
				_, full := render(t, h, samplePatient(), c)
				if len(full) <= len(pages) {
					t.Errorf("the full version has %d pages, the short %d: want it longer", len(full), len(pages))
				}
			})
		}
	}
}

// TestFirstPageIsTheVisit checks page 1 carries the visit: what we found,
// what to do, and the red-flag box; the explanations come after.
func TestFirstPageIsTheVisit(t *testing.T) {
	_, pages := render(t, standardHandout(), samplePatient(), sampleClinic(t))
	first := allText(pages[:1])
	for _, w := range []string{"What we found", "Disc bulge – L4–L5 disc", "What to do", "Do these stretches twice a day",
		"José, keep walking every day", seekCareHeading} {
		if !strings.Contains(first, w) {
			t.Errorf("page 1 lacks %q", w)
		}
	}
	all := allText(pages)
	if strings.Index(all, "More about") < strings.Index(all, seekCareHeading) {
		t.Errorf("More about prints before the red-flag box")
	}
}

func TestKeyPointsByDefaultFullTextByChoice(t *testing.T) {
	h := standardHandout()
	h.Items[0].Full = true
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	text := allText(pages)
	if !strings.Contains(text, "Bulges are very common") {
		t.Errorf("the item marked full lacks its full text")
	}
	if strings.Contains(text, "Weakness lifting the big toe") {
		t.Errorf("an item not marked full printed its full text")
	}
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "This is the first key point, in plain words. A second key point") {
		t.Errorf("key points are not printed as one short paragraph")
	}
}

func TestBothSidesPrintOnce(t *testing.T) {
	h := standardHandout()
	for i := range h.Items { // each item its own key points, as in the library
		h.Items[i].KeyPoints = []string{fmt.Sprintf("Item %d's own point.", i+1), "A second key point says what usually happens next."}
	}
	left := h.Items[1]
	right := left
	right.Ref, right.Title = "nerve:L5:right", "The right L5 nerve root"
	right.KeyPoints = append(append([]string(nil), left.KeyPoints...), "On the right it can cause pain down the right leg.")
	right.Sources = []string{left.Sources[0], "Another source for the right."}
	h.Items = append(h.Items, right)
	for _, lang := range []string{"en", "es"} {
		h.Lang = lang
		_, pages := render(t, h, samplePatient(), sampleClinic(t))
		text := strings.Join(strings.Fields(allText(pages)), " ") // lines joined: sentences wrap
		want := map[string]string{"en": "L5 nerve roots (left and right)", "es": "Raíces nerviosas L5 (izquierda y derecha)"}[lang]
		if !strings.Contains(text, want) {
			t.Errorf("%s: no merged heading %q", lang, want)
		}
		if strings.Contains(text, "The right L5 nerve root") || strings.Contains(text, "The left L5 nerve root") {
			t.Errorf("%s: a side printed on its own", lang)
		}
		if n := strings.Count(text, "A second key point says what usually happens next."); n != 1 {
			t.Errorf("%s: a key point shared word for word printed %d times, want once (under the first item)", lang, n)
		}
		for i := range 4 {
			if n := strings.Count(text, fmt.Sprintf("Item %d's own point.", i+1)); n != 1 {
				t.Errorf("%s: item %d's own key point printed %d times, want once", lang, i+1, n)
			}
		}
		if !strings.Contains(text, "On the right it can cause pain down the right leg.") {
			t.Errorf("%s: the side-specific line is lost", lang)
		}
	}
}

func TestSourcesOnceNumbered(t *testing.T) {
	h := standardHandout()
	h.Items[2].Sources = append(h.Items[2].Sources, h.Items[0].Sources[1]) // NICE, shared with item 1
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	text := allText(pages)
	if n := strings.Count(text, "NICE guideline NG59"); n != 1 {
		t.Errorf("a shared source printed %d times, want once", n)
	}
	for _, w := range []string{"Sources 1, 2", "Sources 2, 4", "1. Brinjikji et al., 2015.", "2. NICE guideline NG59", "3. Gray's Anatomy", "4. Cohen & Raja, 2007.", "5. Kawchuk et al., 2015."} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
}

// TestExercisePicturesAreVector checks each exercise prints with its
// picture drawn as vector paths (a marked figure in the page's drawing),
// its dose in words and its "do not" line, and that the PDF holds no
// raster image for it. Stored stretches with old IDs print theirs too.
func TestExercisePicturesAreVector(t *testing.T) {
	h := standardHandout() // knee-to-chest and cat-cow under their old IDs
	c := sampleClinic(t)
	c.Logo = nil // the logo is the one raster image a handout may carry
	data, pages := render(t, h, samplePatient(), c)
	if bytes.Contains(data, []byte("/Subtype /Image")) {
		t.Errorf("the PDF holds a raster image")
	}
	figures := 0
	for _, p := range pages {
		figures += bytes.Count(p.content, []byte("/Figure BMC"))
	}
	spine := 2 + 1 // the side view, the view from behind and the disc's level from above (inset.go)
	if figures != spine+3 {
		t.Errorf("%d figures drawn, want %d (the spine's %d and 3 exercises)", figures, spine+3, spine)
	}
	text := runText(pages)
	for _, w := range []string{"How much: 3 times on each side, hold 20 seconds each time; twice a day, every day",
		"Do not: Do not rush or push to the end of the range.", "Exercise 3: Bridge"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
}

// TestHeadingAfterRedFlagBoxNotStranded: the home exercises' heading
// does not stay alone at the foot of the page under the red-flag box (the
// box is kept whole, which must not bind the heading after it to it).
func TestHeadingAfterRedFlagBoxNotStranded(t *testing.T) {
	h := standardHandout()
	h.ClinicianNotes, h.HomeCare.Instructions = "", "Walk every day."
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		c := sampleClinic(t)
		c.Paper = paper
		_, pages := render(t, h, samplePatient(), c)
		for i, p := range pages {
			lines := bodyLines(p)
			if n := len(lines); n > 0 && strings.Contains(lines[n-1], "Your home exercises") {
				t.Errorf("%s: page %d ends with the exercises' heading alone", paper, i+1)
			}
		}
	}
}
