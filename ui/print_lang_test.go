package ui

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/printing"
	"chairside/internal/store"
)

// selectsUnder is every drop-down list under o.
func selectsUnder(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	for _, c := range walk(o) {
		if s, ok := c.(*widget.Select); ok {
			out = append(out, s)
		}
	}
	return out
}

// The print preview speaks the app's language, and offers to print the
// handout in another language for this visit: a Spanish-speaking
// patient's English handout prints in Spanish (the Spanish library's
// texts, the clinician's title as typed) without the saved handout or
// the patient's language changing.
func TestPreviewPrintsInAnotherLanguageForOneVisit(t *testing.T) {
	fa := test.NewTempApp(t)
	startLanguage(fa)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	var trace syncBuffer
	a := newApp(fa, w, testLibrary(t), Options{}, openTestDB(t), &trace)
	t.Cleanup(a.stopTimers)
	useLanguage(t, "es")
	var drawn []string
	a.data.preview = func(path string, w int) (image.Image, error) {
		drawn = append(drawn, path)
		return image.NewRGBA(image.Rect(0, 0, w, w*11/8)), nil
	}
	p := &store.Patient{Name: "Ana Ruiz", Lang: "es"}
	if err := a.DB().CreatePatient(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h := testHandout(t, a, "Someone Else")
	h.PatientID = p.ID

	pv, err := a.renderPreview(h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(pv.pdfPath)) })
	if pv.po.h.Lang != "en" || pv.po.h.Items[0].Title != "The L4-L5 disc" {
		t.Fatalf("by default the handout prints as saved; got %s %q", pv.po.h.Lang, pv.po.h.Items[0].Title)
	}
	a.showPreview(pv)
	top := a.win.Canvas().Overlays().Top()
	for _, b := range []string{"Imprimir", "Exportar PDF…", "Cerrar"} {
		findButton(t, top, b)
	}
	if text := strings.Join(labels(top), " "); !strings.Contains(text, "Imprimir en") || !strings.Contains(text, "Solo para esta impresión") {
		t.Errorf("preview text %q: want the Spanish language choice and its note", text)
	}
	sels := selectsUnder(top)
	if len(sels) != 1 {
		t.Fatalf("%d drop-down lists in the preview, want the language", len(sels))
	}
	sel := sels[0]
	if sel.Selected != "English" || !slices.Contains(sel.Options, "Español (el idioma del paciente)") {
		t.Fatalf("language list %q, chosen %q", sel.Options, sel.Selected)
	}

	sel.SetSelected("Español (el idioma del paciente)")
	deadline := time.Now().Add(20 * time.Second)
	// The trace's line once the Spanish dialog is shown: its drawing runs
	// on the preview's goroutine, which must be done before the test ends
	// (the next test's app clears Fyne's caches under it).
	for !strings.Contains(trace.String(), "handout preview (handout 7, es,") || !strings.Contains(trace.String(), "preview shown in es") {
		if time.Now().After(deadline) {
			t.Fatalf("no Spanish preview within 20 s; trace %q", trace.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Dir(pv.pdfPath)); !os.IsNotExist(err) {
		t.Errorf("the English preview's PDF stayed behind (%v)", err)
	}
	if len(drawn) != 2 {
		t.Fatalf("pages drawn %d, want the English then the Spanish", len(drawn))
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(drawn[1])) })

	// What the Spanish printout holds, and what stays as it was.
	po, err := a.printoutIn(h, "es")
	if err != nil {
		t.Fatal(err)
	}
	es, err := content.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := es.Explain("disc:L4-L5")
	if po.h.Lang != "es" || po.h.Items[0].Title != want.Title || po.h.Title != "Your low back" {
		t.Errorf("Spanish printout: %s, item %q (want %q), title %q as typed", po.h.Lang, po.h.Items[0].Title, want.Title, po.h.Title)
	}
	if h.Lang != "en" || h.Items[0].Title != "The L4-L5 disc" {
		t.Error("printing in Spanish changed the handout itself")
	}
	if got, err := a.DB().GetPatient(context.Background(), p.ID); err != nil || got.Lang != "es" {
		t.Errorf("patient's language after the printout %q (%v)", got.Lang, err)
	}
}

// The languages offered: every catalogue by its own name, the patient's
// marked, a handout's own language even without a catalogue.
func TestPrintLanguages(t *testing.T) {
	names := func(ls []printLanguage) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.code+"="+l.label)
		}
		return out
	}
	if got := names(printLanguages("en", "es_MX.UTF-8")); !slices.Equal(got, []string{"en=English", "es=Español (the patient's language)"}) {
		t.Errorf("es_MX patient: %q", got)
	}
	if got := names(printLanguages("pt", "")); !slices.Equal(got, []string{"en=English", "es=Español", "pt=pt"}) {
		t.Errorf("a Portuguese handout: %q", got)
	}
}

// The mark tools and their legend in Spanish: buttons, fields, the
// finding list, its details, and the legend line as the handout prints it.
func TestMarkToolsInSpanish(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	useLanguage(t, "es")
	e := openEditorFor(t, a, addPatient(t, db, "Ann Lee"))
	if got := e.markBtn.Text; got != "Marcar en el diagrama (Ctrl+M)" {
		t.Errorf("mark button %q", got)
	}
	if !slices.Contains(e.finding.Options, "Hernia de disco") || e.finding.Selected != "Disco abultado" {
		t.Errorf("findings %q, chosen %q", e.finding.Options, e.finding.Selected)
	}
	if e.findingOpt.Selected != "Recto hacia atrás (o el lado tocado)" {
		t.Errorf("detail %q", e.findingOpt.Selected)
	}
	text := strings.Join(labels(e.markTools), " ")
	for _, w := range []string{"Hallazgo", "Detalle", "Nota"} {
		if !strings.Contains(text, w) {
			t.Errorf("mark tools %q lack %q", text, w)
		}
	}
	e.setMarking(true)
	if e.markBtn.Text != "Dejar de marcar (Ctrl+M)" || !strings.HasPrefix(e.markHint.Text, "El modo de marcar está activo") {
		t.Errorf("marking: button %q, hint %q", e.markBtn.Text, e.markHint.Text)
	}
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Herniation))
	e.findingOpt.SetSelected("Hacia la izquierda")
	e.markNote.SetText("peor al sentarse")
	e.addMark("disc:L4-L5")
	var legend []string
	for _, o := range walk(e.marksBox) {
		if l, ok := o.(*widget.Label); ok {
			legend = append(legend, l.Text)
		}
	}
	if len(legend) != 1 || legend[0] != "1. Disco L4–L5: Hernia de disco (peor al sentarse)" {
		t.Errorf("legend %q", legend)
	}
}

// Why the printing system did not print reads in the app's language: the
// "not printed" dialog under Spanish says it in Spanish.
func TestPrintReasonsInSpanish(t *testing.T) {
	newTestApp(t) // the catalogues loaded, as Run does
	useLanguage(t, "es")
	msg := notPrintedMessage(printing.Result{Outcome: printing.NotPrinted,
		NotPrintedBecause: "this computer has no printing system (lp or lpr)", NoViewerBecause: "xdg-open is not installed"}, "/tmp/h.pdf")
	for _, want := range []string{"No se imprimió: esta computadora no tiene sistema de impresión (lp ni lpr).",
		"Tampoco lo abrió ningún visor de PDF: xdg-open no está instalado.", "El PDF está guardado en /tmp/h.pdf"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// Every reason internal/printing words has its entry in every catalogue.
func TestEveryPrintingReasonIsInTheCatalogues(t *testing.T) {
	files, err := filepath.Glob("../internal/printing/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !(sel.Sel.Name == "Errorf" || sel.Sel.Name == "New") {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || (pkg.Name != "fmt" && pkg.Name != "errors") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			format, _ := strconv.Unquote(lit.Value)
			if format == "print: %w" || format == "%s: %w" {
				return true // a wrapper: its words are the wrapped error's
			}
			n++
			key := i18n.SentenceKey(strings.ReplaceAll(format, "%w", "%s"))
			if key == "" {
				t.Errorf("%s: no print.reason.* entry in en.json has the English %q", fset.Position(lit.Pos()), format)
				return true
			}
			for _, lang := range i18n.Langs() {
				if !slices.Contains(i18n.Keys(lang), key) {
					t.Errorf("%s.json lacks %q", lang, key)
				}
			}
			return true
		})
	}
	if n < 10 {
		t.Fatalf("found only %d reasons: the scan is broken", n)
	}
}
