package store

// SQLite only: these tests are about the database file itself (which files
// belong to a database file); a server database has no file on this
// computer. The tests that run on both backends use backends/eachBackend
// (pgtest_test.go).

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOwnsEveryFileOfTheDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "clinic.db")
	write := func(path string) string {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	link := func(target, path string) string {
		t.Helper()
		if err := os.Symlink(target, path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write(db)
	write(db + "-wal")
	write(db + "-shm")
	backups := BackupDir(db)
	daily := write(filepath.Join(backups, "chairside-2026-11-24.db"))
	aside := write(db + ".before-restore-20261124-101010")
	other := t.TempDir()
	hard := filepath.Join(other, "innocent.pdf")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}

	owned := []string{
		db,
		db + "-wal",
		db + "-shm",
		db + "-journal", // not there yet: SQLite would make it
		filepath.Join(dir, ".", "clinic.db"),
		filepath.Join(dir, "CLINIC.DB-WAL"), // case-insensitive disks
		link(db, filepath.Join(other, "export.pdf")),
		link(db+"-wal", filepath.Join(other, "wal.pdf")),
		hard,
		backups,
		daily,
		filepath.Join(backups, "new.pdf"),
		filepath.Join(backups, "sub", "deeper", "new.pdf"),
		filepath.Join(link(backups, filepath.Join(other, "bk")), "new.pdf"),
		aside,
		aside + "-wal",
		link(aside, filepath.Join(other, "aside.pdf")),
		filepath.Join(dir, ".clinic.db.restore"),
	}
	for _, p := range owned {
		what, err := Owns(db, p)
		if err != nil || what == "" {
			t.Errorf("Owns(%s) = %q, %v; want it refused", p, what, err)
		}
	}
	free := []string{
		filepath.Join(dir, "handout.pdf"),
		filepath.Join(dir, "clinic.db.pdf"),
		filepath.Join(dir, "clinic-backups.pdf"),
		filepath.Join(other, "clinic.db-wal"), // same name, another folder
		write(filepath.Join(other, "copy.db")),
		dir,
	}
	for _, p := range free {
		what, err := Owns(db, p)
		if err != nil || what != "" {
			t.Errorf("Owns(%s) = %q, %v; want it free", p, what, err)
		}
	}
}

func TestOwnsBackupsFolderBeforeItExists(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "chairside.db")
	if what, err := Owns(db, filepath.Join(dir, "backups", "x.pdf")); err != nil || what == "" {
		t.Errorf("a new file in the backups folder to be: %q, %v", what, err)
	}
	// The database behind a link: its side files are beside the real file.
	real := t.TempDir()
	if err := os.WriteFile(filepath.Join(real, "chairside.db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(dir, "linked.db")
	if err := os.Symlink(filepath.Join(real, "chairside.db"), linked); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(real, "chairside.db-wal"), filepath.Join(real, "backups", "a.pdf"), linked + "-wal"} {
		if what, err := Owns(linked, p); err != nil || what == "" {
			t.Errorf("Owns(linked db, %s) = %q, %v; want it refused", p, what, err)
		}
	}
}

func TestOwnsReportsALinkLoop(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	if _, err := Owns(filepath.Join(dir, "clinic.db"), loop); err == nil {
		t.Error("a link loop as the target: no error")
	}
}
