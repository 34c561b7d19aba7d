package pdf

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"chairside/assets"
	"chairside/internal/pdf/internal/fontprep"

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

// fontSet is the font data shared by every handout: the advance widths
// fpdf will use and which runes each face can draw, the compact faces, and
// (only when a handout needs them) the full faces. Measuring text from
// these tables keeps layout free of any fpdf document, so a document only
// registers (and embeds) the faces it actually uses.
//
// The tables and compact faces are prepared at build time by
// internal/fontprep (go generate, below) and embedded from fontdata:
// making them at every start cost a cold export most of half a second.
type fontSet struct {
	widths [faceCount][]uint16 // advance per BMP rune, 1/1000 em, as fpdf measures it
	covers [faceCount][]bool   // the face has a glyph for this BMP rune

	// compact are the faces cut down to fontprep.CompactRanges. fpdf
	// parses a face anew for every document, and a compact face parses
	// and subsets in a fraction of the time, so a handout whose text
	// stays within these ranges (nearly all) is printed with them; any
	// other handout gets the full faces.
	compact   [faceCount][]byte
	inCompact []bool // the rune is in every compact face; nil: never use compact

	fullOnce sync.Once
	full     [faceCount][]byte
	fullErr  error
}

//go:generate go run ./internal/fontprep/fontgen -out fontdata

//go:embed fontdata
var fontData embed.FS

var (
	fontsOnce   sync.Once
	fontsLoaded *fontSet
	fontsErr    error
)

// loadFonts reads the prepared fonts once per process.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fontsLoaded, fontsErr = readPrepared(fontData)
	})
	return fontsLoaded, fontsErr
}

// readPrepared decodes the metrics and compact faces written by fontgen.
func readPrepared(dir fs.FS) (*fontSet, error) {
	raw, err := fs.ReadFile(dir, path.Join("fontdata", fontprep.MetricsName))
	if err != nil {
		return nil, fmt.Errorf("handout fonts: %w", err)
	}
	m, err := fontprep.Decode(raw)
	if err != nil {
		return nil, err
	}
	set := &fontSet{widths: m.Widths, covers: m.Covers}
	for i, name := range fontprep.CompactNames {
		if set.compact[i], err = fs.ReadFile(dir, path.Join("fontdata", name)); err != nil {
			return nil, fmt.Errorf("handout fonts: %w", err)
		}
	}
	set.inCompact = m.InCompact()
	return set, nil
}

// fullFaces returns the complete DejaVu faces, read from the embedded
// assets the first time a handout has text beyond the compact faces.
func (fs *fontSet) fullFaces() ([faceCount][]byte, error) {
	fs.fullOnce.Do(func() {
		for i, name := range fontprep.Files {
			b, err := assets.Fonts.ReadFile(name)
			if err != nil {
				fs.fullErr = fmt.Errorf("handout fonts: %w", err)
				return
			}
			fs.full[i] = b
		}
	})
	return fs.full, fs.fullErr
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
