package i18n

import (
	"regexp"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"chairside/assets"
	"chairside/internal/anatomy"
	"chairside/internal/handout"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

func TestCataloguesLoad(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	if got := Langs(); !slices.Equal(got, []string{"en", "es"}) {
		t.Errorf("languages %v, want [en es]", got)
	}
}

// Every catalogue has exactly English's keys: a missing Spanish word is a
// failure here, never an English word on a Spanish handout.
func TestCataloguesAreComplete(t *testing.T) {
	en := Keys(DefaultLang)
	if len(en) < 40 {
		t.Fatalf("English has %d keys: the catalogue did not load", len(en))
	}
	for _, lang := range Langs() {
		have := Keys(lang)
		for _, k := range en {
			if !slices.Contains(have, k) {
				t.Errorf("%s.json lacks %q", lang, k)
			}
		}
		for _, k := range have {
			if !slices.Contains(en, k) {
				t.Errorf("%s.json has %q, which en.json does not", lang, k)
			}
		}
	}
}

var field = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range field.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

// A translation fills the same fields as the English: "Página {{.Page}}"
// cannot lose the page number.
func TestTranslationsKeepTheirFields(t *testing.T) {
	c := load()
	for _, lang := range Langs() {
		for id, s := range c.messages(lang) {
			if got, want := fields(s), fields(c.messages(DefaultLang)[id]); !slices.Equal(got, want) {
				t.Errorf("%s %s fills %v, English fills %v", lang, id, got, want)
			}
		}
	}
}

// A missing key is caught by the completeness check, which reads the
// files as they are (this catalogue lacks one of English's words).
func TestMissingKeyIsSeen(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.json": {Data: []byte(`{"a": "A", "b": "B"}`)},
		"i18n/es.json": {Data: []byte(`{"a": "Á"}`)},
	}
	c := read(fsys, "i18n")
	if err := c.errs(); err != nil {
		t.Fatal(err)
	}
	if es, en := c.book("es").ids, c.book("en").ids; !slices.Equal(es, []string{"a"}) || !slices.Equal(en, []string{"a", "b"}) {
		t.Errorf("ids es %v, en %v", es, en)
	}
	if c := read(fstest.MapFS{"i18n/en.json": {Data: []byte(`{"a": `)}}, "i18n"); c.errs() == nil {
		t.Error("a broken catalogue gave no error")
	}
}

// Printing in one language parses that language's catalogue and
// English's (for any word it lacks), never the others: a cold export of
// an English handout read every catalogue.
func TestOnlyTheLanguageUsedIsRead(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.json": {Data: []byte(`{"a": "A", "b": "B"}`)},
		"i18n/es.json": {Data: []byte(`{"a": "Á"}`)},
		"i18n/fr.json": {Data: []byte(`{"a": "À"}`)},
	}
	parsed := func(c *catalogue) (out []string) {
		for _, l := range c.langs {
			if c.books[l].parsed {
				out = append(out, l)
			}
		}
		return out
	}
	c := read(fsys, "i18n")
	if got := parsed(&c); len(got) != 0 || !slices.Equal(c.langs, []string{"en", "es", "fr"}) {
		t.Fatalf("listing parsed %v (langs %v)", got, c.langs)
	}
	if _, err := c.printer("en"); err != nil {
		t.Fatal(err)
	}
	if got := parsed(&c); !slices.Equal(got, []string{"en"}) {
		t.Errorf("English words parsed %v", got)
	}
	p, err := c.printer("es")
	if err != nil {
		t.Fatal(err)
	}
	if got := parsed(&c); !slices.Equal(got, []string{"en", "es"}) {
		t.Errorf("Spanish words parsed %v", got)
	}
	// Spanish falls back to English for the word it lacks.
	for id, want := range map[string]string{"a": "Á", "b": "B"} {
		if got, _ := p.localize(id, nil, nil); got != want {
			t.Errorf("es %s = %q, want %q", id, got, want)
		}
	}
}

// A printer's bundle holds only the messages asked for: the idle app
// keeps the few words it shows, not a template of every message in the
// catalogue.
func TestPrinterHoldsOnlyTheWordsAskedFor(t *testing.T) {
	c := read(fstest.MapFS{
		"i18n/en.json": {Data: []byte(`{"a": "A", "b": "B", "n": {"one": "{{.Count}} day", "other": "{{.Count}} days"}}`)},
		"i18n/es.json": {Data: []byte(`{"a": "Á", "b": "Bé", "n": {"one": "{{.Count}} día", "other": "{{.Count}} días"}}`)},
	}, "i18n")
	p, err := c.printer("es")
	if err != nil {
		t.Fatal(err)
	}
	inBundle := func(id string) bool {
		_, err := goi18n.NewLocalizer(p.bundle, "es").Localize(&goi18n.LocalizeConfig{MessageID: id})
		return err == nil
	}
	for _, id := range []string{"a", "b", "n"} {
		if inBundle(id) {
			t.Errorf("%s is in the bundle before it was asked for", id)
		}
	}
	if got, err := p.localize("a", nil, nil); got != "Á" || err != nil {
		t.Fatalf("a = %q, %v", got, err)
	}
	if !inBundle("a") || inBundle("b") {
		t.Errorf("after asking for a: a in the bundle %v, b %v; want only a", inBundle("a"), inBundle("b"))
	}
	// Plural forms work as before from a message added on demand.
	for n, want := range map[int]string{1: "1 día", 3: "3 días"} {
		if got, err := p.localize("n", map[string]any{"Count": n}, n); got != want || err != nil {
			t.Errorf("n %d = %q, %v; want %q", n, got, err, want)
		}
	}
}

// Words are printed from many goroutines at once (the PDF writer, the
// app's screens): adding a message while another is printed must be safe
// (run with -race) and give each its own word.
func TestPrinterServesConcurrentWords(t *testing.T) {
	var wg sync.WaitGroup
	ids := []string{"finding.bulge", "date.month.1", "date.month.12", "language.name", "finding.arthritis"}
	want := map[string]string{}
	for _, id := range ids {
		want[id] = For("es").T(id)
		if want[id] == id {
			t.Fatalf("es has no %s: pick another word for this test", id)
		}
	}
	c := read(assets.I18n, "i18n") // a fresh catalogue: no word added yet
	p, err := c.printer("es")
	if err != nil {
		t.Fatal(err)
	}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range 50 {
				id := ids[(g+i)%len(ids)]
				if got, _ := p.localize(id, nil, nil); got != want[id] {
					t.Errorf("%s = %q, want %q", id, got, want[id])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// A broken catalogue prints its IDs (a slip shows on paper), and does not
// take another language's words with it.
// Words already printed once are printed side by side: the diagram's
// bands, drawn on both cores, each print their labels, and under one
// plain lock they queued for it (an animation frame took 5.8 ms instead
// of 1.9). A printer held by another reader still prints a known word.
func TestPrinterPrintsKnownWordsSideBySide(t *testing.T) {
	c := read(assets.I18n, "i18n")
	p, err := c.printer("es")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := p.localize("finding.bulge", nil, nil)
	p.mu.RLock() // another band printing its words
	defer p.mu.RUnlock()
	got := make(chan string, 1)
	go func() {
		s, _ := p.localize("finding.bulge", nil, nil)
		got <- s
	}()
	select {
	case s := <-got:
		if s != want {
			t.Errorf("finding.bulge = %q, want %q", s, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a known word waited for another printer to finish")
	}
}

func TestBrokenCatalogueShowsIDs(t *testing.T) {
	c := read(fstest.MapFS{
		"i18n/en.json": {Data: []byte(`{"a": "A"}`)},
		"i18n/es.json": {Data: []byte(`{"a": `)},
	}, "i18n")
	if _, err := c.printer("es"); err == nil {
		t.Error("a broken Spanish catalogue made a printer")
	}
	if _, err := c.printer("en"); err != nil {
		t.Errorf("English broke with Spanish: %v", err)
	}
	if c.errs() == nil {
		t.Error("errs missed the broken Spanish catalogue")
	}
}

func TestDates(t *testing.T) {
	day := time.Date(2026, 12, 1, 15, 4, 0, 0, time.UTC)
	for _, c := range []struct{ lang, want string }{
		{"en", "December 1, 2026"},
		{"", "December 1, 2026"},
		{"es", "1 de diciembre de 2026"},
		{"ES", "1 de diciembre de 2026"},
		{"es-MX", "1 de diciembre de 2026"}, // a region takes its language's words
		{"es_US", "1 de diciembre de 2026"},
		{"en-GB", "December 1, 2026"},
		{"fr", "December 1, 2026"}, // no French words yet: English
	} {
		if got := For(c.lang).Date(day); got != c.want {
			t.Errorf("%q: %q, want %q", c.lang, got, c.want)
		}
	}
	for m := time.January; m <= time.December; m++ {
		d := time.Date(2026, m, 24, 0, 0, 0, 0, time.UTC)
		if got, want := For("en").Date(d), d.Format("January 2, 2006"); got != want {
			t.Errorf("en %v: %q, want %q", m, got, want)
		}
	}
	if got := For("es").Date(time.Date(1979, 3, 8, 0, 0, 0, 0, time.UTC)); got != "8 de marzo de 1979" {
		t.Errorf("es: %q", got)
	}
	if got := For("es").Date(time.Time{}); got != "" {
		t.Errorf("zero date: %q", got)
	}
}

func TestPageAndPlurals(t *testing.T) {
	en, es := For("en"), For("es")
	page := map[string]any{"Page": 1, "Pages": 3}
	if got := en.F("handout.footer.page", page); got != "Page 1 of 3" {
		t.Errorf("en: %q", got)
	}
	if got := es.F("handout.footer.page", page); got != "Página 1 de 3" {
		t.Errorf("es: %q", got)
	}
	for _, c := range []struct {
		w    Words
		n    int
		want string
	}{{en, 1, "Source:"}, {en, 2, "Sources:"}, {es, 1, "Fuente:"}, {es, 3, "Fuentes:"}, {es, 1000000, "Fuentes:"}} {
		if got := c.w.N("handout.sources", c.n, nil); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.w.Lang(), c.n, got, c.want)
		}
	}
	if got := es.T("no.such.key"); got != "no.such.key" {
		t.Errorf("a key missing everywhere prints %q, want the key", got)
	}
}

// The English names are anatomy's own, so the handout names every part as
// the app does; the Spanish ones follow Spanish word order.
func TestStructureNames(t *testing.T) {
	en := For("en")
	for _, st := range anatomy.All() {
		if got := en.StructureName(st.ID); got != st.Name {
			t.Errorf("%s: %q, anatomy says %q", st.ID, got, st.Name)
		}
	}
	es := For("es")
	for id, want := range map[string]string{
		"disc:L4-L5":        "disco L4–L5",
		"disc:L5-S":         "disco L5–S1",
		"nerve:L5:left":     "raíz nerviosa L5 izquierda",
		"facet:C5-C6:right": "articulación facetaria C5–C6 derecha",
		"vertebra:L4":       "vértebra L4",
		"vertebra:S":        "sacro",
		"vertebra:C1":       "vértebra C1 (atlas)",
		"topic:red-flags":   anatomy.Name("topic:red-flags"),
	} {
		if got := es.StructureName(id); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
}

// The English findings are the model's labels, word for word.
func TestFindingWords(t *testing.T) {
	for _, f := range handout.Findings {
		if got, want := For("en").Finding(string(f)), f.Label(); got != want {
			t.Errorf("%s: %q, the model says %q", f, got, want)
		}
		if got := For("es").Finding(string(f)); got == f.Label() || got == string(f) {
			t.Errorf("%s has no Spanish word: %q", f, got)
		}
	}
	if got := For("es").Finding("mystery"); got != "mystery" {
		t.Errorf("unknown finding: %q", got)
	}
}

// The words of one handout: a catalogue lookup per heading, label and
// page, next to the 25 ms a handout takes to lay out and compress.
func BenchmarkHandoutWords(b *testing.B) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		w := For("es")
		for i := 0; i < 40; i++ {
			_ = w.T("handout.spine.heading")
		}
		for p := 1; p <= 4; p++ {
			_ = w.F("handout.footer.page", map[string]any{"Page": p, "Pages": 4})
		}
		_ = w.Date(day)
		_ = w.StructureName("nerve:L5:left")
	}
}
