package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/assets"
	"chairside/internal/i18n"
)

// screenWord is one tr/trN call in the ui package's code.
type screenWord struct {
	key, english string
	plural       bool
	at           string
}

// screenWords reads every tr("key", "English") and trN(...) call in the
// ui package's files, so the test below holds the code and the
// catalogues together.
func screenWords(t *testing.T) []screenWord {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []screenWord
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || (fn.Name != "tr" && fn.Name != "trN") {
				return true
			}
			at := fset.Position(call.Pos()).String()
			if len(call.Args) < 2 {
				t.Errorf("%s: %s without its English", at, fn.Name)
				return true
			}
			key, okKey := stringConstant(call.Args[0])
			english, okEn := stringConstant(call.Args[1])
			if !okKey || !okEn {
				// A key made at run time cannot be checked: keep them literal.
				t.Errorf("%s: %s's key and English must be string literals", at, fn.Name)
				return true
			}
			out = append(out, screenWord{key: key, english: english, plural: fn.Name == "trN", at: at})
			return true
		})
	}
	return out
}

// stringConstant evaluates a string literal or a sum of them.
func stringConstant(e ast.Expr) (string, bool) {
	tv, err := types.Eval(token.NewFileSet(), nil, token.NoPos, types.ExprString(e))
	if err != nil || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// catalogue reads one embedded catalogue as go-i18n writes it: a text, or
// plural forms ("one", "other").
func catalogue(t *testing.T, lang string) map[string]json.RawMessage {
	t.Helper()
	data, err := assets.I18n.ReadFile("i18n/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]json.RawMessage
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return c
}

// Every word the screens ask for is in every catalogue, and en.json says
// exactly what the code's English fallback says (so the English on screen
// does not depend on which of the two a reader edits), with plural forms
// exactly where a count is shown. Spanish completeness and placeholders
// are checked for all keys by internal/i18n's tests.
func TestEveryScreenWordIsInTheCatalogues(t *testing.T) {
	words := screenWords(t)
	if len(words) < 150 {
		t.Fatalf("found only %d tr/trN calls: the scan is broken", len(words))
	}
	en := catalogue(t, "en")
	// What Fyne is given (addShownCatalogue): the catalogue without the
	// sentences.
	screens := map[string]map[string]json.RawMessage{}
	for _, lang := range i18n.Langs() {
		data, err := i18n.ScreenWords(lang)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		screens[lang] = m
	}
	for _, w := range words {
		raw, ok := en[w.key]
		if !ok {
			t.Errorf("%s: en.json lacks %q", w.at, w.key)
			continue
		}
		var text string
		var forms map[string]string
		switch {
		case json.Unmarshal(raw, &text) == nil:
			if w.plural {
				t.Errorf("%s: %q shows a count but en.json has no plural forms", w.at, w.key)
			}
		case json.Unmarshal(raw, &forms) == nil:
			if !w.plural {
				t.Errorf("%s: %q has plural forms in en.json but is asked for with tr, not trN", w.at, w.key)
			}
			text = forms["other"]
			if forms["one"] == "" {
				t.Errorf("%s: %q lacks its \"one\" form", w.at, w.key)
			}
		}
		if text != w.english {
			t.Errorf("%s: %q is\n  %q in the code but\n  %q in en.json", w.at, w.key, w.english, text)
		}
		for _, lang := range i18n.Langs() {
			if _, ok := catalogue(t, lang)[w.key]; !ok {
				t.Errorf("%s: %s.json lacks %q", w.at, lang, w.key)
			} else if _, ok := screens[lang][w.key]; !ok {
				t.Errorf("%s: %q is a sentence (said through i18n.Sentence), which Fyne is not given: ask for it there", w.at, w.key)
			}
		}
	}
}

// useLanguage applies choice for the rest of the test and English after
// it, so the other tests keep reading English.
func useLanguage(t *testing.T, choice string) {
	t.Helper()
	if err := applyLanguage(choice); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := applyLanguage("en"); err != nil {
			t.Error(err)
		}
	})
}

// buttonTexts is the text of every button under o.
func buttonTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Split:
			walk(v.Leading)
			walk(v.Trailing)
		}
	}
	walk(o)
	return out
}

// The clinician picks Español in Settings; the next start (a new window
// built after startLanguage, as Run does) speaks Spanish: the toolbar, the
// panel and Settings. Fyne reads the language only when the catalogues
// load, so the choice waits for that start.
func TestChosenLanguageShowsAtTheNextStart(t *testing.T) {
	a, _ := newTestApp(t)
	if got := buttonTexts(a.toolbar); !slices.Contains(got, "Topics") || !slices.Contains(got, "Present") {
		t.Fatalf("English toolbar expected first, got %v", got)
	}
	a.SetLanguageChoice("es")
	if got := a.fyneApp.Preferences().String(languagePrefKey); got != "es" {
		t.Fatalf("language preference %q, want es", got)
	}

	// The next start reads the stored choice before building the window.
	t.Cleanup(func() { _ = applyLanguage("en") })
	startLanguage(a.fyneApp)
	if got := shownLanguage(); got != "es" {
		t.Fatalf("after choosing Español the words come from %q", got)
	}
	if got := appLanguage(); got != "es" {
		t.Errorf("app language %q, want es (the library and new handouts follow it)", got)
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	b := newApp(a.fyneApp, w, testLibrary(t), Options{}, openTestDB(t), nil)
	t.Cleanup(b.stopTimers)
	b.installSettings()
	toolbar := buttonTexts(b.toolbar)
	for _, want := range []string{"Temas", "Presentar", "Ajustes", "Pacientes", "Hacer folleto", "Sin paciente"} {
		if !slices.Contains(toolbar, want) {
			t.Errorf("Spanish toolbar lacks %q: %v", want, toolbar)
		}
	}
	if got := buttonTexts(b.diagramBar); !slices.Contains(got, "Vista lateral") || !slices.Contains(got, "Columna completa") {
		t.Errorf("diagram bar %v, want Spanish views and presets", got)
	}
	if got := b.trailView.count.Text; got != "Mostrado en esta visita: nada todavía" {
		t.Errorf("visit list heading %q", got)
	}
	b.Select("nerve:L5:left")
	if got := b.panel.title.String(); got != "Raíz nerviosa L5 izquierda" {
		t.Errorf("panel title %q, want the Spanish name", got)
	}
	if got := b.panel.place.Text; got != "Espalda baja (columna lumbar) · raíz nerviosa L5" {
		t.Errorf("place line %q", got)
	}
	if got := b.spine.scene().Lang; got != "es" {
		t.Errorf("the diagram's words (Front, Patient's left) are drawn in %q, want es", got)
	}
	if got := b.search.PlaceHolder; !strings.HasPrefix(got, "Buscar:") {
		t.Errorf("search hint %q", got)
	}
	f := newClinicForm(b.win, b.DB, b.trace)
	if err := f.load(); err != nil {
		t.Fatal(err)
	}
	if got := buttonTexts(f.root); !slices.Contains(got, "Guardar los ajustes de la clínica") {
		t.Errorf("Settings' Clinic tab buttons %v", got)
	}
	if f.paper.Selected != "Carta (EE. UU., 8,5 × 11 pulg.)" {
		t.Errorf("paper %q", f.paper.Selected)
	}

	// Back to the system's language: the next start is English again here
	// (the tests run under LANG=C.UTF-8, which names no language).
	b.SetLanguageChoice("")
	startLanguage(b.fyneApp)
	if got := shownLanguage(); got != "en" {
		t.Errorf("with the system's language chosen the words come from %q", got)
	}
}

// Where the system's language does not come from the environment (LC_ALL=C
// here, as on Windows and macOS), the chosen catalogue still wins.
func TestChosenLanguageWithoutTheEnvironment(t *testing.T) {
	t.Setenv("LC_ALL", "C")
	useLanguage(t, "es")
	if got := shownLanguage(); got != "es" {
		t.Fatalf("words come from %q, want es", got)
	}
	if got := tr("toolbar.topics", "Topics"); got != "Temas" {
		t.Errorf("toolbar.topics %q", got)
	}
}

// A plural shows the right form in each language.
func TestCountsReadRight(t *testing.T) {
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 patient"},
		{"en", 3, "3 patients"},
		{"es", 1, "1 paciente"},
		{"es", 3, "3 pacientes"},
	}
	for _, c := range cases {
		useLanguage(t, c.lang)
		if got := trN("restore.summary.patients", "{{.Count}} patients", c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

// A key missing from the catalogues shows its English, never the key.
func TestMissingWordShowsEnglish(t *testing.T) {
	useLanguage(t, "es")
	if got := tr("no.such.key", "Plain English"); got != "Plain English" {
		t.Errorf("missing key gave %q", got)
	}
}

// Fyne holds the words of the language the app shows and not the other
// catalogue's (about 0.6 MB of the idle app's memory): a chosen language
// shows at the next start, so the other's words would never be read; nor
// the sentences (store.*, cli.*), which internal/i18n says.
// Fyne's words are global to the process, so each language is checked in
// a process of its own (this test binary run again).
func TestOnlyTheShownCatalogueIsLoaded(t *testing.T) {
	const child = "CHAIRSIDE_TEST_SHOWN_LANGUAGE"
	shown := os.Getenv(child)
	if shown == "" {
		for _, l := range i18n.Langs() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestOnlyTheShownCatalogueIsLoaded$")
			cmd.Env = append(os.Environ(), child+"="+l)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("shown language %s: %v\n%s", l, err, out)
			}
		}
		return
	}
	if err := applyLanguage(shown); err != nil {
		t.Fatal(err)
	}
	if got, want := tr("toolbar.topics", "Topics"), i18n.For(shown).T("toolbar.topics"); shownLanguage() != shown || got != want {
		t.Fatalf("shown %q, toolbar.topics %q; want %s and %q", shownLanguage(), got, shown, want)
	}
	// Nor the sentences, which are said through internal/i18n.
	sentences := 0
	for _, id := range i18n.Keys(shown) {
		if strings.HasPrefix(id, "store.") || strings.HasPrefix(id, "cli.") {
			sentences++
			if got := tr(id, "(not given to Fyne)"); got != "(not given to Fyne)" {
				t.Errorf("Fyne holds the sentence %s: %q", id, got)
			}
		}
	}
	if sentences < 100 {
		t.Errorf("found only %d sentences in %s.json", sentences, shown)
	}
	for _, other := range i18n.Langs() {
		if other == shown {
			continue
		}
		// Fyne would now pick the other language (adding words makes it
		// read LANGUAGE again), but has none of its words.
		t.Setenv("LANGUAGE", other)
		if err := lang.AddTranslationsForLocale([]byte(`{"language.code": "`+other+`"}`), fyne.Locale(other)); err != nil {
			t.Fatal(err)
		}
		if got := shownLanguage(); got != other {
			t.Fatalf("with LANGUAGE=%s Fyne picks %q: the check below would prove nothing", other, got)
		}
		word := i18n.For(other).T("toolbar.topics")
		if got := tr("toolbar.topics", fmt.Sprintf("(not %q)", word)); got == word {
			t.Errorf("showing %s, Fyne also holds the %s words (toolbar.topics %q)", shown, other, got)
		}
	}
}
