package figure

import (
	"fmt"
	"image"
	"math"

	"chairside/internal/diagram"
)

// Prop is something the figure uses: every picture stands on a floor.
type Prop int

// The props.
const (
	// Mat is an exercise mat under a figure on the floor.
	Mat Prop = iota + 1
	// Chair is a plain chair under the figure's pelvis (in the start pose).
	Chair
	// Wall stands behind the figure's back (in the start pose).
	Wall
)

func (p Prop) String() string {
	switch p {
	case Mat:
		return "mat"
	case Chair:
		return "chair"
	case Wall:
		return "wall"
	}
	return fmt.Sprintf("prop(%d)", int(p))
}

// Anchor is the point of the body that stays in its place from the start
// pose to the end one.
type Anchor int

// The anchors.
const (
	AnchorHips  Anchor = iota // the pelvis: lying, sitting
	AnchorFeet                // the near ankle: standing, kneeling on one knee
	AnchorKnees               // the near knee: on hands and knees
	AnchorHands               // the near wrist
)

// Picture is an exercise's picture: the start and end poses side by side,
// an arrow between them, with the props they use.
type Picture struct {
	Start, End Pose
	Props      []Prop
	Anchor     Anchor
}

// Validate checks both poses' angles and that they share one view.
func (pc Picture) Validate() error {
	if err := pc.Start.Validate(); err != nil {
		return fmt.Errorf("start pose: %w", err)
	}
	if err := pc.End.Validate(); err != nil {
		return fmt.Errorf("end pose: %w", err)
	}
	if pc.Start.View != pc.End.View {
		return fmt.Errorf("the start pose is seen from the %s and the end pose from the %s: use one view", pc.Start.View, pc.End.View)
	}
	for _, p := range pc.Props {
		if p < Mat || p > Wall {
			return fmt.Errorf("unknown prop %d", int(p))
		}
	}
	return nil
}

func (pc Picture) has(p Prop) bool {
	for _, q := range pc.Props {
		if q == p {
			return true
		}
	}
	return false
}

// matHeight is the mat's thickness: a figure on a mat rests on it.
const matHeight = 2.2

// placed is one panel: a posed skeleton on the floor (y 0) with its anchor
// at x 0, and the props around it.
type placed struct {
	s      skeleton
	lo, hi vec
}

func anchorPoint(s skeleton, a Anchor) vec {
	switch a {
	case AnchorFeet:
		return s.legs[0].end
	case AnchorKnees:
		return s.legs[0].mid
	case AnchorHands:
		return s.arms[0].end
	}
	return s.hip
}

// place poses p: its lowest point rests on the floor (or the mat) and its
// anchor sits at x 0.
func place(p Pose, a Anchor, onMat bool) skeleton {
	s := build(p)
	base := 0.0
	if onMat {
		base = matHeight
	}
	ap := anchorPoint(s, a)
	return s.moved(vec{-ap.x, base - s.lowest()})
}

// chairAt is where the chair goes for a figure sitting in pose s: the seat
// under the pelvis, its back behind the figure.
type chairBox struct {
	x0, x1, seat, top float64
	front             bool // seen from the front: the seat across, the back behind
}

func chairFor(s skeleton) chairBox {
	seat := s.hip.y - thighR0
	if s.view == Side {
		return chairBox{x0: s.hip.x - 17, x1: s.hip.x + 24, seat: seat, top: seat + 44}
	}
	return chairBox{x0: s.hip.x - 23, x1: s.hip.x + 23, seat: seat, top: seat + 46, front: true}
}

func wallFor(s skeleton) float64 {
	lo, _ := s.bounds()
	if s.view == Side {
		return lo.x - 0.5
	}
	return 0
}

// layout places both panels and says where the model's pieces go in a
// w x h box.
type layout struct {
	panels [2]placed
	chair  *chairBox
	wall   *float64
	mat    bool
	q      [2]pen
	arrow  [2]vec // in box units
	k      float64
}

func (pc Picture) layout(p diagram.Painter, w, h float64) layout {
	var l layout
	l.mat = pc.has(Mat)
	start := place(pc.Start, pc.Anchor, l.mat)
	end := place(pc.End, pc.Anchor, l.mat)
	if pc.has(Chair) {
		c := chairFor(start)
		l.chair = &c
	}
	if pc.has(Wall) && pc.Start.View == Side {
		x := wallFor(start)
		l.wall = &x
	}
	for i, s := range []skeleton{start, end} {
		lo, hi := s.bounds()
		lo.y = math.Min(lo.y, 0)
		if l.chair != nil {
			lo.x, hi.x = math.Min(lo.x, l.chair.x0-2), math.Max(hi.x, l.chair.x1+2)
			hi.y = math.Max(hi.y, l.chair.top+2)
		}
		if l.wall != nil {
			lo.x = math.Min(lo.x, *l.wall-8)
		}
		l.panels[i] = placed{s: s, lo: lo.sub(vec{6, 4}), hi: hi.add(vec{6, 6})}
	}
	// one scale for both panels, so the two poses compare; an arrow's
	// room between them
	const gapModel = 34.0
	totalW := l.panels[0].hi.x - l.panels[0].lo.x + gapModel + l.panels[1].hi.x - l.panels[1].lo.x
	top := math.Max(l.panels[0].hi.y, l.panels[1].hi.y)
	bottom := math.Min(l.panels[0].lo.y, l.panels[1].lo.y)
	k := math.Min(w/totalW, h/(top-bottom))
	l.k = k
	x := (w - k*totalW) / 2
	oy := (h-k*(top-bottom))/2 + k*top
	for i := range l.panels {
		pl := l.panels[i]
		l.q[i] = pen{p: p, k: k, ox: x - k*pl.lo.x, oy: oy}
		x += k * (pl.hi.x - pl.lo.x)
		if i == 0 {
			mid := math.Max(l.panels[0].lo.y, l.panels[1].lo.y) + 0.45*(math.Min(l.panels[0].hi.y, l.panels[1].hi.y)-math.Max(l.panels[0].lo.y, l.panels[1].lo.y))
			l.arrow = [2]vec{{x + k*6, oy - k*mid}, {x + k*(gapModel-6), oy - k*mid}}
			x += k * gapModel
		}
	}
	return l
}

// Draw draws the picture into a w x h box: the page, then each panel's
// floor, props and figure, and the arrow from the start to the end.
func (pc Picture) Draw(p diagram.Painter, w, h float64) {
	if !(w > 0) || !(h > 0) {
		return
	}
	p.MoveTo(0, 0)
	p.LineTo(w, 0)
	p.LineTo(w, h)
	p.LineTo(0, h)
	p.ClosePath()
	p.Fill(colPage)
	l := pc.layout(p, w, h)
	for i, pl := range l.panels {
		q := l.q[i]
		if l.wall != nil {
			drawWall(q, *l.wall, pl.hi.y)
		} else if pc.has(Wall) {
			drawWallBehind(q, pl.lo.x+3, pl.hi.x-3, pl.hi.y-2)
		}
		drawFloor(q, pl.lo.x+1, pl.hi.x-1)
		if l.mat {
			lo, hi := pl.s.bounds()
			drawMat(q, lo.x-4, hi.x+4)
		}
		if l.chair != nil {
			drawChair(q, *l.chair)
		}
		drawFigure(q, pl.s)
	}
	drawArrow(p, l.arrow[0], l.arrow[1], l.k)
}

func drawFloor(q pen, x0, x1 float64) {
	q.moveTo(vec{x0, 0})
	q.lineTo(vec{x1, 0})
	q.p.Stroke(colFloor, q.width(0.6))
}

func drawMat(q pen, x0, x1 float64) {
	q.moveTo(vec{x0 + 1, 0})
	q.lineTo(vec{x1 - 1, 0})
	q.arc(vec{x1 - 1, 1}, 1, -90, 90)
	q.lineTo(vec{x1, matHeight - 1})
	q.arc(vec{x1 - 1, matHeight - 1}, 1, 0, 90)
	q.lineTo(vec{x0 + 1, matHeight})
	q.arc(vec{x0 + 1, matHeight - 1}, 1, 90, 90)
	q.lineTo(vec{x0, 1})
	q.arc(vec{x0 + 1, 1}, 1, 180, 90)
	q.p.ClosePath()
	q.p.Fill(colMat)
	q.moveTo(vec{x0 + 1, matHeight})
	q.lineTo(vec{x1 - 1, matHeight})
	q.p.Stroke(colMatLine, q.width(0.45))
}

func box(q pen, x0, y0, x1, y1 float64) {
	q.moveTo(vec{x0, y0})
	q.lineTo(vec{x1, y0})
	q.lineTo(vec{x1, y1})
	q.lineTo(vec{x0, y1})
	q.p.ClosePath()
}

func drawChair(q pen, c chairBox) {
	parts := []part{}
	add := func(x0, y0, x1, y1 float64) {
		parts = append(parts, part{func(q pen) { box(q, x0, y0, x1, y1) }, colChair})
	}
	if c.front {
		// seen from the front: the back behind the figure, the seat and
		// two front legs
		add(c.x0+4, c.seat, c.x1-4, c.top)
		add(c.x0, c.seat-4, c.x1, c.seat)
		add(c.x0+2, 0, c.x0+5.5, c.seat-4)
		add(c.x1-5.5, 0, c.x1-2, c.seat-4)
	} else {
		add(c.x0, c.seat-4, c.x1, c.seat)
		add(c.x0+1.5, 0, c.x0+5, c.seat-4)
		add(c.x1-5, 0, c.x1-1.5, c.seat-4)
		add(c.x0, c.seat, c.x0+3.5, c.top)
		add(c.x0-0.5, c.top-20, c.x0+4, c.top)
	}
	q.group(colChairLine, 0.55, parts...)
}

func drawWall(q pen, x, top float64) {
	box(q, x-9, 0, x, top)
	q.p.Fill(colWall)
	q.moveTo(vec{x, 0})
	q.lineTo(vec{x, top})
	q.p.Stroke(colWallLine, q.width(0.6))
}

func drawWallBehind(q pen, x0, x1, top float64) {
	box(q, x0, 0, x1, top)
	q.p.Fill(colWall)
}

// drawArrow draws a calm arrow from a to b (box units), scaled with the picture.
func drawArrow(p diagram.Painter, a, b vec, k float64) {
	w := math.Max(2, 1.6*k)
	head := math.Max(7, 6*k)
	p.MoveTo(a.x, a.y)
	p.LineTo(b.x-head*0.8, b.y)
	p.Stroke(colArrow, w)
	p.MoveTo(b.x, b.y)
	p.LineTo(b.x-head, b.y-head*0.6)
	p.LineTo(b.x-head*0.8, b.y)
	p.LineTo(b.x-head, b.y+head*0.6)
	p.ClosePath()
	p.Fill(colArrow)
}

// Render draws the picture into a new w x h image through the spine
// diagram's raster painter.
func (pc Picture) Render(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	pc.Draw(diagram.NewRasterPainter(img), float64(w), float64(h))
	return img
}
