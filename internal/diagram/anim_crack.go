package diagram

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"

	"chairside/internal/anatomy"
)

// What happens when a joint cracks: a close-up of one facet joint, turned
// as the joint lies in the side view (its angle and proportions are the
// anatomy's), beside a small side view of the spine with the joint picked
// out. The surfaces are pulled apart, the pressure in the joint fluid
// drops, a gas cavity forms with the sound (Kawchuk 2015 filmed it forming
// at the moment of the crack in knuckles; the older view, Unsworth 1971,
// put the sound at a bubble's collapse: the captions say the mechanism is
// still studied), then the joint rests, about 20 minutes in the studies,
// before it can crack again, while the gas goes back into the fluid.
var crackAnimation = &Animation{
	Name:     AnimCrack,
	TitleKey: "anim.crack.title",
	Seconds:  16,
	Tracks: map[string]Track{
		// how far the surfaces are pulled apart, 0 (at rest) to 1
		"separation": {{0, 0, EaseLinear}, {0.1, 0, EaseLinear}, {0.33, 1, EaseIn}, {0.46, 1, EaseLinear}, {0.62, 0.35, EaseInOut}, {0.95, 0, EaseInOut}},
		// the pressure in the joint fluid, 1 normal, falling as the
		// surfaces part and back once gas fills the space
		"pressure": {{0, 1, EaseLinear}, {0.1, 1, EaseLinear}, {0.33, 0.12, EaseIn}, {0.38, 0.5, EaseOut}, {0.62, 0.85, EaseInOut}, {0.95, 1, EaseInOut}},
		// the gas cavity's size, 0 none to 1
		"cavity": {{0, 0, EaseLinear}, {0.33, 0, EaseLinear}, {0.37, 1, EaseOut}, {0.55, 1, EaseLinear}, {0.97, 0, EaseInOut}},
		// the word "pop", shown as the cavity forms
		"pop": {{0, 0, EaseLinear}, {0.33, 0, EaseLinear}, {0.345, 1, EaseOut}, {0.47, 1, EaseLinear}, {0.52, 0, EaseLinear}},
		// the arrows that pull the surfaces apart
		"pull": {{0, 0, EaseLinear}, {0.08, 0, EaseLinear}, {0.12, 1, EaseOut}, {0.31, 1, EaseLinear}, {0.35, 0, EaseLinear}},
		// the resting clock: shown, then sweeping through about 20 minutes
		"rest":      {{0, 0, EaseLinear}, {0.55, 0, EaseLinear}, {0.97, 1, EaseLinear}},
		"restShown": {{0, 0, EaseLinear}, {0.5, 0, EaseLinear}, {0.55, 1, EaseOut}},
	},
	Captions: []Caption{
		{0, 0.1, "anim.crack.caption.joint", "This is a facet joint up close. Smooth cartilage covers the two bone ends, with a thin layer of fluid between them."},
		{0.1, 0.33, "anim.crack.caption.apart", "A quick stretch pulls the joint surfaces apart. The pressure in the fluid drops."},
		{0.33, 0.52, "anim.crack.caption.pop", "A gas bubble forms in the fluid, and you may hear a pop. Experts still study exactly what makes the sound."},
		{0.52, 0.8, "anim.crack.caption.rest", "No bone breaks or grinds. The joint now rests: it usually cannot crack again for about 20 minutes, while the gas goes back into the fluid."},
		{0.8, 1, "anim.crack.caption.myth", "Then it can crack again. Studies of people who crack their knuckles for years found no link to arthritis."},
	},
	Sources: []string{
		"Kawchuk GN, Fryer J, Jaremko JL, Zeng H, Rowe L, Thompson R. Real-time visualization of joint cavitation. PLoS ONE 2015;10(4):e0119470.",
		"Unsworth A, Dowson D, Wright V. 'Cracking joints': a bioengineering study of cavitation in the metacarpophalangeal joint. Annals of the Rheumatic Diseases 1971;30:348-358.",
		"Castellanos J, Axelrod D. Effect of habitual knuckle cracking on hand function. Annals of the Rheumatic Diseases 1990;49:308-309.",
		"deWeber K, Olszewski M, Ortolano R. Knuckle cracking and hand osteoarthritis. Journal of the American Board of Family Medicine 2011;24(2):169-174.",
	},
}

// defaultCrackJoint is the joint the film shows when opened without one
// (the cracking topic, the command line): a low-back joint, where the
// cracks of an adjustment are most often heard.
const defaultCrackJoint = "facet:L4-L5:left"

// jointFrame is a facet joint as the side view draws it: its centre, the
// unit direction of the joint line (downward) and across it (toward the
// back, where the upper vertebra's lower process lies), its length and
// the thickness of cartilage and joint space, in model units.
type jointFrame struct {
	c, d, n  anatomy.Point
	length   float64
	thick    float64
	drawnID  string
	segLevel string // the motion segment, "L4-L5"
}

// crackJoint is the frame of facet joint id in the side view (a right
// joint is drawn as its left twin, which lies right in front of it).
func crackJoint(id string) (jointFrame, bool) {
	if id == "" {
		id = defaultCrackJoint
	}
	st, ok := anatomy.Lookup(id)
	if !ok || st.Kind != anatomy.Facet {
		return jointFrame{}, false
	}
	drawn := rootInView(anatomy.Lateral, id)
	pts := pointsOf(shapesOf(anatomy.Lateral, drawn, anatomy.PartCartilage))
	if len(pts) < 3 {
		return jointFrame{}, false
	}
	// the joint line is the cartilage's long axis
	ax := axisFrame(pts)
	c, d := ax.o, ax.n
	if d.Y < 0 {
		d = anatomy.Point{X: -d.X, Y: -d.Y}
	}
	n := anatomy.Point{X: d.Y, Y: -d.X}
	if n.X < 0 {
		n = anatomy.Point{X: -n.X, Y: -n.Y}
	}
	f := frame{o: c, u: d, n: n}
	a0, a1, b0, b1 := f.extent(pts)
	return jointFrame{c: c, d: d, n: n, length: b1 - b0, thick: a1 - a0, drawnID: drawn, segLevel: st.Level}, true
}

// crack palette: the joint fluid at normal and at low pressure, the gas,
// the capsule.
func crackColors(pal *Palette) (fluid, thin, gas, gasLine, capsule color.NRGBA) {
	if pal == Dark {
		return color.NRGBA{70, 130, 170, 255}, color.NRGBA{150, 190, 215, 255}, color.NRGBA{236, 240, 246, 255}, color.NRGBA{150, 170, 196, 255}, color.NRGBA{168, 128, 112, 255}
	}
	return color.NRGBA{120, 178, 218, 255}, color.NRGBA{208, 230, 244, 255}, color.NRGBA{255, 255, 255, 255}, color.NRGBA{96, 120, 150, 255}, color.NRGBA{204, 150, 128, 255}
}

func mix(a, b color.NRGBA, k float64) color.NRGBA {
	k = math.Max(0, math.Min(1, k))
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-k) + float64(y)*k)) }
	return color.NRGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}

// renderCrack draws the crack's frame at t into the top drawH pixels of dst.
func (f *Film) renderCrack(dst *image.RGBA, t, drawH float64, o FrameOptions) {
	b := dst.Bounds()
	w := float64(b.Dx())
	pal := o.palette()
	if f.jointAt == nil || *f.jointAt != f.At {
		at := f.At
		f.joint, f.jointOK = crackJoint(at)
		f.jointAt = &at
	}
	jf, ok := f.joint, f.jointOK
	area := image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+int(math.Round(drawH)))
	if area.Empty() {
		return
	}
	iw := int(math.Round(math.Min(w*0.3, drawH*0.5)))
	ih := int(math.Round(math.Min(drawH*0.62, float64(iw)*1.45)))
	pad := int(math.Round(math.Max(6, drawH*0.02)))
	withInset := iw > 40 && ih > 40
	left := float64(pad + iw)
	if !withInset {
		left = 0
	}
	// The close-up with its gauge, labels and clock spans about 1.4
	// joint lengths in front of the joint's centre and 2.1 behind it (a
	// long Spanish label): it is sized to fit that, on a wide screen and
	// in presentation mode's narrower diagram alike.
	room := w - left - 2*float64(pad)
	unit := math.Min(drawH*0.34, room/3.6) // joint units to pixels: the joint's length
	cx := left + float64(pad) + room*(1.45/3.6)
	cy := drawH * 0.5
	// The close-up is drawn in two bands side by side on two CPUs, as the
	// renderer draws a scene: the bones are large shapes, and a frame must
	// fit in a 60th of a second with room to spare. Each band is clipped
	// to its rows (the bones also run on out of the picture).
	band := func(r image.Rectangle) {
		p := f.r.painter(dst.SubImage(r).(*image.RGBA), b.Min)
		defer f.r.release(p)
		rect(p, 0, 0, w, drawH)
		p.Fill(pal.background)
		if ok {
			crackCloseUp(p, pal, jf, t, cx, cy, unit, f.r.words.in(o.Lang), f.Anim)
		}
	}
	// The bands are fixed by the picture's size, not by the CPUs, so the
	// pixels do not depend on the machine (see drawSceneBands).
	mid := area.Min.Y + area.Dy()/2
	top, bottom := image.Rect(area.Min.X, area.Min.Y, area.Max.X, mid), image.Rect(area.Min.X, mid, area.Max.X, area.Max.Y)
	switch {
	case area.Dy() < 256:
		band(area)
	case runtime.GOMAXPROCS(0) < 2:
		band(top)
		band(bottom)
	default:
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			band(bottom)
		}()
		band(top)
		wg.Wait()
	}
	// the small side view, top left, with the joint picked out, over all
	if ok && withInset {
		f.drawInset(dst, image.Rect(b.Min.X+pad, b.Min.Y+pad, b.Min.X+pad+iw, b.Min.Y+pad+ih), jf, o)
	}
}

// drawInset draws the side view of the joint's region into r of dst with
// the joint selected and ringed: where on the spine the close-up is.
func (f *Film) drawInset(dst *image.RGBA, r image.Rectangle, jf jointFrame, o FrameOptions) {
	key := insetKey{r.Dx(), r.Dy(), o.palette(), o.Lang}
	if f.inset == nil || f.insetKey != key {
		upper, lower, _ := splitSeg(jf.segLevel)
		area, ok := anatomy.StructureBounds(anatomy.Lateral, "vertebra:"+upper)
		if lo, ok2 := anatomy.StructureBounds(anatomy.Lateral, "vertebra:"+lower); ok2 {
			area = unionRect(area, lo, ok)
			ok = true
		}
		sc := Scene{View: anatomy.Lateral, Selected: jf.drawnID, Palette: o.Palette, Lang: o.Lang, TextScale: 0.85}
		if ok {
			sc.Camera = CameraFor(anatomy.Lateral, grow(area, 0.25), float64(r.Dx()), float64(r.Dy()))
		}
		img := f.r.Image(sc, r.Dx(), r.Dy())
		tf := Fit(sc, float64(r.Dx()), float64(r.Dy()))
		ip := f.r.painter(img, image.Point{})
		x, y := tf.ToPixel(jf.c)
		rad := math.Max(jf.length*tf.Scale*0.85, 10)
		circle(ip, x, y, rad)
		ip.Stroke(o.palette().selectedLine, math.Max(1.5, float64(r.Dx())/160))
		rect(ip, 0.5, 0.5, float64(r.Dx())-0.5, float64(r.Dy())-0.5)
		ip.Stroke(o.palette().label, 1)
		f.r.release(ip)
		f.inset, f.insetKey = img, key
	}
	copyInto(dst, r, f.inset)
}

func copyInto(dst *image.RGBA, r image.Rectangle, src *image.RGBA) {
	r = r.Intersect(dst.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		so := src.PixOffset(0, y-r.Min.Y)
		do := dst.PixOffset(r.Min.X, y)
		copy(dst.Pix[do:do+4*r.Dx()], src.Pix[so:so+4*r.Dx()])
	}
}

func splitSeg(seg string) (upper, lower string, ok bool) {
	for i := 0; i < len(seg); i++ {
		if seg[i] == '-' {
			return seg[:i], seg[i+1:], true
		}
	}
	return seg, "", false
}

func unionRect(a, b anatomy.Rect, aOK bool) anatomy.Rect {
	if !aOK {
		return b
	}
	return anatomy.Rect{
		Min: anatomy.Point{X: math.Min(a.Min.X, b.Min.X), Y: math.Min(a.Min.Y, b.Min.Y)},
		Max: anatomy.Point{X: math.Max(a.Max.X, b.Max.X), Y: math.Max(a.Max.Y, b.Max.Y)},
	}
}

func grow(r anatomy.Rect, k float64) anatomy.Rect {
	dx, dy := r.Dx()*k, r.Dy()*k
	return anatomy.Rect{Min: anatomy.Point{X: r.Min.X - dx, Y: r.Min.Y - dy}, Max: anatomy.Point{X: r.Max.X + dx, Y: r.Max.Y + dy}}
}

// Joint units: the joint's length is 1; a runs across the joint toward the
// back, b along it downward.

// crackGap is the space between the cartilage surfaces at separation s,
// in joint units: the joint's own thin space at rest, exaggerated when
// pulled apart so a patient sees it.
func crackGap(jf jointFrame, s float64) float64 {
	rest := math.Max(0.04, math.Min(0.09, jf.thick/jf.length*0.25))
	return rest + 0.17*s
}

// cavitySize is the gas cavity's half-width across and half-height along
// the joint at cavity size k and gap g (it fits the space it forms in).
func cavitySize(k, g float64) (ra, rb float64) {
	return k * (g/2 - 0.012), k * 0.22
}

// crackCloseUp draws the joint at t, centred at (cx, cy), one joint unit
// being unit pixels.
func crackCloseUp(p Painter, pal *Palette, jf jointFrame, t, cx, cy, unit float64, words words, a *Animation) {
	sep := a.Value("separation", t)
	pressure := a.Value("pressure", t)
	cav := a.Value("cavity", t)
	g := crackGap(jf, sep)
	cart := math.Max(0.05, math.Min(0.08, jf.thick/jf.length*0.22))
	at := func(u, v float64) (float64, float64) {
		return cx + unit*(u*jf.n.X+v*jf.d.X), cy + unit*(u*jf.n.Y+v*jf.d.Y)
	}
	poly := func(pts [][2]float64) {
		for i, q := range pts {
			x, y := at(q[0], q[1])
			if i == 0 {
				p.MoveTo(x, y)
			} else {
				p.LineTo(x, y)
			}
		}
		p.ClosePath()
	}
	ellipse := func(u, v, ru, rv float64, n int) [][2]float64 {
		pts := make([][2]float64, 0, n)
		for i := 0; i < n; i++ {
			th := 2 * math.Pi * float64(i) / float64(n)
			pts = append(pts, [2]float64{u + ru*math.Cos(th), v + rv*math.Sin(th)})
		}
		return pts
	}
	lw := math.Max(1.2, unit/130)
	fluid, thin, gas, gasLine, capsule := crackColors(pal)
	bone := pal.style(anatomy.PartArch)
	cartSt := pal.style(anatomy.PartCartilage)

	// the capsule: a sac of fluid around the joint, stretched as it opens
	caps := ellipse(0, 0, g/2+cart+0.2, 0.66, 64)
	poly(caps)
	p.Stroke(capsule, lw*5)
	poly(caps)
	p.Fill(mix(fluid, thin, 1-pressure))

	// the two bone ends: the upper vertebra's lower process behind (a > 0)
	// reaching down, the lower vertebra's upper process in front reaching
	// up, each capped with cartilage on the side facing the other
	for _, sg := range []float64{1, -1} {
		face := sg * (g/2 + cart) // the bone's surface under the cartilage
		outer := sg * (g/2 + cart + 0.46)
		var pts [][2]float64
		const n = 24
		// the facing surface, a gentle curve, then the rounded tip, the
		// outer edge and off the picture toward the rest of the vertebra
		tipB, farB := 0.56, -1.9
		if sg < 0 {
			tipB, farB = -0.56, 1.9
		}
		for i := 0; i <= n; i++ {
			v := farB + (tipB-farB)*float64(i)/n
			bulge := 0.03 * math.Max(0, 1-(2*v)*(2*v))
			// beyond the joint the surface turns away from the other
			// bone, toward the rest of its vertebra
			away := 0.0
			if d := math.Abs(v) - 0.6; d > 0 && v*tipB < 0 {
				away = 0.35 * d * d
			}
			pts = append(pts, [2]float64{face + sg*(away-bulge), v})
		}
		for i := 1; i < n; i++ { // the tip, half an ellipse
			th := math.Pi * float64(i) / n
			u := face + (outer-face)*(1-math.Cos(th))/2
			v := tipB + math.Copysign(0.16, tipB)*math.Sin(th)
			pts = append(pts, [2]float64{u, v})
		}
		// the outer edge widens toward the arch it belongs to
		for i := 0; i <= n/2; i++ {
			k := float64(i) / float64(n/2)
			v := tipB + (farB-tipB)*k
			pts = append(pts, [2]float64{outer + sg*0.55*k*k, v})
		}
		poly(pts)
		p.Stroke(bone.line, lw*2)
		poly(pts)
		p.Fill(bone.fill)
		// the cartilage cap on the facing surface
		var cp [][2]float64
		for i := 0; i <= n; i++ {
			v := -0.5 + float64(i)/n
			bulge := 0.03 * math.Max(0, 1-(2*v)*(2*v))
			cp = append(cp, [2]float64{face - sg*bulge, v})
		}
		for i := n; i >= 0; i-- {
			v := -0.5 + float64(i)/n
			bulge := 0.03 * math.Max(0, 1-(2*v)*(2*v))
			taper := math.Sqrt(math.Max(0, 1-(2*v)*(2*v)*(2*v)*(2*v)))
			cp = append(cp, [2]float64{face - sg*bulge - sg*cart*taper, v})
		}
		poly(cp)
		p.Stroke(cartSt.line, lw)
		poly(cp)
		p.Fill(cartSt.fill)
	}

	// the pull that parts the surfaces
	if k := a.Value("pull", t); k > 0.01 {
		c := withAlpha(pal.label, uint8(220*k))
		for _, sg := range []float64{1, -1} {
			base := sg * (g/2 + cart + 0.52)
			tip := base + sg*0.3
			poly([][2]float64{{base, -0.05}, {tip - sg*0.1, -0.05}, {tip - sg*0.1, -0.12}, {tip, 0}, {tip - sg*0.1, 0.12}, {tip - sg*0.1, 0.05}, {base, 0.05}})
			p.Fill(c)
		}
	}

	// the gas cavity in the fluid
	ra, rb := cavitySize(cav, g)
	if ra > 0.002 && rb > 0.002 {
		e := ellipse(0, 0.04, ra, rb, 48)
		poly(e)
		p.Stroke(gasLine, lw*1.2)
		poly(e)
		p.Fill(gas)
		if ra > 0.02 {
			poly(ellipse(-ra*0.3, 0.04-rb*0.45, ra*0.3, rb*0.18, 24))
			p.Fill(withAlpha(thin, 200))
		}
	}

	size := math.Max(12, unit*0.085)
	// "pop": a caption word, not a sound
	if k := a.Value("pop", t); k > 0.01 {
		x, y := at(-(g/2 + cart + 0.62), -0.42)
		c := withAlpha(pal.label, uint8(255*k))
		burst := make([][2]float64, 0, 24)
		for i := 0; i < 24; i++ {
			th := 2 * math.Pi * float64(i) / 24
			r := 0.11
			if i%2 == 0 {
				r = 0.16
			}
			burst = append(burst, [2]float64{0.02 + r*math.Cos(th), 0.04 + r*1.6*math.Sin(th)})
		}
		poly(burst)
		p.Stroke(withAlpha(pal.selectedLine, uint8(200*k)), lw*1.4)
		p.Text(x, y, size*1.7, c, AlignCenter, words.word("anim.crack.pop", "pop!"))
	}

	// labels: the fluid, then the gas once it shows
	lx, ly := at(g/2+cart+0.62, 0.36)
	label := func(x, y float64, s string, tu, tv float64) {
		tx, ty := at(tu, tv)
		p.MoveTo(x-size*0.5, y-size*0.3)
		p.LineTo(tx, ty)
		p.Stroke(pal.label, lw)
		est := 0.6 * size * float64(len([]rune(s)))
		roundRect(p, x-size*0.5, y-size*1.05, x+est+size*0.5, y+size*0.45, size*0.4)
		p.Fill(pal.orientationBG)
		p.Text(x, y, size, pal.label, AlignLeft, s)
	}
	label(lx, ly, words.word("anim.crack.fluid", "Joint fluid"), 0, 0.38)
	if cav > 0.3 {
		gx, gy := at(g/2+cart+0.62, -0.1)
		label(gx, gy, words.word("anim.crack.gas", "Gas bubble"), ra*0.6, 0.04-rb*0.6)
	}

	// the pressure in the fluid, as a gauge beside the joint
	gx, gy := at(-(g/2 + cart + 0.95), 0.1)
	gh, gw := unit*0.7, unit*0.09
	roundRect(p, gx-gw/2, gy-gh/2, gx+gw/2, gy+gh/2, gw/2)
	p.Fill(pal.orientationBG)
	fh := (gh - 4) * pressure
	roundRect(p, gx-gw/2+2, gy+gh/2-2-fh, gx+gw/2-2, gy+gh/2-2, (gw-4)/2)
	p.Fill(fluid)
	roundRect(p, gx-gw/2, gy-gh/2, gx+gw/2, gy+gh/2, gw/2)
	p.Stroke(pal.label, lw)
	p.Text(gx, gy+gh/2+size*1.3, size, pal.label, AlignCenter, words.word("anim.crack.pressure", "Pressure"))

	// the resting clock: about 20 minutes before the joint cracks again
	if k := a.Value("restShown", t); k > 0.01 {
		rest := a.Value("rest", t)
		x, y := at(g/2+cart+0.95, 0.78)
		r := unit * 0.13
		circle(p, x, y, r)
		p.Fill(withAlpha(pal.orientationBG, uint8(float64(pal.orientationBG.A)*k)))
		if rest > 0.001 {
			p.MoveTo(x, y)
			const n = 48
			for i := 0; i <= n; i++ {
				th := -math.Pi/2 + 2*math.Pi*rest*float64(i)/n
				p.LineTo(x+r*math.Cos(th), y+r*math.Sin(th))
			}
			p.ClosePath()
			p.Fill(withAlpha(cartSt.fill, uint8(200*k)))
		}
		circle(p, x, y, r)
		p.Stroke(withAlpha(pal.label, uint8(255*k)), lw*1.3)
		p.Text(x, y+r+size*1.3, size, withAlpha(pal.label, uint8(255*k)), AlignCenter, words.word("anim.crack.minutes", "About 20 minutes"))
	}
}
