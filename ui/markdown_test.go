package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// The panel reads a text as the printed handout does: an escaped star is a
// star with no backslash, a star between spaces stays, a wrapped item is
// one line, and a list that starts at 4 counts from 4.
func TestPanelMarkdownShowsTheWordsAsWritten(t *testing.T) {
	segs := panelMarkdown("Hold 2 * 3 seconds, a \\*starred\\* word &amp; more.\n\n4. Start here,\n   then go on.\n5. Next\n")
	var lines []string
	var cur strings.Builder
	var walk func([]widget.RichTextSegment)
	walk = func(ss []widget.RichTextSegment) {
		for _, s := range ss {
			switch s := s.(type) {
			case *widget.ParagraphSegment:
				walk(s.Texts)
			case *widget.TextSegment:
				cur.WriteString(s.Text)
				if !s.Inline() {
					lines = append(lines, cur.String())
					cur.Reset()
				}
			}
		}
	}
	walk(segs)
	want := []string{"Hold 2 * 3 seconds, a *starred* word & more.", "4. Start here, then go on.", "5. Next"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("panel lines\n got %q\nwant %q", lines, want)
	}
}
