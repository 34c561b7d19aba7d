package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/store"
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
