package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
)

// panelMarkdown lays out a text's Markdown in the panel's type sizes. The
// text is read by content.ParseMarkdown, the parser behind the printed
// handout and the library's checks, so the panel shows the same words as
// the paper: an escaped "\*" as a star, a list that starts at 4 from 4.
// List items are paragraphs with their own markers, because Fyne draws
// list bullets at the standard size, which looks lost beside the panel's
// larger text.
func panelMarkdown(md string) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, b := range content.ParseMarkdown(md) {
		switch b.Kind {
		case content.Heading:
			style := widget.RichTextStyleParagraph
			style.TextStyle.Bold = true
			switch b.Level {
			case 1:
				style = widget.RichTextStyleHeading
			case 2:
				style = widget.RichTextStyleSubHeading
			}
			style.SizeName = panelSize(style.SizeName)
			out = append(out, &widget.TextSegment{Style: style, Text: b.Text()})
		case content.Rule:
			out = append(out, &widget.SeparatorSegment{})
		case content.Code:
			style := widget.RichTextStyleCodeBlock
			style.SizeName = panelSize(style.SizeName)
			out = append(out, &widget.TextSegment{Style: style, Text: b.Text()})
		default:
			texts := panelSpans(b.Spans, b.Quote)
			if b.Depth == 0 || b.Quote && b.Marker == "" {
				// A paragraph of running text: its words, then a line end.
				end := widget.RichTextStyleParagraph
				end.SizeName = sizePanelText
				out = append(out, texts...)
				out = append(out, &widget.TextSegment{Style: end})
				continue
			}
			// A list item: indented by its nesting, led by its marker.
			lead := strings.Repeat("    ", b.Depth-1)
			if b.Marker != "" {
				lead += b.Marker + " "
			} else {
				lead += "   " // a further paragraph of an item lines up with its words
			}
			bullet := &widget.TextSegment{Text: lead, Style: widget.RichTextStyleStrong}
			bullet.Style.SizeName = sizePanelText
			texts = append([]widget.RichTextSegment{bullet}, texts...)
			// A paragraph ends its line only when its last piece is not inline.
			if last, ok := texts[len(texts)-1].(*widget.TextSegment); ok {
				last.Style.Inline = false
			} else {
				end := widget.RichTextStyleParagraph
				end.SizeName = sizePanelText
				texts = append(texts, &widget.TextSegment{Style: end})
			}
			out = append(out, &widget.ParagraphSegment{Texts: texts})
		}
	}
	return out
}

// panelSpans turns styled runs into the panel's text segments; a link to
// the web can be followed, other links read as plain words.
func panelSpans(spans []content.Span, quote bool) []widget.RichTextSegment {
	out := make([]widget.RichTextSegment, 0, len(spans))
	for _, s := range spans {
		if s.Link != "" && isWebLink(s.Link) {
			if u, err := url.Parse(s.Link); err == nil {
				h := &widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading, Text: s.Text, URL: u}
				out = append(out, h)
				continue
			}
		}
		style := widget.RichTextStyleInline
		style.TextStyle = fyne.TextStyle{Bold: s.Bold, Italic: s.Italic || quote}
		style.SizeName = sizePanelText
		out = append(out, &widget.TextSegment{Style: style, Text: s.Text})
	}
	return out
}

func isWebLink(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}
