package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// withText loads the English library with one file replaced or added.
func withText(t *testing.T, path, data string) (*Library, error) {
	t.Helper()
	fsys := englishFS(t)
	fsys[path] = &fstest.MapFile{Data: []byte(data)}
	return LoadFS(fsys, "en")
}

// Every form the texts use keeps loading as written: colons and "#" in a
// title or citation, comma lists, "- " lists, and YAML's own quotes and
// [lists] for whoever prefers them.
func TestFrontMatterForms(t *testing.T) {
	d, err := parseDoc("topics/x.md", "en", `---
# a comment line
id: topic:x
title: Cracking your back: what the sound is #1
order: 3
sources:
  - Rubinstein SM. Spinal manipulative therapy for chronic low back pain: systematic review. BMJ 2019;364:l689
  - "Quoted: on purpose"
  -   OpenStax Anatomy & Physiology 2e
reviewed: 2026-11-25
keywords: [crack, pop, child's pose]
related: topic:a, condition:b
structures: disc:*, nerve:L5:*
---
## Body
`)
	if err != nil {
		t.Fatal(err)
	}
	m := d.meta
	if m.ID != "topic:x" || m.Title != "Cracking your back: what the sound is #1" || m.Order == nil || *m.Order != 3 ||
		m.Reviewed != "2026-11-25" || d.body != "## Body" {
		t.Errorf("parsed as %+v, body %q", m, d.body)
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"sources", m.Sources, []string{"Rubinstein SM. Spinal manipulative therapy for chronic low back pain: systematic review. BMJ 2019;364:l689", "Quoted: on purpose", "OpenStax Anatomy & Physiology 2e"}},
		{"related", m.Related, []string{"topic:a", "condition:b"}},
		{"keywords", m.Keywords, []string{"crack", "pop", "child's pose"}},
		{"structures", m.Structures, []string{"disc:*", "nerve:L5:*"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

// The lines of a "|" or ">" block are its text, even when one looks like a
// list item.
func TestFrontMatterBlockValue(t *testing.T) {
	d, err := parseDoc("topics/x.md", "en", "---\ntitle: >\n  - note: a title\nkeywords: a\n---\n")
	if err != nil || d.meta.Title != "- note: a title" || !slices.Equal(d.meta.Keywords, []string{"a"}) {
		t.Errorf("parsed as %+v, %v", d, err)
	}
}

// A mistake in the front matter names the file, the line and what to change.
func TestFrontMatterErrors(t *testing.T) {
	const ok = "id: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 2026-11-25\n"
	for _, c := range []struct {
		name, path, head string
		want             []string
	}{
		{"misspelt key", "topics/x.md", ok + "keywrods: crack\n", []string{"line 7", `unknown key "keywrods"`, `did you mean "keywords"`}},
		{"key twice", "topics/x.md", ok + "title: Y\n", []string{"line 7", `"title" given twice (first on line 3)`}},
		{"order not a number", "topics/x.md", ok + "order: first\n", []string{"line 7", `"first" is not a whole number`}},
		{"title as a list", "topics/x.md", "id: topic:x\ntitle:\n  - X\n", []string{"line 4", "one line of text"}},
		{"empty item", "topics/x.md", ok + "related:\n  - topic:a\n  -\n", []string{"line 9", "empty list item"}},
		{"bad indentation", "topics/x.md", ok + "related:\n  - topic:a\n bad: x\n", []string{"line 9", "not valid YAML"}},
		{"key this kind does not read", "topics/x.md", ok + "structures: disc:*\n", []string{"line 7", `"structures" is not read in topics/ files`}},
		{"order in an override", "overrides/x.md", "id: disc:L3-L4\norder: 2\n", []string{"line 3", `"order" is not read in overrides/ files`}},
		{"not key: value", "topics/x.md", "id topic x\n", []string{"line 2", `expected "key: value"`}},
		{"title on two lines", "topics/x.md", "id: topic:x\ntitle: |\n  two\n  lines\n", []string{"line 3", "one line of text"}},
		{"a second YAML document", "topics/x.md", ok + "...\nkeywords: a\n", []string{"second YAML document"}},
		{"wrong kind", "structures/disc.md", "kind: nerve\ntitle: X\nsources:\n  - A\nreviewed: 2026-11-25\n", []string{`kind "nerve", but this is the disc template`}},
	} {
		_, err := withText(t, "en/"+c.path, "---\n"+c.head+"---\nText.\n")
		if err == nil {
			t.Errorf("%s: loaded", c.name)
			continue
		}
		for _, w := range append(c.want, "en/"+c.path) {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", c.name, err, w)
			}
		}
	}
}

// A misspelt front matter key used to be dropped without a word, so a text
// silently lost its search words or its sources.
func TestFrontMatterRefusesUnknownKey(t *testing.T) {
	_, err := withText(t, "en/topics/x.md", `---
id: topic:x
title: X
sources:
  - OpenStax Anatomy & Physiology 2e
reviewed: 2026-11-25
keywrods: crack, pop
---
Text.
`)
	if err == nil {
		t.Fatal("a misspelt key was accepted")
	}
	for _, want := range []string{"en/topics/x.md", "line 7", `"keywrods"`, `"keywords"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}
