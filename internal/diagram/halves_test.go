package diagram

import (
	"image"
	"runtime"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// Drawing the highlights, findings, badges and words in two halves side by
// side must give the very picture one CPU draws, to the last bit: every
// finding kind, highlights and a selection seen through the spine, both
// palettes, the view from above with its words, and a picture whose split
// cuts through the scoliosis.
func TestHalvesDrawTheSamePicture(t *testing.T) {
	scenes := []struct {
		name string
		sc   Scene
		w, h int
	}{
		{"back view, every finding", Scene{View: anatomy.Posterior, Marks: everyFinding, Selected: "facet:L4-L5:left",
			Hover: "vertebra:T9", Discussed: []string{"nerve:L5:right", "disc:T7-T8"}}, 400, 600},
		{"side view, every finding, dark", Scene{View: anatomy.Lateral, Palette: Dark, Marks: everyFinding,
			Selected: "nerve:L5:right", Discussed: []string{"disc:L4-L5"}}, 400, 600},
		{"from above", Scene{View: anatomy.AxialView("L4-L5"), Selected: "nerve:L5:left",
			Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Detail: handout.Detail{Side: anatomy.Left}},
				{Structure: "facet:L4-L5:right", Finding: "arthritis"}}}, 500, 500},
		{"scoliosis, zoomed", Scene{View: anatomy.Posterior, TextScale: 1.4,
			Camera: PresetCamera(anatomy.Posterior, anatomy.LowBack, 300, 700),
			Marks:  []Mark{{Structure: "vertebra:L2", Finding: "scoliosis", Detail: handout.Detail{Side: anatomy.Left, Angle: 30}}}}, 300, 700},
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	for _, c := range scenes {
		runtime.GOMAXPROCS(1)
		one := NewRenderer().Image(c.sc, c.w, c.h)
		runtime.GOMAXPROCS(2)
		two := NewRenderer().Image(c.sc, c.w, c.h)
		// and through the findings' own entry, as the benchmarks draw them
		findings := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		copy(findings.Pix, one.Pix)
		r := NewRenderer()
		p := r.painter(findings, image.Point{})
		p.inHalves(func(q Painter) { r.drawFindings(q, Fit(c.sc, float64(c.w), float64(c.h)), c.sc) })
		r.release(p)
		runtime.GOMAXPROCS(1)
		straight := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		copy(straight.Pix, one.Pix)
		p = r.painter(straight, image.Point{})
		p.inHalves(func(q Painter) { r.drawFindings(q, Fit(c.sc, float64(c.w), float64(c.h)), c.sc) })
		r.release(p)
		for _, cmp := range []struct {
			what string
			a, b *image.RGBA
		}{{"picture", two, one}, {"findings", findings, straight}} {
			bad := 0
			for i := range cmp.a.Pix {
				if cmp.a.Pix[i] != cmp.b.Pix[i] {
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%s: the %s drawn in two halves differs from one CPU's in %d bytes", c.name, cmp.what, bad)
			}
		}
	}
}
