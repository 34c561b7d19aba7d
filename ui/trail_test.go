package ui

import (
	"slices"
	"testing"
)

// The trail tells every listener of every change, in the order they
// registered (the window's list and tints first, then the handout desk),
// and says nothing when nothing changed.
func TestTrailTellsEveryListenerInOrder(t *testing.T) {
	var heard []string
	trail := &Trail{}
	trail.OnChange(func() { heard = append(heard, "window") })
	trail.OnChange(func() { heard = append(heard, "desk") })
	trail.Add("vertebra:L4")
	trail.Add("vertebra:L4") // already there: no change
	trail.Remove("vertebra:L4")
	trail.Add("vertebra:L4") // removed this visit: stays off
	trail.Clear()            // already empty
	want := []string{"window", "desk", "window", "desk"}
	if !slices.Equal(heard, want) {
		t.Errorf("listeners heard %v, want %v", heard, want)
	}
}
