package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
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
	a.data.preview = func(string, int) (image.Image, error) { return nil, handout.ErrNoPreviewTool }
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

func TestReportPrint(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		notice string
		kept   bool
	}{
		{"sent", nil, "Sent to printer.", false},
		{"viewer", fmt.Errorf("no printing system (lp or lpr) found; %w", handout.ErrOpenedInViewer), "Opened in your PDF viewer", true},
		// A failed print leaves no copy of the handout in the temporary folder.
		{"failed", errors.New("no printing system (lp or lpr) found, and the PDF viewer could not be opened: xdg-open not found"), "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			dir, err := os.MkdirTemp("", tempPDFPrefix) // as tempPDF makes it
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			path := filepath.Join(dir, "h.pdf")
			os.WriteFile(path, []byte("%PDF-1.4"), 0o600)
			a.reportPrint(path, c.err)
			if n := strings.Join(a.notices(), " "); !strings.Contains(n, c.notice) {
				t.Errorf("notices %q, want %q", n, c.notice)
			}
			if _, err := os.Stat(path); (err == nil) != c.kept {
				t.Errorf("temporary PDF kept = %v, want %v", err == nil, c.kept)
			}
		})
	}
	// A PDF outside Chairside's own temporary folders is never removed,
	// nor the folder it is in.
	mine := filepath.Join(t.TempDir(), "kept.pdf")
	os.WriteFile(mine, []byte("%PDF-1.4"), 0o600)
	b, _ := newTestApp(t)
	b.reportPrint(mine, nil)
	b.reportPrint(mine, errors.New("lp: no default destination"))
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a PDF outside the temporary print folders was removed: %v", err)
	}
	a, _ := newTestApp(t)
	a.reportPrint("/nonexistent.pdf", errors.New("the printer did not take the handout (lp: no default destination), and the PDF viewer could not be opened: xdg-open not found"))
	if top := a.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(labels(top), " "), "no default destination") {
		t.Error("a failed print should show a dialog that says why")
	}
	// ... and what to do about it.
	if msg := strings.Join(labels(a.win.Canvas().Overlays().Top()), " "); !strings.Contains(msg, "use Export PDF… to save the handout") {
		t.Errorf("the print failure %q does not say how to print anyway", msg)
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
