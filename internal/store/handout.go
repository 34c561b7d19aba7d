package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// validateHandout fills the defaults a new handout needs and reports every
// problem as FieldErrors: the model's rules (handout.Handout.Validate: a
// patient, status, language, visit year, marks that fit their structures)
// and then the store's limits on what fits in the file.
func validateHandout(h *handout.Handout, now time.Time) error {
	h.FillDefaults(now)
	var fs FieldErrors
	if err := h.Validate(now); err != nil {
		var rules handout.FieldErrors
		if !errors.As(err, &rules) {
			return err
		}
		fs = append(fs, rules...)
	}
	checkLine(&fs, "Title", "The title", h.Title, MaxNameLen)
	if checkCount(&fs, "Items", "The list of explanations", len(h.Items), MaxListLen) {
		for i, it := range h.Items {
			f := fmt.Sprintf("Items[%d]", i)
			n := fmt.Sprintf("Explanation %d", i+1)
			checkRef(&fs, f+".Ref", n+" has no structure or topic.", n+"'s structure ID", it.Ref)
			checkText(&fs, f+".Title", n+"'s heading", it.Title, MaxNameLen)
			checkText(&fs, f+".Body", n+"'s text", it.Body, MaxBodyLen)
			checkTexts(&fs, f+".Sources", n+"'s sources", n+"'s source", it.Sources)
			checkTexts(&fs, f+".KeyPoints", n+"'s key points", n+"'s key point", it.KeyPoints)
		}
	}
	if checkCount(&fs, "Marks", "The list of marks", len(h.Marks), MaxListLen) {
		for i, m := range h.Marks {
			checkText(&fs, fmt.Sprintf("Marks[%d].Note", i), fmt.Sprintf("Mark %d's note", i+1), m.Note, MaxContactLen)
		}
	}
	checkText(&fs, "ClinicianNotes", "The clinician notes", h.ClinicianNotes, MaxNotesLen)
	checkText(&fs, "HomeCare.Instructions", "The home-care instructions", h.HomeCare.Instructions, MaxNotesLen)
	if checkCount(&fs, "HomeCare.Stretches", "The list of stretches", len(h.HomeCare.Stretches), MaxListLen) {
		for i, s := range h.HomeCare.Stretches {
			f := fmt.Sprintf("HomeCare.Stretches[%d]", i)
			n := fmt.Sprintf("Stretch %d", i+1)
			checkLine(&fs, f+".ID", n+"'s ID", s.ID, MaxRefLen)
			checkText(&fs, f+".Name", n+"'s name", s.Name, MaxNameLen)
			checkText(&fs, f+".Cautions", n+"'s cautions", s.Cautions, MaxNotesLen)
			checkTexts(&fs, f+".Steps", n+"'s steps", n+"'s step", s.Steps)
		}
	}
	checkTexts(&fs, "SeekCare", "The 'seek care' list", "Warning sign", h.SeekCare)
	return invalid(fs)
}

// SaveHandout inserts a new handout (h.ID == 0) or saves an edit, keeping
// every earlier revision. It sets h.ID, h.Revision and the times. The
// commit is synchronous (fsync), so a handout reported saved survives a
// crash or power cut.
//
// An edit carries the revision it started from (h.Revision and
// h.UpdatedAt, as the store last returned them). When the handout was
// saved elsewhere since, nothing is saved and the ECONFLICT *Error holds a
// *Conflict saying who saved it, when and in which room: the caller keeps
// its text with SaveHandoutOver, or reads theirs again.
func (db *DB) SaveHandout(ctx context.Context, h *handout.Handout) error {
	return db.saveHandout(ctx, h, false, Revision{})
}

// SaveDraft is the editor's autosave. It writes like SaveHandout, but
// consecutive autosaves of one editing session replace their own autosave
// revision instead of adding one every few seconds; the next SaveHandout
// turns that revision into a regular one. Revisions saved before are never
// touched, another chair's autosave is never replaced, and a handout saved
// elsewhere since is a conflict, as for SaveHandout.
func (db *DB) SaveDraft(ctx context.Context, h *handout.Handout) error {
	return db.saveHandout(ctx, h, true, Revision{})
}

// SaveHandoutOver saves h as a new revision on top of theirs, the revision
// a conflict reported and the clinician chose to override ("keep mine");
// the new revision records which one it overrode, and theirs stays in the
// history. If the handout was saved yet again since theirs, it is another
// conflict.
func (db *DB) SaveHandoutOver(ctx context.Context, h *handout.Handout, theirs Revision) error {
	return db.saveHandout(ctx, h, false, theirs)
}

func (db *DB) saveHandout(ctx context.Context, h *handout.Handout, autosave bool, over Revision) error {
	now := db.now()
	work := cloneHandout(h.WithNormalizedNewlines()) // typed CRLF is stored as LF
	if err := validateHandout(&work, now); err != nil {
		return err
	}
	what := "save the handout"
	if work.ID != 0 {
		what = fmt.Sprintf("save handout %d", work.ID)
	}
	done, attempt, err := db.committedBefore(ctx, what)
	if err != nil || done {
		if done { // the server committed it when the answer was lost
			h.ID, h.Revision, h.UpdatedAt = attempt.done()
			if h.CreatedAt.IsZero() {
				h.CreatedAt = h.UpdatedAt
			}
			h.Status, h.Date, h.Lang = work.Status, work.Date, work.Lang
		}
		return err
	}
	tx, err := db.begin(ctx, what)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := requirePatient(ctx, tx, work.PatientID); err != nil {
		return err
	}
	stamp := now.UTC()
	overrides := 0
	if work.ID == 0 {
		work.Revision, work.CreatedAt, work.UpdatedAt = 1, stamp, stamp
		if err := tx.QueryRowContext(ctx, `INSERT INTO handouts
			(patient_id, title, visit_date, visit_utc, status, lang, clinician_notes, homecare_instructions, seek_care, revision, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			work.PatientID, work.Title, work.Date.Format(time.RFC3339Nano), work.Date.UTC().Format(timeLayout), string(work.Status), work.Lang,
			work.ClinicianNotes, work.HomeCare.Instructions, mustJSON(work.SeekCare), work.Revision,
			stamp.Format(timeLayout), stamp.Format(timeLayout)).Scan(&work.ID); err != nil {
			return dbError(what, err)
		}
	} else {
		var (
			patientID        int64
			stored           int
			created, updated string
			lastAutosaved    bool
			lastWriter       string
		)
		err := tx.QueryRowContext(ctx, `SELECT h.patient_id, h.revision, h.created_at, h.updated_at, coalesce(r.autosave, 0), coalesce(r.writer, '')
			FROM handouts h LEFT JOIN handout_revisions r ON r.handout_id = h.id AND r.revision = h.revision
			WHERE h.id = ?`+db.dialect.lock("h"), work.ID).Scan(&patientID, &stored, &created, &updated, &lastAutosaved, &lastWriter)
		if isNoRows(err) {
			return notFoundHandout(work.ID)
		}
		if err != nil {
			return dbError(what, err)
		}
		if patientID != work.PatientID {
			return errorf(ECONFLICT, nil, "Handout %d belongs to patient %d, not patient %d; duplicate it to make one for another patient.", work.ID, patientID, work.PatientID)
		}
		// The editor started from the stored state when it holds its
		// revision number and its exact time: an autosave is replaced in
		// place, keeping its number (and the save after it turns it into
		// a regular revision in place), so the number alone does not say
		// that the editor saw the text stored under it.
		current := work.Revision == stored && sameStamp(work.UpdatedAt, updated)
		next := func() (int, error) { return nextRevision(ctx, tx, "handout_revisions", "handout_id", work.ID) }
		switch {
		case over.Number > 0 && over.Number == stored && sameStamp(over.SavedAt, updated):
			// Keep mine, over the revision the clinician was shown.
			if work.Revision, err = next(); err != nil {
				return dbError(what, err)
			}
			overrides = stored
			if current {
				overrides = 0 // nothing of theirs is overridden after all
			}
		case !current:
			theirs, err := handoutRevision(ctx, tx, work.ID, stored)
			if err != nil {
				return dbError(what, err)
			}
			theirs.SavedAt = parseTime(updated)
			return conflictError(&Conflict{Kind: "handout", ID: work.ID, Yours: work.Revision, Theirs: theirs})
		case lastAutosaved && lastWriter == db.writer && db.writer != "":
			// Replace only this session's own autosave: the caller holds
			// the revision it last wrote, and this database wrote it.
			work.Revision = stored
		default:
			if work.Revision, err = next(); err != nil {
				return dbError(what, err)
			}
		}
		work.CreatedAt, work.UpdatedAt = parseTime(created), stamp
		if _, err := tx.ExecContext(ctx, `UPDATE handouts SET title = ?, visit_date = ?, visit_utc = ?, status = ?, lang = ?,
			clinician_notes = ?, homecare_instructions = ?, seek_care = ?, revision = ?, updated_at = ? WHERE id = ?`,
			work.Title, work.Date.Format(time.RFC3339Nano), work.Date.UTC().Format(timeLayout), string(work.Status), work.Lang,
			work.ClinicianNotes, work.HomeCare.Instructions, mustJSON(work.SeekCare), work.Revision, stamp.Format(timeLayout), work.ID); err != nil {
			return dbError(what, err)
		}
		for _, t := range []string{"handout_items", "handout_marks", "handout_stretches"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE handout_id = ?", work.ID); err != nil {
				return dbError(what, err)
			}
		}
	}
	// The print options are written when set, or to change them on an
	// edit; a new handout without them leaves the columns at their
	// defaults (migration 0007), as before they existed.
	if work.LargePrint || work.ExerciseLog || h.ID != 0 {
		if _, err := tx.ExecContext(ctx, "UPDATE handouts SET large_print = ?, exercise_log = ? WHERE id = ?",
			work.LargePrint, work.ExerciseLog, work.ID); err != nil {
			return dbError(what, err)
		}
	}
	if err := writeParts(ctx, tx, &work); err != nil {
		return dbError(what, err)
	}
	snap, err := json.Marshal(work)
	if err != nil {
		return fmt.Errorf("%s: snapshot: %w", what, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO handout_revisions (handout_id, revision, saved_at, autosave, snapshot, room, writer, overrides)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (handout_id, revision) DO UPDATE SET
			saved_at = excluded.saved_at, autosave = excluded.autosave, snapshot = excluded.snapshot,
			room = excluded.room, writer = excluded.writer, overrides = excluded.overrides`,
		work.ID, work.Revision, stamp.Format(timeLayout), autosave, string(snap), db.Room(), db.writer, revisionLink(overrides)); err != nil {
		return dbError(what, err)
	}
	if err := db.notify(ctx, tx, ChangeHandout, work.PatientID, work.ID); err != nil {
		return dbError(what, err)
	}
	if err := db.noteAttempt(ctx, tx, attempt, work.ID, work.Revision, stamp, what); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return dbError(what, err)
	}
	h.ID, h.Revision, h.CreatedAt, h.UpdatedAt = work.ID, work.Revision, work.CreatedAt, work.UpdatedAt
	h.Status, h.Date, h.Lang = work.Status, work.Date, work.Lang
	return nil
}

func writeParts(ctx context.Context, tx *sql.Tx, h *handout.Handout) error {
	items, err := tx.PrepareContext(ctx, "INSERT INTO handout_items (handout_id, position, ref, title, body, sources) VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer items.Close()
	for i, it := range h.Items {
		// An item without key points or the full-text choice leaves their
		// columns at their defaults (see migration 0006) and is written as
		// before they existed.
		if len(it.KeyPoints) == 0 && !it.Full {
			if _, err := items.ExecContext(ctx, h.ID, i, it.Ref, it.Title, it.Body, mustJSON(it.Sources)); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO handout_items (handout_id, position, ref, title, body, sources, key_points, full_text, key_sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			h.ID, i, it.Ref, it.Title, it.Body, mustJSON(it.Sources), mustJSON(it.KeyPoints), it.Full, mustJSON(it.KeySources)); err != nil {
			return err
		}
	}
	for i, m := range h.Marks {
		// A mark without a spot leaves the spot columns NULL (see
		// migration 0004), one without a detail leaves it to its default
		// (0005): such a mark is written as before those columns existed.
		cols, args := "handout_id, position, structure, finding, note", []any{h.ID, i, m.Structure, string(m.Finding), m.Note}
		if d := m.Detail.String(); d != "" {
			cols, args = cols+", detail", append(args, d)
		}
		if !m.At.IsZero() {
			cols, args = cols+", spot_view, spot_x, spot_y", append(args, string(m.At.View), m.At.X, m.At.Y)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO handout_marks ("+cols+") VALUES (?"+strings.Repeat(", ?", len(args)-1)+")", args...); err != nil {
			return err
		}
	}
	for i, s := range h.HomeCare.Stretches {
		// A stretch without a dose leaves its column at the default (see
		// migration 0007) and is written as before doses were kept.
		cols, args := "handout_id, position, stretch_id, name, steps, cautions", []any{h.ID, i, s.ID, s.Name, mustJSON(s.Steps), s.Cautions}
		if !s.Dose.IsZero() {
			cols, args = cols+", dose", append(args, mustJSON(s.Dose))
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO handout_stretches ("+cols+") VALUES (?"+strings.Repeat(", ?", len(args)-1)+")", args...); err != nil {
			return err
		}
	}
	return nil
}

// GetHandout returns the current revision of a handout.
func (db *DB) GetHandout(ctx context.Context, id int64) (*handout.Handout, error) {
	what := fmt.Sprintf("read handout %d", id)
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, dbError(what, err)
	}
	defer tx.Rollback()
	hs, err := readHandouts(ctx, tx, "WHERE id = ?", id)
	if err != nil {
		return nil, dbError(what, err)
	}
	if len(hs) == 0 {
		return nil, notFoundHandout(id)
	}
	return &hs[0], nil
}

// ListHandouts returns a patient's handouts, newest visit first.
func (db *DB) ListHandouts(ctx context.Context, patientID int64) ([]handout.Handout, error) {
	what := fmt.Sprintf("list the handouts of patient %d", patientID)
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, dbError(what, err)
	}
	defer tx.Rollback()
	if err := requirePatient(ctx, tx, patientID); err != nil {
		return nil, err
	}
	hs, err := readHandouts(ctx, tx, "WHERE patient_id = ? ORDER BY visit_utc DESC, id DESC", patientID)
	return hs, dbError(what, err)
}

// HandoutRevisions returns every saved revision of a handout, newest
// first, each exactly as it was saved.
func (db *DB) HandoutRevisions(ctx context.Context, id int64) ([]handout.Handout, error) {
	what := fmt.Sprintf("read the revisions of handout %d", id)
	rows, err := db.r.QueryContext(ctx, "SELECT revision, snapshot FROM handout_revisions WHERE handout_id = ? ORDER BY revision DESC", id)
	if err != nil {
		return nil, dbError(what, err)
	}
	defer rows.Close()
	var out []handout.Handout
	for rows.Next() {
		var (
			rev  int
			snap string
		)
		if err := rows.Scan(&rev, &snap); err != nil {
			return nil, dbError(what, err)
		}
		var h handout.Handout
		if err := json.Unmarshal([]byte(snap), &h); err != nil {
			return nil, errorf(ECORRUPT, err, "Revision %d of handout %d is unreadable; run 'chairside check', and restore a backup if it reports damage.", rev, id)
		}
		out = append(out, h.WithStableStretchIDs()) // saved before the IDs were stable
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(what, err)
	}
	if len(out) == 0 {
		return nil, notFoundHandout(id)
	}
	return out, nil
}

// DuplicateHandout copies a handout into a new draft for the same patient,
// dated today, and returns the copy. The original is not changed.
func (db *DB) DuplicateHandout(ctx context.Context, id int64) (*handout.Handout, error) {
	orig, err := db.GetHandout(ctx, id)
	if err != nil {
		return nil, err
	}
	dup := cloneHandout(*orig)
	dup.ID, dup.Revision, dup.Status = 0, 0, handout.Draft
	dup.Date = handout.Today(db.now())
	dup.CreatedAt, dup.UpdatedAt = time.Time{}, time.Time{}
	if err := db.SaveHandout(ctx, &dup); err != nil {
		return nil, err
	}
	return &dup, nil
}

func readHandouts(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]handout.Handout, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, patient_id, title, visit_date, status, lang, clinician_notes, homecare_instructions,
		seek_care, revision, created_at, updated_at, large_print, exercise_log FROM handouts `+where, args...)
	if err != nil {
		return nil, err
	}
	var out []handout.Handout
	for rows.Next() {
		var (
			h                        handout.Handout
			date, seek, created, upd string
			status                   string
		)
		if err := rows.Scan(&h.ID, &h.PatientID, &h.Title, &date, &status, &h.Lang, &h.ClinicianNotes, &h.HomeCare.Instructions,
			&seek, &h.Revision, &created, &upd, &h.LargePrint, &h.ExerciseLog); err != nil {
			rows.Close()
			return nil, err
		}
		h.Date, h.Status, h.CreatedAt, h.UpdatedAt = parseTime(date), handout.Status(status), parseTime(created), parseTime(upd)
		if err := json.Unmarshal([]byte(seek), &h.SeekCare); err != nil {
			rows.Close()
			return nil, corruptHandout(h.ID, err)
		}
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := readParts(ctx, tx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readParts(ctx context.Context, tx *sql.Tx, h *handout.Handout) error {
	rows, err := tx.QueryContext(ctx, "SELECT ref, title, body, sources, key_points, full_text, key_sources FROM handout_items WHERE handout_id = ? ORDER BY position", h.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			it          handout.Item
			src, kp, ks string
		)
		if err := rows.Scan(&it.Ref, &it.Title, &it.Body, &src, &kp, &it.Full, &ks); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(src), &it.Sources); err != nil {
			rows.Close()
			return corruptHandout(h.ID, err)
		}
		if err := json.Unmarshal([]byte(kp), &it.KeyPoints); err != nil {
			rows.Close()
			return corruptHandout(h.ID, err)
		}
		if len(it.KeyPoints) == 0 {
			it.KeyPoints = nil // none, however it was saved
		}
		if err := json.Unmarshal([]byte(ks), &it.KeySources); err != nil {
			rows.Close()
			return corruptHandout(h.ID, err)
		}
		if len(it.KeySources) == 0 {
			it.KeySources = nil // saved before key sources were kept (0011): cites all
		}
		h.Items = append(h.Items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, "SELECT structure, finding, note, detail, spot_view, spot_x, spot_y FROM handout_marks WHERE handout_id = ? ORDER BY position", h.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			m            handout.Mark
			finding      string
			detail       string
			spotView     sql.NullString
			spotX, spotY sql.NullFloat64
		)
		if err := rows.Scan(&m.Structure, &finding, &m.Note, &detail, &spotView, &spotX, &spotY); err != nil {
			rows.Close()
			return err
		}
		m.Finding = handout.Finding(finding)
		// A finding this version does not know (a newer version's) keeps
		// its name and loses only the detail it cannot read.
		if d, err := handout.ParseDetail(m.Finding, detail); err == nil {
			m.Detail = d
		} else if slices.Contains(handout.Findings, m.Finding) {
			rows.Close()
			return corruptHandout(h.ID, fmt.Errorf("mark %d: detail of %s", len(h.Marks)+1, finding))
		}
		if spotView.Valid || spotX.Valid || spotY.Valid {
			m.At = anatomy.Spot{View: anatomy.View(spotView.String), X: spotX.Float64, Y: spotY.Float64}
			if !spotView.Valid || !spotX.Valid || !spotY.Valid || m.At.IsZero() || !m.At.Valid() {
				rows.Close()
				return corruptHandout(h.ID, fmt.Errorf("mark %d: spot %q %v %v", len(h.Marks)+1, spotView.String, spotX.Float64, spotY.Float64))
			}
		}
		h.Marks = append(h.Marks, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, "SELECT stretch_id, name, steps, cautions, dose FROM handout_stretches WHERE handout_id = ? ORDER BY position", h.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			s           handout.Stretch
			steps, dose string
		)
		if err := rows.Scan(&s.ID, &s.Name, &steps, &s.Cautions, &dose); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(steps), &s.Steps); err != nil {
			return corruptHandout(h.ID, err)
		}
		if dose != "" {
			if err := json.Unmarshal([]byte(dose), &s.Dose); err != nil {
				return corruptHandout(h.ID, err)
			}
		}
		s.ID = handout.StretchID(s.ID) // saved before the IDs were stable
		h.HomeCare.Stretches = append(h.HomeCare.Stretches, s)
	}
	return rows.Err()
}

// requirePatient turns a missing patient into ENOTFOUND before SQLite's
// less helpful foreign-key error.
func requirePatient(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM patients WHERE id = ?", id).Scan(&one)
	if isNoRows(err) {
		return notFoundPatient(id)
	}
	return dbError(fmt.Sprintf("find patient %d", id), err)
}

// cloneHandout deep-copies the slices so the store never shares memory
// with the editor's handout.
func cloneHandout(h handout.Handout) handout.Handout {
	h.Items = slices.Clone(h.Items)
	for i := range h.Items {
		h.Items[i].Sources = slices.Clone(h.Items[i].Sources)
		h.Items[i].KeyPoints = slices.Clone(h.Items[i].KeyPoints)
		h.Items[i].KeySources = slices.Clone(h.Items[i].KeySources)
	}
	h.Marks = slices.Clone(h.Marks)
	h.HomeCare.Stretches = slices.Clone(h.HomeCare.Stretches)
	for i := range h.HomeCare.Stretches {
		h.HomeCare.Stretches[i].Steps = slices.Clone(h.HomeCare.Stretches[i].Steps)
	}
	h.SeekCare = slices.Clone(h.SeekCare)
	return h
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only strings and string and number slices reach here; they
		// always encode.
		panic(err)
	}
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

func notFoundHandout(id int64) error {
	return errorf(ENOTFOUND, nil, "Handout %d does not exist; choose it again from the patient's list.", id)
}

func corruptHandout(id int64, err error) error {
	return errorf(ECORRUPT, err, "Handout %d is stored in a damaged form; run 'chairside check', and restore a backup if it reports damage.", id)
}
