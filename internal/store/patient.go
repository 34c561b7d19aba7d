package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Patient is a person the clinic makes handouts for.
type Patient struct {
	ID        int64
	Name      string     // required, one line, at most MaxNameLen characters
	DOB       *time.Time // date of birth (the calendar date only); nil when unknown
	Lang      string     // preferred handout language, e.g. "en"; empty means "en"
	Contact   string
	Notes     string
	Archived  bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// dateLayout stores dates of birth as calendar dates.
const dateLayout = "2006-01-02"

// timeLayout is fixed-width UTC so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Validate reports every problem with p as FieldErrors inside an EINVALID
// *Error, so the UI can show each message next to its field.
func (p *Patient) Validate() error {
	var fs FieldErrors
	if strings.TrimSpace(p.Name) == "" {
		fs = append(fs, FieldError{"Name", "Enter the patient's name."})
	} else {
		checkLine(&fs, "Name", "The name", p.Name, MaxNameLen)
	}
	if p.DOB != nil {
		d := *p.DOB
		today := time.Now()
		switch {
		case d.Year() < minBirthYear:
			fs = append(fs, FieldError{"DOB", fmt.Sprintf("The date of birth %s is before %d; check the year.", d.Format(dateLayout), minBirthYear)})
		case d.Format(dateLayout) > today.AddDate(0, 0, 1).Format(dateLayout):
			fs = append(fs, FieldError{"DOB", fmt.Sprintf("The date of birth %s is in the future; check the date.", d.Format(dateLayout))})
		}
	}
	if p.Lang != "" && !langCode.MatchString(p.Lang) {
		fs = append(fs, FieldError{"Lang", "The language must be a code such as en or es."})
	}
	checkText(&fs, "Contact", "The contact details", p.Contact, MaxContactLen)
	checkText(&fs, "Notes", "The notes", p.Notes, MaxNotesLen)
	return invalid(fs)
}

// CreatePatient stores a new patient and sets p.ID and its times.
func (db *DB) CreatePatient(ctx context.Context, p *Patient) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Lang == "" {
		p.Lang = "en"
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return dbError("add the patient", err)
	}
	defer tx.Rollback()
	now := db.now().UTC()
	res, err := tx.ExecContext(ctx, `INSERT INTO patients (name, name_key, dob, lang, contact, notes, archived, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.Name, foldName(p.Name), dobValue(p.DOB), p.Lang, p.Contact, p.Notes, p.Archived, now.Format(timeLayout), now.Format(timeLayout))
	if err != nil {
		return dbError("add the patient", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return dbError("add the patient", err)
	}
	if err := writeWords(ctx, tx, id, p.Name); err != nil {
		return dbError("add the patient", err)
	}
	if err := tx.Commit(); err != nil {
		return dbError("add the patient", err)
	}
	p.ID, p.CreatedAt, p.UpdatedAt = id, now, now
	return nil
}

// UpdatePatient saves changes to an existing patient.
func (db *DB) UpdatePatient(ctx context.Context, p *Patient) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Lang == "" {
		p.Lang = "en"
	}
	what := fmt.Sprintf("save patient %d", p.ID)
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return dbError(what, err)
	}
	defer tx.Rollback()
	now := db.now().UTC()
	res, err := tx.ExecContext(ctx, `UPDATE patients SET name = ?, name_key = ?, dob = ?, lang = ?, contact = ?, notes = ?, archived = ?, updated_at = ?
		WHERE id = ?`,
		p.Name, foldName(p.Name), dobValue(p.DOB), p.Lang, p.Contact, p.Notes, p.Archived, now.Format(timeLayout), p.ID)
	if err != nil {
		return dbError(what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFoundPatient(p.ID)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM patient_words WHERE patient_id = ?", p.ID); err != nil {
		return dbError(what, err)
	}
	if err := writeWords(ctx, tx, p.ID, p.Name); err != nil {
		return dbError(what, err)
	}
	var created string
	if err := tx.QueryRowContext(ctx, "SELECT created_at FROM patients WHERE id = ?", p.ID).Scan(&created); err != nil {
		return dbError(what, err)
	}
	if err := tx.Commit(); err != nil {
		return dbError(what, err)
	}
	p.CreatedAt, p.UpdatedAt = parseTime(created), now
	return nil
}

// SetArchived hides a patient from the default list (or brings them back);
// nothing is deleted.
func (db *DB) SetArchived(ctx context.Context, id int64, archived bool) error {
	what := fmt.Sprintf("archive patient %d", id)
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return dbError(what, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE patients SET archived = ?, updated_at = ? WHERE id = ?",
		archived, db.now().UTC().Format(timeLayout), id)
	if err != nil {
		return dbError(what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFoundPatient(id)
	}
	return dbError(what, tx.Commit())
}

// GetPatient returns one patient, archived or not.
func (db *DB) GetPatient(ctx context.Context, id int64) (*Patient, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+patientColumns+" FROM patients WHERE id = ?", id)
	if err != nil {
		return nil, dbError(fmt.Sprintf("read patient %d", id), err)
	}
	ps, err := scanPatients(rows)
	if err != nil {
		return nil, dbError(fmt.Sprintf("read patient %d", id), err)
	}
	if len(ps) == 0 {
		return nil, notFoundPatient(id)
	}
	return &ps[0], nil
}

// SearchPatients finds patients whose name has words starting with each
// typed word, ignoring case and accents ("zoe ang" finds "Zoë Ångström"),
// sorted by name. An empty query lists everyone. limit <= 0 means no limit.
func (db *DB) SearchPatients(ctx context.Context, query string, includeArchived bool, limit int) ([]Patient, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	if !utf8.ValidString(query) {
		return nil, errorf(EINVALID, nil, "The search text contains bytes that are not text; retype it.")
	}
	words := queryWords(query)
	if len(words) == 0 && strings.TrimSpace(query) != "" {
		return nil, nil // only punctuation: no name word can match
	}
	var (
		where []string
		args  []any
	)
	if !includeArchived {
		where = append(where, "archived = 0")
	}
	// Each word is an index range scan on patient_words: word >= w AND
	// word < w + U+10FFFF covers every word that starts with w.
	for _, w := range words {
		where = append(where, "id IN (SELECT patient_id FROM patient_words WHERE word >= ? AND word < ?)")
		args = append(args, w, w+string(utf8.MaxRune))
	}
	q := "SELECT " + patientColumns + " FROM patients"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY name_key, id LIMIT ?"
	args = append(args, limit)
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, dbError("search patients", err)
	}
	ps, err := scanPatients(rows)
	return ps, dbError("search patients", err)
}

const patientColumns = "id, name, dob, lang, contact, notes, archived, created_at, updated_at"

func scanPatients(rows *sql.Rows) ([]Patient, error) {
	defer rows.Close()
	var out []Patient
	for rows.Next() {
		var (
			pt               Patient
			dob              sql.NullString
			created, updated string
		)
		if err := rows.Scan(&pt.ID, &pt.Name, &dob, &pt.Lang, &pt.Contact, &pt.Notes, &pt.Archived, &created, &updated); err != nil {
			return nil, err
		}
		if dob.Valid {
			if d, err := time.Parse(dateLayout, dob.String); err == nil {
				pt.DOB = &d
			}
		}
		pt.CreatedAt, pt.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, pt)
	}
	return out, rows.Err()
}

func writeWords(ctx context.Context, tx *sql.Tx, id int64, name string) error {
	for _, w := range nameWords(foldName(name)) {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO patient_words (word, patient_id) VALUES (?, ?)", w, id); err != nil {
			return err
		}
	}
	return nil
}

func dobValue(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(dateLayout)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func notFoundPatient(id int64) error {
	return errorf(ENOTFOUND, nil, "Patient %d does not exist; choose the patient again from the list.", id)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
