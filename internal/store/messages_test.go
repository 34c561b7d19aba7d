package store

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/patient"
)

// storeFormats reads every message format the store's code words itself:
// the errorf formats, and what the store was doing ("save handout %d")
// where it names that in a message.
func storeFormats(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	out := map[string]string{} // format → where
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			var lit ast.Expr
			switch n := n.(type) {
			case *ast.CallExpr:
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					if fn.Name == "errorf" && len(n.Args) >= 3 {
						lit = n.Args[2]
					}
					if fn.Name == "dbError" && len(n.Args) > 0 {
						lit = sprintfFormat(n.Args[0])
					}
				case *ast.SelectorExpr:
					if fn.Sel.Name == "begin" && len(n.Args) > 1 {
						lit = sprintfFormat(n.Args[1])
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "what" {
						lit = sprintfFormat(n.Rhs[0])
					}
				}
			}
			s, ok := lit.(*ast.BasicLit)
			if !ok || s.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(s.Value)
			if err != nil || v == "%s" {
				return true
			}
			out[v] = fset.Position(s.Pos()).String()
			return true
		})
	}
	return out
}

// sprintfFormat is e itself, or the format of fmt.Sprintf(format, …):
// what := fmt.Sprintf("read handout %d", id).
func sprintfFormat(e ast.Expr) ast.Expr {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return e
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
		return call.Args[0]
	}
	return e
}

// Every message the store words has its entry in every catalogue, and
// each translation takes the same arguments, of the same kinds, as the
// English: a store message the clinician cannot read in their language
// fails here, not in the clinic.
func TestEveryStoreMessageIsInEveryCatalogue(t *testing.T) {
	formats := storeFormats(t)
	if len(formats) < 80 {
		t.Fatalf("found only %d store messages: the scan is broken", len(formats))
	}
	for format, at := range formats {
		key := i18n.SentenceKey(format)
		if key == "" {
			t.Errorf("%s: no store.* entry in en.json has the English %q", at, format)
			continue
		}
		want := i18n.SentenceVerbs(format)
		for _, lang := range i18n.Langs() {
			text := i18n.For(lang).T(key)
			if !slices.Contains(i18n.Keys(lang), key) {
				t.Errorf("%s: %s.json lacks %q", at, lang, key)
				continue
			}
			if got := i18n.SentenceVerbs(text); !slices.Equal(got, want) && !droppedOnly(got, want, text) {
				t.Errorf("%s: %s's %s takes %v, the English %v", at, lang, key, got, want)
			}
		}
	}
}

// droppedOnly allows a translation that leaves an argument out, where it
// numbers the ones it keeps (%[1]s): fmt then does not flag the extra.
func droppedOnly(got, want []string, text string) bool {
	if !strings.Contains(text, "%[") {
		return false
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			return false
		}
	}
	return len(got) > 0
}

// english finds English words that must not be left in a Spanish message.
var english = regexp.MustCompile(`\b(the|is|not|was|choose|could|cannot|with|this|has|its|mark it|try again)\b`)

// The messages a clinician meets, made by the store and the model as they
// make them, read in Spanish throughout: the store's own errors with
// their arguments ("what was being done" too), each refused field with
// its field's name, the model's rules, and the general sentence around a
// cause the store did not word.
func TestStoreMessagesInSpanish(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	_, missingHandout := db.GetHandout(ctx, 4242)
	_, missingPatient := db.GetPatient(ctx, 77)
	folder := t.TempDir()
	backupToFolder := db.Backup(ctx, folder)
	_, emptyBackup := CheckBackup(ctx, emptyFile(t))
	dob := time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)
	badPatient := (&Patient{Name: "   ", DOB: &dob, Lang: "english please", Notes: "x\xffy"}).Validate()
	longTitle := validateHandout(&handout.Handout{PatientID: 1, Title: strings.Repeat("t", MaxNameLen+1), Status: handout.Draft, Lang: "es", Date: time.Now(),
		Items:    []handout.Item{{Ref: "disc:L4-L5", Title: "x", Body: "y", Sources: []string{strings.Repeat("s", MaxContactLen+1)}}},
		HomeCare: handout.HomeCare{Stretches: []handout.Stretch{{ID: "exercise:x", Name: strings.Repeat("n", MaxNameLen+1)}}},
		Marks:    []handout.Mark{{Structure: "nerve:L5:left", Finding: handout.Bulge}, {Structure: "facet:L4-L5:left", Finding: handout.Narrowing, Detail: handout.Detail{Side: "right"}}}}, time.Now())
	clinic := ValidateClinic(handout.Clinic{Paper: "legal", Logo: []byte("not an image")})
	_, noDay := patient.ParseDOB("1980-02-30")
	fracture := handout.Mark{Structure: "vertebra:C1", Finding: handout.Fracture}.Validate()
	memory := checkPath(":memory:")
	busy := dbError(doingSave, errors.New("disk I/O"))
	cases := []struct {
		name string
		err  error
		want []string // in the Spanish message
	}{
		{"missing handout", missingHandout, []string{"El folleto 4242 no existe"}},
		{"missing patient", missingPatient, []string{"El paciente 77 no existe"}},
		{"backup to a folder", backupToFolder, []string{folder + " es una carpeta", "copia de seguridad"}},
		{"empty backup", emptyBackup, []string{"es un archivo vacío (0 bytes)"}},
		{"patient fields", badPatient, []string{"Escriba el nombre del paciente.", "La fecha de nacimiento es anterior a 1900", "El idioma debe ser un código", "Hay bytes que no son texto en las notas"}},
		{"handout fields", longTitle, []string{"Hay demasiado texto en el título (", "la fuente 1 de la explicación 1", "el nombre del estiramiento 1",
			"La marca 1: Disco abultado solo se puede marcar en un disco, no en esta parte (raíz nerviosa L5 izquierda)",
			"La marca 2: esta parte (articulación facetaria L4–L5 izquierda) es de un solo lado"}},
		{"clinic fields", clinic, []string{`El tamaño del papel debe ser "letter" o "a4".`, "No se puede usar el logotipo: este archivo no es una imagen PNG ni JPEG"}},
		{"date of birth", noDay, []string{"Ese mes no tiene ese día"}},
		{"a mark's rule", fracture, []string{"una fractura por compresión se marca en una vértebra con cuerpo (de C2 a L5), no en esta parte (vértebra C1 (atlas))"}},
		{"a path SQLite would misread", memory, []string{`":memory:" es una base de datos que solo existe`}},
		{"what the store was doing", busy, []string{"Algo falló al leer o escribir la base de datos: guardar el folleto: disk I/O"}},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error to word", c.name)
			continue
		}
		es := ErrorMessageIn(c.err, "es")
		for _, w := range c.want {
			if !strings.Contains(es, w) {
				t.Errorf("%s: Spanish message\n  %q\nlacks %q", c.name, es, w)
			}
		}
		if m := english.FindString(es); m != "" {
			t.Errorf("%s: English %q left in the Spanish message %q", c.name, m, es)
		}
		if en := ErrorMessageIn(c.err, "en"); en != messageEN(c.err) {
			t.Errorf("%s: English message %q, want it as the store words it, %q", c.name, en, messageEN(c.err))
		}
		if pt := ErrorMessageIn(c.err, "pt"); pt != messageEN(c.err) {
			t.Errorf("%s: a language without a catalogue reads %q, want the English", c.name, pt)
		}
	}
}

// doingSave is what the store says it was doing in a save's messages.
const doingSave = "save the handout"

// messageEN is the English a clinician reads today.
func messageEN(err error) string {
	var e *Error
	var f FieldError
	var fs FieldErrors
	switch {
	case errors.As(err, &e):
		return ErrorMessage(err)
	case errors.As(err, &fs):
		return fs.Error()
	case errors.As(err, &f):
		return f.Message
	}
	return ErrorMessage(err)
}

// A store error says, in Spanish, what it was doing and why, with what
// it was doing in Spanish too: the parts are words as well.
func TestStoreErrorPartsInSpanish(t *testing.T) {
	err := errorf(EREADONLY, nil, "Could not %s: the database %s is read-only (the file or its folder cannot be written). Everything in it can still be read, exported and backed up; to save again, make the file and its folder writable and start Chairside again.",
		"save handout 12", "/srv/clinic/chairside.db")
	if err.Key != "store.read_only" {
		t.Errorf("key %q, want store.read_only", err.Key)
	}
	got := ErrorMessageIn(err, "es")
	if !strings.HasPrefix(got, "No se pudo guardar el folleto 12: la base de datos /srv/clinic/chairside.db es de solo lectura") {
		t.Errorf("Spanish %q", got)
	}
	restore := restoreFolderError("/srv/clinic", os.ErrPermission)
	if got := ErrorMessageIn(restore, "es"); !strings.Contains(got, "No se puede restaurar en /srv/clinic: usted no tiene permiso para escribir") {
		t.Errorf("restore folder: %q", got)
	}
}

func emptyFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
