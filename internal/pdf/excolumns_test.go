package pdf

import (
	"sort"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// TestExercisesRunDownColumnsWhereRowsLeaveABlank: three exercises and the
// cautions print as two columns, read down the left and then the right,
// when a tall cell beside a short one would leave a blank under the short
// one (the Spanish hip-flexor stretch's three-line name beside the
// cautions); as rows when the columns save nothing, or when the rows would
// start on the page and the columns, one block, would not fit there.
func TestExercisesRunDownColumnsWhereRowsLeaveABlank(t *testing.T) {
	doc, err := newDocument(sampleHandout(), samplePatient(), sampleClinic(t))
	if err != nil {
		t.Fatal(err)
	}
	cellsOf := func(hs ...float64) []cell {
		out := make([]cell, len(hs))
		for i, h := range hs {
			out[i] = cell{h: h}
		}
		return out
	}
	// The handout so far: one block that leaves room below it.
	upTo := func(room float64) {
		doc.fl.items = []item{{kind: itemBlock, h: doc.g.bottom - doc.g.firstTop - room, draw: func(*drawer, float64, float64) {}}}
	}
	for _, c := range []struct {
		name    string
		room    float64
		heights []float64
		split   int
		h       float64
		ok      bool
	}{
		{"a tall cell beside the cautions", 500, []float64{150, 150, 180, 130}, 2, 316, true},
		{"cells alike", 500, []float64{150, 150, 150, 150}, 0, 0, false},
		{"two cells", 500, []float64{150, 180}, 0, 0, false},
		{"the first row fits, the columns do not", 200, []float64{150, 150, 180, 130}, 0, 0, false},
		{"neither starts on this page", 100, []float64{150, 150, 180, 130}, 2, 316, true},
	} {
		upTo(c.room)
		split, h, ok := doc.exerciseColumns(cellsOf(c.heights...))
		if split != c.split || h != c.h || ok != c.ok {
			t.Errorf("%s: columns (%d, %.1f, %v), want (%d, %.1f, %v)", c.name, split, h, ok, c.split, c.h, c.ok)
		}
	}
}

// TestTakeCareBesideThePictureWhereItSavesALine: "Take care: points …"
// goes under the dose, beside the picture, in an exercise whose heading
// and dose leave room there and whose "do not" line it would otherwise
// run onto a line of its own (the Spanish knee to chest); after the "do
// not" line in one where it would make the exercise taller (the Spanish
// pelvic tilt, whose name takes two lines beside the picture).
func TestTakeCareBesideThePictureWhereItSavesALine(t *testing.T) {
	c := libraryCases[5] // knee to chest, pelvic tilt, walking
	if c.exercises[0] != "exercise:knee-to-chest" || c.exercises[1] != "exercise:pelvic-tilt" {
		t.Fatalf("the case's exercises changed: %v", c.exercises)
	}
	h := libraryHandout(t, c, "es")
	cl := sampleClinic(t)
	cl.Paper = handout.Letter
	_, pages := render(t, h, samplePatient(), cl)
	// The left column of the exercises, top to bottom: the knee to chest,
	// then the pelvic tilt.
	var left []textRun
	for _, r := range pages[1].runs {
		if r.x < pages[1].w/2 {
			left = append(left, r)
		}
	}
	sort.SliceStable(left, func(i, j int) bool { return left[i].y > left[j].y })
	var order []string
	for _, r := range left {
		switch s := strings.TrimSpace(r.text); {
		case strings.HasPrefix(s, "Cuidado:"):
			order = append(order, "take care")
		case strings.HasPrefix(s, "Túmbese"):
			order = append(order, "first step")
		case strings.HasPrefix(s, "No haga esto:"):
			order = append(order, "do not")
		}
	}
	want := []string{"take care", "first step", "do not", "first step", "do not", "take care"}
	if strings.Join(order, ", ") != strings.Join(want, ", ") {
		t.Errorf("the left column reads %q, want %q", order, want)
	}
}
