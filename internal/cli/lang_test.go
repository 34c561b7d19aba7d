package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"chairside/internal/i18n"
)

// langEnv sets the language variables for one test, all of them, so the
// machine's own do not leak in.
func langEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, v := range []string{"CHAIRSIDE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, vars[v])
	}
}

// The user's language is found as the C library finds the messages'
// locale (LC_ALL, then LC_MESSAGES, then LANG; the first set), with
// gettext's LANGUAGE ahead of it unless that locale is C, and
// CHAIRSIDE_LANG ahead of everything.
func TestAppLanguageFollowsTheCLibrary(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, ""},
		{map[string]string{"LANG": "es_MX.UTF-8"}, "es"},
		{map[string]string{"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "es_ES.UTF-8", "LANG": "es_ES.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, ""},
		{map[string]string{"LANGUAGE": "es:en", "LANG": "en_US.UTF-8"}, "es"},
		{map[string]string{"LANGUAGE": "es", "LANG": "C.UTF-8"}, ""},
		{map[string]string{"CHAIRSIDE_LANG": "es", "LC_ALL": "en_US.UTF-8"}, "es"},
		{map[string]string{"LC_ALL": "", "LANG": "pt_BR.UTF-8"}, "pt"},
	}
	for _, c := range cases {
		langEnv(t, c.env)
		if got := appLanguage(); got != c.want {
			t.Errorf("%v: %q, want %q", c.env, got, c.want)
		}
	}
}

// explain, topics and search speak the user's language without --lang;
// --lang overrides; a C locale reads English.
func TestTextsFollowTheUsersLanguage(t *testing.T) {
	langEnv(t, map[string]string{"LANG": "es_MX.UTF-8"})
	if _, out, errs := runCLI(t, "explain", "disc:L4-L5"); !strings.HasPrefix(out, "# El disco L4–L5") {
		t.Errorf("explain under es_MX: %q (stderr %q)", firstLine(out), errs)
	}
	if _, out, _ := runCLI(t, "explain", "disc:L4-L5", "--lang", "en"); !strings.HasPrefix(out, "# The L4–L5 disc") {
		t.Errorf("explain --lang en: %q", firstLine(out))
	}
	if _, out, _ := runCLI(t, "search", "dedo gordo"); !strings.Contains(out, "nerve:L5") {
		t.Errorf("search in Spanish by default: %q", out)
	}
	if _, out, _ := runCLI(t, "topics"); !strings.Contains(out, "topic:cracking-your-back\tTronarse la espalda") {
		t.Errorf("topics in Spanish: %q", out)
	}
	langEnv(t, map[string]string{"LC_ALL": "C", "LANG": "es_MX.UTF-8"})
	if _, out, _ := runCLI(t, "explain", "disc:L4-L5"); !strings.HasPrefix(out, "# The L4–L5 disc") {
		t.Errorf("explain under LC_ALL=C: %q", firstLine(out))
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

// The commands clinicians use say what went wrong in the user's language:
// a flag the command does not know, a store error with its cause after
// it, a refused date of birth, a refused export language.
func TestErrorsInTheUsersLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	langEnv(t, map[string]string{"LANG": "C.UTF-8"})
	mustChairside(t, "--db", db, "patients", "add", "--name", "Ann Lee")
	langEnv(t, map[string]string{"LANG": "es_ES.UTF-8"})
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "handouts", "export", "7", "--out", filepath.Join(t.TempDir(), "h.pdf"), "--colour"},
			"chairside handouts export: opción desconocida --colour (ejecute 'chairside handouts export --help' para ver sus opciones)\n"},
		{[]string{"--db", db, "handouts", "export", "99", "--out", filepath.Join(t.TempDir(), "h.pdf")},
			"chairside handouts export: El folleto 99 no existe; vuelva a elegirlo en la lista del paciente.\n"},
		{[]string{"--db", db, "handouts", "export", "1", "--out", "x.pdf", "--lang", "fr"},
			`chairside handouts export: --lang "fr": los folletos se imprimen en en or es` + "\n"},
		{[]string{"--db", db, "patients", "add", "--name", "Bo Diaz", "--dob", "1980-02-30"},
			"chairside patients add: --dob: Ese mes no tiene ese día; revise la fecha de nacimiento (año-mes-día, p. ej. 1980-05-17).\n"},
		{[]string{"--db", db, "patients", "list", "--limit", "-2"},
			"chairside patients list: --limit -2: indique 0 (todos) o más\n"},
		{[]string{"--db", db, "handouts", "show"},
			"chairside handouts show: indique un identificador de folleto, p. ej. chairside handouts show 12 ('chairside handouts list --patient ID' los muestra)\n"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, c.args...)
		if code != ExitUsage || errs != c.want {
			t.Errorf("%v: exit %d\n got %q\nwant %q", c.args, code, errs, c.want)
		}
	}
	// A store error keeps its technical cause after the words, as in English.
	langEnv(t, map[string]string{"LANG": "C.UTF-8"})
	if _, _, errs := runCLI(t, "--db", db, "handouts", "export", "99", "--out", filepath.Join(t.TempDir(), "h.pdf")); !strings.Contains(errs, "Handout 99 does not exist") {
		t.Errorf("English: %q", errs)
	}
}

// Every message the commands clinicians use word themselves (patients,
// handouts, export, their flags and the database path) has its entry in
// every catalogue with the same arguments.
func TestEveryCLIMessageIsInEveryCatalogue(t *testing.T) {
	fset := token.NewFileSet()
	n := 0
	for _, f := range []string{"cli.go", "flags.go", "store.go", "export.go", "out.go", "handout_exercises.go"} {
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
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || !(pkg.Name == "fmt" && sel.Sel.Name == "Errorf" || pkg.Name == "errors" && sel.Sel.Name == "New") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			format, _ := strconv.Unquote(lit.Value)
			if format == "%s: %w" || format == "%w" {
				return true // a value's own refusal, prefixed: its words are its own
			}
			format = strings.ReplaceAll(format, "%w", "%s")
			n++
			at := fset.Position(lit.Pos()).String()
			key := i18n.SentenceKey(format)
			if key == "" {
				t.Errorf("%s: no cli.* or store.* entry in en.json has the English %q", at, format)
				return true
			}
			for _, lang := range i18n.Langs() {
				if !slices.Contains(i18n.Keys(lang), key) {
					t.Errorf("%s: %s.json lacks %q", at, lang, key)
				} else if got, want := i18n.SentenceVerbs(i18n.For(lang).T(key)), i18n.SentenceVerbs(format); !slices.Equal(got, want) {
					t.Errorf("%s: %s's %s takes %v, the English %v", at, lang, key, got, want)
				}
			}
			return true
		})
	}
	if n < 40 {
		t.Fatalf("found only %d messages: the scan is broken", n)
	}
}
