package ui

import (
	"errors"
	"image"
	"slices"

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
)

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
		// Tests wait for this line: the dialog is up, nothing of the
		// preview still runs.
		a.trace.event("preview shown in %s", lang)
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
