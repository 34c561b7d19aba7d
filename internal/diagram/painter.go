package diagram

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"unsafe"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// rasterPainter is the Painter behind a Renderer's images: anti-aliased
// fills with golang.org/x/image/vector, strokes turned into filled outlines
// (stroke.go), text in the embedded DejaVu Sans. It belongs to one
// renderer, whose caches it draws from, and to one goroutine at a time.
type rasterPainter struct {
	dst     *image.RGBA
	off     image.Point // where box (0,0) lands in dst's coordinates
	faces   *faceCache  // the label faces of the renderer it belongs to
	segs    []rseg
	rz      vector.Rasterizer
	mask    []uint8     // coverage of the current fill, reused between fills
	alpha   image.Alpha // the mask being rasterized into (no allocation per fill)
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

	// drawing a layer in two halves side by side (halves.go)
	rec    *recording        // when set, fills and text are recorded, not drawn
	banded bool              // when set, only rows[0] <= y < rows[1] are written
	rows   [2]int            // in dst coordinates
	holes  []image.Rectangle // a fill lying wholly inside one is left out (see renderFresh)
	twin   *rasterPainter    // draws the other half
	recBuf recording
	arena  []uint8       // the coverage of the pieces this painter rasterizes for a recording
	half   image.RGBA    // dst's rows of the half (ownRows)
	src    image.Uniform // the colour of a solid fill or text
}

// bufferBytes is about how much the painter's largest buffers take: the
// masks and the path (the rasterizer's own are about as large as the
// largest mask).
func (r *rasterPainter) bufferBytes() int {
	return 2*cap(r.mask) + cap(r.arena) + cap(r.segs)*int(unsafe.Sizeof(rseg{})) + cap(r.recBuf.segs)*int(unsafe.Sizeof(rseg{}))
}

// rseg is one step of a path in box units.
type rseg struct {
	op     byte // 'M', 'L', 'C', 'Z'
	pts    [3][2]float64
	npoint int
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
		r.solid(c)
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

// fill rasterizes segs (closed subpaths, bounding box bb) moved by
// (dx, dy) and blends c through the coverage.
func (r *rasterPainter) fill(segs []rseg, bb box, c color.NRGBA, dx, dy float64) {
	rect, ok := r.pixelRect(box{bb.x0 + dx, bb.y0 + dy, bb.x1 + dx, bb.y1 + dy}, 1)
	if !ok {
		return
	}
	if r.rec != nil {
		r.rec.fill(r, rect, segs, c, dx, dy)
		return
	}
	if r.inHole(rect) {
		return
	}
	n := rect.Dx() * rect.Dy()
	if cap(r.mask) < n {
		r.mask = make([]uint8, n)
	}
	r.coverage(segs, rect, dx, dy, r.mask[:n])
	blend(r.dst, rect, r.mask[:n], c)
}

// coverage rasterizes segs (closed subpaths), moved by (dx, dy), over the
// pixels of rect into mask (rect's size, a row after another).
//
// The path is moved on the way: outlines kept between frames are stored
// without the camera's translation, so a pan reuses them.
func (r *rasterPainter) coverage(segs []rseg, rect image.Rectangle, dx, dy float64, mask []uint8) {
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
	// blended by the caller, skipping the empty pixels of the bounding box.
	r.alpha.Pix, r.alpha.Stride, r.alpha.Rect = mask, rect.Dx(), image.Rect(0, 0, rect.Dx(), rect.Dy())
	r.rz.DrawOp = draw.Src
	r.rz.Draw(&r.alpha, r.alpha.Rect, image.Opaque, image.Point{})
	r.alpha.Pix = nil
}

// solid paints the whole of dst (its rows, in a half) in opaque colour c.
func (r *rasterPainter) solid(c color.NRGBA) {
	if r.rec != nil {
		r.rec.solid(r, c)
		return
	}
	dst := r.ownRows()
	r.src.C = c
	draw.Draw(dst, dst.Bounds(), &r.src, image.Point{}, draw.Src)
}

// ownRows is dst, or in a half the part of it in the half's rows (kept in
// the painter: no allocation for each text or fill).
func (r *rasterPainter) ownRows() *image.RGBA {
	if !r.banded {
		return r.dst
	}
	b := r.dst.Bounds().Intersect(image.Rect(r.dst.Rect.Min.X, r.rows[0], r.dst.Rect.Max.X, r.rows[1]))
	if b.Empty() {
		r.half = image.RGBA{}
	} else {
		r.half = image.RGBA{Pix: r.dst.Pix[r.dst.PixOffset(b.Min.X, b.Min.Y):], Stride: r.dst.Stride, Rect: b}
	}
	return &r.half
}

// inHole reports whether pixel box rect lies wholly inside one of the
// painter's holes.
func (r *rasterPainter) inHole(rect image.Rectangle) bool {
	for _, h := range r.holes {
		if rect.In(h) {
			return true
		}
	}
	return false
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
	// A large translucent fill (a tint over a whole structure, the canal's
	// shading) lays the same mix over most of its pixels: at full coverage
	// each channel's result depends only on its old value, so the results
	// of all 256 are worked out once, with the same arithmetic, and looked up.
	var table *[4][256]uint8
	if !opaque && w*h >= tableArea {
		var mixes [4][256]uint8
		full, inv := 255*ca, 255*255-255*ca
		for v := range 256 {
			mixes[0][v], mixes[1][v], mixes[2][v], mixes[3][v] = over1(uint8(v), inv, cr*full), over1(uint8(v), inv, cg*full),
				over1(uint8(v), inv, cb*full), over1(uint8(v), inv, 255*full)
		}
		table = &mixes
	}
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
				if m == 255 && table != nil {
					px[0], px[1], px[2], px[3] = table[0][px[0]], table[1][px[1]], table[2][px[2]], table[3][px[3]]
					continue
				}
				a := uint32(m) * ca
				inv := 255*255 - a
				px[0], px[1], px[2], px[3] = over1(px[0], inv, cr*a), over1(px[1], inv, cg*a), over1(px[2], inv, cb*a), over1(px[3], inv, 255*a)
			}
		}
	}
}

// over1 is one channel of a premultiplied pixel, v, with a colour laid
// over it: inv is 255·255 less the colour's alpha a (coverage times alpha),
// ca the colour's channel times a.
func over1(v uint8, inv, ca uint32) uint8 {
	const one = 255 * 255
	return uint8((uint32(v)*inv + ca + one/2) / one)
}

// tableArea is the smallest box a translucent fill is blended in through
// a table (see blend): about where making the table costs less than it
// saves.
const tableArea = 64 * 64

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

func (r *rasterPainter) Text(x, y, size float64, c color.NRGBA, align Align, s string) {
	if s == "" || !(size > 0.5) || size > 400 {
		return
	}
	if r.rec != nil {
		r.rec.text(r, x, y, size, c, align, s)
		return
	}
	// in a half, glyphs are clipped to its rows: each pixel is drawn as before
	dst := r.ownRows()
	if dst.Bounds().Empty() {
		return
	}
	r.faces.mu.Lock()
	defer r.faces.mu.Unlock()
	face := r.faces.face(size)
	if face == nil {
		return
	}
	r.src.C = c
	d := font.Drawer{Dst: dst, Src: &r.src, Face: face}
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
