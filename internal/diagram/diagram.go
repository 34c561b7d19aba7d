// Package diagram draws a view of the spine: the anatomy's shapes in calm
// per-kind colours, level labels, and on top the session's highlights and
// the patient's marked problem areas. A Renderer runs one drawing routine
// for every output: through its anti-aliased raster painter for the screen
// and PNG files (Render, Image), and through the PDF writer's Painter for
// paper (Draw), so screen and handout always agree. The renderer owns the
// caches that keep the screen quick. No Fyne here.
package diagram

import (
	"image/color"
	"math"
	"sort"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// Camera frames the view. Zoom 1 fits the whole view in the box; larger
// values zoom in around Center (model units). The zero value fits the whole
// view; a zero Center means the middle of the view.
type Camera struct {
	Zoom   float64
	Center anatomy.Point
}

// Mark is a problem area the clinician marked on the patient's diagram.
type Mark struct {
	Structure string // structure ID
	Finding   string // a handout.Finding: "bulge", "herniation", …; its colour and label are the model's
	Number    int    // badge number; 0 means its position in the list, from 1
	// At is where on the structure it was tapped: the badge points there in
	// the view it was tapped in, and sits on the structure in the other.
	// The zero Spot (marks without a tap) puts the badge beside the
	// structure's top right corner, where marks always went before.
	At anatomy.Spot
	// Detail is what the finding says beyond its name (a herniation's
	// side, a slip's grade): findings.go draws it.
	Detail handout.Detail
}

// Scene is everything that decides what a diagram looks like.
type Scene struct {
	View      anatomy.View
	Camera    Camera
	Hover     string   // structure under the pointer: light highlight
	Selected  string   // strong highlight
	Discussed []string // structures discussed or on the handout: soft tint
	Marks     []Mark   // drawn in the finding's colour, with their number
	TextScale float64  // label size factor; 0 means 1 (presentation mode uses about 1.5)
	Lang      string   // language of the words drawn ("Patient's left"); "" is English
	// Palette is the colours: nil means Light (paper, PNG files, the light
	// theme); the screen passes Dark in the dark theme.
	Palette *Palette
	// Inset is a small picture beside another (the printed handout's view
	// from above): the view from above leaves its title and caption to
	// the page around it.
	Inset bool
}

// Transform maps between model space and the pixels of a w x h box.
type Transform struct {
	Scale  float64 // pixels per model unit
	Tx, Ty float64
	W, H   float64
}

// Fit is the transform that draws sc's camera into a w x h box.
func Fit(sc Scene, w, h float64) Transform {
	vw, vh := anatomy.ViewSize(sc.View)
	zoom := sc.Camera.Zoom
	if !(zoom > 0) || math.IsInf(zoom, 0) {
		zoom = 1
	}
	c := sc.Camera.Center
	if c == (anatomy.Point{}) || c.X != c.X || c.Y != c.Y {
		c = anatomy.Point{X: vw / 2, Y: vh / 2}
	}
	s := math.Min(w/vw, h/vh) * zoom
	if !(s > 0) {
		s = 1e-9
	}
	return Transform{Scale: s, Tx: w/2 - s*c.X, Ty: h/2 - s*c.Y, W: w, H: h}
}

// ToModel turns a pixel position into model space.
func (t Transform) ToModel(x, y float64) anatomy.Point {
	return anatomy.Point{X: (x - t.Tx) / t.Scale, Y: (y - t.Ty) / t.Scale}
}

// ToPixel turns a model position into pixels.
func (t Transform) ToPixel(p anatomy.Point) (x, y float64) {
	return p.X*t.Scale + t.Tx, p.Y*t.Scale + t.Ty
}

// CameraFor frames rect r (model units) in a w x h box, as large as fits.
func CameraFor(v anatomy.View, r anatomy.Rect, w, h float64) Camera {
	vw, vh := anatomy.ViewSize(v)
	if r.Empty() || w <= 0 || h <= 0 {
		return Camera{Zoom: 1}
	}
	fit := math.Min(w/vw, h/vh)
	s := math.Min(w/r.Dx(), h/r.Dy())
	return Camera{Zoom: s / fit, Center: r.Center()}
}

// PresetCamera frames a zoom preset in a w x h box; Whole frames the
// drawing itself, which fills a tall box better than the whole view.
func PresetCamera(v anatomy.View, p anatomy.Preset, w, h float64) Camera {
	return CameraFor(v, anatomy.PresetRect(v, p), w, h)
}

// LegendEntry is one line of the marks legend: the numbered badge, what was
// marked and the finding, in the finding's colour.
type LegendEntry struct {
	Number        int
	Structure     string
	StructureName string
	Finding       string
	FindingLabel  string
	Color         color.NRGBA
}

// Text is the legend line as printed: "1  L4–L5 disc: Disc bulge".
func (e LegendEntry) Text() string {
	return e.StructureName + ": " + e.FindingLabel
}

// Legend lists the marks in number order, so the screen and the printed
// handout show the same legend.
func Legend(marks []Mark) []LegendEntry {
	out := make([]LegendEntry, 0, len(marks))
	for i, m := range marks {
		out = append(out, LegendEntry{
			Number: markNumber(m, i), Structure: m.Structure, StructureName: anatomy.Name(m.Structure),
			Finding: m.Finding, FindingLabel: handout.Finding(m.Finding).Label(), Color: handout.Finding(m.Finding).Color(),
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

func markNumber(m Mark, i int) int {
	if m.Number > 0 {
		return m.Number
	}
	return i + 1
}

// DrawLegend draws the legend as a column of badges and lines of text with
// its top left at (x, y); size is the text size. It returns the height used.
func DrawLegend(p Painter, marks []Mark, x, y, size float64) float64 {
	line := size * 1.7
	for i, e := range Legend(marks) {
		cy := y + line*float64(i) + line/2
		badge(p, x+size*0.8, cy, size*0.8, e.Color, e.Number, size*0.85)
		p.Text(x+size*2.1, cy+size*0.36, size, colLabel, AlignLeft, e.Text())
	}
	return line * float64(len(marks))
}
