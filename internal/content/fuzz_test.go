package content

import (
	"math"
	"strings"
	"testing"
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
	for _, s := range []string{"", "The cat sat.", "## H\n- a\n1. b", "1.5 2.5 ...", "’'’", "é à ü"} {
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
