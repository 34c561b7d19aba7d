package diagram

import (
	"image/color"
	"sync"
	"sync/atomic"
	"unsafe"

	"chairside/internal/anatomy"
)

// Outlines kept between frames.
//
// Drawing a shape records its path in pixels, turns the outline's Béziers
// into a stroke ribbon of short lines (flattening, segment normals,
// mitres) and cuts each path into the pieces it is rasterized in. That
// work depends only on the view's geometry, which never changes, and on
// the scale; the camera's translation merely moves the result. So a
// renderer keeps (outlineCache), for the last few scales drawn, each
// shape's steps ready to rasterize without the translation, and a fresh
// render or a pan only rasterizes them in place (the translation is added
// exactly as drawing in place would, so the pixels are the same). A new
// zoom level builds them again, once, as shapes are drawn.

// outlineKey says which drawing an outline set belongs to.
type outlineKey struct {
	view    anatomy.View
	scale   float64 // pixels per model unit
	palette *Palette
}

// outlineSet holds one view's outlines at one scale, a slot per shape in
// paint order.
type outlineSet struct {
	key   outlineKey
	slots []outlineSlot
	bytes atomic.Int64 // what the slots built so far take
}

// outlineSlot is one shape's drawing steps ready to rasterize, built on
// first use by whichever band draws the shape first.
type outlineSlot struct {
	once sync.Once
	ops  []readyOp
}

// readyOp is a shapeOp made ready: the path (for a stroke, its ribbon) in
// pixels without translation, cut into the pieces it is rasterized in.
type readyOp struct {
	// what was asked for: a later call asking for something else (not
	// expected: style and width follow from the view and scale) is drawn
	// without the slot rather than wrongly
	asked shapeOp

	fill   color.NRGBA // the colour the pieces are filled in
	segs   []rseg
	pieces []piece
}

// matches reports whether op asks for what r was made from. The path is
// the shape's own (slots are per view and shape), so its length will do.
func (r *readyOp) matches(op shapeOp) bool {
	a := r.asked
	return a.stroke == op.stroke && a.closeOpen == op.closeOpen && a.c == op.c && a.width == op.width && len(a.path) == len(op.path)
}

// keptShapes draws shapes through a renderer's own raster painter from the
// outlines the renderer keeps. Only the renderer makes one, for a painter
// it made: any other Painter (the PDF's) is sent every path.
type keptShapes struct {
	painter *rasterPainter
	cache   *outlineCache
}

// draw draws shape i of view v in palette pal, step by step exactly as path followed by
// Stroke or Fill would, from the kept outlines when there are.
func (k *keptShapes) draw(v anatomy.View, pal *Palette, i int, t Transform, ops []shapeOp) {
	r := k.painter
	set := k.cache.set(outlineKey{v, t.Scale, pal})
	if i < 0 || i >= len(set.slots) {
		runOps(r, t, ops)
		return
	}
	sl := &set.slots[i]
	sl.once.Do(func() {
		// built in this painter's path buffer, which is empty between
		// drawing calls, at the scale without translation. All steps share
		// one slice of segments and one of pieces: a zoom builds every
		// shape anew each frame, and fewer, larger allocations keep that
		// frame as quick as drawing without the cache.
		sl.ops = make([]readyOp, len(ops))
		type span struct{ s0, s1, p0, p1 int }
		spans := make([]span, len(ops))
		var segs []rseg
		var pieces []piece
		for k, op := range ops {
			r.segs = r.segs[:0]
			path(r, Transform{Scale: t.Scale, W: t.W, H: t.H}, op.path, op.closeOpen)
			fill := op.c
			if op.stroke {
				fill = r.ribbon(op.c, op.width)
			}
			sl.ops[k].asked, sl.ops[k].fill = op, fill
			sp := span{len(segs), len(segs), len(pieces), len(pieces)}
			if fill.A > 0 {
				segs = append(segs, r.segs...)
				pieces = appendPieces(pieces, r.segs, fill)
				sp.s1, sp.p1 = len(segs), len(pieces)
			}
			spans[k] = sp
		}
		for k, sp := range spans {
			sl.ops[k].segs = segs[sp.s0:sp.s1:sp.s1]
			sl.ops[k].pieces = pieces[sp.p0:sp.p1:sp.p1]
		}
		set.bytes.Add(int64(cap(segs))*int64(unsafe.Sizeof(rseg{})) + int64(cap(pieces))*int64(unsafe.Sizeof(piece{})) +
			int64(len(sl.ops))*int64(unsafe.Sizeof(readyOp{})))
		r.segs = r.segs[:0]
	})
	if len(sl.ops) != len(ops) {
		runOps(r, t, ops)
		return
	}
	for k, op := range ops {
		ro := &sl.ops[k]
		if !ro.matches(op) {
			runOps(r, t, ops[k:k+1])
			continue
		}
		for _, pc := range ro.pieces {
			r.fill(ro.segs[pc.start:pc.end], pc.box, ro.fill, t.Tx, t.Ty)
		}
	}
}
