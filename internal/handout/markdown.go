package handout

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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

// mdBlock is one printable block of an item's Markdown body. Lists and
// quotes are flattened into blocks with a depth, which is all the page
// layout needs: list item paragraphs are indented by depth, and the first
// paragraph of each item carries its marker ("•" or "3.").
type mdBlock struct {
	kind   mdKind
	level  int    // heading level, 1–6
	depth  int    // list/quote nesting; 0 for top-level text
	marker string // list marker for the first paragraph of an item
	quote  bool   // inside a block quote
	spans  []span
}

var mdParser = goldmark.New().Parser()

// parseMarkdown cuts a Markdown body into printable blocks. It never fails:
// any text the subset does not style (tables, HTML) is kept as plain text,
// since nothing a clinician or the content library wrote may vanish.
func parseMarkdown(src string) []mdBlock {
	source := []byte(src)
	doc := mdParser.Parse(text.NewReader(source))
	c := mdConverter{src: source}
	c.blocks(doc, 0, false)
	return c.out
}

type mdConverter struct {
	src []byte
	out []mdBlock
}

func (c *mdConverter) blocks(parent ast.Node, depth int, quote bool) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			c.out = append(c.out, mdBlock{kind: mdHeading, level: n.Level, depth: depth, quote: quote, spans: c.inlines(n)})
		case *ast.Paragraph, *ast.TextBlock:
			c.out = append(c.out, mdBlock{kind: mdPara, depth: depth, quote: quote, spans: c.inlines(n)})
		case *ast.List:
			c.list(n, depth, quote)
		case *ast.Blockquote:
			c.blocks(n, depth+1, true)
		case *ast.ThematicBreak:
			c.out = append(c.out, mdBlock{kind: mdRule, depth: depth})
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			c.out = append(c.out, mdBlock{kind: mdCode, depth: depth, quote: quote, spans: []span{{text: c.rawLines(n)}}})
		default:
			c.blocks(n, depth, quote)
		}
	}
}

func (c *mdConverter) list(l *ast.List, depth int, quote bool) {
	num := l.Start
	if num == 0 && l.IsOrdered() {
		num = 1
	}
	bullet := "•"
	if depth%2 == 1 {
		bullet = "◦"
	}
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := bullet
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + "."
			num++
		}
		first := len(c.out)
		c.blocks(it, depth+1, quote)
		if first < len(c.out) && c.out[first].kind == mdPara && c.out[first].marker == "" && c.out[first].depth == depth+1 {
			c.out[first].marker = marker
		} else {
			// An empty item, or one starting with a nested list or a
			// heading: give the marker a line of its own so the
			// numbering the reader sees stays right.
			c.out = append(c.out[:first], append([]mdBlock{{kind: mdPara, depth: depth + 1, marker: marker, quote: quote}}, c.out[first:]...)...)
		}
	}
}

// rawLines is the verbatim text of a code or HTML block.
func (c *mdConverter) rawLines(n ast.Node) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		b.Write(h.ClosureLine.Value(c.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// inlines flattens a block's inline content into styled spans.
func (c *mdConverter) inlines(n ast.Node) []span {
	var out []span
	c.inline(n, false, false, &out)
	return mergeSpans(out)
}

func (c *mdConverter) inline(parent ast.Node, bold, italic bool, out *[]span) {
	add := func(s string) {
		if s != "" {
			*out = append(*out, span{text: s, bold: bold, italic: italic})
		}
	}
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(c.src)
			if !n.IsRaw() {
				v = unescape(v)
			}
			add(string(v))
			switch {
			case n.HardLineBreak():
				add("\n")
			case n.SoftLineBreak():
				add(" ")
			}
		case *ast.String:
			v := n.Value
			if !n.IsRaw() && !n.IsCode() {
				v = unescape(v)
			}
			add(string(v))
		case *ast.Emphasis:
			c.inline(n, bold || n.Level >= 2, italic || n.Level == 1, out)
		case *ast.CodeSpan:
			var b bytes.Buffer
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b.Write(tx.Segment.Value(c.src))
				}
			}
			add(b.String())
		case *ast.Link:
			before := len(*out)
			c.inline(n, bold, italic, out)
			dest := string(n.Destination)
			label := ""
			for _, s := range (*out)[before:] {
				label += s.text
			}
			// On paper a link is only useful if its address is printed.
			if isWebAddress(dest) && strings.TrimSpace(label) != dest {
				add(" (" + dest + ")")
			}
		case *ast.AutoLink:
			add(string(n.Label(c.src)))
		case *ast.Image:
			before := len(*out)
			c.inline(n, bold, italic, out)
			if len(*out) == before {
				add("[picture]")
			}
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(c.src))
			}
			add(b.String())
		default:
			c.inline(n, bold, italic, out)
		}
	}
}

func isWebAddress(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// unescape resolves backslash escapes and character references the way
// goldmark's HTML renderer does, so "\*" prints as "*" and "&amp;" as "&".
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// mergeSpans joins neighbours of the same style, so that line breaking sees
// whole words.
func mergeSpans(in []span) []span {
	var out []span
	for _, s := range in {
		if n := len(out); n > 0 && out[n-1].bold == s.bold && out[n-1].italic == s.italic {
			out[n-1].text += s.text
			continue
		}
		out = append(out, s)
	}
	return out
}
