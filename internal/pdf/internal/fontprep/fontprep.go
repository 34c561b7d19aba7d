// Package fontprep prepares the handout fonts at build time: it measures
// the four embedded DejaVu Sans faces the way fpdf will, and cuts each down
// to the characters nearly every handout uses. Doing this at every start
// cost a cold `chairside handouts export` most of half a second (parsing
// 2.7 MB of TrueType four times over and subsetting it); the results are
// instead committed under internal/pdf/fontdata by `go generate` and
// checked against this package by a test in internal/pdf.
package fontprep

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// FaceCount is the number of faces: regular, bold, oblique, bold oblique.
const FaceCount = 4

// Files are the embedded sources of the faces, in face order, as paths in
// chairside/assets.Fonts.
var Files = [FaceCount]string{
	"fonts/DejaVuSans.ttf",
	"fonts/DejaVuSans-Bold.ttf",
	"fonts/DejaVuSans-Oblique.ttf",
	"fonts/DejaVuSans-BoldOblique.ttf",
}

// CompactNames are the file names of the compact faces under fontdata.
var CompactNames = [FaceCount]string{
	"DejaVuSans-compact.ttf",
	"DejaVuSans-Bold-compact.ttf",
	"DejaVuSans-Oblique-compact.ttf",
	"DejaVuSans-BoldOblique-compact.ttf",
}

// MetricsName is the file name of the encoded Metrics under fontdata.
const MetricsName = "metrics.bin"

// CompactRanges are the characters of the compact faces: Latin with all
// its accents (Vietnamese included), Greek, Cyrillic, punctuation, arrows,
// common symbols and the bullet shapes.
var CompactRanges = [][2]rune{
	{0x20, 0x7E}, {0xA0, 0x24F}, {0x2B0, 0x36F}, {0x370, 0x3FF}, {0x400, 0x52F},
	{0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x2070, 0x20CF}, {0x2100, 0x218F},
	{0x2190, 0x21FF}, {0x2200, 0x22FF}, {0x25A0, 0x25FF},
}

// Family is the name the handout registers the faces under in fpdf. It is
// part of each face's ID (IDs), so it is fixed here for both.
const Family = "dejavu"

// IDsName is the file name of the compact faces' fpdf IDs under fontdata.
const IDsName = "fontids.txt"

var faceStyles = [FaceCount]string{"", "B", "I", "BI"}

// Metrics are, per face, which BMP runes have a glyph and their advance
// in 1/1000 em as fpdf measures it.
type Metrics struct {
	Widths [FaceCount][]uint16 // 0x10000 entries
	Covers [FaceCount][]bool   // 0x10000 entries
}

// Prepared is everything the generator writes.
type Prepared struct {
	Metrics Metrics
	Compact [FaceCount][]byte // TrueType, cut down to CompactRanges
	// IDs are the compact faces' fpdf IDs under Family and their style:
	// the name each has in the PDF, a hash of its 65,536 widths that a
	// cold export otherwise computed at every start.
	IDs [FaceCount]string
}

// Prepare measures the full faces and makes the compact ones.
func Prepare(full [FaceCount][]byte) (*Prepared, error) {
	p := &Prepared{}
	for i := 0; i < FaceCount; i++ {
		if err := p.Metrics.measure(i, full[i]); err != nil {
			return nil, err
		}
	}
	in := p.Metrics.InCompact()
	var sample strings.Builder
	for r, ok := range in {
		if ok {
			sample.WriteRune(rune(r))
		}
	}
	for i := 0; i < FaceCount; i++ {
		b, err := cutFace(full[i], sample.String())
		if err != nil {
			return nil, fmt.Errorf("compact %s: %w", Files[i], err)
		}
		if err := p.Metrics.checkCompact(i, b, in); err != nil {
			return nil, fmt.Errorf("compact %s: %w", Files[i], err)
		}
		p.Compact[i] = b
		parsed, err := fpdf.ParseUTF8Font(b)
		if err != nil {
			return nil, fmt.Errorf("compact %s: %w", Files[i], err)
		}
		p.IDs[i] = parsed.ID(Family, faceStyles[i])
	}
	return p, nil
}

// EncodeIDs writes the IDs one per line, in face order.
func (p *Prepared) EncodeIDs() []byte {
	return []byte(strings.Join(p.IDs[:], "\n") + "\n")
}

// DecodeIDs reads the IDs written by EncodeIDs.
func DecodeIDs(data string) ([FaceCount]string, error) {
	var ids [FaceCount]string
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	if len(lines) != FaceCount {
		return ids, errors.New("handout font IDs are damaged; rebuild Chairside")
	}
	for i, l := range lines {
		if len(l) != 40 || strings.Trim(l, "0123456789abcdef") != "" {
			return ids, errors.New("handout font IDs are damaged; rebuild Chairside")
		}
		ids[i] = l
	}
	return ids, nil
}

// Printable reports whether every face can draw r.
func (m *Metrics) Printable(r rune) bool {
	if r < 0x20 || r >= 0x10000 {
		return false
	}
	for f := 0; f < FaceCount; f++ {
		if !m.Covers[f][r] {
			return false
		}
	}
	return true
}

// InCompact marks the runes of CompactRanges every face can draw: the
// characters of the compact faces.
func (m *Metrics) InCompact() []bool {
	in := make([]bool, 0x10000)
	for _, rg := range CompactRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if m.Printable(r) {
				in[r] = true
			}
		}
	}
	return in
}

// measure fills the width and coverage tables of one face. The widths come
// from fpdf's own parser so that layout and the PDF agree to the unit.
func (m *Metrics) measure(i int, ttf []byte) error {
	parsed, err := sfnt.Parse(ttf)
	if err != nil {
		return fmt.Errorf("handout font %s: %w", Files[i], err)
	}
	var buf sfnt.Buffer
	covers := make([]bool, 0x10000)
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates are not characters
		}
		if g, err := parsed.GlyphIndex(&buf, r); err == nil && g != 0 {
			covers[r] = true
		}
	}
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.AddUTF8FontFromBytes(Family, faceStyles[i], ttf)
	pdf.SetFont(Family, faceStyles[i], 10)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("handout font %s: %w", Files[i], err)
	}
	widths := make([]uint16, 0x10000)
	for r := rune(0x20); r < 0x10000; r++ {
		if covers[r] {
			widths[r] = uint16(pdf.GetStringSymbolWidth(string(r)))
		}
	}
	m.Widths[i] = widths
	m.Covers[i] = covers
	return nil
}

// cutFace returns the TrueType font fpdf embeds for a document showing text.
func cutFace(ttf []byte, text string) ([]byte, error) {
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(Family, "", ttf)
	pdf.AddPage()
	pdf.SetFont(Family, "", 10)
	pdf.Text(10, 10, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	// The font program is the one stream with a /Length1 (its
	// uncompressed size), written as
	// <</Length n\n/Filter /FlateDecode\n/Length1 m\n>>\nstream\n....
	i := bytes.Index(out, []byte("/Length1 "))
	if i < 0 {
		return nil, errors.New("no font program in the PDF")
	}
	dict := bytes.LastIndex(out[:i], []byte("<</Length "))
	if dict < 0 {
		return nil, errors.New("font program without a length")
	}
	var n, m int
	if _, err := fmt.Sscanf(string(out[dict:]), "<</Length %d\n/Filter /FlateDecode\n/Length1 %d", &n, &m); err != nil {
		return nil, fmt.Errorf("font program header: %w", err)
	}
	start := bytes.Index(out[i:], []byte("stream\n"))
	if start < 0 || i+start+7+n > len(out) {
		return nil, errors.New("font program stream cut short")
	}
	data := out[i+start+7 : i+start+7+n]
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	ttfOut, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if len(ttfOut) != m {
		return nil, fmt.Errorf("font program is %d bytes, header says %d", len(ttfOut), m)
	}
	return ttfOut, nil
}

// checkCompact verifies that a compact face draws every character of the
// full face with the same width.
func (m *Metrics) checkCompact(i int, compact []byte, in []bool) error {
	parsed, err := sfnt.Parse(compact)
	if err != nil {
		return err
	}
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.AddUTF8FontFromBytes(Family, "", compact)
	pdf.SetFont(Family, "", 10)
	if err := pdf.Error(); err != nil {
		return err
	}
	var buf sfnt.Buffer
	for r, ok := range in {
		if !ok {
			continue
		}
		if g, err := parsed.GlyphIndex(&buf, rune(r)); err != nil || g == 0 {
			return fmt.Errorf("compact face lost U+%04X", r)
		}
		if w := pdf.GetStringSymbolWidth(string(rune(r))); w != int(m.Widths[i][r]) {
			return fmt.Errorf("compact face changed the width of U+%04X", r)
		}
	}
	return nil
}

// metricsMagic starts the encoded metrics; the digit is the format version.
const metricsMagic = "CSFM1"

// Encode writes the metrics compactly: per face, a count of runs, then each
// run of covered runes as its first rune, its length and one width per
// rune (all little-endian uint16, counts uint32).
func (m *Metrics) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(metricsMagic)
	u16 := func(v uint16) { _ = binary.Write(&b, binary.LittleEndian, v) }
	for f := 0; f < FaceCount; f++ {
		type run struct{ start, n int }
		var runs []run
		for r := 0; r < 0x10000; r++ {
			if !m.Covers[f][r] {
				continue
			}
			if k := len(runs) - 1; k >= 0 && runs[k].start+runs[k].n == r {
				runs[k].n++
			} else {
				runs = append(runs, run{r, 1})
			}
		}
		_ = binary.Write(&b, binary.LittleEndian, uint32(len(runs)))
		for _, rn := range runs {
			u16(uint16(rn.start))
			u16(uint16(rn.n - 1)) // a run may span all 0x10000 runes in principle
			for r := rn.start; r < rn.start+rn.n; r++ {
				u16(m.Widths[f][r])
			}
		}
	}
	return b.Bytes()
}

// Decode reads metrics written by Encode.
func Decode(data []byte) (*Metrics, error) {
	bad := errors.New("handout font metrics are damaged; rebuild Chairside")
	if !bytes.HasPrefix(data, []byte(metricsMagic)) {
		return nil, bad
	}
	p := data[len(metricsMagic):]
	u16 := func() (int, bool) {
		if len(p) < 2 {
			return 0, false
		}
		v := binary.LittleEndian.Uint16(p)
		p = p[2:]
		return int(v), true
	}
	m := &Metrics{}
	for f := 0; f < FaceCount; f++ {
		if len(p) < 4 {
			return nil, bad
		}
		runs := int(binary.LittleEndian.Uint32(p))
		p = p[4:]
		widths, covers := make([]uint16, 0x10000), make([]bool, 0x10000)
		for k := 0; k < runs; k++ {
			start, ok1 := u16()
			n, ok2 := u16()
			if !ok1 || !ok2 || start+n+1 > 0x10000 || len(p) < 2*(n+1) {
				return nil, bad
			}
			for r := start; r <= start+n; r++ {
				w, _ := u16()
				widths[r], covers[r] = uint16(w), true
			}
		}
		m.Widths[f], m.Covers[f] = widths, covers
	}
	if len(p) != 0 {
		return nil, bad
	}
	return m, nil
}
