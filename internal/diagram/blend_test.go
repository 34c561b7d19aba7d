package diagram

import (
	"bytes"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// A large translucent fill is blended through a table of each channel's
// mixes; every pixel must come out as the blend's own arithmetic gives it,
// at full, partial and no coverage, over any colour below.
func TestTranslucentTableBlendsAsTheFormula(t *testing.T) {
	const one = 255 * 255
	rng := rand.New(rand.NewPCG(13, 4))
	for _, c := range []color.NRGBA{{152, 60, 12, 150}, {84, 106, 136, 120}, {255, 255, 255, 1}, {0, 0, 0, 254}} {
		dst := image.NewRGBA(image.Rect(0, 0, 130, 90))
		for i := range dst.Pix {
			dst.Pix[i] = uint8(rng.IntN(256))
		}
		rect := image.Rect(3, 5, 123, 85) // 120x80: drawn through the table
		mask := make([]uint8, rect.Dx()*rect.Dy())
		for i := range mask {
			switch rng.IntN(3) {
			case 0:
				mask[i] = 255
			case 1:
				mask[i] = uint8(rng.IntN(256))
			}
		}
		want := image.NewRGBA(dst.Rect)
		copy(want.Pix, dst.Pix)
		for y := rect.Min.Y; y < rect.Max.Y; y++ {
			for x := rect.Min.X; x < rect.Max.X; x++ {
				a := uint32(mask[(y-rect.Min.Y)*rect.Dx()+x-rect.Min.X]) * uint32(c.A)
				px := want.Pix[want.PixOffset(x, y):]
				for ch, v := range []uint32{uint32(c.R), uint32(c.G), uint32(c.B), 255} {
					px[ch] = uint8((uint32(px[ch])*(one-a) + v*a + one/2) / one)
				}
			}
		}
		blend(dst, rect, mask, c)
		if !bytes.Equal(dst.Pix, want.Pix) {
			t.Errorf("colour %v: the table's blend differs from the formula", c)
		}
	}
}
