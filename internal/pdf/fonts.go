package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"chairside/assets"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// face is one of the four embedded DejaVu Sans styles.
type face int

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceCount
)

// fontFamily is the family name the faces are registered under in fpdf.
const fontFamily = "dejavu"

var faceFiles = [faceCount]string{
	"fonts/DejaVuSans.ttf",
	"fonts/DejaVuSans-Bold.ttf",
	"fonts/DejaVuSans-Oblique.ttf",
	"fonts/DejaVuSans-BoldOblique.ttf",
}

// fpdf style strings for each face.
var faceStyles = [faceCount]string{"", "B", "I", "BI"}

func faceOf(bold, italic bool) face {
	switch {
	case bold && italic:
		return faceBoldItalic
	case bold:
		return faceBold
	case italic:
		return faceItalic
	}
	return faceRegular
}

// fontSet is the parsed font data shared by every handout: the TrueType
// bytes (read from the embedded FS once, since embed.FS.ReadFile copies),
// the advance widths fpdf will use, and which runes each face can draw.
// Measuring text from these tables keeps layout free of any fpdf document,
// so a document only registers (and embeds) the faces it actually uses.
type fontSet struct {
	data   [faceCount][]byte
	widths [faceCount][]uint16 // advance per BMP rune, 1/1000 em, as fpdf measures it
	covers [faceCount][]bool   // the face has a glyph for this BMP rune

	// compact are the faces cut down to compactRanges (nil when they
	// could not be made). fpdf parses a face anew for every document,
	// and a compact face parses and subsets in half the time, so a
	// handout whose text stays within these ranges (nearly all) is
	// printed with them; any other handout gets the full faces.
	compact   [faceCount][]byte
	inCompact []bool // the rune is in every compact face
}

// compactRanges are the characters of the compact faces: Latin with all
// its accents (Vietnamese included), Greek, Cyrillic, punctuation, arrows,
// common symbols and the bullet shapes.
var compactRanges = [][2]rune{
	{0x20, 0x7E}, {0xA0, 0x24F}, {0x2B0, 0x36F}, {0x370, 0x3FF}, {0x400, 0x52F},
	{0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x2070, 0x20CF}, {0x2100, 0x218F},
	{0x2190, 0x21FF}, {0x2200, 0x22FF}, {0x25A0, 0x25FF},
}

var (
	fontsOnce   sync.Once
	fontsLoaded *fontSet
	fontsErr    error
)

// loadFonts parses the embedded faces once per process.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{}
		for i := face(0); i < faceCount; i++ {
			b, err := assets.Fonts.ReadFile(faceFiles[i])
			if err != nil {
				fontsErr = fmt.Errorf("handout fonts: %w", err)
				return
			}
			fs.data[i] = b
			if fontsErr = fs.measure(i); fontsErr != nil {
				return
			}
		}
		fs.makeCompact()
		fontsLoaded = fs
	})
	return fontsLoaded, fontsErr
}

// measure fills the width and coverage tables of one face. The widths come
// from fpdf's own parser so that layout and the PDF agree to the unit.
func (fs *fontSet) measure(i face) error {
	parsed, err := sfnt.Parse(fs.data[i])
	if err != nil {
		return fmt.Errorf("handout font %s: %w", faceFiles[i], err)
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
	pdf.AddUTF8FontFromBytes(fontFamily, faceStyles[i], fs.data[i])
	pdf.SetFont(fontFamily, faceStyles[i], 10)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("handout font %s: %w", faceFiles[i], err)
	}
	widths := make([]uint16, 0x10000)
	for r := rune(0x20); r < 0x10000; r++ {
		if covers[r] {
			widths[r] = uint16(pdf.GetStringSymbolWidth(string(r)))
		}
	}
	fs.widths[i] = widths
	fs.covers[i] = covers
	return nil
}

// width is the advance of s in points at size pt.
func (fs *fontSet) width(f face, size float64, s string) float64 {
	w := 0
	tab := fs.widths[f]
	for _, r := range s {
		if r < 0x10000 {
			w += int(tab[r])
		}
	}
	return float64(w) * size / 1000
}

// replacement stands in for a character no face can draw (an emoji, a
// control character), so that something visible marks the spot rather
// than the PDF silently showing nothing or garbage.
const replacement = '\uFFFD'

// clean prepares user text for printing: NFC-normalised (a decomposed
// "Nguyễn" typed on some keyboards becomes the precomposed letters the
// font has), tabs as spaces, and every rune the fonts lack replaced.
// Newlines are kept for the caller to interpret.
func (fs *fontSet) clean(s string) string {
	s = norm.NFC.String(s)
	ok := true
	for _, r := range s {
		if !fs.printable(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case fs.printable(r):
			b.WriteRune(r)
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			// Invisible joiners and byte-order marks carry no text.
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// printable reports whether every face can draw r (a newline is passed
// through for paragraph handling).
func (fs *fontSet) printable(r rune) bool {
	if r == '\n' {
		return true
	}
	if r < 0x20 || r >= 0x10000 {
		return false
	}
	for f := face(0); f < faceCount; f++ {
		if !fs.covers[f][r] {
			return false
		}
	}
	return true
}

// makeCompact cuts each face down to compactRanges. The cut is made by
// fpdf's own subsetter (the face as it would be embedded in a PDF showing
// exactly those characters), then checked: every character must keep its
// glyph and its width, or the compact faces are not used at all.
func (fs *fontSet) makeCompact() {
	in := make([]bool, 0x10000)
	var sample strings.Builder
	for _, rg := range compactRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if fs.printable(r) && r != '\n' {
				in[r] = true
				sample.WriteRune(r)
			}
		}
	}
	var compact [faceCount][]byte
	for i := face(0); i < faceCount; i++ {
		b, err := cutFace(fs.data[i], sample.String())
		if err != nil || fs.checkCompact(i, b, in) != nil {
			return
		}
		compact[i] = b
	}
	fs.compact, fs.inCompact = compact, in
}

// cutFace returns the TrueType font fpdf embeds for a document showing text.
func cutFace(ttf []byte, text string) ([]byte, error) {
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(fontFamily, "", ttf)
	pdf.AddPage()
	pdf.SetFont(fontFamily, "", 10)
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
func (fs *fontSet) checkCompact(i face, compact []byte, in []bool) error {
	parsed, err := sfnt.Parse(compact)
	if err != nil {
		return err
	}
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", compact)
	pdf.SetFont(fontFamily, "", 10)
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
		if w := pdf.GetStringSymbolWidth(string(rune(r))); w != int(fs.widths[i][r]) {
			return fmt.Errorf("compact face changed the width of U+%04X", r)
		}
	}
	return nil
}

// compactCovers reports whether the compact faces can print all of s.
func (fs *fontSet) compactCovers(s string) bool {
	if fs.inCompact == nil {
		return false
	}
	for _, r := range s {
		if r >= 0x10000 || !fs.inCompact[r] {
			return false
		}
	}
	return true
}
