package ui

import (
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"chairside/internal/anatomy"
	"chairside/internal/i18n"
)

// The app's own words (labels, buttons, notices) come from the same
// catalogues as the printed handout's, assets/i18n/<lang>.json, the
// shown language's loaded into Fyne's translation support
// (addShownCatalogue). The screens ask for a word by key with
// its English beside it (tr, trN), so a word missing from a catalogue
// shows in English rather than as a key, and a reader of the code sees
// what the screen says.
//
// Fyne picks the language from the system when the catalogues are loaded
// (on Linux from LANGUAGE, LC_ALL, LC_MESSAGES, LANG; on Windows and macOS
// from the user's settings) and has no call to choose another. The
// clinician's choice in Settings is therefore applied once, at start,
// before any window is built (startLanguage): Chairside sets LANGUAGE for
// itself, which Fyne then reads; where the system does not take its
// language from the environment, the chosen catalogue is loaded under the
// system's language, which Fyne matches first.

// languagePrefKey holds the clinician's language choice: "" follows the
// system, else a catalogue's code ("en", "es").
const languagePrefKey = "language"

var (
	// envLanguage is LANGUAGE as Chairside was started with it, restored
	// when the choice goes back to the system's.
	envOnce     sync.Once
	envLanguage string
	envHad      bool
	// startSystem is the system's language before Chairside set LANGUAGE.
	startSystem string

	langMu sync.Mutex
	// chosenLanguage is the choice applied at start ("" for the system's).
	chosenLanguage string
)

// tr is the word for key in the app's language, English where the
// catalogue lacks it. data fills {{.Field}} placeholders.
func tr(key, english string, data ...map[string]any) string {
	if len(data) > 0 {
		return lang.LocalizeKey(key, english, data[0])
	}
	return lang.LocalizeKey(key, english)
}

// trN is tr for a sentence that shows a count: the catalogue has its
// "one" and "other" forms; english is the "other" form. {{.Count}} is
// filled with count.
func trN(key, english string, count int, data ...map[string]any) string {
	d := map[string]any{"Count": count}
	if len(data) > 0 {
		for k, v := range data[0] {
			d[k] = v
		}
	}
	return lang.LocalizePluralKey(key, english, count, d)
}

// startLanguage applies the clinician's stored choice before the first
// window is built: everything built after it speaks that language.
func startLanguage(fa fyne.App) {
	if err := applyLanguage(fa.Preferences().String(languagePrefKey)); err != nil {
		// The catalogues are embedded: only a broken build gets here, and
		// the screens still read, in English.
		fyne.LogError("load the app's word catalogues", err)
	}
}

// applyLanguage makes choice ("" for the system's) the language of every
// word asked for from now on.
func applyLanguage(choice string) error {
	captureSystem()
	choice = strings.ToLower(strings.TrimSpace(choice))
	if choice != "" && !i18n.Has(choice) {
		choice = "" // a catalogue that is no longer there: the system's
	}
	langMu.Lock()
	chosenLanguage = choice
	langMu.Unlock()
	switch {
	case choice != "":
		_ = os.Setenv("LANGUAGE", choice)
	case envHad:
		_ = os.Setenv("LANGUAGE", envLanguage)
	default:
		_ = os.Unsetenv("LANGUAGE")
	}
	return addShownCatalogue(choice)
}

// addShownCatalogue gives Fyne the app's word catalogue of the language
// it shows, and only that one: the other's words (about 0.6 MB in memory
// each) would never be read, as a language chosen in Settings shows at
// the next start. Of that catalogue Fyne gets the screens' words, not the
// sentences, which are said through internal/i18n (i18n.ScreenWords).
// Which language Fyne shows depends on the languages it has words for, so
// each catalogue's language is first announced with its one word
// language.code: Fyne then picks (from the system's language, LANGUAGE
// included) exactly as it would with every catalogue loaded, and
// language.code says which it picked. English, the bundle's fallback,
// answers for a system language with no catalogue ("fr"). Adding words
// makes Fyne read the system's language again.
func addShownCatalogue(choice string) error {
	for _, code := range i18n.Langs() {
		if err := lang.AddTranslationsForLocale([]byte(`{"language.code": "`+code+`"}`), fyne.Locale(code)); err != nil {
			return err
		}
	}
	shown := shownLanguage()
	if choice != "" && shown != choice {
		// The system's language does not come from the environment here
		// (Windows, macOS, or LC_ALL=C): give the system's language the
		// chosen words.
		words, err := i18n.ScreenWords(choice)
		if err != nil {
			return err
		}
		return lang.AddTranslationsForLocale(words, lang.SystemLocale())
	}
	words, err := i18n.ScreenWords(shown)
	if err != nil {
		return err
	}
	return lang.AddTranslationsForLocale(words, fyne.Locale(shown))
}

// shownLanguage is the code of the catalogue the screens' words come from.
func shownLanguage() string {
	return lang.LocalizeKey("language.code", i18n.DefaultLang)
}

// appLanguage is the language the app is used in: the clinician's choice,
// else the system's ("fr" on a French system, even though the app's words
// fall back to English there). The explanation library and new handouts
// follow it; the library says visibly when a text is not yet translated.
func appLanguage() string {
	langMu.Lock()
	c := chosenLanguage
	langMu.Unlock()
	if c != "" {
		return c
	}
	return systemLanguage()
}

// captureSystem notes the environment's language before Chairside
// changes LANGUAGE for itself.
func captureSystem() {
	envOnce.Do(func() {
		envLanguage, envHad = os.LookupEnv("LANGUAGE")
		startSystem = localeLanguage(lang.SystemLocale())
	})
}

// systemLanguage is the language the system is set to.
func systemLanguage() string {
	captureSystem()
	return startSystem
}

// localeLanguage is a locale's language ("es-MX" → "es"); a locale that
// names none ("", "C") gives English.
func localeLanguage(l fyne.Locale) string {
	tag, _, _ := strings.Cut(string(l), "-")
	tag = strings.ToLower(tag)
	if tag == "" || tag == "c" || tag == "posix" || tag == "und" {
		return i18n.DefaultLang
	}
	return tag
}

// languageChoices are the Settings entries: the system's language first,
// then each catalogue by its own name ("English", "Español"), so a third
// language appears once its file is added.
func languageChoices() []struct{ code, label string } {
	out := []struct{ code, label string }{{"", tr("settings.language.system", "System (as the computer is set)")}}
	for _, code := range i18n.Langs() {
		out = append(out, struct{ code, label string }{code, i18n.For(code).T("language.name")})
	}
	return out
}

// presetLabel is a zoom preset's button in the app's language.
func presetLabel(p anatomy.Preset) string {
	switch p {
	case anatomy.Whole:
		return tr("preset.whole", "Whole spine")
	case anatomy.Neck:
		return tr("preset.neck", "Neck")
	case anatomy.MidBack:
		return tr("preset.mid_back", "Mid back")
	case anatomy.LowBack:
		return tr("preset.low_back", "Low back and pelvis")
	}
	return anatomy.PresetName(p)
}

// regionLabel names a region of the spine in the app's language, lower
// case for use inside a line.
func regionLabel(r anatomy.Region) string {
	switch r {
	case anatomy.Cervical:
		return tr("region.cervical", "neck (cervical spine)")
	case anatomy.Thoracic:
		return tr("region.thoracic", "mid back (thoracic spine)")
	case anatomy.Lumbar:
		return tr("region.lumbar", "low back (lumbar spine)")
	case anatomy.Sacral:
		return tr("region.sacral", "sacrum (pelvis)")
	case anatomy.Coccygeal:
		return tr("region.coccygeal", "tailbone (coccyx)")
	}
	return anatomy.RegionName(r)
}

// structureName is a part of the spine's name in the app's language,
// lower case as inside a sentence ("left L5 nerve root", "raíz nerviosa
// L5 izquierda"): the printed handout's names, so screen and paper agree.
func structureName(id string) string {
	return i18n.For(shownLanguage()).StructureName(id)
}

// pairName names a structure with a twin on the other side without its
// side, for the line that links both ("L5 nerve root: left, right").
func pairName(s anatomy.Structure) string {
	switch s.Kind {
	case anatomy.Nerve:
		return tr("pair.nerve", "{{.Level}} nerve root", map[string]any{"Level": s.Level})
	case anatomy.Facet:
		return tr("pair.facet", "{{.Level}} facet joint", map[string]any{"Level": anatomy.SegmentLabel(s.Level)})
	}
	return strings.TrimPrefix(s.Name, string(s.Side)+" ")
}

// dateTime is a moment as the app's language writes it: "December 1,
// 2026, 14:05", "1 de diciembre de 2026, 14:05" (the month spelled out, so
// day and month cannot be swapped).
func dateTime(t time.Time) string {
	t = t.Local()
	return tr("date.time", "{{.Date}}, {{.Time}}", map[string]any{"Date": i18n.For(shownLanguage()).Date(t), "Time": t.Format("15:04")})
}
