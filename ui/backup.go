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

// OnDatabaseReplaced registers f to run (on the UI thread) after a restore
// from backup replaced the open database, so screens that show patients
// or handouts can reload from DB().
func (a *App) OnDatabaseReplaced(f func()) {
	a.data.replaced = append(a.data.replaced, f)
}

// BackUpNow asks where to save a copy of the database and writes it with
// SQLite's online backup; the window keeps working meanwhile.
func (a *App) BackUpNow() {
	db := a.db
	if db == nil {
		return
	}
	dir := a.fyneApp.Preferences().StringWithFallback(prefBackupFolder, homeDir())
	showSaveAs(a.win, saveAsOptions{
		Title:     tr("backup.title", "Back up the database"),
		Confirm:   tr("backup.confirm", "Back up"),
		Dir:       dir,
		Name:      "chairside-backup-" + time.Now().Format("2006-01-02") + ".db",
		Ext:       ".db",
		Overwrite: true,
		Check:     func(path string) error { return notTheDatabases(db.Path(), path) },
	}, func(path string) {
		a.fyneApp.Preferences().SetString(prefBackupFolder, filepath.Dir(path))
		a.inBackground(tr("backup.working", "Backing up…"), func() error { return a.backupTo(db, path) }, func(err error) {
			if err != nil {
				showStoreError(a.win, "", err, "")
				return
			}
			a.ShowNotice(tr("backup.saved", "Backup saved: {{.Path}}", map[string]any{"Path": path}), false)
		})
	})
}

// backupTo writes a backup of db to path; the store writes it to a
// temporary file first, so path is never left half-written.
func (a *App) backupTo(db *store.DB, path string) error {
	if err := db.Backup(context.Background(), path); err != nil {
		a.trace.event("backup failed %s: %s", store.ErrorCode(err), path)
		return err
	}
	a.trace.event("backup written %s", path)
	return nil
}

// RestoreFromBackup asks for a backup file, says where the current database
// will be kept, restores and reopens.
func (a *App) RestoreFromBackup() {
	if a.db == nil {
		return
	}
	target := a.db.Path()
	pickBackup(a.win, target, func(backup string) {
		checkThenConfirm(a.win, backup, target, func() {
			kept, err := a.restoreFrom(backup)
			if err != nil {
				showStoreError(a.win, "", err, "")
				return
			}
			a.showNotice(restoredMessage(backup, kept), noticeSticky)
		})
	})
}

// restoreFrom closes the database, restores backup over it (the store
// verifies the backup first and keeps the current file aside) and opens
// the result. When the restore is refused, the untouched current file is
// opened again. It returns where the previous file was kept.
func (a *App) restoreFrom(backup string) (kept string, err error) {
	if a.db == nil {
		return "", errors.New("no database is open")
	}
	target := a.db.Path()
	a.closeDatabase()
	kept, err = store.Restore(backup, target)
	if err != nil {
		a.trace.event("restore refused %s", store.ErrorCode(err))
	} else {
		a.trace.event("database restored %s from %s", target, backup)
	}
	db, openErr := openDatabase(target)
	if openErr != nil {
		// Only a file that changed under us gets here; the problem screen
		// offers the same ways out as at start.
		a.trace.event("database refused %s: %s", store.ErrorCode(openErr), target)
		if s := a.data.startup; s != nil {
			s.app = nil
			s.showProblem(target, openErr)
		}
		return kept, errors.Join(err, openErr)
	}
	a.db = db
	a.trace.event("database opened %s", target)
	a.startBackground()
	a.openNotices(db)
	for _, f := range a.data.replaced {
		f()
	}
	return kept, err
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
func (a *App) CheckDatabase() {
	db := a.db
	if db == nil {
		return
	}
	var rep store.CheckReport
	a.inBackground(tr("check.working", "Checking the database…"), func() error {
		var err error
		rep, err = db.Check(context.Background())
		return err
	}, func(err error) {
		if err != nil {
			a.trace.event("check failed %s", store.ErrorCode(err))
			showStoreError(a.win, "", err, "")
			return
		}
		a.trace.event("check done ok=%v problems=%d", rep.OK, len(rep.Problems))
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
		d := dialog.NewCustom(title, tr("button.close", "Close"), body, a.win)
		d.Resize(fyne.NewSize(620, 0))
		d.Show()
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

// dataPanel is the Data tab of Settings: where the database and its
// backups are, and the buttons to back up, restore and check.
func (a *App) dataPanel() fyne.CanvasObject {
	file := widget.NewLabel("")
	file.Wrapping = fyne.TextWrapBreak
	folder := widget.NewLabel("")
	folder.Wrapping = fyne.TextWrapBreak
	last := widget.NewLabel("")
	last.Wrapping = fyne.TextWrapWord
	refresh := func() {
		if a.db == nil {
			return
		}
		dir, status := backupStatus(a.db.Path())
		file.SetText(a.db.Path())
		folder.SetText(dir)
		last.SetText(status)
	}
	refresh()
	a.OnDatabaseReplaced(refresh)

	openFolder := widget.NewButtonWithIcon(tr("backup.open_folder", "Open folder"), theme.FolderOpenIcon(), func() {
		dir, _ := backupStatus(a.db.Path())
		if err := a.openPath(dir); err != nil {
			dialog.ShowError(errors.New(tr("backup.open_failed", "The backups folder could not be opened: {{.Reason}}", map[string]any{"Reason": err.Error()})), a.win)
		}
	})
	backup := widget.NewButtonWithIcon(tr("backup.now", "Back up now…"), theme.DocumentSaveIcon(), a.BackUpNow)
	backup.Importance = widget.HighImportance
	restore := widget.NewButtonWithIcon(tr("restore.button", "Restore from backup…"), theme.HistoryIcon(), a.RestoreFromBackup)
	check := widget.NewButtonWithIcon(tr("check.button", "Check the database"), theme.ConfirmIcon(), a.CheckDatabase)
	again := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), refresh)
	again.Importance = widget.LowImportance

	about := widget.NewLabel(tr("backup.about", "Chairside makes a backup of the database once a day while it is open and keeps the last 14. "+
		"Copy a backup to a USB drive or another computer now and then: a backup on the same disk does not survive a broken disk."))
	about.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(tr("data.file", "Database file"), file),
		widget.NewFormItem(tr("data.auto", "Automatic backups"), container.NewBorder(nil, nil, nil, openFolder, folder)),
		widget.NewFormItem("", container.NewBorder(nil, nil, nil, again, last)),
	)
	return container.NewVBox(form, about, widget.NewSeparator(), container.NewHBox(backup, restore, check))
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
