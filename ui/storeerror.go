package ui

import (
	"errors"
	"strings"

	"chairside/internal/i18n"
	"chairside/internal/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// The one way a failure of the patient database reaches the clinician.
// Every screen that calls the store shows its errors through
// showStoreError, so the wording, the language and what is (and is not)
// shown are decided here: the store's own plain message, never a driver's
// raw text with a patient's details in it.

// storeMessage is err as the store words it for a clinician. A field
// refusal (a patient's name left empty, a dose out of range) is its own
// message.
func storeMessage(err error) string {
	var fe store.FieldError
	if errors.As(err, &fe) {
		return i18n.For(shownLanguage()).Sentence(fe.Message)
	}
	return store.ErrorMessageIn(err, shownLanguage())
}

// storeProblemText is what showStoreError shows: what could not be done
// (doing, a sentence; may be empty), then the store's reason, then what
// the clinician still has (kept, a sentence; may be empty), one paragraph
// each.
func storeProblemText(doing string, err error, kept string) string {
	parts := make([]string, 0, 3)
	for _, p := range []string{doing, storeMessage(err), kept} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, asSentence(errors.New(p)))
		}
	}
	return strings.Join(parts, "\n\n")
}

// showStoreError shows a store failure over w: doing says what could not
// be done ("The handout was not saved"), kept what is safe anyway
// ("Everything you typed is still in the editor"); either may be empty.
func showStoreError(w fyne.Window, doing string, err error, kept string) {
	dialog.ShowError(errors.New(storeProblemText(doing, err, kept)), w)
}
