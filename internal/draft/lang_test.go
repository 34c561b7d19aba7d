package draft

import "testing"

func TestNewHandoutLang(t *testing.T) {
	for _, c := range []struct{ patient, app, want string }{
		{"es", "en", "es"},    // the patient's language has texts: it wins
		{"en", "es", "en"},    // an English speaker in a Spanish app
		{"es-MX", "en", "es"}, // a region matched by its language
		{"ES", "en", "es"},
		{"vi", "es", "es"}, // no Vietnamese texts: the app's language
		{"vi", "en", "en"},
		{"", "es", "es"},
		{"fr", "de", "de"}, // neither has texts: as on screen, English marked as not translated
		{"", "", "en"},
		{"en'; --", "", "en"},
	} {
		if got := NewHandoutLang(c.patient, c.app); got != c.want {
			t.Errorf("NewHandoutLang(%q, %q) = %q, want %q", c.patient, c.app, got, c.want)
		}
	}
}

func TestLocaleLang(t *testing.T) {
	for in, want := range map[string]string{
		"es_MX.UTF-8": "es", "es-MX": "es", "en_US": "en", "de_DE@euro": "de", "ES": "es",
		"C.UTF-8": "", "C": "", "POSIX": "", "": "",
	} {
		if got := LocaleLang(in); got != want {
			t.Errorf("LocaleLang(%q) = %q, want %q", in, got, want)
		}
	}
}
