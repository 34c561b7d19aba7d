package store

// SQLite only: these tests are about the database file itself (SQLite's
// online backup, the daily backups folder and restore of a file (a
// server's backup to a file is tested in postgres_copy_test.go)); a server
// database has no file on this computer. The tests that run on both
// backends use backends/eachBackend (pgtest_test.go).

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBackupWhileWriting(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustPatient(t, db, "Ann Lee")
	for range 10 {
		if err := db.SaveHandout(ctx, sampleHandout(p.ID, 5)); err != nil {
			t.Fatal(err)
		}
	}
	// Another goroutine keeps saving while the backup runs.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				if err := db.SaveHandout(ctx, sampleHandout(p.ID, 5)); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	dest := filepath.Join(t.TempDir(), "sub", "backup.db")
	err := db.Backup(ctx, dest)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o, want 600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("backup folder holds %d files, want only the backup (no temp files)", len(entries))
	}
	b, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := b.Check(ctx)
	if err != nil || !rep.OK || rep.Counts["patients"] != 1 || rep.Counts["handouts"] < 10 {
		t.Errorf("backup check: %+v %v", rep, err)
	}
	if err := db.Backup(ctx, db.Path()); ErrorCode(err) != EINVALID {
		t.Errorf("backup onto the database itself: %v, want EINVALID", err)
	}
	// A folder as the destination is refused, not replaced, and nothing is
	// written beside it.
	folder := filepath.Join(t.TempDir(), "backups")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	err = db.Backup(ctx, folder)
	if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "is a folder; give the backup a file name, e.g. "+filepath.Join(folder, "chairside-backup-")) {
		t.Errorf("backup onto a folder: %v, want EINVALID naming a file inside it", err)
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		t.Errorf("the folder was replaced: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(folder)); len(entries) != 1 {
		t.Errorf("a refused backup left %d files beside the folder", len(entries)-1)
	}
}

func TestAutoBackupDailyAndRotation(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	mustPatient(t, db, "Ann Lee")
	dir := filepath.Join(t.TempDir(), "backups")
	os.MkdirAll(dir, 0o700)
	// Sixteen older daily backups and a file that is not one of ours.
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 16 {
		name := filepath.Join(dir, "chairside-"+day.AddDate(0, 0, i).Format("2006-01-02")+".db")
		writeFile(t, name, []byte("old"))
	}
	writeFile(t, filepath.Join(dir, "keep-me.txt"), []byte("mine"))
	db.now = func() time.Time { return day.AddDate(0, 0, 20) }
	made, err := db.AutoBackup(ctx, dir, 14)
	if err != nil {
		t.Fatal(err)
	}
	if made != filepath.Join(dir, "chairside-2026-11-21.db") {
		t.Errorf("made %q", made)
	}
	again, err := db.AutoBackup(ctx, dir, 14)
	if err != nil || again != "" {
		t.Errorf("second backup the same day: %q, %v; want none", again, err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "chairside-*.db"))
	sort.Strings(names)
	if len(names) != 14 || filepath.Base(names[0]) != "chairside-2026-11-04.db" || names[13] != made {
		t.Errorf("kept %d backups: %v", len(names), names)
	}
	if _, err := os.Stat(filepath.Join(dir, "keep-me.txt")); err != nil {
		t.Error("rotation deleted a file that is not a backup")
	}
	if fi, _ := os.Stat(made); fi.Mode().Perm() != 0o600 {
		t.Errorf("auto backup mode %o", fi.Mode().Perm())
	}
	if got := BackupDir("/data/clinic/chairside.db"); got != "/data/clinic/backups" {
		t.Errorf("BackupDir = %q", got)
	}
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "chairside.db")
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	mustPatient(t, db, "Before Backup")
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	mustPatient(t, db, "After Backup")
	db.Close()
	beforeRestore := fileSum(t, target)

	aside, err := Restore(backup, target)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(aside, target+".before-restore-") || fileSum(t, aside) != beforeRestore {
		t.Errorf("kept aside %q does not hold the previous database", aside)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("restored file mode %o", fi.Mode().Perm())
	}
	db, err = Open(target)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := db.SearchPatients(ctx, "", true, 0)
	if len(ps) != 1 || ps[0].Name != "Before Backup" {
		t.Errorf("restored patients = %v", ps)
	}
	db.Close()
	old, err := Open(aside)
	if err != nil {
		t.Fatal(err)
	}
	if ps, _ := old.SearchPatients(ctx, "", true, 0); len(ps) != 2 {
		t.Errorf("the kept-aside database has %d patients, want 2", len(ps))
	}
	old.Close()
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "chairside.db")
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	mustPatient(t, db, "Ann Lee")
	db.Close()
	good := healthyDB(t, 2000)
	gb, _ := os.ReadFile(good)
	garbled := append([]byte(nil), gb...)
	copy(garbled[len(garbled)/2:], randomBytes(4096))

	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"random bytes", randomBytes(8192), ECORRUPT},
		{"text", []byte("hello\n"), ECORRUPT},
		{"truncated", gb[:len(gb)/2/4096*4096], ECORRUPT},
		{"garbled page", garbled, ECORRUPT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fileSum(t, target)
			bad := filepath.Join(t.TempDir(), "bad.db")
			writeFile(t, bad, tt.data)
			aside, err := Restore(bad, target)
			if ErrorCode(err) != tt.code || !strings.Contains(ErrorMessage(err), "Nothing was changed") {
				t.Errorf("err = %v, want %s saying nothing changed", err, tt.code)
			}
			if aside != "" || fileSum(t, target) != before {
				t.Error("the database was touched by a refused restore")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("restore left files behind: %d entries", len(entries))
			}
		})
	}
	if _, err := Restore(filepath.Join(dir, "missing.db"), target); ErrorCode(err) != EREADONLY {
		t.Errorf("missing backup: %v", err)
	}
	if _, err := Restore(target, target); ErrorCode(err) != EINVALID {
		t.Errorf("restore onto itself: %v", err)
	}
}

func TestRestoreIntoMissingTarget(t *testing.T) {
	good := healthyDB(t, 5)
	target := filepath.Join(t.TempDir(), "new", "chairside.db")
	aside, err := Restore(good, target)
	if err != nil || aside != "" {
		t.Fatalf("Restore = %q, %v", aside, err)
	}
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rep, _ := db.Check(context.Background()); !rep.OK || rep.Counts["patients"] != 6 {
		t.Errorf("restored: %+v", rep)
	}
}

func TestCheckFindsProblems(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustPatient(t, db, "Ann Lee")
	h := sampleHandout(p.ID, 2)
	db.SaveHandout(ctx, h)
	db.SaveHandout(ctx, h)
	rep, err := db.Check(ctx)
	if err != nil || !rep.OK {
		t.Fatalf("healthy: %+v %v", rep, err)
	}
	want := map[string]int{"patients": 1, "archived patients": 0, "handouts": 1, "handout revisions": 2}
	for k, v := range want {
		if rep.Counts[k] != v {
			t.Errorf("count %s = %d, want %d", k, rep.Counts[k], v)
		}
	}
	// Damage behind the store's back: a missing revision, an unreadable
	// one, a handout of a patient that does not exist.
	if _, err := db.w.Exec(`DELETE FROM handout_revisions WHERE revision = 2;
		UPDATE handout_revisions SET snapshot = '{broken' WHERE revision = 1;
		PRAGMA foreign_keys = off;
		INSERT INTO handouts (patient_id, visit_date, visit_utc, status, lang, revision, created_at, updated_at)
			VALUES (999, 'x', 'x', 'draft', 'en', 1, 'x', 'x');
		PRAGMA foreign_keys = on;
		UPDATE patient_words SET archived = 1;`); err != nil {
		t.Fatal(err)
	}
	rep, err = db.Check(ctx)
	if err != nil || rep.OK {
		t.Fatalf("damaged: %+v %v", rep, err)
	}
	joined := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"handout 1: revision 2 is missing", "handouts row 2 refers to a missing patients row", "handout 2: revision 1 is missing",
		"patient search: 1 patient(s) indexed under an old name or state, 0 not indexed"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
	if _, err := db.HandoutRevisions(ctx, 1); ErrorCode(err) != ECORRUPT {
		t.Errorf("reading a broken revision: %v, want ECORRUPT", err)
	}
}

// Two databases in one folder must not share a backups folder: one's daily
// copy would stand in for the other's, and restore would offer it.
func TestBackupDirIsPerDatabase(t *testing.T) {
	for _, c := range []struct{ db, want string }{
		{"/data/chairside.db", "/data/backups"},
		{"/data/clinic-b.db", "/data/clinic-b-backups"},
		{"/data/test", "/data/test-backups"},
	} {
		if got := BackupDir(c.db); got != c.want {
			t.Errorf("BackupDir(%q) = %q, want %q", c.db, got, c.want)
		}
	}
	folder := t.TempDir()
	ctx := context.Background()
	var made []string
	for _, name := range []string{"chairside.db", "other.db"} {
		db, err := Open(filepath.Join(folder, name))
		if err != nil {
			t.Fatal(err)
		}
		path, err := db.AutoBackup(ctx, BackupDir(db.Path()), 0)
		db.Close()
		if err != nil || path == "" {
			t.Fatalf("%s: AutoBackup = %q, %v; want today's backup made", name, path, err)
		}
		made = append(made, path)
	}
	if filepath.Dir(made[0]) == filepath.Dir(made[1]) {
		t.Fatalf("both databases backed up into %s", filepath.Dir(made[0]))
	}
}
