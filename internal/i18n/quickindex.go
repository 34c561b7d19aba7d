package i18n

import (
	"encoding/json"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// A catalogue as Chairside writes it is one flat JSON object: each key a
// message ID, each value the message's text or its plural forms
// ({"one": "…", "other": "…"}). quickIndex reads such a file without
// decoding it: it finds each key and where its value lies, and a message
// is decoded the first time it is asked for. go-i18n's own parser decodes
// the whole file into maps, a map per message, to print the few dozen
// words a handout uses: that was a twentieth of a cold `chairside
// handouts export`.
//
// Anything else go-i18n accepts (nested objects, go-i18n's other message
// keys, v1 arrays, keys in capitals, a key given twice) and anything that
// is not JSON makes quickIndex give up, and the file goes to go-i18n's
// parser, so its meaning and its errors stay go-i18n's.
// TestQuickIndexReadsAsGoI18n holds the two readings equal for every
// catalogue.

// indexed is a catalogue file read by quickIndex: its IDs, sorted, and
// each one's value as it lies in the file, a JSON string or an object of
// plural forms.
type indexed struct {
	ids    []string
	values []string
}

// pluralForms are the keys quickIndex takes inside a message's object:
// go-i18n's plural forms, in lower case.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// quickIndex indexes data, the catalogue file name; ok is false when the
// file is not of the plain shape above (go-i18n must read it).
func quickIndex(data []byte, name string) (ix indexed, tag language.Tag, ok bool) {
	base := path.Base(name)
	lang, ext, found := strings.Cut(base, ".")
	if !found || ext != "json" || lang == "" {
		return ix, tag, false
	}
	s := string(data)
	sc := scanner{s: s}
	sc.space()
	if !sc.take('{') {
		return ix, tag, false
	}
	type entry struct{ id, value string }
	var entries []entry
	sc.space()
	if !sc.take('}') {
		for {
			sc.space()
			id, ok := sc.plainString()
			if !ok || reservedKey(id) {
				return ix, tag, false
			}
			sc.space()
			if !sc.take(':') {
				return ix, tag, false
			}
			sc.space()
			start := sc.i
			switch {
			case sc.at('"'):
				if _, ok := sc.str(); !ok {
					return ix, tag, false
				}
			case sc.at('{'):
				if !sc.forms() {
					return ix, tag, false
				}
			default:
				return ix, tag, false
			}
			entries = append(entries, entry{id, s[start:sc.i]})
			sc.space()
			if sc.take('}') {
				break
			}
			if !sc.take(',') {
				return ix, tag, false
			}
		}
	}
	sc.space()
	if sc.i != len(s) {
		return ix, tag, false
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.id, b.id) })
	ix.ids = make([]string, len(entries))
	ix.values = make([]string, len(entries))
	for i, e := range entries {
		if i > 0 && e.id == entries[i-1].id {
			return indexed{}, tag, false // a key twice: JSON keeps the last, go-i18n decides
		}
		ix.ids[i], ix.values[i] = e.id, e.value
	}
	return ix, language.Make(lang), true
}

// reservedKey says whether a top-level key is one of go-i18n's message
// keys (in any case): go-i18n then reads the whole file as one message,
// or refuses it.
func reservedKey(id string) bool {
	switch strings.ToLower(id) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "translation",
		"zero", "one", "two", "few", "many", "other":
		return true
	}
	return false
}

// message decodes the message at i, as go-i18n would have made it.
func (ix *indexed) message(i int) *goi18n.Message {
	m := &goi18n.Message{ID: ix.ids[i]}
	v := ix.values[i]
	if v[0] == '"' {
		m.Other = unquote(v)
		return m
	}
	sc := scanner{s: v, i: 1}
	for {
		sc.space()
		if sc.take('}') {
			return m
		}
		sc.take(',')
		sc.space()
		form, _ := sc.plainString()
		sc.space()
		sc.take(':')
		sc.space()
		start := sc.i
		sc.str()
		text := unquote(v[start:sc.i])
		switch form {
		case "zero":
			m.Zero = text
		case "one":
			m.One = text
		case "two":
			m.Two = text
		case "few":
			m.Few = text
		case "many":
			m.Many = text
		case "other":
			m.Other = text
		}
	}
}

// unquote is the text of a JSON string quickIndex found well formed.
func unquote(q string) string {
	body := q[1 : len(q)-1]
	if !strings.Contains(body, `\`) && utf8.ValidString(body) {
		return body
	}
	var s string
	if err := json.Unmarshal([]byte(q), &s); err != nil {
		panic("i18n: a string quickIndex passed does not decode: " + err.Error())
	}
	return s
}

// scanner walks a JSON text by hand: the few shapes quickIndex accepts.
type scanner struct {
	s string
	i int
}

func (sc *scanner) space() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

func (sc *scanner) at(c byte) bool { return sc.i < len(sc.s) && sc.s[sc.i] == c }

func (sc *scanner) take(c byte) bool {
	if sc.at(c) {
		sc.i++
		return true
	}
	return false
}

// str passes a JSON string, checked as encoding/json checks it (no
// control characters, only JSON's escapes), and reports whether it held
// an escape.
func (sc *scanner) str() (escaped, ok bool) {
	if !sc.take('"') {
		return false, false
	}
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case c == '"':
			sc.i++
			return escaped, true
		case c < 0x20:
			return false, false
		case c == '\\':
			escaped = true
			if sc.i+1 >= len(sc.s) {
				return false, false
			}
			switch sc.s[sc.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				sc.i += 2
			case 'u':
				if sc.i+6 > len(sc.s) {
					return false, false
				}
				for _, h := range []byte(sc.s[sc.i+2 : sc.i+6]) {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false, false
					}
				}
				sc.i += 6
			default:
				return false, false
			}
		default:
			sc.i++
		}
	}
	return false, false
}

// plainString is a string without escapes, as it is (the keys: an ID
// with an escape in it goes to go-i18n).
func (sc *scanner) plainString() (string, bool) {
	start := sc.i
	escaped, ok := sc.str()
	if !ok || escaped {
		return "", false
	}
	body := sc.s[start+1 : sc.i-1]
	return body, utf8.ValidString(body)
}

// forms passes an object of plural forms, each a string, each form once.
func (sc *scanner) forms() bool {
	sc.take('{')
	var seen [6]bool
	sc.space()
	if sc.take('}') {
		return false // {} is not a message to go-i18n
	}
	for {
		sc.space()
		form, ok := sc.plainString()
		if !ok {
			return false
		}
		f := slices.Index(pluralForms, form)
		if f < 0 || seen[f] {
			return false
		}
		seen[f] = true
		sc.space()
		if !sc.take(':') {
			return false
		}
		sc.space()
		if _, ok := sc.str(); !ok {
			return false
		}
		sc.space()
		if sc.take('}') {
			return true
		}
		if !sc.take(',') {
			return false
		}
	}
}
