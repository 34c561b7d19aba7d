package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"chairside/internal/store"
)

func storePatient(t *testing.T, a *App, name string) int64 {
	t.Helper()
	p := &store.Patient{Name: name}
	if err := a.DB().CreatePatient(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func patientNames(t *testing.T, a *App) []string {
	t.Helper()
	ps, err := a.DB().SearchPatients(context.Background(), "", true, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func TestBackupAndRestore(t *testing.T) {
	a, trace := newTestApp(t)
	t.Cleanup(a.closeDatabase) // the restored database and its backup job
	storePatient(t, a, "Before Backup")
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := a.newDataScreen().backupTo(a.DB(), backup); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v; want it there, 0600", fi, err)
	}
	storePatient(t, a, "After Backup")
	old := a.DB()
	target := old.Path()
	replaced := 0
	a.OnDatabaseReplaced(func() { replaced++ })

	kept, err := a.newDataScreen().restoreFrom(backup)
	if err != nil {
		t.Fatal(err)
	}
	if a.DB() == old || a.DB().Path() != target || replaced != 1 {
		t.Fatalf("after restore: new DB %v, path %q, hooks run %d", a.DB() != old, a.DB().Path(), replaced)
	}
	if got := patientNames(t, a); len(got) != 1 || got[0] != "Before Backup" {
		t.Errorf("patients after restore: %q", got)
	}
	if !strings.HasPrefix(kept, target+".before-restore-") {
		t.Fatalf("kept aside at %q", kept)
	}
	keptDB, err := store.Open(kept)
	if err != nil {
		t.Fatalf("the kept file should be a whole database: %v", err)
	}
	ps, _ := keptDB.SearchPatients(context.Background(), "after", true, 10)
	keptDB.Close()
	if len(ps) != 1 {
		t.Error("the kept file lost the patient saved after the backup")
	}
	// The reopened database's backup job traces from its own goroutine:
	// let it finish before reading the trace (a data race otherwise).
	a.stopBackground()
	for _, want := range []string{"trace: backup written " + backup, "trace: database restored " + target} {
		if !strings.Contains(trace.String(), want) {
			t.Errorf("trace %q lacks %q", trace.String(), want)
		}
	}
	if strings.Contains(trace.String(), "Before Backup") {
		t.Error("patient names in the trace")
	}
}

func TestRestoreRefusesDamagedBackupAndKeepsDatabase(t *testing.T) {
	a, _ := newTestApp(t)
	t.Cleanup(a.closeDatabase)
	storePatient(t, a, "Still Here")
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("this is not a backup"), 0o600)
	target := a.DB().Path()
	kept, err := a.newDataScreen().restoreFrom(bad)
	if err == nil {
		t.Fatal("a damaged backup was restored")
	}
	if kept != "" {
		t.Errorf("kept %q; nothing should move when the backup is refused", kept)
	}
	if a.DB() == nil || a.DB().Path() != target {
		t.Fatal("the database should be open again after a refused restore")
	}
	if got := patientNames(t, a); len(got) != 1 || got[0] != "Still Here" {
		t.Errorf("patients: %q", got)
	}
	matches, _ := filepath.Glob(target + ".before-restore-*")
	if len(matches) != 0 {
		t.Errorf("files moved aside: %v", matches)
	}
}

func TestBackupRefusesTheDatabaseItself(t *testing.T) {
	a, _ := newTestApp(t)
	storePatient(t, a, "Kept Safe")
	if err := a.newDataScreen().backupTo(a.DB(), a.DB().Path()); err == nil {
		t.Fatal("backing up over the database itself was allowed")
	}
	if got := patientNames(t, a); len(got) != 1 {
		t.Errorf("patients after a refused backup: %q", got)
	}
}

// Saving a backup or an export onto one of the database's own files is
// refused before anything is written, whatever the spelling of the path.
func TestSaveTargetsOfTheDatabaseAreRefused(t *testing.T) {
	a, _ := newTestApp(t)
	db := a.DB().Path()
	dir := filepath.Dir(db)
	for _, p := range []string{
		db,
		filepath.Join(dir, ".", filepath.Base(db)),
		db + "-wal",
		filepath.Join(store.BackupDir(db), "mine.db"),
	} {
		if err := notTheDatabases(db, p); err == nil || !strings.Contains(err.Error(), "clinic's records") {
			t.Errorf("%s: %v, want a refusal", p, err)
		}
	}
	if err := notTheDatabases(db, filepath.Join(t.TempDir(), "handout.pdf")); err != nil {
		t.Errorf("an ordinary new file was refused: %v", err)
	}
}

func TestAutomaticBackupAfterStart(t *testing.T) {
	s, _, trace := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "chairside.db")
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(store.BackupDir(path), "chairside-"+time.Now().Format("2006-01-02")+".db")
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(trace.String(), "trace: backup written "+want) {
		if time.Now().After(deadline) {
			t.Fatalf("no automatic backup within 20 s; trace %q", trace.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	dir, last := backupStatus(path)
	if dir != store.BackupDir(path) || !strings.Contains(last, "Last automatic backup") || !strings.Contains(last, "1 kept") {
		t.Errorf("status %q %q", dir, last)
	}
}

func TestBackupStatusWithoutBackups(t *testing.T) {
	_, last := backupStatus(filepath.Join(t.TempDir(), "chairside.db"))
	if !strings.Contains(last, "No automatic backup yet") {
		t.Errorf("status %q", last)
	}
}

func TestCheckReportText(t *testing.T) {
	a, _ := newTestApp(t)
	storePatient(t, a, "Checked")
	rep, err := a.DB().Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	text := checkReportText(rep)
	if !strings.Contains(text, "No problems found") || !strings.Contains(text, "Patients: 1") {
		t.Errorf("report %q", text)
	}
	bad := checkReportText(store.CheckReport{Problems: []string{"page 7: btree cell out of order"}, Counts: map[string]int{}})
	if !strings.Contains(bad, "1 problem") || !strings.Contains(bad, "page 7") || !strings.Contains(bad, "restore") {
		t.Errorf("report %q", bad)
	}
}

func TestRestoreExplanationNamesKeptFile(t *testing.T) {
	sum := store.BackupSummary{Path: "/b/chairside-2026-11-20.db", FileTime: time.Date(2026, 11, 20, 18, 5, 0, 0, time.Local),
		Patients: 12, Archived: 2, Handouts: 30}
	msg := restoreExplanation(sum, "/data/chairside.db")
	if !strings.Contains(msg, "/data/chairside.db.before-restore-") || !strings.Contains(msg, "not deleted") {
		t.Errorf("confirmation %q should say where the current file is kept", msg)
	}
	// What the backup holds, before anything is replaced.
	for _, want := range []string{"/b/chairside-2026-11-20.db", "Made November 20, 2026, 18:05.", "12 patients (2 archived)", "30 handouts"} {
		if !strings.Contains(msg, want) {
			t.Errorf("confirmation %q lacks %q", msg, want)
		}
	}
	// It used to name the time the question was asked, which is not the
	// name the kept file gets a few seconds later.
	if stamp := regexp.MustCompile(`\d{8}-\d{6}`).FindString(msg); stamp != "" {
		t.Errorf("confirmation names the kept file with a time (%s) it will not have", stamp)
	}
}

// Issue 9 item 5: a restore from the window is refused while another
// Chairside (here a second store handle, as another window's) has the
// database open; this window keeps working on the same file.
func TestRestoreRefusedWhileAnotherWindowHasTheDatabase(t *testing.T) {
	a, _ := newTestApp(t)
	t.Cleanup(a.closeDatabase)
	storePatient(t, a, "Before Backup")
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := a.newDataScreen().backupTo(a.DB(), backup); err != nil {
		t.Fatal(err)
	}
	storePatient(t, a, "After Backup")
	target := a.DB().Path()
	other, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	kept, err := a.newDataScreen().restoreFrom(backup)
	if store.ErrorCode(err) != store.ELOCKED || !strings.Contains(store.ErrorMessage(err), "Close Chairside first") || kept != "" {
		t.Fatalf("restore under another window: %q, %v; want ELOCKED saying to close it", kept, err)
	}
	if a.DB() == nil || a.DB().Path() != target {
		t.Fatal("the database should be open again after the refused restore")
	}
	if got := patientNames(t, a); len(got) != 2 {
		t.Errorf("patients after the refused restore: %q", got)
	}
	if m, _ := filepath.Glob(target + ".before-restore-*"); len(m) != 0 {
		t.Errorf("files moved aside: %v", m)
	}
}

// In Spanish the confirmation says what the backup holds in Spanish too,
// the date with its month spelled out.
func TestRestoreExplanationInSpanish(t *testing.T) {
	useLanguage(t, "es")
	sum := store.BackupSummary{Path: "/b/chairside-2026-11-20.db", FileTime: time.Date(2026, 11, 20, 18, 5, 0, 0, time.Local),
		Patients: 1, Handouts: 30}
	msg := restoreExplanation(sum, "/data/chairside.db")
	for _, want := range []string{"Hecha el 20 de noviembre de 2026, 18:05.", "1 paciente, 30 folletos.", "/data/chairside.db.before-restore-", "no se borra"} {
		if !strings.Contains(msg, want) {
			t.Errorf("confirmation %q lacks %q", msg, want)
		}
	}
}
