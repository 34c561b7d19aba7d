// Package ui is everything Fyne: the window, the spine widget, the
// explanation panel, patients, the handout editor and presentation mode.
// It holds no business rules; it wires internal/ packages to the screen.
package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/assets"
	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/store"
)

// appIcon is the app's own spine drawing (assets/icon.png).
var appIcon = fyne.NewStaticResource("icon.png", assets.Icon)

// appTitle is the window title; the selected structure's name is appended.
const appTitle = "Chairside"

// App is the main window and the state of this visit: what is selected,
// the trail of everything shown, and the explanation open beside the diagram.
type App struct {
	fyneApp fyne.App
	win     fyne.Window
	opts    Options
	trace   *tracer
	// closeWindow closes the window once closeRequested allows it (tests
	// record it instead: the test driver's window cannot close twice).
	closeWindow func()

	// lib is the explanation library in the clinic's language.
	lib *content.Library
	// trail is every structure selected this session; the handout is drafted from it.
	trail *Trail
	// selected is the structure highlighted on the diagram ("" for none).
	selected string

	presenting bool
	// panelScale is the explanation panel's text scale now (larger in
	// presentation mode), kept when the theme changes.
	panelScale float32
	// windowed is the window's size before presentation mode, restored on
	// leaving it; windowedSplit the diagram's share of the width then.
	windowed      fyne.Size
	windowedSplit float64
	// controlScale enlarges the controls' type (presentation mode's bar).
	controlScale float32
	// presentBar is the row of large buttons shown while presenting.
	presentBar      fyne.CanvasObject
	presentViewBtns map[anatomy.View]*widget.Button
	otherSide       *widget.Button

	spine    *Spine
	viewBtns map[anatomy.View]*widget.Button
	// db is the open database; replaced after a restore, so read it
	// through DB() each time rather than keeping it.
	db *store.DB
	// data is the database's background work (automatic backups) and notices.
	data dataState

	panel     *explainPanel
	trailView *trailView
	search    *searchBox
	topics    dialog.Dialog // the topics browser, while open
	// handouts is the current patient, the patients screen and the handout editor.
	handouts *handoutDesk

	// toolbar holds the diagram controls on the left and, in actions, the
	// buttons for patients, handouts and settings.
	toolbar *fyne.Container
	actions *fyne.Container
	// toolbarBox, diagramBar and trailBox are hidden in presentation mode.
	toolbarBox fyne.CanvasObject
	diagramBar fyne.CanvasObject
	trailBox   fyne.CanvasObject
	main       *container.Split // diagram | explanation over trail
}

// Options is what the app is started with. main fills it from the command
// line (internal/cli), so that ui does not depend on the command line.
type Options struct {
	// AppID is the Fyne application ID; it also names the data folder.
	AppID  string
	DBPath string
	// DBNamed: --db or CHAIRSIDE_DB named DBPath, so a server chosen in
	// Settings > Data is not opened instead (see startup.startPath).
	DBNamed bool
	// Trace logs UI events (selection, saves) to stderr for the end-to-end
	// test; never patient data.
	Trace bool
}

// Run opens the database, then the main window, and blocks until the
// window closes. A database that cannot be opened gets a screen that says
// why and offers the ways out; the main window is built once one works.
// See firstframe.go for what runs beside what until the first frame.
func Run(opts Options) error {
	// Opened from the first line: a new file's migrations and the lock
	// take as long as the fonts and widgets below. Only a database named
	// on the command line is certain this early; otherwise the clinic's
	// server chosen in Settings may win (startup.startPath), which the
	// preferences read below say.
	warmSystemFonts()
	var pending *pendingDB
	if opts.DBNamed {
		pending = openDatabaseAhead(opts.DBPath)
	}
	// Start-up allocates and drops a lot (fonts, the library's parsing, the
	// widgets): the collector waits while both cores are busiest
	// (firstframe.go's paceCollector).
	pace := paceCollector()
	fa := app.NewWithID(opts.AppID)
	if pending == nil && fa.Preferences().String(prefServer) == "" {
		pending = openDatabaseAhead(opts.DBPath) // the file on this computer
	}
	// Before any window is built, so every word is in the chosen language.
	startLanguage(fa)
	startupTime("words")
	fontsRead := warmFonts()
	library := loadLibraryAhead(clinicLanguage())
	warmDiagram()
	w := fa.NewWindow(appTitle)
	startupTime("window made")
	// The same spine drawing FyneApp.toml packages, so the task bar and the
	// menu entry agree even when the binary runs unpackaged; given after
	// the first frame, as decoding it and handing it to the window system
	// is work the window's contents do not wait for.
	settle := sync.OnceFunc(func() {
		pace.firstFrame()
		fa.SetIcon(appIcon)
		w.SetIcon(appIcon)
	})
	var traceOut io.Writer
	if opts.Trace {
		traceOut = os.Stderr
	}
	// Waiting for the fonts, the main thread loads the OpenGL driver that
	// Show would load on the first frame's path (gldriver.go).
	preloadGLDriver()
	fontsRead()
	startupTime("fonts read")
	shown := false
	var ahead *spineAhead     // the spine's first frame drawn ahead, if it was
	fittedScale := float32(0) // the scale the main window was sized for; 0 before it is built
	s := newStartup(fa, w, newTracer(traceOut), func(db *store.DB) (*App, error) {
		lib, err := library()
		if err != nil {
			return nil, fmt.Errorf("load the explanation library: %w", err)
		}
		a := buildApp(fa, w, lib, opts, db, traceOut)
		a.spine.onFirstFrame = func() {
			a.trace.event("first frame, diagram drawn ahead %v", ahead.taken())
			a.firstFrameShown(settle)
		}
		w.Resize(defaultWindowSize)
		scale := expectedScale(fa)
		if shown {
			// Built after the problem screen: the window knows its scale.
			scale = w.Canvas().Scale()
		}
		fittedScale = fitToScreen(w, scale)
		a.trace.event("ready")
		return a, nil
	})
	s.pending = pending
	if err := s.open(s.startPath(opts)); err != nil {
		return err
	}
	if s.app != nil {
		// The spine's first frame is drawn on another core while the
		// main thread creates the window (see firstframe.go).
		layoutAhead(w)
		drawnAt := fittedScale
		if drawnAt <= 0 {
			drawnAt = expectedScale(fa)
		}
		ahead = s.app.spine.drawAhead(drawnAt)
	}
	pace.widgetsBuilt()
	startupTime("widgets built")
	w.Show()
	startupTime("first frame")
	shown = true
	if s.app == nil {
		settle() // the problem screen: no diagram to wait for
	}
	if fittedScale > 0 && w.Canvas().Scale() > fittedScale+0.05 {
		// The screen turned out denser than expected: the window as sized
		// would not fit, so size it again now that the scale is known.
		fitToScreen(w, w.Canvas().Scale())
	}
	fa.Run()
	s.close()
	return nil
}

// startupGCPercent is the collector's pace (GOGC) from the widgets built
// to the first frame: one collection in that time, for a few megabytes
// more held for a second. The spine's first idle gives the memory back
// either way.
const startupGCPercent = 400

// newApp builds the window's content on w, explaining from lib and keeping
// patients and handouts in db. traceOut receives one line per UI event when
// not nil.
func newApp(fa fyne.App, w fyne.Window, lib *content.Library, opts Options, db *store.DB, traceOut io.Writer) *App {
	a := buildApp(fa, w, lib, opts, db, traceOut)
	a.panel.render()
	return a
}

// buildApp is newApp with the panel's hint still to come: Run shows it
// after the first frame (firstFrameShown).
func buildApp(fa fyne.App, w fyne.Window, lib *content.Library, opts Options, db *store.DB, traceOut io.Writer) *App {
	fa.Settings().SetTheme(newChairsideTheme(textScalePanel))
	a := &App{fyneApp: fa, win: w, lib: lib, opts: opts, db: db, trace: newTracer(traceOut), trail: &Trail{},
		panelScale: textScalePanel, controlScale: 1}

	a.spine = NewSpine(anatomy.Lateral)
	a.spine.OnSelect = a.diagramTapped
	a.spine.OnHover = func(id string) {
		if id != "" {
			a.trace.event("hover %s", id)
		}
	}
	a.panel = newExplainPanel(a)
	a.trailView = newTrailView(a.trail, a.titleOf, a.reselect, a.removeFromVisit, a.confirmNewVisit)
	a.trail.OnChange(a.trailChanged)

	a.actions = container.NewHBox()
	present := widget.NewButtonWithIcon(tr("toolbar.present", "Present"), theme.ViewFullScreenIcon(), a.TogglePresentation)
	topics := widget.NewButtonWithIcon(tr("toolbar.topics", "Topics"), theme.ListIcon(), a.showTopics)
	a.search = newSearchBox(a)
	// The search field takes whatever width is left, so the window still
	// fits a 1366-pixel laptop screen with every action in the toolbar.
	a.toolbar = container.NewBorder(nil, nil,
		container.NewHBox(topics, present),
		a.actions,
		container.New(&minWidth{width: 200}, a.search))
	a.toolbarBox = container.NewVBox(container.NewPadded(a.toolbar), widget.NewSeparator())
	a.trailBox = container.NewPadded(a.trailView.root)
	sidebar := container.New(sidebarLayout{}, a.panel.root, a.trailBox)
	// The view switch and zoom presets sit above the diagram they steer.
	// On a narrow window the presets go under the view switch rather than
	// making the window wider than the screen.
	flow := container.New(flowLayout{}, a.viewSwitch(), a.presetButtons())
	a.diagramBar = container.NewPadded(flow)
	a.main = container.NewHSplit(container.New(diagramColumn{flow: flow}, a.diagramBar, a.spine), sidebar)
	a.main.Offset = 0.58
	a.handouts = newHandoutDesk(deskParts{win: w, prefs: fa.Preferences(), trace: a.trace, db: a.DB, lib: a.library,
		trail: a.trail, spine: a.spine, side: a.main, window: a})
	for _, b := range a.handouts.toolbarButtons() {
		a.AddToolbarAction(b)
	}
	a.OnDatabaseReplaced(a.handouts.databaseReplaced)
	// Closing the window writes the pending autosave first, so the last
	// few seconds of typing are not lost on an ordinary quit either.
	w.SetCloseIntercept(a.closeRequested)
	a.presentBar = a.newPresentBar()
	a.presentBar.Hide()
	w.SetContent(container.NewBorder(a.toolbarBox, a.presentBar, nil, nil, container.NewStack(a.main, a.search.layer)))
	w.Canvas().SetOnTypedKey(a.handleKey)
	a.updateTitle()
	return a
}

// viewSwitch is a two-button switch between the side and back views; the
// view on show is the highlighted button.
func (a *App) viewSwitch() fyne.CanvasObject {
	a.viewBtns = map[anatomy.View]*widget.Button{}
	box := container.NewHBox()
	for _, v := range anatomy.Views() {
		b := widget.NewButton(viewLabel(v), func() { a.SetView(v) })
		a.viewBtns[v] = b
		box.Add(b)
	}
	a.markView()
	return box
}

func viewLabel(v anatomy.View) string {
	switch v {
	case anatomy.Lateral:
		return tr("view.side", "Side view")
	case anatomy.Posterior:
		return tr("view.back", "Back view")
	}
	return string(v)
}

func (a *App) markView() {
	for _, btns := range []map[anatomy.View]*widget.Button{a.viewBtns, a.presentViewBtns} {
		for v, b := range btns {
			if v == a.spine.View() {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.MediumImportance
			}
			b.Refresh()
		}
	}
}

// SetView switches the diagram between the lateral and posterior views.
func (a *App) SetView(v anatomy.View) {
	if v == a.spine.View() {
		return
	}
	a.spine.SetView(v)
	a.markView()
	a.trace.event("view %s", v)
}

// presetButtons jump the diagram to the whole spine, the neck, the mid back
// or the low back and pelvis.
func (a *App) presetButtons() fyne.CanvasObject {
	box := container.NewHBox()
	for _, p := range anatomy.Presets() {
		box.Add(widget.NewButton(presetLabel(p), func() { a.ShowPreset(p) }))
	}
	return box
}

// DB is the open database. It changes after a restore from backup, so
// call it each time it is needed.
func (a *App) DB() *store.DB { return a.db }

// ShowPreset zooms the diagram to the whole spine, neck, mid back or low back.
func (a *App) ShowPreset(p anatomy.Preset) {
	a.backToSide() // from above, a preset goes back to the side view at that stretch
	a.spine.ShowPreset(p)
	a.trace.event("zoom %s", p)
}

// Window is the main window, for dialogs opened from other screens.
func (a *App) Window() fyne.Window { return a.win }

// Trail is this visit's ordered list of selected structures.
func (a *App) Trail() *Trail { return a.trail }

// Selected is the structure highlighted on the diagram, or "".
func (a *App) Selected() string { return a.selected }

// AddToolbarAction puts a button (Patients, Make handout, Settings) at the
// right end of the toolbar.
func (a *App) AddToolbarAction(obj fyne.CanvasObject) {
	a.actions.Add(obj)
}

// clinicLanguage is the language the texts are shown in: the app's (the
// clinician's choice, else the system's), as the library falls back to
// English (visibly) for anything not translated.
func clinicLanguage() string { return appLanguage() }

// library is the explanation library on screen, for the handout desk.
func (a *App) library() (*content.Library, error) {
	if a.lib == nil {
		return nil, errors.New("no explanation library is loaded")
	}
	return a.lib, nil
}
