package handout

import "image/color"

// Color is the finding's colour, the same on the screen's diagram, in its
// legend and on paper, so a patient can match the badge on the printed
// spine to the line that explains it. A finding the model does not know
// (from a newer version's database) is a neutral grey rather than dropped.
func (f Finding) Color() color.NRGBA {
	switch f {
	case Bulge:
		return color.NRGBA{235, 150, 20, 255} // amber
	case Herniation:
		return color.NRGBA{214, 40, 40, 255} // red
	case Irritation:
		return color.NRGBA{216, 62, 150, 255} // magenta
	case Stiffness:
		return color.NRGBA{111, 66, 193, 255} // purple
	case Degeneration:
		return color.NRGBA{128, 96, 64, 255} // brown
	case PainArea:
		return color.NRGBA{255, 100, 20, 255} // orange
	}
	if c, ok := moreColors[f]; ok {
		return c
	}
	return color.NRGBA{110, 110, 110, 255}
}
