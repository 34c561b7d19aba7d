package content

import (
	"bytes"
	"errors"
	"fmt"
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
const (
	minKeyPoints = 3
	maxKeyPoints = 5
	keySection   = "key"
)

// structureKeyPoints fills the "key" section of a structure's template
// (or of its override) for one structure.
func structureKeyPoints(tmpl *template.Template, f fill) ([]string, error) {
	if tmpl.Lookup(keySection) == nil {
		return nil, errors.New(`no key points: add a {{define "key"}} section holding a "- sentence" list`)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, keySection, f); err != nil {
		return nil, fmt.Errorf("key points: %w", err)
	}
	key := tidy(buf.String())
	if points, ok := plainKeyItems(key); ok {
		return checkKeyPoints(points)
	}
	points, err := markdownKeyItems(key)
	if err != nil {
		return nil, err
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
func articleKeyPoints(points []string) ([]string, error) {
	if len(points) == 0 {
		return nil, errors.New(`no key points: add "keypoints:" to the front matter, with 3 to 5 "  - Sentence." lines under it`)
	}
	return checkKeyPoints(points)
}

// checkKeyPoints holds the key points to the library's rule: three to five,
// each one whole sentence, so that the panel and the handout can show them
// as a short list without cutting or joining anything.
func checkKeyPoints(points []string) ([]string, error) {
	if len(points) < minKeyPoints || len(points) > maxKeyPoints {
		return nil, fmt.Errorf("%d key points, want %d to %d short sentences", len(points), minKeyPoints, maxKeyPoints)
	}
	out := make([]string, len(points))
	for i, p := range points {
		if !singleSpaced(p) {
			p = strings.Join(strings.Fields(p), " ")
		}
		if err := oneSentence(p); err != nil {
			return nil, fmt.Errorf("key point %d %.50q: %w", i+1, p, err)
		}
		out[i] = p
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
	rs := []rune(end)
	for i := 0; i+2 < len(rs)-1; i++ {
		if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?') && rs[i+1] == ' ' && (unicode.IsUpper(rs[i+2]) || rs[i+2] == '¿' || rs[i+2] == '¡') {
			return errors.New("a key point is one sentence: split it, or keep the shorter half")
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
		if !isItem || strings.ContainsAny(text, "\\`*_[]<>&~|#\t\r") {
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
