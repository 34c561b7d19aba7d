package ui

import (
	"context"
	"errors"
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/store"
)

// handoutDesk is the visit's handout flow: who the current patient is, the
// patients screen, the patient form and the handout editor. It keeps no
// rules of its own: validation and saving are the store's, drafting is
// the handout package's. It is handed what it works with (deskParts) and
// the main window calls it where the flow must hear of something: a tap
// on the diagram (diagramTapped, explaining), a restore (databaseReplaced), the window
// closing (flush); the visit's trail tells it of changes as it tells
// every listener.
type handoutDesk struct {
	deskParts
	// handoutLibs holds the libraries of handout languages other than the
	// app's (a Spanish handout made in an English app), loaded once each.
	handoutLibs map[string]*content.Library

	patient *store.Patient // the current patient, nil for none
	chip    *widget.Button // "Patient: …" in the toolbar
	editor  *handoutEditor // the open editor, nil when closed
	screen  *patientsScreen

	// after and delay drive the editor's autosave; tests shorten or fake them.
	after timerFunc
	delay time.Duration

	// resumeNotice takes away the offer to reopen the handout that was
	// open at the last close, once the editor is open anyway.
	resumeNotice func()

	// visitHandout is the handout made from this visit (its ID once saved
	// or autosaved), and visitSeen what of the visit's list it had taken
	// when its editor closed: Make handout reopens it and adds what was
	// shown since, instead of making a second handout of the same visit
	// without the marks and notes of the first. A new visit, another
	// patient or a restore forgets it (visitEnded).
	visitHandout int64
	visitSeen    map[string]bool
}

// deskParts is what the desk is made with: the window and its parts that
// the handout flow uses, and the main window's own calls (deskWindow).
type deskParts struct {
	win   fyne.Window
	prefs fyne.Preferences // remembers the handout open at the last close
	trace *tracer
	// db is the open database, or nil when none could be opened. It
	// changes after a restore, so it is asked for each time.
	db func() *store.DB
	// lib is the content library shown on screen, in the app's language.
	lib   func() (*content.Library, error)
	trail *Trail
	spine *Spine
	// side is the split whose right-hand pane the editor takes while open.
	side   *container.Split
	window deskWindow
}

// deskWindow is what the desk asks of the main window: the visit itself
// (emptying it, or asking first), the diagram's tints, a notice, and the
// printouts of a saved handout.
type deskWindow interface {
	clearVisit()
	confirmNewVisit()
	refreshDiscussed()
	showNoticeAction(msg, label string, act func()) (dismiss func())
	ShowNotice(msg string, problem bool)
	PreviewHandout(h *handout.Handout)
	PrintHandout(h *handout.Handout)
	ExportHandout(h *handout.Handout)
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

// newHandoutDesk makes the desk, listens to the visit's trail (whatever
// is explained while the editor is open goes on the handout too) and
// registers the handout shortcuts on the window. Its toolbar buttons are
// toolbarButtons, for the window to place.
func newHandoutDesk(parts deskParts) *handoutDesk {
	d := &handoutDesk{deskParts: parts, after: realTimer, delay: autosaveDelay}
	d.trail.OnChange(d.trailChanged)
	d.chip = widget.NewButtonWithIcon("", theme.AccountIcon(), d.ShowPatients)
	d.chip.Importance = widget.LowImportance
	d.updateChip()
	for _, s := range []*desktop.CustomShortcut{shortcutMakeHandout, shortcutSave, shortcutSaveFinal, shortcutPatients, shortcutMarkMode, shortcutCloseEditor, shortcutNewVisit} {
		d.win.Canvas().AddShortcut(s, func(sc fyne.Shortcut) { d.shortcut(sc) })
	}
	return d
}

// toolbarButtons are the patient chip, "Patients" and "Make handout".
func (d *handoutDesk) toolbarButtons() []fyne.CanvasObject {
	patients := widget.NewButtonWithIcon(tr("toolbar.patients", "Patients"), theme.FolderOpenIcon(), d.ShowPatients)
	// The shortcuts are in the hint under the diagram's panel and the
	// README; the toolbar is too full to spell them out on the buttons.
	makeBtn := widget.NewButtonWithIcon(tr("toolbar.make_handout", "Make handout"), theme.DocumentCreateIcon(), d.MakeHandout)
	makeBtn.Importance = widget.HighImportance
	return []fyne.CanvasObject{d.chip, patients, makeBtn}
}

// explaining is told that the diagram explains something: with the
// editor open, its explanation tab comes forward.
func (d *handoutDesk) explaining() {
	if d.editor != nil {
		d.editor.showExplanation()
	}
}

// trailChanged follows the visit: what was explained since the editor
// opened goes on the handout.
func (d *handoutDesk) trailChanged() {
	if d.editor != nil {
		d.editor.followTrail(d.trail.IDs())
		d.drawOnDiagram()
	}
}

// removeFromHandout takes id off the open handout (it was taken off the visit).
func (d *handoutDesk) removeFromHandout(id string) {
	if d.editor != nil {
		d.editor.removeRef(id)
	}
}

// unsaved reports whether an open handout has changes not saved.
func (d *handoutDesk) unsaved() bool { return d.editor != nil && d.editor.Unsaved() }

// forgetPatient leaves the desk with no current patient (a new visit);
// call it with the editor closed.
func (d *handoutDesk) forgetPatient() {
	d.patient = nil
	d.updateChip()
}

// patientEdited takes a patient's edited details: the chip and an open
// handout's heading show the new name when it is the current patient.
func (d *handoutDesk) patientEdited(p *store.Patient) {
	if d.patient == nil || d.patient.ID != p.ID {
		return
	}
	d.patient = p
	d.updateChip()
	if d.editor != nil {
		d.editor.setPatientName(p.Name)
	}
}

// stopAutosave stops the editor's autosave wait (the window is closing).
func (d *handoutDesk) stopAutosave() {
	if d.editor != nil {
		d.editor.saver.Stop()
	}
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
		d.closeEditor(tr("desk.before.close", "closing it"), nil) // asks first when there are unsaved changes
	case shortcutNewVisit.ShortcutName():
		d.window.confirmNewVisit()
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
		dialog.ShowError(errors.New(tr("desk.no_database", "No patient database is open, so patients and handouts cannot be saved. Restart Chairside to choose one.")), d.win)
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
	if e := d.editor; e != nil && e.patientID() == 0 && p != nil {
		// A handout left without its patient by a restore goes to the
		// patient chosen now, text and all.
		e.belongTo(p)
		d.patient = p
		d.updateChip()
		d.trace.event("patient chosen %d", p.ID)
		if then != nil {
			then()
		}
		return
	}
	d.closeEditor(tr("desk.before.switch", "switching to another patient"), func() {
		if d.patient != nil {
			// The visit was the previous patient's: none of it goes on
			// this patient's handout.
			d.window.clearVisit()
		}
		d.patient = p
		d.updateChip()
		if p != nil {
			d.trace.event("patient chosen %d", p.ID)
		}
		if then != nil {
			then()
		}
	})
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
	if d.reopenVisitHandout(db) {
		return
	}
	// The one language rule: the patient's language when the library has
	// texts in it, else the app's (see draft.NewHandoutLang).
	lib, err := d.libIn(draft.NewHandoutLang(d.patient.Lang, d.libLang()))
	if err != nil {
		dialog.ShowError(errors.New(tr("desk.library_failed_draft", "The explanation library could not be loaded, so a handout cannot be drafted: {{.Reason}}", map[string]any{"Reason": err.Error()})), d.win)
		return
	}
	h, err := draft.FromSession(d.trail.IDs(), nil, "", lib)
	if err != nil {
		dialog.ShowError(err, d.win)
		return
	}
	h.PatientID = d.patient.ID
	h.Title = handoutTitleIn(h.Lang)
	d.openEditor(&h)
	if d.editor != nil {
		d.editor.ofVisit = true
	}
}

// reopenVisitHandout opens this visit's handout again, when there is one
// still on file for the current patient, with what was shown since its
// editor closed added; it reports whether it did.
func (d *handoutDesk) reopenVisitHandout(db *store.DB) bool {
	if d.visitHandout == 0 {
		return false
	}
	h, err := db.GetHandout(context.Background(), d.visitHandout)
	if err != nil || h.PatientID != d.patient.ID {
		d.visitEnded() // deleted, or not this patient's: a new one is made
		return false
	}
	seen := d.visitSeen
	d.openEditor(h)
	e := d.editor
	if e == nil {
		return true // openEditor said why
	}
	e.ofVisit = true
	if seen != nil {
		// Only what was shown after it closed is added: an explanation
		// taken off the handout then does not come back by itself.
		e.onTrail = maps.Clone(seen)
	}
	d.trailChanged()
	d.trace.event("visit's handout reopened %d", h.ID)
	return true
}

// visitEnded forgets this visit's handout: the next Make handout makes a
// new one.
func (d *handoutDesk) visitEnded() {
	d.visitHandout, d.visitSeen = 0, nil
}

// defaultHandoutTitle heads a new handout; the clinician can change it.
const defaultHandoutTitle = "Your spine: what we talked about today"

// handoutTitleIn is the title a new handout starts with, in the
// handout's language (the patient reads it, not the clinician).
func handoutTitleIn(lang string) string {
	if t := i18n.For(lang).T("desk.handout_title"); t != "desk.handout_title" {
		return t
	}
	return defaultHandoutTitle
}

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
		showStoreError(d.win, "", err, "")
		return
	}
	if len(some) == 0 {
		f := d.showPatientForm(nil, tr("desk.add_for_handout", "Add the patient this handout is for"), func(p *store.Patient) {
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
	w := d.window
	preview := widget.NewButtonWithIcon(tr("desk.preview", "Preview"), theme.VisibilityIcon(), func() { w.PreviewHandout(h) })
	printBtn := widget.NewButtonWithIcon(tr("desk.print", "Print"), theme.DocumentPrintIcon(), func() { w.PrintHandout(h) })
	export := widget.NewButtonWithIcon(tr("desk.export", "Export PDF…"), theme.DownloadIcon(), func() { w.ExportHandout(h) })
	return []fyne.CanvasObject{preview, printBtn, export}
}

// databaseReplaced follows a restore from backup: the current patient and
// an open handout are looked up again in the restored file, so nothing is
// saved over a different person's record.
func (d *handoutDesk) databaseReplaced() {
	db := d.db()
	ctx := context.Background()
	d.visitEnded() // the restored file's handouts are not this visit's
	if d.patient != nil {
		p, err := db.GetPatient(ctx, d.patient.ID)
		if err != nil || p.Name != d.patient.Name {
			p = nil
		}
		if p == nil && d.editor != nil {
			// Keep what was typed; the clinician chooses the patient again
			// and the handout is saved as a new one.
			d.editor.saveAsNew(true)
		}
		d.patient = p
		d.updateChip()
	}
	if d.editor != nil {
		d.editor.databaseReplaced(ctx, db)
	}
	if d.screen != nil {
		d.screen.refresh()
		d.screen.showEmpty()
	}
	d.trace.event("handouts reloaded after restore")
}
