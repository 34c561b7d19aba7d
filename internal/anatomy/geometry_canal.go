package anatomy

import "math"

// The canal and what lies around the column: the sac (dura) with the
// spinal cord and the cauda equina inside it, the base of the skull with
// the joints of the upper neck, and the pelvis with the sacroiliac joints.
// Proportions follow ANATOMY.md: the cord ends around the L1-L2 disc, the
// sac around S2; the sac lies just behind the vertebral bodies, between the
// pedicles, so in both views the bone in front of the viewer hides it and
// it shows through the windows between the bones (the foramina in the side
// view, the gaps between the laminae from behind), where the roots leave it.

// Parts of the canal and its surroundings.
const (
	PartSac    Part = "sac"    // the dura, the sac around the cord and the roots (decoration)
	PartCord   Part = "cord"   // the spinal cord
	PartCauda  Part = "cauda"  // the cauda equina, the roots hanging below the cord
	PartStrand Part = "strand" // single roots inside the sac (stroke only)
	PartCanal  Part = "canal"  // the sacral canal, cut open in the side view (decoration)
	PartSkull  Part = "skull"  // the base of the skull (decoration)
)

// canalKnot is the canal's profile at arc position s: the two edges (from
// front to back in the side view, left to right from behind).
type canalKnot struct{ s, a, b float64 }

// canalAt interpolates a profile at s (clamped at its ends).
func canalAt(ks []canalKnot, s float64) (a, b float64) {
	if s <= ks[0].s {
		return ks[0].a, ks[0].b
	}
	for i := 1; i < len(ks); i++ {
		if s <= ks[i].s {
			k0, k1 := ks[i-1], ks[i]
			t := (s - k0.s) / (k1.s - k0.s)
			return k0.a + (k1.a-k0.a)*t, k0.b + (k1.b-k0.b)*t
		}
	}
	k := ks[len(ks)-1]
	return k.a, k.b
}

// tube is the closed outline of a profile between s0 and s1, placed by pt
// (column millimetres to view millimetres); a profile whose edges meet at
// an end ends in a point there, otherwise in a rounded cap.
func tube(pt func(x, s float64) Point, ks []canalKnot, s0, s1 float64) Path {
	const step = 3.0
	var ss []float64
	for s := s0; s < s1; s += step {
		ss = append(ss, s)
	}
	ss = append(ss, s1)
	var pts []Point
	for _, s := range ss {
		a, _ := canalAt(ks, s)
		pts = append(pts, pt(a, s))
	}
	if a, b := canalAt(ks, s1); b-a > 0.5 {
		pts = append(pts, pt((a+b)/2, s1+(b-a)*0.3))
	}
	for i := len(ss) - 1; i >= 0; i-- {
		_, b := canalAt(ks, ss[i])
		pts = append(pts, pt(b, ss[i]))
	}
	if a, b := canalAt(ks, s0); b-a > 0.5 {
		pts = append(pts, pt((a+b)/2, s0-(b-a)*0.3))
	}
	return smooth(pts, nil, 0.9)
}

// inset narrows a profile by d on both sides.
func inset(ks []canalKnot, d float64) []canalKnot {
	out := make([]canalKnot, len(ks))
	for i, k := range ks {
		m := (k.a + k.b) / 2
		out[i] = canalKnot{k.s, math.Min(m, k.a+d), math.Max(m, k.b-d)}
	}
	return out
}

// canalLevels are the arc positions the canal's profiles are tied to.
type canalLevels struct {
	top     float64 // the top of the drawn sac and cord, inside the skull
	magnum  float64 // the foramen magnum, where the cord leaves the skull
	conus   float64 // the tip of the cord: the middle of the L1-L2 disc
	caudaS  float64 // where the cauda equina is drawn from: the middle of L1
	sacEnd  float64 // the bottom of the sac, at S2
	sacrumS float64 // the top of the sacrum
}

func levelsOf(c *column) canalLevels {
	l1, l2, s := c.vert("L1"), c.vert("L2"), c.vert("S")
	return canalLevels{top: -31, magnum: -23, conus: (l1.s1 + l2.s0) / 2, caudaS: l1.s0 + l1.h*0.45,
		sacEnd: s.s0 + 31, sacrumS: s.s0}
}

// sacSide is the sac in the side view: front and back edges, millimetres
// behind the back wall of the vertebral bodies.
func sacSide(c *column, cl canalLevels) []canalKnot {
	v := func(lv string) vert { return c.vert(lv) }
	s := v("S")
	return []canalKnot{
		{cl.top, -7, 16}, {cl.magnum, -4, 15.5}, {-10, -2.6, 14}, {v("C2").s1, 0.6, 13.5},
		{v("C4").s0, 0.8, 13}, {v("T1").s0, 0.8, 12.5}, {v("T11").s0, 0.8, 12.5},
		{v("L1").s0, 0.9, 13.5}, {v("L5").s0, 1, 14}, {s.s0, 1, 12},
		{s.s0 + 15, 0.6, 10}, {s.s0 + 26, 1.2, 7.5}, {cl.sacEnd, 3.6, 4.4},
	}
}

// cordSide is the cord in the side view: it lies in the middle of the sac,
// about 8 mm deep in the neck, thinner in the chest, swelling again at the
// low back's roots and tapering to its tip (the conus) at L1-L2.
func cordSide(c *column, cl canalLevels, sac []canalKnot) []canalKnot {
	v := func(lv string) vert { return c.vert(lv) }
	half := []struct{ s, h float64 }{
		{cl.top, 5.4}, {cl.magnum, 4.6}, {v("C4").s0, 4.4}, {v("T1").s0, 4.2}, {v("T3").s0, 3.5},
		{v("T10").s0, 3.5}, {v("T12").s0, 4.1}, {v("L1").s0, 3.9}, {cl.conus - 6, 1.6}, {cl.conus, 0},
	}
	var out []canalKnot
	for _, k := range half {
		a, b := canalAt(sac, k.s)
		m := (a+b)/2 - 0.6
		out = append(out, canalKnot{k.s, m - k.h, m + k.h})
	}
	return out
}

// sacBack is the sac seen from behind: half its width each side of the midline.
func sacBack(c *column, cl canalLevels) []canalKnot {
	v := func(lv string) vert { return c.vert(lv) }
	s := v("S")
	w := []struct{ s, h float64 }{
		{cl.top, 12}, {cl.magnum, 12}, {v("C2").s0, 11}, {v("C5").s0, 10.5}, {v("T2").s0, 8.5},
		{v("T11").s0, 8.5}, {v("L1").s0, 9.5}, {v("L5").s1, 9.5}, {s.s0 + 10, 7}, {s.s0 + 24, 3.6}, {cl.sacEnd, 0.6},
	}
	var out []canalKnot
	for _, k := range w {
		out = append(out, canalKnot{k.s, -k.h, k.h})
	}
	return out
}

// cordBack is the cord seen from behind: wider where the roots of the arms
// (C5-T1) and of the legs (T11-L1) join it.
func cordBack(c *column, cl canalLevels) []canalKnot {
	v := func(lv string) vert { return c.vert(lv) }
	w := []struct{ s, h float64 }{
		{cl.top, 8}, {cl.magnum, 6.4}, {v("C3").s0, 6.3}, {v("C6").s0, 7.2}, {v("T1").s1, 6.4},
		{v("T3").s0, 5}, {v("T10").s0, 5}, {v("T12").s0, 5.6}, {v("L1").s0, 4.8}, {cl.conus - 6, 1.8}, {cl.conus, 0},
	}
	var out []canalKnot
	for _, k := range w {
		out = append(out, canalKnot{k.s, -k.h, k.h})
	}
	return out
}

// strands are single roots of the cauda equina inside the sac, at fixed
// fractions of its width, from the tip of the cord down.
func strands(pt func(x, s float64) Point, sac []canalKnot, from, to float64) []Path {
	var out []Path
	for _, f := range []float64{0.22, 0.4, 0.6, 0.78} {
		var pts []Point
		for s := from; s <= to; s += 4 {
			a, b := canalAt(sac, s)
			// the strands gather towards the tip of the sac
			m := (a + b) / 2
			x := a + (b-a)*f
			pts = append(pts, pt(m+(x-m)*0.85, s))
		}
		out = append(out, polyline(pts...))
	}
	return out
}

// lateralCanal draws the sac, the cord and the cauda equina in the side
// view (behind the arches), the sacral canal cut open in the sacrum with the
// end of the sac inside it, and the base of the skull.
func lateralCanal(L *layers, c *column) {
	cl := levelsOf(c)
	pt := func(x, s float64) Point { return c.curvi(x, s) }
	sac := sacSide(c, cl)
	cord := cordSide(c, cl, sac)
	inner := inset(sac, 0.9)
	s0 := cl.sacrumS

	L.add(layerCanal, "", Cord, PartSac, "", tube(pt, sac, cl.top, cl.sacEnd))
	L.add(layerCanal, "cord:cauda-equina", Cord, PartCauda, "L", tube(pt, inner, cl.caudaS, s0+2))
	for _, st := range strands(pt, inner, cl.conus-2, s0+2) {
		L.add(layerCanal, "", Cord, PartStrand, "L", st)
	}
	L.add(layerCanal, "cord:spinal", Cord, PartCord, "", tube(pt, cord, cl.top, cl.conus))

	// The sacral canal, cut open along the back of the sacral bodies: the
	// end of the sac and its roots inside it down to S2, then the canal
	// alone down to its opening at the bottom (the hiatus).
	v := c.vert("S")
	canal := []canalKnot{
		{s0 + 0.6, 0, 11.8}, {s0 + 20, -0.4, 10.6}, {s0 + 40, -1.5, 8.6}, {s0 + 60, -2.6, 5.8},
		{s0 + 80, -3.5, 2.8}, {v.s1 - 8, -3.4, 0.8}, {v.s1 - 5, -1.9, -0.6},
	}
	L.add(layerBodyDetail, "", Vertebra, PartCanal, "S", tube(pt, canal, s0+0.6, v.s1-5))
	L.add(layerBodyDetail, "", Cord, PartSac, "S", tube(pt, sac, s0+0.9, cl.sacEnd))
	L.add(layerBodyDetail, "cord:cauda-equina", Cord, PartCauda, "S", tube(pt, inner, s0+0.9, cl.sacEnd-1.5))
	for _, st := range strands(pt, inner, s0+1.5, cl.sacEnd-3) {
		L.add(layerBodyDetail, "", Cord, PartStrand, "S", st)
	}
	// the holes in the front of the sacrum where the S1-S4 roots leave
	for n := 1; n <= 4; n++ {
		f := c.frameAt(s0 + sacralHoleS[n-1])
		r := []float64{3.4, 3, 2.6, 2.2}[n-1]
		L.add(layerBodyDetail, "", Vertebra, PartHole, "S"+string(rune('0'+n)), ellipse(sacralHoleLateral(c, n), r*0.8, r, math.Atan2(f.x.Y, f.x.X)))
	}
	skullLateral(L, c)
}

// posteriorCanal draws the sac, cord and cauda equina seen from behind:
// in front of the laminae, so only the gaps between them show it.
func posteriorCanal(L *layers, c *column) {
	cl := levelsOf(c)
	pt := func(x, s float64) Point { return Point{x, s} }
	sac := sacBack(c, cl)
	inner := inset(sac, 1)
	L.add(layerCanal, "", Cord, PartSac, "", tube(pt, sac, cl.top, cl.sacEnd))
	L.add(layerCanal, "cord:cauda-equina", Cord, PartCauda, "L", tube(pt, inner, cl.caudaS, cl.sacEnd-1.5))
	for _, st := range strands(pt, inner, cl.conus-2, cl.sacEnd-3) {
		L.add(layerCanal, "", Cord, PartStrand, "L", st)
	}
	L.add(layerCanal, "cord:spinal", Cord, PartCord, "", tube(pt, cordBack(c, cl), cl.top, cl.conus))
	skullPosterior(L, c)
}

// skullLateral draws the base of the skull in the side view, cut away along
// a wavy line: the clivus in front of the foramen magnum with the occipital
// condyle resting on C1, the occipital bone behind it; then the joint
// between the condyle and C1 (C0-C1), and marks C1 on C2 (C1-C2) as a
// joint of its own.
func skullLateral(L *layers, c *column) {
	f := c.frameAt(0) // top of C2's body; C1 and the skull sit above it
	front := roundPoly([]corner{
		{f.pt(-30, -56), 2}, {f.pt(-23, -44), 8}, {f.pt(-14, -31), 6}, {f.pt(-9.5, -23.5), 2},
		{f.pt(-4.5, -21.2), 3}, {f.pt(1.5, -19.6), 4}, {f.pt(7.5, -20.6), 3}, {f.pt(10.5, -24), 2},
		{f.pt(6, -33), 6}, {f.pt(0, -46), 6}, {f.pt(-4, -54), 3}, {f.pt(-12, -51), 4}, {f.pt(-20, -58), 4},
	})
	back := roundPoly([]corner{
		{f.pt(20, -25.5), 2}, {f.pt(34, -28.5), 8}, {f.pt(48, -37), 10}, {f.pt(57, -50), 8},
		{f.pt(59, -60), 3}, {f.pt(52, -56), 4}, {f.pt(44, -62), 4}, {f.pt(41, -50), 8},
		{f.pt(33, -40), 8}, {f.pt(22, -32), 3},
	})
	L.add(layerBodyDetail, "", Vertebra, PartSkull, "C0", front)
	L.add(layerBodyDetail, "", Vertebra, PartSkull, "C0", back)
	// C0-C1: the condyle's rounded underside in the cup of C1's lateral mass
	L.add(layerJoint, "joint:C0-C1:left", Joint, PartCartilage, "C0-C1", roundPoly([]corner{
		{f.pt(-4, -16.2), 1}, {f.pt(2, -17.6), 4}, {f.pt(8.2, -15.2), 1},
		{f.pt(7.8, -18.4), 1.2}, {f.pt(1.5, -20.4), 4}, {f.pt(-4.6, -18.8), 1.2},
	}))
	// C1-C2: the lateral mass of C1 on the top of C2
	L.add(layerJoint, "joint:C1-C2:left", Joint, PartCartilage, "C1-C2", roundPoly([]corner{
		{f.pt(-3.4, -3.5), 1}, {f.pt(6.2, -4.2), 1}, {f.pt(6.4, -1.9), 1}, {f.pt(-3.4, -1.2), 1},
	}))
}

// skullPosterior draws the base of the skull from behind: the occipital
// bone with its lower edge over C1, the condyles resting on C1's lateral
// masses (the C0-C1 joints), the mastoid processes out to the sides, cut
// away along a wavy line above.
func skullPosterior(L *layers, c *column) {
	v := c.vert("C1")
	s0, s1 := v.s0, v.s1
	half := []corner{
		{Point{0, s0 - 13}, 6}, {Point{10, s0 - 9}, 4}, {Point{16, s0 - 3.6}, 3}, {Point{22, s0 - 3.2}, 3},
		{Point{30, s0 - 8}, 5}, {Point{40, s0 - 7}, 5}, {Point{47, s0 + 4}, 3}, {Point{52, s0 + 3}, 3},
		{Point{56, s0 - 12}, 8}, {Point{66, s0 - 30}, 10}, {Point{72, s0 - 44}, 4},
		{Point{62, s0 - 41}, 4}, {Point{50, s0 - 48}, 5}, {Point{36, s0 - 42}, 5}, {Point{22, s0 - 49}, 5},
		{Point{8, s0 - 43}, 5},
	}
	var cs []corner
	for i := len(half) - 1; i >= 0; i-- {
		k := half[i]
		cs = append(cs, corner{Point{-k.p.X, k.p.Y}, k.r})
	}
	cs = append(cs, half...)
	L.add(layerBodyDetail, "", Vertebra, PartSkull, "C0", roundPoly(cs))
	for _, side := range []Side{Left, Right} {
		sx := -1.0
		if side == Right {
			sx = 1
		}
		// C0-C1: the curved gap between condyle and lateral mass
		L.add(layerJoint, "joint:C0-C1:"+string(side), Joint, PartCartilage, "C0-C1", roundPoly([]corner{
			{Point{sx * 11.5, s0 - 1.4}, 1}, {Point{sx * 17, s0 - 0.6}, 4}, {Point{sx * 23, s0 - 1.6}, 1},
			{Point{sx * 23, s0 - 3.6}, 1}, {Point{sx * 17, s0 - 3}, 4}, {Point{sx * 11.5, s0 - 3.4}, 1},
		}))
		// C1-C2: flat joints between the lateral masses of C1 and the top of C2
		L.add(layerJoint, "joint:C1-C2:"+string(side), Joint, PartCartilage, "C1-C2", ellipse(Point{sx * 17.5, s1 + 2}, 6, 1.7, 0))
	}
}

// sacroiliacPosterior draws both sacroiliac joints from behind: the
// narrow, curved gap between the sacrum's sides and the hip bones, from the
// top of the sacrum down to about S3.
func sacroiliacPosterior(L *layers, c *column) {
	s0 := c.vert("S").s0
	for _, side := range []Side{Left, Right} {
		sx := -1.0
		if side == Right {
			sx = 1
		}
		var pts []Point
		for _, p := range []Point{{47.5, s0 - 3}, {52.5, s0 + 8}, {51.5, s0 + 24}, {47, s0 + 38}, {41.5, s0 + 49}} {
			pts = append(pts, Point{sx * p.X, p.Y})
		}
		L.add(layerJoint, "sacroiliac:"+string(side), Joint, PartCartilage, "SI", band(pts, 4.2, 3.4))
	}
}

// sacroiliacLateral draws the left sacroiliac joint in the side view: the
// ear-shaped (auricular) surface on the side of the sacrum, S1 to S3, where
// the hip bone meets it; and the hip bone itself, faint, behind the column.
func sacroiliacLateral(L *layers, c *column) {
	v := c.vert("S")
	s0 := v.s0
	at := func(x, s float64) Point { return c.curvi(x, s) }
	L.add(layerJoint, "sacroiliac:left", Joint, PartCartilage, "SI",
		band([]Point{at(-8, s0+10), at(-14, s0+13), at(-17.5, s0+22), at(-16.5, s0+33), at(-12, s0+41), at(-6.5, s0+46)}, 2.8, 2.4))

	// The hip bone from the side, placed from the sacral promontory (P) in
	// column millimetres (x towards the back, y down): the iliac crest up at
	// about the L4-L5 disc, the front spines ahead of the sacrum, the hip
	// socket below them, the sitting bone at the bottom and the big notch
	// behind, where the sciatic nerve leaves the pelvis.
	p := c.curvi(-38, s0+0.8)
	w := func(x, y float64) Point { return Point{p.X + x, p.Y + y} }
	L.add(layerContour, "", Vertebra, PartPelvis, "S", roundPoly([]corner{
		{w(74, 18), 8}, {w(66, -10), 14}, {w(40, -40), 22}, {w(0, -48), 22}, {w(-36, -30), 16},
		{w(-54, 4), 5}, {w(-46, 18), 6}, {w(-50, 32), 5}, {w(-44, 56), 10}, {w(-68, 86), 8},
		{w(-62, 104), 6}, {w(-34, 100), 10}, {w(-12, 140), 12}, {w(14, 136), 10}, {w(6, 108), 10},
		{w(22, 90), 4}, {w(20, 70), 14}, {w(46, 52), 10},
	}))
	L.add(layerContour, "", Vertebra, PartLineDetail, "S", ellipse(w(-24, 74), 22, 22, 0))
}
