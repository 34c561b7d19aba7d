package figure

import (
	"image/color"
	"math"

	"chairside/internal/diagram"
)

// The palette: the spine diagram's page, its disc blues for the body's
// clothes, its bone tones for the spine line and the chair, its teal for
// the arrow. Every colour is opaque, so paper needs no transparency.
var (
	colPage      = color.NRGBA{246, 244, 239, 255}
	colBody      = color.NRGBA{205, 218, 233, 255}
	colBodyFar   = color.NRGBA{176, 194, 216, 255}
	colLine      = color.NRGBA{72, 94, 122, 255}
	colSkin      = color.NRGBA{241, 226, 206, 255}
	colSkinFar   = color.NRGBA{222, 204, 182, 255}
	colHair      = color.NRGBA{128, 112, 96, 255}
	colShoe      = color.NRGBA{112, 128, 152, 255}
	colShoeFar   = color.NRGBA{92, 106, 128, 255}
	colSpine     = color.NRGBA{176, 146, 104, 255}
	colVertebra  = color.NRGBA{237, 226, 200, 255}
	colBlade     = color.NRGBA{188, 203, 222, 255}
	colFloor     = color.NRGBA{150, 140, 128, 255}
	colMat       = color.NRGBA{206, 228, 222, 255}
	colMatLine   = color.NRGBA{128, 170, 160, 255}
	colChair     = color.NRGBA{226, 212, 186, 255}
	colChairLine = color.NRGBA{120, 98, 70, 255}
	colWall      = color.NRGBA{233, 229, 220, 255}
	colWallLine  = color.NRGBA{196, 188, 174, 255}
	colArrow     = color.NRGBA{44, 150, 138, 255}
)

// pen sends model-space shapes to a Painter: x to the right, y up, k box
// units per model unit, (ox, oy) the box position of the model origin.
type pen struct {
	p      diagram.Painter
	k      float64
	ox, oy float64
}

func (q pen) pt(v vec) (float64, float64) { return q.ox + q.k*v.x, q.oy - q.k*v.y }
func (q pen) moveTo(v vec)                { q.p.MoveTo(q.pt(v)) }
func (q pen) lineTo(v vec)                { q.p.LineTo(q.pt(v)) }
func (q pen) cubicTo(a, b, c vec) {
	x1, y1 := q.pt(a)
	x2, y2 := q.pt(b)
	x3, y3 := q.pt(c)
	q.p.CubicTo(x1, y1, x2, y2, x3, y3)
}

// width is a line width given in model units, at least a hairline.
func (q pen) width(w float64) float64 { return math.Max(0.8, w*q.k) }

// smooth adds a closed (or open) curve through pts (Catmull-Rom, as cubic
// Béziers).
func (q pen) smooth(pts []vec, closed bool) {
	n := len(pts)
	if n < 2 {
		return
	}
	at := func(i int) vec {
		if closed {
			return pts[((i%n)+n)%n]
		}
		return pts[max(0, min(n-1, i))]
	}
	q.moveTo(pts[0])
	last := n - 1
	if closed {
		last = n
	}
	for i := 0; i < last; i++ {
		p0, p1, p2, p3 := at(i-1), at(i), at(i+1), at(i+2)
		q.cubicTo(p1.add(p2.sub(p0).mul(1.0/6)), p2.sub(p3.sub(p1).mul(1.0/6)), p2)
	}
	if closed {
		q.p.ClosePath()
	}
}

// arc adds a circular arc around c of radius r from angle a0 sweeping by
// sw (degrees, counter-clockwise in model space), continuing the path.
func (q pen) arc(c vec, r, a0, sw float64) {
	n := int(math.Ceil(math.Abs(sw) / 90))
	if n == 0 {
		return
	}
	d := sw / float64(n) * math.Pi / 180
	k := 4.0 / 3 * math.Tan(d/4)
	t := a0 * math.Pi / 180
	for i := 0; i < n; i++ {
		p0 := vec{c.x + r*math.Cos(t), c.y + r*math.Sin(t)}
		t1 := t + d
		p3 := vec{c.x + r*math.Cos(t1), c.y + r*math.Sin(t1)}
		q.cubicTo(p0.add(vec{-math.Sin(t), math.Cos(t)}.mul(k*r)), p3.sub(vec{-math.Sin(t1), math.Cos(t1)}.mul(k*r)), p3)
		t = t1
	}
}

// capsule adds the outline of a tapered limb segment: a circle of radius
// ra at a and one of rb at b, joined by their common tangents.
func (q pen) capsule(a, b vec, ra, rb float64) {
	d := b.sub(a)
	l := d.len()
	if l <= math.Abs(ra-rb)+1e-6 {
		q.ellipse(a, math.Max(ra, rb), math.Max(ra, rb), 0)
		return
	}
	th := math.Atan2(d.y, d.x) * 180 / math.Pi
	phi := math.Asin((ra-rb)/l) * 180 / math.Pi
	start := th + 90 - phi
	q.moveTo(vec{a.x + ra*math.Cos(start*math.Pi/180), a.y + ra*math.Sin(start*math.Pi/180)})
	q.lineTo(vec{b.x + rb*math.Cos(start*math.Pi/180), b.y + rb*math.Sin(start*math.Pi/180)})
	q.arc(b, rb, start, -180+2*phi)
	end := th - 90 + phi
	q.lineTo(vec{a.x + ra*math.Cos(end*math.Pi/180), a.y + ra*math.Sin(end*math.Pi/180)})
	q.arc(a, ra, end, -(180 + 2*phi))
	q.p.ClosePath()
}

// ellipse adds an ellipse centred on c with half axes rx (along angle
// deg, as dir) and ry (across it).
func (q pen) ellipse(c vec, rx, ry, deg float64) {
	ex, ey := dir(deg).mul(rx), dir(deg-90).mul(ry)
	const kap = 0.5522847498
	pts := [4]vec{c.add(ex), c.add(ey), c.sub(ex), c.sub(ey)}
	tan := [4]vec{ey, ex.mul(-1), ey.mul(-1), ex}
	q.moveTo(pts[0])
	for i := 0; i < 4; i++ {
		a, b := pts[i], pts[(i+1)%4]
		q.cubicTo(a.add(tan[i].mul(kap)), b.sub(tan[(i+1)%4].mul(kap)), b)
	}
	q.p.ClosePath()
}

// part is one filled piece of a group, with its fill.
type part struct {
	shape func(pen)
	fill  color.NRGBA
}

// group draws pieces that read as one body part: every outline is stroked
// first and the fills laid over them, so only the outer edge of the union
// shows (an elbow or a knee has no seam), as the spine diagram draws its
// shapes.
func (q pen) group(line color.NRGBA, lw float64, parts ...part) {
	for _, pt := range parts {
		pt.shape(q)
		q.p.Stroke(line, 2*q.width(lw))
	}
	for _, pt := range parts {
		pt.shape(q)
		q.p.Fill(pt.fill)
	}
}

// outline is the body's outline width in model units.
const outline = 0.75

// drawFigure draws the skeleton's body in depth order: in the side view the
// far arm and leg behind the trunk, the near ones in front; in the front
// and back views the legs, the trunk, a leg coming towards the reader, the
// head, then the arms.
func drawFigure(q pen, s skeleton) {
	if s.view == Side {
		drawArm(q, s.arms[1], true)
		drawLeg(q, s, s.legs[1], true)
		drawNeck(q, s)
		drawTrunk(q, s)
		drawHead(q, s)
		drawLeg(q, s, s.legs[0], false)
		drawArm(q, s.arms[0], false)
		return
	}
	for _, l := range s.legs {
		if l.out < 45 {
			drawLeg(q, s, l, false)
		}
	}
	drawNeck(q, s)
	drawTrunk(q, s)
	for _, l := range s.legs {
		if l.out >= 45 {
			drawLeg(q, s, l, false)
		}
	}
	drawHead(q, s)
	for _, a := range s.arms {
		drawArm(q, a, false)
	}
}

func drawArm(q pen, a limb, far bool) {
	body, skin := colBody, colSkin
	if far {
		body, skin = colBodyFar, colSkinFar
	}
	hand := a.end.along(dir(a.handDir), 4.2*cosd(a.out))
	q.group(colLine, outline,
		part{func(q pen) { q.capsule(a.root, a.mid, upperR0, upperR1) }, body},
		part{func(q pen) { q.capsule(a.mid, a.end, upperR1, foreR1) }, body},
		part{func(q pen) { q.ellipse(hand, math.Max(2.6, 5*cosd(a.out)), 3.1, a.handDir) }, skin},
	)
}

func drawLeg(q pen, s skeleton, l limb, far bool) {
	body, shoe := colBody, colShoe
	if far {
		body, shoe = colBodyFar, colShoeFar
	}
	foot := func(q pen) {
		if s.view != Side {
			q.ellipse(l.end.along(dir(l.endDir), 3.5), 5.5, 4.6, l.endDir)
			return
		}
		// the top of the foot faces the shin's side, however far the
		// ankle points the foot
		f, g := dir(l.footDir), dir(l.footDir-90)
		at := func(a, b float64) vec { return l.end.add(f.mul(a)).add(g.mul(b)) }
		q.smooth([]vec{at(-3.5, 2.5), at(-5.5, -2.5), at(-3, -5.8), at(9, -6), at(19, -5.2), at(20.5, -3),
			at(17, -1.5), at(8, 0.2), at(3, 3)}, true)
	}
	q.group(colLine, outline,
		part{func(q pen) { q.capsule(l.root, l.mid, thighR0, thighR1) }, body},
		part{func(q pen) { q.capsule(l.mid, l.end, thighR1, shinR1) }, body},
		part{foot, shoe},
	)
}

func drawNeck(q pen, s skeleton) {
	q.group(colLine, outline, part{func(q pen) { q.capsule(s.neckBase, s.neckTop, neckR, neckR*0.9) }, colSkin})
}

func drawTrunk(q pen, s skeleton) {
	q.group(colLine, outline, part{func(q pen) { q.smooth(s.trunkOutline(), true) }, colBody})
	if s.view == Front {
		// The spine is behind: drawn in the side and back views. The
		// shirt's middle seam shows the chest's turn instead: the
		// breastbone lies well in front of the spine, so a turned chest
		// carries it to one side.
		off := 9 * math.Sin(s.twist*math.Pi/180)
		q.smooth([]vec{frame(s.neckBase, s.aT, -4, off), frame(s.waist, s.aT, 12, off*0.8),
			frame(s.waist, (s.aL+s.aT)/2, 0, off*0.35), frame(s.hip, s.aL, 4, 0)}, false)
		q.p.Stroke(colBodyFar, q.width(0.7))
		return
	}
	if s.view == Back {
		// the shoulder blades, drawn together as they squeeze
		for _, sg := range []float64{-1, 1} {
			c := frame(s.neckBase, s.aT, -11, sg*(9.5-3.5*s.blades)*cosd(s.twist))
			q.group(colLine, outline*0.6, part{func(q pen) {
				q.smooth([]vec{frame(c, s.aT, 5, -sg*1.5), frame(c, s.aT, 4, sg*4.5), frame(c, s.aT, -6, sg*0.5), frame(c, s.aT, -1, -sg*2.5)}, true)
			}, colBlade})
		}
	}
	line := s.spineLine()
	q.smooth(line, false)
	q.p.Stroke(colSpine, q.width(1.0))
	// small rounded vertebrae along the line, as on the spine diagram
	total := 0.0
	for i := 1; i < len(line); i++ {
		total += line[i].sub(line[i-1]).len()
	}
	n := int(total / 3.4)
	for i := 1; i < n; i++ {
		v := pointAlong(line, total*float64(i)/float64(n))
		q.ellipse(v, 1.05, 1.05, 0)
		q.p.Stroke(colChairLine, q.width(0.45))
		q.ellipse(v, 1.05, 1.05, 0)
		q.p.Fill(colVertebra)
	}
}

// pointAlong is the point at distance d along a polyline.
func pointAlong(line []vec, d float64) vec {
	for i := 1; i < len(line); i++ {
		l := line[i].sub(line[i-1]).len()
		if d <= l && l > 0 {
			return lerp(line[i-1], line[i], d/l)
		}
		d -= l
	}
	return line[len(line)-1]
}

func drawHead(q pen, s skeleton) {
	c := s.head
	if s.view == Side {
		f, u := s.face, dir(s.aH)
		at := func(a, b float64) vec { return c.add(f.mul(a)).add(u.mul(b)) }
		q.group(colLine, outline,
			part{func(q pen) {
				// the skull and face in profile: forehead, nose, chin, jaw
				q.smooth([]vec{at(0, 12), at(7, 9.5), at(9.6, 4), at(10.2, 0.5), at(12, -2.2), at(10, -3.6),
					at(9.6, -6.5), at(8, -10.2), at(3, -11.2), at(-2, -8), at(-7, -7.5), at(-10, -1), at(-8.5, 7.5)}, true)
			}, colSkin})
		// hair over the top and back of the head
		q.group(colLine, outline*0.6, part{func(q pen) {
			q.smooth([]vec{at(6.8, 10), at(1, 12.6), at(-7, 10.5), at(-10.8, 3), at(-9.8, -3.5), at(-7.5, -1), at(-4, 4.5), at(1, 7.8)}, true)
		}, colHair})
		q.group(colLine, outline*0.5, part{func(q pen) { q.ellipse(at(-1.5, -0.5), 2.8, 1.9, s.aH) }, colSkinFar})
		return
	}
	u := dir(s.aH)
	across := dir(s.aH + 90)
	at := func(a, b float64) vec { return c.add(across.mul(a)).add(u.mul(b)) }
	// The ears sit on the sides of the head: as the head turns, the ear
	// on the side it turns to goes behind, the other comes round onto
	// the side of the head in view. In the back view the sides swap.
	th := s.turn * math.Pi / 180
	if s.view == Back {
		th = -th
	}
	parts := []part{}
	var front []part
	for _, sg := range []float64{-1, 1} {
		phi := sg*math.Pi/2 + th
		if math.Cos(phi) < -0.35 {
			continue // behind the head
		}
		x := 9.6 * math.Sin(phi)
		ear := part{func(q pen) { q.ellipse(at(x, -0.5), 1.9+1.2*math.Abs(math.Cos(phi)), 3, s.aH) }, colSkin}
		if math.Abs(x) < 8.5 {
			front = append(front, ear) // on the side of the head, in view
		} else {
			parts = append(parts, ear)
		}
	}
	parts = append(parts, part{func(q pen) { q.ellipse(c, headRY, 9.6, s.aH) }, colSkin})
	q.group(colLine, outline, parts...)
	t := math.Sin(s.turn * math.Pi / 180)
	if s.view == Back {
		q.group(colLine, outline*0.6, part{func(q pen) {
			q.smooth([]vec{at(-9.4, 2), at(-7, 9.5), at(0, 12.4), at(7, 9.5), at(9.4, 2), at(7.5, -6.5), at(0, -8.5), at(-7.5, -6.5)}, true)
		}, colHair})
		for _, e := range front {
			q.group(colLine, outline*0.6, e)
		}
		return
	}
	// the hair line and the nose say which way the face turns
	q.group(colLine, outline*0.6, part{func(q pen) {
		q.smooth([]vec{at(-9.4, 2), at(-7.5, 9.5), at(0, 12.4), at(7.5, 9.5), at(9.4, 2), at(8+2*t, 6), at(3*t, 7.8), at(-8+2*t, 6)}, true)
	}, colHair})
	for _, e := range front {
		q.group(colLine, outline*0.6, e)
	}
	nx := 8.2 * t
	q.moveTo(at(nx, 1.5))
	q.cubicTo(at(nx+1.6*sign(t), -1), at(nx+1.6*sign(t), -2.5), at(nx, -3))
	q.p.Stroke(colLine, q.width(0.55))
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}
