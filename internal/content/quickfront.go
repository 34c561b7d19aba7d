package content

import (
	"strconv"
	"strings"
)

// quickFrontMatter reads the front matter every library text is written
// in, "key: value" lines and "key:" followed by "  - item" lines, without
// yaml.v3: decoding YAML was about a fifth of a load of both languages,
// for 240 files that use none of it. It takes each value as written, as
// literalValues makes YAML do, and gives ok false for anything else (a
// quote, a bracket, a comment, a blank or wrapped line, a key given twice
// or not known, a list after a value, an empty value), which the caller
// then reads with YAML, so every error reads as it did. A test holds the
// two readings equal for every file of the library.
func quickFrontMatter(head string) (fm frontMatter, ok bool) {
	seen := map[string]bool{}
	var list *[]string // the list the "- item" lines belong to
	listIndent := -1
	for rest, more := head, true; more; {
		var ln string
		ln, rest, more = strings.Cut(rest, "\n")
		ln = strings.TrimRight(ln, " ")
		if ln == "" || strings.ContainsAny(ln, "\t\r") {
			return fm, false
		}
		if item := strings.TrimLeft(ln, " "); strings.HasPrefix(item, "- ") {
			indent := len(ln) - len(item)
			v := strings.TrimLeft(item[2:], " ")
			if list == nil || listIndent >= 0 && indent != listIndent || !literalItem(v) {
				return fm, false
			}
			listIndent = indent
			*list = append(*list, v)
			continue
		}
		if list != nil && len(*list) == 0 {
			return fm, false // "key:" with nothing under it: null, for YAML to read
		}
		list, listIndent = nil, -1
		key, v, found := strings.Cut(ln, ":")
		if !found || key == "" || seen[key] || strings.ContainsAny(key, " #-\"'") || v != "" && v[0] != ' ' {
			return fm, false
		}
		seen[key] = true
		v = strings.TrimLeft(v, " ")
		if v == "" {
			// A list follows.
			switch key {
			case "sources":
				list = (*[]string)(&fm.Sources)
			case "related":
				list = (*[]string)(&fm.Related)
			case "keywords":
				list = (*[]string)(&fm.Keywords)
			case "structures":
				list = (*[]string)(&fm.Structures)
			case "stretches":
				list = (*[]string)(&fm.Stretches)
			case "keypoints":
				list = (*[]string)(&fm.KeyPoints)
			default:
				return fm, false
			}
			*list = []string{}
			continue
		}
		if !literalItem(v) {
			return fm, false
		}
		switch key {
		case "id":
			fm.ID = oneLine(v)
		case "kind":
			fm.Kind = oneLine(v)
		case "title":
			fm.Title = oneLine(v)
		case "reviewed":
			fm.Reviewed = oneLine(v)
		case "order":
			n, err := strconv.Atoi(v)
			if err != nil {
				return fm, false
			}
			o := number(n)
			fm.Order = &o
		case "sources":
			fm.Sources = splitComma(v)
		case "related":
			fm.Related = splitComma(v)
		case "keywords":
			fm.Keywords = splitComma(v)
		case "structures":
			fm.Structures = splitComma(v)
		case "stretches":
			fm.Stretches = splitComma(v)
		default: // keypoints on one line, or an unknown key: YAML's error
			return fm, false
		}
	}
	if list != nil && len(*list) == 0 {
		return fm, false
	}
	return fm, true
}

// literalItem reports whether a value is one that YAML, after
// literalValues, reads as exactly these characters, and that needs no
// more: not quoted, bracketed, a block, an anchor, a tag, a null, a
// comment or a second document.
func literalItem(v string) bool {
	if v == "" || strings.ContainsRune("\"'[]{}|>&*!%@`#,?:-~", rune(v[0])) {
		return false
	}
	switch v {
	case "null", "Null", "NULL", "...", "---":
		return false
	}
	return !strings.Contains(v, " #")
}
