package diagram

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// Every finding draws itself (issue 13), from the anatomy's own shapes, at
// the structure and side where it was marked, in the side and back views
// alike, on screen, in PNG files and on paper: a bulge pushes the disc's
// back edge out, a herniation squeezes gel out through the ring, and the
// root it presses on is drawn irritated (a posterolateral L4-L5 bulge
// presses on the L5 root crossing the disc, a far-lateral one on the L4
// root leaving beside it); a worn disc is thin and dark with small spurs;
// an arthritic facet joint is enlarged with spurs; a narrowed opening
// squeezes its root; a narrowed canal pinches the nerve sac; a slipped
// vertebra sits forward by its grade; a compression fracture is a wedge;
// a scoliosis is a curve with its apex, side and angle.
//
// A finding's drawing is worked out once per view and mark (newFindingGeom,
// kept by each renderer: findingCache) as steps in colour roles, and
// painted in the scene's palette, so both palettes and every scale share
// one geometry. The numbered badge then pins to the drawn finding
// (Renderer.findingAnchor).

// role is a colour of the palette, or one derived from it, that a step of
// a finding's drawing is painted in.
type role uint8

const (
	roleGround       role = iota // the picture's background: erases what moved
	roleBody                     // bone of a vertebral body
	roleBodyLine                 // its outline
	roleArch                     // bone of the arch
	roleDisc                     // a disc's ring
	roleDiscLine                 // its outline
	roleNucleus                  // a disc's gel centre, and what herniates
	roleWornDisc                 // a thin, dried disc
	roleSpace                    // an empty space: a collapsed disc space, an opening
	roleCartilage                // facet joint cartilage
	roleCartLine                 // its outline
	roleNerve                    // a nerve root
	roleNerveLine                // its outline
	roleInflamed                 // an irritated root's fill
	roleInflamedLine             // its outline
	roleGlow                     // the glow around an irritated root
	roleSac                      // the nerve sac in the canal
	roleSacLine                  // its outline
	roleLigament                 // a thickened ligament (ligamentum flavum)
	roleFinding                  // the finding's own colour (curve lines, angle)
)

// partRoles are the roles painted in an anatomy part's own colours: its
// fill or its outline, with a tone laid over it where one is given (no
// part: the role has a colour of its own, see roleColor).
var partRoles = [...]struct {
	part anatomy.Part
	line bool
	tone color.NRGBA // laid over the part's colour when not transparent
}{
	roleBody:      {part: anatomy.PartBody},
	roleBodyLine:  {part: anatomy.PartBody, line: true},
	roleArch:      {part: anatomy.PartArch},
	roleDisc:      {part: anatomy.PartDisc},
	roleDiscLine:  {part: anatomy.PartDisc, line: true},
	roleNucleus:   {part: anatomy.PartNucleus},
	roleSpace:     {part: anatomy.PartHole},
	roleCartilage: {part: anatomy.PartCartilage, tone: color.NRGBA{90, 70, 50, 110}},
	roleCartLine:  {part: anatomy.PartCartilage, line: true},
	roleNerve:     {part: anatomy.PartNerve},
	roleNerveLine: {part: anatomy.PartNerve, line: true},
	roleInflamed:  {part: anatomy.PartNerve, tone: color.NRGBA{225, 45, 45, 120}},
}

func (pal *Palette) roleColor(r role, f handout.Finding) color.NRGBA {
	if int(r) < len(partRoles) && partRoles[r].part != "" {
		pr := partRoles[r]
		st := pal.style(pr.part)
		c := st.fill
		if pr.line {
			c = st.line
		}
		if pr.tone.A > 0 {
			c = over(c, pr.tone)
		}
		return c
	}
	switch r {
	case roleGround:
		return pal.background
	case roleWornDisc:
		d := pal.style(anatomy.PartDisc)
		return over(d.fill, withAlpha(d.line, 150))
	case roleInflamedLine:
		return color.NRGBA{150, 20, 20, 255}
	case roleGlow:
		return pal.finding.glow
	case roleSac:
		return pal.finding.sac
	case roleSacLine:
		return pal.finding.sacLine
	case roleLigament:
		return pal.finding.ligament
	case roleFinding:
		return over(f.Color(), pal.finding.wash)
	}
	return pal.label
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// stepKind is what a step of a finding's drawing does.
type stepKind uint8

const (
	stepFill      stepKind = iota // fill the closed outline
	stepStroke                    // stroke the closed outline
	stepLine                      // stroke the open line
	stepDashes                    // stroke the closed outline in dashes (where a part was)
	stepText                      // write text at the first point
	stepShapeFill                 // fill an anatomy shape's own path (sharper than a polygon)
	stepShapeLine                 // stroke an anatomy shape's own path
	stepPart                      // draw a moved anatomy shape in its part's style
)

// step is one piece of a finding's drawing, in model space. width is a
// factor of the outline width of the scale drawn at.
type step struct {
	kind  stepKind
	pts   []anatomy.Point
	shape anatomy.Path
	c     role
	width float64
	text  string
	// a moved shape (stepPart): its part, its shading, and whether it
	// carries its mark's tint as the rest of the structure does
	part  anatomy.Part
	sheen []anatomy.Path
	tint  bool
}

// movedShape is shape s moved by tf, drawn as the anatomy draws it.
func movedShape(s anatomy.Shape, tf func(anatomy.Point) anatomy.Point, tint bool) step {
	mv := func(p anatomy.Path) anatomy.Path {
		out := make(anatomy.Path, len(p))
		for i, sg := range p {
			for k := range sg.Pts {
				sg.Pts[k] = tf(sg.Pts[k])
			}
			out[i] = sg
		}
		return out
	}
	st := step{kind: stepPart, shape: mv(s.Path), part: s.Part, tint: tint}
	for _, sh := range s.Sheen {
		st.sheen = append(st.sheen, mv(sh))
	}
	return st
}

// findingGeom is a finding's drawing in one view: its steps and the point
// its numbered badge pins to.
type findingGeom struct {
	steps  []step
	anchor anatomy.Point
	pinned bool
}

type geomKey struct {
	view      anatomy.View
	structure string
	finding   string
	detail    handout.Detail
	side      anatomy.Side
}

func keyOf(v anatomy.View, m Mark) geomKey {
	return geomKey{v, m.Structure, m.Finding, m.Detail, markSide(m)}
}

// newFindingGeom works out the drawing of mark m in view v (a renderer
// keeps it: findingCache).
func newFindingGeom(v anatomy.View, m Mark) *findingGeom {
	return buildFinding(v, m, markSide(m))
}

// markSide is the side a disc finding points to: the one chosen, else the
// side of the disc it was tapped on from behind.
func markSide(m Mark) anatomy.Side {
	if m.Detail.Side != anatomy.NoSide {
		return m.Detail.Side
	}
	return m.At.Side()
}

// drawFindings paints every mark's finding over the drawing, under the
// badges. (On screen they are part of the layer over the plain drawing,
// which the renderer draws in two halves side by side: a scoliosis alone
// redraws a dozen vertebrae with their ribs. See drawSession.)
func (r *Renderer) drawFindings(p Painter, t Transform, sc Scene) {
	pal := sc.palette()
	lw := lineWidth(t)
	ts := textScale(sc)
	for _, m := range sc.Marks {
		g := r.findings.geom(sc.View, m)
		f := handout.Finding(m.Finding)
		for _, s := range g.steps {
			c := pal.roleColor(s.c, f)
			switch s.kind {
			case stepPart:
				drawMoved(p, t, pal, s, f, lw)
			case stepText:
				x, y := t.ToPixel(s.pts[0])
				size := baseLabelSize * ts * 1.25
				roundRect(p, x-size*1.5, y-size*0.95, x+size*1.5, y+size*0.45, size*0.4)
				p.Fill(pal.orientationBG)
				p.Text(x, y, size, c, AlignCenter, s.text)
			default:
				how := stepPaths[s.kind]
				how.lay(p, t, s, lw)
				if how.stroke {
					p.Stroke(c, lw*s.width)
				} else {
					p.Fill(c)
				}
			}
		}
	}
}

// stepPaths says, for each kind of step that paints a path, how the path
// is laid out and whether it is stroked or filled.
var stepPaths = [...]struct {
	lay    func(p Painter, t Transform, s step, lw float64)
	stroke bool
}{
	stepFill:      {layOutline, false},
	stepStroke:    {layOutline, true},
	stepLine:      {func(p Painter, t Transform, s step, _ float64) { polyTo(p, t, s.pts, false) }, true},
	stepDashes:    {func(p Painter, t Transform, s step, lw float64) { dashes(p, t, polyPath(s.pts), lw*3, lw*2.5) }, true},
	stepShapeFill: {layShape, false},
	stepShapeLine: {layShape, true},
}

func layOutline(p Painter, t Transform, s step, _ float64) { polyTo(p, t, s.pts, true) }
func layShape(p Painter, t Transform, s step, _ float64)   { path(p, t, s.shape, true) }

// drawMoved draws a moved shape as drawShape draws it in place, with its
// mark's tint where it carries one.
func drawMoved(p Painter, t Transform, pal *Palette, s step, f handout.Finding, lw float64) {
	drawShape(p, nil, t, "", pal, -1, anatomy.Shape{Path: s.shape, Part: s.part, Sheen: s.sheen}, lw)
	if s.tint {
		c := f.Color()
		c.A = 150
		path(p, t, s.shape, true)
		p.Fill(c)
	}
}

// findingAnchor is where mark m's badge pins in view v: on its drawn
// finding, where it draws one.
func (r *Renderer) findingAnchor(v anatomy.View, m Mark) (anatomy.Point, bool) {
	g := r.findings.geom(v, m)
	return g.anchor, g.pinned
}

func polyTo(p Painter, t Transform, pts []anatomy.Point, closed bool) {
	for i, q := range pts {
		x, y := t.ToPixel(q)
		if i == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	if closed && len(pts) > 0 {
		p.ClosePath()
	}
}

func polyPath(pts []anatomy.Point) anatomy.Path {
	out := make(anatomy.Path, 0, len(pts)+1)
	for i, q := range pts {
		op := anatomy.OpLine
		if i == 0 {
			op = anatomy.OpMove
		}
		out = append(out, anatomy.Segment{Op: op, Pts: [3]anatomy.Point{q}})
	}
	return append(out, anatomy.Segment{Op: anatomy.OpClose})
}

// --- the anatomy's shapes, by structure and part ---

// shapes of structure id in view v with one of parts (any part when none).
func shapesOf(v anatomy.View, id string, parts ...anatomy.Part) []anatomy.Shape {
	all := anatomy.StructureShapes(v, id)
	if len(parts) == 0 {
		return all
	}
	out := all[:0]
	for _, s := range all {
		if containsPart(parts, s.Part) {
			out = append(out, s)
		}
	}
	return out
}

// foramenShade is the shade of motion segment seg's opening in view v (the
// side view draws one per segment), the last drawn where there are several.
func foramenShade(v anatomy.View, seg string) (anatomy.Shape, bool) {
	var found anatomy.Shape
	ok := false
	for _, s := range anatomy.Shapes(v) {
		if s.ID == "" && s.Part == anatomy.PartShadow && s.Level == seg {
			found, ok = s, true
		}
	}
	return found, ok
}

func containsPart(ps []anatomy.Part, p anatomy.Part) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// outline is the points of a shape's outline, flattened.
func outline(s anatomy.Shape) []anatomy.Point {
	var pts []anatomy.Point
	for _, poly := range s.Path.Flatten(0.8) {
		pts = append(pts, poly...)
	}
	return pts
}

func pointsOf(ss []anatomy.Shape) []anatomy.Point {
	var pts []anatomy.Point
	for _, s := range ss {
		pts = append(pts, outline(s)...)
	}
	return pts
}

func centroid(pts []anatomy.Point) anatomy.Point {
	var c anatomy.Point
	for _, q := range pts {
		c.X += q.X
		c.Y += q.Y
	}
	if n := float64(len(pts)); n > 0 {
		c.X /= n
		c.Y /= n
	}
	return c
}

func boundsCentre(v anatomy.View, id string) (anatomy.Point, bool) {
	r, ok := anatomy.StructureBounds(v, id)
	return r.Center(), ok
}

// --- a frame along the spine at one place ---

// frame is a local frame: o its origin, u along the spine (downward), n
// across it (in the side view toward the back, in the back view toward the
// patient's right).
type frame struct{ o, u, n anatomy.Point }

func (f frame) at(a, b float64) anatomy.Point {
	return anatomy.Point{X: f.o.X + f.n.X*a + f.u.X*b, Y: f.o.Y + f.n.Y*a + f.u.Y*b}
}

func (f frame) local(q anatomy.Point) (a, b float64) {
	dx, dy := q.X-f.o.X, q.Y-f.o.Y
	return dx*f.n.X + dy*f.n.Y, dx*f.u.X + dy*f.u.Y
}

// extent is the range of pts across (a) and along (b) the frame.
func (f frame) extent(pts []anatomy.Point) (a0, a1, b0, b1 float64) {
	a0, b0 = math.Inf(1), math.Inf(1)
	a1, b1 = math.Inf(-1), math.Inf(-1)
	for _, q := range pts {
		a, b := f.local(q)
		a0, a1 = math.Min(a0, a), math.Max(a1, a)
		b0, b1 = math.Min(b0, b), math.Max(b1, b)
	}
	return
}

// segFrame is the frame of motion segment seg ("L4-L5", "L5-S") in view v,
// at its disc's centre, u from the vertebra above to the one below.
func segFrame(v anatomy.View, seg string) (frame, []anatomy.Point, bool) {
	disc := pointsOf(shapesOf(v, "disc:"+seg, anatomy.PartDisc))
	if len(disc) == 0 {
		return frame{}, nil, false
	}
	// The disc's short axis runs along the spine: worked out from the
	// disc itself, it holds for the wedge-shaped L5-S1 disc as well as
	// for a flat one seen from behind.
	f := axisFrame(disc)
	if f.n.X < 0 {
		f.n = anatomy.Point{X: -f.n.X, Y: -f.n.Y}
	}
	f.u = anatomy.Point{X: -f.n.Y, Y: f.n.X}
	if f.u.Y < 0 {
		f.u = anatomy.Point{X: -f.u.X, Y: -f.u.Y}
	}
	return f, disc, true
}

// discSpan is a motion segment's disc in its frame along the spine (see
// segFrame): its outline, its extent across (a0 to a1) and along (b0 to
// b1), half its height h and its middle bc along the spine.
type discSpan struct {
	f                     frame
	disc                  []anatomy.Point
	a0, a1, b0, b1, h, bc float64
}

func discSpanOf(v anatomy.View, seg string) (discSpan, bool) {
	f, disc, ok := segFrame(v, seg)
	if !ok {
		return discSpan{}, false
	}
	d := discSpan{f: f, disc: disc}
	d.a0, d.a1, d.b0, d.b1 = f.extent(disc)
	d.h, d.bc = (d.b1-d.b0)/2, (d.b0+d.b1)/2
	return d, true
}

// axisFrame is the frame of an outline's long axis: o its centre, n
// along the long axis, u across it (the principal axes of its points).
func axisFrame(pts []anatomy.Point) frame {
	c := centroid(pts)
	var sxx, syy, sxy float64
	for _, q := range pts {
		dx, dy := q.X-c.X, q.Y-c.Y
		sxx, syy, sxy = sxx+dx*dx, syy+dy*dy, sxy+dx*dy
	}
	th := 0.5 * math.Atan2(2*sxy, sxx-syy)
	return frame{o: c, n: anatomy.Point{X: math.Cos(th), Y: math.Sin(th)}, u: anatomy.Point{X: -math.Sin(th), Y: math.Cos(th)}}
}

// levelSeg is the motion segment below a vertebral level ("L4" → "L4-L5"),
// or the one above where there is none below.
func levelSeg(level string) string {
	lv := anatomy.VertebraLevels()
	for i, l := range lv {
		if l != level {
			continue
		}
		if i+1 < len(lv) {
			if _, ok := anatomy.Lookup("disc:" + l + "-" + lv[i+1]); ok {
				return l + "-" + lv[i+1]
			}
		}
		if i > 0 {
			if _, ok := anatomy.Lookup("disc:" + lv[i-1] + "-" + l); ok {
				return lv[i-1] + "-" + l
			}
		}
	}
	return ""
}

// --- shapes a finding adds ---

// ellipsePts is an ellipse in frame f centred at (a, b) with radii ra
// across and rb along, from angle th0 to th1 (radians, 0 pointing along n).
func ellipsePts(f frame, a, b, ra, rb, th0, th1 float64, n int) []anatomy.Point {
	pts := make([]anatomy.Point, 0, n+1)
	for i := 0; i <= n; i++ {
		th := th0 + (th1-th0)*float64(i)/float64(n)
		pts = append(pts, f.at(a+ra*math.Cos(th), b+rb*math.Sin(th)))
	}
	return pts
}

// ribbon is a band of width w along the line through pts (a nerve's course).
func ribbonAlong(pts []anatomy.Point, w0, w1 float64) []anatomy.Point {
	n := len(pts)
	left := make([]anatomy.Point, 0, n)
	right := make([]anatomy.Point, 0, n)
	for i := range pts {
		a, b := pts[max(i-1, 0)], pts[min(i+1, n-1)]
		dx, dy := b.X-a.X, b.Y-a.Y
		d := math.Hypot(dx, dy)
		if d == 0 {
			d = 1
		}
		w := (w0 + (w1-w0)*float64(i)/float64(max(n-1, 1))) / 2
		nx, ny := -dy/d*w, dx/d*w
		left = append(left, anatomy.Point{X: pts[i].X + nx, Y: pts[i].Y + ny})
		right = append(right, anatomy.Point{X: pts[i].X - nx, Y: pts[i].Y - ny})
	}
	for i := n - 1; i >= 0; i-- {
		left = append(left, right[i])
	}
	return left
}

// curveThrough samples a smooth curve (Catmull-Rom) through pts.
func curveThrough(pts []anatomy.Point, per int) []anatomy.Point {
	if len(pts) < 2 {
		return pts
	}
	var out []anatomy.Point
	for i := 0; i+1 < len(pts); i++ {
		p0, p1, p2, p3 := pts[max(i-1, 0)], pts[i], pts[i+1], pts[min(i+2, len(pts)-1)]
		for k := 0; k < per; k++ {
			s := float64(k) / float64(per)
			s2, s3 := s*s, s*s*s
			out = append(out, anatomy.Point{
				X: 0.5 * (2*p1.X + (-p0.X+p2.X)*s + (2*p0.X-5*p1.X+4*p2.X-p3.X)*s2 + (-p0.X+3*p1.X-3*p2.X+p3.X)*s3),
				Y: 0.5 * (2*p1.Y + (-p0.Y+p2.Y)*s + (2*p0.Y-5*p1.Y+4*p2.Y-p3.Y)*s2 + (-p0.Y+3*p1.Y-3*p2.Y+p3.Y)*s3),
			})
		}
	}
	return append(out, pts[len(pts)-1])
}

// spur is a small bony beak at base (a, b) in frame f pointing along dir
// (a unit vector in frame coordinates), size s.
func spur(f frame, a, b, da, db, s float64) []anatomy.Point {
	// the base lies across the direction it points
	pa, pb := -db, da
	return []anatomy.Point{
		f.at(a+pa*s*0.55, b+pb*s*0.55),
		f.at(a+da*s*0.5+pa*s*0.2, b+db*s*0.5+pb*s*0.2),
		f.at(a+da*s, b+db*s),
		f.at(a+da*s*0.45-pa*s*0.05, b+db*s*0.45-pb*s*0.05),
		f.at(a-pa*s*0.55, b-pb*s*0.55),
	}
}

func (g *findingGeom) fillLine(pts []anatomy.Point, fill, line role, w float64) {
	g.steps = append(g.steps, step{kind: stepFill, pts: pts, c: fill}, step{kind: stepStroke, pts: pts, c: line, width: w})
}

func (g *findingGeom) bone(pts []anatomy.Point) { g.fillLine(pts, roleBody, roleBodyLine, 1) }

// part draws an anatomy shape's own path as the anatomy draws a part: its
// outline, w wide, in line under its fill.
func (g *findingGeom) part(ps anatomy.Path, line, fill role, w float64) {
	g.steps = append(g.steps, step{kind: stepShapeLine, shape: ps, c: line, width: w}, step{kind: stepShapeFill, shape: ps, c: fill})
}

// erase paints a shape that a finding moves, with its outline, over in
// the background.
func (g *findingGeom) erase(ps anatomy.Path) { g.part(ps, roleGround, roleGround, 3) }

// herniated is the gel squeezed out through the ring: the neck through the
// ring and the fragment beyond it (the neck laid again over the fragment's
// outline, so the two read as one).
func (g *findingGeom) herniated(neck, frag []anatomy.Point) {
	g.steps = append(g.steps, step{kind: stepFill, pts: neck, c: roleNucleus})
	g.fillLine(frag, roleNucleus, roleDiscLine, 1.1)
	g.steps = append(g.steps, step{kind: stepFill, pts: neck, c: roleNucleus})
}

// jointLook is how an arthritic facet joint is drawn in a frame along the
// joint (n along it): the bone grown around it (an ellipse of radii ra
// along and rb across, in the frame), then its cartilage, then a spur at
// each of its four corners (at ±sa along and ±sb across, pointing along
// (±da, ±db), size ss).
type jointLook struct{ ra, rb, sa, sb, da, db, ss float64 }

// arthriticJoint draws joint shapes ss enlarged as look says in frame f.
func (g *findingGeom) arthriticJoint(ss []anatomy.Shape, f frame, look jointLook) {
	g.fillLine(ellipsePts(f, 0, 0, look.ra, look.rb, 0, 2*math.Pi, 40), roleArch, roleBodyLine, 1.2)
	for _, s := range ss {
		g.part(s.Path, roleCartLine, roleCartilage, 2.2)
	}
	for _, e := range []float64{-1, 1} {
		g.bone(spur(f, e*look.sa, look.sb, e*look.da, look.db, look.ss))
		g.bone(spur(f, e*look.sa, -look.sb, e*look.da, -look.db, look.ss))
	}
}

func (g *findingGeom) pin(q anatomy.Point) { g.anchor, g.pinned = q, true }

// --- each finding ---

func buildFinding(v anatomy.View, m Mark, side anatomy.Side) *findingGeom {
	g := &findingGeom{}
	st, ok := anatomy.Lookup(m.Structure)
	if !ok {
		return g
	}
	if v.IsAxial() {
		axialFinding(g, v, m, st, side) // axial_findings.go
		return g
	}
	if draw, ok := findingShapes[handout.Finding(m.Finding)]; ok {
		draw(g, marked{v, m, st, side})
	}
	return g
}

// marked is a mark to draw in a view: the structure it is on and the side
// its finding points to (markSide).
type marked struct {
	v    anatomy.View
	m    Mark
	st   anatomy.Structure
	side anatomy.Side
}

// findingShapes says how each finding draws itself in the side and back
// views; the view from above has its own (axialFinding). A finding on a
// structure its drawing does not know (which the model refuses anyway)
// draws nothing but its badge.
var findingShapes = map[handout.Finding]func(g *findingGeom, k marked){
	handout.Bulge:        discOut,
	handout.Herniation:   discOut,
	handout.Degeneration: worn,
	handout.Arthritis:    func(g *findingGeom, k marked) { arthritic(g, k.v, k.st.ID) },
	handout.Narrowing:    func(g *findingGeom, k marked) { narrowed(g, k.v, k.st, k.side) },
	handout.Stenosis:     narrowCanal,
	handout.Slip:         func(g *findingGeom, k marked) { slipped(g, k.v, k.st.Level, k.m.Detail.Grade) },
	handout.Fracture:     func(g *findingGeom, k marked) { fractured(g, k.v, k.st.Level) },
	handout.Scoliosis:    func(g *findingGeom, k marked) { curve(g, k.v, k.st.Level, k.m.Detail) },
	handout.Irritation:   irritation,
}

// discOut is a bulge or a herniation, drawn on a disc.
func discOut(g *findingGeom, k marked) {
	if k.st.Kind == anatomy.Disc {
		discFinding(g, k.v, k.st.Level, handout.Finding(k.m.Finding) == handout.Herniation, k.side, k.m.Detail.Far)
	}
}

// worn is wear where it was marked: a worn disc, an arthritic facet joint
// or a vertebra with spurs.
func worn(g *findingGeom, k marked) {
	switch k.st.Kind {
	case anatomy.Disc:
		wornDisc(g, k.v, k.st.Level)
	case anatomy.Facet:
		arthritic(g, k.v, k.st.ID)
	case anatomy.Vertebra:
		vertebraSpurs(g, k.v, k.st.Level)
	}
}

// narrowCanal is a stenosis at a disc, or at the disc below a vertebra.
func narrowCanal(g *findingGeom, k marked) {
	seg := k.st.Level
	if k.st.Kind != anatomy.Disc {
		if seg = levelSeg(k.st.Level); seg == "" {
			return
		}
	}
	stenosis(g, k.v, seg)
}

// irritation is a nerve root drawn irritated.
func irritation(g *findingGeom, k marked) {
	if k.st.Kind == anatomy.Nerve {
		irritated(g, k.v, k.st.ID)
	}
}

// pressedRoot is the root a disc finding at seg presses on: far out to the
// side, the root leaving at that level (L4 at L4-L5); back and to one side,
// the root crossing the disc on its way down (L5 at L4-L5) in the low
// back, where the root leaving at the level lies above the disc, and the
// root leaving beside the disc in the neck and mid back.
func pressedRoot(seg string, far bool) (root string, crossing bool) {
	exiting := anatomy.ExitingRoot(seg)
	if far {
		return exiting, false
	}
	// the anatomy's table: the root crossing a low-back disc, the one
	// leaving beside a disc in the neck and mid back
	root = anatomy.DiscRoot(seg)
	return root, root != "" && root != exiting
}

// PressedRoot is the nerve root a disc bulge or herniation at disc id,
// pointing to side (far out to the side when far), presses on, or "" for
// one straight back: "disc:L4-L5", left → "nerve:L5:left" (far:
// "nerve:L4:left").
func PressedRoot(discID string, side anatomy.Side, far bool) string {
	st, ok := anatomy.Lookup(discID)
	if !ok || st.Kind != anatomy.Disc || side == anatomy.NoSide {
		return ""
	}
	root, _ := pressedRoot(st.Level, far)
	if root == "" {
		return ""
	}
	return "nerve:" + root + ":" + string(side)
}

// rootInView is a root's ID as drawn in v: the side view shows the left
// roots, and a right root lies right behind its left twin.
func rootInView(v anatomy.View, id string) string {
	if anatomy.Drawn(v, id) {
		return id
	}
	if st, ok := anatomy.Lookup(id); ok && anatomy.Drawn(v, st.Opposite) {
		return st.Opposite
	}
	return ""
}

// FindingOutline is the outline of what a disc bulge or herniation adds
// to disc id in view v, in model units, and the course of the root it
// presses on where the drawing adds one (the root crossing a low-back
// disc, between the nerve sac and its opening): for tests and for the view
// from above to share.
func FindingOutline(v anatomy.View, m Mark) (outline, course []anatomy.Point) {
	g := newFindingGeom(v, m)
	for _, s := range g.steps {
		if s.kind == stepPart && s.part == anatomy.PartDisc {
			// a disc redrawn whole in its own look (the view from above)
			for _, poly := range s.shape.Flatten(0.5) {
				outline = append(outline, poly...)
			}
			continue
		}
		switch s.c {
		case roleDisc, roleNucleus:
			if s.kind == stepFill {
				outline = append(outline, s.pts...)
			}
		case roleInflamed:
			if s.kind == stepFill && len(s.pts) > 0 {
				course = s.pts
			}
		}
	}
	return outline, course
}

func discFinding(g *findingGeom, v anatomy.View, seg string, herniated bool, side anatomy.Side, far bool) {
	d, ok := discSpanOf(v, seg)
	if !ok {
		return
	}
	f, a0, a1, h, bc := d.f, d.a0, d.a1, d.h, d.bc
	var bulge, neck, frag []anatomy.Point
	var tip anatomy.Point
	if v == anatomy.Posterior {
		w := (a1 - a0) / 2
		ac := (a0 + a1) / 2
		sg := 0.0
		switch side {
		case anatomy.Left:
			sg = -1
		case anatomy.Right:
			sg = 1
		}
		at := ac + sg*w*0.52
		if far && sg != 0 {
			at = ac + sg*w*1.08
		}
		if !herniated {
			ra := w * 0.3
			if sg == 0 {
				ra = w * 0.6
			}
			bulge = ellipsePts(f, at, bc+h*0.15, ra, h*1.05, 0, 2*math.Pi, 40)
			tip = f.at(at, bc+h*0.6)
		} else {
			drop := 1.5
			if far {
				drop = 0.6
			}
			bulge = ellipsePts(f, at, bc+h*0.1, w*0.24, h*0.95, 0, 2*math.Pi, 36)
			frag = ellipsePts(f, at+sg*w*0.04, bc+h*drop, w*0.2, h*1.25, 0, 2*math.Pi, 36)
			neck = ribbonAlong([]anatomy.Point{f.at(ac+sg*w*0.15, bc), f.at(at, bc+h*drop*0.6)}, h*0.7, h*0.55)
			tip = f.at(at+sg*w*0.04, bc+h*drop)
		}
	} else {
		depth := a1 - a0
		out := h * 0.55
		cb := bc
		if far {
			cb = bc - h*0.45 // toward the opening, above the disc's middle
		}
		if !herniated {
			bulge = append(ellipsePts(f, a1-h*0.3, cb, out+h*0.3, h*0.9, -math.Pi/2, math.Pi/2, 24), f.at(a1-h*0.6, cb))
			tip = f.at(a1+out*0.6, cb)
		} else {
			bulge = append(ellipsePts(f, a1-h*0.3, cb, h*0.55, h*0.85, -math.Pi/2, math.Pi/2, 20), f.at(a1-h*0.6, cb))
			fb := bc + h*0.9
			if far {
				fb = bc - h*1.1
			}
			frag = ellipsePts(f, a1+h*0.55, fb, h*0.5, h*1.05, 0, 2*math.Pi, 36)
			neck = ribbonAlong([]anatomy.Point{f.at(a1-depth*0.35, bc), f.at(a1-h*0.2, bc+(fb-bc)*0.4), f.at(a1+h*0.45, fb)}, h*0.45, h*0.55)
			tip = f.at(a1+h*0.55, fb)
		}
	}
	// where it presses first, then over it the ring pushed out and the
	// gel squeezed through it
	pressing(g, v, seg, side, far, d)
	g.fillLine(bulge, roleDisc, roleDiscLine, 1.1)
	if herniated {
		g.herniated(neck, frag)
	}
	g.pin(tip)
}

// pressing draws the root a disc finding at seg presses on, irritated.
func pressing(g *findingGeom, v anatomy.View, seg string, side anatomy.Side, far bool, d discSpan) {
	if side == anatomy.NoSide {
		return
	}
	root, crossing := pressedRoot(seg, far)
	if root == "" {
		return
	}
	id := rootInView(v, "nerve:"+root+":"+string(side))
	if id == "" {
		return
	}
	if crossing {
		f, a0, a1, h, bc := d.f, d.a0, d.a1, d.h, d.bc
		// The crossing root runs from the nerve sac down behind the disc
		// to its opening one level lower: drawn here, irritated, from
		// above the disc to the root's swelling at its opening.
		gang := pointsOf(shapesOf(v, id, anatomy.PartGanglion))
		if len(gang) == 0 {
			gang = pointsOf(shapesOf(v, id))
		}
		if len(gang) == 0 {
			return
		}
		end := centroid(gang)
		var course []anatomy.Point
		if v == anatomy.Posterior {
			w := (a1 - a0) / 2
			ac := (a0 + a1) / 2
			sg := -1.0
			if side == anatomy.Right {
				sg = 1
			}
			course = curveThrough([]anatomy.Point{f.at(ac+sg*w*0.42, bc-h*3.2), f.at(ac+sg*w*0.5, bc+h*0.2), end}, 10)
		} else {
			course = curveThrough([]anatomy.Point{f.at(a1+h*0.75, bc-h*3), f.at(a1+h*0.8, bc+h*0.4), end}, 10)
		}
		band := ribbonAlong(course, h*0.55, h*0.6)
		g.steps = append(g.steps,
			step{kind: stepStroke, pts: band, c: roleGlow, width: 5},
			step{kind: stepFill, pts: band, c: roleInflamed},
			step{kind: stepStroke, pts: band, c: roleInflamedLine, width: 0.9})
	}
	irritated(g, v, id)
}

// irritated draws root id in view v red and swollen with a glow.
func irritated(g *findingGeom, v anatomy.View, id string) {
	id = rootInView(v, id)
	for _, s := range shapesOf(v, id, anatomy.PartNerve, anatomy.PartGanglion) {
		g.steps = append(g.steps, step{kind: stepShapeLine, shape: s.Path, c: roleGlow, width: 6})
	}
	for _, s := range shapesOf(v, id, anatomy.PartNerve, anatomy.PartGanglion) {
		g.part(s.Path, roleInflamedLine, roleInflamed, 2)
	}
}

func wornDisc(g *findingGeom, v anatomy.View, seg string) {
	d, ok := discSpanOf(v, seg)
	if !ok {
		return
	}
	f, disc, a0, a1, b0, b1, h, bc := d.f, d.disc, d.a0, d.a1, d.b0, d.b1, d.h, d.bc
	// the disc space, then a thinner, darker disc within it
	for _, s := range shapesOf(v, "disc:"+seg, anatomy.PartDisc) {
		g.steps = append(g.steps, step{kind: stepShapeFill, shape: s.Path, c: roleSpace})
	}
	thin := make([]anatomy.Point, len(disc))
	for i, q := range disc {
		a, b := f.local(q)
		thin[i] = f.at(a*0.97, bc+(b-bc)*0.5)
	}
	g.fillLine(thin, roleWornDisc, roleDiscLine, 0.9)
	// a crack through the dried gel
	g.steps = append(g.steps, step{kind: stepLine, c: roleDiscLine, width: 0.8, pts: []anatomy.Point{
		f.at(a0+(a1-a0)*0.3, bc), f.at(a0+(a1-a0)*0.42, bc-h*0.15), f.at(a0+(a1-a0)*0.55, bc+h*0.12), f.at(a0+(a1-a0)*0.7, bc)}})
	// small spurs at the edges of the vertebrae above and below
	s := h * 1.1
	for _, b := range []float64{b0 - h*0.15, b1 + h*0.15} {
		db := -1.0
		if b > bc {
			db = 1
		}
		g.bone(spur(f, a0+h*0.2, b, -0.8, db*0.6, s))
		g.bone(spur(f, a1-h*0.2, b, 0.8, db*0.6, s*0.8))
	}
	g.pin(f.at((a0+a1)/2, bc))
}

func vertebraSpurs(g *findingGeom, v anatomy.View, level string) {
	body := pointsOf(shapesOf(v, "vertebra:"+level, anatomy.PartBody, anatomy.PartBack))
	seg := levelSeg(level)
	f, _, ok := segFrame(v, seg)
	if !ok || len(body) == 0 {
		return
	}
	f.o = centroid(body)
	a0, a1, b0, b1 := f.extent(body)
	s := (b1 - b0) * 0.22
	for _, b := range []float64{b0 + s*0.3, b1 - s*0.3} {
		db := -0.5
		if b > 0 {
			db = 0.5
		}
		g.bone(spur(f, a0+s*0.2, b, -0.85, db, s))
		g.bone(spur(f, a1-s*0.2, b, 0.85, db, s*0.8))
	}
}

// arthritic draws facet joint id enlarged, with spurs at its ends.
func arthritic(g *findingGeom, v anatomy.View, id string) {
	id = rootInView(v, id) // a right joint lies behind its left twin, as roots do
	ss := shapesOf(v, id)
	pts := pointsOf(ss)
	if len(pts) == 0 {
		return
	}
	f := axisFrame(pts) // along the joint
	a0, a1, b0, b1 := f.extent(pts)
	L := (a1 - a0) / 2
	W := math.Max((b1-b0)/2, L*0.22)
	g.arthriticJoint(ss, f, jointLook{ra: L * 1.45, rb: W * 3.4, sa: L * 1.3, sb: W * 1.2, da: 0.8, db: 0.6, ss: L * 0.75})
	// the badge pins to the joint's lower end, leaving the joint in sight
	lo := f.at(L*1.2, 0)
	if hi := f.at(-L*1.2, 0); hi.Y > lo.Y {
		lo = hi
	}
	g.pin(lo)
}

// narrowed draws the opening a root leaves by made smaller by bone, and
// the root squeezed in it.
func narrowed(g *findingGeom, v anatomy.View, st anatomy.Structure, side anatomy.Side) {
	var seg, root string
	switch st.Kind {
	case anatomy.Nerve:
		root, seg = st.Level, anatomy.ExitSegment(st.Level)
		side = st.Side
	case anatomy.Facet:
		seg, side = st.Level, st.Side
		root, _ = pressedRoot(seg, true)
	case anatomy.Disc:
		seg = st.Level
		root, _ = pressedRoot(seg, true)
	}
	if seg == "" || root == "" {
		return
	}
	if side == anatomy.NoSide {
		side = anatomy.Left
		if v == anatomy.Posterior {
			narrowed(g, v, st, anatomy.Right) // both openings of the level
		}
	}
	rootID := rootInView(v, "nerve:"+root+":"+string(side))
	gang := pointsOf(shapesOf(v, rootID, anatomy.PartGanglion))
	if len(gang) == 0 {
		return
	}
	gc := centroid(gang)
	facet := pointsOf(shapesOf(v, rootInView(v, "facet:"+seg+":"+string(side))))
	if fs, ok := foramenShade(v, seg); ok && v == anatomy.Lateral {
		// the opening filled in by bone, then what is left of it
		g.steps = append(g.steps, step{kind: stepShapeFill, shape: fs.Path, c: roleArch},
			step{kind: stepShapeLine, shape: fs.Path, c: roleBodyLine, width: 0.8})
		win := outline(fs)
		small := make([]anatomy.Point, len(win))
		for k, q := range win {
			small[k] = anatomy.Point{X: gc.X + (q.X-gc.X)*0.45, Y: gc.Y + (q.Y-gc.Y)*0.45}
		}
		g.fillLine(small, roleSpace, roleBodyLine, 0.6)
	}
	if len(facet) > 0 {
		// a bony bump from the joint into the opening
		fc := centroid(facet)
		d := math.Hypot(gc.X-fc.X, gc.Y-fc.Y)
		if d > 0 {
			f := frame{o: fc, n: anatomy.Point{X: (gc.X - fc.X) / d, Y: (gc.Y - fc.Y) / d}}
			f.u = anatomy.Point{X: -f.n.Y, Y: f.n.X}
			g.fillLine(ellipsePts(f, d*0.45, 0, d*0.42, d*0.3, 0, 2*math.Pi, 30), roleArch, roleBodyLine, 1)
		}
	}
	irritated(g, v, rootID)
	g.pin(gc)
}

// stenosis draws the nerve sac pinched at the level, the disc pushing in
// from the front and a thickened ligament from behind.
func stenosis(g *findingGeom, v anatomy.View, seg string) {
	d, ok := discSpanOf(v, seg)
	if !ok {
		return
	}
	f, a0, a1, h, bc := d.f, d.a0, d.a1, d.h, d.bc
	var centre, half float64
	span := h * 5
	if v == anatomy.Posterior {
		centre, half = (a0+a1)/2, (a1-a0)*0.2
	} else {
		back := a1 + (a1-a0)*0.45 // about where the arch starts
		if fp := pointsOf(shapesOf(v, rootInView(v, "facet:"+seg+":left"))); len(fp) > 0 {
			fa, _ := f.local(centroid(fp))
			back = math.Max(fa-h*0.6, a1+h)
		}
		centre, half = (a1+back)/2, (back-a1)*0.46
		span = h * 4
	}
	var l, r []anatomy.Point
	for i := 0; i <= 30; i++ {
		b := bc - span + 2*span*float64(i)/30
		x := (b - bc) / (h * 1.6)
		w := half * (1 - 0.62*math.Exp(-x*x))
		l = append(l, f.at(centre-w, b))
		r = append(r, f.at(centre+w, b))
	}
	sac := append(l, reverse(r)...)
	if v == anatomy.Posterior {
		// behind the bone: the sac shows through, outlined in dashes
		g.steps = append(g.steps, step{kind: stepFill, pts: sac, c: roleSac},
			step{kind: stepDashes, pts: sac, c: roleSacLine, width: 1})
		for _, sg := range []float64{-1, 1} {
			g.fillLine(ellipsePts(f, centre+sg*half*0.95, bc, half*0.42, h*1.3, 0, 2*math.Pi, 28), roleLigament, roleBodyLine, 0.8)
		}
	} else {
		g.fillLine(sac, roleSac, roleSacLine, 1)
		g.fillLine(append(ellipsePts(f, a1-h*0.3, bc, (centre-half*0.38)-(a1-h*0.3), h*0.85, -math.Pi/2, math.Pi/2, 20), f.at(a1-h*0.6, bc)), roleDisc, roleDiscLine, 1)
		g.fillLine(ellipsePts(f, centre+half*1.05, bc-h*0.4, half*0.7, h*1.5, 0, 2*math.Pi, 28), roleLigament, roleBodyLine, 0.8)
	}
	g.pin(f.at(centre, bc))
}

func reverse(p []anatomy.Point) []anatomy.Point {
	out := make([]anatomy.Point, len(p))
	for i, q := range p {
		out[len(p)-1-i] = q
	}
	return out
}

// moveBody erases vertebra level's body in the side view, redraws the
// discs beside it, and returns its outline and a frame at it.
func moveBody(g *findingGeom, v anatomy.View, level string, redrawDiscs bool) ([]anatomy.Shape, frame, bool) {
	body := shapesOf(v, "vertebra:"+level, anatomy.PartBody)
	seg := levelSeg(level)
	f, _, ok := segFrame(v, seg)
	if v != anatomy.Lateral || len(body) == 0 || !ok {
		return nil, frame{}, false
	}
	f.o = centroid(pointsOf(body))
	for _, s := range body {
		g.erase(s.Path)
	}
	st, _ := anatomy.Lookup("vertebra:" + level)
	for _, id := range []string{"disc:" + level + "-" + strings.TrimPrefix(st.Below, "vertebra:"), "disc:" + strings.TrimPrefix(st.Above, "vertebra:") + "-" + level} {
		for _, s := range shapesOf(v, id, anatomy.PartDisc) {
			if !redrawDiscs {
				g.erase(s.Path)
				continue
			}
			g.part(s.Path, roleDiscLine, roleDisc, 2)
		}
	}
	return body, f, true
}

// slipped draws a vertebra slipped forward on the one below by its grade:
// up to a quarter of its depth (grade 1) or half (grade 2).
func slipped(g *findingGeom, v anatomy.View, level string, grade int) {
	body, f, ok := moveBody(g, v, level, false)
	if !ok {
		return
	}
	pts := pointsOf(body)
	a0, a1, _, _ := f.extent(pts)
	shift := (a1 - a0) * 0.2
	if grade >= 2 {
		shift = (a1 - a0) * 0.4
	}
	for _, s := range body {
		g.steps = append(g.steps, step{kind: stepDashes, pts: outline(s), c: roleBodyLine, width: 0.9})
	}
	// The discs beside it are sheared: the side on the slipped vertebra
	// goes forward with it, the other stays on its own bone.
	st, _ := anatomy.Lookup("vertebra:" + level)
	for _, d := range []struct {
		id    string
		below bool
	}{{"disc:" + level + "-" + strings.TrimPrefix(st.Below, "vertebra:"), true}, {"disc:" + strings.TrimPrefix(st.Above, "vertebra:") + "-" + level, false}} {
		for _, s := range shapesOf(v, d.id, anatomy.PartDisc) {
			out := outline(s)
			_, _, d0, d1 := f.extent(out)
			sheared := make([]anatomy.Point, len(out))
			for i, q := range out {
				_, b := f.local(q)
				k := shift * (b - d0) / math.Max(d1-d0, 1)
				if d.below {
					k = shift * (d1 - b) / math.Max(d1-d0, 1)
				}
				sheared[i] = anatomy.Point{X: q.X - f.n.X*k, Y: q.Y - f.n.Y*k}
			}
			g.fillLine(sheared, roleDisc, roleDiscLine, 1)
		}
	}
	for _, s := range body {
		g.steps = append(g.steps, movedShape(s, func(q anatomy.Point) anatomy.Point {
			return anatomy.Point{X: q.X - f.n.X*shift, Y: q.Y - f.n.Y*shift}
		}, true))
	}
	// the roots beside it stay in front of the bone
	for _, id := range []string{"nerve:" + level + ":left", "nerve:" + strings.TrimPrefix(st.Above, "vertebra:") + ":left"} {
		for _, s := range shapesOf(v, id, anatomy.PartNerve, anatomy.PartGanglion) {
			g.part(s.Path, roleNerveLine, roleNerve, 2)
		}
	}
	g.pin(anatomy.Point{X: f.o.X - f.n.X*shift, Y: f.o.Y - f.n.Y*shift})
}

// fractured draws a vertebral body collapsed in front into a wedge, with
// its old outline in dashes.
func fractured(g *findingGeom, v anatomy.View, level string) {
	body, f, ok := moveBody(g, v, level, true)
	if !ok {
		return
	}
	pts := pointsOf(body)
	a0, a1, _, b1 := f.extent(pts)
	for _, s := range body {
		g.steps = append(g.steps, step{kind: stepDashes, pts: outline(s), c: roleBodyLine, width: 0.9},
			movedShape(s, func(q anatomy.Point) anatomy.Point {
				a, b := f.local(q)
				front := 1 - (a-a0)/(a1-a0) // 1 at the front, 0 at the back
				return f.at(a, b1+(b-b1)*(1-0.45*front))
			}, true))
	}
	_, _, b0, _ := f.extent(pts)
	hgt := b1 - b0
	// the crushed front: a few crack lines
	g.steps = append(g.steps, step{kind: stepLine, c: roleBodyLine, width: 1.1, pts: []anatomy.Point{
		f.at(a0+(a1-a0)*0.04, b1-hgt*0.3), f.at(a0+(a1-a0)*0.22, b1-hgt*0.42), f.at(a0+(a1-a0)*0.34, b1-hgt*0.3), f.at(a0+(a1-a0)*0.5, b1-hgt*0.48)}},
		step{kind: stepLine, c: roleBodyLine, width: 0.9, pts: []anatomy.Point{
			f.at(a0+(a1-a0)*0.08, b1-hgt*0.15), f.at(a0+(a1-a0)*0.2, b1-hgt*0.2), f.at(a0+(a1-a0)*0.3, b1-hgt*0.12)}})
	g.pin(f.at(a0+(a1-a0)*0.3, b1-hgt*0.35))
}

// curve draws a scoliosis in the back view: the line of the spine bent
// toward the curve's side, its apex at the marked vertebra, the end
// vertebrae's tilted edges whose angle is the curve's (Cobb) angle, and
// the angle written beside it.
func curve(g *findingGeom, v anatomy.View, level string, d handout.Detail) {
	if v != anatomy.Posterior || d.Side == anatomy.NoSide {
		return
	}
	lv := anatomy.VertebraLevels()
	ai := -1
	for i, l := range lv {
		if l == level {
			ai = i
		}
	}
	if ai < 0 {
		return
	}
	top, bot := max(ai-4, 1), min(ai+4, len(lv)-3) // C2 to L5
	var line []anatomy.Point
	for i := top; i <= bot; i++ {
		if c, ok := boundsCentre(v, "vertebra:"+lv[i]); ok {
			line = append(line, c)
		}
	}
	if len(line) < 2 {
		return
	}
	y0, y1 := line[0].Y, line[len(line)-1].Y
	L := y1 - y0
	if L <= 0 {
		return
	}
	angle := float64(d.Angle)
	if angle == 0 {
		angle = 20
	}
	A := L * math.Tan(angle*math.Pi/360) / math.Pi
	sg := 1.0
	if d.Side == anatomy.Left {
		sg = -1
	}
	base := curveThrough(line, 8)
	bent := make([]anatomy.Point, len(base))
	for i, q := range base {
		bent[i] = anatomy.Point{X: q.X + sg*A*math.Sin(math.Pi*(q.Y-y0)/L), Y: q.Y}
	}
	// The spine itself bends: every part between the end vertebrae moves
	// sideways with the curve and turns with it, ribs and all.
	off := func(y float64) (dx, slope float64) {
		if y <= y0 || y >= y1 {
			return 0, 0
		}
		return sg * A * math.Sin(math.Pi*(y-y0)/L), sg * A * math.Pi / L * math.Cos(math.Pi*(y-y0)/L)
	}
	var moving []anatomy.Shape
	for _, s := range anatomy.Shapes(v) {
		if c := s.Bounds.Center(); s.Level != "" && s.Part != anatomy.PartPelvis && c.Y > y0 && c.Y < y1 {
			moving = append(moving, s)
		}
	}
	for _, s := range moving {
		g.erase(s.Path) // the outline goes too: it lies half outside the shape
	}
	for _, s := range moving {
		c := s.Bounds.Center()
		dx, slope := off(c.Y)
		a := -math.Atan(slope)
		cos, sin := math.Cos(a), math.Sin(a)
		g.steps = append(g.steps, movedShape(s, func(q anatomy.Point) anatomy.Point {
			x, y := q.X-c.X, q.Y-c.Y
			return anatomy.Point{X: c.X + dx + x*cos - y*sin, Y: c.Y + x*sin + y*cos}
		}, false))
	}
	g.steps = append(g.steps, step{kind: stepLine, pts: bent, c: roleFinding, width: 1.6})
	// the end vertebrae's edges, tilted toward each other by half the angle each
	half := 0 // half the width of the vertebral body
	if r, ok := anatomy.StructureBounds(v, "disc:"+levelSeg(lv[ai])); ok {
		half = int(r.Dx() * 0.75)
	}
	for k, end := range []anatomy.Point{bent[0], bent[len(bent)-1]} {
		tilt := angle / 2 * math.Pi / 180
		if k == 1 {
			tilt = -tilt
		}
		tilt *= sg
		dx, dy := math.Cos(tilt)*float64(half), math.Sin(tilt)*float64(half)
		g.steps = append(g.steps, step{kind: stepLine, c: roleFinding, width: 2.2,
			pts: []anatomy.Point{{X: end.X - dx, Y: end.Y + dy}, {X: end.X + dx, Y: end.Y - dy}}})
	}
	apex := anatomy.Point{X: line[0].X + (line[len(line)-1].X-line[0].X)*0.5 + sg*A, Y: y0 + L/2}
	if c, ok := boundsCentre(v, "vertebra:"+level); ok {
		apex = anatomy.Point{X: c.X + sg*A*math.Sin(math.Pi*(c.Y-y0)/L), Y: c.Y}
	}
	if d.Angle != 0 {
		g.steps = append(g.steps, step{kind: stepText, c: roleFinding, text: strconv.Itoa(d.Angle) + "°",
			pts: []anatomy.Point{{X: apex.X + sg*float64(half)*1.25, Y: apex.Y + 12}}})
	}
	g.pin(apex)
}
