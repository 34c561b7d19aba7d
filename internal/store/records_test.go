package store

// SQLite only: these tests are about the database file itself (the file's
// locks, modes, paths, read-only files and folders, restore and the
// backups folder); a server database has no file on this computer. The
// tests that run on both backends use backends/eachBackend
// (pgtest_test.go).

import (
	"context"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// countPatients opens path and counts its patients (archived included).
func countPatients(t *testing.T, path string) int {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer db.Close()
	ps, err := db.SearchPatients(context.Background(), "", true, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

// backupOf makes a backup of a new database holding n patients.
func backupOf(t *testing.T, n int) string {
	t.Helper()
	src := healthyDB(t, n-1)
	db, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return out
}

func beforeRestoreFiles(t *testing.T, target string) []string {
	t.Helper()
	m, _ := filepath.Glob(target + ".before-restore-*")
	return m
}

// Item 5: a restore while Chairside has the database open would put the
// app's later saves into the file moved aside. It is refused.
func TestRestoreRefusedWhileChairsideHasItOpen(t *testing.T) {
	target := healthyDB(t, 3)
	backup := backupOf(t, 7)
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, target)
	_, err = Restore(backup, target)
	if ErrorCode(err) != ELOCKED || !strings.Contains(ErrorMessage(err), "Close Chairside first") {
		t.Errorf("restore while open: %v, want ELOCKED saying to close Chairside", err)
	}
	if len(beforeRestoreFiles(t, target)) != 0 {
		t.Error("files were moved aside by a refused restore")
	}
	// The open database goes on working, in the same file.
	mustPatient(t, db, "Saved After")
	db.Close()
	if fileSum(t, target) == before {
		t.Error("the save after the refused restore is not in the file")
	}
	if n := countPatients(t, target); n != 5 {
		t.Errorf("%d patients, want 5", n)
	}
	// Closed, the restore goes through.
	if _, err := Restore(backup, target); err != nil {
		t.Fatal(err)
	}
	if n := countPatients(t, target); n != 7 {
		t.Errorf("restored: %d patients, want 7", n)
	}
}

// Item 5: a sqlite3 session on the database counts as a program that has
// it open (Chairside's databases are WAL: the session holds a lock from
// its first read until it quits).
func TestRestoreRefusedWhileSqlite3HasItOpen(t *testing.T) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("no sqlite3 program here")
	}
	target := healthyDB(t, 3)
	backup := backupOf(t, 7)
	cmd := exec.Command(bin, target)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	io.WriteString(stdin, "SELECT count(*) FROM patients;\n")
	buf := make([]byte, 16)
	if n, err := stdout.Read(buf); err != nil || strings.TrimSpace(string(buf[:n])) != "4" {
		t.Fatalf("sqlite3 said %q, %v", buf[:n], err)
	}
	_, err = Restore(backup, target)
	if ErrorCode(err) != ELOCKED || !strings.Contains(ErrorMessage(err), "sqlite3") {
		t.Errorf("restore under sqlite3: %v, want ELOCKED naming it", err)
	}
	if len(beforeRestoreFiles(t, target)) != 0 {
		t.Error("files were moved aside by a refused restore")
	}
	stdin.Close()
	cmd.Wait()
	if _, err := Restore(backup, target); err != nil {
		t.Fatalf("after sqlite3 quit: %v", err)
	}
}

// Item 5: a file replaced underneath an open database (another program's
// restore, a copy over it): the DB stops writing and says so, and nothing
// goes into the renamed copy.
func TestReplacedFileStopsWrites(t *testing.T) {
	ctx := context.Background()
	target := healthyDB(t, 3)
	other := healthyDB(t, 8)
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Replaced(); err != nil {
		t.Fatalf("fresh: %v", err)
	}
	moved := target + ".moved"
	if err := os.Rename(target, moved); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(other)
	writeFile(t, target, b)
	movedSum := fileSum(t, moved)
	err = db.CreatePatient(ctx, &Patient{Name: "Lost?"})
	if ErrorCode(err) != EMOVED || !strings.Contains(ErrorMessage(err), "nothing more is saved") {
		t.Fatalf("write after replace: %v, want EMOVED", err)
	}
	if db.Replaced() == nil {
		t.Error("Replaced() = nil after the file was swapped")
	}
	// Even once the original is back, the DB stays stopped: it cannot know
	// what happened in between.
	if err := db.SaveHandout(ctx, sampleHandout(1, 2)); ErrorCode(err) != EMOVED {
		t.Errorf("second write: %v, want EMOVED", err)
	}
	if fileSum(t, moved) != movedSum {
		t.Error("the moved copy was written to")
	}
	db.Close()
	if n := countPatients(t, moved); n != 4 {
		t.Errorf("moved copy: %d patients, want 4", n)
	}
}

// Item 4: two restores in the same second each keep the database they
// replaced, under its own name; a file already at the name is never
// replaced.
func TestTwoRestoresKeepBothCopies(t *testing.T) {
	target := healthyDB(t, 3)
	b1, b2 := backupOf(t, 5), backupOf(t, 9)
	// A file already where the first kept copy would go.
	planted := target + ".before-restore-" + time.Now().Format("20060102-150405")
	writeFile(t, planted, []byte("not mine"))
	k1, err := Restore(b1, target)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := Restore(b2, target)
	if err != nil {
		t.Fatal(err)
	}
	if k1 == k2 || k1 == planted || k2 == planted {
		t.Fatalf("kept copies %q and %q (planted %q): names must differ", k1, k2, planted)
	}
	if b, _ := os.ReadFile(planted); string(b) != "not mine" {
		t.Error("the file already there was replaced")
	}
	if n := countPatients(t, k1); n != 4 {
		t.Errorf("first kept copy: %d patients, want the original 4", n)
	}
	if n := countPatients(t, k2); n != 5 {
		t.Errorf("second kept copy: %d patients, want 5", n)
	}
	if n := countPatients(t, target); n != 9 {
		t.Errorf("database: %d patients, want 9", n)
	}
}

// rawExec runs SQL on a database file behind the store's back.
func rawExec(t *testing.T, path, stmts string) {
	t.Helper()
	c, err := sql.Open("sqlite3", dsn(path, "_foreign_keys=off"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(stmts); err != nil {
		t.Fatal(err)
	}
}

// Item 6: restore runs the app's own full check first and refuses what it
// used to accept: an empty SQLite file from any program, handouts whose
// patient is missing, stored handouts that cannot be read.
func TestRestoreRunsTheFullCheck(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T) string
		code string
		want string
	}{
		{"empty SQLite file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "empty.db")
			rawExec(t, p, "CREATE TABLE t (x); DROP TABLE t;")
			return p
		}, EINVALID, "empty database"},
		{"zero bytes", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "zero.db")
			writeFile(t, p, nil)
			return p
		}, EINVALID, "empty file"},
		{"handout of a missing patient", func(t *testing.T) string {
			p := backupOf(t, 3)
			rawExec(t, p, "DELETE FROM patient_words WHERE patient_id = (SELECT patient_id FROM handouts LIMIT 1); DELETE FROM patients WHERE id = (SELECT patient_id FROM handouts LIMIT 1);")
			return p
		}, ECORRUPT, "refers to a missing patients row"},
		{"unreadable revision", func(t *testing.T) string {
			p := backupOf(t, 3)
			rawExec(t, p, "UPDATE handout_revisions SET snapshot = '{\"Items\": 5}'")
			return p
		}, ECORRUPT, "revision 1 is unreadable"},
		{"unreadable seek-care list", func(t *testing.T) string {
			p := backupOf(t, 3)
			rawExec(t, p, "UPDATE handouts SET seek_care = 'call us'")
			return p
		}, ECORRUPT, "seek-care"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			target := healthyDB(t, 3)
			before := fileSum(t, target)
			bad := c.make(t)
			badSum := fileSum(t, bad)
			_, err := Restore(bad, target)
			if ErrorCode(err) != c.code || !strings.Contains(ErrorMessage(err), c.want) || !strings.Contains(ErrorMessage(err), "Nothing was changed") {
				t.Errorf("restore: %v, want %s saying %q", err, c.code, c.want)
			}
			if _, err2 := CheckBackup(context.Background(), bad); ErrorCode(err2) != c.code {
				t.Errorf("CheckBackup: %v, want %s", err2, c.code)
			}
			if fileSum(t, target) != before || len(beforeRestoreFiles(t, target)) != 0 {
				t.Error("the database was touched by a refused restore")
			}
			if fileSum(t, bad) != badSum {
				t.Error("the backup was changed by its check")
			}
			if strings.Contains(err.Error(), "Secret Name") {
				t.Error("patient data in the message")
			}
		})
	}
}

func TestCheckBackupSummary(t *testing.T) {
	p := backupOf(t, 6)
	sum, err := CheckBackup(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Patients != 6 || sum.Handouts != 1 || sum.Revisions != 1 || sum.LastSaved.IsZero() || sum.FileTime.IsZero() {
		t.Errorf("summary %+v", sum)
	}
	if s := sum.String(); !strings.Contains(s, "6 patients") || !strings.Contains(s, "1 handout.") || !strings.Contains(s, "made ") {
		t.Errorf("summary text %q", s)
	}
}

// Items 7, 8: only plain file paths; a broken link is one clear message,
// at once (it used to recurse until the stack overflowed).
func TestOpenRefusesPathsThatAreNotPlainFiles(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "nowhere", "x.db"), dangling)
	loop := filepath.Join(dir, "loop.db")
	os.Symlink(loop, loop)
	cases := []struct{ path, want string }{
		{dangling, "which does not exist"},
		{loop, "cannot be followed"},
		{":memory:", "saves nothing"},
		{"file:" + filepath.Join(dir, "u.db"), "not a SQLite \"file:\" address"},
		{filepath.Join(dir, "x.db?mode=memory"), "\"?\""},
		{"//server/share/chairside.db", "network"},
		{"/dev/null", "not a plain file"},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := Open(c.path)
		if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), c.want) || strings.Contains(ErrorMessage(err), "\n") {
			t.Errorf("%q: %v, want one line with %q", c.path, err, c.want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%q: took %v", c.path, d)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files were created: %d entries", len(entries))
	}
}

func TestPathRulesPerSystem(t *testing.T) {
	cases := []struct {
		path    string
		windows bool
		want    string // "" when accepted
	}{
		{`C:\Users\ann\AppData\Roaming\fyne\chairside.db`, true, ""},
		{`D:/clinic/chairside.db`, true, ""},
		{`chairside.db`, true, ""},
		{`\\server\share\chairside.db`, true, "network share"},
		{`//server/share/chairside.db`, true, "network share"},
		{`\\?\C:\chairside.db`, true, "network share"},
		{"/home/ann/chairside.db", false, ""},
		{"///home/ann/chairside.db", false, ""},
		{"//host/chairside.db", false, "network"},
		{"FILE:chairside.db", false, "file:"},
		{":memory:", true, "saves nothing"},
		{"", false, "No database file"},
	}
	for _, c := range cases {
		got := pathProblem(c.path, c.windows)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("pathProblem(%q, windows=%v) = %q, want %q", c.path, c.windows, got, c.want)
		}
	}
}

// Item 10: a -wal left from another database mixes two clinics' rows; the
// background check after open finds it, and writes are blocked.
func TestStrayWALFromAnotherDatabaseBlocksWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for p, n := range map[string]int{a: 100, b: 5} {
		db, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		fillPatients(t, db, n)
		db.Close()
	}
	// A's -wal, caught while A is open with handouts for its later
	// patients not yet checkpointed: patients that B does not have.
	dbA, err := Open(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dbA.w.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatal(err)
	}
	for id := int64(60); id <= 90; id++ {
		if err := dbA.SaveHandout(ctx, sampleHandout(id, 3)); err != nil {
			t.Fatal(err)
		}
	}
	wal, err := os.ReadFile(a + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal to copy: %v", err)
	}
	writeFile(t, b+"-wal", wal)
	dbA.Close()

	dbB, err := Open(b)
	if err != nil {
		t.Fatalf("open: %v", err) // the header and schema read fine
	}
	defer dbB.Close()
	err = dbB.Health(ctx)
	if ErrorCode(err) != ECORRUPT || !strings.Contains(ErrorMessage(err), "damaged") {
		t.Fatalf("health with a stray -wal: %v, want ECORRUPT", err)
	}
	if err := dbB.CreatePatient(ctx, &Patient{Name: "New"}); ErrorCode(err) != ECORRUPT {
		t.Errorf("write: %v, want ECORRUPT", err)
	}
}

// Item 11: a database made with looser modes is narrowed to the owner on
// open, said once, and SQLite's side files follow.
func TestOpenNarrowsModesToOwner(t *testing.T) {
	path := healthyDB(t, 2)
	os.Chmod(path, 0o644)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	notes := db.Notices()
	mustPatient(t, db, "After")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
	db.Close()
	if len(notes) != 1 || !strings.Contains(notes[0], "readable only by you") || !strings.Contains(notes[0], filepath.Base(path)) {
		t.Errorf("notices %q", notes)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := db.Notices(); len(n) != 0 {
		t.Errorf("said again on the next open: %q", n)
	}
	db.Close()
}

// hotJournal leaves path as a crash in a DELETE-mode transaction leaves
// it: a copy of the file and its -journal taken while a big transaction
// had spilled pages into the file.
func hotJournal(t *testing.T) (path string, patients int) {
	t.Helper()
	src := healthyDB(t, 4)
	rawExec(t, src, "PRAGMA journal_mode = DELETE")
	c, err := sql.Open("sqlite3", dsn(src, "_foreign_keys=off&_cache_size=10"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	conn, err := c.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	conn.ExecContext(ctx, "PRAGMA cache_size = 10")
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
		INSERT INTO patients (name, name_key, notes, created_at, updated_at) SELECT 'x', 'x', hex(randomblob(300)), 'x', 'x' FROM n`); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "crashed.db")
	for _, suffix := range []string{"", "-journal"} {
		b, err := os.ReadFile(src + suffix)
		if err != nil || len(b) == 0 {
			t.Fatalf("no %s mid-transaction: %v", suffix, err)
		}
		writeFile(t, path+suffix, b)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	return path, 5
}

// Item 12: a crashed rollback journal is not "read-only": SQLite's own
// recovery runs where it can, and where it cannot the message says why.
func TestHotJournalIsRecovered(t *testing.T) {
	path, want := hotJournal(t)
	if n := countPatients(t, path); n != want {
		t.Errorf("after recovery: %d patients, want %d", n, want)
	}
	if _, err := os.Stat(path + "-journal"); err == nil {
		t.Error("the journal is still there")
	}
}

func TestHotJournalInReadOnlyFolderSaysWhy(t *testing.T) {
	path, _ := hotJournal(t)
	makeReadOnly(t, filepath.Dir(path))
	before := fileSum(t, path)
	_, err := Open(path)
	msg := ErrorMessage(err)
	if ErrorCode(err) != EREADONLY || !strings.Contains(msg, "-journal") || !strings.Contains(msg, "stopped in the middle of a save") || !strings.Contains(msg, "folder") {
		t.Errorf("open: %v, want the journal and the read-only folder named", err)
	}
	if fileSum(t, path) != before {
		t.Error("the file was changed")
	}
}

// Item 14: a killed process's probe and half-made files are removed on the
// next start, once old enough not to belong to a running one.
func TestLeftoverTemporaryFilesRemoved(t *testing.T) {
	path := healthyDB(t, 1)
	dir := filepath.Dir(path)
	stage := filepath.Base(restoreStagePrefix(path)) + "-789"
	old := []string{probePrefix + "123-1", newPrefix + "456", stage, stage + "-wal"}
	for _, n := range old {
		writeFile(t, filepath.Join(dir, n), nil)
		long := time.Now().Add(-time.Hour)
		os.Chtimes(filepath.Join(dir, n), long, long)
	}
	fresh := filepath.Join(dir, probePrefix+"999-1")
	writeFile(t, fresh, nil)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, n := range old {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s left behind", n)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh probe (another process at work) was removed")
	}
}

// Item 14: restoring into a read-only folder names the folder and why.
func TestRestoreIntoReadOnlyFolderSaysWhy(t *testing.T) {
	target := healthyDB(t, 2)
	backup := backupOf(t, 5)
	makeReadOnly(t, filepath.Dir(target))
	before := fileSum(t, target)
	_, err := Restore(backup, target)
	msg := ErrorMessage(err)
	if ErrorCode(err) != EREADONLY || !strings.Contains(msg, filepath.Dir(target)) || !strings.Contains(msg, "folder itself must be writable") {
		t.Errorf("restore: %v", err)
	}
	if fileSum(t, target) != before {
		t.Error("the database was changed")
	}
}

// Item 15: the automatic backups go into a real 0700 folder of the user's
// own, and a link planted there is never followed.
func TestAutoBackupNeverFollowsALink(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustPatient(t, db, "Ann")
	dir := filepath.Join(t.TempDir(), "backups")
	os.Mkdir(dir, 0o755)
	outside := filepath.Join(t.TempDir(), "victim.txt")
	writeFile(t, outside, []byte("keep me"))
	today := filepath.Join(dir, "chairside-"+time.Now().Format("2006-01-02")+".db")
	if err := os.Symlink(outside, today); err != nil {
		t.Fatal(err)
	}
	_, err := db.AutoBackup(ctx, dir, 3)
	if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "not followed") {
		t.Errorf("planted link: %v, want it reported and not followed", err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Error("the link was followed: the file outside was changed")
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("backups folder %o, want 0700", fi.Mode().Perm())
	}
	os.Remove(today)
	made, err := db.AutoBackup(ctx, dir, 3)
	if err != nil || made != today {
		t.Fatalf("after removing the link: %q %v", made, err)
	}
	if fi, err := os.Lstat(made); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup %v %v, want a plain 0600 file", fi, err)
	}

	// The folder itself a link: refused.
	real := t.TempDir()
	linked := filepath.Join(t.TempDir(), "backups")
	os.Symlink(real, linked)
	if _, err := db.AutoBackup(ctx, linked, 3); ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "is a link") {
		t.Errorf("linked folder: %v", err)
	}
	if entries, _ := os.ReadDir(real); len(entries) != 0 {
		t.Error("a backup was written through the linked folder")
	}
}

// A -journal beside a file that is no database at all is never "rolled
// back" into it: the file is refused untouched first.
func TestStrayJournalBesideAnotherFileIsNotApplied(t *testing.T) {
	src, _ := hotJournal(t)
	path := filepath.Join(t.TempDir(), "notes.db")
	text := []byte(strings.Repeat("Dear Ann, your appointment is on Monday.\n", 200))
	writeFile(t, path, text)
	j, err := os.ReadFile(src + "-journal")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path+"-journal", j)
	if _, err := Open(path); ErrorCode(err) != ECORRUPT {
		t.Errorf("open: %v, want ECORRUPT", err)
	}
	if b, _ := os.ReadFile(path); string(b) != string(text) {
		t.Error("the journal was applied to a file that is not a database")
	}
}
