package ui

import (
	"context"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// Settings > Data on the clinic's PostgreSQL server (issue 16): what the
// tab shows while the window uses a server, and the form that tests a
// server and switches the window to it or back to this computer's file.

// probeTimeout bounds Test connection; the store's own connect timeout
// (10 s) usually answers first.
const probeTimeout = 30 * time.Second

// serverForm asks for the clinic's server (host, port, database, user,
// how the connection is protected), tests it without changing anything,
// and switches the window to it or back to this computer's file. There is
// no password field: the driver reads it where PostgreSQL's tools do.
type serverForm struct {
	d *dataScreen

	heading                    *widget.Label
	host, port, database, user *widget.Entry
	encryption                 *widget.RadioGroup
	caFile                     *widget.Entry
	caRow                      fyne.CanvasObject
	plainWarning               *widget.Label
	problems                   map[string]*widget.Label
	migrateNote, migrate       *widget.Label
	result                     *widget.Label
	test, use, useFile         *widget.Button
	root                       fyne.CanvasObject

	// testing is the running Test connection's generation: a result that
	// arrives after the form changed is not shown.
	testing int
}

// The two choices of the Encryption radio group.
func encryptionChecked() string {
	return tr("server.encryption.checked", "Required, and the server's certificate checked (recommended)")
}

func encryptionPlain() string {
	return tr("server.encryption.plain", "None: plain text, only on a network the clinic trusts")
}

func (d *dataScreen) newServerForm() *serverForm {
	f := &serverForm{d: d, problems: map[string]*widget.Label{}}
	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.SizeName = theme.SizeNameSubHeadingText
	intro := widget.NewLabel(tr("server.intro", "Several treatment rooms can share one set of records on the clinic's PostgreSQL server. Ask the clinic's IT for these details. Chairside sets up its tables in an empty database of its own."))
	intro.Wrapping = fyne.TextWrapWord
	f.host = widget.NewEntry()
	f.host.SetPlaceHolder(tr("server.host.hint", "e.g. db.clinic.example or 192.168.1.20"))
	f.port = widget.NewEntry()
	f.port.SetText(strconv.Itoa(store.DefaultServerPort))
	f.database = widget.NewEntry()
	f.database.SetPlaceHolder(tr("server.database.hint", "e.g. clinic"))
	f.user = widget.NewEntry()
	if u, err := user.Current(); err == nil && u.Username != "" {
		f.user.SetPlaceHolder(tr("server.user.hint", "empty: {{.User}}, this computer's user", map[string]any{"User": u.Username}))
	}
	f.plainWarning = widget.NewLabel(tr("server.plain_warning", "Without encryption, anyone on the network between this computer and the server can read the patients' records. Choose this only on a network the clinic trusts for plain text, such as the server's own computer."))
	f.plainWarning.Wrapping = fyne.TextWrapWord
	f.plainWarning.Importance = widget.DangerImportance
	f.plainWarning.Hide()
	f.caFile = widget.NewEntry()
	f.caFile.SetPlaceHolder(tr("server.ca.hint", "empty: ~/.postgresql/root.crt or the system's authorities"))
	chooseCA := widget.NewButtonWithIcon(tr("server.ca.choose", "Choose…"), theme.FolderOpenIcon(), f.chooseCA)
	f.caRow = container.NewBorder(nil, nil, nil, chooseCA, f.caFile)
	f.encryption = widget.NewRadioGroup([]string{encryptionChecked(), encryptionPlain()}, func(string) { f.encryptionChanged() })
	f.encryption.Required = true
	f.encryption.SetSelected(encryptionChecked())

	field := func(key string, obj fyne.CanvasObject) fyne.CanvasObject { return withProblem(f.problems, key, obj) }
	form := widget.NewForm(
		widget.NewFormItem(tr("server.host", "Server"), field("Host", f.host)),
		widget.NewFormItem(tr("server.port", "Port"), field("Port", f.port)),
		widget.NewFormItem(tr("server.database", "Database"), field("Database", f.database)),
		widget.NewFormItem(tr("server.user", "User"), field("User", f.user)),
		widget.NewFormItem(tr("server.encryption", "Encryption"), container.NewVBox(f.encryption, f.plainWarning)),
		widget.NewFormItem(tr("server.ca", "Certificate authority"), field("CAFile", f.caRow)),
	)
	password := widget.NewLabel(passwordSentence())
	password.Wrapping = fyne.TextWrapWord
	f.migrateNote = widget.NewLabel(tr("server.migrate", "To move this computer's records onto an empty server database, close Chairside and run:"))
	f.migrateNote.Wrapping = fyne.TextWrapWord
	f.migrate = widget.NewLabel("")
	f.migrate.Wrapping = fyne.TextWrapBreak
	f.migrate.TextStyle = fyne.TextStyle{Monospace: true}
	f.migrate.Selectable = true
	f.result = widget.NewLabel("")
	f.result.Wrapping = fyne.TextWrapWord
	f.result.Hide()
	f.test = widget.NewButtonWithIcon(tr("server.test", "Test connection"), theme.SearchIcon(), f.testConnection)
	f.use = widget.NewButtonWithIcon(tr("server.use", "Use this server"), theme.ConfirmIcon(), f.useServer)
	f.use.Importance = widget.HighImportance
	f.useFile = widget.NewButtonWithIcon(tr("server.use_file", "Use this computer's file"), theme.ComputerIcon(), f.useLocalFile)
	for _, e := range []*widget.Entry{f.host, f.port, f.database, f.user, f.caFile} {
		e.OnChanged = func(string) { f.changed() }
	}
	// The result goes just above the buttons: where the clinician's eyes
	// are after pressing one, without scrolling.
	f.root = container.NewVBox(f.heading, intro, form, password, f.result, container.NewHBox(f.test, f.use, f.useFile), f.migrateNote, f.migrate)
	return f
}

// passwordSentence says where the password comes from, with the path of
// the password file, in one sentence.
func passwordSentence() string {
	file, env := store.PasswordSource()
	msg := tr("server.password", "Chairside never asks for or stores the password: it reads it, as PostgreSQL's own tools do, from the password file {{.File}} (one line per server: host:port:database:user:password, readable only by you), a service file, or PGPASSWORD.",
		map[string]any{"File": file})
	if env {
		msg += " " + tr("server.password_env", "PGPASSWORD is set for this session.")
	}
	return msg
}

// databaseChanged fits the form to the database now open: on a server it
// shows that server and offers the way back to this computer's file.
func (f *serverForm) databaseChanged(db *store.DB) {
	f.testing++
	f.result.Hide()
	if db.Server() {
		f.heading.SetText(tr("server.heading.on", "Another server, or back to this computer's file"))
		s, ok := store.ServerSettingsOf(f.d.prefs.String(prefServer))
		if !ok || store.ShownAddress(s.Address()) != db.Path() {
			// Named by --db or CHAIRSIDE_DB: shown as the driver resolved it.
			s, _ = db.ServerSettings()
		}
		f.fill(s)
		f.useFile.Show()
		if f.d.localFile == "" {
			f.useFile.Hide()
		}
	} else {
		f.heading.SetText(tr("server.heading", "Use the clinic's server"))
		if s, ok := store.ServerSettingsOf(f.d.prefs.String(prefServer)); ok {
			f.fill(s)
		}
		f.useFile.Hide()
	}
	f.changed()
}

// fill puts s in the form.
func (f *serverForm) fill(s store.ServerSettings) {
	f.host.SetText(s.Host)
	port := s.Port
	if port == 0 {
		port = store.DefaultServerPort
	}
	f.port.SetText(strconv.Itoa(port))
	f.database.SetText(s.Database)
	f.user.SetText(s.User)
	f.caFile.SetText(s.CAFile)
	if s.PlainText {
		f.encryption.SetSelected(encryptionPlain())
	} else {
		f.encryption.SetSelected(encryptionChecked())
	}
}

func (f *serverForm) encryptionChanged() {
	if f.encryption.Selected == encryptionPlain() {
		f.plainWarning.Show()
		f.caFile.Disable()
	} else {
		f.plainWarning.Hide()
		f.caFile.Enable()
	}
	f.changed()
}

// changed follows every edit: an earlier test result no longer applies,
// and the migrate command names the address as it now reads.
func (f *serverForm) changed() {
	if f.problems == nil || f.migrate == nil {
		return // still being built
	}
	f.testing++
	f.result.Hide()
	file := f.d.localFile
	if db := f.d.db(); db != nil && !db.Server() {
		file = db.Path()
	}
	address := "postgres://USER@HOST:5432/DATABASE"
	if s, ok := f.settings(false); ok {
		address = s.Address()
	}
	if file == "" {
		f.migrateNote.Hide()
		f.migrate.Hide()
		return
	}
	f.migrate.SetText("chairside migrate --from " + shellWord(file) + " --to " + shellWord(address))
	f.migrateNote.Show()
	f.migrate.Show()
}

// settings reads the form; with show it puts a message under each field
// that is missing or wrong. ok is false when any is.
func (f *serverForm) settings(show bool) (store.ServerSettings, bool) {
	s := store.ServerSettings{
		Host:      strings.TrimSpace(f.host.Text),
		Database:  strings.TrimSpace(f.database.Text),
		User:      strings.TrimSpace(f.user.Text),
		PlainText: f.encryption.Selected == encryptionPlain(),
	}
	problems := map[string]string{}
	if s.Host == "" {
		problems["Host"] = tr("server.host.missing", "Give the server's name or address, e.g. db.clinic.example.")
	} else if strings.ContainsAny(s.Host, " /?#@") && !strings.HasPrefix(s.Host, "/") {
		problems["Host"] = tr("server.host.bad", "Give only the server's name or address here, without spaces, a user or a database.")
	}
	port, err := strconv.Atoi(strings.TrimSpace(f.port.Text))
	switch {
	case strings.TrimSpace(f.port.Text) == "":
		port = store.DefaultServerPort
	case err != nil || port < 1 || port > 65535:
		problems["Port"] = tr("server.port.bad", "The port is a number from 1 to 65535; PostgreSQL's usual port is 5432.")
	}
	s.Port = port
	if s.Database == "" {
		problems["Database"] = tr("server.database.missing", "Give the name of the clinic's database on the server, e.g. clinic.")
	}
	if !s.PlainText {
		s.CAFile = strings.TrimSpace(f.caFile.Text)
		if s.CAFile != "" {
			if fi, err := os.Stat(s.CAFile); err != nil || !fi.Mode().IsRegular() {
				problems["CAFile"] = tr("server.ca.missing", "There is no certificate file at {{.Path}}; choose the file the clinic's IT gave you, or leave this empty.", map[string]any{"Path": s.CAFile})
			}
		}
	}
	if show {
		for key, l := range f.problems {
			if msg := problems[key]; msg != "" {
				l.SetText(msg)
				l.Show()
			} else {
				l.SetText("")
				l.Hide()
			}
		}
	}
	return s, len(problems) == 0
}

// problem is the message shown under a field ("" when none).
func (f *serverForm) problem(key string) string {
	if l := f.problems[key]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// chooseCA picks the certificate authority's file.
func (f *serverForm) chooseCA() {
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		f.caFile.SetText(r.URI().Path())
		r.Close()
	}, f.d.win)
	dlg.SetTitleText(tr("server.ca.title", "Choose the server's certificate authority"))
	dlg.Resize(fyne.NewSize(900, 600))
	dlg.Show()
}

// say shows the outcome of a test or a switch under the form.
func (f *serverForm) say(msg string, problem bool) {
	f.result.SetText(msg)
	f.result.Importance = widget.SuccessImportance
	if problem {
		f.result.Importance = widget.DangerImportance
	}
	f.result.Show()
	f.result.Refresh()
}

// testConnection connects in the background and says what it found, or
// exactly what failed in the store's words; nothing is changed.
func (f *serverForm) testConnection() {
	s, ok := f.settings(true)
	if !ok {
		return
	}
	f.testing++
	gen := f.testing
	address := s.Address()
	f.result.SetText(tr("server.testing", "Connecting to {{.Address}}…", map[string]any{"Address": store.ShownAddress(address)}))
	f.result.Importance = widget.MediumImportance
	f.result.Show()
	f.test.Disable()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
		defer cancel()
		rep, err := store.Probe(ctx, address)
		fyne.Do(func() {
			f.test.Enable()
			if gen != f.testing {
				return // the form changed meanwhile
			}
			// The trace line last: a test reads the form once it sees it.
			if err != nil {
				f.say(storeMessage(err), true)
				f.d.trace.event("server test failed %s", store.ErrorCode(err))
				return
			}
			f.say(probeReport(rep), rep.Standby)
			f.d.trace.event("server test ok")
		})
	}()
}

// probeReport says what Test connection found.
func probeReport(rep store.ServerReport) string {
	parts := []string{
		tr("server.found", "Connected to PostgreSQL {{.Version}} at {{.Address}}.", map[string]any{"Version": rep.Version, "Address": rep.Address}),
		protectionText(rep.Protection),
	}
	switch {
	case rep.Empty:
		parts = append(parts, tr("server.found.empty", "The database is empty: Chairside sets up its tables when you use it."))
	default:
		parts = append(parts, tr("server.found.records", "It holds Chairside's records: {{.Patients}} and {{.Handouts}}.", map[string]any{
			"Patients": trN("restore.summary.patients", "{{.Count}} patients", rep.Patients),
			"Handouts": trN("restore.summary.handouts", "{{.Count}} handouts", rep.Handouts),
		}))
		if rep.Older {
			parts = append(parts, tr("server.found.older", "They were set up by an older Chairside and are brought up to date when you use them (other chairs then need this version too)."))
		}
	}
	if rep.Standby {
		parts = append(parts, tr("server.found.standby", "This server takes no changes (a read-only standby): ask the clinic's IT which server to use for saving."))
	}
	return strings.Join(parts, " ")
}

// useServer asks once, then switches the window to the server in the form
// and remembers it for the next start.
func (f *serverForm) useServer() {
	s, ok := f.settings(true)
	if !ok {
		return
	}
	address := s.Address()
	shown := store.ShownAddress(address)
	if db := f.d.db(); db != nil && db.Server() && db.Path() == shown && f.d.prefs.String(prefServer) == address {
		f.say(tr("server.already", "This window already uses {{.Address}}.", map[string]any{"Address": shown}), false)
		f.d.trace.event("server already in use")
		return
	}
	msg := widget.NewLabel(tr("server.use.explain", "Chairside closes the database it uses now and opens {{.Address}}; everything on screen reloads from it. It opens this server at every start from now on, unless --db or CHAIRSIDE_DB names another database.\n\nThis computer's file stays as it is. Its records are not copied to the server: use chairside migrate for that, before anyone saves on the server.",
		map[string]any{"Address": shown}))
	msg.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(tr("server.use.title", "Use the clinic's server?"), tr("server.use", "Use this server"), tr("button.cancel", "Cancel"), msg, func(yes bool) {
		if yes {
			f.d.switchTo(address, func() (*store.DB, error) { return store.Open(address) }, func() {
				f.d.prefs.SetString(prefServer, address)
				f.d.notice(tr("server.now_server", "Chairside now uses the clinic's server {{.Address}}, now and at every start.", map[string]any{"Address": shown}), noticeSticky)
				f.d.trace.event("server chosen %s", shown)
			})
		}
	}, f.d.win)
	dlg.Resize(fyne.NewSize(620, 0))
	dlg.Show()
}

// useLocalFile switches the window back to this computer's file and
// forgets the server, so the next start opens the file too.
func (f *serverForm) useLocalFile() {
	file := f.d.localFile
	if file == "" {
		return
	}
	f.d.switchTo(file, func() (*store.DB, error) { return openDatabase(file) }, func() {
		f.d.prefs.RemoveValue(prefServer)
		f.d.notice(tr("server.now_file", "Chairside now uses this computer's file {{.Path}}, now and at the next start. To use the clinic's server again, choose it in Settings > Data.", map[string]any{"Path": file}), noticeSticky)
		f.d.trace.event("server forgotten, using %s", file)
	})
}

// switchTo changes the window's database to the one open opens (path
// names it): the editor is closed first (asking about unsaved changes),
// the new database is opened in the background while the current one
// stays in use, and only once it is open does the window change over,
// through the same path as a restore. A database that cannot be opened
// leaves the window as it was, with the store's reason.
func (d *dataScreen) switchTo(path string, open func() (*store.DB, error), done func()) {
	d.leaveEditor(tr("server.doing", "changing the database"), func() {
		var next *store.DB
		d.background(tr("server.opening", "Opening {{.Address}}…", map[string]any{"Address": store.ShownAddress(path)}), func() (err error) {
			next, err = open()
			return err
		}, func(err error) {
			if err != nil {
				current := ""
				if db := d.db(); db != nil {
					current = db.Path()
				}
				showStoreError(d.win, tr("server.not_switched", "Chairside still uses {{.Current}}.", map[string]any{"Current": current}), err, "")
				d.trace.event("database refused %s: %s", store.ErrorCode(err), store.ShownAddress(path))
				return
			}
			if err := d.replace(path, func() (*store.DB, error) { return next, nil }); err != nil {
				showStoreError(d.win, "", err, "")
				return
			}
			done()
		})
	})
}

// reloadUnlessDirty loads the clinic's details again from the database now
// open, unless the clinician has typed changes there (which are kept, to
// be saved or discarded as they choose).
func reloadUnlessDirty(f *clinicForm) {
	if f.dirty() {
		return
	}
	if err := f.load(); err != nil {
		f.status.SetText(storeMessage(err))
	}
}
