package diagram

import (
	"sync"

	"golang.org/x/image/font/opentype"

	"chairside/assets"
)

// labelFont is the labels' typeface, the DejaVu Sans embedded for handouts,
// so screen and paper share one typeface. It is parsed once for the whole
// program and shared by every renderer (a parsed font is read-only; the
// faces made from it are not, and each renderer keeps its own). nil if the
// embedded file cannot be read, and then labels are left out.
var labelFont = sync.OnceValue(func() *opentype.Font {
	data, err := assets.Fonts.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		return nil
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil
	}
	return f
})
