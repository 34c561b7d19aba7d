package diagram

import (
	"image/color"

	"chairside/internal/anatomy"
)

// The looks of the canal, the skull and their parts (issue 13's anatomy),
// kept in a file of their own beside palette.go. The cord and the cauda
// equina are nerve tissue, so they take the nerve's yellow, paler for the
// cord and warmer for the bundle of roots; the sac around them is a
// lavender grey that no other part uses; the cut-open sacral canal is a
// shade of bone darker than bone; the base of the skull is faint, like the
// pelvis: it places the neck, it is not for clicking. The joints of the
// upper neck and the sacroiliac joints are drawn as cartilage, like the
// facet joints. Dark keeps each hue at the lightness of its neighbours.
func init() {
	for part, st := range map[anatomy.Part]style{
		anatomy.PartSac:    {fill: color.NRGBA{218, 212, 230, 255}, line: color.NRGBA{128, 116, 156, 255}, lineWidth: 0.8},
		anatomy.PartCord:   {fill: color.NRGBA{250, 228, 160, 255}, line: color.NRGBA{160, 118, 30, 255}, sheen: color.NRGBA{255, 244, 210, 170}, lineWidth: 1},
		anatomy.PartCauda:  {fill: color.NRGBA{246, 214, 118, 255}, line: color.NRGBA{160, 118, 30, 255}, lineWidth: 0.8},
		anatomy.PartStrand: {line: color.NRGBA{168, 124, 24, 200}, lineWidth: 0.7, strokeOnly: true},
		anatomy.PartCanal:  {fill: color.NRGBA{196, 178, 146, 255}, line: color.NRGBA{120, 98, 70, 255}, lineWidth: 0.7},
		anatomy.PartSkull:  {fill: color.NRGBA{236, 228, 210, 255}, line: color.NRGBA{176, 162, 136, 255}, lineWidth: 0.8},
	} {
		Light.styles[part] = st
	}
	for part, st := range map[anatomy.Part]style{
		anatomy.PartSac:    {fill: color.NRGBA{96, 90, 116, 255}, line: color.NRGBA{50, 44, 68, 255}, lineWidth: 0.8},
		anatomy.PartCord:   {fill: color.NRGBA{236, 212, 140, 255}, line: color.NRGBA{120, 84, 8, 255}, sheen: color.NRGBA{250, 232, 180, 150}, lineWidth: 1},
		anatomy.PartCauda:  {fill: color.NRGBA{226, 190, 86, 255}, line: color.NRGBA{120, 84, 8, 255}, lineWidth: 0.8},
		anatomy.PartStrand: {line: color.NRGBA{120, 84, 8, 210}, lineWidth: 0.7, strokeOnly: true},
		anatomy.PartCanal:  {fill: color.NRGBA{136, 122, 98, 255}, line: color.NRGBA{70, 56, 40, 255}, lineWidth: 0.7},
		anatomy.PartSkull:  {fill: color.NRGBA{74, 72, 66, 255}, line: color.NRGBA{110, 104, 94, 255}, lineWidth: 0.8},
	} {
		Dark.styles[part] = st
	}
}
