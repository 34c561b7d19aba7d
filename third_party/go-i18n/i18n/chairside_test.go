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
