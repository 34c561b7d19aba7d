// Package ui is everything Fyne: the window, the spine widget, the
// explanation panel, patients, the handout editor and presentation mode.
// It holds no business rules; it wires internal/ packages to the screen.
package ui

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"

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
	"chairside/internal/words"
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
	// Trace logs UI events (selection, saves) to stderr for the end-to-end
	// test; never patient data.
	Trace bool
}

// Run opens the database, then the main window, and blocks until the
// window closes. A database that cannot be opened gets a screen that says
// why and offers the ways out; the main window is built once one works.
func Run(opts Options) error {
	fa := app.NewWithID(opts.AppID)
	// Before any window is built, so every word is in the chosen language.
	startLanguage(fa)
	// The same spine drawing FyneApp.toml packages, so the task bar and the
	// menu entry agree even when the binary runs unpackaged.
	fa.SetIcon(appIcon)
	w := fa.NewWindow(appTitle)
	var traceOut io.Writer
	if opts.Trace {
		traceOut = os.Stderr
	}
	shown := false
	fittedScale := float32(0) // the scale the main window was sized for; 0 before it is built
	s := newStartup(fa, w, newTracer(traceOut), func(db *store.DB) (*App, error) {
		lib, err := content.Load(clinicLanguage())
		if err != nil {
			return nil, fmt.Errorf("load the explanation library: %w", err)
		}
		a := newApp(fa, w, lib, opts, db, traceOut)
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
	if err := s.open(opts.DBPath); err != nil {
		return err
	}
	w.Show()
	shown = true
	if fittedScale > 0 && w.Canvas().Scale() > fittedScale+0.05 {
		// The screen turned out denser than expected: the window as sized
		// would not fit, so size it again now that the scale is known.
		fitToScreen(w, w.Canvas().Scale())
	}
	fa.Run()
	s.close()
	return nil
}

// expectedScale is the part of a window's scale (pixels per
// device-independent unit) known before the window exists: the user's
// (FYNE_SCALE or the Fyne setting). fitToScreen adds the desktop's. Sizing
// the window before it is shown means it opens at its size rather than
// visibly jumping to it.
func expectedScale(fa fyne.App) float32 {
	user := float32(1)
	if env := os.Getenv("FYNE_SCALE"); env != "" && env != "auto" {
		if v, err := strconv.ParseFloat(env, 32); err == nil && v > 0 {
			user = float32(v)
		}
	} else if v := fa.Settings().Scale(); v > 0 {
		user = v
	}
	return user
}

// defaultWindowSize fits a 1366x768 laptop screen with room for the
// desktop's panels.
var defaultWindowSize = fyne.NewSize(1280, 720)

// windowSizeFor is the main window's opening size on a screen of the given
// size (device-independent units; zero when unknown): most of a screen
// larger than the default, so the spine is drawn as large as the screen
// allows, with a margin left for the desktop's panels; the default where it
// fits and the screen is not much larger; never more than the screen (a
// small screen, or a large text scale, gets a window the size of the screen).
func windowSizeFor(screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return defaultWindowSize
	}
	const share = 0.9
	fit := func(def, scr float32) float32 {
		return max(float32(math.Floor(float64(scr*share))), min(def, scr))
	}
	return fyne.NewSize(fit(defaultWindowSize.Width, screen.Width), fit(defaultWindowSize.Height, screen.Height))
}

// fitToScreen sizes the main window for the screen it opens on, at scale
// pixels per unit, and centres it there. It returns the scale it sized
// for, or 0 where the screen cannot be measured (the window keeps the
// default size).
func fitToScreen(w fyne.Window, scale float32) float32 {
	pw, ph, desktopScale, ok := screenPixels()
	if !ok {
		return 0
	}
	// Fyne measures in device-independent units. Of the two scales take
	// the larger, so the window is never too big for the screen.
	k := max(scale, desktopScale, 1)
	w.Resize(windowSizeFor(fyne.NewSize(float32(pw)/k, float32(ph)/k)))
	w.CenterOnScreen()
	return k
}

// newApp builds the window's content on w, explaining from lib and keeping
// patients and handouts in db. traceOut receives one line per UI event when
// not nil.
func newApp(fa fyne.App, w fyne.Window, lib *content.Library, opts Options, db *store.DB, traceOut io.Writer) *App {
	fa.Settings().SetTheme(newChairsideTheme(textScalePanel))
	a := &App{fyneApp: fa, win: w, lib: lib, opts: opts, db: db, trace: newTracer(traceOut), trail: &Trail{},
		panelScale: textScalePanel, controlScale: 1}

	a.spine = NewSpine(anatomy.Lateral)
	a.spine.OnSelect = a.Select
	a.spine.OnHover = func(id string) {
		if id != "" {
			a.trace.event("hover %s", id)
		}
	}
	a.panel = newExplainPanel(a)
	a.trailView = newTrailView(a.trail, a.titleOf, a.reselect, a.removeFromVisit, a.confirmNewVisit)
	a.trail.onChange = func() {
		a.trailView.refresh()
		a.panel.updatePin()
		a.refreshDiscussed()
	}

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
	a.handouts = newHandoutDesk(a)

	a.toolbarBox = container.NewVBox(container.NewPadded(a.toolbar), widget.NewSeparator())
	a.trailBox = container.NewPadded(a.trailView.root)
	sidebar := container.New(sidebarLayout{}, a.panel.root, a.trailBox)
	// The view switch and zoom presets sit above the diagram they steer.
	// On a narrow window the presets go under the view switch rather than
	// making the window wider than the screen.
	a.diagramBar = container.NewPadded(container.New(&flowLayout{}, a.viewSwitch(), a.presetButtons()))
	a.main = container.NewHSplit(container.NewBorder(a.diagramBar, nil, nil, nil, a.spine), sidebar)
	a.main.Offset = 0.58
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

// Select makes id the selected structure: highlighted, explained in the
// panel and added to this visit (a tap, or a choice from search). Unknown
// IDs are ignored, as they can only come from stale links. Something the
// clinician removed this visit stays off it: see Trail.
func (a *App) Select(id string) {
	if a.selectStructure(id, true) {
		a.trail.Add(id)
	}
}

// Preview highlights and explains id without adding it to this visit:
// walking the spine with the arrow keys passes levels nobody talked about.
// Enter (or "Add to this visit") pins what is on show.
func (a *App) Preview(id string) {
	if a.selectStructure(id, true) {
		a.trace.event("previewed %s", id)
	}
}

// Pin adds what the panel shows (a structure, topic or condition) to this
// visit, also when it was removed earlier: pinning is the explicit way back.
func (a *App) Pin() {
	id := a.panel.Current()
	if id == "" || a.trail.Has(id) {
		return
	}
	a.trail.Pin(id)
	a.trace.event("pinned %s", id)
}

// removeFromVisit takes id off this visit: off the list and, when the
// editor is open, off the handout. It stays off until pinned again.
func (a *App) removeFromVisit(id string) {
	a.trail.Remove(id)
	a.trace.event("removed from visit %s", id)
	if a.handouts != nil && a.handouts.editor != nil {
		a.handouts.editor.removeRef(id)
	}
}

// openID follows a link: a structure is selected on the diagram, a topic
// or condition opens in the panel.
func (a *App) openID(id string) {
	if _, ok := anatomy.Lookup(id); ok {
		a.Select(id)
		return
	}
	a.panel.Open(id)
}

// reselect is a tap on a trail entry: the trail already holds it.
func (a *App) reselect(id string) {
	if _, ok := anatomy.Lookup(id); ok {
		a.selectStructure(id, true)
		return
	}
	a.panel.Open(id)
}

// selectStructure highlights id and, unless openText is false (the panel
// itself asked, with Back or Forward, and keeps its history), explains it.
// It reports whether id is a structure.
func (a *App) selectStructure(id string, openText bool) bool {
	if _, ok := anatomy.Lookup(id); !ok {
		return false
	}
	a.selected = id
	a.trace.event("selected %s", id)
	if !anatomy.Drawn(a.spine.View(), id) {
		// Right facets and nerve roots are only seen from behind, discs only
		// from the side: turn the diagram so the selection is in sight.
		for _, v := range anatomy.Views() {
			if anatomy.Drawn(v, id) {
				a.SetView(v)
				break
			}
		}
	}
	a.spine.SetSelected(id)
	a.updateOtherSide()
	if openText {
		a.panel.Open(id)
	}
	a.updateTitle()
	return true
}

// refreshDiscussed tints on the diagram what this visit has covered: the
// structures on the trail and on the open handout and, while a condition
// is open, the places it involves, so the patient sees where it happens.
func (a *App) refreshDiscussed() {
	if a.panel == nil || a.spine == nil {
		return // still building the window
	}
	ids := slices.DeleteFunc(a.trail.IDs(), func(id string) bool { _, ok := anatomy.Lookup(id); return !ok })
	if a.handouts != nil {
		ids = append(ids, a.handouts.Discussed()...) // the open handout's items
	}
	if cur := a.panel.Current(); content.KindOf(cur) == content.KindCondition && a.lib != nil {
		if t, err := a.lib.Explain(cur); err == nil {
			ids = append(ids, t.Structures...)
		}
	}
	seen := map[string]bool{}
	ids = slices.DeleteFunc(ids, func(id string) bool {
		dup := seen[id]
		seen[id] = true
		return dup
	})
	a.spine.SetDiscussed(ids)
}

// ClearSelection removes the highlight; the explanation stays open.
func (a *App) ClearSelection() {
	if a.selected == "" {
		return
	}
	a.selected = ""
	a.spine.SetSelected("")
	a.updateOtherSide()
	a.trace.event("selection cleared")
	a.updateTitle()
}

func (a *App) updateTitle() {
	if a.selected == "" {
		a.win.SetTitle(appTitle)
		return
	}
	a.win.SetTitle(appTitle + " — " + displayName(a.selected))
}

// handleKey is the window's keyboard: it gets keys whenever no text field
// has focus, so the arrows walk the spine after any click.
func (a *App) handleKey(ev *fyne.KeyEvent) {
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		// A dialog is open: the keys belong to it, not to the diagram
		// behind it.
		dialogKey(top, ev.Name)
		return
	}
	switch ev.Name {
	case fyne.KeyF11:
		a.TogglePresentation()
	case fyne.KeyEscape:
		if a.presenting {
			a.TogglePresentation()
			return
		}
		a.ClearSelection()
	case fyne.KeyV:
		// V turns the diagram, also in presentation mode where the switch is hidden.
		views := anatomy.Views()
		for i, v := range views {
			if v == a.spine.View() {
				a.SetView(views[(i+1)%len(views)])
				break
			}
		}
	case fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4:
		// 1-4 are the zoom presets, in toolbar order.
		presets := anatomy.Presets()
		if i := int(ev.Name[0] - '1'); i < len(presets) {
			a.ShowPreset(presets[i])
		}
	case fyne.KeyPlus, fyne.KeyEqual: // "=" is "+" without Shift on most keyboards
		a.spine.ZoomBy(1.25)
	case fyne.KeyMinus:
		a.spine.ZoomBy(0.8)
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		// Walking previews: only what is tapped, searched or pinned joins the visit.
		if a.selected == "" {
			// The first arrow press shows where the walk starts.
			a.Preview(a.startingPoint())
			return
		}
		if next := step(a.selected, ev.Name); next != "" {
			a.Preview(next)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		a.Pin()
	}
}

// startingPoint is where the arrow keys begin when nothing is selected: the
// last structure shown this visit, else the L4 vertebra, the level most
// low-back conversations start from.
func (a *App) startingPoint() string {
	ids := a.trail.IDs()
	for i := len(ids) - 1; i >= 0; i-- {
		if _, ok := anatomy.Lookup(ids[i]); ok {
			return ids[i]
		}
	}
	return "vertebra:L4"
}

// clinicLanguage is the language the texts are shown in: the app's (the
// clinician's choice, else the system's), as the library falls back to
// English (visibly) for anything not translated.
func clinicLanguage() string { return appLanguage() }

// titleOf is the heading for an ID in links and lists: a structure's name,
// else the library's title for the topic or condition.
func (a *App) titleOf(id string) string {
	if _, ok := anatomy.Lookup(id); ok {
		return displayName(id)
	}
	if a.lib != nil {
		if t, err := a.lib.Explain(id); err == nil && t.Title != "" {
			return t.Title
		}
	}
	return id
}

// displayName is a structure's name where it stands alone (a heading, a
// list entry, the name beside the pointer): "Left S1 nerve root",
// "Sacrum". anatomy.Name is lower case for use inside a sentence.
func displayName(id string) string { return words.UpperFirst(structureName(id)) }

// minWidth gives its objects at least a set width (the search field) and
// whatever more the layout around it offers.
type minWidth struct{ width float32 }

func (f *minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}

func (f *minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// sidebarLayout stacks the explanation (first object) over the trail
// (second). The explanation is what the patient reads, so on a short window
// the trail gives up height first: a quarter of the sidebar, between
// trailMinHeight and trailMaxHeight. A hidden trail (presentation mode)
// leaves the explanation the whole height.
type sidebarLayout struct{}

const (
	trailMinHeight = 120 // the heading and two entries
	trailMaxHeight = 190
)

func (sidebarLayout) trailHeight(total float32) float32 {
	return min(trailMaxHeight, max(trailMinHeight, total/4))
}

func (sidebarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if i == 1 {
			m.Height = max(m.Height, trailMinHeight)
		}
		s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
	}
	return s
}

func (l sidebarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) < 2 {
		return
	}
	panel, trail := objs[0], objs[1]
	h := float32(0)
	if trail.Visible() {
		h = l.trailHeight(size.Height)
		trail.Move(fyne.NewPos(0, size.Height-h))
		trail.Resize(fyne.NewSize(size.Width, h))
	}
	panel.Move(fyne.NewPos(0, 0))
	panel.Resize(fyne.NewSize(size.Width, size.Height-h))
}

// flowLayout puts its objects in a row, left to right, at their minimum
// sizes, starting a new row where the next one does not fit; the last
// object of a row that fits on one line is pushed to the right edge. Its
// minimum width is its widest object, so it never makes a window wider.
type flowLayout struct {
	width float32 // the width last laid out at, for MinSize's height
}

func (f *flowLayout) rows(objs []fyne.CanvasObject, width float32) [][]fyne.CanvasObject {
	var rows [][]fyne.CanvasObject
	var row []fyne.CanvasObject
	x := float32(0)
	gap := theme.Padding()
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		if len(row) > 0 && x+gap+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		if len(row) > 0 {
			x += gap
		}
		row = append(row, o)
		x += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest, all float32
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
			all += o.MinSize().Width + theme.Padding()
		}
	}
	width := f.width
	if width <= 0 {
		width = all // before the first layout: one row
	}
	h := float32(0)
	for i, row := range f.rows(objs, max(width, widest)) {
		if i > 0 {
			h += theme.Padding()
		}
		rh := float32(0)
		for _, o := range row {
			rh = max(rh, o.MinSize().Height)
		}
		h += rh
	}
	return fyne.NewSize(widest, h)
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	y := float32(0)
	rows := f.rows(objs, size.Width)
	for _, row := range rows {
		x, rh := float32(0), float32(0)
		for _, o := range row {
			rh = max(rh, o.MinSize().Height)
		}
		for i, o := range row {
			m := o.MinSize()
			if len(rows) == 1 && i == len(row)-1 && i > 0 {
				x = size.Width - m.Width // one line: the last group at the right edge
			}
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(m.Width, rh))
			x += m.Width + theme.Padding()
		}
		y += rh + theme.Padding()
	}
}
