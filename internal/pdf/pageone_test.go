package pdf

import (
	"fmt"
	"strings"
	"testing"

	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// Page 1 is the visit (issue 14): the letterhead, the patient, what we
// found, what to do and the red-flag box; page 2 is the home exercises.

// multiRegionVisit is a visit whose findings run from the mid back to the
// sacrum, so the picture on page 1 shows most of the spine: it pushed the
// red-flag box onto page 2 in English too.
var multiRegionVisit = libraryCase{
	name:  "multi-region",
	items: []string{"disc:T5-T6", "disc:T10-T11", "nerve:S2:left", "condition:compression-fracture"},
	marks: []handout.Mark{
		{Structure: "disc:T5-T6", Finding: handout.Bulge},
		{Structure: "disc:T10-T11", Finding: handout.Degeneration, Note: "stiff after sitting"},
		{Structure: "nerve:S2:left", Finding: handout.Irritation},
	},
	notes:     "You asked about the cracking sound: it is gas in the joint fluid, nothing breaking. Keep walking daily.",
	exercises: []string{"exercise:knee-to-chest", "exercise:pelvic-tilt", "exercise:walking"},
}

// TestRedFlagBoxOnFirstPage: a visit whose findings span several regions
// still prints the whole red-flag box on page 1, on Letter and A4, in
// English and Spanish, with its letterhead and without; the picture
// gives up height for it, never below the usual panel's, and the
// handout stays on two pages.
func TestRedFlagBoxOnFirstPage(t *testing.T) {
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		for _, lang := range []string{"en", "es"} {
			for _, letterhead := range []bool{true, false} {
				name := fmt.Sprintf("%s/%s/letterhead=%v", paper, lang, letterhead)
				t.Run(name, func(t *testing.T) {
					h := libraryHandout(t, multiRegionVisit, lang)
					cl := handout.Clinic{Paper: paper}
					if letterhead {
						cl = sampleClinic(t)
						cl.Paper = paper
					}
					_, pages := render(t, h, samplePatient(), cl)
					first := strings.Join(strings.Fields(pages[0].text()), " ")
					w := pageWords(lang)
					if !strings.Contains(first, w.heading) {
						t.Fatalf("page 1 lacks the red-flag box's heading %q", w.heading)
					}
					// The box's last sign: the box prints whole on page 1.
					_, last := splitAction(h.SeekCare[len(h.SeekCare)-1])
					if !strings.Contains(first, firstWords(last, 6)) {
						t.Errorf("the red-flag box's last sign %q is not on page 1", firstWords(last, 6))
					}
					if len(pages) != 2 {
						t.Errorf("%d pages, want 2", len(pages))
					}
					checkComplete(t, name, h, pages, false)
					d, err := newDocument(h, samplePatient(), cl)
					if err != nil {
						t.Fatal(err)
					}
					if d.fig == nil || d.fig.panelH <= figPanelH {
						t.Errorf("the picture of most of the spine is not taller than the usual panel (%d pt)", figPanelH)
					}
				})
			}
		}
	}
}

// headings are the headings the page tests look for, in one language.
type headings struct{ heading, exercises string }

func pageWords(lang string) headings {
	w := i18n.For(lang)
	return headings{heading: w.T("handout.seekcare.heading"), exercises: w.T("handout.homecare.heading")}
}

// TestExercisesStartPageTwo: page 1 is the visit, so the home exercises
// start page 2 even where page 1 has room for their first row (a clinic
// without a letterhead, as the command line's default is), and the
// handout stays on two pages.
func TestExercisesStartPageTwo(t *testing.T) {
	for _, c := range libraryCases {
		for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
			for _, lang := range []string{"en", "es"} {
				t.Run(c.name+"/"+string(paper)+"/"+lang, func(t *testing.T) {
					h := libraryHandout(t, c, lang)
					_, pages := render(t, h, samplePatient(), handout.Clinic{Paper: paper})
					heading := pageWords(lang).exercises
					if p := pageOf(pages, heading); p != 2 {
						t.Errorf("the exercises' heading is on page %d, want 2", p)
					}
					if len(pages) != 2 {
						t.Errorf("%d pages, want 2", len(pages))
					}
				})
			}
		}
	}
}
