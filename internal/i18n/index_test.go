package i18n

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"chairside/assets"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// goI18nReading is the file as go-i18n reads it its usual way: through a
// wrapper of encoding/json, for which go-i18n's plain reading (the index
// the catalogues use) does not stand in, so the two readings are
// compared and not one with itself. Its messages by ID.
func goI18nReading(t testing.TB, data []byte, name string) (*goi18n.MessageFile, map[string]goi18n.Message, error) {
	t.Helper()
	wrapped := func(data []byte, v any) error { return json.Unmarshal(data, v) }
	mf, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"json": wrapped})
	if err != nil {
		return nil, nil, err
	}
	byID := map[string]goi18n.Message{}
	for _, m := range mf.Messages {
		byID[m.ID] = *m
	}
	return mf, byID, nil
}

// sameAsGoI18n fails unless the book holds the messages go-i18n read.
func sameAsGoI18n(t testing.TB, name string, b *book, mf *goi18n.MessageFile, want map[string]goi18n.Message) {
	t.Helper()
	if b.tag != mf.Tag {
		t.Errorf("%s: tag %v, go-i18n says %v", name, b.tag, mf.Tag)
	}
	if len(b.ids) != len(mf.Messages) {
		t.Fatalf("%s: the catalogue holds %d messages, go-i18n read %d", name, len(b.ids), len(mf.Messages))
	}
	for _, id := range b.ids {
		got := b.message(id)
		if w, ok := want[id]; !ok || !reflect.DeepEqual(*got, w) {
			t.Errorf("%s: message %q is %+v, go-i18n reads %+v", name, id, *got, w)
		}
	}
}

// Every catalogue Chairside ships is indexed, not parsed whole, and each
// of its messages is what go-i18n's usual reading makes of it.
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
		mf, want, err := goI18nReading(t, data, f)
		if err != nil {
			t.Fatal(err)
		}
		b := load().book(strings.TrimSuffix(strings.TrimPrefix(f, "i18n/"), ".json"))
		if b.err != nil || b.index == nil || b.list != nil {
			t.Errorf("%s: not indexed: go-i18n parses the whole file at every start (is it still one flat object?) %v", f, b.err)
			continue
		}
		sameAsGoI18n(t, f, b, mf, want)
	}
}

// A catalogue of any other shape is parsed whole by go-i18n, which gives
// it its meaning (nested IDs, its other message keys, v1 arrays) or its
// error. (go-i18n's chairside_test.go holds the index itself to the usual
// reading shape by shape.)
func TestQuickIndexLeavesOtherShapesToGoI18n(t *testing.T) {
	for _, in := range []string{
		``,
		`[]`,
		`{"a": "A",}`,
		`{"a": "A", "a": "B"}`,
		`{"a": {"b": "nested"}, "c": "C"}`,
		`{"a": {"id": "x", "other": "y"}}`,
		`[{"id": "a", "translation": "A"}]`,
		`{"other": "the whole file is one message"}`,
		`{"Other": "x", "a": "mixed keys are go-i18n's error"}`,
		`{"a": 1}`,
	} {
		c := read(fstest.MapFS{"i18n/en.json": {Data: []byte(in)}}, "i18n")
		b := c.book("en")
		if b.index != nil {
			t.Errorf("%q was indexed; go-i18n should read it", in)
		}
		mf, want, err := goI18nReading(t, []byte(in), "i18n/en.json")
		if (err != nil) != (b.err != nil) {
			t.Errorf("%q: catalogue error %v, go-i18n's %v", in, b.err, err)
			continue
		}
		if err == nil {
			sameAsGoI18n(t, in, b, mf, want)
		}
	}
}

// Whatever the catalogue makes of a file, indexed or parsed, is what
// go-i18n's usual reading makes of it.
func FuzzQuickIndex(f *testing.F) {
	for _, s := range []string{`{"a": "A", "b": {"one": "1", "other": "n"}}`, `{}`, `{"a":"\u00e9\n"}`, `{"x.y": {"few": ""}}`, "{\"a\": \"\xff\"}", `{"a": {"b": "c"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := read(fstest.MapFS{"i18n/en.json": {Data: data}}, "i18n")
		b := c.book("en")
		mf, want, err := goI18nReading(t, data, "i18n/en.json")
		if (err != nil) != (b.err != nil) {
			t.Fatalf("%q: catalogue error %v, go-i18n's %v", data, b.err, err)
		}
		if err == nil && len(want) == len(mf.Messages) { // a nested ID may repeat a flat one: go-i18n's to sort out
			sameAsGoI18n(t, "en.json", b, mf, want)
		}
	})
}

// benchCatalogue is en.json and the IDs of one handout's printed words:
// every twentieth message, about fifty.
func benchCatalogue(b *testing.B) ([]byte, []string) {
	data, err := fs.ReadFile(assets.I18n, "i18n/en.json")
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i, id := range Keys(DefaultLang) {
		if i%20 == 0 {
			ids = append(ids, id)
		}
	}
	return data, ids
}

// A cold export's first reading of its words: en.json indexed, and a
// handout's worth of its messages made.
func BenchmarkIndexCatalogue(b *testing.B) {
	data, ids := benchCatalogue(b)
	b.ReportAllocs()
	for b.Loop() {
		ix, ok := goi18n.IndexMessageFileBytes(data, "i18n/en.json")
		if !ok {
			b.Fatal("en.json not indexed")
		}
		for _, id := range ids {
			if i, ok := ix.Find(id); !ok || ix.Message(i).ID != id {
				b.Fatalf("%s not found", id)
			}
		}
	}
}

// Every message of en.json made, as go-i18n reads a plain file when
// Fyne's lang package adds a catalogue (ParseMessageFileBytes with
// encoding/json).
func BenchmarkParseCatalogue(b *testing.B) {
	data, _ := benchCatalogue(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := goi18n.ParseMessageFileBytes(data, "i18n/en.json", nil); err != nil {
			b.Fatal(err)
		}
	}
}
