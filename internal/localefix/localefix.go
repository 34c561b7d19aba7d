// Package localefix makes a "C.UTF-8" process locale readable by Fyne.
//
// Debian and Ubuntu servers, containers and CI machines often run with
// LANG=C.UTF-8. Fyne turns that into the language tag "C", which does not
// parse, and logs a scary error on every start, even for command-line
// subcommands. gettext's LANGUAGE variable takes precedence for the
// language alone, so setting it to English (only when the locale names no
// language and LANGUAGE is unset) silences the error without changing
// anything else about the locale.
//
// It must be imported (blank) from main.go: its path sorts before fyne.io,
// so Go initialises it before Fyne's lang package reads the environment.
package localefix

import (
	"os"
	"strings"
)

func init() { apply(os.Getenv, os.Setenv) }

func apply(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(key)
		if v == "" {
			continue
		}
		if namesNoLanguage(v) {
			_ = setenv("LANGUAGE", "en")
		}
		return
	}
}

// namesNoLanguage reports locales such as "C.UTF-8" or "POSIX.utf8". Plain
// "C" and "POSIX" are already handled by Fyne (it falls back to English).
func namesNoLanguage(v string) bool {
	base, _, found := strings.Cut(v, ".")
	return found && (base == "C" || base == "POSIX")
}
