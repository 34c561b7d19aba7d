package anatomy

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// axialWant is what the view from above of seg must show: the disc, both
// facet joints, the two vertebrae, the root leaving at the level on each
// side, in the low back the root crossing the disc, and the cord or the
// cauda equina (both at L1-L2, where the cord ends).
func axialWant(seg string) []string {
	upper, lower, _ := strings.Cut(seg, "-")
	want := []string{"disc:" + seg, "facet:" + seg + ":left", "facet:" + seg + ":right", "vertebra:" + upper, "vertebra:" + lower}
	for _, sd := range []string{"left", "right"} {
		want = append(want, "nerve:"+ExitingRoot(seg)+":"+sd)
		if LevelRegion(upper) == Lumbar {
			want = append(want, "nerve:"+DiscRoot(seg)+":"+sd)
		}
	}
	return want
}

func TestAxialShowsEachLevelsStructures(t *testing.T) {
	if len(SegmentLevels()) != 23 {
		t.Fatalf("%d segments", len(SegmentLevels()))
	}
	for _, seg := range SegmentLevels() {
		v := AxialView(seg)
		got := DrawnIDs(v)
		for _, id := range axialWant(seg) {
			if !slices.Contains(got, id) {
				t.Errorf("%s: %s not drawn", seg, id)
			}
		}
		for _, id := range got {
			st, _ := Lookup(id)
			if st.Kind == Cord {
				continue
			}
			if !slices.Contains(axialWant(seg), id) {
				t.Errorf("%s: %s drawn, but it does not belong to the level", seg, id)
			}
		}
	}
}

// Every structure in the view is hit by a point inside it, and a tap
// outside the drawing finds nothing.
func TestAxialEveryStructureHitInside(t *testing.T) {
	for _, seg := range SegmentLevels() {
		v := AxialView(seg)
		for _, id := range DrawnIDs(v) {
			p, ok := InteriorPoint(v, id)
			if !ok {
				t.Errorf("%s %s: no interior point", seg, id)
				continue
			}
			if got, _ := HitTest(v, p); got != id {
				t.Errorf("%s %s: HitTest(%v) = %q", seg, id, p, got)
			}
		}
		if id, ok := HitTest(v, Point{5, 5}); ok {
			t.Errorf("%s: the corner hits %s", seg, id)
		}
		if w, h := ViewSize(v); w != 1000 || h != 1000 {
			t.Errorf("%s: size %v x %v", seg, w, h)
		}
	}
}

// The patient's left is on the left of the picture (seen from above, front
// at the top), and the front (the disc) is above the back (the spinous
// process).
func TestAxialLeftIsLeft(t *testing.T) {
	for _, seg := range SegmentLevels() {
		v := AxialView(seg)
		upper, _, _ := strings.Cut(seg, "-")
		for _, id := range []string{"facet:" + seg, "nerve:" + ExitingRoot(seg)} {
			l, _ := InteriorPoint(v, id+":left")
			r, _ := InteriorPoint(v, id+":right")
			if !(l.X < 480 && r.X > 520) {
				t.Errorf("%s %s: left at x=%.0f, right at x=%.0f", seg, id, l.X, r.X)
			}
		}
		disc, _ := StructureBounds(v, "disc:"+seg)
		arch, _ := StructureBounds(v, "vertebra:"+upper)
		if !(disc.Center().Y < arch.Center().Y) || math.Abs(disc.Center().X-500) > 1 {
			t.Errorf("%s: disc centre %v, upper arch centre %v", seg, disc.Center(), arch.Center())
		}
	}
}

// The cord fills the canal down to the L1-L2 disc, where it ends among the
// first roots of the cauda equina; below it, only the cauda equina.
func TestAxialCordOrCaudaByLevel(t *testing.T) {
	below := false
	for _, seg := range SegmentLevels() {
		v := AxialView(seg)
		cord, cauda := Drawn(v, "cord:spinal"), Drawn(v, "cord:cauda-equina")
		switch {
		case seg == "L1-L2":
			if !cord || !cauda {
				t.Errorf("%s: cord %v, cauda equina %v; want both (the cord ends here)", seg, cord, cauda)
			}
			below = true
		case below:
			if cord || !cauda {
				t.Errorf("%s: cord %v, cauda equina %v; want the cauda equina only", seg, cord, cauda)
			}
		default:
			if !cord || cauda {
				t.Errorf("%s: cord %v, cauda equina %v; want the cord only", seg, cord, cauda)
			}
		}
	}
}

// The roots sit where navigation.go's tables say: the root leaving at the
// level lies out beside the canal, past the facet joint's inner end; in
// the low back the crossing root (L5 at L4-L5) lies inside the canal, in
// the lateral recess in front of the joint, nearer the middle than the
// leaving root.
func TestAxialRootsMatchTheTables(t *testing.T) {
	for _, seg := range SegmentLevels() {
		v := AxialView(seg)
		for _, sd := range []string{"left", "right"} {
			facet, _ := InteriorPoint(v, "facet:"+seg+":"+sd)
			exit, _ := StructureBounds(v, "nerve:"+ExitingRoot(seg)+":"+sd)
			out := math.Max(math.Abs(exit.Min.X-500), math.Abs(exit.Max.X-500))
			if out <= math.Abs(facet.X-500) {
				t.Errorf("%s %s: the leaving root %s reaches %.0f from the middle, the joint lies at %.0f", seg, sd, ExitingRoot(seg), out, math.Abs(facet.X-500))
			}
			if LevelRegion(seg) != Lumbar {
				continue
			}
			cross, _ := InteriorPoint(v, "nerve:"+DiscRoot(seg)+":"+sd)
			exitC, _ := InteriorPoint(v, "nerve:"+ExitingRoot(seg)+":"+sd)
			if !(math.Abs(cross.X-500) < math.Abs(exitC.X-500)) || !(cross.Y < facet.Y) {
				t.Errorf("%s %s: crossing root %s at %v, leaving root at %v, joint at %v", seg, sd, DiscRoot(seg), cross, exitC, facet)
			}
		}
	}
	if !Drawn(AxialView("L4-L5"), "nerve:L5:left") || !Drawn(AxialView("L4-L5"), "nerve:L4:left") || Drawn(AxialView("L4-L5"), "nerve:L3:left") {
		t.Error("L4-L5 must show the L4 (leaving) and L5 (crossing) roots only")
	}
	if !Drawn(AxialView("C5-C6"), "nerve:C6:right") || Drawn(AxialView("C5-C6"), "nerve:C7:right") {
		t.Error("C5-C6 must show the C6 root only")
	}
}

func TestParseAxialViewAndLevel(t *testing.T) {
	for in, want := range map[string]string{"L4-L5": "L4-L5", " l4-l5 ": "L4-L5", "L5-S1": "L5-S", "L5-S": "L5-S", "C5–C6": "C5-C6", "disc:T6-T7": "T6-T7"} {
		if got, err := ParseAxialLevel(in); err != nil || got != want {
			t.Errorf("ParseAxialLevel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "L6-L7", "L4", "C1-C2", "L4-L6", "axial"} {
		if _, err := ParseAxialLevel(bad); err == nil || !strings.Contains(err.Error(), "C2-C3 down to L5-S1") {
			t.Errorf("ParseAxialLevel(%q): %v", bad, err)
		}
	}
	if v, err := ParseView("Axial:l5-s1"); err != nil || v != AxialView("L5-S") {
		t.Errorf("ParseView = %q, %v", v, err)
	}
	for _, bad := range []string{"axial", "axial:", "axial:L6-L7", "axial:C1-C2"} {
		if _, err := ParseView(bad); err == nil {
			t.Errorf("ParseView(%q) accepted", bad)
		}
	}
	if seg, ok := AxialView("L4-L5").AxialLevel(); !ok || seg != "L4-L5" || Lateral.IsAxial() || View("axial:L9-L10").IsAxial() {
		t.Error("AxialLevel")
	}
}

// A mark tapped on the view from above keeps its level and its side.
func TestAxialSpot(t *testing.T) {
	v := AxialView("L4-L5")
	p, _ := InteriorPoint(v, "disc:L4-L5")
	p.X -= 60 // toward the patient's left
	sp, ok := SpotAt(v, "disc:L4-L5", p)
	if !ok || !sp.Valid() || sp.Side() != Left {
		t.Fatalf("spot %+v ok %v side %q", sp, ok, sp.Side())
	}
	back, err := ParseSpot(sp.String())
	if err != nil || back != sp {
		t.Errorf("ParseSpot(%q) = %+v, %v", sp.String(), back, err)
	}
	if q, ok := sp.MarkPoint(v, "disc:L4-L5"); !ok || math.Hypot(q.X-p.X, q.Y-p.Y) > 1e-6 {
		t.Errorf("MarkPoint %v, tapped %v", q, p)
	}
	// in the other views the mark sits on the same disc
	if _, ok := sp.MarkPoint(Lateral, "disc:L4-L5"); !ok {
		t.Error("no place in the side view")
	}
	if (Spot{View: "axial:l4-l5", X: 0.5, Y: 0.5}).Valid() {
		t.Error("a view name not in its own spelling is not a stored view")
	}
}

func TestAxialLevelOf(t *testing.T) {
	for id, want := range map[string]string{
		"disc:L4-L5": "L4-L5", "facet:C5-C6:left": "C5-C6", "nerve:L4:right": "L4-L5", "nerve:C6:left": "C5-C6",
		"nerve:S1:left": "L5-S", "vertebra:L4": "L4-L5", "vertebra:L5": "L5-S", "nerve:C2:left": "", "vertebra:C1": "",
		"cord:spinal": "", "nerve:Co1:left": "", "nope": "",
	} {
		if got := AxialLevelOf(id); got != want {
			t.Errorf("AxialLevelOf(%s) = %q, want %q", id, got, want)
		}
	}
}

// The vertebral artery is drawn beside the neck's discs, where it runs up
// through the holes of C6 to C1, and nowhere else (not at C7-T1, where it
// lies in front of C7); the rib heads meet the discs from T1-T2 to
// T9-T10.
func TestAxialArteryAndRibsByLevel(t *testing.T) {
	count := func(seg string, part Part) int {
		n := 0
		for _, s := range Shapes(AxialView(seg)) {
			if s.Part == part {
				n++
			}
		}
		return n
	}
	for _, seg := range SegmentLevels() {
		upper, _, _ := strings.Cut(seg, "-")
		wantArtery := LevelRegion(upper) == Cervical && upper != "C7"
		if got := count(seg, PartVessel) == 2; got != wantArtery {
			t.Errorf("%s: arteries drawn %v, want %v", seg, got, wantArtery)
		}
	}
	for seg, want := range map[string]int{"T1-T2": 2, "T9-T10": 2, "T10-T11": 0, "C5-C6": 0, "L4-L5": 0} {
		if got := count(seg, PartRib); got != want {
			t.Errorf("%s: %d rib heads, want %d", seg, got, want)
		}
	}
}

// Only the last few levels looked at are kept built; a level built again
// is the very same drawing, so what other packages keep about its shapes
// (their indexes) stays true.
func TestAxialLevelsKeptAreFew(t *testing.T) {
	first := Shapes(AxialView("L4-L5"))
	for _, seg := range []string{"C3-C4", "C4-C5", "T2-T3", "T3-T4", "T4-T5", "L1-L2"} {
		Shapes(AxialView(seg))
	}
	axialGeoms.mu.Lock()
	kept := len(axialGeoms.kept)
	axialGeoms.mu.Unlock()
	if kept > axialKept {
		t.Errorf("%d levels kept, want at most %d", kept, axialKept)
	}
	again := Shapes(AxialView("L4-L5"))
	if len(again) != len(first) {
		t.Fatalf("L4-L5 built again has %d shapes, was %d", len(again), len(first))
	}
	for i := range first {
		if again[i].ID != first[i].ID || again[i].Part != first[i].Part || again[i].Bounds != first[i].Bounds {
			t.Fatalf("shape %d differs: %+v, was %+v", i, again[i].Bounds, first[i].Bounds)
		}
	}
}
