package handout

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// DefaultFileName suggests a file name for a saved handout, unique per
// handout: "Núñez_José_2026-11-24_handout-12.pdf" for handout 12 of José
// Núñez, seen on 24 November 2026. The surname (the last word, or the part
// before a comma in "Núñez, José") comes first. The patient's letters are
// kept in any script (Латиница, 山田, محمد); punctuation, symbols, control
// and invisible characters become word breaks, so nothing unsafe on Linux,
// macOS or Windows remains. The name part is at most maxNameBytes long,
// cut between characters, and, when dir (the folder it will be saved in)
// is known, short enough for the whole path to stay within Windows' 259
// characters; with dir "" only the name is bounded. A handout not saved
// yet (ID 0) gets no number.
func DefaultFileName(dir, patientName string, h Handout) string {
	name := strings.TrimSpace(patientName)
	var words []string
	if surname, given, ok := strings.Cut(name, ","); ok {
		words = append(fileWords(surname), fileWords(given)...)
	} else {
		words = fileWords(name)
		if len(words) > 1 {
			words = append([]string{words[len(words)-1]}, words[:len(words)-1]...)
		}
	}
	stem := strings.Join(words, "_")
	if stem == "" {
		stem = "Patient"
	}
	var tail string
	if !h.Date.IsZero() {
		tail += "_" + h.Date.Format("2006-01-02")
	}
	tail += "_handout"
	if h.ID > 0 {
		tail += fmt.Sprintf("-%d", h.ID)
	}
	tail += ".pdf"
	budget := maxNameBytes
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		// Windows counts UTF-16 units; one more for the separator.
		room := windowsMaxPath - utf16Len(dir) - 1 - utf16Len(tail)
		budget = min(budget, room)
	}
	stem = cutStem(stem, budget)
	if stem == "" {
		// No room for the name at all: the date and number still tell
		// handouts apart.
		return windowsSafe(strings.TrimPrefix(tail, "_"))
	}
	return windowsSafe(stem + tail)
}

// maxNameBytes bounds the patient's part of a default file name: room for
// a long name in any script, well inside the 255 bytes a file name may
// have on Linux and macOS.
const maxNameBytes = 120

// windowsMaxPath is the longest path Windows programs can count on
// (MAX_PATH, 260, less the closing NUL).
const windowsMaxPath = 259

// cutStem shortens a name part to at most budget bytes and budget UTF-16
// units, between characters, without a dangling separator at the end.
func cutStem(stem string, budget int) string {
	if budget <= 0 {
		return ""
	}
	bytes, units := 0, 0
	for i, r := range stem {
		n := 1
		if r > 0xFFFF {
			n = 2
		}
		if bytes+utf8.RuneLen(r) > budget || units+n > budget {
			stem = stem[:i]
			break
		}
		bytes += utf8.RuneLen(r)
		units += n
	}
	return strings.TrimRight(stem, "_-")
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// fileWords splits a name into words of letters, marks and digits of any
// script, and hyphens; apostrophes (O'Neil) and initials' dots are dropped
// and anything else separates words.
func fileWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsDigit(r), r == '-':
			b.WriteRune(r)
		case r == '\'', r == '’', r == '.':
		default:
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		if w = strings.Trim(w, "-"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// windowsSafe makes a file name that Windows accepts, which is then also
// accepted on Linux and macOS: the characters <>:"/\|?* and control
// characters become "_", trailing dots and spaces go, and a reserved
// device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with any extension,
// any case) gets a "_" in front, since Windows would open the device
// instead of a file.
func windowsSafe(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimRight(name, ". ")
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	switch u := strings.ToUpper(base); {
	case u == "CON", u == "PRN", u == "AUX", u == "NUL", u == "CONIN$", u == "CONOUT$",
		len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9',
		(strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && strings.ContainsAny(u[3:], "¹²³") && utf8.RuneCountInString(u) == 4:
		name = "_" + name
	}
	if name == "" {
		name = "_"
	}
	return name
}
