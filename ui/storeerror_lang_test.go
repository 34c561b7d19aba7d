package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// Under Spanish the store's failures and refusals read in Spanish: a
// handout that is not there, a refused field, and a mark the model's
// rules refuse in the editor.
func TestStoreMessagesFollowTheAppsLanguage(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	_, missing := db.GetHandout(context.Background(), 4242)
	if got := storeMessage(missing); !strings.HasPrefix(got, "Handout 4242 does not exist") {
		t.Errorf("English: %q", got)
	}
	useLanguage(t, "es")
	if got := storeMessage(missing); !strings.HasPrefix(got, "El folleto 4242 no existe") {
		t.Errorf("Spanish: %q", got)
	}
	refused := db.SaveClinic(context.Background(), handout.Clinic{Paper: "legal"})
	if got := storeProblemText("", refused, ""); got != `El tamaño del papel debe ser "letter" o "a4".` {
		t.Errorf("refused field: %q", got)
	}

	e := openEditorFor(t, a, addPatient(t, db, "Ann Lee"))
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Fracture))
	e.addMark("vertebra:C1")
	if got := e.markHint.Text; !strings.HasPrefix(got, "Una fractura por compresión se marca en una vértebra con cuerpo") {
		t.Errorf("the editor's refusal of a mark: %q", got)
	}
}
