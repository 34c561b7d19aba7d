package anatomy

import (
	"math"
	"math/rand"
	"testing"
)

func TestEveryStructureDrawnSomewhere(t *testing.T) {
	for _, s := range All() {
		if !Drawn(Lateral, s.ID) && !Drawn(Posterior, s.ID) {
			t.Errorf("%s is drawn in no view", s.ID)
		}
	}
}

func TestKindsDrawnWhereExpected(t *testing.T) {
	for _, s := range All() {
		switch s.Kind {
		case Vertebra, Disc:
			if !Drawn(Lateral, s.ID) {
				t.Errorf("%s missing from the lateral view", s.ID)
			}
		case Facet, Nerve:
			if !Drawn(Posterior, s.ID) {
				t.Errorf("%s missing from the posterior view", s.ID)
			}
			// the lateral view shows the patient's left side
			if got, want := Drawn(Lateral, s.ID), s.Side == Left; got != want {
				t.Errorf("%s drawn in lateral = %v, want %v", s.ID, got, want)
			}
		}
	}
}

func TestInteriorPointHitsItsStructure(t *testing.T) {
	for _, v := range Views() {
		for _, s := range All() {
			if !Drawn(v, s.ID) {
				if _, ok := InteriorPoint(v, s.ID); ok {
					t.Errorf("%s %s: interior point for a structure not drawn", v, s.ID)
				}
				continue
			}
			p, ok := InteriorPoint(v, s.ID)
			if !ok {
				t.Errorf("%s %s: no interior point", v, s.ID)
				continue
			}
			if got, _ := HitTest(v, p); got != s.ID {
				t.Errorf("%s %s: HitTest(InteriorPoint) = %q", v, s.ID, got)
			}
			b, _ := StructureBounds(v, s.ID)
			if !b.Contains(p) {
				t.Errorf("%s %s: interior point %v outside bounds %v", v, s.ID, p, b)
			}
		}
	}
}

func TestHitTestOutsideAndRandomPoints(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	w, h := ViewSize(Lateral)
	for _, v := range Views() {
		for _, p := range []Point{{-1, -1}, {0, 0}, {w, h}, {1e12, -1e12}, {math.NaN(), 3}, {3, math.NaN()}, {math.Inf(1), math.Inf(-1)}, {5, 5}} {
			if id, ok := HitTest(v, p); ok {
				t.Errorf("%s %v: hit %s outside the drawing", v, p, id)
			}
		}
		hits := 0
		for i := 0; i < 20000; i++ {
			p := Point{rng.Float64()*w*1.4 - w*0.2, rng.Float64()*h*1.4 - h*0.2}
			if id, ok := HitTest(v, p); ok {
				hits++
				if _, known := Lookup(id); !known {
					t.Fatalf("%s %v: hit unknown ID %q", v, p, id)
				}
			}
		}
		if hits == 0 {
			t.Errorf("%s: 20000 random points hit nothing", v)
		}
	}
	if _, ok := HitTest("sideways", Point{500, 500}); ok {
		t.Error("unknown view hit something")
	}
}

func center(t *testing.T, v View, id string) Point {
	t.Helper()
	b, ok := StructureBounds(v, id)
	if !ok {
		t.Fatalf("%s not drawn in %s", id, v)
	}
	return b.Center()
}

func TestAnatomicalOrder(t *testing.T) {
	for _, v := range Views() {
		// each disc lies between its two vertebrae, top to bottom
		for _, seg := range SegmentLevels() {
			d := "disc:" + seg
			if !Drawn(v, d) {
				continue
			}
			s, _ := Lookup(d)
			up, lo := center(t, v, s.Vertebrae[0]), center(t, v, s.Vertebrae[1])
			mid := center(t, v, d)
			if !(up.Y < mid.Y && mid.Y < lo.Y) {
				t.Errorf("%s: %s at y=%.0f not between %s (%.0f) and %s (%.0f)", v, d, mid.Y, s.Vertebrae[0], up.Y, s.Vertebrae[1], lo.Y)
			}
		}
		// vertebrae run from the skull down
		lv := VertebraLevels()
		for i := 1; i < len(lv); i++ {
			a, b := center(t, v, "vertebra:"+lv[i-1]), center(t, v, "vertebra:"+lv[i])
			if a.Y >= b.Y {
				t.Errorf("%s: vertebra %s (y=%.0f) not above %s (y=%.0f)", v, lv[i-1], a.Y, lv[i], b.Y)
			}
		}
	}
	// posterior view: the patient's left is on the left of the picture
	for _, s := range All() {
		if s.Side != Left {
			continue
		}
		l, r := center(t, Posterior, s.ID), center(t, Posterior, s.Opposite)
		if l.X >= r.X {
			t.Errorf("posterior: %s (x=%.0f) not left of %s (x=%.0f)", s.ID, l.X, s.Opposite, r.X)
		}
	}
	// lateral view: the front of the body is on the left, spinous processes behind
	for _, lv := range []string{"C5", "T6", "L3"} {
		body := center(t, Lateral, "disc:"+lv+"-"+map[string]string{"C5": "C6", "T6": "T7", "L3": "L4"}[lv])
		facet := center(t, Lateral, "facet:"+lv+"-"+map[string]string{"C5": "C6", "T6": "T7", "L3": "L4"}[lv]+":left")
		if body.X >= facet.X {
			t.Errorf("lateral %s: disc (x=%.0f) should be in front of (left of) the facet (x=%.0f)", lv, body.X, facet.X)
		}
	}
	// the L4-L5 disc is the tallest in front view of the lumbar spine
	if b, _ := StructureBounds(Lateral, "disc:L4-L5"); b.Dy() <= func() float64 { r, _ := StructureBounds(Lateral, "disc:T6-T7"); return r.Dy() }() {
		t.Error("lateral: L4-L5 disc should be taller than a thoracic disc")
	}
}

func TestBodiesGrowDownTheColumn(t *testing.T) {
	part := func(v View, id string, pt Part) Rect {
		var r Rect
		for _, s := range Shapes(v) {
			if s.ID == id && s.Part == pt {
				r = r.Union(s.Bounds)
			}
		}
		return r
	}
	var prevW, prevH float64
	for _, lv := range []string{"C4", "T2", "T8", "L1", "L4"} {
		w := part(Posterior, "vertebra:"+lv, PartBack).Dx()
		h := part(Posterior, "vertebra:"+lv, PartBack).Dy()
		if w <= prevW || h <= prevH {
			t.Errorf("vertebra %s body (%.0f wide, %.0f tall) should be larger than the level above (%.0f, %.0f)", lv, w, h, prevW, prevH)
		}
		prevW, prevH = w, h
	}
}

// Nerve roots leave through the foramen, in front of the facet joint: in
// the lateral view the start of each root lies in front of its joint.
func TestNerveRootsInFrontOfFacets(t *testing.T) {
	for _, root := range []string{"C6", "T5", "L4", "L5"} {
		seg := ExitSegment(root)
		n, _ := InteriorPoint(Lateral, "nerve:"+root+":left")
		f := center(t, Lateral, "facet:"+seg+":left")
		if n.X >= f.X {
			t.Errorf("nerve %s (x=%.0f) should leave in front of the %s facet joint (x=%.0f)", root, n.X, seg, f.X)
		}
	}
}

func TestParseView(t *testing.T) {
	for in, want := range map[string]View{"lateral": Lateral, " Posterior ": Posterior} {
		if got, err := ParseView(in); err != nil || got != want {
			t.Errorf("ParseView(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "front", "lat"} {
		if _, err := ParseView(bad); err == nil {
			t.Errorf("ParseView(%q) accepted", bad)
		}
	}
}

func TestPresets(t *testing.T) {
	w, h := ViewSize(Lateral)
	for _, v := range Views() {
		for _, p := range Presets() {
			r := PresetRect(v, p)
			if r.Empty() || r.Min.X < -200 || r.Max.Y > h+200 || r.Max.X > w+200 {
				t.Errorf("%s %s: bad rect %v", v, p, r)
			}
			if PresetName(p) == string(p) {
				t.Errorf("%s has no display name", p)
			}
		}
		neck, low := PresetRect(v, Neck), PresetRect(v, LowBack)
		c5, l4 := center(t, v, "vertebra:C5"), center(t, v, "vertebra:L4")
		if !neck.Contains(c5) || !low.Contains(l4) || neck.Contains(l4) {
			t.Errorf("%s: presets frame the wrong levels", v)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, v := range Views() {
		ls := Labels(v)
		if len(ls) != len(VertebraLevels()) {
			t.Fatalf("%s: %d labels", v, len(ls))
		}
		for i := 1; i < len(ls); i++ {
			if ls[i].At.Y <= ls[i-1].At.Y {
				t.Errorf("%s: label %s not below %s", v, ls[i].Text, ls[i-1].Text)
			}
		}
	}
}

func BenchmarkHitTest(b *testing.B) {
	rng := rand.New(rand.NewSource(2))
	w, h := ViewSize(Lateral)
	pts := make([]Point, 1024)
	for i := range pts {
		pts[i] = Point{rng.Float64() * w, rng.Float64() * h}
	}
	// half the queries land on structures, like a pointer moving over the drawing
	for i := 0; i < len(pts); i += 2 {
		all := DrawnIDs(Lateral)
		pts[i], _ = InteriorPoint(Lateral, all[rng.Intn(len(all))])
	}
	HitTest(Lateral, pts[0])
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		HitTest(Lateral, pts[i&1023])
	}
}
