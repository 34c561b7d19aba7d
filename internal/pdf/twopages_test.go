package pdf

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/exercise"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// libraryCase is a standard handout of issue 14 made from the real
// libraries, as the editor and `handouts new` make it: four items with
// their key points, the marks with the clinician's notes on them, notes,
// a home plan, the library's red flags and three exercises.
type libraryCase struct {
	name      string
	items     []string
	marks     []handout.Mark
	notes     string
	exercises []string
}

// libraryCases are the visits a clinic prints most, one per region, and
// the handouts that cite the most sources the library has: four items of
// the low back and pelvis with 31 and 32 sources between them (found by
// trying every four items of the library).
var libraryCases = []libraryCase{
	{
		name:  "low-back",
		items: []string{"disc:L4-L5", "nerve:L5:left", "facet:L4-L5:left", "topic:cracking-your-back"},
		marks: []handout.Mark{
			{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "worse when sitting"},
			{Structure: "nerve:L5:left", Finding: handout.Irritation, Note: "tingling to the big toe"},
			{Structure: "facet:L4-L5:left", Finding: handout.Stiffness},
		},
		notes:     "Short walks often through the day are better than rest. Next visit in two weeks; bring your MRI report.",
		exercises: []string{"exercise:knee-to-chest", "exercise:cat-camel", "exercise:bridge"},
	},
	{
		name:  "neck",
		items: []string{"disc:C5-C6", "nerve:C6:right", "facet:C5-C6:right", "condition:cervical-radiculopathy"},
		marks: []handout.Mark{
			{Structure: "disc:C5-C6", Finding: handout.Degeneration},
			{Structure: "nerve:C6:right", Finding: handout.Irritation, Note: "tingling in the right thumb"},
			{Structure: "facet:C5-C6:right", Finding: handout.Stiffness, Note: "turning to the right"},
		},
		notes:     "Raise your screen to eye level and take a break every 30 minutes. Call us if your grip gets weaker.",
		exercises: []string{"exercise:chin-tuck", "exercise:upper-trapezius-stretch", "exercise:shoulder-blade-squeeze"},
	},
	{
		name:  "mid-back",
		items: []string{"disc:T6-T7", "facet:T6-T7:right", "condition:mid-back-pain", "topic:adjustments"},
		marks: []handout.Mark{
			{Structure: "facet:T6-T7:right", Finding: handout.Stiffness, Note: "sore when you breathe in deeply"},
			{Structure: "disc:T6-T7", Finding: handout.PainArea},
		},
		notes:     "Get up from your desk every half hour. Heat for 15 minutes in the evening may ease the stiffness.",
		exercises: []string{"exercise:thoracic-extension-chair", "exercise:seated-rotation", "exercise:cat-camel"},
	},
	{
		name:  "sciatica",
		items: []string{"condition:sciatica", "disc:L5-S", "nerve:S1:right", "topic:hurt-is-not-harm"},
		marks: []handout.Mark{
			{Structure: "disc:L5-S", Finding: handout.Herniation, Note: "seen on the MRI"},
			{Structure: "nerve:S1:right", Finding: handout.Irritation, Note: "pain to the outer heel"},
		},
		notes:     "Keep moving within what you can manage. Tell us at once if your foot gets weak or numb.",
		exercises: []string{"exercise:prone-press-up", "exercise:walking", "exercise:piriformis-stretch"},
	},
	{
		name:  "most-sourced",
		items: []string{"sacroiliac:left", "nerve:L5:left", "topic:cracking-your-back", "topic:safe-stretches-at-home"},
		marks: []handout.Mark{
			{Structure: "sacroiliac:left", Finding: handout.Stiffness, Note: "tender when standing on the left leg"},
			{Structure: "nerve:L5:left", Finding: handout.Irritation},
		},
		notes:     "A firm belt around the hips may help while the joint settles. Next visit in one week.",
		exercises: []string{"exercise:pelvic-tilt", "exercise:bird-dog", "exercise:hip-flexor-stretch"},
	},
	{
		name:  "most-sourced-topics",
		items: []string{"disc:L4-L5", "topic:cracking-your-back", "topic:benefits-and-risks", "topic:safe-stretches-at-home"},
		marks: []handout.Mark{
			{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "worse in the morning"},
		},
		notes:     "You asked about the cracking sound: it is gas in the joint fluid, nothing breaking. Keep walking daily.",
		exercises: []string{"exercise:knee-to-chest", "exercise:pelvic-tilt", "exercise:walking"},
	},
}

// libraries are the content and exercise libraries in one language.
type libraries struct {
	content  *content.Library
	exercise *exercise.Library
}

// loadedLibraries keeps each language's libraries once per test process:
// the scan of four-item sets makes thousands of handouts.
var loadedLibraries sync.Map // lang -> libraries

func librariesFor(tb testing.TB, lang string) libraries {
	tb.Helper()
	if l, ok := loadedLibraries.Load(lang); ok {
		return l.(libraries)
	}
	lib, err := content.Load(lang)
	if err != nil {
		tb.Fatal(err)
	}
	exLib, err := exercise.Load(lang)
	if err != nil {
		tb.Fatal(err)
	}
	l, _ := loadedLibraries.LoadOrStore(lang, libraries{lib, exLib})
	return l.(libraries)
}

func libraryHandout(tb testing.TB, c libraryCase, lang string) handout.Handout {
	tb.Helper()
	libs := librariesFor(tb, lang)
	h, err := draft.FromSession(c.items, c.marks, c.notes, libs.content)
	if err != nil {
		tb.Fatal(err)
	}
	exLib := libs.exercise
	for _, id := range c.exercises {
		ex, err := exLib.Get(id)
		if err != nil {
			tb.Fatal(err)
		}
		h.HomeCare.Stretches = append(h.HomeCare.Stretches, draft.StretchOfExercise(ex))
	}
	h.ID, h.PatientID, h.Date, h.Lang = 42, 7, sampleDate, lang
	h.HomeCare.Instructions = "Do these exercises every day. Walk for 20 minutes, twice a day."
	if err := h.Validate(sampleDate); err != nil {
		tb.Fatalf("the test handout is not one the app would save: %v", err)
	}
	return h
}

// TestLibraryHandoutsFitTwoPages: the standard handouts made from the
// libraries (four items with their key points, marks, notes, a home plan,
// the red flags and three exercises) print on two pages, Letter and A4, in
// English and Spanish, with everything in them, citing only the sources
// their key points rest on; the full text and large print are longer and
// still print everything, the full text with all its sources. Set
// CHAIRSIDE_PDF_OUT to a folder to keep the files for a look.
func TestLibraryHandoutsFitTwoPages(t *testing.T) {
	out := os.Getenv("CHAIRSIDE_PDF_OUT")
	save := func(name string, data []byte) {
		if out != "" {
			if err := os.WriteFile(filepath.Join(out, name+".pdf"), data, 0o600); err != nil {
				t.Error(err)
			}
		}
	}
	for _, c := range libraryCases {
		for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
			for _, lang := range []string{"en", "es"} {
				t.Run(c.name+"/"+string(paper)+"/"+lang, func(t *testing.T) {
					h := libraryHandout(t, c, lang)
					cl := sampleClinic(t)
					cl.Paper = paper
					name := c.name + "-" + string(paper) + "-" + lang
					data, pages := render(t, h, samplePatient(), cl)
					save(name, data)
					if len(pages) != 2 {
						t.Errorf("four items and three exercises print on %d pages, want 2", len(pages))
					}
					checkComplete(t, "short", h, pages, false)
					// Nothing was made to fit by shrinking the reading text.
					if kp := h.Items[0].KeyPoints[0]; !strings.Contains(kp, "\n") {
						if got := sizeOf(pages, firstWords(kp, 4)); got < sizeBody-1 {
							t.Errorf("the key points print at %.2f pt, smaller than the %.2f pt they had", got, sizeBody-1)
						}
					}

					// Large print and the full text print completely too: on
					// Letter in English and A4 in Spanish, which covers both
					// papers and both languages at half the time.
					if (paper == handout.Letter) != (lang == "en") {
						return
					}
					large := h
					large.LargePrint = true
					data, big := render(t, large, samplePatient(), cl)
					save(name+"-large", data)
					if len(big) <= len(pages) {
						t.Errorf("large print has %d pages, the usual %d: want it longer", len(big), len(pages))
					}
					checkComplete(t, "large print", large, big, false)

					full := h
					full.Items = append([]handout.Item(nil), h.Items...)
					for i := range full.Items {
						full.Items[i].Full = true
					}
					data, long := render(t, full, samplePatient(), cl)
					save(name+"-full", data)
					if len(long) <= len(pages) {
						t.Errorf("the full version has %d pages, the short %d: want it longer", len(long), len(pages))
					}
					checkComplete(t, "full text", full, long, true)
				})
			}
		}
	}
}

// citedNumbers finds "Sources 1–8, 12" and "Source 3" (in either
// language) in a handout's text: in brackets after a key-point paragraph,
// on a line of their own under a full text.
var citedNumbers = regexp.MustCompile(`(?:Sources?|Fuentes?) ([0-9](?:[0-9–, ]*[0-9])?)`)

// checkComplete fails when the printed handout lacks any part of h: the
// red flags, each mark, each exercise, each item (its key points, or the
// last paragraph of its full text), each source, numbered once, and each
// number an item cites among them.
func checkComplete(t *testing.T, version string, h handout.Handout, pages []readPage, full bool) {
	t.Helper()
	w := i18n.For(h.Lang)
	// The text as drawn, without the running header and the footer, so a
	// paragraph that runs on over a page break reads whole.
	text := runText(pages)
	for n := 1; n <= len(pages); n++ {
		text = strings.ReplaceAll(text, w.F("handout.footer.page", map[string]any{"Page": n, "Pages": len(pages)}), " ")
	}
	for _, s := range []string{w.T("handout.footer.disclaimer"), samplePatient().Name + " · " + w.T("handout.title"), w.Date(h.Date)} {
		text = strings.ReplaceAll(text, s, " ")
	}
	text = strings.Join(strings.Fields(text), " ")
	has := func(what, s string) {
		t.Helper()
		if s = strings.Join(strings.Fields(s), " "); !strings.Contains(text, s) {
			t.Errorf("%s: the handout lacks %s: %q", version, what, s)
		}
	}
	has("the red-flag box", w.T("handout.seekcare.heading"))
	for _, s := range h.SeekCare {
		_, sign := splitAction(s)
		has("a red flag", firstWords(sign, 6))
	}
	for _, m := range h.Marks {
		if m.Note != "" {
			has("a mark's note", m.Note)
		}
	}
	has("the notes", firstWords(h.ClinicianNotes, 8))
	has("the home plan", h.HomeCare.Instructions)
	for i, s := range h.HomeCare.Stretches {
		has("an exercise", w.F("handout.homecare.stretch", map[string]any{"Number": i + 1, "Name": s.Name}))
		has("an exercise's last step", firstWords(s.Steps[len(s.Steps)-1], 5))
	}
	// Printed short, an item cites the sources its key points rest on;
	// in full, all of them.
	cites := func(it handout.Item) []string {
		if full {
			return it.Sources
		}
		return it.ShortSources()
	}
	sources := map[string]bool{}
	for _, it := range h.Items {
		for _, s := range cites(it) {
			sources[strings.TrimSpace(s)] = true
		}
		if !full {
			for _, k := range it.KeyPoints {
				has("a key point", firstWords(k, 6))
			}
			continue
		}
		var last string
		for _, b := range parseMarkdown(it.Body) {
			if b.kind == mdPara && b.depth == 0 && !b.quote {
				var sb strings.Builder
				for _, s := range b.spans {
					sb.WriteString(s.text)
				}
				last = sb.String()
			}
		}
		has("an item's last paragraph", firstWords(last, 6))
	}
	// Every source once, numbered 1 to n in order of first use, each
	// number cited in the text one of them.
	n := 0
	numbered := map[string]bool{}
	for _, it := range h.Items {
		for _, s := range cites(it) {
			if s = strings.TrimSpace(s); s == "" || numbered[s] {
				continue
			}
			numbered[s] = true
			n++
			has("a source with its number", strconv.Itoa(n)+". "+firstWords(compactCitation(s), 2))
		}
	}
	// And no other: a source no printed key point rests on is not listed
	// (unless it starts as one that is: the OpenStax sections print alike).
	listed := map[string]bool{}
	for s := range sources {
		listed[firstWords(compactCitation(s), 6)] = true
	}
	for _, it := range h.Items {
		for _, s := range it.Sources {
			if short := firstWords(compactCitation(s), 6); !listed[short] && strings.Contains(text, short) {
				t.Errorf("%s: the handout lists %q, which no key point it prints rests on", version, short)
			}
		}
	}
	for _, m := range citedNumbers.FindAllStringSubmatch(text, -1) {
		for _, part := range strings.Split(m[1], ",") {
			lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "–")
			if !isRange {
				hi = lo
			}
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || a < 1 || b > len(sources) || a > b {
				t.Errorf("%s: an item cites %q, not among the %d sources listed", version, part, len(sources))
			}
		}
	}
	if len(sources) > 0 && len(citedNumbers.FindAllString(text, -1)) == 0 {
		t.Errorf("%s: no item carries its source numbers", version)
	}
	last := w.F("handout.footer.page", map[string]any{"Page": len(pages), "Pages": len(pages)})
	if !strings.Contains(pages[len(pages)-1].text(), last) {
		t.Errorf("%s: the last page lacks %q", version, last)
	}
}

// firstWords is the first n words of s, as one line.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}
