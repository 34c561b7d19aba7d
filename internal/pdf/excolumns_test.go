package pdf

import (
	"testing"
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
