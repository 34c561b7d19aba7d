package ui

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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
	// onFirstFrame runs once the first frame with the diagram has been
	// drawn (the app's start-up finishes what that frame did not need).
	onFirstFrame func()
	// ahead is the first frame being drawn before the window exists
	// (see firstframe.go), or nil.
	ahead *spineAhead
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
