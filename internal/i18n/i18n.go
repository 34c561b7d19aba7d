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

// catalogue is the word catalogues of one folder: which languages have
// one, known from the file names alone, and each language's messages,
// parsed the first time that language is asked for. A command that
// prints an English handout reads en.json only: parsing both catalogues
// was a tenth of a cold `chairside handouts export`.
type catalogue struct {
	langs []string         // sorted, from the file names
	books map[string]*book // one per language in langs
	err   error            // the folder could not be listed, or has no English
}

// book is one language's catalogue.
type book struct {
	fsys fs.FS
	file string

	once   sync.Once
	parsed bool // the file has been read (tests look)
	tag    language.Tag
	ids    []string // message IDs, sorted
	// Each message is either in index, made when asked for (a catalogue
	// of go-i18n's plain JSON shape, as Chairside writes them), or in
	// list, parsed whole by go-i18n (any other shape of file).
	index *goi18n.MessageIndex
	list  []*goi18n.Message // sorted by ID, as ids; nil when indexed
	err   error

	textsOnce sync.Once
	texts     map[string]string // ID → text (the "other" form), made when first asked for

	printerOnce sync.Once
	printer     *printer
}

var (
	loadOnce sync.Once
	loaded   catalogue
)

func load() *catalogue {
	loadOnce.Do(func() { loaded = read(assets.I18n, "i18n") })
	return &loaded
}

// read lists the <lang>.json files in dir of fsys; nothing is parsed yet.
func read(fsys fs.FS, dir string) catalogue {
	c := catalogue{books: map[string]*book{}}
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		c.err = err
		return c
	}
	for _, f := range files {
		lang := strings.TrimSuffix(path.Base(f), ".json")
		c.langs = append(c.langs, lang)
		c.books[lang] = &book{fsys: fsys, file: f}
	}
	slices.Sort(c.langs)
	if _, ok := c.books[DefaultLang]; !ok {
		c.err = fmt.Errorf("word catalogue: no %s.json in %s", DefaultLang, dir)
	}
	return c
}

// book is lang's catalogue, parsed; nil when lang has no file.
func (c *catalogue) book(lang string) *book {
	b := c.books[lang]
	if b == nil {
		return nil
	}
	b.once.Do(b.parse)
	return b
}

// parse reads the file: a catalogue of the plain shape Chairside writes
// is only indexed (go-i18n's IndexMessageFileBytes, the scanner that also
// reads Fyne's catalogues), anything else is parsed whole by go-i18n;
// either way a message means on paper what it means in the app's window.
// go-i18n would decode the whole of en.json, a map for each of its
// thousand messages, for the few dozen words a handout prints: that was a
// twentieth of a cold `chairside handouts export`.
func (b *book) parse() {
	b.parsed = true
	data, err := fs.ReadFile(b.fsys, b.file)
	if err == nil {
		if ix, ok := goi18n.IndexMessageFileBytes(data, b.file); ok {
			b.tag, b.index = ix.Tag, ix
			b.ids = make([]string, ix.Len())
			for i := range b.ids {
				b.ids[i] = ix.ID(i)
			}
			return
		}
		var mf *goi18n.MessageFile
		mf, err = goi18n.ParseMessageFileBytes(data, b.file, map[string]goi18n.UnmarshalFunc{"json": json.Unmarshal})
		if err == nil {
			b.tag, b.list = mf.Tag, mf.Messages
		}
	}
	if err != nil {
		b.err = fmt.Errorf("word catalogue %s: %w", b.file, err)
		return
	}
	slices.SortFunc(b.list, func(x, y *goi18n.Message) int { return strings.Compare(x.ID, y.ID) })
	b.ids = make([]string, 0, len(b.list))
	for _, m := range b.list {
		b.ids = append(b.ids, m.ID)
	}
}

// message is the message id, nil when the catalogue lacks it.
func (b *book) message(id string) *goi18n.Message {
	i, ok := slices.BinarySearch(b.ids, id)
	switch {
	case !ok:
		return nil
	case b.index != nil:
		return b.index.Message(i)
	}
	return b.list[i]
}

// has says whether the catalogue has message id.
func (b *book) has(id string) bool {
	_, ok := slices.BinarySearch(b.ids, id)
	return ok
}

// textMap is every message's text (its "other" form) by ID, made the
// first time it is asked for: only the sentences and the tests read the
// whole catalogue.
func (b *book) textMap() map[string]string {
	b.textsOnce.Do(func() {
		b.texts = make(map[string]string, len(b.ids))
		for _, id := range b.ids {
			b.texts[id] = b.message(id).Other
		}
	})
	return b.texts
}

// messages is lang's ID → text, nil when it has none or it is broken.
func (c *catalogue) messages(lang string) map[string]string {
	if b := c.book(lang); b != nil && b.err == nil {
		return b.textMap()
	}
	return nil
}

// printer prints lang's words: its own and English's for any it lacks.
// Each language has its own, made once.
func (c *catalogue) printer(lang string) (*printer, error) {
	b, en := c.book(lang), c.book(DefaultLang)
	if c.err != nil {
		return nil, c.err
	}
	if b == nil || en == nil {
		return nil, fmt.Errorf("word catalogue: no %s.json", lang)
	}
	if en.err != nil {
		return nil, en.err
	}
	if b.err != nil {
		return nil, b.err
	}
	b.printerOnce.Do(func() {
		bundle := goi18n.NewBundle(language.English)
		b.printer = &printer{
			book:   b,
			en:     en,
			bundle: bundle,
			loc:    goi18n.NewLocalizer(bundle, lang, DefaultLang),
			added:  map[string]bool{},
		}
	})
	return b.printer, nil
}

// printer is go-i18n's bundle for one language, holding only the
// messages asked for so far. go-i18n makes a template of every message
// added to a bundle; a whole catalogue's (about a thousand messages,
// 0.4 MB) stayed in the app's memory for the few dozen words the screen
// and a handout use (the diagram's words, the parts' names, dates).
// go-i18n's bundle may not change while it is read, so a message is
// added under the printer's write lock and every word printed under its
// read lock: the diagram's bands, drawn on both cores at once, print
// their words side by side (under one plain lock they queued for it,
// which made a frame up to three times slower).
type printer struct {
	book, en *book
	mu       sync.RWMutex
	bundle   *goi18n.Bundle
	loc      *goi18n.Localizer
	added    map[string]bool // IDs looked up in the catalogues already
}

// localize is message id in the printer's language, with English's
// message behind it.
func (p *printer) localize(id string, data map[string]any, count any) (string, error) {
	p.mu.RLock()
	added := p.added[id]
	p.mu.RUnlock()
	if !added {
		if err := p.addOnce(id); err != nil {
			return "", err
		}
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
}

// addOnce adds message id, English's and the printer's language's, the
// first time it is asked for.
func (p *printer) addOnce(id string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.added[id] {
		return nil
	}
	p.added[id] = true
	if err := p.add(p.en, id); err != nil {
		return err
	}
	if p.book != p.en {
		return p.add(p.book, id)
	}
	return nil
}

func (p *printer) add(b *book, id string) error {
	m := b.message(id)
	if m == nil {
		return nil
	}
	if err := p.bundle.AddMessages(b.tag, m); err != nil {
		return fmt.Errorf("word catalogue %s: %w", b.file, err)
	}
	return nil
}

// errs is the first error of the folder or of any catalogue in it: every
// catalogue is parsed.
func (c *catalogue) errs() error {
	if c.err != nil {
		return c.err
	}
	for _, l := range c.langs {
		if err := c.book(l).err; err != nil {
			return err
		}
	}
	return nil
}

// Langs lists the languages that have a catalogue, sorted.
func Langs() []string { return slices.Clone(load().langs) }

// Has says whether lang has a catalogue of its own that reads.
func Has(lang string) bool {
	b := load().book(normalize(lang))
	return b != nil && b.err == nil
}

// Keys lists the message IDs of lang's catalogue, sorted (nil when it
// has none). The completeness test compares them with English's.
func Keys(lang string) []string {
	if b := load().book(normalize(lang)); b != nil {
		return slices.Clone(b.ids)
	}
	return nil
}

// Err reports a catalogue that could not be read (a broken build). It
// reads them all.
func Err() error { return load().errs() }

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
	p    *printer // nil when the catalogues are broken: IDs print
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
	w := Words{lang: l}
	if p, err := load().printer(l); err == nil {
		w.p = p
	}
	return w
}

// Lang is the language the words are in.
func (w Words) Lang() string {
	if w.lang == "" {
		return DefaultLang
	}
	return w.lang
}

// printer is the words' printer; the zero Words are English's.
func (w Words) printer() *printer {
	if w.lang == "" {
		return For(DefaultLang).p
	}
	return w.p
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
	p := w.printer()
	if p == nil {
		return id
	}
	s, err := p.localize(id, data, count)
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
	for _, lang := range []string{w.Lang(), DefaultLang} {
		if b := c.book(lang); b != nil && b.err == nil && b.has(id) {
			return true
		}
	}
	return false
}
