package diagram

import (
	"image/color"
	"math"
)

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
