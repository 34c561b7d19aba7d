package handout

import "image/color"

// Color is the finding's colour, the same on the screen's diagram, in its
// legend and on paper, so a patient can match the badge on the printed
// spine to the line that explains it. A finding the model does not know
// (from a newer version's database) is a neutral grey rather than dropped.
//
// The twelve colours are chosen so that any two stay apart (CIEDE2000 of
// at least 10) for readers with normal colour vision and as seen with
// deuteranopia or protanopia, the common red-green colour blindness
// (TestFindingColorsUnderColorBlindness): they differ in lightness and on
// the blue-yellow axis, not in red against green alone.
func (f Finding) Color() color.NRGBA {
	switch f {
	case Bulge:
		return color.NRGBA{233, 136, 15, 255} // amber
	case Herniation:
		return color.NRGBA{152, 60, 12, 255} // brick red
	case Irritation:
		return color.NRGBA{222, 133, 162, 255} // pink
	case Stiffness:
		return color.NRGBA{88, 19, 242, 255} // violet
	case Degeneration:
		return color.NRGBA{144, 117, 108, 255} // greyish brown
	case PainArea:
		return color.NRGBA{208, 145, 119, 255} // terracotta
	}
	if c, ok := moreColors[f]; ok {
		return c
	}
	return color.NRGBA{110, 110, 110, 255}
}
