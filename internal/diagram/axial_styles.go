package diagram

import (
	"image/color"

	"chairside/internal/anatomy"
)

// The looks of the parts only the view from above shows, beside
// palette.go as canal_styles.go is. The ligamentum flavum is a soft
// yellow, as ligament looks; the artery a muted red; the cord's grey
// matter a warm grey inside its yellow; the canal's space around the sac
// (fat) a pale cream a shade off the ground; the area of the cauda
// equina's roots the sac's own colour, so only the roots' dots show on it
// until it is highlighted. Dark keeps each hue at its neighbours' lightness.
func init() {
	for part, st := range map[anatomy.Part]style{
		anatomy.PartLigament:  {fill: color.NRGBA{236, 214, 140, 255}, line: color.NRGBA{160, 132, 60, 255}, lineWidth: 0.8},
		anatomy.PartVessel:    {fill: color.NRGBA{205, 92, 84, 255}, line: color.NRGBA{130, 44, 40, 255}, lineWidth: 0.8},
		anatomy.PartGrey:      {fill: color.NRGBA{196, 170, 120, 255}, fillOnly: true},
		anatomy.PartFat:       {fill: color.NRGBA{250, 240, 214, 255}, line: color.NRGBA{196, 180, 150, 255}, lineWidth: 0.6},
		anatomy.PartCaudaArea: {fill: color.NRGBA{218, 212, 230, 255}, fillOnly: true},
	} {
		Light.styles[part] = st
	}
	for part, st := range map[anatomy.Part]style{
		anatomy.PartLigament:  {fill: color.NRGBA{178, 160, 92, 255}, line: color.NRGBA{92, 80, 40, 255}, lineWidth: 0.8},
		anatomy.PartVessel:    {fill: color.NRGBA{196, 86, 80, 255}, line: color.NRGBA{96, 32, 30, 255}, lineWidth: 0.8},
		anatomy.PartGrey:      {fill: color.NRGBA{170, 144, 96, 255}, fillOnly: true},
		anatomy.PartFat:       {fill: color.NRGBA{40, 38, 34, 255}, line: color.NRGBA{70, 64, 54, 255}, lineWidth: 0.6},
		anatomy.PartCaudaArea: {fill: color.NRGBA{96, 90, 116, 255}, fillOnly: true},
	} {
		Dark.styles[part] = st
	}
}
