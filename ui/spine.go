package ui

import (
	"image"
	"image/color"
	"math"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// step is where an arrow key moves from structure id, or "" when there is
// nowhere to go: Up and Down one level, Left and Right toward the patient's
// left and right (see internal/anatomy's navigation).
func step(id string, key fyne.KeyName) string {
	switch key {
	case fyne.KeyUp:
		return anatomy.Up(id)
	case fyne.KeyDown:
		return anatomy.Down(id)
	case fyne.KeyLeft:
		return anatomy.Toward(id, anatomy.Left)
	case fyne.KeyRight:
		return anatomy.Toward(id, anatomy.Right)
	}
	return ""
}

// Spine is the interactive diagram: the spine drawn by internal/diagram at
// the widget's pixel size, with hover, tap to select, wheel zoom around the
// pointer, drag to pan and the zoom presets. It holds only view state; what
// a selection means is the App's business (OnSelect).
type Spine struct {
	widget.BaseWidget

	view      anatomy.View
	lang      string // language of the words drawn on the diagram
	camera    diagram.Camera
	hover     string
	selected  string
	discussed []string
	marks     []diagram.Mark
	textScale float64

	// OnSelect is called when a structure is tapped.
	OnSelect func(id string)
	// OnHover is called when the structure under the pointer changes ("" for none).
	OnHover func(id string)

	// tap is the structure and the place on it of the tap being handled,
	// set only while OnSelect runs: mark mode reads it to put the mark
	// where the finger was.
	tap *spineTap
	// tipDismissed hides the hovered structure's name after a tap (the
	// panel names it now) until the pointer moves to another structure.
	tipDismissed bool

	// preset is the zoom preset on show, re-framed when the widget is
	// resized or the view turns; "" once the clinician zooms or pans.
	preset anatomy.Preset
	size   fyne.Size // at the last layout
	// img is the last frame, drawn again in place on the next one; the
	// idle wait drops it (imgMu: the wait ends on a timer's goroutine).
	img   *image.RGBA
	imgMu sync.Mutex
	// renderer draws the picture and keeps what makes a hover or a pan
	// quick, for this widget alone.
	renderer *diagram.Renderer
	dragging bool
	anim     *fyne.Animation
	// overlay covers the whole diagram for a while (an animation's player), or nil.
	overlay fyne.CanvasObject
	// sideFraming is the side or back view's framing while a view from
	// above is on show, given back when the clinician turns back.
	sideFraming *spineFraming
}

// spineFraming is a camera and the preset it shows ("" for none).
type spineFraming struct {
	camera diagram.Camera
	preset anatomy.Preset
}

// SetOverlay lays o over the whole diagram; nil takes it away.
func (s *Spine) SetOverlay(o fyne.CanvasObject) {
	s.overlay = o
	if o != nil {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(s.Size())
	}
	s.Refresh()
}

// Overlay is what covers the diagram, or nil.
func (s *Spine) Overlay() fyne.CanvasObject { return s.overlay }

// NewSpine makes a diagram of view v showing the whole spine.
func NewSpine(v anatomy.View) *Spine {
	// The words drawn on the diagram ("Patient's left") are in the
	// catalogue's language the screens use; it is fixed at start.
	s := &Spine{view: v, textScale: 1, preset: anatomy.Whole, renderer: diagram.NewRenderer(), lang: shownLanguage()}
	s.camera = s.presetCamera(anatomy.Whole)
	s.ExtendBaseWidget(s)
	return s
}

// View is the view on show.
func (s *Spine) View() anatomy.View { return s.view }

// SetView switches between the lateral and posterior views, keeping the
// same stretch of spine in sight; a view from above of one level is shown
// whole, and turning back from it gives the spine its framing back.
func (s *Spine) SetView(v anatomy.View) {
	if v == s.view {
		return
	}
	old := s.view
	s.view = v
	s.hover = ""
	switch {
	case v.IsAxial():
		// one level from above: shown whole, the spine's framing kept
		if !old.IsAxial() {
			s.sideFraming = &spineFraming{s.camera, s.preset}
		}
		s.stopAnimation()
		s.preset = anatomy.Whole
	case old.IsAxial() && s.sideFraming != nil:
		s.camera, s.preset = s.sideFraming.camera, s.sideFraming.preset
		s.sideFraming = nil
	}
	if s.preset != "" {
		s.camera = s.presetCamera(s.preset)
	}
	s.Refresh()
}

// Hovered is the structure under the pointer, or "".
func (s *Spine) Hovered() string { return s.hover }

// Selected is the structure highlighted on the diagram, or "".
func (s *Spine) Selected() string { return s.selected }

// SetSelected highlights id strongly ("" for none) and brings it into
// sight if it is off screen or not drawn in this view.
func (s *Spine) SetSelected(id string) {
	if id == s.selected {
		return
	}
	s.selected = id
	s.bringIntoView(id)
	s.Refresh()
}

// SetDiscussed marks the structures already shown this visit.
func (s *Spine) SetDiscussed(ids []string) {
	s.discussed = append([]string(nil), ids...)
	s.Refresh()
}

// SetMarks shows the open handout's marks, numbered in list order.
func (s *Spine) SetMarks(marks []diagram.Mark) {
	s.marks = append([]diagram.Mark(nil), marks...)
	s.Refresh()
}

// SetTextScale enlarges the diagram's labels (presentation mode).
func (s *Spine) SetTextScale(k float64) {
	s.textScale = k
	s.Refresh()
}

// ShowPreset zooms to one of the named stretches of spine (whole, neck, mid
// back, low back and pelvis), gliding there so the patient keeps their bearings.
func (s *Spine) ShowPreset(p anatomy.Preset) {
	s.animateTo(s.presetCamera(p))
	s.preset = p
}

// scene is what the diagram draws. Its labels are sized in pixels, so they
// grow with the screen's scale to match the type around them.
func (s *Spine) scene() diagram.Scene {
	return diagram.Scene{View: s.view, Camera: s.camera, Hover: s.hover, Selected: s.selected,
		Discussed: s.discussed, Marks: s.marks, TextScale: s.textScale * float64(s.canvasScale()),
		Palette: s.palette(), Lang: s.lang}
}

// palette is the diagram's colours for the theme on show: the dark palette
// when the theme draws on a dark background (Settings' Dark, or System on
// a dark desktop or with FYNE_THEME=dark), so the picture sits in the
// window instead of glaring from it. Printed and exported pictures stay
// light (they are drawn without the app's theme).
func (s *Spine) palette() *diagram.Palette {
	if themeIsDark(s.Theme()) {
		return diagram.Dark
	}
	return diagram.Light
}

// canvasScale is the window's pixels per device-independent unit (1 where
// the widget is not on a canvas yet).
func (s *Spine) canvasScale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil && c.Scale() > 0 {
		return c.Scale()
	}
	return 1
}

// pixelSize is the size the raster draws at, in pixels: the one place that
// knows how device-independent units (events, layout) map to the pixels the
// diagram is drawn in.
func (s *Spine) pixelSize() (float64, float64) {
	sc := s.canvasScale()
	return float64(s.Size().Width * sc), float64(s.Size().Height * sc)
}

// toModel maps a position in the widget (device-independent units, as
// events arrive) to the view's model space. Every event goes through here.
func (s *Spine) toModel(pos fyne.Position) anatomy.Point {
	pw, ph := s.pixelSize()
	sz := s.Size()
	if sz.Width <= 0 || sz.Height <= 0 {
		return anatomy.Point{}
	}
	x := float64(pos.X) * pw / float64(sz.Width)
	y := float64(pos.Y) * ph / float64(sz.Height)
	return diagram.Fit(s.scene(), pw, ph).ToModel(x, y)
}

// toWidget maps a model point to a widget position, the inverse of toModel.
func (s *Spine) toWidget(p anatomy.Point) fyne.Position {
	pw, ph := s.pixelSize()
	sz := s.Size()
	if pw <= 0 || ph <= 0 {
		return fyne.Position{}
	}
	x, y := diagram.Fit(s.scene(), pw, ph).ToPixel(p)
	return fyne.NewPos(float32(x*float64(sz.Width)/pw), float32(y*float64(sz.Height)/ph))
}

// tapSlack is how far beside a structure a tap or the pointer may land and
// still reach it, in device-independent units: a fingertip's error, so the
// thin nerve roots of the whole spine can be hit without zooming.
const tapSlack = 8

// spineTap is a tap on the diagram: the structure and where on it.
type spineTap struct {
	id   string
	spot anatomy.Spot
}

// structureAt is the structure under a widget position, or the nearest one
// within tapSlack of it, and the model point of the position.
func (s *Spine) structureAt(pos fyne.Position) (string, anatomy.Point) {
	p := s.toModel(pos)
	slack := 0.0
	if pw, ph := s.pixelSize(); pw > 0 && ph > 0 {
		slack = float64(tapSlack) * float64(s.canvasScale()) / diagram.Fit(s.scene(), pw, ph).Scale
	}
	id, ok := anatomy.HitTestNear(s.view, p, slack)
	if !ok {
		return "", p
	}
	return id, p
}

// TapSpot is the structure being tapped and the place on it, while
// OnSelect handles the tap; ok is false otherwise (a selection from the
// keyboard, the search or the trail has no place).
func (s *Spine) TapSpot() (id string, spot anatomy.Spot, ok bool) {
	if s.tap == nil {
		return "", anatomy.Spot{}, false
	}
	return s.tap.id, s.tap.spot, true
}

// Tapped selects the structure under the finger or pointer (or just beside
// it). The hovered name hides: the panel names the structure now.
func (s *Spine) Tapped(ev *fyne.PointEvent) {
	id, p := s.structureAt(ev.Position)
	if s.hover != "" && !s.tipDismissed {
		s.tipDismissed = true
		s.Refresh()
	}
	if id == "" || s.OnSelect == nil {
		return
	}
	spot, _ := anatomy.SpotAt(s.view, id, p)
	s.tap = &spineTap{id: id, spot: spot}
	defer func() { s.tap = nil }()
	s.OnSelect(id)
}

// MouseIn starts hover tracking.
func (s *Spine) MouseIn(ev *desktop.MouseEvent) {
	id, _ := s.structureAt(ev.Position)
	s.setHover(id)
}

// MouseMoved updates the hover highlight.
func (s *Spine) MouseMoved(ev *desktop.MouseEvent) {
	if s.dragging {
		return
	}
	id, _ := s.structureAt(ev.Position)
	s.setHover(id)
}

// MouseOut clears the hover highlight and hides the name.
func (s *Spine) MouseOut() { s.setHover("") }

// setHover repaints only when the structure under the pointer changes, so
// moving within one vertebra costs nothing. A new structure shows its name
// again after a tap hid it.
func (s *Spine) setHover(id string) {
	if id == s.hover {
		return
	}
	s.hover = id
	s.tipDismissed = false
	s.Refresh()
	if s.OnHover != nil {
		s.OnHover(id)
	}
}

// TipShown is the name floating beside the hovered structure, or "" when
// none is shown.
func (s *Spine) TipShown() string {
	if s.hover == "" || s.tipDismissed {
		return ""
	}
	return displayName(s.hover)
}

// Scrolled zooms around the pointer: the point under it stays put.
func (s *Spine) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY == 0 {
		return
	}
	s.zoomAround(ev.Position, math.Pow(1.006, float64(ev.Scrolled.DY))) // about 16% per wheel notch
}

// ZoomBy zooms in (factor > 1) or out around the middle of the diagram.
func (s *Spine) ZoomBy(factor float64) {
	sz := s.Size()
	s.zoomAround(fyne.NewPos(sz.Width/2, sz.Height/2), factor)
}

func (s *Spine) zoomAround(pos fyne.Position, factor float64) {
	s.stopAnimation()
	s.preset = ""
	before := s.toModel(pos)
	s.camera.Zoom = clampZoom(s.camera.Zoom * factor)
	after := s.toModel(pos)
	s.camera.Center.X += before.X - after.X
	s.camera.Center.Y += before.Y - after.Y
	s.clampCenter()
	s.Refresh()
}

// Dragged pans the diagram with the pointer or finger.
func (s *Spine) Dragged(ev *fyne.DragEvent) {
	s.stopAnimation()
	s.preset = ""
	s.dragging = true
	from := s.toModel(ev.Position.Subtract(ev.Dragged))
	to := s.toModel(ev.Position)
	s.camera.Center.X -= to.X - from.X
	s.camera.Center.Y -= to.Y - from.Y
	s.clampCenter()
	s.Refresh()
}

// DragEnd finishes a pan.
func (s *Spine) DragEnd() { s.dragging = false }

// Zoom limits: from a little smaller than the whole spine to one
// motion segment filling the screen.
const (
	minZoom = 0.6
	maxZoom = 12
)

func clampZoom(z float64) float64 { return math.Max(minZoom, math.Min(maxZoom, z)) }

// clampCenter keeps the middle of the screen over the drawing, so the
// spine cannot be panned out of sight.
func (s *Spine) clampCenter() {
	w, h := anatomy.ViewSize(s.view)
	s.camera.Center.X = math.Max(0, math.Min(w, s.camera.Center.X))
	s.camera.Center.Y = math.Max(0, math.Min(h, s.camera.Center.Y))
}

func (s *Spine) presetCamera(p anatomy.Preset) diagram.Camera {
	pw, ph := s.pixelSize()
	if p == anatomy.Whole || pw <= 0 || ph <= 0 {
		w, h := anatomy.ViewSize(s.view)
		return diagram.Camera{Zoom: 1, Center: anatomy.Point{X: w / 2, Y: h / 2}}
	}
	return diagram.PresetCamera(s.view, p, pw, ph)
}

// bringIntoView pans (and zooms out if needed) so id is on screen; a
// structure already in sight does not move the picture.
func (s *Spine) bringIntoView(id string) {
	r, ok := anatomy.StructureBounds(s.view, id)
	if !ok {
		return
	}
	pw, ph := s.pixelSize()
	if pw <= 0 || ph <= 0 {
		return
	}
	t := diagram.Fit(s.scene(), pw, ph)
	x0, y0 := t.ToPixel(r.Min)
	x1, y1 := t.ToPixel(r.Max)
	if x0 >= 0 && y0 >= 0 && x1 <= pw && y1 <= ph {
		return
	}
	cam := s.camera
	cam.Center = r.Center()
	s.preset = ""
	s.animateTo(cam)
}

func (s *Spine) stopAnimation() {
	if s.anim != nil {
		s.anim.Stop()
		s.anim = nil
	}
}

// animateTo glides the camera to cam over a quarter second (or jumps when
// animations are off, as in tests).
func (s *Spine) animateTo(cam diagram.Camera) {
	s.stopAnimation()
	from := s.camera
	if !fyne.CurrentApp().Settings().ShowAnimations() || s.Size().IsZero() {
		s.camera = cam
		s.Refresh()
		return
	}
	s.anim = fyne.NewAnimation(250*time.Millisecond, func(f float32) {
		k := float64(f)
		// Interpolate the zoom geometrically so the glide feels even.
		s.camera.Zoom = from.Zoom * math.Pow(cam.Zoom/from.Zoom, k)
		s.camera.Center.X = from.Center.X + (cam.Center.X-from.Center.X)*k
		s.camera.Center.Y = from.Center.Y + (cam.Center.Y-from.Center.Y)*k
		s.Refresh()
	})
	s.anim.Curve = fyne.AnimationEaseInOut
	s.anim.Start()
}

// CreateRenderer draws the diagram through a raster at the pixel size it is
// given, with the hovered structure's name floating in the corner.
func (s *Spine) CreateRenderer() fyne.WidgetRenderer {
	r := &spineRenderer{spine: s}
	r.raster = canvas.NewRaster(r.draw)
	r.raster.ScaleMode = canvas.ImageScaleFastest
	r.tipText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The patient reads the name too: it takes the panel's size, which
	// grows in presentation mode.
	r.tipText.SizeName = sizePanelText
	// The card takes the theme's colours (set in Refresh), like the
	// diagram under it: a light card on the light diagram, a dark one on
	// the dark diagram, with the theme's text colour on it.
	r.tipBG = canvas.NewRectangle(color.Transparent)
	r.tipBG.CornerRadius = 6
	r.tipBG.StrokeWidth = 1
	r.tip = container.NewStack(r.tipBG, r.tipText)
	r.tip.Hide()
	return r
}

type spineRenderer struct {
	spine   *Spine
	idle    *time.Timer // see restartIdle
	raster  *canvas.Raster
	tip     *fyne.Container
	tipBG   *canvas.Rectangle
	tipText *widget.Label
}

func (r *spineRenderer) draw(w, h int) image.Image {
	s := r.spine
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	s.imgMu.Lock()
	defer s.imgMu.Unlock()
	if s.img == nil || s.img.Rect.Dx() != w || s.img.Rect.Dy() != h {
		s.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	s.renderer.Render(s.img, s.scene())
	r.restartIdle()
	return s.img
}

// spineIdle is how long the diagram stays unchanged before the spine lets
// go of what keeps hover and pan quick.
var spineIdle = 2 * time.Second

// restartIdle (re)starts the wait after a frame. When it ends with no
// frame drawn in between, the last frame's pixels (Fyne copied them into
// a texture when the frame was drawn, 2.7 MB for a diagram filling half a
// 1728x972 screen), the renderer's kept pictures and outlines are
// dropped and the memory given back to the operating system: the first
// idle after start-up also returns what start-up used and dropped (the
// content library's parsing, font tables). The app then sits at about
// 10 MB less while it waits for the clinician; the next hover draws the
// diagram afresh, within a frame. The timer touches no widget: the frame
// is dropped under its lock, Trim is safe beside a render, and
// FreeOSMemory is the runtime's.
func (r *spineRenderer) restartIdle() {
	if r.idle == nil {
		spine, renderer := r.spine, r.spine.renderer
		r.idle = time.AfterFunc(spineIdle, func() {
			spine.imgMu.Lock()
			spine.img = nil
			spine.imgMu.Unlock()
			renderer.Trim()
			debug.FreeOSMemory()
		})
		return
	}
	r.idle.Reset(spineIdle)
}

func (r *spineRenderer) Layout(size fyne.Size) {
	s := r.spine
	if size != s.size {
		s.size = size
		if s.preset != "" {
			// Keep the stretch of spine framed, e.g. when presentation mode
			// gives the diagram the whole screen.
			s.stopAnimation()
			s.camera = s.presetCamera(s.preset)
		}
	}
	r.raster.Resize(size)
	r.layoutTip()
	if s.overlay != nil {
		s.overlay.Resize(size)
	}
}

// layoutTip puts the hovered structure's name beside it: to its right,
// or to its left when there is no room, kept inside the widget.
func (r *spineRenderer) layoutTip() {
	s := r.spine
	pad := theme.Padding() * 2
	ts := r.tip.MinSize()
	r.tip.Resize(ts)
	size := s.Size()
	pos := fyne.NewPos(pad, pad)
	if b, ok := anatomy.StructureBounds(s.view, s.hover); ok && s.hover != "" {
		min, max := s.toWidget(b.Min), s.toWidget(b.Max)
		mid := (min.Y + max.Y - ts.Height) / 2
		pos = fyne.NewPos(max.X+pad, mid)
		if pos.X+ts.Width > size.Width-pad {
			pos.X = min.X - pad - ts.Width
		}
	}
	pos.X = float32(math.Max(float64(pad), math.Min(float64(pos.X), float64(size.Width-ts.Width-pad))))
	pos.Y = float32(math.Max(float64(pad), math.Min(float64(pos.Y), float64(size.Height-ts.Height-pad))))
	r.tip.Move(pos)
}

func (r *spineRenderer) MinSize() fyne.Size { return fyne.NewSize(240, 320) }

func (r *spineRenderer) Refresh() {
	s := r.spine
	if name := s.TipShown(); name == "" {
		r.tip.Hide()
	} else {
		th, v := s.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
		r.tipBG.FillColor = withAlpha(th.Color(theme.ColorNameBackground, v), 0xe6)
		r.tipBG.StrokeColor = withAlpha(th.Color(theme.ColorNamePrimary, v), 0x80)
		r.tipBG.Refresh()
		r.tipText.SetText(name)
		r.tip.Show()
		r.layoutTip()
	}
	r.raster.Refresh()
}

func (r *spineRenderer) Objects() []fyne.CanvasObject {
	if o := r.spine.overlay; o != nil {
		return []fyne.CanvasObject{r.raster, r.tip, o}
	}
	return []fyne.CanvasObject{r.raster, r.tip}
}

func (r *spineRenderer) Destroy() {
	r.spine.stopAnimation()
	if r.idle != nil {
		r.idle.Stop()
	}
}
