package ui

import (
	"context"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
)

// Run builds the window without the panel's hint and shows it once the
// diagram's first frame is on the screen: nothing already on show moves or
// changes when it comes.
func TestHintComesAfterTheFirstFrameAndMovesNothing(t *testing.T) {
	fa := test.NewTempApp(t)
	startLanguage(fa)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	a := buildApp(fa, w, testLibrary(t), Options{}, openTestDB(t), nil)
	t.Cleanup(a.stopTimers)
	p := a.panel

	if n := len(p.content.Objects); n != 0 {
		t.Fatalf("the panel holds %d objects before the first frame; want none (the hint waits)", n)
	}
	if !p.back.Disabled() || !p.forward.Disabled() || p.place.Visible() {
		t.Fatalf("before the hint: back disabled %v, forward disabled %v, place line shown %v; want them as they are with the hint (disabled, disabled, hidden)",
			p.back.Disabled(), p.forward.Disabled(), p.place.Visible())
	}
	titlePos, titleSize := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.title), p.title.Size()

	settled := 0
	a.firstFrameShown(func() { settled++ })
	if settled != 1 {
		t.Fatalf("settle ran %d times; want once", settled)
	}
	if !strings.Contains(richTextOf(p.content), "Tap any part of the spine") {
		t.Fatalf("after the first frame the panel shows %q; want the hint", richTextOf(p.content))
	}
	if got := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.title); got != titlePos || p.title.Size() != titleSize {
		t.Fatalf("the title moved when the hint came: %v %v, was %v %v", got, p.title.Size(), titlePos, titleSize)
	}
	if !p.back.Disabled() || !p.forward.Disabled() || p.place.Visible() {
		t.Fatal("the hint changed the buttons or the place line")
	}

	// Something opened before the first frame is not replaced by the hint.
	b := buildApp(fa, w, testLibrary(t), Options{}, a.DB(), nil)
	t.Cleanup(b.stopTimers)
	b.panel.Open("disc:L4-L5")
	b.firstFrameShown(nil)
	if b.panel.Current() != "disc:L4-L5" || strings.Contains(richTextOf(b.panel.content), "Tap any part") {
		t.Fatalf("the hint replaced what was opened before the first frame: %q", b.panel.Current())
	}
}

// The faces read ahead (regular and bold, on another goroutine while the
// main thread makes the window) are the ones the first frame measures its
// words with: after the wait every word measures as it does with the faces
// read afresh on the main thread. Under -race it also holds the reads to
// one writer of Fyne's caches at a time (reading the two styles on two
// goroutines at once raced here).
func TestFontsReadAheadMeasureAsOnTheMainThread(t *testing.T) {
	words := []string{"Chairside", "Side view", "Back view", "Low back and pelvis",
		"Tap any part of the spine to explain it here.", "José Núñez, 1 to 4"}
	measure := func() []fyne.Size {
		var sizes []fyne.Size
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			for _, w := range words {
				sizes = append(sizes, fyne.MeasureText(w, theme.TextSize()*textScalePanel, style))
			}
		}
		return sizes
	}
	freshApp := func() {
		fa := test.NewTempApp(t) // each test app starts with no faces read
		startLanguage(fa)
		fa.Settings().SetTheme(newChairsideTheme(textScalePanel))
	}

	freshApp()
	wait := warmFonts()
	wait()
	ahead := measure()

	freshApp()
	onMain := measure()
	for i := range ahead {
		if ahead[i] != onMain[i] || ahead[i].Width <= 0 {
			t.Fatalf("%q (bold %v) measures %v with the faces read ahead, %v with the faces read on the main thread",
				words[i%len(words)], i >= len(words), ahead[i], onMain[i])
		}
	}
}

// Reading the system's font index ahead prints nothing: go-text reads it
// once per process, with the logger of the first font map that asks, so
// the test reads it in a process of its own, where it is the first.
func TestSystemFontIndexReadQuietly(t *testing.T) {
	if os.Getenv("CHAIRSIDE_TEST_FONT_INDEX") == "1" {
		readSystemFontIndex()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSystemFontIndexReadQuietly$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CHAIRSIDE_TEST_FONT_INDEX=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("reading the font index in a process of its own: %v\n%s", err, out)
	}
	// (Fyne's own note on an unreadable locale, LANG=C.UTF-8 here, is not ours.)
	if strings.Contains(string(out), "fontscan") {
		t.Fatalf("reading the font index printed go-text's notes:\n%s", out)
	}
}

// The spine calls onFirstFrame after its first drawn frame, once.
func TestSpineCallsOnFirstFrameOnce(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newChairsideTheme(1))
	s := NewSpine(anatomy.Lateral)
	calls := make(chan struct{}, 4)
	s.onFirstFrame = func() { calls <- struct{}{} }
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(400, 600))
	w.Canvas().Capture()
	select {
	case <-calls:
	case <-time.After(5 * time.Second):
		t.Fatal("onFirstFrame was not called after the first frame")
	}
	s.Refresh()
	w.Canvas().Capture()
	select {
	case <-calls:
		t.Fatal("onFirstFrame was called again on a later frame")
	case <-time.After(200 * time.Millisecond):
	}
}

// The database opened ahead is the one the first open of the same path
// gets; another path gets its own, and the one opened ahead is closed.
func TestDatabaseOpenedAhead(t *testing.T) {
	dir := t.TempDir()
	first, other := filepath.Join(dir, "first.db"), filepath.Join(dir, "other.db")

	p := openDatabaseAhead(first)
	db, err := p.take(first)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if db != p.db || db.Path() != first {
		t.Fatalf("the first take of %s did not get the database opened ahead", first)
	}
	again, err := p.take(first)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	if again == db {
		t.Fatal("a second take (the problem screen's try again) got the same handle; want the file opened afresh")
	}

	q := openDatabaseAhead(first)
	chosen, err := q.take(other)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chosen.Close() })
	if chosen.Path() != other {
		t.Fatalf("take(%s) opened %s", other, chosen.Path())
	}
	if _, err := q.db.SearchPatients(context.Background(), "", false, 1); err == nil {
		t.Fatal("the database opened ahead for another path is still open; want it closed, its lock released")
	}
	// A file that cannot be opened (here a folder) is reported by take,
	// as openDatabase would report it.
	bad := openDatabaseAhead(dir)
	if _, err := bad.take(dir); err == nil {
		t.Fatal("a folder opened as a database")
	}
}

// richTextOf is every RichText's and Label's words under o, in order.
func richTextOf(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, obj := range test.LaidOutObjects(o) {
		switch v := obj.(type) {
		case *widget.RichText:
			b.WriteString(v.String())
			b.WriteString("\n")
		case *widget.Label:
			b.WriteString(v.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// aheadWindow is a spine alone in a padded window of 420x640, laid out as
// Run lays it out before the window exists, and not yet drawn.
func aheadWindow(t *testing.T) (*Spine, fyne.Window) {
	t.Helper()
	s := NewSpine(anatomy.Lateral)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(420, 640))
	layoutAhead(w)
	if want := fyne.NewSize(420-2*theme.Padding(), 640-2*theme.Padding()); s.Size() != want {
		t.Fatalf("laid out ahead, the spine is %v; want %v (the window less its padding)", s.Size(), want)
	}
	return s, w
}

// The spine's first frame drawn before the window exists is the frame
// the first paint draws: taken, and the window looks exactly as when it
// is drawn in the paint.
func TestSpineFirstFrameDrawnAhead(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newChairsideTheme(textScalePanel))
	s, w := aheadWindow(t)
	ahead := s.drawAhead(w.Canvas().Scale())
	if ahead == nil {
		t.Fatal("nothing drawn ahead for a laid-out spine")
	}
	got := w.Canvas().Capture()
	if !ahead.taken() {
		t.Fatal("the first paint drew the spine again instead of taking the frame drawn ahead")
	}

	plain, pw := aheadWindow(t)
	want := pw.Canvas().Capture()
	if !imagesEqual(got, want) {
		t.Fatal("the window with the frame drawn ahead differs from the one drawn in the paint")
	}
	if plain.ahead != nil || s.ahead != nil {
		t.Fatal("a frame drawn ahead is still held after the first paint")
	}
}

// A frame drawn ahead that no longer shows the spine as it is (a
// structure selected meanwhile, another scale) is not used: the paint
// draws the spine as it is.
func TestSpineFrameDrawnAheadNotUsedWhenStale(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newChairsideTheme(textScalePanel))
	for _, tc := range []struct {
		name     string
		scale    float32
		selected string
	}{{"selected meanwhile", 1, "vertebra:L4"}, {"other scale", 2, ""}} {
		t.Run(tc.name, func(t *testing.T) {
			s, w := aheadWindow(t)
			ahead := s.drawAhead(tc.scale)
			if tc.selected != "" {
				s.SetSelected(tc.selected)
			}
			got := w.Canvas().Capture()
			if ahead.taken() {
				t.Fatal("the paint took a frame drawn ahead that is out of date")
			}
			fresh, fw := aheadWindow(t)
			if tc.selected != "" {
				fresh.SetSelected(tc.selected)
			}
			if !imagesEqual(got, fw.Canvas().Capture()) {
				t.Fatal("the window differs from one whose spine was drawn in the paint")
			}
		})
	}
}

func imagesEqual(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// The collector is held back until the widgets are built, under a ceiling
// that a lower GOMEMLIMIT overrides, runs at the start-up pace until the
// first frame, and then at the pace the process started with.
func TestCollectorPacedThroughStartup(t *testing.T) {
	startPercent, startLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(startPercent); debug.SetMemoryLimit(startLimit) })
	current := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}

	p := paceCollector()
	if percent, limit := current(); percent != -1 || limit != startupHeapCeiling {
		t.Fatalf("until the widgets are built: GOGC %d, limit %d; want off under %d", percent, limit, startupHeapCeiling)
	}
	p.widgetsBuilt()
	if percent, limit := current(); percent != startupGCPercent || limit != math.MaxInt64 {
		t.Fatalf("widgets built: GOGC %d, limit %d; want %d and no limit", percent, limit, startupGCPercent)
	}
	p.firstFrame()
	if percent, _ := current(); percent != 100 {
		t.Fatalf("after the first frame GOGC is %d, want the 100 it started with", percent)
	}

	// a clinic's own lower limit stays through start-up and after
	debug.SetMemoryLimit(64 << 20)
	p = paceCollector()
	if _, limit := current(); limit != 64<<20 {
		t.Fatalf("with GOMEMLIMIT at 64 MB the start-up limit is %d", limit)
	}
	p.widgetsBuilt()
	p.firstFrame()
	if _, limit := current(); limit != 64<<20 {
		t.Fatalf("GOMEMLIMIT of 64 MB not restored: %d", limit)
	}
}
