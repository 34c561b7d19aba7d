package ui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/patient"
	"chairside/internal/store"
	"chairside/internal/words"
)

// handoutDesk is the front-desk half of the window: who the current patient
// is, the patients screen, and the handout editor. It keeps no rules of its
// own: validation and saving are the store's, drafting is the handout
// package's.
type handoutDesk struct {
	app *App
	// db is the open database, or nil when none could be opened.
	db func() *store.DB
	// lib is the content library shown on screen, in the app's language.
	lib func() (*content.Library, error)
	// handoutLibs holds the libraries of handout languages other than the
	// app's (a Spanish handout made in an English app), loaded once each.
	handoutLibs map[string]*content.Library

	patient *store.Patient // the current patient, nil for none
	chip    *widget.Button // "Patient: …" in the toolbar
	editor  *handoutEditor // the open editor, nil when closed
	screen  *patientsScreen

	// onDiagramChange redraws the diagram's marks and tints.
	onDiagramChange func()

	// after and delay drive the editor's autosave; tests shorten or fake them.
	after timerFunc
	delay time.Duration

	// resumeNotice takes away the offer to reopen the handout that was
	// open at the last close, once the editor is open anyway.
	resumeNotice func()
}

// Keyboard shortcuts of the handout flow. Ctrl+H works from the diagram
// and from every field of the patients screen and the editor.
var (
	shortcutMakeHandout = &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave        = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSaveFinal   = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutPatients    = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutMarkMode    = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutCloseEditor = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNewVisit    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
)

// newHandoutDesk adds the patient chip, "Patients" and "Make handout" to
// the toolbar and registers the shortcuts on the window.
func newHandoutDesk(a *App) *handoutDesk {
	d := &handoutDesk{app: a, db: a.DB, after: realTimer, delay: autosaveDelay}
	d.lib = func() (*content.Library, error) {
		if a.lib == nil {
			return nil, fmt.Errorf("no explanation library is loaded")
		}
		return a.lib, nil
	}
	// In mark mode a tap on the diagram marks instead of explaining.
	explain := a.spine.OnSelect
	a.spine.OnSelect = func(id string) {
		// A tap on the diagram gives the keyboard back to it (the arrow
		// keys walk from what was tapped), away from a field of the editor.
		if c := a.win.Canvas(); c.Focused() != nil {
			c.Unfocus()
		}
		if d.diagramTapped(id) {
			return
		}
		if explain != nil {
			explain(id)
		}
		if d.editor != nil {
			d.editor.showExplanation()
		}
	}
	d.onDiagramChange = d.drawOnDiagram
	// Whatever is explained while the editor is open goes on the handout too.
	trailChanged := a.trail.onChange
	a.trail.onChange = func() {
		if trailChanged != nil {
			trailChanged()
		}
		if d.editor != nil {
			d.editor.followTrail(a.trail.IDs())
			d.drawOnDiagram()
		}
	}
	a.OnDatabaseReplaced(d.databaseReplaced)
	// Closing the window writes the pending autosave first, so the last
	// few seconds of typing are not lost on an ordinary quit either.
	a.win.SetCloseIntercept(func() {
		d.flush()
		a.win.Close()
	})
	d.chip = widget.NewButtonWithIcon("", theme.AccountIcon(), d.ShowPatients)
	d.chip.Importance = widget.LowImportance
	d.updateChip()
	patients := widget.NewButtonWithIcon(tr("toolbar.patients", "Patients"), theme.FolderOpenIcon(), d.ShowPatients)
	// The shortcuts are in the hint under the diagram's panel and the
	// README; the toolbar is too full to spell them out on the buttons.
	makeBtn := widget.NewButtonWithIcon(tr("toolbar.make_handout", "Make handout"), theme.DocumentCreateIcon(), d.MakeHandout)
	makeBtn.Importance = widget.HighImportance
	a.AddToolbarAction(d.chip)
	a.AddToolbarAction(patients)
	a.AddToolbarAction(makeBtn)
	for _, s := range []*desktop.CustomShortcut{shortcutMakeHandout, shortcutSave, shortcutSaveFinal, shortcutPatients, shortcutMarkMode, shortcutCloseEditor, shortcutNewVisit} {
		a.win.Canvas().AddShortcut(s, func(sc fyne.Shortcut) { d.shortcut(sc) })
	}
	return d
}

// shortcut runs a handout shortcut; it reports whether s was one.
func (d *handoutDesk) shortcut(s fyne.Shortcut) bool {
	switch s.ShortcutName() {
	case shortcutMakeHandout.ShortcutName():
		d.MakeHandout()
	case shortcutPatients.ShortcutName():
		d.ShowPatients()
	case shortcutSave.ShortcutName():
		if d.editor != nil {
			d.editor.Save(d.editor.statusChoice())
		}
	case shortcutSaveFinal.ShortcutName():
		if d.editor != nil {
			d.editor.Save(handout.Final)
		}
	case shortcutMarkMode.ShortcutName():
		if d.editor != nil {
			d.editor.setMarking(!d.editor.marking)
		}
	case shortcutCloseEditor.ShortcutName():
		d.closeEditor("closing it", nil) // asks first when there are unsaved changes
	case shortcutNewVisit.ShortcutName():
		d.app.confirmNewVisit()
	default:
		return false
	}
	return true
}

// Patient is the current patient, or nil.
func (d *handoutDesk) Patient() *store.Patient { return d.patient }

func (d *handoutDesk) updateChip() {
	if d.patient == nil {
		d.chip.SetText(tr("chip.none", "No patient"))
		return
	}
	d.chip.SetText(tr("chip.patient", "Patient: {{.Name}}", map[string]any{"Name": shorten(d.patient.Name, chipNameLen)}))
}

// chipNameLen keeps a long name from pushing the toolbar off the screen;
// the full name heads the editor and the patients screen.
const chipNameLen = 24

// shorten cuts s to n characters, with an ellipsis when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// database returns the open store or shows why there is none.
func (d *handoutDesk) database() *store.DB {
	db := d.db()
	if db == nil {
		dialog.ShowError(fmt.Errorf("no patient database is open, so patients and handouts cannot be saved; restart Chairside to choose one"), d.app.win)
	}
	return db
}

// choosePatient makes p the current patient. An open editor belongs to the
// previous patient: it is closed first, asking when it holds unsaved changes.
func (d *handoutDesk) choosePatient(p *store.Patient, then func()) {
	if d.patient != nil && p != nil && d.patient.ID == p.ID {
		d.patient = p // fresher copy (after an edit)
		d.updateChip()
		if then != nil {
			then()
		}
		return
	}
	if e := d.editor; e != nil && e.h.PatientID == 0 && p != nil {
		// A handout left without its patient by a restore goes to the
		// patient chosen now, text and all.
		e.h.PatientID = p.ID
		e.setPatientName(p.Name)
		d.patient = p
		d.updateChip()
		d.app.trace.event("patient chosen %d", p.ID)
		if then != nil {
			then()
		}
		return
	}
	d.closeEditor("switching to another patient", func() {
		if d.patient != nil {
			// The visit was the previous patient's: none of it goes on
			// this patient's handout.
			d.app.clearVisit()
		}
		d.patient = p
		d.updateChip()
		if p != nil {
			d.app.trace.event("patient chosen %d", p.ID)
		}
		if then != nil {
			then()
		}
	})
}

// closeEditor closes the editor and then runs then. With unsaved changes it
// asks first: save, discard or cancel (then does not run on cancel, or
// when the save fails).
func (d *handoutDesk) closeEditor(why string, then func()) {
	e := d.editor
	if e == nil || !e.Unsaved() {
		if e != nil {
			e.close()
		}
		if then != nil {
			then()
		}
		return
	}
	msg := fmt.Sprintf("The handout for %s has changes that are not saved.\nSave them before %s?", e.patientName, why)
	switch {
	case e.autosavedSinceSave && e.saved != nil:
		msg += "\n\nDiscard goes back to the handout as last saved; the changes autosaved meanwhile stay in its history."
	case e.autosavedSinceSave:
		msg += "\n\nThis new handout was already autosaved: discarding keeps that draft in the patient's handouts."
	}
	body := widget.NewLabel(msg)
	body.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomWithoutButtons("Unsaved handout", body, d.app.win)
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		dlg.Hide()
		if e.Save(e.statusChoice()) {
			e.close()
			if then != nil {
				then()
			}
		}
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButtonWithIcon("Discard changes", theme.DeleteIcon(), func() {
		dlg.Hide()
		if err := e.undoAutosave(); err != nil {
			showStoreError(d.app.win, tr("editor.discard_failed", "The changes could not be discarded, so the handout stays open"), err, "")
			return
		}
		d.app.trace.event("handout changes discarded")
		e.close()
		if then != nil {
			then()
		}
	})
	discard.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { dlg.Hide() })
	dlg.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	dlg.Resize(fyne.NewSize(520, 0))
	d.app.trace.event("asked to save before closing the handout")
	dlg.Show()
}

// MakeHandout opens the editor on a draft made from this visit's trail. It
// asks for the patient first when none is chosen.
func (d *handoutDesk) MakeHandout() {
	if d.editor != nil {
		d.editor.focus()
		return
	}
	db := d.database()
	if db == nil {
		return
	}
	if d.patient == nil {
		d.askForPatient(func() { d.MakeHandout() })
		return
	}
	// The one language rule: the patient's language when the library has
	// texts in it, else the app's (see draft.NewHandoutLang).
	lib, err := d.libIn(draft.NewHandoutLang(d.patient.Lang, d.libLang()))
	if err != nil {
		dialog.ShowError(fmt.Errorf("the explanation library could not be loaded, so a handout cannot be drafted: %w", err), d.app.win)
		return
	}
	h, err := draft.FromSession(d.app.trail.IDs(), nil, "", lib)
	if err != nil {
		dialog.ShowError(err, d.app.win)
		return
	}
	h.PatientID = d.patient.ID
	h.Title = defaultHandoutTitle
	d.openEditor(&h)
}

// defaultHandoutTitle heads a new handout; the clinician can change it.
const defaultHandoutTitle = "Your spine: what we talked about today"

// askForPatient runs then once a patient is chosen: with no patients yet it
// goes straight to "Add patient" (name field focused), else it opens the
// patients screen in choosing mode.
func (d *handoutDesk) askForPatient(then func()) {
	db := d.database()
	if db == nil {
		return
	}
	some, err := db.SearchPatients(context.Background(), "", false, 1)
	if err != nil {
		showStoreError(d.app.win, "", err, "")
		return
	}
	if len(some) == 0 {
		f := d.showPatientForm(nil, "Add the patient this handout is for", func(p *store.Patient) {
			d.choosePatient(p, then)
		})
		f.openExisting = func(p *store.Patient) { // only archived patients are on file
			d.showPatientsScreen(then)
			d.screen.showOnFile(p)
		}
		return
	}
	d.showPatientsScreen(then)
}

// openEditor shows h in the editor beside the diagram.
func (d *handoutDesk) openEditor(h *handout.Handout) {
	// Explanations and stretches added in the editor are in the handout's
	// language, like the ones it was drafted with.
	lib, err := d.libIn(h.Lang)
	if err != nil {
		dialog.ShowError(fmt.Errorf("the explanation library could not be loaded: %w", err), d.app.win)
		return
	}
	name := ""
	if d.patient != nil {
		name = d.patient.Name
	}
	d.editor = newHandoutEditor(d, h, name, lib)
	d.editor.show()
	if d.resumeNotice != nil {
		// It would sit over the editor's buttons, offering what is done.
		d.resumeNotice()
		d.resumeNotice = nil
	}
	if h.ID == 0 {
		d.app.trace.event("handout editor opened new")
	} else {
		d.app.trace.event("handout editor opened %d", h.ID)
	}
}

// openHandout reopens a saved handout (a draft restores where it was
// autosaved), switching to its patient first.
func (d *handoutDesk) openHandout(id int64) {
	db := d.database()
	if db == nil {
		return
	}
	ctx := context.Background()
	h, err := db.GetHandout(ctx, id)
	if err != nil {
		showStoreError(d.app.win, "", err, "")
		return
	}
	p, err := db.GetPatient(ctx, h.PatientID)
	if err != nil {
		showStoreError(d.app.win, "", err, "")
		return
	}
	if d.editor != nil && d.editor.h.ID == id {
		d.editor.focus()
		return
	}
	d.closeEditor("opening another handout", func() {
		d.choosePatient(p, func() { d.openEditor(h) })
	})
}

// patientsScreen is the patients dialog: search as you type on the left,
// the chosen patient's details and handout history on the right.
type patientsScreen struct {
	desk *handoutDesk
	dlg  *dialog.CustomDialog
	// then, when set, runs after "Use for this visit" (the Make handout flow).
	then func()

	search   *shortcutEntry
	archived *widget.Check
	list     *widget.List
	count    *widget.Label
	results  []store.Patient
	selected *store.Patient
	detail   *fyne.Container
	// highlighting: the list's selection is being set to match the
	// details shown, which must not show them a second time.
	highlighting bool
	// cursor is the highlighted row (arrow keys or a click), what Enter
	// takes; -1 for none. Typing narrows the list and clears it.
	cursor int
}

// patientListLimit bounds the list; typing more of the name narrows it.
const patientListLimit = 200

// ShowPatients opens the patients screen.
func (d *handoutDesk) ShowPatients() { d.showPatientsScreen(nil) }

func (d *handoutDesk) showPatientsScreen(then func()) {
	if d.database() == nil {
		return
	}
	if d.screen != nil {
		d.screen.dlg.Hide()
	}
	s := &patientsScreen{desk: d, then: then, cursor: -1}
	s.search = newShortcutEntry(d, false)
	s.search.SetPlaceHolder("Search by name…")
	s.search.OnChanged = func(string) { s.refresh() }
	s.search.OnSubmitted = func(string) { s.submitSearch() }
	s.search.onKey = func(k fyne.KeyName) bool {
		switch k {
		case fyne.KeyDown:
			s.moveCursor(1)
		case fyne.KeyUp:
			s.moveCursor(-1)
		default:
			return false
		}
		return true
	}
	s.archived = widget.NewCheck("Show archived", func(bool) { s.refresh() })
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.list = widget.NewList(
		func() int { return len(s.results) },
		newPatientRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.results) {
				setPatientRow(o, &s.results[i])
			}
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		s.cursor = i
		if i < len(s.results) && !s.highlighting {
			p := s.results[i]
			s.show(&p)
		}
		// A click focuses the list, which has no Escape or Enter: the
		// keyboard goes back to the search field, and from there the
		// arrows move on from the clicked row.
		if c := d.app.win.Canvas(); c.Focused() != s.search {
			c.Focus(s.search)
		}
	}
	s.list.OnUnselected = func(widget.ListItemID) { s.cursor = -1 }
	add := widget.NewButtonWithIcon("Add patient", theme.ContentAddIcon(), func() { s.addPatient("") })
	add.Importance = widget.HighImportance
	left := container.NewBorder(
		container.NewVBox(s.search, container.NewHBox(s.archived, layout.NewSpacer(), s.count)),
		add, nil, nil, s.list)
	s.detail = container.NewVBox()
	right := container.NewVScroll(container.NewPadded(s.detail))
	split := container.NewHSplit(left, right)
	split.Offset = 0.38

	title := "Patients"
	if then != nil {
		title = "Who is this handout for?"
	}
	s.dlg = dialog.NewCustomWithoutButtons(title, split, d.app.win)
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), s.dlg.Hide)
	s.dlg.SetButtons([]fyne.CanvasObject{closeBtn})
	s.search.onEscape = s.dlg.Hide
	s.dlg.SetOnClosed(func() {
		if d.screen == s {
			d.screen = nil
		}
	})
	d.screen = s
	s.refresh()
	s.showEmpty()
	winSize := d.app.win.Canvas().Size()
	s.dlg.Resize(fyne.NewSize(min(1100, winSize.Width*0.92), min(720, winSize.Height*0.9)))
	s.dlg.Show()
	d.app.win.Canvas().Focus(s.search)
	d.app.trace.event("patients screen opened")
}

// newPatientRow is a row of the patients list: the name, cut with an
// ellipsis when long, and the birth date, always in full, so two patients
// with one name can be told apart.
func newPatientRow() fyne.CanvasObject {
	name := widget.NewLabel("Patient name")
	name.Truncation = fyne.TextTruncateEllipsis
	born := widget.NewLabel("")
	born.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, born, name)
}

func setPatientRow(o fyne.CanvasObject, p *store.Patient) {
	row := o.(*fyne.Container)
	name, born := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Label)
	n := p.Name
	if p.Archived {
		n += " (archived)"
	}
	name.SetText(n)
	if p.DOB != nil {
		born.SetText("born " + p.DOB.Format("2006-01-02"))
	} else {
		born.SetText("")
	}
}

// refresh runs the search again: on each key typed, so the list narrows as
// the name is typed.
func (s *patientsScreen) refresh() {
	db := s.desk.db()
	if db == nil {
		return
	}
	ps, err := db.SearchPatients(context.Background(), s.search.Text, s.archived.Checked, patientListLimit+1)
	if err != nil {
		s.results = nil
		s.count.SetText(store.ErrorMessage(err))
		s.list.Refresh()
		return
	}
	more := len(ps) > patientListLimit
	if more {
		ps = ps[:patientListLimit]
	}
	s.results = ps
	s.list.UnselectAll()
	s.cursor = -1
	s.list.Refresh()
	switch {
	case more:
		s.count.SetText(fmt.Sprintf("first %d: type more of the name", patientListLimit))
	case len(ps) == 1:
		s.count.SetText("1 patient")
	case len(ps) == 0 && strings.TrimSpace(s.search.Text) != "" && !s.archived.Checked && s.archivedMatch(db):
		// Otherwise the front desk adds the patient a second time.
		s.count.SetText("only archived: tick Show archived")
	case len(ps) == 0 && strings.TrimSpace(s.search.Text) != "":
		s.count.SetText("no match")
	default:
		s.count.SetText(fmt.Sprintf("%d patients", len(ps)))
	}
	s.desk.app.trace.event("patients listed %d", len(ps))
}

// archivedMatch reports whether an archived patient matches the search.
func (s *patientsScreen) archivedMatch(db *store.DB) bool {
	ps, err := db.SearchPatients(context.Background(), s.search.Text, true, 1)
	return err == nil && len(ps) > 0
}

// moveCursor moves the highlight by one row (the arrow keys in the search
// field), showing that patient's details; from no highlight, Down starts
// at the top and Up at the bottom.
func (s *patientsScreen) moveCursor(by int) {
	n := len(s.results)
	if n == 0 {
		return
	}
	i := s.cursor + by
	if s.cursor < 0 && by < 0 {
		i = n - 1
	}
	s.list.Select(min(max(i, 0), n-1))
}

// submitSearch is Enter in the search field. It takes the highlighted
// patient, or the only one listed; with several listed and none
// highlighted it picks no one (the first in the list is as likely the
// wrong person) and says how to choose. In the Make handout flow the
// patient taken is chosen right away, so the keyboard alone gets from
// Ctrl+H to the editor.
func (s *patientsScreen) submitSearch() {
	if s.cursor >= 0 && s.cursor < len(s.results) {
		p := s.results[s.cursor]
		if s.then != nil && !p.Archived {
			s.use(&p)
		}
		return
	}
	if len(s.results) == 0 && !s.archived.Checked && strings.TrimSpace(s.search.Text) != "" {
		if db := s.desk.db(); db != nil && s.archivedMatch(db) {
			// The patient is archived, not new: show them rather than
			// offering to add them a second time.
			s.archived.SetChecked(true)
		}
	}
	if len(s.results) == 0 {
		// Nobody by that name: offer to add them, the name already typed.
		if typed := strings.TrimSpace(s.search.Text); typed != "" && !s.archived.Checked {
			s.addPatient(typed)
		}
		return
	}
	if len(s.results) > 1 {
		s.count.SetText(fmt.Sprintf("%d patients: pick one with the arrow keys or a click", len(s.results)))
		s.desk.app.trace.event("patients enter ignored %d", len(s.results))
		return
	}
	p := s.results[0]
	if s.then != nil && !p.Archived {
		s.use(&p)
		return
	}
	s.list.Select(0)
}

// addPatient opens the form for a new patient, name prefilled.
func (s *patientsScreen) addPatient(name string) {
	f := s.desk.showPatientForm(nil, "Add patient", func(p *store.Patient) {
		if s.then != nil {
			s.use(p) // choosing whom a handout is for: the new patient it is
			return
		}
		s.search.SetText("")
		s.refresh()
		s.show(p)
		// A patient is added as they arrive: this visit is theirs.
		s.desk.choosePatient(p, nil)
	})
	f.openExisting = s.showOnFile
	f.name.SetText(name)
	f.name.CursorColumn = len([]rune(name))
	f.name.Refresh()
}

// showOnFile lists and shows a patient already on file (found when the
// same person was being added again), archived ones too.
func (s *patientsScreen) showOnFile(p *store.Patient) {
	if p.Archived && !s.archived.Checked {
		s.archived.SetChecked(true)
	}
	s.search.SetText("")
	s.refresh()
	s.show(p)
}

func (s *patientsScreen) showEmpty() {
	hint := widget.NewLabel("Choose a patient on the left to see their details and handouts, or add a new patient.")
	hint.Wrapping = fyne.TextWrapWord
	s.detail.Objects = []fyne.CanvasObject{hint}
	s.detail.Refresh()
}

// use makes p the current patient and closes the screen.
func (s *patientsScreen) use(p *store.Patient) {
	then := s.then
	s.dlg.Hide()
	s.desk.choosePatient(p, then)
}

// show fills the right side with p's details and handout history.
func (s *patientsScreen) show(p *store.Patient) {
	s.selected = p
	s.highlight(p.ID)
	d := s.desk
	name := widget.NewLabelWithStyle(p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	facts := widget.NewLabel(patientFacts(p, time.Now(), d.libLang()))
	facts.Wrapping = fyne.TextWrapWord

	useText := "Use for this visit"
	if s.then != nil {
		useText = "Make the handout for this patient"
	}
	use := widget.NewButtonWithIcon(useText, theme.ConfirmIcon(), func() { s.use(p) })
	use.Importance = widget.HighImportance
	if p.Archived {
		use.Disable()
	}
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		d.showPatientForm(p, "Edit patient", func(np *store.Patient) {
			if d.patient != nil && d.patient.ID == np.ID {
				d.patient = np
				d.updateChip()
				if d.editor != nil {
					d.editor.setPatientName(np.Name)
				}
			}
			s.refresh()
			s.show(np)
		})
	})
	archiveText, icon := "Archive", fyne.Resource(archiveIcon)
	if p.Archived {
		archiveText, icon = "Restore", theme.ContentUndoIcon()
	}
	archive := widget.NewButtonWithIcon(archiveText, icon, func() { s.toggleArchived(p) })

	objs := []fyne.CanvasObject{name, facts, container.NewHBox(use, edit, archive), widget.NewSeparator(),
		widget.NewLabelWithStyle("Handouts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	objs = append(objs, s.history(p)...)
	s.detail.Objects = objs
	s.detail.Refresh()
	d.app.trace.event("patient shown %d", p.ID)
}

// highlight selects patient id's row in the list, when it is there, so
// the list shows whose details are on the right (after adding or editing
// a patient too, not only after a click).
func (s *patientsScreen) highlight(id int64) {
	i := slices.IndexFunc(s.results, func(p store.Patient) bool { return p.ID == id })
	s.highlighting = true
	defer func() { s.highlighting = false }()
	if i < 0 {
		s.list.UnselectAll()
		return
	}
	s.list.Select(i)
}

// patientFacts is the details line under the name.
func patientFacts(p *store.Patient, now time.Time, libLang string) string {
	var lines []string
	if p.DOB != nil {
		lines = append(lines, fmt.Sprintf("Born %s (age %d)", p.DOB.Format("2006-01-02"), patient.Age(*p.DOB, now)))
	} else {
		lines = append(lines, "Date of birth not recorded")
	}
	lines = append(lines, "Handout language: "+languageName(p.Lang)+languageCaveat(p.Lang, libLang))
	if p.Contact != "" {
		lines = append(lines, "Contact: "+p.Contact)
	}
	if p.Notes != "" {
		lines = append(lines, "Notes: "+p.Notes)
	}
	if p.Archived {
		lines = append(lines, "Archived: hidden from the list until restored.")
	}
	return strings.Join(lines, "\n")
}

// libLang is the language of the loaded explanation library, which every
// handout made here is written in; "" when none is loaded.
func (d *handoutDesk) libLang() string {
	if lib, err := d.lib(); err == nil {
		return lib.Lang()
	}
	return ""
}

// libIn is the library in lang for a handout's texts: the app's own when
// it is in that language, else one loaded for it once.
func (d *handoutDesk) libIn(lang string) (*content.Library, error) {
	lib, err := d.lib()
	if err != nil || lang == "" || lib.Lang() == lang {
		return lib, err
	}
	if l, ok := d.handoutLibs[lang]; ok {
		return l, nil
	}
	l, err := content.Load(lang)
	if err != nil {
		return nil, err
	}
	if d.handoutLibs == nil {
		d.handoutLibs = map[string]*content.Library{}
	}
	d.handoutLibs[lang] = l
	return l, nil
}

// languageCaveat says when handouts made here for a patient who prefers
// want will not be in that language: the library has no texts in it, so
// they print in the app's language, have (draft.NewHandoutLang). The
// front desk must not promise what the printer will not give.
func languageCaveat(want, have string) string {
	if want == "" || have == "" {
		return ""
	}
	got := draft.NewHandoutLang(want, have)
	if base, _, _ := strings.Cut(strings.ToLower(want), "-"); got == strings.ToLower(want) || got == base {
		return ""
	}
	return fmt.Sprintf("; handouts made here print in %s, the app's language (there are no texts in %s yet)",
		patient.LanguageName(got), patient.LanguageName(want))
}

// languageName is a language as the front desk reads it: "Spanish (es)",
// or the code alone when it is not a common one.
func languageName(code string) string {
	if n := patient.LanguageName(code); n != code {
		return n + " (" + code + ")"
	}
	return code
}

func (s *patientsScreen) toggleArchived(p *store.Patient) {
	d := s.desk
	db := d.database()
	if db == nil {
		return
	}
	apply := func() {
		if err := db.SetArchived(context.Background(), p.ID, !p.Archived); err != nil {
			showStoreError(d.app.win, "", err, "")
			return
		}
		np := *p
		np.Archived = !p.Archived
		if np.Archived {
			d.app.trace.event("patient archived %d", p.ID)
		} else {
			d.app.trace.event("patient restored %d", p.ID)
		}
		s.refresh()
		s.show(&np)
	}
	if p.Archived {
		apply()
		return
	}
	dialog.ShowConfirm("Archive this patient?",
		"Archived patients are hidden from the list; nothing is deleted.\nTick \"Show archived\" to find and restore them.",
		func(ok bool) {
			if ok {
				apply()
			}
		}, d.app.win)
}

// history is the patient's handouts, newest first, each with its actions.
func (s *patientsScreen) history(p *store.Patient) []fyne.CanvasObject {
	d := s.desk
	db := d.db()
	if db == nil {
		return nil
	}
	hs, err := db.ListHandouts(context.Background(), p.ID)
	if err != nil {
		l := widget.NewLabel(store.ErrorMessage(err))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{l}
	}
	if len(hs) == 0 {
		return []fyne.CanvasObject{widget.NewLabel("No handouts yet.")}
	}
	out := make([]fyne.CanvasObject, 0, len(hs))
	for i := range hs {
		h := hs[i]
		line := widget.NewLabel(handoutLine(&h))
		line.Wrapping = fyne.TextWrapWord
		open := widget.NewButtonWithIcon("Open", theme.DocumentIcon(), func() {
			s.dlg.Hide()
			d.openHandout(h.ID)
		})
		dup := widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), func() {
			c, err := db.DuplicateHandout(context.Background(), h.ID)
			if err != nil {
				showStoreError(d.app.win, "", err, "")
				return
			}
			d.app.trace.event("handout duplicated %d %d", h.ID, c.ID)
			// A copy is made to be changed for today's visit: open it, so
			// the clinician edits the copy (not, by mistake, the original
			// that looks just like it in the list).
			s.dlg.Hide()
			d.openHandout(c.ID)
		})
		actions := container.NewHBox(open, dup)
		for _, b := range d.printActions(&h) {
			actions.Add(b)
		}
		out = append(out, container.NewVBox(line, actions), widget.NewSeparator())
	}
	return out
}

// handoutLine describes a handout in the history.
func handoutLine(h *handout.Handout) string {
	title := h.Title
	if strings.TrimSpace(title) == "" {
		title = "(untitled)"
	}
	status := "Draft"
	if h.Status == handout.Final {
		status = "Final"
	}
	line := fmt.Sprintf("%s  ·  %s\n%s, %s, %s", h.Date.Format("2006-01-02"), title, status,
		count(len(h.Items), "explanation", "explanations"), count(len(h.Marks), "mark", "marks"))
	if !h.UpdatedAt.IsZero() {
		// Tells a copy from its original, made the same day with the same title.
		line += " · last saved " + h.UpdatedAt.Local().Format("2006-01-02 15:04")
	}
	return line
}

// count is "1 mark", "2 marks", "no marks".
func count(n int, one, many string) string {
	switch n {
	case 0:
		return "no " + many
	case 1:
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// patientForm adds or edits a patient; each field shows its own problem
// underneath it, in the store's words.
type patientForm struct {
	desk     *handoutDesk
	existing *store.Patient
	dlg      *dialog.CustomDialog
	onSaved  func(*store.Patient)

	name, dob, lang, contact, notes *shortcutEntry
	errs                            map[string]*widget.Label
	general                         *widget.Label
	// duplicate warns of a patient already on file with the same name and
	// birth date, with a way to open them or add the new one anyway.
	duplicate      *fyne.Container
	allowDuplicate bool
	// openExisting opens a patient found to be the one being added.
	openExisting func(*store.Patient)
	// langNote says when handouts will not be in the chosen language.
	langNote *widget.Label
}

func (d *handoutDesk) showPatientForm(existing *store.Patient, title string, onSaved func(*store.Patient)) *patientForm {
	f := &patientForm{desk: d, existing: existing, onSaved: onSaved, errs: map[string]*widget.Label{}}
	f.name = newShortcutEntry(d, false)
	f.name.SetPlaceHolder("First and last name")
	f.dob = newShortcutEntry(d, false)
	f.dob.SetPlaceHolder("YYYY-MM-DD (optional)")
	f.lang = newShortcutEntry(d, false)
	f.lang.SetPlaceHolder("en (English), es (Spanish) …")
	f.contact = newShortcutEntry(d, false)
	f.contact.SetPlaceHolder("Phone or e-mail (optional)")
	f.notes = newShortcutEntry(d, true)
	f.notes.SetMinRowsVisible(3)
	if existing != nil {
		f.name.SetText(existing.Name)
		if existing.DOB != nil {
			f.dob.SetText(existing.DOB.Format("2006-01-02"))
		}
		f.lang.SetText(existing.Lang)
		f.contact.SetText(existing.Contact)
		f.notes.SetText(existing.Notes)
	}
	for _, e := range []*shortcutEntry{f.name, f.dob, f.lang, f.contact} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	form := container.New(layout.NewFormLayout())
	row := func(label, field string, e fyne.CanvasObject, extra ...fyne.CanvasObject) {
		errLabel := widget.NewLabel("")
		errLabel.Importance = widget.DangerImportance
		errLabel.Wrapping = fyne.TextWrapWord
		errLabel.Hide()
		f.errs[field] = errLabel
		form.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(container.NewVBox(append([]fyne.CanvasObject{e, errLabel}, extra...)...))
	}
	row("Name", "Name", f.name)
	row("Date of birth", "DOB", f.dob)
	langNote := widget.NewLabel("")
	langNote.Importance = widget.WarningImportance
	langNote.Wrapping = fyne.TextWrapWord
	langNote.Hide()
	f.langNote = langNote
	f.lang.OnChanged = func(code string) {
		if c := languageCaveat(strings.TrimSpace(code), d.libLang()); c != "" {
			langNote.SetText(words.UpperFirst(strings.TrimPrefix(c, "; ")) + ".")
			langNote.Show()
		} else {
			langNote.Hide()
		}
	}
	f.lang.OnChanged(f.lang.Text)
	row("Language", "Lang", f.lang, langNote)
	row("Contact", "Contact", f.contact)
	row("Notes", "Notes", f.notes)
	// A message is about the text that was refused: editing the field takes
	// it away (Save checks again).
	for _, pf := range patientFields {
		entry, l := pf.entry(f), f.errs[pf.name]
		changed := entry.OnChanged
		entry.OnChanged = func(text string) {
			l.Hide()
			if changed != nil {
				changed(text)
			}
		}
	}
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()

	f.duplicate = container.NewVBox()
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, f.general, f.duplicate), d.app.win)
	save := widget.NewButtonWithIcon("Save patient", theme.DocumentSaveIcon(), f.submit)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.dlg.Hide)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	for _, e := range []*shortcutEntry{f.name, f.dob, f.lang, f.contact, f.notes} {
		e.onEscape = f.dlg.Hide
	}
	f.dlg.Resize(fyne.NewSize(560, 0))
	f.dlg.Show()
	d.app.win.Canvas().Focus(f.name)
	d.app.trace.event("patient form opened")
	return f
}

// submit validates and saves; on a refusal each message appears beside its
// field and everything typed stays in the form.
func (f *patientForm) submit() {
	d := f.desk
	db := d.database()
	if db == nil {
		return
	}
	for _, l := range f.errs {
		l.SetText("")
		l.Hide()
	}
	f.general.Hide()
	p := store.Patient{}
	if f.existing != nil {
		p = *f.existing
	}
	p.Name = strings.TrimSpace(f.name.Text)
	p.Lang = strings.TrimSpace(f.lang.Text)
	p.Contact = f.contact.Text
	p.Notes = f.notes.Text
	p.DOB = nil
	problems := map[string]string{}
	if s := strings.TrimSpace(f.dob.Text); s != "" {
		dob, err := patient.ParseDOB(s)
		if err != nil {
			problems["DOB"] = err.Error()
		} else {
			p.DOB = &dob
		}
	}
	// Validate first, so that every problem shows at once, an unreadable
	// date together with an empty name.
	err := p.Validate()
	if err == nil && len(problems) == 0 && f.existing == nil && !f.allowDuplicate {
		if dup := d.samePatient(&p); dup != nil {
			f.showDuplicate(dup)
			return
		}
	}
	if err == nil && len(problems) == 0 {
		ctx := context.Background()
		if f.existing == nil {
			err = db.CreatePatient(ctx, &p)
		} else {
			err = db.UpdatePatient(ctx, &p)
		}
	}
	for k, v := range store.Fields(err) {
		if _, seen := problems[k]; !seen {
			problems[k] = v
		}
	}
	if err != nil || len(problems) > 0 {
		shown := false
		for _, field := range patientFields {
			if msg, ok := problems[field.name]; ok {
				f.errs[field.name].SetText(msg)
				f.errs[field.name].Show()
				if !shown {
					d.app.win.Canvas().Focus(field.entry(f))
				}
				shown = true
			}
		}
		if !shown {
			f.general.SetText(store.ErrorMessage(err))
			f.general.Show()
		}
		d.app.trace.event("patient refused %s", strings.Join(slices.Sorted(maps.Keys(problems)), ","))
		return
	}
	f.dlg.Hide()
	if f.existing == nil {
		d.app.trace.event("patient added %d", p.ID)
	} else {
		d.app.trace.event("patient saved %d", p.ID)
	}
	if f.onSaved != nil {
		f.onSaved(&p)
	}
}

// samePatient finds a patient on file (archived too) with p's name,
// ignoring accents and case, and p's birth date; nil when none is, or p
// has no birth date to tell two people apart by. The store's search finds
// the candidates; store.SameName, the store's own name rule, decides.
func (d *handoutDesk) samePatient(p *store.Patient) *store.Patient {
	db := d.db()
	if db == nil || p.DOB == nil {
		return nil
	}
	found, err := db.SearchPatients(context.Background(), p.Name, true, 0)
	if err != nil {
		return nil // the save that follows reports what is wrong with the database
	}
	for i := range found {
		c := &found[i]
		if c.DOB != nil && c.DOB.Equal(*p.DOB) && store.SameName(c.Name, p.Name) {
			return c
		}
	}
	return nil
}

// showDuplicate says who is already on file and offers to open them or to
// add the new patient anyway (two people can share a name and a birthday).
func (f *patientForm) showDuplicate(dup *store.Patient) {
	d := f.desk
	msg := fmt.Sprintf("%s, born %s, is already on file", dup.Name, dup.DOB.Format("2006-01-02"))
	if dup.Archived {
		msg += " (archived)"
	}
	msg += ". Is this the same person?"
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Importance = widget.WarningImportance
	open := widget.NewButtonWithIcon("Open the patient on file", theme.AccountIcon(), func() {
		f.dlg.Hide()
		d.app.trace.event("duplicate patient opened %d", dup.ID)
		if f.openExisting != nil {
			f.openExisting(dup)
		} else if f.onSaved != nil {
			f.onSaved(dup)
		}
	})
	open.Importance = widget.HighImportance
	anyway := widget.NewButtonWithIcon("Add as a new patient", theme.ContentAddIcon(), func() {
		f.allowDuplicate = true
		f.submit()
	})
	f.duplicate.Objects = []fyne.CanvasObject{text, container.NewHBox(open, anyway)}
	f.duplicate.Refresh()
	d.app.trace.event("duplicate patient found %d", dup.ID)
}

// patientFields lists the form's fields in screen order, so the first
// refused one gets the focus.
var patientFields = []struct {
	name  string
	entry func(*patientForm) *shortcutEntry
}{
	{"Name", func(f *patientForm) *shortcutEntry { return f.name }},
	{"DOB", func(f *patientForm) *shortcutEntry { return f.dob }},
	{"Lang", func(f *patientForm) *shortcutEntry { return f.lang }},
	{"Contact", func(f *patientForm) *shortcutEntry { return f.contact }},
	{"Notes", func(f *patientForm) *shortcutEntry { return f.notes }},
}

// shortcutEntry is a text field that lets the handout shortcuts (Ctrl+S,
// Ctrl+H …) through: Fyne hands shortcuts to the focused field only, so
// a plain Entry would swallow Ctrl+S while the clinician types.
type shortcutEntry struct {
	widget.Entry
	desk *handoutDesk
	// onEscape, when set, is Escape in this field (closing its dialog).
	onEscape func()
	// onKey, when set, sees every key first; it reports whether it used it
	// (the patients list's arrow keys).
	onKey func(fyne.KeyName) bool
}

func newShortcutEntry(d *handoutDesk, multiLine bool) *shortcutEntry {
	e := &shortcutEntry{desk: d}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut runs a handout shortcut, else the field's own (copy, paste …).
func (e *shortcutEntry) TypedShortcut(s fyne.Shortcut) {
	if e.desk != nil && e.desk.shortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// printActions are Preview, Print and Export PDF for a saved handout,
// each from the saved text (what the patient gets is what was saved).
func (d *handoutDesk) printActions(h *handout.Handout) []fyne.CanvasObject {
	a := d.app
	preview := widget.NewButtonWithIcon("Preview", theme.VisibilityIcon(), func() { a.PreviewHandout(h) })
	printBtn := widget.NewButtonWithIcon("Print", theme.DocumentPrintIcon(), func() { a.PrintHandout(h) })
	export := widget.NewButtonWithIcon("Export PDF…", theme.DownloadIcon(), func() { a.ExportHandout(h) })
	return []fyne.CanvasObject{preview, printBtn, export}
}

// databaseReplaced follows a restore from backup: the current patient and
// an open handout are looked up again in the restored file, so nothing is
// saved over a different person's record.
func (d *handoutDesk) databaseReplaced() {
	db := d.db()
	ctx := context.Background()
	if d.patient != nil {
		p, err := db.GetPatient(ctx, d.patient.ID)
		if err != nil || p.Name != d.patient.Name {
			p = nil
		}
		if p == nil && d.editor != nil {
			// Keep what was typed; the clinician chooses the patient again
			// and the handout is saved as a new one.
			d.editor.h.ID, d.editor.h.Revision, d.editor.h.PatientID = 0, 0, 0
			d.editor.unsaved = true
			d.editor.updateStatusLine()
		}
		d.patient = p
		d.updateChip()
	}
	if e := d.editor; e != nil && e.h.ID != 0 {
		if h, err := db.GetHandout(ctx, e.h.ID); err != nil || h.PatientID != e.h.PatientID {
			e.h.ID, e.h.Revision = 0, 0 // not in the restored file: saved as a new handout
			e.unsaved = true
			e.updateStatusLine()
		} else {
			e.h.Revision = h.Revision
		}
	}
	if d.screen != nil {
		d.screen.refresh()
		d.screen.showEmpty()
	}
	d.app.trace.event("handouts reloaded after restore")
}

// TypedKey lets Escape close the dialog the field is in; Fyne's dialogs
// have no key of their own for it.
func (e *shortcutEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k.Name) {
		return
	}
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	if k.Name == fyne.KeyEscape && e.desk != nil {
		// A field in any other dialog: Escape is that dialog's way out.
		if top := e.desk.app.win.Canvas().Overlays().Top(); top != nil && dialogKey(top, k.Name) {
			return
		}
	}
	e.Entry.TypedKey(k)
}
