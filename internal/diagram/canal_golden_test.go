package diagram

import (
	"path/filepath"
	"testing"

	"chairside/internal/anatomy"
)

// Golden images of the anatomy issue 13 added: the cord and the cauda
// equina in their sac, the base of the skull with the joints of the upper
// neck, the sacrum with its canal and holes, the pelvis and the sacroiliac
// joints, each selected or discussed so its outline shows. Regenerate with:
// go test ./internal/diagram -run Golden -update (and look at them).
func TestCanalGoldenImages(t *testing.T) {
	cam := func(v anatomy.View, p anatomy.Preset) Camera { return PresetCamera(v, p, 400, 600) }
	cases := []struct {
		name string
		sc   Scene
	}{
		{"lateral-neck-joints", Scene{View: anatomy.Lateral, Camera: cam(anatomy.Lateral, anatomy.Neck),
			Selected: "joint:C1-C2:left", Discussed: []string{"joint:C0-C1:left", "cord:spinal"}}},
		{"posterior-neck-joints", Scene{View: anatomy.Posterior, Camera: cam(anatomy.Posterior, anatomy.Neck),
			Selected: "joint:C0-C1:right", Discussed: []string{"joint:C1-C2:left", "cord:spinal"}}},
		{"lateral-lowback-cauda", Scene{View: anatomy.Lateral, Camera: cam(anatomy.Lateral, anatomy.LowBack),
			Selected: "cord:cauda-equina", Discussed: []string{"sacroiliac:left", "cord:spinal"}}},
		// the right joint from the side: seen through the sacrum
		{"lateral-lowback-sacroiliac-right", Scene{View: anatomy.Lateral, Camera: cam(anatomy.Lateral, anatomy.LowBack),
			Selected: "sacroiliac:right"}},
		{"posterior-lowback-sacroiliac-dark", Scene{View: anatomy.Posterior, Palette: Dark, Camera: cam(anatomy.Posterior, anatomy.LowBack),
			Selected: "sacroiliac:left", Discussed: []string{"cord:cauda-equina"}}},
		{"lateral-neck-dark", Scene{View: anatomy.Lateral, Palette: Dark, Camera: cam(anatomy.Lateral, anatomy.Neck)}},
	}
	for _, c := range cases {
		img := NewRenderer().Image(c.sc, 400, 600)
		file := filepath.Join("testdata", c.name+".png")
		if *update {
			writePNG(t, file, img)
			continue
		}
		want := readPNG(t, file)
		if want.Bounds() != img.Bounds() {
			t.Fatalf("%s: size %v, golden %v", c.name, img.Bounds(), want.Bounds())
		}
		bad := 0
		for y := 0; y < 600; y++ {
			for x := 0; x < 400; x++ {
				a, b := img.RGBAAt(x, y), want.RGBAAt(x, y)
				if absDiff(a.R, b.R) > 8 || absDiff(a.G, b.G) > 8 || absDiff(a.B, b.B) > 8 {
					bad++
				}
			}
		}
		if bad > 400*600/500 {
			t.Errorf("%s: %d pixels differ from %s (run with -update after an intended change)", c.name, bad, file)
			writePNG(t, filepath.Join(t.TempDir(), c.name+".png"), img)
		}
	}
}
