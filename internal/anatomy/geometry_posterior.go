package anatomy

import (
	"fmt"
	"math"
)

// The posterior view looks at the patient's back: the patient's left is on
// the left of the picture. Each level sits at the same height as in the
// lateral view (the curves only foreshorten it), so switching views keeps
// the patient's eye on the same level.

// postShape holds per-level proportions seen from behind, in millimetres.
type postShape struct {
	fx    float64 // facet joint centre from the midline
	tp    float64 // transverse process tip from the midline
	tpS   float64 // transverse process height, fraction of the body from its top
	tpUp  float64 // tip raised (mm) relative to its root
	lamin float64 // half width of the lamina
}

func postShapeFor(lv string) postShape {
	n := 0
	fmt.Sscanf(lv[1:], "%d", &n)
	switch LevelRegion(lv) {
	case Cervical:
		tp := 26.0
		if n == 7 {
			tp = 33
		}
		return postShape{fx: 17, tp: tp, tpS: 0.5, tpUp: 0, lamin: 13}
	case Thoracic:
		tps := []float64{38, 37, 36, 35, 34, 33, 32, 31, 30, 28, 25, 22}
		return postShape{fx: 12.5 + float64(n)*0.15, tp: tps[n-1], tpS: 0.25, tpUp: -2, lamin: 11}
	default:
		fxs := []float64{14, 15, 16, 18, 20}
		tps := []float64{33, 40, 45, 42, 40}
		return postShape{fx: fxs[n-1], tp: tps[n-1], tpS: 0.35, tpUp: 0, lamin: fxs[n-1] - 3}
	}
}

// jointS is the arc position of a segment's facet joints (same as lateral).
func jointS(c *column, sg seg) float64 {
	lo := c.verts[sg.lower]
	rs := shapeFor(lo.region)
	if lo.level == "S" {
		rs = shapeFor(Lumbar)
	}
	return (sg.s0+sg.s1)/2 + rs.facetDrop*lo.h
}

func segFx(c *column, sg seg) float64 {
	if c.verts[sg.lower].level == "S" {
		return 22
	}
	return postShapeFor(c.verts[sg.lower].level).fx
}

// layerBackDisc puts the discs between the bodies and the arches that hide them.
const layerBackDisc = layerShadow

func buildPosterior(c *column) *viewGeom {
	_, oy := lateralFit(c)
	toModel := func(p Point) Point {
		return Point{viewW/2 + unitsMM*p.X, oy + unitsMM*c.at(p.Y).Y}
	}
	L := newLayers(toModel)
	g := &viewGeom{}
	segAbove := map[string]seg{}
	segBelow := map[string]seg{}
	for _, sg := range c.segs {
		segBelow[c.verts[sg.upper].level] = sg
		segAbove[c.verts[sg.lower].level] = sg
	}

	// Bodies and discs, seen behind the arches.
	for _, v := range c.verts {
		if v.level == "C1" || v.level == "S" || v.level == "Co" {
			continue
		}
		w := v.width / 2
		L.add(layerBack, vid(v.level), Vertebra, PartBack, v.level, roundPoly([]corner{
			{Point{-w, v.s0 + 0.3}, 2.5}, {Point{0, v.s0 + 0.8}, w}, {Point{w, v.s0 + 0.3}, 2.5},
			{Point{w - 1, (v.s0 + v.s1) / 2}, v.h}, {Point{w, v.s1 - 0.3}, 2.5}, {Point{0, v.s1 - 0.8}, w},
			{Point{-w, v.s1 - 0.3}, 2.5}, {Point{-w + 1, (v.s0 + v.s1) / 2}, v.h},
		}))
	}
	for _, sg := range c.segs {
		up, lo := c.verts[sg.upper], c.verts[sg.lower]
		wu, wl := up.width/2+0.8, lo.width/2+0.8
		if lo.level == "S" {
			wl = wu + 1
		}
		mid := (sg.s0 + sg.s1) / 2
		L.add(layerBackDisc, "disc:"+sg.name, Disc, PartDisc, sg.name, roundPoly([]corner{
			{Point{-wu, sg.s0 - 0.2}, 1}, {Point{0, sg.s0 - 0.7}, wu}, {Point{wu, sg.s0 - 0.2}, 1},
			{Point{(wu+wl)/2 + 1.2, mid}, sg.s1 - sg.s0}, {Point{wl, sg.s1 + 0.2}, 1}, {Point{0, sg.s1 + 0.7}, wl},
			{Point{-wl, sg.s1 + 0.2}, 1}, {Point{-(wu+wl)/2 - 1.2, mid}, sg.s1 - sg.s0},
		}))
		// facet joints, left and right
		js, fx := jointS(c, sg), segFx(c, sg)
		for _, side := range []Side{Left, Right} {
			sx := -1.0
			if side == Right {
				sx = 1
			}
			L.add(layerJoint, "facet:"+sg.name+":"+string(side), Facet, PartCartilage, sg.name,
				posteriorFacet(lo.region, lo.level == "S", sx*fx, js))
		}
	}

	// Arches, bottom up (thoracic spinous processes overlap the level below).
	for i := len(c.verts) - 1; i >= 0; i-- {
		v := c.verts[i]
		switch v.level {
		case "C1":
			atlasPosterior(L, v)
		case "S":
			sacrumPosterior(L, c, v, segAbove["S"])
		case "Co":
			coccyxPosterior(L, v)
		default:
			archPosterior(L, c, v, segAbove[v.level], segBelow[v.level], v.level != "C2")
		}
		// labels follow the drawing's left edge: beyond the nerve roots in
		// the neck, the rib stubs in the chest, the transverse processes low down
		lab := Point{-48, (v.s0 + v.s1) / 2}
		switch v.region {
		case Thoracic:
			lab.X = -(postShapeFor(v.level).tp + 42)
		case Lumbar:
			lab.X = -math.Max(postShapeFor(v.level).tp+8, 56)
		}
		switch v.level {
		case "S":
			lab = Point{-62, v.s0 + 30}
		case "Co":
			lab.X = -26
		case "C1":
			lab.Y = (v.s0+v.s1)/2 - 1
		}
		g.labels = append([]Label{{Text: v.level, Level: v.level, At: toModel(lab)}}, g.labels...)
	}
	posteriorCanal(L, c)
	sacroiliacPosterior(L, c)
	posteriorNerves(L, c)
	g.shapes, g.rootStart = L.shapes(), L.rootStart
	return g
}

// posteriorFacet is the joint seen from behind: a flat oval in the neck, a
// rounded facet in the thoracic spine, a tall curved slit in the low back.
func posteriorFacet(r Region, sacral bool, x, s float64) Path {
	switch {
	case r == Cervical:
		return ellipse(Point{x, s}, 5.2, 2.2, 0)
	case r == Thoracic:
		return ellipse(Point{x, s}, 3.6, 3.4, 0)
	}
	sx := 1.0
	if x < 0 {
		sx = -1
	}
	h := 7.0
	if sacral {
		h = 7.5
	}
	return smooth([]Point{
		{x, s - h}, {x + sx*1.8, s - h*0.45}, {x + sx*1.2, s + h*0.5}, {x - sx*0.2, s + h},
		{x - sx*1.6, s + h*0.45}, {x - sx*1.4, s - h*0.5},
	}, nil, 0.9)
}

// archPosterior draws a movable vertebra from behind as one union of
// rounded parts: lamina and spinous process, the two articular pillars
// (superior process up to the joint above, inferior down to the joint
// below) and the transverse processes. Thoracic levels get rib stubs.
func archPosterior(L *layers, c *column, v vert, above, below seg, hasAbove bool) {
	ps := postShapeFor(v.level)
	s0, s1, h := v.s0, v.s1, v.h
	jsB, fxB := jointS(c, below), segFx(c, below)
	jsA, fxA := s0-3, ps.fx
	if hasAbove {
		jsA, fxA = jointS(c, above), segFx(c, above)
	}
	var p Path
	lw := ps.lamin
	lamTop := s0 + 0.22*h
	lamBot := math.Min(s1+1.5, jsB-1)
	if v.region == Lumbar {
		lamBot = s1 - 0.1*h
	}
	// lamina
	p.append(roundPoly([]corner{
		{Point{-lw, lamTop + 1.5}, 3}, {Point{0, lamTop}, lw}, {Point{lw, lamTop + 1.5}, 3},
		{Point{lw + 1, lamBot - 1}, 3}, {Point{0, lamBot + 1}, lw}, {Point{-lw - 1, lamBot - 1}, 3},
	}))
	// spinous process
	p.append(spinousPosterior(c, v))
	for _, sx := range []float64{-1, 1} {
		// articular pillar: superior process (lateral) up to the joint above,
		// inferior process (medial) down to the joint below
		top := jsA - 4
		if !hasAbove {
			top = s0 - 1
		}
		wA, wB := 4.6, 4.6
		if v.region == Lumbar {
			wA, wB = 5.5, 5
		}
		xa, xb := sx*fxA, sx*fxB
		if v.region == Lumbar || v.level == "T12" {
			xa += sx * 2.5
			xb -= sx * 2.2
		}
		// superior process on top (lateral), a waist at the pars
		// interarticularis, inferior process below (medial)
		mid := (s0 + s1) / 2
		p.append(roundPoly([]corner{
			{Point{xa - sx*wA, top}, 3}, {Point{xa + sx*wA, top}, 3},
			{Point{xa + sx*wA*1.05, jsA + 3}, 3},
			{Point{sx*(ps.fx+wA) + sx*0.5, mid}, h * 0.6},
			{Point{xb + sx*wB, jsB - 1}, 3},
			{Point{xb + sx*wB*0.9, jsB + 4.5}, 3}, {Point{xb - sx*wB, jsB + 4.5}, 3},
			{Point{sx * (lw - 2), mid}, h * 0.6},
		}))
		// transverse process
		ty := s0 + ps.tpS*h
		tw := 5.5
		if v.region == Cervical {
			tw = 6.5
		}
		if v.region == Lumbar {
			tw = 6
		}
		root := sx * (ps.fx + 1)
		tip := Point{sx * ps.tp, ty + ps.tpUp}
		tp := roundPoly([]corner{
			{Point{root, ty - tw*0.75}, 2}, {Point{tip.X - sx*tw*0.2, tip.Y - tw*0.55}, tw * 0.5},
			{Point{tip.X + sx*tw*0.25, tip.Y}, tw * 0.5}, {Point{tip.X - sx*tw*0.2, tip.Y + tw*0.55}, tw * 0.5},
			{Point{root, ty + tw*0.85}, 2},
		})
		p.append(tp)
		if v.region == Thoracic {
			L.add(layerContour, "", Vertebra, PartRib, v.level, ribStub(v, sx, tip))
		}
	}
	L.add(layerArch, vid(v.level), Vertebra, PartArch, v.level, p)
}

// spinousPosterior is the spinous process seen from behind: bifid knobs in
// the neck, the big knob of C7, long tapering thoracic spines reaching the
// level below, broad lumbar plates.
func spinousPosterior(c *column, v vert) Path {
	s0, s1, h := v.s0, v.s1, v.h
	n := 0
	fmt.Sscanf(v.level[1:], "%d", &n)
	switch v.region {
	case Cervical:
		if n == 7 {
			return roundPoly([]corner{{Point{-3.5, s0 + 0.4*h}, 2}, {Point{3.5, s0 + 0.4*h}, 2}, {Point{5.5, s1 + 5}, 4}, {Point{0, s1 + 9}, 4}, {Point{-5.5, s1 + 5}, 4}})
		}
		spread, depth := 4.0, 2.0
		if n == 2 {
			spread, depth = 6, 4
		}
		return roundPoly([]corner{
			{Point{-3, s0 + 0.4*h}, 2}, {Point{3, s0 + 0.4*h}, 2},
			{Point{spread + 1.5, s1 + depth}, 2.2}, {Point{spread - 1, s1 + depth + 2.8}, 2},
			{Point{0, s1 + depth - 0.5}, 1}, {Point{-spread + 1, s1 + depth + 2.8}, 2},
			{Point{-spread - 1.5, s1 + depth}, 2.2},
		})
	case Thoracic:
		next := c.verts[c.byLv[v.level]+1]
		drop := []float64{0.1, 0.2, 0.35, 0.45, 0.5, 0.55, 0.55, 0.5, 0.4, 0.3, 0.15, 0.05}[n-1]
		tip := next.s0 + drop*next.h
		return roundPoly([]corner{
			{Point{-3.8, s0 + 0.3*h}, 2}, {Point{3.8, s0 + 0.3*h}, 2},
			{Point{3.2, (s1 + tip) / 2}, h}, {Point{3.4, tip}, 3}, {Point{0, tip + 3}, 3}, {Point{-3.4, tip}, 3},
			{Point{-3.2, (s1 + tip) / 2}, h},
		})
	default:
		return roundPoly([]corner{
			{Point{-4.5, s0 + 0.15*h}, 2.5}, {Point{4.5, s0 + 0.15*h}, 2.5},
			{Point{5, s1 - 0.15*h}, 3}, {Point{0, s1 - 0.05*h}, 5}, {Point{-5, s1 - 0.15*h}, 3},
		})
	}
}

// ribStub is the back end of a rib: it starts at the transverse process and
// curves out and down; only a stub is drawn.
func ribStub(v vert, sx float64, tp Point) Path {
	var pts []Point
	for k := 0; k <= 5; k++ {
		t := float64(k) / 5
		x := tp.X - sx*9 + sx*(38*t+4)
		y := tp.Y + 1.5 + 14*t*t
		pts = append(pts, Point{x, y})
	}
	w := 7.5
	if v.level == "T1" {
		w = 6
	}
	return band(pts, w, w*0.8)
}

// atlasPosterior draws C1 from behind: the wide ring with its lateral
// masses, long transverse processes and the small posterior tubercle.
func atlasPosterior(L *layers, v vert) {
	s0, s1 := v.s0, v.s1
	m := (s0 + s1) / 2
	var p Path
	// posterior arch
	p.append(roundPoly([]corner{
		{Point{-16, m - 4}, 3}, {Point{0, m}, 14}, {Point{16, m - 4}, 3},
		{Point{17, m + 1.5}, 3}, {Point{0, m + 6}, 14}, {Point{-17, m + 1.5}, 3},
	}))
	p.append(ellipse(Point{0, m + 3}, 5, 3.6, 0))
	for _, sx := range []float64{-1, 1} {
		p.append(roundPoly([]corner{
			{Point{sx * 11, s0 - 1}, 3}, {Point{sx * 23, s0 - 1.5}, 3}, {Point{sx * 24, s1 + 1}, 3}, {Point{sx * 12, s1 + 1.5}, 3},
		}))
		p.append(roundPoly([]corner{
			{Point{sx * 22, m - 4.5}, 2}, {Point{sx * 38, m - 3}, 3.5}, {Point{sx * 39.5, m + 2.5}, 3.5}, {Point{sx * 22, m + 4}, 2},
		}))
	}
	L.add(layerArch, vid("C1"), Vertebra, PartArch, "C1", p)
}

// sacrumPosterior draws the sacrum from behind: the wide base with its
// superior articular processes meeting L5, the median crest and the four
// pairs of posterior openings (foramina) the sacral roots leave through.
func sacrumPosterior(L *layers, c *column, v vert, above seg) {
	s0, s1 := v.s0, v.s1
	js := jointS(c, above)
	var cs []corner
	half := []corner{
		{Point{0, s0 + 4}, 3},
		{Point{12, s0 + 3}, 2},
		{Point{17, js - 5}, 2.5},
		{Point{26, js - 4}, 3},
		{Point{28, s0 + 1}, 4},
		{Point{42, s0 - 1}, 10},
		{Point{54, s0 + 6}, 6},
		{Point{50, s0 + 30}, 12},
		{Point{40, s0 + 52}, 14},
		{Point{25, s0 + 78}, 14},
		{Point{11, s0 + 96}, 6},
		{Point{7, s1}, 3},
	}
	cs = append(cs, half...)
	for i := len(half) - 1; i >= 0; i-- {
		k := half[i]
		cs = append(cs, corner{Point{-k.p.X, k.p.Y}, k.r})
	}
	L.add(layerArch, vid("S"), Vertebra, PartArch, "S", roundPoly(cs))
	// median sacral crest: the fused spinous processes, a knobbly ridge
	var crest []corner
	for i, s := range []float64{8, 26, 44, 62} {
		w := 5.5 - float64(i)*0.7
		crest = append(crest, corner{Point{w, s0 + s}, 3}, corner{Point{w * 0.6, s0 + s + 9}, 4})
	}
	crest = append(crest, corner{Point{1.5, s0 + 76}, 2}, corner{Point{-1.5, s0 + 76}, 2})
	for i := 7; i >= 0; i-- {
		k := crest[i]
		crest = append(crest, corner{Point{-k.p.X, k.p.Y}, k.r})
	}
	L.add(layerProcess, vid("S"), Vertebra, PartProcess, "S", roundPoly(crest))
	// the hip bones (ilia) behind, faint: their crests reach the L4-L5 level
	for _, sx := range []float64{-1, 1} {
		var il []corner
		for _, k := range []corner{
			{Point{50, s0 - 6}, 5}, {Point{57, s0 - 30}, 12}, {Point{76, s0 - 45}, 16}, {Point{104, s0 - 46}, 16},
			{Point{126, s0 - 32}, 12}, {Point{131, s0 - 14}, 8}, {Point{122, s0 + 18}, 16}, {Point{108, s0 + 50}, 14},
			{Point{100, s0 + 76}, 10}, {Point{82, s0 + 80}, 10}, {Point{70, s0 + 62}, 10}, {Point{60, s0 + 50}, 6},
			{Point{46, s0 + 46}, 3}, {Point{49, s0 + 20}, 10},
		} {
			il = append(il, corner{Point{sx * k.p.X, k.p.Y}, k.r})
		}
		L.add(layerContour, "", Vertebra, PartPelvis, "S", roundPoly(il))
	}
	for i, s := range sacralForamenS {
		x := sacralForamenX[i]
		for _, sx := range []float64{-1, 1} {
			L.add(layerBodyDetail, "", Vertebra, PartHole, fmt.Sprintf("S%d", i+1), ellipse(Point{sx * x, s0 + s}, 3.8-float64(i)*0.35, 4.6-float64(i)*0.45, 0))
		}
	}
	// sacral hiatus, where the canal opens at the bottom
	L.add(layerBodyDetail, "", Vertebra, PartHole, "S", roundPoly([]corner{
		{Point{-4, s1 - 1}, 1}, {Point{-2.5, s1 - 11}, 2.5}, {Point{2.5, s1 - 11}, 2.5}, {Point{4, s1 - 1}, 1},
	}))
}

var (
	sacralForamenS = []float64{16, 36, 55, 72}
	sacralForamenX = []float64{16, 15, 13.5, 11.5}
)

func coccyxPosterior(L *layers, v vert) {
	var p Path
	s := v.s0
	for i, l := range []float64{10, 8, 7, 5} {
		w := []float64{11, 8, 6, 4}[i]
		p.append(ellipse(Point{0, s + l/2}, w, l/2+0.4, 0))
		if i == 0 {
			// the small horns (cornua) reaching up to the sacrum
			p.append(ellipse(Point{-4.5, s}, 1.8, 3, 0))
			p.append(ellipse(Point{4.5, s}, 1.8, 3, 0))
		}
		s += l
	}
	L.add(layerArch, vid("Co"), Vertebra, PartArch, "Co", p)
}

// posteriorNerves draws both nerve roots of every level: each leaves the
// sac (behind the laminae, seen in the gaps between them), appears at the
// side of the articular pillar, just below the pedicle, and runs out and
// down: near horizontal in the neck, steeper lower down. The sacral roots
// start at the holes in the sacrum.
func posteriorNerves(L *layers, c *column) {
	cl := levelsOf(c)
	sac := sacBack(c, cl)
	for _, root := range rootLevels {
		n := rootNum(root)
		region := LevelRegion(root)
		var start, dir Point
		var length, w0, w1 float64
		// takeoff is where the root leaves the sac, hidden behind the arch
		// but for the gaps between the laminae; zero for roots that start
		// where they are seen
		var takeoff float64
		switch {
		case root == "C1":
			v := c.vert("C1")
			start, dir = Point{20, v.s0 - 2}, Point{0.95, -0.3}
			length, w0, w1 = 12, 3, 2
		case root == "C2":
			v := c.vert("C1")
			start, dir = Point{21, v.s1 + 4.5}, Point{0.9, 0.45}
			length, w0, w1 = 15, 3.6, 2.2
		case root == "Co1":
			v := c.vert("Co")
			start, dir = Point{9, v.s0 + 4}, Point{0.6, 0.8}
			length, w0, w1 = 9, 2.4, 1.6
		case region == Sacral:
			v := c.vert("S")
			if n == 5 {
				start, dir = Point{7, v.s1 - 3}, Point{0.6, 0.8}
				length, w0, w1 = 10, 2.6, 1.6
			} else {
				start = Point{sacralForamenX[n-1], v.s0 + sacralForamenS[n-1]}
				dir = Point{0.62, 0.78}
				length = []float64{30, 25, 19, 14}[n-1]
				w0 = []float64{6, 5, 4, 3.2}[n-1]
				w1 = w0 * 0.55
			}
		default:
			sg := segByName(c, ExitSegment(root))
			up := c.verts[sg.upper]
			fx := segFx(c, sg)
			y := sg.s0 - up.h*0.15
			switch region {
			case Cervical:
				start, dir = Point{fx + 6.5, (sg.s0 + sg.s1) / 2}, Point{0.92, 0.38}
				length, w0, w1 = 18, 4.6, 3
				takeoff = start.Y - 2
			case Thoracic:
				start, dir = Point{fx + 6, y}, Point{0.72, 0.7}
				length, w0, w1 = 13, 3.4, 2.2
				if root == "T12" {
					length = 18
				}
				takeoff = start.Y - up.h*0.35
			default:
				start, dir = Point{fx + 7.5, y}, Point{0.5, 0.87}
				length = 30 + float64(n)*2
				w0 = []float64{4.4, 4.8, 5.2, 5.6, 6}[n-1]
				w1 = w0 * 0.55
				// a low back root leaves the sac about a level above its foramen
				takeoff = start.Y - up.h*0.8
			}
		}
		for _, side := range []Side{Left, Right} {
			sx := -1.0
			if side == Right {
				sx = 1
			}
			id := "nerve:" + root + ":" + string(side)
			st := Point{sx * start.X, start.Y}
			d := Point{sx * dir.X, dir.Y}
			if takeoff != 0 {
				_, half := canalAt(sac, takeoff)
				from := Point{sx * (half - w0*0.6), takeoff}
				L.add(layerCanal, id, Nerve, PartNerve, root, band([]Point{from, lerpPt(from, st, 0.5).add(Point{0, 1}), st.add(d.mul(w0 * 0.5))}, w0*0.85, w0))
				st0 := L.toModel(from)
				L.root(id, root, st, d, Point{0, 1}, length, w0, w1)
				L.rootStart[id] = st0
				continue
			}
			L.root(id, root, st, d, Point{0, 1}, length, w0, w1)
		}
	}
}
