package handout

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestDefaultFileName(t *testing.T) {
	day := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	h := Handout{ID: 12, Date: day}
	tests := []struct {
		name string
		h    Handout
		want string
	}{
		{"José Núñez", h, "Núñez_José_2026-11-24_handout-12.pdf"},
		{"Jose\u0301 Nu\u0301n\u0303ez", h, "Núñez_José_2026-11-24_handout-12.pdf"}, // typed decomposed: stored composed
		{"Zoë Łukasiewicz", h, "Łukasiewicz_Zoë_2026-11-24_handout-12.pdf"},
		{"Nguyễn Văn An", h, "An_Nguyễn_Văn_2026-11-24_handout-12.pdf"},
		{"Núñez, José", h, "Núñez_José_2026-11-24_handout-12.pdf"},
		{"Anne-Marie O'Neil", h, "ONeil_Anne-Marie_2026-11-24_handout-12.pdf"},
		{"  Cher  ", h, "Cher_2026-11-24_handout-12.pdf"},
		{"../../etc/passwd", h, "passwd_etc_2026-11-24_handout-12.pdf"},
		{"山田太郎", h, "山田太郎_2026-11-24_handout-12.pdf"},
		{"Анна Иванова", h, "Иванова_Анна_2026-11-24_handout-12.pdf"},
		{"محمد علي", h, "علي_محمد_2026-11-24_handout-12.pdf"},
		{"सीता देवी", h, "देवी_सीता_2026-11-24_handout-12.pdf"},
		{"A<b>:c\"d/e\\f|g?h*i", h, "i_A_b_c_d_e_f_g_h_2026-11-24_handout-12.pdf"},
		{"Ann\x1b[31mLee\u202egpj.exe", h, "gpjexe_Ann_31mLee_2026-11-24_handout-12.pdf"},
		{"CON", h, "CON_2026-11-24_handout-12.pdf"},
		{"", Handout{}, "Patient_handout.pdf"},
		{"Ann Lee", Handout{ID: 3}, "Lee_Ann_handout-3.pdf"},
		{strings.Repeat("Long", 40), h, strings.Repeat("Long", 30) + "_2026-11-24_handout-12.pdf"},
		{strings.Repeat("山", 100), h, strings.Repeat("山", 40) + "_2026-11-24_handout-12.pdf"},
	}
	for _, tt := range tests {
		got := DefaultFileName("", tt.name, tt.h)
		if got != tt.want {
			t.Errorf("DefaultFileName(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if !utf8.ValidString(got) || windowsSafe(got) != got || len(got) > 255 {
			t.Errorf("DefaultFileName(%q) = %q is not a safe file name", tt.name, got)
		}
	}
	// Two handouts of one patient on one day, and two patients of one
	// name, never share a name.
	a := DefaultFileName("", "Ann Lee", Handout{ID: 1, Date: day})
	b := DefaultFileName("", "Ann Lee", Handout{ID: 2, Date: day})
	if a == b {
		t.Errorf("handouts 1 and 2 both get %q", a)
	}
}

// A deep folder leaves less room for the name: the whole path stays
// within Windows' 259 characters, cut between characters.
func TestDefaultFileNameFitsWindowsPathLimit(t *testing.T) {
	h := Handout{ID: 4567, Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	name := strings.Repeat("𝒜", 30) + " " + strings.Repeat("Lee", 30) // 𝒜 is two UTF-16 units
	for _, depth := range []int{10, 150, 200, 240, 300} {
		dir := "/" + strings.Repeat("d", depth)
		got := DefaultFileName(dir, name, h)
		path := filepath.Join(dir, got)
		if n := utf16Len(path); n > windowsMaxPath && depth < 240 {
			t.Errorf("depth %d: path is %d UTF-16 units, want at most %d", depth, n, windowsMaxPath)
		}
		if !utf8.ValidString(got) || !strings.HasSuffix(got, "_handout-4567.pdf") {
			t.Errorf("depth %d: %q", depth, got)
		}
	}
	if got := DefaultFileName("/"+strings.Repeat("d", 150), name, h); !strings.HasPrefix(got, "LeeLee") {
		t.Errorf("a shortened name lost its start: %q", got)
	}
	if got := DefaultFileName("/"+strings.Repeat("d", 300), name, h); got != "2026-11-24_handout-4567.pdf" {
		t.Errorf("no room for the name: %q", got)
	}
}

func TestWindowsSafe(t *testing.T) {
	for in, want := range map[string]string{
		"CON": "_CON", "con.pdf": "_con.pdf", "Nul.txt": "_Nul.txt", "AUX .pdf": "_AUX .pdf", "COM1.pdf": "_COM1.pdf",
		"lpt9": "_lpt9", "COM¹.pdf": "_COM¹.pdf", "CONOUT$": "_CONOUT$", "COM10.pdf": "COM10.pdf", "CONSOLE.pdf": "CONSOLE.pdf",
		"a.pdf.": "a.pdf", "a.pdf . ": "a.pdf", "a:b|c?.pdf": "a_b_c_.pdf", "tab\there.pdf": "tab_here.pdf", "...": "_",
	} {
		if got := windowsSafe(in); got != want {
			t.Errorf("windowsSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
