// Package words holds the small text rules every part of Chairside shares,
// each written once: folding accents (Fold, for search and patient names)
// and capitalising the first letter (UpperFirst). Plain Go, no Markdown,
// no Fyne, so the store can use it too.
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	unorm "golang.org/x/text/unicode/norm"
)

// Folding is the one way Chairside compares words that people type with
// or without accents: patient names in the store ("nunez" finds "Núñez")
// and the library's search ("ciatica" finds "ciática", "nino" finds
// "niño": an English keyboard has no ñ). A folded letter is lower case,
// without its accents, and a few letters that do not decompose are
// spelled as people type them without the key: ß ss, æ ae, ø o, ł l.

// Fold returns s folded: every letter lower case and without accents.
// Everything else is kept as it is.
func Fold(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = AppendFolded(b, r)
		i += n
	}
	return string(b)
}

// AppendFolded appends the folded form of one non-ASCII rune: the search
// index folds each word as it reads it, without building strings.
func AppendFolded(b []byte, r rune) []byte {
	if int(r) < len(foldTable) {
		return append(b, foldTable[r]...)
	}
	return append(b, foldRune(r)...)
}

// foldTable (fold_table.go) holds the folded form of every rune of the
// Latin alphabets (up to U+024F), worked out when Chairside is built:
// search folds each letter of every text, and working the table out at
// every start cost each command 1–1.5 ms before it did anything.
// TestFoldTableIsCurrent holds it to foldRune.
//
//go:generate go test -run TestFoldTableIsCurrent -update-fold-table .

var spelledOut = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}

func foldRune(r rune) string {
	r = unicode.ToLower(r)
	if s, ok := spelledOut[r]; ok {
		return s
	}
	var b strings.Builder
	for _, d := range unorm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(d)
		}
	}
	if b.Len() == 0 {
		return string(r) // a mark on its own stays
	}
	return b.String()
}

// UpperFirst starts s with a capital ("Left L5 nerve root" from "left L5
// nerve root", a name written for the middle of a sentence): the one way
// to capitalise, for the texts, the screens and the printed handout.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
