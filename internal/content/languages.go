package content

import (
	"io/fs"
	"strings"

	"chairside/assets"
)

// HasLanguage reports whether the embedded library has texts written in
// lang ("es"), not only English shown in its place. English always has.
func HasLanguage(lang string) bool {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == DefaultLang {
		return true
	}
	if !langCode.MatchString(lang) {
		return false
	}
	st, err := fs.Stat(assets.Content, "content/"+lang)
	return err == nil && st.IsDir()
}
