package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"chairside/internal/handout"
	"chairside/internal/patient"
)

// Patient is a person the clinic makes handouts for.
type Patient struct {
	ID       int64
	Name     string     // required, one line, at most MaxNameLen characters
	DOB      *time.Time // date of birth (the calendar date only); nil when unknown
	Lang     string     // preferred handout language, e.g. "es"; "" is not known and stays so (handouts follow the app's language)
	Contact  string
	Notes    string
	Archived bool
	// Revision counts saves of these details: an update carries the
	// revision its editor read, and one made on top of a newer revision is
	// refused as a conflict (conflict.go).
	Revision  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ForHandout is what a handout prints about the patient: the one mapping
// from the stored patient, used by printing in the app and on the command
// line alike.
func (p *Patient) ForHandout() handout.Patient {
	return handout.Patient{ID: p.ID, Name: p.Name, DOB: p.DOB}
}

// dateLayout stores dates of birth as calendar dates.
const dateLayout = patient.DateLayout

// timeLayout is fixed-width UTC so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Validate reports every problem with p as FieldErrors inside an EINVALID
// *Error, so the UI can show each message next to its field.
func (p *Patient) Validate() error {
	var fs FieldErrors
	if strings.TrimSpace(p.Name) == "" {
		fs = append(fs, FieldError{Field: "Name", Message: "Enter the patient's name."})
	} else {
		n := len(fs)
		checkLine(&fs, "Name", "The name", p.Name, MaxNameLen)
		// Search finds names by their words; one without a letter or digit
		// could never be found.
		if len(fs) == n && len(nameWords(foldName(p.Name))) == 0 {
			fs = append(fs, FieldError{Field: "Name", Message: "The name needs at least one letter."})
		}
	}
	if p.DOB != nil {
		if err := patient.CheckDOB(*p.DOB, time.Now()); err != nil {
			fs = append(fs, FieldError{Field: "DOB", Message: err.Error()})
		}
	}
	if p.Lang != "" && !patient.ValidLang(p.Lang) {
		fs = append(fs, FieldError{Field: "Lang", Message: "The language must be a code such as en or es."})
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
	done, attempt, err := db.committedBefore(ctx, "add the patient")
	if err != nil || done {
		if done { // the server committed it when the answer was lost
			p.ID, _, p.CreatedAt = attempt.done()
			p.UpdatedAt, p.Revision = p.CreatedAt, 1
		}
		return err
	}
	tx, err := db.begin(ctx, "add the patient")
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := db.now().UTC()
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO patients (name, name_key, dob, lang, contact, notes, archived, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Name, foldName(p.Name), dobValue(p.DOB), p.Lang, p.Contact, p.Notes, p.Archived, now.Format(timeLayout), now.Format(timeLayout)).Scan(&id); err != nil {
		return dbError("add the patient", err)
	}
	if err := addWords(ctx, tx, id, p.Name, p.Archived); err != nil {
		return dbError("add the patient", err)
	}
	added := *p
	added.ID = id
	if err := db.addPatientRevision(ctx, tx, &added, 1, 0, 0, now.Format(timeLayout)); err != nil {
		return dbError("add the patient", err)
	}
	if err := db.notify(ctx, tx, ChangePatient, id, 0); err != nil {
		return dbError("add the patient", err)
	}
	if err := db.noteAttempt(ctx, tx, attempt, id, 0, now, "add the patient"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return dbError("add the patient", err)
	}
	p.ID, p.Revision, p.CreatedAt, p.UpdatedAt = id, 1, now, now
	return nil
}

// UpdatePatient saves changes to an existing patient as its next
// revision. p.Revision is the revision the form started from (as
// GetPatient or the last save returned it); when the patient was saved
// elsewhere since, nothing is saved and the ECONFLICT *Error holds a
// *Conflict (see UpdatePatientOver).
func (db *DB) UpdatePatient(ctx context.Context, p *Patient) error {
	return db.updatePatient(ctx, p, Revision{})
}

// UpdatePatientOver saves p as a new revision on top of theirs, the
// revision a conflict reported and the clinician chose to override ("keep
// mine"); the overridden details stay in the patient's history. If the
// patient was saved yet again since theirs, it is another conflict.
func (db *DB) UpdatePatientOver(ctx context.Context, p *Patient, theirs Revision) error {
	return db.updatePatient(ctx, p, theirs)
}

func (db *DB) updatePatient(ctx context.Context, p *Patient, over Revision) error {
	if err := p.Validate(); err != nil {
		return err
	}
	what := fmt.Sprintf("save patient %d", p.ID)
	tx, err := db.begin(ctx, what)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := currentName(ctx, tx, db.dialect, p.ID)
	if err != nil {
		return err
	}
	overrides := 0
	switch {
	case over.Number > 0 && over.Number == old.revision && p.Revision != old.revision:
		overrides = old.revision
	case p.Revision != old.revision:
		c := &Conflict{Kind: "patient", ID: p.ID, Yours: p.Revision, Theirs: Revision{Number: old.revision}}
		if err := tx.QueryRowContext(ctx, "SELECT saved_at, room FROM patient_revisions WHERE patient_id = ? AND revision = ?",
			p.ID, old.revision).Scan(&old.savedAt, &c.Theirs.Room); err != nil && !isNoRows(err) {
			return dbError(what, err)
		}
		c.Theirs.SavedAt = parseTime(old.savedAt)
		return conflictError(c)
	}
	now := db.now().UTC()
	rev, err := nextRevision(ctx, tx, "patient_revisions", "patient_id", p.ID)
	if err != nil {
		return dbError(what, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE patients SET name = ?, name_key = ?, dob = ?, lang = ?, contact = ?, notes = ?, archived = ?, revision = ?, updated_at = ?
		WHERE id = ?`,
		p.Name, foldName(p.Name), dobValue(p.DOB), p.Lang, p.Contact, p.Notes, p.Archived, rev, now.Format(timeLayout), p.ID); err != nil {
		return dbError(what, err)
	}
	if err := removeWords(ctx, tx, p.ID, old.name, old.archived); err != nil {
		return dbError(what, err)
	}
	if err := addWords(ctx, tx, p.ID, p.Name, p.Archived); err != nil {
		return dbError(what, err)
	}
	if err := db.addPatientRevision(ctx, tx, p, rev, overrides, 0, now.Format(timeLayout)); err != nil {
		return dbError(what, err)
	}
	var created string
	if err := tx.QueryRowContext(ctx, "SELECT created_at FROM patients WHERE id = ?", p.ID).Scan(&created); err != nil {
		return dbError(what, err)
	}
	if err := db.notify(ctx, tx, ChangePatient, p.ID, 0); err != nil {
		return dbError(what, err)
	}
	if err := tx.Commit(); err != nil {
		return dbError(what, err)
	}
	p.Revision, p.CreatedAt, p.UpdatedAt = rev, parseTime(created), now
	return nil
}

// SetArchived hides a patient from the default list (or brings them back);
// nothing is deleted. It is a revision of its own, so that a form opened
// before it cannot quietly undo it.
func (db *DB) SetArchived(ctx context.Context, id int64, archived bool) error {
	what := fmt.Sprintf("archive patient %d", id)
	tx, err := db.begin(ctx, what)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := currentName(ctx, tx, db.dialect, id)
	if err != nil {
		return err
	}
	stamp := db.now().UTC().Format(timeLayout)
	rev, err := nextRevision(ctx, tx, "patient_revisions", "patient_id", id)
	if err != nil {
		return dbError(what, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE patients SET archived = ?, revision = ?, updated_at = ? WHERE id = ?",
		archived, rev, stamp, id); err != nil {
		return dbError(what, err)
	}
	if err := removeWords(ctx, tx, id, old.name, old.archived); err != nil {
		return dbError(what, err)
	}
	if err := addWords(ctx, tx, id, old.name, archived); err != nil {
		return dbError(what, err)
	}
	p, err := readPatient(ctx, tx, id)
	if err != nil {
		return dbError(what, err)
	}
	if err := db.addPatientRevision(ctx, tx, p, p.Revision, 0, 0, stamp); err != nil {
		return dbError(what, err)
	}
	if err := db.notify(ctx, tx, ChangePatient, id, 0); err != nil {
		return dbError(what, err)
	}
	return dbError(what, tx.Commit())
}

// readPatient reads one patient inside a transaction.
func readPatient(ctx context.Context, tx *sql.Tx, id int64) (*Patient, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+patientColumns+" FROM patients WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	ps, err := scanPatients(rows)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFoundPatient(id)
	}
	return &ps[0], nil
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
	if !utf8.ValidString(query) {
		return nil, errorf(EINVALID, nil, "The search text contains bytes that are not text; retype it.")
	}
	words := queryWords(query)
	if len(words) == 0 && strings.TrimSpace(query) != "" {
		return nil, nil // only punctuation: no name word can match
	}
	sqlLimit := db.dialect.limit(limit)
	archived := "archived = 0"
	if includeArchived {
		archived = "archived IN (0, 1)"
	}
	if len(words) == 0 {
		rows, err := db.r.QueryContext(ctx, "SELECT "+patientColumns+" FROM patients WHERE "+archived+
			" ORDER BY name_key, archived, id LIMIT ?", sqlLimit)
		if err != nil {
			return nil, dbError("list patients", err)
		}
		ps, err := scanPatients(rows)
		return ps, dbError("list patients", err)
	}
	ids, err := db.searchIDs(ctx, words, archived, limit)
	if err != nil {
		return nil, dbError("search patients", err)
	}
	return db.patientsByID(ctx, ids)
}

// searchIDs returns the IDs of matching patients in list order. It reads
// the index range of the rarest typed word (word >= w AND word < w+U+10FFFF)
// and checks the other words against each candidate's name_key.
func (db *DB) searchIDs(ctx context.Context, words []string, archived string, limit int) ([]int64, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if db.dialect.searchPlan != "" {
		if _, err := tx.ExecContext(ctx, db.dialect.searchPlan); err != nil {
			return nil, err
		}
	}
	lead, rest := words[0], words[1:]
	if len(words) > 1 {
		best := -1
		for i, w := range words {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM patient_words WHERE word >= ? AND word < ? LIMIT 5000) AS w",
				w, w+string(utf8.MaxRune)).Scan(&n); err != nil {
				return nil, err
			}
			if best < 0 || n < best {
				best, lead = n, w
				rest = append(append([]string(nil), words[:i]...), words[i+1:]...)
			}
		}
	}
	// A patient appears once per matching word, so over-fetch for a single
	// word (SQLite then keeps only the top rows instead of sorting them
	// all); with several words, or when the page ran short, read them all.
	q := wordRangeQuery(archived)
	fetch := -1
	if len(rest) == 0 && limit > 0 {
		fetch = limit * 4
	}
	for {
		rows, err := tx.QueryContext(ctx, q, lead, lead+string(utf8.MaxRune), db.dialect.limit(fetch))
		if err != nil {
			return nil, err
		}
		var (
			ids  []int64
			seen = map[int64]bool{}
			read int
		)
		for rows.Next() && (limit <= 0 || len(ids) < limit) {
			var (
				key string
				id  int64
			)
			if err := rows.Scan(&key, &id); err != nil {
				rows.Close()
				return nil, err
			}
			read++
			if seen[id] || !hasWordPrefixes(key, rest) {
				continue
			}
			seen[id] = true
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if fetch < 0 || read < fetch || len(ids) >= limit {
			return ids, nil
		}
		fetch = -1 // the over-fetch was eaten by duplicates: read everything
	}
}

// wordRangeQuery is the search's read of the word table: the rows whose
// word starts with a prefix (word >= ? AND word < ?, the prefix and the
// prefix followed by U+10FFFF), in list order, up to LIMIT ?. On a server
// the planner reads either the prefix's range of the primary key and sorts
// it (rare prefixes) or the name-order index of migration 0010 until the
// page is full (common ones: "s").
func wordRangeQuery(archived string) string {
	return "SELECT name_key, patient_id FROM patient_words WHERE word >= ? AND word < ? AND " + archived +
		" ORDER BY name_key, archived, patient_id LIMIT ?"
}

// hasWordPrefixes reports whether every prefix starts some search word
// of the folded name (see nameWords), without building the word list:
// search runs it on thousands of candidates per keystroke.
func hasWordPrefixes(key string, prefixes []string) bool {
	for _, p := range prefixes {
		if !startsSomeWord(key, p) {
			return false
		}
	}
	return true
}

func startsSomeWord(key, p string) bool {
	for part := range strings.FieldsSeq(key) {
		// The whole part with punctuation dropped ("o'brien" -> "obrien").
		if hasPrefixSkippingPunct(part, p) {
			return true
		}
		// Each piece after punctuation ("brien", "luc").
		prevPunct := false
		for i, r := range part {
			punct := isPunct(r)
			if !punct && prevPunct && strings.HasPrefix(part[i:], p) {
				return true
			}
			prevPunct = punct
		}
	}
	return false
}

// hasPrefixSkippingPunct reports whether s, with punctuation removed,
// starts with p.
func hasPrefixSkippingPunct(s, p string) bool {
	for _, r := range s {
		if p == "" {
			return true
		}
		if isPunct(r) {
			continue
		}
		q, size := utf8.DecodeRuneInString(p)
		if r != q {
			return false
		}
		p = p[size:]
	}
	return p == ""
}

// patientsByID reads the given patients and returns them in ids' order.
func (db *DB) patientsByID(ctx context.Context, ids []int64) ([]Patient, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := db.r.QueryContext(ctx, "SELECT "+patientColumns+" FROM patients WHERE id IN (?"+strings.Repeat(", ?", len(ids)-1)+")", args...)
	if err != nil {
		return nil, dbError("search patients", err)
	}
	ps, err := scanPatients(rows)
	if err != nil {
		return nil, dbError("search patients", err)
	}
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	out := make([]Patient, len(ids))
	n := 0
	for _, p := range ps {
		out[pos[p.ID]] = p
		n++
	}
	if n != len(ids) { // a patient vanished between the two reads: cannot happen in one snapshot, but never return blanks
		kept := out[:0]
		for _, p := range out {
			if p.ID != 0 {
				kept = append(kept, p)
			}
		}
		out = kept
	}
	return out, nil
}

const patientColumns = "id, name, dob, lang, contact, notes, archived, revision, created_at, updated_at"

func scanPatients(rows *sql.Rows) ([]Patient, error) {
	defer rows.Close()
	var out []Patient
	for rows.Next() {
		var (
			pt               Patient
			dob              sql.NullString
			created, updated string
		)
		if err := rows.Scan(&pt.ID, &pt.Name, &dob, &pt.Lang, &pt.Contact, &pt.Notes, &pt.Archived, &pt.Revision, &created, &updated); err != nil {
			return nil, err
		}
		pt.DOB = parseDOB(dob)
		pt.CreatedAt, pt.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, pt)
	}
	return out, rows.Err()
}

type nameState struct {
	name     string
	archived bool
	revision int
	savedAt  string
}

// currentName reads what a patient's search words were made from, and
// the revision stored. It locks the patient's row on a server, so two
// chairs saving the same patient take turns and each changes the search
// words and builds on the revision it read.
func currentName(ctx context.Context, tx *sql.Tx, d *dialect, id int64) (nameState, error) {
	var st nameState
	err := tx.QueryRowContext(ctx, "SELECT name, archived, revision FROM patients WHERE id = ?"+d.lock("patients"), id).Scan(&st.name, &st.archived, &st.revision)
	if isNoRows(err) {
		return st, notFoundPatient(id)
	}
	return st, dbError(fmt.Sprintf("read patient %d", id), err)
}

func addWords(ctx context.Context, tx *sql.Tx, id int64, name string, archived bool) error {
	key := foldName(name)
	for _, w := range searchWords(key) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO patient_words (word, name_key, archived, patient_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
			w, key, archived, id); err != nil {
			return err
		}
	}
	return nil
}

func removeWords(ctx context.Context, tx *sql.Tx, id int64, name string, archived bool) error {
	key := foldName(name)
	for _, w := range searchWords(key) {
		if _, err := tx.ExecContext(ctx, "DELETE FROM patient_words WHERE word = ? AND name_key = ? AND archived = ? AND patient_id = ?",
			w, key, archived, id); err != nil {
			return err
		}
	}
	return nil
}

// parseDOB reads a stored date of birth; nil when none (or unreadable).
func parseDOB(dob sql.NullString) *time.Time {
	if !dob.Valid {
		return nil
	}
	d, err := time.Parse(dateLayout, dob.String)
	if err != nil {
		return nil
	}
	return &d
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
