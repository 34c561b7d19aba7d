package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

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
	// live: the list is reloading after a change in another room (live.go),
	// which must not take the keyboard from wherever it is.
	live bool
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
	s.search.SetPlaceHolder(tr("patients.search", "Search by name…"))
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
	s.archived = widget.NewCheck(tr("patients.show_archived", "Show archived"), func(bool) { s.refresh() })
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
		if c := d.win.Canvas(); c.Focused() != s.search && !s.live {
			c.Focus(s.search)
		}
	}
	s.list.OnUnselected = func(widget.ListItemID) { s.cursor = -1 }
	add := widget.NewButtonWithIcon(tr("patients.add", "Add patient"), theme.ContentAddIcon(), func() { s.addPatient("") })
	add.Importance = widget.HighImportance
	left := container.NewBorder(
		container.NewVBox(s.search, container.NewHBox(s.archived, layout.NewSpacer(), s.count)),
		add, nil, nil, s.list)
	s.detail = container.NewVBox()
	right := container.NewVScroll(container.NewPadded(s.detail))
	split := container.NewHSplit(left, right)
	split.Offset = 0.38

	title := tr("patients.title", "Patients")
	if then != nil {
		title = tr("patients.title_for_handout", "Who is this handout for?")
	}
	s.dlg = dialog.NewCustomWithoutButtons(title, split, d.win)
	closeBtn := widget.NewButtonWithIcon(tr("button.close", "Close"), theme.CancelIcon(), s.dlg.Hide)
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
	winSize := d.win.Canvas().Size()
	s.dlg.Resize(fyne.NewSize(min(1100, winSize.Width*0.92), min(720, winSize.Height*0.9)))
	s.dlg.Show()
	d.win.Canvas().Focus(s.search)
	d.trace.event("patients screen opened")
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
		n += " " + tr("patients.archived_mark", "(archived)")
	}
	name.SetText(n)
	if p.DOB != nil {
		born.SetText(tr("patients.born", "born {{.Date}}", map[string]any{"Date": p.DOB.Format("2006-01-02")}))
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
		s.count.SetText(storeMessage(err))
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
		s.count.SetText(tr("patients.count.more", "first {{.Count}}: type more of the name", map[string]any{"Count": patientListLimit}))
	case len(ps) == 0 && strings.TrimSpace(s.search.Text) != "" && !s.archived.Checked && s.archivedMatch(db):
		// Otherwise the front desk adds the patient a second time.
		s.count.SetText(tr("patients.count.only_archived", "only archived: tick Show archived"))
	case len(ps) == 0 && strings.TrimSpace(s.search.Text) != "":
		s.count.SetText(tr("patients.count.none", "no match"))
	default:
		s.count.SetText(trN("patients.count", "{{.Count}} patients", len(ps)))
	}
	s.desk.trace.event("patients listed %d", len(ps))
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
		s.count.SetText(trN("patients.count.pick", "{{.Count}} patients: pick one with the arrow keys or a click", len(s.results)))
		s.desk.trace.event("patients enter ignored %d", len(s.results))
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
	f := s.desk.showPatientForm(nil, tr("patients.add", "Add patient"), func(p *store.Patient) {
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
	hint := widget.NewLabel(tr("patients.empty", "Choose a patient on the left to see their details and handouts, or add a new patient."))
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

	useText := tr("patients.use", "Use for this visit")
	if s.then != nil {
		useText = tr("patients.use_for_handout", "Make the handout for this patient")
	}
	use := widget.NewButtonWithIcon(useText, theme.ConfirmIcon(), func() { s.use(p) })
	use.Importance = widget.HighImportance
	if p.Archived {
		use.Disable()
	}
	edit := widget.NewButtonWithIcon(tr("patients.edit", "Edit"), theme.DocumentCreateIcon(), func() {
		d.showPatientForm(p, tr("patients.edit_title", "Edit patient"), func(np *store.Patient) {
			d.patientEdited(np)
			s.refresh()
			s.show(np)
		})
	})
	archiveText, icon := tr("patients.archive", "Archive"), fyne.Resource(archiveIcon)
	if p.Archived {
		archiveText, icon = tr("patients.restore", "Restore"), theme.ContentUndoIcon()
	}
	archive := widget.NewButtonWithIcon(archiveText, icon, func() { s.toggleArchived(p) })

	objs := []fyne.CanvasObject{name, facts, container.NewHBox(use, edit, archive), widget.NewSeparator()}
	objs = append(objs, s.setAsideDetails(p)...) // history.go
	objs = append(objs, widget.NewLabelWithStyle(tr("patients.handouts", "Handouts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	objs = append(objs, s.history(p)...)
	s.detail.Objects = objs
	s.detail.Refresh()
	d.trace.event("patient shown %d", p.ID)
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

func (s *patientsScreen) toggleArchived(p *store.Patient) {
	d := s.desk
	db := d.database()
	if db == nil {
		return
	}
	apply := func() {
		if err := db.SetArchived(context.Background(), p.ID, !p.Archived); err != nil {
			showStoreError(d.win, "", err, "")
			return
		}
		np := *p
		np.Archived = !p.Archived
		if np.Archived {
			d.trace.event("patient archived %d", p.ID)
		} else {
			d.trace.event("patient restored %d", p.ID)
		}
		s.refresh()
		s.show(&np)
	}
	if p.Archived {
		apply()
		return
	}
	// Yes and No in the app's words: Fyne's own Spanish has "Si" for "Sí".
	ask := dialog.NewConfirm(tr("patients.archive.title", "Archive this patient?"),
		tr("patients.archive.message", "Archived patients are hidden from the list; nothing is deleted.\nTick \"Show archived\" to find and restore them."),
		func(ok bool) {
			if ok {
				apply()
			}
		}, d.win)
	ask.SetConfirmText(tr("patients.archive.yes", "Yes"))
	ask.SetDismissText(tr("patients.archive.no", "No"))
	ask.Show()
}
