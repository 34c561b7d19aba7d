package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"chairside/internal/store"
)

// openDatabase opens (or creates) the Chairside database at path. A file
// that cannot be used is refused by the store untouched, with a message
// that says why.
func openDatabase(path string) (*store.DB, error) {
	return store.Open(path)
}

// dataState is the App's database housekeeping: the background jobs that
// must finish before the store closes, and the window's notices.
type dataState struct {
	startup *startup // to return to the problem screen if the file proves damaged
	stop    context.CancelFunc
	jobs    sync.WaitGroup
	notices *noticeArea
	// noticeDialogs are the notices shown over a dialog, until closed.
	noticeDialogs []*noticeShown
	// timers take success notices away; they stop when the window closes.
	timers timerSet
	// replaced run after a restore swapped the open database.
	replaced []func()
	// live is what following the other chairs' changes remembers (live.go).
	live liveState

	// Swapped by tests: printing, the page preview and opening a file in
	// the system's viewer reach outside the program.
	print   printFunc
	preview func(pdfPath string, widthPx int) (image.Image, error)
	open    func(path string) error
}

// backupCheckInterval is how often a window left open overnight looks
// whether the day's automatic backup is due.
const backupCheckInterval = time.Hour

// startBackground waits for the store's integrity check of the file just
// opened, then keeps the daily automatic backup (14 kept, in
// store.BackupDir beside the database) while the window is open. It never
// blocks the window; only failures are shown, as a notice.
func (a *App) startBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	a.data.stop = cancel
	db := a.db
	dir := store.BackupDir(db.Path())
	a.data.jobs.Add(1)
	go func() {
		if err := db.Health(ctx); err != nil {
			// Done first: damaged closes the database, which waits for jobs.
			a.data.jobs.Done()
			if ctx.Err() == nil {
				fyne.Do(func() { a.damaged(db, err) })
			}
			return
		}
		defer a.data.jobs.Done()
		a.data.jobs.Add(1)
		go a.watchFile(ctx, db)
		a.data.jobs.Add(1)
		go a.followChanges(ctx, db) // what other chairs or programs save
		tick := time.NewTicker(backupCheckInterval)
		defer tick.Stop()
		for {
			if !a.autoBackup(ctx, db, dir) {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}

// fileWatchInterval is how often the window looks whether its database
// file is still the one it opened. The store also checks before every
// write; this says so before the clinician types into a dead end.
const fileWatchInterval = 2 * time.Second

// watchFile stops the window saving into a database file that another
// program moved or replaced (a restore from a command, a copy over it):
// the store then refuses every write, and a notice says why and what to do.
func (a *App) watchFile(ctx context.Context, db *store.DB) {
	defer a.data.jobs.Done()
	tick := time.NewTicker(fileWatchInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := db.Replaced(); err != nil {
			fyne.Do(func() {
				a.showNotice(storeMessage(err), noticeSticky)
				a.trace.event("database file replaced %s", db.Path())
			})
			return
		}
	}
}

// openNotices says once what opening the database changed or found: a
// file narrowed to its owner, or a read-only file that can only be read.
func (a *App) openNotices(db *store.DB) {
	for _, n := range db.Notices() {
		a.trace.event("database notice")
		a.showNotice(n, noticeSticky)
	}
	if db.ReadOnly() {
		a.trace.event("database read-only %s", db.Path())
		a.showNotice(tr("db.read_only", "The database {{.Path}} is read-only (the file or its folder cannot be written): you can look at, print, export and back up everything in it, but nothing can be saved. To save again, make it writable and start Chairside again.",
			map[string]any{"Path": db.Path()}), noticeSticky)
	}
}

// autoBackupFailed reports a failed automatic backup without interrupting:
// nothing is lost, but the clinician should know the safety net is down.
func (a *App) autoBackupFailed(dir string, err error) {
	a.trace.event("automatic backup failed: %s", dir)
	a.ShowNotice(tr("db.auto_backup_failed", "The automatic backup did not work: {{.Reason}} Your patients and handouts are still in the database; make a copy with Settings > Data > Back up now.",
		map[string]any{"Reason": storeMessage(err)}), true)
}

// autoBackup makes the day's automatic backup if it is due, and says
// whether to go on checking. A database file moved or replaced underneath
// stops the backups without a notice of their own: watchFile says what
// happened and what to do, once, and a second notice for the same cause
// (a backup "did not work") would only send the clinician to Back up now,
// which the store refuses too.
//
// The file is looked at before and, after a failure, again: a file moved
// while it was being copied fails as whatever the copy met (a new
// connection finding no file), which is the same cause.
func (a *App) autoBackup(ctx context.Context, db *store.DB, dir string) (goOn bool) {
	if db.Replaced() != nil {
		a.trace.event("automatic backups stopped: database file replaced")
		return false
	}
	made, err := db.AutoBackup(ctx, dir, store.DefaultKeep)
	switch {
	case ctx.Err() != nil:
		return false
	case err != nil && db.Replaced() != nil:
		a.trace.event("automatic backups stopped: database file replaced")
		return false
	case err != nil:
		fyne.Do(func() { a.autoBackupFailed(dir, err) })
	case made != "":
		a.trace.event("backup written %s", made)
	}
	return true
}

// stopBackground cancels the background work and waits for it.
func (a *App) stopBackground() {
	if a.data.stop != nil {
		a.data.stop()
	}
	a.data.jobs.Wait()
}

// damaged handles a file whose background integrity check failed after the
// window opened: nothing was written to it (the store waits for the check
// before any write), so the window goes back to the problem screen.
func (a *App) damaged(db *store.DB, err error) {
	if a.db != db {
		return // already replaced
	}
	a.trace.event("database damaged %s", db.Path())
	path := db.Path()
	a.closeDatabase()
	if s := a.data.startup; s != nil {
		s.app = nil
		s.showProblem(path, err)
		return
	}
	showStoreError(a.win, "", err, "")
}

// replaceDatabase is the window's one way to change its database while
// open (a restore from backup, a switch to or from the clinic's server):
// it closes the open database, runs next (which may change files on disk
// and opens what comes next) and reloads everything on screen from the
// database next returns. When next returns no database, the window goes to
// the problem screen for path, with its ways out. next's error is
// returned either way.
func (a *App) replaceDatabase(path string, next func() (*store.DB, error)) error {
	a.closeDatabase()
	db, err := next()
	if db == nil {
		if err == nil {
			err = errors.New("no database was opened")
		}
		a.trace.event("database refused %s: %s", store.ErrorCode(err), store.ShownAddress(path))
		if s := a.data.startup; s != nil {
			s.app = nil
			s.showProblem(path, err)
		}
		return err
	}
	a.db = db
	a.trace.event("database opened %s", db.Path())
	a.startBackground()
	a.openNotices(db)
	for _, f := range a.data.replaced {
		f()
	}
	return err
}

// leaveEditor closes the handout editor before the window changes
// database, asking first when it holds unsaved changes; then runs only
// once it is closed.
func (a *App) leaveEditor(why string, then func()) {
	if a.handouts == nil {
		then()
		return
	}
	a.handouts.closeEditor(why, then)
}

// localFile is this computer's database file, to go back to from the
// clinic's server; "" when the window was not opened through startup.
func (a *App) localFile() string {
	if s := a.data.startup; s != nil {
		return s.localFile
	}
	return ""
}

// closeDatabase stops background work on the database, then closes it.
func (a *App) closeDatabase() {
	a.stopBackground()
	if a.db == nil {
		return
	}
	if err := a.db.Close(); err != nil {
		// The path is fine in a trace; the error text never holds patient data.
		a.trace.event("database close failed: %s", a.db.Path())
	}
	a.trace.event("database closed")
	a.db = nil
}

// startup opens the database and builds the main window; when the database
// cannot be opened it shows the problem screen instead, whose ways out
// (restore a backup, another file, try again, quit) lead back here.
type startup struct {
	fa    fyne.App
	w     fyne.Window
	trace *tracer
	build func(db *store.DB) (*App, error)

	app       *App   // set once the main window is built
	requested string // the path the app was started with
	problem   *problemScreen
	// localFile is this computer's database file: the one to go back to
	// from the clinic's server.
	localFile string
	// fromSettings: requested is the server chosen in Settings > Data,
	// not one named by --db or CHAIRSIDE_DB.
	fromSettings bool

	// pending is the database opened ahead, for the first open (firstframe.go).
	pending *pendingDB
}

// prefServer remembers the clinic's server chosen in Settings > Data (its
// address: never a password), opened at start when neither --db nor
// CHAIRSIDE_DB names a database.
const prefServer = "server.address"

// startPath is the database the window opens first: the one --db or
// CHAIRSIDE_DB names, else the clinic's server chosen in Settings > Data,
// else the file on this computer (opts.DBPath, the default file, when
// nothing named another).
func (s *startup) startPath(opts Options) string {
	s.localFile = opts.DBPath
	if store.IsServerAddress(opts.DBPath) {
		s.localFile = defaultFile(s.fa)
	}
	if opts.DBNamed {
		return opts.DBPath
	}
	if addr := s.fa.Preferences().String(prefServer); addr != "" {
		s.trace.event("database chosen in settings %s", store.ShownAddress(addr))
		s.fromSettings = true
		return addr
	}
	return opts.DBPath
}

// defaultFile is chairside.db in the app's storage folder: the file the
// app opens when nothing names another (the command line's default).
func defaultFile(fa fyne.App) string {
	root := fa.Storage().RootURI()
	if root == nil {
		return ""
	}
	return filepath.Join(root.Path(), "chairside.db")
}

func newStartup(fa fyne.App, w fyne.Window, tr *tracer, build func(*store.DB) (*App, error)) *startup {
	return &startup{fa: fa, w: w, trace: tr, build: build}
}

// open tries the database at path. Only a failure to build the window is
// returned; a database problem is shown on the problem screen.
func (s *startup) open(path string) error {
	if s.requested == "" {
		s.requested = path
	}
	db, err := s.pending.take(path)
	if err != nil {
		s.trace.event("database refused %s: %s", store.ErrorCode(err), store.ShownAddress(path))
		s.showProblem(path, err)
		return nil
	}
	s.trace.event("database opened %s", store.ShownAddress(path))
	a, err := s.build(db)
	if err != nil {
		db.Close()
		return err
	}
	s.app = a
	s.problem = nil
	a.data.startup = s
	a.installSettings()
	a.startBackground()
	a.openNotices(db)
	a.handouts.offerResume()
	if path != s.requested {
		a.showNotice(tr("db.this_session", "This session uses the database {{.Path}}. To use it every time, start Chairside with --db {{.Quoted}} or set CHAIRSIDE_DB.",
			map[string]any{"Path": path, "Quoted": strconv.Quote(path)}), noticeSticky)
	}
	return nil
}

// retry is open after a way out was taken on the problem screen: a window
// that cannot be built is then reported in a dialog, not returned.
func (s *startup) retry(path string) {
	if err := s.open(path); err != nil {
		dialog.ShowError(fmt.Errorf("the window could not be built: %w", err), s.w)
	}
}

// close closes the database when the window has closed.
func (s *startup) close() {
	if s.app != nil {
		s.app.stopTimers()
		s.app.closeDatabase()
	}
}

// stopTimers stops the window's pending timers: success notices going
// away and the editor's autosave wait (closing the window wrote any
// pending autosave first). Tests call it when they end.
func (a *App) stopTimers() {
	a.data.timers.stopAll()
	if a.handouts != nil {
		a.handouts.stopAutosave()
	}
}

func (s *startup) showProblem(path string, err error) {
	s.fa.Settings().SetTheme(newChairsideTheme(textScaleControls))
	s.problem = newProblemScreen(s, path, err)
	s.w.SetTitle(tr("db.window_title", "Chairside — database problem"))
	s.w.SetContent(s.problem.root)
	s.w.Resize(fyne.NewSize(960, 640))
}
