package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"chairside/internal/store"
)

// liveCoalesce is how long the window gathers change notices before it
// reloads what it shows: a burst (a chair autosaving, then saving as
// final; a whole visit's patients added by the front desk) becomes one
// reload, still well within the second the clinic expects.
const liveCoalesce = 200 * time.Millisecond

// liveRetry is how long the window waits before asking the server for
// change notices again when it could not be reached at all (the store's
// own listener reconnects by itself once it was up).
const liveRetry = 5 * time.Second

// liveDo runs f on Fyne's UI goroutine, where the window's widgets live.
// Fyne's test driver runs it on the calling goroutine instead, so the
// tests swap it for one that takes turns with the test itself.
var liveDo = fyne.Do

// liveFilePoll is how often the window looks whether another program
// (the command line, another window) wrote to its database file.
const liveFilePoll = time.Second

// liveBatch is what the other chairs changed during one coalescing wait.
type liveBatch struct {
	// resync: notices may have been missed (the listening connection was
	// lost and made again), so everything shown is read again.
	resync   bool
	patients map[int64]bool // added or changed, or one of their handouts saved
	handouts map[int64]bool
}

func (b *liveBatch) add(c store.Change) {
	switch c.Kind {
	case store.ChangeResync:
		b.resync = true
	case store.ChangePatient, store.ChangeHandout:
		if c.PatientID != 0 {
			b.patients[c.PatientID] = true
		}
		if c.HandoutID != 0 {
			b.handouts[c.HandoutID] = true
		}
	}
}

// patient reports whether what is shown of patient id must be read again.
func (b *liveBatch) patient(id int64) bool { return b.resync || b.patients[id] }

// handout reports whether handout id may have changed.
func (b *liveBatch) handout(id int64) bool { return b.resync || b.handouts[id] }

// liveState is the window's memory of the changes it has told about.
type liveState struct {
	// told is the revision of the open handout last reported as changed
	// elsewhere, so that one change is said once.
	told map[int64]int
}

// followChanges keeps the window's lists in step with the other chairs on
// a clinic server: it listens to the store's change notices until ctx
// ends and, after each burst, reloads what the window shows of the
// records that changed. A database file has no notices: the window looks
// every second whether another program wrote to it (followFile). It runs
// as one of the window's background jobs.
func (a *App) followChanges(ctx context.Context, db *store.DB) {
	defer a.data.jobs.Done()
	changes, err := db.Changes(ctx)
	for err != nil {
		// The server is away as the window opens: the lists were read
		// before (or say why not); try again until it is back.
		a.trace.event("live changes not available %s", store.ErrorCode(err))
		select {
		case <-ctx.Done():
			return
		case <-time.After(liveRetry):
		}
		if changes, err = db.Changes(ctx); err == nil {
			// Changes made while it was away were missed: read again.
			liveDo(func() {
				if a.db == db {
					a.applyChanges(&liveBatch{resync: true})
				}
			})
		}
	}
	if changes == nil {
		a.followFile(ctx, db)
		return
	}
	a.trace.event("live following changes")
	var (
		batch *liveBatch
		due   <-chan time.Time
	)
	for {
		select {
		case <-ctx.Done():
			return
		case c, ok := <-changes:
			if !ok {
				return
			}
			if batch == nil {
				batch = &liveBatch{patients: map[int64]bool{}, handouts: map[int64]bool{}}
				due = time.After(liveCoalesce)
			}
			batch.add(c)
		case <-due:
			b := batch
			batch, due = nil, nil
			liveDo(func() {
				if a.db == db { // not a database replaced meanwhile
					a.applyChanges(b)
				}
			})
		}
	}
}

// followFile is followChanges on a database file, which sends no
// notices: when another program wrote to the file (its data version
// moved), everything shown is read again.
func (a *App) followFile(ctx context.Context, db *store.DB) {
	last, err := db.DataVersion(ctx)
	if err != nil {
		return // the file's problems are the watcher's and the saves' to report
	}
	tick := time.NewTicker(liveFilePoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		v, err := db.DataVersion(ctx)
		if err != nil || v == last {
			continue
		}
		last = v
		liveDo(func() {
			if a.db == db {
				a.applyChanges(&liveBatch{resync: true})
			}
		})
	}
}

// applyChanges shows what other chairs changed: the patients list and the
// history on the patients screen, the current patient's name, and a quiet
// word when the handout open in the editor was saved elsewhere. It never
// moves the focus, the search text, the selection or the scroll position,
// and never reloads the editor: the clinician may be typing in it.
func (a *App) applyChanges(b *liveBatch) {
	d := a.handouts
	if d == nil {
		return
	}
	a.trace.event("live changes %d patients %d handouts resync %t", len(b.patients), len(b.handouts), b.resync)
	db := a.db
	ctx := context.Background()
	if p := d.patient; p != nil && b.patient(p.ID) {
		if np, err := db.GetPatient(ctx, p.ID); err == nil {
			d.patientEdited(np) // the chip, and the open handout's heading
		}
	}
	if s := d.screen; s != nil {
		s.follow(b)
	}
	if e := d.editor; e != nil {
		a.changedElsewhere(e, b)
	}
}

// follow reloads the patients screen after changes elsewhere: the list
// with the same search (a patient added in another room appears), and the
// shown patient's details and handouts when they changed.
func (s *patientsScreen) follow(b *liveBatch) {
	db := s.desk.db()
	if db == nil {
		return
	}
	offset := s.list.GetScrollOffset()
	var cursorID int64
	if s.cursor >= 0 && s.cursor < len(s.results) {
		cursorID = s.results[s.cursor].ID
	}
	s.live = true
	defer func() { s.live = false }()
	s.refresh()
	if p := s.selected; p != nil && b.patient(p.ID) {
		if np, err := db.GetPatient(context.Background(), p.ID); err == nil {
			s.show(np) // its history too: a handout saved in another room
		}
	}
	if cursorID != 0 {
		s.highlight(cursorID)
	} else {
		s.list.UnselectAll()
	}
	s.list.ScrollToOffset(offset)
}

// changedElsewhere says, once per revision, that the handout open in the
// editor was saved on another computer. The editor's text is left as it
// is; saving on top of another chair's revision is the save's business.
// While the editor's own save waits for the server, a newer revision may
// be that save itself (its answer was lost), so nothing is said then.
func (a *App) changedElsewhere(e *handoutEditor, b *liveBatch) {
	id := e.handoutID()
	if id == 0 || !b.handout(id) || e.saver.resending() {
		return
	}
	h, err := a.db.GetHandout(context.Background(), id)
	if err != nil || h.Revision <= e.h.Revision {
		return
	}
	if a.data.live.told == nil {
		a.data.live.told = map[int64]int{}
	}
	if a.data.live.told[id] >= h.Revision {
		return
	}
	a.data.live.told[id] = h.Revision
	a.trace.event("live handout %d changed elsewhere", id)
	a.showNotice(tr("live.handout_changed", "The open handout was just saved on another computer. What you see here has not changed."), noticeInfo)
}
