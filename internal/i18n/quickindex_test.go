package i18n

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"chairside/assets"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// goI18nReading is the file as go-i18n's parser reads it, sorted by ID.
func goI18nReading(t testing.TB, data []byte, name string) (*goi18n.MessageFile, error) {
	t.Helper()
	mf, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"json": json.Unmarshal})
	if err == nil {
		slices.SortFunc(mf.Messages, func(x, y *goi18n.Message) int { return strings.Compare(x.ID, y.ID) })
	}
	return mf, err
}

// sameAsGoI18n fails unless ix holds what go-i18n read from the file.
func sameAsGoI18n(t testing.TB, name string, ix indexed, mf *goi18n.MessageFile) {
	t.Helper()
	if len(ix.ids) != len(mf.Messages) {
		t.Fatalf("%s: quickIndex found %d messages, go-i18n %d", name, len(ix.ids), len(mf.Messages))
	}
	for i, want := range mf.Messages {
		if got := ix.message(i); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: message %d is %+v, go-i18n reads %+v", name, i, *got, *want)
		}
	}
}

// Every catalogue Chairside ships is indexed, not parsed, and each of its
// messages decodes to what go-i18n's parser makes of it.
func TestQuickIndexReadsAsGoI18n(t *testing.T) {
	files, err := fs.Glob(assets.I18n, "i18n/*.json")
	if err != nil || len(files) < 2 {
		t.Fatalf("catalogues %v: %v", files, err)
	}
	for _, f := range files {
		data, err := fs.ReadFile(assets.I18n, f)
		if err != nil {
			t.Fatal(err)
		}
		ix, tag, ok := quickIndex(data, f)
		if !ok {
			t.Errorf("%s: not indexed: go-i18n parses the whole file at every start (is it still one flat object?)", f)
			continue
		}
		mf, err := goI18nReading(t, data, f)
		if err != nil {
			t.Fatal(err)
		}
		if tag != mf.Tag {
			t.Errorf("%s: tag %v, go-i18n says %v", f, tag, mf.Tag)
		}
		sameAsGoI18n(t, f, ix, mf)
		if b := load().book(strings.TrimSuffix(strings.TrimPrefix(f, "i18n/"), ".json")); b.list != nil || b.err != nil {
			t.Errorf("%s: the loaded catalogue was parsed whole (%v)", f, b.err)
		}
	}
}

// The escapes JSON allows decode as encoding/json decodes them, and the
// plural forms land in their fields.
func TestQuickIndexDecodesEscapesAndForms(t *testing.T) {
	data := []byte(` { "b": "a \"quote\" \\ \/ \b\f\n\r\t \u00e9\u20AC \ud83d\ude00 é" ,
	"a": {"other": "{{.Count}} days", "one": "{{.Count}} day", "zero": "", "two": "2", "few": "f", "many": "m"},
	"c": "", "d.e": "tab	inside is JSON's error" }`)
	if _, _, ok := quickIndex(data, "en.json"); ok {
		t.Fatal("a raw tab inside a string was indexed; encoding/json refuses it")
	}
	data = []byte(strings.Replace(string(data), "tab\tinside", `tab\tinside`, 1))
	ix, _, ok := quickIndex(data, "en.json")
	if !ok {
		t.Fatal("not indexed")
	}
	mf, err := goI18nReading(t, data, "en.json")
	if err != nil {
		t.Fatal(err)
	}
	sameAsGoI18n(t, "en.json", ix, mf)
	if m := ix.message(1); m.ID != "b" || !strings.Contains(m.Other, `"quote" \ /`) || !strings.HasSuffix(m.Other, "é€ 😀 é") {
		t.Errorf("escapes decoded as %q", m.Other)
	}
}

// Whatever is not the plain shape goes to go-i18n, which gives the file
// its meaning (nested IDs, its other message keys) or its error.
func TestQuickIndexLeavesOtherShapesToGoI18n(t *testing.T) {
	for _, in := range []string{
		``,
		`[]`,
		`{"a": "A",}`,
		`{"a": "A"} x`,
		`{"a": "A" "b": "B"}`,
		`{"a": "A", "a": "B"}`,
		`{"a": {"b": "nested"}}`,
		`{"a": {"One": "1", "other": "n"}}`,
		`{"a": {"one": "1", "one": "2"}}`,
		`{"a": {"translation": "t"}}`,
		`{"a": {"id": "x", "other": "y"}}`,
		`{"a": {"description": "d", "other": "y"}}`,
		`{"a": {}}`,
		`{"a": 1}`,
		`{"a": null}`,
		`{"a": ["x"]}`,
		`{"a\u0062": "escaped key"}`,
		`{"a": "bad \x escape"}`,
		`{"a": "bad \u00g1 escape"}`,
		`{"a": "unterminated}`,
		"{\"a\": \"\x01\"}",
		"\ufeff{\"a\": \"A\"}",
		`{"a": {"one": 1, "other": "n"}}`,
		`{"other": "the whole file is one message"}`,
		`{"Other": "x", "a": "mixed keys are go-i18n's error"}`,
		`{"ID": {"one": "1"}}`,
	} {
		if _, _, ok := quickIndex([]byte(in), "en.json"); ok {
			t.Errorf("%q was indexed; go-i18n should read it", in)
		}
		// And the catalogue reads it as go-i18n does: the same messages,
		// or an error.
		c := read(fstest.MapFS{"i18n/en.json": {Data: []byte(in)}}, "i18n")
		b := c.book("en")
		mf, err := goI18nReading(t, []byte(in), "i18n/en.json")
		if (err != nil) != (b.err != nil) {
			t.Errorf("%q: catalogue error %v, go-i18n's %v", in, b.err, err)
			continue
		}
		if err == nil && !reflect.DeepEqual(b.list, mf.Messages) && !(len(b.list) == 0 && len(mf.Messages) == 0) {
			t.Errorf("%q: catalogue read %v, go-i18n %v", in, b.list, mf.Messages)
		}
	}
	for _, name := range []string{"en.yaml", "base.en.json", "json", ".json"} {
		if _, _, ok := quickIndex([]byte(`{"a": "A"}`), name); ok {
			t.Errorf("a file named %q was indexed", name)
		}
	}
}

// Whatever quickIndex accepts, go-i18n reads the same.
func FuzzQuickIndex(f *testing.F) {
	for _, s := range []string{`{"a": "A", "b": {"one": "1", "other": "n"}}`, `{}`, `{"a":"\u00e9\n"}`, `{"x.y": {"few": ""}}`, "{\"a\": \"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, _, ok := quickIndex(data, "en.json")
		if !ok {
			return
		}
		mf, err := goI18nReading(t, data, "en.json")
		if err != nil {
			t.Fatalf("indexed %q, which go-i18n refuses: %v", data, err)
		}
		sameAsGoI18n(t, "en.json", ix, mf)
	})
}
