package store

// SQLite only: these tests are about the database file itself (upgrading
// database files written by older versions (the server's migrations are
// tested in postgres_test.go)); a server database has no file on this
// computer. The tests that run on both backends use backends/eachBackend
// (pgtest_test.go).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chairside/internal/handout"
)

// buildVersion makes a database at schema version v exactly as the
// Chairside that shipped with v migrations would have left it, with a
// patient (v >= 1) and a handout (v >= 2) in it.
func buildVersion(t *testing.T, path string, v int, journal string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", dsn(path, "_journal_mode="+journal+"&_foreign_keys=on&_txlock=immediate"))
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	checked := make(chan struct{})
	close(checked)
	old := &DB{path: path, w: raw, r: raw, now: time.Now, checked: checked}
	ctx := context.Background()
	for _, m := range migrationList()[:v] {
		if err := old.apply(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if v == len(migrationList()) {
		if err := old.CreatePatient(ctx, &Patient{Name: "Ann O'Lee"}); err != nil {
			t.Fatal(err)
		}
		if err := old.SaveHandout(ctx, sampleHandout(1, 3)); err != nil {
			t.Fatal(err)
		}
	} else if err := writeOldRecords(ctx, raw, v); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeOldRecords writes a patient (v >= 1) and a handout (v >= 2) with
// the columns every version has, as the Chairside of version v did
// (today's saves also write the columns later migrations added).
func writeOldRecords(ctx context.Context, raw *sql.DB, v int) error {
	if v < 1 {
		return nil
	}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stamp := time.Now().UTC().Format(timeLayout)
	name := "Ann O'Lee"
	if _, err := tx.ExecContext(ctx, "INSERT INTO patients (id, name, name_key, lang, created_at, updated_at) VALUES (1, ?, ?, 'en', ?, ?)",
		name, foldName(name), stamp, stamp); err != nil {
		return err
	}
	if err := addWords(ctx, tx, 1, name, false); err != nil {
		return err
	}
	if v >= 2 {
		h := sampleHandout(1, 3)
		h.ID, h.Revision = 1, 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO handouts
			(id, patient_id, title, visit_date, visit_utc, status, lang, clinician_notes, homecare_instructions, seek_care, revision, created_at, updated_at)
			VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			h.Title, h.Date.Format(time.RFC3339Nano), h.Date.UTC().Format(timeLayout), string(h.Status), h.Lang,
			h.ClinicianNotes, h.HomeCare.Instructions, mustJSON(h.SeekCare), stamp, stamp); err != nil {
			return err
		}
		if err := writeParts(ctx, tx, h); err != nil {
			return err
		}
		snap, err := json.Marshal(h)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO handout_revisions (handout_id, revision, saved_at, autosave, snapshot) VALUES (1, 1, ?, 0, ?)",
			stamp, string(snap)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func TestMigrationFiles(t *testing.T) {
	list := migrationList() // panics on a gap or a missing number
	if len(list) < 3 {
		t.Fatalf("only %d migrations", len(list))
	}
	for i, m := range list {
		if m.version != i+1 || m.sql == "" {
			t.Errorf("migration %d: %+v", i, m.name)
		}
	}
}

func TestUpgradeFromEveryVersion(t *testing.T) {
	latest := len(migrationList())
	for v := 0; v < latest; v++ {
		for _, journal := range []string{"WAL", "DELETE"} {
			t.Run(fmt.Sprintf("%s/v%d", journal, v), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "old.db")
				buildVersion(t, path, v, journal)
				db, err := Open(path)
				if err != nil {
					t.Fatalf("open version %d: %v", v, err)
				}
				defer db.Close()
				ctx := context.Background()
				if err := db.Health(ctx); err != nil {
					t.Fatal(err)
				}
				var uv, appID, recorded int
				db.r.QueryRow("PRAGMA user_version").Scan(&uv)
				db.r.QueryRow("PRAGMA application_id").Scan(&appID)
				db.r.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&recorded)
				if uv != latest || appID != applicationID || recorded != latest {
					t.Errorf("after upgrade: user_version %d, application_id %x, %d recorded; want %d, %x, %d", uv, appID, recorded, latest, applicationID, latest)
				}
				if v >= 1 {
					ps, err := db.SearchPatients(ctx, "olee", false, 0)
					if err != nil || len(ps) != 1 {
						t.Errorf("old patient not found after upgrade: %v %v", ps, err)
					}
				}
				if v >= 2 {
					h, err := db.GetHandout(ctx, 1)
					if err != nil || len(h.Items) != 3 {
						t.Errorf("old handout after upgrade: %v, %v", h, err)
					}
				}
				// Everything the latest schema offers works.
				p := mustPatient(t, db, "New Patient")
				if err := db.SaveHandout(ctx, sampleHandout(p.ID, 2)); err != nil {
					t.Fatal(err)
				}
				if err := db.SaveClinic(ctx, clinicSample()); err != nil {
					t.Fatal(err)
				}
				if rep, err := db.Check(ctx); err != nil || !rep.OK {
					t.Errorf("check after upgrade: %+v, %v", rep, err)
				}
			})
		}
	}
}

func TestReopenDoesNotMigrateAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	for range 3 {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustPatient(t, db, "Ann")
		db.Close()
	}
	db, _ := Open(path)
	defer db.Close()
	var n int
	db.r.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n)
	if n != len(migrationList()) {
		t.Errorf("%d migrations recorded, want %d", n, len(migrationList()))
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestRefuseNewerVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	buildVersion(t, path, len(migrationList()), "WAL")
	// A future Chairside added migration 99.
	raw, err := sql.Open("sqlite3", dsn(path, "_journal_mode=WAL"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE future (x); INSERT INTO schema_migrations VALUES (99, '0099_future', 'x'); PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("setup left a -wal file")
	}
	before := fileSum(t, path)
	db, err := Open(path)
	if err == nil {
		db.Close()
		t.Fatal("a newer database was opened")
	}
	if ErrorCode(err) != ENEWER || !bytes.Contains([]byte(ErrorMessage(err)), []byte("newer version of Chairside")) {
		t.Errorf("err = %v, want ENEWER with a clear message", err)
	}
	if fileSum(t, path) != before {
		t.Error("the newer database was modified")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a -wal file was left beside the refused database")
	}
}

func TestRefuseForeignDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	raw, _ := sql.Open("sqlite3", path)
	if _, err := raw.Exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before := fileSum(t, path)
	if _, err := Open(path); ErrorCode(err) != EINVALID {
		t.Errorf("foreign database: err = %v, want EINVALID", err)
	}
	if fileSum(t, path) != before {
		t.Error("the foreign database was modified")
	}
}

func clinicSample() handout.Clinic {
	return handout.Clinic{Name: "Back in Line Chiropractic", Paper: handout.A4}
}

// A text set aside before migration 0012 was kept in overrides as minus
// the revision taken instead; the step moves it to set_aside_for, so the
// history still lists it as set aside, and leaves "keep mine" links alone.
func TestSetAsideLinksMoveToTheirOwnColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v11.db")
	buildVersion(t, path, 11, "WAL")
	raw, err := sql.Open("sqlite3", dsn(path, "_foreign_keys=on"))
	if err != nil {
		t.Fatal(err)
	}
	// Revision 1 is the handout's; 2 was kept over 1 (keep mine), 3 set
	// aside when 2 was taken (take theirs), as version 11 wrote them.
	for _, r := range []struct {
		rev       int
		overrides any
	}{{2, 1}, {3, -2}} {
		if _, err := raw.Exec(`INSERT INTO handout_revisions (handout_id, revision, saved_at, autosave, snapshot, overrides)
			SELECT handout_id, ?, saved_at, 0, snapshot, ? FROM handout_revisions WHERE handout_id = 1 AND revision = 1`, r.rev, r.overrides); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec("UPDATE handouts SET revision = 2 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO patient_revisions (patient_id, revision, saved_at, overrides, name, lang, contact, notes, archived)
		SELECT id, 2, updated_at, -1, name, lang, '', '', 0 FROM patients WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	hist, err := db.HandoutHistory(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int][2]int{}
	for _, r := range hist {
		got[r.Number] = [2]int{r.Overrides, r.SetAside}
	}
	if want := map[int][2]int{1: {0, 0}, 2: {1, 0}, 3: {0, 2}}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("handout history after 0012 (revision: overrides, set aside for): %v, want %v", got, want)
	}
	aside, err := db.SetAsideHandouts(ctx, 1)
	if err != nil || len(aside) != 1 || aside[0].Number != 3 || aside[0].SetAside != 2 {
		t.Errorf("texts set aside after 0012: %+v, %v", aside, err)
	}
	revs, err := db.PatientRevisions(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range revs {
		if r.Saved.Number == 2 && (r.Saved.SetAside != 1 || r.Saved.Overrides != 0) {
			t.Errorf("patient revision 2 after 0012: overrides %d, set aside for %d; want 0 and 1", r.Saved.Overrides, r.Saved.SetAside)
		}
	}
	var negative int
	db.r.QueryRow("SELECT count(*) FROM handout_revisions WHERE overrides < 0").Scan(&negative)
	if negative != 0 {
		t.Errorf("%d revisions still hold a negative overrides", negative)
	}
}

// walCommits counts the commits in a WAL file: frames whose header gives
// the database's size after the commit (zero in the other frames).
func walCommits(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 32 {
		return 0
	}
	pageSize := int(uint32(b[8])<<24 | uint32(b[9])<<16 | uint32(b[10])<<8 | uint32(b[11]))
	n := 0
	for off := 32; off+24+pageSize <= len(b); off += 24 + pageSize {
		if b[off+4]|b[off+5]|b[off+6]|b[off+7] != 0 {
			n++
		}
	}
	return n
}

// A new database is made in one commit, not one per migration: each commit
// waits for the disk, and the app's first screen waits for the file.
// (createDatabase builds it in a temporary file this way, then checkpoints
// it and links it into place.)
func TestNewDatabaseIsMadeInOneCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db := &DB{path: path, dialect: sqliteDialect, now: time.Now}
	w, err := openWriter(context.Background(), db, 1000)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n := walCommits(t, path); n != 1 {
		t.Errorf("making a new database took %d commits, want 1", n)
	}
	var recorded, version int
	w.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&recorded)
	w.QueryRow("PRAGMA user_version").Scan(&version)
	if want := len(migrationList()); recorded != want || version != want {
		t.Errorf("%d migrations recorded, user_version %d; want %d and %d", recorded, version, want, want)
	}
}
