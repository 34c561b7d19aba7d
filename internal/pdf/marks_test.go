package pdf

import (
	"strings"
	"testing"

	"chairside/internal/handout"
	"chairside/internal/i18n"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// leftOfDisc is the spot of a tap on the left part of the L4-L5 disc seen
// from behind (the visible band between the arches).
func leftOfDisc(t *testing.T) anatomy.Spot {
	t.Helper()
	s := anatomy.Spot{View: anatomy.Posterior, X: 0.33, Y: 0.5}
	p, ok := s.MarkPoint(anatomy.Posterior, "disc:L4-L5")
	if hit, _ := anatomy.HitTest(anatomy.Posterior, p); !ok || hit != "disc:L4-L5" {
		t.Fatalf("%+v is not on the disc from behind", s)
	}
	return s
}

// recordedText is where a recorded diagram writes s (its anchor), or false.
func recordedText(rec *recording, s string) (x, y float64, ok bool) {
	pi := 0
	for _, cmd := range rec.cmds {
		switch cmd {
		case 'F', 'S':
			pi++
		case 'T':
			p := rec.paints[pi]
			pi++
			if p.text == s {
				return p.x, p.y, true
			}
		}
	}
	return 0, 0, false
}

// Issue 10, item 2, on paper: a bulge marked on the left of the L4-L5 disc
// from behind was printed beside the right L4 root. The printed diagram
// now shows the view from behind (where the mark was tapped) and the
// badge's number sits over the left half of the disc.
func TestPrintedMarkOnTheLeftOfTheDisc(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	h := handout.Handout{Items: []handout.Item{{Ref: "disc:L4-L5", Title: "L4–L5 disc"}},
		Marks: []handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Bulge, At: leftOfDisc(t)}}}
	f := newSpineFigure(&flow{fonts: fonts, width: 400}, h, i18n.For("en"), 0)
	if f == nil {
		t.Fatal("no figure")
	}
	back := -1
	for i, v := range f.views {
		if v == anatomy.Posterior {
			back = i
		}
	}
	if back < 0 {
		t.Fatalf("views %v: the view from behind, where the mark was tapped, is not printed", f.views)
	}
	ids := []string{"disc:L4-L5", "disc:L4-L5"}
	cam := diagram.CameraFor(anatomy.Posterior, frame(anatomy.Posterior, ids, f.panelW/f.panelH), f.panelW, f.panelH)
	tr := diagram.Fit(diagram.Scene{View: anatomy.Posterior, Camera: cam}, f.panelW, f.panelH)
	b, _ := anatomy.StructureBounds(anatomy.Posterior, "disc:L4-L5")
	left, _ := tr.ToPixel(b.Min)
	mid, _ := tr.ToPixel(b.Center())
	x, _, ok := recordedText(f.recs[back], "1")
	if !ok {
		t.Fatal("the badge's number is not drawn from behind")
	}
	if !(x > left && x < mid) {
		t.Errorf("the badge is at x %.1f pt; the disc's left half spans %.1f..%.1f", x, left, mid)
	}
	// From the side it sits on the disc or the bulge drawn on it (a spot
	// from behind has no side there).
	side, _, ok := recordedText(f.recs[0], "1")
	sb, _ := anatomy.StructureBounds(anatomy.Lateral, "disc:L4-L5")
	bulge, _ := diagram.FindingOutline(anatomy.Lateral, diagram.Mark{Structure: "disc:L4-L5", Finding: "bulge", At: h.Marks[0].At})
	for _, q := range bulge {
		sb.Max.X = max(sb.Max.X, q.X)
	}
	camL := diagram.CameraFor(anatomy.Lateral, frame(anatomy.Lateral, ids, f.panelW/f.panelH), f.panelW, f.panelH)
	trL := diagram.Fit(diagram.Scene{View: anatomy.Lateral, Camera: camL}, f.panelW, f.panelH)
	l0, _ := trL.ToPixel(sb.Min)
	l1, _ := trL.ToPixel(sb.Max)
	if !ok || side < l0 || side > l1 {
		t.Errorf("from the side the badge is at x %.1f pt (found %v), the disc spans %.1f..%.1f", side, ok, l0, l1)
	}
}

// The printed pictures say which way the patient faces (drawn by
// internal/diagram, so they match the screen), and the legend says which
// side of the disc was marked.
func TestPrintedOrientationAndSide(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	h := sampleHandout()
	h.Marks = []handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Bulge, At: leftOfDisc(t), Note: "worse when sitting"},
		{Structure: "vertebra:L4", Finding: handout.Stiffness}}
	f := newSpineFigure(&flow{fonts: fonts, width: 400}, h, i18n.For("en"), 0)
	words := map[anatomy.View][]string{anatomy.Lateral: {"Front", "Back"}, anatomy.Posterior: {"Patient's left", "Patient's right"}}
	for i, v := range f.views {
		for _, w := range words[v] {
			if _, _, ok := recordedText(f.recs[i], w); !ok {
				t.Errorf("the printed %s view lacks %q", v, w)
			}
		}
	}
	if len(f.views) != 2 {
		t.Errorf("views %v, want both", f.views)
	}
	_, pages := render(t, h, samplePatient(), sampleClinic(t))
	text := allText(pages)
	if !strings.Contains(text, "Disc bulge – L4–L5 disc, left side") {
		t.Errorf("the legend does not say the bulge is on the left side:\n%s", text)
	}
	if strings.Contains(text, "L4 vertebra, ") {
		t.Error("a mark without a tap got a side")
	}
}

// The view from behind is framed on the low back for a mark on L4-L5: it
// framed the whole width of the hip bones, which in the narrow panel
// meant T4 to the tailbone, with the disc and its badge tiny.
func TestPrintedBackViewFramesTheMarkedLevels(t *testing.T) {
	_, vh := anatomy.ViewSize(anatomy.Posterior)
	r := frame(anatomy.Posterior, []string{"disc:L4-L5"}, float64(figPanelW2)/figPanelH)
	if r.Dy() > vh*0.4 {
		t.Errorf("the view from behind frames %.0f of %.0f units of height for one disc", r.Dy(), vh)
	}
	b, _ := anatomy.StructureBounds(anatomy.Posterior, "disc:L4-L5")
	if !(r.Min.X <= b.Min.X && r.Max.X >= b.Max.X && r.Min.Y <= b.Min.Y && r.Max.Y >= b.Max.Y) {
		t.Errorf("frame %v does not hold the disc %v", r, b)
	}
}
