package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// filesBeside lists the -wal, -shm and -journal files beside path.
func filesBeside(path string) []string {
	var found []string
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			found = append(found, filepath.Base(path+side))
		}
	}
	return found
}

func TestOpenForReadingReadsAndRefusesWrites(t *testing.T) {
	path := healthyDB(t, 3)
	before := fileSum(t, path)
	db, err := OpenForReading(path)
	if err != nil {
		t.Fatal(err)
	}
	if db.w != nil {
		t.Error("a current database was opened with a write connection; want the reader alone")
	}
	ctx := context.Background()
	if err := db.Health(ctx); err != nil {
		t.Fatalf("health: %v", err)
	}
	h, err := db.GetHandout(ctx, 1)
	if err != nil || len(h.Items) != 5 {
		t.Fatalf("handout 1: %v, %v; want its 5 items", h, err)
	}
	if ps, err := db.SearchPatients(ctx, "secret", false, 0); err != nil || len(ps) != 1 {
		t.Fatalf("search: %v, %v", ps, err)
	}
	err = db.CreatePatient(ctx, &Patient{Name: "New Person"})
	if ErrorCode(err) != EREADONLY || !strings.Contains(ErrorMessage(err), "only to read it") {
		t.Errorf("a write: %v, want EREADONLY saying the database was opened only to read", err)
	}
	if err := db.SaveClinic(ctx, clinicSample()); ErrorCode(err) != EREADONLY {
		t.Errorf("saving the clinic: %v, want EREADONLY", err)
	}
	// SQL that writes is refused by SQLite itself, not only by begin.
	if _, err := db.r.ExecContext(ctx, "DELETE FROM patients"); err == nil {
		t.Error("the reading connection ran a DELETE")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("reading changed the database file")
	}
	if s := filesBeside(path); len(s) != 0 {
		t.Errorf("reading left %v beside the database, as a mode=ro connection does; want the folder as it was", s)
	}
}

// An older database is upgraded as the app's own open would, so the
// commands that read it see the current schema.
func TestOpenForReadingUpgradesAnOlderDatabase(t *testing.T) {
	latest := len(migrationList())
	for _, journal := range []string{"WAL", "DELETE"} {
		t.Run(journal, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			buildVersion(t, path, latest-1, journal)
			db, err := OpenForReading(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var uv int
			db.r.QueryRow("PRAGMA user_version").Scan(&uv)
			if uv != latest {
				t.Errorf("user_version %d after opening for reading, want %d (upgraded)", uv, latest)
			}
			if h, err := db.GetHandout(context.Background(), 1); err != nil || len(h.Items) != 3 {
				t.Errorf("the old handout: %v, %v", h, err)
			}
		})
	}
}

func TestOpenForReadingRefusesWhatOpenRefuses(t *testing.T) {
	t.Run("newer", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "newer.db")
		buildVersion(t, path, len(migrationList()), "WAL")
		raw, err := sql.Open("sqlite3", dsn(path, "_journal_mode=WAL"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`CREATE TABLE future (x); INSERT INTO schema_migrations VALUES (99, '0099_future', 'x'); PRAGMA user_version = 99`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		before := fileSum(t, path)
		db, err := OpenForReading(path)
		if err == nil {
			db.Close()
			t.Fatal("a newer database was opened")
		}
		if ErrorCode(err) != ENEWER || !strings.Contains(ErrorMessage(err), "newer version of Chairside") {
			t.Errorf("err = %v, want ENEWER with a clear message", err)
		}
		if fileSum(t, path) != before {
			t.Error("the newer database was modified")
		}
		if s := filesBeside(path); len(s) != 0 {
			t.Errorf("%v left beside the refused database", s)
		}
	})
	t.Run("not a database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		writeFile(t, path, []byte(strings.Repeat("shopping list\n", 100)))
		if _, err := OpenForReading(path); ErrorCode(err) != ECORRUPT {
			t.Errorf("a text file: %v, want ECORRUPT", err)
		}
	})
	t.Run("damaged", func(t *testing.T) {
		path := healthyDB(t, 50)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, path, b[:len(b)/2]) // truncated: the header promises more pages
		if _, err := OpenForReading(path); ErrorCode(err) != ECORRUPT {
			t.Errorf("a truncated file: %v, want ECORRUPT", err)
		}
	})
}

func TestOpenForReadingLockedFile(t *testing.T) {
	path := healthyDB(t, 10)
	holder, err := sql.Open("sqlite3", dsn(path, "_locking_mode=EXCLUSIVE&_journal_mode=WAL"))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	ctx := context.Background()
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "UPDATE clinic SET name = name"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = openReading(path, options{busyTimeout: 300 * time.Millisecond})
	if ErrorCode(err) != ELOCKED || !strings.Contains(ErrorMessage(err), "locked") {
		t.Errorf("locked file: err = %v, want ELOCKED", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %v; the busy timeout is 300ms", d)
	}
	conn.ExecContext(ctx, "ROLLBACK")
}
