package ui

import (
	"image"
	"image/color"
	"math"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
)

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
	if img := s.takeAhead(w, h); img != nil {
		s.img = img
	} else {
		if s.img == nil || s.img.Rect.Dx() != w || s.img.Rect.Dy() != h {
			s.img = image.NewRGBA(image.Rect(0, 0, w, h))
		}
		s.renderer.Render(s.img, s.scene())
	}
	r.restartIdle()
	if f := s.onFirstFrame; f != nil {
		s.onFirstFrame = nil
		// Queued, it runs once this frame is painted: the driver runs
		// queued functions between frames, never inside one.
		go fyne.Do(f)
	}
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
