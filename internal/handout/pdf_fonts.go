package handout

import (
	"fmt"
	"strings"
	"sync"

	"chairside/assets"

	"github.com/go-pdf/fpdf"
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
