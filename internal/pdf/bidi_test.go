package pdf

import (
	"strings"
	"testing"
)

func TestVisualOrder(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"דוד כהן", "ןהכ דוד"},
		{"Patient: דוד כהן (12)", "Patient: ןהכ דוד (12)"},
		{"x שלום 2026 עולם y", "x םלוע 2026 םולש y"},
		{"(שלום)", "(םולש)"},
		{"מחיר 1,250.50 ש", "ש 1,250.50 ריחמ"},
		{"José Núñez", "José Núñez"},
	}
	for _, tt := range tests {
		if got := visualOrder(tt.in); got != tt.want {
			t.Errorf("visualOrder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRightToLeftName(t *testing.T) {
	p := samplePatient()
	p.Name = "דוד כהן"
	_, pages := render(t, sampleHandout(), p, sampleClinic(t))
	if text := allText(pages); !strings.Contains(text, "ןהכ דוד") {
		t.Errorf("a Hebrew name should be drawn right to left (visual order %q)", "ןהכ דוד")
	}
}
