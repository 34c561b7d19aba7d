package diagram

import (
	"image/color"
	"math"
	"strconv"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// Align places text relative to its anchor.
type Align int

// Text alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Painter receives the drawing as vector calls in box coordinates (pixels
// for the screen, points for paper). The raster painter behind a
// Renderer's images and the PDF writer implement it.
type Painter interface {
	MoveTo(x, y float64)
	LineTo(x, y float64)
	CubicTo(x1, y1, x2, y2, x, y float64)
	ClosePath()
	// Fill fills and clears the current path (non-zero winding).
	Fill(c color.NRGBA)
	// Stroke strokes and clears the current path.
	Stroke(c color.NRGBA, width float64)
	// Text draws s with its baseline at y.
	Text(x, y, size float64, c color.NRGBA, align Align, s string)
}

// baseLabelSize is the level label size in pixels at TextScale 1.
const baseLabelSize = 13

// lineWidth is the outline width in box units for a transform: thin when
// the whole spine is shown, a little bolder when zoomed in.
func lineWidth(t Transform) float64 {
	return math.Max(0.7, math.Min(2.4, t.Scale*1.25))
}

func textScale(sc Scene) float64 {
	if sc.TextScale > 0 && sc.TextScale < 10 {
		return sc.TextScale
	}
	return 1
}

// tintStyle is one highlight laid over a structure's shapes.
type tintStyle struct {
	fill, line color.NRGBA
	width      float64
	// dashed outlines a structure seen through the spine (see seenThrough)
	dashed bool
}

// highlights says how each structure of the session is tinted, in the
// order the tints are laid: discussed, marks, hover, selected.
func highlights(sc Scene, lw float64) map[string][]tintStyle {
	pal := sc.palette()
	hl := map[string][]tintStyle{}
	for _, id := range sc.Discussed {
		if id != sc.Selected {
			hl[id] = append(hl[id], tintStyle{pal.discussedFill, pal.discussedLine, lw * 1.2, false})
		}
	}
	for _, m := range sc.Marks {
		c := handout.Finding(m.Finding).Color()
		fill := c
		fill.A = 150
		hl[m.Structure] = append(hl[m.Structure], tintStyle{fill, darker(c, 0.65), lw * 1.3, false})
	}
	if sc.Hover != "" && sc.Hover != sc.Selected {
		hl[sc.Hover] = append(hl[sc.Hover], tintStyle{pal.hoverFill, pal.hoverLine, lw * 1.2, false})
	}
	if sc.Selected != "" {
		if twin := seenThrough(sc.View, sc.Selected); twin != "" {
			hl[twin] = append(hl[twin], tintStyle{pal.seenThroughFill, pal.selectedLine, math.Max(1.5, lw*1.4), true})
		} else {
			hl[sc.Selected] = append(hl[sc.Selected], tintStyle{pal.selectedFill, pal.selectedLine, math.Max(2, lw*1.8), false})
		}
	}
	return hl
}

// seenThrough is the structure drawn where a selected structure would be
// seen through the spine: the side view shows the patient's left side, so a
// right facet joint or nerve root lies right behind its left twin. It is ""
// when id is drawn in the view itself (or has no twin that is).
func seenThrough(v anatomy.View, id string) string {
	if anatomy.Drawn(v, id) {
		return ""
	}
	st, ok := anatomy.Lookup(id)
	if !ok || st.Opposite == "" || !anatomy.Drawn(v, st.Opposite) {
		return ""
	}
	return st.Opposite
}

// pxRect is a rectangle in box units.
type pxRect struct{ x0, y0, x1, y1 float64 }

func (r pxRect) overlaps(o pxRect) bool {
	return r.x0 <= o.x1 && o.x0 <= r.x1 && r.y0 <= o.y1 && o.y0 <= r.y1
}

// drawScene draws the background, the shapes in paint order with each
// highlighted shape's tints right after it, and the level labels. With a
// clip, shapes and labels outside it are skipped (the painter clips).
//
// kept is non-nil when p is a renderer's own raster painter: its shapes
// are then rasterized from the outlines the renderer keeps.
func drawScene(p Painter, kept *keptShapes, sc Scene, w, h float64, hl map[string][]tintStyle, clip *pxRect) {
	t := Fit(sc, w, h)
	pal := sc.palette()
	rect(p, 0, 0, w, h)
	p.Fill(pal.background)
	lw := lineWidth(t)
	for i, s := range anatomy.Shapes(sc.View) {
		if !visible(t, s.Bounds, lw) {
			continue
		}
		if clip != nil {
			x0, y0 := t.ToPixel(s.Bounds.Min)
			x1, y1 := t.ToPixel(s.Bounds.Max)
			if !clip.overlaps(pxRect{x0 - 2*lw, y0 - 2*lw, x1 + 2*lw, y1 + 2*lw}) {
				continue
			}
		}
		drawShape(p, kept, t, sc.View, pal, i, s, lw)
		if s.ID == "" {
			continue
		}
		for _, ts := range hl[s.ID] {
			path(p, t, s.Path, true)
			p.Fill(ts.fill)
			if ts.dashed {
				dashes(p, t, s.Path, ts.width*3, ts.width*2.2)
				p.Stroke(ts.line, ts.width)
				continue
			}
			// outline single-piece shapes only: a shape drawn as several
			// overlapping parts would show its inner seams
			if subpathCount(s.Path) == 1 {
				path(p, t, s.Path, true)
				p.Stroke(ts.line, ts.width)
			}
		}
	}
	size := baseLabelSize * textScale(sc)
	for _, l := range visibleLabels(sc.View, t, size) {
		x, y := t.ToPixel(l.At)
		if x < -size*3 || y < -size || y > h+size || x > w+size*3 {
			continue
		}
		// A label in the bottom band would be written over by the
		// orientation words ("Front", "Patient's left") or cut by the
		// picture's edge, as "T11" was on a printed mid-back handout.
		if y+size*0.36 > orientationTop(h, size) {
			continue
		}
		if clip != nil && !clip.overlaps(pxRect{x - size*3, y - size, x + 1, y + size}) {
			continue
		}
		p.Text(x, y+size*0.36, size, pal.label, AlignRight, l.Text)
	}
}

// visibleLabels thins the level labels when the drawing is small, so they
// never overlap: from the top down, a label that would touch the one above
// is left out (the clinician zooms in to see every level).
func visibleLabels(v anatomy.View, t Transform, size float64) []anatomy.Label {
	var out []anatomy.Label
	lastY := math.Inf(-1)
	for _, l := range anatomy.Labels(v) {
		_, y := t.ToPixel(l.At)
		if y-lastY < size*1.1 {
			continue
		}
		out = append(out, l)
		lastY = y
	}
	return out
}

// shapeOp is one step of drawing a shape: its path stroked or filled.
type shapeOp struct {
	path      anatomy.Path
	stroke    bool
	closeOpen bool // close open subpaths (fills and the outlines of filled shapes)
	c         color.NRGBA
	width     float64 // stroke width
}

// runOps sends a shape's drawing steps to the painter.
func runOps(p Painter, t Transform, ops []shapeOp) {
	for _, op := range ops {
		path(p, t, op.path, op.closeOpen)
		if op.stroke {
			p.Stroke(op.c, op.width)
		} else {
			p.Fill(op.c)
		}
	}
}

// drawShape draws shape i of view v in its part's style, from kept
// outlines when there are (see drawScene).
func drawShape(p Painter, kept *keptShapes, t Transform, v anatomy.View, pal *Palette, i int, s anatomy.Shape, lw float64) {
	st := pal.style(s.Part)
	var buf [8]shapeOp
	ops := buf[:0]
	switch {
	case st.strokeOnly:
		ops = append(ops, shapeOp{path: s.Path, stroke: true, c: st.line, width: lw * st.lineWidth})
	case st.fillOnly:
		ops = append(ops, shapeOp{path: s.Path, closeOpen: true, c: st.fill})
	default:
		// The outline is stroked first and the fill laid over it, so a
		// shape made of overlapping parts shows only its outer edge.
		if st.lineWidth > 0 {
			ops = append(ops, shapeOp{path: s.Path, stroke: true, closeOpen: true, c: st.line, width: 2 * lw * st.lineWidth})
		}
		ops = append(ops, shapeOp{path: s.Path, closeOpen: true, c: st.fill})
		// The sheen is painted in opaque tones mixed in advance: each
		// level lies inside the one below, so the look is the same as
		// translucent layers, without transparency on paper.
		tone := st.fill
		for _, sh := range s.Sheen {
			tone = over(tone, st.sheen)
			if len(sh) > 0 {
				ops = append(ops, shapeOp{path: sh, closeOpen: true, c: tone})
			}
		}
	}
	// A renderer keeps the view's shapes ready to rasterize between
	// frames (see outline.go). kept is a concrete type rather than an
	// interface so that ops stays on the stack.
	if kept != nil {
		kept.draw(v, pal, i, t, ops)
		return
	}
	runOps(p, t, ops)
}

// drawTop draws what lies over the whole drawing: the selected structure's
// level tags, the numbered badges of the marks and the words that say
// which way the patient faces.
func (r *Renderer) drawTop(p Painter, sc Scene, w, h float64) {
	t := Fit(sc, w, h)
	ts := textScale(sc)
	if sc.Selected != "" {
		selectedLabel(p, t, sc, ts)
	}
	r.drawFindings(p, t, sc)
	r.drawMarks(p, t, sc, ts)
	words := r.words.in(sc.Lang)
	orientation(p, sc.palette(), sc.View, words.sides(), w, h, ts)
	drawAxialWords(p, sc, words, t, w, h, ts) // axial.go: the view from above's title and caption
}

// badgeRadius is a mark badge's radius in box units at TextScale 1: 24
// pixels across on screen, big enough to find at a glance and to read the
// number from the patient's chair.
const badgeRadius = 12

// pinLift is how far above the tapped place a pinned badge's centre sits,
// in badge radii: the pin's point touches the place, the badge leaves the
// structure around it in sight.
const pinLift = 1.9

// placedBadge is a mark's badge where it is drawn: its centre and, for a
// mark tapped on a place, the place the pin points to.
type placedBadge struct {
	cx, cy     float64
	tipX, tipY float64
	pinned     bool
	c          color.NRGBA
	n          int
}

// drawMarks draws each mark's numbered badge. A mark tapped on a place is
// a pin whose point is that place (the view it was tapped in) or a point
// well inside the structure (the other view); a mark made without a tap
// keeps its badge by the structure's top right corner. Badges that would
// cover one another step sideways, the pin stretching to keep pointing at
// its place.
func (r *Renderer) drawMarks(p Painter, t Transform, sc Scene, ts float64) {
	rad := badgeRadius * ts
	placed := make([]placedBadge, 0, len(sc.Marks))
	for i, m := range sc.Marks {
		b := placedBadge{c: handout.Finding(m.Finding).Color(), n: markNumber(m, i)}
		// the place tapped in this view, else the drawn finding, else
		// the structure (findings.go)
		q, ok := anatomy.Point{}, false
		if m.At.View != sc.View {
			q, ok = r.findingAnchor(sc.View, m)
		}
		if !ok {
			q, ok = m.At.MarkPoint(sc.View, m.Structure)
		}
		if ok {
			b.tipX, b.tipY = t.ToPixel(q)
			b.pinned = true
			b.cx, b.cy = b.tipX, b.tipY-rad*pinLift
			if b.cy-rad < 0 {
				b.cy = b.tipY + rad*pinLift // at the top edge the pin hangs down
			}
		} else {
			r, ok := anatomy.StructureBounds(sc.View, m.Structure)
			if !ok {
				continue
			}
			x, y := t.ToPixel(anatomy.Point{X: r.Max.X, Y: r.Min.Y})
			b.cx, b.cy = x+rad*0.3, y-rad*0.3
			if x <= t.W {
				// A structure in the picture keeps its badge in it too.
				b.cx = math.Min(b.cx, t.W-rad)
			}
		}
		// Step right past the badges already placed; one that would leave
		// the picture steps down instead (staying beside its structure),
		// or else left, so no number is cut at the edge of the screen or
		// of a printed panel.
		startX, startY := b.cx, b.cy
		for _, step := range [][2]float64{{rad * 2.2, 0}, {0, rad * 2.2}, {-rad * 2.2, 0}} {
			b.cx, b.cy = startX, startY
			for moved := true; moved; {
				moved = false
				for _, q := range placed {
					if math.Hypot(q.cx-b.cx, q.cy-b.cy) < rad*2.1 {
						b.cx += step[0]
						b.cy += step[1]
						moved = true
					}
				}
			}
			if (b.cx+rad <= t.W && b.cy+rad <= t.H) || startX+rad > t.W {
				break
			}
		}
		placed = append(placed, b)
	}
	// Every pin's point first, then the badges, so no point crosses a
	// neighbour's number.
	for _, b := range placed {
		if b.pinned {
			pinPoint(p, b, rad)
		}
	}
	for _, b := range placed {
		badge(p, b.cx, b.cy, rad, b.c, b.n, rad*1.15)
	}
}

// pinPoint draws the wedge from a pinned badge's centre to its place, with
// a white edge so it shows on bone, disc and nerve alike.
func pinPoint(p Painter, b placedBadge, rad float64) {
	dx, dy := b.tipX-b.cx, b.tipY-b.cy
	l := math.Hypot(dx, dy)
	if l <= rad {
		return
	}
	ux, uy := dx/l, dy/l
	wedge := func(half, reach float64) {
		p.MoveTo(b.cx-uy*half, b.cy+ux*half)
		p.LineTo(b.cx+ux*(l+reach), b.cy+uy*(l+reach))
		p.LineTo(b.cx+uy*half, b.cy-ux*half)
		p.ClosePath()
	}
	wedge(rad*0.55+1.2, 1.6)
	p.Fill(color.NRGBA{255, 255, 255, 255})
	wedge(rad*0.55, 0)
	p.Fill(darker(b.c, 0.85)) // as the badge
}

// orientation writes which way the patient faces in the bottom corners:
// "Patient's left" and "Patient's right" on the view from behind, "Front"
// and "Back" on the side view, in the scene's language. The screen, PNG
// files and the printed handout all draw them here.
func orientation(p Painter, pal *Palette, v anatomy.View, words sideWords, w, h, ts float64) {
	left, right := words.front, words.back
	if v == anatomy.Posterior || v.IsAxial() {
		left, right = words.left, words.right
	}
	size := baseLabelSize * ts
	// The text is measured by its painter; this estimate of DejaVu Sans'
	// width (a little generous) sizes the backgrounds and keeps both
	// words inside a narrow box, such as a panel of the printed handout.
	est := func(s string, size float64) float64 { return 0.62 * size * float64(len([]rune(s))) }
	if need := est(left+right, size) + size*3; need > w {
		size *= w / need
	}
	pad := size * 0.45
	base := orientationBase(h, size)
	for _, lbl := range []struct {
		text  string
		x     float64
		align Align
	}{{left, pad * 2, AlignLeft}, {right, w - pad*2, AlignRight}} {
		tw := est(lbl.text, size)
		x0 := lbl.x - pad
		if lbl.align == AlignRight {
			x0 = lbl.x - tw - pad
		}
		roundRect(p, x0, base-size*0.95, x0+tw+pad*2, base+size*0.4, size*0.4)
		p.Fill(pal.orientationBG)
		p.Text(lbl.x, base, size, pal.label, lbl.align, lbl.text)
	}
}

// orientationBase is the baseline of the orientation words of the given
// size in a drawing h tall.
func orientationBase(h, size float64) float64 { return h - size*0.45*2 - size*0.3 }

// orientationTop is the top of the orientation words' backgrounds at their
// full size (narrow drawings set them smaller, never larger): the level
// labels stay above it.
func orientationTop(h, size float64) float64 { return orientationBase(h, size) - size*0.95 }

func subpathCount(ps anatomy.Path) int {
	n := 0
	for _, sg := range ps {
		if sg.Op == anatomy.OpMove {
			n++
		}
	}
	return n
}

// selectedLabel turns the selected structure's level label into a tag.
func selectedLabel(p Painter, t Transform, sc Scene, ts float64) {
	st, ok := anatomy.Lookup(sc.Selected)
	if !ok {
		return
	}
	pal := sc.palette()
	for _, l := range anatomy.Labels(sc.View) {
		if !labelNames(l.Level, st) {
			continue
		}
		x, y := t.ToPixel(l.At)
		size := baseLabelSize * ts
		wid := size * (0.62*float64(len([]rune(l.Text))) + 0.7)
		roundRect(p, x-wid+size*0.3, y-size*0.72, x+size*0.35, y+size*0.72, size*0.45)
		p.Fill(pal.selectedLine)
		p.Text(x, y+size*0.36, size, pal.labelOnTag, AlignRight, l.Text)
	}
	// A structure seen through the spine says so beside it: the dashed
	// outline alone could pass for its twin on the near side.
	if twin := seenThrough(sc.View, sc.Selected); twin != "" && st.Side != anatomy.NoSide {
		r, _ := anatomy.StructureBounds(sc.View, twin)
		x0, y := t.ToPixel(anatomy.Point{X: r.Min.X, Y: (r.Min.Y + r.Max.Y) / 2})
		x1, _ := t.ToPixel(anatomy.Point{X: r.Max.X, Y: r.Max.Y})
		size := baseLabelSize * ts
		text := string(st.Side) + " side"
		wid := size*0.62*float64(len([]rune(text))) + size*0.7
		// beside the structure, on whichever side the box has room
		x := x1 + size*0.6
		if x+wid > t.W && x0-size*0.6-wid >= 0 {
			x = x0 - size*0.6 - wid
		}
		x = math.Max(0, math.Min(x, t.W-wid))
		roundRect(p, x, y-size*0.72, x+wid, y+size*0.72, size*0.45)
		p.Fill(pal.selectedLine)
		p.Text(x+size*0.35, y+size*0.36, size, pal.labelOnTag, AlignLeft, text)
	}
}

// labelNames reports whether a level label belongs to a structure: its own
// vertebra, or the vertebrae a disc, joint or root sits between.
func labelNames(level string, st anatomy.Structure) bool {
	for _, v := range st.Vertebrae {
		if v == "vertebra:"+level {
			return true
		}
	}
	return false
}

func badge(p Painter, x, y, r float64, c color.NRGBA, n int, size float64) {
	circle(p, x, y, r+1.2)
	p.Fill(color.NRGBA{255, 255, 255, 255})
	circle(p, x, y, r)
	p.Fill(darker(c, 0.85))
	p.Text(x, y+size*0.36, size, color.NRGBA{255, 255, 255, 255}, AlignCenter, strconv.Itoa(n))
}

// over is colour c laid over opaque colour base.
func over(base, c color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	mix := func(b, x uint8) uint8 { return uint8(math.Round(float64(b)*(1-a) + float64(x)*a)) }
	return color.NRGBA{mix(base.R, c.R), mix(base.G, c.G), mix(base.B, c.B), base.A}
}

func darker(c color.NRGBA, k float64) color.NRGBA {
	return color.NRGBA{uint8(float64(c.R) * k), uint8(float64(c.G) * k), uint8(float64(c.B) * k), 255}
}

func visible(t Transform, b anatomy.Rect, margin float64) bool {
	x0, y0 := t.ToPixel(b.Min)
	x1, y1 := t.ToPixel(b.Max)
	return x1 >= -margin && y1 >= -margin && x0 <= t.W+margin && y0 <= t.H+margin
}

// path sends a model-space path to the painter in box coordinates.
func path(p Painter, t Transform, ps anatomy.Path, closeOpen bool) {
	open := false
	for _, sg := range ps {
		switch sg.Op {
		case anatomy.OpMove:
			if open && closeOpen {
				p.ClosePath()
			}
			x, y := t.ToPixel(sg.Pts[0])
			p.MoveTo(x, y)
			open = true
		case anatomy.OpLine:
			x, y := t.ToPixel(sg.Pts[0])
			p.LineTo(x, y)
		case anatomy.OpCubic:
			x1, y1 := t.ToPixel(sg.Pts[0])
			x2, y2 := t.ToPixel(sg.Pts[1])
			x3, y3 := t.ToPixel(sg.Pts[2])
			p.CubicTo(x1, y1, x2, y2, x3, y3)
		case anatomy.OpClose:
			p.ClosePath()
			open = false
		}
	}
	if open && closeOpen {
		p.ClosePath()
	}
}

// dashes sends the outline of ps to the painter as dashes on box units
// long with gaps of off, to be stroked: the way a drawing shows what lies
// behind.
func dashes(p Painter, t Transform, ps anatomy.Path, on, off float64) {
	if !(on > 0) || !(off > 0) {
		return
	}
	for _, poly := range ps.Flatten(0.3 / t.Scale) {
		n := len(poly)
		phase, drawing := on, true // what is left of the current dash or gap
		p.MoveTo(t.ToPixel(poly[0]))
		for i := 0; i < n; i++ {
			ax, ay := t.ToPixel(poly[i])
			bx, by := t.ToPixel(poly[(i+1)%n])
			l := math.Hypot(bx-ax, by-ay)
			for pos := 0.0; pos < l; {
				step := math.Min(phase, l-pos)
				pos += step
				phase -= step
				x, y := ax+(bx-ax)*pos/l, ay+(by-ay)*pos/l
				if drawing {
					p.LineTo(x, y)
				}
				if phase <= 0 {
					drawing = !drawing
					if drawing {
						phase = on
						p.MoveTo(x, y)
					} else {
						phase = off
					}
				}
			}
		}
	}
}

func rect(p Painter, x0, y0, x1, y1 float64) {
	p.MoveTo(x0, y0)
	p.LineTo(x1, y0)
	p.LineTo(x1, y1)
	p.LineTo(x0, y1)
	p.ClosePath()
}

const kappa = 0.5522847498

func circle(p Painter, x, y, r float64) {
	k := kappa * r
	p.MoveTo(x+r, y)
	p.CubicTo(x+r, y+k, x+k, y+r, x, y+r)
	p.CubicTo(x-k, y+r, x-r, y+k, x-r, y)
	p.CubicTo(x-r, y-k, x-k, y-r, x, y-r)
	p.CubicTo(x+k, y-r, x+r, y-k, x+r, y)
	p.ClosePath()
}

func roundRect(p Painter, x0, y0, x1, y1, r float64) {
	r = math.Min(r, math.Min((x1-x0)/2, (y1-y0)/2))
	k := kappa * r
	p.MoveTo(x0+r, y0)
	p.LineTo(x1-r, y0)
	p.CubicTo(x1-r+k, y0, x1, y0+r-k, x1, y0+r)
	p.LineTo(x1, y1-r)
	p.CubicTo(x1, y1-r+k, x1-r+k, y1, x1-r, y1)
	p.LineTo(x0+r, y1)
	p.CubicTo(x0+r-k, y1, x0, y1-r+k, x0, y1-r)
	p.LineTo(x0, y0+r)
	p.CubicTo(x0, y0+r-k, x0+r-k, y0, x0+r, y0)
	p.ClosePath()
}

// sideWords are the orientation words in one language.
type sideWords struct{ front, back, left, right string }

// sides are the orientation words in w's language.
func (w words) sides() sideWords {
	return sideWords{w.word("diagram.front", ""), w.word("diagram.back", ""), w.word("diagram.patient_left", ""), w.word("diagram.patient_right", "")}
}
