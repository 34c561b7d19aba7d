package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText is the PDF's text through poppler's pdftotext, lines joined.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(bin, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// --lang es prints one handout in Spanish for this export: the fixed
// words, the date, the explanations and the red flags in Spanish, what
// the clinician typed as typed, and the saved handout unchanged.
func TestHandoutsExportInSpanish(t *testing.T) {
	dbFlag, id := exportFixture(t)
	_, before, _ := runCLI(t, append(dbFlag, "handouts", "show", id)...)
	dir := t.TempDir()
	es := filepath.Join(dir, "es.pdf")
	code, stdout, errs := runCLI(t, append(dbFlag, "handouts", "export", id, "--out", es, "--lang", "ES")...)
	if code != 0 || errs != "" || stdout != "Wrote "+es+"\n" {
		t.Fatalf("export --lang es: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	text := pdfText(t, es)
	for _, want := range []string{
		"Your low back", "Walk every day.", // typed by the clinician: as typed
		"Visita: ", " de 20", "Fecha de nacimiento: 8 de marzo de 1979",
		"Disco abultado – disco L4–L5",
		"Cuándo buscar ayuda de inmediato", "Llame ahora al número de emergencias:",
		"Qué hacer", "Página 1 de ",
		"Esta hoja es para aprender. No es un diagnóstico.",
		"raíz nerviosa", // the explanations are the Spanish library's
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish export lacks %q", want)
		}
	}
	for _, english := range []string{"When to seek care right away", "Page 1 of", "Date of birth", "What to do"} {
		if strings.Contains(text, english) {
			t.Errorf("the Spanish export prints the English %q", english)
		}
	}
	// The saved handout is as it was, and prints in English again.
	if _, after, _ := runCLI(t, append(dbFlag, "handouts", "show", id)...); after != before {
		t.Errorf("export --lang changed the saved handout:\n%s\n---\n%s", before, after)
	}
	en := filepath.Join(dir, "en.pdf")
	if code, _, errs := runCLI(t, append(dbFlag, "handouts", "export", id, "--out", en)...); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	if text := pdfText(t, en); !strings.Contains(text, "When to seek care right away") || strings.Contains(text, "Cuándo buscar") {
		t.Error("after a Spanish export, the plain export is not in English")
	}
}

func TestHandoutsExportLangErrors(t *testing.T) {
	dbFlag, id := exportFixture(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "a.pdf")
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no catalogue", []string{id, "--out", out, "--lang", "fr"}, `--lang "fr": handouts print in en or es`},
		{"not a code", []string{id, "--out", out, "--lang", "Spanish"}, "handouts print in en or es"},
		{"twice", []string{id, "--out", out, "--lang", "es", "--lang", "en"}, "--lang"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errs := runCLI(t, append(append(append([]string{}, dbFlag...), "handouts", "export"), tt.args...)...)
			if code != ExitUsage || stdout != "" || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, errs, ExitUsage, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused exports left %d files", len(entries))
	}
}
