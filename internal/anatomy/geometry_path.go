package anatomy

import "math"

// Point is a position in a view's model space (see ViewSize). Y grows downwards.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle in model space.
type Rect struct{ Min, Max Point }

// Dx is the rectangle's width.
func (r Rect) Dx() float64 { return r.Max.X - r.Min.X }

// Dy is the rectangle's height.
func (r Rect) Dy() float64 { return r.Max.Y - r.Min.Y }

// Center is the middle of the rectangle.
func (r Rect) Center() Point { return Point{(r.Min.X + r.Max.X) / 2, (r.Min.Y + r.Max.Y) / 2} }

// Contains reports whether p lies inside r (edges included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// Union is the smallest rectangle holding r and s; an empty r gives s.
func (r Rect) Union(s Rect) Rect {
	if r.Empty() {
		return s
	}
	if s.Empty() {
		return r
	}
	return Rect{Point{math.Min(r.Min.X, s.Min.X), math.Min(r.Min.Y, s.Min.Y)},
		Point{math.Max(r.Max.X, s.Max.X), math.Max(r.Max.Y, s.Max.Y)}}
}

// Empty reports whether r holds no area.
func (r Rect) Empty() bool { return r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y }

// Inset grows (d < 0) or shrinks (d > 0) r by d on every side.
func (r Rect) Inset(d float64) Rect {
	return Rect{Point{r.Min.X + d, r.Min.Y + d}, Point{r.Max.X - d, r.Max.Y - d}}
}

func (p Point) add(q Point) Point        { return Point{p.X + q.X, p.Y + q.Y} }
func (p Point) sub(q Point) Point        { return Point{p.X - q.X, p.Y - q.Y} }
func (p Point) mul(k float64) Point      { return Point{p.X * k, p.Y * k} }
func (p Point) dot(q Point) float64      { return p.X*q.X + p.Y*q.Y }
func (p Point) len() float64             { return math.Hypot(p.X, p.Y) }
func (p Point) perp() Point              { return Point{-p.Y, p.X} }
func lerpPt(a, b Point, t float64) Point { return Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }

func (p Point) unit() Point {
	l := p.len()
	if l == 0 {
		return Point{}
	}
	return p.mul(1 / l)
}

// PathOp is one drawing instruction of a Path.
type PathOp uint8

// Path instructions. A Path is a list of closed outlines (subpaths); every
// subpath starts with OpMove and ends with OpClose.
const (
	OpMove  PathOp = iota // start a subpath at Pts[0]
	OpLine                // straight line to Pts[0]
	OpCubic               // cubic Bézier with controls Pts[0], Pts[1], ending at Pts[2]
	OpClose               // back to the subpath's start
)

// Segment is one instruction of a Path; only the points the op uses are set.
type Segment struct {
	Op  PathOp
	Pts [3]Point
}

// Path is a vector outline in model space: closed subpaths of lines and
// cubic Béziers, filled with the non-zero winding rule.
type Path []Segment

func (p *Path) moveTo(a Point)        { *p = append(*p, Segment{Op: OpMove, Pts: [3]Point{a}}) }
func (p *Path) lineTo(a Point)        { *p = append(*p, Segment{Op: OpLine, Pts: [3]Point{a}}) }
func (p *Path) cubicTo(a, b, c Point) { *p = append(*p, Segment{Op: OpCubic, Pts: [3]Point{a, b, c}}) }
func (p *Path) close()                { *p = append(*p, Segment{Op: OpClose}) }
func (p *Path) append(q Path)         { *p = append(*p, q...) }

// mapPts maps the points each instruction uses; the unused ones stay
// zero, as moveTo, lineTo and close leave them, so that a path has one
// form and the prebuilt drawing (geometry_prebuilt.go) can store only the
// points that count.
func (p Path) mapPts(f func(Point) Point) Path {
	out := make(Path, len(p))
	for i, s := range p {
		out[i].Op = s.Op
		for j := range s.Op.points() {
			out[i].Pts[j] = f(s.Pts[j])
		}
	}
	return out
}

// points is how many of a segment's points the instruction uses.
func (op PathOp) points() int {
	switch op {
	case OpMove, OpLine:
		return 1
	case OpCubic:
		return 3
	}
	return 0
}

// Bounds is the rectangle holding every point of the path, control points
// included (so it may be a little larger than the drawn outline).
func (p Path) Bounds() Rect {
	r := Rect{Point{math.Inf(1), math.Inf(1)}, Point{math.Inf(-1), math.Inf(-1)}}
	grow := func(q Point) {
		r.Min.X, r.Min.Y = math.Min(r.Min.X, q.X), math.Min(r.Min.Y, q.Y)
		r.Max.X, r.Max.Y = math.Max(r.Max.X, q.X), math.Max(r.Max.Y, q.Y)
	}
	for _, s := range p {
		switch s.Op {
		case OpMove, OpLine:
			grow(s.Pts[0])
		case OpCubic:
			grow(s.Pts[0])
			grow(s.Pts[1])
			grow(s.Pts[2])
		}
	}
	if math.IsInf(r.Min.X, 1) {
		return Rect{}
	}
	return r
}

// Flatten turns the path into closed polygons whose edges stay within tol
// of the curves. It is what the hit test and the PDF-free renderers use.
func (p Path) Flatten(tol float64) [][]Point {
	var polys [][]Point
	var cur []Point
	var start, pen Point
	flush := func() {
		if len(cur) >= 3 {
			polys = append(polys, cur)
		}
		cur = nil
	}
	for _, s := range p {
		switch s.Op {
		case OpMove:
			flush()
			start, pen = s.Pts[0], s.Pts[0]
			cur = []Point{pen}
		case OpLine:
			pen = s.Pts[0]
			cur = append(cur, pen)
		case OpCubic:
			cur = flattenCubic(cur, pen, s.Pts[0], s.Pts[1], s.Pts[2], tol)
			pen = s.Pts[2]
		case OpClose:
			pen = start
			flush()
		}
	}
	flush()
	return polys
}

// flattenCubic appends points along the cubic p0..p3 (p0 excluded), with a
// segment count from the control polygon's deviation.
func flattenCubic(dst []Point, p0, p1, p2, p3 Point, tol float64) []Point {
	dd := math.Max(p0.sub(p1.mul(2)).add(p2).len(), p1.sub(p2.mul(2)).add(p3).len())
	n := int(math.Ceil(math.Sqrt(dd * 0.75 / math.Max(tol, 1e-6))))
	n = max(1, min(n, 64))
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		dst = append(dst, cubicAt(p0, p1, p2, p3, t))
	}
	return dst
}

func cubicAt(p0, p1, p2, p3 Point, t float64) Point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return Point{a*p0.X + b*p1.X + c*p2.X + d*p3.X, a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y}
}

// winding is the non-zero winding number of polys around q.
func winding(polys [][]Point, q Point) int {
	w := 0
	for _, poly := range polys {
		n := len(poly)
		for i := 0; i < n; i++ {
			a, b := poly[i], poly[(i+1)%n]
			if a.Y <= q.Y {
				if b.Y > q.Y && cross(a, b, q) > 0 {
					w++
				}
			} else if b.Y <= q.Y && cross(a, b, q) < 0 {
				w--
			}
		}
	}
	return w
}

func cross(a, b, q Point) float64 { return (b.X-a.X)*(q.Y-a.Y) - (q.X-a.X)*(b.Y-a.Y) }

// edgeDistance is the distance from q to the nearest polygon edge.
func edgeDistance(polys [][]Point, q Point) float64 {
	best := math.Inf(1)
	for _, poly := range polys {
		n := len(poly)
		for i := 0; i < n; i++ {
			a, b := poly[i], poly[(i+1)%n]
			ab := b.sub(a)
			t := 0.0
			if l2 := ab.dot(ab); l2 > 0 {
				t = math.Max(0, math.Min(1, q.sub(a).dot(ab)/l2))
			}
			best = math.Min(best, q.sub(a.add(ab.mul(t))).len())
		}
	}
	return best
}

// smooth builds a closed outline through pts with Catmull-Rom tangents
// turned into cubic Béziers. Points flagged sharp get a corner (straight
// tangents towards their neighbours) instead of a rounded join.
func smooth(pts []Point, sharp []bool, tension float64) Path {
	n := len(pts)
	var p Path
	if n < 3 {
		return p
	}
	isSharp := func(i int) bool { return sharp != nil && sharp[(i+n)%n] }
	at := func(i int) Point { return pts[((i%n)+n)%n] }
	tangent := func(i int) Point {
		if isSharp(i) {
			return Point{}
		}
		return at(i + 1).sub(at(i - 1)).mul(tension / 2)
	}
	p.moveTo(pts[0])
	for i := 0; i < n; i++ {
		a, b := at(i), at(i+1)
		ta, tb := tangent(i), tangent(i+1)
		c1 := a.add(ta.mul(1.0 / 3))
		c2 := b.sub(tb.mul(1.0 / 3))
		if isSharp(i) {
			c1 = lerpPt(a, b, 1.0/3)
		}
		if isSharp(i + 1) {
			c2 = lerpPt(a, b, 2.0/3)
		}
		p.cubicTo(c1, c2, b)
	}
	p.close()
	return p
}

// ellipse is a closed elliptical outline centred on c, with radii rx, ry,
// turned by angle (radians).
func ellipse(c Point, rx, ry, angle float64) Path {
	const k = 0.5522847498 // control distance of a quarter circle
	cos, sin := math.Cos(angle), math.Sin(angle)
	rot := func(x, y float64) Point { return Point{c.X + x*cos - y*sin, c.Y + x*sin + y*cos} }
	var p Path
	p.moveTo(rot(rx, 0))
	p.cubicTo(rot(rx, k*ry), rot(k*rx, ry), rot(0, ry))
	p.cubicTo(rot(-k*rx, ry), rot(-rx, k*ry), rot(-rx, 0))
	p.cubicTo(rot(-rx, -k*ry), rot(-k*rx, -ry), rot(0, -ry))
	p.cubicTo(rot(k*rx, -ry), rot(rx, -k*ry), rot(rx, 0))
	p.close()
	return p
}

// band is a tapered, rounded ribbon along the polyline pts, width w0 at the
// start and w1 at the end: the shape of a nerve root or a rib.
func band(pts []Point, w0, w1 float64) Path {
	n := len(pts)
	if n < 2 {
		return nil
	}
	left := make([]Point, n)
	right := make([]Point, n)
	for i := range pts {
		var d Point
		switch {
		case i == 0:
			d = pts[1].sub(pts[0])
		case i == n-1:
			d = pts[n-1].sub(pts[n-2])
		default:
			d = pts[i+1].sub(pts[i-1])
		}
		nrm := d.unit().perp()
		w := w0 + (w1-w0)*float64(i)/float64(n-1)
		left[i] = pts[i].add(nrm.mul(w / 2))
		right[i] = pts[i].sub(nrm.mul(w / 2))
	}
	outline := append([]Point{}, left...)
	// rounded tip
	tipDir := pts[n-1].sub(pts[n-2]).unit()
	outline = append(outline, pts[n-1].add(tipDir.mul(w1*0.55)))
	for i := n - 1; i >= 0; i-- {
		outline = append(outline, right[i])
	}
	startDir := pts[0].sub(pts[1]).unit()
	outline = append(outline, pts[0].add(startDir.mul(w0*0.45)))
	return smooth(outline, nil, 0.9)
}

// corner is a vertex of a rounded polygon: the outline passes near p,
// rounding the corner with radius r (0 = sharp). A large radius on a
// vertex in the middle of an edge turns the edge into a gentle curve.
type corner struct {
	p Point
	r float64
}

// roundPoly builds a closed outline through corners, rounding each one
// with a cubic whose controls sit on the two edges.
func roundPoly(cs []corner) Path {
	n := len(cs)
	var p Path
	if n < 3 {
		return p
	}
	type cut struct{ a, v, b Point }
	cuts := make([]cut, n)
	for i := range cs {
		prev, cur, next := cs[(i+n-1)%n].p, cs[i].p, cs[(i+1)%n].p
		r := cs[i].r
		dp, dn := prev.sub(cur), next.sub(cur)
		r = math.Min(r, math.Min(dp.len(), dn.len())*0.5)
		cuts[i] = cut{cur.add(dp.unit().mul(r)), cur, cur.add(dn.unit().mul(r))}
	}
	p.moveTo(cuts[0].b)
	for i := 1; i <= n; i++ {
		c := cuts[i%n]
		p.lineTo(c.a)
		if c.a != c.b {
			p.cubicTo(lerpPt(c.a, c.v, 0.55), lerpPt(c.b, c.v, 0.55), c.b)
		}
	}
	p.close()
	return p
}

// polyline is an open stroke-only path (detail lines).
func polyline(pts ...Point) Path {
	var p Path
	if len(pts) < 2 {
		return p
	}
	p.moveTo(pts[0])
	for _, q := range pts[1:] {
		p.lineTo(q)
	}
	return p
}
