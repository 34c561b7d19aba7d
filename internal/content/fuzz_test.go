package content

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// A text file from disk must never crash the loader, whatever it holds;
// an error names the file, and what loads is tidy.
func FuzzParseDoc(f *testing.F) {
	f.Add("---\nid: topic:x\ntitle: X\nsources:\n  - A\nreviewed: 2026-11-25\n---\n## H\n\nText.\n")
	f.Add("---\n---")
	f.Add("---\nsources:\n- \n---\n")
	f.Add("\ufeff---\r\nid: a\r\n---\r\nbody")
	f.Add("---\ntitle: Cracking your back: what the sound is\nsources:\n  - Smith. Pain: a review. BMJ 2019;364:l689\n---\n")
	f.Add("---\nkeywrods: crack, pop\n---\nText.\n")
	f.Add("---\ntitle: Pain #1 & *more* 'x'\nkeywords: [a, b]\norder: \"3\"\n---\n")
	f.Add("---\nsources: &a\n  - x\nrelated: *a\n---\n")
	f.Add("---\ntitle:\n  - a\norder: x\n---\n")
	f.Add("---\n...\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := parseDoc("x.md", "en", src)
		if err != nil {
			if !strings.Contains(err.Error(), "en/x.md") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		if d.body != strings.TrimSpace(d.body) {
			t.Errorf("body not trimmed: %q", d.body)
		}
		m := d.meta
		for _, list := range [][]string{m.Sources, m.Related, m.Keywords, m.Structures} {
			for _, it := range list {
				if it == "" || it != strings.TrimSpace(it) {
					t.Errorf("list item %q", it)
				}
			}
		}
		for _, v := range []oneLine{m.ID, m.Kind, m.Title, m.Reviewed} {
			if string(v) != strings.TrimSpace(string(v)) {
				t.Errorf("value not trimmed: %q", v)
			}
		}
	})
}

func FuzzGrade(f *testing.F) {
	for _, s := range []string{"", "The cat sat.", "## H\n- a\n1. b", "1.5 2.5 ...", "’'’", "é à ü",
		"Hold 2 * 3 seconds.", `A \*starred\* word.`, "1. Start here,\n   then go on.\n2. Next"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := Grade(s)
		if math.IsNaN(g) || math.IsInf(g, 0) {
			t.Errorf("Grade(%q) = %v", s, g)
		}
		PlainText(s)
	})
}

// Whatever a text holds, the parser behind the panel, the page and the
// checks answers without crashing, keeps every word of plain prose, and
// the stretches and red flags read from it are tidy.
func FuzzParseMarkdown(f *testing.F) {
	for _, s := range []string{"", "## Cat-cow\n\n1. Start\n   here.\n2. Next\n\n**Take care:** slowly.", "Hold 2 * 3 seconds.",
		`A \*starred\* word.`, "- a\n  - b\n\n> q\n\n    code", "1.\n-\n## \n***", "[x](http://a) <b>x</b> &amp; ![](p)",
		"words, only words\nover lines"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		blocks := ParseMarkdown(src)
		for _, b := range blocks {
			if b.Depth < 0 || (b.Kind == Heading) != (b.Level > 0) || (b.Marker != "" && b.Kind != Paragraph) {
				t.Errorf("odd block %+v", b)
			}
		}
		plain := PlainText(src)
		for _, ln := range strings.Split(plain, "\n") {
			if plain != "" && (ln == "" || ln != strings.TrimSpace(ln)) {
				t.Errorf("PlainText line %q", ln)
			}
		}
		// Prose with no Markdown in it loses no word.
		if strings.IndexFunc(src, func(r rune) bool { return !unicode.IsLetter(r) && r != ' ' && r != '\n' && r != ',' && r != '?' }) < 0 {
			if got, want := strings.Fields(plain), strings.Fields(src); !slices.Equal(got, want) {
				t.Errorf("PlainText(%q) = %q: words lost", src, plain)
			}
		}
		if st, err := parseStretches(src); err == nil {
			for _, s := range st {
				if s.ID == "" || len(s.Steps) == 0 || slices.Contains(s.Steps, "") || s.Cautions == "" {
					t.Errorf("stretch %+v", s)
				}
			}
		}
		if slices.Contains(parseFirstBullets(src), "") {
			t.Error("an empty red flag")
		}
	})
}

// Whatever is typed in the search box, search answers without crashing,
// best first, every hit a real text.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "big toe", "scia", "L4-L5", "ééé", "a", "\x00\xff", "siatica nek"} {
		f.Add(s)
	}
	l := english(f)
	f.Fuzz(func(t *testing.T, q string) {
		hits := l.Search(q, 5)
		if len(hits) > 5 {
			t.Errorf("limit ignored: %d hits", len(hits))
		}
		for i, h := range hits {
			if !l.Has(h.ID) {
				t.Errorf("hit %q has no text", h.ID)
			}
			if i > 0 && h.Score > hits[i-1].Score {
				t.Error("not best first")
			}
		}
		if _, err := l.Explain(q); err != nil && err.Error() == "" {
			t.Error("empty error message")
		}
	})
}
