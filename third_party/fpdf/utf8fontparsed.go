// Chairside addition to fpdf (see CHAIRSIDE.md): a UTF-8 face parsed once
// per process and registered in any number of documents.

package fpdf

import "sync"

// UTF8Font is a UTF-8 TrueType face parsed once, to be registered in many
// documents with AddUTF8FontParsed.
//
// AddUTF8FontFromBytes parses the whole face and hashes its 65,536-entry
// width table (as JSON, with SHA-1) for every document; for a program that
// writes many documents from the same few faces, that was a fifth of the
// time of each. What a document changes is its own: the runes it uses and
// the subset cut from them when it is written, so each registration gets
// a fresh reader over the same bytes and the parsed metrics are shared
// read-only.
type UTF8Font struct {
	data []byte
	def  fontDefType // the metrics AddUTF8FontFromBytes reads from the file

	mu  sync.Mutex
	ids map[string]string // font key → the font's ID, which hashes the key too

	cutOnce sync.Once
	cut     utf8CutTables
	// cmapSymbolChar and cmapCharSymbol are the character map as the
	// parse read it (nil: the face has no Unicode map), the same tables
	// GenerateCutFont reads again: a cut takes them from here.
	cmapSymbolChar map[int][]int
	cmapCharSymbol map[int]int
}

// utf8CutTables are what GenerateCutFont reads from the face before it
// looks at a document's runes; shared read-only once made.
type utf8CutTables struct {
	symbolCharDictionary map[int][]int // glyph → runes; nil: the face has no Unicode cmap
	charSymbolDictionary map[int]int   // rune → glyph
	symbolPosition       []int         // glyph → offset in glyf (the loca table)
}

// cutTables reads the face's character map and glyph offsets the first
// time a document written with it cuts its subset, the same way
// GenerateCutFont does.
func (u *UTF8Font) cutTables() *utf8CutTables {
	u.cutOnce.Do(func() {
		utf := newUTF8Font(&fileReader{readerPosition: 0, array: u.data})
		utf.skip(4)
		utf.generateTableDescriptions()
		utf.SeekTable("head")
		utf.skip(50)
		locaFormat := utf.readUint16()
		utf.SeekTable("maxp")
		utf.skip(4)
		numSymbols := utf.readUint16()
		if u.cmapSymbolChar != nil {
			// What generateCMAP reads, already read by ParseUTF8Font.
			u.cut.symbolCharDictionary, utf.charSymbolDictionary = u.cmapSymbolChar, u.cmapCharSymbol
		} else {
			u.cut.symbolCharDictionary = utf.generateCMAP()
		}
		if u.cut.symbolCharDictionary == nil {
			return
		}
		utf.parseLOCATable(locaFormat, numSymbols)
		u.cut.charSymbolDictionary = utf.charSymbolDictionary
		u.cut.symbolPosition = utf.symbolPosition
	})
	return &u.cut
}

// PrepareCut reads now what the first document written with the face
// reads before it cuts its subset (the glyph offsets; the character map
// was read by the parse): a program that knows it will write a document
// soon can have it read on an idle core instead of while the document is
// being written. Calling it is never needed, and any number of calls and
// documents may overlap.
func (u *UTF8Font) PrepareCut() { u.cutTables() }

// ParseUTF8Font parses a TrueType face for AddUTF8FontParsed. The caller
// must not change data afterwards: every document registered with the
// result reads it when it is written.
func ParseUTF8Font(data []byte) (*UTF8Font, error) {
	utf8File := newUTF8Font(&fileReader{readerPosition: 0, array: data})
	if err := utf8File.parseFile(); err != nil {
		return nil, err
	}
	// The same fields, computed the same way, as addFontFromBytes.
	desc := FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}
	return &UTF8Font{
		data: data,
		def: fontDefType{
			Tp:   "UTF8",
			Desc: desc,
			Up:   int(round(utf8File.UnderlinePosition)),
			Ut:   round(utf8File.UnderlineThickness),
			Cw:   utf8File.CharWidths,
		},
		ids:            make(map[string]string),
		cmapSymbolChar: utf8File.cmapSymbolChar,
		cmapCharSymbol: utf8File.cmapCharSymbol,
	}, nil
}

// id is the font's ID under fontkey, computed once: the same value
// generateFontID gives AddUTF8FontFromBytes, so the PDF is byte for byte
// the same whichever way the face was added.
func (u *UTF8Font) id(def fontDefType) string {
	u.mu.Lock()
	defer u.mu.Unlock()
	id, ok := u.ids[def.Name]
	if !ok {
		id, _ = generateFontID(def)
		u.ids[def.Name] = id
	}
	return id
}

// ID is the name the PDF gives this face when a document registers it
// under family and style with AddUTF8FontParsed (or AddUTF8FontFromBytes):
// the SHA-1 of its metrics and font key, which hashes all 65,536 widths. A
// program that embeds its faces can compute it when it is built and hand
// it back with KnownID.
func (u *UTF8Font) ID(family, style string) string {
	def := u.def
	def.Name = getFontKey(family, style)
	id, _ := generateFontID(def)
	return id
}

// KnownID records the face's ID under family and style, computed ahead of
// time with ID from the same bytes, so that registering it does not hash
// the width table again: a tenth of a process that writes one handout.
func (u *UTF8Font) KnownID(family, style, id string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.ids[getFontKey(family, style)] = id
}

// AddUTF8FontParsed registers a face parsed by ParseUTF8Font, as
// AddUTF8FontFromBytes registers one from its bytes. It is safe to use the
// same UTF8Font in documents written at the same time.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	fontkey := getFontKey(familyStr, styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	var sbarr map[int]int
	if f.aliasNbPagesStr == "" {
		sbarr = makeSubsetRange(57)
	} else {
		sbarr = makeSubsetRange(32)
	}
	def := font.def // Cw is shared: fpdf only reads it
	def.Name = fontkey
	def.i = font.id(def)
	// GenerateCutFont reads the face again from the start and keeps its
	// state in the utf8FontFile, so each document has its own.
	def.utf8File = newUTF8Font(&fileReader{readerPosition: 0, array: font.data})
	def.utf8File.parsed = font
	def.usedRunes = sbarr
	f.fonts[fontkey] = def
}
