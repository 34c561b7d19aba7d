package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// CopyReport is what CopyInto copied: rows per table (counts only, never
// contents).
type CopyReport struct {
	Rows map[string]int
}

// String is the report in one line.
func (r CopyReport) String() string {
	return fmt.Sprintf("%d patients, %d handouts with %d revisions, %d clinic settings row(s)",
		r.Rows["patients"], r.Rows["handouts"], r.Rows["handout_revisions"], r.Rows["clinic"])
}

// copyOrder lists the tables parents first (foreign keys); tables a later
// migration adds follow in name order.
var copyOrder = []string{"patients", "patient_words", "clinic", "handouts", "handout_items", "handout_marks", "handout_stretches", "handout_revisions"}

// CopyInto copies every record of db (patients and their search words,
// handouts with every revision, the clinic settings and logo, and any
// table a later migration adds) into dst, which must be empty, in one
// transaction, then checks that every table holds the same rows on both
// sides (counts and contents) and runs dst's full Check. IDs are kept, so
// printed handout numbers stay the same. db is only read, in one
// snapshot. This is `chairside migrate` (a file to a clinic server) and a
// server's backup to a file; either side may be either backend.
func (db *DB) CopyInto(ctx context.Context, dst *DB) (CopyReport, error) {
	rep := CopyReport{Rows: map[string]int{}}
	if err := db.Health(ctx); err != nil {
		return rep, err
	}
	src, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, dbError("read the database to copy", err)
	}
	defer src.Rollback()
	tables, err := copyTables(ctx, src, db.dialect)
	if err != nil {
		return rep, dbError("read the database to copy", err)
	}
	tx, err := dst.begin(ctx, "copy into the new database")
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	dstTables, err := copyTables(ctx, tx, dst.dialect)
	if err != nil {
		return rep, dbError("read the new database", err)
	}
	if !slices.Equal(tables, dstTables) {
		return rep, errorf(EINVALID, nil, "The two databases have different tables (%s and %s): both must be from this version of Chairside. Nothing was copied.", strings.Join(tables, ", "), strings.Join(dstTables, ", "))
	}
	for _, t := range tables {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return rep, dbError("read the new database", err)
		}
		if n > 0 {
			return rep, errorf(EINVALID, nil, "%s is not empty (its table %s holds %d row(s)); Chairside copies only into an empty database, so that no records are mixed or overwritten. Give an empty database. Nothing was copied.", dst.path, t, n)
		}
	}
	for _, t := range tables {
		n, err := copyTable(ctx, src, tx, t)
		if err != nil {
			return rep, dbError("copy the database", err)
		}
		rep.Rows[t] = n
	}
	if dst.dialect.server() {
		// Identity columns hand out the next ID after the copied ones.
		for _, t := range tables {
			var col, seq string
			err := tx.QueryRowContext(ctx, `SELECT column_name::text, pg_get_serial_sequence(table_name::text, column_name::text)
				FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'`, t).Scan(&col, &seq)
			if isNoRows(err) {
				continue
			}
			if err == nil {
				_, err = tx.ExecContext(ctx, "SELECT setval(?, coalesce((SELECT max("+col+") FROM "+t+"), 0) + 1, false)", seq)
			}
			if err != nil {
				return rep, dbError("number the new database's rows", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return rep, dbError("copy into the new database", err)
	}
	if err := compareCopy(ctx, src, dst, tables); err != nil {
		return rep, err
	}
	check, err := dst.Check(ctx)
	if err != nil {
		return rep, err
	}
	if !check.OK {
		return rep, errorf(ECORRUPT, nil, "The copy in %s failed its check (%s).", dst.path, problemList(check.Problems))
	}
	return rep, nil
}

// copyTables are the tables to copy: every table but the migration
// record, parents first.
func copyTables(ctx context.Context, q querier, d *dialect) ([]string, error) {
	all, err := tableNames(ctx, q, d)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range copyOrder {
		if slices.Contains(all, t) {
			out = append(out, t)
		}
	}
	for _, t := range all {
		if t != "schema_migrations" && !slices.Contains(copyOrder, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// copyTable copies every row of table from src to dst, column by column
// as named in the source.
func copyTable(ctx context.Context, src *sql.Tx, dst *sql.Tx, table string) (int, error) {
	rows, err := src.QueryContext(ctx, "SELECT * FROM "+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	ins, err := dst.PrepareContext(ctx, "INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") VALUES (?"+strings.Repeat(", ?", len(cols)-1)+")")
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// compareCopy checks that every table holds the same rows on both sides:
// the same count, and the same multiset of row contents (compared by a
// digest of each row, in any order: the two backends sort text by
// different rules).
func compareCopy(ctx context.Context, src *sql.Tx, dst *DB, tables []string) error {
	out, err := dst.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return dbError("read the copy", err)
	}
	defer out.Rollback()
	for _, t := range tables {
		a, err := rowDigests(ctx, src, t)
		if err != nil {
			return dbError("read the database to compare", err)
		}
		b, err := rowDigests(ctx, out, t)
		if err != nil {
			return dbError("read the copy", err)
		}
		if len(a) != len(b) {
			return errorf(ECORRUPT, nil, "The copy's table %s holds %d row(s), the original %d. Do not use the copy; try again.", t, len(b), len(a))
		}
		if !slices.Equal(a, b) {
			return errorf(ECORRUPT, nil, "The copy's table %s differs from the original. Do not use the copy; try again.", t)
		}
	}
	return nil
}

// rowDigests is a sorted digest per row of table, its columns in name
// order and each value in one form whatever the backend returned (text as
// its bytes, whole numbers in decimal, floats exactly).
func rowDigests(ctx context.Context, q *sql.Tx, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT * FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return cols[order[i]] < cols[order[j]] })
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		h := sha256.New()
		for _, i := range order {
			var s string
			switch v := vals[i].(type) {
			case nil:
				s = "n"
			case int64:
				s = "i" + strconv.FormatInt(v, 10)
			case float64:
				if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
					s = "i" + strconv.FormatInt(int64(v), 10)
				} else {
					s = "f" + strconv.FormatFloat(v, 'g', -1, 64)
				}
			case string:
				s = "t" + v
			case []byte:
				s = "t" + string(v)
			case bool:
				s = "i0"
				if v {
					s = "i1"
				}
			default:
				s = fmt.Sprintf("?%v", v)
			}
			fmt.Fprintf(h, "%d:%s|", len(s), s)
		}
		out = append(out, string(h.Sum(nil)))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// backupServer writes a server database's records into a new, complete
// SQLite file at dest (a portable copy any single computer can open):
// made whole in a temporary file beside dest, copied and compared
// (CopyInto), switched out of WAL into one self-contained file, checked
// again as a backup, and only then renamed over dest.
func (db *DB) backupServer(ctx context.Context, dest string) error {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errorf(EREADONLY, err, "Cannot create the folder %s for the backup; choose another place.", dir)
	}
	tmpDir, err := os.MkdirTemp(dir, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return errorf(EREADONLY, err, "Cannot write a backup in %s (read-only folder or full disk?); choose another place.", dir)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "copy.db")
	out, err := Open(tmp)
	if err != nil {
		return err
	}
	if _, err := db.CopyInto(ctx, out); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return dbError("finish the backup", err)
	}
	if err := oneFile(ctx, tmp); err != nil {
		return err
	}
	if _, err := CheckBackup(ctx, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return errorf(EREADONLY, err, "Cannot finish writing the backup %s (full disk?); choose another place.", dest)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return errorf(EREADONLY, err, "Cannot put the backup in place as %s; choose another name or place.", dest)
	}
	syncDir(dir)
	return nil
}

// oneFile switches the SQLite database at path out of WAL, so the copy is
// one self-contained file, as a backup of a file is.
func oneFile(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite3", dsn(path, "_busy_timeout=5000"))
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer c.Close()
	var mode string
	if err := c.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return dbError("finish the backup", err)
	}
	if mode != "delete" {
		return dbError("finish the backup", errors.New("journal mode stayed "+mode))
	}
	return nil
}
