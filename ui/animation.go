package ui

import (
	"image"
	"strings"
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

// animPlayer plays one of the diagram's animations (internal/diagram's
// films) over the diagram: play and pause, a slider to scrub, restart, the
// caption in the panel's type (large in presentation mode) and its
// sources. A frame is a pure function of the film's time, so scrubbing and
// playing draw the same pictures.
//
// While playing, a fyne.Animation ticks it: Fyne's loop runs it on the UI
// goroutine with each frame it draws, 60 a second, so nothing here races
// with the widgets. It stops when the player is hidden or closed, when its
// renderer is destroyed (the window closing) and at the first tick after
// its window has gone.
type animPlayer struct {
	widget.BaseWidget

	win  fyne.Window
	film *diagram.Film
	lang string

	t       float64 // the film's time, 0 to 1
	playing bool
	last    time.Time        // the time of the last tick while playing
	now     func() time.Time // the clock; tests set their own
	ticker  *fyne.Animation  // non-nil while playing

	img     *image.RGBA
	frame   *canvas.Raster
	title   *widget.Label
	caption *widget.Label
	sources *widget.Label
	slider  *widget.Slider
	play    *widget.Button
	restart *widget.Button
	close   *widget.Button
	// syncing is set while the player moves its own slider, so the
	// slider's change is not taken for the clinician's scrub
	syncing    bool
	captionKey string

	onClose func()
}

// newAnimPlayer is a player of the film for animation name ("crack",
// "disc") shown at structure at (the facet joint it was opened from, or
// ""), in window win; onClose takes it away. It starts paused at the
// beginning.
func newAnimPlayer(win fyne.Window, name, at string, onClose func()) (*animPlayer, error) {
	film, err := diagram.NewFilm(name, at)
	if err != nil {
		return nil, err
	}
	p := &animPlayer{win: win, film: film, lang: shownLanguage(), now: time.Now, onClose: onClose}
	p.frame = canvas.NewRaster(p.draw)
	p.frame.ScaleMode = canvas.ImageScaleFastest
	p.title = widget.NewLabelWithStyle(film.Anim.Title(p.lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.caption = widget.NewLabel("")
	p.caption.Wrapping = fyne.TextWrapWord
	// the patient reads it: the panel's type, which grows in presentation mode
	p.caption.SizeName = sizePanelText
	p.sources = widget.NewLabel(tr("anim.sources", "Sources: {{.Sources}}", map[string]any{"Sources": shortSources(film.Anim.Sources)}))
	p.sources.Wrapping = fyne.TextWrapWord
	p.sources.SizeName = theme.SizeNameCaptionText
	p.slider = widget.NewSlider(0, 1)
	p.slider.Step = 0.001
	p.slider.OnChanged = func(v float64) {
		if !p.syncing {
			p.Seek(v)
		}
	}
	p.play = widget.NewButtonWithIcon(tr("anim.play", "Play"), theme.MediaPlayIcon(), p.TogglePlay)
	p.play.Importance = widget.HighImportance
	p.restart = widget.NewButtonWithIcon(tr("anim.restart", "Restart"), theme.MediaReplayIcon(), p.Restart)
	p.close = widget.NewButtonWithIcon(tr("anim.close", "Close"), theme.CancelIcon(), p.Close)
	p.ExtendBaseWidget(p)
	p.update()
	return p, nil
}

// shortSources names each source by its authors and year ("Kawchuk GN,
// Fryer J, … 2015"): the full citations are in the texts' source lists.
func shortSources(cites []string) string {
	out := make([]string, 0, len(cites))
	for _, c := range cites {
		first, _, _ := strings.Cut(c, ",")
		year := ""
		for _, f := range strings.FieldsFunc(c, func(r rune) bool { return r < '0' || r > '9' }) {
			if len(f) == 4 && (f[:2] == "19" || f[:2] == "20") {
				year = f
				break
			}
		}
		if strings.HasPrefix(c, "National Institute for Health and Care Excellence") {
			first = "NICE"
		} else if strings.HasPrefix(c, "OpenStax") {
			first = "OpenStax"
		}
		out = append(out, strings.TrimSpace(first+" "+year))
	}
	return strings.Join(out, "; ")
}

// Time is the film's time on show, 0 to 1.
func (p *animPlayer) Time() float64 { return p.t }

// Playing reports whether the film is playing.
func (p *animPlayer) Playing() bool { return p.playing }

// Caption is the caption on show.
func (p *animPlayer) Caption() string { return p.caption.Text }

// Play plays from the time on show (from the start once at the end).
func (p *animPlayer) Play() {
	if p.playing {
		return
	}
	if p.t >= 1 {
		p.t = 0
	}
	p.playing = true
	p.last = p.now()
	p.ticker = fyne.NewAnimation(time.Second, func(float32) { p.tick() })
	p.ticker.RepeatCount = fyne.AnimationRepeatForever
	p.ticker.Curve = fyne.AnimationLinear
	p.update()
	p.ticker.Start()
}

// Pause holds the frame on show.
func (p *animPlayer) Pause() {
	p.stopTicker()
	if p.playing {
		p.playing = false
		p.update()
	}
}

func (p *animPlayer) stopTicker() {
	if p.ticker != nil {
		p.ticker.Stop()
		p.ticker = nil
	}
}

// TogglePlay is the play/pause button.
func (p *animPlayer) TogglePlay() {
	if p.playing {
		p.Pause()
	} else {
		p.Play()
	}
}

// Restart plays from the beginning.
func (p *animPlayer) Restart() {
	p.t = 0
	p.last = p.now()
	if !p.playing {
		p.Play()
		return
	}
	p.update()
}

// Seek shows the frame at time t (the slider); playing goes on from there.
func (p *animPlayer) Seek(t float64) {
	p.t = min(max(t, 0), 1)
	p.last = p.now()
	p.update()
}

// Close stops the film and takes the player away.
func (p *animPlayer) Close() {
	p.Pause()
	if p.onClose != nil {
		p.onClose()
	}
}

// Hide stops the film: nothing plays unseen.
func (p *animPlayer) Hide() {
	p.Pause()
	p.BaseWidget.Hide()
}

// tick moves the film on by the time since the last tick, at its own
// pace whatever the frame rate; it stops at the end, and for good once the
// window has gone.
func (p *animPlayer) tick() {
	if !p.playing {
		p.stopTicker()
		return
	}
	if !windowOpen(p.win) || !p.Visible() {
		p.Pause()
		return
	}
	now := p.now()
	dt := now.Sub(p.last).Seconds()
	p.last = now
	if dt > 0 {
		p.t += dt / p.film.Anim.Seconds
	}
	if p.t >= 1 {
		p.t = 1
		p.Pause()
		return
	}
	p.update()
}

// windowOpen reports whether w is still one of the app's windows (a
// closed window leaves the driver's list).
func windowOpen(w fyne.Window) bool {
	if w == nil {
		return true
	}
	for _, o := range fyne.CurrentApp().Driver().AllWindows() {
		if o == w {
			return true
		}
	}
	return false
}

// update shows the time on show: the frame, the slider, the caption and
// the play button.
func (p *animPlayer) update() {
	p.syncing = true
	p.slider.SetValue(p.t)
	p.syncing = false
	if c := p.film.Anim.CaptionAt(p.t); c.Key != p.captionKey || p.caption.Text == "" {
		p.captionKey = c.Key
		p.caption.SetText(p.film.Anim.CaptionText(p.t, p.lang))
	}
	if p.playing {
		p.play.SetText(tr("anim.pause", "Pause"))
		p.play.SetIcon(theme.MediaPauseIcon())
	} else {
		p.play.SetText(tr("anim.play", "Play"))
		p.play.SetIcon(theme.MediaPlayIcon())
	}
	p.frame.Refresh()
}

// draw is the frame at the time on show, at the raster's pixel size, in
// the theme's palette as the diagram is.
func (p *animPlayer) draw(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	if p.img == nil || p.img.Rect.Dx() != w || p.img.Rect.Dy() != h {
		p.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	pal := diagram.Light
	if themeIsDark(p.Theme()) {
		pal = diagram.Dark
	}
	p.film.Render(p.img, p.t, diagram.FrameOptions{Lang: p.lang, Palette: pal})
	return p.img
}

// The player covers the diagram: taps, drags, the wheel and the pointer
// stop here rather than reaching the spine under it.
func (p *animPlayer) Tapped(*fyne.PointEvent)        {}
func (p *animPlayer) Dragged(*fyne.DragEvent)        {}
func (p *animPlayer) DragEnd()                       {}
func (p *animPlayer) Scrolled(*fyne.ScrollEvent)     {}
func (p *animPlayer) MouseIn(*desktop.MouseEvent)    {}
func (p *animPlayer) MouseMoved(*desktop.MouseEvent) {}
func (p *animPlayer) MouseOut()                      {}

func (p *animPlayer) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	top := container.NewBorder(nil, nil, nil, p.close, p.title)
	controls := container.NewBorder(nil, nil, container.NewHBox(p.play, p.restart), nil, p.slider)
	bottom := container.NewVBox(p.caption, controls, p.sources)
	content := container.NewBorder(top, bottom, nil, nil, p.frame)
	return &animPlayerRenderer{p: p, bg: bg, content: container.NewPadded(content)}
}

type animPlayerRenderer struct {
	p       *animPlayer
	bg      *canvas.Rectangle
	content *fyne.Container
}

func (r *animPlayerRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.content.Resize(size)
}

func (r *animPlayerRenderer) MinSize() fyne.Size { return r.content.MinSize() }

func (r *animPlayerRenderer) Refresh() {
	r.bg.FillColor = r.p.Theme().Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r.bg.Refresh()
	r.content.Refresh()
}

func (r *animPlayerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.content}
}

// Destroy stops the film when the player leaves the screen for good (the
// window closing).
func (r *animPlayerRenderer) Destroy() { r.p.stopTicker(); r.p.playing = false }

// animationFor is the animation a text opens, and the words of its
// button: every facet joint and the cracking topic open the crack (a
// facet joint shows itself), every disc the bulge.
func animationFor(id string) (name, at, label string) {
	if id == "topic:cracking-your-back" {
		return diagram.AnimCrack, "", tr("anim.open_crack", "See what happens when a joint cracks")
	}
	st, ok := anatomy.Lookup(id)
	if !ok {
		return "", "", ""
	}
	switch st.Kind {
	case anatomy.Facet:
		return diagram.AnimCrack, st.ID, tr("anim.open_crack", "See what happens when a joint cracks")
	case anatomy.Disc:
		return diagram.AnimDisc, "", tr("anim.open_disc", "See how a bulge presses on a nerve")
	}
	return "", "", ""
}

// withAnimationButton puts the button that opens id's animation, if it
// has one, at the top of the panel's text; when the panel shows the key
// points (presentation mode), right under them instead, so that every
// point still fits under the title without scrolling.
func withAnimationButton(a *App, id string, objs []fyne.CanvasObject) []fyne.CanvasObject {
	name, at, label := animationFor(id)
	if name == "" {
		return objs
	}
	b := widget.NewButtonWithIcon(label, theme.MediaPlayIcon(), func() { a.showAnimation(name, at) })
	if a.panel != nil && a.panel.ReadingKeyPoints() {
		for i, o := range objs {
			if _, ok := o.(*widget.RichText); ok { // the key points
				return append(objs[:i+1:i+1], append([]fyne.CanvasObject{b}, objs[i+1:]...)...)
			}
		}
	}
	return append([]fyne.CanvasObject{b}, objs...)
}

// toggleAnimation plays or pauses the film over the diagram (the Space
// key) and reports whether one was open to play or pause.
func (a *App) toggleAnimation() bool {
	p, ok := a.spine.Overlay().(*animPlayer)
	if !ok || !p.Visible() {
		return false
	}
	p.TogglePlay()
	return true
}

// showAnimation plays animation name over the diagram (in presentation
// mode the diagram fills the screen, and so does the film); Close brings
// the diagram back.
func (a *App) showAnimation(name, at string) {
	if old, ok := a.spine.Overlay().(*animPlayer); ok {
		old.Pause()
	}
	p, err := newAnimPlayer(a.win, name, at, func() { a.spine.SetOverlay(nil) })
	if err != nil {
		return // the names come from animationFor: none is unknown
	}
	a.trace.event("animation %s", name)
	a.spine.SetOverlay(p)
	p.Play()
}
