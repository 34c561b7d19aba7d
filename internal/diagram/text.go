package diagram

import (
	"io"
	"sync"

	"golang.org/x/image/font/opentype"

	"chairside/assets"
)

// labelFont is the labels' typeface, the DejaVu Sans embedded for handouts,
// so screen and paper share one typeface. It is parsed once for the whole
// program and shared by every renderer (a parsed font is read-only; the
// faces made from it are not, and each renderer keeps its own). It reads
// the embedded file in place rather than a copy of it on the heap (0.7 MB
// the idle app no longer holds). nil if the embedded file cannot be read,
// and then labels are left out.
var labelFont = sync.OnceValue(func() *opentype.Font {
	f, err := assets.Fonts.Open("fonts/DejaVuSans.ttf")
	if err != nil {
		return nil
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return nil
	}
	font, err := opentype.ParseReaderAt(ra)
	if err != nil {
		return nil
	}
	return font
})

// textAbove and textBelow bound, in ems, how far above and below its
// baseline any glyph of the label font reaches (its bounding box: 1.232
// and 0.463; TestTextBoundsHoldTheFont checks them): drawing a layer in
// strips skips a text where its glyphs cannot reach the strip.
const (
	textAbove = 1.24
	textBelow = 0.47
)
