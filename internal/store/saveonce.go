package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// SaveAttempt makes a save that is tried again after the clinic's server
// went away mid-save happen once. When the connection is lost during a
// COMMIT, the chair cannot tell whether the server committed it: the
// answer was lost with the connection. Trying again blindly would then
// add the handout (or the patient) a second time. So a save carrying a
// SaveAttempt notes, just before it commits, the server's number for its
// transaction and what it wrote; a later save carrying the same attempt
// first asks the server whether that transaction committed
// (pg_xact_status, made for exactly this) and, if it did, reports that
// save as done without writing anything.
//
// An attempt belongs to one text: a caller that tries again sends the
// same record it sent the first time, with the same attempt, and sends
// anything typed since as a save of its own afterwards. On a database
// file a commit either answers or the program stopped, so an attempt is
// not needed there and is ignored.
type SaveAttempt struct {
	xid      int64 // the server's transaction number of the last try; 0 for none
	id       int64 // the record that try wrote
	revision int   // and the handout revision it wrote
	saved    time.Time
}

type saveAttemptKey struct{}

// WithSaveAttempt returns a context whose saves (SaveHandout, SaveDraft,
// CreatePatient) carry attempt. It travels in the context so that the
// save methods keep one signature for every caller: only the app's
// retrying saves need it.
func WithSaveAttempt(ctx context.Context, attempt *SaveAttempt) context.Context {
	return context.WithValue(ctx, saveAttemptKey{}, attempt)
}

func saveAttemptOf(ctx context.Context) *SaveAttempt {
	a, _ := ctx.Value(saveAttemptKey{}).(*SaveAttempt)
	return a
}

// committedBefore reports whether the save carried in ctx already
// committed on an earlier try, with the record and revision it wrote.
// A try whose fate the server cannot tell yet (still in progress: the
// server has not noticed the lost connection) is refused as busy, so the
// caller tries again a little later instead of writing a second copy.
func (db *DB) committedBefore(ctx context.Context, what string) (done bool, a *SaveAttempt, err error) {
	a = saveAttemptOf(ctx)
	if a == nil || a.xid == 0 || !db.dialect.server() {
		return false, a, nil
	}
	var status sql.NullString
	// pg_xact_status takes the 64-bit number txid_current gave (xid8 since
	// PostgreSQL 13, the oldest server Chairside accepts).
	if err := db.r.QueryRowContext(ctx, "SELECT pg_xact_status(CAST(? AS xid8))", strconv.FormatInt(a.xid, 10)).Scan(&status); err != nil {
		return false, a, dbError(what, err)
	}
	switch status.String {
	case "committed":
		return true, a, nil
	case "in progress":
		return false, a, errorf(EBUSY, nil, "Could not %s yet: the server is still finishing the save that was cut off. Nothing was lost; it is tried again in a moment.", what)
	}
	// Aborted, or too old to tell (the server keeps the answer for a
	// long while; a save retried days later may be written again).
	a.xid = 0
	return false, a, nil
}

// noteAttempt records, inside tx just before its COMMIT, the server's
// number for tx and what it wrote, for committedBefore.
func (db *DB) noteAttempt(ctx context.Context, tx *sql.Tx, a *SaveAttempt, id int64, revision int, saved time.Time, what string) error {
	if a == nil || !db.dialect.server() {
		return nil
	}
	var xid int64
	if err := tx.QueryRowContext(ctx, "SELECT txid_current()").Scan(&xid); err != nil {
		return dbError(what, err)
	}
	a.xid, a.id, a.revision, a.saved = xid, id, revision, saved
	return nil
}

// done is what an attempt that committed before wrote: the record's ID,
// its revision and when it was saved, as the save would have set them.
func (a *SaveAttempt) done() (id int64, revision int, saved time.Time) {
	return a.id, a.revision, a.saved
}
