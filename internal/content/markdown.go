package content

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"chairside/internal/words"
)

// BlockKind is the sort of block a text's Markdown is cut into.
type BlockKind int

const (
	Paragraph BlockKind = iota // a paragraph, or a paragraph inside a list item
	Heading                    // #, ##, …
	Rule                       // a thematic break (---)
	Code                       // a code or raw HTML block, kept line for line
)

// Span is a run of text in one style.
type Span struct {
	Text         string
	Bold, Italic bool
	// Link is the destination of the link the span is part of ("" for
	// none): a web address, or the ID of another text.
	Link string
}

// Block is one block of a text. Lists and quotes are flattened into blocks
// with a depth, which is all the panel, the page layout and the checks
// need: the first paragraph of a list item carries its marker ("•", "◦"
// nested, or "3."), and the item's further blocks follow it one level
// deeper than the list.
type Block struct {
	Kind   BlockKind
	Level  int    // heading level, 1–6
	Depth  int    // list and quote nesting; 0 for top-level text
	Marker string // list marker, on the first paragraph of an item
	Quote  bool   // inside a block quote
	Spans  []Span
}

// Numbered reports whether the block starts an item of a numbered list.
func (b Block) Numbered() bool { return b.Marker != "" && b.Marker[0] >= '0' && b.Marker[0] <= '9' }

// Text is the block's words without styling. A hard line break stays a
// line break.
func (b Block) Text() string {
	if len(b.Spans) == 1 {
		return b.Spans[0].Text
	}
	var s strings.Builder
	for _, sp := range b.Spans {
		s.WriteString(sp.Text)
	}
	return s.String()
}

var mdParser = goldmark.New().Parser()

// ParseMarkdown cuts a text into blocks, with goldmark reading the Markdown
// exactly as CommonMark does: a list item may wrap onto the next line, a
// star between spaces is a star, a backslash escapes what follows it. It
// never fails: anything not styled (tables, HTML) is kept as plain text,
// since nothing a clinician or the library wrote may vanish.
func ParseMarkdown(src string) []Block {
	source := []byte(src)
	doc := mdParser.Parse(text.NewReader(source))
	c := mdConverter{src: source}
	c.blocks(doc, 0, false)
	return c.out
}

type mdConverter struct {
	src []byte
	out []Block
}

func (c *mdConverter) blocks(parent ast.Node, depth int, quote bool) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			c.out = append(c.out, Block{Kind: Heading, Level: n.Level, Depth: depth, Quote: quote, Spans: c.inlines(n)})
		case *ast.Paragraph, *ast.TextBlock:
			c.out = append(c.out, Block{Kind: Paragraph, Depth: depth, Quote: quote, Spans: c.inlines(n)})
		case *ast.List:
			c.list(n, depth, quote)
		case *ast.Blockquote:
			c.blocks(n, depth+1, true)
		case *ast.ThematicBreak:
			c.out = append(c.out, Block{Kind: Rule, Depth: depth})
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			c.out = append(c.out, Block{Kind: Code, Depth: depth, Quote: quote, Spans: []Span{{Text: c.rawLines(n)}}})
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
		if first < len(c.out) && c.out[first].Kind == Paragraph && c.out[first].Marker == "" && c.out[first].Depth == depth+1 {
			c.out[first].Marker = marker
		} else {
			// An empty item, or one starting with a nested list or a
			// heading: give the marker a line of its own so the
			// numbering the reader sees stays right.
			c.out = append(c.out[:first], append([]Block{{Kind: Paragraph, Depth: depth + 1, Marker: marker, Quote: quote}}, c.out[first:]...)...)
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
func (c *mdConverter) inlines(n ast.Node) []Span {
	var out []Span
	c.inline(n, Span{}, &out)
	return mergeSpans(out)
}

// inline appends the spans of parent's children, in the style of st.
func (c *mdConverter) inline(parent ast.Node, st Span, out *[]Span) {
	add := func(s string) {
		if s != "" {
			sp := st
			sp.Text = s
			*out = append(*out, sp)
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
			inner := st
			inner.Bold = st.Bold || n.Level >= 2
			inner.Italic = st.Italic || n.Level == 1
			c.inline(n, inner, out)
		case *ast.CodeSpan:
			var b bytes.Buffer
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b.Write(tx.Segment.Value(c.src))
				}
			}
			add(b.String())
		case *ast.Link:
			inner := st
			inner.Link = string(n.Destination)
			c.inline(n, inner, out)
		case *ast.AutoLink:
			inner := st
			inner.Link = string(n.URL(c.src))
			before := len(*out)
			c.inline(n, inner, out) // nothing, in goldmark: the label is not a child
			if len(*out) == before {
				inner.Text = string(n.Label(c.src))
				*out = append(*out, inner)
			}
		case *ast.Image:
			before := len(*out)
			c.inline(n, st, out)
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
			c.inline(n, st, out)
		}
	}
}

// unescape resolves backslash escapes and character references the way
// goldmark's HTML renderer does, so "\*" reads "*" and "&amp;" reads "&".
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// mergeSpans joins neighbours of the same style and link, so that line
// breaking sees whole words.
func mergeSpans(in []Span) []Span {
	var out []Span
	for _, s := range in {
		if n := len(out); n > 0 {
			if p := &out[n-1]; p.Bold == s.Bold && p.Italic == s.Italic && p.Link == s.Link {
				p.Text += s.Text
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// plainText is the words of parsed blocks, one line per block: a
// paragraph's line breaks become spaces, so that a sentence is not cut in
// two; a code block keeps its lines.
func plainText(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		t := bl.Text()
		if bl.Kind != Code {
			t = strings.ReplaceAll(t, "\n", " ")
		}
		for _, ln := range strings.Split(t, "\n") {
			if ln = strings.TrimSpace(ln); ln == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(ln)
		}
	}
	return b.String()
}

// itemText is the words of the list item that starts at blocks[i] (its
// first paragraph and any further paragraphs or nested lists), joined into
// one line, and the index of the block after the item.
func itemText(blocks []Block, i int) (string, int) {
	d := blocks[i].Depth
	j := i + 1
	for j < len(blocks) && blocks[j].Quote == blocks[i].Quote && (blocks[j].Depth > d || (blocks[j].Depth == d && blocks[j].Marker == "")) {
		j++
	}
	return strings.ReplaceAll(plainText(blocks[i:j]), "\n", " "), j
}

// parseStretches reads each "## Name" section that holds a numbered list:
// the numbered items are the steps, what follows them the cautions, less
// a bold label such as "**Take care:**". Sections without numbered steps
// (an introduction) are not stretches.
func parseStretches(body string) ([]Stretch, error) {
	blocks := ParseMarkdown(body)
	var out []Stretch
	var cur *Stretch
	var caution []string
	finish := func() error {
		if cur == nil || len(cur.Steps) == 0 {
			return nil
		}
		if cur.ID == "" {
			return fmt.Errorf("stretch %q: its name needs a letter or digit", cur.Name)
		}
		// The label is dropped, so the cautions start a sentence of their own.
		cur.Cautions = words.UpperFirst(strings.TrimSpace(strings.Join(caution, " ")))
		if cur.Cautions == "" {
			return fmt.Errorf("stretch %q has no cautions after its steps", cur.Name)
		}
		out = append(out, *cur)
		return nil
	}
	for i := 0; i < len(blocks); {
		b := blocks[i]
		switch {
		case b.Kind == Heading && b.Level == 2 && b.Depth == 0:
			if err := finish(); err != nil {
				return nil, err
			}
			name := plainText(blocks[i : i+1])
			cur, caution = &Stretch{ID: slug(name), Name: name}, nil
		case cur == nil:
		case b.Depth == 1 && b.Numbered() && !b.Quote:
			if len(caution) > 0 {
				return nil, fmt.Errorf("stretch %q: steps continue after the cautions", cur.Name)
			}
			step, next := itemText(blocks, i)
			if step == "" {
				return nil, fmt.Errorf("stretch %q: step %d is empty", cur.Name, len(cur.Steps)+1)
			}
			cur.Steps = append(cur.Steps, step)
			i = next
			continue
		case len(cur.Steps) > 0:
			if t := plainText([]Block{withoutLabel(b)}); t != "" {
				caution = append(caution, t)
			}
		}
		i++
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no stretches (a ## heading followed by numbered steps)")
	}
	seen := map[string]bool{}
	for _, s := range out {
		if seen[s.ID] {
			return nil, fmt.Errorf("two stretches are named %q", s.Name)
		}
		seen[s.ID] = true
	}
	return out, nil
}

// withoutLabel drops a leading bold label that ends in a colon ("**Take
// care:**"), which the handout prints in its own words.
func withoutLabel(b Block) Block {
	if len(b.Spans) > 0 && b.Spans[0].Bold && strings.HasSuffix(strings.TrimSpace(b.Spans[0].Text), ":") {
		b.Spans = b.Spans[1:]
	}
	return b
}

// parseFirstBullets returns the items of the first bulleted list, each on
// one line however it was wrapped.
func parseFirstBullets(body string) []string {
	blocks := ParseMarkdown(body)
	for i, b := range blocks {
		if b.Marker == "" || b.Numbered() {
			continue
		}
		var out []string
		for i < len(blocks) && blocks[i].Depth == b.Depth && blocks[i].Quote == b.Quote && blocks[i].Marker != "" && !blocks[i].Numbered() {
			item, next := itemText(blocks, i)
			if item != "" {
				out = append(out, item)
			}
			i = next
		}
		return out
	}
	return nil
}
