package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/pdf"
	"chairside/internal/printing"
	"chairside/internal/store"
)

// testHandout stores a patient and returns a handout for them.
func testHandout(t *testing.T, a *App, name string) *handout.Handout {
	t.Helper()
	p := &store.Patient{Name: name}
	if err := a.DB().CreatePatient(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return &handout.Handout{
		ID:        7,
		PatientID: p.ID,
		Title:     "Your low back",
		Date:      time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		Status:    handout.Draft,
		Lang:      "en",
		Items: []handout.Item{{Ref: "disc:L4-L5", Title: "The L4-L5 disc",
			Body: "A **disc** sits between two vertebrae.\n\n- It cushions\n- It lets the spine bend", Sources: []string{"NICE NG59"}}},
		SeekCare: []string{"Loss of bladder or bowel control"},
	}
}

func TestExportWritesPDFAtChosenPath(t *testing.T) {
	a, trace := newTestApp(t)
	h := testHandout(t, a, "José Núñez")
	po, err := a.printout(h)
	if err != nil {
		t.Fatal(err)
	}
	if po.patient.Name != "José Núñez" || po.clinic.Paper != handout.Letter {
		t.Fatalf("printout patient %q paper %q", po.patient.Name, po.clinic.Paper)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, handout.DefaultFileName(dir, po.patient.Name, *h))
	if filepath.Base(path) != "Núñez_José_2026-11-24_handout-7.pdf" {
		t.Errorf("default name %q", filepath.Base(path))
	}
	if err := a.exportTo(po, path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[len(data)-1024:], []byte("%%EOF")) {
		t.Error("the export is not a whole PDF")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files in the export folder: %v; want only the PDF", entries)
	}
	if tr := trace.String(); !strings.Contains(tr, "trace: handout exported (handout 7)") || strings.Contains(tr, "Nunez") || strings.Contains(tr, "Núñez") {
		t.Errorf("trace %q: want the export, never the patient's name", tr)
	}
}

func TestExportToUnwritableFolderLeavesNothing(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root can write anywhere")
	}
	a, _ := newTestApp(t)
	po, err := a.printout(testHandout(t, a, "Ana Ruiz"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err = a.exportTo(po, filepath.Join(dir, "x.pdf"))
	if err == nil || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("export to a read-only folder: %v; want a message about the folder", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestExportDialogSuggestsDefaultName(t *testing.T) {
	a, _ := newTestApp(t)
	a.fyneApp.Preferences().SetString(prefExportFolder, t.TempDir())
	h := testHandout(t, a, "Nguyễn Văn An")
	a.ExportHandout(h)
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no save dialog shown")
	}
	var names []string
	for _, o := range walk(top) {
		if e, ok := o.(*widget.Entry); ok {
			names = append(names, e.Text)
		}
	}
	want := "An_Nguyễn_Văn_2026-11-24_handout-7.pdf"
	if len(names) == 0 || names[0] != want {
		t.Errorf("file name suggested %q, want %q", names, want)
	}
}

func TestPreviewWithoutPdftoppm(t *testing.T) {
	a, trace := newTestApp(t)
	a.data.preview = func(string, int) (image.Image, error) { return nil, pdf.ErrNoPreviewTool }
	var opened []string
	a.data.open = func(p string) error { opened = append(opened, p); return nil }
	pv, err := a.renderPreview(testHandout(t, a, "Ana Ruiz"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(pv.pdfPath)) })
	if pv.page != nil || !strings.Contains(pv.problem, "pdftoppm") || !strings.Contains(pv.problem, "not installed") {
		t.Fatalf("problem %q: want a plain word that pdftoppm is missing", pv.problem)
	}
	if _, err := os.Stat(pv.pdfPath); err != nil {
		t.Fatalf("the PDF should still be written for printing: %v", err)
	}
	a.showPreview(pv)
	top := a.win.Canvas().Overlays().Top()
	if text := strings.Join(labels(top), " "); !strings.Contains(text, "pdftoppm") {
		t.Errorf("dialog text %q does not mention pdftoppm", text)
	}
	for _, b := range []string{"Print", "Export PDF…", "Close"} {
		findButton(t, top, b)
	}
	test.Tap(findButton(t, top, "Open in PDF viewer"))
	if len(opened) != 1 || opened[0] != pv.pdfPath {
		t.Errorf("opened %q, want the handout's PDF %q", opened, pv.pdfPath)
	}
	// The viewer still reads it: closing the preview keeps it.
	test.Tap(findButton(t, top, "Close"))
	if _, err := os.Stat(pv.pdfPath); err != nil {
		t.Errorf("the PDF handed to the viewer was removed: %v", err)
	}
	if !strings.Contains(trace.String(), "page drawn false") {
		t.Errorf("trace %q", trace.String())
	}
}

// A viewer that did not open is reported as such, and the PDF it never
// took is removed with the preview.
func TestPreviewViewerDidNotOpen(t *testing.T) {
	a, _ := newTestApp(t)
	a.data.preview = func(string, int) (image.Image, error) { return nil, pdf.ErrNoPreviewTool }
	a.data.open = func(string) error { return errors.New("xdg-open is not installed") }
	pv, err := a.renderPreview(testHandout(t, a, "Ana Ruiz"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(pv.pdfPath)) })
	d := a.showPreview(pv)
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Open in PDF viewer"))
	msg := strings.Join(labels(a.win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(msg, "xdg-open is not installed") || !strings.Contains(msg, "Export PDF…") {
		t.Errorf("message %q: want why the viewer did not open and the way out", msg)
	}
	d.Hide()
	if _, err := os.Stat(filepath.Dir(pv.pdfPath)); !os.IsNotExist(err) {
		t.Errorf("the PDF no viewer took stayed in the temporary folder (%v)", err)
	}
}

func TestPreviewShowsFirstPage(t *testing.T) {
	a, _ := newTestApp(t)
	var asked int
	a.data.preview = func(path string, w int) (image.Image, error) {
		asked = w
		data, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			return nil, fmt.Errorf("not a PDF at %s", path)
		}
		return image.NewRGBA(image.Rect(0, 0, w, w*11/8)), nil
	}
	pv, err := a.renderPreview(testHandout(t, a, "Ana Ruiz"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(pv.pdfPath)) })
	if pv.page == nil || pv.problem != "" || asked != previewWidthPx {
		t.Fatalf("page %v problem %q width %d", pv.page != nil, pv.problem, asked)
	}
	a.showPreview(pv)
	top := a.win.Canvas().Overlays().Top()
	for _, b := range []string{"Print", "Export PDF…", "Close"} {
		findButton(t, top, b)
	}
	for _, b := range buttons(top) {
		if b == "Open in PDF viewer" {
			t.Error("with a page to show, the viewer button is not needed")
		}
	}
	// Closing the preview removes its temporary PDF: each preview used to
	// leave a copy of the handout behind in the temporary folder.
	test.Tap(findButton(t, top, "Close"))
	if _, err := os.Stat(filepath.Dir(pv.pdfPath)); !os.IsNotExist(err) {
		t.Errorf("the preview's temporary PDF is still there after closing (%v)", err)
	}
}

// tempPrintPDF makes a PDF in a private folder as tempPDF does.
func tempPrintPDF(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", tempPDFPrefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "Ruiz_Ana_2026-11-24_handout.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// sentences splits a message at its full stops.
func sentences(msg string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(msg, func(r rune) bool { return r == '.' || r == '\n' }) {
		if s = strings.TrimSpace(s); len(s) > 3 { // not the "pdf" of a file name
			out = append(out, s)
		}
	}
	return out
}

// The message says what really happened (issue 10 item 6: with no printer
// and no viewer it said "Opened in your PDF viewer … Print it from there.
// Print it from there."), where the PDF is when it was not printed, and
// offers Export PDF… instead.
func TestReportPrint(t *testing.T) {
	noPrinter := "this computer has no printing system (lp or lpr)"
	refused := "the printer refused it (lp: Error - no default destination available.)"
	cases := []struct {
		name   string
		res    printing.Result
		err    error
		want   []string // in the notice or dialog
		reject []string
		dialog bool // a dialog that waits to be read, not a corner notice
		export bool // offers Export PDF…
		kept   bool // the temporary PDF is still there while the message shows
	}{
		{"printed", printing.Result{Outcome: printing.Printed, By: "lp", Copied: true},
			nil, []string{"Sent to the printer."}, []string{"Not printed", "viewer"}, false, false, false},
		// Windows: the PDF application reads the file after it was asked to print.
		{"handed to the PDF application", printing.Result{Outcome: printing.Printed, By: "your PDF application"},
			nil, []string{"Handed to your PDF application to print."}, []string{"Not printed"}, false, false, true},
		{"viewer opened", printing.Result{Outcome: printing.InViewer, NotPrintedBecause: noPrinter},
			nil, []string{"Not printed: " + noPrinter + ".", "It is open in your PDF viewer: print it from there.", "The PDF is saved at "},
			[]string{"Sent to"}, false, true, true},
		{"printer refused, viewer opened", printing.Result{Outcome: printing.InViewer, NotPrintedBecause: refused},
			nil, []string{"Not printed: " + refused, "open in your PDF viewer", "The PDF is saved at "}, nil, false, true, true},
		{"nothing available", printing.Result{Outcome: printing.NotPrinted, NotPrintedBecause: noPrinter, NoViewerBecause: "xdg-open is not installed"},
			nil, []string{"Not printed: " + noPrinter + ".", "No PDF viewer opened it either: xdg-open is not installed.", "The PDF is saved at ", "use Export PDF…"},
			[]string{"Opened in your PDF viewer", "open in your PDF viewer", "print it from there"}, true, true, true},
		{"printer refused, viewer failed", printing.Result{Outcome: printing.NotPrinted, NotPrintedBecause: refused, NoViewerBecause: "xdg-open stopped with exit status 4"},
			nil, []string{"no default destination", "xdg-open stopped with exit status 4", "The PDF is saved at "},
			[]string{"open in your PDF viewer"}, true, true, true},
		{"the PDF could not be read", printing.Result{}, errors.New("print: cannot read the PDF: no such file"),
			[]string{"cannot read the PDF"}, []string{"Sent to"}, true, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			h := testHandout(t, a, "Ana Ruiz")
			po, err := a.printout(h)
			if err != nil {
				t.Fatal(err)
			}
			path := tempPrintPDF(t)
			a.reportPrint(po, path, c.res, c.err)
			var msg string
			top := a.win.Canvas().Overlays().Top()
			if c.dialog {
				if top == nil {
					t.Fatal("no dialog")
				}
				msg = strings.Join(labels(top), "\n")
			} else {
				if top != nil {
					t.Fatalf("a dialog %q, want a notice in the corner", labels(top))
				}
				msg = strings.Join(a.notices(), "\n")
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not say %q", msg, w)
				}
			}
			for _, r := range c.reject {
				if strings.Contains(msg, r) {
					t.Errorf("message %q says %q, which did not happen", msg, r)
				}
			}
			if strings.Contains(msg, "The PDF is saved at ") && !strings.Contains(msg, path) {
				t.Errorf("message %q does not name the PDF %s", msg, path)
			}
			seen := map[string]bool{}
			for _, s := range sentences(msg) {
				if seen[strings.ToLower(s)] {
					t.Errorf("said twice: %q in %q", s, msg)
				}
				seen[strings.ToLower(s)] = true
			}
			var where fyne.CanvasObject = a.win.Content()
			if c.dialog {
				where = top
			}
			offers := slices.Contains(buttons(where), "Export PDF…")
			if offers != c.export {
				t.Errorf("offers Export PDF…: %v, want %v (buttons %q)", offers, c.export, buttons(where))
			}
			if _, err := os.Stat(path); (err == nil) != c.kept {
				t.Errorf("temporary PDF kept = %v, want %v", err == nil, c.kept)
			}
		})
	}
}

// The dialog for a print that went nowhere: closing it removes the
// temporary PDF (health data); Export PDF… opens the save dialog.
func TestNotPrintedDialog(t *testing.T) {
	res := printing.Result{Outcome: printing.NotPrinted, NotPrintedBecause: "this computer has no printing system (lp or lpr)", NoViewerBecause: "xdg-open is not installed"}
	for _, button := range []string{"Close", "Export PDF…"} {
		t.Run(button, func(t *testing.T) {
			a, _ := newTestApp(t)
			a.fyneApp.Preferences().SetString(prefExportFolder, t.TempDir())
			po, err := a.printout(testHandout(t, a, "Ana Ruiz"))
			if err != nil {
				t.Fatal(err)
			}
			path := tempPrintPDF(t)
			a.reportPrint(po, path, res, nil)
			test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), button))
			if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
				t.Errorf("the temporary PDF stayed after %s (%v)", button, err)
			}
			top := a.win.Canvas().Overlays().Top()
			exporting := top != nil && slices.Contains(buttons(top), "Export")
			if exporting != (button == "Export PDF…") {
				t.Errorf("after %s the save dialog is shown: %v", button, exporting)
			}
		})
	}
}

// Print, through the background job, with nothing to print or show it:
// the failure reaches the clinician, not "opened in your viewer".
func TestPrintHandoutWithNothingAvailable(t *testing.T) {
	fa := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	var trace syncBuffer
	a := newApp(fa, w, testLibrary(t), Options{}, openTestDB(t), &trace)
	t.Cleanup(a.stopTimers)
	var printed string
	a.data.print = func(path string) (printing.Result, error) {
		printed = path
		return printing.Result{Outcome: printing.NotPrinted, NotPrintedBecause: "this computer has no printing system (lp or lpr)", NoViewerBecause: "xdg-open is not installed"}, nil
	}
	a.PrintHandout(testHandout(t, a, "Ana Ruiz"))
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(trace.String(), "handout print failed") {
		if time.Now().After(deadline) {
			t.Fatalf("no print report within 10 s; trace %q", trace.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// The trace line is the report's last step: the dialog is up.
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(printed)) })
	if !strings.HasSuffix(printed, "Ruiz_Ana_2026-11-24_handout-7.pdf") {
		t.Errorf("printed %q, want the handout's PDF", printed)
	}
	msg := strings.Join(labels(a.win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(msg, "Not printed") || !strings.Contains(msg, printed) {
		t.Errorf("dialog %q: want why it was not printed and where the PDF is", msg)
	}
}

// Files handed to a viewer stay in the temporary folder for a day, then
// the next print or preview removes them; nothing else there is touched.
func TestSweepTempPDFs(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	old, fresh, other := filepath.Join(tmp, tempPDFPrefix+"1"), filepath.Join(tmp, tempPDFPrefix+"2"), filepath.Join(tmp, "someone-else")
	for _, d := range []string{old, fresh, other} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "h.pdf"), []byte("%PDF-1.4"), 0o600)
	}
	long := time.Now().Add(-25 * time.Hour)
	for _, d := range []string{old, other} {
		if err := os.Chtimes(d, long, long); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := newTestApp(t)
	po, err := a.printout(testHandout(t, a, "Ana Ruiz"))
	if err != nil {
		t.Fatal(err)
	}
	path, err := a.tempPDF(po)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(filepath.Dir(path)) != tmp {
		t.Fatalf("temporary PDF %s not in the temporary folder %s", path, tmp)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("a day-old handout PDF is still there (%v)", err)
	}
	for _, d := range []string{fresh, other, path} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}

func TestPrintoutNeedsAHandout(t *testing.T) {
	a, _ := newTestApp(t)
	if _, err := a.printout(nil); err == nil {
		t.Error("nil handout accepted")
	}
	_, err := a.printout(&handout.Handout{PatientID: 999})
	if err == nil || !strings.Contains(err.Error(), "999") {
		t.Errorf("unknown patient: %v", err)
	}
}
