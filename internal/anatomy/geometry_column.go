package anatomy

import (
	"fmt"
	"math"
)

// The column is laid out once, in millimetres, along the posterior wall of
// the vertebral bodies (the front of the spinal canal): s is the distance
// along that line from the top of C2's body, downwards. The curve's
// direction φ(s) changes mostly inside the discs, which makes the cervical
// and lumbar discs wedge-shaped and gives the S curve: about 30° of
// cervical lordosis, 35° of thoracic kyphosis, 50-60° of lumbar lordosis to
// a sacral slope of 40°. Heights and depths follow ANATOMY.md.

// vert is one vertebra of the column, in millimetres.
type vert struct {
	level  string
	region Region
	s0, s1 float64 // arc position of the top and bottom endplates
	h      float64 // body height
	depth  float64 // body depth, front to back
	width  float64 // body width, side to side (posterior view)
}

// seg is a motion segment: the disc and, behind it, the facet joints.
type seg struct {
	name         string // "L4-L5", "L5-S"
	upper, lower int    // indexes into column.verts
	s0, s1       float64
}

type column struct {
	verts []vert
	segs  []seg
	byLv  map[string]int
	// the curve, sampled every step mm from sMin
	sMin, step float64
	phi        []float64 // radians
	pos        []Point   // mm, y down, x posterior
}

const (
	curveStep = 0.25
	deg       = math.Pi / 180
)

func buildColumn() *column {
	c := &column{byLv: map[string]int{}}
	type knot struct{ s, phi float64 }
	knots := []knot{{-40, 12.5}, {0, 12.5}}
	s, phi := 0.0, 12.5
	addVert := func(lv string, h, depth, width, dphi float64) {
		c.byLv[lv] = len(c.verts)
		c.verts = append(c.verts, vert{level: lv, region: LevelRegion(lv), s0: s, s1: s + h, h: h, depth: depth, width: width})
		s += h
		phi += dphi
		knots = append(knots, knot{s, phi})
	}
	addGap := func(h, dphi float64) {
		s += h
		phi += dphi
		knots = append(knots, knot{s, phi})
	}
	lerp := func(a, b float64, i, n int) float64 { return a + (b-a)*float64(i)/float64(n) }

	// C1 sits around the dens, above C2's body; it is placed by hand.
	c.byLv["C1"] = 0
	c.verts = append(c.verts, vert{level: "C1", region: Cervical, s0: -17, s1: -6, h: 11, depth: 15, width: 40})
	addVert("C2", 15, 15, 18, 0)
	for i := 3; i <= 7; i++ {
		addGap(5, -4.5)
		h := 14.0
		if i == 7 {
			h = 14.5
		}
		addVert(fmt.Sprintf("C%d", i), h, lerp(16, 17.5, i-3, 4), lerp(20, 24, i-3, 4), -1.5)
	}
	addGap(5, 0) // C7-T1
	for i := 1; i <= 12; i++ {
		if i > 1 {
			addGap(lerp(4, 6, i-2, 10), 1.27)
		}
		addVert(fmt.Sprintf("T%d", i), lerp(17, 24, i-1, 11), lerp(18, 29, i-1, 11), lerp(28, 40, i-1, 11), 1.75)
	}
	addGap(8, 0) // T12-L1
	lumbar := []struct{ h, d, w, dphi, disc, discPhi float64 }{
		{26, 32, 44, -1, 10, -5.5},
		{27, 33, 46, -2, 11, -7.5},
		{27, 34, 48, -2.5, 11.5, -9.5},
		{28, 35, 49, -3, 12, -11.5},
		{27, 35, 50, -2.5, 11, -12.5},
	}
	for i, l := range lumbar {
		addVert(fmt.Sprintf("L%d", i+1), l.h, l.d, l.w, l.dphi)
		addGap(l.disc, l.discPhi)
	}
	// The sacrum continues the curve backwards and down, the coccyx curls forward.
	addVert("S", 105, 40, 100, 50)
	addGap(2, 0)
	addVert("Co", 30, 12, 20, 40)
	knots = append(knots, knot{s + 20, phi})

	// the segments with a disc: C2-C3 … L5-S
	for i := 1; i+1 < len(c.verts)-1; i++ {
		u, l := c.verts[i], c.verts[i+1]
		c.segs = append(c.segs, seg{name: u.level + "-" + l.level, upper: i, lower: i + 1, s0: u.s1, s1: l.s0})
	}

	// sample φ and integrate the curve
	c.sMin, c.step = knots[0].s, curveStep
	n := int((knots[len(knots)-1].s-c.sMin)/curveStep) + 1
	c.phi = make([]float64, n)
	c.pos = make([]Point, n)
	k := 0
	for i := 0; i < n; i++ {
		si := c.sMin + float64(i)*curveStep
		for k+1 < len(knots)-1 && knots[k+1].s <= si {
			k++
		}
		a, b := knots[k], knots[k+1]
		t := 0.0
		if b.s > a.s {
			t = math.Max(0, math.Min(1, (si-a.s)/(b.s-a.s)))
		}
		c.phi[i] = (a.phi + (b.phi-a.phi)*t) * deg
	}
	c.integrate()
	// Standing balance: the plumb line from C7 falls on the back corner of
	// the top of the sacrum. Turn the whole column until it does.
	c7, sac := c.at((c.vert("C7").s0+c.vert("C7").s1)/2), c.at(c.vert("S").s0)
	v := sac.sub(c7)
	delta := -math.Atan2(-v.X, v.Y)
	for i := range c.phi {
		c.phi[i] += delta
	}
	c.integrate()
	return c
}

// integrate rebuilds the curve's points from its directions, with s = 0 at the origin.
func (c *column) integrate() {
	var p Point
	for i := range c.phi {
		if i > 0 {
			mid := (c.phi[i] + c.phi[i-1]) / 2
			p = p.add(Point{-math.Sin(mid), math.Cos(mid)}.mul(curveStep))
		}
		c.pos[i] = p
	}
	o := c.at(0)
	for i := range c.pos {
		c.pos[i] = c.pos[i].sub(o)
	}
}

// sample returns the curve point and direction at arc position s (mm).
func (c *column) sample(s float64) (Point, float64) {
	f := (s - c.sMin) / c.step
	i := int(math.Floor(f))
	if i < 0 {
		i, f = 0, 0
	}
	if i >= len(c.pos)-1 {
		i, f = len(c.pos)-2, float64(len(c.pos)-1)
	}
	t := f - float64(i)
	return lerpPt(c.pos[i], c.pos[i+1], t), c.phi[i] + (c.phi[i+1]-c.phi[i])*t
}

func (c *column) at(s float64) Point { p, _ := c.sample(s); return p }

// curvi maps a point given along the curve: x millimetres behind the
// posterior body wall (negative: in front of it) at arc position s.
func (c *column) curvi(x, s float64) Point {
	p, phi := c.sample(s)
	return p.add(Point{math.Cos(phi), math.Sin(phi)}.mul(x))
}

// frame is a rigid local frame: x points backwards (posterior), y down
// along the column.
type frame struct {
	o, x, y Point
}

func (c *column) frameAt(s float64) frame {
	p, phi := c.sample(s)
	return frame{o: p, x: Point{math.Cos(phi), math.Sin(phi)}, y: Point{-math.Sin(phi), math.Cos(phi)}}
}

func (f frame) pt(x, y float64) Point { return f.o.add(f.x.mul(x)).add(f.y.mul(y)) }
func (f frame) local(p Point) Point {
	d := p.sub(f.o)
	return Point{d.dot(f.x), d.dot(f.y)}
}
func (f frame) dir(x, y float64) Point { return f.x.mul(x).add(f.y.mul(y)) }

func (c *column) vert(lv string) vert { return c.verts[c.byLv[lv]] }
