package localefix

import "testing"

func TestApply(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"C.UTF-8 in LANG", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "C.utf8", "LANG": "de_DE.UTF-8"}, "en"},
		{"a real locale is left alone", map[string]string{"LANG": "fr_FR.UTF-8"}, ""},
		{"LC_ALL real, LANG C", map[string]string{"LC_ALL": "es_ES.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"plain C is left to Fyne", map[string]string{"LANG": "C"}, ""},
		{"LANGUAGE already set", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "pt"}, "pt"},
		{"nothing set", map[string]string{}, ""},
	}
	for _, c := range cases {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LANGUAGE"] != c.want {
			t.Errorf("%s: LANGUAGE = %q, want %q", c.name, env["LANGUAGE"], c.want)
		}
	}
}
