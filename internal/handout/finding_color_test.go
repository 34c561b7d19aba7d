package handout

import (
	"image/color"
	"testing"
)

// Every finding has its own colour and a label of its own, so two marks of
// different findings never look alike on the diagram or in the legend.
func TestFindingColorsAndLabels(t *testing.T) {
	colors := map[color.NRGBA]Finding{}
	for _, f := range Findings {
		c := f.Color()
		if prev, dup := colors[c]; dup {
			t.Errorf("%s and %s share a colour", f, prev)
		}
		colors[c] = f
		if f.Label() == string(f) {
			t.Errorf("%s has no label", f)
		}
	}
	if got := Finding("mystery").Color(); got != (color.NRGBA{110, 110, 110, 255}) {
		t.Errorf("an unknown finding is %v, want the neutral grey", got)
	}
}
