package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/pdf"
	"chairside/internal/printing"
)

// prefExportFolder remembers where handouts were last exported.
const prefExportFolder = "export.folder"

// previewWidthPx is the pixel width the first page is rendered at for the
// preview: sharp on a large screen, quick to draw.
const previewWidthPx = 1000

// handoutPrintout is everything a handout's PDF prints.
type handoutPrintout struct {
	h       handout.Handout
	patient handout.Patient
	clinic  handout.Clinic
	// patientLang is the patient's preferred language ("" unknown): the
	// print preview names it among the languages to print in.
	patientLang string
}

// printout gathers the handout's patient and the clinic settings from the
// database.
func (a *App) printout(h *handout.Handout) (handoutPrintout, error) {
	if h == nil {
		return handoutPrintout{}, errors.New(tr("print.no_handout", "There is no handout to print"))
	}
	db := a.db
	if db == nil {
		return handoutPrintout{}, errors.New(tr("print.no_database", "No patient database is open"))
	}
	ctx := context.Background()
	out := handoutPrintout{h: *h}
	if h.PatientID != 0 {
		p, err := db.GetPatient(ctx, h.PatientID)
		if err != nil {
			return out, errors.New(storeMessage(err))
		}
		out.patient = p.ForHandout()
		out.patientLang = p.Lang
	}
	c, err := db.Clinic(ctx)
	if err != nil {
		return out, errors.New(storeMessage(err))
	}
	out.clinic = c
	return out, nil
}

// ExportHandout asks where to save the handout as a PDF, suggesting a name
// such as Núñez_José_2026-11-24_handout-12.pdf, and writes it.
func (a *App) ExportHandout(h *handout.Handout) {
	po, err := a.printout(h)
	if err != nil {
		a.showPrintError(tr("print.export_failed", "The handout could not be exported"), err)
		return
	}
	showSaveAs(a.win, saveAsOptions{
		Title:     tr("print.export.title", "Export the handout as PDF"),
		Confirm:   tr("print.export.confirm", "Export"),
		Dir:       a.fyneApp.Preferences().StringWithFallback(prefExportFolder, homeDir()),
		Name:      handout.DefaultFileName("", po.patient.Name, po.h),
		Ext:       ".pdf",
		Overwrite: true,
		Check:     func(path string) error { return notTheDatabases(a.DB().Path(), path) },
	}, func(path string) {
		a.fyneApp.Preferences().SetString(prefExportFolder, filepath.Dir(path))
		if err := a.exportTo(po, path); err != nil {
			a.showPrintError(tr("print.export_failed", "The handout could not be exported"), err)
			return
		}
		a.ShowNotice(tr("print.export.saved", "Handout saved as {{.Path}}", map[string]any{"Path": path}), false)
	})
}

// exportTo writes the PDF to path (all or nothing: the handout package
// writes a temporary file and renames it).
func (a *App) exportTo(po handoutPrintout, path string) error {
	if err := pdf.Export(path, po.h, po.patient, po.clinic); err != nil {
		a.trace.event("handout export failed (handout %d)", po.h.ID)
		return err
	}
	// The file name holds the patient's name, so the trace names the handout by ID.
	a.trace.event("handout exported (handout %d)", po.h.ID)
	return nil
}

// PrintHandout sends the handout to the printer, or opens it in the PDF
// viewer when nothing prints it, and says which.
func (a *App) PrintHandout(h *handout.Handout) {
	po, err := a.printout(h)
	if err != nil {
		a.showPrintError(tr("print.print_failed", "The handout could not be printed"), err)
		return
	}
	path, err := a.tempPDF(po)
	if err != nil {
		a.showPrintError(tr("print.print_failed", "The handout could not be printed"), err)
		return
	}
	a.printInBackground(po, path)
}

// printFunc prints a PDF file: printing.Print, or a test's stand-in.
type printFunc = func(pdfPath string) (printing.Result, error)

// printInBackground prints the PDF at path, written by tempPDF, off the
// UI thread (lp may take seconds; a viewer launcher up to its grace time)
// and reports what became of it.
func (a *App) printInBackground(po handoutPrintout, path string) {
	var res printing.Result
	a.inBackground(tr("print.sending", "Sending to the printer…"), func() error {
		var err error
		if a.data.print != nil {
			res, err = a.data.print(path)
		} else {
			res, err = printing.Print(path)
		}
		return err
	}, func(err error) {
		a.reportPrint(po, path, res, err)
	})
}

// reportPrint says what really became of a print: sent, open in the PDF
// viewer to print from there, or neither, and why. Whenever it was not
// printed it says where the PDF is and offers Export PDF… instead.
func (a *App) reportPrint(po handoutPrintout, path string, res printing.Result, err error) {
	export := func() {
		h := po.h
		a.ExportHandout(&h)
	}
	switch {
	case err != nil:
		removeTempPDF(path)
		a.showPrintError(tr("print.print_failed", "The handout could not be printed"), err)
		a.trace.event("handout print failed")
	case res.Outcome == printing.Printed && res.Copied:
		// The spooler has its own copy now; the file holds health data.
		removeTempPDF(path)
		a.ShowNotice(tr("print.sent", "Sent to the printer."), false)
		a.trace.event("handout printed")
	case res.Outcome == printing.Printed:
		// The PDF application reads the file after it was asked to print,
		// so it stays; sweepTempPDFs removes it a day later.
		a.ShowNotice(tr("print.handed_to", "Handed to {{.Program}} to print.", map[string]any{"Program": res.By}), false)
		a.trace.event("handout printed")
	case res.Outcome == printing.InViewer:
		// The viewer still needs the file, so it stays in its private
		// temporary folder until sweepTempPDFs removes it a day later.
		a.showNoticeAction(inViewerMessage(res, path), tr("print.export_pdf", "Export PDF…"), export)
		a.trace.event("handout opened in viewer")
	default:
		a.showNotPrinted(notPrintedMessage(res, path), export, func() {
			// Nothing else will read the file; it holds health data, so
			// it does not stay behind in the temporary folder.
			removeTempPDF(path)
		})
		a.trace.event("handout print failed")
	}
}

// inViewerMessage is the notice for a handout that went to the PDF viewer
// instead of the printer.
func inViewerMessage(res printing.Result, path string) string {
	return tr("print.in_viewer", "Not printed: {{.Reason}}. It is open in your PDF viewer: print it from there. The PDF is saved at {{.Path}} (a temporary copy: Export PDF… keeps one where you choose).",
		map[string]any{"Reason": printReason(res.NotPrintedBecause), "Path": path})
}

// notPrintedMessage says that nothing printed or showed the handout, why,
// where the PDF is for now, and how to get it on paper anyway.
func notPrintedMessage(res printing.Result, path string) string {
	return tr("print.not_printed", "Not printed: {{.Reason}}. No PDF viewer opened it either: {{.NoViewer}}.",
		map[string]any{"Reason": printReason(res.NotPrintedBecause), "NoViewer": printReason(res.NoViewerBecause)}) + "\n\n" +
		tr("print.saved_until_closed", "The PDF is saved at {{.Path}} until you close this message.", map[string]any{"Path": path}) + " " +
		printWayOut()
}

// printReason is why the printing system did not print or show the PDF
// (internal/printing words it in English) in the app's language.
func printReason(why string) string {
	return i18n.For(shownLanguage()).Sentence(why)
}

// printWayOut follows a failed print: the handout can still reach paper.
func printWayOut() string {
	return tr("print.way_out", "To print it anyway, use Export PDF… to save the handout where you choose (on a USB stick, for example), then print the file from a computer that has a printer. To print from here, set up a printer on this computer.")
}

// showNotPrinted is the dialog for a print that reached neither printer
// nor viewer, with Export PDF… as the way out; closed runs when it goes.
func (a *App) showNotPrinted(msg string, export, closed func()) {
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr("print.not_printed.title", "The handout was not printed"), tr("print.export_pdf", "Export PDF…"), tr("button.close", "Close"), text, func(ok bool) {
		closed()
		if ok {
			export()
		}
	}, a.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// tempPDF writes the handout to a private temporary folder, named as it
// would be exported so the viewer and the print queue show a useful title.
func (a *App) tempPDF(po handoutPrintout) (string, error) {
	sweepTempPDFs(time.Now())
	dir, err := os.MkdirTemp("", tempPDFPrefix)
	if err != nil {
		return "", fmt.Errorf("%s: %w", tr("print.no_temp_room", "No room for a temporary file"), err)
	}
	path := filepath.Join(dir, handout.DefaultFileName(dir, po.patient.Name, po.h))
	if err := pdf.Export(path, po.h, po.patient, po.clinic); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}

// tempPDFPrefix starts the name of the private folder tempPDF writes in.
const tempPDFPrefix = "chairside-handout-"

// tempPDFLifetime is how long a PDF handed to a viewer or a PDF
// application may stay in the temporary folder: long enough to print it
// from the viewer during the day, and no copy of a patient's handout
// lingers there for longer (Windows does not empty its temporary folder).
const tempPDFLifetime = 24 * time.Hour

// sweepTempPDFs removes the private folders tempPDF made more than
// tempPDFLifetime before now. A file still open on Windows cannot be
// removed; it is tried again next time.
func sweepTempPDFs(now time.Time) {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPDFPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > tempPDFLifetime {
			removeTempPDF(filepath.Join(tmp, e.Name(), "handout.pdf"))
		}
	}
}

// removeTempPDF deletes a PDF written by tempPDF with its private folder.
// Anything else is left alone: the folder is removed whole, so it must be
// one of ours, never a folder the path merely happens to be in.
func removeTempPDF(path string) {
	dir := filepath.Dir(path)
	if !strings.HasPrefix(filepath.Base(dir), tempPDFPrefix) || filepath.Dir(dir) != filepath.Clean(os.TempDir()) {
		return
	}
	os.RemoveAll(dir)
}

func (a *App) openPDF(path string) error {
	if a.data.open != nil {
		return a.data.open(path)
	}
	return printing.Open(path)
}

// showPrintError shows a failure to export, print or preview in words:
// the error texts of the handout package say what to do.
func (a *App) showPrintError(title string, err error) {
	msg := widget.NewLabel(asSentence(errors.New(printReason(err.Error()))))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, tr("button.close", "Close"), msg, a.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}
