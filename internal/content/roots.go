package content

import (
	"slices"

	"chairside/internal/anatomy"
)

// DiscRoot is the nerve root that a bulge of the disc of a motion segment
// usually presses on. In the neck (and the mid back) it is the root that
// leaves at that level, just beside the disc: C5-C6 → C6, C6-C7 → C7. A
// low back disc usually bulges back and to one side, under the root that
// crosses it on its way down to leave one level lower: L4-L5 → L5, L5-S → S1.
func DiscRoot(seg string) string { return levels.discRoot[seg] }

// exitingRoot is the nerve root that leaves through the opening of a
// motion segment ("C5-C6" → C6, "L4-L5" → L4).
func exitingRoot(seg string) string { return levels.exiting[seg] }

// levels holds the root ↔ disc facts, worked out once from internal/anatomy.
var levels = func() (lv struct{ exiting, discRoot, pressedBy map[string]string }) {
	lv.exiting, lv.discRoot, lv.pressedBy = map[string]string{}, map[string]string{}, map[string]string{}
	for _, r := range anatomy.RootLevels() {
		if seg := anatomy.ExitSegment(r); seg != "" {
			lv.exiting[seg] = r
		}
	}
	for _, seg := range anatomy.SegmentLevels() {
		root := lv.exiting[seg]
		if anatomy.LevelRegion(seg) == anatomy.Lumbar {
			root = nextRoot(root)
		}
		lv.discRoot[seg] = root
		// Which disc usually presses on a root is well known in the neck
		// and the low back; mid back disc trouble is rare and varied.
		if r := anatomy.LevelRegion(seg); r == anatomy.Cervical || r == anatomy.Lumbar {
			lv.pressedBy[root] = anatomy.SegmentLabel(seg)
		}
	}
	return lv
}()

func nextRoot(root string) string {
	roots := anatomy.RootLevels()
	if i := slices.Index(roots, root); i >= 0 && i+1 < len(roots) {
		return roots[i+1]
	}
	return ""
}
