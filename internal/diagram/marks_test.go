package diagram

import (
	"image"
	"image/color"
	"math"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// badgePixels is the box of the pixels painted in a mark's badge colour
// (the finding's colour, darkened as badges are), and how many there are.
func badgePixels(img *image.RGBA, finding string) (image.Rectangle, int) {
	c := darker(handout.Finding(finding).Color(), 0.85)
	var box image.Rectangle
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if absDiff(p.R, c.R) <= 2 && absDiff(p.G, c.G) <= 2 && absDiff(p.B, c.B) <= 2 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return box, n
}

// tapLeftOf is a model point on the left part of id, seen from behind,
// where the hit test gives id: the place a clinician taps.
func tapLeftOf(t *testing.T, id string) anatomy.Point {
	t.Helper()
	b, _ := anatomy.StructureBounds(anatomy.Posterior, id)
	for fx := 0.35; fx > 0.05; fx -= 0.02 {
		for fy := 0.5; fy > 0.1; fy -= 0.05 {
			p := anatomy.Point{X: b.Min.X + fx*b.Dx(), Y: b.Min.Y + fy*b.Dy()}
			if hit, _ := anatomy.HitTest(anatomy.Posterior, p); hit == id {
				return p
			}
		}
	}
	t.Fatalf("no place on the left of %s", id)
	return anatomy.Point{}
}

// Issue 10, item 2: a disc bulge tapped on the left of the L4-L5 disc
// from behind was drawn beside the right L4 root, and a pain area tapped on
// the left of the sacrum at the sacrum's far right edge. The badge now
// points at the tapped place: on the patient's left, which the view from
// behind shows on the left of the picture.
func TestMarkDrawnWhereTapped(t *testing.T) {
	for _, c := range []struct{ id, finding string }{
		{"disc:L4-L5", "bulge"},
		{"vertebra:S", "pain"},
	} {
		t.Run(c.id, func(t *testing.T) {
			tap := tapLeftOf(t, c.id)
			spot, ok := anatomy.SpotAt(anatomy.Posterior, c.id, tap)
			if !ok {
				t.Fatal("no spot")
			}
			sc := Scene{View: anatomy.Posterior, Camera: PresetCamera(anatomy.Posterior, anatomy.LowBack, 400, 600),
				Marks: []Mark{{Structure: c.id, Finding: c.finding, At: spot}}}
			box, n := badgePixels(NewRenderer().Image(sc, 400, 600), c.finding)
			if n == 0 {
				t.Fatal("no badge drawn")
			}
			tr := Fit(sc, 400, 600)
			tx, ty := tr.ToPixel(tap)
			b, _ := anatomy.StructureBounds(anatomy.Posterior, c.id)
			mx, _ := tr.ToPixel(b.Center())
			// the pin points at the tap from just above it
			if !(float64(box.Min.X) < tx && tx < float64(box.Max.X)) {
				t.Errorf("badge spans x %d..%d, the tap is at x %.1f", box.Min.X, box.Max.X, tx)
			}
			// (the point's last pixels are anti-aliased, not badge-coloured)
			if d := ty - float64(box.Max.Y); d < -1.5 || d > 4 {
				t.Errorf("the pin ends at y %d, the tap is at y %.1f", box.Max.Y, ty)
			}
			if cx := float64(box.Min.X+box.Max.X) / 2; !(cx < mx) {
				t.Errorf("badge centred at x %.1f, right of the middle of the %s (x %.1f): not on the patient's left", cx, c.id, mx)
			}
			// A mark made without a tap pins to its drawn finding (a bulge
			// straight back, issue 13), or, for a finding that draws
			// nothing, keeps its old place by the top right corner.
			sc.Marks[0].At = anatomy.Spot{}
			old, _ := badgePixels(NewRenderer().Image(sc, 400, 600), c.finding)
			rx, _ := tr.ToPixel(b.Max)
			if q, drawn := NewRenderer().findingAnchor(sc.View, sc.Marks[0]); drawn {
				rx, _ = tr.ToPixel(q)
			}
			if cx := float64(old.Min.X+old.Max.X) / 2; math.Abs(cx-rx) > 12*1.3 {
				t.Errorf("a mark without a spot is centred at x %.1f, not by the right edge (x %.1f)", cx, rx)
			}
		})
	}
}

// Zoom and pan keep a mark on its place: the spot is the structure's own.
func TestMarkStaysOnItsPlaceWhenZoomed(t *testing.T) {
	tap := tapLeftOf(t, "disc:L4-L5")
	spot, _ := anatomy.SpotAt(anatomy.Posterior, "disc:L4-L5", tap)
	for _, cam := range []Camera{
		PresetCamera(anatomy.Posterior, anatomy.LowBack, 400, 600),
		{Zoom: 6, Center: anatomy.Point{X: tap.X + 30, Y: tap.Y + 40}},
		{Zoom: 2.5, Center: anatomy.Point{X: 450, Y: 1700}},
	} {
		sc := Scene{View: anatomy.Posterior, Camera: cam, Marks: []Mark{{Structure: "disc:L4-L5", Finding: "bulge", At: spot}}}
		box, n := badgePixels(NewRenderer().Image(sc, 400, 600), "bulge")
		tx, ty := Fit(sc, 400, 600).ToPixel(tap)
		if n == 0 || !(float64(box.Min.X) < tx && tx < float64(box.Max.X)) || math.Abs(float64(box.Max.Y)-ty) > 4 {
			t.Errorf("camera %+v: badge %v (%d pixels), tap at %.1f,%.1f", cam, box, n, tx, ty)
		}
	}
}

// Badges are at least 24 pixels across on screen (they were 14).
func TestMarkBadgeSize(t *testing.T) {
	sc := Scene{View: anatomy.Lateral, Camera: PresetCamera(anatomy.Lateral, anatomy.LowBack, 400, 600),
		Marks: []Mark{{Structure: "vertebra:L2", Finding: "stiffness"}}}
	box, _ := badgePixels(NewRenderer().Image(sc, 400, 600), "stiffness")
	if box.Dx() < 23 || box.Dy() < 23 {
		t.Errorf("badge is %dx%d pixels, want at least 24 across", box.Dx(), box.Dy())
	}
}

// placedText is a Text call with its anchor.
type placedText struct {
	x, y, size float64
	align      Align
	s          string
}

type textRecorder struct {
	recorder
	placed []placedText
}

func (r *textRecorder) Text(x, y, size float64, c color.NRGBA, a Align, s string) {
	r.placed = append(r.placed, placedText{x, y, size, a, s})
}

// Which way the patient faces is written on every picture: the patient's
// left and right from behind, front and back from the side, in the bottom
// corners, even in a panel as narrow as the printed handout's.
func TestOrientationWords(t *testing.T) {
	for _, c := range []struct {
		v           anatomy.View
		left, right string
	}{
		{anatomy.Posterior, "Patient's left", "Patient's right"},
		{anatomy.Lateral, "Front", "Back"},
	} {
		for _, box := range [][2]float64{{400, 600}, {138, 290}, {1600, 1000}} {
			var rec textRecorder
			w, h := box[0], box[1]
			NewRenderer().Draw(&rec, Scene{View: c.v, TextScale: 0.62}, w, h)
			found := map[string]placedText{}
			for _, p := range rec.placed {
				found[p.s] = p
			}
			l, okL := found[c.left]
			r, okR := found[c.right]
			if !okL || !okR {
				t.Errorf("%s %vx%v: texts %v lack %q or %q", c.v, w, h, rec.placed, c.left, c.right)
				continue
			}
			// left-aligned on the left, right-aligned on the right, at the bottom
			if !(l.x < w*0.1 && r.x > w*0.9 && l.y > h*0.9 && r.y > h*0.9 && l.y < h && r.y < h) {
				t.Errorf("%s %vx%v: %q at %.1f,%.1f and %q at %.1f,%.1f", c.v, w, h, c.left, l.x, l.y, c.right, r.x, r.y)
			}
			// both fit side by side (the estimate the painter's text is placed by)
			if lw, rw := 0.62*l.size*float64(len([]rune(c.left))), 0.62*r.size*float64(len([]rune(c.right))); l.x+lw > r.x-rw {
				t.Errorf("%s %vx%v: the two words overlap", c.v, w, h)
			}
		}
	}
}

// A right nerve root selected while the side view is on show was an
// invisible highlight (the side view draws the left side). It is drawn
// where it lies, behind its left twin, in lighter blue with a dashed
// outline, and labelled as the right side.
func TestRightSideSeenThroughFromTheSide(t *testing.T) {
	sc := Scene{View: anatomy.Lateral, Camera: PresetCamera(anatomy.Lateral, anatomy.LowBack, 400, 600)}
	plain := NewRenderer().Image(sc, 400, 600)
	sc.Selected = "nerve:L5:right"
	through := NewRenderer().Image(sc, 400, 600)
	sc.Selected = "nerve:L5:left"
	left := NewRenderer().Image(sc, 400, 600)
	p, _ := anatomy.InteriorPoint(anatomy.Lateral, "nerve:L5:left")
	x, y := Fit(sc, 400, 600).ToPixel(p)
	pp, pt, pl := plain.RGBAAt(int(x), int(y)), through.RGBAAt(int(x), int(y)), left.RGBAAt(int(x), int(y))
	if pt == pp {
		t.Fatalf("selecting the right L5 root does not change the side view at the root (%v)", pt)
	}
	if pt == pl {
		t.Errorf("the right root looks the same as the left one selected (%v)", pt)
	}
	if !(pt.B > pp.B) {
		t.Errorf("the right root seen through is not tinted blue: %v over %v", pt, pp)
	}
	var rec textRecorder
	sc.Selected = "nerve:L5:right"
	NewRenderer().Draw(&rec, sc, 400, 600)
	label := false
	for _, p := range rec.placed {
		if p.s == "right side" {
			label = true
		}
	}
	if !label {
		t.Errorf("no \"right side\" label; texts %v", rec.placed)
	}
	// From behind, the right root is drawn itself, with no such label.
	var back textRecorder
	NewRenderer().Draw(&back, Scene{View: anatomy.Posterior, Selected: "nerve:L5:right"}, 400, 600)
	for _, p := range back.placed {
		if p.s == "right side" {
			t.Error("the view from behind labels the right root as seen through")
		}
	}
}
