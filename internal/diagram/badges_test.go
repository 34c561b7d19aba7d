package diagram

import (
	"strconv"
	"testing"

	"chairside/internal/anatomy"
)

// A badge that steps aside for another one steps into the picture, not
// past its right edge: in a narrow panel of the printed handout the
// stiffness mark of the right L4–L5 facet joint, pushed right by the
// disc's badge, was cut in half.
func TestCrowdedBadgesStayInThePicture(t *testing.T) {
	const w, h = 138, 290
	marks := []Mark{
		{Structure: "disc:L4-L5", Finding: "bulge"},
		{Structure: "nerve:L5:left", Finding: "irritation"},
		{Structure: "facet:L4-L5:right", Finding: "stiffness"},
	}
	for _, cam := range []Camera{
		framed(t, anatomy.Posterior, []string{"vertebra:L1", "vertebra:Co", "facet:L4-L5:right"}, w, h),
		framed(t, anatomy.Posterior, []string{"disc:L4-L5", "facet:L4-L5:right", "facet:L4-L5:left"}, w, h),
	} {
		var rec textRecorder
		NewRenderer().Draw(&rec, Scene{View: anatomy.Posterior, Camera: cam, Marks: marks, TextScale: 0.62}, w, h)
		seen := 0
		for _, p := range rec.placed {
			if _, err := strconv.Atoi(p.s); err != nil {
				continue
			}
			seen++
			rad := badgeRadius * 0.62
			if p.x+rad > w {
				t.Errorf("badge %s is centred at x=%.1f, cut by the picture's right edge (%d)", p.s, p.x, w)
			}
		}
		if seen != len(marks) {
			t.Errorf("%d badges drawn, want %d", seen, len(marks))
		}
	}
}

// framed is the camera that shows the given structures in a w x h box.
func framed(t *testing.T, v anatomy.View, ids []string, w, h float64) Camera {
	t.Helper()
	var r anatomy.Rect
	for i, id := range ids {
		b, ok := anatomy.StructureBounds(v, id)
		if !ok {
			t.Fatalf("%s is not drawn in %s", id, v)
		}
		if i == 0 {
			r = b
			continue
		}
		r.Min.X, r.Min.Y = min(r.Min.X, b.Min.X), min(r.Min.Y, b.Min.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, b.Max.X), max(r.Max.Y, b.Max.Y)
	}
	return CameraFor(v, r, w, h)
}
