package diagram

import (
	"image"
	"image/draw"
	"os"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// TestAxialLook writes a contact sheet of the view from above for a
// person to look at: AXLOOK=dir, AXSEGS=comma list of levels, each
// optionally with a mark (L4-L5/disc:L4-L5=herniation:left), AXDARK=1.
func TestAxialLook(t *testing.T) {
	dir := os.Getenv("AXLOOK")
	if dir == "" {
		t.Skip("set AXLOOK to a folder to write the contact sheet")
	}
	segs := strings.Split(os.Getenv("AXSEGS"), ",")
	sheet := image.NewRGBA(image.Rect(0, 0, 1000, 500*((len(segs)+1)/2)))
	for i, one := range segs {
		seg, mark, _ := strings.Cut(one, "/")
		sc := Scene{View: anatomy.AxialView(seg)}
		if mark != "" {
			id, f, _ := strings.Cut(mark, "=")
			f, opt, _ := strings.Cut(f, ":")
			m := Mark{Structure: id, Finding: f}
			switch opt {
			case "left", "right":
				m.Detail.Side = anatomy.Side(opt)
			case "farleft":
				m.Detail = handout.Detail{Side: anatomy.Left, Far: true}
			case "2":
				m.Detail.Grade = 2
			}
			sc.Marks = []Mark{m}
		}
		if os.Getenv("AXDARK") != "" {
			sc.Palette = Dark
		}
		img := NewRenderer().Image(sc, 500, 500)
		draw.Draw(sheet, img.Bounds().Add(image.Pt(500*(i%2), 500*(i/2))), img, image.Point{}, draw.Src)
	}
	writePNG(t, dir+"/sheet.png", sheet)
}
