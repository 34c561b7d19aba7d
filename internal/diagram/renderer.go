package diagram

import (
	"image"
	"math"
	"runtime"
	"sync"

	"chairside/internal/anatomy"
)

// Renderer draws scenes: to images for the screen and PNG files (Render,
// Image) and as vector calls to any Painter, such as the PDF writer's
// (Draw). It owns what makes the screen quick: the plain drawing of the
// last few scenes, each shape's outline at the last few scales, the marked
// findings' drawings, the label faces and the words (caches.go). Give each place that draws its own renderer: the
// spine widget keeps one for as long as it lives, a PNG or PDF export makes
// one for the picture, and their caches never mix.
//
// The zero value is ready to use; a Renderer must not be copied after first
// use. It is safe for concurrent use: the screen may repaint while a PDF is
// drawn.
type Renderer struct {
	base     baseCache
	outlines outlineCache
	faces    faceCache
	painters painterPool
	findings findingCache
	words    wordCache
}

// NewRenderer returns a renderer with empty caches.
func NewRenderer() *Renderer { return &Renderer{} }

// Draw draws the scene into a w x h box through p: the drawing with the
// session's highlights in their place (a highlighted vertebra stays under
// the nerve root that crosses it), then the label tags and numbered badges
// on top. Render and Image draw exactly the same through a raster painter.
func (r *Renderer) Draw(p Painter, sc Scene, w, h float64) {
	if !(w > 0) || !(h > 0) {
		return
	}
	t := Fit(sc, w, h)
	drawScene(p, nil, sc, w, h, highlights(sc, lineWidth(t)), nil)
	r.drawTop(p, sc, w, h)
}

// Render draws the scene to fill dst. The plain drawing (no highlights)
// of the last scene is kept; a repaint copies it and redraws, clipped to
// the highlighted structures, only the pieces of the drawing around them,
// so a hover change costs a fraction of a full drawing and looks the same.
func (r *Renderer) Render(dst *image.RGBA, sc Scene) {
	if dst == nil {
		return
	}
	b := dst.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return
	}
	key := baseKey{view: sc.View, camera: sc.Camera, ts: textScale(sc), w: b.Dx(), h: b.Dy(), pal: sc.palette()}
	r.base.paint(key, dst, func(img *image.RGBA) { r.drawSceneBands(img, sc, nil, nil) })
	r.drawSession(dst, sc, sessionClips(dst, sc))
}

// Image renders the scene into a new w x h image without keeping its plain
// drawing (a one-off picture has no hover to repaint). It takes the same
// steps as Render, so both give the very same pixels.
func (r *Renderer) Image(sc Scene, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	r.renderFresh(img, sc)
	return img
}

// renderFresh draws the whole scene into img from scratch.
func (r *Renderer) renderFresh(img *image.RGBA, sc Scene) {
	if img.Bounds().Empty() {
		return
	}
	clips := sessionClips(img, sc)
	// What the plain drawing would put inside the highlighted areas is
	// painted over by their redrawing (which starts from an opaque
	// background), so the pieces lying wholly inside one are left out.
	var holes []image.Rectangle
	if sc.palette().background.A == 255 {
		holes = clips
	}
	r.drawSceneBands(img, sc, nil, holes)
	r.drawSession(img, sc, clips)
}

// Trim drops the pictures, outlines and painters' buffers the renderer
// keeps, so an app that sits idle does not hold them (about 5 MB for a
// diagram filling half a 1728x972 screen). The next picture is drawn afresh, as after a zoom,
// well within a frame. Safe to call while another goroutine renders.
func (r *Renderer) Trim() {
	r.base.mu.Lock()
	r.base.entries = nil
	r.base.mu.Unlock()
	r.outlines.mu.Lock()
	r.outlines.sets = nil
	r.outlines.mu.Unlock()
	r.painters.trim()
}

// KeptBytes is about how much memory the renderer's kept pictures,
// outlines and idle painters take.
func (r *Renderer) KeptBytes() int {
	n := 0
	r.base.mu.Lock()
	for _, e := range r.base.entries {
		n += cap(e.img.Pix)
	}
	r.base.mu.Unlock()
	r.outlines.mu.Lock()
	for _, set := range r.outlines.sets {
		n += int(set.bytes.Load())
	}
	r.outlines.mu.Unlock()
	return n + r.painters.keptBytes()
}

// painter is one of the renderer's raster painters, drawing the part of a
// box that falls in dst, a band of a larger image whose box starts at
// origin. Give it back with release.
func (r *Renderer) painter(dst *image.RGBA, origin image.Point) *rasterPainter {
	p := r.painters.get()
	p.dst, p.off, p.faces, p.segs = dst, origin, &r.faces, p.segs[:0]
	p.rec, p.banded, p.holes = nil, false, nil
	return p
}

func (r *Renderer) release(p *rasterPainter) { r.painters.put(p) }

// drawSession redraws, over the plain drawing in dst, the areas around the
// highlighted structures (clips, from sessionClips) with their tints, then
// the tags and badges; in two halves of the picture side by side, where
// there are two CPUs (halves.go).
func (r *Renderer) drawSession(dst *image.RGBA, sc Scene, clips []image.Rectangle) {
	b := dst.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	hl := highlights(sc, lineWidth(Fit(sc, w, h)))
	tp := r.painter(dst, b.Min)
	tp.inHalves(func(p Painter) {
		for _, clip := range clips {
			pr := pxRect{float64(clip.Min.X - b.Min.X), float64(clip.Min.Y - b.Min.Y), float64(clip.Max.X - b.Min.X), float64(clip.Max.Y - b.Min.Y)}
			tp.dst = dst.SubImage(clip).(*image.RGBA)
			drawScene(p, r.kept(tp), sc, w, h, hl, &pr)
		}
		tp.dst = dst
		r.drawTop(p, sc, w, h)
	})
	r.release(tp)
}

// sessionClips are the areas of dst, in its coordinates, redrawn around
// the scene's highlighted structures.
func sessionClips(dst *image.RGBA, sc Scene) []image.Rectangle {
	b := dst.Bounds()
	t := Fit(sc, float64(b.Dx()), float64(b.Dy()))
	var clips []image.Rectangle
	for _, hr := range highlightRects(sc, t, highlights(sc, lineWidth(t))) {
		clip := image.Rect(int(math.Floor(hr.x0)), int(math.Floor(hr.y0)), int(math.Ceil(hr.x1)), int(math.Ceil(hr.y1))).Add(b.Min).Intersect(b)
		if !clip.Empty() {
			clips = append(clips, clip)
		}
	}
	return clips
}

// kept is how p draws shapes from the outlines this renderer keeps.
func (r *Renderer) kept(p *rasterPainter) *keptShapes {
	return &keptShapes{painter: p, cache: &r.outlines}
}

// highlightRects are the box areas the highlights touch, merged where they
// overlap.
func highlightRects(sc Scene, t Transform, hl map[string][]tintStyle) []pxRect {
	var rs []pxRect
	for id, tints := range hl {
		r, ok := anatomy.StructureBounds(sc.View, id)
		if !ok {
			continue
		}
		m := 3.0
		for _, ts := range tints {
			m = math.Max(m, ts.width+3)
		}
		x0, y0 := t.ToPixel(r.Min)
		x1, y1 := t.ToPixel(r.Max)
		q := pxRect{math.Max(x0-m, 0), math.Max(y0-m, 0), math.Min(x1+m, t.W), math.Min(y1+m, t.H)}
		if q.x1 <= q.x0 || q.y1 <= q.y0 {
			continue
		}
		rs = append(rs, q)
	}
	// merge until no two overlap
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(rs) && !merged; i++ {
			for j := i + 1; j < len(rs); j++ {
				if rs[i].overlaps(rs[j]) {
					a, c := rs[i], rs[j]
					rs[i] = pxRect{math.Min(a.x0, c.x0), math.Min(a.y0, c.y0), math.Max(a.x1, c.x1), math.Max(a.y1, c.y1)}
					rs = append(rs[:j], rs[j+1:]...)
					merged = true
					break
				}
			}
		}
	}
	return rs
}

// drawSceneBands draws the scene in two horizontal bands, side by side on
// two CPUs where there are, so a zoom or pan repaints in about half the
// time. The number of bands is fixed, not taken from the number of CPUs:
// a band clips the same drawing, but edges crossing a band's border are
// rounded a hair differently, and the picture (which the widget tests
// compare pixel for pixel) must not depend on the machine it is drawn on.
//
// A piece lying wholly inside one of holes is left out (see renderFresh).
func (r *Renderer) drawSceneBands(img *image.RGBA, sc Scene, hl map[string][]tintStyle, holes []image.Rectangle) {
	b := img.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	n := min(renderBands, max(1, b.Dy()/128))
	if n <= 1 {
		bp := r.painter(img, b.Min)
		bp.holes = holes
		drawScene(bp, r.kept(bp), sc, w, h, hl, nil)
		r.release(bp)
		return
	}
	band := func(i int) {
		y0 := b.Min.Y + b.Dy()*i/n
		y1 := b.Min.Y + b.Dy()*(i+1)/n
		clip := pxRect{0, float64(y0 - b.Min.Y), w, float64(y1 - b.Min.Y)}
		bp := r.painter(img.SubImage(image.Rect(b.Min.X, y0, b.Max.X, y1)).(*image.RGBA), b.Min)
		bp.holes = holes
		drawScene(bp, r.kept(bp), sc, w, h, hl, &clip)
		r.release(bp)
	}
	if runtime.GOMAXPROCS(0) < 2 {
		for i := 0; i < n; i++ {
			band(i)
		}
		return
	}
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			band(i)
		}()
	}
	band(0)
	wg.Wait()
}

// renderBands is how many bands a picture is drawn in (see drawSceneBands).
const renderBands = 2
