package content

import (
	"strings"
	"unicode"
)

// Grade is the Flesch-Kincaid grade level of a text:
//
//	0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//
// Markdown markup is stripped first. A sentence ends at ".", "!" or "?",
// and also at the end of a heading or list item, since those are read as
// separate units. Syllables are counted with the usual vowel-group
// heuristic (see syllables). An empty text has grade 0.
func Grade(text string) float64 {
	w, s, syl := counts(PlainText(text))
	if w == 0 {
		return 0
	}
	if s == 0 {
		s = 1
	}
	return 0.39*float64(w)/float64(s) + 11.8*float64(syl)/float64(w) - 15.59
}

// counts returns the number of words, sentences and syllables of plain text.
func counts(plain string) (words, sentences, syllableCount int) {
	for _, line := range strings.Split(plain, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		inSentence := false
		rs := []rune(line)
		for i := 0; i < len(rs); {
			r := rs[i]
			if isWordRune(r) {
				j := i
				for j < len(rs) && (isWordRune(rs[j]) || inWord(rs, j)) {
					j++
				}
				words++
				syllableCount += syllables(string(rs[i:j]))
				inSentence = true
				i = j
				continue
			}
			if (r == '.' || r == '!' || r == '?') && inSentence {
				// "1.5" is a number, not a sentence end.
				if !(r == '.' && i+1 < len(rs) && unicode.IsDigit(rs[i+1])) {
					sentences++
					inSentence = false
				}
			}
			i++
		}
		if inSentence {
			sentences++ // a heading or list item without a full stop
		}
	}
	return
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// inWord reports whether the mark at rs[j] joins two parts of one word:
// an apostrophe before a letter ("don't") or a point between digits ("1.5").
func inWord(rs []rune, j int) bool {
	if j == 0 || j+1 >= len(rs) {
		return false
	}
	switch rs[j] {
	case '\'', '’':
		return unicode.IsLetter(rs[j+1])
	case '.', ',':
		return unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1])
	}
	return false
}

// syllables estimates the syllables of one word: count the groups of
// vowels, after dropping a silent final "e" ("bone"), a silent "-es"
// ("bones") and a silent "-ed" ("jumped"). A final "-le" after a consonant
// ("table") keeps its syllable, as do "-es" after s, x, z, ch, sh, ce, ge
// ("boxes") and "-ed" after t or d ("wanted"). A word with no vowels
// ("L4", "20") counts as one.
func syllables(word string) int {
	w := strings.ToLower(word)
	w = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, w)
	if len(w) <= 3 {
		return 1
	}
	switch {
	case strings.HasSuffix(w, "es") && !hasAnySuffix(w[:len(w)-2], "s", "x", "z", "ch", "sh", "c", "g") && !isVowel(w[len(w)-3]):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ed") && !hasAnySuffix(w[:len(w)-2], "t", "d") && !isVowel(w[len(w)-3]):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && !strings.HasSuffix(w, "ee") && !isVowel(w[len(w)-2]):
		w = w[:len(w)-1]
	}
	w = strings.TrimPrefix(w, "y") // "you", "yes": a leading y is a consonant
	n := 0
	prevVowel := false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	if n == 0 {
		return 1
	}
	return n
}

func isVowel(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// PlainText is the words of a text without its Markdown (headings, list
// markers, bold, italic, links, escapes), one line per block, for
// readability checks and the search index. The lines of a wrapped paragraph
// or list item are joined, so that a sentence is not cut in two at a line
// break.
func PlainText(md string) string { return plainText(ParseMarkdown(md)) }
