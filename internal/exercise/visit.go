package exercise

import (
	"slices"

	"chairside/internal/anatomy"
)

// spineRegions are the exercise regions that serve each region of the
// spine: the neck for the cervical spine, the upper and mid back for the
// thoracic, the low back for the lumbar, the low back and the hip and
// pelvis for the sacrum and coccyx.
var spineRegions = map[anatomy.Region][]Region{
	anatomy.Cervical:  {Neck},
	anatomy.Thoracic:  {UpperBack, MidBack},
	anatomy.Lumbar:    {LowBack},
	anatomy.Sacral:    {LowBack, HipPelvis},
	anatomy.Coccygeal: {LowBack, HipPelvis},
}

// RegionsFor is the exercise regions of a visit, from the IDs of what was
// shown (structures; topics and conditions carry no region and are
// passed over), in listing order: what the editor offers first.
func RegionsFor(ids []string) []Region {
	seen := map[Region]bool{}
	for _, id := range ids {
		st, ok := anatomy.Lookup(id)
		if !ok {
			continue
		}
		for _, r := range spineRegions[st.Region] {
			seen[r] = true
		}
	}
	var out []Region
	for _, r := range Regions {
		if seen[r] {
			out = append(out, r)
		}
	}
	return out
}

// ForVisit is the exercises that serve any of the regions, in listing
// order, each once.
func (l *Library) ForVisit(regions []Region) []Exercise {
	var out []Exercise
	for _, e := range l.list {
		if slices.ContainsFunc(e.Regions, func(r Region) bool { return slices.Contains(regions, r) }) {
			out = append(out, e)
		}
	}
	return out
}
