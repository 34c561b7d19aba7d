package diagram

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"chairside/assets"
	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

var update = flag.Bool("update", false, "rewrite the golden images and the app icon")

func TestTransformRoundTrip(t *testing.T) {
	cams := []Camera{{}, {Zoom: 1}, {Zoom: 3.5, Center: anatomy.Point{X: 420, Y: 1900}}, {Zoom: 0.5, Center: anatomy.Point{X: 10, Y: 10}}}
	for _, cam := range cams {
		for _, box := range [][2]float64{{1200, 1800}, {800, 600}, {1, 1}} {
			tr := Fit(Scene{View: anatomy.Lateral, Camera: cam}, box[0], box[1])
			for _, p := range []anatomy.Point{{X: 0, Y: 0}, {X: 500, Y: 1250}, {X: 999, Y: 2499}, {X: -40, Y: 3000}} {
				x, y := tr.ToPixel(p)
				q := tr.ToModel(x, y)
				if math.Abs(q.X-p.X) > 1e-6 || math.Abs(q.Y-p.Y) > 1e-6 {
					t.Errorf("camera %+v box %v: %v -> (%g,%g) -> %v", cam, box, p, x, y, q)
				}
			}
		}
	}
}

func TestFitWholeViewAndZoom(t *testing.T) {
	vw, vh := anatomy.ViewSize(anatomy.Lateral)
	tr := Fit(Scene{View: anatomy.Lateral}, 1200, 1800)
	x0, y0 := tr.ToPixel(anatomy.Point{})
	x1, y1 := tr.ToPixel(anatomy.Point{X: vw, Y: vh})
	if x0 < -0.01 || y0 < -0.01 || x1 > 1200.01 || y1 > 1800.01 {
		t.Errorf("whole view does not fit: (%g,%g)-(%g,%g)", x0, y0, x1, y1)
	}
	if math.Abs(y1-y0-1800) > 0.01 && math.Abs(x1-x0-1200) > 0.01 {
		t.Errorf("whole view does not fill the box in either direction")
	}
	c := anatomy.Point{X: 400, Y: 2000}
	z := Fit(Scene{View: anatomy.Lateral, Camera: Camera{Zoom: 4, Center: c}}, 1200, 1800)
	if x, y := z.ToPixel(c); math.Abs(x-600) > 1e-9 || math.Abs(y-900) > 1e-9 {
		t.Errorf("zoom centre lands at (%g,%g), want the box centre", x, y)
	}
	if math.Abs(z.Scale/tr.Scale-4) > 1e-9 {
		t.Errorf("zoom 4 scales by %g", z.Scale/tr.Scale)
	}
	// a preset frames its levels
	cam := PresetCamera(anatomy.Lateral, anatomy.LowBack, 800, 600)
	pt := Fit(Scene{View: anatomy.Lateral, Camera: cam}, 800, 600)
	b, _ := anatomy.StructureBounds(anatomy.Lateral, "vertebra:L3")
	if x, y := pt.ToPixel(b.Center()); x < 0 || x > 800 || y < 0 || y > 600 {
		t.Errorf("low back preset leaves L3 outside the box (%g,%g)", x, y)
	}
}

func TestRenderOddSizesDoesNotPanic(t *testing.T) {
	r := NewRenderer()
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {1, 500}, {500, 1}, {3, 2}, {0, 100}} {
		for _, v := range anatomy.Views() {
			img := image.NewRGBA(image.Rect(0, 0, sz[0], sz[1]))
			r.Render(img, Scene{View: v, Selected: "disc:L4-L5", Hover: "vertebra:C1", Marks: []Mark{{Structure: "disc:L4-L5", Finding: "bulge"}}})
		}
	}
	r.Render(nil, Scene{})
	// unknown view, unknown IDs, absurd cameras: drawn background, no panic
	img := NewRenderer().Image(Scene{View: "sideways", Selected: "vertebra:L9", Camera: Camera{Zoom: math.Inf(1)}}, 50, 50)
	if c := img.RGBAAt(25, 25); c.R != Light.background.R || c.G != Light.background.G || c.B != Light.background.B {
		t.Errorf("unknown view should leave the background, got %v", img.RGBAAt(25, 25))
	}
	NewRenderer().Image(Scene{View: anatomy.Lateral, Camera: Camera{Zoom: 1e6, Center: anatomy.Point{X: 300, Y: 1500}}}, 64, 64)
	NewRenderer().Image(Scene{View: anatomy.Lateral, Camera: Camera{Zoom: 1e-6}, TextScale: -3}, 64, 64)
	// a sub-image (non-zero origin) is drawn into its own rectangle only
	big := image.NewRGBA(image.Rect(0, 0, 100, 100))
	r.Render(big.SubImage(image.Rect(50, 50, 100, 100)).(*image.RGBA), Scene{View: anatomy.Lateral})
	if big.RGBAAt(10, 10) != (color.RGBA{}) || big.RGBAAt(75, 75) == (color.RGBA{}) {
		t.Error("sub-image render drew outside its rectangle or not at all")
	}
}

// pixelAt renders a scene and returns the colour at a structure's interior point.
func pixelAt(t *testing.T, sc Scene, id string) color.RGBA {
	t.Helper()
	img := NewRenderer().Image(sc, 600, 900)
	p, ok := anatomy.InteriorPoint(sc.View, id)
	if !ok {
		t.Fatalf("%s not drawn", id)
	}
	x, y := Fit(sc, 600, 900).ToPixel(p)
	return img.RGBAAt(int(x), int(y))
}

func TestHighlightsChangeTheStructure(t *testing.T) {
	id := "disc:L4-L5"
	plain := pixelAt(t, Scene{View: anatomy.Lateral}, id)
	hover := pixelAt(t, Scene{View: anatomy.Lateral, Hover: id}, id)
	sel := pixelAt(t, Scene{View: anatomy.Lateral, Selected: id}, id)
	disc := pixelAt(t, Scene{View: anatomy.Lateral, Discussed: []string{id}}, id)
	mark := pixelAt(t, Scene{View: anatomy.Lateral, Marks: []Mark{{Structure: id, Finding: "herniation"}}}, id)
	other := pixelAt(t, Scene{View: anatomy.Lateral, Selected: "vertebra:C3"}, id)
	if other != plain {
		t.Errorf("selecting C3 changed the L4-L5 disc: %v vs %v", other, plain)
	}
	seen := map[color.RGBA]string{plain: "plain"}
	for name, c := range map[string]color.RGBA{"hover": hover, "selected": sel, "discussed": disc, "mark": mark} {
		if prev, dup := seen[c]; dup {
			t.Errorf("%s looks the same as %s (%v)", name, prev, c)
		}
		seen[c] = name
	}
	// the selection is blue, the herniation mark red
	if !(sel.B > sel.R+40) {
		t.Errorf("selected colour %v is not a strong blue", sel)
	}
	if !(mark.R > mark.B+60 && mark.R > mark.G+40) {
		t.Errorf("herniation mark %v is not red", mark)
	}
}

// Draw and Render are the same drawing: a painter that records the calls
// sees the structures, labels and badges.
type recorder struct {
	fills, strokes int
	texts          []string
}

func (r *recorder) MoveTo(x, y float64)                 {}
func (r *recorder) LineTo(x, y float64)                 {}
func (r *recorder) CubicTo(a, b, c, d, e, f float64)    {}
func (r *recorder) ClosePath()                          {}
func (r *recorder) Fill(c color.NRGBA)                  { r.fills++ }
func (r *recorder) Stroke(c color.NRGBA, width float64) { r.strokes++ }
func (r *recorder) Text(x, y, size float64, c color.NRGBA, a Align, s string) {
	r.texts = append(r.texts, s)
}

func TestDrawSendsLabelsAndBadges(t *testing.T) {
	var rec recorder
	NewRenderer().Draw(&rec, Scene{View: anatomy.Posterior, Marks: []Mark{{Structure: "facet:L4-L5:left", Finding: "stiffness", Number: 7}}}, 1200, 1800)
	has := func(s string) bool {
		for _, x := range rec.texts {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, want := range []string{"C1", "T12", "L5", "S", "Co", "7"} {
		if !has(want) {
			t.Errorf("Draw did not write %q; texts: %v", want, rec.texts)
		}
	}
	if rec.fills < 300 || rec.strokes < 200 {
		t.Errorf("suspiciously little drawing: %d fills, %d strokes", rec.fills, rec.strokes)
	}
	var none recorder
	NewRenderer().Draw(&none, Scene{View: anatomy.Lateral}, 0, 100)
	if none.fills+none.strokes+len(none.texts) != 0 {
		t.Error("a zero-size box should draw nothing")
	}
}

func TestLegend(t *testing.T) {
	marks := []Mark{{Structure: "disc:L4-L5", Finding: "bulge", Number: 2}, {Structure: "nerve:L5:left", Finding: "irritation", Number: 1}, {Structure: "vertebra:T4", Finding: "mystery"}}
	got := Legend(marks)
	if len(got) != 3 || got[0].Number != 1 || got[1].Number != 2 || got[2].Number != 3 {
		t.Fatalf("legend order: %+v", got)
	}
	if got[0].Text() != "left L5 nerve root: Irritation" || got[1].Text() != "L4–L5 disc: Disc bulge" {
		t.Errorf("legend text: %q, %q", got[0].Text(), got[1].Text())
	}
	if got[2].FindingLabel != "mystery" || got[2].Color != handout.Finding("mystery").Color() {
		t.Errorf("unknown finding should still be listed: %+v", got[2])
	}
	var rec recorder
	if h := DrawLegend(&rec, marks, 0, 0, 12); h <= 0 || len(rec.texts) != 6 {
		t.Errorf("DrawLegend: height %g, texts %v", h, rec.texts)
	}
}

// Golden images of both views, small enough to keep in the repository.
// Regenerate with: go test ./internal/diagram -run Golden -update
func TestGoldenImages(t *testing.T) {
	cases := []struct {
		name string
		sc   Scene
	}{
		{"lateral", Scene{View: anatomy.Lateral}},
		{"posterior", Scene{View: anatomy.Posterior}},
		{"lateral-lowback-marks", Scene{View: anatomy.Lateral, Camera: PresetCamera(anatomy.Lateral, anatomy.LowBack, 400, 600),
			Selected: "nerve:L5:left", Hover: "vertebra:L3", Discussed: []string{"facet:L4-L5:left"},
			Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Number: 1}}}},
		// marks pinned where they were tapped, on the patient's left
		{"posterior-lowback-marks", Scene{View: anatomy.Posterior, Camera: PresetCamera(anatomy.Posterior, anatomy.LowBack, 400, 600),
			Discussed: []string{"disc:L4-L5"},
			Marks: []Mark{{Structure: "disc:L4-L5", Finding: "bulge", At: anatomy.Spot{View: anatomy.Posterior, X: 0.33, Y: 0.5}},
				{Structure: "vertebra:S", Finding: "pain", At: anatomy.Spot{View: anatomy.Posterior, X: 0.3, Y: 0.35}},
				{Structure: "nerve:L5:left", Finding: "irritation"}}}},
		// a right root from the side: seen through the spine
		{"lateral-lowback-right-root", Scene{View: anatomy.Lateral, Camera: PresetCamera(anatomy.Lateral, anatomy.LowBack, 400, 600),
			Selected: "nerve:L5:right"}},
		// the dark theme's palette: the whole back view with a root seen
		// selected, and the low back from the side with every kind of tint
		{"posterior-dark", Scene{View: anatomy.Posterior, Palette: Dark, Selected: "nerve:L5:right"}},
		{"lateral-lowback-marks-dark", Scene{View: anatomy.Lateral, Palette: Dark, Camera: PresetCamera(anatomy.Lateral, anatomy.LowBack, 400, 600),
			Selected: "nerve:L5:left", Hover: "vertebra:L3", Discussed: []string{"facet:L4-L5:left", "disc:L3-L4"},
			Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Number: 1}, {Structure: "vertebra:S", Finding: "pain", Number: 2}}}},
	}
	for _, c := range cases {
		img := NewRenderer().Image(c.sc, 400, 600)
		file := filepath.Join("testdata", c.name+".png")
		if *update {
			writePNG(t, file, img)
			continue
		}
		want := readPNG(t, file)
		if want.Bounds() != img.Bounds() {
			t.Fatalf("%s: size %v, golden %v", c.name, img.Bounds(), want.Bounds())
		}
		// small tolerance: anti-aliasing may differ by a level or two
		bad := 0
		for y := 0; y < 600; y++ {
			for x := 0; x < 400; x++ {
				a, b := img.RGBAAt(x, y), want.RGBAAt(x, y)
				if absDiff(a.R, b.R) > 8 || absDiff(a.G, b.G) > 8 || absDiff(a.B, b.B) > 8 {
					bad++
				}
			}
		}
		if bad > 400*600/500 {
			t.Errorf("%s: %d pixels differ from %s (run with -update after an intended change)", c.name, bad, file)
			writePNG(t, filepath.Join(t.TempDir(), c.name+".png"), img)
		}
	}
}

func TestIcon(t *testing.T) {
	const file = "../../assets/icon.png"
	if *update {
		writePNG(t, file, Icon(512))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, assets.Icon) {
		t.Error("assets.Icon is not the committed icon.png")
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon is %v, want 512x512", b)
	}
	// transparent corners (rounded tile), teal tile, ivory spine in the middle
	if _, _, _, a := img.At(2, 2).RGBA(); a != 0 {
		t.Error("icon corner should be transparent")
	}
	if r, g, b, _ := img.At(60, 256).RGBA(); !(g > r && b > r) {
		t.Error("icon tile should be teal")
	}
	ivory := 0
	for y := 100; y < 400; y++ {
		for x := 150; x < 360; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r>>8 > 230 && g>>8 > 225 && b>>8 > 200 {
				ivory++
			}
		}
	}
	if ivory < 2000 {
		t.Errorf("icon shows too little of the spine (%d ivory pixels)", ivory)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func writePNG(t *testing.T, file string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readPNG(t *testing.T, file string) *image.RGBA {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("%v (generate with -update)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// BenchmarkRenderLateral draws the whole lateral view at 1200x1800 from
// scratch, with a selection and a discussed structure: the first frame,
// and every frame of a zoom or pan.
func BenchmarkRenderLateral(b *testing.B) {
	benchFresh(b, Scene{View: anatomy.Lateral, Selected: "disc:L4-L5", Discussed: []string{"nerve:L5:left"}})
}

// BenchmarkRenderPosterior is the same for the posterior view.
func BenchmarkRenderPosterior(b *testing.B) {
	benchFresh(b, Scene{View: anatomy.Posterior, Selected: "facet:L4-L5:left", Discussed: []string{"nerve:L5:right"}})
}

func benchFresh(b *testing.B, sc Scene) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1800))
	r := NewRenderer()
	r.renderFresh(img, sc) // the shapes' outlines at this scale are kept from the first frame on
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.renderFresh(img, sc)
	}
}

// BenchmarkZoomPosterior is a frame of a scroll-wheel zoom: every frame is
// at a new scale, so none of the shapes' outlines kept from the frame
// before can be used and all are built again.
func BenchmarkZoomPosterior(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1800))
	r := NewRenderer()
	for i := 0; i < b.N; i++ {
		r.renderFresh(img, Scene{View: anatomy.Posterior, Camera: Camera{Zoom: 1 + float64(i%1000)*1e-4},
			Selected: "facet:L4-L5:left", Discussed: []string{"nerve:L5:right"}})
	}
}

// BenchmarkRepaintLateral is Render as the screen calls it once the view
// is drawn: the plain drawing comes from the cache, the highlights are redrawn.
func BenchmarkRepaintLateral(b *testing.B) {
	benchRepaint(b, Scene{View: anatomy.Lateral, Selected: "disc:L4-L5", Discussed: []string{"nerve:L5:left"}})
}

// BenchmarkRepaintPosterior is the same for the posterior view.
func BenchmarkRepaintPosterior(b *testing.B) {
	benchRepaint(b, Scene{View: anatomy.Posterior, Selected: "facet:L4-L5:left", Discussed: []string{"nerve:L5:right"}})
}

func benchRepaint(b *testing.B, sc Scene) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1800))
	r := NewRenderer()
	r.Render(img, sc) // the plain drawing is kept from the first frame on
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Render(img, sc)
	}
}

// BenchmarkHoverRepaint is what moving the pointer costs: the hover
// changes between two structures and the diagram is repainted.
func BenchmarkHoverRepaint(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1800))
	ids := []string{"vertebra:L3", "disc:L3-L4", "nerve:L3:left", "facet:L3-L4:left"}
	r := NewRenderer()
	r.Render(img, Scene{View: anatomy.Lateral, Selected: "disc:L4-L5"})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Render(img, Scene{View: anatomy.Lateral, Hover: ids[i%len(ids)], Selected: "disc:L4-L5"})
	}
}

// The README screenshots are renders of both views; -update rewrites them
// and otherwise they are checked like the golden images.
func TestReadmeScreenshots(t *testing.T) {
	shots := []struct {
		file string
		sc   Scene
	}{
		{"lateral.png", Scene{View: anatomy.Lateral, Selected: "disc:L4-L5"}},
		{"posterior.png", Scene{View: anatomy.Posterior, Selected: "nerve:L5:left"}},
	}
	for _, s := range shots {
		s.sc.Camera = PresetCamera(s.sc.View, anatomy.Whole, 480, 800)
		img := NewRenderer().Image(s.sc, 480, 800)
		file := filepath.Join("..", "..", "assets", "screenshots", s.file)
		if *update {
			writePNG(t, file, img)
			continue
		}
		want := readPNG(t, file)
		if want.Bounds() != img.Bounds() {
			t.Fatalf("%s: %v, want %v", file, want.Bounds(), img.Bounds())
		}
		bad := 0
		for y := 0; y < 800; y++ {
			for x := 0; x < 480; x++ {
				a, b := img.RGBAAt(x, y), want.RGBAAt(x, y)
				if absDiff(a.R, b.R) > 8 || absDiff(a.G, b.G) > 8 || absDiff(a.B, b.B) > 8 {
					bad++
				}
			}
		}
		if bad > 480*800/500 {
			t.Errorf("%s is out of date (%d pixels differ); run go test ./internal/diagram -update", file, bad)
		}
	}
}

// The UI may repaint while a PDF is drawn or a PNG is exported: a
// renderer's Render and Draw must be safe to call from several goroutines
// at once, its findings and words included (run with -race), and each
// picture must be the one drawn alone.
func TestRenderConcurrently(t *testing.T) {
	r := NewRenderer()
	scene := func(i int) Scene {
		return Scene{View: anatomy.Views()[i%2], Hover: "vertebra:L3", TextScale: 1 + float64(i)/4, Lang: []string{"en", "es"}[i/2%2],
			Marks: []Mark{{Structure: "disc:L4-L5", Finding: "herniation", Detail: handout.Detail{Side: anatomy.Left}},
				{Structure: "vertebra:L2", Finding: "scoliosis", Detail: handout.Detail{Side: anatomy.Right, Angle: 20 + i}}}}
	}
	done := make(chan *image.RGBA)
	for i := 0; i < 4; i++ {
		go func(i int) {
			img := image.NewRGBA(image.Rect(0, 0, 120, 180))
			r.Render(img, scene(i))
			var rec recorder
			r.Draw(&rec, scene(i), 120, 180)
			done <- img
		}(i)
	}
	got := map[*image.RGBA]bool{}
	for i := 0; i < 4; i++ {
		got[<-done] = true
	}
	for i := 0; i < 4; i++ {
		want := NewRenderer().Image(scene(i), 120, 180)
		found := false
		for img := range got {
			found = found || bytes.Equal(img.Pix, want.Pix)
		}
		if !found {
			t.Errorf("scene %d drawn beside the others is not the picture drawn alone", i)
		}
	}
}

// The screen's fast path (cached plain drawing plus clipped redraws around
// the highlights) must give the same picture as drawing everything afresh.
func TestRenderMatchesFullDrawing(t *testing.T) {
	scenes := []Scene{
		{View: anatomy.Lateral, Hover: "vertebra:L3", Selected: "nerve:L4:left", Discussed: []string{"disc:C5-C6", "facet:T4-T5:left"},
			Marks: []Mark{{Structure: "disc:L4-L5", Finding: "bulge"}, {Structure: "vertebra:L4", Finding: "pain"}}},
		{View: anatomy.Posterior, Camera: PresetCamera(anatomy.Posterior, anatomy.LowBack, 300, 260), Hover: "nerve:S1:right",
			Selected: "vertebra:L5", Discussed: []string{"facet:L4-L5:left", "vertebra:T1"}, TextScale: 1.5},
	}
	r := NewRenderer()
	for i, sc := range scenes {
		img := image.NewRGBA(image.Rect(0, 0, 300, 260))
		r.Render(img, Scene{View: sc.View, Camera: sc.Camera, TextScale: sc.TextScale, Hover: "vertebra:C2"}) // warm the cache
		r.Render(img, sc)
		want := NewRenderer().Image(sc, 300, 260)
		bad := 0
		for y := 0; y < 260; y++ {
			for x := 0; x < 300; x++ {
				a, b := img.RGBAAt(x, y), want.RGBAAt(x, y)
				if a != b {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("scene %d: %d pixels differ between Render and Image", i, bad)
		}
		// the same inside a larger picture (a sub-image with its own origin)
		big := image.NewRGBA(image.Rect(0, 0, 340, 300))
		sub := big.SubImage(image.Rect(30, 25, 330, 285)).(*image.RGBA)
		r.Render(sub, sc)
		for y := 0; y < 260; y++ {
			for x := 0; x < 300; x++ {
				if sub.RGBAAt(30+x, 25+y) != want.RGBAAt(x, y) {
					t.Fatalf("scene %d: sub-image differs at (%d,%d)", i, x, y)
				}
			}
		}
		if big.RGBAAt(5, 5) != (color.RGBA{}) {
			t.Errorf("scene %d: drew outside the sub-image", i)
		}
	}
}

// A highlighted vertebra stays under the nerve root drawn over it: the
// root keeps its own colour where it crosses the selected bone.
func TestHighlightKeepsPaintOrder(t *testing.T) {
	const nerve, bone = "nerve:L4:left", "vertebra:L5"
	nb, _ := anatomy.StructureBounds(anatomy.Lateral, nerve)
	sc := Scene{View: anatomy.Lateral, Camera: CameraFor(anatomy.Lateral, nb, 200, 200)}
	plain := NewRenderer().Image(sc, 200, 200)
	sc.Selected = bone
	sel := NewRenderer().Image(sc, 200, 200)
	tr := Fit(sc, 200, 200)
	hits := func(x, y float64) string { id, _ := anatomy.HitTest(anatomy.Lateral, tr.ToModel(x, y)); return id }
	checked, tinted := 0, 0
	for y := 2; y < 198; y++ {
		for x := 2; x < 198; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			switch {
			case hits(fx, fy) == nerve && hits(fx-2, fy) == nerve && hits(fx+2, fy) == nerve && hits(fx, fy-2) == nerve && hits(fx, fy+2) == nerve:
				checked++
				// (a level or two of anti-aliasing may differ; a tint would not)
				if a, b := plain.RGBAAt(x, y), sel.RGBAAt(x, y); absDiff(a.R, b.R) > 3 || absDiff(a.G, b.G) > 3 || absDiff(a.B, b.B) > 3 {
					t.Fatalf("selecting %s changed the %s drawn over it at (%d,%d)", bone, nerve, x, y)
				}
			case hits(fx, fy) == bone && plain.RGBAAt(x, y) != sel.RGBAAt(x, y):
				tinted++
			}
		}
	}
	if checked < 50 || tinted < 50 {
		t.Errorf("too few pixels to judge: %d on the root, %d tinted bone", checked, tinted)
	}
}

// The labels' typeface is embedded; if it failed to load, labels would
// silently vanish from the screen and PNG files.
func TestLabelFontLoads(t *testing.T) {
	var faces faceCache
	if faces.face(13) == nil {
		t.Fatal("the embedded DejaVu Sans face did not load")
	}
	// a label really puts dark pixels on the page
	img := NewRenderer().Image(Scene{View: anatomy.Lateral}, 600, 900)
	tr := Fit(Scene{View: anatomy.Lateral}, 600, 900)
	l := anatomy.Labels(anatomy.Lateral)[10]
	x, y := tr.ToPixel(l.At)
	dark := 0
	for yy := int(y) - 8; yy < int(y)+8; yy++ {
		for xx := int(x) - 30; xx < int(x); xx++ {
			if c := img.RGBAAt(xx, yy); c.R < 140 {
				dark++
			}
		}
	}
	if dark < 10 {
		t.Errorf("label %s left no ink (%d dark pixels)", l.Text, dark)
	}
}

// Each renderer owns its caches: a picture drawn by one (a PNG export)
// neither fills nor evicts what another (the screen's) keeps, and a zero
// Renderer draws the same picture as a new one.
func TestRenderersKeepTheirOwnCaches(t *testing.T) {
	screen, export := NewRenderer(), NewRenderer()
	img := image.NewRGBA(image.Rect(0, 0, 200, 300))
	screen.Render(img, Scene{View: anatomy.Lateral, Hover: "vertebra:L3"})
	screenWords := len(screen.words.words)
	if len(screen.base.entries) != 1 || len(screen.outlines.sets) != 1 {
		t.Fatalf("the screen's renderer kept %d plain drawings and %d outline sets, want 1 and 1",
			len(screen.base.entries), len(screen.outlines.sets))
	}
	for _, v := range []anatomy.View{anatomy.Posterior, anatomy.Lateral, anatomy.Posterior} {
		export.Render(image.NewRGBA(image.Rect(0, 0, 220, 310)), Scene{View: v, Camera: Camera{Zoom: 2}})
	}
	if got := screen.base.entries[0].key; got.w != 200 || got.view != anatomy.Lateral || len(screen.base.entries) != 1 {
		t.Errorf("drawing with another renderer changed the screen's cache: %+v", screen.base.entries)
	}
	if len(export.base.entries) != 1 {
		t.Errorf("the export's renderer kept %d plain drawings, want 1", len(export.base.entries))
	}
	// the findings' drawings and the words are the renderer's too
	export.Image(Scene{View: anatomy.Posterior, Lang: "es", Marks: []Mark{{Structure: "disc:L4-L5", Finding: "bulge"}}}, 150, 200)
	if len(export.findings.geoms) != 1 || len(export.words.words) == 0 {
		t.Errorf("the export's renderer kept %d findings and %d words, want 1 and some", len(export.findings.geoms), len(export.words.words))
	}
	if len(screen.findings.geoms) != 0 || len(screen.words.words) != screenWords {
		t.Errorf("drawing a finding in Spanish with another renderer changed the screen's: %d findings, %d words",
			len(screen.findings.geoms), len(screen.words.words))
	}
	var zero Renderer
	a := zero.Image(Scene{View: anatomy.Posterior, Selected: "disc:L4-L5"}, 150, 200)
	b := NewRenderer().Image(Scene{View: anatomy.Posterior, Selected: "disc:L4-L5"}, 150, 200)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("a zero Renderer draws a different picture from NewRenderer's")
	}
}

// A zoom glide draws a new camera every frame: the renderer keeps only the
// last frame's plain drawing (it kept three, 8 MB in a large window, for
// as long as the app then sat idle), reusing its pixels frame after frame,
// and a repaint at the glide's end still matches a fresh drawing.
func TestZoomGlideKeepsOnePlainDrawing(t *testing.T) {
	r := NewRenderer()
	img := image.NewRGBA(image.Rect(0, 0, 300, 400))
	var sc Scene
	for i := 0; i < 10; i++ {
		sc = Scene{View: anatomy.Lateral, Camera: Camera{Zoom: 1 + float64(i)/5, Center: anatomy.Point{X: 500, Y: 1800}}}
		r.Render(img, sc)
	}
	if n := len(r.base.entries); n != 1 {
		t.Fatalf("after a glide the renderer keeps %d plain drawings, want 1", n)
	}
	sc.Hover = "vertebra:L3"
	r.Render(img, sc)
	if want := NewRenderer().Image(sc, 300, 400); !bytes.Equal(img.Pix, want.Pix) {
		t.Error("the repaint at the glide's end differs from a fresh drawing")
	}
}

// Trim lets an idle app give back what the renderer keeps; the next
// picture is drawn afresh and is the same.
func TestTrimDropsWhatIsKept(t *testing.T) {
	r := NewRenderer()
	img := image.NewRGBA(image.Rect(0, 0, 300, 400))
	sc := Scene{View: anatomy.Posterior, Selected: "disc:L4-L5"}
	r.Render(img, sc)
	if kept := r.KeptBytes(); kept < 4*300*400 {
		t.Fatalf("after a render the renderer keeps %d bytes, less than its plain drawing", kept)
	}
	before := append([]byte(nil), img.Pix...)
	r.Trim()
	if kept := r.KeptBytes(); kept != 0 {
		t.Errorf("after Trim the renderer keeps %d bytes", kept)
	}
	r.Render(img, sc)
	if !bytes.Equal(img.Pix, before) {
		t.Error("the picture after Trim differs from the one before")
	}
}
