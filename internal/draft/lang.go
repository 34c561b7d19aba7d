package draft

import (
	"strings"

	"chairside/internal/content"
)

// The one language rule, for the app and the command line alike:
//
//   - the texts on screen follow the app's language (the system's, or what
//     the clinician chose; CHAIRSIDE_LANG or LANG on the command line);
//   - a new handout is written in the patient's preferred language when
//     the library has texts in it, else in the app's language.
//
// So a Spanish-speaking patient takes home Spanish texts from an English
// app, and a patient whose language has no texts yet gets the language the
// clinician reads on screen, not English texts labelled as something else.

// NewHandoutLang is the language of a new handout's texts (Handout.Lang)
// for a patient whose preferred language is patientLang, made in an app
// showing appLang. A regional code is matched by its language when the
// library has no texts for the region ("es-MX" gives "es"). With neither
// usable it is English.
func NewHandoutLang(patientLang, appLang string) string {
	if l := libraryLang(patientLang); l != "" {
		return l
	}
	if l := strings.ToLower(strings.TrimSpace(appLang)); l != "" {
		if lib := libraryLang(l); lib != "" {
			return lib
		}
		return l // shown in English, visibly marked, as on screen
	}
	return content.DefaultLang
}

// libraryLang is the code the library has texts for that matches code:
// the code itself, else its language without the region; "" for none.
func libraryLang(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "" {
		return ""
	}
	if content.HasLanguage(code) {
		return code
	}
	if base, _, ok := strings.Cut(code, "-"); ok && content.HasLanguage(base) {
		return base
	}
	return ""
}

// LocaleLang is the language of a locale name as systems write it:
// "es_MX.UTF-8" and "es-MX" give "es", "C", "C.UTF-8", "POSIX" and ""
// give "" (no language chosen).
func LocaleLang(locale string) string {
	locale, _, _ = strings.Cut(strings.TrimSpace(locale), ".")
	locale, _, _ = strings.Cut(locale, "@")
	tag, _, _ := strings.Cut(strings.ReplaceAll(locale, "_", "-"), "-")
	tag = strings.ToLower(tag)
	if tag == "c" || tag == "posix" {
		return ""
	}
	return tag
}
