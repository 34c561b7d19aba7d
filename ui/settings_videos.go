package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/exercise"
	"chairside/internal/store"
)

// The Videos tab of Settings: the clinic's video address for each home
// exercise, which a handout prints as a QR code beside the exercise
// (internal/pdf/qr.go). The same store calls as `chairside clinic video`:
// SaveClinicVideo checks the address (a web page, http or https) and
// saves it at once; an empty address removes it.

// videosPanel lists the library's exercises, each with its address.
type videosPanel struct {
	db      func() *store.DB // changes after a restore: asked for each time
	trace   *tracer
	rows    []*videoRow
	problem *widget.Label // why the addresses could not be read
	root    fyne.CanvasObject
}

// videoRow is one exercise's address: the field, its Save and Clear
// buttons, and the line under it that says it was saved or why not.
type videoRow struct {
	id      string // "exercise:chin-tuck"
	title   string
	address *videoEntry
	save    *widget.Button
	clear   *widget.Button
	status  *widget.Label
	saved   string // the address as stored
}

// videosTab is the Videos tab for Settings: the exercises in the app's
// language with their addresses as stored, or the store's reason when
// they cannot be read.
func (a *App) videosTab() fyne.CanvasObject {
	return a.videosPanel().root
}

// videosPanel builds the panel, fills it and keeps it filled from the
// database the window has: after a restore or a switch to the server the
// addresses come from the new one.
func (a *App) videosPanel() *videosPanel {
	// The exercises are embedded: only a broken build fails to load
	// them, and the tab then lists none.
	lib, _ := exercise.Load(shownLanguage())
	p := newVideosPanel(a.DB, a.trace, lib)
	p.reload()
	a.OnDatabaseReplaced(p.reload)
	return p
}

// newVideosPanel builds the tab for the exercises of lib (in the app's
// language) and fills it from the database.
func newVideosPanel(db func() *store.DB, trace *tracer, lib *exercise.Library) *videosPanel {
	p := &videosPanel{db: db, trace: trace}
	intro := widget.NewLabel(tr("videos.intro", "Where your clinic has a video of an exercise, type its web address here. Every handout with that exercise then prints a QR code beside it that the patient's phone can open, with the address in small type under it. An address is saved as soon as you press Enter or Save or leave the field; Clear removes it."))
	intro.Wrapping = fyne.TextWrapWord
	grid := container.New(layout.NewFormLayout())
	if lib != nil {
		for _, ex := range lib.All() {
			r := p.newRow(ex)
			regions := make([]string, len(ex.Regions))
			for i, reg := range ex.Regions {
				regions[i] = regionName(reg)
			}
			where := widget.NewLabel(strings.Join(regions, ", "))
			where.Importance = widget.LowImportance
			grid.Add(container.NewVBox(boldLabel(r.title), where))
			grid.Add(container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(r.save, r.clear), r.address), r.status))
			p.rows = append(p.rows, r)
		}
	}
	p.problem = widget.NewLabel("")
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	p.root = container.NewVBox(intro, p.problem, widget.NewSeparator(), grid)
	return p
}

// reload fills the rows from the database, or says why it cannot.
func (p *videosPanel) reload() {
	if err := p.load(); err != nil {
		p.problem.SetText(storeMessage(err))
		p.problem.Show()
		return
	}
	p.problem.Hide()
}

func (p *videosPanel) newRow(ex exercise.Exercise) *videoRow {
	r := &videoRow{id: ex.ID, title: ex.Title}
	r.address = newVideoEntry()
	r.address.SetPlaceHolder(tr("videos.address.hint", "https://… (no video)"))
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	r.status.Hide()
	r.save = widget.NewButtonWithIcon(tr("videos.save", "Save"), theme.DocumentSaveIcon(), func() { _ = p.saveRow(r) })
	r.clear = widget.NewButtonWithIcon(tr("videos.clear", "Clear"), theme.ContentClearIcon(), func() { _ = p.clearRow(r) })
	r.address.OnSubmitted = func(string) { _ = p.saveRow(r) }
	r.address.onLeave = func() {
		if strings.TrimSpace(r.address.Text) != r.saved {
			_ = p.saveRow(r)
		}
	}
	r.address.OnChanged = func(string) { p.refreshRow(r) }
	p.refreshRow(r)
	return r
}

// load fills every row from the database.
func (p *videosPanel) load() error {
	videos, err := p.db().ClinicVideos(context.Background())
	if err != nil {
		return err
	}
	for _, r := range p.rows {
		r.saved = videos[r.id]
		r.address.SetText(r.saved)
		r.status.Hide()
		p.refreshRow(r)
	}
	return nil
}

// refreshRow enables Save when the field differs from what is stored and
// Clear when there is an address to remove.
func (p *videosPanel) refreshRow(r *videoRow) {
	if strings.TrimSpace(r.address.Text) != r.saved {
		r.save.Enable()
	} else {
		r.save.Disable()
	}
	if r.saved != "" || r.address.Text != "" {
		r.clear.Enable()
	} else {
		r.clear.Disable()
	}
}

// saveRow stores the row's address (an empty field removes the video).
// A refused address keeps the text and shows the store's reason, in the
// app's language, under the field.
func (p *videosPanel) saveRow(r *videoRow) error {
	addr := strings.TrimSpace(r.address.Text)
	err := p.db().SaveClinicVideo(context.Background(), r.id, addr)
	if err != nil {
		msg := store.FieldsIn(err, shownLanguage())["Video"]
		if msg == "" {
			msg = storeMessage(err)
		}
		r.status.Importance = widget.DangerImportance
		r.status.SetText(msg)
		r.status.Show()
		p.trace.event("exercise video refused")
		return err
	}
	r.saved = addr
	r.address.SetText(addr)
	r.status.Importance = widget.SuccessImportance
	if addr == "" {
		r.status.SetText(tr("videos.cleared", "Removed: handouts print no QR code for this exercise."))
	} else {
		r.status.SetText(tr("videos.saved", "Saved: handouts print a QR code for this address."))
	}
	r.status.Show()
	p.refreshRow(r)
	p.trace.event("exercise video saved")
	return nil
}

// clearRow empties the field and removes the stored address.
func (p *videosPanel) clearRow(r *videoRow) error {
	r.address.SetText("")
	return p.saveRow(r)
}

// row is the row of an exercise ID, nil when the library has none.
func (p *videosPanel) row(id string) *videoRow {
	for _, r := range p.rows {
		if r.id == id {
			return r
		}
	}
	return nil
}

// videoEntry is the address field. It saves a changed address when the
// clinician leaves it (Tab, or a click on another field or on Close), so
// an address typed and not saved by hand is not lost when Settings
// closes.
type videoEntry struct {
	widget.Entry
	onLeave func()
}

func newVideoEntry() *videoEntry {
	e := &videoEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost saves, then lets the entry finish losing focus.
func (e *videoEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}
