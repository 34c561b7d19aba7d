package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// The screen the window shows instead of the app when its database
// cannot be opened (at start, or after a restore or a damaged file found
// later): why, and the ways out.

// problemScreen says plainly why the database cannot be opened and offers
// the ways out. Nothing on it writes to the refused file: a restore moves
// it aside (keeping it whole), the other choices leave it alone.
type problemScreen struct {
	s       *startup
	path    string
	err     error
	heading *widget.Label
	message *widget.Label
	buttons *fyne.Container
	root    fyne.CanvasObject
}

func newProblemScreen(s *startup, path string, err error) *problemScreen {
	p := &problemScreen{s: s, path: path, err: err}
	p.heading = widget.NewLabelWithStyle(problemHeading(err), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.SizeName = theme.SizeNameSubHeadingText
	p.message = widget.NewLabel(problemMessage(err))
	p.message.Wrapping = fyne.TextWrapWord
	if store.IsServerAddress(path) {
		return newServerProblemScreen(p)
	}
	file := widget.NewLabel(path)
	file.Wrapping = fyne.TextWrapBreak
	file.TextStyle = fyne.TextStyle{Monospace: true}
	fileRow := container.NewBorder(nil, nil, widget.NewLabelWithStyle(tr("db.file_label", "Database file:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, file)

	restore := widget.NewButtonWithIcon(tr("db.restore", "Restore a backup…"), theme.HistoryIcon(), p.chooseBackup)
	restore.Importance = widget.HighImportance
	other := widget.NewButtonWithIcon(tr("db.other", "Choose another database…"), theme.FolderOpenIcon(), p.chooseOther)
	create := widget.NewButtonWithIcon(tr("db.new", "Start a new database…"), theme.FileIcon(), p.chooseNew)
	quit := widget.NewButtonWithIcon(tr("db.quit", "Quit"), theme.LogoutIcon(), func() {
		s.trace.event("quit from database problem")
		s.fa.Quit()
	})
	p.buttons = container.NewHBox(restore, other, create)
	if store.ErrorCode(err) == store.ELOCKED {
		// Closing the other program is the usual cure, so offer to look again.
		p.buttons.Add(widget.NewButtonWithIcon(tr("db.retry", "Try again"), theme.ViewRefreshIcon(), func() { s.retry(path) }))
	}
	p.buttons.Add(layout.NewSpacer())
	p.buttons.Add(quit)

	unchanged := widget.NewLabel(tr("db.unchanged", "Chairside has not changed this file. Restoring a backup keeps it aside under a new name; the other choices leave it where it is."))
	unchanged.Wrapping = fyne.TextWrapWord
	p.layout(fileRow, unchanged)
	return p
}

// layout puts the screen together: the heading, where the database is
// (where), the message, what stays as it was (unchanged) and the buttons.
func (p *problemScreen) layout(where, unchanged fyne.CanvasObject) {
	icon := canvas.NewImageFromResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	icon.SetMinSize(fyne.NewSquareSize(48))
	icon.FillMode = canvas.ImageFillContain
	body := container.NewVBox(p.heading, where, p.message, widget.NewSeparator(), unchanged)
	card := container.NewVBox(container.NewBorder(nil, nil, container.NewVBox(icon), nil, body), layout.NewSpacer(), p.buttons)
	// Centred in a window tall enough for the file pickers the buttons open.
	p.root = container.NewPadded(container.NewPadded(container.NewVBox(layout.NewSpacer(), card, layout.NewSpacer())))
}

// newServerProblemScreen is the problem screen for the clinic's server
// (unreachable at start, say): try again, or use this computer's file,
// which also stops opening the server at start. The window never falls
// back to the file by itself: records saved there while the other chairs
// use the server would split the clinic's records in two.
func newServerProblemScreen(p *problemScreen) *problemScreen {
	s := p.s
	if store.ErrorCode(p.err) == store.EOFFLINE {
		p.heading.SetText(tr("server.problem.offline", "Chairside cannot reach the clinic's server"))
	} else {
		p.heading.SetText(tr("server.problem.other", "Chairside cannot use the clinic's server"))
	}
	p.message.SetText(storeMessage(p.err))
	address := widget.NewLabel(store.ShownAddress(p.path))
	address.Wrapping = fyne.TextWrapBreak
	address.TextStyle = fyne.TextStyle{Monospace: true}
	where := container.NewBorder(nil, nil, widget.NewLabelWithStyle(tr("server.problem.label", "Server:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, address)

	retry := widget.NewButtonWithIcon(tr("db.retry", "Try again"), theme.ViewRefreshIcon(), func() {
		s.trace.event("server try again")
		s.retry(p.path)
	})
	retry.Importance = widget.HighImportance
	p.buttons = container.NewHBox(retry)
	if s.localFile != "" {
		p.buttons.Add(widget.NewButtonWithIcon(tr("server.use_file", "Use this computer's file"), theme.ComputerIcon(), p.useLocalFile))
	}
	p.buttons.Add(layout.NewSpacer())
	p.buttons.Add(widget.NewButtonWithIcon(tr("db.quit", "Quit"), theme.LogoutIcon(), func() {
		s.trace.event("quit from database problem")
		s.fa.Quit()
	}))
	text := tr("server.problem.nothing_saved", "Nothing is being saved meanwhile, on the server or on this computer: Chairside does not switch to this computer's file by itself, because records saved there would be missing from the other chairs. Try again once the server is back, or use this computer's file on purpose.")
	if s.localFile != "" {
		text += "\n\n" + tr("server.problem.file", "This computer's file is {{.Path}}. Using it also stops Chairside opening the server at start; choose the server again in Settings > Data.", map[string]any{"Path": s.localFile})
	}
	unchanged := widget.NewLabel(text)
	unchanged.Wrapping = fyne.TextWrapWord
	p.layout(where, unchanged)
	return p
}

// useLocalFile opens this computer's file instead of the server and
// forgets the server chosen in Settings, so the next start opens the file
// too.
func (p *problemScreen) useLocalFile() {
	s := p.s
	s.fa.Preferences().RemoveValue(prefServer)
	s.trace.event("server forgotten, using %s", s.localFile)
	fromSettings := s.fromSettings
	if fromSettings {
		// The file is now what a start without --db opens: no notice
		// about a file for this session only.
		s.requested, s.fromSettings = s.localFile, false
	}
	s.retry(s.localFile)
	if a := s.app; a != nil && fromSettings {
		a.showNotice(tr("server.now_file", "Chairside now uses this computer's file {{.Path}}, now and at the next start. To use the clinic's server again, choose it in Settings > Data.", map[string]any{"Path": s.localFile}), noticeSticky)
	}
}

// problemHeading names the problem in a few words; the message below says
// what to do.
func problemHeading(err error) string {
	switch store.ErrorCode(err) {
	case store.ECORRUPT:
		return tr("db.problem.corrupt", "The database file is damaged or is not a Chairside database")
	case store.ELOCKED:
		return tr("db.problem.locked", "The database is in use by another program")
	case store.EREADONLY:
		return tr("db.problem.read_only", "The database cannot be read or written")
	case store.ENEWER:
		return tr("db.problem.newer", "The database comes from a newer Chairside")
	case store.EMOVED:
		return tr("db.problem.moved", "The database file was replaced while Chairside had it open")
	}
	return tr("db.problem.other", "Chairside cannot open its database")
}

// problemMessage is the store's diagnosis (its first sentence, which names
// the file and the fault) followed by the way out on this screen; the
// store's own way out speaks of command-line flags.
func problemMessage(err error) string {
	msg := storeMessage(err)
	first := msg
	if i := strings.Index(msg, ". "); i >= 0 {
		first = msg[:i+1]
	}
	var way string
	switch store.ErrorCode(err) {
	case store.ECORRUPT:
		way = tr("db.way.corrupt", "Restore the most recent backup (Chairside makes one each day), or choose another database file.")
	case store.ELOCKED:
		way = tr("db.way.locked", "Close the other program (another Chairside window, a backup or sync tool), then press Try again.")
	case store.EREADONLY:
		way = tr("db.way.read_only", "Make the file and its folder writable and start Chairside again, or choose another database file.")
	case store.ENEWER:
		way = tr("db.way.newer", "Open it with the newer Chairside, or choose another database file.")
	default:
		return msg
	}
	return first + " " + way
}

// chooseOther opens an existing database file picked by the clinician.
func (p *problemScreen) chooseOther() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.s.trace.event("database chosen %s", path)
		p.s.retry(path)
	}, p.s.w)
	d.SetConfirmText(tr("button.open", "Open"))
	d.SetTitleText(tr("db.choose", "Choose a Chairside database"))
	d.SetView(dialog.ListView) // full names: databases and backups differ by date
	d.Resize(fyne.NewSize(900, 600))
	if l := listableDir(filepath.Dir(p.path)); l != nil {
		d.SetLocation(l)
	}
	d.Show()
}

// chooseNew starts an empty database in a new file; an existing file is
// never overwritten from here.
func (p *problemScreen) chooseNew() {
	showSaveAs(p.s.w, saveAsOptions{
		Title:   tr("db.new.title", "Start a new database"),
		Confirm: tr("db.new.confirm", "Create"),
		Dir:     filepath.Dir(p.path),
		Name:    "chairside-new.db",
		Ext:     ".db",
		Check: func(path string) error {
			if _, err := os.Stat(path); err == nil {
				return errors.New(tr("db.new.exists", "a file with this name is already there; choose another name, or use \"Choose another database…\" to open it"))
			}
			return nil
		},
	}, func(path string) {
		p.s.trace.event("new database %s", path)
		p.s.retry(path)
	})
}

// chooseBackup restores a backup over the refused file, after saying where
// the refused file will be kept, then opens the restored database.
func (p *problemScreen) chooseBackup() {
	pickBackup(p.s.w, p.path, func(backup string) {
		checkThenConfirm(p.s.w, backup, p.path, func() {
			kept, err := store.Restore(backup, p.path)
			if err != nil {
				p.s.trace.event("restore refused %s", store.ErrorCode(err))
				showStoreError(p.s.w, "", err, "")
				return
			}
			p.s.trace.event("database restored %s from %s", p.path, backup)
			p.s.retry(p.path)
			if a := p.s.app; a != nil {
				a.showNotice(restoredMessage(backup, kept), noticeSticky)
			}
		})
	})
}
