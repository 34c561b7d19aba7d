package ui

import (
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// fakeClock is the player's clock in tests: it moves only when told.
type fakeClock struct{ at time.Time }

func (c *fakeClock) now() time.Time      { return c.at }
func (c *fakeClock) add(d time.Duration) { c.at = c.at.Add(d) }

func newTestPlayer(t *testing.T, name string) (*animPlayer, fyne.Window, *fakeClock) {
	t.Helper()
	test.NewTempApp(t).Settings().SetTheme(newChairsideTheme(textScalePanel))
	clock := &fakeClock{at: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	p, err := newAnimPlayer(nil, name, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	p.now = clock.now
	// not a temporary window: one test closes it itself
	w := test.NewWindow(p)
	t.Cleanup(func() {
		if windowOpen(w) {
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(900, 640))
	p.win = w
	return p, w, clock
}

// Playing moves the film on with the clock, at the film's own pace, and
// the caption follows; pausing holds the frame however long the clock
// runs; a stray frame after the pause moves nothing.
func TestAnimPlayerPlayPause(t *testing.T) {
	p, _, clock := newTestPlayer(t, diagram.AnimCrack)
	if p.Time() != 0 || p.Playing() {
		t.Fatalf("a new player is at %v, playing %v; want paused at the start", p.Time(), p.Playing())
	}
	start := p.Caption()
	p.Play()
	if !p.Playing() || p.ticker == nil {
		t.Fatal("Play did not start the film")
	}
	clock.add(8 * time.Second) // half of the crack's 16 seconds
	p.tick()
	if got := p.Time(); got < 0.49 || got > 0.51 {
		t.Errorf("after 8 s of a 16 s film the time is %v, want 0.5", got)
	}
	if p.Caption() == start || p.Caption() != p.film.Anim.CaptionText(p.Time(), "en") {
		t.Errorf("the caption did not follow: %q", p.Caption())
	}
	if p.slider.Value != p.Time() {
		t.Errorf("the slider shows %v, the film is at %v", p.slider.Value, p.Time())
	}
	if p.play.Text != "Pause" {
		t.Errorf("while playing the button says %q", p.play.Text)
	}

	test.Tap(p.play) // pause
	held := p.Time()
	if p.Playing() || p.ticker != nil {
		t.Fatal("the play button did not pause")
	}
	clock.add(5 * time.Second)
	p.tick()
	if p.Time() != held {
		t.Errorf("paused at %v, the film moved to %v", held, p.Time())
	}
	if p.play.Text != "Play" {
		t.Errorf("paused, the button says %q", p.play.Text)
	}

	// playing on goes on from the frame held, not from the time paused
	test.Tap(p.play)
	clock.add(1600 * time.Millisecond)
	p.tick()
	if got := p.Time(); got < held+0.09 || got > held+0.11 {
		t.Errorf("resumed at %v, 1.6 s later the film is at %v, want %v", held, got, held+0.1)
	}

	// it stops by itself at the end, on the last frame
	clock.add(time.Minute)
	p.tick()
	if p.Time() != 1 || p.Playing() {
		t.Errorf("after a minute the film is at %v, playing %v; want stopped at the end", p.Time(), p.Playing())
	}
	// and Play from the end starts again
	p.Play()
	if p.Time() != 0 || !p.Playing() {
		t.Errorf("Play at the end: time %v, playing %v", p.Time(), p.Playing())
	}
}

// Dragging the slider shows that frame and its caption; Restart goes back
// to the beginning and plays.
func TestAnimPlayerScrubAndRestart(t *testing.T) {
	p, w, _ := newTestPlayer(t, diagram.AnimDisc)
	p.slider.SetValue(0.5) // as a drag ends
	if p.Time() != 0.5 {
		t.Fatalf("scrubbed to 0.5, the film is at %v", p.Time())
	}
	if want := p.film.Anim.CaptionText(0.5, "en"); p.Caption() != want {
		t.Errorf("scrubbed caption %q, want %q", p.Caption(), want)
	}
	if p.Playing() {
		t.Error("scrubbing a paused film started it")
	}
	// the frame drawn is the film's frame at that time
	img := p.draw(320, 200).(*image.RGBA)
	want := p.film.Image(0.5, 320, 200, diagram.FrameOptions{Lang: "en", Palette: diagram.Light})
	if string(img.Pix) != string(want.Pix) {
		t.Error("the player's frame is not the film's frame at 0.5")
	}
	// a tap on the slider's track moves it there
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.slider)
	size := p.slider.Size()
	test.TapCanvas(w.Canvas(), pos.Add(fyne.NewPos(size.Width*0.9, size.Height/2)))
	if p.Time() < 0.75 {
		t.Errorf("a tap near the slider's end put the film at %v", p.Time())
	}

	test.Tap(p.restart)
	if p.Time() != 0 || !p.Playing() {
		t.Errorf("Restart: time %v, playing %v", p.Time(), p.Playing())
	}
	if want := p.film.Anim.CaptionText(0, "en"); p.Caption() != want {
		t.Errorf("after Restart the caption is %q", p.Caption())
	}
}

// Closing the window stops the film: the next tick finds the window gone
// and stops the ticker for good. Hiding the player stops it too.
func TestAnimPlayerStopsWhenWindowClosesOrHidden(t *testing.T) {
	p, w, clock := newTestPlayer(t, diagram.AnimCrack)
	p.Play()
	w.Close()
	clock.add(2 * time.Second)
	p.tick()
	if p.Playing() || p.ticker != nil {
		t.Fatal("the film plays on after its window closed")
	}
	at := p.Time()
	clock.add(2 * time.Second)
	p.tick()
	if p.Time() != at {
		t.Error("the film moved after its window closed")
	}

	q, _, _ := newTestPlayer(t, diagram.AnimDisc)
	q.Play()
	q.Hide()
	if q.Playing() || q.ticker != nil {
		t.Error("a hidden player plays on")
	}
}

// Every facet joint and the cracking topic offer the crack, every disc the
// bulge; the button plays it over the diagram, Close takes it away, and
// the diagram under it gets no taps meanwhile.
func TestAnimationOpensFromThePanel(t *testing.T) {
	a, trace := newTestApp(t)
	for _, c := range []struct{ id, anim, at string }{
		{"facet:C5-C6:right", diagram.AnimCrack, "facet:C5-C6:right"},
		{"facet:L4-L5:left", diagram.AnimCrack, "facet:L4-L5:left"},
		{"topic:cracking-your-back", diagram.AnimCrack, ""},
		{"disc:L5-S", diagram.AnimDisc, ""},
		{"vertebra:L4", "", ""},
		{"nerve:L5:left", "", ""},
	} {
		name, at, _ := animationFor(c.id)
		if name != c.anim || at != c.at {
			t.Errorf("%s opens %q at %q, want %q at %q", c.id, name, at, c.anim, c.at)
		}
	}

	a.Select("facet:L4-L5:left")
	btn := animButton(a.panel.content, "See what happens when a joint cracks")
	if btn == nil {
		t.Fatal("the facet joint's panel has no button for the crack")
	}
	test.Tap(btn)
	p, ok := a.spine.Overlay().(*animPlayer)
	if !ok {
		t.Fatal("the button did not put the player over the diagram")
	}
	defer p.Pause()
	if p.film.Anim.Name != diagram.AnimCrack || p.film.At != "facet:L4-L5:left" || !p.Playing() {
		t.Errorf("the player shows %s at %q, playing %v", p.film.Anim.Name, p.film.At, p.Playing())
	}
	if p.Size() != a.spine.Size() {
		t.Errorf("the player is %v, the diagram %v", p.Size(), a.spine.Size())
	}
	if !strings.Contains(trace.String(), "animation crack") {
		t.Error("no trace line for the animation")
	}
	test.Tap(p.close)
	if a.spine.Overlay() != nil || p.Playing() {
		t.Error("Close did not take the player away and stop it")
	}

	a.Select("disc:L4-L5")
	if animButton(a.panel.content, "See how a bulge presses on a nerve") == nil {
		t.Error("the disc's panel has no button for the bulge")
	}
	// over the key points the button comes right under them, so they
	// keep their place under the title (presentation mode)
	a.panel.setReading(readKeyPoints)
	objs := a.panel.content.Objects
	at := -1
	for i, o := range objs {
		if b, ok := o.(*widget.Button); ok && b.Text == "See how a bulge presses on a nerve" {
			at = i
		}
	}
	if at < 1 {
		t.Fatalf("with the key points the button is at %d of the panel's text", at)
	}
	if _, ok := objs[at-1].(*widget.RichText); !ok {
		t.Errorf("with the key points the button follows a %T, not the points", objs[at-1])
	}
	a.panel.setReading(readFullText)
	a.Select("vertebra:L4")
	if animButton(a.panel.content, "See how a bulge presses on a nerve") != nil || animButton(a.panel.content, "See what happens when a joint cracks") != nil {
		t.Error("a vertebra offers an animation")
	}
}

// The player covers the diagram: a tap on the film reaches the player,
// not the structure of the diagram under it, and after Close it does.
func TestAnimPlayerCoversTheDiagram(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newChairsideTheme(textScalePanel))
	s := NewSpine(anatomy.Lateral)
	var picked []string
	s.OnSelect = func(id string) { picked = append(picked, id) }
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(600, 800))
	r, _ := anatomy.StructureBounds(anatomy.Lateral, "disc:T7-T8")
	at := s.toWidget(r.Center())
	if id, _ := s.structureAt(at); id != "disc:T7-T8" {
		t.Fatalf("the point is on %q, not on the disc", id)
	}
	p, err := newAnimPlayer(w, diagram.AnimDisc, "", func() { s.SetOverlay(nil) })
	if err != nil {
		t.Fatal(err)
	}
	s.SetOverlay(p)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(s).Add(at)
	test.TapCanvas(w.Canvas(), abs)
	if len(picked) != 0 {
		t.Errorf("a tap on the film picked %v under it", picked)
	}
	test.Tap(p.close)
	test.TapCanvas(w.Canvas(), abs)
	if len(picked) != 1 || picked[0] != "disc:T7-T8" {
		t.Errorf("after Close a tap on the disc picked %v", picked)
	}
}

// animButton is the button with text in the panel's text, or nil.
func animButton(o fyne.CanvasObject, text string) *widget.Button {
	for _, x := range walk(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// Space plays and pauses the film over the diagram, as in any video
// player; with no film open it changes nothing.
func TestSpacePlaysAndPausesTheFilm(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("facet:L4-L5:left")
	press(a, fyne.KeySpace)
	if a.spine.Overlay() != nil || a.selected != "facet:L4-L5:left" {
		t.Fatalf("Space with no film: overlay %v, selected %q", a.spine.Overlay(), a.selected)
	}
	test.Tap(animButton(a.panel.content, "See what happens when a joint cracks"))
	p, ok := a.spine.Overlay().(*animPlayer)
	if !ok || !p.Playing() {
		t.Fatal("the button did not start the film")
	}
	defer p.Pause()
	press(a, fyne.KeySpace)
	if p.Playing() {
		t.Fatal("Space did not pause the film")
	}
	if p.play.Text != "Play" {
		t.Errorf("paused, the button says %q", p.play.Text)
	}
	press(a, fyne.KeySpace)
	if !p.Playing() {
		t.Fatal("Space did not play the film again")
	}
	p.Hide()
	press(a, fyne.KeySpace)
	if p.Playing() {
		t.Error("Space played a hidden film")
	}
}
