package fpdf

import "fmt"

// utf8Cut is what putfonts writes for one UTF-8 font: its subset and
// glyph map, compressed, and its width entry (Chairside change 7, see
// CHAIRSIDE.md).
type utf8Cut struct {
	done     chan struct{} // closed when the fields below are set
	file     *membuffer    // the cut TrueType file, compressed
	fileSize int           // its length before compression (/Length1)
	cidToGID *membuffer    // the CIDToGIDMap stream, compressed
	widths   string        // the /W entry
	err      error
}

// cutUTF8FontsAhead starts cutting every UTF-8 font's subset and
// compressing its streams, each on a goroutine of its own, so that on a
// machine with more than one core the work runs while putpages writes and
// compresses the pages (upstream did it all in turn in putfonts: about a
// tenth of a cold `chairside handouts export`). The text is all on the
// pages by now, so the runes each font uses are final; each goroutine
// touches only its own font's subsetter and maps, which nothing else
// reads until putfonts waits for it. What putfonts writes is byte for byte
// what upstream wrote.
func (f *Fpdf) cutUTF8FontsAhead() {
	f.utf8Cuts = make(map[string]*utf8Cut)
	for key, font := range f.fonts {
		if font.Tp != "UTF8" {
			continue
		}
		delete(font.usedRunes, 0)
		cut := &utf8Cut{done: make(chan struct{})}
		f.utf8Cuts[key] = cut
		go cut.make(font)
	}
}

func (cut *utf8Cut) make(font fontDefType) {
	defer close(cut.done)
	defer func() {
		// On the caller's goroutine a panic reached the application's
		// own recover; here it would end the program.
		if r := recover(); r != nil {
			cut.err = fmt.Errorf("font %s: %v", font.Name, r)
		}
	}()
	stream := font.utf8File.GenerateCutFont(font.usedRunes)
	cut.fileSize = len(stream)
	codeToGlyph := font.utf8File.CodeSymbolDictionary
	delete(codeToGlyph, 0)
	cut.widths = cidWidths(&font, font.utf8File.LastRune)
	cidToGID := make([]byte, 256*256*2)
	for cc, glyph := range codeToGlyph {
		cidToGID[cc*2] = byte(glyph >> 8)
		cidToGID[cc*2+1] = byte(glyph & 0xFF)
	}
	cut.cidToGID = xmem.compress(cidToGID)
	cut.file = xmem.compress(stream)
}

// pageBufferSize is the room each page's content starts with (change 8).
const pageBufferSize = 256 << 10

// outputSizeGuess is about what enddoc writes: the pages compress to
// about a third, and each embedded font adds its subset (change 8). Too
// little only means the buffer grows as it did before.
func (f *Fpdf) outputSizeGuess() int {
	n := 64 << 10
	for _, p := range f.pages {
		if p != nil {
			n += p.Len() / 3
		}
	}
	return n + len(f.fonts)*(48<<10)
}
