package ui

import (
	"math"
	"time"

	"fyne.io/fyne/v2"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

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
