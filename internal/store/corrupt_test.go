package store

// SQLite only: these tests are about the database file itself (damaged,
// truncated and foreign files, stray -wal and -journal files); a server
// database has no file on this computer. The tests that run on both
// backends use backends/eachBackend (pgtest_test.go).

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// healthyDB writes a closed, checkpointed database with n patients.
func healthyDB(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chairside.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fillPatients(t, db, n)
	p := mustPatient(t, db, "Secret Name")
	if err := db.SaveHandout(context.Background(), sampleHandout(p.ID, 5)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(7, 9))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// assertRefused checks that opening path fails with code and the way out,
// and that the file was not changed in any byte.
func assertRefused(t *testing.T, path, code string) {
	t.Helper()
	before := fileSum(t, path)
	db, err := Open(path)
	if err == nil {
		db.Close()
		t.Fatalf("opened a file that should be refused (%s)", code)
	}
	if ErrorCode(err) != code {
		t.Errorf("err = %v, want %s", err, code)
	}
	msg := ErrorMessage(err)
	if code == ECORRUPT && (!strings.Contains(msg, "chairside restore") || !strings.Contains(msg, "--db")) {
		t.Errorf("message lacks the way out: %q", msg)
	}
	if strings.Contains(err.Error(), "Secret Name") {
		t.Errorf("error shows patient data: %v", err)
	}
	if fileSum(t, path) != before {
		t.Error("the refused file was modified")
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("a %s file was left beside the refused file", side)
		}
	}
}

func TestOpenRefusesDamagedFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T) string
	}{
		{"random bytes", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "r.db")
			writeFile(t, p, randomBytes(3*4096))
			return p
		}},
		{"text file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "notes.txt")
			writeFile(t, p, []byte("Patients to call back:\nAnn Lee 555-0100\n"))
			return p
		}},
		{"zeros", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "z.db")
			writeFile(t, p, make([]byte, 8192))
			return p
		}},
		{"only the header", func(t *testing.T) string {
			p := healthyDB(t, 10)
			b, _ := os.ReadFile(p)
			writeFile(t, p, b[:100])
			return p
		}},
		{"truncated to half", func(t *testing.T) string {
			p := healthyDB(t, 2000)
			b, _ := os.ReadFile(p)
			writeFile(t, p, b[:len(b)/2/4096*4096])
			return p
		}},
		{"truncated mid-page", func(t *testing.T) string {
			p := healthyDB(t, 2000)
			b, _ := os.ReadFile(p)
			writeFile(t, p, b[:len(b)-1000])
			return p
		}},
		{"schema page garbled", func(t *testing.T) string {
			p := healthyDB(t, 10)
			b, _ := os.ReadFile(p)
			copy(b[100:4096], randomBytes(3996))
			writeFile(t, p, b)
			return p
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertRefused(t, tt.make(t), ECORRUPT)
		})
	}
}

// A page garbled deep inside the file passes the quick checks at Open; the
// full check behind Health finds it, and no write reaches the file.
func TestDamageFoundByBackgroundCheck(t *testing.T) {
	path := healthyDB(t, 3000)
	b, _ := os.ReadFile(path)
	pages := len(b) / 4096
	page := pages / 2
	copy(b[page*4096+8:(page+1)*4096], randomBytes(4096-8))
	writeFile(t, path, b)
	before := fileSum(t, path)

	db, err := Open(path)
	if err != nil {
		if ErrorCode(err) != ECORRUPT {
			t.Fatalf("Open: %v, want ECORRUPT or success", err)
		}
		t.Log("refused at Open")
		return
	}
	ctx := context.Background()
	if err := db.Health(ctx); ErrorCode(err) != ECORRUPT {
		t.Errorf("Health = %v, want ECORRUPT", err)
	}
	if err := db.CreatePatient(ctx, &Patient{Name: "New"}); ErrorCode(err) != ECORRUPT {
		t.Errorf("CreatePatient on a damaged file = %v, want ECORRUPT", err)
	}
	if err := db.SaveClinic(ctx, clinicSample()); ErrorCode(err) != ECORRUPT {
		t.Errorf("SaveClinic on a damaged file = %v, want ECORRUPT", err)
	}
	if err := db.Backup(ctx, filepath.Join(t.TempDir(), "b.db")); ErrorCode(err) != ECORRUPT {
		t.Errorf("Backup of a damaged file = %v, want ECORRUPT", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("the damaged file was modified")
	}
}

func TestOpenRefusesLockedFile(t *testing.T) {
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
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "UPDATE clinic SET name = name"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = open(path, options{busyTimeout: 200 * time.Millisecond})
	if ErrorCode(err) != ELOCKED || !strings.Contains(ErrorMessage(err), "locked") {
		t.Errorf("locked file: err = %v, want ELOCKED", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %v; the busy timeout is 200ms", d)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()
	holder.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("after the lock was released: %v", err)
	}
	db.Close()
}

func TestBusyWriterGetsClearError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	db, err := open(path, options{busyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := sql.Open("sqlite3", dsn(path, "_busy_timeout=100"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	conn, _ := other.Conn(ctx)
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	err = db.CreatePatient(ctx, &Patient{Name: "Ann"})
	if ErrorCode(err) != EBUSY || !strings.Contains(ErrorMessage(err), "try again") {
		t.Errorf("err = %v, want EBUSY saying to try again", err)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()
	if err := db.CreatePatient(ctx, &Patient{Name: "Ann"}); err != nil {
		t.Errorf("after the other writer finished: %v", err)
	}
}

func TestOpenRefusesFolderAndEmptyPath(t *testing.T) {
	if _, err := Open(t.TempDir()); ErrorCode(err) != EINVALID {
		t.Errorf("folder: %v, want EINVALID", err)
	}
	if _, err := Open(" "); ErrorCode(err) != EINVALID {
		t.Errorf("empty path: %v, want EINVALID", err)
	}
	// A file where a folder should be: named as such, not as a permission
	// problem, and the file is left alone.
	file := filepath.Join(t.TempDir(), "notes.txt")
	writeFile(t, file, []byte("shopping list\n"))
	_, err := Open(filepath.Join(file, "chairside.db"))
	if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "part of its folder path is a file, not a folder") {
		t.Errorf("path through a file: %v, want EINVALID saying part of the path is a file", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "shopping list\n" {
		t.Error("the file in the path was changed")
	}
}

// makeReadOnly makes a file or folder unwritable: chmod for a normal user,
// the immutable attribute for root (whom permissions do not stop).
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, fi.Mode().Perm()&^0o222); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, fi.Mode().Perm()) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("cannot make %s read-only as root (chattr +i: %v %s)", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

// A read-only database opens for reading, so that its records can be
// rescued (listed, exported, backed up, checked); only writes are refused,
// with a message that says what to make writable.
func TestReadOnlyFileOpensForReading(t *testing.T) {
	path := healthyDB(t, 10)
	makeReadOnly(t, path)
	assertReadOnlyUsable(t, path, "read-only")
}

func TestReadOnlyFolderOpensForReading(t *testing.T) {
	path := healthyDB(t, 10)
	makeReadOnly(t, filepath.Dir(path))
	assertReadOnlyUsable(t, path, "read-only")
	// But no new database can be made there.
	if _, err := Open(filepath.Join(filepath.Dir(path), "new.db")); ErrorCode(err) != EREADONLY {
		t.Errorf("new file in a read-only folder: %v, want EREADONLY", err)
	}
}

func assertReadOnlyUsable(t *testing.T, path, want string) {
	t.Helper()
	before := fileSum(t, path)
	db, err := Open(path)
	if err != nil {
		t.Fatalf("a read-only database must open for reading: %v", err)
	}
	ctx := context.Background()
	if !db.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	// The app's live lists ask this of every file (it panicked on one
	// opened read-only, which has no write connection).
	if v, err := db.DataVersion(ctx); err != nil || v != 0 {
		t.Errorf("data version of a read-only file: %d, %v", v, err)
	}
	if err := db.Health(ctx); err != nil {
		t.Errorf("health: %v", err)
	}
	if ps, err := db.SearchPatients(ctx, "", true, 0); err != nil || len(ps) != 11 {
		t.Errorf("list: %d patients, %v", len(ps), err)
	}
	if rep, err := db.Check(ctx); err != nil || !rep.OK {
		t.Errorf("check: %+v %v", rep, err)
	}
	if _, err := db.GetHandout(ctx, 1); err != nil {
		t.Errorf("read a handout: %v", err)
	}
	copyTo := filepath.Join(t.TempDir(), "rescue.db")
	if err := db.Backup(ctx, copyTo); err != nil {
		t.Errorf("backup of a read-only database: %v", err)
	}
	err = db.CreatePatient(ctx, &Patient{Name: "New"})
	if ErrorCode(err) != EREADONLY || !strings.Contains(ErrorMessage(err), want) || !strings.Contains(ErrorMessage(err), "writable") {
		t.Errorf("write: %v, want EREADONLY saying %q and what to make writable", err, want)
	}
	db.Close()
	if fileSum(t, path) != before {
		t.Error("the read-only file was modified")
	}
}

func TestOpenRefusesUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any file")
	}
	path := healthyDB(t, 10)
	before := fileSum(t, path)
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	os.Chmod(path, 0o600)
	if ErrorCode(err) != EREADONLY {
		t.Errorf("unreadable file: %v, want EREADONLY", err)
	}
	if fileSum(t, path) != before {
		t.Error("the unreadable file was modified")
	}
}

// An existing empty file is not a database: it is reported and left as
// it is (only a missing path becomes a new database). It used to become a
// new, empty database reported "ok".
func TestEmptyFileLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	writeFile(t, path, nil)
	_, err := Open(path)
	if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "empty file") {
		t.Fatalf("empty file: %v, want EINVALID saying it is empty", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was changed: %v %v", fi, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left beside it: %d entries", len(entries))
	}
}
