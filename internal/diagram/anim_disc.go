package diagram

import (
	"image"
	"math"

	"chairside/internal/anatomy"
)

// How a disc bulge presses on a nerve, and how it usually gets better: the
// side view framed on the L4-L5 disc, the L5 root running down behind it to
// its opening; the bulge grows by the very rule the bulge finding is drawn
// with (findings.go's discFinding, reached at full size), the root is drawn
// pressed and irritated only while the bulge touches it (pressing's rule),
// and the bulge then shrinks over weeks, as most do: most people get better
// within weeks to a few months (NICE NG59; Chiu 2015 on bulges shrinking).
var discAnimation = &Animation{
	Name:     AnimDisc,
	TitleKey: "anim.disc.title",
	Seconds:  16,
	Tracks: map[string]Track{
		// the L5 root's course behind the disc, shown at the start
		"root": {{0, 0, EaseLinear}, {0.1, 1, EaseInOut}},
		// the bulge's size: 0 the healthy disc, 1 the bulge finding's
		"bulge": {{0, 0, EaseLinear}, {0.15, 0, EaseLinear}, {0.38, 1, EaseInOut}, {0.6, 1, EaseLinear}, {0.9, 0.15, EaseInOut}},
	},
	Captions: []Caption{
		{0, 0.15, "anim.disc.caption.healthy", "A healthy disc between two bones of the low back (L4 and L5). The L5 nerve root runs down just behind it."},
		{0.15, 0.4, "anim.disc.caption.bulge", "The tough outer ring of a disc can weaken, and the soft center pushes it out. This is a bulge."},
		{0.4, 0.6, "anim.disc.caption.pressed", "When the bulge touches the nerve root, the root can get irritated and swollen. This can cause pain, tingling or numbness down the leg (sciatica)."},
		{0.6, 0.9, "anim.disc.caption.shrink", "Over the next weeks, the body often shrinks the bulge, and the nerve root calms down."},
		{0.9, 1, "anim.disc.caption.better", "Most people get better within weeks to a few months, often in 6 to 12 weeks. Staying active helps."},
	},
	Sources: []string{
		"National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: assessment and management (NICE guideline NG59). London: NICE; 2016, updated 2020.",
		"Chiu CC, Chuang TY, Chang KH, et al. The probability of spontaneous regression of lumbar herniated disc: a systematic review. Clinical Rehabilitation 2015;29(2):184-195.",
		"OpenStax (Betts JG, Young KA, Wise JA, et al.). Anatomy and Physiology 2e, section 7.3 The Vertebral Column. Houston (TX): OpenStax; 2022.",
	},
}

// The disc the film shows and the root that crosses it.
const (
	discSeg  = "L4-L5"
	discRoot = "nerve:L5:left"
)

// discScene is the side view framed on the L4-L5 disc for a w x h box:
// the L4 and L5 vertebrae whole, the root's opening below.
func discScene(w, h float64, o FrameOptions) Scene {
	sc := Scene{View: anatomy.Lateral, Palette: o.Palette, Lang: o.Lang}
	up, ok1 := anatomy.StructureBounds(anatomy.Lateral, "vertebra:L4")
	lo, ok2 := anatomy.StructureBounds(anatomy.Lateral, "vertebra:L5")
	gang, ok3 := anatomy.Rect{}, false
	if pts := pointsOf(shapesOf(anatomy.Lateral, discRoot, anatomy.PartGanglion)); len(pts) > 0 {
		gang, ok3 = boundsOf(pts), true
	}
	if ok1 && ok2 {
		r := unionRect(up, lo, true)
		if ok3 {
			r = unionRect(r, gang, true)
		}
		// the bodies and the arch; the spinous processes may leave the
		// picture on a narrow screen, the disc and root never do
		sc.Camera = CameraFor(anatomy.Lateral, grow(r, 0.08), w, h)
	}
	return sc
}

// discGeom is the drawing of the disc film at bulge size s: the bulge's
// outline (none at 0), the crossing root's course and band, and whether
// the bulge touches the root.
type discGeom struct {
	bulge   []anatomy.Point
	course  []anatomy.Point
	band    []anatomy.Point
	pressed bool
	ok      bool
}

// discAt works the drawing out at bulge size s from the anatomy, with the
// rules of findings.go: discFinding's side-view bulge (reached exactly at
// s = 1) and pressing's course of the root crossing a low-back disc.
func discAt(s float64) discGeom {
	f, disc, ok := segFrame(anatomy.Lateral, discSeg)
	if !ok {
		return discGeom{}
	}
	gang := pointsOf(shapesOf(anatomy.Lateral, discRoot, anatomy.PartGanglion))
	if len(gang) == 0 {
		return discGeom{}
	}
	_, a1, b0, b1 := f.extent(disc)
	h := (b1 - b0) / 2
	bc := (b0 + b1) / 2
	g := discGeom{ok: true}
	g.course = curveThrough([]anatomy.Point{f.at(a1+h*0.75, bc-h*3), f.at(a1+h*0.8, bc+h*0.4), centroid(gang)}, 10)
	g.band = ribbonAlong(g.course, h*0.55, h*0.6)
	if s > 0 {
		out := h * 0.55 * s
		// a small bulge is also a low one: its height grows with it, so
		// the first frames show a sliver, not a flat lid
		g.bulge = append(ellipsePts(f, a1-h*0.3, bc, out+h*0.3, h*(0.45+0.45*s), -math.Pi/2, math.Pi/2, 24), f.at(a1-h*0.6, bc))
		g.pressed = polygonsTouch(g.bulge, g.band)
	}
	return g
}

// renderDisc draws the disc's frame at t into the top drawH pixels of dst:
// the side view as the app draws it, then what moves.
func (f *Film) renderDisc(dst *image.RGBA, t, drawH float64, o FrameOptions) {
	b := dst.Bounds()
	w := float64(b.Dx())
	area := image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+int(math.Round(drawH)))
	if area.Empty() {
		return
	}
	sub := dst.SubImage(area).(*image.RGBA)
	sc := discScene(w, float64(area.Dy()), o)
	f.r.Render(sub, sc)
	p := f.r.painter(sub, area.Min)
	defer f.r.release(p)
	drawDiscMoving(p, sc, f.r.words.in(sc.Lang), f.Anim, t, w, float64(area.Dy()))
}

// drawDiscMoving draws the root's course and the bulge at t over the side
// view of sc.
func drawDiscMoving(p Painter, sc Scene, words words, a *Animation, t, w, h float64) {
	rootK := a.Value("root", t)
	s := a.Value("bulge", t)
	if rootK <= 0 && s <= 0 {
		return // the healthy disc: the side view exactly as the app draws it
	}
	g := discAt(s)
	if !g.ok {
		return
	}
	tf := Fit(sc, w, h)
	pal := sc.palette()
	lw := lineWidth(tf)
	alpha := func(k float64) uint8 { return uint8(math.Round(255 * math.Max(0, math.Min(1, k)))) }
	if g.pressed {
		// as pressing draws a pressed root: a glow, red and swollen
		polyTo(p, tf, g.band, true)
		p.Stroke(pal.roleColor(roleGlow, ""), lw*5)
		polyTo(p, tf, g.band, true)
		p.Fill(pal.roleColor(roleInflamed, ""))
		polyTo(p, tf, g.band, true)
		p.Stroke(pal.roleColor(roleInflamedLine, ""), lw*0.9)
		for _, sh := range shapesOf(anatomy.Lateral, discRoot, anatomy.PartNerve, anatomy.PartGanglion) {
			path(p, tf, sh.Path, true)
			p.Stroke(pal.roleColor(roleGlow, ""), lw*6)
		}
		for _, sh := range shapesOf(anatomy.Lateral, discRoot, anatomy.PartNerve, anatomy.PartGanglion) {
			path(p, tf, sh.Path, true)
			p.Stroke(pal.roleColor(roleInflamedLine, ""), lw*2)
			path(p, tf, sh.Path, true)
			p.Fill(pal.roleColor(roleInflamed, ""))
		}
	} else if rootK > 0 {
		polyTo(p, tf, g.band, true)
		p.Fill(withAlpha(pal.roleColor(roleNerve, ""), alpha(rootK)))
		polyTo(p, tf, g.band, true)
		p.Stroke(withAlpha(pal.roleColor(roleNerveLine, ""), alpha(rootK)), lw*0.9)
	}
	if len(g.bulge) > 0 {
		polyTo(p, tf, g.bulge, true)
		p.Fill(pal.roleColor(roleDisc, ""))
		polyTo(p, tf, g.bulge, true)
		p.Stroke(pal.roleColor(roleDiscLine, ""), lw*1.1)
	}
	// the root named beside its course, once it shows
	if rootK > 0.5 {
		size := baseLabelSize * 1.25 * math.Max(1, math.Min(2.2, h/700))
		q := g.course[len(g.course)/4]
		x, y := tf.ToPixel(q)
		x += size * 1.2
		s := words.word("anim.disc.root", "L5 nerve root")
		est := 0.6 * size * float64(len([]rune(s)))
		roundRect(p, x-size*0.5, y-size*1.05, x+est+size*0.5, y+size*0.45, size*0.4)
		p.Fill(pal.orientationBG)
		p.Text(x, y, size, pal.label, AlignLeft, s)
	}
}

// polygonsTouch reports whether polygons a and b share a point: a vertex
// of one inside the other, or crossing edges.
func polygonsTouch(a, b []anatomy.Point) bool {
	for _, q := range a {
		if insidePolygon(b, q) {
			return true
		}
	}
	for _, q := range b {
		if insidePolygon(a, q) {
			return true
		}
	}
	for i := range a {
		for j := range b {
			if edgesCross(a[i], a[(i+1)%len(a)], b[j], b[(j+1)%len(b)]) {
				return true
			}
		}
	}
	return false
}

func insidePolygon(poly []anatomy.Point, q anatomy.Point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > q.Y) != (b.Y > q.Y) && q.X < (b.X-a.X)*(q.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

func edgesCross(p1, p2, q1, q2 anatomy.Point) bool {
	side := func(a, b, c anatomy.Point) float64 { return (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X) }
	d1, d2 := side(q1, q2, p1), side(q1, q2, p2)
	d3, d4 := side(p1, p2, q1), side(p1, p2, q2)
	return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0))
}

func boundsOf(pts []anatomy.Point) anatomy.Rect {
	r := anatomy.Rect{Min: pts[0], Max: pts[0]}
	for _, q := range pts[1:] {
		r = unionRect(r, anatomy.Rect{Min: q, Max: q}, true)
	}
	return r
}
