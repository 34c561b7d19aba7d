package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"chairside/internal/handout"
	"chairside/internal/words"
)

// Limits on what a clinician can store. They are generous for real use and
// keep a pasted novel (or a runaway program) from bloating the database.
const (
	MaxNameLen    = 200    // patient name, handout title, clinic fields
	MaxContactLen = 1000   // phone, e-mail, address
	MaxNotesLen   = 50000  // free notes (about 20 pages)
	MaxBodyLen    = 200000 // one item's explanation text
	MaxRefLen     = 200    // structure / topic / condition IDs
	MaxListLen    = 500    // items, marks, stretches, steps, sources …
	MaxLogoBytes  = handout.MaxLogoBytes
)

// checkLine validates a single-line field: valid UTF-8, no control
// characters (NUL, line breaks, tabs), at most max characters.
func checkLine(fs *FieldErrors, field, label, s string, max int) {
	if !utf8.ValidString(s) {
		*fs = append(*fs, FieldError{Field: field, Message: label + " contains bytes that are not text; retype it."})
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		*fs = append(*fs, FieldError{Field: field, Message: fmt.Sprintf("%s is too long (%d characters); the limit is %d.", label, n, max)})
		return
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		*fs = append(*fs, FieldError{Field: field, Message: label + " contains an invisible control character (a line break, tab or NUL); retype it on one line."})
	}
}

// checkText validates free text: valid UTF-8 (so snapshots keep it exactly)
// and at most max characters. Anything else, NUL included, is stored as is.
func checkText(fs *FieldErrors, field, label, s string, max int) {
	if !utf8.ValidString(s) {
		*fs = append(*fs, FieldError{Field: field, Message: label + " contains bytes that are not text; paste it again as plain text."})
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		*fs = append(*fs, FieldError{Field: field, Message: fmt.Sprintf("%s is too long (%d characters); the limit is %d.", label, n, max)})
	}
}

func checkCount(fs *FieldErrors, field, label string, n, max int) bool {
	if n > max {
		*fs = append(*fs, FieldError{Field: field, Message: fmt.Sprintf("%s has %d entries; the limit is %d.", label, n, max)})
		return false
	}
	return true
}

// checkRef validates a required structure, topic or condition ID: missing
// is the message when it is blank.
func checkRef(fs *FieldErrors, field, missing, label, ref string) {
	if strings.TrimSpace(ref) == "" {
		*fs = append(*fs, FieldError{Field: field, Message: missing})
		return
	}
	checkLine(fs, field, label, ref, MaxRefLen)
}

// checkTexts validates a list of short free texts (sources, steps, warning
// signs): at most MaxListLen entries ("Stretch 1's steps has 600 entries"),
// each at most MaxContactLen characters ("Stretch 1's step 3 is too long").
func checkTexts(fs *FieldErrors, field, label, entry string, list []string) {
	if !checkCount(fs, field, label, len(list), MaxListLen) {
		return
	}
	for i, s := range list {
		checkText(fs, fmt.Sprintf("%s[%d]", field, i), fmt.Sprintf("%s %d", entry, i+1), s, MaxContactLen)
	}
}

// foldName makes the sort and search key of a name: folded as the
// library's search folds words (words.Fold: lower case, accents
// removed), runs of spaces collapsed. "Zoë  Ångström" -> "zoe angstrom".
func foldName(s string) string {
	return strings.Join(strings.Fields(words.Fold(s)), " ")
}

// SameName reports whether two names are one person's name as the store
// compares them: accents, case and spacing ignored, so "Jose  NUNEZ" is
// "José Núñez". The app's duplicate-patient check uses it, so that check
// and patient search never disagree.
func SameName(a, b string) bool { return foldName(a) == foldName(b) }

// nameWords are the search words of a folded name: each space-separated
// part with punctuation removed ("o'brien" -> "obrien") and each piece
// between punctuation ("brien", "jean", "luc"), so typing any of them finds
// the patient.
func nameWords(key string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, part := range strings.Fields(key) {
		add(stripPunct(part))
		for _, piece := range strings.FieldsFunc(part, isPunct) {
			add(piece)
		}
	}
	return out
}

func isPunct(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func stripPunct(s string) string {
	return strings.Map(func(r rune) rune {
		if isPunct(r) {
			return -1
		}
		return r
	}, s)
}

// searchWords are the words stored for search: nameWords without those
// that are the start of another ("jean" inside "jeanluc"), since any typed
// prefix of the shorter one also starts the longer one.
func searchWords(key string) []string {
	words := nameWords(key)
	var out []string
	for i, w := range words {
		covered := false
		for j, o := range words {
			if i != j && len(o) > len(w) && strings.HasPrefix(o, w) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, w)
		}
	}
	return out
}

// queryWords are the prefixes a search must match, one per typed word.
func queryWords(q string) []string {
	var out []string
	for _, part := range strings.Fields(foldName(q)) {
		if w := stripPunct(part); w != "" {
			out = append(out, w)
		}
	}
	return out
}
