package exercise

import (
	"flag"
	"math"
	"path/filepath"
	"testing"

	"chairside/internal/figure/figuretest"
)

var update = flag.Bool("update", false, "rewrite the golden pictures")

// Every exercise has a picture whose two poses a body can take (each angle
// in its joint's range, one view), resting where it says it rests (within
// 3 cm, under 2% of the figure's height: what a drawing's eye allows).
func TestEveryPictureIsAPossiblePose(t *testing.T) {
	if len(catalog) < 24 {
		t.Errorf("%d exercises, want at least 24", len(catalog))
	}
	seen := map[string]bool{}
	for _, e := range catalog {
		if seen[e.slug] {
			t.Errorf("%s is listed twice", e.slug)
		}
		seen[e.slug] = true
		if err := e.picture.Validate(); err != nil {
			t.Errorf("%s: %v", e.slug, err)
		}
		if e.picture.Start == e.picture.End {
			t.Errorf("%s: the start and end poses are the same", e.slug)
		}
		for i, pts := range e.rests {
			for _, p := range pts {
				g, err := e.picture.Gap(i == 1, p)
				if err != nil || math.Abs(g) > 3 {
					t.Errorf("%s %s pose: the %s is %.1f cm off the floor, want it resting (%v)", e.slug, [2]string{"start", "end"}[i], p, g, err)
				}
			}
		}
		if err := e.dose.Validate(); err != nil {
			t.Errorf("%s: %v", e.slug, err)
		}
		if len(e.regions) == 0 {
			t.Errorf("%s: no region", e.slug)
		}
	}
}

// Golden images of every exercise picture; after a deliberate drawing
// change, run with -update and look at every one.
func TestPictureGolden(t *testing.T) {
	for _, e := range catalog {
		figuretest.CompareGolden(t, filepath.Join("testdata", "pictures", e.slug+".png"), e.picture.Render(720, 320), *update)
	}
}
