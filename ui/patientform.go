package ui

import (
	"context"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/patient"
	"chairside/internal/store"
	"chairside/internal/words"
)

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
	// unsent is the new patient the server did not answer (autosave.go).
	unsent *unsentPatient
}

func (d *handoutDesk) showPatientForm(existing *store.Patient, title string, onSaved func(*store.Patient)) *patientForm {
	f := &patientForm{desk: d, existing: existing, onSaved: onSaved, errs: map[string]*widget.Label{}}
	f.name = newShortcutEntry(d, false)
	f.name.SetPlaceHolder(tr("form.name.hint", "First and last name"))
	f.dob = newShortcutEntry(d, false)
	f.dob.SetPlaceHolder(tr("form.dob.hint", "YYYY-MM-DD (optional)"))
	f.lang = newShortcutEntry(d, false)
	f.lang.SetPlaceHolder(tr("form.lang.hint", "en (English), es (Spanish) …"))
	f.contact = newShortcutEntry(d, false)
	f.contact.SetPlaceHolder(tr("form.contact.hint", "Phone or e-mail (optional)"))
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
	row(tr("form.name", "Name"), "Name", f.name)
	row(tr("form.dob", "Date of birth"), "DOB", f.dob)
	langNote := widget.NewLabel("")
	langNote.Importance = widget.WarningImportance
	langNote.Wrapping = fyne.TextWrapWord
	langNote.Hide()
	f.langNote = langNote
	f.lang.OnChanged = func(code string) {
		if c := languageCaveat(strings.TrimSpace(code), d.libLang()); c != "" {
			langNote.SetText(words.UpperFirst(c) + ".")
			langNote.Show()
		} else {
			langNote.Hide()
		}
	}
	f.lang.OnChanged(f.lang.Text)
	row(tr("form.lang", "Language"), "Lang", f.lang, langNote)
	row(tr("form.contact", "Contact"), "Contact", f.contact)
	row(tr("form.notes", "Notes"), "Notes", f.notes)
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
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, f.general, f.duplicate), d.win)
	save := widget.NewButtonWithIcon(tr("form.save", "Save patient"), theme.DocumentSaveIcon(), f.submit)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("button.cancel", "Cancel"), theme.CancelIcon(), f.dlg.Hide)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	for _, e := range []*shortcutEntry{f.name, f.dob, f.lang, f.contact, f.notes} {
		e.onEscape = f.dlg.Hide
	}
	f.dlg.Resize(fyne.NewSize(560, 0))
	f.dlg.Show()
	d.win.Canvas().Focus(f.name)
	d.trace.event("patient form opened")
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
	if err == nil && len(problems) == 0 && f.existing == nil && !f.allowDuplicate && f.unsent == nil {
		if dup := d.samePatient(&p); dup != nil {
			f.showDuplicate(dup)
			return
		}
	}
	if err == nil && len(problems) == 0 {
		ctx := context.Background()
		if f.existing == nil {
			err = f.addPatient(db, &p)
		} else {
			err = db.UpdatePatient(ctx, &p)
		}
	}
	if c := store.ConflictOf(err); c != nil {
		f.offerConflict(c, p) // conflict.go: keep mine, take theirs or see both
		return
	}
	for k, v := range store.FieldsIn(err, shownLanguage()) {
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
					d.win.Canvas().Focus(field.entry(f))
				}
				shown = true
			}
		}
		if !shown {
			f.say(storeMessage(err), true)
		}
		d.trace.event("patient refused %s", strings.Join(slices.Sorted(maps.Keys(problems)), ","))
		return
	}
	f.saved(&p)
}

// saved closes the form after a save (or keep mine after a conflict).
func (f *patientForm) saved(p *store.Patient) {
	d := f.desk
	f.dlg.Hide()
	if f.existing == nil {
		d.trace.event("patient added %d", p.ID)
	} else {
		d.trace.event("patient saved %d", p.ID)
	}
	if f.onSaved != nil {
		f.onSaved(p)
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
	data := map[string]any{"Name": dup.Name, "Date": dup.DOB.Format("2006-01-02")}
	msg := tr("form.duplicate", "{{.Name}}, born {{.Date}}, is already on file. Is this the same person?", data)
	if dup.Archived {
		msg = tr("form.duplicate_archived", "{{.Name}}, born {{.Date}}, is already on file (archived). Is this the same person?", data)
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Importance = widget.WarningImportance
	open := widget.NewButtonWithIcon(tr("form.duplicate.open", "Open the patient on file"), theme.AccountIcon(), func() {
		f.dlg.Hide()
		d.trace.event("duplicate patient opened %d", dup.ID)
		if f.openExisting != nil {
			f.openExisting(dup)
		} else if f.onSaved != nil {
			f.onSaved(dup)
		}
	})
	open.Importance = widget.HighImportance
	anyway := widget.NewButtonWithIcon(tr("form.duplicate.add", "Add as a new patient"), theme.ContentAddIcon(), func() {
		f.allowDuplicate = true
		f.submit()
	})
	f.duplicate.Objects = []fyne.CanvasObject{text, container.NewHBox(open, anyway)}
	f.duplicate.Refresh()
	d.trace.event("duplicate patient found %d", dup.ID)
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
