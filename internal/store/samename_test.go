package store

import "testing"

// The duplicate-patient check (ui) and patient search use one name rule.
func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"José Núñez", "Jose  NUNEZ", true},
		{"Zoë Łukasiewicz", "zoe lukasiewicz", true},
		{" Ann Lee ", "ann lee", true},
		{"Ann Lee", "Anne Lee", false},
		{"Ann Lee", "Lee Ann", false},
		{"Анна Ли", "анна ли", true},
	} {
		if got := SameName(c.a, c.b); got != c.same {
			t.Errorf("SameName(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}
