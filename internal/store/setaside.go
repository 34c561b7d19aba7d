package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"chairside/internal/handout"
)

// Take theirs without losing mine (issue 16). When a save meets another
// chair's newer revision and the clinician takes theirs, what this chair
// typed is not thrown away: it is recorded first as a revision of its own,
// "set aside", numbered after theirs but never the current one. The
// current handout or patient stays exactly theirs (same revision, same
// time), so the chair that saved it keeps editing without a conflict, and
// the text set aside can be read and restored from the history like any
// other revision (a restore is a regular save of it). Setting the same
// text aside again beside the same revision (a clinician trying again
// after the server's answer was lost, when it had committed) finds the
// copy already kept instead of adding a second.

// SetHandoutAside records mine, the editor's text of a handout that the
// clinician let go to take theirs (the revision a conflict reported), as a
// set-aside revision in the handout's history, with this chair's room and
// the time. The handout itself is not changed. It returns the revision
// recorded. mine is checked as a save would check it, and must be of the
// same handout and patient.
func (db *DB) SetHandoutAside(ctx context.Context, mine *handout.Handout, theirs Revision) (Revision, error) {
	now := db.now()
	work := cloneHandout(mine.WithNormalizedNewlines())
	if work.ID == 0 || theirs.Number < 1 {
		return Revision{}, errorf(EINVALID, nil, "Only an edit of a saved handout can be set aside, beside the revision taken instead of it.")
	}
	if err := validateHandout(&work, now); err != nil {
		return Revision{}, err
	}
	what := fmt.Sprintf("set aside your copy of handout %d", work.ID)
	tx, err := db.begin(ctx, what)
	if err != nil {
		return Revision{}, err
	}
	defer tx.Rollback()
	var (
		patientID int64
		created   string
	)
	// The row lock makes saves of this handout take turns with this one,
	// so that no two revisions are given the same number.
	err = tx.QueryRowContext(ctx, "SELECT h.patient_id, h.created_at FROM handouts h WHERE h.id = ?"+db.dialect.lock("h"), work.ID).Scan(&patientID, &created)
	if isNoRows(err) {
		return Revision{}, notFoundHandout(work.ID)
	}
	if err != nil {
		return Revision{}, dbError(what, err)
	}
	if patientID != work.PatientID {
		return Revision{}, errorf(ECONFLICT, nil, "Handout %d belongs to patient %d, not patient %d; duplicate it to make one for another patient.", work.ID, patientID, work.PatientID)
	}
	rev := Revision{SavedAt: now.UTC(), Room: db.Room(), SetAside: theirs.Number}
	if rev.Number, err = nextRevision(ctx, tx, "handout_revisions", "handout_id", work.ID); err != nil {
		return Revision{}, dbError(what, err)
	}
	// The snapshot reads as the text was when set aside: its own number
	// and time, so that opening it shows where it stands in the history.
	work.Revision, work.CreatedAt, work.UpdatedAt = rev.Number, parseTime(created), rev.SavedAt
	snap, err := json.Marshal(work)
	if err != nil {
		return Revision{}, fmt.Errorf("%s: snapshot: %w", what, err)
	}
	if kept, ok, err := db.handoutSetAsideBefore(ctx, tx, work, theirs.Number); err != nil || ok {
		return kept, dbError(what, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO handout_revisions (handout_id, revision, saved_at, autosave, snapshot, room, writer, set_aside_for)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		work.ID, rev.Number, rev.SavedAt.Format(timeLayout), false, string(snap), rev.Room, db.writer, theirs.Number); err != nil {
		return Revision{}, dbError(what, err)
	}
	// Other windows showing this patient's handouts list the text set aside.
	if err := db.notify(ctx, tx, ChangeHandout, work.PatientID, work.ID); err != nil {
		return Revision{}, dbError(what, err)
	}
	if err := tx.Commit(); err != nil {
		return Revision{}, dbError(what, err)
	}
	return rev, nil
}

// SetPatientAside records mine, the patient's details as a form held them
// when the clinician took theirs (the revision a conflict reported), as a
// set-aside revision in the patient's history (PatientRevisions), with
// this chair's room and the time. The patient is not changed. It returns
// the revision recorded.
func (db *DB) SetPatientAside(ctx context.Context, mine *Patient, theirs Revision) (Revision, error) {
	if mine.ID == 0 || theirs.Number < 1 {
		return Revision{}, errorf(EINVALID, nil, "Only changed details of a patient on file can be set aside, beside the revision taken instead of them.")
	}
	if err := mine.Validate(); err != nil {
		return Revision{}, err
	}
	what := fmt.Sprintf("set aside your details of patient %d", mine.ID)
	tx, err := db.begin(ctx, what)
	if err != nil {
		return Revision{}, err
	}
	defer tx.Rollback()
	if _, err := currentName(ctx, tx, db.dialect, mine.ID); err != nil { // locks the patient's row, as a save does
		return Revision{}, err
	}
	if kept, ok, err := db.patientSetAsideBefore(ctx, tx, mine, theirs.Number); err != nil || ok {
		return kept, dbError(what, err)
	}
	stamp := db.now().UTC()
	rev := Revision{SavedAt: stamp, Room: db.Room(), SetAside: theirs.Number}
	if rev.Number, err = nextRevision(ctx, tx, "patient_revisions", "patient_id", mine.ID); err != nil {
		return Revision{}, dbError(what, err)
	}
	if err := db.addPatientRevision(ctx, tx, mine, rev.Number, 0, theirs.Number, stamp.Format(timeLayout)); err != nil {
		return Revision{}, dbError(what, err)
	}
	if err := db.notify(ctx, tx, ChangePatient, mine.ID, 0); err != nil {
		return Revision{}, dbError(what, err)
	}
	if err := tx.Commit(); err != nil {
		return Revision{}, dbError(what, err)
	}
	return rev, nil
}

// handoutSetAsideBefore finds work's text already set aside by this
// database's writer beside revision theirs: the newest such copy, when its
// text is work's (its number and times aside).
func (db *DB) handoutSetAsideBefore(ctx context.Context, q querier, work handout.Handout, theirs int) (Revision, bool, error) {
	r := Revision{SetAside: theirs}
	var saved, snap string
	err := q.QueryRowContext(ctx, `SELECT revision, saved_at, room, snapshot FROM handout_revisions
		WHERE handout_id = ? AND set_aside_for = ? AND writer = ? ORDER BY revision DESC LIMIT 1`, work.ID, theirs, db.writer).Scan(&r.Number, &saved, &r.Room, &snap)
	if err != nil {
		return Revision{}, false, ignoreNoRows(err)
	}
	var kept handout.Handout
	if json.Unmarshal([]byte(snap), &kept) != nil {
		return Revision{}, false, nil // unreadable: keep this text again
	}
	kept.Revision, kept.CreatedAt, kept.UpdatedAt = work.Revision, work.CreatedAt, work.UpdatedAt
	a, errA := json.Marshal(kept)
	b, errB := json.Marshal(work)
	if errA != nil || errB != nil || string(a) != string(b) {
		return Revision{}, false, nil
	}
	r.SavedAt = parseTime(saved)
	return r, true, nil
}

// patientSetAsideBefore finds mine's details already set aside from this
// room beside revision theirs: the newest such copy, when it holds mine.
func (db *DB) patientSetAsideBefore(ctx context.Context, q querier, mine *Patient, theirs int) (Revision, bool, error) {
	r := Revision{SetAside: theirs}
	var (
		saved string
		p     Patient
		dob   sql.NullString
	)
	err := q.QueryRowContext(ctx, `SELECT revision, saved_at, room, name, dob, lang, contact, notes, archived FROM patient_revisions
		WHERE patient_id = ? AND set_aside_for = ? AND room = ? ORDER BY revision DESC LIMIT 1`, mine.ID, theirs, db.Room()).Scan(
		&r.Number, &saved, &r.Room, &p.Name, &dob, &p.Lang, &p.Contact, &p.Notes, &p.Archived)
	if err != nil {
		return Revision{}, false, ignoreNoRows(err)
	}
	same := p.Name == mine.Name && p.Lang == mine.Lang && p.Contact == mine.Contact && p.Notes == mine.Notes &&
		p.Archived == mine.Archived && dob.Valid == (mine.DOB != nil) && (!dob.Valid || dob.String == mine.DOB.Format(dateLayout))
	if !same {
		return Revision{}, false, nil
	}
	r.SavedAt = parseTime(saved)
	return r, true, nil
}

// ignoreNoRows is err, or nil when it says only that no row was found.
func ignoreNoRows(err error) error {
	if isNoRows(err) {
		return nil
	}
	return err
}

// HandoutRevision returns one saved revision of a handout, exactly as it
// was saved (or set aside).
func (db *DB) HandoutRevision(ctx context.Context, id int64, rev int) (*handout.Handout, error) {
	var snap string
	err := db.r.QueryRowContext(ctx, "SELECT snapshot FROM handout_revisions WHERE handout_id = ? AND revision = ?", id, rev).Scan(&snap)
	if isNoRows(err) {
		return nil, errorf(ENOTFOUND, nil, "Handout %d has no revision %d; open the patient's handouts again.", id, rev)
	}
	if err != nil {
		return nil, dbError(fmt.Sprintf("read revision %d of handout %d", rev, id), err)
	}
	var h handout.Handout
	if err := json.Unmarshal([]byte(snap), &h); err != nil {
		return nil, errorf(ECORRUPT, err, "Revision %d of handout %d is unreadable; run 'chairside check', and restore a backup if it reports damage.", rev, id)
	}
	h = h.WithStableStretchIDs()
	return &h, nil
}

// SetAsideHandout is a text set aside in a handout's history.
type SetAsideHandout struct {
	HandoutID int64
	Revision
}

// SetAsideHandouts lists the texts set aside in the histories of a
// patient's handouts, newest first, for the patient's handouts list.
func (db *DB) SetAsideHandouts(ctx context.Context, patientID int64) ([]SetAsideHandout, error) {
	what := fmt.Sprintf("read the set-aside copies of patient %d's handouts", patientID)
	rows, err := db.r.QueryContext(ctx, `SELECT r.handout_id, r.revision, r.saved_at, r.room, r.overrides, r.set_aside_for FROM handout_revisions r
		JOIN handouts h ON h.id = r.handout_id WHERE h.patient_id = ? AND r.set_aside_for IS NOT NULL ORDER BY r.saved_at DESC, r.handout_id, r.revision DESC`, patientID)
	if err != nil {
		return nil, dbError(what, err)
	}
	defer rows.Close()
	var out []SetAsideHandout
	for rows.Next() {
		var (
			s                   SetAsideHandout
			saved               string
			overrides, setAside sql.NullInt64
		)
		if err := rows.Scan(&s.HandoutID, &s.Number, &saved, &s.Room, &overrides, &setAside); err != nil {
			return nil, dbError(what, err)
		}
		s.SavedAt = parseTime(saved)
		s.links(overrides, setAside)
		out = append(out, s)
	}
	return out, dbError(what, rows.Err())
}
