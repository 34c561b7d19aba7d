//go:build e2e

package main

// The end-to-end suite: the real chairside binary in a real X window.
//
// Fyne's test driver (-tags ci) proves the widgets; it cannot prove that the
// shipped program opens a window, draws the spine and answers a mouse click.
// TestEndToEnd builds the binary, starts it under Xvfb on a temporary
// database with --trace, and drives it with xdotool the way a person would:
// it waits for the window, screenshots it, clicks a vertebra, makes a
// handout, marks the left of a disc in the back view, prints with no
// printer, quits, and reads the database back through the command line.
// Screenshots are kept in e2e-artifacts/ (git-ignored) for a person to look
// at after the run.
//
// It sits behind the e2e build tag, so a plain `go test ./...` never starts
// an X server or builds the binary; `make test` runs it as a step of its
// own (`go test -tags e2e,...`). It installs nothing: `make setup` does
// that. Without Xvfb, xdotool or ImageMagick it skips and says which is
// missing; it also skips with -short and on systems other than Linux.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"

	_ "github.com/mattn/go-sqlite3" // to read a mark's place back from the database
)

// e2eArtifacts is where the screenshots go, relative to the module root (the
// test's working directory). .gitignore lists it.
const e2eArtifacts = "e2e-artifacts"

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test of the real window: skipped with -short")
	}
	if runtime.GOOS != "linux" {
		t.Skipf("end-to-end test drives the app under Xvfb, which needs Linux (this is %s)", runtime.GOOS)
	}
	e2eNeedTools(t)

	dir := t.TempDir()
	bin := e2eBuild(t, dir)
	art := e2eArtifactsDir(t)
	display := e2eStartXvfb(t)
	db := filepath.Join(dir, "e2e.db")

	// The patient the handout is for, made with the command line before the
	// app starts, as a clinic would have its patients already.
	patient := e2eCLI(t, bin, dir, db, "patients", "add", "--name", "E2E Test Patient")
	if _, err := strconv.Atoi(patient); err != nil {
		t.Fatalf("patients add printed %q, not a patient ID", patient)
	}

	app := e2eStartApp(t, bin, display, db, dir)

	var win string    // the app's X window
	var frame e2eRect // its place on the screen
	var first *image.RGBA
	if !t.Run("startup", func(t *testing.T) {
		win, frame, first = e2eStartup(t, app, art)
	}) {
		t.FailNow()
	}
	t.Run("memory", func(t *testing.T) { e2eMemory(t, app) })
	var selected string  // the vertebra clicked
	var shapes []e2eBlob // the bone-coloured shapes of the diagram, largest first
	if !t.Run("click_vertebra", func(t *testing.T) { selected, shapes = e2eClickVertebra(t, app, art, win, frame, first) }) {
		t.FailNow()
	}
	var saved string // the handout saved through the UI
	t.Run("handout", func(t *testing.T) { saved = e2eHandout(t, app, art, win, frame, patient) })
	// In the editor: a disc bulge marked on the left half of the L4-L5
	// disc in the back view, then Preview / print with no printer.
	marked := false
	t.Run("mark_left_of_disc", func(t *testing.T) {
		if saved == "" {
			t.Skip("no handout was saved through the UI (see the handout step)")
		}
		marked = e2eMarkDisc(t, app, art, win, frame, saved)
	})
	t.Run("print_without_printer", func(t *testing.T) {
		if saved == "" {
			t.Skip("no handout was saved through the UI (see the handout step)")
		}
		e2ePrintWithoutPrinter(t, app, art, win, frame, saved)
	})
	// The rest of a visit: close the editor and tap again (the explanation
	// still shows), then the next patient arrives (their visit starts
	// empty, and their handout holds nothing of the first one's).
	t.Run("tap_after_editor", func(t *testing.T) { e2eTapAfterEditor(t, app, art, win, frame, shapes, selected) })
	var second, secondHandout string
	t.Run("next_patient", func(t *testing.T) { second, secondHandout = e2eNextPatient(t, app, art, win, frame) })
	t.Run("quit", func(t *testing.T) { e2eQuit(t, app, win) })
	t.Run("handout_in_database", func(t *testing.T) {
		if saved == "" {
			t.Skip("no handout was saved through the UI (see the handout step)")
		}
		e2eHandoutStored(t, bin, dir, db, patient, saved, selected)
	})
	t.Run("mark_in_database", func(t *testing.T) {
		if !marked {
			t.Skip("no mark was saved through the UI (see mark_left_of_disc)")
		}
		e2eMarkStored(t, bin, dir, db, saved)
	})
	t.Run("next_patient_handout_in_database", func(t *testing.T) {
		if secondHandout == "" {
			t.Skip("no handout was saved for the second patient (see next_patient)")
		}
		show := e2eCLI(t, bin, dir, db, "handouts", "show", secondHandout)
		if name := anatomy.Name(selected); strings.Contains(show, name) {
			t.Errorf("the second patient's handout %s holds the first patient's %s:\n%s", secondHandout, name, show)
		}
		list := e2eCLI(t, bin, dir, db, "handouts", "list", "--patient", second)
		if !strings.Contains(list, secondHandout) {
			t.Errorf("handout %s is not listed for patient %s:\n%s", secondHandout, second, list)
		}
	})
}

// e2eCLI runs a chairside command on the test's database and returns its
// output, trimmed; a failure ends the test.
func e2eCLI(t *testing.T, bin, dir, db string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
	cmd.Env = e2eEnv("", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chairside %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// Start-up target from issue 6: the window with the diagram drawn within 1 s
// of launch. The test reports the figure and the app's CPU time and does not
// fail on them: wall time on a shared machine stretches with its load (a run
// beside eight helpers' builds took over 5 s). The budget benchmark
// (`make bench`, BenchmarkBudget) measures start-up against a minimal Fyne
// program on the same machine, which is the honest comparison.
const e2eStartupTarget = time.Second

// e2eStartup waits for the window and then for the diagram to be on screen,
// and measures both from launch. The window's title is polled every 20 ms;
// once it is mapped, screenshots are taken back to back until one shows the
// diagram. The figure is the time the first screenshot showing it was done:
// an upper bound, at most one screenshot (0.1 to 0.2 s) late; the end of the
// last screenshot without the diagram is printed as the lower bound.
func e2eStartup(t *testing.T, app *e2eApp, art string) (string, e2eRect, *image.RGBA) {
	deadline := time.Now().Add(60 * time.Second)
	win := ""
	for win = app.window(); win == ""; win = app.window() {
		select {
		case <-app.exited:
			t.Fatalf("the app exited (%v) without opening its window; its output:\n%s", app.waitErr, app.log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window titled Chairside within 60 s; the app's output:\n%s", app.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
	mapped := time.Since(app.started)
	var frame e2eRect
	var shot *image.RGBA
	var err error
	notYet, drawn := mapped, time.Duration(0) // the last shot without the diagram, the first with it
	for {
		// The window may move and grow while it starts (the app fits it to
		// the screen once it knows the screen): read its place every time.
		if frame, err = app.geometry(win); err != nil {
			t.Fatal(err)
		}
		if shot, err = app.screenshot(); err != nil {
			t.Fatal(err)
		}
		if ok, _ := e2eDiagramDrawn(shot, frame); ok {
			drawn = time.Since(app.started)
			break
		}
		notYet = time.Since(app.started)
		if time.Now().After(deadline) {
			e2eSave(t, art, "01-no-diagram.png", shot, frame.rect())
			_, why := e2eDiagramDrawn(shot, frame)
			t.Fatalf("no diagram on screen within 60 s (%s); see the screenshot; the app's output:\n%s", why, app.log())
		}
	}
	cpu, cpuErr := app.cpuTime()
	_, why := e2eDiagramDrawn(shot, frame)
	// The rest of the run needs the window where it stays: wait until its
	// place and its picture no longer change.
	for settled := false; !settled; {
		if shot, err = app.settle(frame.rect(), 20*time.Second); err != nil {
			t.Fatal(err)
		}
		now, err := app.geometry(win)
		if err != nil {
			t.Fatal(err)
		}
		settled, frame = now == frame, now
		if time.Now().After(deadline) {
			t.Fatalf("the window kept moving or resizing; last at %+v", frame)
		}
	}
	if ok, why := e2eDiagramDrawn(shot, frame); !ok {
		e2eSave(t, art, "01-no-diagram.png", shot, frame.rect())
		t.Fatalf("the diagram went away once the window settled (%s)", why)
	}
	e2eSave(t, art, "01-start.png", shot, frame.rect())
	t.Logf("start-up: the window settled at %dx%d+%d+%d", frame.W, frame.H, frame.X, frame.Y)
	if cpuErr == nil {
		t.Logf("start-up: the app used %v of CPU time up to the diagram", cpu.Round(time.Millisecond))
	}
	t.Logf("start-up: window mapped %v after launch; diagram drawn by %v (%s), not yet drawn at %v",
		mapped.Round(time.Millisecond), drawn.Round(time.Millisecond), why, notYet.Round(time.Millisecond))
	if l, _, ok := app.findLine("trace: ready", 0); ok {
		t.Logf("start-up: the app traced \"ready\" %v after launch", l.at.Round(time.Millisecond))
	}
	if drawn > e2eStartupTarget {
		t.Logf("start-up: %v is over the 1 s target (reported, not checked here: see make bench)", drawn.Round(time.Millisecond))
	}
	return win, frame, shot
}

// Memory target from issue 6: idle memory under 150 MB RSS. Under Xvfb,
// OpenGL is Mesa's software renderer (llvmpipe), which maps libLLVM and the
// swrast driver, about 60 MB of RSS that a machine with a GPU driver does not
// carry, so the app's own share (RSS less those mappings) is printed beside
// the total. The figures are reported, not checked: RSS depends on the
// window's size, the machine's libraries and its load; the budget benchmark
// (`make bench`) compares it with a minimal Fyne program's.
const (
	e2eRSSTarget   = 150 << 20
	e2eIdleSettles = 2 * time.Second
)

func e2eMemory(t *testing.T, app *e2eApp) {
	time.Sleep(e2eIdleSettles) // idle: no input since the diagram was drawn
	total, softGL, err := app.memory()
	if err != nil {
		t.Fatal(err)
	}
	own := total - softGL
	t.Logf("idle memory: VmRSS %d MB in all; %d MB of it is Mesa's software OpenGL (llvmpipe); the app's own %d MB (target < %d MB; reported, not checked)",
		total>>20, softGL>>20, own>>20, e2eRSSTarget>>20)
}

// e2eClickVertebra finds the bone-coloured shapes of the diagram on the
// screenshot, clicks deep inside the thickest ones until the app reports that it
// selected a vertebra, and checks that its explanation opened: the trace
// line, the window title (which names the selection) and the panel on the
// screen, which must have changed.
func e2eClickVertebra(t *testing.T, app *e2eApp, art, win string, frame e2eRect, before *image.RGBA) (string, []e2eBlob) {
	area := e2eDiagramArea(frame)
	bone, ok := e2eBoneColour(before, area)
	if !ok {
		t.Fatalf("found no bone-coloured area in the diagram; see %s/01-start.png", e2eArtifacts)
	}
	blobs := e2eBlobs(before, area, bone)
	if len(blobs) == 0 {
		t.Fatalf("no shape of the bone colour %v in the diagram", bone)
	}
	t.Logf("bone colour %v: %d shapes, the largest %d px", bone, len(blobs), blobs[0].size)
	// Each new selection must change the explanation panel from the screen
	// as it stood (settled) before its click, so that the picture of one
	// click is never taken for the next one's.
	panel := e2ePanelArea(frame)
	prev, err := app.settle(frame.rect(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	selected := ""
	for i, b := range blobs {
		if i == 8 {
			break
		}
		from := app.lineCount()
		if _, err := app.xdotool("mousemove", "--sync", strconv.Itoa(b.at.X), strconv.Itoa(b.at.Y), "click", "1"); err != nil {
			t.Fatal(err)
		}
		l, _, err := app.waitLine("trace: selected ", from, 10*time.Second)
		if err != nil {
			t.Logf("click at %v (a %d px shape) selected nothing: %v", b.at, b.size, err)
			continue
		}
		id := strings.TrimPrefix(l.text, "trace: selected ")
		t.Logf("click at %v selected %s", b.at, id)
		if seen[id] {
			continue // another part of a shape already clicked: nothing new to show
		}
		seen[id] = true
		changed := 0
		shot, err := app.waitScreen(20*time.Second, func(img *image.RGBA) bool {
			changed = e2eChanged(prev, img, panel)
			return changed >= panel.Dx()*panel.Dy()/200
		})
		if err != nil {
			if shot != nil {
				e2eSave(t, art, "02-selected.png", shot, frame.rect())
			}
			t.Fatalf("selecting %s left the explanation panel as it was (%d px differ): %v; see %s/02-selected.png", id, changed, err, e2eArtifacts)
		}
		if prev, err = app.settle(frame.rect(), 10*time.Second); err != nil {
			t.Fatal(err)
		}
		// A vertebra of the neck, chest or low back; the sacrum and coccyx
		// are vertebrae too by ID, but the test wants a movable one.
		if s, ok := anatomy.Lookup(id); ok && s.Kind == anatomy.Vertebra && (s.Region == anatomy.Cervical || s.Region == anatomy.Thoracic || s.Region == anatomy.Lumbar) {
			selected = id
			e2eSave(t, art, "02-selected.png", prev, frame.rect())
			t.Logf("explanation panel: %d of %d px changed after the click", changed, panel.Dx()*panel.Dy())
			break
		}
	}
	if selected == "" {
		t.Fatalf("no click on a bone-coloured shape selected a vertebra of the neck, chest or low back; the app's output:\n%s", app.log())
	}
	if _, _, err := app.waitLine("trace: explanation "+selected, 0, 10*time.Second); err != nil {
		t.Errorf("the explanation of %s did not open: %v", selected, err)
	}
	name := anatomy.Name(selected)
	var title string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if title = app.title(win); strings.Contains(title, name) {
			break
		}
	}
	if !strings.Contains(title, name) {
		t.Errorf("window title %q does not name the selected %s (%q)", title, selected, name)
	}
	return selected, blobs
}

// e2eKey types keys into the window and waits for the trace line want; a
// screenshot is kept as name when it does not come.
func e2eKey(t *testing.T, app *e2eApp, art string, frame e2eRect, keys, want, name string) e2eLine {
	t.Helper()
	from := app.lineCount()
	if _, err := app.xdotool("key", "--clearmodifiers", keys); err != nil {
		t.Fatal(err)
	}
	l, _, err := app.waitLine(want, from, 20*time.Second)
	if err != nil {
		if shot, err := app.screenshot(); err == nil {
			e2eSave(t, art, name, shot, frame.rect())
		}
		t.Fatalf("after %s: %v; see %s/%s; the app's output:\n%s", keys, err, e2eArtifacts, name, app.log())
	}
	return l
}

// e2eTapAfterEditor closes the handout editor (Ctrl+W) and clicks another
// part of the spine: its explanation must show in the panel, which the
// closed editor used to leave hidden.
func e2eTapAfterEditor(t *testing.T, app *e2eApp, art, win string, frame e2eRect, shapes []e2eBlob, before string) {
	if _, err := app.xdotool("windowfocus", "--sync", win); err != nil {
		t.Fatal(err)
	}
	e2eKey(t, app, art, frame, "ctrl+w", "trace: handout editor closed", "06-editor-not-closed.png")
	panel := e2ePanelArea(frame)
	prev, err := app.settle(frame.rect(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range shapes {
		from := app.lineCount()
		if _, err := app.xdotool("mousemove", "--sync", strconv.Itoa(b.at.X), strconv.Itoa(b.at.Y), "click", "1"); err != nil {
			t.Fatal(err)
		}
		l, _, err := app.waitLine("trace: selected ", from, 10*time.Second)
		if err != nil || strings.TrimPrefix(l.text, "trace: selected ") == before {
			continue // nothing there, or the same structure: the panel would not change
		}
		id := strings.TrimPrefix(l.text, "trace: selected ")
		if _, _, err := app.waitLine("trace: explanation "+id, from, 10*time.Second); err != nil {
			t.Fatalf("clicking %s after closing the editor opened no explanation: %v", id, err)
		}
		changed := 0
		shot, err := app.waitScreen(20*time.Second, func(img *image.RGBA) bool {
			changed = e2eChanged(prev, img, panel)
			return changed >= panel.Dx()*panel.Dy()/200
		})
		if shot != nil {
			e2eSave(t, art, "06-tap-after-editor.png", shot, frame.rect())
		}
		if err != nil {
			t.Fatalf("after closing the editor, selecting %s left the explanation panel as it was (%d px differ); see %s/06-tap-after-editor.png", id, changed, e2eArtifacts)
		}
		t.Logf("after closing the editor, %s is explained (%d px of the panel changed)", id, changed)
		return
	}
	t.Fatal("no click after closing the editor selected another structure")
}

// The mark of the visit: a disc bulge on the left of the L4-L5 disc, tapped
// in the back view zoomed to the low back, where x < 0.5 across the disc is
// the patient's left.
const (
	e2eMarkedDisc   = "disc:L4-L5"
	e2eMarkFinding  = "bulge" // the editor's first finding, chosen when it opens
	e2eNoPrinterDir = "no-printer-bin"
)

// e2eDiagramRect is the diagram widget on the screen: the plain background
// it is drawn on, grown from a point of the side view's whole spine that
// nothing is drawn on (a tenth of the window in from its left, halfway
// down), to where that colour ends.
func e2eDiagramRect(img *image.RGBA, f e2eRect) (image.Rectangle, error) {
	start := image.Pt(f.X+f.W/10, f.Y+f.H/2)
	bg := img.RGBAAt(start.X, start.Y)
	same := func(x, y int) bool {
		if !image.Pt(x, y).In(f.rect()) {
			return false
		}
		c := img.RGBAAt(x, y)
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return d(c.R, bg.R) <= 4 && d(c.G, bg.G) <= 4 && d(c.B, bg.B) <= 4
	}
	r := image.Rectangle{Min: start, Max: start}
	for same(r.Min.X-1, start.Y) {
		r.Min.X--
	}
	for same(start.X, r.Min.Y-1) {
		r.Min.Y--
	}
	for same(start.X, r.Max.Y) {
		r.Max.Y++
	}
	// The right edge: coming from the window's right edge along the middle
	// row, the first run of 20 ground pixels (the panel's background differs;
	// the top rows now hold the base of the skull).
	for x := f.X + f.W - 1; x > start.X; x-- {
		run := 0
		for run < 20 && same(x-run, start.Y) {
			run++
		}
		if run == 20 {
			r.Max.X = x + 1
			break
		}
	}
	if r.Dx() < f.W/4 || r.Dy() < f.H/2 {
		return r, fmt.Errorf("the diagram's background %v spans only %v in a %dx%d window", bg, r, f.W, f.H)
	}
	return r, nil
}

// e2eDiscPoint is where on the screen the left half of the L4-L5 disc is in
// the back view zoomed to the low back, drawn in the widget at dr: the
// diagram's own transform (internal/diagram) from the model's geometry to
// pixels, aimed at the middle of the widest stretch of the disc's left half
// that shows, on the disc's centre line (the middle of the disc itself lies
// behind the cauda equina in the back view).
func e2eDiscPoint(dr image.Rectangle) (image.Point, float64, error) {
	box, ok := anatomy.StructureBounds(anatomy.Posterior, e2eMarkedDisc)
	if !ok {
		return image.Point{}, 0, fmt.Errorf("%s is not drawn in the back view", e2eMarkedDisc)
	}
	mid := anatomy.Point{X: (box.Min.X + box.Max.X) / 2, Y: (box.Min.Y + box.Max.Y) / 2}
	step := box.Dx() / 400
	var best, run [2]float64 // [start, end) of stretches where the disc shows
	inRun := false
	for x := box.Min.X; x < mid.X; x += step {
		id, _ := anatomy.HitTest(anatomy.Posterior, anatomy.Point{X: x, Y: mid.Y})
		switch {
		case id == e2eMarkedDisc && !inRun:
			run, inRun = [2]float64{x, x}, true
		case id == e2eMarkedDisc:
			run[1] = x
		case inRun:
			inRun = false
		}
		if inRun && run[1]-run[0] > best[1]-best[0] {
			best = run
		}
	}
	if best[1]-best[0] <= 0 {
		return image.Point{}, 0, fmt.Errorf("no part of the left half of %s shows in the back view", e2eMarkedDisc)
	}
	target := anatomy.Point{X: (best[0] + best[1]) / 2, Y: mid.Y}
	pw, ph := float64(dr.Dx()), float64(dr.Dy())
	cam := diagram.PresetCamera(anatomy.Posterior, anatomy.LowBack, pw, ph)
	tr := diagram.Fit(diagram.Scene{View: anatomy.Posterior, Camera: cam}, pw, ph)
	x, y := tr.ToPixel(target)
	spotX := (target.X - box.Min.X) / box.Dx()
	return image.Pt(dr.Min.X+int(x+0.5), dr.Min.Y+int(y+0.5)), spotX, nil
}

// e2eMarkDisc marks a disc bulge on the left half of the L4-L5 disc in the
// open handout editor and saves the handout: a click on the diagram's
// background takes the keyboard from the title field, V turns to the back
// view and 4 zooms to the low back; the pointer over the computed point
// must name the disc (hover) before Ctrl+M and the click mark it. It puts
// the diagram back as it was (side view, whole spine) for the next steps
// and says whether the mark was saved in handout id.
func e2eMarkDisc(t *testing.T, app *e2eApp, art, win string, frame e2eRect, id string) bool {
	if _, err := app.xdotool("windowfocus", "--sync", win); err != nil {
		t.Fatal(err)
	}
	// The editor's page count and first-page preview are redrawn a moment
	// after the save (a PDF and pdftoppm): on a loaded machine that took
	// longer than 10 s to come to rest.
	shot, err := app.settle(frame.rect(), 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	dr, err := e2eDiagramRect(shot, frame)
	if err != nil {
		e2eSave(t, art, "09-no-diagram-rect.png", shot, frame.rect())
		t.Fatalf("%v; see %s/09-no-diagram-rect.png", err, e2eArtifacts)
	}
	t.Logf("the diagram is drawn at %v", dr)
	// A click where nothing is drawn selects nothing and leaves the title
	// field, so that V and 4 reach the diagram.
	empty := image.Pt(dr.Min.X+dr.Dx()/10, dr.Min.Y+dr.Dy()/2)
	if _, err := app.xdotool("mousemove", "--sync", strconv.Itoa(empty.X), strconv.Itoa(empty.Y), "click", "1"); err != nil {
		t.Fatal(err)
	}
	e2eKey(t, app, art, frame, "v", "trace: view "+string(anatomy.Posterior), "09-no-back-view.png")
	e2eKey(t, app, art, frame, "4", "trace: zoom "+string(anatomy.LowBack), "09-no-low-back.png")
	// The zoom glides there: wait until it has arrived.
	if shot, err = app.settle(frame.rect(), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	e2eSave(t, art, "09-back-view-low-back.png", shot, frame.rect())
	at, spotX, err := e2eDiscPoint(dr)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the left half of %s (%.2f across it) is at %v on the screen", e2eMarkedDisc, spotX, at)
	from := app.lineCount()
	if _, err := app.xdotool("mousemove", "--sync", strconv.Itoa(at.X), strconv.Itoa(at.Y)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := app.waitLine("trace: hover "+e2eMarkedDisc, from, 10*time.Second); err != nil {
		if shot, err := app.screenshot(); err == nil {
			e2eSave(t, art, "09-disc-not-found.png", shot, frame.rect())
		}
		t.Fatalf("the pointer at %v is not over %s: %v; see %s/09-disc-not-found.png; the app's output:\n%s", at, e2eMarkedDisc, err, e2eArtifacts, app.log())
	}
	e2eKey(t, app, art, frame, "ctrl+m", "trace: mark mode on", "09-no-mark-mode.png")
	if _, err := app.settle(frame.rect(), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	from = app.lineCount()
	// The pointer is still on the spot (a mousemove --sync to where it is
	// already would wait for ever).
	if _, err := app.xdotool("click", "1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := app.waitLine("trace: mark added "+e2eMarkedDisc+" "+e2eMarkFinding, from, 10*time.Second); err != nil {
		if shot, err := app.screenshot(); err == nil {
			e2eSave(t, art, "10-not-marked.png", shot, frame.rect())
		}
		t.Fatalf("the click at %v did not mark a %s on %s: %v; see %s/10-not-marked.png; the app's output:\n%s", at, e2eMarkFinding, e2eMarkedDisc, err, e2eArtifacts, app.log())
	}
	if shot, err := app.settle(frame.rect(), 10*time.Second); err == nil {
		e2eSave(t, art, "10-marked-left-of-disc.png", shot, frame.rect())
	}
	e2eKey(t, app, art, frame, "ctrl+m", "trace: mark mode off", "10-mark-mode-stuck.png")
	l := e2eKey(t, app, art, frame, "ctrl+s", "trace: handout saved ", "10-mark-not-saved.png")
	if f := strings.Fields(strings.TrimPrefix(l.text, "trace: handout saved ")); len(f) != 2 || f[0] != id {
		t.Fatalf("saving the mark saved %q, not handout %s", l.text, id)
	}
	// Back to the side view of the whole spine, where the next steps click.
	e2eKey(t, app, art, frame, "1", "trace: zoom "+string(anatomy.Whole), "10-no-whole-spine.png")
	e2eKey(t, app, art, frame, "v", "trace: view "+string(anatomy.Lateral), "10-no-side-view.png")
	if _, err := app.settle(frame.rect(), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	return true
}

// e2ePrintWithoutPrinter presses the editor's Preview / print, then Print
// (Enter, the preview's main button), on a computer with no printing
// system and no PDF viewer (the app runs with a PATH that has neither lp,
// lpr nor xdg-open): the app must say that the handout was not printed,
// in the dialog "The handout was not printed", and close it on Escape.
func e2ePrintWithoutPrinter(t *testing.T, app *e2eApp, art, win string, frame e2eRect, id string) {
	e2eOpenPreview(t, app, art, win, frame, id)
	from := app.lineCount()
	l := e2eKey(t, app, art, frame, "Return", "trace: handout print", "12-print-not-tried.png")
	if l.text != "trace: handout print failed" {
		t.Fatalf("with no printer and no PDF viewer, printing traced %q, not \"handout print failed\"; the app's output:\n%s", l.text, app.log())
	}
	if l, _, ok := app.findLine("trace: handout opened in viewer", from); ok {
		t.Errorf("with no PDF viewer, the app says it opened one: %q", l.text)
	}
	shot, err := app.settle(frame.rect(), 10*time.Second)
	if shot != nil {
		e2eSave(t, art, "12-not-printed.png", shot, frame.rect())
	}
	if err != nil {
		t.Fatal(err)
	}
	// Escape is the dialog's Close; the window must look as before it.
	if _, err := app.xdotool("key", "--clearmodifiers", "Escape"); err != nil {
		t.Fatal(err)
	}
	if _, err := app.waitScreen(10*time.Second, func(img *image.RGBA) bool {
		return e2eChanged(shot, img, frame.rect()) > frame.W*frame.H/100
	}); err != nil {
		t.Fatalf("Escape did not close the \"not printed\" dialog: %v", err)
	}
	if shot, err := app.settle(frame.rect(), 10*time.Second); err == nil {
		e2eSave(t, art, "12-not-printed-closed.png", shot, frame.rect())
	}
}

// e2eOpenPreview clicks the open editor's Preview / print (found beside
// Save, the button in the accent colour) and waits until the preview of
// handout id is on the screen.
func e2eOpenPreview(t *testing.T, app *e2eApp, art, win string, frame e2eRect, id string) {
	if _, err := app.xdotool("windowfocus", "--sync", win); err != nil {
		t.Fatal(err)
	}
	shot, err := app.settle(frame.rect(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// The editor's buttons are two by two at its foot: Close and Preview /
	// print above, Save as final and Save below; Save is the one in the
	// accent colour. Preview / print is right above it.
	foot := image.Rect(frame.X+frame.W*55/100, frame.Y+frame.H*88/100, frame.X+frame.W, frame.Y+frame.H)
	accent, ok := e2eBoneColour(shot, foot)
	if !ok {
		e2eSave(t, art, "11-no-save-button.png", shot, frame.rect())
		t.Fatalf("no coloured button at the editor's foot; see %s/11-no-save-button.png", e2eArtifacts)
	}
	save := e2eColourBox(shot, foot, accent)
	if save.Dx() < 40 || save.Dy() < 15 {
		e2eSave(t, art, "11-no-save-button.png", shot, frame.rect())
		t.Fatalf("the Save button (%v) is %v, too small; see %s/11-no-save-button.png", accent, save, e2eArtifacts)
	}
	preview := image.Pt((save.Min.X+save.Max.X)/2, save.Min.Y-save.Dy()/2-4)
	t.Logf("Save is at %v; Preview / print at %v", save, preview)
	from := app.lineCount()
	if _, err := app.xdotool("mousemove", "--sync", strconv.Itoa(preview.X), strconv.Itoa(preview.Y), "click", "1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := app.waitLine(fmt.Sprintf("trace: handout preview (handout %s, ", id), from, 30*time.Second); err != nil {
		if shot, err := app.screenshot(); err == nil {
			e2eSave(t, art, "11-no-preview.png", shot, frame.rect())
		}
		t.Fatalf("the click at %v showed no preview of handout %s: %v; see %s/11-no-preview.png; the app's output:\n%s", preview, id, err, e2eArtifacts, app.log())
	}
	// The preview dialog appears a frame after the trace line.
	if _, err := app.waitScreen(10*time.Second, func(img *image.RGBA) bool {
		return e2eChanged(shot, img, frame.rect()) > frame.W*frame.H/100
	}); err != nil {
		t.Fatalf("the preview is not on the screen: %v", err)
	}
	if shot, err := app.settle(frame.rect(), 10*time.Second); err == nil {
		e2eSave(t, art, "11-print-preview.png", shot, frame.rect())
	}
}

// e2eColourBox is the bounding box of the pixels of area near colour c.
func e2eColourBox(img *image.RGBA, area image.Rectangle, c color.RGBA) image.Rectangle {
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	var box image.Rectangle
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if d(p.R, c.R) <= 20 && d(p.G, c.G) <= 20 && d(p.B, c.B) <= 20 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// e2eMarkStored reads the mark back after the app has quit: the command
// line lists it on the left side of the L4-L5 disc; the database holds
// where it was tapped, in the back view on the left half of the disc (x <
// 0.5 is the patient's left there); and the exported PDF's legend says so.
func e2eMarkStored(t *testing.T, bin, dir, db, id string) {
	want := anatomy.Name(e2eMarkedDisc) + ": " // "L4–L5 disc: Disc bulge, left side"
	show := e2eCLI(t, bin, dir, db, "handouts", "show", id)
	found := false
	for _, line := range strings.Split(show, "\n") {
		if strings.Contains(line, want) && strings.HasSuffix(strings.TrimSpace(line), "left side") {
			found = true
		}
	}
	if !found {
		t.Errorf("handout %s lists no mark on the left side of the %s:\n%s", id, anatomy.Name(e2eMarkedDisc), show)
	}
	sqlDB, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	var view string
	var x, y float64
	err = sqlDB.QueryRow("SELECT spot_view, spot_x, spot_y FROM handout_marks WHERE handout_id = ? AND structure = ? AND finding = ?",
		id, e2eMarkedDisc, e2eMarkFinding).Scan(&view, &x, &y)
	if err != nil {
		t.Fatalf("the mark's place on %s in handout %s: %v", e2eMarkedDisc, id, err)
	}
	t.Logf("the mark is stored at %.3f, %.3f of the %s's box in the %s view", x, y, anatomy.Name(e2eMarkedDisc), view)
	if view != string(anatomy.Posterior) || !(x < 0.5) {
		t.Errorf("the mark is stored at x=%.3f in the %s view; want the left half (x < 0.5) in the back view (%s)", x, view, anatomy.Posterior)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext (poppler-utils) is not installed: the exported PDF's legend is not read")
		return
	}
	pdf := filepath.Join(dir, "marked.pdf")
	e2eCLI(t, bin, dir, db, "handouts", "export", id, "--out", pdf)
	out, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if legend := anatomy.Name(e2eMarkedDisc) + ", left side"; !strings.Contains(text, legend) {
		t.Errorf("the exported PDF's legend does not say %q:\n%s", legend, text)
	}
}

// e2eNextPatient adds the next patient from the patients screen (Ctrl+P,
// type the name, Enter offers to add them, Enter saves): they become this
// visit's patient and the list of what was shown empties. Ctrl+H and
// Ctrl+S then save their handout, which starts empty. It returns the new
// patient's ID and their handout's.
func e2eNextPatient(t *testing.T, app *e2eApp, art, win string, frame e2eRect) (string, string) {
	if _, err := app.xdotool("windowfocus", "--sync", win); err != nil {
		t.Fatal(err)
	}
	e2eKey(t, app, art, frame, "ctrl+p", "trace: patients screen opened", "07-patients-failed.png")
	if _, err := app.xdotool("type", "--delay", "20", "Second Patient"); err != nil {
		t.Fatal(err)
	}
	e2eKey(t, app, art, frame, "Return", "trace: patient form opened", "07-patients-failed.png")
	from := app.lineCount()
	l := e2eKey(t, app, art, frame, "Return", "trace: patient added ", "07-patient-not-added.png")
	id := strings.TrimPrefix(l.text, "trace: patient added ")
	if _, _, err := app.waitLine("trace: patient chosen "+id, from, 10*time.Second); err != nil {
		t.Fatalf("the patient just added is not this visit's patient: %v; the app's output:\n%s", err, app.log())
	}
	if _, _, ok := app.findLine("trace: visit cleared", from); !ok {
		t.Errorf("choosing the next patient did not empty the visit; the app's output:\n%s", app.log())
	}
	// Escape closes the patients screen, wherever the keyboard is in it.
	if _, err := app.xdotool("key", "--clearmodifiers", "Escape"); err != nil {
		t.Fatal(err)
	}
	if shot, err := app.settle(frame.rect(), 10*time.Second); err == nil {
		e2eSave(t, art, "07-next-patient.png", shot, frame.rect())
	}
	e2eKey(t, app, art, frame, "ctrl+h", "trace: handout editor opened new", "08-handout-not-opened.png")
	l = e2eKey(t, app, art, frame, "ctrl+s", "trace: handout saved ", "08-handout-not-saved.png")
	f := strings.Fields(strings.TrimPrefix(l.text, "trace: handout saved "))
	if len(f) != 2 {
		t.Fatalf("unexpected trace line %q", l.text)
	}
	if shot, err := app.settle(frame.rect(), 10*time.Second); err == nil {
		e2eSave(t, art, "08-next-patient-handout.png", shot, frame.rect())
	}
	return id, f[0]
}

// settle takes screenshots until two in a row are the same in area (the
// app has finished drawing), and returns the last.
func (a *e2eApp) settle(area image.Rectangle, timeout time.Duration) (*image.RGBA, error) {
	last, err := a.screenshot()
	if err != nil {
		return nil, err
	}
	img, err := a.waitScreen(timeout, func(img *image.RGBA) bool {
		same := e2eChanged(last, img, area) == 0
		last = img
		return same
	})
	if err != nil {
		return img, fmt.Errorf("the window kept changing: %v", err)
	}
	return img, nil
}

// waitScreen takes screenshots until ok accepts one, and returns it; on
// timeout it returns the last one with an error.
func (a *e2eApp) waitScreen(timeout time.Duration, ok func(*image.RGBA) bool) (*image.RGBA, error) {
	deadline := time.Now().Add(timeout)
	for {
		img, err := a.screenshot()
		if err != nil {
			return nil, err
		}
		if ok(img) {
			return img, nil
		}
		if time.Now().After(deadline) {
			return img, fmt.Errorf("not on screen within %v", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// e2eHandout makes a handout through the UI the way the keyboard does it:
// Ctrl+H (Make handout) asks whom it is for, Enter takes the first patient
// of the list, the editor opens prefilled from this visit's trail, and
// Ctrl+S saves it. It returns the saved handout's ID.
func e2eHandout(t *testing.T, app *e2eApp, art, win string, frame e2eRect, patient string) string {
	// Keys go to the window with the input focus; with no window manager
	// under Xvfb, nothing gives it the focus but this.
	if _, err := app.xdotool("windowfocus", "--sync", win); err != nil {
		t.Fatal(err)
	}
	step := func(keys, want string) e2eLine {
		t.Helper()
		from := app.lineCount()
		if _, err := app.xdotool("key", "--clearmodifiers", keys); err != nil {
			t.Fatal(err)
		}
		l, _, err := app.waitLine(want, from, 20*time.Second)
		if err != nil {
			if shot, err := app.screenshot(); err == nil {
				e2eSave(t, art, "03-handout-failed.png", shot, frame.rect())
			}
			t.Fatalf("after %s: %v; the app's output:\n%s", keys, err, app.log())
		}
		return l
	}
	// shoot keeps a screenshot once the window shows the step's result: the
	// trace line comes when the app has acted, the picture a frame later.
	prev, _ := app.screenshot()
	shoot := func(name string) {
		if prev == nil {
			return
		}
		shot, err := app.waitScreen(10*time.Second, func(img *image.RGBA) bool {
			return e2eChanged(prev, img, frame.rect()) > frame.W*frame.H/5000
		})
		if shot != nil {
			e2eSave(t, art, name, shot, frame.rect())
			prev = shot
		}
		if err != nil {
			t.Logf("%s: the window did not change visibly: %v", name, err)
		}
	}
	step("ctrl+h", "trace: patients screen opened")
	shoot("03-choose-patient.png")
	step("Return", "trace: patient chosen "+patient)
	if _, _, err := app.waitLine("trace: handout editor opened new", 0, 20*time.Second); err != nil {
		t.Fatalf("the handout editor did not open: %v; the app's output:\n%s", err, app.log())
	}
	shoot("04-handout-editor.png")
	l := step("ctrl+s", "trace: handout saved ")
	f := strings.Fields(strings.TrimPrefix(l.text, "trace: handout saved ")) // "ID status"
	if len(f) != 2 {
		t.Fatalf("unexpected trace line %q", l.text)
	}
	t.Logf("handout %s saved as %s", f[0], f[1])
	shoot("05-handout-saved.png")
	return f[0]
}

// e2eHandoutStored reads the handout back through the command line after
// the app has quit: it is listed for the patient, and it holds the vertebra
// that was clicked.
func e2eHandoutStored(t *testing.T, bin, dir, db, patient, id, selected string) {
	list := e2eCLI(t, bin, dir, db, "handouts", "list", "--patient", patient)
	t.Logf("chairside handouts list --patient %s:\n%s", patient, list)
	found := false
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Split(line, "\t"); f[0] == id {
			found = true
		}
	}
	if !found {
		t.Fatalf("handout %s is not in the list of patient %s:\n%s", id, patient, list)
	}
	show := e2eCLI(t, bin, dir, db, "handouts", "show", id)
	if name := anatomy.Name(selected); !strings.Contains(show, name) {
		t.Errorf("handout %s does not mention the %s that was clicked (%s):\n%s", id, name, selected, show)
	}
}

// e2eQuit closes the window as a window manager's close button would and
// expects a clean exit.
func e2eQuit(t *testing.T, app *e2eApp, win string) {
	start := time.Now()
	if err := app.closeWindow(win); err != nil {
		t.Fatalf("closing the window: %v", err)
	}
	select {
	case <-app.exited:
	case <-time.After(15 * time.Second):
		// Ask the Go runtime where every goroutine is (SIGQUIT prints
		// their stacks to stderr and exits), so that a hang on closing
		// says where it hangs.
		app.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-app.exited:
		case <-time.After(5 * time.Second):
		}
		t.Fatalf("the app was still running 15 s after its window was closed; its output, with its goroutines' stacks:\n%s", app.log())
	}
	t.Logf("quit: the app exited %v after its window was closed", time.Since(start).Round(time.Millisecond))
	if app.waitErr != nil {
		t.Errorf("the app exited with %v; its output:\n%s", app.waitErr, app.log())
	}
	if out := app.log(); strings.Contains(out, "panic:") || strings.Contains(out, "goroutine ") {
		t.Errorf("the app panicked:\n%s", out)
	}
}

// The window's layout: the diagram fills the left of the split, the
// explanation panel the right; two rows of toolbar run across the top.
const e2eToolbar = 100 // px

func e2eDiagramArea(f e2eRect) image.Rectangle {
	return image.Rect(f.X, f.Y+e2eToolbar, f.X+f.W*55/100, f.Y+f.H)
}

func e2ePanelArea(f e2eRect) image.Rectangle {
	return image.Rect(f.X+f.W*62/100, f.Y+e2eToolbar, f.X+f.W, f.Y+f.H)
}

// e2eChroma is how far a pixel is from grey: the diagram is drawn in colour,
// the window's chrome and text in greys.
func e2eChroma(c color.RGBA) int {
	hi := max(c.R, c.G, c.B)
	lo := min(c.R, c.G, c.B)
	return int(hi) - int(lo)
}

const e2eMinChroma = 24

// e2eDiagramDrawn says whether the diagram area holds a drawing: enough
// coloured pixels, where a blank window or an error message has almost none.
func e2eDiagramDrawn(img *image.RGBA, f e2eRect) (bool, string) {
	area := e2eDiagramArea(f)
	n := 0
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			if e2eChroma(img.RGBAAt(x, y)) >= e2eMinChroma {
				n++
			}
		}
	}
	pct := float64(n) * 100 / float64(area.Dx()*area.Dy())
	return pct >= 3, fmt.Sprintf("%.1f%% of the diagram area in colour", pct)
}

// e2eBoneColour is the most common colour of the diagram area among the
// coloured pixels: the vertebrae are the largest shapes of a spine.
// Colours are grouped by their top 4 bits per channel, so anti-aliasing and
// shading do not split a fill into many colours.
func e2eBoneColour(img *image.RGBA, area image.Rectangle) (color.RGBA, bool) {
	type sum struct{ n, r, g, b int }
	buckets := map[int]*sum{}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if e2eChroma(c) < e2eMinChroma {
				continue
			}
			k := int(c.R>>4)<<8 | int(c.G>>4)<<4 | int(c.B>>4)
			s := buckets[k]
			if s == nil {
				s = &sum{}
				buckets[k] = s
			}
			s.n++
			s.r += int(c.R)
			s.g += int(c.G)
			s.b += int(c.B)
		}
	}
	var best *sum
	for _, s := range buckets {
		if best == nil || s.n > best.n {
			best = s
		}
	}
	if best == nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(best.r / best.n), uint8(best.g / best.n), uint8(best.b / best.n), 255}, true
}

// e2eBlob is one connected shape of a colour, and the point deepest inside
// it (farthest from its edge), the safest place to click.
type e2eBlob struct {
	size  int
	depth int
	at    image.Point
}

// e2eBlobs finds the shapes of colour c (within a small tolerance) in area,
// deepest first.
func e2eBlobs(img *image.RGBA, area image.Rectangle, c color.RGBA) []e2eBlob {
	w, h := area.Dx(), area.Dy()
	near := func(p color.RGBA) bool {
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return d(p.R, c.R) <= 20 && d(p.G, c.G) <= 20 && d(p.B, c.B) <= 20
	}
	// depth: chessboard distance to the nearest pixel outside the colour
	// (or outside area), in two passes.
	depth := make([]int, w*h)
	at := func(x, y int) int {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return depth[y*w+x]
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if near(img.RGBAAt(area.Min.X+x, area.Min.Y+y)) {
				depth[y*w+x] = 1 + min(at(x-1, y), at(x-1, y-1), at(x, y-1), at(x+1, y-1))
			}
		}
	}
	for y := h - 1; y >= 0; y-- {
		for x := w - 1; x >= 0; x-- {
			if d := depth[y*w+x]; d != 0 {
				depth[y*w+x] = min(d, 1+min(at(x+1, y), at(x+1, y+1), at(x, y+1), at(x-1, y+1)))
			}
		}
	}
	// Label the shapes (4-connected) with a flood fill and keep each one's
	// deepest point.
	label := make([]int32, w*h)
	var blobs []e2eBlob
	stack := []int{}
	for start := range depth {
		if depth[start] == 0 || label[start] != 0 {
			continue
		}
		b := e2eBlob{}
		label[start] = int32(len(blobs) + 1)
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b.size++
			if depth[i] > b.depth {
				b.depth = depth[i]
				b.at = image.Pt(area.Min.X+i%w, area.Min.Y+i/w)
			}
			x, y := i%w, i/w
			for _, n := range [4][2]int{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}} {
				if n[0] < 0 || n[1] < 0 || n[0] >= w || n[1] >= h {
					continue
				}
				j := n[1]*w + n[0]
				if depth[j] != 0 && label[j] == 0 {
					label[j] = label[start]
					stack = append(stack, j)
				}
			}
		}
		if b.depth >= 3 { // too thin to click safely otherwise
			blobs = append(blobs, b)
		}
	}
	sort.Slice(blobs, func(i, j int) bool { return blobs[i].depth > blobs[j].depth })
	return blobs
}

// e2eChanged counts the pixels of area that differ between two screenshots.
func e2eChanged(a, b *image.RGBA, area image.Rectangle) int {
	n := 0
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				n++
			}
		}
	}
	return n
}

// e2eNeedTools skips the test, naming what is missing, when the X tools it
// drives the window with are not installed. Installing them is `make
// setup`'s job: a test never changes the machine it runs on.
func e2eNeedTools(t *testing.T) {
	t.Helper()
	if missing := e2eMissingTools(); len(missing) > 0 {
		t.Skipf("end-to-end test of the real window skipped: %s not installed (make setup installs xvfb, xdotool and imagemagick)", strings.Join(missing, ", "))
	}
}

// e2eMissingTools lists the X tools the suite needs that are not on PATH.
func e2eMissingTools() []string {
	var missing []string
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	return missing
}

// e2eBuild builds the real program, exactly as `make build` does, without
// the test's -race and ci tags.
func e2eBuild(t testing.TB, dir string) string {
	t.Helper()
	return e2eBuildPackage(t, dir, ".", "chairside", e2eAppTags)
}

// e2eAppTags are the tags make build builds Chairside with (Makefile's
// TAGS).
const e2eAppTags = "migrated_fynedo,no_emoji"

// e2eBuildPackage builds the program in pkg (a path inside the module) as
// dir/name, with the given build tags.
func e2eBuildPackage(t testing.TB, dir, pkg, name, tags string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = "/usr/local/go/bin/go"
	}
	bin := filepath.Join(dir, name)
	start := time.Now()
	cmd := exec.Command(goTool, "build", "-tags", tags, "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build failed: %v\n%s", err, out)
	}
	t.Logf("built %s in %v", bin, time.Since(start).Round(time.Millisecond))
	return bin
}

// e2eArtifactsDir makes e2e-artifacts/ and removes the screenshots of an
// earlier run, so that what is there is what this run saw.
func e2eArtifactsDir(t *testing.T) string {
	t.Helper()
	if err := os.MkdirAll(e2eArtifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(e2eArtifacts, "*.png"))
	for _, f := range old {
		os.Remove(f)
	}
	abs, err := filepath.Abs(e2eArtifacts)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// e2eStartXvfb starts a virtual X server on a free display (Xvfb picks it
// and reports it through -displayfd) and stops it when the test ends.
func e2eStartXvfb(t *testing.T) string {
	t.Helper()
	return e2eStartXvfbSized(t, "1920x1080x24")
}

// e2eStartXvfbSized starts a virtual X server with a screen of the given
// geometry (WxHxDEPTH). CHAIRSIDE_E2E_DISPLAY (":93,:94") names the
// displays to take instead of the first free one Xvfb would pick: on a
// machine shared with others' X servers and tests, each keeps to its own
// numbers. A test that runs two servers at once (the clinic's server
// test) takes two of them. Xvfb refuses a display another live server
// listens on, so a clash fails here with Xvfb's own message rather than
// in the app.
func e2eStartXvfbSized(t testing.TB, screen string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var log bytes.Buffer
	// -noreset: by default an X server resets itself when its last
	// client leaves, and the check below is the first client: a program
	// connecting while the server resets is refused ("Failed to open
	// display"), or its connection closed at once.
	args := []string{"-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp", "-noreset"}
	if list := os.Getenv("CHAIRSIDE_E2E_DISPLAY"); list != "" {
		d, err := e2eTakeDisplay(list)
		if err != nil {
			t.Fatal(err)
		}
		// registered before the server's own clean-up, so it runs after
		// the server has ended
		t.Cleanup(func() { e2eReleaseDisplay(d) })
		args = append([]string{d}, args...)
	}
	cmd := exec.Command("Xvfb", args...)
	cmd.ExtraFiles = []*os.File{w}
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	// exited is closed when Xvfb has ended, waitErr then says how: a
	// closed channel can be read by the checks below and the clean-up
	// alike (a value sent once would leave the clean-up waiting forever
	// after a check took it).
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb reported no display number (%q):\n%s", n, log.String())
		}
		// Xvfb names its display once it is set up, yet one CI run's
		// first app then failed "X11: Failed to open display :0".
		// A client's full connection set-up, answered, before the
		// display is handed out: the app then starts on a server
		// that is known to take clients, and a server that is not
		// fails here, with its own log, instead of in the app.
		deadline := time.Now().Add(10 * time.Second)
		for {
			x, err := budgetDialX(":" + n)
			if err == nil {
				x.Close()
				return ":" + n
			}
			select {
			case <-exited:
				t.Fatalf("Xvfb on :%s exited before taking a client (%v; last try: %v):\n%s", n, waitErr, err, log.String())
			case <-time.After(50 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("Xvfb on :%s took no client within 10 s (last try: %v):\n%s", n, err, log.String())
			}
		}
	case <-exited:
		t.Fatalf("Xvfb exited at start (%v):\n%s", waitErr, log.String())
	case <-time.After(15 * time.Second):
		t.Fatalf("Xvfb did not report its display within 15 s:\n%s", log.String())
	}
	return ""
}

// The displays of CHAIRSIDE_E2E_DISPLAY this test process's servers hold.
var (
	e2eDisplaysMu   sync.Mutex
	e2eDisplaysHeld = map[string]bool{}
)

// e2eTakeDisplay is the first display of list (":93,:94") that none of
// this process's servers holds.
func e2eTakeDisplay(list string) (string, error) {
	e2eDisplaysMu.Lock()
	defer e2eDisplaysMu.Unlock()
	for _, d := range strings.Split(list, ",") {
		d = strings.TrimSpace(d)
		if _, err := strconv.Atoi(strings.TrimPrefix(d, ":")); err != nil || !strings.HasPrefix(d, ":") {
			return "", fmt.Errorf("CHAIRSIDE_E2E_DISPLAY=%q: %q is not a display such as :93", list, d)
		}
		if !e2eDisplaysHeld[d] {
			e2eDisplaysHeld[d] = true
			return d, nil
		}
	}
	return "", fmt.Errorf("CHAIRSIDE_E2E_DISPLAY=%q: every display is in use by this test; name one more", list)
}

func e2eReleaseDisplay(d string) {
	e2eDisplaysMu.Lock()
	defer e2eDisplaysMu.Unlock()
	delete(e2eDisplaysHeld, d)
}

// e2eApp is the running program and what it wrote on stderr, line by line,
// with the time each line arrived.
type e2eApp struct {
	cmd     *exec.Cmd
	name    string // the start of its window's title; "Chairside" when empty
	display string
	started time.Time
	exited  chan struct{} // closed when the process has ended
	waitErr error

	mu     sync.Mutex
	lines  []e2eLine
	output bytes.Buffer // stdout and stderr, for failure messages
	more   chan struct{}
}

type e2eLine struct {
	at   time.Duration // since launch
	text string
}

// e2eStartApp launches the program on display with --db db --trace and ends
// it when the test ends, even on failure. Its settings go to a folder of the
// test's own (XDG_CONFIG_HOME), so the run neither reads nor changes the
// settings of whoever runs the tests.
func e2eStartApp(t *testing.T, bin, display, db, dir string) *e2eApp {
	t.Helper()
	a := &e2eApp{display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)}
	a.cmd = exec.Command(bin, "--db", db, "--trace")
	// A computer with no printer and no PDF viewer: the app's PATH is a
	// folder of its own, so it finds neither lp, lpr nor xdg-open.
	noPrinter := filepath.Join(dir, e2eNoPrinterDir)
	if err := os.MkdirAll(noPrinter, 0o755); err != nil {
		t.Fatal(err)
	}
	// The preview's page is drawn by pdftoppm: that one is there when
	// the test's machine has it.
	if bin, err := exec.LookPath("pdftoppm"); err == nil {
		if err := os.Symlink(bin, filepath.Join(noPrinter, "pdftoppm")); err != nil {
			t.Fatal(err)
		}
	}
	a.cmd.Env = append(e2eEnv(display, dir), "PATH="+noPrinter)
	return e2eLaunch(t, a)
}

// e2eLaunch starts a.cmd, reading its stderr line by line, and ends it when
// the test ends, even on failure.
func e2eLaunch(t testing.TB, a *e2eApp) *e2eApp {
	t.Helper()
	a.cmd.Stdout = lockedWriter{&a.mu, &a.output}
	stderr, err := a.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	a.started = time.Now()
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", a.cmd.Path, err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			at := time.Since(a.started)
			a.mu.Lock()
			a.lines = append(a.lines, e2eLine{at, sc.Text()})
			a.output.WriteString(sc.Text() + "\n")
			a.mu.Unlock()
			select {
			case a.more <- struct{}{}:
			default:
			}
		}
	}()
	go func() {
		<-done // all of stderr read before Wait closes the pipe
		a.waitErr = a.cmd.Wait()
		close(a.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-a.exited:
		default:
			a.cmd.Process.Kill()
			<-a.exited
		}
	})
	return a
}

// e2eEnv is the environment for the app and the X tools: the test's display,
// an English locale, a private settings folder, the light theme and Fyne's
// scale fixed at 1 so that the layout does not depend on the machine.
func e2eEnv(display, dir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "DISPLAY", "WAYLAND_DISPLAY", "LANG", "LC_ALL", "XDG_CONFIG_HOME", "FYNE_SCALE", "FYNE_THEME", "CHAIRSIDE_DB":
			continue
		}
		env = append(env, kv)
	}
	// The light theme, whatever the desktop's colour scheme says (Fyne asks
	// the desktop portal when it can reach one): the checks read colours
	// off the screen.
	return append(env, "DISPLAY="+display, "LANG=en_US.UTF-8", "FYNE_SCALE=1", "FYNE_THEME=light",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// waitLine waits for a stderr line that starts with prefix, looking at lines
// from index from on; it returns the line and its index.
func (a *e2eApp) waitLine(prefix string, from int, timeout time.Duration) (e2eLine, int, error) {
	deadline := time.After(timeout)
	for {
		if l, i, ok := a.findLine(prefix, from); ok {
			return l, i, nil
		}
		select {
		case <-a.more:
		case <-a.exited:
			// stderr is read to the end before exited closes: look once more.
			if l, i, ok := a.findLine(prefix, from); ok {
				return l, i, nil
			}
			return e2eLine{}, -1, fmt.Errorf("the app exited (%v) before writing %q", a.waitErr, prefix)
		case <-deadline:
			return e2eLine{}, -1, fmt.Errorf("no %q line within %v", prefix, timeout)
		}
	}
}

func (a *e2eApp) findLine(prefix string, from int) (e2eLine, int, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := from; i < len(a.lines); i++ {
		if strings.HasPrefix(a.lines[i].text, prefix) {
			return a.lines[i], i, true
		}
	}
	return e2eLine{}, -1, false
}

// lineCount is how many stderr lines have arrived so far.
func (a *e2eApp) lineCount() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.lines)
}

// log is everything the app wrote, for failure messages. The app writes no
// patient data there (trace lines carry IDs only), so it is safe to print.
func (a *e2eApp) log() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.output.String()
}

// cpuTime is the CPU time the app has used so far (user and system), from
// /proc/PID/stat, in clock ticks of 1/100 s (USER_HZ on Linux).
func (a *e2eApp) cpuTime() (time.Duration, error) { return e2eCPUTime(a.cmd.Process.Pid) }

// e2eCPUTime is the CPU time process pid has used so far, as cpuTime.
func e2eCPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name is in parentheses and may hold spaces: count from
	// after it. utime and stime are fields 14 and 15 of the whole line.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("malformed /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("malformed /proc stat times")
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// memory is the app's resident memory now: the total (VmRSS of
// /proc/PID/status) and, from /proc/PID/smaps, the part that Mesa's software
// OpenGL renderer maps (libLLVM, the swrast/gallium drivers).
func (a *e2eApp) memory() (total, softGL int64, err error) {
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", a.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			if f := strings.Fields(v); len(f) == 2 && f[1] == "kB" {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				if err != nil {
					return 0, 0, fmt.Errorf("VmRSS: %q", line)
				}
				total = kb << 10
			}
		}
	}
	if total == 0 {
		return 0, 0, errors.New("no VmRSS in /proc status")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", a.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	mapping := ""
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			mapping = ""
			if len(f) >= 6 {
				mapping = f[5]
			}
			continue
		}
		if f[0] != "Rss:" || len(f) != 3 || f[2] != "kB" {
			continue
		}
		kb, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("smaps: %q", line)
		}
		base := filepath.Base(mapping)
		if strings.HasPrefix(base, "libLLVM") || strings.Contains(mapping, "/dri/") || strings.HasPrefix(base, "libgallium") {
			softGL += kb << 10
		}
	}
	return total, softGL, nil
}

// xdotool runs xdotool on the test's display and returns its output.
func (a *e2eApp) xdotool(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = []string{"DISPLAY=" + a.display, "PATH=" + os.Getenv("PATH")}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// window is the app's visible top-level window, or "" while there is none.
func (a *e2eApp) window() string {
	title := a.name
	if title == "" {
		title = "Chairside"
	}
	out, err := a.xdotool("search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid), "--name", "^"+title)
	if err != nil || out == "" {
		return ""
	}
	return strings.Fields(out)[0]
}

// waitWindow waits up to within for the app's window (see window) and
// returns its ID; what names the program in the failure.
func (a *e2eApp) waitWindow(tb testing.TB, within time.Duration, what string) string {
	tb.Helper()
	deadline := time.Now().Add(within)
	for {
		if win := a.window(); win != "" {
			return win
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s opened no window within %v: %s", what, within, a.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// e2eRect is a window's place on the screen.
type e2eRect struct{ X, Y, W, H int }

func (r e2eRect) rect() image.Rectangle { return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H) }

func (a *e2eApp) geometry(win string) (e2eRect, error) {
	out, err := a.xdotool("getwindowgeometry", "--shell", win)
	if err != nil {
		return e2eRect{}, err
	}
	vals := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if n, err := strconv.Atoi(v); ok && err == nil {
			vals[k] = n
		}
	}
	r := e2eRect{vals["X"], vals["Y"], vals["WIDTH"], vals["HEIGHT"]}
	if r.W <= 0 || r.H <= 0 {
		return r, fmt.Errorf("window %s has no size: %q", win, out)
	}
	return r, nil
}

// title is the window's title now.
func (a *e2eApp) title(win string) string {
	out, _ := a.xdotool("getwindowname", win)
	return out
}

// screenshot captures the whole screen with ImageMagick's import, as raw
// PPM (quick to write and to read, unlike PNG).
func (a *e2eApp) screenshot() (*image.RGBA, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "import", "-silent", "-window", "root", "-depth", "8", "ppm:-")
	cmd.Env = []string{"DISPLAY=" + a.display, "PATH=" + os.Getenv("PATH")}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("import: %v: %s", err, errb.String())
	}
	return e2eDecodePPM(out)
}

// e2eDecodePPM reads a binary PPM (P6, maxval 255).
func e2eDecodePPM(b []byte) (*image.RGBA, error) {
	var fields [4]string
	rest := b
	for i := 0; i < 4; {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) > 0 && rest[0] == '#' {
			if j := bytes.IndexByte(rest, '\n'); j >= 0 {
				rest = rest[j+1:]
				continue
			}
			return nil, errors.New("PPM: unterminated comment")
		}
		j := bytes.IndexAny(rest, " \t\r\n")
		if j < 0 {
			return nil, errors.New("PPM: short header")
		}
		fields[i], rest = string(rest[:j]), rest[j:]
		i++
	}
	if fields[0] != "P6" || fields[3] != "255" {
		return nil, fmt.Errorf("PPM: want P6 with maxval 255, got %s/%s", fields[0], fields[3])
	}
	w, err1 := strconv.Atoi(fields[1])
	h, err2 := strconv.Atoi(fields[2])
	if err1 != nil || err2 != nil || w <= 0 || h <= 0 {
		return nil, fmt.Errorf("PPM: bad size %sx%s", fields[1], fields[2])
	}
	rest = rest[1:] // the single whitespace byte after maxval
	if len(rest) < w*h*3 {
		return nil, fmt.Errorf("PPM: %d bytes of pixels, want %d", len(rest), w*h*3)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		copy(img.Pix[i*4:i*4+3], rest[i*3:i*3+3])
		img.Pix[i*4+3] = 255
	}
	return img, nil
}

// e2eSave writes img (cropped to r when r is not empty) as a PNG artefact.
func e2eSave(t *testing.T, art, name string, img *image.RGBA, r image.Rectangle) {
	t.Helper()
	var sub image.Image = img
	if !r.Empty() {
		sub = img.SubImage(r)
	}
	f, err := os.Create(filepath.Join(art, name))
	if err != nil {
		t.Errorf("saving screenshot: %v", err)
		return
	}
	defer f.Close()
	if err := png.Encode(f, sub); err != nil {
		t.Errorf("saving screenshot %s: %v", name, err)
	}
	shown := filepath.Join(art, name) // relative to the module when it is in it
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, shown); err == nil {
			shown = rel
		}
	}
	t.Logf("screenshot: %s", shown)
}

// closeWindow asks the app to close its window the way a window manager's
// close button does: a WM_DELETE_WINDOW client message. There is no window
// manager under Xvfb and xdotool cannot send one, so this speaks the X11
// protocol itself (a handful of requests over the display's Unix socket).
func (a *e2eApp) closeWindow(win string) error {
	id, err := strconv.ParseUint(win, 10, 32)
	if err != nil {
		return fmt.Errorf("window id %q: %v", win, err)
	}
	num := strings.TrimPrefix(a.display, ":")
	c, err := net.DialTimeout("unix", "/tmp/.X11-unix/X"+num, 5*time.Second)
	if err != nil {
		// Linux X servers also listen on an abstract socket of that name.
		var err2 error
		if c, err2 = net.DialTimeout("unix", "@/tmp/.X11-unix/X"+num, 5*time.Second); err2 != nil {
			return err
		}
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	le := binary.LittleEndian
	// Connection set-up: byte order 'l', protocol 11.0, no authorisation
	// (Xvfb started without -auth accepts local clients).
	setup := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := c.Write(setup); err != nil {
		return err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(c, head); err != nil {
		return err
	}
	extra := make([]byte, int(le.Uint16(head[6:]))*4)
	if _, err := io.ReadFull(c, extra); err != nil {
		return err
	}
	if head[0] != 1 {
		return fmt.Errorf("X server refused the connection: %q", extra)
	}
	// readReply skips events and reports errors until a reply arrives.
	readReply := func() ([]byte, error) {
		for {
			p := make([]byte, 32)
			if _, err := io.ReadFull(c, p); err != nil {
				return nil, err
			}
			switch p[0] {
			case 0:
				return nil, fmt.Errorf("X error code %d", p[1])
			case 1:
				more := make([]byte, int(le.Uint32(p[4:]))*4)
				if _, err := io.ReadFull(c, more); err != nil {
					return nil, err
				}
				return p, nil
			}
		}
	}
	atom := func(name string) (uint32, error) {
		pad := (4 - len(name)%4) % 4
		req := make([]byte, 8, 8+len(name)+pad)
		req[0] = 16 // InternAtom, only-if-exists false
		le.PutUint16(req[2:], uint16(2+(len(name)+pad)/4))
		le.PutUint16(req[4:], uint16(len(name)))
		req = append(append(req, name...), make([]byte, pad)...)
		if _, err := c.Write(req); err != nil {
			return 0, err
		}
		p, err := readReply()
		if err != nil {
			return 0, fmt.Errorf("InternAtom %s: %v", name, err)
		}
		return le.Uint32(p[8:]), nil
	}
	protocols, err := atom("WM_PROTOCOLS")
	if err != nil {
		return err
	}
	del, err := atom("WM_DELETE_WINDOW")
	if err != nil {
		return err
	}
	req := make([]byte, 44)
	req[0] = 25 // SendEvent, propagate false
	le.PutUint16(req[2:], 11)
	le.PutUint32(req[4:], uint32(id)) // destination
	le.PutUint32(req[8:], 0)          // no event mask: to the window's owner
	ev := req[12:]
	ev[0] = 33 // ClientMessage
	ev[1] = 32 // format: 32-bit data
	le.PutUint32(ev[4:], uint32(id))
	le.PutUint32(ev[8:], protocols)
	le.PutUint32(ev[12:], del)
	le.PutUint32(ev[16:], 0) // CurrentTime
	if _, err := c.Write(req); err != nil {
		return err
	}
	// GetInputFocus as a round trip: its reply means SendEvent was handled
	// (an error for it would have arrived first).
	if _, err := c.Write([]byte{43, 0, 1, 0}); err != nil {
		return err
	}
	_, err = readReply()
	return err
}

// The helpers that read screenshots decide what the suite clicks, so they
// are tested on their own (these run under -short too).

func TestE2EDecodePPM(t *testing.T) {
	ppm := append([]byte("P6\n# made by a test\n2 1\n255\n"), 10, 20, 30, 200, 150, 100)
	img, err := e2eDecodePPM(ppm)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 2, 1) {
		t.Fatalf("bounds %v", img.Bounds())
	}
	if got := img.RGBAAt(1, 0); got != (color.RGBA{200, 150, 100, 255}) {
		t.Errorf("pixel (1,0) = %v", got)
	}
	for _, bad := range []string{"P5\n2 1\n255\n\x00\x00", "P6\n2 1\n65535\n", "P6\n2 1\n255\n\x01\x02", "P6\n-2 1\n255\n"} {
		if _, err := e2eDecodePPM([]byte(bad)); err == nil {
			t.Errorf("e2eDecodePPM(%q) gave no error", bad)
		}
	}
}

func TestE2EBlobs(t *testing.T) {
	bone := color.RGBA{230, 210, 170, 255}
	img := image.NewRGBA(image.Rect(0, 0, 100, 60))
	for i := range img.Pix {
		img.Pix[i] = 250
	}
	fill := func(r image.Rectangle, c color.RGBA) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(image.Rect(10, 10, 40, 40), bone)                           // a 30x30 body: deepest at its middle
	fill(image.Rect(60, 10, 72, 22), color.RGBA{235, 205, 175, 255}) // smaller, shaded a little differently
	fill(image.Rect(80, 0, 82, 60), bone)                            // a 2 px line: too thin to click
	fill(image.Rect(60, 40, 90, 55), color.RGBA{90, 140, 200, 255})  // another colour
	if c, ok := e2eBoneColour(img, img.Bounds()); !ok || c != bone {
		t.Errorf("bone colour %v, %v; want %v", c, ok, bone)
	}
	blobs := e2eBlobs(img, img.Bounds(), bone)
	if len(blobs) != 2 {
		t.Fatalf("got %d blobs %+v, want 2", len(blobs), blobs)
	}
	if b := blobs[0]; b.size != 900 || b.depth != 15 || !b.at.In(image.Rect(23, 23, 27, 27)) {
		t.Errorf("largest blob %+v, want 900 px, depth 15, near (25,25)", b)
	}
	if b := blobs[1]; b.size != 144 || !b.at.In(image.Rect(60, 10, 72, 22)) {
		t.Errorf("second blob %+v, want 144 px inside (60,10)-(72,22)", b)
	}
}

// Without the X tools the suite skips and says which are missing; it never
// installs them itself (that was a side effect of running the tests).
func TestEndToEndSkipsWithoutXTools(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // a machine with none of them
	if got, want := strings.Join(e2eMissingTools(), " "), "Xvfb xdotool import"; got != want {
		t.Errorf("missing tools %q, want %q", got, want)
	}
	skipped := false
	t.Run("need", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		e2eNeedTools(t)
	})
	if !skipped {
		t.Fatal("with no Xvfb, xdotool or import on PATH the end-to-end test did not skip")
	}
}
