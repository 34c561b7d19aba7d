package diagram

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"chairside/internal/anatomy"
)

// rasterPainter is the Painter behind Render: anti-aliased fills with
// golang.org/x/image/vector, strokes turned into filled outlines, text in
// the embedded DejaVu Sans.
type rasterPainter struct {
	dst     *image.RGBA
	off     image.Point // dst.Bounds().Min: box (0,0) lands here
	segs    []rseg
	rz      vector.Rasterizer
	mask    image.Alpha // coverage of the current fill, reused between fills
	offsets [][2]float64
	normals [][2]float64
	// buffers of flatten, reused
	flatPts   [][2]float64
	flatSpans []struct {
		start, end int
		closed     bool
	}
	flatLines []polyline
	pieces    []piece
}

type rseg struct {
	op     byte // 'M', 'L', 'C', 'Z'
	pts    [3][2]float64
	npoint int
}

func newRasterPainter(dst *image.RGBA) *rasterPainter {
	return &rasterPainter{dst: dst, off: dst.Bounds().Min}
}

// bandPainter paints only the part of a box that falls in dst, a band of
// a larger image whose box starts at origin. Painters come from a pool so
// their rasterizer and mask buffers are reused frame after frame; give
// them back with release.
func bandPainter(dst *image.RGBA, origin image.Point) *rasterPainter {
	r := painters.Get().(*rasterPainter)
	r.dst, r.off, r.segs = dst, origin, r.segs[:0]
	return r
}

var painters = sync.Pool{New: func() any { return &rasterPainter{} }}

func (r *rasterPainter) release() {
	r.dst = nil
	painters.Put(r)
}

func (r *rasterPainter) MoveTo(x, y float64) {
	r.segs = append(r.segs, rseg{op: 'M', pts: [3][2]float64{{x, y}}, npoint: 1})
}
func (r *rasterPainter) LineTo(x, y float64) {
	r.segs = append(r.segs, rseg{op: 'L', pts: [3][2]float64{{x, y}}, npoint: 1})
}
func (r *rasterPainter) CubicTo(x1, y1, x2, y2, x, y float64) {
	r.segs = append(r.segs, rseg{op: 'C', pts: [3][2]float64{{x1, y1}, {x2, y2}, {x, y}}, npoint: 3})
}
func (r *rasterPainter) ClosePath() { r.segs = append(r.segs, rseg{op: 'Z'}) }

// pixelRect is the pixel rectangle (in dst coordinates) touched by a path
// with bounding box bb grown by pad, clipped to dst.
func (r *rasterPainter) pixelRect(bb box, pad float64) (image.Rectangle, bool) {
	if !bb.valid() {
		return image.Rectangle{}, false
	}
	b := r.dst.Bounds()
	lo := b.Min.Sub(r.off)
	hi := b.Max.Sub(r.off)
	rect := image.Rect(int(math.Floor(math.Max(bb.x0-pad, float64(lo.X-1)))), int(math.Floor(math.Max(bb.y0-pad, float64(lo.Y-1)))),
		int(math.Ceil(math.Min(bb.x1+pad, float64(hi.X+1)))), int(math.Ceil(math.Min(bb.y1+pad, float64(hi.Y+1)))))
	rect = rect.Add(r.off).Intersect(b)
	return rect, !rect.Empty()
}

func (r *rasterPainter) Fill(c color.NRGBA) {
	defer func() { r.segs = r.segs[:0] }()
	if c.A == 0 {
		return
	}
	if c.A == 255 && r.coversAll() {
		draw.Draw(r.dst, r.dst.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
		return
	}
	r.pieces = appendPieces(r.pieces[:0], r.segs, c)
	for _, pc := range r.pieces {
		r.fill(r.segs[pc.start:pc.end], pc.box, c, 0, 0)
	}
}

// piece is a run of closed subpaths of a path that is rasterized in one
// pass, with its bounding box.
type piece struct {
	start, end int
	box        box
}

// appendPieces splits a path to be filled in colour c into the pieces it
// is rasterized in. A translucent path is one piece (parts rasterized
// apart would darken where they overlap). An opaque union looks the same
// filled part by part, and parts far apart are cheaper apart (a vertebra
// seen from behind spreads its processes wide): neighbouring subpaths are
// grouped while their joint bounding box stays close to the sum of their
// own. Subpaths with a point that is not finite are left out.
func appendPieces(dst []piece, segs []rseg, c color.NRGBA) []piece {
	if c.A < 255 {
		if b := segBox(segs); b.valid() {
			dst = append(dst, piece{0, len(segs), b})
		}
		return dst
	}
	start, gStart := 0, 0
	var g box
	for i := 1; i <= len(segs); i++ {
		if i < len(segs) && segs[i].op != 'M' {
			continue
		}
		b := segBox(segs[start:i])
		if !b.valid() {
			if gStart < start {
				dst = append(dst, piece{gStart, start, g})
			}
			gStart = i
		} else if start == gStart {
			g = b
		} else if u := g.union(b); u.area() <= 1.3*(g.area()+b.area())+64 {
			g = u
		} else {
			dst = append(dst, piece{gStart, start, g})
			gStart, g = start, b
		}
		start = i
	}
	if gStart < len(segs) {
		dst = append(dst, piece{gStart, len(segs), g})
	}
	return dst
}

// box is a bounding box in box units.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) union(o box) box {
	return box{math.Min(b.x0, o.x0), math.Min(b.y0, o.y0), math.Max(b.x1, o.x1), math.Max(b.y1, o.y1)}
}

func (b box) area() float64 { return math.Max(0, b.x1-b.x0) * math.Max(0, b.y1-b.y0) }

// valid reports whether b bounds at least one point, all of them finite.
func (b box) valid() bool { return b.x0 <= b.x1 && b.y0 <= b.y1 }

// segBox is the bounding box of segs' points; it is not valid when a point
// is not finite (such a path is not drawn). It runs once for every piece of
// every fill, so it sticks to plain comparisons.
func segBox(segs []rseg) box {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	finite := 0.0 // stays 0 unless a coordinate is NaN or infinite
	for i := range segs {
		s := &segs[i]
		for _, p := range s.pts[:s.npoint] {
			finite += p[0] - p[0] + p[1] - p[1]
			if p[0] < b.x0 {
				b.x0 = p[0]
			}
			if p[0] > b.x1 {
				b.x1 = p[0]
			}
			if p[1] < b.y0 {
				b.y0 = p[1]
			}
			if p[1] > b.y1 {
				b.y1 = p[1]
			}
		}
	}
	if finite != 0 {
		return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	}
	return b
}

// fill rasterizes segs (closed subpaths, bounding box bb) and blends c
// through the coverage.
//
// The path is moved by (dx, dy) on the way: outlines kept between frames
// are stored without the camera's translation, so a pan reuses them.
func (r *rasterPainter) fill(segs []rseg, bb box, c color.NRGBA, dx, dy float64) {
	rect, ok := r.pixelRect(box{bb.x0 + dx, bb.y0 + dy, bb.x1 + dx, bb.y1 + dy}, 1)
	if !ok {
		return
	}
	r.rz.Reset(rect.Dx(), rect.Dy())
	// moved first, then made relative to rect: the very same arithmetic as
	// for a path drawn in place
	ox, oy := float64(rect.Min.X-r.off.X), float64(rect.Min.Y-r.off.Y)
	f := func(p [2]float64) (float32, float32) { return float32(p[0] + dx - ox), float32(p[1] + dy - oy) }
	open := false
	for _, s := range segs {
		switch s.op {
		case 'M':
			if open {
				r.rz.ClosePath()
			}
			r.rz.MoveTo(f(s.pts[0]))
			open = true
		case 'L':
			r.rz.LineTo(f(s.pts[0]))
		case 'C':
			x1, y1 := f(s.pts[0])
			x2, y2 := f(s.pts[1])
			x3, y3 := f(s.pts[2])
			r.rz.CubeTo(x1, y1, x2, y2, x3, y3)
		case 'Z':
			if open {
				r.rz.ClosePath()
			}
			open = false
		}
	}
	if open {
		r.rz.ClosePath()
	}
	// Coverage goes to an alpha mask (the rasterizer's fast path), then is
	// blended here, skipping the empty pixels of the bounding box.
	n := rect.Dx() * rect.Dy()
	if cap(r.mask.Pix) < n {
		r.mask.Pix = make([]uint8, n)
	}
	r.mask.Pix = r.mask.Pix[:n]
	r.mask.Stride = rect.Dx()
	r.mask.Rect = image.Rect(0, 0, rect.Dx(), rect.Dy())
	r.rz.DrawOp = draw.Src
	r.rz.Draw(&r.mask, r.mask.Rect, image.Opaque, image.Point{})
	blend(r.dst, rect, r.mask.Pix, c)
}

// blend lays colour c over dst inside rect through the coverage mask
// (dst is premultiplied, c is not: out = dst·(1−a) + c·a with a = mask·alpha).
func blend(dst *image.RGBA, rect image.Rectangle, mask []uint8, c color.NRGBA) {
	w, h := rect.Dx(), rect.Dy()
	ca := uint32(c.A)
	cr, cg, cb := uint32(c.R), uint32(c.G), uint32(c.B)
	solid := uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 0xff<<24
	two := uint64(solid) | uint64(solid)<<32
	opaque := ca == 255
	const one = 255 * 255
	for y := 0; y < h; y++ {
		row := mask[y*w : y*w+w]
		off := dst.PixOffset(rect.Min.X, rect.Min.Y+y)
		pix := dst.Pix[off : off+4*w]
		for x := 0; x < len(row); {
			// whole runs of eight empty or (for an opaque colour) fully
			// covered pixels are handled a word at a time
			if x+8 <= len(row) {
				v := binary.LittleEndian.Uint64(row[x : x+8])
				if v == 0 {
					x += 8
					continue
				}
				if v == ^uint64(0) && opaque {
					q := pix[4*x : 4*x+32]
					binary.LittleEndian.PutUint64(q[0:8], two)
					binary.LittleEndian.PutUint64(q[8:16], two)
					binary.LittleEndian.PutUint64(q[16:24], two)
					binary.LittleEndian.PutUint64(q[24:32], two)
					x += 8
					continue
				}
			}
			end := min(x+8, len(row))
			for ; x < end; x++ {
				m := row[x]
				if m == 0 {
					continue
				}
				px := pix[4*x : 4*x+4 : 4*x+4]
				if m == 255 && opaque {
					binary.LittleEndian.PutUint32(px, solid)
					continue
				}
				a := uint32(m) * ca
				inv := one - a
				px[0] = uint8((uint32(px[0])*inv + cr*a + one/2) / one)
				px[1] = uint8((uint32(px[1])*inv + cg*a + one/2) / one)
				px[2] = uint8((uint32(px[2])*inv + cb*a + one/2) / one)
				px[3] = uint8((uint32(px[3])*inv + 255*a + one/2) / one)
			}
		}
	}
}

// coversAll reports whether the current path is a rectangle holding the
// whole image (the background), which is filled without rasterizing.
func (r *rasterPainter) coversAll() bool {
	if len(r.segs) != 5 || r.segs[0].op != 'M' || r.segs[4].op != 'Z' {
		return false
	}
	b := r.dst.Bounds()
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range r.segs[:4] {
		if s.op != 'M' && s.op != 'L' {
			return false
		}
		p := s.pts[0]
		x0, y0 = math.Min(x0, p[0]), math.Min(y0, p[1])
		x1, y1 = math.Max(x1, p[0]), math.Max(y1, p[1])
	}
	// an axis-aligned rectangle has exactly two distinct x and two distinct y
	xs, ys := map[float64]bool{}, map[float64]bool{}
	for _, s := range r.segs[:4] {
		xs[s.pts[0][0]], ys[s.pts[0][1]] = true, true
	}
	return len(xs) == 2 && len(ys) == 2 && x0 <= float64(b.Min.X-r.off.X) && y0 <= float64(b.Min.Y-r.off.Y) &&
		x1 >= float64(b.Max.X-r.off.X) && y1 >= float64(b.Max.Y-r.off.Y)
}

// Stroke turns the path into a filled outline: each flattened subpath
// becomes a ribbon, its left edge forward and its right edge back, with
// mitred (limited) joins. Ribbons merge under the non-zero rule.
func (r *rasterPainter) Stroke(c color.NRGBA, width float64) {
	c = r.ribbon(c, width)
	r.Fill(c)
}

// ribbon replaces the current path by the outline of its stroke (see
// Stroke) and returns the colour to fill it in; an invisible stroke
// leaves an empty path.
func (r *rasterPainter) ribbon(c color.NRGBA, width float64) color.NRGBA {
	if !(width > 0) || c.A == 0 {
		r.segs = r.segs[:0]
		return c
	}
	if width < 1 {
		// thinner than a pixel: a one-pixel line in a lighter tone reads better
		c.A = uint8(float64(c.A) * width)
		width = 1
	}
	lines := r.flatten(0.4)
	r.segs = r.segs[:0]
	hw := width / 2
	for _, pl := range lines {
		pts := pl.pts
		n := len(pts)
		if n < 2 {
			continue
		}
		// the unit normal of each segment (segment i runs from point i to
		// the next), found once: each vertex needs the two around it
		nrm := r.normals[:0]
		for i := 0; i < n; i++ {
			p, q := pts[i], pts[(i+1)%n]
			x, y := unitNormal(q[0]-p[0], q[1]-p[1])
			nrm = append(nrm, [2]float64{x, y})
		}
		r.normals = nrm
		// per-vertex offset: the mitre of the two neighbouring segment normals
		off := r.offsets[:0]
		for i := 0; i < n; i++ {
			var a, b [2]float64
			hasA, hasB := i > 0 || pl.closed, i < n-1 || pl.closed
			if hasA {
				a = nrm[(i+n-1)%n]
			}
			if hasB {
				b = nrm[i]
			}
			if !hasA {
				a = b
			}
			if !hasB {
				b = a
			}
			mx, my := a[0]+b[0], a[1]+b[1]
			l := math.Sqrt(mx*mx + my*my)
			if l < 1e-9 {
				mx, my, l = a[0], a[1], 1
			}
			mx, my = mx/l, my/l
			// mitre length 1/cos(half angle), limited so spikes stay short
			k := mx*a[0] + my*a[1]
			k = hw / math.Max(k, 0.5)
			off = append(off, [2]float64{mx * k, my * k})
		}
		r.offsets = off
		segN := n - 1
		if pl.closed {
			segN = n
		}
		if c.A == 255 && segN > 2*strokeChunk {
			// Long opaque outlines go in short overlapping pieces: each has
			// a small bounding box, where one ribbon would rasterize the
			// whole shape's. One shared segment hides the joins.
			for s0 := 0; s0 < segN; s0 += strokeChunk {
				s1 := min(s0+strokeChunk+1, segN)
				r.MoveTo(pts[s0][0]+off[s0][0], pts[s0][1]+off[s0][1])
				for i := s0 + 1; i <= s1; i++ {
					r.LineTo(pts[i%n][0]+off[i%n][0], pts[i%n][1]+off[i%n][1])
				}
				for i := s1; i >= s0; i-- {
					r.LineTo(pts[i%n][0]-off[i%n][0], pts[i%n][1]-off[i%n][1])
				}
				r.ClosePath()
			}
			continue
		}
		r.MoveTo(pts[0][0]+off[0][0], pts[0][1]+off[0][1])
		for i := 1; i < n; i++ {
			r.LineTo(pts[i][0]+off[i][0], pts[i][1]+off[i][1])
		}
		if pl.closed {
			r.ClosePath()
			r.MoveTo(pts[n-1][0]-off[n-1][0], pts[n-1][1]-off[n-1][1])
		}
		for i := n - 1; i >= 0; i-- {
			if pl.closed && i == n-1 {
				continue
			}
			r.LineTo(pts[i][0]-off[i][0], pts[i][1]-off[i][1])
		}
		r.ClosePath()
	}
	return c
}

// strokeChunk is the number of flattened segments per piece of a long outline.
const strokeChunk = 12

// unitNormal is the left normal of (dx, dy), of length 1 (zero for a zero
// vector). Pixel coordinates never overflow, so no math.Hypot needed.
func unitNormal(dx, dy float64) (float64, float64) {
	l := math.Sqrt(dx*dx + dy*dy)
	if l == 0 {
		return 0, 0
	}
	return -dy / l, dx / l
}

type polyline struct {
	pts    [][2]float64
	closed bool
}

// flatten turns the current path into polylines within tol pixels. The
// points live in a buffer the painter reuses, valid until the next call.
func (r *rasterPainter) flatten(tol float64) []polyline {
	pts := r.flatPts[:0]
	type span struct {
		start, end int
		closed     bool
	}
	spans := r.flatSpans[:0]
	start := 0
	var pen [2]float64
	flush := func(closed bool) {
		if len(pts)-start > 1 {
			spans = append(spans, span{start, len(pts), closed})
		}
		start = len(pts)
	}
	for _, s := range r.segs {
		switch s.op {
		case 'M':
			flush(false)
			pen = s.pts[0]
			pts = append(pts, pen)
		case 'L':
			pen = s.pts[0]
			pts = append(pts, pen)
		case 'C':
			p0, p1, p2, p3 := pen, s.pts[0], s.pts[1], s.pts[2]
			// dd is the larger second difference of the control points
			// (squared, so one square root serves both)
			ax, ay := p0[0]-2*p1[0]+p2[0], p0[1]-2*p1[1]+p2[1]
			bx, by := p1[0]-2*p2[0]+p3[0], p1[1]-2*p2[1]+p3[1]
			dd := math.Sqrt(math.Max(ax*ax+ay*ay, bx*bx+by*by))
			n := int(math.Ceil(math.Sqrt(dd * 0.75 / tol)))
			n = max(1, min(n, 48))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
				pts = append(pts, [2]float64{a*p0[0] + b*p1[0] + c*p2[0] + d*p3[0], a*p0[1] + b*p1[1] + c*p2[1] + d*p3[1]})
			}
			pen = p3
		case 'Z':
			if len(pts)-start > 1 && pts[start] == pts[len(pts)-1] {
				pts = pts[:len(pts)-1]
			}
			flush(true)
		}
	}
	flush(false)
	r.flatPts, r.flatSpans = pts, spans
	out := r.flatLines[:0]
	for _, sp := range spans {
		out = append(out, polyline{pts: pts[sp.start:sp.end:sp.end], closed: sp.closed})
	}
	r.flatLines = out
	return out
}

func (r *rasterPainter) Text(x, y, size float64, c color.NRGBA, align Align, s string) {
	if s == "" || !(size > 0.5) || size > 400 {
		return
	}
	fontMu.Lock()
	defer fontMu.Unlock()
	face := faceFor(size)
	if face == nil {
		return
	}
	d := font.Drawer{Dst: r.dst, Src: image.NewUniform(c), Face: face}
	w := float64(d.MeasureString(s)) / 64
	switch align {
	case AlignCenter:
		x -= w / 2
	case AlignRight:
		x -= w
	}
	d.Dot = fixed.Point26_6{X: fixed.Int26_6((x + float64(r.off.X)) * 64), Y: fixed.Int26_6((y + float64(r.off.Y)) * 64)}
	d.DrawString(s)
}

// Render draws the scene to fill dst. The plain drawing (no highlights)
// of recent scenes is kept; a repaint copies it and redraws, clipped to
// the highlighted structures, only the pieces of the drawing around them,
// so a hover change costs a fraction of a full drawing and looks the same.
func Render(dst *image.RGBA, sc Scene) {
	if dst == nil {
		return
	}
	b := dst.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return
	}
	base := baseLayer(sc, b.Dx(), b.Dy())
	for y := 0; y < b.Dy(); y++ {
		copy(dst.Pix[dst.PixOffset(b.Min.X, b.Min.Y+y):dst.PixOffset(b.Min.X, b.Min.Y+y)+4*b.Dx()],
			base.Pix[y*base.Stride:y*base.Stride+4*b.Dx()])
	}
	drawSession(dst, sc)
}

// drawSession redraws, over the plain drawing in dst, the areas around the
// highlighted structures with their tints, then the tags and badges.
func drawSession(dst *image.RGBA, sc Scene) {
	b := dst.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	t := Fit(sc, w, h)
	hl := highlights(sc, lineWidth(t))
	for _, r := range highlightRects(sc, t, hl) {
		clip := image.Rect(int(math.Floor(r.x0)), int(math.Floor(r.y0)), int(math.Ceil(r.x1)), int(math.Ceil(r.y1))).Add(b.Min).Intersect(b)
		if clip.Empty() {
			continue
		}
		pr := pxRect{float64(clip.Min.X - b.Min.X), float64(clip.Min.Y - b.Min.Y), float64(clip.Max.X - b.Min.X), float64(clip.Max.Y - b.Min.Y)}
		bp := bandPainter(dst.SubImage(clip).(*image.RGBA), b.Min)
		drawScene(bp, sc, w, h, hl, &pr)
		bp.release()
	}
	tp := bandPainter(dst, b.Min)
	drawTop(tp, sc, w, h)
	tp.release()
}

// highlightRects are the box areas the highlights touch, merged where they
// overlap.
func highlightRects(sc Scene, t Transform, hl map[string][]tintStyle) []pxRect {
	var rs []pxRect
	for id, tints := range hl {
		r, ok := anatomy.StructureBounds(sc.View, id)
		if !ok {
			continue
		}
		m := 3.0
		for _, ts := range tints {
			m = math.Max(m, ts.width+3)
		}
		x0, y0 := t.ToPixel(r.Min)
		x1, y1 := t.ToPixel(r.Max)
		q := pxRect{math.Max(x0-m, 0), math.Max(y0-m, 0), math.Min(x1+m, t.W), math.Min(y1+m, t.H)}
		if q.x1 <= q.x0 || q.y1 <= q.y0 {
			continue
		}
		rs = append(rs, q)
	}
	// merge until no two overlap
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(rs) && !merged; i++ {
			for j := i + 1; j < len(rs); j++ {
				if rs[i].overlaps(rs[j]) {
					a, c := rs[i], rs[j]
					rs[i] = pxRect{math.Min(a.x0, c.x0), math.Min(a.y0, c.y0), math.Max(a.x1, c.x1), math.Max(a.y1, c.y1)}
					rs = append(rs[:j], rs[j+1:]...)
					merged = true
					break
				}
			}
		}
	}
	return rs
}

// RenderImage renders the scene into a new w x h image without touching the
// cache (a one-off picture has no hover to repaint). It takes the same steps
// as Render, so both give the very same pixels.
func RenderImage(sc Scene, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	renderFresh(img, sc)
	return img
}

// renderFresh draws the whole scene into img from scratch.
func renderFresh(img *image.RGBA, sc Scene) {
	if img.Bounds().Empty() {
		return
	}
	drawSceneBands(img, sc, nil)
	drawSession(img, sc)
}

type baseKey struct {
	view   string
	camera Camera
	ts     float64
	w, h   int
}

var (
	baseMu    sync.Mutex
	baseCache []baseEntry // most recent first
)

type baseEntry struct {
	key baseKey
	img *image.RGBA
}

const baseCacheSize = 3

// baseLayer returns the (shared, read-only) base drawing for a scene.
func baseLayer(sc Scene, w, h int) *image.RGBA {
	key := baseKey{string(sc.View), sc.Camera, textScale(sc), w, h}
	baseMu.Lock()
	for i, e := range baseCache {
		if e.key == key {
			copy(baseCache[1:i+1], baseCache[:i])
			baseCache[0] = e
			baseMu.Unlock()
			return e.img
		}
	}
	// reuse the pixels of the entry about to be evicted
	var img *image.RGBA
	if len(baseCache) == baseCacheSize {
		if old := baseCache[baseCacheSize-1].img; cap(old.Pix) >= 4*w*h {
			img = &image.RGBA{Pix: old.Pix[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
		}
		baseCache = baseCache[:baseCacheSize-1]
	}
	baseMu.Unlock()
	if img == nil {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	drawSceneBands(img, sc, nil)
	baseMu.Lock()
	baseCache = append([]baseEntry{{key, img}}, baseCache...)
	if len(baseCache) > baseCacheSize {
		baseCache = baseCache[:baseCacheSize]
	}
	baseMu.Unlock()
	return img
}

// drawSceneBands draws the scene in two horizontal bands, side by side on
// two CPUs where there are, so a zoom or pan repaints in about half the
// time. The number of bands is fixed, not taken from the number of CPUs:
// a band clips the same drawing, but edges crossing a band's border are
// rounded a hair differently, and the picture (which the widget tests
// compare pixel for pixel) must not depend on the machine it is drawn on.
func drawSceneBands(img *image.RGBA, sc Scene, hl map[string][]tintStyle) {
	b := img.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	n := min(renderBands, max(1, b.Dy()/128))
	if n <= 1 {
		bp := bandPainter(img, b.Min)
		drawScene(bp, sc, w, h, hl, nil)
		bp.release()
		return
	}
	band := func(i int) {
		y0 := b.Min.Y + b.Dy()*i/n
		y1 := b.Min.Y + b.Dy()*(i+1)/n
		clip := pxRect{0, float64(y0 - b.Min.Y), w, float64(y1 - b.Min.Y)}
		bp := bandPainter(img.SubImage(image.Rect(b.Min.X, y0, b.Max.X, y1)).(*image.RGBA), b.Min)
		drawScene(bp, sc, w, h, hl, &clip)
		bp.release()
	}
	if runtime.GOMAXPROCS(0) < 2 {
		for i := 0; i < n; i++ {
			band(i)
		}
		return
	}
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			band(i)
		}()
	}
	band(0)
	wg.Wait()
}

// renderBands is how many bands a picture is drawn in (see drawSceneBands).
const renderBands = 2
