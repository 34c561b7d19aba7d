package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/store"
	"chairside/internal/words"
)

// A save refused because another chair saved the same handout or patient
// after this one opened it (store.Conflict, issue 16) meets one dialog:
// who changed it, where and when, and three ways on: keep mine (saved as
// a new revision over theirs, which stays in the history), take theirs
// (what was typed here is set aside in the history first, then their
// version is shown instead), or see both side by side. Until the
// clinician chooses, nothing typed here is touched, and whichever they
// choose, both texts stay on file: a wrong choice can be undone from the
// history (history.go).

// conflictOffer is what the dialog needs: the conflict, the two versions
// as lines of text for "See both", and what each choice does. keepMine
// and takeTheirs report failure themselves.
type conflictOffer struct {
	win        fyne.Window
	trace      *tracer
	conflict   *store.Conflict
	mine       []string
	theirs     []string
	keepMine   func()
	takeTheirs func()
}

// conflictMessage says what happened, in the app's language.
func conflictMessage(c *store.Conflict) string {
	data := map[string]any{"Room": c.Theirs.Room, "Time": conflictTime(c.Theirs.SavedAt, time.Now())}
	switch {
	case c.Kind == "patient" && c.Theirs.Room != "":
		return tr("conflict.patient.room", "This patient's details were changed in {{.Room}} at {{.Time}} while you were editing.", data)
	case c.Kind == "patient":
		return tr("conflict.patient.elsewhere", "This patient's details were changed on another computer at {{.Time}} while you were editing.", data)
	case c.Theirs.Room != "":
		return tr("conflict.handout.room", "This handout was changed in {{.Room}} at {{.Time}} while you were editing.", data)
	}
	return tr("conflict.handout.elsewhere", "This handout was changed on another computer at {{.Time}} while you were editing.", data)
}

// conflictTime is the time of their save as a clinician says it: the time
// alone today, with the date otherwise.
func conflictTime(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if t.Format("2006-01-02") == now.Format("2006-01-02") {
		return t.Format("15:04")
	}
	return t.Format("2006-01-02 15:04")
}

// show opens the choice. It returns the dialog, for the tests.
func (o *conflictOffer) show() dialog.Dialog {
	msg := widget.NewLabel(conflictMessage(o.conflict))
	msg.Wrapping = fyne.TextWrapWord
	msg.TextStyle = fyne.TextStyle{Bold: true}
	help := widget.NewLabel(tr("conflict.help", "Nothing you typed is lost, whichever you choose.\n• Keep mine saves your version as a new revision; theirs stays in the history.\n• Take theirs shows their version here; yours is set aside in the history, and you can open it again from Patients.\n• See both shows the two side by side."))
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(tr("conflict.title", "Changed in another room"), container.NewVBox(msg, help), o.win)
	keep := widget.NewButtonWithIcon(tr("conflict.keep_mine", "Keep mine"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		o.trace.event("conflict keep mine %s %d over %d", o.conflict.Kind, o.conflict.ID, o.conflict.Theirs.Number)
		o.keepMine()
	})
	keep.Importance = widget.HighImportance
	take := widget.NewButtonWithIcon(tr("conflict.take_theirs", "Take theirs"), theme.DownloadIcon(), func() {
		d.Hide()
		o.trace.event("conflict take theirs %s %d revision %d", o.conflict.Kind, o.conflict.ID, o.conflict.Theirs.Number)
		o.takeTheirs()
	})
	both := widget.NewButtonWithIcon(tr("conflict.see_both", "See both"), theme.VisibilityIcon(), o.showBoth)
	d.SetButtons([]fyne.CanvasObject{both, take, keep})
	d.Resize(fyne.NewSize(560, 0))
	o.trace.event("conflict shown %s %d yours %d theirs %d", o.conflict.Kind, o.conflict.ID, o.conflict.Yours, o.conflict.Theirs.Number)
	d.Show()
	return d
}

// showBoth shows the two versions side by side, read-only, each line
// found in only one of them in bold; closing it goes back to the choice.
func (o *conflictOffer) showBoth() {
	c := o.conflict
	theirsHead := tr("conflict.theirs.heading", "Theirs (revision {{.Revision}}, {{.Where}}, {{.Time}})", map[string]any{
		"Revision": c.Theirs.Number, "Where": roomOrElsewhere(c.Theirs.Room), "Time": conflictTime(c.Theirs.SavedAt, time.Now())})
	mineHead := tr("conflict.mine.heading", "Yours (not saved; started from revision {{.Revision}})", map[string]any{"Revision": c.Yours})
	column := func(head string, lines, other []string) fyne.CanvasObject {
		h := widget.NewLabel(head)
		h.TextStyle = fyne.TextStyle{Bold: true}
		h.Wrapping = fyne.TextWrapWord
		return container.NewBorder(h, nil, nil, nil, container.NewVScroll(versionText(lines, other)))
	}
	grid := container.NewGridWithColumns(2, column(mineHead, o.mine, o.theirs), column(theirsHead, o.theirs, o.mine))
	d := dialog.NewCustom(tr("conflict.both.title", "Your version and theirs"), tr("conflict.back", "Back"), grid, o.win)
	d.Resize(fyne.NewSize(min(o.win.Canvas().Size().Width-40, 900), min(o.win.Canvas().Size().Height-40, 640)))
	o.trace.event("conflict both shown %s %d", c.Kind, c.ID)
	d.Show()
}

// roomOrElsewhere names where a save was made.
func roomOrElsewhere(room string) string {
	if room == "" {
		return tr("conflict.elsewhere", "another computer")
	}
	return room
}

// versionText is one version's lines, those not in the other in bold.
func versionText(lines, other []string) *widget.RichText {
	in := make(map[string]int, len(other))
	for _, l := range other {
		in[l]++
	}
	rt := widget.NewRichText()
	rt.Wrapping = fyne.TextWrapWord
	for _, l := range lines {
		style := widget.RichTextStyleParagraph
		if in[l] > 0 {
			in[l]--
		} else {
			style = widget.RichTextStyleStrong
			style.Inline = false
		}
		if l == "" {
			l = " "
		}
		rt.Segments = append(rt.Segments, &widget.TextSegment{Text: l, Style: style})
	}
	return rt
}

// handoutLines is a handout as "See both" shows it: what the clinician
// can change, one thing a line, in the app's language.
func handoutLines(h *handout.Handout) []string {
	field := func(label, value string) string { return label + ": " + value }
	lines := []string{
		field(tr("conflict.field.title", "Title"), h.Title),
		field(tr("conflict.field.date", "Visit date"), h.Date.Format("2006-01-02")),
		field(tr("conflict.field.status", "Status"), statusLabel(h.Status)),
	}
	for i, it := range h.Items {
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, it.Title))
		for _, para := range strings.Split(strings.TrimSpace(it.Body), "\n") {
			if para = strings.TrimSpace(para); para != "" {
				lines = append(lines, "    "+para)
			}
		}
	}
	for i, m := range h.Marks {
		l := tr("marks.legend.line", "{{.Number}}. {{.Where}}: {{.Finding}}", map[string]any{
			"Number": i + 1, "Where": words.UpperFirst(structureName(m.Structure)), "Finding": findingLabel(m.Finding)})
		if m.Note != "" {
			l += " (" + m.Note + ")"
		}
		lines = append(lines, tr("conflict.field.mark", "Mark")+" "+l)
	}
	for _, s := range h.HomeCare.Stretches {
		lines = append(lines, field(tr("conflict.field.exercise", "Home exercise"), s.Name))
	}
	lines = append(lines, field(tr("conflict.field.instructions", "Home-care instructions"), h.HomeCare.Instructions))
	lines = append(lines, field(tr("conflict.field.notes", "Clinician notes"), ""))
	for _, l := range strings.Split(h.ClinicianNotes, "\n") {
		lines = append(lines, "    "+l)
	}
	return lines
}

// patientLines is a patient's details as "See both" shows them.
func patientLines(p *store.Patient) []string {
	dob := ""
	if p.DOB != nil {
		dob = p.DOB.Format("2006-01-02")
	}
	lines := []string{
		tr("form.name", "Name") + ": " + p.Name,
		tr("form.dob", "Date of birth") + ": " + dob,
		tr("form.lang", "Language") + ": " + p.Lang,
		tr("form.contact", "Contact") + ": " + p.Contact,
		tr("form.notes", "Notes") + ":",
	}
	for _, l := range strings.Split(p.Notes, "\n") {
		lines = append(lines, "    "+l)
	}
	if p.Archived {
		lines = append(lines, tr("conflict.field.archived", "Archived"))
	}
	return lines
}

// autosaveProblem is why an autosave failed, for the editor's status
// line: a conflict says where the other change came from and that Save
// offers the choice (a dialog every few seconds while typing would take
// the keys).
func autosaveProblem(err error) string {
	if c := store.ConflictOf(err); c != nil {
		return conflictMessage(c) + " " + tr("conflict.autosave", "Save (Ctrl+S) to choose which version to keep.")
	}
	return storeMessage(err)
}

// offerConflict asks what to do with the editor's text (mine, as it was
// to be saved) now that another chair saved the handout.
func (e *handoutEditor) offerConflict(c *store.Conflict, mine *handout.Handout) {
	d := e.desk
	db := d.database()
	if db == nil {
		return
	}
	d.trace.event("handout save conflict %d", c.ID)
	theirs, err := db.GetHandout(context.Background(), c.ID)
	if err != nil {
		showStoreError(d.win, tr("editor.not_saved", "The handout was not saved"), err,
			tr("editor.still_here", "Everything you typed is still in the editor"))
		return
	}
	o := &conflictOffer{win: d.win, trace: d.trace, conflict: c, mine: handoutLines(mine), theirs: handoutLines(theirs),
		keepMine:   func() { e.keepMine(c, mine.Status) },
		takeTheirs: func() { e.takeTheirs(c, mine, theirs) },
	}
	o.show()
}

// keepMine saves what the editor holds as a new revision over theirs.
func (e *handoutEditor) keepMine(c *store.Conflict, status handout.Status) {
	d := e.desk
	db := d.database()
	if db == nil {
		return
	}
	h, err := e.collect(status)
	if err == nil {
		err = db.SaveHandoutOver(context.Background(), h, c.Theirs)
	}
	if c2 := store.ConflictOf(err); c2 != nil {
		e.offerConflict(c2, h) // saved yet again meanwhile
		return
	}
	if err != nil {
		e.showFieldErrors(err)
		d.trace.event("handout save failed %s", store.ErrorCode(err))
		showStoreError(d.win, tr("editor.not_saved", "The handout was not saved"), err,
			tr("editor.still_here", "Everything you typed is still in the editor"))
		return
	}
	e.saveSucceeded(h)
}

// takeTheirs sets what was typed here (mine, as it was to be saved) aside
// in the handout's history, then puts their version in the editor, as if
// it had just been opened. When mine cannot be set aside, theirs is not
// taken: the editor keeps mine and says why.
func (e *handoutEditor) takeTheirs(c *store.Conflict, mine, theirs *handout.Handout) {
	d := e.desk
	db := d.database()
	if db == nil {
		return
	}
	rev, err := db.SetHandoutAside(context.Background(), mine, c.Theirs)
	if err != nil {
		d.trace.event("handout set aside failed %s", store.ErrorCode(err))
		showStoreError(d.win, tr("conflict.aside_failed", "Your version could not be set aside, so theirs was not taken"), err,
			tr("editor.still_here", "Everything you typed is still in the editor"))
		return
	}
	d.trace.event("handout set aside %d revision %d", c.ID, rev.Number)
	e.close()
	d.openEditor(theirs)
	d.window.ShowNotice(tr("conflict.aside_done", "Their version is in the editor now. Yours is kept in this handout's history as revision {{.Revision}}, set aside: Patients (Ctrl+P) lists it under the handout, with Open this version.",
		map[string]any{"Revision": rev.Number}), false)
}

// offerConflict asks what to do with the form's details (mine, as they
// were to be saved) now that another chair saved the patient.
func (f *patientForm) offerConflict(c *store.Conflict, mine store.Patient) {
	d := f.desk
	db := d.database()
	if db == nil {
		return
	}
	d.trace.event("patient save conflict %d", c.ID)
	theirs, err := db.GetPatient(context.Background(), c.ID)
	if err != nil {
		f.say(storeMessage(err), true)
		return
	}
	o := &conflictOffer{win: d.win, trace: d.trace, conflict: c, mine: patientLines(&mine), theirs: patientLines(theirs),
		keepMine: func() {
			err := db.UpdatePatientOver(context.Background(), &mine, c.Theirs)
			if c2 := store.ConflictOf(err); c2 != nil {
				f.offerConflict(c2, mine)
				return
			}
			if err != nil {
				f.say(storeMessage(err), true)
				return
			}
			f.saved(&mine)
		},
		takeTheirs: func() { f.takeTheirs(c, &mine, theirs) },
	}
	o.show()
}

// takeTheirs sets the form's details (mine, as they were to be saved)
// aside in the patient's history, then fills the form with theirs. When
// mine cannot be set aside, theirs are not taken: the form keeps mine and
// says why.
func (f *patientForm) takeTheirs(c *store.Conflict, mine, theirs *store.Patient) {
	d := f.desk
	db := d.database()
	if db == nil {
		return
	}
	rev, err := db.SetPatientAside(context.Background(), mine, c.Theirs)
	if err != nil {
		d.trace.event("patient set aside failed %s", store.ErrorCode(err))
		f.say(tr("conflict.patient.aside_failed", "Your details could not be set aside, so theirs were not taken; yours are still in the form. {{.Reason}}",
			map[string]any{"Reason": storeMessage(err)}), true)
		return
	}
	d.trace.event("patient set aside %d revision %d", c.ID, rev.Number)
	f.fill(theirs)
	f.say(tr("conflict.patient.aside_done", "These are their details now. Yours are kept in the patient's history as revision {{.Revision}}, set aside: the patient's page in Patients shows them, with Edit with these details.",
		map[string]any{"Revision": rev.Number}), false)
}

// say shows msg under the form's fields: a problem in red, news plainly.
func (f *patientForm) say(msg string, problem bool) {
	f.general.Importance = widget.MediumImportance
	if problem {
		f.general.Importance = widget.DangerImportance
	}
	f.general.SetText(msg)
	f.general.Show()
}

// fill puts a patient's details in the form, as it opens with them.
func (f *patientForm) fill(p *store.Patient) {
	f.existing = p
	f.fillFields(p)
}

// fillFields puts p's details in the form's fields, leaving the revision
// the form saves over as it is (restoring details set aside).
func (f *patientForm) fillFields(p *store.Patient) {
	f.name.SetText(p.Name)
	f.dob.SetText("")
	if p.DOB != nil {
		f.dob.SetText(p.DOB.Format("2006-01-02"))
	}
	f.lang.SetText(p.Lang)
	f.contact.SetText(p.Contact)
	f.notes.SetText(p.Notes)
}
