// Package figuretest holds what the tests of the posable figure and of the
// exercise pictures drawn with it share: comparing a drawn picture with its
// golden PNG. Only tests import it.
package figuretest

import (
	"image"
	"image/png"
	"os"
	"testing"
)

// CompareGolden compares img with the PNG file, or rewrites the file with
// img when update is set (the tests' -update flag). Anti-aliasing may
// differ by a few levels per channel, and up to one pixel in 500 may differ
// more, so rounding differences between machines pass while a changed
// drawing fails.
func CompareGolden(t testing.TB, file string, img *image.RGBA, update bool) {
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
	if bad := DifferingPixels(img, want); bad < 0 {
		t.Fatalf("%s: size %v, golden %v", file, img.Bounds(), want.Bounds())
	} else if b := img.Bounds(); bad > b.Dx()*b.Dy()/500 {
		t.Errorf("%s: %d pixels differ (run with -update after an intended change, and look at the image)", file, bad)
	}
}

// DifferingPixels counts the pixels where got and want differ by more than
// 8 levels (of 255) or more in a colour channel; -1 when their sizes differ.
func DifferingPixels(got, want image.Image) int {
	b := got.Bounds()
	if want.Bounds() != b {
		return -1
	}
	bad := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if channelDiff(r1, r2) > 8<<8 || channelDiff(g1, g2) > 8<<8 || channelDiff(b1, b2) > 8<<8 {
				bad++
			}
		}
	}
	return bad
}

func channelDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
