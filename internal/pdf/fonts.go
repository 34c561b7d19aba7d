package pdf

import (
	_ "embed" // the prepared fonts
	"fmt"
	"strings"
	"sync"

	"chairside/assets"
	"chairside/internal/anatomy"
	"chairside/internal/i18n"
	"chairside/internal/pdf/internal/fontprep"

	"codeberg.org/go-pdf/fpdf"
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

// fontFamily is the family name the faces are registered under in fpdf;
// the prepared fonts' IDs hash it.
const fontFamily = fontprep.Family

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
	// compactIDs are the compact faces' fpdf IDs, computed by the
	// generator: fpdf would otherwise hash each face's 65,536 widths at
	// every start, a tenth of a cold export.
	compactIDs [faceCount]string

	// parsed are fpdf's readings of the faces (compact, then full),
	// made the first time a document uses each and shared by every
	// document after it: fpdf's own registration parses the face and
	// hashes its width table anew for each document, a fifth of the
	// time of a handout.
	parsed [2][faceCount]parsedFace
}

// parsedFace is one face as fpdf parsed it, once.
type parsedFace struct {
	once sync.Once
	font *fpdf.UTF8Font
	err  error
}

//go:generate go run ./internal/fontprep/fontgen -out fontdata

// The prepared fonts are embedded as plain variables, read in place: an
// embed.FS copies a file at every read, and a cold export copied all
// 0.9 MB of them to use a few pages of each. The order is
// fontprep.CompactNames' (a test checks the two agree).
var (
	//go:embed fontdata/metrics.bin
	fontMetrics []byte
	//go:embed fontdata/fontids.txt
	fontIDs string
	//go:embed fontdata/DejaVuSans-compact.ttf
	compactRegular []byte
	//go:embed fontdata/DejaVuSans-Bold-compact.ttf
	compactBold []byte
	//go:embed fontdata/DejaVuSans-Oblique-compact.ttf
	compactItalic []byte
	//go:embed fontdata/DejaVuSans-BoldOblique-compact.ttf
	compactBoldItalic []byte

	compactFaces = [faceCount][]byte{compactRegular, compactBold, compactItalic, compactBoldItalic}
)

var (
	fontsOnce   sync.Once
	fontsLoaded *fontSet
	fontsErr    error
)

// loadFonts reads the prepared fonts once per process.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fontsLoaded, fontsErr = readPrepared(fontMetrics, fontIDs, compactFaces)
	})
	return fontsLoaded, fontsErr
}

// readPrepared decodes the metrics and IDs written by fontgen and takes
// the compact faces as they are.
func readPrepared(metrics []byte, ids string, compact [faceCount][]byte) (*fontSet, error) {
	m, err := fontprep.Decode(metrics)
	if err != nil {
		return nil, err
	}
	faceIDs, err := fontprep.DecodeIDs(ids)
	if err != nil {
		return nil, err
	}
	set := &fontSet{widths: m.Widths, covers: m.Covers, compact: compact, compactIDs: faceIDs}
	set.inCompact = m.InCompact()
	return set, nil
}

// Prepare starts reading, on the other processor core, what nearly every
// handout needs: the English words (every language's are built on them),
// the side view's drawing, and the compact regular, bold and italic faces
// as fpdf parses them, with the tables fpdf reads before it cuts a subset
// of each. A command that prints a handout and exits calls it
// before it opens the database, so that this reading (a quarter of a cold
// export) overlaps with the database's open and the layout instead of
// coming before them; each part is made once (sync.Once), so a handout
// that gets there first simply waits for it. Printing never depends on
// Prepare: without it, the same things are read when first used.
//
// A process started to export calls it while its packages are still
// being initialised (internal/cli), then again from the command: only the
// first call starts anything.
func Prepare() {
	prepareOnce.Do(func() {
		go i18n.For(i18n.DefaultLang)
		go func() {
			// In the order the layout needs them: the widths for the
			// first line, the side view for the figure under it, the
			// faces only when the pages are written.
			fonts, err := loadFonts()
			anatomy.StructureBounds(anatomy.Lateral, "")
			if err != nil {
				return // the handout's own loadFonts says so
			}
			var parsed []*fpdf.UTF8Font
			for _, f := range []face{faceRegular, faceBold, faceItalic} {
				if font, err := fonts.parsedFace(f, false); err == nil {
					parsed = append(parsed, font)
				}
			}
			// What cutting each face's subset reads first, once per
			// face, after all three are parsed: the cuts run at the very
			// end, beside the pages' compression, where the other core
			// has the most to do.
			for _, font := range parsed {
				font.PrepareCut()
			}
		}()
	})
}

var prepareOnce sync.Once

// parsedFace returns face f parsed by fpdf: compact, or the complete
// DejaVu face (read from the embedded assets the first time a handout has
// text beyond the compact faces).
func (fs *fontSet) parsedFace(f face, full bool) (*fpdf.UTF8Font, error) {
	kind := 0
	if full {
		kind = 1
	}
	p := &fs.parsed[kind][f]
	p.once.Do(func() {
		data := fs.compact[f]
		if full {
			b, err := assets.Fonts.ReadFile(fontprep.Files[f])
			if err != nil {
				p.err = fmt.Errorf("handout fonts: %w", err)
				return
			}
			data = b
		}
		if p.font, p.err = fpdf.ParseUTF8Font(data); p.err != nil {
			p.err = fmt.Errorf("handout fonts: %s: %w", fontprep.Files[f], p.err)
			return
		}
		if !full {
			p.font.KnownID(fontFamily, faceStyles[f], fs.compactIDs[f])
		}
	})
	return p.font, p.err
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
