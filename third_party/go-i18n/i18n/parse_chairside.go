// Chairside addition to go-i18n (see CHAIRSIDE.md, change 3): a message
// file of the plain shape, one flat JSON object of texts and plural forms,
// read without decoding it into maps first.

package i18n

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"
)

// stdJSON is encoding/json.Unmarshal's code address: quickJSONMessages
// stands in only for it, never for an unmarshaler of the caller's own.
var stdJSON = reflect.ValueOf(json.Unmarshal).Pointer()

func isStdJSON(f UnmarshalFunc) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == stdJSON
}

// quickJSONMessages reads buf as ParseMessageFileBytes would with
// encoding/json when it is one flat object whose values are strings or
// objects of lower-case plural forms with string values; ok is false for
// anything else (nested IDs, other message keys, a key given twice, not
// JSON), which the caller then reads the usual way. Fyne's lang package
// loads its fourteen catalogues this way in an init function, so every
// start of every command paid for decoding them into maps.
func quickJSONMessages(buf []byte) (msgs []*Message, ok bool) {
	s := string(buf)
	sc := jsonScanner{s: s}
	sc.space()
	if !sc.take('{') {
		return nil, false
	}
	msgs = []*Message{}
	sc.space()
	if !sc.take('}') {
		for {
			sc.space()
			id, ok := sc.plainString()
			if !ok || isReservedKey(id) {
				return nil, false // a reserved key makes the file one message, or an error
			}
			sc.space()
			if !sc.take(':') {
				return nil, false
			}
			sc.space()
			m := &Message{ID: id}
			switch {
			case sc.at('"'):
				text, ok := sc.text()
				if !ok {
					return nil, false
				}
				m.Other = text
			case sc.at('{'):
				if !sc.forms(m) {
					return nil, false
				}
			default:
				return nil, false
			}
			msgs = append(msgs, m)
			sc.space()
			if sc.take('}') {
				break
			}
			if !sc.take(',') {
				return nil, false
			}
		}
	}
	sc.space()
	if sc.i != len(s) {
		return nil, false
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return nil, false // JSON keeps the last; the usual reading decides
		}
	}
	return msgs, true
}

// isReservedKey says whether a top-level key is one of go-i18n's message
// keys: the usual reading then takes the whole file as one message, or
// refuses it.
func isReservedKey(id string) bool {
	_, ok := reservedKeys[strings.ToLower(id)]
	return ok
}

// jsonScanner walks the few JSON shapes quickJSONMessages accepts.
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

// text is a JSON string's value as encoding/json decodes it.
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

// forms reads an object of plural forms into m, each form once.
func (sc *jsonScanner) forms(m *Message) bool {
	sc.take('{')
	sc.space()
	if sc.take('}') {
		return false // {} holds no message: the usual reading drops it
	}
	seen := map[string]bool{}
	for {
		sc.space()
		form, ok := sc.plainString()
		if !ok || seen[form] {
			return false
		}
		seen[form] = true
		sc.space()
		if !sc.take(':') {
			return false
		}
		sc.space()
		text, ok := sc.text()
		if !ok {
			return false
		}
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
		default:
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
