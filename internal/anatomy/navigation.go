package anatomy

import "slices"

// Anatomical navigation (the next level up or down, the other side, across
// from a joint to the root beside it) and the tables of which nerve root
// leaves at, or is pressed on by, each motion segment. They are defined
// once here: the app's arrow keys, the content library's level facts and
// the tests all read them, so the diagram and the texts cannot disagree.

// Up is the structure of the same kind one level up (the L3 vertebra from
// L4, the L3-L4 disc from L4-L5), or "" at the top.
func Up(id string) string {
	s, _ := Lookup(id)
	return s.Above
}

// Down is the structure of the same kind one level down, or "" at the bottom.
func Down(id string) string {
	s, _ := Lookup(id)
	return s.Below
}

// OtherSide is the same structure on the patient's other side (the right
// L5 root for the left one), or "" for an unpaired structure.
func OtherSide(id string) string {
	s, _ := Lookup(id)
	return s.Opposite
}

// Toward is where a step toward the patient's left or right goes from a
// structure, or "" when there is nowhere to go. A paired structure on the
// other side crosses to its twin; one already on that side moves between
// the facet joint and the nerve root that leaves beside it. An unpaired
// structure (vertebra, disc) moves to the facet joint on that side of its
// motion segment, or to the nerve root where a level has no facet joint
// (the atlas, the sacrum, the coccyx).
func Toward(id string, side Side) string {
	s, ok := Lookup(id)
	if !ok || side == NoSide {
		return ""
	}
	if s.Side != NoSide && s.Side != side {
		return s.Opposite
	}
	var candidates []string
	switch s.Kind {
	case Vertebra:
		if below, ok := Lookup(s.Below); ok {
			candidates = append(candidates, "facet:"+s.Level+"-"+below.Level+":"+string(side))
		}
		root := s.Level
		switch root {
		case "S":
			root = "S1"
		case "Co":
			root = "Co1"
		}
		candidates = append(candidates, "nerve:"+root+":"+string(side))
	case Disc:
		candidates = append(candidates, "facet:"+s.Level+":"+string(side))
	case Facet:
		if root := ExitingRoot(s.Level); root != "" {
			candidates = append(candidates, "nerve:"+root+":"+string(side))
		}
	case Nerve:
		if seg := ExitSegment(s.Level); seg != "" {
			candidates = append(candidates, "facet:"+seg+":"+string(side))
		}
	}
	for _, c := range candidates {
		if _, ok := Lookup(c); ok {
			return c
		}
	}
	return ""
}

// ExitingRoot is the nerve root that leaves through the opening (foramen)
// of a motion segment: "C5-C6" → "C6", "L4-L5" → "L4"; "" for a level
// that is not a motion segment with a disc.
func ExitingRoot(seg string) string { return roots.exiting[seg] }

// DiscRoot is the nerve root that a bulge of the disc of a motion segment
// usually presses on. In the neck (and the mid back) it is the root that
// leaves at that level, just beside the disc: C5-C6 → C6, C6-C7 → C7. A
// low back disc usually bulges back and to one side, under the root that
// crosses it on its way down to leave one level lower: L4-L5 → L5,
// L5-S → S1.
func DiscRoot(seg string) string { return roots.disc[seg] }

// DiscPressingOn is the motion segment whose disc usually presses on a
// root ("L5" → "L4-L5", "C6" → "C5-C6"), or "": it is well known in the
// neck and the low back only, as mid-back disc trouble is rare and varied.
func DiscPressingOn(root string) string { return roots.pressedBy[root] }

// roots holds the tables, worked out once from the levels above.
var roots = func() (t struct{ exiting, disc, pressedBy map[string]string }) {
	t.exiting, t.disc, t.pressedBy = map[string]string{}, map[string]string{}, map[string]string{}
	for _, r := range rootLevels {
		if seg := ExitSegment(r); seg != "" {
			t.exiting[seg] = r
		}
	}
	for _, seg := range SegmentLevels() {
		root := t.exiting[seg]
		region := LevelRegion(seg)
		if region == Lumbar {
			if i := slices.Index(rootLevels, root); i >= 0 && i+1 < len(rootLevels) {
				root = rootLevels[i+1]
			}
		}
		t.disc[seg] = root
		if region == Cervical || region == Lumbar {
			t.pressedBy[root] = seg
		}
	}
	return t
}()
