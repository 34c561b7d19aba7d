package anatomy

import (
	"math"
	"strings"
	"testing"
)

// leftHalfPoint is a point of id in view v left of its box's middle that
// the hit test gives to id: where a clinician taps "the left of the disc".
func leftHalfPoint(t *testing.T, v View, id string) Point {
	t.Helper()
	b, ok := StructureBounds(v, id)
	if !ok {
		t.Fatalf("%s is not drawn in the %s view", id, v)
	}
	for fx := 0.35; fx > 0.05; fx -= 0.02 {
		for fy := 0.5; fy > 0.1; fy -= 0.05 {
			p := Point{b.Min.X + fx*b.Dx(), b.Min.Y + fy*b.Dy()}
			if hit, _ := HitTest(v, p); hit == id {
				return p
			}
		}
	}
	t.Fatalf("no point of %s on the left half of its box in the %s view", id, v)
	return Point{}
}

func TestSpotKeepsTheTappedPlace(t *testing.T) {
	for _, c := range []struct {
		v  View
		id string
	}{
		{Posterior, "disc:L4-L5"},
		{Posterior, "vertebra:S"},
		{Lateral, "disc:L4-L5"},
		{Lateral, "vertebra:S"},
		{Posterior, "nerve:L5:left"},
	} {
		p := leftHalfPoint(t, c.v, c.id)
		s, ok := SpotAt(c.v, c.id, p)
		if !ok || s.View != c.v || !(s.X < 0.5) {
			t.Errorf("%s %s: SpotAt(%v) = %+v, %v", c.v, c.id, p, s, ok)
			continue
		}
		got, ok := s.MarkPoint(c.v, c.id)
		if !ok || math.Abs(got.X-p.X) > 1e-9 || math.Abs(got.Y-p.Y) > 1e-9 {
			t.Errorf("%s %s: MarkPoint = %v, %v; want the tapped %v", c.v, c.id, got, ok, p)
		}
	}
}

// A bulge tapped on the left half of the L4-L5 disc from behind is on the
// patient's left (the view from behind shows it on the left of the
// picture); from the side, it sits on the disc itself.
func TestSpotInTheOtherView(t *testing.T) {
	p := leftHalfPoint(t, Posterior, "disc:L4-L5")
	s, _ := SpotAt(Posterior, "disc:L4-L5", p)
	if s.Side() != Left {
		t.Errorf("side of %+v = %q, want left", s, s.Side())
	}
	q, ok := s.MarkPoint(Lateral, "disc:L4-L5")
	if !ok {
		t.Fatal("no place for the mark in the side view")
	}
	if hit, _ := HitTest(Lateral, q); hit != "disc:L4-L5" {
		t.Errorf("in the side view the mark sits on %q, want the disc", hit)
	}
	// A spot tapped from the side says nothing about the patient's side.
	ls, _ := SpotAt(Lateral, "disc:L4-L5", leftHalfPoint(t, Lateral, "disc:L4-L5"))
	if ls.Side() != NoSide {
		t.Errorf("a tap in the side view has side %q", ls.Side())
	}
	if q, ok := ls.MarkPoint(Posterior, "disc:L4-L5"); !ok {
		t.Error("no place for a side-view mark from behind")
	} else if hit, _ := HitTest(Posterior, q); hit != "disc:L4-L5" {
		t.Errorf("from behind the side-view mark sits on %q", hit)
	}
	// A right root is not drawn from the side: no place there.
	rs := Spot{View: Posterior, X: 0.5, Y: 0.5}
	if _, ok := rs.MarkPoint(Lateral, "nerve:L5:right"); ok {
		t.Error("a right root got a place in the side view, which does not draw it")
	}
	if _, ok := (Spot{}).MarkPoint(Posterior, "disc:L4-L5"); ok {
		t.Error("the zero spot got a place")
	}
}

// A spot whose place does not show its structure (here the top left corner
// of the sacrum's box, outside the bone) is moved to the nearest place that
// does, so the badge never points at another structure.
func TestSpotOffTheStructureMovesOnIt(t *testing.T) {
	s := Spot{View: Posterior, X: 0, Y: 0}
	q, ok := s.MarkPoint(Posterior, "vertebra:S")
	if !ok {
		t.Fatal("no place")
	}
	if hit, _ := HitTest(Posterior, q); hit != "vertebra:S" {
		t.Errorf("the mark sits on %q at %v, want the sacrum", hit, q)
	}
	b, _ := StructureBounds(Posterior, "vertebra:S")
	if q.X > b.Center().X || q.Y > b.Center().Y {
		t.Errorf("moved to %v, far from the top left of %v", q, b)
	}
}

func TestParseSpot(t *testing.T) {
	good := map[string]Spot{
		"posterior:0.25,0.5":  {Posterior, 0.25, 0.5},
		" Lateral:0,1 ":       {Lateral, 0, 1},
		"posterior:1, 0.125 ": {Posterior, 1, 0.125},
	}
	for in, want := range good {
		got, err := ParseSpot(in)
		if err != nil || got != want {
			t.Errorf("ParseSpot(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if back, err := ParseSpot(got.String()); err != nil || back != got {
			t.Errorf("%q does not read back: %+v, %v", got.String(), back, err)
		}
	}
	for _, in := range []string{"", "posterior", "posterior:0.5", "axial:0.5,0.5", "posterior:1.5,0.5",
		"posterior:-0.1,0.5", "posterior:NaN,0.5", "posterior:x,y", "posterior:0.5,Inf"} {
		if s, err := ParseSpot(in); err == nil {
			t.Errorf("ParseSpot(%q) = %+v, want an error", in, s)
		} else if strings.Contains(err.Error(), "panic") {
			t.Error(err)
		}
	}
	for _, s := range []Spot{{View: "Posterior", X: 0.5, Y: 0.5}, {View: Lateral, X: math.NaN()}, {View: "x", X: 0.1}} {
		if s.Valid() {
			t.Errorf("%+v is valid", s)
		}
	}
}

// besideRootID is the root HitTestNear is tried on in each view: one with
// empty space beside it. In the side view the low back roots now lie over
// the cauda equina in the foramen and over bone below it, so the neck's
// C6 root, which reaches out in front of the bodies, is used there.
func besideRootID(v View) string {
	if v == Lateral {
		return "nerve:C6:left"
	}
	return "nerve:L5:left"
}

// besideRoot is a point in empty space 2 model units beside the root
// besideRootID names in view v, found by walking out of it.
func besideRoot(t testing.TB, v View) Point {
	t.Helper()
	id := besideRootID(v)
	start, _ := InteriorPoint(v, id)
	for _, d := range []Point{{-1, 0}, {1, 0}, {0, 1}, {0, -1}, {-0.7071, 0.7071}, {0.7071, 0.7071}} {
		for r := 0.5; r < 80; r += 0.5 {
			hit, _ := HitTest(v, start.add(d.mul(r)))
			if hit == id {
				continue
			}
			if hit == "" {
				if p := start.add(d.mul(r + 2)); func() bool { h, _ := HitTest(v, p); return h == "" }() {
					return p
				}
			}
			break
		}
	}
	t.Fatalf("no empty space beside %s in the %s view", id, v)
	return Point{}
}

func TestHitTestNearTakesTheRootBeside(t *testing.T) {
	for _, v := range Views() {
		p := besideRoot(t, v)
		if id, ok := HitTest(v, p); ok {
			t.Fatalf("%s: %v is on %s, not beside the root", v, p, id)
		}
		if id, _ := HitTestNear(v, p, 6); id != besideRootID(v) {
			t.Errorf("%s: within 6 units of the root, HitTestNear = %q", v, id)
		}
		if id, ok := HitTestNear(v, p, 1); ok {
			t.Errorf("%s: 2 units away with 1 unit of slack gave %q", v, id)
		}
	}
	// On a structure, the structure wins over a closer edge of another.
	q, _ := InteriorPoint(Lateral, "vertebra:L4")
	if id, _ := HitTestNear(Lateral, q, 200); id != "vertebra:L4" {
		t.Errorf("a point on L4 with a wide slack gave %q", id)
	}
	if _, ok := HitTestNear(Lateral, Point{math.NaN(), 5}, 10); ok {
		t.Error("NaN point hit something")
	}
	if _, ok := HitTestNear(Lateral, Point{-500, -500}, 10); ok {
		t.Error("a point far outside hit something")
	}
}

// BenchmarkHitTestNear is a tap that misses: the exact hit test finds
// nothing and the slack search runs (a tap on a structure costs the same
// as HitTest).
func BenchmarkHitTestNear(b *testing.B) {
	p := besideRoot(b, Lateral)
	if id, _ := HitTestNear(Lateral, p, 8); id != besideRootID(Lateral) {
		b.Fatalf("beside the root: %q", id)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		HitTestNear(Lateral, p, 8)
	}
}
