package ui

import (
	"image"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// newTestSpine puts a spine widget alone in a window of the given size.
func newTestSpine(t *testing.T, v anatomy.View, w, h float32) (*Spine, fyne.Window) {
	t.Helper()
	test.NewTempApp(t).Settings().SetTheme(newChairsideTheme(textScalePanel))
	s := NewSpine(v)
	win := test.NewTempWindow(t, s)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	win.Canvas().Capture() // lay out and draw once, so the raster knows its pixel size
	return s, win
}

// pointOn is a widget position inside structure id.
func pointOn(t *testing.T, s *Spine, id string) fyne.Position {
	t.Helper()
	p, ok := anatomy.InteriorPoint(s.View(), id)
	if !ok {
		t.Fatalf("%s is not drawn in the %s view", id, s.View())
	}
	return s.toWidget(p)
}

func TestSpineGoldenViews(t *testing.T) {
	// Each view with a selection, so the strong highlight is part of the picture.
	selected := map[anatomy.View]string{anatomy.Lateral: "vertebra:L4", anatomy.Posterior: "facet:L4-L5:left"}
	for _, v := range anatomy.Views() {
		t.Run(string(v), func(t *testing.T) {
			s, win := newTestSpine(t, v, 300, 480)
			s.SetSelected(selected[v])
			test.AssertImageMatches(t, "spine_"+string(v)+".png", win.Canvas().Capture())
		})
	}
}

// The widget draws exactly what the diagram package renders at its pixel
// size, with the selection and hover it was given: screen, PNG and PDF agree.
func TestSpineDrawsTheDiagram(t *testing.T) {
	for _, v := range anatomy.Views() {
		t.Run(string(v), func(t *testing.T) {
			s, win := newTestSpine(t, v, 320, 500)
			s.ShowPreset(anatomy.LowBack)
			s.SetSelected("vertebra:L5")
			s.setHover("vertebra:L3")
			s.SetDiscussed([]string{"vertebra:L5", "disc:L4-L5"})
			r := test.WidgetRenderer(s).(*spineRenderer)
			r.tip.Hide() // the name label floats over the picture; compare the picture
			got := win.Canvas().Capture()
			want := diagram.NewRenderer().Image(diagram.Scene{View: v, Camera: s.camera, Hover: "vertebra:L3",
				Selected: "vertebra:L5", Discussed: []string{"vertebra:L5", "disc:L4-L5"}, TextScale: 1}, 320, 500)
			if !sameImage(got, want) {
				t.Fatal("the widget's picture differs from diagram.RenderImage of the same scene")
			}
		})
	}
}

func TestSpineTapSelects(t *testing.T) {
	cases := []struct {
		view anatomy.View
		id   string
	}{
		{anatomy.Lateral, "vertebra:L4"},
		{anatomy.Lateral, "disc:C5-C6"},
		{anatomy.Posterior, "facet:L4-L5:left"},
		{anatomy.Posterior, "facet:L4-L5:right"},
	}
	for _, c := range cases {
		t.Run(string(c.view)+" "+c.id, func(t *testing.T) {
			s, _ := newTestSpine(t, c.view, 600, 900)
			s.ShowPreset(anatomy.LowBack)
			if c.id == "disc:C5-C6" {
				s.ShowPreset(anatomy.Neck)
			}
			var got string
			s.OnSelect = func(id string) { got = id }
			test.TapAt(s, pointOn(t, s, c.id))
			if got != c.id {
				t.Fatalf("tap inside %s selected %q", c.id, got)
			}
		})
	}
}

func TestSpineHoverHighlights(t *testing.T) {
	s, win := newTestSpine(t, anatomy.Lateral, 400, 640)
	var hovered []string
	s.OnHover = func(id string) { hovered = append(hovered, id) }
	before := win.Canvas().Capture()
	test.MoveMouse(win.Canvas(), pointOn(t, s, "vertebra:L3"))
	if s.Hovered() != "vertebra:L3" {
		t.Fatalf("hovered %q, want vertebra:L3", s.Hovered())
	}
	after := win.Canvas().Capture()
	if sameImage(before, after) {
		t.Fatal("hovering did not change the picture")
	}
	// Moving within the same structure does not call back again.
	test.MoveMouse(win.Canvas(), pointOn(t, s, "vertebra:L3").AddXY(0.5, 0))
	if len(hovered) != 1 {
		t.Fatalf("hover callbacks %v, want one", hovered)
	}
	test.MoveMouse(win.Canvas(), pointOn(t, s, "vertebra:T8"))
	if s.Hovered() != "vertebra:T8" || len(hovered) != 2 {
		t.Fatalf("hovered %q, callbacks %v", s.Hovered(), hovered)
	}
}

func TestSpineWheelZoomKeepsPointUnderPointer(t *testing.T) {
	s, _ := newTestSpine(t, anatomy.Lateral, 400, 640)
	pos := fyne.NewPos(220, 400)
	before := s.toModel(pos)
	z := s.camera.Zoom
	// test.Scroll does not pass the pointer position, so deliver the event directly.
	s.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.NewDelta(0, 50)})
	if s.camera.Zoom <= z {
		t.Fatalf("zoom %v after wheel up, was %v", s.camera.Zoom, z)
	}
	after := s.toModel(pos)
	if math.Hypot(after.X-before.X, after.Y-before.Y) > 0.5 {
		t.Fatalf("point under the pointer moved from %v to %v", before, after)
	}
}

func TestSpineDragPans(t *testing.T) {
	s, win := newTestSpine(t, anatomy.Lateral, 400, 640)
	s.ShowPreset(anatomy.MidBack)
	pos := fyne.NewPos(200, 300)
	before := s.toModel(pos)
	test.Drag(win.Canvas(), pos, 0, 80)
	// The drawing moved with the pointer: what was under pos is now 80 units lower.
	after := s.toModel(pos.AddXY(0, 80))
	if math.Hypot(after.X-before.X, after.Y-before.Y) > 1 {
		t.Fatalf("dragged point: was %v, now %v", before, after)
	}
}

func TestSpinePresetsFrameTheirRegion(t *testing.T) {
	cases := []struct {
		preset anatomy.Preset
		inside string
	}{
		{anatomy.Neck, "vertebra:C4"},
		{anatomy.MidBack, "vertebra:T6"},
		{anatomy.LowBack, "vertebra:L4"},
	}
	for _, c := range cases {
		for _, v := range anatomy.Views() {
			t.Run(string(c.preset)+" "+string(v), func(t *testing.T) {
				s, _ := newTestSpine(t, v, 500, 700)
				s.ShowPreset(c.preset)
				if s.camera.Zoom <= 1 {
					t.Fatalf("zoom %v for %s", s.camera.Zoom, c.preset)
				}
				p := pointOn(t, s, c.inside)
				if p.X < 0 || p.Y < 0 || p.X > 500 || p.Y > 700 {
					t.Fatalf("%s at %v is off screen after %s", c.inside, p, c.preset)
				}
				if got, _ := s.structureAt(p); got != c.inside {
					t.Fatalf("hit test at %v gives %q", p, got)
				}
			})
		}
	}
}

func TestSelectingOffScreenStructureBringsItIntoView(t *testing.T) {
	s, _ := newTestSpine(t, anatomy.Lateral, 500, 700)
	s.ShowPreset(anatomy.Neck)
	s.SetSelected("vertebra:L5")
	p := pointOn(t, s, "vertebra:L5")
	if p.X < 0 || p.Y < 0 || p.X > 500 || p.Y > 700 {
		t.Fatalf("selected L5 at %v is off screen", p)
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func TestSpineHoverNameSitsBesideTheStructure(t *testing.T) {
	s, win := newTestSpine(t, anatomy.Lateral, 500, 800)
	test.MoveMouse(win.Canvas(), pointOn(t, s, "vertebra:L4"))
	r := test.WidgetRenderer(s).(*spineRenderer)
	if !r.tip.Visible() || r.tipText.Text != "L4 vertebra" {
		t.Fatalf("tip visible %v, text %q", r.tip.Visible(), r.tipText.Text)
	}
	b, _ := anatomy.StructureBounds(anatomy.Lateral, "vertebra:L4")
	top, bottom := s.toWidget(b.Min).Y, s.toWidget(b.Max).Y
	mid := r.tip.Position().Y + r.tip.Size().Height/2
	if mid < top || mid > bottom {
		t.Fatalf("tip centred at y=%v, the vertebra spans %v..%v", mid, top, bottom)
	}
	test.MoveMouse(win.Canvas(), fyne.NewPos(5, 5)) // empty corner
	if r.tip.Visible() {
		t.Fatal("tip still shown over empty space")
	}
}

// BenchmarkSpineHoverRepaint is a pointer move onto another structure, as
// the window sees it: hit test, hover change, and the repaint of a
// 1200x1800-pixel diagram (the target is under 16 ms, one frame).
func BenchmarkSpineHoverRepaint(b *testing.B) {
	test.NewTempApp(b).Settings().SetTheme(newChairsideTheme(textScalePanel))
	s := NewSpine(anatomy.Lateral)
	win := test.NewTempWindow(b, s)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(1200, 1800))
	win.Canvas().Capture()
	r := test.WidgetRenderer(s).(*spineRenderer)
	var events []*desktop.MouseEvent
	for _, id := range []string{"vertebra:L3", "disc:L3-L4", "nerve:L3:left", "facet:L3-L4:left"} {
		p, _ := anatomy.InteriorPoint(anatomy.Lateral, id)
		events = append(events, &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: s.toWidget(p)}})
	}
	s.MouseMoved(events[1])
	if s.Hovered() != "disc:L3-L4" {
		b.Fatalf("the pointer over the L3-L4 disc hovers %q", s.Hovered())
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.MouseMoved(events[i%len(events)])
		r.draw(1200, 1800)
	}
}

func TestSpinePresetStaysFramedOnResizeAndViewTurn(t *testing.T) {
	s, win := newTestSpine(t, anatomy.Lateral, 400, 500)
	s.ShowPreset(anatomy.LowBack)
	win.Resize(fyne.NewSize(900, 1000)) // e.g. presentation mode
	win.Canvas().Capture()
	want := diagram.PresetCamera(anatomy.Lateral, anatomy.LowBack, 900, 1000)
	if math.Abs(s.camera.Zoom-want.Zoom) > 1e-6 || s.camera.Center != want.Center {
		t.Fatalf("after resize camera %+v, want %+v", s.camera, want)
	}
	s.SetView(anatomy.Posterior)
	want = diagram.PresetCamera(anatomy.Posterior, anatomy.LowBack, 900, 1000)
	if math.Abs(s.camera.Zoom-want.Zoom) > 1e-6 || s.camera.Center != want.Center {
		t.Fatalf("after turning camera %+v, want %+v", s.camera, want)
	}
	// Once the clinician zooms by hand, a resize keeps their framing.
	s.ZoomBy(1.5)
	cam := s.camera
	win.Resize(fyne.NewSize(800, 1000))
	win.Canvas().Capture()
	if s.camera != cam {
		t.Fatalf("a resize after a hand zoom moved the camera from %+v to %+v", cam, s.camera)
	}
}

// On a high-density screen the diagram is drawn at the screen's pixels,
// with labels scaled to match, and taps still land on what is under them.
func TestSpineOnHighDensityScreen(t *testing.T) {
	s, win := newTestSpine(t, anatomy.Lateral, 300, 480)
	c, ok := win.Canvas().(test.WindowlessCanvas)
	if !ok {
		t.Skip("test canvas cannot change its scale")
	}
	c.SetScale(2)
	s.SetSelected("vertebra:L4")
	got := c.Capture()
	if got.Bounds().Dx() != 600 || got.Bounds().Dy() != 960 {
		t.Fatalf("captured %v, want 600x960 pixels", got.Bounds())
	}
	want := diagram.NewRenderer().Image(diagram.Scene{View: anatomy.Lateral, Camera: s.camera, Selected: "vertebra:L4", TextScale: 2}, 600, 960)
	if !sameImage(got, want) {
		t.Fatal("at scale 2 the widget's picture differs from the diagram rendered at 600x960 with labels x2")
	}
	var picked string
	s.OnSelect = func(id string) { picked = id }
	test.TapAt(s, pointOn(t, s, "disc:L4-L5"))
	if picked != "disc:L4-L5" {
		t.Fatalf("tap on the L4-L5 disc at scale 2 picked %q", picked)
	}
}

// The hovered name hides after a tap (the panel names the structure now)
// and when the pointer leaves the diagram; moving onto another structure
// shows that one's name.
func TestSpineHoverNameHidesAfterTapAndOnLeaving(t *testing.T) {
	s, win := newTestSpine(t, anatomy.Lateral, 500, 800)
	r := test.WidgetRenderer(s).(*spineRenderer)
	s.OnSelect = func(string) {}
	l4 := pointOn(t, s, "vertebra:L4")
	test.MoveMouse(win.Canvas(), l4)
	if !r.tip.Visible() || s.TipShown() != "L4 vertebra" {
		t.Fatalf("hovering L4: tip visible %v, %q", r.tip.Visible(), s.TipShown())
	}
	test.TapAt(s, l4)
	if r.tip.Visible() || s.TipShown() != "" {
		t.Fatalf("after the tap the name still shows (%q)", s.TipShown())
	}
	// a small move within the same vertebra keeps it hidden
	test.MoveMouse(win.Canvas(), l4.Add(fyne.NewPos(1, 1)))
	if r.tip.Visible() {
		t.Error("the name came back over the vertebra just tapped")
	}
	test.MoveMouse(win.Canvas(), pointOn(t, s, "vertebra:L2"))
	if !r.tip.Visible() || s.TipShown() != "L2 vertebra" {
		t.Errorf("hovering L2 after the tap: tip visible %v, %q", r.tip.Visible(), s.TipShown())
	}
	s.MouseOut()
	if r.tip.Visible() || s.Hovered() != "" {
		t.Error("the name stays after the pointer left the diagram")
	}
}

// besideRootID is the small target tried in each view: the left L5 root
// from behind; from the side, where the low back roots lie over the cauda
// equina and bone with no empty space beside them, the S1 root, which
// leaves the front of the sacrum into the pelvis.
func besideRootID(v anatomy.View) string {
	if v == anatomy.Lateral {
		return "nerve:S1:left"
	}
	return "nerve:L5:left"
}

// besideRoot is a widget position in empty space about dist units beside
// the root besideRootID names in the whole-spine view, found by walking
// out of it.
func besideRoot(t *testing.T, s *Spine, dist float32) fyne.Position {
	t.Helper()
	root := besideRootID(s.view)
	start := pointOn(t, s, root)
	for _, d := range []fyne.Position{{X: -1}, {X: 1}, {Y: 1}, {Y: -1}, {X: -0.7071, Y: 0.7071}, {X: 0.7071, Y: 0.7071}} {
		for r := float32(0.25); r < 40; r += 0.25 {
			p := start.Add(fyne.NewPos(d.X*r, d.Y*r))
			hit, _ := anatomy.HitTest(s.view, s.toModel(p))
			if hit == root {
				continue
			}
			if hit == "" {
				q := p.Add(fyne.NewPos(d.X*dist, d.Y*dist))
				if h, _ := anatomy.HitTest(s.view, s.toModel(q)); h == "" {
					return q
				}
			}
			break
		}
	}
	t.Fatalf("no empty space beside %s", root)
	return fyne.Position{}
}

// Small targets: in the whole-spine view, a tap a few units beside a root
// (missing it, on empty space) selects it without zooming; a tap on
// empty space away from everything selects nothing.
func TestSpineTapBesideSmallTarget(t *testing.T) {
	for _, v := range anatomy.Views() {
		t.Run(string(v), func(t *testing.T) {
			s, _ := newTestSpine(t, v, 500, 800)
			var picked []string
			s.OnSelect = func(id string) { picked = append(picked, id) }
			test.TapAt(s, besideRoot(t, s, 4))
			if len(picked) != 1 || picked[0] != besideRootID(v) {
				t.Fatalf("a tap 4 units beside the root picked %q", picked)
			}
			picked = nil
			test.TapAt(s, fyne.NewPos(5, 5)) // an empty corner
			if len(picked) != 0 {
				t.Errorf("a tap on empty space picked %q", picked)
			}
		})
	}
}

// Once the diagram has stayed unchanged for a moment, the spine lets go of
// what its renderer keeps (about 5 MB in a large window) and of the last
// frame's pixels (Fyne holds them as a texture), and the next frame is
// drawn afresh, the same picture.
func TestSpineLetsGoOfItsCachesWhenIdle(t *testing.T) {
	old := spineIdle
	spineIdle = 50 * time.Millisecond
	t.Cleanup(func() { spineIdle = old })
	s, win := newTestSpine(t, anatomy.Posterior, 300, 480)
	s.SetSelected("disc:L4-L5")
	before := win.Canvas().Capture()
	deadline := time.Now().Add(5 * time.Second)
	kept := func() (renderer, frame int) {
		s.imgMu.Lock()
		defer s.imgMu.Unlock()
		if s.img != nil {
			frame = len(s.img.Pix)
		}
		return s.renderer.KeptBytes(), frame
	}
	for {
		renderer, frame := kept()
		if renderer == 0 && frame == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after the last frame the renderer still keeps %d bytes and the spine a frame of %d bytes", renderer, frame)
		}
		time.Sleep(20 * time.Millisecond)
	}
	spineIdle = time.Hour // the frame below restarts the wait: keep what it draws
	s.Refresh()
	if !sameImage(win.Canvas().Capture(), before) {
		t.Error("the picture drawn after the idle release differs")
	}
	if s.renderer.KeptBytes() == 0 {
		t.Error("drawing again kept nothing for the next hover")
	}
}
