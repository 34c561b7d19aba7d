package words

import "testing"

// One folding for names and search (issue 12: the store and the search
// had two tables that disagreed, the search keeping ñ and ç).
func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë  Ångström": "zoe  angstrom", "José NÚÑEZ": "jose nunez", "Nguyễn Văn An": "nguyen van an",
		"Łukasiewicz": "lukasiewicz", "Straße": "strasse", "Ciática": "ciatica", "niño": "nino",
		"François": "francois", "L4–L5": "l4–l5", "O'Brien": "o'brien", "": "", "Ωμέγα": "ωμεγα",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUpperFirst(t *testing.T) {
	for in, want := range map[string]string{"left L5 nerve root": "Left L5 nerve root", "élan": "Élan", "": "", "L4": "L4", "ñ": "Ñ"} {
		if got := UpperFirst(in); got != want {
			t.Errorf("UpperFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
