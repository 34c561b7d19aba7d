package diagram

import (
	"image"
	"image/color"
	"math"

	"chairside/internal/anatomy"
)

// Icon draws the app icon: the lateral spine, bodies, discs and arches from
// the same geometry as the diagram, in ivory on a rounded teal tile.
func Icon(size int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(size, 0), max(size, 0)))
	if size <= 0 {
		return img
	}
	p := &rasterPainter{dst: img} // no labels, nothing worth keeping
	s := float64(size)
	roundRect(p, s*0.03, s*0.03, s*0.97, s*0.97, s*0.2)
	p.Fill(color.NRGBA{14, 110, 112, 255})
	roundRect(p, s*0.06, s*0.06, s*0.94, s*0.94, s*0.17)
	p.Fill(color.NRGBA{28, 138, 136, 255})

	// frame the column from C1 to the coccyx
	var r anatomy.Rect
	for _, sh := range anatomy.Shapes(anatomy.Lateral) {
		if sh.ID != "" && sh.Kind == anatomy.Vertebra {
			r = r.Union(sh.Bounds)
		}
	}
	scale := s * 0.82 / math.Max(r.Dx(), r.Dy())
	t := Transform{Scale: scale, Tx: s/2 - scale*r.Center().X, Ty: s/2 - scale*r.Center().Y, W: s, H: s}
	lw := math.Max(1, s/180)
	bone := color.NRGBA{250, 244, 228, 255}
	boneLine := color.NRGBA{10, 70, 72, 255}
	disc := color.NRGBA{150, 214, 222, 255}
	for _, sh := range anatomy.Shapes(anatomy.Lateral) {
		var fill color.NRGBA
		switch {
		case sh.ID == "":
			continue
		case sh.Part == anatomy.PartBody || sh.Part == anatomy.PartArch:
			fill = bone
		case sh.Part == anatomy.PartDisc:
			fill = disc
		default:
			continue
		}
		path(p, t, sh.Path, true)
		p.Stroke(boneLine, 2*lw)
		path(p, t, sh.Path, true)
		p.Fill(fill)
	}
	return img
}
