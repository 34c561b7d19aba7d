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
// other revision (a restore is a regular save of it).

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
	if _, err := tx.ExecContext(ctx, `INSERT INTO handout_revisions (handout_id, revision, saved_at, autosave, snapshot, room, writer, overrides)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		work.ID, rev.Number, rev.SavedAt.Format(timeLayout), false, string(snap), rev.Room, db.writer, linkValue(0, theirs.Number)); err != nil {
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
	rows, err := db.r.QueryContext(ctx, `SELECT r.handout_id, r.revision, r.saved_at, r.room, r.overrides FROM handout_revisions r
		JOIN handouts h ON h.id = r.handout_id WHERE h.patient_id = ? AND r.overrides < 0 ORDER BY r.saved_at DESC, r.handout_id, r.revision DESC`, patientID)
	if err != nil {
		return nil, dbError(what, err)
	}
	defer rows.Close()
	var out []SetAsideHandout
	for rows.Next() {
		var (
			s         SetAsideHandout
			saved     string
			overrides sql.NullInt64
		)
		if err := rows.Scan(&s.HandoutID, &s.Number, &saved, &s.Room, &overrides); err != nil {
			return nil, dbError(what, err)
		}
		s.SavedAt = parseTime(saved)
		s.links(overrides)
		out = append(out, s)
	}
	return out, dbError(what, rows.Err())
}
