package diagram

import (
	"math"
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// The findings in the view from above (issue 13), drawn from that view's
// own shapes at the level shown and the side marked. This view shows best
// what presses from the front, the sides and behind on the sac and the
// roots: a bulge or herniation reaching the crossing root in the lateral
// recess (or, far out, the root leaving in its opening), a narrowed canal
// squeezing the sac, an arthritic joint closing the lateral recess, a
// narrowed opening squeezing its root, a slipped vertebra's arch moved
// forward over the canal. A marked finding at another level is not drawn
// here (its badge has no place in this view either). A compression
// fracture is a loss of height at the front of a vertebral body: a cut
// through the disc seen from above cannot show it, the side view does.

// axialCut is the view's landmarks, from its shapes: the canal's frame (o
// the canal's centre, n toward the patient's right, u toward the back),
// a unit of about a millimetre, and the level's vertebrae.
type axialCut struct {
	v            anatomy.View
	seg          string
	upper, lower string
	f            frame
	mm           float64
	disc         []anatomy.Point // the disc's outline
	discC        anatomy.Point
	discR        anatomy.Rect
}

func axialCutOf(v anatomy.View) (axialCut, bool) {
	seg, ok := v.AxialLevel()
	if !ok {
		return axialCut{}, false
	}
	c := axialCut{v: v, seg: seg}
	c.upper, c.lower, _ = strings.Cut(seg, "-")
	discs := shapesOf(v, "disc:"+seg, anatomy.PartDisc)
	canal := decoOf(v, anatomy.PartFat)
	if len(discs) == 0 || len(canal) == 0 {
		return axialCut{}, false
	}
	c.disc = outline(discs[0])
	c.discC = centroid(c.disc)
	c.discR = discs[0].Bounds
	cr := canal[0].Bounds
	c.f = frame{o: cr.Center(), n: anatomy.Point{X: 1}, u: anatomy.Point{Y: 1}}
	// a lumbar disc is about 34 mm deep, a neck disc about 16: the unit
	// follows the disc, as the view scales each level to fill the box
	depth := map[anatomy.Region]float64{anatomy.Cervical: 16, anatomy.Thoracic: 25, anatomy.Lumbar: 33}[anatomy.LevelRegion(c.upper)]
	c.mm = c.discR.Dy() / depth
	return c, true
}

// decoOf is the decoration shapes of a part in view v.
func decoOf(v anatomy.View, part anatomy.Part) []anatomy.Shape {
	var out []anatomy.Shape
	for _, s := range anatomy.Shapes(v) {
		if s.ID == "" && s.Part == part {
			out = append(out, s)
		}
	}
	return out
}

// sideSign is -1 for the patient's left (the left of the picture), 1 for
// the right, 0 for none.
func sideSign(s anatomy.Side) float64 {
	switch s {
	case anatomy.Left:
		return -1
	case anatomy.Right:
		return 1
	}
	return 0
}

// axialFinding draws mark m in view v from above, where it belongs to the
// level shown.
func axialFinding(g *findingGeom, v anatomy.View, m Mark, st anatomy.Structure, side anatomy.Side) {
	c, ok := axialCutOf(v)
	if !ok {
		return
	}
	own := func(seg string) bool { return seg == c.seg }
	switch handout.Finding(m.Finding) {
	case handout.Bulge, handout.Herniation:
		if st.Kind == anatomy.Disc && own(st.Level) {
			c.discOut(g, handout.Finding(m.Finding) == handout.Herniation, side, m.Detail.Far)
		}
	case handout.Degeneration:
		switch {
		case st.Kind == anatomy.Disc && own(st.Level):
			c.wornDisc(g)
		case st.Kind == anatomy.Facet && own(st.Level):
			c.arthritic(g, st.ID)
		case st.Kind == anatomy.Vertebra && (st.Level == c.upper || st.Level == c.lower):
			c.rimSpurs(g)
		}
	case handout.Arthritis:
		if st.Kind == anatomy.Facet && own(st.Level) {
			c.arthritic(g, st.ID)
		}
	case handout.Narrowing:
		c.narrowed(g, st, side)
	case handout.Stenosis:
		seg := st.Level
		if st.Kind == anatomy.Vertebra {
			seg = levelSeg(st.Level)
		}
		if (st.Kind == anatomy.Disc || st.Kind == anatomy.Vertebra) && own(seg) {
			c.stenosis(g)
		}
	case handout.Slip:
		if st.Kind == anatomy.Vertebra && st.Level == c.upper {
			c.slipped(g, m.Detail.Grade)
		}
	case handout.Irritation:
		if st.Kind == anatomy.Nerve && anatomy.Drawn(v, st.ID) {
			irritated(g, v, st.ID)
			g.pin(centroid(pointsOf(shapesOf(v, st.ID))))
		}
	}
}

// discOut is a bulge (broad, the disc's back edge pushed out) or a
// herniation (gel squeezed out through the ring in one place): central,
// back and to one side (under the crossing root in the low back, the
// leaving root in the neck), or far out to the side (the leaving root).
func (c axialCut) discOut(g *findingGeom, herniated bool, side anatomy.Side, far bool) {
	sg := sideSign(side)
	w := c.discR.Dx() / 2
	// where across the disc it points, and how wide it is: straight back
	// and broad, or aimed at the root it presses on (the crossing root in
	// its lateral recess, the leaving root in its opening), found on the
	// drawing itself so the two cannot drift apart
	at, spread := c.discC.X, w*0.55
	amount := 4.4 * c.mm // a real bulge is under about 3 mm: drawn a little larger to be seen
	if sg == 0 && !herniated {
		amount = 2.6 * c.mm // a broad bulge is shallow
	}
	var toward anatomy.Point // the root's nearest point, for a herniation's dome
	if sg != 0 {
		spread = w * 0.16
		if far {
			spread = w * 0.22
		}
		at = c.discC.X + sg*w*0.3
		root, _ := pressedRoot(c.seg, far)
		if q, gap, ok := c.nearestRootPoint("nerve:" + root + ":" + string(side)); ok {
			toward = q
			at = math.Max(c.discC.X-w*0.92, math.Min(c.discC.X+w*0.92, q.X))
			amount = math.Max(amount, math.Min(gap+2*c.mm, 9*c.mm))
		}
	}
	backOf := c.discC.Y - c.discR.Dy()*0.05
	weight := func(q anatomy.Point) float64 {
		if q.Y < backOf {
			return 0
		}
		back := math.Min(1, (q.Y-backOf)/(c.discR.Max.Y-backOf))
		return math.Sqrt(back) * math.Exp(-math.Pow((q.X-at)/spread, 2))
	}
	// the back edge where it points moves by the whole amount
	full := math.Max(weight(c.backEdgeAt(at)), 0.2)
	push := func(q anatomy.Point, amt, spread float64) anatomy.Point {
		if q.Y < backOf {
			return q
		}
		k := amt * math.Min(1, weight(q)/full)
		d := punit(psub(q, c.discC))
		if toward != (anatomy.Point{}) {
			d = punit(psub(toward, c.backEdgeAt(at))) // toward the root it presses on
		}
		return padd(q, pmul(d, k))
	}
	// the root it presses on is drawn over it, so it stays in sight
	defer g.pressing(c, side, far)
	if !herniated {
		out := make([]anatomy.Point, len(c.disc))
		for i, q := range c.disc {
			out[i] = push(q, amount, spread)
		}
		g.tissue(out, anatomy.PartDisc)
		c.redrawDiscInside(g)
		tip := push(c.backEdgeAt(at), amount, spread)
		g.pin(tip)
		return
	}
	// a herniation: the ring torn where the gel comes through, a dome of
	// gel beyond it, wider than its neck when it has pushed far
	edge := c.backEdgeAt(at)
	dir, reach := anatomy.Point{Y: 1}, 4.2*c.mm
	if toward != (anatomy.Point{}) {
		d := psub(toward, edge)
		dir, reach = punit(d), math.Max(reach, math.Min(plen(d), 8*c.mm))
	}
	dome := padd(edge, pmul(dir, reach))
	nucleus := anatomy.Point{X: c.discC.X + (at-c.discC.X)*0.3, Y: c.discC.Y + c.discR.Dy()*0.08}
	neck := ribbonAlong([]anatomy.Point{nucleus, lerpPt(nucleus, edge, 0.6), edge}, 4*c.mm, 3*c.mm)
	df := frame{o: dome, n: pperp(dir), u: dir}
	frag := ellipsePts(df, 0, 0, 4.4*c.mm, 3.8*c.mm, 0, 2*math.Pi, 36)
	g.herniated(neck, frag)
	g.pin(dome)
}

// nearestRootPoint is the point of root id nearest the disc's back half,
// and how far it lies from the disc.
func (c axialCut) nearestRootPoint(id string) (anatomy.Point, float64, bool) {
	pts := pointsOf(shapesOf(c.v, id))
	best, bd := anatomy.Point{}, math.Inf(1)
	for _, q := range pts {
		for _, e := range c.disc {
			if e.Y < c.discC.Y {
				continue
			}
			if d := plen(psub(q, e)); d < bd {
				best, bd = q, d
			}
		}
	}
	return best, bd, !math.IsInf(bd, 1)
}

// tissue draws outline pts as the anatomy draws a part, with the mark's
// tint as on the rest of the marked structure: a disc redrawn bulging
// reads as the same disc.
func (g *findingGeom) tissue(pts []anatomy.Point, part anatomy.Part) {
	g.steps = append(g.steps, step{kind: stepPart, shape: polyPath(pts), part: part, tint: true})
}

// backEdgeAt is the point of the disc's back edge at x.
func (c axialCut) backEdgeAt(x float64) anatomy.Point {
	best := c.discC
	bd := math.Inf(1)
	for _, q := range c.disc {
		if q.Y < c.discC.Y {
			continue
		}
		if d := math.Abs(q.X - x); d < bd {
			best, bd = q, d
		}
	}
	return best
}

// redrawDiscInside lays the disc's rings and gel centre back over a disc
// redrawn by a finding.
func (c axialCut) redrawDiscInside(g *findingGeom) {
	for _, p := range []anatomy.Part{anatomy.PartDiscLine, anatomy.PartNucleus} {
		for _, s := range decoOf(c.v, p) {
			g.steps = append(g.steps, movedShape(s, func(q anatomy.Point) anatomy.Point { return q }, false))
		}
	}
}

// pressing draws the root a disc finding presses on irritated: the
// crossing root in the low back, the leaving root in the neck and mid
// back and far out to the side (the same table as the other views).
func (g *findingGeom) pressing(c axialCut, side anatomy.Side, far bool) {
	if side == anatomy.NoSide {
		return
	}
	root, _ := pressedRoot(c.seg, far)
	if id := "nerve:" + root + ":" + string(side); root != "" && anatomy.Drawn(c.v, id) {
		irritated(g, c.v, id)
	}
}

// wornDisc is a dried, darker disc with cracks through its centre and
// spurs at the edges of the bodies around it.
func (c axialCut) wornDisc(g *findingGeom) {
	for _, s := range shapesOf(c.v, "disc:"+c.seg, anatomy.PartDisc) {
		g.steps = append(g.steps, step{kind: stepShapeFill, shape: s.Path, c: roleWornDisc},
			step{kind: stepShapeLine, shape: s.Path, c: roleDiscLine, width: 1})
	}
	h := c.discR.Dy() / 2
	w := c.discR.Dx() / 2
	o := c.discC
	f := frame{o: o, n: anatomy.Point{X: 1}, u: anatomy.Point{Y: 1}}
	g.fillLine(ellipsePts(f, 0, h*0.1, w*0.26, h*0.22, 0, 2*math.Pi, 30), roleSpace, roleDiscLine, 0.6)
	for _, crack := range [][]anatomy.Point{
		{f.at(-w*0.3, h*0.1), f.at(-w*0.12, -h*0.02), f.at(w*0.05, h*0.18), f.at(w*0.32, h*0.05)},
		{f.at(w*0.05, h*0.18), f.at(w*0.12, h*0.45), f.at(w*0.08, h*0.7)},
	} {
		g.steps = append(g.steps, step{kind: stepLine, pts: crack, c: roleDiscLine, width: 0.9})
	}
	c.rimSpurs(g)
	g.pin(f.at(0, h*0.1))
}

// rimSpurs are the bony spurs at the rim of the bodies around the disc:
// at its front corners and its back corners, pointing out.
func (c axialCut) rimSpurs(g *findingGeom) {
	f := frame{o: c.discC, n: anatomy.Point{X: 1}, u: anatomy.Point{Y: 1}}
	w, h := c.discR.Dx()/2, c.discR.Dy()/2
	s := 4 * c.mm
	for _, sg := range []float64{-1, 1} {
		g.bone(spur(f, sg*w*0.62, -h*0.86, sg*0.5, -0.85, s))
		g.bone(spur(f, sg*w*0.97, -h*0.1, sg, -0.1, s*0.9))
		g.bone(spur(f, sg*w*0.7, h*0.8, sg*0.55, 0.8, s*0.8))
	}
	if !g.pinned {
		g.pin(f.at(-w*0.62, -h*0.86))
	}
}

// arthritic is a facet joint grown large with spurs: the joint space thin,
// the processes around it thick, bulging into the lateral recess in front
// and out behind.
func (c axialCut) arthritic(g *findingGeom, id string) {
	ss := shapesOf(c.v, id)
	pts := pointsOf(ss)
	if len(pts) == 0 {
		return
	}
	f := axisFrame(pts) // along the joint
	jc := f.o
	a0, a1, _, _ := f.extent(pts)
	L := (a1 - a0) / 2
	// grown out and back, away from the canal: the bone around the
	// joint swells most at its back outer end
	out := punit(psub(jc, c.f.o))
	bc := padd(jc, pmul(out, L*0.25))
	bf := frame{o: bc, n: f.n, u: f.u}
	g.arthriticJoint(ss, bf, jointLook{ra: L * 1.2, rb: L * 0.5, sa: L * 1.1, sb: L * 0.25, da: 0.7, db: 0.7, ss: L * 0.4})
	g.pin(jc)
}

// narrowed is the opening a root leaves by made smaller: bone grown from
// the joint's process behind and the disc's edge in front, the root in it
// squeezed and irritated. Marked on a root, on the joint beside it or on
// the disc (both sides unless one is named).
func (c axialCut) narrowed(g *findingGeom, st anatomy.Structure, side anatomy.Side) {
	seg := st.Level
	switch st.Kind {
	case anatomy.Nerve:
		seg, side = anatomy.ExitSegment(st.Level), st.Side
	case anatomy.Facet:
		side = st.Side
	case anatomy.Disc:
	default:
		return
	}
	if seg != c.seg {
		return
	}
	sides := []anatomy.Side{side}
	if side == anatomy.NoSide {
		sides = []anatomy.Side{anatomy.Left, anatomy.Right}
	}
	root := anatomy.ExitingRoot(c.seg)
	for _, sd := range sides {
		id := "nerve:" + root + ":" + string(sd)
		gang := pointsOf(shapesOf(c.v, id, anatomy.PartGanglion))
		if len(gang) == 0 {
			continue
		}
		gc := centroid(gang)
		// the superior process on this side: its outline nearest the root
		var proc []anatomy.Point
		for _, s := range shapesOf(c.v, "vertebra:"+c.lower, anatomy.PartProcess) {
			if (s.Bounds.Center().X-c.f.o.X)*sideSign(sd) > 0 {
				proc = outline(s)
			}
		}
		if len(proc) > 0 {
			pc := centroid(proc)
			d := plen(psub(gc, pc))
			if d > 0 {
				f := frame{o: pc, n: punit(psub(gc, pc))}
				f.u = pperp(f.n)
				g.fillLine(ellipsePts(f, d*0.55, 0, d*0.42, d*0.34, 0, 2*math.Pi, 30), roleArch, roleBodyLine, 1)
			}
		}
		// the disc's edge grown toward the root from the front
		edge := c.backEdgeAt(c.discC.X + sideSign(sd)*c.discR.Dx()*0.42)
		df := frame{o: edge, n: punit(psub(gc, edge))}
		df.u = pperp(df.n)
		g.fillLine(ellipsePts(df, 0, 0, 3*c.mm, 4*c.mm, 0, 2*math.Pi, 30), roleDisc, roleDiscLine, 1)
		// the squeezed root over what squeezes it, so it stays in sight
		irritated(g, c.v, id)
		g.pin(gc)
	}
}

// stenosis is the canal narrowed: the disc pushing in from the front,
// thick ligamentum flavum and grown facet joints from behind and the
// sides, the sac squeezed into a small trefoil with its roots crowded.
func (c axialCut) stenosis(g *findingGeom) {
	sac := decoOf(c.v, anatomy.PartSac)
	if len(sac) == 0 {
		return
	}
	same := func(q anatomy.Point) anatomy.Point { return q }
	// the sac and what is in it cleared to the canal's space, the roots
	// leaving it laid back (the squeezed sac and the tissue around it
	// then cover their inner ends)
	clear := movedShape(sac[0], same, false)
	clear.part, clear.sheen = anatomy.PartFat, nil
	g.steps = append(g.steps, clear)
	for _, sd := range []string{"left", "right"} {
		for _, s := range shapesOf(c.v, "nerve:"+anatomy.ExitingRoot(c.seg)+":"+sd, anatomy.PartNerve, anatomy.PartGanglion) {
			g.steps = append(g.steps, movedShape(s, same, false))
		}
	}
	sr := sac[0].Bounds
	sc := sr.Center()
	hw, hd := sr.Dx()/2, sr.Dy()/2
	// the squeezed sac: a trefoil, pinched at the back and the sides
	var tre []anatomy.Point
	for i := 0; i < 48; i++ {
		th := 2 * math.Pi * float64(i) / 48
		r := 1 - 0.28*math.Pow(math.Max(0, math.Sin(th)), 2) - 0.16*math.Pow(math.Cos(th), 4)
		tre = append(tre, anatomy.Point{X: sc.X + hw*0.62*r*math.Cos(th), Y: sc.Y - hd*0.1 + hd*0.55*r*math.Sin(th)})
	}
	g.fillLine(tre, roleSac, roleSacLine, 1)
	squeeze := func(q anatomy.Point) anatomy.Point {
		return anatomy.Point{X: sc.X + (q.X-sc.X)*0.55, Y: sc.Y - hd*0.1 + (q.Y-sc.Y)*0.5}
	}
	for _, s := range decoOf(c.v, anatomy.PartCauda) {
		g.steps = append(g.steps, movedShape(s, squeeze, false))
	}
	for _, s := range shapesOf(c.v, "cord:spinal") {
		g.steps = append(g.steps, movedShape(s, squeeze, false))
	}
	for _, s := range decoOf(c.v, anatomy.PartGrey) {
		g.steps = append(g.steps, movedShape(s, squeeze, false))
	}
	// the ligamentum flavum thickened behind, the joints grown in from
	// the sides, the disc bulging from the front
	for _, s := range decoOf(c.v, anatomy.PartLigament) {
		fl := outline(s)
		fc := centroid(fl)
		thick := make([]anatomy.Point, len(fl))
		for i, q := range fl {
			// grown toward the canal's centre, more in the middle
			d := psub(c.f.o, q)
			k := 0.32 * math.Exp(-math.Pow((q.X-fc.X)/(hw*1.4), 2))
			thick[i] = padd(q, pmul(d, k))
		}
		g.fillLine(append(thick, reverse(fl)...), roleLigament, roleBodyLine, 0.8)
		g.fillLine(thick, roleLigament, roleBodyLine, 0.8)
	}
	for _, sg := range []float64{-1, 1} {
		at := anatomy.Point{X: sc.X + sg*hw*1.05, Y: sc.Y + hd*0.15}
		f := frame{o: at, n: anatomy.Point{X: -sg}, u: anatomy.Point{Y: 1}}
		g.fillLine(ellipsePts(f, 0, 0, hw*0.32, hd*0.55, 0, 2*math.Pi, 28), roleArch, roleBodyLine, 0.9)
	}
	front := c.backEdgeAt(c.discC.X)
	// the disc's back edge pushed in, drawn whole so no seam shows
	pushed := make([]anatomy.Point, len(c.disc))
	for i, q := range c.disc {
		k := math.Exp(-math.Pow((q.X-front.X)/(hw*0.9), 2)) * math.Max(0, (q.Y-c.discC.Y)/(c.discR.Dy()/2))
		pushed[i] = padd(q, anatomy.Point{Y: 2.6 * c.mm * k})
	}
	g.tissue(pushed, anatomy.PartDisc)
	c.redrawDiscInside(g)
	// the crossing roots squeezed in their recesses
	if root := anatomy.DiscRoot(c.seg); root != anatomy.ExitingRoot(c.seg) {
		for _, sd := range []string{"left", "right"} {
			for _, s := range shapesOf(c.v, "nerve:"+root+":"+sd, anatomy.PartNerve) {
				g.steps = append(g.steps, movedShape(s, same, false))
			}
		}
	}
	g.pin(anatomy.Point{X: sc.X, Y: sc.Y - hd*0.1})
}

// slipped is the upper vertebra slipped forward on the lower one: its arch
// (laminae, joints' inner processes, spinous process) moved forward over
// the canal, its old place in dashes, the sac squeezed between the disc
// and the arch (a degenerative slip, most often L4 on L5).
func (c axialCut) slipped(g *findingGeom, grade int) {
	arch := shapesOf(c.v, "vertebra:"+c.upper, anatomy.PartArch)
	if len(arch) == 0 {
		return
	}
	depth := c.discR.Dy()
	// as far as the side view moves it: a fifth of the body's depth
	// (grade 1, up to a quarter), two fifths (grade 2, up to a half)
	shift := depth * 0.2
	if grade >= 2 {
		shift = depth * 0.4
	}
	// the disc's back is left uncovered by the body that moved: it
	// shows behind as a broad bulge
	out := make([]anatomy.Point, len(c.disc))
	for i, q := range c.disc {
		if q.Y > c.discC.Y {
			k := math.Min(1, (q.Y-c.discC.Y)/(depth/2))
			q = padd(q, anatomy.Point{Y: 2.2 * c.mm * k})
		}
		out[i] = q
	}
	g.tissue(out, anatomy.PartDisc)
	c.redrawDiscInside(g)
	fwd := func(q anatomy.Point) anatomy.Point { return anatomy.Point{X: q.X, Y: q.Y - shift} }
	for _, s := range arch {
		g.steps = append(g.steps, step{kind: stepDashes, pts: outline(s), c: roleBodyLine, width: 0.9})
	}
	for _, s := range decoOf(c.v, anatomy.PartLigament) {
		g.steps = append(g.steps, movedShape(s, fwd, false))
	}
	for _, s := range arch {
		g.steps = append(g.steps, movedShape(s, fwd, true))
	}
	for _, sd := range []string{"left", "right"} {
		for _, s := range shapesOf(c.v, "facet:"+c.seg+":"+sd) {
			g.steps = append(g.steps, movedShape(s, fwd, false))
		}
	}
	g.pin(fwd(arch[0].Bounds.Center()))
}

// Point arithmetic (anatomy keeps its own unexported).
func padd(a, b anatomy.Point) anatomy.Point         { return anatomy.Point{X: a.X + b.X, Y: a.Y + b.Y} }
func psub(a, b anatomy.Point) anatomy.Point         { return anatomy.Point{X: a.X - b.X, Y: a.Y - b.Y} }
func pmul(a anatomy.Point, k float64) anatomy.Point { return anatomy.Point{X: a.X * k, Y: a.Y * k} }
func plen(a anatomy.Point) float64                  { return math.Hypot(a.X, a.Y) }
func pperp(a anatomy.Point) anatomy.Point           { return anatomy.Point{X: -a.Y, Y: a.X} }
func punit(a anatomy.Point) anatomy.Point {
	if l := plen(a); l > 0 {
		return pmul(a, 1/l)
	}
	return anatomy.Point{}
}
func lerpPt(a, b anatomy.Point, t float64) anatomy.Point {
	return anatomy.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
}
