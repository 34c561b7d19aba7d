package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"
)

// Key points: three to five short sentences per text that a clinician can
// read out to a patient (issue 10's presentation mode) and that a short
// handout prints in place of the full text. A structure template holds
// them in a {{define "key"}} section, which the body does not execute, so
// they never appear twice; a topic or condition holds them under
// "keypoints:" in its front matter.
//
// Each key point ends with the numbers of the sources that back it, in
// brackets: "Most disc bulges settle within weeks to months. [4, 8]". The
// numbers are places, from 1, in the list of sources the text prints: a
// topic's or condition's own "sources:"; for a structure, its template's,
// then those its level adds (data/<kind>.json), then its override's. A
// short handout prints the key points, so it cites only these sources
// (Text.KeySources); the full text cites them all. "[]" marks a key point
// that is advice no listed source states itself ("Tell your clinician
// about pain that is new"): it says so on purpose rather than borrowing a
// source. A key point without its brackets, a number past the end of the
// list, or a text none of whose key points names a source stops the load.
const (
	minKeyPoints = 3
	maxKeyPoints = 5
	keySection   = "key"
)

// structureKeyPoints fills the "key" section of a structure's template
// (or of its override) for one structure.
func structureKeyPoints(tmpl *template.Template, f fill) ([]string, [][]int, error) {
	if tmpl.Lookup(keySection) == nil {
		return nil, nil, errors.New(`no key points: add a {{define "key"}} section holding a "- sentence" list`)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, keySection, f); err != nil {
		return nil, nil, fmt.Errorf("key points: %w", err)
	}
	key := tidy(buf.String())
	if points, ok := plainKeyItems(key); ok {
		return checkKeyPoints(points)
	}
	points, err := markdownKeyItems(key)
	if err != nil {
		return nil, nil, err
	}
	return checkKeyPoints(points)
}

// markdownKeyItems reads a key section as Markdown: a "- sentence" list
// and nothing else.
func markdownKeyItems(key string) ([]string, error) {
	blocks := ParseMarkdown(key)
	var points []string
	for i := 0; i < len(blocks); {
		b := blocks[i]
		if b.Marker == "" || b.Numbered() || b.Depth != 1 || b.Quote {
			return nil, fmt.Errorf("key points: %.40q is not an item of a \"- sentence\" list (the key section holds nothing else)", b.Text())
		}
		item, next := itemText(blocks, i)
		points = append(points, item)
		i = next
	}
	return points, nil
}

// articleKeyPoints checks the "keypoints:" of a topic or condition.
func articleKeyPoints(points []string) ([]string, [][]int, error) {
	if len(points) == 0 {
		return nil, nil, errors.New(`no key points: add "keypoints:" to the front matter, with 3 to 5 "  - Sentence. [1, 3]" lines under it`)
	}
	return checkKeyPoints(points)
}

// checkKeyPoints holds the key points to the library's rule: three to five,
// each one whole sentence followed by the numbers of its sources, so that
// the panel and the handout can show them as a short list without cutting
// or joining anything. It returns the sentences without their numbers,
// and the numbers of each.
func checkKeyPoints(points []string) ([]string, [][]int, error) {
	if len(points) < minKeyPoints || len(points) > maxKeyPoints {
		return nil, nil, fmt.Errorf("%d key points, want %d to %d short sentences", len(points), minKeyPoints, maxKeyPoints)
	}
	out := make([]string, len(points))
	cites := make([][]int, len(points))
	for i, p := range points {
		p, nums, err := cutSourceNumbers(p)
		if err != nil {
			return nil, nil, fmt.Errorf("key point %d %.50q: %w", i+1, p, err)
		}
		if !singleSpaced(p) {
			p = strings.Join(strings.Fields(p), " ")
		}
		if err := oneSentence(p); err != nil {
			return nil, nil, fmt.Errorf("key point %d %.50q: %w", i+1, p, err)
		}
		out[i], cites[i] = p, nums
	}
	return out, cites, nil
}

// cutSourceNumbers splits "Sentence. [2, 5]" into the sentence and the
// numbers 2 and 5.
func cutSourceNumbers(p string) (string, []int, error) {
	p = strings.TrimRight(p, " ")
	open := strings.LastIndexByte(p, '[')
	if !strings.HasSuffix(p, "]") || open < 0 {
		return p, nil, errors.New(`names no source: end it with the numbers of the sources that back it, as in "… [2, 5]" (their places in the text's list of sources)`)
	}
	inner := p[open+1 : len(p)-1]
	var nums []int
	if strings.TrimSpace(inner) == "" {
		return strings.TrimRight(p[:open], " "), nil, nil // "[]": advice, no source
	}
	for more := true; more; {
		var part string
		part, inner, more = strings.Cut(inner, ",")
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return p, nil, fmt.Errorf("%q is not a list of source numbers such as [2, 5]", p[open:])
		}
		nums = append(nums, n)
	}
	return strings.TrimRight(p[:open], " "), nums, nil
}

// sourceNumbersAt is where the numbers of a key point start in a line of
// a key section ("- Sentence. [2, 5]"), or -1 when the line does not end
// with a bracket of digits, commas and spaces.
func sourceNumbersAt(ln string) int {
	if !strings.HasSuffix(ln, "]") {
		return -1
	}
	open := strings.LastIndexByte(ln, '[')
	if open < 0 || strings.Trim(ln[open+1:len(ln)-1], "0123456789, ") != "" {
		return -1
	}
	return open
}

// keySources turns the numbers of each key point into the places, from
// 0 and in order, of the sources they name among a text's n sources.
func keySources(cites [][]int, n int) ([]int, error) {
	seen := make([]bool, n)
	for i, nums := range cites {
		for _, k := range nums {
			if k > n {
				return nil, fmt.Errorf("key point %d names source %d, but the text has %d sources", i+1, k, n)
			}
			seen[k-1] = true
		}
	}
	var out []int
	for i, ok := range seen {
		if ok {
			out = append(out, i)
		}
	}
	if len(out) == 0 && len(cites) > 0 {
		return nil, errors.New(`none of the key points names a source: end each with the numbers of the sources that back it, as in "… [2, 5]"`)
	}
	return out, nil
}

// oneSentence refuses a key point that is not exactly one sentence: it must
// start with a capital (or Spanish ¿ ¡) and end with . ! or ?, with no
// sentence end before that.
func oneSentence(s string) error {
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && first != '¿' && first != '¡' && !unicode.IsDigit(first) {
		return errors.New("a key point starts with a capital letter")
	}
	end := strings.TrimRight(s, `"”»)`)
	if !strings.HasSuffix(end, ".") && !strings.HasSuffix(end, "!") && !strings.HasSuffix(end, "?") {
		return errors.New("a key point is one sentence ending with a full stop")
	}
	// A sentence end, a space and a capital that is not the last letter.
	// By bytes: ". " are one byte each in UTF-8 and never inside a longer
	// character (a conversion to runes was a third of this check's time).
	for i := 0; i+2 < len(end); i++ {
		if c := end[i]; (c == '.' || c == '!' || c == '?') && end[i+1] == ' ' {
			r, n := utf8.DecodeRuneInString(end[i+2:])
			if i+2+n < len(end) && (unicode.IsUpper(r) || r == '¿' || r == '¡') {
				return errors.New("a key point is one sentence: split it, or keep the shorter half")
			}
		}
	}
	return nil
}

// plainKeyItems reads a key section that is only one-line "- sentence"
// items in plain words, which is what every structure's key section fills
// to, without running goldmark: Markdown reads such a list as exactly
// those sentences, and parsing 165 structures' lists per language was
// about an eighth of the library's load time. Anything that could be Markdown (a
// star, a bracket, a backslash, an entity, a blank line, a line that is
// not an item, an item that starts with something other than a letter)
// gives ok false, and the caller parses it as Markdown.
func plainKeyItems(key string) (items []string, ok bool) {
	if key == "" {
		return nil, false
	}
	for _, ln := range strings.Split(key, "\n") {
		text, isItem := strings.CutPrefix(ln, "- ")
		words := text
		if at := sourceNumbersAt(text); at >= 0 {
			words = text[:at] // the source numbers are not Markdown
		}
		if !isItem || strings.ContainsAny(words, "\\`*_[]<>&~|#\t\r") {
			return nil, false
		}
		// A letter first: not a space (which could make it code), a digit
		// ("1." a numbered list), "-", "+" or ">".
		if first, _ := utf8.DecodeRuneInString(text); !unicode.IsLetter(first) && first != '¿' && first != '¡' {
			return nil, false
		}
		items = append(items, text)
	}
	return items, true
}

// singleSpaced reports whether s is already as strings.Fields and a join
// with single spaces would leave it, which every key point of the library
// is: normalising each anyway was most of checkKeyPoints' time.
func singleSpaced(s string) bool {
	prevSpace := true // so that a leading space, or an empty s, says no
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if unicode.IsSpace(r) {
			return false
		}
		prevSpace = false
	}
	return !prevSpace
}
