package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// CheckReport is the result of a full check: OK when no problem was found.
// Problems name tables, pages and IDs, never patient data.
type CheckReport struct {
	OK       bool
	Problems []string
	Counts   map[string]int // patients, archived patients, handouts, handout revisions
}

// Check runs SQLite's full integrity check, the foreign-key check, and
// verifies that every handout's current revision is stored and readable.
// A problem found is reported in the CheckReport, not as an error; the
// error is for a check that could not run.
func (db *DB) Check(ctx context.Context) (CheckReport, error) {
	rep := CheckReport{Counts: map[string]int{}}
	problems, err := integrityProblems(ctx, db.r)
	if err != nil {
		return rep, dbError("check the database", err)
	}
	rep.Problems = append(rep.Problems, problems...)

	rows, err := db.r.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return rep, dbError("check the database", err)
	}
	for rows.Next() {
		var (
			table, parent string
			rowid, fkid   any
		)
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return rep, dbError("check the database", err)
		}
		rep.Problems = append(rep.Problems, fmt.Sprintf("%s row %v refers to a missing %s row", table, rowid, parent))
	}
	rows.Close()

	for name, q := range map[string]string{
		"patients":          "SELECT count(*) FROM patients",
		"archived patients": "SELECT count(*) FROM patients WHERE archived = 1",
		"handouts":          "SELECT count(*) FROM handouts",
		"handout revisions": "SELECT count(*) FROM handout_revisions",
	} {
		var n int
		if err := db.r.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return rep, dbError("count rows", err)
		}
		rep.Counts[name] = n
	}

	// Search words must follow the patients they index.
	var stale, unindexed int
	if err := db.r.QueryRowContext(ctx, `SELECT count(DISTINCT w.patient_id) FROM patient_words w JOIN patients p ON p.id = w.patient_id
		WHERE w.name_key != p.name_key OR w.archived != p.archived`).Scan(&stale); err != nil {
		return rep, dbError("check the patient search", err)
	}
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM patients WHERE id NOT IN (SELECT patient_id FROM patient_words)`).Scan(&unindexed); err != nil {
		return rep, dbError("check the patient search", err)
	}
	if stale+unindexed > 0 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("patient search: %d patient(s) indexed under an old name or state, %d not indexed", stale, unindexed))
	}

	rows, err = db.r.QueryContext(ctx, `SELECT h.id, h.revision, r.snapshot FROM handouts h
		LEFT JOIN handout_revisions r ON r.handout_id = h.id AND r.revision = h.revision`)
	if err != nil {
		return rep, dbError("check the handouts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id       int64
			revision int
			snap     *string
		)
		if err := rows.Scan(&id, &revision, &snap); err != nil {
			return rep, dbError("check the handouts", err)
		}
		if snap == nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("handout %d: revision %d is missing from its history", id, revision))
			continue
		}
		if !json.Valid([]byte(*snap)) {
			rep.Problems = append(rep.Problems, fmt.Sprintf("handout %d: revision %d is unreadable", id, revision))
		}
	}
	if err := rows.Err(); err != nil {
		return rep, dbError("check the handouts", err)
	}
	rep.OK = len(rep.Problems) == 0
	return rep, nil
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
