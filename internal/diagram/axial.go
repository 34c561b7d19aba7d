package diagram

import (
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/i18n"
)

// The view from above's own words, drawn over the picture: its title (the
// level), which way it faces, and a caption that warns that scans are shown
// the other way round, so a patient who holds an MRI report beside the
// handout is not misled about left and right. The shapes, the marks and
// the findings are drawn as in the other views (a View value per level,
// see anatomy.AxialView); only these words are the view's own.

// AxialTitle is the view's title in lang: "L4–L5 seen from above".
func AxialTitle(seg, lang string) string {
	return i18n.For(lang).F("axial.title", map[string]any{"Level": anatomy.SegmentLabel(seg)})
}

// drawAxialWords writes the title and caption in the top left corner and
// "Front" above the disc, "Back" below the spinous process.
func drawAxialWords(p Painter, sc Scene, words words, t Transform, w, h, ts float64) {
	seg, ok := sc.View.AxialLevel()
	if !ok {
		return
	}
	pal := sc.palette()
	size := baseLabelSize * ts
	y := 0.0
	if !sc.Inset {
		y = drawAxialCaption(p, pal, words, seg, w, size)
	}
	dir := words.sides()
	if r, ok := anatomy.StructureBounds(sc.View, "disc:"+seg); ok {
		x, top := t.ToPixel(anatomy.Point{X: r.Center().X, Y: r.Min.Y})
		if top-size*0.6 > y+size {
			p.Text(x, top-size*0.6, size, pal.label, AlignCenter, dir.front)
		}
	}
	upper, _, _ := strings.Cut(seg, "-")
	if r, ok := anatomy.StructureBounds(sc.View, "vertebra:"+upper); ok {
		x, bot := t.ToPixel(anatomy.Point{X: r.Center().X, Y: r.Max.Y})
		if bot+size*1.5 < h-size*2 {
			p.Text(x, bot+size*1.5, size, pal.label, AlignCenter, dir.back)
		}
	}
}

// drawAxialCaption writes the title and the caption in the top left
// corner, and returns the baseline of its last line.
func drawAxialCaption(p Painter, pal *Palette, words words, seg string, w, size float64) float64 {
	view, scans := words.word("axial.caption_view", ""), words.word("axial.caption_scans", "")
	title := AxialTitle(seg, words.lang)
	small := size * 0.85
	est := func(s string, size float64) float64 { return 0.62 * size * float64(len([]rune(s))) }
	pad := size * 0.6
	// the caption keeps to the box: a narrow panel gets smaller words
	if need := est(scans, small) + 2*pad; need > w {
		small *= w / need
		size = min(size, small/0.85)
	}
	y := pad + size
	lines := []struct {
		text string
		size float64
	}{{title, size * 1.1}, {view, small}, {scans, small}}
	wid := 0.0
	for _, l := range lines {
		wid = max(wid, est(l.text, l.size))
	}
	roundRect(p, pad*0.5, pad*0.4, pad*1.5+wid, pad+size*1.1+small*2.6, size*0.4)
	p.Fill(pal.orientationBG)
	for i, l := range lines {
		if i > 0 {
			y += l.size * 1.3
		}
		p.Text(pad, y, l.size, pal.label, AlignLeft, l.text)
	}
	return y
}
