package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/store"
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
}

// printout gathers the handout's patient and the clinic settings from the
// database.
func (a *App) printout(h *handout.Handout) (handoutPrintout, error) {
	if h == nil {
		return handoutPrintout{}, errors.New("there is no handout to print")
	}
	db := a.db
	if db == nil {
		return handoutPrintout{}, errors.New("no database is open")
	}
	ctx := context.Background()
	out := handoutPrintout{h: *h}
	if h.PatientID != 0 {
		p, err := db.GetPatient(ctx, h.PatientID)
		if err != nil {
			return out, errors.New(store.ErrorMessage(err))
		}
		out.patient = handout.Patient{ID: p.ID, Name: p.Name, DOB: p.DOB}
	}
	c, err := db.Clinic(ctx)
	if err != nil {
		return out, errors.New(store.ErrorMessage(err))
	}
	out.clinic = c
	return out, nil
}

// ExportHandout asks where to save the handout as a PDF, suggesting a name
// such as Núñez_José_2026-11-24_handout-12.pdf, and writes it.
func (a *App) ExportHandout(h *handout.Handout) {
	po, err := a.printout(h)
	if err != nil {
		a.showPrintError("The handout could not be exported", err)
		return
	}
	showSaveAs(a.win, saveAsOptions{
		Title:     "Export the handout as PDF",
		Confirm:   "Export",
		Dir:       a.fyneApp.Preferences().StringWithFallback(prefExportFolder, homeDir()),
		Name:      handout.DefaultFileName("", po.patient.Name, po.h),
		Ext:       ".pdf",
		Overwrite: true,
	}, func(path string) {
		a.fyneApp.Preferences().SetString(prefExportFolder, filepath.Dir(path))
		if err := a.exportTo(po, path); err != nil {
			a.showPrintError("The handout could not be exported", err)
			return
		}
		a.ShowNotice("Handout saved as "+path, false)
	})
}

// exportTo writes the PDF to path (all or nothing: the handout package
// writes a temporary file and renames it).
func (a *App) exportTo(po handoutPrintout, path string) error {
	if err := handout.ExportPDF(path, po.h, po.patient, po.clinic); err != nil {
		a.trace.event("handout export failed (handout %d)", po.h.ID)
		return err
	}
	// The file name holds the patient's name, so the trace names the handout by ID.
	a.trace.event("handout exported (handout %d)", po.h.ID)
	return nil
}

// PrintHandout sends the handout to the printer, or opens it in the PDF
// viewer when the computer has no printing system, and says which.
func (a *App) PrintHandout(h *handout.Handout) {
	po, err := a.printout(h)
	if err != nil {
		a.showPrintError("The handout could not be printed", err)
		return
	}
	path, err := a.tempPDF(po)
	if err != nil {
		a.showPrintError("The handout could not be printed", err)
		return
	}
	a.inBackground("Sending to the printer…", func() error { return a.printFile(path) }, func(err error) {
		a.reportPrint(path, err)
	})
}

// printFile hands the PDF to the printing system (or the viewer).
func (a *App) printFile(path string) error {
	if a.data.print != nil {
		return a.data.print(path)
	}
	return handout.Print(path)
}

// reportPrint says what became of a print: sent, opened in the viewer to
// print from there, or failed and why.
func (a *App) reportPrint(path string, err error) {
	switch {
	case err == nil:
		a.trace.event("handout printed")
		a.ShowNotice("Sent to printer.", false)
		// The spooler has its own copy now.
		removeTempPDF(path)
	case errors.Is(err, handout.ErrOpenedInViewer):
		// The viewer still needs the file, so it stays in its private temp folder.
		a.trace.event("handout opened in viewer")
		a.ShowNotice("Opened in your PDF viewer: "+asSentence(err)+" Print it from there.", false)
	default:
		a.trace.event("handout print failed")
		// Nothing will read the file now; it holds health data, so it
		// does not stay behind in the temporary folder.
		removeTempPDF(path)
		// Saying what failed is not enough at the front desk: say what to do.
		a.showPrintError("The handout could not be printed", fmt.Errorf("%s %s", asSentence(err), printWayOut))
	}
}

// printWayOut follows a failed print: the handout can still reach paper.
const printWayOut = "To print it anyway, use Export PDF… to save the handout (on a USB stick, for example), " +
	"then print the file from a computer that has a printer. To print from here, set up a printer on this computer."

// tempPDF writes the handout to a private temporary folder, named as it
// would be exported so the viewer and the print queue show a useful title.
func (a *App) tempPDF(po handoutPrintout) (string, error) {
	dir, err := os.MkdirTemp("", tempPDFPrefix)
	if err != nil {
		return "", fmt.Errorf("no room for a temporary file: %w", err)
	}
	path := filepath.Join(dir, handout.DefaultFileName(dir, po.patient.Name, po.h))
	if err := handout.ExportPDF(path, po.h, po.patient, po.clinic); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}

// tempPDFPrefix starts the name of the private folder tempPDF writes in.
const tempPDFPrefix = "chairside-handout-"

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
	po      handoutPrintout
	pdfPath string
	page    image.Image
	problem string // why there is no page image; "" when there is one
}

// renderPreview writes the handout's PDF and draws its first page. Only a
// PDF that cannot be written is an error; a page that cannot be drawn
// (pdftoppm missing) leaves the PDF to print, export or view.
func (a *App) renderPreview(h *handout.Handout) (*handoutPreview, error) {
	po, err := a.printout(h)
	if err != nil {
		return nil, err
	}
	path, err := a.tempPDF(po)
	if err != nil {
		return nil, err
	}
	pv := &handoutPreview{po: po, pdfPath: path}
	draw := handout.PreviewFirstPage
	if a.data.preview != nil {
		draw = a.data.preview
	}
	img, err := draw(path, previewWidthPx)
	switch {
	case errors.Is(err, handout.ErrNoPreviewTool):
		pv.problem = "The preview needs the program pdftoppm (from poppler-utils), which is not installed on this computer. " +
			"The handout itself is ready: print it, export it, or open it in your PDF viewer to look at it. " +
			"To get the preview here, install poppler-utils (or run make setup)."
	case err != nil:
		pv.problem = "The first page could not be drawn for the preview (" + err.Error() + "). " +
			"The handout itself is ready: print it, export it, or open it in your PDF viewer."
	default:
		pv.page = img
	}
	a.trace.event("handout preview (handout %d, page drawn %v)", po.h.ID, pv.page != nil)
	return pv, nil
}

// PreviewHandout shows the handout's first page as it will print, with
// Print and Export buttons.
func (a *App) PreviewHandout(h *handout.Handout) {
	var pv *handoutPreview
	a.inBackground("Preparing the preview…", func() error {
		var err error
		pv, err = a.renderPreview(h)
		return err
	}, func(err error) {
		if err != nil {
			a.showPrintError("The preview could not be made", err)
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
		note := widget.NewLabelWithStyle("The first page, as it will print. Print and Export PDF give the whole handout.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		body = container.NewBorder(nil, note, nil, nil, container.NewScroll(img))
	} else {
		msg := widget.NewLabel(pv.problem)
		msg.Wrapping = fyne.TextWrapWord
		icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
		body = container.NewBorder(nil, nil, container.NewVBox(icon), nil, msg)
		viewer = widget.NewButtonWithIcon("Open in PDF viewer", theme.FileApplicationIcon(), func() {
			handedOff = true // the viewer reads it after this returns
			if err := a.openPath(pv.pdfPath); err != nil {
				a.showPrintError("The PDF viewer could not be opened", err)
				return
			}
			a.trace.event("handout opened in viewer")
		})
	}
	printBtn := widget.NewButtonWithIcon("Print", theme.DocumentPrintIcon(), func() {
		handedOff = true // reportPrint removes it once printed
		d.Hide()
		a.inBackground("Sending to the printer…", func() error { return a.printFile(pv.pdfPath) }, func(err error) {
			a.reportPrint(pv.pdfPath, err)
		})
	})
	printBtn.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon("Export PDF…", theme.DocumentSaveIcon(), func() {
		d.Hide()
		h := pv.po.h
		a.ExportHandout(&h)
	})
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), func() { d.Hide() })
	btns := []fyne.CanvasObject{closeBtn}
	if viewer != nil {
		btns = append(btns, viewer)
	}
	btns = append(btns, export, printBtn)
	d = dialog.NewCustomWithoutButtons("Print preview", body, a.win)
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

// showPrintError shows a failure to export, print or preview in words:
// the error texts of the handout package say what to do.
func (a *App) showPrintError(title string, err error) {
	msg := widget.NewLabel(asSentence(err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Close", msg, a.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}
