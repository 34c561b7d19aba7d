package diagram

import (
	"image/color"

	"chairside/internal/anatomy"
)

// Palette is the diagram's colours: the ground, the labels, one calm colour
// per kind of part with a darker outline, and the session's highlights.
// Light is for paper, PNG files and the light theme; Dark is designed for
// the dark theme, for a dim treatment room. Both give every colour the same
// meaning (bone ivory, disc blue-grey, facet cartilage teal, nerve yellow,
// hover light blue, selected strong blue, discussed green, marks in their
// finding's colour): only the lightness moves, so what a clinician learns
// on one reads the same on the other.
type Palette struct {
	name string

	background color.NRGBA
	label      color.NRGBA // level labels and the orientation words
	labelOnTag color.NRGBA // text on a selected structure's tag
	// the orientation words' background: the ground, a little see-through
	orientationBG color.NRGBA

	hoverFill, hoverLine         color.NRGBA
	discussedFill, discussedLine color.NRGBA
	selectedFill, selectedLine   color.NRGBA
	// a selected structure behind the one drawn: lighter, outlined in dashes
	seenThroughFill color.NRGBA

	styles map[anatomy.Part]style

	// finding is the colours the findings draw in that no part has
	// (findings.go's roles); the rest come from the parts' styles.
	finding findingColors
}

// findingColors are the colours of the findings' own drawing.
type findingColors struct {
	glow         color.NRGBA // the glow around an irritated root
	sac, sacLine color.NRGBA // the pinched nerve sac
	ligament     color.NRGBA // a thickened ligamentum flavum
	wash         color.NRGBA // laid over a finding's own colour (curve lines, angle): none on paper
}

// Name is "light" or "dark".
func (p *Palette) Name() string { return p.name }

// Background is the colour of the picture's ground (an inset on paper is
// laid on it).
func (p *Palette) Background() color.NRGBA { return p.background }

type style struct {
	fill, line, sheen color.NRGBA
	lineWidth         float64 // factor of the base outline width; 0 = no outline
	fillOnly          bool
	strokeOnly        bool
}

// style is the look of a kind of part; an unknown part is drawn as bone.
func (p *Palette) style(part anatomy.Part) style {
	if st, ok := p.styles[part]; ok {
		return st
	}
	return p.styles[anatomy.PartBody]
}

// Light is the diagram on a light page: the screen in the light theme,
// PNG files and the printed handout.
var Light = &Palette{
	name:          "light",
	background:    color.NRGBA{246, 244, 239, 255},
	label:         color.NRGBA{66, 58, 48, 255},
	labelOnTag:    color.NRGBA{246, 244, 239, 230},
	orientationBG: color.NRGBA{246, 244, 239, 215},

	hoverFill:       color.NRGBA{70, 150, 255, 80},
	hoverLine:       color.NRGBA{30, 110, 225, 210},
	discussedFill:   color.NRGBA{120, 200, 40, 115},
	discussedLine:   color.NRGBA{62, 128, 18, 230},
	selectedFill:    color.NRGBA{25, 105, 235, 135},
	selectedLine:    color.NRGBA{8, 62, 170, 255},
	seenThroughFill: color.NRGBA{25, 105, 235, 60},

	finding: findingColors{
		glow:     color.NRGBA{230, 40, 40, 90},
		sac:      color.NRGBA{196, 196, 232, 215},
		sacLine:  color.NRGBA{96, 96, 150, 255},
		ligament: color.NRGBA{222, 198, 118, 255},
	},

	styles: map[anatomy.Part]style{
		anatomy.PartBody:      {fill: color.NRGBA{237, 226, 200, 255}, line: color.NRGBA{120, 98, 70, 255}, sheen: color.NRGBA{253, 249, 238, 150}, lineWidth: 1},
		anatomy.PartArch:      {fill: color.NRGBA{233, 221, 193, 255}, line: color.NRGBA{120, 98, 70, 255}, sheen: color.NRGBA{252, 247, 232, 140}, lineWidth: 1},
		anatomy.PartProcess:   {fill: color.NRGBA{226, 212, 182, 255}, line: color.NRGBA{120, 98, 70, 255}, sheen: color.NRGBA{248, 240, 222, 140}, lineWidth: 0.8},
		anatomy.PartBack:      {fill: color.NRGBA{214, 199, 170, 255}, line: color.NRGBA{130, 108, 80, 255}, sheen: color.NRGBA{232, 221, 198, 120}, lineWidth: 0.8},
		anatomy.PartRib:       {fill: color.NRGBA{229, 219, 196, 255}, line: color.NRGBA{160, 140, 112, 255}, sheen: color.NRGBA{245, 238, 222, 130}, lineWidth: 0.8},
		anatomy.PartDisc:      {fill: color.NRGBA{142, 166, 192, 255}, line: color.NRGBA{70, 92, 120, 255}, sheen: color.NRGBA{190, 207, 226, 140}, lineWidth: 1},
		anatomy.PartNucleus:   {fill: color.NRGBA{188, 206, 226, 255}, fillOnly: true},
		anatomy.PartCartilage: {fill: color.NRGBA{52, 164, 152, 255}, line: color.NRGBA{18, 96, 90, 255}, sheen: color.NRGBA{140, 214, 204, 150}, lineWidth: 1},
		anatomy.PartJoint:     {fill: color.NRGBA{150, 190, 180, 255}, line: color.NRGBA{90, 130, 122, 255}, lineWidth: 0.8},
		anatomy.PartNerve:     {fill: color.NRGBA{244, 197, 58, 255}, line: color.NRGBA{150, 108, 12, 255}, sheen: color.NRGBA{255, 232, 150, 170}, lineWidth: 1},
		anatomy.PartGanglion:  {fill: color.NRGBA{240, 188, 48, 255}, line: color.NRGBA{150, 108, 12, 255}, sheen: color.NRGBA{255, 228, 140, 170}, lineWidth: 1},
		anatomy.PartShadow:    {fill: color.NRGBA{110, 88, 64, 55}, fillOnly: true},
		anatomy.PartHole:      {fill: color.NRGBA{117, 98, 76, 255}, line: color.NRGBA{80, 62, 44, 255}, lineWidth: 0.6},
		// the hip bones lie behind everything, on the page: opaque tones mixed
		// with the background draw fast and print without transparency
		anatomy.PartPelvis:     {fill: color.NRGBA{238, 230, 214, 255}, line: color.NRGBA{206, 196, 178, 255}, lineWidth: 0.7},
		anatomy.PartContour:    {line: color.NRGBA{150, 140, 128, 120}, lineWidth: 1, strokeOnly: true},
		anatomy.PartDiscLine:   {line: color.NRGBA{84, 106, 136, 120}, lineWidth: 0.7, strokeOnly: true},
		anatomy.PartLineDetail: {line: color.NRGBA{150, 126, 94, 190}, lineWidth: 0.8, strokeOnly: true},
	},
}

// Dark is the diagram for the dark theme. The ground is a deep slate a
// shade darker than the app's dark background, so the picture reads as its
// own panel. Bone stays ivory but dimmer than on paper (full-strength ivory
// on black glares in a dim room); disc, nerve and cartilage keep their hues
// at a lightness that stands out from the ground and from bone. Outlines
// stay darker than their fills, so neighbouring parts keep their edges.
// Highlights are lighter tints of the same blue and green, which a dark
// outline would lose on the dark ground; the labels are light.
var Dark = &Palette{
	name:          "dark",
	background:    color.NRGBA{24, 27, 31, 255},
	label:         color.NRGBA{222, 216, 204, 255},
	labelOnTag:    color.NRGBA{16, 20, 28, 240},
	orientationBG: color.NRGBA{24, 27, 31, 215},

	hoverFill:       color.NRGBA{110, 175, 255, 90},
	hoverLine:       color.NRGBA{125, 185, 255, 230},
	discussedFill:   color.NRGBA{140, 215, 70, 120},
	discussedLine:   color.NRGBA{150, 225, 90, 240},
	selectedFill:    color.NRGBA{70, 145, 255, 150},
	selectedLine:    color.NRGBA{140, 195, 255, 255},
	seenThroughFill: color.NRGBA{70, 145, 255, 70},

	finding: findingColors{
		glow:     color.NRGBA{255, 70, 70, 110},
		sac:      color.NRGBA{120, 120, 170, 200},
		sacLine:  color.NRGBA{170, 170, 220, 255},
		ligament: color.NRGBA{178, 160, 92, 255},
		wash:     color.NRGBA{255, 255, 255, 90}, // lighter, to read on the dark ground
	},

	styles: map[anatomy.Part]style{
		anatomy.PartBody:      {fill: color.NRGBA{206, 194, 166, 255}, line: color.NRGBA{92, 76, 56, 255}, sheen: color.NRGBA{226, 217, 196, 140}, lineWidth: 1},
		anatomy.PartArch:      {fill: color.NRGBA{200, 187, 158, 255}, line: color.NRGBA{92, 76, 56, 255}, sheen: color.NRGBA{222, 212, 190, 130}, lineWidth: 1},
		anatomy.PartProcess:   {fill: color.NRGBA{190, 176, 146, 255}, line: color.NRGBA{92, 76, 56, 255}, sheen: color.NRGBA{214, 203, 180, 130}, lineWidth: 0.8},
		anatomy.PartBack:      {fill: color.NRGBA{168, 153, 124, 255}, line: color.NRGBA{86, 70, 50, 255}, sheen: color.NRGBA{190, 177, 152, 110}, lineWidth: 0.8},
		anatomy.PartRib:       {fill: color.NRGBA{146, 136, 116, 255}, line: color.NRGBA{96, 86, 70, 255}, sheen: color.NRGBA{168, 158, 138, 120}, lineWidth: 0.8},
		anatomy.PartDisc:      {fill: color.NRGBA{112, 146, 184, 255}, line: color.NRGBA{46, 66, 92, 255}, sheen: color.NRGBA{150, 180, 212, 130}, lineWidth: 1},
		anatomy.PartNucleus:   {fill: color.NRGBA{160, 186, 216, 255}, fillOnly: true},
		anatomy.PartCartilage: {fill: color.NRGBA{46, 170, 158, 255}, line: color.NRGBA{14, 80, 74, 255}, sheen: color.NRGBA{120, 206, 196, 140}, lineWidth: 1},
		anatomy.PartJoint:     {fill: color.NRGBA{110, 160, 150, 255}, line: color.NRGBA{56, 96, 88, 255}, lineWidth: 0.8},
		anatomy.PartNerve:     {fill: color.NRGBA{240, 192, 56, 255}, line: color.NRGBA{120, 84, 8, 255}, sheen: color.NRGBA{255, 226, 140, 160}, lineWidth: 1},
		anatomy.PartGanglion:  {fill: color.NRGBA{234, 182, 44, 255}, line: color.NRGBA{120, 84, 8, 255}, sheen: color.NRGBA{255, 222, 130, 160}, lineWidth: 1},
		anatomy.PartShadow:    {fill: color.NRGBA{0, 0, 0, 80}, fillOnly: true},
		anatomy.PartHole:      {fill: color.NRGBA{64, 54, 42, 255}, line: color.NRGBA{40, 32, 24, 255}, lineWidth: 0.6},
		// behind everything, as on paper: opaque tones mixed with the ground
		anatomy.PartPelvis:     {fill: color.NRGBA{62, 60, 56, 255}, line: color.NRGBA{92, 88, 80, 255}, lineWidth: 0.7},
		anatomy.PartContour:    {line: color.NRGBA{150, 142, 130, 120}, lineWidth: 1, strokeOnly: true},
		anatomy.PartDiscLine:   {line: color.NRGBA{150, 178, 210, 120}, lineWidth: 0.7, strokeOnly: true},
		anatomy.PartLineDetail: {line: color.NRGBA{120, 100, 74, 200}, lineWidth: 0.8, strokeOnly: true},
	},
}

// palette is the scene's palette: Light unless it asks for another.
func (sc Scene) palette() *Palette {
	if sc.Palette != nil {
		return sc.Palette
	}
	return Light
}

// colLabel is the label colour on paper, for the printed legend
// (DrawLegend).
var colLabel = Light.label
