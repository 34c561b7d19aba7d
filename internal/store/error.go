package store

import (
	"errors"
	"fmt"

	"chairside/internal/handout"
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
type Error struct {
	Code    string
	Message string
	Err     error
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

// ErrorMessage returns the text to show a clinician: the Message of a
// store *Error, or a general sentence for anything unexpected.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong while reading or writing the database: " + err.Error()
}

func errorf(code string, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause}
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
