package pdf

import (
	"image/color"
	"math"
	"strconv"

	"chairside/internal/handout"
	"chairside/internal/i18n"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// The spine diagram on paper is drawn by the same diagram.Draw as the
// screen, through a Painter that records the vector calls while the
// handout is laid out and plays them into the PDF when the page is drawn.
// Recording first lets layout see every label (for the font choice) and
// keeps the PDF writer free of any rasterised picture.

// recording is a diagram drawn once: the path commands, their
// coordinates (box units; float32 is ample for a hundredth of a point)
// and the paint calls, kept compactly as a diagram has tens of thousands
// of path points.
type recording struct {
	cmds   []byte    // 'M' move, 'L' line, 'C' cubic, 'Z' close, 'F' fill, 'S' stroke, 'T' text
	nums   []float32 // 2 per M and L, 6 per C
	paints []paint   // one per F, S and T, in order
}

// paint is a recorded Fill, Stroke or Text call.
type paint struct {
	c     color.NRGBA
	width float64 // stroke width, or text size
	x, y  float64 // text anchor
	align diagram.Align
	text  string
	textW float64
}

// recorder is a diagram.Painter that records the calls.
type recorder struct {
	fl  *flow
	rec recording
}

func newRecorder(fl *flow) *recorder {
	return &recorder{fl: fl, rec: recording{cmds: make([]byte, 0, 8192), nums: make([]float32, 0, 32768)}}
}

func (r *recorder) MoveTo(x, y float64) {
	r.rec.cmds = append(r.rec.cmds, 'M')
	r.rec.nums = append(r.rec.nums, float32(x), float32(y))
}

func (r *recorder) LineTo(x, y float64) {
	r.rec.cmds = append(r.rec.cmds, 'L')
	r.rec.nums = append(r.rec.nums, float32(x), float32(y))
}

func (r *recorder) CubicTo(x1, y1, x2, y2, x, y float64) {
	r.rec.cmds = append(r.rec.cmds, 'C')
	r.rec.nums = append(r.rec.nums, float32(x1), float32(y1), float32(x2), float32(y2), float32(x), float32(y))
}

func (r *recorder) ClosePath() { r.rec.cmds = append(r.rec.cmds, 'Z') }

func (r *recorder) Fill(c color.NRGBA) {
	r.rec.cmds = append(r.rec.cmds, 'F')
	r.rec.paints = append(r.rec.paints, paint{c: c})
}

func (r *recorder) Stroke(c color.NRGBA, width float64) {
	r.rec.cmds = append(r.rec.cmds, 'S')
	r.rec.paints = append(r.rec.paints, paint{c: c, width: width})
}

func (r *recorder) Text(x, y, size float64, c color.NRGBA, align diagram.Align, s string) {
	s = r.fl.fonts.clean(s)
	w := r.fl.measure(faceRegular, size, s)
	r.rec.cmds = append(r.rec.cmds, 'T')
	r.rec.paints = append(r.rec.paints, paint{c: c, width: size, x: x, y: y, align: align, text: s, textW: w})
}

// play draws a recording with the box's top-left corner at (x0, y0).
//
// The path operators are written to the content stream directly, with two
// decimals (a hundredth of a point), rather than through fpdf's path calls:
// fpdf formats each coordinate with five decimals and an allocation. Writing
// the path when it is painted also puts the colour before the path, as PDF
// requires (no operator may come between a path and its painting).
func (dr *drawer) play(rec *recording, x0, y0 float64) {
	pdf := dr.pdf
	pageH := dr.pageH
	alpha := 1.0
	setAlpha := func(a uint8) {
		if v := float64(a) / 255; v != alpha {
			pdf.SetAlpha(v, "Normal")
			alpha = v
		}
	}
	path := make([]byte, 0, 8192)
	nums := rec.nums
	pt := func() {
		x, y := x0+float64(nums[0]), pageH-(y0+float64(nums[1]))
		path = appendCoord(path, x)
		path = append(path, ' ')
		path = appendCoord(path, y)
		path = append(path, ' ')
		nums = nums[2:]
	}
	pi := 0
	for _, cmd := range rec.cmds {
		switch cmd {
		case 'M':
			pt()
			path = append(path, "m\n"...)
		case 'L':
			pt()
			path = append(path, "l\n"...)
		case 'C':
			pt()
			pt()
			pt()
			path = append(path, "c\n"...)
		case 'Z':
			path = append(path, "h\n"...)
		case 'F':
			p := rec.paints[pi]
			pi++
			setAlpha(p.c.A)
			pdf.SetFillColor(int(p.c.R), int(p.c.G), int(p.c.B))
			pdf.RawWriteStr(string(append(path, 'f')))
			path = path[:0]
		case 'S':
			p := rec.paints[pi]
			pi++
			setAlpha(p.c.A)
			pdf.SetDrawColor(int(p.c.R), int(p.c.G), int(p.c.B))
			pdf.SetLineWidth(p.width)
			pdf.RawWriteStr(string(append(path, 'S')))
			path = path[:0]
		case 'T':
			p := rec.paints[pi]
			pi++
			setAlpha(p.c.A)
			x := x0 + p.x
			switch p.align {
			case diagram.AlignCenter:
				x -= p.textW / 2
			case diagram.AlignRight:
				x -= p.textW
			}
			dr.text(x, y0+p.y, faceRegular, p.width, rgb{p.c.R, p.c.G, p.c.B}, p.text)
		}
	}
	setAlpha(255)
}

// appendCoord writes x rounded to a hundredth, as
// strconv.AppendFloat(b, math.Round(x*100)/100, 'f', -1, 64) does, from
// its whole hundredths: the figures write thousands of coordinates per
// handout, and the general float formatting was a tenth of its time.
func appendCoord(b []byte, x float64) []byte {
	v := math.Round(x * 100)
	if !(math.Abs(v) < 1<<53) || (v == 0 && math.Signbit(v)) {
		// Beyond exact integers, NaN, infinities and -0: the general way.
		return strconv.AppendFloat(b, v/100, 'f', -1, 64)
	}
	n := int64(v)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// spineFigure is the diagram part of a handout: one or two views framed on
// what was discussed and marked.
type spineFigure struct {
	views  []anatomy.View
	recs   []*recording
	panelW float64
	panelH float64
	words  i18n.Words // for the captions
}

// Figure geometry in points.
const (
	figPanelH    = 200 // page 1 holds the visit: picture, findings, plan and red flags
	figPanelTall = 440 // when most of the spine is in the picture
	figPanelW1   = 170 // one view
	figPanelW2   = 114 // each of two views
	figGap       = 10
	figCaption   = 14 // caption line under the panels
	figTextScale = 0.62
)

// figureStructures are the structure IDs the diagram shows: the handout's
// structure items (highlighted) and its marks.
func figureStructures(h handout.Handout) (discussed []string, marked []string) {
	for _, it := range h.Items {
		if _, ok := anatomy.Lookup(it.Ref); ok {
			discussed = append(discussed, it.Ref)
		}
	}
	for _, m := range h.Marks {
		if _, ok := anatomy.Lookup(m.Structure); ok {
			marked = append(marked, m.Structure)
		}
	}
	return discussed, marked
}

// diagramMarks numbers the marks as the legend does. Marks on structures
// the anatomy does not know keep their number, so the legend still lines
// up with the badges.
func diagramMarks(marks []handout.Mark) []diagram.Mark {
	out := make([]diagram.Mark, len(marks))
	for i, m := range marks {
		out[i] = diagram.Mark{Structure: m.Structure, Finding: string(m.Finding), Number: i + 1, At: m.At, Detail: m.Detail}
	}
	return out
}

// newSpineFigure chooses the views and the framing, and records the
// drawing. It returns nil when the handout names no structure at all (a
// handout on topics only needs no picture). A tall picture is made no
// taller than maxH (0 for no limit), never shorter than the usual panel.
func newSpineFigure(fl *flow, h handout.Handout, w i18n.Words, maxH float64) *spineFigure {
	views, discussed, ids := figureViews(h)
	if len(views) == 0 {
		return nil
	}
	f := &spineFigure{views: views, panelH: figPanelH, panelW: figPanelW1, words: w}
	if len(views) == 2 {
		f.panelW = figPanelW2
	}
	// Findings far apart (neck and low back) show most of the spine: give
	// it a taller panel so the levels stay legible.
	_, vh := anatomy.ViewSize(anatomy.Lateral)
	if r := frame(anatomy.Lateral, ids, f.panelW/f.panelH); r.Dy() > vh*0.45 {
		f.panelH = figPanelTall
		if maxH > 0 {
			f.panelH = max(figPanelH, min(f.panelH, maxH))
		}
	}
	sceneMarks := diagramMarks(h.Marks)
	for _, v := range views {
		rect := frame(v, ids, f.panelW/f.panelH)
		sc := diagram.Scene{
			View:      v,
			Camera:    diagram.CameraFor(v, rect, f.panelW, f.panelH),
			Discussed: discussed,
			Marks:     sceneMarks,
			TextScale: figTextScale,
			Lang:      w.Lang(),
		}
		rec := newRecorder(fl)
		diagram.NewRenderer().Draw(rec, sc, f.panelW, f.panelH)
		f.recs = append(f.recs, &rec.rec)
	}
	return f
}

// figureViews are the views the handout's picture draws, none for a
// handout that names no structure, with the structures it shows: the
// discussed ones, and every one drawn (discussed and marked).
func figureViews(h handout.Handout) (views []anatomy.View, discussed, ids []string) {
	discussed, marked := figureStructures(h)
	ids = append(append([]string(nil), discussed...), marked...)
	if len(ids) == 0 {
		return nil, nil, nil
	}
	// The side view shows the left side; a structure on the right (or a
	// pair compared side to side) needs the view from behind as well.
	views = []anatomy.View{anatomy.Lateral}
	if needsBackView(h, ids) {
		views = append(views, anatomy.Posterior)
	}
	return views, discussed, ids
}

// needsBackView reports whether the printed diagram shows the view from
// behind beside the side view: for a structure on the right (the side view
// shows the left side), a left one the side view does not draw, and a mark
// tapped in the view from behind, which is drawn where it was tapped only
// there (the left half of a disc looks the same as its middle from the side).
func needsBackView(h handout.Handout, ids []string) bool {
	for _, m := range h.Marks {
		if m.At.View == anatomy.Posterior && anatomy.Drawn(anatomy.Posterior, m.Structure) {
			return true
		}
	}
	for _, id := range ids {
		st, _ := anatomy.Lookup(id)
		if st.Side == anatomy.Right || (st.Side == anatomy.Left && !anatomy.Drawn(anatomy.Lateral, id)) {
			return true
		}
	}
	return false
}

// frame is the model-space area to show in a panel of the given aspect
// (width / height): everything discussed or marked in the view, with a few
// levels of context around it so the patient can see where it sits (never
// less than a fifth of the spine), and as wide as the spine, its level
// labels and the mark badges are at the levels in sight, so nothing is cut
// at the panel's sides.
func frame(v anatomy.View, ids []string, aspect float64) anatomy.Rect {
	vw, vh := anatomy.ViewSize(v)
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, id := range ids {
		if b, ok := anatomy.StructureBounds(v, id); ok {
			top, bottom = math.Min(top, b.Min.Y), math.Max(bottom, b.Max.Y)
		}
	}
	if top > bottom {
		return anatomy.Rect{Max: anatomy.Point{X: vw, Y: vh}}
	}
	minH, pad := vh/5, vh/14
	top, bottom = top-pad, bottom+pad
	if bottom-top < minH {
		c := (top + bottom) / 2
		top, bottom = c-minH/2, c+minH/2
	}
	// window keeps [top, bottom] inside the drawing, shifting it rather
	// than showing empty space past the skull or the tailbone.
	window := func(c, h float64) (float64, float64) {
		h = math.Min(h, vh)
		t, b := c-h/2, c+h/2
		if t < 0 {
			t, b = 0, h
		}
		if b > vh {
			t, b = vh-h, vh
		}
		return t, b
	}
	top, bottom = window((top+bottom)/2, bottom-top)
	left, right := 0.0, vw
	// A panel narrower than the area shows more height than asked for,
	// where the spine may be wider: widen until the two agree.
	for i := 0; i < 6; i++ {
		left, right = spineExtent(v, top, bottom)
		w, h := right-left, bottom-top
		if w <= h*aspect*1.001 || h >= vh {
			break
		}
		top, bottom = window((top+bottom)/2, w/aspect)
	}
	return anatomy.Rect{Min: anatomy.Point{X: left, Y: top}, Max: anatomy.Point{X: right, Y: bottom}}
}

// spineExtent is the horizontal extent of the drawing between two heights,
// with room for the level labels on the left and mark badges on the right.
func spineExtent(v anatomy.View, top, bottom float64) (float64, float64) {
	vw, _ := anatomy.ViewSize(v)
	left, right := math.Inf(1), math.Inf(-1)
	for _, s := range anatomy.Shapes(v) {
		if s.Bounds.Max.Y < top || s.Bounds.Min.Y > bottom {
			continue
		}
		// The hip bones and ribs are drawn for context: the picture may
		// cut them at its sides. Framing their whole width made the view
		// from behind so small that the marks on a disc crowded it.
		if s.Part == anatomy.PartPelvis || s.Part == anatomy.PartRib {
			continue
		}
		left, right = math.Min(left, s.Bounds.Min.X), math.Max(right, s.Bounds.Max.X)
	}
	for _, l := range anatomy.Labels(v) {
		if l.At.Y >= top && l.At.Y <= bottom {
			// Labels are drawn right-aligned at their anchor.
			left = math.Min(left, l.At.X-70)
		}
	}
	if left > right {
		return 0, vw
	}
	w := right - left
	return math.Max(0, left-w*0.03), math.Min(vw, right+w*0.08)
}

// caption names a view under its panel.
func (f *spineFigure) caption(v anatomy.View) string {
	if v == anatomy.Posterior {
		return f.words.T("handout.spine.behind")
	}
	return f.words.T("handout.spine.side")
}

// figureWidth is the width of the panels and the gaps between them.
func (f *spineFigure) width() float64 {
	return float64(len(f.views))*f.panelW + float64(len(f.views)-1)*figGap
}

// draw draws the panels and their captions with the top-left at (x, y).
func (f *spineFigure) draw(dr *drawer, fl *flow, x, y float64) {
	pdf := dr.pdf
	pdf.SetLineJoinStyle("round")
	pdf.SetLineCapStyle("round")
	for i, v := range f.views {
		px := x + float64(i)*(f.panelW+figGap)
		pdf.ClipRect(px, y, f.panelW, f.panelH, false)
		// Marked as a figure: readers and tests can tell the picture
		// (drawn by internal/diagram) from the handout's own text.
		pdf.RawWriteStr("/Figure BMC")
		dr.play(f.recs[i], px, y)
		pdf.RawWriteStr("EMC")
		pdf.ClipEnd()
		dr.resync()
		dr.rectStroke(px, y, f.panelW, f.panelH, colRule, 0.75)
		c := f.caption(v)
		cw := fl.measure(faceRegular, 8, c)
		dr.text(px+(f.panelW-cw)/2, y+f.panelH+10.5, faceRegular, 8, colMuted, c)
	}
	pdf.SetLineJoinStyle("miter")
	pdf.SetLineCapStyle("butt")
}

// legendEntry is one numbered mark, laid out for a column width.
type legendEntry struct {
	number int
	color  color.NRGBA
	lines  [][]frag
	h      float64
}

const (
	legendSize  = 9.5
	legendLead  = 13
	legendBadge = 7.5 // badge radius
	legendInset = 22  // text starts this far right of the badge's column
	legendSpace = 5
)

func (d *document) legendEntries(width float64) []legendEntry {
	var out []legendEntry
	for i, m := range d.h.Marks {
		lines := d.fl.breakLines(markSpans(d, m), legendSize, width-legendInset)
		out = append(out, legendEntry{
			number: i + 1,
			color:  m.Finding.Color(),
			lines:  lines,
			h:      float64(max(1, len(lines)))*legendLead + legendSpace,
		})
	}
	return out
}

// drawLegendEntry draws a badge like the diagram's and the entry's text.
func (dr *drawer) drawLegendEntry(fl *flow, e legendEntry, x, y float64) {
	cx, cy := x+legendBadge+1, y+legendLead/2
	dr.circle(cx, cy, legendBadge+1, rgb{255, 255, 255})
	dr.circle(cx, cy, legendBadge, rgb{uint8(float64(e.color.R) * 0.85), uint8(float64(e.color.G) * 0.85), uint8(float64(e.color.B) * 0.85)})
	n := strconv.Itoa(e.number)
	nw := fl.measure(faceBold, 8, n)
	dr.text(cx-nw/2, cy+2.9, faceBold, 8, rgb{255, 255, 255}, n)
	for i, ln := range e.lines {
		base := y + float64(i)*legendLead + (legendLead-legendSize)/2 + legendSize*0.8
		for _, f := range ln {
			dr.text(x+legendInset+f.x, base, f.face, legendSize, colInk, f.text)
		}
	}
}
