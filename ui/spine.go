package ui

import (
	"fyne.io/fyne/v2"

	"chairside/internal/anatomy"
)

// step is where an arrow key moves from structure id, or "" when there is
// nowhere to go. Up and Down follow the same kind one level up or down.
// Left and Right are the patient's left and right (as in the posterior
// view, which looks at the patient's back): a paired structure crosses to
// its twin, and pressing towards the side it is already on moves between
// the facet joint and the nerve root that leaves beside it. An unpaired
// structure (vertebra, disc) moves to the facet joint on that side of its
// motion segment, or the nerve root where a level has no facet joint.
func step(id string, key fyne.KeyName) string {
	s, ok := anatomy.Lookup(id)
	if !ok {
		return ""
	}
	switch key {
	case fyne.KeyUp:
		return s.Above
	case fyne.KeyDown:
		return s.Below
	case fyne.KeyLeft:
		return sideways(s, anatomy.Left)
	case fyne.KeyRight:
		return sideways(s, anatomy.Right)
	}
	return ""
}

func sideways(s anatomy.Structure, side anatomy.Side) string {
	if s.Side != anatomy.NoSide && s.Side != side {
		return s.Opposite
	}
	var candidates []string
	switch s.Kind {
	case anatomy.Vertebra:
		// The joints between this vertebra and the one below, else the root
		// that leaves at this level (atlas, sacrum, coccyx).
		if s.Below != "" {
			below, _ := anatomy.Lookup(s.Below)
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
	case anatomy.Disc:
		candidates = append(candidates, "facet:"+s.Level+":"+string(side))
	case anatomy.Facet:
		if root := rootLeavingAt(s.Level); root != "" {
			candidates = append(candidates, "nerve:"+root+":"+string(side))
		}
	case anatomy.Nerve:
		if seg := anatomy.ExitSegment(s.Level); seg != "" {
			candidates = append(candidates, "facet:"+seg+":"+string(side))
		}
	}
	for _, c := range candidates {
		if _, ok := anatomy.Lookup(c); ok {
			return c
		}
	}
	return ""
}

// rootLeavingAt is the nerve root that leaves through the foramen of a
// motion segment ("L4-L5" → "L4"), or "".
func rootLeavingAt(seg string) string {
	for _, r := range anatomy.RootLevels() {
		if anatomy.ExitSegment(r) == seg {
			return r
		}
	}
	return ""
}
