package diagram

import (
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"chairside/assets"
)

// Labels use the DejaVu Sans embedded for handouts, so screen and paper
// share one typeface.
var (
	fontMu    sync.Mutex // opentype faces are not safe for concurrent use
	fontOnce  sync.Once
	labelFont *opentype.Font
	faces     = map[float64]font.Face{}
)

// faceFor returns the label face at a size (pixels), sizes rounded to a
// quarter pixel so a few faces serve every zoom. Callers hold fontMu.
func faceFor(size float64) font.Face {
	fontOnce.Do(func() {
		data, err := assets.Fonts.ReadFile("fonts/DejaVuSans.ttf")
		if err != nil {
			return
		}
		labelFont, _ = opentype.Parse(data)
	})
	if labelFont == nil {
		return nil
	}
	size = math.Round(size*4) / 4
	if f, ok := faces[size]; ok {
		return f
	}
	f, err := opentype.NewFace(labelFont, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	if len(faces) > 64 {
		faces = map[float64]font.Face{}
	}
	faces[size] = f
	return f
}
