package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chairside/internal/pdf"
)

// previewTimers is the live preview's clock in every test of the package:
// nothing fires unless a test fires it.
var previewTimers = &lockedTimers{}

func init() { livePreviewAfter = previewTimers.after }

// lockedTimers are fakeTimers shared by the tests of the package.
type lockedTimers struct {
	mu sync.Mutex
	t  fakeTimers
}

func (l *lockedTimers) after(d time.Duration, fn func()) func() {
	l.mu.Lock()
	defer l.mu.Unlock()
	stop := l.t.after(d, fn)
	return func() { l.mu.Lock(); defer l.mu.Unlock(); stop() }
}

// forget drops the timers earlier tests left waiting.
func (l *lockedTimers) forget() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.t.stopped {
		l.t.stopped[i] = true
	}
}

// fireLast runs the newest waiting timer, as the real clock would once
// the editor is quiet, and reports whether one was waiting.
func (l *lockedTimers) fireLast() bool {
	l.mu.Lock()
	var fn func()
	for i := len(l.t.fns) - 1; i >= 0; i-- {
		if !l.t.stopped[i] {
			l.t.stopped[i], fn = true, l.t.fns[i]
			break
		}
	}
	l.mu.Unlock()
	if fn != nil {
		fn()
	}
	return fn != nil
}

// The editor shows the page count and the first page a moment after each
// change: one update for a burst of edits, the count following the
// handout (large print prints on more pages).
func TestEditorLivePreview(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	previewTimers.forget()
	drawn := make(chan int, 8)
	shown := make(chan bool, 8)
	livePreviewShown = func() { shown <- true }
	defer func() { livePreviewDraw, livePreviewShown = pdf.PreviewFirstPage, func() {} }()
	livePreviewDraw = func(path string, w int) (image.Image, error) {
		drawn <- w
		img := image.NewNRGBA(image.Rect(0, 0, w, w*11/8))
		img.Set(1, 1, color.Black)
		return img, nil
	}
	p := addPatient(t, db, "José Núñez")
	// Four items, as the standard handout: short enough for two pages,
	// long enough that large print needs more (two items now fit large
	// print on two pages, since a short item cites only its key points'
	// sources).
	for _, id := range []string{"disc:L4-L5", "nerve:L5:left", "facet:L4-L5:left", "topic:cracking-your-back"} {
		a.Select(id)
	}
	e := openEditorFor(t, a, p)
	pv := e.livePreview
	if !previewTimers.fireLast() {
		t.Fatal("opening the editor did not ask for a preview")
	}
	waitDrawn := func() {
		t.Helper()
		select {
		case w := <-drawn:
			if w != livePreviewWidthPx {
				t.Errorf("first page drawn %d pixels wide, want %d", w, livePreviewWidthPx)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the first page was not drawn")
		}
		select {
		case <-shown:
		case <-time.After(20 * time.Second):
			t.Fatal("the first page was not shown")
		}
		if !pv.page.Visible() || pv.page.Image == nil {
			t.Error("the first page is not shown")
		}
	}
	waitDrawn()
	count := func() string { return pv.pages.Text }
	if !strings.HasPrefix(count(), "Prints on ") {
		t.Fatalf("page count %q", count())
	}
	before := count()
	// A burst of typing: one update, after the quiet.
	test.Type(e.notes, "Walk every day.")
	if count() != before {
		t.Error("the preview changed before the editor was quiet")
	}
	e.plan.largePrint.SetChecked(true)
	if !previewTimers.fireLast() || previewTimers.fireLast() {
		t.Error("a burst of edits did not make exactly one update")
	}
	waitDrawn()
	var n0, n1 int
	if _, err := fmtSscan(before, &n0); err != nil {
		t.Fatal(err)
	}
	if _, err := fmtSscan(count(), &n1); err != nil {
		t.Fatal(err)
	}
	if n1 <= n0 {
		t.Errorf("large print: %q, before %q: want more pages", count(), before)
	}
	e.close()
	if previewTimers.fireLast() {
		t.Error("a preview was still waiting after the editor closed")
	}
}

// fmtSscan reads the number in "Prints on 3 pages".
func fmtSscan(s string, n *int) (int, error) {
	return fmt.Sscanf(strings.TrimPrefix(s, "Prints on "), "%d", n)
}
