package i18n

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"

	"golang.org/x/text/language"
)

// Chairside's changes (CHAIRSIDE.md) keep go-i18n's answers: a language
// added after a Localizer was used is matched, localizers may make the
// matcher at the same moment (run with -race), and each bundle has rules
// of its own.
func TestMatcherFollowsAddedLanguages(t *testing.T) {
	b := NewBundle(language.English)
	b.MustAddMessages(language.English, &Message{ID: "hi", Other: "Hello"})
	es := NewLocalizer(b, "es")
	if got := es.MustLocalize(&LocalizeConfig{MessageID: "hi"}); got != "Hello" {
		t.Fatalf("before Spanish is added: %q", got)
	}
	b.MustAddMessages(language.Spanish, &Message{ID: "hi", Other: "Hola"})
	if got := es.MustLocalize(&LocalizeConfig{MessageID: "hi"}); got != "Hola" {
		t.Fatalf("after Spanish is added: %q, want Hola (the matcher was not remade)", got)
	}
	b.MustAddMessages(language.French, &Message{ID: "hi", Other: "Bonjour"})
	var wg sync.WaitGroup
	for _, want := range []struct{ lang, text string }{{"fr", "Bonjour"}, {"es-MX", "Hola"}, {"de", "Hello"}, {"fr-CA", "Bonjour"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := NewLocalizer(b, want.lang).MustLocalize(&LocalizeConfig{MessageID: "hi"}); got != want.text {
				t.Errorf("%s: %q, want %q", want.lang, got, want.text)
			}
		}()
	}
	wg.Wait()
	if !reflect.DeepEqual(NewBundle(language.English).pluralRules, b.pluralRules) {
		t.Error("a new bundle's plural rules differ")
	}
	klingon := language.MustParse("tlh")
	b.pluralRules[klingon] = nil
	if _, ok := NewBundle(language.English).pluralRules[klingon]; ok {
		t.Error("bundles share one map of plural rules")
	}
}

// A message given as a plain string is read as NewMessage reads it.
func TestStringMessagesAsNewMessage(t *testing.T) {
	src := `{"a": "A {{.X}}", "b": "", "n": {"m": "nested"}, "p": {"one": "1", "other": "n"}}`
	mf, err := ParseMessageFileBytes([]byte(src), "en.json", map[string]UnmarshalFunc{"json": json.Unmarshal})
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(src), &raw); err != nil {
		t.Fatal(err)
	}
	for _, m := range mf.Messages {
		var want *Message
		switch m.ID {
		case "n.m":
			want = MustNewMessage("nested")
		default:
			want = MustNewMessage(raw[m.ID])
		}
		want.ID = m.ID
		if !reflect.DeepEqual(m, want) {
			t.Errorf("%s: %+v, NewMessage makes %+v", m.ID, *m, *want)
		}
	}
	if len(mf.Messages) != 4 {
		t.Errorf("%d messages", len(mf.Messages))
	}
}

// usualReading parses buf through a wrapper of encoding/json, which
// quickJSONMessages does not stand in for: go-i18n's own reading.
func usualReading(buf []byte) (*MessageFile, error) {
	wrapped := func(data []byte, v interface{}) error { return json.Unmarshal(data, v) }
	return ParseMessageFileBytes(buf, "en.json", map[string]UnmarshalFunc{"json": wrapped})
}

// sortedMessages is mf's messages by ID (the usual reading's order is a
// map's).
func sortedMessages(mf *MessageFile) map[string]Message {
	out := map[string]Message{}
	for _, m := range mf.Messages {
		out[m.ID] = *m
	}
	return out
}

// A plain file read quickly gives the messages the usual reading gives,
// escapes and plural forms included; any other shape goes the usual way.
func TestQuickJSONReadsAsUsual(t *testing.T) {
	plain := []string{
		`{}`,
		` { "a": "A {{.X}}", "b": "", "c": {"one": "{{.Count}} day", "other": "{{.Count}} days"} } `,
		`{"esc": "q\"uote\\ \/ \b\f\n\r\t \u00e9\u20AC \ud83d\ude00 é", "all": {"zero": "0", "one": "1", "two": "2", "few": "f", "many": "m", "other": "o"}}`,
		"{\"bad utf8\": \"\xff\"}",
	}
	other := []string{
		``, `[]`, `"x"`, `{"a": "A",}`, `{"a": "A"} x`, `{"a": "A", "a": "B"}`, `{"a": {"b": "nested"}}`,
		`{"a": {"One": "1"}}`, `{"a": {"one": "1", "one": "2"}}`, `{"a": {"translation": "t"}}`,
		`{"a": {"id": "x", "other": "y"}}`, `{"a": {}}`, `{"a": 1}`, `{"a": null}`, `{"a": ["x"]}`,
		`{"a\u0062": "k"}`, `{"other": "x"}`, `{"Other": "x", "foo": "y"}`, `{"Description": {"one": "1"}}`, `{"a": "bad \x escape"}`, "{\"a\": \"\x01\"}", "\ufeff{\"a\": \"A\"}",
	}
	for _, in := range plain {
		if _, ok := quickJSONMessages([]byte(in)); !ok {
			t.Errorf("%q not read quickly", in)
		}
	}
	for _, in := range other {
		if _, ok := quickJSONMessages([]byte(in)); ok {
			t.Errorf("%q read quickly; it should go the usual way", in)
		}
	}
	for _, in := range append(plain, other...) {
		got, gotErr := ParseMessageFileBytes([]byte(in), "en.json", map[string]UnmarshalFunc{"json": json.Unmarshal})
		want, wantErr := usualReading([]byte(in))
		if (gotErr != nil) != (wantErr != nil) {
			t.Errorf("%q: error %v, the usual reading's %v", in, gotErr, wantErr)
			continue
		}
		if gotErr == nil && (!reflect.DeepEqual(sortedMessages(got), sortedMessages(want)) || got.Tag != want.Tag) {
			t.Errorf("%q: %v, the usual reading gives %v", in, sortedMessages(got), sortedMessages(want))
		}
	}
	if !isStdJSON(json.Unmarshal) || isStdJSON(func(data []byte, v interface{}) error { return json.Unmarshal(data, v) }) {
		t.Error("isStdJSON does not tell encoding/json from a wrapper")
	}
}

// Whatever is read quickly reads the same the usual way.
func FuzzQuickJSON(f *testing.F) {
	for _, s := range []string{`{"a": "A", "b": {"one": "1", "other": "n"}}`, `{}`, `{"a":"\u00e9\n"}`, `{"x.y": {"few": ""}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, ok := quickJSONMessages(data)
		if !ok {
			return
		}
		want, err := usualReading(data)
		if err != nil {
			t.Fatalf("%q read quickly, refused the usual way: %v", data, err)
		}
		if got := sortedMessages(&MessageFile{Messages: msgs}); !reflect.DeepEqual(got, sortedMessages(want)) {
			t.Fatalf("%q: %v, the usual reading gives %v", data, got, sortedMessages(want))
		}
	})
}
