package pdf

import (
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// A disc finding, a narrowed canal or a narrowed opening brings the view
// from above of its level; a joint's arthritis, a slip, stiffness or pain
// do not.
func TestInsetLevel(t *testing.T) {
	for _, c := range []struct {
		marks []handout.Mark
		want  string
	}{
		{[]handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Herniation}}, "L4-L5"},
		{[]handout.Mark{{Structure: "disc:C5-C6", Finding: handout.Degeneration}}, "C5-C6"},
		{[]handout.Mark{{Structure: "vertebra:L4", Finding: handout.Stenosis}}, "L4-L5"},
		{[]handout.Mark{{Structure: "nerve:L5:left", Finding: handout.Narrowing}}, "L5-S"},
		{[]handout.Mark{{Structure: "vertebra:L2", Finding: handout.PainArea}, {Structure: "facet:L3-L4:left", Finding: handout.Narrowing}}, "L3-L4"},
		{[]handout.Mark{{Structure: "facet:L4-L5:left", Finding: handout.Arthritis}}, ""},
		{[]handout.Mark{{Structure: "vertebra:L5", Finding: handout.Slip}}, ""},
		{[]handout.Mark{{Structure: "disc:L4-L5", Finding: handout.PainArea}}, ""},
		{[]handout.Mark{{Structure: "disc:X9", Finding: handout.Bulge}}, ""},
		{nil, ""},
	} {
		if got := insetLevel(handout.Handout{Marks: c.marks}); got != c.want {
			t.Errorf("%+v: inset level %q, want %q", c.marks, got, c.want)
		}
	}
}

// The printed handout of a herniated L4-L5 disc carries the level seen
// from above, titled in the handout's language; one with only an arthritic
// joint does not.
func TestPrintedInset(t *testing.T) {
	p, c := samplePatient(), sampleClinic(t)
	h := sampleHandout()
	h.Marks = []handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Herniation, Detail: handout.Detail{Side: anatomy.Left}}}
	_, pages := render(t, h, p, c)
	if text := allText(pages); !strings.Contains(text, "L4–L5 seen from above") {
		t.Errorf("no inset title in the handout:\n%s", text)
	}
	h.Lang = "es"
	_, pages = render(t, h, p, c)
	if text := allText(pages); !strings.Contains(text, "L4–L5 visto desde arriba") {
		t.Errorf("no Spanish inset title in the handout:\n%s", text)
	}
	h.Lang = ""
	h.Marks = []handout.Mark{{Structure: "facet:L4-L5:left", Finding: handout.Arthritis}}
	_, pages = render(t, h, p, c)
	if text := allText(pages); strings.Contains(text, "seen from above") {
		t.Error("an arthritis handout has the inset")
	}
}

// The inset goes where it covers the least of the spine picture: never
// over the marked level.
func TestInsetKeepsTheMarkedLevelInSight(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"disc:L4-L5", "disc:C5-C6", "disc:T6-T7"} {
		h := handout.Handout{Items: []handout.Item{{Ref: id, Title: id}},
			Marks: []handout.Mark{{Structure: id, Finding: handout.Bulge}}}
		f := newSpineFigure(&flow{fonts: fonts, width: 400}, h, i18n.For("en"), 0)
		x, y, side := insetCorner(f, h)
		v := f.views[len(f.views)-1]
		cam := diagram.CameraFor(v, frame(v, []string{id, id}, f.panelW/f.panelH), f.panelW, f.panelH)
		tr := diagram.Fit(diagram.Scene{View: v, Camera: cam}, f.panelW, f.panelH)
		b, _ := anatomy.StructureBounds(v, id)
		x0, y0 := tr.ToPixel(b.Min)
		x1, y1 := tr.ToPixel(b.Max)
		if x < x1 && x+side > x0 && y < y1 && y+side+insetBand > y0 {
			t.Errorf("%s: the inset at %.0f,%.0f (%.0f pt) covers the marked disc %.0f,%.0f-%.0f,%.0f", id, x, y, side, x0, y0, x1, y1)
		}
		if x < 0 || y < 0 || x+side > f.panelW || y+side+insetBand > f.panelH {
			t.Errorf("%s: the inset at %.0f,%.0f leaves the panel", id, x, y)
		}
	}
}
