package diagram

import (
	"image"
	"image/color"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// rasterPainter is the Painter behind Render: anti-aliased fills with
// golang.org/x/image/vector, strokes turned into filled outlines, text in
// the embedded DejaVu Sans.
type rasterPainter struct {
	dst  *image.RGBA
	off  image.Point // dst.Bounds().Min: box (0,0) lands here
	segs []rseg
	rz   vector.Rasterizer
}

type rseg struct {
	op     byte // 'M', 'L', 'C', 'Z'
	pts    [3][2]float64
	npoint int
}

func newRasterPainter(dst *image.RGBA) *rasterPainter {
	return &rasterPainter{dst: dst, off: dst.Bounds().Min}
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

// bounds is the pixel rectangle (in dst coordinates) touched by the current
// path grown by pad, clipped to dst.
func (r *rasterPainter) bounds(pad float64) (image.Rectangle, bool) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range r.segs {
		for i := 0; i < s.npoint; i++ {
			p := s.pts[i]
			x0, y0 = math.Min(x0, p[0]), math.Min(y0, p[1])
			x1, y1 = math.Max(x1, p[0]), math.Max(y1, p[1])
		}
	}
	if !(x0 <= x1) || math.IsNaN(x0+y0+x1+y1) {
		return image.Rectangle{}, false
	}
	b := r.dst.Bounds()
	rect := image.Rect(int(math.Floor(math.Max(x0-pad, -1))), int(math.Floor(math.Max(y0-pad, -1))),
		int(math.Ceil(math.Min(x1+pad, float64(b.Dx()+1)))), int(math.Ceil(math.Min(y1+pad, float64(b.Dy()+1)))))
	rect = rect.Add(r.off).Intersect(b)
	return rect, !rect.Empty()
}

func (r *rasterPainter) Fill(c color.NRGBA) {
	defer func() { r.segs = r.segs[:0] }()
	rect, ok := r.bounds(1)
	if !ok || c.A == 0 {
		return
	}
	r.rz.Reset(rect.Dx(), rect.Dy())
	ox, oy := float64(rect.Min.X-r.off.X), float64(rect.Min.Y-r.off.Y)
	f := func(p [2]float64) (float32, float32) { return float32(p[0] - ox), float32(p[1] - oy) }
	open := false
	for _, s := range r.segs {
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
	r.rz.Draw(r.dst, rect, image.NewUniform(c), image.Point{})
}

// Stroke turns the path into a filled outline: a quad per flattened
// segment plus round-ish joins at corners, all wound the same way so they
// merge under the rasterizer's non-zero rule.
func (r *rasterPainter) Stroke(c color.NRGBA, width float64) {
	if !(width > 0) || c.A == 0 {
		r.segs = r.segs[:0]
		return
	}
	if width < 1 {
		// thinner than a pixel: a one-pixel line in a lighter tone reads better
		c.A = uint8(float64(c.A) * width)
		width = 1
	}
	lines := r.flatten(0.3)
	r.segs = r.segs[:0]
	hw := width / 2
	for _, pl := range lines {
		pts := pl.pts
		n := len(pts)
		if n < 2 {
			continue
		}
		segN := n - 1
		if pl.closed {
			segN = n
		}
		for i := 0; i < segN; i++ {
			a, b := pts[i], pts[(i+1)%n]
			dx, dy := b[0]-a[0], b[1]-a[1]
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*hw, dx/l*hw
			r.MoveTo(a[0]+nx, a[1]+ny)
			r.LineTo(b[0]+nx, b[1]+ny)
			r.LineTo(b[0]-nx, b[1]-ny)
			r.LineTo(a[0]-nx, a[1]-ny)
			r.ClosePath()
		}
		// joins where the direction turns sharply, and caps on open lines
		for i := 0; i < n; i++ {
			if !pl.closed && (i == 0 || i == n-1) {
				r.octagon(pts[i], hw)
				continue
			}
			if hw < 0.6 {
				continue
			}
			a, p, b := pts[(i+n-1)%n], pts[i], pts[(i+1)%n]
			d1x, d1y := p[0]-a[0], p[1]-a[1]
			d2x, d2y := b[0]-p[0], b[1]-p[1]
			l1, l2 := math.Hypot(d1x, d1y), math.Hypot(d2x, d2y)
			if l1 == 0 || l2 == 0 || (d1x*d2x+d1y*d2y)/(l1*l2) < 0.985 {
				r.octagon(p, hw)
			}
		}
	}
	r.Fill(c)
}

// octagon adds a small round join, wound like the segment quads.
func (r *rasterPainter) octagon(p [2]float64, hw float64) {
	for k := 0; k < 8; k++ {
		a := -float64(k) * math.Pi / 4
		x, y := p[0]+hw*math.Cos(a), p[1]+hw*math.Sin(a)
		if k == 0 {
			r.MoveTo(x, y)
		} else {
			r.LineTo(x, y)
		}
	}
	r.ClosePath()
}

type polyline struct {
	pts    [][2]float64
	closed bool
}

// flatten turns the current path into polylines within tol pixels.
func (r *rasterPainter) flatten(tol float64) []polyline {
	var out []polyline
	var cur polyline
	var pen [2]float64
	flush := func() {
		if len(cur.pts) > 1 {
			out = append(out, cur)
		}
		cur = polyline{}
	}
	for _, s := range r.segs {
		switch s.op {
		case 'M':
			flush()
			pen = s.pts[0]
			cur.pts = append(cur.pts, pen)
		case 'L':
			pen = s.pts[0]
			cur.pts = append(cur.pts, pen)
		case 'C':
			p0, p1, p2, p3 := pen, s.pts[0], s.pts[1], s.pts[2]
			dd := math.Max(math.Hypot(p0[0]-2*p1[0]+p2[0], p0[1]-2*p1[1]+p2[1]),
				math.Hypot(p1[0]-2*p2[0]+p3[0], p1[1]-2*p2[1]+p3[1]))
			n := int(math.Ceil(math.Sqrt(dd * 0.75 / tol)))
			n = max(1, min(n, 48))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
				cur.pts = append(cur.pts, [2]float64{a*p0[0] + b*p1[0] + c*p2[0] + d*p3[0], a*p0[1] + b*p1[1] + c*p2[1] + d*p3[1]})
			}
			pen = p3
		case 'Z':
			if len(cur.pts) > 1 {
				first, last := cur.pts[0], cur.pts[len(cur.pts)-1]
				if first == last {
					cur.pts = cur.pts[:len(cur.pts)-1]
				}
			}
			cur.closed = true
			flush()
		}
	}
	flush()
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

// Render draws the scene to fill dst. The base drawing (everything but
// highlights and marks) of recent scenes is kept, so a hover change only
// repaints the overlay.
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
	p := newRasterPainter(dst)
	drawOverlay(p, sc, float64(b.Dx()), float64(b.Dy()))
}

// RenderImage renders the scene into a new w x h image.
func RenderImage(sc Scene, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	Render(img, sc)
	return img
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
	baseMu.Unlock()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	drawBase(newRasterPainter(img), sc, float64(w), float64(h))
	baseMu.Lock()
	baseCache = append([]baseEntry{{key, img}}, baseCache...)
	if len(baseCache) > baseCacheSize {
		baseCache = baseCache[:baseCacheSize]
	}
	baseMu.Unlock()
	return img
}
