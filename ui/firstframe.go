package ui

import (
	"fmt"
	"image"
	"math"
	"os"
	"reflect"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/fontscan"

	"chairside/internal/anatomy"
	"chairside/internal/collector"
	"chairside/internal/content"
	"chairside/internal/diagram"
	"chairside/internal/store"
)

// Start-up (issue 12's budget: the window within 1.1 times a minimal Fyne
// app's start). What a minimal app does one thing after another on its
// main thread, Chairside spreads over the machine's cores, and what the
// first frame does not show waits for it:
//
//   - the database opens (on a new file, its migrations: one synced
//     transaction each) on its own goroutine as soon as Run knows which
//     (the file, or the clinic's server chosen in Settings);
//   - the explanation library loads on another as soon as the language is
//     known, and the side view's outlines are built on a third, both at a
//     lower priority (behind): they are wanted only once the widgets are
//     built, while the faces read beside them are wanted first;
//   - the fonts are read on two more (the system's font index from the
//     start, the faces once the language is set) while the main thread
//     makes the window; it builds the widgets once they are read, and
//     only then waits for the database and the library;
//   - the panel's hint (a page of wrapped text), the window icon (a
//     512-pixel picture to decode and hand to the window system) and the
//     garbage collector's usual pace wait for the diagram's first frame.

// pendingDB is the database being opened ahead of the window.
type pendingDB struct {
	path  string
	done  chan struct{}
	db    *store.DB
	err   error
	taken bool
}

// openDatabaseAhead starts opening the database at path on another
// goroutine; take waits for it.
func openDatabaseAhead(path string) *pendingDB {
	p := &pendingDB{path: path, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.db, p.err = openDatabase(path)
		startupTime("database open")
	}()
	return p
}

// take is the database at path: the one opened ahead when it is the same
// path, asked for the first time; otherwise (the problem screen's ways out
// try again or choose another file) it is opened now, and a database
// opened ahead but not wanted is closed, its lock released.
func (p *pendingDB) take(path string) (*store.DB, error) {
	if p == nil {
		return openDatabase(path)
	}
	if !p.taken {
		p.taken = true
		<-p.done
		if path == p.path {
			return p.db, p.err
		}
		if p.db != nil {
			p.db.Close()
		}
	}
	return openDatabase(path)
}

// loadLibraryAhead starts loading the explanation library in lang on
// another goroutine and returns the wait for it. Every window built in
// this run shares the one library: it is only read.
func loadLibraryAhead(lang string) func() (*content.Library, error) {
	type loaded struct {
		lib *content.Library
		err error
	}
	ch := make(chan loaded, 1)
	behind(func() {
		lib, err := content.Load(lang)
		startupTime("library loaded")
		ch <- loaded{lib, err}
	})
	return sync.OnceValues(func() (*content.Library, error) {
		r := <-ch
		return r.lib, r.err
	})
}

// warmDiagram builds the side view's outlines (anatomy builds each view
// once, on first use) on another goroutine: the spine's first layout and
// frame need them, and the window is being built meanwhile.
func warmDiagram() {
	behind(func() {
		anatomy.Shapes(anatomy.Lateral)
		startupTime("outlines built")
	})
}

// warmSystemFonts reads the index of the system's fonts (go-text's, one
// per process, which Fyne reads for the faces it adds for the language)
// on another goroutine from the first line of Run. Its 0.03 s came in the
// middle of the first face read, on the main thread's path; the language's
// face is still chosen where Fyne chooses it, once the language is set.
func warmSystemFonts() { go readSystemFontIndex() }

// readSystemFontIndex reads go-text's index of the system's fonts, once
// per process (later calls return at once).
func readSystemFontIndex() {
	// The cache folder Fyne names on every desktop system (internal/
	// painter's loadSystemFonts); the index does not depend on the font
	// map asking.
	_ = fontscan.NewFontMap(quietFontScan{}).UseSystemFonts("")
	startupTime("font index read")
}

// quietFontScan drops go-text's notes on the folders it scans, as Fyne's
// own font map does: the index is read once, with the first map's logger,
// and go-text's default logger would print them on every start.
type quietFontScan struct{}

func (quietFontScan) Printf(string, ...any) {}

// warmFonts starts reading the faces the first frame is drawn in, regular
// then bold (Fyne's own, its fallbacks and the system's face for the
// language), on another goroutine, and returns the wait for them. Read on
// the main thread they took it 0.12-0.18 s after the window was made;
// now the window is made meanwhile, and the widgets are built once they
// are read. One goroutine, not one per style: built with fyne.Do's
// migration (migrated_fynedo), Fyne's font and text-size caches are plain
// maps that only one goroutine may write at a time
// (TestFontsReadAheadMeasureAsOnTheMainThread under -race found two
// writers). Until the wait returns the main thread measures no text
// (making the window does not). Call it once the language is set: the
// system's face is chosen for it.
func warmFonts() (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("Chairside", theme.TextSize(), style)
		}
	}()
	return func() { <-done }
}

// firstFrameShown finishes the window once its diagram is on the screen:
// the panel's hint, unless something was opened already, then settle (the
// window icon and the collector's pace, once per run).
func (a *App) firstFrameShown(settle func()) {
	startupTime("after the first frame")
	if a.panel.Current() == "" && len(a.panel.content.Objects) == 0 {
		a.panel.render()
	}
	if settle != nil {
		settle()
	}
}

// spineAhead is the spine's first frame, drawn on another goroutine while
// the main thread creates the window and its OpenGL context (a quarter of
// a second of the window system's work, during which the other core has
// nothing to do). It is the frame the first paint would draw: the same
// renderer, scene and pixel size; the paint takes it only when all three
// still hold, and draws afresh otherwise.
type spineAhead struct {
	w, h  int
	scene diagram.Scene
	img   *image.RGBA
	done  chan struct{}
	// used: the first paint took this frame (start-up's trace says so)
	used bool
}

// drawAhead starts drawing the spine's frame at the size its layout gave
// it, in pixels at the canvas scale the window is expected to have (as
// Fyne's painter rounds a raster's size). It returns the drawing under
// way, nil when there is nothing to draw yet.
func (s *Spine) drawAhead(scale float32) *spineAhead {
	sz := s.Size()
	w, h := int(math.Round(float64(sz.Width*scale))), int(math.Round(float64(sz.Height*scale)))
	if w <= 0 || h <= 0 || s.ahead != nil {
		return nil
	}
	sc := s.scene()
	// Not on a canvas yet, the spine reads its scale as 1: give the
	// scene the scale it will be drawn at.
	sc.TextScale = s.textScale * float64(scale)
	a := &spineAhead{w: w, h: h, scene: sc, done: make(chan struct{})}
	s.ahead = a
	go func() {
		defer close(a.done)
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		s.renderer.Render(img, sc)
		a.img = img
		startupTime("diagram drawn ahead")
	}()
	return a
}

// takeAhead is the frame drawn ahead if it is w x h and shows the scene
// as it is now, else nil; either way it waits for that drawing to end, as
// the renderer draws one frame at a time.
func (s *Spine) takeAhead(w, h int) *image.RGBA {
	a := s.ahead
	if a == nil {
		return nil
	}
	s.ahead = nil
	startupTime("first paint's diagram")
	<-a.done
	if a.w != w || a.h != h || !reflect.DeepEqual(a.scene, s.scene()) {
		return nil
	}
	a.used = true
	// the spine holds the frame from now on, and drops it when idle
	img := a.img
	a.img = nil
	return img
}

// taken says whether the first paint took the frame drawn ahead.
func (a *spineAhead) taken() bool { return a != nil && a.used }

// layoutAhead lays the window's content out at the size the canvas will
// give it (the window's size, less the padding), as the first paint
// would, so that the spine knows its size before the window exists.
func layoutAhead(w fyne.Window) {
	size := w.Canvas().Size()
	// the canvas rounds its size up to whole units
	size = fyne.NewSize(float32(math.Ceil(float64(size.Width))), float32(math.Ceil(float64(size.Height))))
	if w.Padded() {
		size = size.Subtract(fyne.NewSquareSize(theme.Padding() * 2))
	}
	if c := w.Content(); c != nil && size.Width > 0 && size.Height > 0 {
		c.Resize(size.Max(c.MinSize()))
	}
}

// collectorPace is the garbage collector's pace through start-up.
type collectorPace struct{ held collector.Held }

// startupHeapCeiling is the Go heap at which the collector runs even while
// it is held back (paceCollector): start-up's own peak is about 40 MB, so
// only something unforeseen that allocates without bound reaches it.
const startupHeapCeiling = 256 << 20

// paceCollector holds the collector back until the widgets are built.
// Until then both cores are busy with the window, the fonts, the
// database, the library and the outlines, and the collection the usual
// pace started there (at about 17 MB: 4-26 ms of marking, and a pause
// while every goroutine stops) took processor time the window was
// waiting for; the next one came as the first frame was painted. Once the
// widgets are built the main thread makes the OpenGL context, mostly one
// core's work, and one collection runs beside it at the start-up pace
// (widgetsBuilt); the first frame restores the usual pace (firstFrame).
// Measured in turn with the usual pace (30 cold starts each, 2026-12-02):
// the first frame about 15 ms sooner, the same idle memory.
func paceCollector() *collectorPace {
	return &collectorPace{held: collector.Hold(startupHeapCeiling)}
}

// widgetsBuilt lets the collector run again, at the start-up pace.
func (p *collectorPace) widgetsBuilt() { p.held.Resume(startupGCPercent) }

// firstFrame restores the pace the process started with.
func (p *collectorPace) firstFrame() { p.held.Restore() }

// startupTimes: CHAIRSIDE_STARTUP_TIMES=1 prints a line to stderr at each
// step of a start (main reached, words, window, fonts, the database, the
// library and the outlines ready on their goroutines, the OpenGL driver
// loaded, widgets built, the diagram drawn ahead and asked for by the
// first paint, the first frame painted, what follows it): the time since
// the process was launched, the processor time the whole process and the
// calling thread had used by then. Comparing the two tells waiting (the
// program file read from disk, the window system) from work, and the
// thread's share tells the main thread's critical path from the work
// beside it. The budget's minimal program prints the same lines with
// -times. Unset, it costs one look at the environment.
var startupTimes = os.Getenv("CHAIRSIDE_STARTUP_TIMES") != ""

// StartupTime prints the step's line when CHAIRSIDE_STARTUP_TIMES is set.
func StartupTime(step string) { startupTime(step) }

func startupTime(step string) {
	if !startupTimes {
		return
	}
	since, process, thread := processTimes()
	fmt.Fprintf(os.Stderr, "startup: %-22s %5.0f ms after launch, processor %4.0f ms (this thread %4.0f ms)\n",
		step, ms(since), ms(process), ms(thread))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
