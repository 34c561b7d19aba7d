package exercise

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"chairside/internal/content"
	"chairside/internal/i18n"
)

func load(t *testing.T, lang string) *Library {
	t.Helper()
	l, err := Load(lang)
	if err != nil {
		t.Fatalf("Load(%s): %v", lang, err)
	}
	return l
}

// Every exercise is written in English and in Spanish (not a fallback),
// with three to five steps, a common mistake, cautions that include
// stopping when pain spreads down an arm or leg, a valid dose, and plain
// words: US grade 8 or below in English, Fernández-Huerta 70 or more in
// Spanish.
func TestEveryExerciseInBothLanguages(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		l := load(t, lang)
		all := l.All()
		if len(all) < 24 || len(all) != len(catalog) {
			t.Fatalf("%s: %d exercises, want the catalogue's %d (at least 24)", lang, len(all), len(catalog))
		}
		for _, e := range all {
			if e.Fallback || e.Lang != lang {
				t.Errorf("%s %s: not written in %s (fallback %v)", lang, e.ID, lang, e.Fallback)
			}
			if n := len(e.Steps); n < 3 || n > 5 {
				t.Errorf("%s %s: %d steps", lang, e.ID, n)
			}
			if err := e.Dose.Validate(); err != nil {
				t.Errorf("%s %s: %v", lang, e.ID, err)
			}
			no := map[string]string{"en": "Do not ", "es": "No "}[lang]
			if !strings.HasPrefix(e.DoNot, no) {
				t.Errorf("%s %s: the common mistake %q does not start %q", lang, e.ID, e.DoNot, no)
			}
			stop := map[string][]string{"en": {"down an arm", "down a leg"}, "es": {"por un brazo", "por una pierna"}}[lang]
			if !slices.ContainsFunc(e.Cautions, func(c string) bool {
				return strings.Contains(c, stop[0]) || strings.Contains(c, stop[1])
			}) {
				t.Errorf("%s %s: no caution about pain spreading down an arm or leg", lang, e.ID)
			}
			text := strings.Join(append(append([]string{e.Title, e.Purpose}, e.Steps...), append([]string{e.DoNot}, e.Cautions...)...), "\n")
			if lang == "en" {
				if g := content.Grade(text); g > 8 {
					t.Errorf("en %s: grade %.1f, want 8 or below", e.ID, g)
				}
			} else {
				if fh := content.FernandezHuerta(text); fh < 70 {
					t.Errorf("es %s: Fernández-Huerta %.1f, want 70 or more", e.ID, fh)
				}
				// no English sentence left behind in a Spanish text
				for _, w := range strings.Fields(strings.ToLower(text)) {
					if w = strings.Trim(w, ".,:;()"); slices.Contains([]string{"the", "your", "with", "and", "you", "do", "not"}, w) {
						t.Errorf("es %s: English word %q", e.ID, w)
					}
				}
			}
		}
	}
}

// The Spanish texts cite the English ones' sources word for word, and
// every source is the citation of exactly one reference-list entry.
func TestSourcesAreInTheReferenceList(t *testing.T) {
	refs, err := content.References()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range refs {
		count[r.Citation]++
	}
	en, es := load(t, "en"), load(t, "es")
	for i, e := range en.All() {
		for _, s := range e.Sources {
			if count[s] != 1 {
				t.Errorf("%s cites %q, the citation of %d reference-list entries (want 1)", e.ID, s, count[s])
			}
		}
		if !slices.Equal(e.Sources, es.All()[i].Sources) {
			t.Errorf("%s: the Spanish text cites other sources than the English one", e.ID)
		}
	}
}

// The cautions name the conditions the issue lists where an exercise
// needs them: deep hip bending after a hip replacement, lying on the back
// late in pregnancy, bending forward with thin bones.
func TestCautionsWhereTheyMatter(t *testing.T) {
	l := load(t, "en")
	need := map[string][]string{
		"hip replacement": {"knee-to-chest", "childs-pose", "piriformis-stretch", "hip-flexor-stretch", "sit-to-stand"},
		"pregnancy":       {"knee-to-chest", "pelvic-tilt", "bridge", "dead-bug", "hamstring-stretch", "prone-press-up"},
		"osteoporosis":    {"cat-camel", "childs-pose", "knee-to-chest", "seated-rotation", "thoracic-extension-chair"},
	}
	for word, slugs := range need {
		for _, s := range slugs {
			e, err := l.Get(s)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(e.Cautions, " "), word) {
				t.Errorf("%s: no caution about %s", e.ID, word)
			}
		}
	}
}

func TestRegionsAndLookup(t *testing.T) {
	l := load(t, "en")
	for _, r := range Regions {
		if n := len(l.InRegion(r)); n < 3 {
			t.Errorf("region %s has %d exercises, want at least 3", r, n)
		}
	}
	for _, e := range l.InRegion(Neck) {
		if !e.In(Neck) {
			t.Errorf("%s listed under the neck", e.ID)
		}
	}
	for in, want := range map[string]Region{"neck": Neck, "Low back": LowBack, "hip": HipPelvis, "upper_back": UpperBack, " posture ": Posture} {
		if got, err := ParseRegion(in); err != nil || got != want {
			t.Errorf("ParseRegion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseRegion("knee"); err == nil || !strings.Contains(err.Error(), "neck, upper-back") {
		t.Errorf("ParseRegion(knee): %v", err)
	}
	if e, err := l.Get("chin-tuck"); err != nil || e.ID != "exercise:chin-tuck" {
		t.Errorf("Get(chin-tuck) = %s, %v", e.ID, err)
	}
	if _, err := l.Get("exercise:chin-tuk"); err == nil || !strings.Contains(err.Error(), "did you mean exercise:chin-tuck?") {
		t.Errorf("a misspelt ID: %v", err)
	}
	if _, err := l.Get("exercise:juggling"); err == nil || !strings.Contains(err.Error(), "lists them") {
		t.Errorf("an unknown ID: %v", err)
	}
	if _, err := Load("English"); err == nil {
		t.Error("Load(English) passed")
	}
	// a language without exercise texts falls back to English, marked so
	fr := load(t, "fr")
	if e := fr.All()[0]; !e.Fallback || e.Lang != "en" {
		t.Errorf("fr: %+v", e)
	}
}

// Every home stretch of the content library carries the ID of its
// exercise (declared in the stretches topic's front matter), so a handout
// stores the exercise's ID whatever its language; handouts saved before
// hold old name-based IDs, which handout.StretchID maps to these.
func TestEveryStretchIsAnExercise(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		lib, err := content.Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		ex := load(t, lang)
		for _, s := range lib.Stretches() {
			if _, err := ex.Get(s.ID); err != nil {
				t.Errorf("%s: stretch %q (%s) is no exercise: %v", lang, s.ID, s.Name, err)
			}
		}
	}
}

func TestDoseWords(t *testing.T) {
	cases := []struct {
		d      Dose
		en, es string
	}{
		{Dose{Sets: 1, Reps: 5, HoldSec: 5, PerDay: 3, DaysWeek: 7},
			"5 times, hold 5 seconds each time; 3 times a day, every day",
			"5 veces, mantenga 5 segundos cada vez; 3 veces al día, todos los días"},
		{Dose{Sets: 2, Reps: 8, EachSide: true, PerDay: 1, DaysWeek: 5},
			"2 sets of 8 on each side; once a day, 5 days a week",
			"2 series de 8 de cada lado; 1 vez al día, 5 días a la semana"},
		{Dose{Minutes: 10, PerDay: 2, DaysWeek: 1},
			"10 minutes; twice a day, 1 day a week",
			"10 minutos; 2 veces al día, 1 día a la semana"},
	}
	for _, c := range cases {
		if err := c.d.Validate(); err != nil {
			t.Errorf("%+v: %v", c.d, err)
		}
		if got := c.d.Words(i18n.For("en")); got != c.en {
			t.Errorf("en: %q, want %q", got, c.en)
		}
		if got := c.d.Words(i18n.For("es")); got != c.es {
			t.Errorf("es: %q, want %q", got, c.es)
		}
	}
	bad := []struct {
		d    Dose
		want string
	}{
		{Dose{PerDay: 1, DaysWeek: 7}, "repetitions or of minutes"},
		{Dose{Sets: 1, Reps: 5, Minutes: 5, PerDay: 1, DaysWeek: 7}, "not both"},
		{Dose{Sets: 0, Reps: 5, PerDay: 1, DaysWeek: 7}, "sets 0"},
		{Dose{Sets: 1, Reps: 500, PerDay: 1, DaysWeek: 7}, "repetitions 500"},
		{Dose{Sets: 1, Reps: 5, HoldSec: -1, PerDay: 1, DaysWeek: 7}, "hold -1"},
		{Dose{Sets: 1, Reps: 5, PerDay: 0, DaysWeek: 7}, "times a day 0"},
		{Dose{Sets: 1, Reps: 5, PerDay: 1, DaysWeek: 8}, "days a week 8"},
		{Dose{Sets: 2, Minutes: 10, PerDay: 1, DaysWeek: 7}, "no sets"},
	}
	for _, c := range bad {
		if err := c.d.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.d, err, c.want)
		}
	}
}

// A text that breaks the rules stops the load with its file and the fix.
func TestBadTextsAreRefused(t *testing.T) {
	good := func(slug string) string {
		return "---\nid: exercise:" + slug + "\ntitle: T\nsources:\n  - S\nreviewed: 2026-12-01\n---\nWhy.\n\n1. a\n2. b\n3. c\n\n**Common mistake:** Do not x.\n\n**Take care:**\n\n- y\n"
	}
	base := func() fstest.MapFS {
		m := fstest.MapFS{}
		for _, e := range catalog {
			m["en/exercises/"+e.slug+".md"] = &fstest.MapFile{Data: []byte(good(e.slug))}
		}
		return m
	}
	if _, err := LoadFS(base(), "en"); err != nil {
		t.Fatalf("good texts: %v", err)
	}
	cases := []struct {
		name, file, data, want string
	}{
		{"two steps", "en/exercises/bridge.md", strings.Replace(good("bridge"), "3. c\n", "", 1), "2 steps: write three to five"},
		{"no mistake line", "en/exercises/bridge.md", strings.Replace(good("bridge"), "**Common mistake:** Do not x.\n\n", "", 1), "unexpected text"},
		{"misspelt key", "en/exercises/bridge.md", strings.Replace(good("bridge"), "title:", "titel:", 1), "titel"},
		{"wrong id", "en/exercises/bridge.md", good("walking"), `id "exercise:walking", want "exercise:bridge"`},
		{"no sources", "en/exercises/bridge.md", strings.Replace(good("bridge"), "sources:\n  - S\n", "", 1), "no sources"},
		{"bad date", "en/exercises/bridge.md", strings.Replace(good("bridge"), "2026-12-01", "1 Dec", 1), "not YYYY-MM-DD"},
		{"a heading", "en/exercises/bridge.md", strings.Replace(good("bridge"), "Why.", "## Why", 1), "no headings"},
		{"no front matter", "en/exercises/bridge.md", "Why.\n", "front matter"},
		{"not in the catalogue", "en/exercises/juggling.md", good("juggling"), "juggling.md has no entry in the exercise catalogue"},
	}
	for _, c := range cases {
		m := base()
		m[c.file] = &fstest.MapFile{Data: []byte(c.data)}
		_, err := LoadFS(m, "en")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to mention %q", c.name, err, c.want)
		}
	}
	m := base()
	delete(m, "en/exercises/bridge.md")
	if _, err := LoadFS(m, "en"); err == nil || !strings.Contains(err.Error(), "exercise:bridge") {
		t.Errorf("a missing text: %v", err)
	}
}

// The editor offers the exercises of the regions the visit was about.
func TestRegionsOfAVisit(t *testing.T) {
	cases := []struct {
		ids  []string
		want []Region
	}{
		{[]string{"disc:L4-L5", "nerve:L5:left", "topic:cracking-your-back"}, []Region{LowBack}},
		{[]string{"vertebra:C5", "facet:T4-T5:right"}, []Region{Neck, UpperBack, MidBack}},
		{[]string{"vertebra:S", "vertebra:Co"}, []Region{LowBack, HipPelvis}},
		{[]string{"condition:sciatica", "no-such-id"}, nil},
	}
	for _, c := range cases {
		if got := RegionsFor(c.ids); !slices.Equal(got, c.want) {
			t.Errorf("RegionsFor(%v) = %v, want %v", c.ids, got, c.want)
		}
	}
	l := load(t, "en")
	neck := l.ForVisit([]Region{Neck})
	if len(neck) != len(l.InRegion(Neck)) || len(neck) == 0 {
		t.Errorf("ForVisit(neck): %d exercises, InRegion: %d", len(neck), len(l.InRegion(Neck)))
	}
	both := l.ForVisit([]Region{Neck, Posture})
	ids := map[string]int{}
	for _, e := range both {
		ids[e.ID]++
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("%s offered %d times", id, n)
		}
	}
	if len(both) <= len(neck) || len(l.ForVisit(nil)) != 0 {
		t.Errorf("ForVisit: neck+posture %d, neck %d, none %d", len(both), len(neck), len(l.ForVisit(nil)))
	}
}
