package pdf

import (
	"strings"

	"chairside/internal/content"
	"chairside/internal/handout"
)

// englishItems are the items of h whose text prints in English although
// the handout is in another language: the library has no text for them in
// that language (a language not yet translated, or a text added since),
// so drafting took the English one. Each says so on paper, as the
// explanation panel does on screen, so a patient is never handed English
// labelled as their language without a word.
//
// It asks the library as it is now: a handout saved in English text
// before its language's text existed is not marked.
func englishItems(h handout.Handout) map[string]bool {
	lang := strings.ToLower(strings.TrimSpace(h.Lang))
	if lang == "" || lang == content.DefaultLang {
		return nil
	}
	lib, err := content.Load(lang)
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, it := range h.Items {
		if t, err := lib.Explain(it.Ref); err == nil && t.Fallback {
			out[it.Ref] = true
		}
	}
	return out
}
