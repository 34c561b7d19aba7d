package pdf

import (
	"math"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// sizeOf is the size of the first run that contains s.
func sizeOf(pages []readPage, s string) float64 {
	for _, p := range pages {
		for _, r := range p.runs {
			if strings.Contains(r.text, s) {
				return r.size
			}
		}
	}
	return 0
}

// TestLargePrint: a large-print handout is the same paper, its body text
// 14 pt (10.5 pt otherwise), every other size grown alike, the text still
// inside the margins, and it runs to more pages than the usual print.
func TestLargePrint(t *testing.T) {
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		t.Run(string(paper), func(t *testing.T) {
			c := sampleClinic(t)
			c.Paper = paper
			h := standardHandout()
			h.Items[0].Full = true
			_, normal := render(t, h, samplePatient(), c)
			h.LargePrint = true
			_, large := render(t, h, samplePatient(), c)
			checkPages(t, large, paper)
			checkMargins(t, large)
			// Each kind of text grows by the same factor: the body of
			// an item in full 10.5 pt to 14, and so the title, the red-flag
			// box, the sources and the footer.
			for _, c := range []struct {
				text string
				size float64
			}{
				{"Your low back", sizeTitle},
				{"is a tough, springy pad", sizeBody},
				{"Call your emergency number now:", sizeBox},
				{"Brinjikji et al., 2015.", sizeSources},
				{"This handout is for education.", sizeFooter},
			} {
				if got := sizeOf(normal, c.text); math.Abs(got-c.size) > 0.01 {
					t.Errorf("usual print: %q at %.2f pt, want %.2f", c.text, got, c.size)
				}
				if got := sizeOf(large, c.text); math.Abs(got-c.size*largePrint) > 0.01 {
					t.Errorf("large print: %q at %.2f pt, want %.2f", c.text, got, c.size*largePrint)
				}
			}
			if got := sizeOf(large, "is a tough, springy pad"); math.Abs(got-14) > 0.01 {
				t.Errorf("large print body at %.2f pt, want 14", got)
			}
			if len(large) <= len(normal) {
				t.Errorf("large print has %d pages, the usual %d: want more", len(large), len(normal))
			}
		})
	}
}

// TestPagesCountsAsPrinted: Pages, the editor's page count, is the number
// of pages Write prints, in the usual and in large print.
func TestPagesCountsAsPrinted(t *testing.T) {
	for _, large := range []bool{false, true} {
		for _, n := range []int{1, 4, 12} {
			h := widowHandout(n, 2)
			h.LargePrint = large
			c := sampleClinic(t)
			want := len(func() []readPage { _, p := render(t, h, samplePatient(), c); return p }())
			got, err := Pages(h, samplePatient(), c)
			if err != nil || got != want {
				t.Errorf("large %v, %d items: Pages %d (%v), printed %d", large, n, got, err, want)
			}
		}
	}
	if _, err := Pages(sampleHandout(), samplePatient(), handout.Clinic{Paper: "legal"}); err == nil {
		t.Error("Pages took an unknown paper size")
	}
}
