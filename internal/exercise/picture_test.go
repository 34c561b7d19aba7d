package exercise

import (
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
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
		compareGolden(t, filepath.Join("testdata", "pictures", e.slug+".png"), e.picture.Render(720, 320), *update)
	}
}

func compareGolden(t *testing.T, file string, img *image.RGBA, update bool) {
	t.Helper()
	if update {
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("%v (generate with -update, then look at the image)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", file, img.Bounds(), want.Bounds())
	}
	bad := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if absDiff(r1, r2) > 8<<8 || absDiff(g1, g2) > 8<<8 || absDiff(b1, b2) > 8<<8 {
				bad++
			}
		}
	}
	if bad > b.Dx()*b.Dy()/500 {
		t.Errorf("%s: %d pixels differ (run with -update after an intended change, and look at the image)", file, bad)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
