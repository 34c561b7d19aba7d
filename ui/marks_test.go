package ui

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
)

// badgeBox is the box of the diagram's pixels in a finding's badge colour
// (the finding's colour darkened, as the diagram draws badges).
func badgeBox(img *image.RGBA, f handout.Finding) (image.Rectangle, int) {
	fc := f.Color()
	c := color.NRGBA{uint8(float64(fc.R) * 0.85), uint8(float64(fc.G) * 0.85), uint8(float64(fc.B) * 0.85), 255}
	near := func(a, b uint8) bool { return a+2 >= b && b+2 >= a }
	var box image.Rectangle
	n := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if near(p.R, c.R) && near(p.G, c.G) && near(p.B, c.B) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return box, n
}

// leftPartOf is a widget position on the left part of id as the spine
// shows it from behind: left of the middle of its box, where a tap gives id.
func leftPartOf(t *testing.T, s *Spine, id string) (fyne.Position, anatomy.Point) {
	t.Helper()
	b, ok := anatomy.StructureBounds(s.View(), id)
	if !ok {
		t.Fatalf("%s is not drawn in the %s view", id, s.View())
	}
	for fx := 0.35; fx > 0.05; fx -= 0.02 {
		for fy := 0.5; fy > 0.1; fy -= 0.05 {
			p := anatomy.Point{X: b.Min.X + fx*b.Dx(), Y: b.Min.Y + fy*b.Dy()}
			pos := s.toWidget(p)
			// the tap lands on a whole unit; check what is really there
			if got, q := s.structureAt(pos); got == id && q.X < b.Center().X {
				return pos, q
			}
		}
	}
	t.Fatalf("no place on the left part of %s", id)
	return fyne.Position{}, anatomy.Point{}
}

// Issue 10, item 2: a disc bulge marked on the left of the L4-L5 disc in
// the back view was drawn beside the right L4 root, and a tap on the left
// of the sacrum put the mark at its far right edge. The mark now sits
// where it was tapped, on screen, and stays there when the picture zooms.
func TestMarkSitsWhereItWasTapped(t *testing.T) {
	for _, c := range []struct {
		id      string
		finding handout.Finding
		legend  string
	}{
		{"disc:L4-L5", handout.Bulge, "1. L4–L5 disc, left side: Disc bulge"},
		{"vertebra:S", handout.PainArea, "1. Sacrum, left side: Pain area"},
	} {
		t.Run(c.id, func(t *testing.T) {
			a, db, _, _ := newDeskApp(t)
			e := openEditorFor(t, a, addPatient(t, db, "Ann Lee"))
			typeShortcut(a, shortcutMarkMode)
			e.finding.SetSelectedIndex(slices.Index(handout.Findings, c.finding))
			a.SetView(anatomy.Posterior)
			a.spine.ShowPreset(anatomy.LowBack)
			a.win.Canvas().Capture()
			pos, tap := leftPartOf(t, a.spine, c.id)
			test.TapAt(a.spine, pos)
			marks := a.handouts.Marks()
			if len(marks) != 1 || marks[0].Structure != c.id || marks[0].At.View != anatomy.Posterior || marks[0].At.Side() != anatomy.Left {
				t.Fatalf("marks after the tap: %+v", marks)
			}
			var legend []string
			for _, o := range walk(e.marksBox) {
				if l, ok := o.(*widget.Label); ok {
					legend = append(legend, l.Text)
				}
			}
			if len(legend) != 1 || legend[0] != c.legend {
				t.Errorf("legend %q, want %q", legend, c.legend)
			}
			b, _ := anatomy.StructureBounds(anatomy.Posterior, c.id)
			for _, zoom := range []float64{1, 1.8} {
				a.spine.ZoomBy(zoom)
				a.win.Canvas().Capture()
				img := a.spine.img
				tr := diagram.Fit(a.spine.scene(), float64(img.Rect.Dx()), float64(img.Rect.Dy()))
				box, n := badgeBox(img, c.finding)
				tx, ty := tr.ToPixel(tap)
				mid, _ := tr.ToPixel(b.Center())
				if n == 0 {
					t.Fatalf("zoom x%v: no badge on the diagram", zoom)
				}
				if !(float64(box.Min.X) < tx && tx < float64(box.Max.X)) || ty-float64(box.Max.Y) > 4 || ty < float64(box.Max.Y)-2 {
					t.Errorf("zoom x%v: badge %v, the tap was at %.1f,%.1f", zoom, box, tx, ty)
				}
				if cx := float64(box.Min.X+box.Max.X) / 2; !(cx < mid) {
					t.Errorf("zoom x%v: badge centred at x %.1f, right of the middle (x %.1f): not on the patient's left", zoom, cx, mid)
				}
			}
		})
	}
}

// Marking the same structure with the same finding again moves the mark
// to the new place; marking from the keyboard keeps the badge beside it.
func TestMarkTappedAgainMoves(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	e := openEditorFor(t, a, addPatient(t, db, "Ann Lee"))
	typeShortcut(a, shortcutMarkMode)
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Bulge))
	a.SetView(anatomy.Posterior)
	a.spine.ShowPreset(anatomy.LowBack)
	a.win.Canvas().Capture()
	pos, _ := leftPartOf(t, a.spine, "disc:L4-L5")
	test.TapAt(a.spine, pos)
	first := a.handouts.Marks()[0].At
	test.TapAt(a.spine, pointOn(t, a.spine, "disc:L4-L5"))
	got := a.handouts.Marks()
	if len(got) != 1 || got[0].At == first || got[0].At.IsZero() {
		t.Errorf("after a second tap: %+v (first place %+v)", got, first)
	}
	// Without a tap (the keyboard's "mark the highlighted part"), no place.
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Stiffness))
	e.addMark("vertebra:L4")
	if m := a.handouts.Marks(); len(m) != 2 || !m[1].At.IsZero() {
		t.Errorf("a mark without a tap: %+v", m)
	}
}

// The finding's detail list is as wide as the finding list above it, so
// its longest choice is not cut off; a curve's angle entry takes room
// beside it only when shown. (In a two-column grid the list got half the
// row even with the angle hidden.)
func TestMarkDetailListTakesTheRowsWidth(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	pt := addPatient(t, db, "Leo Marsh")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, pt)
	a.Window().Resize(fyne.NewSize(1600, 1000))
	e.finding.SetSelected(findingLabel(handout.Bulge))
	if e.findingOpt.Disabled() {
		t.Fatal("a bulge offers no details")
	}
	if w, full := e.findingOpt.Size().Width, e.finding.Size().Width; w < full-1 {
		t.Errorf("the detail list is %.0f wide, the finding list %.0f", w, full)
	}
	e.finding.SetSelected(findingLabel(handout.Scoliosis))
	if !e.curveAngle.Visible() || e.curveAngle.Size().Width <= 0 {
		t.Errorf("the angle entry for a curve is not shown (visible %v, width %.0f)", e.curveAngle.Visible(), e.curveAngle.Size().Width)
	}
}
