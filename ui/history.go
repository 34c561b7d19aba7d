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
