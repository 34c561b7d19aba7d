package pdf

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"chairside/internal/handout"

	pdfread "github.com/ledongthuc/pdf"
)

// The tests read the produced PDFs back with github.com/ledongthuc/pdf (a
// PDF reader independent of the writer) for the document structure: pages,
// page boxes, fonts, content streams. Its own text decoding mishandles the
// two-byte ToUnicode range fpdf writes ("Ł" comes out as "A"), so the text
// is decoded here, through each font's ToUnicode CMap and /W widths, the
// way a PDF viewer does.

// readPage is one page as a reader sees it.
type readPage struct {
	w, h    float64
	runs    []textRun
	content []byte // the decompressed content stream
}

// textRun is one text-showing operation: where it starts, how wide it is.
type textRun struct {
	x, y, w, size float64 // PDF coordinates: y grows upwards
	text          string
}

// text is the page's text in drawing order, one run per line.
func (p readPage) text() string {
	var b strings.Builder
	for _, r := range p.runs {
		b.WriteString(r.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// lines joins the runs that share a baseline, top to bottom.
func (p readPage) lines() []string {
	type row struct {
		y    float64
		runs []textRun
	}
	var rows []*row
	for _, r := range p.runs {
		var found *row
		for _, rw := range rows {
			if abs(rw.y-r.y) < 0.5 {
				found = rw
			}
		}
		if found == nil {
			found = &row{y: r.y}
			rows = append(rows, found)
		}
		found.runs = append(found.runs, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].y > rows[j].y })
	out := make([]string, len(rows))
	for i, rw := range rows {
		sort.SliceStable(rw.runs, func(a, b int) bool { return rw.runs[a].x < rw.runs[b].x })
		var b strings.Builder
		end := 0.0
		for k, r := range rw.runs {
			if k > 0 && r.x > end+r.size*0.2 && !strings.HasPrefix(r.text, " ") {
				b.WriteByte(' ') // a gap a viewer would read as a space
			}
			b.WriteString(r.text)
			end = r.x + r.w
		}
		out[i] = b.String()
	}
	return out
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// readPDF parses a PDF produced by Write.
func readPDF(tb testing.TB, data []byte) []readPage {
	tb.Helper()
	r, err := pdfread.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatalf("PDF does not open in a reader: %v", err)
	}
	n := r.NumPage()
	pages := make([]readPage, 0, n)
	for i := 1; i <= n; i++ {
		pg := r.Page(i)
		box := inherited(pg.V, "MediaBox")
		if box.Len() != 4 {
			tb.Fatalf("page %d has no MediaBox", i)
		}
		rp := readPage{
			w: box.Index(2).Float64() - box.Index(0).Float64(),
			h: box.Index(3).Float64() - box.Index(1).Float64(),
		}
		fonts := map[string]*readFont{}
		fdict := pg.Resources().Key("Font")
		for _, name := range fdict.Keys() {
			fonts[name] = parseFont(tb, fdict.Key(name))
		}
		content, err := io.ReadAll(pg.V.Key("Contents").Reader())
		if err != nil {
			tb.Fatalf("page %d content: %v", i, err)
		}
		rp.runs = textRuns(tb, content, fonts)
		rp.content = content
		pages = append(pages, rp)
	}
	return pages
}

func inherited(v pdfread.Value, key string) pdfread.Value {
	for d := v; !d.IsNull(); d = d.Key("Parent") {
		if x := d.Key(key); !x.IsNull() {
			return x
		}
	}
	return pdfread.Value{}
}

// readFont decodes a Type0 font's two-byte codes.
type readFont struct {
	ranges []cmapRange
	widths map[int]float64 // per code, 1/1000 em
	dw     float64
}

type cmapRange struct{ lo, hi, dst int }

func parseFont(tb testing.TB, f pdfread.Value) *readFont {
	rf := &readFont{widths: map[int]float64{}, dw: 1000}
	cm, err := io.ReadAll(f.Key("ToUnicode").Reader())
	if err != nil || len(cm) == 0 {
		tb.Fatalf("font %s has no ToUnicode CMap", f.Key("BaseFont").Name())
	}
	toks := strings.Fields(string(cm))
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i] != "endbfrange"; i += 3 {
				rf.ranges = append(rf.ranges, cmapRange{hex(toks[i]), hex(toks[i+1]), hex(toks[i+2])})
			}
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i] != "endbfchar"; i += 2 {
				c := hex(toks[i])
				rf.ranges = append(rf.ranges, cmapRange{c, c, hex(toks[i+1])})
			}
		}
	}
	desc := f.Key("DescendantFonts").Index(0)
	if dw := desc.Key("DW"); !dw.IsNull() {
		rf.dw = dw.Float64()
	}
	w := desc.Key("W")
	for i := 0; i < w.Len(); {
		first := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdfread.Array {
			for j := 0; j < next.Len(); j++ {
				rf.widths[first+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last := int(next.Int64())
		for c := first; c <= last; c++ {
			rf.widths[c] = w.Index(i + 2).Float64()
		}
		i += 3
	}
	return rf
}

func hex(tok string) int {
	v, _ := strconv.ParseInt(strings.Trim(tok, "<>"), 16, 32)
	return int(v)
}

func (rf *readFont) decode(raw []byte) (string, float64) {
	var units []uint16
	width := 0.0
	for i := 0; i+1 < len(raw); i += 2 {
		code := int(raw[i])<<8 | int(raw[i+1])
		u := code
		for _, r := range rf.ranges {
			if code >= r.lo && code <= r.hi {
				u = r.dst + code - r.lo
			}
		}
		units = append(units, uint16(u))
		if w, ok := rf.widths[code]; ok {
			width += w
		} else {
			width += rf.dw
		}
	}
	return string(utf16.Decode(units)), width
}

// textRuns interprets the text operators fpdf writes: Tf, Td and Tj inside BT/ET.
func textRuns(tb testing.TB, content []byte, fonts map[string]*readFont) []textRun {
	var runs []textRun
	var stack []string
	var font *readFont
	size, x, y := 0.0, 0.0, 0.0
	// The transformation matrix, scale and offset only (a large-print
	// page is drawn scaled): positions and sizes come out as on paper.
	type ctm struct{ a, d, e, f float64 }
	m := ctm{1, 1, 0, 0}
	var saved []ctm
	lx := lexer{b: content}
	inFigure := false
	for {
		tok, isStr, ok := lx.next()
		if !ok {
			break
		}
		// Text inside the spine figure (level labels, badge numbers) is
		// the diagram's, not the handout's; it is left out of the page text.
		switch {
		case !isStr && tok == "BMC" && len(stack) == 1 && stack[0] == "/Figure":
			inFigure = true
		case !isStr && tok == "EMC":
			inFigure = false
		}
		if isStr || strings.HasPrefix(tok, "/") || isNumber(tok) {
			stack = append(stack, tok)
			continue
		}
		switch tok {
		case "q":
			saved = append(saved, m)
		case "Q":
			if n := len(saved); n > 0 {
				m, saved = saved[n-1], saved[:n-1]
			}
		case "cm":
			if len(stack) >= 6 {
				var v [6]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(stack[len(stack)-6+i], 64)
				}
				m = ctm{a: m.a * v[0], d: m.d * v[3], e: m.a*v[4] + m.e, f: m.d*v[5] + m.f}
			}
		case "Tf":
			if len(stack) >= 2 {
				font = fonts[strings.TrimPrefix(stack[len(stack)-2], "/")]
				size, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
			}
		case "Td":
			if len(stack) >= 2 {
				x, _ = strconv.ParseFloat(stack[len(stack)-2], 64)
				y, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
			}
		case "Tj":
			if font == nil || len(stack) == 0 {
				tb.Fatalf("text shown without a font")
			}
			s, w := font.decode([]byte(stack[len(stack)-1]))
			if !inFigure {
				runs = append(runs, textRun{x: m.a*x + m.e, y: m.d*y + m.f, w: m.a * w * size / 1000, size: m.a * size, text: s})
			}
		}
		stack = stack[:0]
	}
	return runs
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// lexer splits a content stream into operands and operators; literal
// strings come back unescaped, with isStr set.
type lexer struct {
	b []byte
	i int
}

func (l *lexer) next() (tok string, isStr bool, ok bool) {
	for l.i < len(l.b) && strings.IndexByte(" \t\r\n", l.b[l.i]) >= 0 {
		l.i++
	}
	if l.i >= len(l.b) {
		return "", false, false
	}
	if l.b[l.i] == '(' {
		l.i++
		depth := 1
		var s []byte
		for l.i < len(l.b) {
			c := l.b[l.i]
			l.i++
			switch c {
			case '\\':
				if l.i < len(l.b) {
					e := l.b[l.i]
					l.i++
					switch e {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					default:
						if e >= '0' && e <= '7' {
							v := int(e - '0')
							for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
								v = v*8 + int(l.b[l.i]-'0')
								l.i++
							}
							s = append(s, byte(v))
						} else {
							s = append(s, e)
						}
					}
				}
				continue
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return string(s), true, true
				}
			}
			s = append(s, c)
		}
		return string(s), true, true
	}
	start := l.i
	for l.i < len(l.b) && strings.IndexByte(" \t\r\n()", l.b[l.i]) < 0 {
		l.i++
	}
	return string(l.b[start:l.i]), false, true
}

// render writes a handout to memory and reads it back.
func render(tb testing.TB, h handout.Handout, p handout.Patient, c handout.Clinic) ([]byte, []readPage) {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, h, p, c); err != nil {
		tb.Fatalf("Write: %v", err)
	}
	return buf.Bytes(), readPDF(tb, buf.Bytes())
}

func allText(pages []readPage) string {
	var b strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&b, "--- page %d ---\n", i+1)
		for _, l := range p.lines() {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// runText is the text of the pages in drawing order, runs joined by single
// spaces: the exercises print in two columns, whose lines share baselines,
// so a cell's text reads whole only in the order it was drawn.
func runText(pages []readPage) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(p.text())
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// fontPrograms are the embedded TrueType programs of a PDF, sorted.
func fontPrograms(tb testing.TB, data []byte) []string {
	tb.Helper()
	r, err := pdfread.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for i := 1; i <= r.NumPage(); i++ {
		fd := r.Page(i).Resources().Key("Font")
		for _, name := range fd.Keys() {
			ff := fd.Key(name).Key("DescendantFonts").Index(0).Key("FontDescriptor").Key("FontFile2")
			b, err := io.ReadAll(ff.Reader())
			if err != nil || len(b) == 0 {
				tb.Fatalf("font %s has no program: %v", name, err)
			}
			if !seen[string(b)] {
				seen[string(b)] = true
				out = append(out, string(b))
			}
		}
	}
	sort.Strings(out)
	return out
}
