package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// A text whose key points break the rule stops the load with the file and
// what to change, as any other broken text does.
func TestLoadRejectsBadKeyPoints(t *testing.T) {
	const head = "---\nid: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 2026-11-25\n"
	override := func(key string) string { return "---\nid: disc:L3-L4\n---\n{{define \"key\"}}\n" + key + "{{end}}\n" }
	cases := []struct {
		name, path, data string
		want             []string
	}{
		{"topic without key points", "en/topics/x.md", head + "---\nText.\n", []string{"en/topics/x.md", "no key points", `"keypoints:"`}},
		{"two key points", "en/topics/x.md", head + "keypoints:\n  - One.\n  - Two.\n---\nText.\n", []string{"en/topics/x.md", "2 key points, want 3 to 5"}},
		{"six key points", "en/topics/x.md", head + "keypoints:\n  - A.\n  - B.\n  - C.\n  - D.\n  - E.\n  - F.\n---\nText.\n", []string{"6 key points"}},
		{"key points on one line", "en/topics/x.md", head + "keypoints: One, two, three.\n---\nText.\n", []string{"en/topics/x.md", "line 7", "each key point on its own line"}},
		{"two sentences in one point", "en/topics/x.md", head + "keypoints:\n  - One. Two. [1]\n  - Three. [1]\n  - Four. [1]\n---\nText.\n", []string{"key point 1", "one sentence"}},
		{"no full stop", "en/topics/x.md", head + "keypoints:\n  - One [1]\n  - Two. [1]\n  - Three. [1]\n---\nText.\n", []string{"key point 1", "ending with a full stop"}},
		{"small first letter", "en/topics/x.md", head + "keypoints:\n  - one. [1]\n  - Two. [1]\n  - Three. [1]\n---\nText.\n", []string{"key point 1", "capital letter"}},
		{"override with two points", "en/overrides/x.md", override("- One.\n- Two.\n"), []string{"en/overrides/x.md", "disc:L3-L4", "2 key points"}},
		{"override with a paragraph", "en/overrides/x.md", override("A paragraph.\n\n- One.\n- Two.\n- Three.\n"), []string{"disc:L3-L4", `"A paragraph."`, "nothing else"}},
		{"override with numbered points", "en/overrides/x.md", override("1. One.\n2. Two.\n3. Three.\n"), []string{"disc:L3-L4", "not an item"}},
		{"key points in an override's front matter", "en/overrides/x.md", "---\nid: disc:L3-L4\nkeypoints:\n  - A.\n  - B.\n  - C.\n---\n",
			[]string{"en/overrides/x.md", "line 3", `"keypoints" is not read in overrides/ files`, `{{define "key"}}`}},
		{"key points in a template hole", "en/overrides/x.md", override("- One {{.D.nothing}}.\n- Two.\n- Three.\n"), []string{"disc:L3-L4", "key points"}},
	}
	for _, c := range cases {
		_, err := withText(t, c.path, c.data)
		if err == nil {
			t.Errorf("%s: loaded", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", c.name, err, w)
			}
		}
	}
	// A template without a key section leaves its structures without key points.
	fsys := englishFS(t)
	tmpl := string(fsys["en/structures/facet.md"].Data)
	start, end := strings.Index(tmpl, `{{define "key"}}`), strings.Index(tmpl, "{{end}}\n{{end}}\n")
	if start < 0 || end < start {
		t.Fatal("the facet template has no key section to take out")
	}
	fsys["en/structures/facet.md"].Data = []byte(tmpl[:start] + tmpl[end+len("{{end}}\n{{end}}\n"):])
	if _, err := LoadFS(fsys, "en"); err == nil || !strings.Contains(err.Error(), "en/structures/facet.md") || !strings.Contains(err.Error(), `{{define "key"}}`) {
		t.Errorf("a template without key points: %v", err)
	}
}

// An override's key points replace its template's; the others keep the
// template's, filled with their own level.
func TestOverrideKeyPoints(t *testing.T) {
	l, err := withText(t, "en/overrides/x.md", "---\nid: disc:L3-L4\n---\n{{define \"key\"}}\n- The {{.Label}} one. [1]\n- Two. []\n- Three. [1]\n{{end}}\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := explain(t, l, "disc:L3-L4").KeyPoints; !slices.Equal(got, []string{"The L3–L4 one.", "Two.", "Three."}) {
		t.Errorf("override key points %q", got)
	}
	if got := explain(t, l, "disc:L2-L3").KeyPoints; len(got) < 3 || !strings.HasPrefix(got[0], "The L2–L3 disc") {
		t.Errorf("template key points %q", got)
	}
}

// Key points are copies: a caller that changes them does not change the library.
func TestKeyPointsAreCopies(t *testing.T) {
	l := english(t)
	tx := explain(t, l, "topic:cracking-your-back")
	want := tx.KeyPoints[0]
	tx.KeyPoints[0] = "changed"
	if got := explain(t, l, "topic:cracking-your-back").KeyPoints[0]; got != want {
		t.Errorf("a caller changed a key point of the library: %q", got)
	}
}

// plainKeyItems skips goldmark for a key section of plain one-line items;
// whenever it accepts a section, Markdown must read the same sentences,
// and it must turn down anything Markdown could read otherwise.
func TestPlainKeyItemsReadAsMarkdownDoes(t *testing.T) {
	sections := []string{
		"- The L4–L5 disc is a cushion.\n- It presses on the L5 root.\n- Most settle.",
		"- ¿Qué es?\n- ¡Llame ya!\n- El disco L4–L5 es un cojín.",
		"- Two  spaces inside, kept.\n- B.\n- C.",
		"- *Stars* are emphasis.\n- B.\n- C.",
		"- A [link](topic:x).\n- B.\n- C.",
		"- A\\*b.\n- B.\n- C.",
		"- Fish &amp; chips.\n- B.\n- C.",
		"-     Code after five spaces.\n- B.\n- C.",
		"- 1. A numbered list inside.\n- B.\n- C.",
		"- - Nested.\n- B.\n- C.",
		"- > Quoted.\n- B.\n- C.",
		"- # Heading.\n- B.\n- C.",
		"- A.\n\n- B.\n- C.",
		"- A.\n  wrapped onto a second line.\n- C.",
		"A paragraph.\n- B.\n- C.",
		"* Star items.\n* B.\n* C.",
		"- A <b>tag</b>.\n- B.\n- C.",
		"- A `code` span.\n- B.\n- C.",
		"-\n- B.",
		"",
	}
	// Every structure's key points, in both languages, as their key
	// sections fill to: these must all take the quick way.
	for _, lang := range []string{"en", "es"} {
		lib, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range lib.structures {
			tx, _ := lib.Explain(id)
			key := "- " + strings.Join(tx.KeyPoints, "\n- ")
			if _, ok := plainKeyItems(key); !ok {
				t.Errorf("%s %s: key points not read the quick way: %q", lang, id, key)
			}
			sections = append(sections, key)
		}
	}
	accepted := 0
	for _, s := range sections {
		quick, ok := plainKeyItems(s)
		if !ok {
			continue
		}
		accepted++
		slow, err := markdownKeyItems(s)
		if err != nil || !slices.Equal(quick, slow) {
			t.Errorf("%q: quick %q, Markdown %q (%v)", s, quick, slow, err)
		}
	}
	if accepted < 3 {
		t.Errorf("only %d sections read the quick way", accepted)
	}
}

// singleSpaced lets checkKeyPoints skip normalising a key point; it must
// say yes only where strings.Fields and a join would change nothing.
func TestSingleSpacedOnlyWhenNothingToNormalise(t *testing.T) {
	for _, s := range []string{"", " ", "A.", "A b.", " A.", "A. ", "A  b.", "A\tb.", "A\nb.", "A\u00a0b.", "A\u2003b.", "¿Qué es?", "Ça va.", "A\xffb."} {
		if singleSpaced(s) && strings.Join(strings.Fields(s), " ") != s {
			t.Errorf("singleSpaced(%q) = true, but it needs normalising", s)
		}
	}
	for _, s := range []string{"A.", "A b.", "¿Qué es?", "Ça va."} {
		if !singleSpaced(s) {
			t.Errorf("singleSpaced(%q) = false", s)
		}
	}
}

// Each key point names the sources that back it, by their places in the
// text's list; a short handout cites only those. A key point without its
// numbers, a number the list does not reach, or a text none of whose key
// points names a source stops the load, naming the file.
func TestLoadRejectsBadKeySources(t *testing.T) {
	const head = "---\nid: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\n  - NICE NG59\nreviewed: 2026-11-25\nkeypoints:\n"
	override := func(key string) string { return "---\nid: disc:L3-L4\n---\n{{define \"key\"}}\n" + key + "{{end}}\n" }
	cases := []struct {
		name, path, data string
		want             []string
	}{
		{"a key point without numbers", "en/topics/x.md", head + "  - One. [1]\n  - Two.\n  - Three. [2]\n---\nText.\n",
			[]string{"en/topics/x.md", "key point 2", "names no source", "[2, 5]"}},
		{"a number past the list", "en/topics/x.md", head + "  - One. [1]\n  - Two. [1, 3]\n  - Three. [2]\n---\nText.\n",
			[]string{"en/topics/x.md", "key point 2 names source 3, but the text has 2 sources"}},
		{"source 0", "en/topics/x.md", head + "  - One. [0]\n  - Two. [1]\n  - Three. [2]\n---\nText.\n",
			[]string{"en/topics/x.md", "key point 1", `"[0]" is not a list of source numbers`}},
		{"words in the brackets", "en/topics/x.md", head + "  - One. [1]\n  - Two. [NICE]\n  - Three. [2]\n---\nText.\n",
			[]string{"en/topics/x.md", "key point 2", `"[NICE]" is not a list of source numbers`}},
		{"a number and a word", "en/topics/x.md", head + "  - One. [1, b]\n  - Two. [1]\n  - Three. [2]\n---\nText.\n",
			[]string{"en/topics/x.md", "key point 1", `"[1, b]" is not a list of source numbers`}},
		{"no key point names a source", "en/topics/x.md", head + "  - One. []\n  - Two. []\n  - Three. []\n---\nText.\n",
			[]string{"en/topics/x.md", "none of the key points names a source"}},
		// A structure counts its template's sources (the disc template
		// has 7, and a lumbar level adds one), then its override's.
		{"an override's number past the structure's list", "en/overrides/x.md", override("- One. [1]\n- Two. [9]\n- Three. [1]\n"),
			[]string{"en/structures/disc.md or en/overrides/x.md", "disc:L3-L4", "key point 2 names source 9, but the text has 8 sources", "then its override's"}},
		{"an override's key point without numbers", "en/overrides/x.md", override("- One. [1]\n- Two.\n- Three. [1]\n"),
			[]string{"en/overrides/x.md", "disc:L3-L4", "key point 2", "names no source"}},
	}
	for _, c := range cases {
		_, err := withText(t, c.path, c.data)
		if err == nil {
			t.Errorf("%s: loaded", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", c.name, err, w)
			}
		}
	}
}

// The numbers become the places of the key sources in the text's list,
// each once and in order; "[]" adds none; the sentences print without them.
func TestKeySourcesArePlacesInTheSourceList(t *testing.T) {
	l, err := withText(t, "en/topics/x.md", "---\nid: topic:x\ntitle: X\nsources:\n  - A 2001.\n  - B 2002.\n  - C 2003.\nreviewed: 2026-11-25\nkeypoints:\n  - One. [3]\n  - Two. [1, 3]\n  - Three. []\n---\nText.\n")
	if err != nil {
		t.Fatal(err)
	}
	tx := explain(t, l, "topic:x")
	if !slices.Equal(tx.KeySources, []int{0, 2}) || !slices.Equal(tx.KeyPoints, []string{"One.", "Two.", "Three."}) {
		t.Errorf("key sources %v, key points %q; want [0 2] and the sentences without their numbers", tx.KeySources, tx.KeyPoints)
	}
	// An override's numbers run on after its template's and its level's
	// sources: the L4–L5 disc prints the template's 7, its level's review
	// of disc regression, then the override's own.
	l, err = withText(t, "en/overrides/disc-L4-L5.md", "---\nid: disc:L4-L5\nsources:\n  - Own 2020.\n---\n{{define \"key\"}}\n- One. [9]\n- Two. [8]\n- Three. [1]\n{{end}}\n")
	if err != nil {
		t.Fatal(err)
	}
	tx = explain(t, l, "disc:L4-L5")
	if len(tx.Sources) != 9 || !slices.Equal(tx.KeySources, []int{0, 7, 8}) || tx.Sources[8] != "Own 2020." || !strings.HasPrefix(tx.Sources[7], "Chiu") {
		t.Errorf("override: key sources %v of %q", tx.KeySources, tx.Sources)
	}
	if c := tx.clone(); &c.KeySources[0] == &tx.KeySources[0] {
		t.Error("a copy of a text shares its key sources")
	}
}

// Every text with key points names the sources behind them, and a
// translation names the same ones: its sources are the English citations,
// so the places must agree too.
func TestKeySourcesInBothLanguages(t *testing.T) {
	en, es := english(t), spanish(t)
	fewer := 0
	for _, id := range en.IDs() {
		a, b := explain(t, en, id), explain(t, es, id)
		if len(a.KeySources) == 0 {
			t.Errorf("%s: no key sources", id)
		}
		if !slices.Equal(a.KeySources, b.KeySources) {
			t.Errorf("%s: key sources %v in English, %v in Spanish", id, a.KeySources, b.KeySources)
		}
		if len(a.KeySources) < len(a.Sources) {
			fewer++
		}
	}
	// The point of them: most short texts cite fewer than all.
	if fewer < len(en.IDs())/2 {
		t.Errorf("only %d of %d texts have fewer key sources than sources", fewer, len(en.IDs()))
	}
}

// oneSentence looks for a second sentence by bytes; it must find exactly
// what a reading by letters finds.
func TestOneSentenceByBytesAsByLetters(t *testing.T) {
	byLetters := func(end string) bool {
		rs := []rune(end)
		for i := 0; i+2 < len(rs)-1; i++ {
			if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?') && rs[i+1] == ' ' && (unicode.IsUpper(rs[i+2]) || rs[i+2] == '¿' || rs[i+2] == '¡') {
				return true
			}
		}
		return false
	}
	// Each starts with a capital and ends with a full stop, so only the
	// search for a second sentence can refuse it.
	cases := []string{"One. Two.", "A. B.", "A. Bc.", "Ends. É.", "Ends. Éx.", "¿Sí? ¿No?", "¡Ya! ¡Ahora!", "Uno. ¿dos?", "Dr. Smith came.", "No. á.", "X. Ñu.", "Ok.", "A.. B.", "A. . B."}
	for _, lang := range []string{"en", "es"} {
		l, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range l.IDs() {
			tx, _ := l.Explain(id)
			cases = append(cases, tx.KeyPoints...)
		}
	}
	for _, s := range cases {
		end := strings.TrimRight(s, `"”»)`)
		if got := oneSentence(s) != nil && strings.Contains(fmt.Sprint(oneSentence(s)), "split it"); got != byLetters(end) {
			t.Errorf("%q: second sentence found %v, by letters %v", s, got, byLetters(end))
		}
	}
}
