package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// No lost edit between chairs (issue 16). Every save of a handout or a
// patient carries the revision its editor started from (Handout.Revision,
// Patient.Revision, as the store last returned them). A save on top of a
// newer revision is refused with an ECONFLICT *Error holding a *Conflict:
// who saved what the editor has not seen, when, and in which room. The
// caller then keeps its own text as a new revision on top of that one
// (SaveHandoutOver, UpdatePatientOver, recording which revision it
// overrode), takes theirs (setting its own text aside first with
// SetHandoutAside or SetPatientAside, then reading theirs again), or shows
// both. Either way both texts stay in the history.

// RoomEnv names the environment variable that names this chair's room,
// over the computer's host name.
const RoomEnv = "CHAIRSIDE_ROOM"

// MaxRoomLen is the longest room name, in characters.
const MaxRoomLen = 60

// Revision says who saved one revision of a handout or patient: its
// number, when, and in which room ("" when not recorded: saved before
// rooms were kept).
type Revision struct {
	Number  int
	SavedAt time.Time
	Room    string
	// Overrides is the revision this one was saved over after a conflict
	// (the clinician chose to keep their own text); 0 for a regular save.
	Overrides int
	// SetAside is the revision the clinician took instead of this text
	// ("take theirs" after a conflict): this one was kept in the history
	// but never was the current one. 0 for a regular save.
	SetAside int
	// Autosave marks the editor's autosave of a handout.
	Autosave bool
}

// The two links a conflict leaves in handout_revisions and
// patient_revisions: overrides, the revision this one was saved over (keep
// mine), and set_aside_for, the revision taken instead of this one (take
// theirs); NULL when there is none.

// links reads the overrides and set_aside_for columns into r.
func (r *Revision) links(overrides, setAside sql.NullInt64) {
	r.Overrides, r.SetAside = int(overrides.Int64), int(setAside.Int64)
}

// revisionLink is a link column's value: NULL for no revision.
func revisionLink(rev int) any {
	if rev > 0 {
		return rev
	}
	return nil
}

// Conflict is a save refused because the handout or patient was saved by
// someone else after the editor read it.
type Conflict struct {
	// Kind is "handout" or "patient"; ID is its number.
	Kind string
	ID   int64
	// Yours is the revision the refused save started from.
	Yours int
	// Theirs is the stored revision the save would have overwritten.
	Theirs Revision
}

// Error words the conflict without any patient data (for logs; the
// clinician reads the *Error's message).
func (c *Conflict) Error() string {
	return fmt.Sprintf("%s %d: save from revision %d refused, revision %d is stored", c.Kind, c.ID, c.Yours, c.Theirs.Number)
}

// ConflictOf returns the conflict that refused a save, or nil when err is
// something else.
func ConflictOf(err error) *Conflict {
	var c *Conflict
	if errors.As(err, &c) {
		return c
	}
	return nil
}

// conflictError is the ECONFLICT *Error for c, in the clinician's words.
func conflictError(c *Conflict) error {
	at := c.Theirs.SavedAt.Local().Format("2006-01-02 15:04")
	var e *Error
	switch {
	case c.Kind == "patient" && c.Theirs.Room != "":
		e = errorf(ECONFLICT, nil, "Patient %d was changed in %s at %s (revision %d) while these details were being edited, so they were not saved. Keep yours as a new revision, take theirs, or compare the two; both stay in the patient's history.", c.ID, c.Theirs.Room, at, c.Theirs.Number)
	case c.Kind == "patient":
		e = errorf(ECONFLICT, nil, "Patient %d was changed on another computer at %s (revision %d) while these details were being edited, so they were not saved. Keep yours as a new revision, take theirs, or compare the two; both stay in the patient's history.", c.ID, at, c.Theirs.Number)
	case c.Theirs.Room != "":
		e = errorf(ECONFLICT, nil, "Handout %d was changed in %s at %s (revision %d) while this copy was being edited, so it was not saved. Keep yours as a new revision, take theirs, or compare the two; both stay in the handout's history.", c.ID, c.Theirs.Room, at, c.Theirs.Number)
	default:
		e = errorf(ECONFLICT, nil, "Handout %d was changed on another computer at %s (revision %d) while this copy was being edited, so it was not saved. Keep yours as a new revision, take theirs, or compare the two; both stay in the handout's history.", c.ID, at, c.Theirs.Number)
	}
	e.Err = c
	return e
}

// chosenRoom is the room this program was told to use (UseRoom).
var chosenRoom atomic.Pointer[string]

// UseRoom names the room of every database this program opens from now on
// (the app's Settings), over CHAIRSIDE_ROOM and the host name; "" goes
// back to those. A database already open keeps its room (see SetRoom).
func UseRoom(name string) error {
	name = strings.TrimSpace(name)
	if err := CheckRoom(name); err != nil {
		return err
	}
	chosenRoom.Store(&name)
	return nil
}

// NamedRoom is CHAIRSIDE_ROOM, else the computer's host name (without its
// domain), else "": the room when the app's Settings name none. A value
// that is not a valid room name is skipped.
func NamedRoom() string {
	if r := strings.TrimSpace(os.Getenv(RoomEnv)); r != "" && CheckRoom(r) == nil {
		return r
	}
	host, err := os.Hostname()
	if err != nil {
		return ""
	}
	host, _, _ = strings.Cut(host, ".")
	if CheckRoom(host) != nil {
		return ""
	}
	return host
}

// DefaultRoom is the room a database opened now records its saves in: the
// one UseRoom named, else NamedRoom.
func DefaultRoom() string {
	if r := chosenRoom.Load(); r != nil && *r != "" {
		return *r
	}
	return NamedRoom()
}

// CheckRoom says what is wrong with a room name, or nil: one line of at
// most MaxRoomLen characters ("" is allowed: no room recorded).
func CheckRoom(name string) error {
	if !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return errorf(EINVALID, nil, "The room name must be one line of plain text; retype it.")
	}
	if n := utf8.RuneCountInString(name); n > MaxRoomLen {
		return errorf(EINVALID, nil, "The room name is too long (%d characters); the limit is %d.", n, MaxRoomLen)
	}
	return nil
}

// SetRoom names the room this database's saves are recorded in (the app's
// Settings; Open starts with DefaultRoom). Spaces around it are dropped;
// "" goes back to DefaultRoom.
func (db *DB) SetRoom(name string) error {
	name = strings.TrimSpace(name)
	if err := CheckRoom(name); err != nil {
		return err
	}
	if name == "" {
		name = DefaultRoom()
	}
	db.room.Store(&name)
	return nil
}

// Room is the room this database's saves are recorded in.
func (db *DB) Room() string {
	if r := db.room.Load(); r != nil {
		return *r
	}
	return ""
}

// startChair gives a newly opened database its room and its writer token.
func (db *DB) startChair() {
	room := DefaultRoom()
	db.room.Store(&room)
	var b [8]byte
	if _, err := rand.Read(b[:]); err == nil {
		db.writer = hex.EncodeToString(b[:])
	}
}

// sameStamp reports whether t is the stored time s (timeLayout), to the
// nanosecond: an editor that read a revision carries its exact time.
func sameStamp(t time.Time, s string) bool {
	return !t.IsZero() && t.UTC().Format(timeLayout) == s
}

// handoutRevision reads who saved a stored revision of a handout.
func handoutRevision(ctx context.Context, q querier, id int64, rev int) (Revision, error) {
	r := Revision{Number: rev}
	var (
		saved               string
		overrides, setAside sql.NullInt64
	)
	err := q.QueryRowContext(ctx, "SELECT saved_at, room, autosave, overrides, set_aside_for FROM handout_revisions WHERE handout_id = ? AND revision = ?",
		id, rev).Scan(&saved, &r.Room, &r.Autosave, &overrides, &setAside)
	if isNoRows(err) {
		return r, nil // checked as inconsistent elsewhere; the number is what counts here
	}
	r.SavedAt = parseTime(saved)
	r.links(overrides, setAside)
	return r, err
}

// HandoutHistory says who saved each revision of a handout, newest first
// (HandoutRevisions has their texts).
func (db *DB) HandoutHistory(ctx context.Context, id int64) ([]Revision, error) {
	what := fmt.Sprintf("read the revisions of handout %d", id)
	rows, err := db.r.QueryContext(ctx, "SELECT revision, saved_at, room, autosave, overrides, set_aside_for FROM handout_revisions WHERE handout_id = ? ORDER BY revision DESC", id)
	if err != nil {
		return nil, dbError(what, err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var (
			r                   Revision
			saved               string
			overrides, setAside sql.NullInt64
		)
		if err := rows.Scan(&r.Number, &saved, &r.Room, &r.Autosave, &overrides, &setAside); err != nil {
			return nil, dbError(what, err)
		}
		r.SavedAt = parseTime(saved)
		r.links(overrides, setAside)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(what, err)
	}
	if len(out) == 0 {
		return nil, notFoundHandout(id)
	}
	return out, nil
}

// PatientRevision is one saved state of a patient's details.
type PatientRevision struct {
	Patient
	Saved Revision
}

// PatientRevisions returns every saved state of a patient's details,
// newest first.
func (db *DB) PatientRevisions(ctx context.Context, id int64) ([]PatientRevision, error) {
	what := fmt.Sprintf("read the revisions of patient %d", id)
	rows, err := db.r.QueryContext(ctx, `SELECT revision, saved_at, room, overrides, set_aside_for, name, dob, lang, contact, notes, archived
		FROM patient_revisions WHERE patient_id = ? ORDER BY revision DESC`, id)
	if err != nil {
		return nil, dbError(what, err)
	}
	defer rows.Close()
	var out []PatientRevision
	for rows.Next() {
		var (
			r                   = PatientRevision{Patient: Patient{ID: id}}
			saved               string
			overrides, setAside sql.NullInt64
			dob                 sql.NullString
		)
		if err := rows.Scan(&r.Saved.Number, &saved, &r.Saved.Room, &overrides, &setAside, &r.Name, &dob, &r.Lang, &r.Contact, &r.Notes, &r.Archived); err != nil {
			return nil, dbError(what, err)
		}
		r.Saved.SavedAt = parseTime(saved)
		r.Saved.links(overrides, setAside)
		r.Revision, r.UpdatedAt = r.Saved.Number, r.Saved.SavedAt
		r.DOB = parseDOB(dob)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(what, err)
	}
	if len(out) == 0 {
		return nil, notFoundPatient(id)
	}
	return out, nil
}

// addPatientRevision records p's details, as just written at revision
// rev (or set aside there, for revision aside), in the patient's history.
func (db *DB) addPatientRevision(ctx context.Context, tx *sql.Tx, p *Patient, rev, overrides, aside int, stamp string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO patient_revisions (patient_id, revision, saved_at, room, overrides, set_aside_for, name, dob, lang, contact, notes, archived)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, rev, stamp, db.Room(), revisionLink(overrides), revisionLink(aside), p.Name, dobValue(p.DOB), p.Lang, p.Contact, p.Notes, p.Archived)
	return err
}

// nextRevision is the number a new revision of a handout or a patient
// takes: one above every revision kept. A text set aside is numbered above
// the current revision (it was saved after it), so the current number plus
// one may be taken. table is handout_revisions or patient_revisions, key
// its owner's column; both are constants of this package.
func nextRevision(ctx context.Context, q querier, table, key string, id int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT coalesce(max(revision), 0) + 1 FROM "+table+" WHERE "+key+" = ?", id).Scan(&n)
	return n, err
}
