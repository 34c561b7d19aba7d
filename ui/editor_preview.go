package ui

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/pdf"
)

// livePreviewDelay is how long the editor waits after the last change
// before it lays the handout out again: the page count is cheap, the first
// page's picture (a PDF drawn by pdftoppm) is not, and typing should not
// wait for either.
const livePreviewDelay = 1200 * time.Millisecond

// livePreviewWidthPx is the width the first page is drawn at beside the
// editor: a thumbnail, enough to see the layout, not to read it.
const livePreviewWidthPx = 300

// livePreviewAfter is the preview's clock: its own, so the autosave's
// timers (which the tests count) stay the autosave's alone.
var livePreviewAfter timerFunc = realTimer

// editorPreview shows, in the editor, how many pages the handout prints on
// and a small picture of its first page, brought up to date a moment after
// each change.
type editorPreview struct {
	e     *handoutEditor
	wait  *autosaver // the debounce
	pages *widget.Label
	page  *canvas.Image
	gen   int // the latest picture asked for; older ones are dropped
	root  fyne.CanvasObject
}

func newEditorPreview(e *handoutEditor) *editorPreview {
	p := &editorPreview{e: e}
	p.pages = widget.NewLabel("")
	p.pages.Wrapping = fyne.TextWrapWord
	p.page = canvas.NewImageFromImage(nil)
	p.page.FillMode = canvas.ImageFillContain
	p.page.SetMinSize(fyne.NewSize(150, 194))
	p.page.Hide()
	p.wait = newAutosaver(livePreviewDelay, livePreviewAfter, p.update)
	p.root = container.NewVBox(p.pages, container.NewCenter(p.page))
	p.wait.Changed()
	return p
}

// changed is called after every edit: the preview follows once the
// editor is quiet.
func (p *editorPreview) changed() { p.wait.Changed() }

// livePreviewDraw draws a PDF's first page; tests replace it.
var livePreviewDraw = pdf.PreviewFirstPage

// livePreviewShown is called once a new first page is shown (or hidden);
// tests wait on it.
var livePreviewShown = func() {}

// printout is the handout with its patient and the clinic, as it prints.
func (p *editorPreview) printout(h *handout.Handout) (handout.Patient, handout.Clinic, error) {
	db := p.e.desk.db()
	if db == nil {
		return handout.Patient{}, handout.Clinic{}, errors.New(tr("print.no_database", "No patient database is open"))
	}
	ctx := context.Background()
	var pt handout.Patient
	if h.PatientID != 0 {
		sp, err := db.GetPatient(ctx, h.PatientID)
		if err != nil {
			return pt, handout.Clinic{}, errors.New(storeMessage(err))
		}
		pt = sp.ForHandout()
	}
	c, err := db.Clinic(ctx)
	if err != nil {
		return pt, c, errors.New(storeMessage(err))
	}
	return pt, c, nil
}

// update counts the pages now and draws the first page in the
// background, from a PDF in a private temporary folder removed at once.
func (p *editorPreview) update() {
	h, err := p.e.collect(p.e.h.Status)
	var pt handout.Patient
	var c handout.Clinic
	if err == nil {
		pt, c, err = p.printout(h)
	}
	if err == nil {
		var n int
		if n, err = pdf.Pages(*h, pt, c); err == nil {
			p.pages.SetText(trN("preview.pages", "Prints on {{.Count}} pages", n))
		}
	}
	if err != nil {
		p.pages.SetText(tr("preview.not_laid_out", "No preview: {{.Reason}}", map[string]any{"Reason": err.Error()}))
		return
	}
	p.gen++
	gen, draw, shown := p.gen, livePreviewDraw, livePreviewShown
	go func() {
		var img image.Image
		if dir, err := os.MkdirTemp("", tempPDFPrefix); err == nil {
			path := filepath.Join(dir, "preview.pdf")
			if pdf.Export(path, *h, pt, c) == nil {
				img, _ = draw(path, livePreviewWidthPx) // no picture (no pdftoppm): the count still shows
			}
			os.RemoveAll(dir)
		}
		fyne.Do(func() {
			if gen != p.gen {
				return // a newer picture is on its way
			}
			if img == nil {
				p.page.Hide()
			} else {
				p.page.Image = img
				p.page.Show()
				p.page.Refresh()
			}
			shown()
		})
	}()
}

// stop ends the wait when the editor closes.
func (p *editorPreview) stop() { p.wait.Stop() }
