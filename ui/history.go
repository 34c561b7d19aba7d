package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/patient"
	"chairside/internal/store"
)

// patientFacts is the details line under the name.
func patientFacts(p *store.Patient, now time.Time, libLang string) string {
	var lines []string
	if p.DOB != nil {
		lines = append(lines, tr("patients.facts.born", "Born {{.Date}} (age {{.Age}})", map[string]any{"Date": p.DOB.Format("2006-01-02"), "Age": patient.Age(*p.DOB, now)}))
	} else {
		lines = append(lines, tr("patients.facts.no_dob", "Date of birth not recorded"))
	}
	language := tr("patients.facts.lang", "Handout language: {{.Lang}}", map[string]any{"Lang": languageName(p.Lang)})
	if p.Lang == "" {
		// No preference recorded: handouts follow the app's language
		// (draft.NewHandoutLang); say which, rather than an empty line.
		language = tr("patients.facts.lang_unknown", "Handout language: not recorded, so handouts print in {{.Lang}}, the app's language", map[string]any{"Lang": languageWord(libLang)})
	}
	if c := languageCaveat(p.Lang, libLang); c != "" {
		language += "; " + c
	}
	lines = append(lines, language)
	if p.Contact != "" {
		lines = append(lines, tr("patients.facts.contact", "Contact: {{.Contact}}", map[string]any{"Contact": p.Contact}))
	}
	if p.Notes != "" {
		lines = append(lines, tr("patients.facts.notes", "Notes: {{.Notes}}", map[string]any{"Notes": p.Notes}))
	}
	if p.Archived {
		lines = append(lines, tr("patients.facts.archived", "Archived: hidden from the list until restored."))
	}
	return strings.Join(lines, "\n")
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
	return tr("patients.lang_caveat", "handouts made here print in {{.Got}}, the app's language (there are no texts in {{.Want}} yet)", map[string]any{"Got": languageWord(got), "Want": languageWord(want)})
}

// languageName is a language as the front desk reads it: "Spanish (es)",
// or the code alone when it is not a common one.
func languageName(code string) string {
	if n := languageWord(code); n != code {
		return n + " (" + code + ")"
	}
	return code
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
		return []fyne.CanvasObject{storeErrorLabel(err)}
	}
	if len(hs) == 0 {
		return []fyne.CanvasObject{widget.NewLabel(tr("patients.no_handouts", "No handouts yet."))}
	}
	// Texts set aside by "take theirs" after a conflict are listed under
	// their handout, so that a clinician who took the other room's version
	// by mistake finds theirs again where they look for the handout.
	out := make([]fyne.CanvasObject, 0, len(hs))
	aside := map[int64][]store.SetAsideHandout{}
	if list, err := db.SetAsideHandouts(context.Background(), p.ID); err == nil {
		for _, a := range list {
			aside[a.HandoutID] = append(aside[a.HandoutID], a)
		}
	} else {
		out = append(out, storeErrorLabel(err))
	}
	for i := range hs {
		h := hs[i]
		line := widget.NewLabel(handoutLine(&h))
		line.Wrapping = fyne.TextWrapWord
		open := widget.NewButtonWithIcon(tr("button.open", "Open"), theme.DocumentIcon(), func() {
			s.dlg.Hide()
			d.openHandout(h.ID)
		})
		dup := widget.NewButtonWithIcon(tr("patients.duplicate", "Duplicate"), theme.ContentCopyIcon(), func() {
			c, err := db.DuplicateHandout(context.Background(), h.ID)
			if err != nil {
				showStoreError(d.win, "", err, "")
				return
			}
			d.trace.event("handout duplicated %d %d", h.ID, c.ID)
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
		entry := container.NewVBox(line, actions)
		for _, a := range aside[h.ID] {
			l := widget.NewLabel(setAsideLine(a.Revision, time.Now()))
			l.Wrapping = fyne.TextWrapWord
			rev := a.Number
			openAside := widget.NewButtonWithIcon(tr("conflict.aside.open", "Open this version"), theme.HistoryIcon(), func() {
				s.dlg.Hide()
				d.openSetAside(h.ID, rev)
			})
			entry.Add(container.NewBorder(nil, nil, nil, openAside, l))
		}
		out = append(out, entry, widget.NewSeparator())
	}
	return out
}

// setAsideLine says where and when a text was set aside, and instead of
// which revision.
func setAsideLine(r store.Revision, now time.Time) string {
	return tr("conflict.aside.line", "Version set aside ({{.Where}}, {{.Time}}, revision {{.Revision}}) when revision {{.Taken}} was taken instead", map[string]any{
		"Where": roomOrElsewhere(r.Room), "Time": conflictTime(r.SavedAt, now), "Revision": r.Number, "Taken": r.SetAside})
}

// openSetAside puts a handout's text set aside after a conflict (revision
// rev) in the editor, over the handout's current revision: a change like
// any typed one, autosaved as the newest revision in a moment, or undone
// with "Discard changes" on closing.
func (d *handoutDesk) openSetAside(id int64, rev int) {
	db := d.database()
	if db == nil {
		return
	}
	ctx := context.Background()
	cur, err := db.GetHandout(ctx, id)
	var kept *handout.Handout
	if err == nil {
		kept, err = db.HandoutRevision(ctx, id, rev)
	}
	var p *store.Patient
	if err == nil {
		p, err = db.GetPatient(ctx, cur.PatientID)
	}
	if err != nil {
		showStoreError(d.win, "", err, "")
		return
	}
	restored := *kept
	restored.ID, restored.PatientID, restored.Revision, restored.CreatedAt, restored.UpdatedAt = cur.ID, cur.PatientID, cur.Revision, cur.CreatedAt, cur.UpdatedAt
	d.closeEditor(tr("desk.before.open", "opening another handout"), func() {
		d.choosePatient(p, func() {
			d.openEditor(&restored)
			e := d.editor
			if e == nil || e.handoutID() != id {
				return
			}
			saved := *cur // what "Discard changes" goes back to
			e.saved = &saved
			e.changed()
			d.trace.event("handout set-aside opened %d revision %d", id, rev)
			d.window.ShowNotice(tr("conflict.aside.opened", "Revision {{.Revision}}, set aside earlier, is in the editor and is saved as the newest revision in a moment. To leave the handout as it was, close it and choose Discard changes.",
				map[string]any{"Revision": rev}), false)
		})
	})
}

// setAsideDetails lists the patient's details set aside after conflicts,
// newest first, each with a way to edit the patient starting from them.
func (s *patientsScreen) setAsideDetails(p *store.Patient) []fyne.CanvasObject {
	d := s.desk
	db := d.db()
	if db == nil {
		return nil
	}
	revs, err := db.PatientRevisions(context.Background(), p.ID)
	if err != nil {
		return []fyne.CanvasObject{storeErrorLabel(err)}
	}
	var out []fyne.CanvasObject
	for i := range revs {
		r := revs[i]
		if r.Saved.SetAside == 0 {
			continue
		}
		l := widget.NewLabel(tr("conflict.aside.details", "Details set aside ({{.Where}}, {{.Time}}, revision {{.Revision}}) when revision {{.Taken}} was taken instead:", map[string]any{
			"Where": roomOrElsewhere(r.Saved.Room), "Time": conflictTime(r.Saved.SavedAt, time.Now()), "Revision": r.Saved.Number, "Taken": r.Saved.SetAside}) +
			"\n" + strings.Join(patientLines(&r.Patient), "\n"))
		l.Wrapping = fyne.TextWrapWord
		use := widget.NewButtonWithIcon(tr("conflict.aside.edit", "Edit with these details"), theme.HistoryIcon(), func() {
			cur := *p
			f := d.showPatientForm(&cur, tr("patients.edit_title", "Edit patient"), func(np *store.Patient) {
				d.patientEdited(np)
				s.refresh()
				s.show(np)
			})
			f.fillFields(&r.Patient)
			d.trace.event("patient set-aside opened %d revision %d", p.ID, r.Saved.Number)
		})
		out = append(out, l, container.NewHBox(use))
	}
	if len(out) > 0 {
		out = append(out, widget.NewSeparator())
	}
	return out
}

// handoutLine describes a handout in the history.
func handoutLine(h *handout.Handout) string {
	title := h.Title
	if strings.TrimSpace(title) == "" {
		title = tr("patients.untitled", "(untitled)")
	}
	items := trN("patients.history.items", "{{.Count}} explanations", len(h.Items))
	if len(h.Items) == 0 {
		items = tr("patients.history.no_items", "no explanations")
	}
	marks := trN("patients.history.marks", "{{.Count}} marks", len(h.Marks))
	if len(h.Marks) == 0 {
		marks = tr("patients.history.no_marks", "no marks")
	}
	line := fmt.Sprintf("%s  ·  %s\n%s, %s, %s", h.Date.Format("2006-01-02"), title, statusLabel(h.Status), items, marks)
	if !h.UpdatedAt.IsZero() {
		// Tells a copy from its original, made the same day with the same title.
		line += " · " + tr("patients.history.saved", "last saved {{.When}}", map[string]any{"When": h.UpdatedAt.Local().Format("2006-01-02 15:04")})
	}
	return line
}

// languageWord is a language's name in the app's language ("Spanish",
// "español") for the codes the model names (patient.LanguageName), else
// the model's word, which is the code itself for an uncommon one.
func languageWord(code string) string {
	switch code {
	case "en":
		return tr("patients.lang.en", "English")
	case "es":
		return tr("patients.lang.es", "Spanish")
	case "fr":
		return tr("patients.lang.fr", "French")
	case "de":
		return tr("patients.lang.de", "German")
	case "pt":
		return tr("patients.lang.pt", "Portuguese")
	case "it":
		return tr("patients.lang.it", "Italian")
	case "nl":
		return tr("patients.lang.nl", "Dutch")
	case "pl":
		return tr("patients.lang.pl", "Polish")
	case "vi":
		return tr("patients.lang.vi", "Vietnamese")
	case "zh":
		return tr("patients.lang.zh", "Chinese")
	case "ar":
		return tr("patients.lang.ar", "Arabic")
	}
	return patient.LanguageName(code)
}

// storeErrorLabel shows a store failure in place of a list: the store's
// message in the app's language, as an error line.
func storeErrorLabel(err error) *widget.Label {
	l := errorLabel()
	l.SetText(storeMessage(err))
	l.Show()
	return l
}
