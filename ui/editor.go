package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/store"
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
	findingOpt *widget.Select // the finding's option (marks.go, findingOptions)
	curveAngle *widget.Entry  // a scoliosis curve's angle
	markNote   *shortcutEntry
	marksBox   *fyne.Container
	markTools  *fyne.Container
	stretches  []handout.Stretch
	stretchBox []*widget.Check

	instructions *shortcutEntry
	notes        *shortcutEntry

	// unsaved: changed since the last Save (autosaves do not count, so
	// switching patient still asks). autosavedSinceSave: an autosave has
	// written some of those changes.
	unsaved            bool
	autosavedSinceSave bool
	loading            bool
	saver              *autosaver
	// saved is the handout as last saved with Save (or as opened), what
	// "Discard changes" goes back to; nil for a new handout never saved.
	saved *handout.Handout

	// onTrail is what was on the visit's trail when the editor opened or
	// last looked: only structures shown after that are added to the
	// handout, so a removed item does not come back by itself.
	onTrail map[string]bool

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
	for _, id := range d.app.trail.IDs() {
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
	e.title.SetPlaceHolder("Title printed on the handout")
	e.title.SetText(h.Title)
	e.title.OnChanged = func(string) {
		e.titleErr.Hide() // about the text refused; the next save checks again
		e.changed()
	}
	e.titleErr = errorLabel()
	e.date = newShortcutEntry(d, false)
	e.date.SetPlaceHolder("YYYY-MM-DD")
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
	e.status = widget.NewRadioGroup([]string{"Draft", "Final"}, func(string) { e.changed() })
	e.status.Horizontal = true
	e.status.Required = true
	if h.Status == handout.Final {
		e.status.SetSelected("Final")
	} else {
		e.status.SetSelected("Draft")
	}

	e.itemsBox = container.NewVBox()
	e.addSearch = newShortcutEntry(d, false)
	e.addSearch.SetPlaceHolder("Add an explanation: type a structure, topic or condition…")
	e.addSearch.OnChanged = func(q string) { e.searchToAdd(q) }
	e.addSearch.OnSubmitted = func(string) {
		if len(e.addHits) > 0 {
			e.addItem(e.addHits[0].ID)
		}
	}
	e.addResults = container.NewVBox()

	e.buildMarkTools()
	e.buildHomeCare()

	e.notes = newShortcutEntry(d, true)
	e.notes.SetPlaceHolder("Notes from the clinician, printed on the handout")
	e.notes.SetMinRowsVisible(4)
	e.notes.SetText(h.ClinicianNotes)
	e.notes.OnChanged = func(string) { e.changed() }

	save := widget.NewButtonWithIcon("Save (Ctrl+S)", theme.DocumentSaveIcon(), func() { e.Save(e.statusChoice()) })
	save.Importance = widget.HighImportance
	final := widget.NewButtonWithIcon("Save as final", theme.ConfirmIcon(), func() { e.Save(handout.Final) })
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), func() { d.closeEditor("closing it", nil) })
	preview := widget.NewButtonWithIcon("Preview / print", theme.DocumentPrintIcon(), e.preview)
	// Two by two, so the editor fits beside the diagram in a 1024-wide
	// window; Save, the one used most, at the bottom right.
	buttons := container.NewGridWithColumns(2, closeBtn, preview, final, save)

	form := container.New(layout.NewFormLayout(),
		boldLabel("Title"), container.NewVBox(e.title, e.titleErr),
		boldLabel("Visit date"), container.NewVBox(e.date, e.dateErr),
		boldLabel("Status"), e.status,
	)
	e.markSection = section("Marked problem areas")
	body := container.NewVBox(
		form,
		section("Explanations, in print order"), e.itemsBox, e.addSearch, e.addResults,
		e.markSection, e.markTools, e.marksBox,
		section("Home care"), e.stretchList(), boldLabel("Instructions"), e.wheelPasses(e.instructions),
		section("Clinician notes"), e.wheelPasses(e.notes),
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
	e.heading.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: "Handout for " + name}}
	e.heading.Refresh()
}

// show puts the editor in the side pane, where the explanation was; the
// diagram stays visible for marking.
func (e *handoutEditor) show() {
	a := e.desk.app
	e.previous = a.main.Trailing
	// The explanation stays one tab away: during a session the clinician
	// goes on explaining while the handout takes shape.
	e.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Explanation", theme.InfoIcon(), e.previous),
		container.NewTabItemWithIcon("Handout", theme.DocumentCreateIcon(), e.root))
	e.tabs.SelectIndex(handoutTab)
	a.main.Trailing = e.tabs
	a.main.Refresh()
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
	e.desk.app.win.Canvas().Focus(e.title)
	e.title.CursorRow, e.title.CursorColumn = 0, len([]rune(e.title.Text))
	e.title.Refresh()
}

// close takes the editor away without saving; callers ask first.
func (e *handoutEditor) close() {
	e.saver.Stop()
	e.setMarking(false)
	a := e.desk.app
	if e.previous != nil {
		e.tabs.Items[explanationTab].Content = nil // the pane goes back where it was
		// The tabs hid it while the Handout tab was in front (it is, when
		// Close is pressed): shown again, or every later tap highlights a
		// structure with no text anywhere.
		e.previous.Show()
		a.main.Trailing = e.previous
		a.main.Refresh()
	}
	if e.desk.editor == e {
		e.desk.editor = nil
		e.desk.forgetEditing()
	}
	a.trace.event("handout editor closed")
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
	e.updateStatusLine()
}

func (e *handoutEditor) statusChoice() handout.Status {
	if e.status.Selected == "Final" {
		return handout.Final
	}
	return handout.Draft
}

func (e *handoutEditor) updateStatusLine() {
	status := "Draft"
	if e.h.Status == handout.Final {
		status = "Final"
	}
	var line string
	switch {
	case e.h.ID == 0:
		line = "New handout, not saved yet"
	case e.autosavedSinceSave:
		line = fmt.Sprintf("%s autosaved at %s", status, e.h.UpdatedAt.Local().Format("15:04:05"))
	default:
		line = fmt.Sprintf("%s saved at %s (revision %d)", status, e.h.UpdatedAt.Local().Format("2006-01-02 15:04"), e.h.Revision)
	}
	if e.unsaved && e.saver.Pending() {
		line += " · saving your changes in a moment"
	}
	e.statusLine.SetText(line)
}

// collect reads the fields into a handout to save. It fails only on a date
// it cannot read; everything else is the store's to check.
func (e *handoutEditor) collect(status handout.Status) (*handout.Handout, error) {
	h := e.h
	h.Title = strings.TrimSpace(e.title.Text)
	h.Status = status
	ds := strings.TrimSpace(e.date.Text)
	if e.h.Date.IsZero() || e.h.Date.Format("2006-01-02") != ds {
		d, err := handout.ParseVisitDate(ds)
		if err != nil {
			return nil, store.FieldError{Field: "Date", Message: err.Error()}
		}
		h.Date = d
	}
	h.Items = slices.Clone(e.items)
	h.Marks = slices.Clone(e.marks)
	h.ClinicianNotes = e.notes.Text
	h.HomeCare = handout.HomeCare{Instructions: e.instructions.Text}
	for i, c := range e.stretchBox {
		if c.Checked {
			s := e.stretches[i]
			s.Steps = slices.Clone(s.Steps)
			h.HomeCare.Stretches = append(h.HomeCare.Stretches, s)
		}
	}
	return &h, nil
}

// Save writes the handout with the given status and reports whether it was
// saved. On failure the clinician sees why, and nothing typed is lost.
func (e *handoutEditor) Save(status handout.Status) bool {
	d := e.desk
	e.showFieldErrors(nil)
	db := d.database()
	if db == nil {
		return false
	}
	h, err := e.collect(status)
	if err == nil {
		err = db.SaveHandout(context.Background(), h)
	}
	if err != nil {
		e.showFieldErrors(err)
		d.app.trace.event("handout save failed %s", store.ErrorCode(err))
		showStoreError(d.app.win, tr("editor.not_saved", "The handout was not saved"), err,
			tr("editor.still_here", "Everything you typed is still in the editor"))
		return false
	}
	e.saver.Stop()
	e.applySaved(h)
	e.saved = h
	e.unsaved, e.autosavedSinceSave = false, false
	// "Save as final" shows Final in the status choice, so that the next
	// Ctrl+S keeps it final instead of quietly turning it back into a draft.
	e.loading = true
	e.status.SetSelected(statusLabel(h.Status))
	e.loading = false
	e.updateStatusLine()
	d.app.trace.event("handout saved %d %s", h.ID, h.Status)
	return true
}

// statusLabel is the status as the editor's choice spells it.
func statusLabel(s handout.Status) string {
	if s == handout.Final {
		return "Final"
	}
	return "Draft"
}

// undoAutosave puts the handout back as it was last saved, for "Discard
// changes": the autosave already wrote the discarded changes, and without
// this they would be what the handout reopens, prints and lists with. The
// autosaved text is not destroyed: it stays in the handout's revisions.
func (e *handoutEditor) undoAutosave() error {
	if !e.autosavedSinceSave || e.saved == nil {
		return nil
	}
	db := e.desk.db()
	if db == nil {
		return errors.New("no patient database is open")
	}
	// Saved with the revision it was saved as, not the autosave's: the
	// store then adds a revision instead of replacing the autosaved one,
	// so the discarded text is still in the history.
	h := *e.saved
	if err := db.SaveHandout(context.Background(), &h); err != nil {
		e.desk.app.trace.event("handout autosave undo failed %s", store.ErrorCode(err))
		return err
	}
	e.applySaved(&h)
	e.autosavedSinceSave = false
	e.desk.app.trace.event("handout autosave undone %d", h.ID)
	return nil
}

// preview saves what is unsaved, then shows the first page as it will
// print, with Print and Export: the printout is always the saved text.
func (e *handoutEditor) preview() {
	if (e.unsaved || e.h.ID == 0) && !e.Save(e.statusChoice()) {
		return
	}
	h, err := e.collect(e.h.Status)
	if err != nil {
		dialog.ShowError(err, e.desk.app.win)
		return
	}
	e.desk.app.PreviewHandout(h)
}

// autosave writes the draft quietly; a failure shows in the status line
// (not a dialog every few seconds) and the next change or Ctrl+S retries.
func (e *handoutEditor) autosave() {
	if e.desk.editor != e {
		return
	}
	db := e.desk.db()
	if db == nil {
		return
	}
	h, err := e.collect(e.statusChoice())
	if err == nil {
		err = db.SaveDraft(context.Background(), h)
	}
	if err != nil {
		msg := store.ErrorMessage(err)
		if fe, ok := err.(store.FieldError); ok {
			msg = fe.Message
		}
		e.statusLine.SetText("Not autosaved: " + msg + " Your text is still here.")
		e.desk.app.trace.event("handout autosave failed %s", store.ErrorCode(err))
		return
	}
	e.applySaved(h)
	e.autosavedSinceSave = true
	e.updateStatusLine()
	e.desk.app.trace.event("handout autosaved %d", h.ID)
}

// applySaved keeps what the store assigned (ID, revision, times) so the
// next save updates the same handout.
func (e *handoutEditor) applySaved(h *handout.Handout) {
	e.h.ID, e.h.Revision, e.h.CreatedAt, e.h.UpdatedAt = h.ID, h.Revision, h.CreatedAt, h.UpdatedAt
	e.h.Status, e.h.Date, e.h.Lang = h.Status, h.Date, h.Lang
	if e.desk.editor == e {
		e.desk.rememberEditing(h.ID)
	}
}

// showFieldErrors puts the title and date problems beside their fields.
func (e *handoutEditor) showFieldErrors(err error) {
	fields := store.Fields(err)
	for field, l := range map[string]*widget.Label{"Title": e.titleErr, "Date": e.dateErr} {
		if msg, ok := fields[field]; ok {
			l.SetText(msg)
			l.Show()
		} else {
			l.Hide()
		}
	}
}

// refreshItems rebuilds the item rows: a handful to a few dozen, so a
// rebuild is simpler than a recycled list and cheap.
func (e *handoutEditor) refreshItems() {
	objs := make([]fyne.CanvasObject, 0, len(e.items))
	for i, it := range e.items {
		label := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, it.Title))
		label.Wrapping = fyne.TextWrapWord
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveItem(i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveItem(i, 1) })
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeItem(i) })
		if i == 0 {
			up.Disable()
		}
		if i == len(e.items)-1 {
			down.Disable()
		}
		for _, b := range []*widget.Button{up, down, remove} {
			b.Importance = widget.LowImportance
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(up, down, remove), label))
	}
	if len(objs) == 0 {
		hint := widget.NewLabel("Nothing yet: explain parts of the spine on the diagram, or add explanations below.")
		hint.Wrapping = fyne.TextWrapWord
		objs = append(objs, hint)
	}
	e.itemsBox.Objects = objs
	e.itemsBox.Refresh()
}

func (e *handoutEditor) moveItem(i, by int) {
	j := i + by
	if i < 0 || j < 0 || i >= len(e.items) || j >= len(e.items) {
		return
	}
	e.items[i], e.items[j] = e.items[j], e.items[i]
	e.desk.app.trace.event("handout item moved %s %d", e.items[j].Ref, j+1)
	e.edited()
}

func (e *handoutEditor) removeItem(i int) {
	if i < 0 || i >= len(e.items) {
		return
	}
	ref := e.items[i].Ref
	e.items = slices.Delete(e.items, i, i+1)
	e.desk.app.trace.event("handout item removed %s", ref)
	// Off this visit too: closing the editor and making the handout again,
	// or walking past it, does not bring it back. Pinning it does.
	delete(e.onTrail, ref)
	e.desk.app.trail.Remove(ref)
	e.edited()
}

// removeRef takes the item for id off the handout, when it is there.
func (e *handoutEditor) removeRef(id string) {
	if i := slices.IndexFunc(e.items, func(it handout.Item) bool { return it.Ref == id }); i >= 0 {
		e.removeItem(i)
	}
}

// followTrail adds what was explained since the editor opened (during the
// session, the handout grows with it) at the end of the items.
func (e *handoutEditor) followTrail(trail []string) {
	for _, id := range trail {
		if e.onTrail[id] {
			continue
		}
		e.onTrail[id] = true
		if !e.hasItem(id) {
			e.addItem(id)
		}
	}
	if len(trail) == 0 {
		clear(e.onTrail) // the trail was cleared for the next visit
	}
}

// searchToAdd lists library texts matching what is typed, as buttons.
func (e *handoutEditor) searchToAdd(q string) {
	e.addHits = nil
	if strings.TrimSpace(q) != "" {
		for _, h := range e.lib.Search(q, 12) {
			if !e.hasItem(h.ID) {
				e.addHits = append(e.addHits, h)
			}
			if len(e.addHits) == 6 {
				break
			}
		}
	}
	objs := make([]fyne.CanvasObject, 0, len(e.addHits))
	for _, h := range e.addHits {
		b := widget.NewButtonWithIcon(h.Title, theme.ContentAddIcon(), func() { e.addItem(h.ID) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	if strings.TrimSpace(q) != "" && len(objs) == 0 {
		objs = append(objs, widget.NewLabel("Nothing found that is not on the handout already."))
	}
	e.addResults.Objects = objs
	e.addResults.Refresh()
}

func (e *handoutEditor) hasItem(id string) bool {
	return slices.ContainsFunc(e.items, func(it handout.Item) bool { return it.Ref == id })
}

// addItem appends a snapshot of the library's text for id.
func (e *handoutEditor) addItem(id string) {
	if e.hasItem(id) {
		return
	}
	t, err := e.lib.Explain(id)
	if err != nil {
		dialog.ShowError(err, e.desk.app.win)
		return
	}
	e.items = append(e.items, draft.ItemOf(t))
	e.desk.app.trace.event("handout item added %s", t.ID)
	e.addSearch.SetText("")
	e.edited()
}

// buildHomeCare lists the library's stretches as checkboxes, plus any
// stretch saved on this handout that the library no longer has, so
// reopening never drops one.
func (e *handoutEditor) buildHomeCare() {
	chosen := map[string]handout.Stretch{}
	for _, s := range e.h.HomeCare.Stretches {
		chosen[s.ID] = s
	}
	seen := map[string]bool{}
	for _, s := range e.lib.Stretches() {
		st := draft.StretchOf(s)
		if saved, ok := chosen[s.ID]; ok {
			st = saved // the saved snapshot prints as it did
		}
		e.stretches = append(e.stretches, st)
		seen[s.ID] = true
	}
	for _, s := range e.h.HomeCare.Stretches {
		if !seen[s.ID] {
			e.stretches = append(e.stretches, s)
			seen[s.ID] = true
		}
	}
	for _, s := range e.stretches {
		c := widget.NewCheck(s.Name, func(bool) { e.changed() })
		_, c.Checked = chosen[s.ID]
		e.stretchBox = append(e.stretchBox, c)
	}
	e.instructions = newShortcutEntry(e.desk, true)
	e.instructions.SetPlaceHolder("Instructions for home: how often, what to avoid, when to come back")
	e.instructions.SetMinRowsVisible(3)
	e.instructions.SetText(e.h.HomeCare.Instructions)
	e.instructions.OnChanged = func(string) { e.changed() }
}

func (e *handoutEditor) stretchList() fyne.CanvasObject {
	if len(e.stretchBox) == 0 {
		return widget.NewLabel("The library has no stretches in this language.")
	}
	objs := make([]fyne.CanvasObject, len(e.stretchBox))
	for i, c := range e.stretchBox {
		objs[i] = c
	}
	// One column: two side by side made the editor too wide to sit beside
	// the diagram in a 1024-wide window.
	return container.NewVBox(objs...)
}

// wheelPasses lays a wheel catcher over a multi-line field: Fyne sends the
// wheel to the innermost scroller under the pointer, which for a notes
// field is the field's own, so the editor stopped scrolling wherever the
// pointer crossed a field. The catcher takes only the wheel (taps, drags
// and the text cursor still reach the field) and scrolls the editor. The
// field grows with its text (growWithText), so nothing in it is out of reach.
func (e *handoutEditor) wheelPasses(field fyne.CanvasObject) fyne.CanvasObject {
	c := &wheelCatcher{scroll: func() *container.Scroll { return e.scroll }}
	c.ExtendBaseWidget(c)
	return container.NewStack(field, c)
}

// wheelCatcher is an invisible widget that passes the wheel to a scroller.
type wheelCatcher struct {
	widget.BaseWidget
	scroll func() *container.Scroll
}

func (c *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	if s := c.scroll(); s != nil {
		s.Scrolled(ev)
	}
}

func (c *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

// growWithText keeps a multi-line field as tall as its text (at least
// minRows), so it never scrolls inside the editor's one scroll area.
func (e *handoutEditor) growWithText(f *shortcutEntry, minRows int) {
	fit := func(text string) {
		f.SetMinRowsVisible(max(minRows, wrappedRows(text, f.Size().Width)+1))
	}
	changed := f.OnChanged
	f.OnChanged = func(text string) {
		fit(text)
		if changed != nil {
			changed(text)
		}
	}
	fit(f.Text)
}

// wrappedRows estimates how many rows text wraps to in a field width units
// wide (60 characters a row before the field is laid out).
func wrappedRows(text string, width float32) int {
	perRow := 60
	if width > 0 {
		// An average character of the body font is about half the text size wide.
		perRow = max(int(width/(theme.TextSize()*0.55)), 10)
	}
	rows := 0
	for _, line := range strings.Split(text, "\n") {
		rows += max(1, (len([]rune(line))+perRow-1)/perRow)
	}
	return rows
}
