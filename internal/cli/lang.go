package cli

import (
	"errors"
	"flag"
	"os"
	"strings"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/i18n"
	"chairside/internal/store"
)

// The command line speaks the user's language as the app does: the texts
// of explain, topics and search, and its error messages, in the language
// the environment names, English where it names none or Chairside has no
// words in it; --lang overrides for the texts.

// appLanguage is the command line's counterpart of the app's language:
// CHAIRSIDE_LANG when set, else the language of the messages' locale as
// the C library finds it: LC_ALL, else LC_MESSAGES, else LANG, the first
// that is set and not empty ("es_MX.UTF-8" is "es"), and then LANGUAGE's
// first entry ahead of it, as GNU gettext reads it, unless that locale is
// C or POSIX. "" when none names a language (LANG=C.UTF-8).
func appLanguage() string {
	if l := draft.LocaleLang(os.Getenv("CHAIRSIDE_LANG")); l != "" {
		return l
	}
	locale := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			locale = s
			break
		}
	}
	l := draft.LocaleLang(locale)
	if l == "" {
		return "" // C or POSIX: gettext ignores LANGUAGE too
	}
	for _, entry := range strings.Split(os.Getenv("LANGUAGE"), ":") {
		if first := draft.LocaleLang(entry); first != "" {
			return first
		}
	}
	return l
}

// textLanguage is the language of the library's texts for explain, topics
// and search: --lang when given (even empty, which loadLibrary refuses),
// else the user's, else English.
func textLanguage(fs *flag.FlagSet, lang string) string {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "lang" })
	if given {
		return lang
	}
	if l := appLanguage(); l != "" {
		return l
	}
	return content.DefaultLang
}

// errorIn is a command's error in lang, for stderr: a store error from the
// catalogues with its technical cause after it as the store gives it
// (Error.Error), and the command line's own messages (cli.*) by their
// English, with what they say inside (a store message, a flag's problem)
// in lang too. Anything the catalogues do not know reads as it is.
func errorIn(err error, lang string) string {
	msg := err.Error()
	var se *store.Error
	if errors.As(err, &se) && msg == se.Error() {
		local := store.ErrorMessageIn(se, lang)
		return local + strings.TrimPrefix(msg, se.Message)
	}
	return i18n.For(lang).Sentence(msg)
}
