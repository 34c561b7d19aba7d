// Chairside addition to go-i18n (see CHAIRSIDE.md, change 3): a message
// file of the plain shape, one flat JSON object of texts and plural forms,
// read without decoding it into maps first. One scanner serves two
// readers: ParseMessageFileBytes makes every message of such a file
// (Fyne's fourteen catalogues, at every start of the program), and
// IndexMessageFileBytes only finds them, each message made the first time
// it is asked for (Chairside's printed words: a handout prints a few dozen
// of a thousand).

package i18n

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// stdJSON is encoding/json.Unmarshal's code address: the plain reading
// stands in only for it, never for an unmarshaler of the caller's own.
var stdJSON = reflect.ValueOf(json.Unmarshal).Pointer()

func isStdJSON(f UnmarshalFunc) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == stdJSON
}

// MessageIndex is a message file of the plain shape, scanned: where each
// message lies in the file, in ID order. A message is made when Message
// asks for it, as ParseMessageFileBytes would have made it.
type MessageIndex struct {
	// Tag is the file's language, from its path as ParseMessageFileBytes
	// reads it.
	Tag     language.Tag
	entries []indexEntry // sorted by ID, each ID once
}

// indexEntry is one message of the file: its ID and its value as it lies
// in the file, a JSON string or an object of plural forms, both checked.
type indexEntry struct {
	id, value string
}

// IndexMessageFileBytes indexes buf, the message file at path, when it is
// a JSON file (by its path's extension, as ParseMessageFileBytes decides)
// of the plain shape: one flat object whose values are strings or objects
// of lower-case plural forms with string values, no key given twice and no
// top-level key among go-i18n's message keys. ok is false for anything
// else (nested IDs, other message keys, v1 arrays, a key given twice, an
// empty file, not JSON): ParseMessageFileBytes then gives the file its
// meaning or its error. The messages are those ParseMessageFileBytes
// makes with encoding/json.
func IndexMessageFileBytes(buf []byte, path string) (ix *MessageIndex, ok bool) {
	lang, format := parsePath(path)
	if format != "json" {
		return nil, false
	}
	s := string(buf)
	entries := []indexEntry{}
	ok = walkPlainJSON(s, func(id string, sc *jsonScanner) bool {
		start := sc.i
		if !sc.value(nil) {
			return false
		}
		entries = append(entries, indexEntry{id, s[start:sc.i]})
		return true
	})
	if !ok {
		return nil, false
	}
	slices.SortFunc(entries, func(a, b indexEntry) int { return strings.Compare(a.id, b.id) })
	if idRepeats(len(entries), func(i int) string { return entries[i].id }) {
		return nil, false
	}
	return &MessageIndex{Tag: language.Make(lang), entries: entries}, true
}

// Len is how many messages the file holds.
func (ix *MessageIndex) Len() int { return len(ix.entries) }

// ID is the ID of message i (IDs sort in byte order).
func (ix *MessageIndex) ID(i int) string { return ix.entries[i].id }

// Find is the position of message id, and whether the file has it.
func (ix *MessageIndex) Find(id string) (int, bool) {
	return slices.BinarySearchFunc(ix.entries, id, func(e indexEntry, id string) int {
		return strings.Compare(e.id, id)
	})
}

// RawValue is message i's value as it lies in the file, a JSON string or
// an object of plural forms, checked as encoding/json checks it: for a
// caller that copies some of the file's messages into another JSON file
// without decoding them.
func (ix *MessageIndex) RawValue(i int) string { return ix.entries[i].value }

// Message makes message i, as ParseMessageFileBytes makes it: a new
// Message each time.
func (ix *MessageIndex) Message(i int) *Message {
	e := ix.entries[i]
	m := &Message{ID: e.id}
	sc := jsonScanner{s: e.value}
	if !sc.value(m) {
		panic("i18n: a message the index checked does not read: " + e.value)
	}
	return m
}

// quickJSONMessages is every message of buf, made as it is scanned, when
// buf is of the plain shape (IndexMessageFileBytes); ok is false for
// anything else, which ParseMessageFileBytes then reads the usual way.
// Fyne's lang package loads its fourteen catalogues this way in an init
// function, so every start of every command paid for decoding them into
// maps.
func quickJSONMessages(buf []byte) (msgs []*Message, ok bool) {
	msgs = []*Message{}
	ok = walkPlainJSON(string(buf), func(id string, sc *jsonScanner) bool {
		m := &Message{ID: id}
		msgs = append(msgs, m)
		return sc.value(m)
	})
	if !ok {
		return nil, false
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	slices.Sort(ids)
	if idRepeats(len(ids), func(i int) string { return ids[i] }) {
		return nil, false
	}
	return msgs, true
}

// walkPlainJSON walks s when it is one flat JSON object, calling read
// with each key and the scanner at the key's value, which read passes
// with sc.value; ok is false when s is not such an object, a key has an
// escape or is one of go-i18n's message keys (the usual reading then
// takes the whole file as one message, or refuses it), or read refuses a
// value.
func walkPlainJSON(s string, read func(id string, sc *jsonScanner) bool) (ok bool) {
	sc := jsonScanner{s: s}
	sc.space()
	if !sc.take('{') {
		return false
	}
	sc.space()
	if !sc.take('}') {
		for {
			sc.space()
			id, ok := sc.plainString()
			if !ok || isReservedKey(id) {
				return false
			}
			sc.space()
			if !sc.take(':') {
				return false
			}
			sc.space()
			if !read(id, &sc) {
				return false
			}
			sc.space()
			if sc.take('}') {
				break
			}
			if !sc.take(',') {
				return false
			}
		}
	}
	sc.space()
	return sc.i == len(s)
}

// idRepeats says whether an ID of a file's messages, sorted, is given
// twice: JSON keeps the last, and the usual reading decides what go-i18n
// makes of it.
func idRepeats(n int, id func(i int) string) bool {
	for i := 1; i < n; i++ {
		if id(i) == id(i-1) {
			return true
		}
	}
	return false
}

// longestReservedKey is the length of the longest of go-i18n's message
// keys ("description", "translation").
const longestReservedKey = 11

// isReservedKey says whether a top-level key is one of go-i18n's message
// keys, in any case (strings.ToLower, as isReserved reads them): the
// usual reading then takes the whole file as one message, or refuses it.
// An ASCII key keeps its length in lower case, and a short one is lowered
// on the stack: Fyne's keys are words in capitals ("Cancel"), and
// strings.ToLower made a new string for each.
func isReservedKey(id string) bool {
	for i := 0; i < len(id); i++ {
		if id[i] >= utf8.RuneSelf {
			_, ok := reservedKeys[strings.ToLower(id)]
			return ok
		}
	}
	if len(id) > longestReservedKey {
		return false
	}
	var lower [longestReservedKey]byte
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	_, ok := reservedKeys[string(lower[:len(id)])]
	return ok
}

// jsonScanner walks the few JSON shapes of the plain message file.
type jsonScanner struct {
	s string
	i int
}

func (sc *jsonScanner) space() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

func (sc *jsonScanner) at(c byte) bool { return sc.i < len(sc.s) && sc.s[sc.i] == c }

func (sc *jsonScanner) take(c byte) bool {
	if sc.at(c) {
		sc.i++
		return true
	}
	return false
}

// value passes a message's value, a string or an object of plural forms,
// and fills m's text or forms with it when m is not nil (the index only
// checks a value; Message reads it).
func (sc *jsonScanner) value(m *Message) bool {
	switch {
	case sc.at('"'):
		if m == nil {
			_, ok := sc.str()
			return ok
		}
		text, ok := sc.text()
		m.Other = text
		return ok
	case sc.at('{'):
		return sc.forms(m)
	}
	return false
}

// str passes a JSON string as encoding/json checks it (no control
// characters, only JSON's escapes) and says whether it held an escape.
func (sc *jsonScanner) str() (escaped, ok bool) {
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

// text is a JSON string's value as encoding/json decodes it (invalid
// UTF-8 becomes U+FFFD, as there).
func (sc *jsonScanner) text() (string, bool) {
	start := sc.i
	escaped, ok := sc.str()
	if !ok {
		return "", false
	}
	body := sc.s[start+1 : sc.i-1]
	if !escaped && utf8.ValidString(body) {
		return body, true
	}
	var t string
	if err := json.Unmarshal([]byte(sc.s[start:sc.i]), &t); err != nil {
		return "", false
	}
	return t, true
}

// plainString is a string without escapes, as it is (a key with an
// escape goes the usual way).
func (sc *jsonScanner) plainString() (string, bool) {
	start := sc.i
	escaped, ok := sc.str()
	if !ok || escaped {
		return "", false
	}
	body := sc.s[start+1 : sc.i-1]
	return body, utf8.ValidString(body)
}

// pluralForms are the keys of an object of plural forms, in lower case.
var pluralForms = [...]string{"zero", "one", "two", "few", "many", "other"}

// formText is m's field for pluralForms[f].
func formText(m *Message, f int) *string {
	return [...]*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many, &m.Other}[f]
}

// forms passes an object of plural forms, each a string, each form once,
// and reads them into m when m is not nil.
func (sc *jsonScanner) forms(m *Message) bool {
	sc.take('{')
	sc.space()
	if sc.take('}') {
		return false // {} holds no message: the usual reading drops it
	}
	var seen [len(pluralForms)]bool
	for {
		sc.space()
		form, ok := sc.plainString()
		if !ok {
			return false
		}
		f := slices.Index(pluralForms[:], form)
		if f < 0 || seen[f] {
			return false
		}
		seen[f] = true
		sc.space()
		if !sc.take(':') {
			return false
		}
		sc.space()
		if m == nil {
			_, ok = sc.str()
		} else {
			*formText(m, f), ok = sc.text()
		}
		if !ok {
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
