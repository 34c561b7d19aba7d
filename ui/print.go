package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/draft"
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

// handoutPreview is a handout written to a temporary PDF with its first
// page drawn, or, when the page could not be drawn, a message saying why.
type handoutPreview struct {
	po handoutPrintout // as printed, in the language chosen for it
	// saved is the handout as saved, in its own language: choosing
	// another language for the printout starts again from it.
	saved   handout.Handout
	pdfPath string
	page    image.Image
	problem string // why there is no page image; "" when there is one
}

// renderPreview writes the handout's PDF and draws its first page. Only a
// PDF that cannot be written is an error; a page that cannot be drawn
// (pdftoppm missing) leaves the PDF to print, export or view.
func (a *App) renderPreview(h *handout.Handout) (*handoutPreview, error) {
	return a.renderPreviewIn(h, "")
}

// renderPreviewIn is renderPreview with the handout printed in lang for
// this printout only ("" or the handout's own language: as saved).
func (a *App) renderPreviewIn(h *handout.Handout, lang string) (*handoutPreview, error) {
	po, err := a.printoutIn(h, lang)
	if err != nil {
		return nil, err
	}
	path, err := a.tempPDF(po)
	if err != nil {
		return nil, err
	}
	pv := &handoutPreview{po: po, saved: *h, pdfPath: path}
	draw := pdf.PreviewFirstPage
	if a.data.preview != nil {
		draw = a.data.preview
	}
	img, err := draw(path, previewWidthPx)
	switch {
	case errors.Is(err, pdf.ErrNoPreviewTool):
		pv.problem = tr("print.preview.no_tool", "The preview needs the program pdftoppm (from poppler-utils), which is not installed on this computer. The handout itself is ready: print it, export it, or open it in your PDF viewer to look at it. To get the preview here, install poppler-utils (or run make setup).")
	case err != nil:
		pv.problem = tr("print.preview.not_drawn", "The first page could not be drawn for the preview ({{.Reason}}). The handout itself is ready: print it, export it, or open it in your PDF viewer.", map[string]any{"Reason": err.Error()})
	default:
		pv.page = img
	}
	a.trace.event("handout preview (handout %d, %s, page drawn %v)", po.h.ID, po.h.Lang, pv.page != nil)
	return pv, nil
}

// printoutIn is the printout with the handout in lang for this printout
// only (draft.InLanguage: the library's texts in lang, what the clinician
// typed as typed). Nothing is saved: the handout and the patient's
// language stay as they are. "" or the handout's own language prints it
// as saved.
func (a *App) printoutIn(h *handout.Handout, lang string) (handoutPrintout, error) {
	po, err := a.printout(h)
	if err != nil || lang == "" || lang == h.Lang {
		return po, err
	}
	lib, err := a.handouts.libIn(lang)
	if err != nil {
		return po, err
	}
	po.h = draft.InLanguage(po.h, lib)
	return po, nil
}

// printLanguage is one language the preview offers to print in.
type printLanguage struct{ code, label string }

// printLanguages are the languages a handout can print in: every
// catalogue's, by its own name, the patient's marked as such, and the
// handout's own even without a catalogue (it prints as saved).
func printLanguages(handoutLang, patientLang string) []printLanguage {
	codes := i18n.Langs()
	if handoutLang != "" && !slices.Contains(codes, handoutLang) {
		codes = append(codes, handoutLang)
	}
	patientLang = draft.LocaleLang(patientLang)
	out := make([]printLanguage, 0, len(codes))
	for _, code := range codes {
		label := code
		if i18n.Has(code) {
			label = i18n.For(code).T("language.name")
		}
		if code == patientLang {
			label = tr("print.lang.patients", "{{.Language}} (the patient's language)", map[string]any{"Language": label})
		}
		out = append(out, printLanguage{code, label})
	}
	return out
}

// PreviewHandout shows the handout's first page as it will print, with
// Print and Export buttons.
func (a *App) PreviewHandout(h *handout.Handout) { a.previewIn(h, "") }

// previewIn is PreviewHandout with the handout printed in lang ("" for
// its own language).
func (a *App) previewIn(h *handout.Handout, lang string) {
	var pv *handoutPreview
	a.inBackground(tr("print.preview.preparing", "Preparing the preview…"), func() error {
		var err error
		pv, err = a.renderPreviewIn(h, lang)
		return err
	}, func(err error) {
		if err != nil {
			a.showPrintError(tr("print.preview.failed", "The preview could not be made"), err)
			return
		}
		a.showPreview(pv)
	})
}

// showPreview is the preview dialog over an already rendered preview.
func (a *App) showPreview(pv *handoutPreview) dialog.Dialog {
	var d *dialog.CustomDialog
	var body fyne.CanvasObject
	var viewer *widget.Button
	// handedOff: the PDF went to the printer or the viewer, which take
	// care of it; otherwise it is removed when the preview closes.
	handedOff := false
	if pv.page != nil {
		img := canvas.NewImageFromImage(pv.page)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		// A page at a readable size; the dialog keeps the paper's proportions.
		b := pv.page.Bounds()
		w := float32(560)
		img.SetMinSize(fyne.NewSize(w, w*float32(b.Dy())/float32(max(b.Dx(), 1))))
		note := widget.NewLabelWithStyle(tr("print.preview.note", "The first page, as it will print. Print and Export PDF give the whole handout."), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		body = container.NewBorder(nil, note, nil, nil, container.NewScroll(img))
	} else {
		msg := widget.NewLabel(pv.problem)
		msg.Wrapping = fyne.TextWrapWord
		icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
		body = container.NewBorder(nil, nil, container.NewVBox(icon), nil, msg)
		viewer = widget.NewButtonWithIcon(tr("print.open_viewer", "Open in PDF viewer"), theme.FileApplicationIcon(), func() {
			if err := a.openPDF(pv.pdfPath); err != nil {
				a.showPrintError(tr("print.viewer_failed", "The PDF viewer did not open"), errors.New(tr("print.viewer_failed.reason", "It did not open: {{.Reason}}. Print and Export PDF… still work from here", map[string]any{"Reason": printReason(err.Error())})))
				return
			}
			handedOff = true // the viewer reads it after this returns
			a.trace.event("handout opened in viewer")
		})
	}
	printBtn := widget.NewButtonWithIcon(tr("print.print", "Print"), theme.DocumentPrintIcon(), func() {
		handedOff = true // reportPrint removes it once printed
		d.Hide()
		a.printInBackground(pv.po, pv.pdfPath)
	})
	printBtn.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon(tr("print.export_pdf", "Export PDF…"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		h := pv.po.h
		a.ExportHandout(&h)
	})
	closeBtn := widget.NewButtonWithIcon(tr("button.close", "Close"), theme.CancelIcon(), func() { d.Hide() })
	btns := []fyne.CanvasObject{closeBtn}
	if viewer != nil {
		btns = append(btns, viewer)
	}
	btns = append(btns, export, printBtn)
	body = container.NewBorder(a.printLanguageRow(pv, func() { d.Hide() }), nil, nil, nil, body)
	d = dialog.NewCustomWithoutButtons(tr("print.preview.title", "Print preview"), body, a.win)
	d.SetButtons(btns)
	d.SetOnClosed(func() {
		// A preview looked at and closed leaves no copy of the handout
		// (health data) in the temporary folder.
		if !handedOff {
			removeTempPDF(pv.pdfPath)
		}
	})
	if pv.page != nil {
		d.Resize(fyne.NewSize(660, min(a.win.Canvas().Size().Height-40, 900)))
	} else {
		d.Resize(fyne.NewSize(620, 0))
	}
	d.Show()
	return d
}

// printLanguageRow is the preview's choice of the language to print in
// for this visit: the handout's own first selected (it was written in the
// patient's language when it was made). Another choice closes this
// preview (hide) and makes the preview again in that language; Print and
// Export then give that language. Nothing is stored.
func (a *App) printLanguageRow(pv *handoutPreview, hide func()) fyne.CanvasObject {
	langs := printLanguages(pv.saved.Lang, pv.po.patientLang)
	labels := make([]string, len(langs))
	for i, l := range langs {
		labels[i] = l.label
	}
	sel := widget.NewSelect(labels, nil)
	for i, l := range langs {
		if l.code == pv.po.h.Lang {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		i := sel.SelectedIndex()
		if i < 0 || langs[i].code == pv.po.h.Lang {
			return
		}
		hide()
		saved := pv.saved
		a.trace.event("handout preview language %s (handout %d)", langs[i].code, saved.ID)
		a.previewIn(&saved, langs[i].code)
	}
	note := widget.NewLabel(tr("print.lang.note", "For this printout only: the saved handout and the patient's language do not change."))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	// The list takes the row's width: a language marked as the patient's
	// ("Español (el idioma del paciente)") reads whole.
	row := container.NewBorder(nil, nil, boldLabel(tr("print.lang.label", "Print in")), nil, sel)
	return container.NewVBox(row, note)
}

// openPDF shows a PDF in the system's viewer and says why when it did not
// open (Fyne's OpenURL cannot tell).
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
