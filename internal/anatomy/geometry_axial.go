package anatomy

import (
	"fmt"
	"math"
	"strings"
	"sync"
)

// The view from above (axial, issue 13): one motion segment cut through
// its disc and seen from above, the front of the body (the disc) at the
// top of the picture and the patient's left on the left, as in the view
// from behind. CT and MRI scans are usually shown from below, so the other
// way round; the diagram says so in its caption.
//
// A cut through the disc shows: the disc; behind it the canal, lined at the
// back by the ligamentum flavum, with the sac holding the cord (neck and
// mid back) or the cauda equina (below the cord's end at L1-L2); the root
// that leaves at the level going out sideways through its opening (the
// foramen), and in the low back the root that crosses the disc on its way
// down, in the lateral recess just inside the facet joint; both facet
// joints, the lower vertebra's superior articular process in front and
// outside, the upper vertebra's inferior process behind and inside; the
// upper vertebra's laminae and spinous process. Seen from above, the lower
// vertebra's transverse processes (the sacrum's wings below L5) show beside
// the cut. Proportions per region follow ANATOMY.md.

// AxialView is the view from above of motion segment seg ("L4-L5",
// "L5-S"); the segment is part of the view, so the hit test, the marks'
// places and the renderer's caches all keep one level apart from another.
func AxialView(seg string) View { return View("axial:" + seg) }

// axialPrefix starts every view from above.
const axialPrefix = "axial:"

// AxialLevel is the motion segment a view from above shows, and false for
// any other view.
func (v View) AxialLevel() (seg string, ok bool) {
	s, ok := strings.CutPrefix(string(v), axialPrefix)
	if !ok || !isSegment(s) {
		return "", false
	}
	return s, true
}

// IsAxial reports whether v is a view from above.
func (v View) IsAxial() bool {
	_, ok := v.AxialLevel()
	return ok
}

func isSegment(seg string) bool {
	_, ok := Lookup("disc:" + seg)
	return ok
}

// ParseAxialLevel reads a disc level typed by a person for the view from
// above: "L4-L5", "l4-l5", "L5-S1", "C5–C6" or a disc's ID "disc:L4-L5".
func ParseAxialLevel(s string) (string, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "disc:"), "Disc:")
	t = strings.ReplaceAll(t, "–", "-")
	t = strings.ToUpper(strings.ReplaceAll(t, " ", ""))
	if strings.HasSuffix(t, "-S1") {
		t = strings.TrimSuffix(t, "1")
	}
	if isSegment(t) {
		return t, nil
	}
	return "", fmt.Errorf("%q is not a disc level: the view from above shows one disc, from C2-C3 down to L5-S1 (for example L4-L5)", s)
}

// AxialLevelOf is the level to look at from above for a structure: a
// disc's or a facet joint's own level, the level a nerve root leaves at
// (or, for a sacral root, the lowest disc, L5-S1, which its root crosses
// on its way down), and the disc below a vertebra. "" when the structure
// has no disc level near it (the upper neck, the tailbone).
func AxialLevelOf(id string) string {
	st, ok := Lookup(id)
	if !ok {
		return ""
	}
	switch st.Kind {
	case Disc, Facet:
		return st.Level
	case Nerve:
		if seg := ExitSegment(st.Level); seg != "" {
			return seg
		}
		if st.Level == "S1" {
			return "L5-S"
		}
	case Vertebra:
		for _, seg := range SegmentLevels() {
			if strings.HasPrefix(seg, st.Level+"-") {
				return seg
			}
		}
	}
	return ""
}

// Parts the view from above adds.
const (
	PartLigament  Part = "ligament"  // the ligamentum flavum lining the back of the canal (decoration)
	PartVessel    Part = "vessel"    // the vertebral artery beside a neck disc (decoration)
	PartGrey      Part = "grey"      // the cord's butterfly-shaped grey matter (decoration)
	PartFat       Part = "fat"       // the canal's space around the sac (decoration)
	PartCaudaArea Part = "caudaarea" // where the cauda equina's roots lie in the sac, seen from above
)

// axialSize is the model-space box of a view from above: square, as one
// level is about as deep as it is wide.
const axialSize = 1000.0

// axialDims are a level's sizes in millimetres (ANATOMY.md, "The view from
// above"), the canal's centre at the origin, x toward the patient's right
// (the right of the picture), y toward the back (down the picture).
type axialDims struct {
	region Region

	discW, discD float64 // the disc's width and depth
	discBack     float64 // how far the disc's back edge is hollowed in the middle (kidney shape)
	heart        float64 // how much the front narrows (the thoracic heart shape)

	canalW, canalD float64 // between the pedicles, and front to back
	trefoil        float64 // 0 a rounded triangle, 1 a trefoil (deep lateral recesses, L5)
	round          bool    // the round thoracic canal

	sacW, sacD   float64 // the sac
	cordW, cordD float64 // the cord, 0 when the level holds only the cauda equina
	cauda        bool    // the cauda equina's roots

	facetX, facetY float64 // the facet joint's centre, on the patient's right
	facetAngle     float64 // its angle to the coronal plane, degrees
	facetLen       float64
	facetBow       float64 // how far the joint curves toward the front and outside

	laminaT     float64 // the laminae's thickness
	spinousLen  float64 // from the back of the canal to the spinous process's tip
	spinousW    float64
	bifid       bool // the forked tip of C2-C6
	transverseL float64
	rootW       float64 // the root leaving at the level
	rootAngle   float64 // degrees forward of straight out to the side
	rootLen     float64
	crossingR   float64 // the crossing root's radius in the lateral recess (low back), 0 for none
	ribs        bool    // the rib heads that meet the disc (T1-T2 to T9-T10)
	uncinate    bool    // the raised edges of the lower cervical body
	artery      bool    // the vertebral artery in its hole beside the disc
	sacrum      bool    // the lower vertebra is the sacrum: its wings instead of transverse processes
}

// lerp blends a to b by t.
func lerp(a, b, t float64) float64 { return a + (b-a)*t }

// axialDimsOf works out a segment's sizes, blending through its region
// from the first segment to the last.
func axialDimsOf(seg string) axialDims {
	upper, lower, _ := strings.Cut(seg, "-")
	region := LevelRegion(upper)
	var segs []string
	for _, s := range SegmentLevels() {
		if LevelRegion(s) == region {
			segs = append(segs, s)
		}
	}
	i := indexOf(segs, seg)
	t := 0.0
	if len(segs) > 1 {
		t = float64(i) / float64(len(segs)-1)
	}
	d := axialDims{region: region}
	switch region {
	case Cervical:
		d.discW, d.discD, d.discBack = lerp(17, 24, t), lerp(15, 16.5, t), 0.6
		d.canalW, d.canalD = lerp(23, 25, t), lerp(16, 14.5, t)
		d.sacW, d.sacD = lerp(20, 21.5, t), lerp(12, 11, t)
		d.cordW, d.cordD = lerp(12, 13.5, t), lerp(8.5, 8, t)
		d.facetAngle, d.facetLen, d.facetBow = 14, 11, 0.6
		d.laminaT, d.spinousLen, d.spinousW = 3.2, lerp(14, 18, t), 5
		d.bifid = upper != "C7" && upper != "C6"
		if upper == "C7" {
			d.spinousLen = 25 // the long C7 spinous process (the bump at the base of the neck)
		}
		d.rootW, d.rootAngle, d.rootLen = 4.2, 32, 15
		d.transverseL = 0
		// the vertebral artery runs up through the holes of C6 to C1: at
		// C7-T1 it lies in front of C7, not beside the disc
		d.uncinate, d.artery = true, upper != "C7"
		d.facetX, d.facetY = d.canalW/2+5.5, d.canalD*0.2
	case Thoracic:
		d.discW, d.discD, d.discBack, d.heart = lerp(27, 40, t), lerp(19, 30, t), 1.6, 0.2
		d.canalW, d.canalD, d.round = lerp(16.5, 17.5, t), lerp(15, 16.5, t), true
		d.sacW, d.sacD = lerp(13.5, 14.5, t), lerp(12, 13, t)
		d.cordW, d.cordD = lerp(8.5, 9.2, t), lerp(6.5, 7.2, t)
		d.facetAngle, d.facetLen, d.facetBow = 20, 12, 0.8
		d.laminaT, d.spinousLen, d.spinousW = 5, lerp(24, 30, t), 6
		d.rootW, d.rootAngle, d.rootLen = 4, 8, 16
		d.transverseL = lerp(18, 14, t)
		d.ribs = i <= indexOf(segs, "T9-T10")
		d.facetX, d.facetY = d.canalW/2+4, d.canalD*0.3
	default: // lumbar
		d.discW, d.discD, d.discBack = lerp(42, 50, t), lerp(30, 35, t), 3.5
		d.canalW, d.canalD = lerp(22, 25, t), lerp(17, 15, t)
		d.trefoil = map[string]float64{"L3-L4": 0.15, "L4-L5": 0.45, "L5-S": 1}[seg]
		d.sacW, d.sacD = lerp(15, 13, t), lerp(11.5, 10, t)
		d.cauda = true
		if seg == "L1-L2" {
			d.cordW, d.cordD = 5, 4 // the tip of the cord (the conus) ends at this disc
		}
		d.facetAngle = map[string]float64{"L1-L2": 74, "L2-L3": 68, "L3-L4": 60, "L4-L5": 50, "L5-S": 42}[seg]
		d.facetLen, d.facetBow = 13, 1.5
		d.laminaT, d.spinousLen, d.spinousW = 6, lerp(30, 26, t), 7
		d.rootW, d.rootAngle, d.rootLen = 5.5, 28, 22
		d.transverseL = lerp(17, 20, t)
		d.crossingR = 2.6
		d.sacrum = lower == "S"
		d.facetX, d.facetY = d.canalW/2+2, d.canalD*0.32
	}
	return d
}

// axialAt maps millimetres about the canal's centre to model units.
type axialAt struct {
	o Point
	k float64 // units per millimetre
}

func (a axialAt) pt(x, y float64) Point { return Point{a.o.X + x*a.k, a.o.Y + y*a.k} }
func (a axialAt) p(q Point) Point       { return a.pt(q.X, q.Y) }
func (a axialAt) path(p Path) Path      { return p.mapPts(a.p) }

// extent is the drawing's reach in millimetres: out to each side (the
// roots' ends), to the front (the disc) and to the back (the spinous tip).
func (d axialDims) extent() (side, front, back float64) {
	fx, _ := d.facetJoint(1)
	side = math.Max(d.canalW/2+2+d.rootLen*math.Cos(d.rootAngle*math.Pi/180)+d.rootW, fx.X+d.transverseL+8)
	if d.ribs {
		side = math.Max(side, d.discW/2+24)
	}
	if d.sacrum {
		side = math.Max(side, d.discW/2+14)
	}
	front = d.discFront()
	back = d.canalD/2 + d.laminaT + d.spinousLen
	return
}

// discFront is how far the disc's front lies in front of the canal's centre.
func (d axialDims) discFront() float64 { return d.canalD/2 + d.discD - d.discBack - 0.5 }

// discCentre is the disc's centre (x = 0).
func (d axialDims) discCentre() float64 { return -d.discFront() + d.discD/2 }

// facetJoint is the facet joint of side sg (-1 the patient's left, 1 the
// right): its centre and its unit direction from the front inner end to
// the back outer end.
func (d axialDims) facetJoint(sg float64) (c, u Point) {
	th := d.facetAngle * math.Pi / 180
	return Point{sg * d.facetX, d.facetY}, Point{sg * math.Cos(th), math.Sin(th)}
}

// axialKept is how many levels' built views are kept: a visit looks at a
// level or two from above; all 23 would hold about 2 MB for good (issue
// 12's memory budget), and a level is built again in a few milliseconds,
// the same every time (so indexes into its shapes stay valid).
const axialKept = 4

// axialGeoms holds the levels' built views, the most recently used first.
var axialGeoms struct {
	mu   sync.Mutex
	kept []*viewGeom
	segs []string
}

func axialGeom(seg string) *viewGeom {
	c := &axialGeoms
	c.mu.Lock()
	for i, s := range c.segs {
		if s == seg {
			g := c.kept[i]
			copy(c.segs[1:i+1], c.segs[:i])
			copy(c.kept[1:i+1], c.kept[:i])
			c.segs[0], c.kept[0] = seg, g
			c.mu.Unlock()
			return g
		}
	}
	c.mu.Unlock()
	g := finishAxial(buildAxial(seg))
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, s := range c.segs {
		if s == seg {
			return c.kept[i] // built meanwhile by another caller
		}
	}
	c.segs = append([]string{seg}, c.segs...)
	c.kept = append([]*viewGeom{g}, c.kept...)
	if len(c.segs) > axialKept {
		c.segs, c.kept = c.segs[:axialKept], c.kept[:axialKept]
	}
	return g
}

// finishAxial indexes an axial view as finish does the others, and frames
// every zoom preset on the whole drawing (one level has nothing to zoom to).
func finishAxial(g *viewGeom) *viewGeom {
	index(finish(g))
	r := drawingRect(g)
	for _, p := range Presets() {
		g.presets[p] = r
	}
	return g
}

// axialBuilder collects a level's shapes in paint order.
type axialBuilder struct {
	g     *viewGeom
	at    axialAt
	seg   string
	upper string
	lower string
}

func (b *axialBuilder) add(id string, kind Kind, part Part, level string, p Path) {
	b.g.shapes = append(b.g.shapes, Shape{ID: id, Kind: kind, Part: part, Level: level, Path: b.at.path(p)})
}

// buildAxial draws segment seg from above.
func buildAxial(seg string) *viewGeom {
	d := axialDimsOf(seg)
	upper, lower, _ := strings.Cut(seg, "-")
	side, front, back := d.extent()
	k := math.Min(0.8*axialSize/(2*side), 0.74*axialSize/(front+back))
	// centred across; the drawing's middle a little below the box's, so
	// the caption above has room
	at := axialAt{o: Point{axialSize / 2, axialSize*0.53 - k*(back-front)/2}, k: k}
	b := &axialBuilder{g: &viewGeom{}, at: at, seg: seg, upper: upper, lower: lower}
	vid := func(l string) string { return "vertebra:" + l }

	b.add("", "", PartFat, seg, canalOutline(d))
	// seen below the cut: the lower vertebra's transverse processes (the
	// sacrum's wings below L5) and the ribs that meet the disc
	for _, sg := range []float64{-1, 1} {
		b.add(vid(lower), Vertebra, PartBack, lower, pedicle(d, sg))
		if d.sacrum {
			b.add(vid(lower), Vertebra, PartBack, lower, sacralWing(d, sg))
		} else if d.transverseL > 0 {
			b.add(vid(lower), Vertebra, PartBack, lower, transverse(d, sg))
		}
		if d.ribs {
			b.add("", "", PartRib, seg, rib(d, sg))
		}
		if d.artery {
			c := Point{sg * (d.discW/2 + 4.2), d.discCentre() + d.discD*0.16}
			b.add("", "", PartBack, lower, ellipse(c, 4.4, 3.8, 0))
			b.add("", "", PartVessel, seg, ellipse(c, 2.4, 2.4, 0))
		}
	}
	// the upper arch first, so the lower vertebra's processes keep their
	// outline where the two bones meet at the joint
	b.add(vid(upper), Vertebra, PartArch, upper, upperArch(d))
	for _, sg := range []float64{-1, 1} {
		b.add(vid(lower), Vertebra, PartProcess, lower, superiorProcess(d, sg))
	}
	b.add("", "", PartLigament, seg, flavum(d))
	if d.uncinate {
		for _, sg := range []float64{-1, 1} {
			b.add(vid(lower), Vertebra, PartBody, lower, uncinate(d, sg))
		}
	}
	disc := discOutline(d)
	b.add("disc:"+seg, Disc, PartDisc, seg, disc)
	dc := Point{0, d.discCentre() + d.discBack*0.4}
	for _, f := range []float64{0.8, 0.62} {
		b.add("", "", PartDiscLine, seg, disc.mapPts(func(q Point) Point { return dc.add(q.sub(dc).mul(f)) }))
	}
	b.add("", "", PartNucleus, seg, ellipse(Point{0, d.discCentre() + d.discD*0.06}, d.discW*0.2, d.discD*0.17, 0))

	sacC := Point{0, -d.canalD * 0.06}
	b.add("", "", PartSac, seg, ellipse(sacC, d.sacW/2, d.sacD/2, 0))
	if d.cauda {
		b.add("cord:cauda-equina", Cord, PartCaudaArea, "cauda-equina", ellipse(sacC.add(Point{0, d.sacD * 0.06}), d.sacW/2*0.86, d.sacD/2*0.8, 0))
		b.add("", "", PartCauda, seg, caudaRoots(d, sacC))
	}
	if d.cordW > 0 {
		cc := sacC.add(Point{0, d.sacD * 0.04})
		b.add("cord:spinal", Cord, PartCord, "cord", cordOutline(cc, d.cordW, d.cordD))
		if d.cordW > 6 {
			b.add("", "", PartGrey, seg, greyMatter(cc, d.cordW, d.cordD))
		}
	}
	exiting := ExitingRoot(seg)
	crossing := DiscRoot(seg)
	for _, sg := range []float64{-1, 1} {
		sd := Right
		if sg < 0 {
			sd = Left
		}
		if crossing != "" && crossing != exiting && d.crossingR > 0 {
			id := "nerve:" + crossing + ":" + string(sd)
			b.add(id, Nerve, PartNerve, crossing, ellipse(crossingRootAt(d, sg), d.crossingR, d.crossingR*1.1, 0))
		}
		if exiting != "" {
			id := "nerve:" + exiting + ":" + string(sd)
			course, gang := exitingRoot(d, sg, sacC)
			b.add(id, Nerve, PartNerve, exiting, band(course, d.rootW*0.8, d.rootW))
			b.add(id, Nerve, PartGanglion, exiting, gang)
		}
	}
	for _, sg := range []float64{-1, 1} {
		sd := Right
		if sg < 0 {
			sd = Left
		}
		b.add("facet:"+seg+":"+string(sd), Facet, PartCartilage, seg, facetCartilage(d, sg))
	}
	// a label says whose arch is cut (the title over the picture names the level)
	lab := func(text, level string, x, y float64) {
		b.g.labels = append(b.g.labels, Label{Text: text, Level: level, At: at.pt(x, y)})
	}
	lab(upper, upper, -d.spinousW-2, d.canalD/2+d.laminaT+d.spinousLen*0.6)
	return b.g
}

// The helpers below build outlines in millimetres about the canal's centre.

// canalOutline is the canal's space: a rounded triangle (neck, low back),
// a trefoil with deep side pockets (the lateral recesses, L5), or round
// (mid back). The bone and the disc around it cover its edges.
func canalOutline(d axialDims) Path {
	W, D := d.canalW, d.canalD
	if d.round {
		return ellipse(Point{0, 0}, W/2, D/2, 0)
	}
	r := d.trefoil
	return roundPoly([]corner{
		{Point{-W/2 - 1.5*r, -D/2 - 0.8}, 2},
		{Point{0, -D/2 - 1}, 30},
		{Point{W/2 + 1.5*r, -D/2 - 0.8}, 2},
		{Point{W * (0.42 - 0.1*r), D * (0.02 + 0.04*r)}, 4 - 2*r},
		{Point{W * 0.08, D / 2}, 3},
		{Point{-W * 0.08, D / 2}, 3},
		{Point{-W * (0.42 - 0.1*r), D * (0.02 + 0.04*r)}, 4 - 2*r},
	})
}

// discOutline is the disc from above: kidney-shaped in the low back (its
// back hollowed around the canal), heart-shaped in the mid back, an oval
// in the neck.
func discOutline(d axialDims) Path {
	const n = 36
	cy := d.discCentre()
	pts := make([]Point, n)
	for i := range pts {
		th := 2 * math.Pi * float64(i) / n
		c, s := math.Cos(th), math.Sin(th)
		// a rounder square than an ellipse
		x := d.discW / 2 * math.Copysign(math.Pow(math.Abs(c), 0.75), c)
		y := d.discD / 2 * math.Copysign(math.Pow(math.Abs(s), 0.85), s)
		if y < 0 {
			x *= 1 - d.heart*(-y/(d.discD/2))
		} else {
			y -= d.discBack * math.Exp(-math.Pow(x/(d.discW*0.3), 2)) * (y / (d.discD / 2))
		}
		pts[i] = Point{x, cy + y}
	}
	return smooth(pts, nil, 0.9)
}

// facetPts are the joint's ends and middle: front inner end, middle bowed
// toward the front and outside, back outer end; and n, the unit vector
// toward the front and outside (the superior process's side).
func facetPts(d axialDims, sg float64) (a, m, e, n Point) {
	c, u := d.facetJoint(sg)
	// u turned a quarter toward the front
	th := d.facetAngle * math.Pi / 180
	n = Point{sg * math.Sin(th), -math.Cos(th)}
	a = c.sub(u.mul(d.facetLen / 2))
	e = c.add(u.mul(d.facetLen / 2))
	m = c.add(n.mul(d.facetBow))
	return
}

// facetCartilage is the joint: a thin curved band of cartilage and space.
func facetCartilage(d axialDims, sg float64) Path {
	a, m, e, _ := facetPts(d, sg)
	w := 1.9
	if d.region == Lumbar {
		w = 2.3
	}
	return band(curvePts(a, m, e, 8), w, w*0.9)
}

// curvePts samples the quadratic curve from a through (near) m to e.
func curvePts(a, m, e Point, n int) []Point {
	ctl := m.mul(2).sub(a.add(e).mul(0.5))
	pts := make([]Point, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		pts = append(pts, a.mul(u*u).add(ctl.mul(2*u*t)).add(e.mul(t*t)))
	}
	return pts
}

// superiorProcess is the lower vertebra's superior articular process: in
// front of and outside the joint, its inner face the back wall of the
// lateral recess and of the opening where the root leaves.
func superiorProcess(d axialDims, sg float64) Path {
	a, m, e, n := facetPts(d, sg)
	u := e.sub(a).unit()
	s := d.facetLen / 15 // the lumbar process's size is the measure
	depth := 7.5 * s
	if d.region == Cervical {
		depth = 6 // the lateral mass
	}
	return roundPoly([]corner{
		{a.sub(u.mul(1.2)).add(n.mul(0.3)), 1.2},
		{m.add(n.mul(0.2)), 6},
		{e.add(u.mul(0.8)).add(n.mul(0.4)), 1.5},
		{e.add(n.mul(depth * 0.7)).add(u.mul(0.5)), 3},
		{m.add(n.mul(depth)), 4},
		{a.add(n.mul(depth * 0.75)).sub(u.mul(1.5)), 3},
	})
}

// upperArch is the upper vertebra's arch, cut through: both inferior
// articular processes (behind and inside the joints), the laminae and the
// spinous process pointing back, forked at its tip in C2-C6.
func upperArch(d axialDims) Path {
	back := d.canalD / 2
	tip := back + d.laminaT + d.spinousLen
	sw := d.spinousW / 2
	var cs []corner
	for _, sg := range []float64{-1, 1} {
		a, m, e, n := facetPts(d, sg)
		u := e.sub(a).unit()
		in := []corner{
			{a.add(n.mul(-0.3)).sub(u.mul(0.6)), 1.2}, // the joint's front inner end
			{m.sub(n.mul(0.2)), 6},
			{e.add(u.mul(0.6)).sub(n.mul(0.3)), 1.2},
			{e.sub(n.mul(4.5)).add(u.mul(0.2)), 3}, // the process's back outer edge
		}
		if d.region == Thoracic {
			in[3].r = 2
		}
		// the lamina's outer face, to the spinous process's root
		lam := []corner{{Point{sg * sw * 1.2, back + d.laminaT*1.15}, 4}}
		// the lamina's inner face, from the joint's front to the midline
		inner := []corner{{a.sub(n.mul(2.2)).add(Point{-sg * 1.5, 1.2}), 3}}
		if sg < 0 {
			// left: inner face forwards, the joint, then the outer face back to the middle
			cs = append(cs, corner{Point{0, back + 0.2}, 3})
			cs = append(cs, inner...)
			cs = append(cs, in...)
			cs = append(cs, lam...)
			// spinous process, left side of it, to the tip
			cs = append(cs, corner{Point{-sw, (back + tip) / 2}, 6})
			if d.bifid {
				cs = append(cs, corner{Point{-sw * 1.5, tip}, 2}, corner{Point{0, tip - sw*0.9}, 1.5})
			} else {
				cs = append(cs, corner{Point{-sw * 0.9, tip - 0.5}, 3}, corner{Point{0, tip}, 3})
			}
			continue
		}
		if d.bifid {
			cs = append(cs, corner{Point{sw * 1.5, tip}, 2})
		} else {
			cs = append(cs, corner{Point{sw * 0.9, tip - 0.5}, 3})
		}
		cs = append(cs, corner{Point{sw, (back + tip) / 2}, 6})
		cs = append(cs, lam...)
		for i := len(in) - 1; i >= 0; i-- {
			cs = append(cs, in[i])
		}
		cs = append(cs, inner...)
	}
	return roundPoly(cs)
}

// flavum is the ligamentum flavum: a band along the inside of the laminae
// from one joint to the other, the canal's back wall.
func flavum(d axialDims) Path {
	back := d.canalD / 2
	t := map[Region]float64{Cervical: 1.8, Thoracic: 2.2, Lumbar: 3.2}[d.region]
	var pts []Point
	for _, sg := range []float64{-1, 1} {
		a, _, _, n := facetPts(d, sg)
		q := a.sub(n.mul(1.6)).add(Point{-sg * 0.6, 0.8})
		if sg < 0 {
			pts = append(pts, q, Point{-d.canalW * 0.18, back - t*0.2})
		} else {
			pts = append(pts, Point{0, back - t*0.25}, Point{d.canalW * 0.18, back - t*0.2}, q)
		}
	}
	return band(pts, t, t)
}

// uncinate is a raised back corner of the lower neck vertebra's body,
// hugging the disc's side (the uncovertebral joint).
func uncinate(d axialDims, sg float64) Path {
	cy := d.discCentre()
	x := sg * d.discW / 2
	return roundPoly([]corner{
		{Point{x - sg*1.2, cy - d.discD*0.05}, 1.5},
		{Point{x + sg*1.6, cy + d.discD*0.02}, 2},
		{Point{x + sg*1.2, cy + d.discD*0.4}, 2},
		{Point{x - sg*2.5, cy + d.discD*0.45}, 1.5},
		{Point{x - sg*0.6, cy + d.discD*0.25}, 2},
	})
}

// pedicle is the lower vertebra's pedicle, seen below the cut under the
// opening where the root leaves: from the back corner of its body (under
// the disc) to its superior process.
func pedicle(d axialDims, sg float64) Path {
	_, m, _, n := facetPts(d, sg)
	base := m.add(n.mul(3))
	x0 := sg * (d.canalW/2 - 0.5)
	return roundPoly([]corner{
		{Point{x0, -d.canalD/2 - 3}, 2},
		{Point{x0 + sg*7, -d.canalD/2 - 3.5}, 2},
		{base.add(Point{sg * 2.5, 0}), 2},
		{base.sub(Point{sg * 3.5, -1}), 2},
	})
}

// transverse is the lower vertebra's transverse process, seen below the
// cut: from the root of its superior process out to the side and a little
// back (in the mid back, back and out, where the rib leans on it).
func transverse(d axialDims, sg float64) Path {
	_, m, _, n := facetPts(d, sg)
	base := m.add(n.mul(4))
	dir := Point{sg, 0.15}.unit()
	if d.region == Thoracic {
		dir = Point{sg, 0.7}.unit()
	}
	w := map[Region]float64{Thoracic: 7, Lumbar: 6.5}[d.region]
	tip := base.add(dir.mul(d.transverseL))
	perp := dir.perp()
	return roundPoly([]corner{
		{base.add(perp.mul(w * 0.8)).sub(dir.mul(3)), 2},
		{tip.add(perp.mul(w * 0.45)), 2.5},
		{tip.add(dir.mul(1.5)), 3},
		{tip.sub(perp.mul(w * 0.45)), 2.5},
		{base.sub(perp.mul(w * 0.8)).sub(dir.mul(3)), 2},
	})
}

// sacralWing is the sacrum's wing (ala) below the L5-S1 disc.
func sacralWing(d axialDims, sg float64) Path {
	cy := d.discCentre()
	x := sg * d.discW / 2
	return roundPoly([]corner{
		{Point{x - sg*6, cy - d.discD*0.3}, 4},
		{Point{x + sg*10, cy - d.discD*0.42}, 8},
		{Point{x + sg*15, cy + d.discD*0.1}, 8},
		{Point{x + sg*9, cy + d.discD*0.55}, 6},
		{Point{x - sg*3, cy + d.discD*0.5}, 4},
	})
}

// rib is a rib's head meeting the disc's side and its neck running out
// and back to the transverse process (mid back).
func rib(d axialDims, sg float64) Path {
	cy := d.discCentre()
	head := Point{sg * (d.discW/2 + 0.5), cy + d.discD*0.3}
	_, m, _, n := facetPts(d, sg)
	tp := m.add(n.mul(4)).add(Point{sg, 0.7}.unit().mul(d.transverseL * 0.8))
	out := tp.add(Point{sg * 7, -3})
	return band([]Point{head, lerpPt(head, tp, 0.5).add(Point{0, -1.5}), tp.add(Point{0, -3.5}), out}, 5, 4.5)
}

// crossingRootAt is where the root crossing a low-back disc lies: in the
// lateral recess, in front of the superior process and beside the sac.
func crossingRootAt(d axialDims, sg float64) Point {
	return Point{sg * (d.sacW/2 + d.crossingR*0.2), -d.canalD/2 + d.crossingR + 1.3}
}

// exitingRoot is the course of the root leaving at the level: from the
// side of the sac out through the opening between the disc (in front)
// and the superior process (behind), then forward and out; and its
// swelling (the ganglion) in the opening.
func exitingRoot(d axialDims, sg float64, sac Point) ([]Point, Path) {
	th := d.rootAngle * math.Pi / 180
	dir := Point{sg * math.Cos(th), -math.Sin(th)}
	door := Point{sg * (d.canalW/2 + 1.5), -d.canalD*0.3 - 0.5}
	start := Point{sg * d.sacW / 2 * 0.82, sac.Y + d.sacD*0.05}
	course := []Point{start, lerpPt(start, door, 0.55).add(Point{0, 0.4}), door}
	if d.crossingR > 0 {
		// In the low back the root has left the sac higher up: at the
		// disc it lies out in the opening, beside the crossing root.
		door = Point{sg * (d.canalW/2 + 6.5), -d.canalD*0.22 - 0.3}
		course = []Point{door.sub(dir.mul(1.5)), door}
	}
	end := door.add(dir.mul(d.rootLen))
	course = append(course, door.add(dir.mul(d.rootLen*0.5)), end)
	g := door.add(dir.mul(d.rootLen * 0.32))
	gang := ellipse(g, d.rootW*1.05, d.rootW*0.78, math.Atan2(dir.Y, dir.X))
	return course, gang
}

// cordOutline is the cord: an oval a little flattened at the front.
func cordOutline(c Point, w, h float64) Path {
	return roundPoly([]corner{
		{c.add(Point{-w / 2, -h * 0.05}), w * 0.4},
		{c.add(Point{-w * 0.2, -h / 2}), w * 0.3},
		{c.add(Point{w * 0.2, -h / 2}), w * 0.3},
		{c.add(Point{w / 2, -h * 0.05}), w * 0.4},
		{c.add(Point{w * 0.25, h / 2}), w * 0.3},
		{c.add(Point{-w * 0.25, h / 2}), w * 0.3},
	})
}

// greyMatter is the butterfly (H) of grey matter inside the cord.
func greyMatter(c Point, w, h float64) Path {
	var p Path
	for _, sg := range []float64{-1, 1} {
		p.append(band([]Point{
			c.add(Point{sg * w * 0.07, -h * 0.02}),
			c.add(Point{sg * w * 0.2, -h * 0.22}),
			c.add(Point{sg * w * 0.3, -h * 0.3}),
		}, h*0.16, h*0.2))
		p.append(band([]Point{
			c.add(Point{sg * w * 0.07, h * 0.02}),
			c.add(Point{sg * w * 0.16, h * 0.22}),
			c.add(Point{sg * w * 0.2, h * 0.38}),
		}, h*0.14, h*0.08))
	}
	p.append(ellipse(c, w*0.1, h*0.08, 0))
	return p
}

// caudaRoots are the cauda equina's roots cut across: small round dots,
// the lowest roots in the middle and at the back of the sac, those about
// to leave at the front and sides.
func caudaRoots(d axialDims, sac Point) Path {
	var p Path
	rx, ry := d.sacW/2*0.72, d.sacD/2*0.62
	r := 0.75
	// rings of dots, thinning toward the middle
	for ring, f := range []float64{1, 0.66, 0.33} {
		n := []int{14, 9, 4}[ring]
		for i := 0; i < n; i++ {
			th := 2*math.Pi*float64(i)/float64(n) + float64(ring)*0.4
			c := sac.add(Point{rx * f * math.Cos(th), d.sacD*0.08 + ry*f*math.Sin(th)})
			if d.cordW > 0 && math.Hypot((c.X-sac.X)/(d.cordW/2+1), (c.Y-sac.Y-d.sacD*0.04)/(d.cordD/2+1)) < 1 {
				continue // the conus lies there
			}
			p.append(ellipse(c, r, r, 0))
		}
	}
	return p
}
