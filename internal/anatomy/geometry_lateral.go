package anatomy

import (
	"fmt"
	"math"
	"strings"
)

// The lateral view looks at the patient's left side: the front of the body
// is on the left of the picture, the spinous processes on the right. Its
// facet joints and nerve roots are therefore the left ones.

// regionShape holds the per-region proportions of the posterior arch in
// millimetres (ANATOMY.md, "Proportions for drawing").
type regionShape struct {
	pedTop, pedBot float64 // pedicle attachment, as a fraction of body height
	pedLen         float64 // posterior body wall to the articular pillar
	facetX         float64 // facet joint centre behind the posterior body wall
	facetLen       float64
	facetAngle     float64 // joint line from horizontal, degrees, sloping down and back
	facetDrop      float64 // joint centre below the disc's middle, fraction of the lower body
	rootX          float64 // spinous root behind the facets
}

func shapeFor(r Region) regionShape {
	switch r {
	case Cervical:
		return regionShape{pedTop: 0.2, pedBot: 0.62, pedLen: 5, facetX: 10.5, facetLen: 8.5, facetAngle: 45, facetDrop: 0.12, rootX: 4}
	case Thoracic:
		return regionShape{pedTop: 0.06, pedBot: 0.5, pedLen: 7, facetX: 12.5, facetLen: 11, facetAngle: 68, facetDrop: 0.08, rootX: 4}
	default:
		return regionShape{pedTop: 0.06, pedBot: 0.52, pedLen: 9, facetX: 16, facetLen: 14, facetAngle: 82, facetDrop: 0.12, rootX: 5}
	}
}

// facetLine is a facet joint in column millimetres: centre, the direction of
// the joint line (from its front-top end to its back-bottom end), the normal
// towards the upper vertebra's inferior articular process, half length.
type facetLine struct {
	c, d, n Point
	half    float64
	t       float64 // thickness of cartilage and joint space
}

func (f facetLine) e1() Point { return f.c.sub(f.d.mul(f.half)) }
func (f facetLine) e2() Point { return f.c.add(f.d.mul(f.half)) }

// lateral facets, keyed by segment ("L4-L5").
func lateralFacets(c *column) map[string]facetLine {
	out := map[string]facetLine{}
	for _, sg := range c.segs {
		lo := c.verts[sg.lower]
		rs := shapeFor(lo.region)
		if lo.level == "S" {
			rs = shapeFor(Lumbar)
			rs.facetX = 17
		}
		f := c.frameAt((sg.s0 + sg.s1) / 2)
		a := rs.facetAngle * deg
		out[sg.name] = facetLine{
			c:    f.pt(rs.facetX, rs.facetDrop*lo.h),
			d:    f.dir(math.Cos(a), math.Sin(a)),
			n:    f.dir(math.Sin(a), -math.Cos(a)),
			half: rs.facetLen / 2,
			t:    3.2,
		}
	}
	return out
}

// layers collects the shapes of a view by paint layer.
type layers struct {
	toModel func(Point) Point
	byLayer [][]Shape
	// rootStart is where each root's drawing starts, in model space.
	rootStart map[string]Point
}

const (
	layerContour = iota
	layerShadow
	layerBack
	layerCanal // the sac, cord and cauda equina: behind the arches, over the bodies seen from behind
	layerArch
	layerProcess
	layerBody
	layerBodyDetail
	layerDisc
	layerDiscDetail
	layerJoint
	layerNerve
	layerCount
)

func newLayers(toModel func(Point) Point) *layers {
	return &layers{toModel: toModel, byLayer: make([][]Shape, layerCount)}
}

func (l *layers) add(layer int, id string, kind Kind, part Part, level string, p Path) {
	l.byLayer[layer] = append(l.byLayer[layer], Shape{ID: id, Kind: kind, Part: part, Level: level, Path: p.mapPts(l.toModel)})
}

// addSheen adds a shape whose shading is given (irregular outlines).
func (l *layers) addSheen(layer int, id string, kind Kind, part Part, level string, p Path, sheen []Path) {
	sh := Shape{ID: id, Kind: kind, Part: part, Level: level, Path: p.mapPts(l.toModel)}
	for _, q := range sheen {
		sh.Sheen = append(sh.Sheen, q.mapPts(l.toModel))
	}
	l.byLayer[layer] = append(l.byLayer[layer], sh)
}

func (l *layers) shapes() []Shape {
	var out []Shape
	for _, s := range l.byLayer {
		out = append(out, s...)
	}
	return out
}

func vid(level string) string { return "vertebra:" + level }

// lateralFit places the column in the view: the drawing's centre slightly
// right of the middle, leaving room for the level labels in front.
func lateralFit(c *column) (ox, oy float64) {
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for s := -25.0; s <= c.vert("Co").s1; s += 2 {
		for _, x := range []float64{-36, 55} {
			p := c.curvi(x, s)
			minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
			minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
		}
	}
	return 560 - unitsMM*(minX+maxX)/2, viewH/2 - unitsMM*(minY+maxY)/2
}

// rootNum is the number of a root level: "T12" → 12, "Co1" → 1.
func rootNum(root string) int {
	n := 0
	fmt.Sscanf(strings.TrimLeft(root, "CTLSo"), "%d", &n)
	return n
}

func buildLateral(c *column) *viewGeom {
	ox, oy := lateralFit(c)
	toModel := func(p Point) Point { return Point{ox + unitsMM*p.X, oy + unitsMM*p.Y} }
	L := newLayers(toModel)
	g := &viewGeom{}
	facets := lateralFacets(c)

	// Discs, their nuclei, foramen shade and facet joints.
	for _, sg := range c.segs {
		up, lo := c.verts[sg.upper], c.verts[sg.lower]
		id := "disc:" + sg.name
		L.add(layerDisc, id, Disc, PartDisc, sg.name, lateralDisc(c, up, lo, sg))
		mid := (sg.s0 + sg.s1) / 2
		g0 := sg.s1 - sg.s0
		f := c.frameAt(mid)
		dd := math.Min(up.depth, lo.depth)
		nuc := ellipse(f.pt(-dd*0.43, 0), dd*0.2, g0*0.26, math.Atan2(f.x.Y, f.x.X))
		L.add(layerDiscDetail, "", Disc, PartNucleus, sg.name, nuc)
		if g0 >= 7 {
			// rings of the annulus, seen edge-on at the front and back
			dm := (up.depth + lo.depth) / 2
			for _, x := range []float64{-dm + 2.6, -dm + 5.4, -2.4} {
				bulge := -0.9
				if x > -dm/2 {
					bulge = 0.7
				}
				L.add(layerDiscDetail, "", Disc, PartDiscLine, sg.name, curve3(c.curvi(x, sg.s0+0.8), c.curvi(x+bulge, mid), c.curvi(x, sg.s1-0.8)))
			}
		}

		rs := shapeFor(lo.region)
		// foramen shade: between the pedicles, behind the disc
		ush := shapeFor(up.region)
		top := -g0/2 - up.h*(1-ush.pedBot)
		bot := g0/2 + lo.h*rs.pedTop
		L.add(layerShadow, "", Vertebra, PartShadow, sg.name,
			ellipse(f.pt(rs.pedLen*0.55, (top+bot)/2), rs.pedLen*0.75+1.5, (bot-top)/2+1, math.Atan2(f.x.Y, f.x.X)))

		fl := facets[sg.name]
		L.add(layerJoint, "facet:"+sg.name+":left", Facet, PartCartilage, sg.name, facetBand(fl))
	}

	// Arches from the bottom up, so each thoracic spinous process lies over
	// the one below like a roof tile; then the bodies.
	for i := len(c.verts) - 1; i >= 0; i-- {
		v := c.verts[i]
		switch v.level {
		case "C1":
			atlasLateral(L, c)
		case "S":
			sacrumLateral(L, c, facets["L5-S"])
		case "Co":
			coccyxLateral(L, c)
		default:
			var fu, fl *facetLine
			if i > 1 {
				f := facets[c.verts[i-1].level+"-"+v.level]
				fu = &f
			}
			f := facets[v.level+"-"+c.verts[i+1].level]
			fl = &f
			arch, sheen := lateralArch(c, v, fu, fl)
			L.addSheen(layerArch, vid(v.level), Vertebra, PartArch, v.level, arch, sheen)
			L.add(layerBody, vid(v.level), Vertebra, PartBody, v.level, lateralBody(c, v))
		}
		// level labels in front of the bodies
		var at Point
		switch v.level {
		case "C1":
			at = c.frameAt(0).pt(-27, -11)
		case "S":
			at = c.curvi(-v.depth-7, v.s0+14)
		case "Co":
			at = c.curvi(-14, v.s0+12)
		default:
			at = c.curvi(-v.depth-6, (v.s0+v.s1)/2)
		}
		g.labels = append(g.labels, Label{Text: v.level, Level: v.level, At: toModel(at)})
	}
	// labels top to bottom
	for i, j := 0, len(g.labels)-1; i < j; i, j = i+1, j-1 {
		g.labels[i], g.labels[j] = g.labels[j], g.labels[i]
	}

	lateralCanal(L, c)
	sacroiliacLateral(L, c)
	lateralNerves(L, c)
	g.shapes, g.rootStart = L.shapes(), L.rootStart
	return g
}

// lateralBody is a vertebral body seen from the side: slightly concave
// endplates and front wall, rounded rims; the cervical bodies have a lip
// that hangs over the disc below in front.
func lateralBody(c *column, v vert) Path {
	D, s0, s1, h := v.depth, v.s0, v.s1, v.h
	lip := 0.0
	if v.region == Cervical {
		lip = 1.6
	}
	r := 2.2
	if v.region == Cervical {
		r = 1.6
	}
	cs := []corner{
		{c.curvi(0, s0), r * 0.7},
		{c.curvi(-D*0.5, s0+0.7), D},
		{c.curvi(-D+0.3, s0+0.1), r},
		{c.curvi(-D+1.1, s0+h*0.5), h},
		{c.curvi(-D-0.3*lip, s1+lip), r},
		{c.curvi(-D*0.5, s1-0.7), D},
		{c.curvi(0, s1), r * 0.7},
		{c.curvi(0.35, s0+h*0.5), h},
	}
	if v.level == "C2" {
		// the dens (odontoid peg) rises into the ring of the atlas
		f := c.frameAt(s0)
		cs = []corner{
			{f.pt(0, 0.3), 1},
			{f.pt(-3.8, -0.6), 1.5},
			{f.pt(-4.4, -9), 4},
			{f.pt(-6.6, -15.5), 3.2},
			{f.pt(-10.8, -14.2), 3},
			{f.pt(-11.4, -8), 4},
			{f.pt(-11.6, -1.2), 1.5},
			{f.pt(-D+0.2, 0.4), 1.8},
			{c.curvi(-D+0.9, s0+h*0.5), h},
			{c.curvi(-D-0.6, s1+2.2), 2},
			{c.curvi(-D*0.5, s1-0.7), D},
			{c.curvi(0, s1), 1.2},
			{c.curvi(0.35, s0+h*0.5), h},
		}
	}
	return roundPoly(cs)
}

// lateralDisc fills the gap between two bodies: taller in front where the
// curve is lordotic, bulging a little past the rims.
func lateralDisc(c *column, up, lo vert, sg seg) Path {
	s0, s1 := sg.s0, sg.s1
	mid := (s0 + s1) / 2
	Du, Dl := up.depth, lo.depth
	if lo.level == "S" {
		Dl = Du + 2
	}
	inset := 0.0
	if up.region == Cervical {
		inset = 1.2 // the lip of the body above overhangs the disc
	}
	return roundPoly([]corner{
		{c.curvi(0.2, s0-0.2), 0.8},
		{c.curvi(-Du*0.5, s0-0.6), Du},
		{c.curvi(-Du+0.4+inset, s0-0.1), 0.8},
		{c.curvi(-(Du+Dl)/2-0.7+inset, mid), (s1 - s0)},
		{c.curvi(-Dl+0.4, s1+0.1), 0.8},
		{c.curvi(-Dl*0.5, s1+0.6), Dl},
		{c.curvi(0.2, s1+0.2), 0.8},
		{c.curvi(0.9, mid), s1 - s0},
	})
}

// facetBand is the joint: cartilage and joint space between the inferior
// articular process above and the superior one below.
func facetBand(f facetLine) Path {
	e1, e2, t := f.e1(), f.e2(), f.t
	return smooth([]Point{
		e1.sub(f.d.mul(t * 0.45)),
		e1.add(f.n.mul(t / 2)),
		f.c.add(f.n.mul(t/2 + 0.25)),
		e2.add(f.n.mul(t / 2)),
		e2.add(f.d.mul(t * 0.45)),
		e2.sub(f.n.mul(t / 2)),
		f.c.sub(f.n.mul(t/2 - 0.25)),
		e1.sub(f.n.mul(t / 2)),
	}, nil, 0.9)
}

// spinous describes a spinous process in the vertebra's frame: angle below
// the horizontal (degrees), length, height at the root and at the tip.
type spinous struct {
	angle, length, root, tip float64
	bifid, hatchet           bool
}

func spinousFor(lv string) spinous {
	n := 0
	fmt.Sscanf(lv[1:], "%d", &n)
	switch LevelRegion(lv) {
	case Cervical:
		switch n {
		case 2:
			return spinous{angle: 22, length: 19, root: 12, tip: 9, bifid: true}
		case 7:
			return spinous{angle: 22, length: 27, root: 9, tip: 6.5}
		}
		return spinous{angle: 14 + float64(n-3)*3, length: 10 + float64(n-3)*1.5, root: 7, tip: 5.2, bifid: true}
	case Thoracic:
		angles := []float64{28, 36, 48, 55, 58, 60, 60, 58, 52, 42, 30, 18}
		lengths := []float64{30, 31, 32, 33, 33, 34, 34, 33, 32, 30, 28, 26}
		return spinous{angle: angles[n-1], length: lengths[n-1], root: 8, tip: 5.5}
	default:
		return spinous{angle: 4, length: 26 - float64(n)*0.6, root: 15, tip: 19, hatchet: true}
	}
}

// lateralArch is the posterior arch of a movable vertebra as one outline:
// pedicle, superior articular process up to the joint above, lamina and
// spinous process, inferior articular process down to the joint below.
func lateralArch(c *column, v vert, fu, fl *facetLine) (Path, []Path) {
	rs := shapeFor(v.region)
	fr := c.frameAt((v.s0 + v.s1) / 2)
	h := v.h
	yPt := -h/2 + rs.pedTop*h
	yPb := -h/2 + rs.pedBot*h
	var cs []corner
	cs = append(cs,
		corner{fr.pt(-2, yPt), 0},
		corner{fr.pt(rs.pedLen*0.5, yPt+0.8), rs.pedLen * 0.6},
		corner{fr.pt(rs.pedLen, yPt-0.4), 1.5},
	)
	gap := 0.35 // bone stops just under the cartilage band
	if fu != nil {
		cs = append(cs,
			corner{fu.e1().sub(fu.n.mul(fu.t/2 - gap)).sub(fu.d.mul(2.2)), 2.2},
			corner{fu.e1().sub(fu.n.mul(fu.t/2 - gap)), 0.4},
			corner{fu.e2().sub(fu.n.mul(fu.t/2 - gap)), 0.4},
			corner{fu.e2().sub(fu.n.mul(fu.t/2 - gap)).add(fu.d.mul(1.2)).add(fr.x.mul(1.5)), 1.5},
		)
	} else {
		// C2: the superior articular surfaces sit on the body, under the atlas
		cs = append(cs, corner{fr.pt(rs.pedLen+2, -h/2-1.5), 2.5}, corner{fr.pt(rs.facetX+3, -h/2+0.5), 2.5})
	}
	// lamina and spinous process
	sp := spinousFor(v.level)
	lu, ll := fr.local(fl.c), fr.local(fl.c)
	if fu != nil {
		lu = fr.local(fu.c)
	}
	rootX := math.Max(fr.local(fl.e2()).X, lu.X+2) + rs.rootX
	rootY := (lu.Y+ll.Y)/2 - 1
	if v.level == "C2" {
		rootX, rootY = 15, 1.5
	}
	a := sp.angle * deg
	dir := Point{math.Cos(a), math.Sin(a)}
	nrm := Point{-math.Sin(a), math.Cos(a)} // towards the lower edge
	R := Point{rootX, rootY}
	loc := func(p Point) Point { return fr.pt(p.X, p.Y) }
	tip := R.add(dir.mul(sp.length))
	switch {
	case sp.hatchet:
		cs = append(cs,
			corner{loc(R.sub(nrm.mul(sp.root / 2))), 4},
			corner{loc(tip.sub(nrm.mul(sp.tip / 2)).sub(dir.mul(2))), 3},
			corner{loc(tip.sub(nrm.mul(sp.tip * 0.25))), 3},
			corner{loc(tip.add(nrm.mul(sp.tip * 0.3))), 3},
			corner{loc(tip.add(nrm.mul(sp.tip / 2)).sub(dir.mul(3))), 3},
			corner{loc(R.add(nrm.mul(sp.root / 2))), 4},
		)
	case sp.bifid:
		cs = append(cs,
			corner{loc(R.sub(nrm.mul(sp.root / 2))), 3},
			corner{loc(tip.sub(nrm.mul(sp.tip / 2))), sp.tip * 0.3},
			corner{loc(tip.add(dir.mul(sp.tip * 0.35)).sub(nrm.mul(sp.tip * 0.18))), sp.tip * 0.3},
			corner{loc(tip.sub(dir.mul(sp.tip * 0.25))), 0.5},
			corner{loc(tip.add(dir.mul(sp.tip * 0.3)).add(nrm.mul(sp.tip * 0.3))), sp.tip * 0.3},
			corner{loc(tip.add(nrm.mul(sp.tip / 2)).sub(dir.mul(1))), sp.tip * 0.3},
			corner{loc(R.add(nrm.mul(sp.root / 2))), 3},
		)
	default:
		cs = append(cs,
			corner{loc(R.sub(nrm.mul(sp.root / 2))), 3},
			corner{loc(tip.sub(nrm.mul(sp.tip / 2))), sp.tip * 0.45},
			corner{loc(tip.add(dir.mul(sp.tip * 0.45))), sp.tip * 0.5},
			corner{loc(tip.add(nrm.mul(sp.tip / 2))), sp.tip * 0.45},
			corner{loc(R.add(nrm.mul(sp.root / 2)).add(dir.mul(2))), 3},
		)
	}
	// inferior articular process down to the joint below
	cs = append(cs,
		corner{fl.e2().add(fl.n.mul(fl.t/2 - gap)).sub(fr.y.mul(3)).add(fr.x.mul(1.2)), 2},
		corner{fl.e2().add(fl.n.mul(fl.t/2 - gap)).add(fl.d.mul(2.2)), 2.2},
		corner{fl.e2().add(fl.n.mul(fl.t/2 - gap)), 0.4},
		corner{fl.e1().add(fl.n.mul(fl.t/2 - gap)), 0.4},
		corner{fr.pt(rs.pedLen+0.6, yPb+1.2), 2},
		corner{fr.pt(rs.pedLen*0.5, yPb-2.2), rs.pedLen * 0.6},
		corner{fr.pt(-2, yPb), 0},
	)
	// shading: soft light along the pillar, the pedicle and the spinous process
	ang := math.Atan2(fr.x.Y, fr.x.X)
	var big, small Path
	pu := lu
	if fu == nil {
		pu = Point{rs.facetX, -h / 2}
	}
	pc := Point{(pu.X+ll.X)/2 + 0.5, (pu.Y + ll.Y) / 2}
	pr := (ll.Y - pu.Y) / 2
	spc := R.add(dir.mul(sp.length * 0.5))
	spAng := ang + math.Atan2(dir.Y, dir.X)
	thick := math.Min(sp.root, sp.tip)
	for k, sc := range []float64{1, 0.5} {
		q := &big
		if k == 1 {
			q = &small
		}
		q.append(ellipse(loc(pc), 2.6*sc, pr*0.55*sc, ang))
		q.append(ellipse(loc(spc), sp.length*0.42*sc, thick*0.26*sc, spAng))
		q.append(ellipse(fr.pt(rs.pedLen*0.45, (yPt+yPb)/2), rs.pedLen*0.35*sc, (yPb-yPt)*0.28*sc, ang))
	}
	return roundPoly(cs), []Path{big, small}
}

// atlasLateral draws C1: the anterior arch in front of the dens, the
// lateral mass resting on C2, the thin posterior arch and its tubercle.
func atlasLateral(L *layers, c *column) {
	f := c.frameAt(0) // top of C2's body
	id := vid("C1")
	ang := math.Atan2(f.x.Y, f.x.X)
	L.add(layerBody, id, Vertebra, PartBody, "C1", ellipse(f.pt(-14, -10.5), 3.4, 5.6, ang))
	var big, small Path
	big.append(ellipse(f.pt(2, -9.5), 4, 3.5, ang))
	big.append(ellipse(f.pt(18, -13.2), 7, 1.4, ang-0.12))
	small.append(ellipse(f.pt(1.5, -10), 2, 1.7, ang))
	L.addSheen(layerArch, id, Vertebra, PartArch, "C1", roundPoly([]corner{
		{f.pt(-3.6, -15.5), 2.5},
		{f.pt(4, -16.5), 3},
		{f.pt(8, -14.2), 2},
		{f.pt(20, -15.5), 5},
		{f.pt(27, -18.5), 3.5},
		{f.pt(31.5, -15), 3.5},
		{f.pt(29, -9.5), 3},
		{f.pt(20, -10.5), 5},
		{f.pt(8, -7.5), 2},
		{f.pt(6, -3.4), 2},
		{f.pt(-3.2, -2.6), 2},
	}), []Path{big, small})
}

// sacrumLateral draws the sacrum: the S1 body with the promontory in front,
// the superior articular process meeting L5 behind, the concave front and
// the bumpy median crest behind, tapering to the apex.
func sacrumLateral(L *layers, c *column, fl facetLine) {
	v := c.vert("S")
	s0, s1 := v.s0, v.s1
	at := func(x, s float64) Point { return c.curvi(x, s) }
	gap := 0.35
	cs := []corner{
		{at(-38, s0+0.8), 3},
		{at(-19, s0-0.6), 30},
		{at(0, s0), 1.5},
		{at(5, s0+3.5), 3},
		{at(9.5, s0+1), 2},
		{fl.e1().sub(fl.n.mul(fl.t/2 - gap)).sub(fl.d.mul(2.2)), 2.2},
		{fl.e1().sub(fl.n.mul(fl.t/2 - gap)), 0.4},
		{fl.e2().sub(fl.n.mul(fl.t/2 - gap)), 0.4},
		{at(23, s0+13), 4},
		{at(19, s0+22), 4},
		{at(20, s0+30), 3.5},
		{at(15.5, s0+40), 4},
		{at(16, s0+48), 3.5},
		{at(11.5, s0+58), 4},
		{at(11.5, s0+66), 3.5},
		{at(7, s0+78), 5},
		{at(3, s1-3), 2},
		{at(-4, s1), 2},
		{at(-8, s1-12), 8},
		{at(-15, s0+72), 20},
		{at(-24, s0+46), 20},
		{at(-33, s0+20), 10},
	}
	var big, small Path
	var axis, axis2 []Point
	for k := 0; k <= 6; k++ {
		t := float64(k) / 6
		axis = append(axis, at(-17+13*t, s0+7+78*t))
		axis2 = append(axis2, at(-19+13*t, s0+9+70*t))
	}
	big.append(band(axis, 22, 7))
	small.append(band(axis2, 10, 3))
	L.addSheen(layerBody, vid("S"), Vertebra, PartBody, "S", roundPoly(cs), []Path{big, small})
	// transverse ridges where the five sacral vertebrae fused
	for i, s := range []float64{23, 41, 59, 77} {
		d := []float64{31.5, 26, 20, 14}[i]
		L.add(layerBodyDetail, "", Vertebra, PartLineDetail, "S",
			polyline(at(-d+0.5, s0+s), at(-d+8, s0+s-0.6), at(-d+15, s0+s-0.4)))
	}
}

// coccyxLateral draws the tailbone as four small fused segments curling forward.
func coccyxLateral(L *layers, c *column) {
	v := c.vert("Co")
	var p Path
	s := v.s0
	for i, l := range []float64{10, 8, 7, 5} {
		f := c.frameAt(s + l/2)
		d := []float64{11, 9, 7, 5}[i]
		p.append(ellipse(f.pt(-d/2+1.5, 0), d/2, l/2+0.3, math.Atan2(f.x.Y, f.x.X)))
		s += l
	}
	L.add(layerBody, vid("Co"), Vertebra, PartBody, "Co", p)
}

// lateralNerves draws the left nerve roots as nerves: each leaves the sac
// in the foramen (in front of the facet joint, never through it), swells
// into its ganglion just outside and runs on, near horizontal in the neck,
// along the ribs in the chest and steeply down in the low back. The sacral
// roots leave through the holes in the front of the sacrum.
func lateralNerves(L *layers, c *column) {
	for _, root := range rootLevels {
		id := "nerve:" + root + ":left"
		var start Point
		var dir, down Point
		var length, w0, w1 float64
		var f frame
		n := rootNum(root)
		region := LevelRegion(root)
		seg := ExitSegment(root)
		switch {
		case root == "C1":
			// between the skull and C1's posterior arch, backwards
			f = c.frameAt(0)
			start = f.pt(9, -19.5)
			dir, down = f.dir(0.88, -0.42), f.dir(0, 1)
			length, w0, w1 = 12, 3, 1.8
		case root == "C2":
			// between C1's posterior arch and C2's lamina, then forward and down
			f = c.frameAt(0)
			start = f.pt(9, -4.5)
			dir, down = f.dir(-0.7, 0.7), f.dir(0, 1)
			length, w0, w1 = 14, 3.4, 2
		case region == Sacral || root == "Co1":
			var s float64
			switch {
			case root == "Co1":
				s = c.vert("Co").s0 + 6
				start = c.frameAt(s).pt(-5, 0)
			case n == 5:
				// S5 leaves below the sacrum, beside the coccyx
				s = c.vert("S").s0 + 86
				start = c.frameAt(s).pt(-7, 0)
			default:
				s = c.vert("S").s0 + sacralHoleS[n-1]
				start = sacralHoleLateral(c, n)
			}
			f = c.frameAt(s)
			dir, down = f.dir(-0.78, 0.62), f.dir(0, 1)
			length = []float64{30, 25, 20, 15, 11, 8}[min(n, 6)-1]
			w0 = []float64{5.4, 4.6, 3.8, 3.1, 2.6, 2.4}[min(n, 6)-1]
			if root == "Co1" {
				length, w0 = 8, 2.3
			}
			w1 = w0 * 0.55
		default:
			sg := segByName(c, seg)
			up := c.verts[sg.upper]
			mid := (sg.s0 + sg.s1) / 2
			f = c.frameAt(mid)
			g0 := sg.s1 - sg.s0
			switch region {
			case Cervical:
				start = f.pt(2.5, g0*0.1)
				dir, down = f.dir(-0.9, 0.44), f.dir(0, 1)
				length, w0, w1 = 20, 3.8, 2.2
				if root == "C8" {
					length = 22
				}
			case Thoracic:
				start = f.pt(2.5, -g0/2-up.h*0.22)
				dir, down = f.dir(-0.6, 0.8), f.dir(0, 1)
				length, w0, w1 = 24, 3.2, 1.8
			default:
				start = f.pt(2.5, -g0/2-up.h*0.2)
				dir, down = f.dir(-0.4, 0.92), f.dir(-0.5, 0.2)
				length = 34
				w0 = []float64{4.4, 4.8, 5.2, 5.6, 6}[n-1]
				w1 = w0 * 0.55
			}
		}
		L.root(id, root, start, dir, down, length, w0, w1)
	}
}

// root adds a nerve root that starts at start and runs along dir, bending
// towards down as it goes, with its ganglion: a gentle swelling a little
// way along, not a knob at the start.
func (l *layers) root(id, level string, start, dir, down Point, length, w0, w1 float64) {
	var pts []Point
	for k := 0; k <= 6; k++ {
		t := float64(k) / 6
		pts = append(pts, start.add(dir.mul(length*t)).add(down.mul(length*0.14*t*t)))
	}
	l.add(layerNerve, id, Nerve, PartNerve, level, band(pts, w0, w1))
	// the sacral and coccygeal ganglia lie inside the sacrum, out of sight
	if r := LevelRegion(level); r != Sacral && r != Coccygeal {
		at := start.add(dir.mul(math.Min(w0*2, length*0.3)))
		l.add(layerNerve, id, Nerve, PartGanglion, level, ellipse(at, w0*1.45, w0*0.6, math.Atan2(dir.Y, dir.X)))
	}
	if l.rootStart == nil {
		l.rootStart = map[string]Point{}
	}
	l.rootStart[id] = l.toModel(start)
}

// sacralHoleS are the arc positions of the S1-S4 holes below the top of
// the sacrum (the same in both views).
var sacralHoleS = []float64{14, 32, 50, 67}

// sacralHoleLateral is the centre of a sacral root's hole in the front of
// the sacrum, in the side view (column millimetres).
func sacralHoleLateral(c *column, n int) Point {
	depth := []float64{35, 29, 22.5, 16.5}[n-1]
	return c.curvi(-depth+4.5, c.vert("S").s0+sacralHoleS[n-1])
}

// curve3 is an open smooth stroke through three points.
func curve3(a, m, b Point) Path {
	// the quadratic through a, m, b at t = 1/2 has control 2m - (a+b)/2
	q := m.mul(2).sub(a.add(b).mul(0.5))
	var p Path
	p.moveTo(a)
	p.cubicTo(lerpPt(a, q, 2.0/3), lerpPt(b, q, 2.0/3), b)
	return p
}

func segByName(c *column, name string) seg {
	for _, s := range c.segs {
		if s.name == name {
			return s
		}
	}
	return c.segs[0]
}
