// Package i18n gives the printed handout its fixed words (headings, the
// red-flag heading, the footer, the findings, the names of the parts of
// the spine) and its dates in the handout's language. The words live in
// assets/i18n/<lang>.json, in go-i18n's JSON format, so the app's window
// can load the same files with Fyne's lang.AddTranslationsFS. Adding a
// language is adding one file with every key of en.json (a test fails on
// a missing key). No Fyne here.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"chairside/assets"
	"chairside/internal/anatomy"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// DefaultLang is the language whose catalogue is complete by definition:
// every other catalogue is checked against it, and a word missing
// elsewhere is printed from it.
const DefaultLang = "en"

// catalogue is every language's messages, read once from the embedded files.
type catalogue struct {
	bundle *goi18n.Bundle
	ids    map[string][]string          // language → message IDs, sorted
	msgs   map[string]map[string]string // language → ID → text (the "other" form)
	err    error
}

var (
	loadOnce sync.Once
	loaded   catalogue
)

func load() *catalogue {
	loadOnce.Do(func() { loaded = read(assets.I18n, "i18n") })
	return &loaded
}

// read parses every <lang>.json in dir of fsys.
func read(fsys fs.FS, dir string) catalogue {
	c := catalogue{
		bundle: goi18n.NewBundle(language.English),
		ids:    map[string][]string{},
		msgs:   map[string]map[string]string{},
	}
	c.bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		c.err = err
		return c
	}
	for _, f := range files {
		mf, err := c.bundle.LoadMessageFileFS(fsys, f)
		if err != nil {
			c.err = fmt.Errorf("word catalogue %s: %w", f, err)
			return c
		}
		lang := strings.TrimSuffix(path.Base(f), ".json")
		texts := map[string]string{}
		for _, m := range mf.Messages {
			c.ids[lang] = append(c.ids[lang], m.ID)
			texts[m.ID] = m.Other
		}
		slices.Sort(c.ids[lang])
		c.msgs[lang] = texts
	}
	if _, ok := c.msgs[DefaultLang]; !ok {
		c.err = fmt.Errorf("word catalogue: no %s.json in %s", DefaultLang, dir)
	}
	return c
}

// Langs lists the languages that have a catalogue, sorted.
func Langs() []string {
	c := load()
	out := make([]string, 0, len(c.msgs))
	for l := range c.msgs {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Has says whether lang has a catalogue of its own.
func Has(lang string) bool {
	_, ok := load().msgs[normalize(lang)]
	return ok
}

// Keys lists the message IDs of lang's catalogue, sorted (nil when it
// has none). The completeness test compares them with English's.
func Keys(lang string) []string {
	return slices.Clone(load().ids[normalize(lang)])
}

// Err reports a catalogue that could not be read (a broken build).
func Err() error { return load().err }

func normalize(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if l == "" {
		return DefaultLang
	}
	return l
}

// Words are the fixed words of one language.
type Words struct {
	lang string
	loc  *goi18n.Localizer
}

// For gives the words of lang ("en", "es", "es-MX"; "" is English). A
// language without a catalogue gets the English words: a handout still prints,
// and the texts' own fallback note says what is not translated.
func For(lang string) Words {
	l := normalize(lang)
	if !Has(l) {
		// A regional code takes its language's words: es-MX, es_US → es.
		if base, _, ok := strings.Cut(strings.ReplaceAll(l, "_", "-"), "-"); ok && Has(base) {
			l = base
		} else {
			l = DefaultLang
		}
	}
	return Words{lang: l, loc: goi18n.NewLocalizer(load().bundle, l, DefaultLang)}
}

// Lang is the language the words are in.
func (w Words) Lang() string {
	if w.lang == "" {
		return DefaultLang
	}
	return w.lang
}

func (w Words) localizer() *goi18n.Localizer {
	if w.loc == nil {
		return For(DefaultLang).loc
	}
	return w.loc
}

// T is the message id. A message missing from the language is printed
// from English; one missing everywhere prints its ID, so a slip shows on
// paper instead of leaving a gap (and the tests catch both).
func (w Words) T(id string) string { return w.localize(id, nil, nil) }

// F is the message id with its {{.Name}} fields filled from data.
func (w Words) F(id string, data map[string]any) string { return w.localize(id, data, nil) }

// N is the message id in the plural form for count ("Source:" or
// "Sources:"), with {{.Count}} and data's fields filled.
func (w Words) N(id string, count int, data map[string]any) string {
	d := map[string]any{"Count": count}
	for k, v := range data {
		d[k] = v
	}
	return w.localize(id, d, count)
}

func (w Words) localize(id string, data map[string]any, count any) string {
	if err := Err(); err != nil {
		return id
	}
	s, err := w.localizer().Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if s == "" && err != nil {
		return id
	}
	return s
}

// Date is a calendar date in the language's long form: "December 1,
// 2026", "1 de diciembre de 2026". The month is spelled out, so the date
// cannot be misread as day/month or month/day. A zero time is "".
func (w Words) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return w.F("date.long", map[string]any{
		"Day":   strconv.Itoa(t.Day()),
		"Month": w.T("date.month." + strconv.Itoa(int(t.Month()))),
		"Year":  strconv.Itoa(t.Year()),
	})
}

// Finding is the plain-language name of a finding ("bulge" → "Disc
// bulge", "Disco abultado"). A finding without a word of its own (from a
// newer version's database) is printed as stored.
func (w Words) Finding(f string) string {
	id := "finding." + f
	if s := w.T(id); s != id {
		return s
	}
	return f
}

// StructureName is the name of a part of the spine as a patient reads it:
// "L4–L5 disc", "disco L4–L5", "left L5 nerve root", "raíz nerviosa L5
// izquierda". An ID the anatomy does not know (a topic, a condition) is
// anatomy.Name's.
func (w Words) StructureName(id string) string {
	st, ok := anatomy.Lookup(id)
	if !ok {
		return anatomy.Name(id)
	}
	level := st.Level
	if st.Kind == anatomy.Disc || st.Kind == anatomy.Facet {
		level = anatomy.SegmentLabel(st.Level)
	}
	key := "structure." + string(st.Kind)
	if st.Side != anatomy.NoSide {
		key += "." + string(st.Side)
	}
	if special := key + "." + st.Level; w.has(special) {
		return w.T(special)
	}
	s := w.F(key, map[string]any{"Level": level})
	if strings.HasPrefix(s, "structure.") {
		return st.Name
	}
	return s
}

// has says whether the language, or English, has message id.
func (w Words) has(id string) bool {
	c := load()
	if _, ok := c.msgs[w.Lang()][id]; ok {
		return true
	}
	_, ok := c.msgs[DefaultLang][id]
	return ok
}
