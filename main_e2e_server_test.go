//go:build e2e

package main

// The clinic-server walk (issue 16): two copies of the real app, each in its
// own X server, on one PostgreSQL database, as two computers of a clinic
// would be. The front desk keeps its patients screen open; in room 2 the
// chiropractor adds a patient, makes their handout (a vertebra tapped, a
// disc bulge marked), saves it final and exports the PDF, and the front
// desk's list shows the new patient and its history the handout, live,
// without anyone touching the front desk's window. It reuses the helpers
// of main_e2e_test.go and runs with it (make test, make e2e) beside the
// throw-away cluster of scripts/pg-test-cluster; without one it skips,
// saying why.

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"chairside/internal/anatomy"
	"chairside/internal/store/pgtest"
)

func TestEndToEndServer(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end walk on a clinic server: skipped with -short")
	}
	if runtime.GOOS != "linux" {
		t.Skipf("end-to-end walk drives the app under Xvfb, which needs Linux (this is %s)", runtime.GOOS)
	}
	e2eNeedTools(t)
	addr := pgtest.FreshSchema(t, "e2e") // skips, saying why, without a test server

	dir := t.TempDir()
	bin := e2eBuild(t, dir)
	deskArt := e2eServerArtifacts(t, "server-desk")
	roomArt := e2eServerArtifacts(t, "server-room")

	desk := e2eStartServerApp(t, bin, e2eStartXvfb(t), addr, filepath.Join(dir, "desk"), "Front desk")
	var deskWin string
	var deskFrame e2eRect
	if !t.Run("front_desk_starts", func(t *testing.T) {
		deskWin, deskFrame, _ = e2eStartup(t, desk, deskArt)
		e2eFollowing(t, desk)
		if _, err := desk.xdotool("windowfocus", "--sync", deskWin); err != nil {
			t.Fatal(err)
		}
		e2eKey(t, desk, deskArt, deskFrame, "ctrl+p", "trace: patients screen opened", "02-no-patients-screen.png")
		if shot, err := desk.settle(deskFrame.rect(), 20*time.Second); err == nil {
			e2eSave(t, deskArt, "02-patients-empty.png", shot, deskFrame.rect())
		}
	}) {
		t.FailNow()
	}

	roomHome := filepath.Join(dir, "room", "home")
	room := e2eStartServerApp(t, bin, e2eStartXvfb(t), addr, filepath.Join(dir, "room"), "Room 2")
	var roomWin string
	var roomFrame e2eRect
	if !t.Run("room_starts", func(t *testing.T) {
		roomWin, roomFrame, _ = e2eStartup(t, room, roomArt)
		e2eFollowing(t, room)
	}) {
		t.FailNow()
	}

	// Room 2 adds the patient; the front desk's list shows them.
	var patient string
	if !t.Run("room_adds_patient", func(t *testing.T) {
		patient = e2eAddPatient(t, room, roomArt, roomWin, roomFrame, "Walk Server")
	}) {
		t.FailNow()
	}
	added := room.wallTime(e2eMustFind(t, room, "trace: patient added "+patient))
	if !t.Run("desk_lists_patient", func(t *testing.T) {
		l := e2eWaitLineAfter(t, desk, "trace: live changes ", added, 20*time.Second)
		listed := e2eWaitLineAfter(t, desk, "trace: patients listed ", desk.wallTime(l), 20*time.Second)
		if listed.text != "trace: patients listed 1" {
			t.Fatalf("the front desk's list after the new patient: %q, want 1 patient", listed.text)
		}
		t.Logf("live: the front desk listed the new patient %v after room 2 added them", desk.wallTime(listed).Sub(added).Round(time.Millisecond))
		if shot, err := desk.settle(e2eDetailsArea(deskFrame), 20*time.Second); err == nil {
			e2eSave(t, deskArt, "03-patient-appeared.png", shot, deskFrame.rect())
		}
		// The arrow key highlights them, which shows their details and
		// handouts (none yet) beside the list.
		e2eKey(t, desk, deskArt, deskFrame, "Down", "trace: patient shown "+patient, "04-patient-not-shown.png")
	}) {
		t.FailNow()
	}
	deskBefore, err := desk.settle(e2eDetailsArea(deskFrame), 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e2eSave(t, deskArt, "04-no-handouts-yet.png", deskBefore, deskFrame.rect())

	// Room 2 makes the handout: a vertebra tapped, the editor opened for
	// the patient just added, a disc bulge marked, saved final.
	var selected, handout string
	if !t.Run("room_makes_handout", func(t *testing.T) {
		shot, err := room.settle(roomFrame.rect(), 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		selected, _ = e2eClickVertebra(t, room, roomArt, roomWin, roomFrame, shot)
		e2eKey(t, room, roomArt, roomFrame, "ctrl+h", "trace: handout editor opened new", "20-editor-not-opened.png")
		l := e2eKey(t, room, roomArt, roomFrame, "ctrl+s", "trace: handout saved ", "20-not-saved.png")
		f := strings.Fields(strings.TrimPrefix(l.text, "trace: handout saved "))
		if len(f) != 2 {
			t.Fatalf("unexpected trace line %q", l.text)
		}
		handout = f[0]
		e2eMarkDisc(t, room, roomArt, roomWin, roomFrame, handout)
		if _, err := room.settle(roomFrame.rect(), 30*time.Second); err != nil {
			t.Fatal(err)
		}
		l = e2eKey(t, room, roomArt, roomFrame, "ctrl+shift+s", "trace: handout saved ", "21-not-saved-final.png")
		if want := "trace: handout saved " + handout + " final"; l.text != want {
			t.Fatalf("Ctrl+Shift+S traced %q, want %q", l.text, want)
		}
	}) {
		t.FailNow()
	}
	final := room.wallTime(e2eMustFind(t, room, "trace: handout saved "+handout+" final"))

	// The front desk's history of the patient shows it, still untouched.
	t.Run("desk_shows_handout", func(t *testing.T) {
		l := e2eWaitLineAfter(t, desk, "trace: live changes ", final, 20*time.Second)
		if !strings.Contains(l.text, " handouts ") || strings.Contains(l.text, " 0 handouts ") {
			t.Errorf("the front desk's change notice after the final save: %q, want a handout", l.text)
		}
		shown := e2eWaitLineAfter(t, desk, "trace: patient shown "+patient, desk.wallTime(l), 20*time.Second)
		t.Logf("live: the front desk showed the final handout in the history %v after room 2 saved it", desk.wallTime(shown).Sub(final).Round(time.Millisecond))
		details := e2eDetailsArea(deskFrame)
		shot, err := desk.settle(details, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		e2eSave(t, deskArt, "05-handout-appeared.png", shot, deskFrame.rect())
		if n := e2eChanged(deskBefore, shot, details); n < 500 {
			t.Errorf("the front desk's patient details changed in %d pixels after the handout was saved; want its history to show the handout (see %s)", n, filepath.Join(deskArt, "05-handout-appeared.png"))
		}
	})

	// Room 2 exports the PDF from the editor: Preview / print, Print (no
	// printer here), then Export PDF… in "The handout was not printed" and
	// Enter on the suggested name, saved in the home folder.
	t.Run("room_exports_pdf", func(t *testing.T) {
		e2eOpenPreview(t, room, roomArt, roomWin, roomFrame, handout)
		e2eKey(t, room, roomArt, roomFrame, "Return", "trace: handout print failed", "30-print-not-tried.png")
		if _, err := room.settle(roomFrame.rect(), 20*time.Second); err != nil {
			t.Fatal(err)
		}
		before, _ := room.screenshot()
		if _, err := room.xdotool("key", "--clearmodifiers", "Return"); err != nil {
			t.Fatal(err)
		}
		// The "save as" dialog replaces the message, its name field
		// holding the suggested file name and the keyboard.
		if _, err := room.waitScreen(20*time.Second, func(img *image.RGBA) bool {
			return e2eChanged(before, img, roomFrame.rect()) > roomFrame.W*roomFrame.H/200
		}); err != nil {
			t.Fatalf("Export PDF… in the \"not printed\" message showed nothing: %v", err)
		}
		if shot, err := room.settle(roomFrame.rect(), 20*time.Second); err == nil {
			e2eSave(t, roomArt, "31-save-as.png", shot, roomFrame.rect())
		}
		e2eKey(t, room, roomArt, roomFrame, "Return", fmt.Sprintf("trace: handout exported (handout %s)", handout), "32-not-exported.png")
		pdfs, _ := filepath.Glob(filepath.Join(roomHome, "*.pdf"))
		if len(pdfs) != 1 || !strings.HasSuffix(pdfs[0], "_handout-"+handout+".pdf") {
			t.Fatalf("the home folder holds %v; want the one exported handout, named …_handout-%s.pdf", pdfs, handout)
		}
		b, err := os.ReadFile(pdfs[0])
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("the exported file is not a PDF (%v)", err)
		}
		pdftotext, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Log("pdftotext (poppler-utils) is not installed: the exported PDF's text is not read")
			return
		}
		out, err := exec.Command(pdftotext, pdfs[0], "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{anatomy.Name(selected), anatomy.Name(e2eMarkedDisc) + ", left side"} {
			if !strings.Contains(text, want) {
				t.Errorf("the exported PDF does not say %q:\n%s", want, text)
			}
		}
	})

	t.Run("quit", func(t *testing.T) {
		e2eQuit(t, room, roomWin)
		e2eQuit(t, desk, deskWin)
	})

	// What the server holds, read back through the command line.
	t.Run("handout_on_server", func(t *testing.T) {
		list := e2eCLI(t, bin, dir, addr, "handouts", "list", "--patient", patient)
		found := false
		for _, line := range strings.Split(list, "\n") {
			if f := strings.Split(line, "\t"); len(f) > 2 && f[0] == handout && f[2] == "final" {
				found = true
			}
		}
		if !found {
			t.Errorf("handout %s is not listed as final for patient %s:\n%s", handout, patient, list)
		}
		show := e2eCLI(t, bin, dir, addr, "handouts", "show", handout)
		for _, want := range []string{anatomy.Name(selected), anatomy.Name(e2eMarkedDisc) + ": "} {
			if !strings.Contains(show, want) {
				t.Errorf("handout %s does not hold %q:\n%s", handout, want, show)
			}
		}
	})
}

// e2eServerArtifacts makes the folder for one window's screenshots under
// e2e-artifacts/ and removes those of an earlier run.
func e2eServerArtifacts(t *testing.T, name string) string {
	t.Helper()
	d := filepath.Join(e2eArtifacts, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(d, "*.png"))
	for _, f := range old {
		os.Remove(f)
	}
	abs, err := filepath.Abs(d)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// e2eStartServerApp launches the program on display on the server
// database addr, as the computer named room, with dir as its own folder:
// its settings, and its home folder (where Export PDF… saves first). Like
// e2eStartApp, it finds no printer and no PDF viewer.
func e2eStartServerApp(t *testing.T, bin, display, addr, dir, room string) *e2eApp {
	t.Helper()
	home := filepath.Join(dir, "home")
	noPrinter := filepath.Join(dir, e2eNoPrinterDir)
	for _, d := range []string{home, noPrinter} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if bin, err := exec.LookPath("pdftoppm"); err == nil {
		if err := os.Symlink(bin, filepath.Join(noPrinter, "pdftoppm")); err != nil {
			t.Fatal(err)
		}
	}
	a := &e2eApp{display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)}
	a.cmd = exec.Command(bin, "--db", addr, "--trace")
	a.cmd.Env = append(e2eEnv(display, dir), "PATH="+noPrinter, "HOME="+home, "CHAIRSIDE_ROOM="+room)
	return e2eLaunch(t, a)
}

// e2eFollowing waits until the app follows the server's change notices.
func e2eFollowing(t *testing.T, a *e2eApp) {
	t.Helper()
	if _, _, err := a.waitLine("trace: live following changes", 0, 30*time.Second); err != nil {
		t.Fatalf("the app does not follow the server's changes: %v; its output:\n%s", err, a.log())
	}
}

// e2eAddPatient adds a patient from the patients screen (Ctrl+P, the name
// typed, Enter offers to add them, Enter saves), who becomes this visit's
// patient, and closes the screen; it returns the new patient's ID.
func e2eAddPatient(t *testing.T, a *e2eApp, art, win string, frame e2eRect, name string) string {
	t.Helper()
	if _, err := a.xdotool("windowfocus", "--sync", win); err != nil {
		t.Fatal(err)
	}
	e2eKey(t, a, art, frame, "ctrl+p", "trace: patients screen opened", "10-no-patients-screen.png")
	if _, err := a.xdotool("type", "--delay", "20", name); err != nil {
		t.Fatal(err)
	}
	e2eKey(t, a, art, frame, "Return", "trace: patient form opened", "10-no-patient-form.png")
	from := a.lineCount()
	l := e2eKey(t, a, art, frame, "Return", "trace: patient added ", "10-patient-not-added.png")
	id := strings.TrimPrefix(l.text, "trace: patient added ")
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatalf("unexpected trace line %q", l.text)
	}
	if _, _, err := a.waitLine("trace: patient chosen "+id, from, 20*time.Second); err != nil {
		t.Fatalf("the patient just added is not this visit's patient: %v; the app's output:\n%s", err, a.log())
	}
	if _, err := a.xdotool("key", "--clearmodifiers", "Escape"); err != nil {
		t.Fatal(err)
	}
	if shot, err := a.settle(frame.rect(), 20*time.Second); err == nil {
		e2eSave(t, art, "11-patient-added.png", shot, frame.rect())
	}
	return id
}

// e2eDetailsArea is the right half of the window, where the patients
// screen (centred in it) shows the highlighted patient's details and
// handouts. The search field, whose cursor blinks, is in the left half,
// so waiting for this area to settle does not wait on the blinking.
func e2eDetailsArea(f e2eRect) image.Rectangle {
	return image.Rect(f.X+f.W/2, f.Y, f.X+f.W, f.Y+f.H)
}

// wallTime is when the app wrote line l.
func (a *e2eApp) wallTime(l e2eLine) time.Time { return a.started.Add(l.at) }

// e2eMustFind is the app's first line starting with prefix, which the
// test has already seen.
func e2eMustFind(t *testing.T, a *e2eApp, prefix string) e2eLine {
	t.Helper()
	l, _, ok := a.findLine(prefix, 0)
	if !ok {
		t.Fatalf("no %q line; the app's output:\n%s", prefix, a.log())
	}
	return l
}

// e2eWaitLineAfter waits for a line starting with prefix that the app
// wrote after the moment after (another app's line, say), and returns it.
// Lines carry the time they arrived, so one written before that moment
// never counts, however late the test looks.
func e2eWaitLineAfter(t *testing.T, a *e2eApp, prefix string, after time.Time, timeout time.Duration) e2eLine {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for from := 0; ; {
		l, i, err := a.waitLine(prefix, from, time.Until(deadline))
		if err != nil {
			t.Fatalf("%v after %s; the app's output:\n%s", err, after.Format("15:04:05.000"), a.log())
		}
		if a.wallTime(l).After(after) {
			return l
		}
		from = i + 1
	}
}
