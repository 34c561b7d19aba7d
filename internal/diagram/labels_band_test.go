package diagram

import (
	"testing"

	"chairside/internal/anatomy"
)

// box is the area a word covers, by the same generous estimate of DejaVu
// Sans' width the orientation words are sized with.
func (p placedText) box() pxRect {
	w := 0.62 * p.size * float64(len([]rune(p.s)))
	x0 := p.x
	switch p.align {
	case AlignRight:
		x0 = p.x - w
	case AlignCenter:
		x0 = p.x - w/2
	}
	return pxRect{x0, p.y - 0.75*p.size, x0 + w, p.y + 0.25*p.size}
}

// TestLevelLabelsClearTheOrientationWords: wherever the picture is framed
// (the printed handout frames the structures discussed, the clinician pans
// and zooms), no level label ("T11") is written over the orientation words
// in the bottom corners ("Front", "Patient's left") or cut by the
// picture's bottom edge. A printed mid-back handout showed both, in the
// side view and the view from behind, before labels in the bottom band
// were left out.
func TestLevelLabelsClearTheOrientationWords(t *testing.T) {
	for _, v := range []anatomy.View{anatomy.Lateral, anatomy.Posterior} {
		levels := map[string]bool{}
		for _, l := range anatomy.Labels(v) {
			levels[l.Text] = true
		}
		sides := NewRenderer().words.in("en").sides()
		corner := map[string]bool{sides.front: true, sides.back: true, sides.left: true, sides.right: true}
		_, vh := anatomy.ViewSize(v)
		// panels as printed (tall and narrow) and as on screen
		for _, size := range [][2]float64{{160, 260}, {200, 440}, {900, 900}} {
			w, h := size[0], size[1]
			for _, preset := range []anatomy.Preset{anatomy.Neck, anatomy.MidBack, anatomy.LowBack} {
				cam := PresetCamera(v, preset, w, h)
				// pan down the spine a fortieth of it at a time
				for step := -10; step <= 10; step++ {
					c := cam
					c.Center.Y += vh / 40 * float64(step)
					var rec textRecorder
					NewRenderer().Draw(&rec, Scene{View: v, Camera: c}, w, h)
					var labels, words []placedText
					for _, x := range rec.placed {
						switch {
						case levels[x.s]:
							labels = append(labels, x)
						case corner[x.s]:
							words = append(words, x)
						}
					}
					if len(words) != 2 {
						t.Fatalf("%v %gx%g: %d orientation words drawn, want 2", v, w, h, len(words))
					}
					for _, l := range labels {
						lb := l.box()
						if lb.y1 > h {
							t.Errorf("%v %gx%g %s pan %d: label %q cut by the bottom edge (its foot at %.1f of %g)", v, w, h, preset, step, l.s, lb.y1, h)
						}
						for _, o := range words {
							if lb.overlaps(o.box()) {
								t.Errorf("%v %gx%g %s pan %d: label %q written over %q", v, w, h, preset, step, l.s, o.s)
							}
						}
					}
				}
			}
		}
	}
}
