package diagram

import (
	"image"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// discPieces are the outlines a disc finding adds in view v: the disc
// redrawn bulging, the gel and the dome of a herniation.
func discPieces(v anatomy.View, m Mark) [][]anatomy.Point {
	var out [][]anatomy.Point
	for _, s := range newFindingGeom(v, m).steps {
		switch {
		case s.kind == stepPart && s.part == anatomy.PartDisc:
			out = append(out, s.shape.Flatten(0.5)...)
		case s.kind == stepFill && (s.c == roleDisc || s.c == roleNucleus):
			out = append(out, s.pts)
		}
	}
	return out
}

func piecesTouch(v anatomy.View, pieces [][]anatomy.Point, id string) bool {
	for _, p := range pieces {
		if overlapsRoot(v, p, id) {
			return true
		}
	}
	return false
}

// irritatedRoots are the roots a finding draws irritated in view v.
func irritatedRoots(v anatomy.View, m Mark) map[string]bool {
	out := map[string]bool{}
	for _, s := range newFindingGeom(v, m).steps {
		if s.kind != stepShapeFill || s.c != roleInflamed {
			continue
		}
		for _, sh := range anatomy.Shapes(v) {
			if sh.Kind == anatomy.Nerve && len(sh.Path) == len(s.shape) && sh.Path[0] == s.shape[0] {
				out[sh.ID] = true
			}
		}
	}
	return out
}

// Seen from above, a bulge or herniation back and to the left of L4-L5
// reaches the left L5 root in its lateral recess and not the L4 root out
// in its opening (nor anything on the right); far out to the left, it
// reaches the L4 root. In the neck, back and to the right of C5-C6, the
// right C6 root. The root pressed on is drawn irritated, as the tables
// say (PressedRoot).
func TestAxialDiscFindingPressesOnTheRightRoot(t *testing.T) {
	v := anatomy.AxialView("L4-L5")
	for _, f := range []string{"bulge", "herniation"} {
		back := Mark{Structure: "disc:L4-L5", Finding: f, Detail: handout.Detail{Side: anatomy.Left}}
		pieces := discPieces(v, back)
		if len(pieces) == 0 {
			t.Fatalf("%s: nothing drawn", f)
		}
		if !piecesTouch(v, pieces, "nerve:L5:left") {
			t.Errorf("%s back and to the left: does not reach the left L5 root", f)
		}
		for _, id := range []string{"nerve:L4:left", "nerve:L5:right", "nerve:L4:right"} {
			if piecesTouch(v, pieces, id) {
				t.Errorf("%s back and to the left: touches %s", f, id)
			}
		}
		if got := irritatedRoots(v, back); len(got) != 1 || !got[PressedRoot("disc:L4-L5", anatomy.Left, false)] {
			t.Errorf("%s back and to the left: irritated %v", f, got)
		}
		far := back
		far.Detail.Far = true
		if !piecesTouch(v, discPieces(v, far), "nerve:L4:left") {
			t.Errorf("%s far to the left: does not reach the L4 root", f)
		}
		if got := irritatedRoots(v, far); len(got) != 1 || !got["nerve:L4:left"] {
			t.Errorf("%s far to the left: irritated %v", f, got)
		}
		neck := Mark{Structure: "disc:C5-C6", Finding: f, Detail: handout.Detail{Side: anatomy.Right}}
		nv := anatomy.AxialView("C5-C6")
		if !piecesTouch(nv, discPieces(nv, neck), "nerve:C6:right") || piecesTouch(nv, discPieces(nv, neck), "nerve:C6:left") {
			t.Errorf("%s back and to the right at C5-C6: does not reach the right C6 root alone", f)
		}
	}
	// a disc tapped on its left half from above points left, with no side chosen
	p, _ := anatomy.InteriorPoint(v, "disc:L4-L5")
	p.X -= 80
	sp, _ := anatomy.SpotAt(v, "disc:L4-L5", p)
	if got := irritatedRoots(v, Mark{Structure: "disc:L4-L5", Finding: "herniation", At: sp}); !got["nerve:L5:left"] {
		t.Errorf("a herniation tapped on the left of the disc irritates %v", got)
	}
}

// Every finding kind that a cut through the disc can show draws in the
// view from above at its level, and its badge pins to it; at another
// level it draws nothing.
func TestAxialEveryFindingDraws(t *testing.T) {
	left := handout.Detail{Side: anatomy.Left}
	for _, c := range []struct {
		seg string
		m   Mark
	}{
		{"L4-L5", Mark{Structure: "disc:L4-L5", Finding: "bulge"}},
		{"L4-L5", Mark{Structure: "disc:L4-L5", Finding: "herniation", Detail: left}},
		{"L5-S", Mark{Structure: "disc:L5-S", Finding: "degeneration"}},
		{"L4-L5", Mark{Structure: "vertebra:L5", Finding: "degeneration"}},
		{"L4-L5", Mark{Structure: "facet:L4-L5:right", Finding: "arthritis"}},
		{"C5-C6", Mark{Structure: "facet:C5-C6:left", Finding: "degeneration"}},
		{"L4-L5", Mark{Structure: "nerve:L4:left", Finding: "narrowing"}},
		{"C5-C6", Mark{Structure: "facet:C5-C6:right", Finding: "narrowing"}},
		{"L3-L4", Mark{Structure: "disc:L3-L4", Finding: "narrowing"}},
		{"L4-L5", Mark{Structure: "disc:L4-L5", Finding: "stenosis"}},
		{"C5-C6", Mark{Structure: "vertebra:C5", Finding: "stenosis"}},
		{"T6-T7", Mark{Structure: "disc:T6-T7", Finding: "stenosis"}},
		{"L4-L5", Mark{Structure: "vertebra:L4", Finding: "slip", Detail: handout.Detail{Grade: 1}}},
		{"L4-L5", Mark{Structure: "nerve:L5:right", Finding: "irritation"}},
	} {
		v := anatomy.AxialView(c.seg)
		g := newFindingGeom(v, c.m)
		if len(g.steps) == 0 || !g.pinned {
			t.Errorf("%s %s on %s: %d steps, pinned %v", c.seg, c.m.Finding, c.m.Structure, len(g.steps), g.pinned)
		}
		r, _ := anatomy.StructureBounds(v, "disc:"+c.seg)
		if g.pinned && (g.anchor.X < 0 || g.anchor.X > 1000 || g.anchor.Y < r.Min.Y-50 || g.anchor.Y > 1000) {
			t.Errorf("%s %s: badge pinned at %v, off the level", c.seg, c.m.Finding, g.anchor)
		}
		// the same mark seen at the level above draws nothing
		other := anatomy.AxialView(anatomy.Up("disc:" + c.seg)[len("disc:"):])
		if g := newFindingGeom(other, c.m); len(g.steps) != 0 {
			t.Errorf("%s %s on %s: drawn at %s too", c.seg, c.m.Finding, c.m.Structure, other)
		}
	}
	// a narrowed opening marked on the disc with no side: both openings
	both := irritatedRoots(anatomy.AxialView("L3-L4"), Mark{Structure: "disc:L3-L4", Finding: "narrowing"})
	if !both["nerve:L3:left"] || !both["nerve:L3:right"] || len(both) != 2 {
		t.Errorf("narrowing on the L3-L4 disc irritates %v", both)
	}
	// a slipped vertebra's arch sits forward (up the picture) of where it was
	v := anatomy.AxialView("L4-L5")
	was, _ := anatomy.StructureBounds(v, "vertebra:L4")
	for grade, want := range map[int]float64{1: 0.18, 2: 0.36} {
		q, _ := NewRenderer().findingAnchor(v, Mark{Structure: "vertebra:L4", Finding: "slip", Detail: handout.Detail{Grade: grade}})
		disc, _ := anatomy.StructureBounds(v, "disc:L4-L5")
		moved := (was.Center().Y - q.Y) / disc.Dy()
		if moved < want || moved > want+0.06 {
			t.Errorf("grade %d slip: the arch moved %.2f of the disc's depth", grade, moved)
		}
	}
	// a compression fracture cannot be seen in a cut through the disc
	if g := newFindingGeom(v, Mark{Structure: "vertebra:L4", Finding: "fracture"}); len(g.steps) != 0 {
		t.Error("a fracture is drawn in the view from above")
	}
}

// The view says what it is and which way it faces, in the scene's
// language: its title names the level, "Front" sits above the disc,
// "Back" below the spinous process, the patient's sides in the bottom
// corners, and the caption warns that scans are the other way round.
func TestAxialWords(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"L4–L5 seen from above", "Front", "Back", "Patient's left", "Patient's right", "usually shown from below"}},
		{"es", []string{"L4–L5 visto desde arriba", "Delante", "Detrás", "Su izquierda", "Su derecha", "suelen verse desde abajo"}},
	} {
		rec := &textRecorder{}
		sc := Scene{View: anatomy.AxialView("L4-L5"), Lang: c.lang}
		NewRenderer().Draw(rec, sc, 600, 600)
		all := placedTexts(rec)
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q not drawn; drawn:\n%s", c.lang, w, all)
			}
		}
	}
	// the side view says nothing of scans
	rec := &textRecorder{}
	NewRenderer().Draw(rec, Scene{View: anatomy.Lateral}, 400, 600)
	if strings.Contains(placedTexts(rec), "Scans") {
		t.Error("the side view has the caption of the view from above")
	}
}

func placedTexts(r *textRecorder) string {
	var s []string
	for _, p := range r.placed {
		s = append(s, p.s)
	}
	return strings.Join(s, "\n")
}

// The parts only this view has keep their meaning in both palettes: the
// ligament and the artery stand out from the ground, the sac and the cord
// from the canal's space around them, the grey matter from the cord.
func TestAxialPartsReadable(t *testing.T) {
	for _, pal := range []*Palette{Light, Dark} {
		bg := pal.background
		fat := pal.style(anatomy.PartFat).fill
		// a part stands out by its fill or by its outline
		stands := func(part anatomy.Part, ground color.NRGBA) float64 {
			st := pal.style(part)
			return math.Max(contrast(st.fill, ground), contrast(st.line, ground))
		}
		for _, c := range []struct {
			what string
			got  float64
			min  float64
		}{
			{"ligament on the ground", stands(anatomy.PartLigament, bg), 3},
			{"artery on the ground", stands(anatomy.PartVessel, bg), 3},
			{"ligament on the bone", stands(anatomy.PartLigament, pal.style(anatomy.PartArch).fill), 2},
			{"sac in the canal", stands(anatomy.PartSac, fat), 2},
			{"cord in the sac", stands(anatomy.PartCord, pal.style(anatomy.PartSac).fill), 2.5},
			{"grey matter in the cord", contrast(pal.style(anatomy.PartGrey).fill, pal.style(anatomy.PartCord).fill), 1.4},
		} {
			if c.got < c.min {
				t.Errorf("%s: %s %.2f:1, want %.1f", pal.Name(), c.what, c.got, c.min)
			}
		}
	}
}

// axialScenes are the golden images of the view from above: the anatomy
// at each region's typical level (the low back in both palettes, with a
// structure selected and one discussed), and each finding kind it draws.
func axialScenes() map[string]Scene {
	ax := anatomy.AxialView
	left, right := handout.Detail{Side: anatomy.Left}, handout.Detail{Side: anatomy.Right}
	mark := func(seg, id, f string, d handout.Detail) Scene {
		return Scene{View: ax(seg), Marks: []Mark{{Structure: id, Finding: f, Detail: d}}}
	}
	return map[string]Scene{
		"axial-L4-L5":      {View: ax("L4-L5"), Selected: "nerve:L5:left", Discussed: []string{"facet:L4-L5:right"}},
		"axial-L4-L5-dark": {View: ax("L4-L5"), Palette: Dark, Selected: "cord:cauda-equina", Hover: "disc:L4-L5"},
		"axial-C5-C6":      {View: ax("C5-C6"), Selected: "cord:spinal"},
		"axial-C5-C6-dark": {View: ax("C5-C6"), Palette: Dark, Selected: "nerve:C6:right"},
		"axial-T6-T7":      {View: ax("T6-T7"), Selected: "facet:T6-T7:left"},
		"axial-L5-S1":      {View: ax("L5-S"), Selected: "vertebra:S"},

		"axial-bulge":               mark("L4-L5", "disc:L4-L5", "bulge", right),
		"axial-herniation":          mark("L4-L5", "disc:L4-L5", "herniation", left),
		"axial-herniation-far":      mark("L4-L5", "disc:L4-L5", "herniation", handout.Detail{Side: anatomy.Left, Far: true}),
		"axial-herniation-neck":     mark("C5-C6", "disc:C5-C6", "herniation", right),
		"axial-degeneration":        mark("L5-S", "disc:L5-S", "degeneration", handout.Detail{}),
		"axial-arthritis":           mark("L4-L5", "facet:L4-L5:right", "arthritis", handout.Detail{}),
		"axial-narrowing":           mark("L5-S", "nerve:L5:right", "narrowing", handout.Detail{}),
		"axial-stenosis":            mark("L4-L5", "disc:L4-L5", "stenosis", handout.Detail{}),
		"axial-stenosis-neck-dark":  {View: ax("C5-C6"), Palette: Dark, Marks: []Mark{{Structure: "disc:C5-C6", Finding: "stenosis"}}},
		"axial-slip":                mark("L4-L5", "vertebra:L4", "slip", handout.Detail{Grade: 1}),
		"axial-irritation-pain":     {View: ax("L4-L5"), Marks: []Mark{{Structure: "nerve:L5:left", Finding: "irritation"}, {Structure: "vertebra:L4", Finding: "pain"}}},
		"axial-findings-light-dark": {View: ax("L4-L5"), Palette: Dark, Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Detail: left}, {Structure: "facet:L4-L5:right", Finding: "arthritis"}}},
	}
}

func TestAxialGoldenImages(t *testing.T) {
	const size = 360
	for name, sc := range axialScenes() {
		img := NewRenderer().Image(sc, size, size)
		file := filepath.Join("testdata", name+".png")
		if *update {
			writePNG(t, file, img)
			continue
		}
		if bad := differingPixels(img, readPNG(t, file)); bad > size*size/500 {
			t.Errorf("%s: %d pixels differ from %s (run with -update after an intended change, and look at it)", name, bad, file)
			writePNG(t, filepath.Join(t.TempDir(), name+".png"), img)
		}
	}
}

// differingPixels counts the pixels of img that differ visibly from want
// (every pixel when the sizes differ).
func differingPixels(img, want *image.RGBA) int {
	b := img.Bounds()
	if want.Bounds() != b {
		return b.Dx() * b.Dy()
	}
	bad := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			a, w := img.RGBAAt(x, y), want.RGBAAt(x, y)
			if absDiff(a.R, w.R) > 8 || absDiff(a.G, w.G) > 8 || absDiff(a.B, w.B) > 8 {
				bad++
			}
		}
	}
	return bad
}

// BenchmarkRenderAxial draws the view from above at 1200×1200 from
// scratch, the L4-L5 level with a finding (issue 13: 4 ms).
func BenchmarkRenderAxial(b *testing.B) {
	sc := Scene{View: anatomy.AxialView("L4-L5"), Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Detail: handout.Detail{Side: anatomy.Left}}}}
	benchFresh1200(b, sc)
}

func benchFresh1200(b *testing.B, sc Scene) {
	r := NewRenderer()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1200))
	r.renderFresh(img, sc) // the level's geometry and the finding are worked out once
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.renderFresh(img, sc)
	}
}

// The README's picture of the view from above is the renderer's own: the
// L4-L5 level with a herniation back and to the left pressing on the L5
// root. Regenerate with -update.
func TestReadmeAxialScreenshot(t *testing.T) {
	sc := Scene{View: anatomy.AxialView("L4-L5"), Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Detail: handout.Detail{Side: anatomy.Left}}}}
	img := NewRenderer().Image(sc, 600, 600)
	file := filepath.Join("..", "..", "assets", "screenshots", "axial-L4-L5.png")
	if *update {
		writePNG(t, file, img)
		return
	}
	if bad := differingPixels(img, readPNG(t, file)); bad > 600*600/500 {
		t.Errorf("%s is out of date (%d pixels differ); run go test ./internal/diagram -run ReadmeAxial -update", file, bad)
	}
}
