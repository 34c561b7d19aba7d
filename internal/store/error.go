package store

import (
	"errors"
	"fmt"
	"strings"

	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// Error codes. The UI chooses its dialog from the code and shows Message.
const (
	ENOTFOUND = "ENOTFOUND" // no such patient or handout
	EINVALID  = "EINVALID"  // input refused; Message (and FieldErrors) say what to change
	ECONFLICT = "ECONFLICT" // the change contradicts what is stored (e.g. moving a handout to another patient)
	ECORRUPT  = "ECORRUPT"  // the file is damaged or is not a Chairside database
	ELOCKED   = "ELOCKED"   // another program holds the file locked at open
	EREADONLY = "EREADONLY" // the file or its folder cannot be written or read
	ENEWER    = "ENEWER"    // written by a newer Chairside; left untouched
	EBUSY     = "EBUSY"     // another writer kept the database busy past the timeout
	EMOVED    = "EMOVED"    // the open file was moved or replaced underneath; nothing more is written to it
)

// Error is the store's one error type. Message is written for a clinician
// and says the way out; it never contains patient data (it may say
// "patient 12", never a name). Err keeps the technical cause for logs.
//
// Message is in English. Key is the message's entry in the word
// catalogues (assets/i18n, store.*; "" for a message they lack, which the
// tests do not allow) and Args are what filled it, so ErrorMessageIn says
// the same in the clinician's language. The catalogues' English for Key
// is the format errorf was given: the code reads in English where the
// message arises, and the tests hold the two together.
type Error struct {
	Code    string
	Message string
	Err     error
	Key     string
	Args    []any
	format  string
}

func (e *Error) Error() string {
	if e.Err == nil || e.Err.Error() == e.Message {
		return e.Message
	}
	return e.Message + " (" + e.Err.Error() + ")"
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, or "" for
// other errors.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ErrorMessage returns the text to show a clinician, in English: the
// Message of a store *Error, or a general sentence for anything
// unexpected. ErrorMessageIn says it in another language.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return fmt.Sprintf(unexpected, err.Error())
}

// unexpected is the general sentence for an error the store did not word.
const unexpected = "Something went wrong while reading or writing the database: %s"

// ErrorMessageIn is ErrorMessage in lang ("es"; "" or a language without
// a catalogue reads in English): a store *Error from its catalogue entry
// and arguments, each refused field's message in lang, and the general
// sentence around anything unexpected (whose technical cause stays as the
// system worded it). The parts of a message that are words ("save the
// handout", why a folder cannot be written, a field's name) are in lang
// too; paths and numbers are as they are.
func ErrorMessageIn(err error, lang string) string {
	if err == nil {
		return ""
	}
	w := i18n.For(lang)
	var e *Error
	if errors.As(err, &e) {
		var fs FieldErrors
		switch {
		case e.Key != "":
			return w.Message(e.format, e.Args...)
		case errors.As(e.Err, &fs) && e.Message == fs.Error():
			return fieldsIn(fs, w)
		}
		return w.Sentence(e.Message)
	}
	var fs FieldErrors
	if errors.As(err, &fs) {
		return fieldsIn(fs, w)
	}
	var f FieldError
	if errors.As(err, &f) {
		return w.Sentence(f.Message)
	}
	return w.Message(unexpected, err.Error())
}

// fieldsIn is every refused field's message in w's language, joined as
// FieldErrors.Error joins them.
func fieldsIn(fs FieldErrors, w i18n.Words) string {
	msgs := make([]string, len(fs))
	for i, f := range fs {
		msgs[i] = w.Sentence(f.Message)
	}
	return strings.Join(msgs, " ")
}

// FieldsIn is Fields with each message in lang, for a form that shows
// each refusal beside its field.
func FieldsIn(err error, lang string) map[string]string {
	out := Fields(err)
	w := i18n.For(lang)
	for k, m := range out {
		out[k] = w.Sentence(m)
	}
	return out
}

func errorf(code string, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause,
		Key: i18n.SentenceKey(format), Args: args, format: format}
}

// FieldError and FieldErrors are the model's (handout.FieldError): one
// refused field with a message for the clinician, and all of them in field
// order. The store reports its own checks (patients, clinic settings) with
// the same types, so the app shows every refusal the same way.
type (
	FieldError  = handout.FieldError
	FieldErrors = handout.FieldErrors
)

// Fields maps each refused field to its message; empty when err holds no
// field errors. The UI calls it after a failed Create/Update/Save.
func Fields(err error) map[string]string {
	var fs FieldErrors
	if !errors.As(err, &fs) {
		var f FieldError
		if errors.As(err, &f) {
			return map[string]string{f.Field: f.Message}
		}
		return map[string]string{}
	}
	out := make(map[string]string, len(fs))
	for _, f := range fs {
		if _, seen := out[f.Field]; !seen {
			out[f.Field] = f.Message
		}
	}
	return out
}

// invalid turns collected field errors into an EINVALID *Error, or nil.
func invalid(fs FieldErrors) error {
	if len(fs) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: fs.Error(), Err: fs}
}
