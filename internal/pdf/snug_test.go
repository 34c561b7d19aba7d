package pdf

import (
	"testing"

	"chairside/internal/handout"
)

// TestSnugOnlyWhereItSavesAPage: the explanations are set snug (9 pt on
// 10.8 instead of 9.5 on 11.4) only for a handout that would otherwise
// spill a few lines onto one more page, and it then prints whole on a page
// fewer; every handout that fits as usual is set as usual, and one that
// would spill anyway keeps the usual setting.
func TestSnugOnlyWhereItSavesAPage(t *testing.T) {
	cl := sampleClinic(t)
	cl.Paper = handout.Letter
	for _, c := range libraryCases {
		for _, lang := range []string{"en", "es"} {
			d, err := newDocument(libraryHandout(t, c, lang), samplePatient(), cl)
			if err != nil {
				t.Fatal(err)
			}
			if d.snug {
				t.Errorf("%s/%s: set snug, but it fits on %d pages as usual", c.name, lang, d.pages)
			}
		}
	}

	// The mid-back visit with a root, a vertebra, the mid back's pain and
	// the benefits and risks, in Spanish on Letter: set as usual, four
	// rows of its sources run onto page 3.
	items := []string{"nerve:T6:right", "vertebra:T7", "condition:mid-back-pain", "topic:benefits-and-risks"}
	h := libraryHandout(t, fourItemRegions[2].visitOf(items), "es")
	usual, err := composeHandout(h, samplePatient(), cl, false)
	if err != nil {
		t.Fatal(err)
	}
	if usual.pages != 3 || usual.lastPageHeight() > 40 {
		t.Fatalf("set as usual this handout prints %d pages, %.1f pt on the last: the test needs one that spills a few lines onto page 3", usual.pages, usual.lastPageHeight())
	}
	d, err := newDocument(h, samplePatient(), cl)
	if err != nil {
		t.Fatal(err)
	}
	if !d.snug || d.pages != 2 {
		t.Errorf("snug %v, %d pages; want it set snug on 2 pages", d.snug, d.pages)
	}
	_, pages := render(t, h, samplePatient(), cl)
	if len(pages) != 2 {
		t.Errorf("it prints %d pages, want 2", len(pages))
	}
	checkComplete(t, "snug", h, pages, false)

	// The same with every item's full text runs pages over: snug would
	// not save one, so it is not used.
	for i := range h.Items {
		h.Items[i].Full = true
	}
	if d, err = newDocument(h, samplePatient(), cl); err != nil {
		t.Fatal(err)
	}
	if d.snug {
		t.Errorf("the full text (%d pages) was set snug, which saves no page", d.pages)
	}
}
