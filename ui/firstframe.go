package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"chairside/internal/anatomy"
	"chairside/internal/content"
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
//     known, and the side view's outlines are built on a third;
//   - meanwhile the main thread reads the fonts and builds the widgets,
//     and only then waits for the two;
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
	go func() {
		lib, err := content.Load(lang)
		ch <- loaded{lib, err}
	}()
	return sync.OnceValues(func() (*content.Library, error) {
		r := <-ch
		return r.lib, r.err
	})
}

// warmDiagram builds the side view's outlines (anatomy builds each view
// once, on first use) on another goroutine: the spine's first layout and
// frame need them, and the window is being built meanwhile.
func warmDiagram() {
	go anatomy.Shapes(anatomy.Lateral)
}

// warmFonts reads the faces the first frame is drawn in (regular and bold:
// Fyne's own, its fallbacks and the system's face for the language) while
// the database and the library are still on their way. Read by the first
// widget measured, they kept the main thread busy after the wait instead.
func warmFonts() {
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("Chairside", theme.TextSize(), style)
	}
}

// firstFrameShown finishes the window once its diagram is on the screen:
// the panel's hint, unless something was opened already, then settle (the
// window icon and the collector's pace, once per run).
func (a *App) firstFrameShown(settle func()) {
	if a.panel.Current() == "" && len(a.panel.content.Objects) == 0 {
		a.panel.render()
	}
	if settle != nil {
		settle()
	}
}
