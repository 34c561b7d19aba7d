package content

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

const stretchesHead = `---
id: topic:safe-stretches-at-home
title: Safe stretches at home
order: 4
sources:
  - NICE guideline NG59 Low back pain and sciatica in over 16s, 2016 (updated 2020)
reviewed: 2026-11-25
stretches: exercise:test-stretch
keypoints:
  - One. [1]
  - Two. [1]
  - Three. []
---
`

// A numbered step may wrap onto the next line, indented or not: that is one
// step in Markdown, and it used to stop the whole library from loading.
func TestWrappedStepIsOneStep(t *testing.T) {
	l, err := withText(t, "en/topics/safe-stretches-at-home.md", stretchesHead+`## Cat-cow

This stretch moves the whole spine.

1. Start on your hands and knees. Put your hands under
   your shoulders and your knees under your hips.
2. Breathe in and let your belly sink,
so your back curves down.
3. Move slowly between the two, 5 to 10 times.

**Take care:** keep the movement small
if your back is sore.
`)
	if err != nil {
		t.Fatalf("a wrapped step stops the library loading: %v", err)
	}
	st := l.Stretches()
	if len(st) != 1 {
		t.Fatalf("%d stretches, want 1: %+v", len(st), st)
	}
	want := []string{
		"Start on your hands and knees. Put your hands under your shoulders and your knees under your hips.",
		"Breathe in and let your belly sink, so your back curves down.",
		"Move slowly between the two, 5 to 10 times.",
	}
	if !slices.Equal(st[0].Steps, want) {
		t.Errorf("steps\n got %q\nwant %q", st[0].Steps, want)
	}
	if st[0].Cautions != "Keep the movement small if your back is sore." {
		t.Errorf("cautions %q", st[0].Cautions)
	}
}

// A star between spaces is a star, and a backslash escape stands for the
// character it escapes: both as Markdown renders them.
func TestPlainTextKeepsLiteralCharacters(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hold 2 * 3 seconds.", "Hold 2 * 3 seconds."},
		{`A \*starred\* word.`, "A *starred* word."},
		{`Back\\slash and a \_line\_.`, `Back\slash and a _line_.`},
		{"Fish &amp; chips.", "Fish & chips."},
		{"*Italic* and **bold**.", "Italic and bold."},
	} {
		if got := PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The stretches and the red flags print on handouts as plain text: the same
// characters must reach the paper.
func TestStretchAndRedFlagKeepLiteralCharacters(t *testing.T) {
	l, err := withText(t, "en/topics/safe-stretches-at-home.md", stretchesHead+`## Bridges

1. Lift your hips 2 * 3 times.
2. Hold the \*top\* for 3 seconds.
3. Lower slowly.

**Take care:** stop at a \*sharp\* pain.
`)
	if err != nil {
		t.Fatal(err)
	}
	st := l.Stretches()
	if len(st) != 1 || !slices.Equal(st[0].Steps, []string{"Lift your hips 2 * 3 times.", "Hold the *top* for 3 seconds.", "Lower slowly."}) ||
		st[0].Cautions != "Stop at a *sharp* pain." {
		t.Errorf("stretch parsed as %+v", st)
	}

	flags := `---
id: topic:red-flags
title: When to seek care right away
order: 6
sources:
  - NICE guideline NG59 Low back pain and sciatica in over 16s, 2016 (updated 2020)
reviewed: 2026-11-25
keypoints:
  - One. [1]
  - Two. [1]
  - Three. []
---
## Seek care right away if you have

- pain rated 2 * 3 or more
- a \*new\* weakness in your legs,
  or a foot that drags
- numbness between your legs

## What to do

Call your emergency number.
`
	l, err = withText(t, "en/topics/red-flags.md", flags)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"pain rated 2 * 3 or more", "a *new* weakness in your legs, or a foot that drags", "numbness between your legs"}
	if got := l.RedFlags(); !slices.Equal(got, want) {
		t.Errorf("red flags\n got %q\nwant %q", got, want)
	}
}

// Every text of the library sticks to the Markdown the panel and the page
// style: a line indented by four spaces would become a code block, a
// stray "**" would print as two stars.
func TestLibraryUsesTheMarkdownSubset(t *testing.T) {
	l := english(t)
	for _, id := range l.IDs() {
		tx := explain(t, l, id)
		for _, b := range ParseMarkdown(tx.Body) {
			if b.Kind != Paragraph && b.Kind != Heading {
				t.Errorf("%s: a code block, raw HTML or rule: %q", id, b.Text())
			}
			for _, s := range b.Spans {
				if strings.Contains(s.Text, "**") || strings.Contains(s.Text, "__") {
					t.Errorf("%s: markup left in the text: %q", id, s.Text)
				}
			}
		}
	}
}

func TestParseMarkdownBlocks(t *testing.T) {
	got := ParseMarkdown("## Cat-cow\n\nIntro with a [link](topic:x).\n\n4. Start\n   here.\n5. Then **this**\n   - nested\n\n> quoted\n")
	want := []Block{
		{Kind: Heading, Level: 2, Spans: []Span{{Text: "Cat-cow"}}},
		{Kind: Paragraph, Spans: []Span{{Text: "Intro with a "}, {Text: "link", Link: "topic:x"}, {Text: "."}}},
		{Kind: Paragraph, Depth: 1, Marker: "4.", Spans: []Span{{Text: "Start here."}}},
		{Kind: Paragraph, Depth: 1, Marker: "5.", Spans: []Span{{Text: "Then "}, {Text: "this", Bold: true}}},
		{Kind: Paragraph, Depth: 2, Marker: "◦", Spans: []Span{{Text: "nested"}}},
		{Kind: Paragraph, Depth: 1, Quote: true, Spans: []Span{{Text: "quoted"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseMarkdown\n got %+v\nwant %+v", got, want)
	}
	if !got[2].Numbered() || got[4].Numbered() {
		t.Error("Numbered: wrong")
	}
}
