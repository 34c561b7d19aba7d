package pdf

import (
	"strings"

	"chairside/internal/content"
)

// span is a run of text in one style.
type span struct {
	text         string
	bold, italic bool
}

// mdKind is the sort of block a Markdown body is cut into for printing.
type mdKind int

const (
	mdPara    mdKind = iota // a paragraph, or a paragraph inside a list item
	mdHeading               // a heading inside an item's text (#, ##, …)
	mdRule                  // a thematic break (---)
	mdCode                  // a code or raw HTML block, printed line for line
)

// mdBlock is one printable block of an item's Markdown body: a
// content.Block in the page layout's terms. List item paragraphs are
// indented by depth, and the first paragraph of each item carries its
// marker ("•" or "3.").
type mdBlock struct {
	kind   mdKind
	level  int    // heading level, 1–6
	depth  int    // list/quote nesting; 0 for top-level text
	marker string // list marker for the first paragraph of an item
	quote  bool   // inside a block quote
	spans  []span
}

var mdKinds = map[content.BlockKind]mdKind{content.Paragraph: mdPara, content.Heading: mdHeading, content.Rule: mdRule, content.Code: mdCode}

// parseMarkdown cuts a Markdown body into printable blocks, read by the
// same parser as the panel and the library's checks (content.ParseMarkdown).
// It never fails: any text the subset does not style (tables, HTML) is
// kept as plain text, since nothing a clinician or the content library
// wrote may vanish.
func parseMarkdown(src string) []mdBlock {
	blocks := content.ParseMarkdown(src)
	out := make([]mdBlock, len(blocks))
	for i, b := range blocks {
		out[i] = mdBlock{kind: mdKinds[b.Kind], level: b.Level, depth: b.Depth, marker: b.Marker, quote: b.Quote, spans: printSpans(b.Spans)}
	}
	return out
}

// printSpans drops the links of spans, which paper cannot follow: a link to
// the web prints its address after its words instead.
func printSpans(in []content.Span) []span {
	var out []span
	add := func(s span) {
		if n := len(out); n > 0 && out[n-1].bold == s.bold && out[n-1].italic == s.italic {
			out[n-1].text += s.text
			return
		}
		out = append(out, s)
	}
	for i := 0; i < len(in); i++ {
		s := in[i]
		add(span{text: s.Text, bold: s.Bold, italic: s.Italic})
		if s.Link == "" {
			continue
		}
		label := s.Text
		for i+1 < len(in) && in[i+1].Link == s.Link {
			i++
			label += in[i].Text
			add(span{text: in[i].Text, bold: in[i].Bold, italic: in[i].Italic})
		}
		if isWebAddress(s.Link) && strings.TrimSpace(label) != s.Link {
			add(span{text: " (" + s.Link + ")", bold: s.Bold, italic: s.Italic})
		}
	}
	return out
}

func isWebAddress(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}
