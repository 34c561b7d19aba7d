package ui

import (
	"errors"
	"testing"

	"chairside/internal/store"
)

// The dialog's text: what failed, the store's plain reason, what is kept;
// a field refusal shows its own message and nothing of the raw error.
func TestStoreProblemText(t *testing.T) {
	field := store.FieldError{Field: "family", Message: "give the family name"}
	if got, want := storeProblemText("the handout was not saved", field, "everything you typed is still in the editor"),
		"The handout was not saved.\n\nGive the family name.\n\nEverything you typed is still in the editor."; got != want {
		t.Errorf("field refusal:\n got %q\nwant %q", got, want)
	}
	storeErr := errors.New("database is locked")
	if got, want := storeProblemText("", storeErr, ""), asSentence(errors.New(store.ErrorMessage(storeErr))); got != want {
		t.Errorf("store error alone:\n got %q\nwant %q", got, want)
	}
}
