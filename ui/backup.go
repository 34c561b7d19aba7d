package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
	"chairside/internal/words"
)

// prefBackupFolder remembers where the clinician last saved a manual backup.
const prefBackupFolder = "backup.folder"

// OnDatabaseReplaced registers f to run (on the UI thread) after the open
// database was replaced (a restore from backup, a switch to or from the
// clinic's server), so screens that show patients or handouts can reload
// from DB().
func (a *App) OnDatabaseReplaced(f func()) {
	a.data.replaced = append(a.data.replaced, f)
}

// dataScreen is Settings > Data: where the records are kept (this
// computer's file or the clinic's server), backing up, restoring and
// checking them, and the switch between the file and the server
// (serverForm). It is handed what it needs; a restore and a switch both go
// through replace, the window's one way to change its database.
type dataScreen struct {
	win   fyne.Window
	prefs fyne.Preferences
	trace *tracer
	// db is the open database. It changes after a restore or a switch, so
	// it is asked for each time.
	db func() *store.DB
	// replace closes the open database, runs next and opens the window on
	// the database next returns (App.replaceDatabase); path is what next
	// opens, for the problem screen should it fail.
	replace func(path string, next func() (*store.DB, error)) error
	// background runs work off the UI thread behind a progress dialog,
	// then done on the UI thread (App.inBackground).
	background func(title string, work func() error, done func(error))
	notice     func(msg string, kind noticeKind)
	// open shows a folder in the system's file viewer.
	open func(path string) error
	// leaveEditor closes the handout editor (asking about unsaved changes)
	// and then runs then; it does not run then when the clinician cancels.
	leaveEditor func(why string, then func())
	// localFile is this computer's database file, to go back to from the
	// clinic's server ("" when unknown: the choice is not offered).
	localFile string

	server *serverForm
	root   *fyne.Container
}

// newDataScreen builds the Data tab for the window's database.
func (a *App) newDataScreen() *dataScreen {
	d := &dataScreen{win: a.win, prefs: a.fyneApp.Preferences(), trace: a.trace, db: a.DB, replace: a.replaceDatabase,
		background: a.inBackground, notice: a.showNotice, open: a.openPath, leaveEditor: a.leaveEditor, localFile: a.localFile()}
	d.root = container.NewVBox()
	d.refresh()
	a.OnDatabaseReplaced(d.refresh)
	return d
}

// BackUpNow asks where to save a copy of the database and writes it with
// SQLite's online backup; the window keeps working meanwhile. From a
// server it writes the server's records into a new SQLite file.
func (d *dataScreen) BackUpNow() {
	db := d.db()
	if db == nil {
		return
	}
	dir := d.prefs.StringWithFallback(prefBackupFolder, homeDir())
	name := "chairside-backup-" + time.Now().Format("2006-01-02") + ".db"
	if db.Server() {
		name = "chairside-server-copy-" + time.Now().Format("2006-01-02") + ".db"
	}
	showSaveAs(d.win, saveAsOptions{
		Title:     tr("backup.title", "Back up the database"),
		Confirm:   tr("backup.confirm", "Back up"),
		Dir:       dir,
		Name:      name,
		Ext:       ".db",
		Overwrite: true,
		Check: func(path string) error {
			if err := notTheDatabases(db.Path(), path); err != nil {
				return err
			}
			if db.Server() && d.localFile != "" {
				// A copy of the server written over this computer's own
				// file would replace that file's records.
				return notTheDatabases(d.localFile, path)
			}
			return nil
		},
	}, func(path string) {
		d.prefs.SetString(prefBackupFolder, filepath.Dir(path))
		d.background(tr("backup.working", "Backing up…"), func() error { return d.backupTo(db, path) }, func(err error) {
			if err != nil {
				showStoreError(d.win, "", err, "")
				return
			}
			d.notice(tr("backup.saved", "Backup saved: {{.Path}}", map[string]any{"Path": path}), noticeInfo)
		})
	})
}

// backupTo writes a backup of db to path; the store writes it to a
// temporary file first, so path is never left half-written.
func (d *dataScreen) backupTo(db *store.DB, path string) error {
	if err := db.Backup(context.Background(), path); err != nil {
		d.trace.event("backup failed %s: %s", store.ErrorCode(err), path)
		return err
	}
	d.trace.event("backup written %s", path)
	return nil
}

// RestoreFromBackup asks for a backup file, says where the current database
// will be kept, restores and reopens.
func (d *dataScreen) RestoreFromBackup() {
	db := d.db()
	if db == nil || db.Server() {
		return
	}
	target := db.Path()
	pickBackup(d.win, target, func(backup string) {
		checkThenConfirm(d.win, backup, target, func() {
			kept, err := d.restoreFrom(backup)
			if err != nil {
				showStoreError(d.win, "", err, "")
				return
			}
			d.notice(restoredMessage(backup, kept), noticeSticky)
		})
	})
}

// restoreFrom closes the database, restores backup over it (the store
// verifies the backup first and keeps the current file aside) and opens
// the result. When the restore is refused, the untouched current file is
// opened again. It returns where the previous file was kept.
func (d *dataScreen) restoreFrom(backup string) (kept string, err error) {
	db := d.db()
	if db == nil {
		return "", errors.New("no database is open")
	}
	target := db.Path()
	var restoreErr error
	openErr := d.replace(target, func() (*store.DB, error) {
		kept, restoreErr = store.Restore(backup, target)
		if restoreErr != nil {
			d.trace.event("restore refused %s", store.ErrorCode(restoreErr))
		} else {
			d.trace.event("database restored %s from %s", target, backup)
		}
		return openDatabase(target)
	})
	return kept, errors.Join(restoreErr, openErr)
}

// pickBackup lets the clinician choose a backup file, starting in the
// automatic backups folder of the database at dbPath.
func pickBackup(w fyne.Window, dbPath string, onPick func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		onPick(path)
	}, w)
	d.SetTitleText(tr("restore.choose", "Choose a backup to restore"))
	d.SetView(dialog.ListView) // backups differ only by the date in their names
	d.SetConfirmText(tr("button.choose", "Choose"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3", ".bak"}))
	if l := listableDir(store.BackupDir(dbPath)); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// checkThenConfirm runs the store's full check of the backup (behind a
// progress dialog: a large file takes a moment) and, only when it passes,
// asks to confirm, saying what the backup holds. A backup that fails is
// reported and nothing happens.
func checkThenConfirm(w fyne.Window, backup, target string, onYes func()) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(tr("restore.checking", "Checking the backup…"), container.NewPadded(bar), w)
	d.Resize(fyne.NewSize(360, 0))
	d.Show()
	go func() {
		sum, err := store.CheckBackup(context.Background(), backup)
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				showStoreError(w, "", err, "")
				return
			}
			confirmRestore(w, sum, target, onYes)
		})
	}()
}

// confirmRestore says what the backup holds and exactly what a restore
// does before it happens.
func confirmRestore(w fyne.Window, sum store.BackupSummary, target string, onYes func()) {
	msg := widget.NewLabel(restoreExplanation(sum, target))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr("restore.title", "Restore this backup?"), tr("restore.confirm", "Restore"), tr("button.cancel", "Cancel"), msg, func(ok bool) {
		if ok {
			onYes()
		}
	}, w)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

func restoreExplanation(sum store.BackupSummary, target string) string {
	// The kept file's exact name is known only once the restore runs (it
	// ends in that moment's date and time); the notice afterwards gives it.
	return tr("restore.explain", "The backup {{.Backup}} passed Chairside's full check. It holds:\n{{.Summary}}\n\n"+
		"It will be copied into place as the database {{.Target}}.\n\n"+
		"The current database is not deleted: it is kept aside, unchanged, in the same folder as\n{{.Target}}.before-restore-…\n"+
		"followed by the date and time of the restore (shown once it is done).\n\n"+
		"Anything saved after the backup was made stays in that kept file. Close Chairside in any other window first: a restore is refused while another window has the database open.",
		map[string]any{"Backup": sum.Path, "Summary": backupSummary(sum), "Target": target})
}

// backupSummary is what a backup holds, in the app's language: when it
// was made, its newest record, and how many patients and handouts.
func backupSummary(s store.BackupSummary) string {
	made := tr("restore.summary.made", "Made {{.When}}.", map[string]any{"When": dateTime(s.FileTime)})
	if !s.LastSaved.IsZero() {
		made = tr("restore.summary.made_saved", "Made {{.When}}; newest record saved {{.Saved}}.",
			map[string]any{"When": dateTime(s.FileTime), "Saved": dateTime(s.LastSaved)})
	}
	patients := trN("restore.summary.patients", "{{.Count}} patients", s.Patients)
	if s.Archived > 0 {
		patients = trN("restore.summary.patients_archived", "{{.Count}} patients ({{.Archived}} archived)", s.Patients, map[string]any{"Archived": s.Archived})
	}
	return made + " " + tr("restore.summary.counts", "{{.Patients}}, {{.Handouts}}.",
		map[string]any{"Patients": patients, "Handouts": trN("restore.summary.handouts", "{{.Count}} handouts", s.Handouts)})
}

func restoredMessage(backup, kept string) string {
	if kept == "" {
		return tr("restore.done", "Restored the backup {{.Backup}}.", map[string]any{"Backup": backup})
	}
	return tr("restore.done_kept", "Restored the backup {{.Backup}}. The previous database is kept at {{.Kept}}.", map[string]any{"Backup": backup, "Kept": kept})
}

// backupStatus describes the automatic backups of the database at dbPath:
// the folder, and the newest backup with its time.
func backupStatus(dbPath string) (dir, last string) {
	dir = store.BackupDir(dbPath)
	files, _ := filepath.Glob(filepath.Join(dir, "chairside-*.db"))
	type backup struct {
		name string
		mod  time.Time
	}
	var found []backup
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() {
			found = append(found, backup{filepath.Base(f), fi.ModTime()})
		}
	}
	if len(found) == 0 {
		return dir, tr("backup.auto.none", "No automatic backup yet; the first is made shortly after start.")
	}
	sort.Slice(found, func(i, j int) bool { return found[i].mod.After(found[j].mod) })
	newest := found[0]
	return dir, trN("backup.auto.last", "Last automatic backup: {{.When}} ({{.Name}}); {{.Count}} kept.", len(found),
		map[string]any{"When": dateTime(newest.mod), "Name": newest.name})
}

// checkReportText is a CheckReport in plain words.
func checkReportText(rep store.CheckReport) string {
	var b strings.Builder
	if rep.OK {
		b.WriteString(tr("check.whole", "No problems found: the database is whole.") + "\n\n")
	} else {
		b.WriteString(trN("check.problems", "The check found {{.Count}} problems. Make a backup of what you have now, then restore an earlier backup, or ask for help before saving more.", len(rep.Problems)) + "\n\n")
		for i, p := range rep.Problems {
			if i == 20 {
				b.WriteString(trN("check.more", "… and {{.Count}} more.", len(rep.Problems)-20) + "\n")
				break
			}
			b.WriteString("• " + p + "\n")
		}
		b.WriteString("\n")
	}
	// The store's counts, most familiar first; any others after, sorted.
	order := []string{"patients", "archived patients", "handouts", "handout revisions"}
	var rest []string
	for k := range rep.Counts {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range append(order, rest...) {
		if n, ok := rep.Counts[k]; ok {
			fmt.Fprintf(&b, "%s: %d\n", countLabel(k), n)
		}
	}
	return strings.TrimSpace(b.String())
}

// countLabel turns the store's count keys ("archived patients") into words.
func countLabel(key string) string {
	switch key {
	case "patients":
		return tr("check.count.patients", "Patients")
	case "archived patients":
		return tr("check.count.archived", "Archived patients")
	case "handouts":
		return tr("check.count.handouts", "Handouts")
	case "handout revisions":
		return tr("check.count.revisions", "Handout revisions")
	}
	return words.UpperFirst(strings.ReplaceAll(key, "_", " "))
}

// CheckDatabase runs the full integrity check in the background and shows
// the report.
func (d *dataScreen) CheckDatabase() {
	db := d.db()
	if db == nil {
		return
	}
	var rep store.CheckReport
	d.background(tr("check.working", "Checking the database…"), func() error {
		var err error
		rep, err = db.Check(context.Background())
		return err
	}, func(err error) {
		if err != nil {
			d.trace.event("check failed %s", store.ErrorCode(err))
			showStoreError(d.win, "", err, "")
			return
		}
		d.trace.event("check done ok=%v problems=%d", rep.OK, len(rep.Problems))
		text := widget.NewLabel(checkReportText(rep))
		text.Wrapping = fyne.TextWrapWord
		title := tr("check.title.ok", "Database check: no problems")
		if !rep.OK {
			title = tr("check.title.problems", "Database check: problems found")
		}
		var body fyne.CanvasObject = text
		if len(rep.Problems) > 5 {
			scroll := container.NewVScroll(text)
			scroll.SetMinSize(fyne.NewSize(0, 360))
			body = scroll
		}
		dlg := dialog.NewCustom(title, tr("button.close", "Close"), body, d.win)
		dlg.Resize(fyne.NewSize(620, 0))
		dlg.Show()
	})
}

// inBackground runs work off the UI thread behind a small progress dialog
// and then calls done on the UI thread.
func (a *App) inBackground(title string, work func() error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewPadded(bar), a.win)
	d.Resize(fyne.NewSize(360, 0))
	d.Show()
	a.data.jobs.Add(1)
	go func() {
		err := work()
		a.data.jobs.Done()
		fyne.Do(func() {
			d.Hide()
			done(err)
		})
	}()
}

// refresh rebuilds the tab for the database now open: a file's place,
// its automatic backups and the buttons to back up, restore and check; a
// server's address, how the connection is protected and who backs it up.
// The server form follows either.
func (d *dataScreen) refresh() {
	db := d.db()
	if db == nil {
		return
	}
	var top fyne.CanvasObject
	if db.Server() {
		top = d.serverPart(db)
	} else {
		top = d.filePart(db)
	}
	if d.server == nil {
		d.server = d.newServerForm()
	}
	d.server.databaseChanged(db)
	d.root.Objects = []fyne.CanvasObject{top, widget.NewSeparator(), d.server.root}
	d.root.Refresh()
}

// filePart is the tab's top on a file: where it is, its automatic backups,
// and the buttons to back up, restore and check.
func (d *dataScreen) filePart(db *store.DB) fyne.CanvasObject {
	file := widget.NewLabel(db.Path())
	file.Wrapping = fyne.TextWrapBreak
	folder := widget.NewLabel("")
	folder.Wrapping = fyne.TextWrapBreak
	last := widget.NewLabel("")
	last.Wrapping = fyne.TextWrapWord
	status := func() {
		dir, st := backupStatus(db.Path())
		folder.SetText(dir)
		last.SetText(st)
	}
	status()
	openFolder := widget.NewButtonWithIcon(tr("backup.open_folder", "Open folder"), theme.FolderOpenIcon(), func() {
		dir, _ := backupStatus(db.Path())
		if err := d.open(dir); err != nil {
			dialog.ShowError(errors.New(tr("backup.open_failed", "The backups folder could not be opened: {{.Reason}}", map[string]any{"Reason": err.Error()})), d.win)
		}
	})
	backup := widget.NewButtonWithIcon(tr("backup.now", "Back up now…"), theme.DocumentSaveIcon(), d.BackUpNow)
	backup.Importance = widget.HighImportance
	restore := widget.NewButtonWithIcon(tr("restore.button", "Restore from backup…"), theme.HistoryIcon(), d.RestoreFromBackup)
	check := widget.NewButtonWithIcon(tr("check.button", "Check the database"), theme.ConfirmIcon(), d.CheckDatabase)
	again := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), status)
	again.Importance = widget.LowImportance

	about := widget.NewLabel(tr("backup.about", "Chairside makes a backup of the database once a day while it is open and keeps the last 14. "+
		"Copy a backup to a USB drive or another computer now and then: a backup on the same disk does not survive a broken disk."))
	about.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(tr("data.file", "Database file"), file),
		widget.NewFormItem(tr("data.auto", "Automatic backups"), container.NewBorder(nil, nil, nil, openFolder, folder)),
		widget.NewFormItem("", container.NewBorder(nil, nil, nil, again, last)),
	)
	return container.NewVBox(form, about, container.NewHBox(backup, restore, check))
}

// openPath opens a file or folder in the system's viewer.
func (a *App) openPath(path string) error {
	if a.data.open != nil {
		return a.data.open(path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	return a.fyneApp.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)})
}

// notTheDatabases refuses a save target that belongs to the open database:
// the file itself, its -wal/-shm/-journal, its backups folder (a manual
// backup there would be rotated away with the daily ones) or a copy kept
// by a restore. The same rule as the command line's --out (store.Owns),
// compared by file identity, not by name.
func notTheDatabases(dbPath, path string) error {
	what, err := store.Owns(dbPath, path)
	if err != nil {
		return errors.New(tr("backup.target.unknown", "cannot tell whether this place belongs to the database; choose another folder"))
	}
	if what != "" {
		return errors.New(tr("backup.target.owned", "this is {{.What}}: saving here would destroy the clinic's records; choose another name or folder", map[string]any{"What": what}))
	}
	return nil
}
