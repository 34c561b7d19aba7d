package anatomy

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Spot is where on a structure the clinician tapped to mark it: the view
// the tap was in, and the tap's place across the structure's bounding box
// in that view (X from its left edge, 0, to its right edge, 1; Y from top
// to bottom). Being relative to the structure, a spot stays on the same
// place of the disc or bone at any zoom or pan, on screen and on paper.
// The zero Spot means "no particular place" (marks made from the keyboard
// or the command line, and marks saved before spots existed).
type Spot struct {
	View View
	X, Y float64
}

// IsZero reports whether s names no place.
func (s Spot) IsZero() bool { return s == Spot{} }

// Valid reports whether s is the zero Spot or a place inside a known view's
// box: what a stored or typed spot must be.
func (s Spot) Valid() bool {
	if s.IsZero() {
		return true
	}
	if v, err := ParseView(string(s.View)); err != nil || v != s.View {
		return false
	}
	in := func(f float64) bool { return f >= 0 && f <= 1 } // false for NaN
	return in(s.X) && in(s.Y)
}

// String is the spot as typed on the command line: "posterior:0.25,0.5".
func (s Spot) String() string {
	if s.IsZero() {
		return ""
	}
	return string(s.View) + ":" + strconv.FormatFloat(s.X, 'f', -1, 64) + "," + strconv.FormatFloat(s.Y, 'f', -1, 64)
}

// ParseSpot reads a spot written as VIEW:X,Y, e.g. "posterior:0.25,0.5"
// (the left quarter of the structure, half way down, seen from behind);
// a view from above names its level: "axial:L4-L5:0.25,0.5".
func ParseSpot(text string) (Spot, error) {
	text = strings.TrimSpace(text)
	i := strings.LastIndex(text, ":")
	view, xy, ok := text[:max(i, 0)], text[i+1:], i >= 0
	xs, ys, ok2 := strings.Cut(xy, ",")
	if !ok || !ok2 {
		return Spot{}, fmt.Errorf("%q: write a place on the structure as VIEW:X,Y, e.g. posterior:0.25,0.5 (X from its left edge 0 to its right edge 1, Y from top 0 to bottom 1)", text)
	}
	v, err := ParseView(view)
	if err != nil {
		return Spot{}, err
	}
	x, errX := strconv.ParseFloat(strings.TrimSpace(xs), 64)
	y, errY := strconv.ParseFloat(strings.TrimSpace(ys), 64)
	s := Spot{View: v, X: x, Y: y}
	if errX != nil || errY != nil || !s.Valid() {
		return Spot{}, fmt.Errorf("%q: X and Y are fractions of the structure's width and height, from 0 to 1", text)
	}
	return s, nil
}

// SpotAt is the spot of model point p (in view v) on structure id, or false
// when id is not drawn in v. A point outside the structure's box (a tap
// that reached it through the hit test's slack) is kept on its edge.
func SpotAt(v View, id string, p Point) (Spot, bool) {
	r, ok := StructureBounds(v, id)
	if !ok || r.Empty() || !finite(p) {
		return Spot{}, false
	}
	clamp := func(f float64) float64 { return math.Max(0, math.Min(1, f)) }
	return Spot{View: v, X: clamp((p.X - r.Min.X) / r.Dx()), Y: clamp((p.Y - r.Min.Y) / r.Dy())}, true
}

// MarkPoint is where a mark on structure id sits in view v. In the view it
// was tapped in, that is the tapped place (or, should that place no longer
// show the structure, the nearest place that does). In another view, the
// mark sits on the same structure, well inside it: the side of a paired
// structure is part of its ID, and a view that shows no sides (the side
// view) has nothing else to go by. ok is false for the zero Spot and where
// id is not drawn in v.
func (s Spot) MarkPoint(v View, id string) (Point, bool) {
	if s.IsZero() || !s.Valid() || !Drawn(v, id) {
		return Point{}, false
	}
	if s.View != v {
		return InteriorPoint(v, id)
	}
	r, _ := StructureBounds(v, id)
	p := Point{r.Min.X + s.X*r.Dx(), r.Min.Y + s.Y*r.Dy()}
	if hit, _ := HitTest(v, p); hit == id {
		return p, true
	}
	key := nearKey{v, id, s}
	if q, ok := nearCache.Load(key); ok {
		return q.(Point), true
	}
	q, ok := nearestInside(v, id, p)
	if !ok {
		return InteriorPoint(v, id)
	}
	nearCache.Store(key, q)
	return q, true
}

type nearKey struct {
	v  View
	id string
	s  Spot
}

// nearCache keeps the places found by nearestInside: a spot's place never
// changes (the geometry is fixed), and the diagram asks on every frame.
var nearCache sync.Map

// nearestInside is the point nearest p where the hit test gives id,
// searched on a fine grid over the structure's shapes.
func nearestInside(v View, id string, p Point) (Point, bool) {
	g := geom(v)
	if g == nil {
		return Point{}, false
	}
	best, bestD := Point{}, math.Inf(1)
	for _, si := range g.byID[id] {
		b := g.shapes[si].Bounds
		const n = 40
		for i := 0; i <= n; i++ {
			for j := 0; j <= n; j++ {
				q := Point{b.Min.X + b.Dx()*float64(i)/n, b.Min.Y + b.Dy()*float64(j)/n}
				d := q.sub(p).len()
				if d >= bestD {
					continue
				}
				if hit, _ := HitTest(v, q); hit == id {
					best, bestD = q, d
				}
			}
		}
	}
	return best, !math.IsInf(bestD, 1)
}

func finite(p Point) bool {
	return !math.IsNaN(p.X) && !math.IsNaN(p.Y) && !math.IsInf(p.X, 0) && !math.IsInf(p.Y, 0)
}

// Side is the patient's side a spot lies on where its view shows sides
// (the views from behind and from above, which show the patient's left on
// the left of the picture), or NoSide near the middle or in the side view.
// It is how a mark on a disc is described in words: "left side".
func (s Spot) Side() Side {
	if (s.View != Posterior && !s.View.IsAxial()) || !s.Valid() {
		return NoSide
	}
	switch {
	case s.X < 0.4:
		return Left
	case s.X > 0.6:
		return Right
	}
	return NoSide
}
