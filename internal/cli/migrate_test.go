package cli

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chairside/internal/handout"
	"chairside/internal/store"
	"chairside/internal/store/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib" // the tests' own connection to the test server
)

// serverForTest makes an empty schema on the PostgreSQL test server and
// returns an address whose tables go there; without a server the test
// skips, saying why.
func serverForTest(t *testing.T) string { return pgtest.FreshSchema(t, "cli") }

// A server address is the one form --db and CHAIRSIDE_DB take besides a
// file path, and never with a password in it.
func TestDBServerAddressRule(t *testing.T) {
	for _, c := range []struct {
		env  []string
		args []string
		want string
	}{
		{nil, []string{"--db", "postgres://ann:hunter2@db.clinic.example/clinic", "patients", "list"}, "holds a password"},
		{[]string{"CHAIRSIDE_DB=postgresql://ann:hunter2@db.clinic.example/clinic"}, []string{"patients", "list"}, "holds a password"},
		{nil, []string{"patients", "list", "--db", "postgres://ann@db.clinic.example/clinic?password=hunter2"}, "password= option"},
		{nil, []string{"--db", "postgres://ann@db.clinic.example/clinic?sslmode=prefer", "patients", "list"}, "plain text"},
		{nil, []string{"restore", "--db", "postgres://ann@127.0.0.1:1/clinic", "backup.db"}, "pg_restore"},
	} {
		code, out, errs := chairside(t, c.env, c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%q %q: exit %d, stderr %q; want exit 2 saying %q", c.env, c.args, code, errs, c.want)
		}
		if strings.Contains(out+errs, "hunter2") {
			t.Errorf("%q: the password was echoed: %q", c.args, out+errs)
		}
	}
	// Unreachable: said within seconds, with the address but no password.
	start := time.Now()
	code, _, errs := chairside(t, nil, "--db", "postgres://ann@127.0.0.1:1/clinic", "patients", "list")
	if code != ExitUsage || !strings.Contains(errs, "Cannot reach the database server at postgres://ann@127.0.0.1:1/clinic") {
		t.Errorf("unreachable server: exit %d, stderr %q", code, errs)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// `chairside migrate --from clinic.db --to postgres://…`: every record
// copied into the empty server database and checked, the file byte for
// byte unchanged; a second migrate into the now non-empty database is
// refused; `backup --out` from the server writes a file with the same
// records. Every handout prints to the same PDF, byte for byte, from the
// file, from the server after migrate, and from the server's backup copy.
func TestMigrateFileToServerAndBackUp(t *testing.T) {
	addr := serverForTest(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "clinic.db")
	handouts := fillClinicFile(t, file)
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	list := mustChairside(t, "--db", file, "patients", "list")
	shown := mustChairside(t, "--db", file, "handouts", "show", "1")
	pdfs := exportEvery(t, file, handouts)

	out := mustChairside(t, "migrate", "--from", file, "--to", addr)
	if !strings.Contains(out, fmt.Sprintf("2 patients, %d handouts", handouts)) || !strings.Contains(out, "was not changed") {
		t.Errorf("migrate said %q", out)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Error("migrate changed the source file")
	}
	if got := mustChairside(t, "--db", addr, "patients", "list"); got != list {
		t.Errorf("patients on the server:\n%s\nwant\n%s", got, list)
	}
	if got := mustChairside(t, "--db", addr, "handouts", "show", "1"); got != shown {
		t.Errorf("handout 1 on the server differs:\n%s\nwant\n%s", got, shown)
	}
	samePDFs(t, "the server after migrate", pdfs, exportEvery(t, addr, handouts))
	if code, _, errs := chairside(t, nil, "migrate", "--from", file, "--to", addr); code != ExitUsage || !strings.Contains(errs, "not empty") {
		t.Errorf("second migrate: exit %d, %q; want it refused as not empty", code, errs)
	}
	if got := mustChairside(t, "--db", addr, "patients", "list"); got != list {
		t.Errorf("the refused migrate changed the server: %s", got)
	}

	if got := mustChairside(t, "--db", addr, "check"); !strings.Contains(got, "patients\t2\n") || !strings.HasSuffix(got, "ok\n") {
		t.Errorf("check on the server: %q", got)
	}
	copyFile := filepath.Join(dir, "copy.db")
	if out := mustChairside(t, "--db", addr, "backup", "--out", copyFile); !strings.Contains(out, "Backed up postgres://") {
		t.Errorf("backup said %q", out)
	}
	samePDFs(t, "the server's backup copy", pdfs, exportEvery(t, copyFile, handouts))
	mustChairside(t, "--db", addr, "patients", "add", "--name", "New On Server")
	mustChairside(t, "--db", addr, "backup", "--out", copyFile, "--force")
	if got, want := mustChairside(t, "--db", copyFile, "patients", "list"), mustChairside(t, "--db", addr, "patients", "list"); got != want || !strings.Contains(got, "New On Server") {
		t.Errorf("the backup file's patients:\n%s\nwant\n%s", got, want)
	}
	if got := mustChairside(t, "--db", copyFile, "check"); !strings.HasSuffix(got, "ok\n") {
		t.Errorf("check of the backup: %q", got)
	}
}

// fillClinicFile makes (in this process, as exportEvery prints) a
// clinic's database file at path with what a
// handout can print: two patients (one in Spanish, with accents), marks
// with and without a spot, key structures, exercises with doses and the
// two-week log, large print, notes, a clinic with a logo, a name and an
// exercise video (a QR code), and a handout saved twice (its second
// revision is the one printed). It returns how many handouts it made.
func fillClinicFile(t *testing.T, path string) int {
	t.Helper()
	mustRun(t, "--db", path, "patients", "add", "--name", "Ann Lee", "--dob", "1980-05-17")
	mustRun(t, "--db", path, "patients", "add", "--name", "Zoë Ångström", "--lang", "es")
	for _, args := range [][]string{
		{"--patient", "1", "--items", "disc:L4-L5", "--mark", "disc:L4-L5=bulge", "--final"},
		{"--patient", "2", "--items", "vertebra:L5"},
		{"--patient", "1", "--items", "nerve:L5:left,facet:L4-L5:right,topic:adjustments", "--mark", "facet:L4-L5:right=arthritis@posterior:0.4,0.6",
			"--exercises", "exercise:chin-tuck:3x10:hold5s,exercise:walking:20min:5/week", "--log", "--large-print", "--note", "Walk daily; ice 15 min.", "--title", "Your neck and back", "--final"},
		{"--patient", "2", "--items", "disc:C5-C6", "--mark", "disc:C5-C6=herniation:left", "--exercises", "exercise:chin-tuck", "--note", "Camine a diario."},
	} {
		mustRun(t, append([]string{"--db", path, "handouts", "new"}, args...)...)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var logo bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 24, 12))
	for x := range 24 {
		img.Set(x, x/2, color.RGBA{R: 20, G: 90, B: 160, A: 255})
	}
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveClinic(ctx, handout.Clinic{Name: "Back in Line Chiropractic", Address: "12 Main St", Clinician: "Dr. Ruiz", Logo: logo.Bytes(), Paper: handout.A4}); err != nil {
		t.Fatal(err)
	}
	h, err := db.GetHandout(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	h.ClinicianNotes = "Second visit: less pain."
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", path, "clinic", "video", "exercise:chin-tuck", "https://videos.clinic.example/chin-tuck")
	return 4
}

// exportEvery prints handouts 1 to n of the database at db to PDFs and
// returns their bytes.
func exportEvery(t *testing.T, db string, n int) [][]byte {
	t.Helper()
	dir := t.TempDir()
	var out [][]byte
	for id := 1; id <= n; id++ {
		f := filepath.Join(dir, fmt.Sprintf("h%d.pdf", id))
		mustRun(t, "--db", db, "handouts", "export", fmt.Sprint(id), "--out", f)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// samePDFs requires every PDF printed from where to be want's, byte for
// byte.
func samePDFs(t *testing.T, where string, want, got [][]byte) {
	t.Helper()
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("handout %d printed from %s: %d bytes, not the %d bytes printed from the file", i+1, where, len(got[i]), len(want[i]))
		}
	}
}
