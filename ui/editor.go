package ui

import (
	"maps"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/handout"
)

// handoutEditor edits one handout beside the diagram, so that problem
// areas can be marked on it: items (reorder, remove, add from the
// library), title and date, marks, home-care stretches and instructions,
// clinician notes. Drafts autosave a few seconds after the last change;
// Ctrl+S saves. On any save error the text stays in the editor.
type handoutEditor struct {
	desk *handoutDesk
	lib  *content.Library
	// h holds what the fields do not: ID, patient, revision, language,
	// the red-flags list, and the last saved values.
	h           handout.Handout
	patientName string

	items []handout.Item
	marks []handout.Mark

	heading    *widget.RichText
	statusLine *widget.Label
	title      *shortcutEntry
	titleErr   *widget.Label
	date       *shortcutEntry
	dateErr    *widget.Label
	status     *widget.RadioGroup

	itemsBox   *fyne.Container
	addSearch  *shortcutEntry
	addResults *fyne.Container
	addHits    []content.Hit

	marking    bool
	markBtn    *widget.Button
	markHint   *widget.Label
	finding    *widget.Select
	findingOpt *widget.Select  // the finding's option (marks.go, findingOptions)
	curveAngle *widget.Entry   // a scoliosis curve's angle
	detailRow  *fyne.Container // findingOpt with curveAngle beside it when shown
	markNote   *shortcutEntry
	marksBox   *fyne.Container
	markTools  *fyne.Container
	stretches  []handout.Stretch
	stretchBox []*widget.Check
	plan       *exercisePlan // the home exercises (editor_exercises.go)
	// livePreview: page count and first page as it changes (editor_preview.go)
	livePreview *editorPreview

	instructions *shortcutEntry
	notes        *shortcutEntry

	// unsaved: changed since the last Save (autosaves do not count, so
	// switching patient still asks). autosavedSinceSave: an autosave has
	// written some of those changes.
	unsaved            bool
	autosavedSinceSave bool
	// autosaveFailed: the last autosave was refused (the store said why in
	// the status line); the text is only in this window until one works.
	autosaveFailed bool
	loading        bool
	saver          *autosaver
	// saved is the handout as last saved with Save (or as opened), what
	// "Discard changes" goes back to; nil for a new handout never saved.
	saved *handout.Handout

	// onTrail is what was on the visit's trail when the editor opened or
	// last looked: only structures shown after that are added to the
	// handout, so a removed item does not come back by itself.
	onTrail map[string]bool
	// ofVisit: this is the handout made from the visit (Make handout), which
	// Make handout reopens after it is closed (handoutDesk.visitHandout).
	ofVisit bool

	root   fyne.CanvasObject
	scroll *container.Scroll // the editor's fields, scrolled
	// markSection heads the mark tools, scrolled into view by mark mode.
	markSection fyne.CanvasObject
	tabs        *container.AppTabs // Explanation | Handout, in the side pane
	previous    fyne.CanvasObject  // the side pane the editor replaced
}

func newHandoutEditor(d *handoutDesk, h *handout.Handout, patientName string, lib *content.Library) *handoutEditor {
	e := &handoutEditor{desk: d, lib: lib, h: *h, patientName: patientName, loading: true}
	e.items = slices.Clone(h.Items)
	e.onTrail = map[string]bool{}
	for _, id := range d.trail.IDs() {
		e.onTrail[id] = true
	}
	e.marks = slices.Clone(h.Marks)
	e.saver = newAutosaver(d.delay, d.after, e.autosave)
	if h.ID != 0 {
		saved := *h
		e.saved = &saved
	}

	e.heading = widget.NewRichText()
	e.heading.Wrapping = fyne.TextWrapWord
	e.setPatientName(patientName)
	e.statusLine = widget.NewLabel("")
	e.statusLine.Wrapping = fyne.TextWrapWord

	e.title = newShortcutEntry(d, false)
	e.title.SetPlaceHolder(tr("editor.title.hint", "Title printed on the handout"))
	e.title.SetText(h.Title)
	e.title.OnChanged = func(string) {
		e.titleErr.Hide() // about the text refused; the next save checks again
		e.changed()
	}
	e.titleErr = errorLabel()
	e.date = newShortcutEntry(d, false)
	e.date.SetPlaceHolder(tr("editor.date.hint", "YYYY-MM-DD"))
	if h.Date.IsZero() {
		e.date.SetText(time.Now().Format("2006-01-02"))
	} else {
		e.date.SetText(h.Date.Format("2006-01-02"))
	}
	e.date.OnChanged = func(string) {
		e.dateErr.Hide()
		e.changed()
	}
	e.dateErr = errorLabel()
	e.status = widget.NewRadioGroup([]string{statusLabel(handout.Draft), statusLabel(handout.Final)}, func(string) { e.changed() })
	e.status.Horizontal = true
	e.status.Required = true
	e.status.SetSelected(statusLabel(h.Status))

	e.itemsBox = container.NewVBox()
	e.addSearch = newShortcutEntry(d, false)
	e.addSearch.SetPlaceHolder(tr("editor.add.hint", "Add an explanation: type a structure, topic or condition…"))
	e.addSearch.OnChanged = func(q string) { e.searchToAdd(q) }
	e.addSearch.OnSubmitted = func(string) {
		if len(e.addHits) > 0 {
			e.addItem(e.addHits[0].ID)
		}
	}
	e.addResults = container.NewVBox()

	e.buildMarkTools()
	e.buildHomeCare()
	e.plan = newExercisePlan(e)
	e.livePreview = newEditorPreview(e)

	e.notes = newShortcutEntry(d, true)
	e.notes.SetPlaceHolder(tr("editor.notes.hint", "Notes from the clinician, printed on the handout"))
	e.notes.SetMinRowsVisible(4)
	e.notes.SetText(h.ClinicianNotes)
	e.notes.OnChanged = func(string) { e.changed() }

	save := widget.NewButtonWithIcon(tr("editor.save", "Save (Ctrl+S)"), theme.DocumentSaveIcon(), func() { e.Save(e.statusChoice()) })
	save.Importance = widget.HighImportance
	final := widget.NewButtonWithIcon(tr("editor.save_final", "Save as final"), theme.ConfirmIcon(), func() { e.Save(handout.Final) })
	closeBtn := widget.NewButtonWithIcon(tr("button.close", "Close"), theme.CancelIcon(), func() { d.closeEditor(tr("desk.before.close", "closing it"), nil) })
	preview := widget.NewButtonWithIcon(tr("editor.preview", "Preview / print"), theme.DocumentPrintIcon(), e.preview)
	// Two by two, so the editor fits beside the diagram in a 1024-wide
	// window; Save, the one used most, at the bottom right.
	buttons := container.NewGridWithColumns(2, closeBtn, preview, final, save)

	form := container.New(layout.NewFormLayout(),
		boldLabel(tr("editor.title", "Title")), container.NewVBox(e.title, e.titleErr),
		boldLabel(tr("editor.date", "Visit date")), container.NewVBox(e.date, e.dateErr),
		boldLabel(tr("editor.status", "Status")), e.status,
	)
	e.markSection = section(tr("editor.section.marks", "Marked problem areas"))
	body := container.NewVBox(
		form,
		section(tr("editor.section.items", "Explanations, in print order")), e.itemsBox, e.addSearch, e.addResults,
		e.markSection, e.markTools, e.marksBox,
		section(tr("editor.section.home_care", "Home care")), e.plan.root, e.stretchList(), boldLabel(tr("editor.instructions", "Instructions")), e.wheelPasses(e.instructions),
		section(tr("editor.section.notes", "Clinician notes")), e.wheelPasses(e.notes),
		section(tr("preview.heading", "As it prints")), e.livePreview.root,
	)
	top := container.NewVBox(e.heading, e.statusLine, widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), buttons)
	e.scroll = container.NewVScroll(body)
	e.growWithText(e.notes, 4)
	e.growWithText(e.instructions, 3)
	e.root = container.NewPadded(container.NewBorder(top, bottom, nil, nil, e.scroll))

	e.refreshItems()
	e.refreshMarks()
	e.loading = false
	e.updateStatusLine()
	return e
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func section(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
}

func (e *handoutEditor) setPatientName(name string) {
	e.patientName = name
	// A plain text segment: a name is never read as Markdown.
	e.heading.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: tr("editor.heading", "Handout for {{.Patient}}", map[string]any{"Patient": name})}}
	e.heading.Refresh()
}

// show puts the editor in the side pane, where the explanation was; the
// diagram stays visible for marking.
func (e *handoutEditor) show() {
	side := e.desk.side
	e.previous = side.Trailing
	// The explanation stays one tab away: during a session the clinician
	// goes on explaining while the handout takes shape.
	e.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr("editor.tab.explanation", "Explanation"), theme.InfoIcon(), e.previous),
		container.NewTabItemWithIcon(tr("editor.tab.handout", "Handout"), theme.DocumentCreateIcon(), e.root))
	e.tabs.SelectIndex(handoutTab)
	side.Trailing = e.tabs
	side.Refresh()
	e.desk.diagramChanged()
	e.desk.rememberEditing(e.h.ID)
	e.focus()
}

// The side pane's tabs while the editor is open.
const (
	explanationTab = 0
	handoutTab     = 1
)

// showExplanation brings the explanation tab forward (a tap on the diagram).
func (e *handoutEditor) showExplanation() {
	if e.tabs != nil {
		e.tabs.SelectIndex(explanationTab)
	}
}

// focus puts the cursor at the end of the title, so typing adds to it.
func (e *handoutEditor) focus() {
	e.tabs.SelectIndex(handoutTab)
	e.desk.win.Canvas().Focus(e.title)
	e.title.CursorRow, e.title.CursorColumn = 0, len([]rune(e.title.Text))
	e.title.Refresh()
}

// close takes the editor away without saving; callers ask first.
func (e *handoutEditor) close() {
	e.saver.Stop()
	e.livePreview.stop()
	e.setMarking(false)
	if e.previous != nil {
		e.tabs.Items[explanationTab].Content = nil // the pane goes back where it was
		// The tabs hid it while the Handout tab was in front (it is, when
		// Close is pressed): shown again, or every later tap highlights a
		// structure with no text anywhere.
		e.previous.Show()
		e.desk.side.Trailing = e.previous
		e.desk.side.Refresh()
	}
	if e.desk.editor == e {
		e.desk.editor = nil
		e.desk.forgetEditing()
		if e.ofVisit && e.h.ID != 0 {
			e.desk.visitHandout, e.desk.visitSeen = e.h.ID, maps.Clone(e.onTrail)
		}
	}
	e.desk.trace.event("handout editor closed")
	e.desk.diagramChanged()
}

// Unsaved reports whether anything changed since the last Save.
func (e *handoutEditor) Unsaved() bool { return e.unsaved }

// edited is the one sequence after an edit of what the handout holds (an
// explanation, a mark, a stretch or exercise added, moved or removed): the
// rows are rebuilt, the handout is marked unsaved (autosave waits again,
// the status line says so) and the diagram redraws its marks and tints.
// Every such edit calls it, so none forgets a step.
func (e *handoutEditor) edited() {
	e.refreshItems()
	e.refreshMarks()
	e.changed()
	e.desk.diagramChanged()
}

// changed is every keystroke in a field (and, through edited, every other
// edit): it marks the handout unsaved and restarts the autosave wait.
func (e *handoutEditor) changed() {
	if e.loading {
		return
	}
	e.unsaved = true
	e.saver.Changed()
	e.livePreview.changed()
	e.updateStatusLine()
}

func (e *handoutEditor) statusChoice() handout.Status {
	if e.status.Selected == statusLabel(handout.Final) {
		return handout.Final
	}
	return handout.Draft
}

func (e *handoutEditor) updateStatusLine() {
	var line string
	switch {
	case e.h.ID == 0:
		line = tr("editor.status.new", "New handout, not saved yet")
	case e.autosavedSinceSave:
		line = tr("editor.status.autosaved", "{{.Status}} autosaved at {{.Time}}", map[string]any{"Status": statusLabel(e.h.Status), "Time": e.h.UpdatedAt.Local().Format("15:04:05")})
	default:
		line = tr("editor.status.saved", "{{.Status}} saved at {{.Time}} (revision {{.Revision}})", map[string]any{"Status": statusLabel(e.h.Status), "Time": e.h.UpdatedAt.Local().Format("2006-01-02 15:04"), "Revision": e.h.Revision})
	}
	if e.unsaved && e.saver.Pending() {
		line += " · " + tr("editor.status.pending", "saving your changes in a moment")
	}
	e.statusLine.SetText(line)
}
