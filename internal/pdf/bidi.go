package pdf

import (
	"unicode"
	"unicode/utf8"
)

// The page is laid out left to right. Within it, a run of Hebrew or Arabic
// (a patient's name, a phrase in a note) must still read right to left, or
// "דוד" prints as "דוד" spelled backwards. visualOrder does the part of the
// Unicode bidirectional algorithm such text needs in a left-to-right
// paragraph: each run from the first to the last right-to-left letter
// (with the spaces, punctuation and numbers inside it) is reversed, numbers
// inside it keep their left-to-right digits, and brackets are mirrored.
// Arabic letters are not joined into their connected forms: the fonts'
// presentation forms would need a shaping engine.

// isRTL reports a strong right-to-left letter.
func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

func hasRTL(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < 0xD6 { // below the UTF-8 lead byte of U+0590
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isRTL(r) {
			return true
		}
		i += n
	}
	return false
}

// isStrongLTR reports a letter that ends a right-to-left run.
func isStrongLTR(r rune) bool {
	return !isRTL(r) && unicode.IsLetter(r)
}

var mirrored = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}

// visualOrder returns s in the order its characters are drawn.
func visualOrder(s string) string {
	if !hasRTL(s) {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); {
		if !isRTL(rs[i]) {
			out = append(out, rs[i])
			i++
			continue
		}
		// The run lasts to the last RTL letter before a left-to-right letter.
		end := i
		for j := i; j < len(rs) && !isStrongLTR(rs[j]); j++ {
			if isRTL(rs[j]) {
				end = j
			}
		}
		out = append(out, reverseRun(rs[i:end+1])...)
		i = end + 1
	}
	return string(out)
}

// reverseRun reverses a right-to-left run, keeping digit groups in order.
func reverseRun(run []rune) []rune {
	out := make([]rune, 0, len(run))
	for i := len(run) - 1; i >= 0; {
		if unicode.IsDigit(run[i]) {
			j := i
			for j > 0 && (unicode.IsDigit(run[j-1]) || (run[j-1] == '.' || run[j-1] == ',') && j > 1 && unicode.IsDigit(run[j-2])) {
				j--
			}
			out = append(out, run[j:i+1]...)
			i = j - 1
			continue
		}
		r := run[i]
		if m, ok := mirrored[r]; ok {
			r = m
		}
		out = append(out, r)
		i--
	}
	return out
}
