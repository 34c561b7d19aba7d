package i18n

import (
	"encoding/json"
	"reflect"
	"strings"
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

// usualReading parses buf through a wrapper of encoding/json, which the
// plain reading does not stand in for: go-i18n's own reading.
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

// indexed is every message of buf as the index makes them, and whether
// buf was indexed.
func indexed(t testing.TB, buf []byte) ([]*Message, bool) {
	t.Helper()
	ix, ok := IndexMessageFileBytes(buf, "en.json")
	if !ok {
		return nil, false
	}
	msgs := make([]*Message, ix.Len())
	for i := range msgs {
		msgs[i] = ix.Message(i)
		if i > 0 && ix.ID(i-1) >= ix.ID(i) {
			t.Errorf("%q: IDs %q, %q out of order", buf, ix.ID(i-1), ix.ID(i))
		}
		if msgs[i].ID != ix.ID(i) {
			t.Errorf("%q: message %d has ID %q, the index says %q", buf, i, msgs[i].ID, ix.ID(i))
		}
	}
	return msgs, true
}

// plainFiles are files of the plain shape; otherShapes are files go-i18n
// reads (or refuses) its usual way.
var (
	plainFiles = []string{
		`{}`,
		` { "a": "A {{.X}}", "b": "", "c": {"one": "{{.Count}} day", "other": "{{.Count}} days"} } `,
		`{"esc": "q\"uote\\ \/ \b\f\n\r\t \u00e9\u20AC \ud83d\ude00 é", "all": {"zero": "0", "one": "1", "two": "2", "few": "f", "many": "m", "other": "o"}}`,
		"{\"bad utf8\": \"\xff\"}",
		`{"Cancel": "Abbrechen", "Descriptions": "not a message key", "identity": "i", "Others": {"other": "o"}}`,
		`{"ÖNE": "not one in lower case", "Ünïcode": "ü"}`,
	}
	otherShapes = []string{
		``, `[]`, `"x"`, `{"a": "A",}`, `{"a": "A"} x`, `{"a": "A" "b": "B"}`, `{"a": "A", "a": "B"}`,
		`{"a": {"b": "nested"}}`, `{"a": {"One": "1", "other": "n"}}`, `{"a": {"one": "1", "one": "2"}}`,
		`{"a": {"translation": "t"}}`, `{"a": {"id": "x", "other": "y"}}`, `{"a": {"description": "d", "other": "y"}}`,
		`{"a": {}}`, `{"a": 1}`, `{"a": null}`, `{"a": ["x"]}`, `{"a": {"one": 1, "other": "n"}}`,
		`{"a\u0062": "k"}`, `{"a": "bad \x escape"}`, `{"a": "bad \u00g1 escape"}`, `{"a": "unterminated}`,
		"{\"a\": \"\x01\"}", "\ufeff{\"a\": \"A\"}",
		`{"other": "x"}`, `{"Other": "x", "foo": "y"}`, `{"Description": {"one": "1"}}`, `{"ID": {"one": "1"}}`,
		`{"TRANSLATION": "t"}`, `{"LeftDelim": "<<", "a": "A"}`, `{"rightdelim": ">>"}`, `{"HASH": "h"}`,
		`{"İD": "strings.ToLower makes this id"}`, `{"descrİption": "and this description"}`,
	}
)

// A plain file is indexed, and its messages are the usual reading's,
// escapes and plural forms included, whether ParseMessageFileBytes makes
// them all or the index makes each; any other shape goes the usual way.
func TestQuickJSONReadsAsUsual(t *testing.T) {
	for _, in := range plainFiles {
		if _, ok := indexed(t, []byte(in)); !ok {
			t.Errorf("%q not indexed", in)
		}
	}
	for _, in := range otherShapes {
		if _, ok := indexed(t, []byte(in)); ok {
			t.Errorf("%q indexed; it should go the usual way", in)
		}
	}
	for _, in := range append(plainFiles, otherShapes...) {
		got, gotErr := ParseMessageFileBytes([]byte(in), "en.json", map[string]UnmarshalFunc{"json": json.Unmarshal})
		want, wantErr := usualReading([]byte(in))
		if (gotErr != nil) != (wantErr != nil) {
			t.Errorf("%q: error %v, the usual reading's %v", in, gotErr, wantErr)
			continue
		}
		if gotErr != nil {
			continue
		}
		if !reflect.DeepEqual(sortedMessages(got), sortedMessages(want)) || got.Tag != want.Tag {
			t.Errorf("%q: %v, the usual reading gives %v", in, sortedMessages(got), sortedMessages(want))
		}
		if msgs, ok := indexed(t, []byte(in)); ok && !reflect.DeepEqual(sortedMessages(&MessageFile{Messages: msgs}), sortedMessages(want)) {
			t.Errorf("%q: the index makes %v, the usual reading gives %v", in, sortedMessages(&MessageFile{Messages: msgs}), sortedMessages(want))
		}
	}
	for k := range reservedKeys {
		if len(k) > longestReservedKey || !isReservedKey(k) || !isReservedKey(strings.ToUpper(k)) {
			t.Errorf("message key %q is not taken for one (longestReservedKey %d)", k, longestReservedKey)
		}
	}
	if !isStdJSON(json.Unmarshal) || isStdJSON(func(data []byte, v interface{}) error { return json.Unmarshal(data, v) }) {
		t.Error("isStdJSON does not tell encoding/json from a wrapper")
	}
}

// The index decodes the escapes JSON allows as encoding/json does, puts
// plural forms in their fields, finds IDs, and makes a new Message each
// time (a caller may keep and change one).
func TestMessageIndex(t *testing.T) {
	data := []byte(` { "b": "a \"quote\" \\ \/ \b\f\n\r\t \u00e9\u20AC \ud83d\ude00 é" ,
	"a": {"other": "{{.Count}} days", "one": "{{.Count}} day", "zero": "", "two": "2", "few": "f", "many": "m"},
	"c": "", "d.e": "tab	inside is JSON's error" }`)
	if _, ok := IndexMessageFileBytes(data, "en.json"); ok {
		t.Fatal("a raw tab inside a string was indexed; encoding/json refuses it")
	}
	data = []byte(strings.Replace(string(data), "tab\tinside", `tab\tinside`, 1))
	ix, ok := IndexMessageFileBytes(data, "en.json")
	if !ok {
		t.Fatal("not indexed")
	}
	if ix.Len() != 4 {
		t.Fatalf("%d messages, want 4", ix.Len())
	}
	i, ok := ix.Find("b")
	if !ok || i != 1 {
		t.Fatalf("Find(b) = %d, %v", i, ok)
	}
	if m := ix.Message(i); m.ID != "b" || !strings.Contains(m.Other, `"quote" \ /`) || !strings.HasSuffix(m.Other, "é€ 😀 é") {
		t.Errorf("escapes decoded as %q", m.Other)
	}
	want := Message{ID: "a", Zero: "", One: "{{.Count}} day", Two: "2", Few: "f", Many: "m", Other: "{{.Count}} days"}
	if m := ix.Message(0); *m != want {
		t.Errorf("plural forms read as %+v", *m)
	}
	if i, _ := ix.Find("c"); ix.RawValue(i) != `""` {
		t.Errorf("c's raw value is %q", ix.RawValue(i))
	}
	if raw := ix.RawValue(0); !strings.HasPrefix(raw, `{"other": "{{.Count}} days", "one"`) || !strings.HasSuffix(raw, `"many": "m"}`) {
		t.Errorf("a's raw value is %q", raw)
	}
	if _, ok := ix.Find("d"); ok {
		t.Error("found d, which the file lacks")
	}
	if i, ok := ix.Find("d.e"); !ok || ix.Message(i).Other != "tab\tinside is JSON's error" {
		t.Errorf("d.e: %d %v", i, ok)
	}
	ix.Message(0).Other = "changed"
	if ix.Message(0).Other != want.Other {
		t.Error("Message gave a message another caller had changed")
	}
}

// The index takes the file's language from its path as
// ParseMessageFileBytes does, and only JSON files.
func TestIndexTagsAsParse(t *testing.T) {
	for _, name := range []string{"en.json", "i18n/es.json", "base.en.json", "translations/base.pt_BR.json", "zh-Hans.json", ".json"} {
		ix, ok := IndexMessageFileBytes([]byte(`{"a": "A"}`), name)
		if !ok {
			t.Errorf("%s: not indexed", name)
			continue
		}
		mf, err := ParseMessageFileBytes([]byte(`{"a": "A"}`), name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ix.Tag != mf.Tag {
			t.Errorf("%s: tag %v, ParseMessageFileBytes says %v", name, ix.Tag, mf.Tag)
		}
	}
	for _, name := range []string{"en.yaml", "en.toml", "json", "en"} {
		if _, ok := IndexMessageFileBytes([]byte(`{"a": "A"}`), name); ok {
			t.Errorf("a file named %q was indexed", name)
		}
	}
}

// Whatever is indexed reads the same the usual way, each message as the
// index makes it and all of them as ParseMessageFileBytes makes them.
func FuzzQuickJSON(f *testing.F) {
	for _, s := range append(plainFiles, otherShapes...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, ok := indexed(t, data)
		if !ok {
			return
		}
		want, err := usualReading(data)
		if err != nil {
			t.Fatalf("%q indexed, refused the usual way: %v", data, err)
		}
		if got := sortedMessages(&MessageFile{Messages: msgs}); !reflect.DeepEqual(got, sortedMessages(want)) {
			t.Fatalf("%q: %v, the usual reading gives %v", data, got, sortedMessages(want))
		}
		all, err := ParseMessageFileBytes(data, "en.json", nil)
		if err != nil || len(all.Messages) != len(msgs) || !reflect.DeepEqual(sortedMessages(all), sortedMessages(want)) {
			t.Fatalf("%q: ParseMessageFileBytes gives %v (%v), the usual reading %v", data, all, err, sortedMessages(want))
		}
	})
}
