package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chairside/internal/handout"
)

// CheckReport is the result of a full check: OK when no problem was found.
// Problems name tables, pages and IDs, never patient data.
type CheckReport struct {
	OK       bool
	Problems []string
	Counts   map[string]int // patients, archived patients, handouts, handout revisions
}

// Check runs SQLite's full integrity check, the foreign-key check and the
// app's own consistency checks, and reads every handout and every saved
// revision as the app would. A problem found is reported in the
// CheckReport, not as an error; the error is for a check that could not
// run.
func (db *DB) Check(ctx context.Context) (CheckReport, error) {
	return checkDatabase(ctx, db.r, db.dialect)
}

// checkDatabase is Check on q. A server keeps its own pages whole and its
// foreign keys enforced (its integrity is the server's and pg_amcheck's
// job): there, the app's own checks run.
func checkDatabase(ctx context.Context, q *sql.DB, d *dialect) (CheckReport, error) {
	rep := CheckReport{Counts: map[string]int{}}
	if !d.server() {
		problems, err := integrityProblems(ctx, q)
		if err != nil {
			return rep, dbError("check the database", err)
		}
		rep.Problems = append(rep.Problems, problems...)
		if problems, err = foreignKeyProblems(ctx, q); err != nil {
			return rep, dbError("check the database", err)
		}
		rep.Problems = append(rep.Problems, problems...)
	}
	problems, err := consistencyProblems(ctx, q, d, true)
	if err != nil {
		return rep, dbError("check the database", err)
	}
	rep.Problems = append(rep.Problems, problems...)
	if problems, err = readEveryHandout(ctx, q, d); err != nil {
		return rep, dbError("check the handouts", err)
	}
	rep.Problems = append(rep.Problems, problems...)
	for name, query := range map[string]string{
		"patients":          "SELECT count(*) FROM patients",
		"archived patients": "SELECT count(*) FROM patients WHERE archived = 1",
		"handouts":          "SELECT count(*) FROM handouts",
		"handout revisions": "SELECT count(*) FROM handout_revisions",
	} {
		var n int
		if err := q.QueryRowContext(ctx, query).Scan(&n); err != nil {
			return rep, dbError("count rows", err)
		}
		rep.Counts[name] = n
	}
	rep.OK = len(rep.Problems) == 0
	return rep, nil
}

// backgroundCheck is the check that runs after every Open, before the
// first write: SQLite's quick check (every page), the foreign keys, and the
// app's consistency checks that stay quick on a large file (every handout
// has its current revision; its lists are readable). A -wal file left from
// another database passes the page check but not the others: its pages
// mix two clinics' rows. The slower checks (the patient search index, each
// saved revision's JSON) run in Check and before a restore.
func backgroundCheck(ctx context.Context, q querier) error {
	if err := quickCheck(ctx, q); err != nil {
		return err
	}
	problems, err := foreignKeyProblems(ctx, q, searchIndex)
	if err != nil {
		return err
	}
	more, err := consistencyProblems(ctx, q, sqliteDialect, false)
	if err != nil {
		return err
	}
	problems = append(problems, more...)
	if len(problems) > 0 {
		return fmt.Errorf("%w: %d problem(s), first: %s", errInconsistent, len(problems), problems[0])
	}
	return nil
}

// fullCheck is the check inspect runs before Open writes to a file (an
// upgrade, or the switch to WAL): the same as the background one.
func fullCheck(ctx context.Context, q querier) error { return backgroundCheck(ctx, q) }

// errInconsistent marks records that do not fit together (a handout whose
// patient is missing, an unreadable stored handout): the pages are whole,
// the contents are not.
var errInconsistent = errors.New("consistency check failed")

// searchIndex is the patient search's word table: the largest by far
// (several rows per patient), so its foreign keys, looked up in random
// order, cost the background check several times its page check; they are
// checked in Check, with the rest of the search index.
const searchIndex = "patient_words"

// foreignKeyProblems runs SQLite's foreign-key check on every table but
// the skipped ones.
func foreignKeyProblems(ctx context.Context, q querier, skip ...string) ([]string, error) {
	if len(skip) == 0 {
		return foreignKeyRows(ctx, q, "PRAGMA foreign_key_check")
	}
	rows, err := q.QueryContext(ctx, sqliteDialect.tables)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		if !slices.Contains(skip, n) {
			tables = append(tables, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		// Table names come from the schema, quoted as identifiers.
		more, err := foreignKeyRows(ctx, q, `PRAGMA foreign_key_check("`+strings.ReplaceAll(t, `"`, `""`)+`")`)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

func foreignKeyRows(ctx context.Context, q querier, pragma string) ([]string, error) {
	rows, err := q.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var (
			table, parent string
			rowid, fkid   any
		)
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s row %v refers to a missing %s row", table, rowid, parent))
	}
	return out, rows.Err()
}

// consistencyProblems are the app's own rules about what is stored, in
// SQL: every handout has its current revision, and stored JSON values have
// the shape the app reads. thorough adds the slower ones: the patient
// search follows the patients, and every saved revision's JSON. Tables a
// database of an older version lacks are skipped. The JSON checks use
// SQLite's JSON functions; on a server every stored list and revision is
// decoded instead by readEveryHandout, in Check.
func consistencyProblems(ctx context.Context, q querier, d *dialect, thorough bool) ([]string, error) {
	tables := map[string]bool{}
	rows, err := q.QueryContext(ctx, d.tables)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		tables[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	if thorough && tables["patients"] && tables["patient_words"] {
		var stale, unindexed int
		if err := q.QueryRowContext(ctx, `SELECT count(DISTINCT w.patient_id) FROM patient_words w JOIN patients p ON p.id = w.patient_id
			WHERE w.name_key != p.name_key OR w.archived != p.archived`).Scan(&stale); err != nil {
			return nil, err
		}
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM patients WHERE id NOT IN (SELECT patient_id FROM patient_words)`).Scan(&unindexed); err != nil {
			return nil, err
		}
		if stale+unindexed > 0 {
			out = append(out, fmt.Sprintf("patient search: %d patient(s) indexed under an old name or state, %d not indexed", stale, unindexed))
		}
	}
	if tables["handouts"] && tables["handout_revisions"] {
		rows, err := q.QueryContext(ctx, `SELECT h.id, h.revision FROM handouts h WHERE NOT EXISTS
			(SELECT 1 FROM handout_revisions r WHERE r.handout_id = h.id AND r.revision = h.revision) ORDER BY h.id`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var rev int
			if err := rows.Scan(&id, &rev); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, fmt.Sprintf("handout %d: revision %d is missing from its history", id, rev))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// Stored JSON must have the shape the app reads.
	checks := []struct {
		slow               bool
		table, query, what string // what: %d is the count found
	}{
		{false, "handouts", `SELECT count(*) FROM handouts WHERE NOT json_valid(seek_care) OR json_type(seek_care) != 'array'`,
			"%d handout(s) with an unreadable seek-care list"},
		{false, "handout_items", `SELECT count(*) FROM handout_items WHERE NOT json_valid(sources) OR json_type(sources) != 'array'`,
			"%d handout item(s) with an unreadable source list"},
		{false, "handout_stretches", `SELECT count(*) FROM handout_stretches WHERE NOT json_valid(steps) OR json_type(steps) != 'array'`,
			"%d stretch(es) with unreadable steps"},
		{true, "handout_revisions", `SELECT count(*) FROM handout_revisions WHERE NOT json_valid(snapshot) OR json_type(snapshot) != 'object'`,
			"%d saved handout revision(s) that cannot be read"},
	}
	for _, c := range checks {
		if !tables[c.table] || (c.slow && !thorough) || d.server() {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			out = append(out, fmt.Sprintf(c.what, n))
		}
	}
	return out, nil
}

// readEveryHandout reads every handout and decodes every saved revision
// the way the app does, one handout at a time, and names each that fails.
// It is the slow, thorough part of Check and of a restore's check.
func readEveryHandout(ctx context.Context, q *sql.DB, d *dialect) ([]string, error) {
	tables, err := tableNames(ctx, q, d)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(tables, "handouts") || !slices.Contains(tables, "handout_revisions") {
		return nil, nil
	}
	tx, err := q.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var ids []int64
	rows, err := tx.QueryContext(ctx, "SELECT id FROM handouts ORDER BY id")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		if _, err := readHandouts(ctx, tx, "WHERE id = ?", id); err != nil {
			if ErrorCode(err) != ECORRUPT {
				return nil, err
			}
			out = append(out, fmt.Sprintf("handout %d cannot be read", id))
		}
	}
	rows, err = tx.QueryContext(ctx, "SELECT handout_id, revision, snapshot FROM handout_revisions ORDER BY handout_id, revision")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   int64
			rev  int
			snap string
		)
		if err := rows.Scan(&id, &rev, &snap); err != nil {
			return nil, err
		}
		var h handout.Handout
		if err := json.Unmarshal([]byte(snap), &h); err != nil {
			out = append(out, fmt.Sprintf("handout %d: revision %d is unreadable", id, rev))
		}
	}
	return out, rows.Err()
}

// integrityProblems runs PRAGMA integrity_check (every page, every index
// entry) and returns what it found; none means healthy.
func integrityProblems(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// problemList is a few problems in one line, for an error message.
func problemList(problems []string) string {
	if len(problems) <= 3 {
		return strings.Join(problems, "; ")
	}
	return strings.Join(problems[:3], "; ") + fmt.Sprintf("; and %d more", len(problems)-3)
}

// tableNames lists the database's tables, sorted.
func tableNames(ctx context.Context, q querier, d *dialect) ([]string, error) {
	rows, err := q.QueryContext(ctx, d.tables)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
