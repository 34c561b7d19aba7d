package diagram

import (
	"image/color"
	"slices"
	"sync"

	"chairside/internal/anatomy"
)

// Outlines kept between frames.
//
// Stroking a shape turns its Béziers into a ribbon of short lines
// (flattening, segment normals, mitres) and cuts it into the pieces it is
// rasterized in. That work depends only on the view's geometry, which never
// changes, and on the scale; the camera's translation merely moves the
// result. So the raster painter keeps, for the last few scales drawn, each
// shape's stroke ribbon without the translation, and a fresh render or a
// pan only rasterizes it in place. A new zoom level builds the ribbons
// again, once, as shapes are drawn.

// outlineKey says which drawing an outline set belongs to.
type outlineKey struct {
	view  anatomy.View
	scale float64 // pixels per model unit
}

// outlineSet holds one view's outlines at one scale, a slot per shape in
// paint order.
type outlineSet struct {
	key   outlineKey
	slots []outlineSlot
}

// outlineSlot is one shape's stroke, built on first use by whichever band
// draws the shape first.
type outlineSlot struct {
	once sync.Once
	// what was asked for: a later call asking for something else (not
	// expected: style and width follow from the view and scale) is drawn
	// without the slot rather than wrongly
	closeOpen bool
	c         color.NRGBA
	width     float64

	fill   color.NRGBA // the colour the ribbon is filled in
	segs   []rseg      // the ribbon, untranslated
	pieces []piece
}

// outlineSets is how many scales are kept: the screen's current one, the
// one before a zoom step, and a picture of another size being saved.
const outlineSets = 3

var (
	outlineMu    sync.Mutex
	outlineCache []*outlineSet // most recent first
)

// outlinesFor returns the outline set of a view at a scale, new and empty
// if it is not kept.
func outlinesFor(v anatomy.View, scale float64) *outlineSet {
	key := outlineKey{v, scale}
	outlineMu.Lock()
	defer outlineMu.Unlock()
	for i, s := range outlineCache {
		if s.key == key {
			copy(outlineCache[1:i+1], outlineCache[:i])
			outlineCache[0] = s
			return s
		}
	}
	s := &outlineSet{key: key, slots: make([]outlineSlot, len(anatomy.Shapes(v)))}
	outlineCache = append([]*outlineSet{s}, outlineCache...)
	if len(outlineCache) > outlineSets {
		outlineCache[outlineSets] = nil
		outlineCache = outlineCache[:outlineSets]
	}
	return s
}

// strokeShape strokes shape i of view v, whose path is ps, exactly as
// path followed by Stroke would, from the kept outline when there is one.
func (r *rasterPainter) strokeShape(v anatomy.View, i int, t Transform, ps anatomy.Path, closeOpen bool, c color.NRGBA, width float64) {
	set := outlinesFor(v, t.Scale)
	if i < 0 || i >= len(set.slots) {
		path(r, t, ps, closeOpen)
		r.Stroke(c, width)
		return
	}
	sl := &set.slots[i]
	sl.once.Do(func() {
		// built in this painter's path buffer, which is empty between
		// drawing calls, at the scale without translation
		r.segs = r.segs[:0]
		path(r, Transform{Scale: t.Scale, W: t.W, H: t.H}, ps, closeOpen)
		sl.fill = r.ribbon(c, width)
		sl.segs = slices.Clone(r.segs)
		sl.pieces = appendPieces(nil, sl.segs, sl.fill)
		sl.closeOpen, sl.c, sl.width = closeOpen, c, width
		r.segs = r.segs[:0]
	})
	if sl.closeOpen != closeOpen || sl.c != c || sl.width != width {
		path(r, t, ps, closeOpen)
		r.Stroke(c, width)
		return
	}
	for _, pc := range sl.pieces {
		r.fill(sl.segs[pc.start:pc.end], pc.box, sl.fill, t.Tx, t.Ty)
	}
}
