package figuretest

import (
	"image"
	"image/color"
	"path/filepath"
	"testing"
)

func TestDifferingPixels(t *testing.T) {
	picture := func(w, h int) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = 0xff
		}
		return img
	}
	a, b := picture(10, 10), picture(10, 10)
	b.Set(1, 1, color.RGBA{0xff - 7, 0xff, 0xff, 0xff}) // within the tolerance
	b.Set(2, 2, color.RGBA{0xff - 8, 0xff, 0xff, 0xff}) // past it
	b.Set(3, 3, color.RGBA{0xff, 0xff, 0, 0xff})
	if n := DifferingPixels(a, b); n != 2 {
		t.Errorf("%d pixels differ, want 2", n)
	}
	if n := DifferingPixels(a, picture(10, 11)); n != -1 {
		t.Errorf("pictures of different sizes: %d, want -1", n)
	}
}

// A golden written with update reads back as matching, pixel for pixel.
func TestCompareGoldenRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.png")
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(5, 5, color.RGBA{0x10, 0x20, 0x30, 0xff})
	CompareGolden(t, file, img, true)
	CompareGolden(t, file, img, false)
}
