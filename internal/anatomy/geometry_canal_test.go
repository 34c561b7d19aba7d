package anatomy

import (
	"math"
	"strings"
	"testing"
)

var newIDs = []string{"cord:spinal", "cord:cauda-equina", "sacroiliac:left", "sacroiliac:right",
	"joint:C0-C1:left", "joint:C0-C1:right", "joint:C1-C2:left", "joint:C1-C2:right"}

func TestCordAndJointStructures(t *testing.T) {
	cases := []struct {
		id, name, above, below, opposite string
		kind                             Kind
		region                           Region
	}{
		{"cord:spinal", "spinal cord", "", "cord:cauda-equina", "", Cord, Cervical},
		{"cord:cauda-equina", "cauda equina (nerve roots below the cord)", "cord:spinal", "", "", Cord, Lumbar},
		{"sacroiliac:left", "left sacroiliac (SI) joint", "", "", "sacroiliac:right", Joint, Sacral},
		{"sacroiliac:right", "right sacroiliac (SI) joint", "", "", "sacroiliac:left", Joint, Sacral},
		{"joint:C0-C1:left", "left C0–C1 joint (skull and atlas)", "", "joint:C1-C2:left", "joint:C0-C1:right", Joint, Cervical},
		{"joint:C1-C2:right", "right C1–C2 joint (atlas and axis)", "joint:C0-C1:right", "", "joint:C1-C2:left", Joint, Cervical},
	}
	for _, c := range cases {
		s, ok := Lookup(c.id)
		if !ok {
			t.Fatalf("%s missing", c.id)
		}
		if s.Name != c.name || s.Above != c.above || s.Below != c.below || s.Opposite != c.opposite || s.Kind != c.kind || s.Region != c.region {
			t.Errorf("%s: got %+v", c.id, s)
		}
		if Name(c.id) != c.name {
			t.Errorf("Name(%s) = %q", c.id, Name(c.id))
		}
	}
	counts := map[Kind]int{}
	for _, s := range All() {
		counts[s.Kind]++
	}
	if counts[Cord] != 2 || counts[Joint] != 6 {
		t.Errorf("cord and joint counts: %v", counts)
	}
	// the cord runs through C1 to L1, the cauda equina from L2 into the sacrum
	cord, _ := Lookup("cord:spinal")
	if cord.Vertebrae[0] != "vertebra:C1" || cord.Vertebrae[len(cord.Vertebrae)-1] != "vertebra:L1" {
		t.Errorf("cord vertebrae %v", cord.Vertebrae)
	}
	cauda, _ := Lookup("cord:cauda-equina")
	if cauda.Vertebrae[0] != "vertebra:L2" || cauda.Vertebrae[len(cauda.Vertebrae)-1] != "vertebra:S" {
		t.Errorf("cauda equina vertebrae %v", cauda.Vertebrae)
	}
}

func TestParseSuggestsTheNewStructures(t *testing.T) {
	for typed, want := range map[string]string{
		"cord:spinel":       "cord:spinal",
		"cord:cauda-equine": "cord:cauda-equina",
		"sacroilliac:left":  "sacroiliac:left",
		"joint:C1-C2:rigt":  "joint:C1-C2:right",
		"joint:C0-C1:lef":   "joint:C0-C1:left",
	} {
		_, err := Parse(typed)
		if err == nil || !strings.Contains(err.Error(), "did you mean "+want) {
			t.Errorf("Parse(%q) = %v, want a suggestion of %s", typed, err, want)
		}
	}
	for _, id := range newIDs {
		if s, err := Parse(strings.ToUpper(id)); err != nil || s.ID != id {
			t.Errorf("Parse(%q) = %v, %v", strings.ToUpper(id), s.ID, err)
		}
	}
	if _, err := Parse("nothing-like-it-at-all-xyzzy"); err == nil || !strings.Contains(err.Error(), "cord:spinal") {
		t.Errorf("the error for an unknown ID should show the new kinds of ID: %v", err)
	}
}

// Every new structure is drawn and hit by a point inside it in the views
// where it is seen: the cord and both joints of a pair from behind, the
// cord and the left joints from the side (the right ones lie behind them).
func TestNewStructuresDrawnAndHit(t *testing.T) {
	for _, id := range newIDs {
		s, _ := Lookup(id)
		for _, v := range Views() {
			want := v == Posterior || s.Side != Right
			if Drawn(v, id) != want {
				t.Errorf("%s: drawn in %s = %v, want %v", id, v, Drawn(v, id), want)
				continue
			}
			if !want {
				continue
			}
			p, ok := InteriorPoint(v, id)
			if !ok {
				t.Errorf("%s %s: no interior point", v, id)
				continue
			}
			if got, _ := HitTest(v, p); got != id {
				t.Errorf("%s %s: HitTest(%v) = %q", v, id, p, got)
			}
		}
	}
}

// partBounds is the area of the shapes of a part, of one structure or level.
func partBounds(v View, id, level string, part Part) Rect {
	var r Rect
	for _, s := range Shapes(v) {
		if s.ID == id && s.Part == part && (level == "" || s.Level == level) {
			r = r.Union(s.Bounds)
		}
	}
	return r
}

// The cord ends around the L1-L2 disc (ANATOMY.md): its tip lies below
// the middle of L1's body and above the middle of L2's; the cauda equina
// goes on from there into the sacrum.
func TestCordEndsAtL1L2(t *testing.T) {
	bodyPart := map[View]Part{Lateral: PartBody, Posterior: PartBack}
	for _, v := range Views() {
		cord, ok := StructureBounds(v, "cord:spinal")
		if !ok {
			t.Fatalf("%s: no cord", v)
		}
		l1 := partBounds(v, "vertebra:L1", "", bodyPart[v]).Center().Y
		l2 := partBounds(v, "vertebra:L2", "", bodyPart[v]).Center().Y
		if !(cord.Max.Y > l1 && cord.Max.Y < l2) {
			t.Errorf("%s: the cord ends at y=%.0f, not between the middles of L1 (%.0f) and L2 (%.0f)", v, cord.Max.Y, l1, l2)
		}
		disc, _ := StructureBounds(v, "disc:L1-L2")
		if math.Abs(cord.Max.Y-disc.Center().Y) > disc.Dy() {
			t.Errorf("%s: the cord ends at y=%.0f, more than a disc's height from the L1-L2 disc (%.0f)", v, cord.Max.Y, disc.Center().Y)
		}
		cauda, _ := StructureBounds(v, "cord:cauda-equina")
		sacrum, _ := StructureBounds(v, "vertebra:S")
		if !(cauda.Min.Y < cord.Max.Y && cauda.Max.Y > sacrum.Min.Y) {
			t.Errorf("%s: the cauda equina (%.0f to %.0f) should run from the cord's tip (%.0f) into the sacrum (from %.0f)", v, cauda.Min.Y, cauda.Max.Y, cord.Max.Y, sacrum.Min.Y)
		}
	}
}

// shapesOf lists the shapes of one part, of a structure or of a level.
func shapesOf(v View, id, level string, part Part) []Shape {
	var out []Shape
	for _, s := range Shapes(v) {
		if s.ID == id && s.Part == part && (level == "" || s.Level == level) {
			out = append(out, s)
		}
	}
	return out
}

func insideAny(shapes []Shape, p Point) bool {
	for _, s := range shapes {
		if winding(s.polys, p) != 0 {
			return true
		}
	}
	return false
}

// The S1-S4 roots start at their holes in the sacrum, in both views, and
// their drawing starts there (not somewhere beside it).
func TestSacralRootsStartAtTheSacralHoles(t *testing.T) {
	for _, v := range Views() {
		for _, root := range []string{"S1", "S2", "S3", "S4"} {
			id := "nerve:" + root + ":left"
			start, ok := geom(v).rootStart[id]
			if !ok {
				t.Fatalf("%s %s: no start", v, id)
			}
			holes := shapesOf(v, "", root, PartHole)
			if len(holes) == 0 {
				t.Fatalf("%s: no hole drawn for %s", v, root)
			}
			if !insideAny(holes, start) {
				t.Errorf("%s %s starts at %v, outside its hole in the sacrum", v, id, start)
			}
			if !insideAny(shapesOf(v, id, "", PartNerve), start) {
				t.Errorf("%s %s: its start %v is not on the root's drawing", v, id, start)
			}
		}
	}
}

// The other roots leave the sac: each starts inside it.
func TestRootsLeaveTheSac(t *testing.T) {
	for _, v := range Views() {
		sac := shapesOf(v, "", "", PartSac)
		for _, root := range RootLevels() {
			if root == "C1" || root == "C2" || LevelRegion(root) == Sacral || root == "Co1" {
				continue // they leave beside C1 and C2, or from the sacrum
			}
			id := "nerve:" + root + ":left"
			start := geom(v).rootStart[id]
			if !insideAny(sac, start) {
				t.Errorf("%s %s starts at %v, outside the sac", v, id, start)
			}
		}
	}
}

// Roots run near horizontal in the neck and more steeply lower down: seen
// from behind, the line from a root's start to its end falls by a smaller
// angle in the neck than in the chest, and in the chest than in the low back.
func TestRootsSteeperLowerDown(t *testing.T) {
	slope := func(v View, root string) float64 {
		id := "nerve:" + root + ":left"
		start := geom(v).rootStart[id]
		var tip Point
		far := -1.0
		for _, s := range shapesOf(v, id, "", PartNerve) {
			for _, poly := range s.polys {
				for _, q := range poly {
					if d := q.sub(start).len(); d > far {
						far, tip = d, q
					}
				}
			}
		}
		d := tip.sub(start)
		return math.Atan2(d.Y, math.Abs(d.X)) / deg
	}
	mean := func(roots ...string) float64 {
		sum := 0.0
		for _, r := range roots {
			sum += slope(Posterior, r)
		}
		return sum / float64(len(roots))
	}
	neck, chest, low := mean("C4", "C5", "C6", "C7"), mean("T3", "T6", "T9"), mean("L2", "L3", "L4", "L5")
	if !(neck < 35 && neck < chest && chest < low && low > 55) {
		t.Errorf("roots should fall more steeply lower down: neck %.0f°, chest %.0f°, low back %.0f°", neck, chest, low)
	}
	// in the side view a neck root runs forwards more than it falls
	if s := slope(Lateral, "C5"); s > 45 {
		t.Errorf("side view: the C5 root falls at %.0f°, want near horizontal", s)
	}
}

// The base of the skull is decoration: a tap on it finds nothing, not the
// cord hidden behind it.
func TestSkullHidesTheCordFromTaps(t *testing.T) {
	for _, v := range Views() {
		skull := shapesOf(v, "", "C0", PartSkull)
		if len(skull) == 0 {
			t.Fatalf("%s: no base of the skull", v)
		}
		for _, s := range skull {
			b := s.Bounds
			for i := 1; i < 12; i++ {
				for j := 1; j < 12; j++ {
					q := Point{b.Min.X + b.Dx()*float64(i)/12, b.Min.Y + b.Dy()*float64(j)/12}
					if winding(s.polys, q) == 0 {
						continue
					}
					if id, ok := HitTest(v, q); ok && Kind(strings.SplitN(id, ":", 2)[0]) == Cord {
						t.Fatalf("%s: a tap on the skull at %v hit %s", v, q, id)
					}
				}
			}
		}
	}
}
