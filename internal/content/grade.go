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

var mdMarks = strings.NewReplacer("**", "", "__", "", "*", "", "`", "")

// stripBlock removes a heading or list marker at the start of a line and
// says whether there was one ("## Title", "- item", "1. step").
func stripBlock(l string) (string, bool) {
	t := strings.TrimLeft(l, " \t")
	if strings.HasPrefix(t, "#") {
		n := 0
		for n < len(t) && t[n] == '#' {
			n++
		}
		if n <= 6 && n < len(t) && (t[n] == ' ' || t[n] == '\t') {
			return t[n+1:], true
		}
	}
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return t[2:], true
	}
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && (t[n+1] == ' ' || t[n+1] == '\t') {
		return t[n+2:], true
	}
	return l, false
}

// stripLinks turns [text](target) into text.
func stripLinks(l string) string {
	if !strings.Contains(l, "](") {
		return l
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(l, '[')
		if open < 0 {
			break
		}
		mid := strings.Index(l[open:], "](")
		if mid < 0 {
			break
		}
		end := strings.IndexByte(l[open+mid:], ')')
		if end < 0 {
			break
		}
		b.WriteString(l[:open])
		b.WriteString(l[open+1 : open+mid])
		l = l[open+mid+end+1:]
	}
	b.WriteString(l)
	return b.String()
}

// PlainText strips the Markdown this library uses (headings, list markers,
// bold, italic, links) and keeps one line per block, for readability checks
// and the search index. The lines of a wrapped paragraph are joined, so
// that a sentence is not cut in two at a line break.
func PlainText(md string) string {
	var b strings.Builder
	b.Grow(len(md))
	prevBlank, prevHeading := true, false
	for _, raw := range strings.Split(md, "\n") {
		l, block := stripBlock(raw)
		heading := block && strings.HasPrefix(strings.TrimLeft(raw, " \t"), "#")
		l = strings.TrimSpace(mdMarks.Replace(stripLinks(l)))
		if l == "" {
			if !prevBlank {
				b.WriteString("\n")
			}
			prevBlank, prevHeading = true, false
			continue
		}
		if !prevBlank {
			// A list item or heading starts a new block even without a blank line.
			if block || prevHeading {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(l)
		prevBlank, prevHeading = false, heading
	}
	return strings.TrimSpace(b.String())
}
