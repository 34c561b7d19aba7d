package content

import (
	"errors"
	"fmt"
	"strings"
)

// SplitFrontMatter cuts a library file into its front matter (the YAML
// between the opening "---" line and the next one) and its Markdown body,
// with the same rules as the library's own texts: Windows line ends and a
// byte-order mark are accepted, a missing or unclosed block is an error.
// Other packages with texts of their own shape (the exercise library) read
// their files through it, so every text of the app is written one way.
func SplitFrontMatter(src string) (head, body string, err error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.TrimPrefix(src, "\ufeff")
	if !strings.HasPrefix(src, "---\n") {
		return "", "", errors.New(`must start with a front matter block (a line "---")`)
	}
	rest := src[len("---\n"):]
	switch end := strings.Index(rest, "\n---\n"); {
	case strings.HasPrefix(rest, "---\n") || rest == "---":
		return "", strings.TrimSpace(strings.TrimPrefix(rest, "---")), nil
	case end >= 0:
		return rest[:end], strings.TrimSpace(rest[end+len("\n---\n"):]), nil
	case strings.HasSuffix(rest, "\n---"):
		return rest[:len(rest)-len("\n---")], "", nil
	}
	return "", "", errors.New(`front matter is not closed by a line "---"`)
}

// DecodeFrontMatter decodes a front matter into v, a pointer to a struct
// with yaml tags. A key v does not have is an error (KnownFields), and a
// one-line value is taken exactly as written, as in the library's texts (a
// title may hold ": " or " #"). Line numbers in errors are the file's.
func DecodeFrontMatter(head string, v any) error {
	err := decodeYAML(head, v)
	if err == nil || errors.Is(err, errSecondDocument) {
		return err
	}
	return fmt.Errorf("front matter: %w", err)
}
