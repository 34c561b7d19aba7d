package handout

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalizeNewlines(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"one line", "one line"},
		{"walk daily\nno lifting", "walk daily\nno lifting"},
		{"walk daily\r\nno lifting\r\n", "walk daily\nno lifting\n"},
		{"para one\r\n\r\npara two", "para one\n\npara two"},
		{"old mac\rline", "old mac\nline"},
		{"mixed\r\nends\nand\rmore", "mixed\nends\nand\nmore"},
		{"\r\r\n", "\n\n"},
		{"José\r\nZoë", "José\nZoë"},
	}
	for _, c := range cases {
		if got := NormalizeNewlines(c.in); got != c.want {
			t.Errorf("NormalizeNewlines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// withLineEnds is the sample handout with every text of several lines
// written with the given line end.
func withLineEnds(eol string) Handout {
	h := sampleHandout()
	lf := func(s string) string { return strings.ReplaceAll(s, "\n", eol) }
	h.ClinicianNotes = lf(h.ClinicianNotes)
	h.HomeCare.Instructions = lf("Walk every day.\nNo heavy lifting.\n\nCall if it spreads.")
	for i := range h.Items {
		h.Items[i].Body = lf(h.Items[i].Body)
	}
	h.Marks[0].Note = lf("seen on MRI\nfrom October")
	for i, s := range h.HomeCare.Stretches {
		h.HomeCare.Stretches[i].Cautions = lf(s.Cautions + "\nStop if it hurts.")
		for j := range s.Steps {
			s.Steps[j] = lf(s.Steps[j] + "\nslowly")
		}
	}
	h.SeekCare = append(h.SeekCare, lf("Fever\nwith back pain"))
	return h
}

func TestWithNormalizedNewlines(t *testing.T) {
	crlf, lf := withLineEnds("\r\n"), withLineEnds("\n")
	if reflect.DeepEqual(crlf, lf) {
		t.Fatal("the CRLF handout is the LF one: the test checks nothing")
	}
	before := withLineEnds("\r\n")
	if got := crlf.WithNormalizedNewlines(); !reflect.DeepEqual(got, lf) {
		t.Errorf("normalised CRLF handout differs from the LF one:\n%+v\n%+v", got, lf)
	}
	// The caller's handout (its lists included) is left as it was.
	if !reflect.DeepEqual(crlf, before) {
		t.Error("WithNormalizedNewlines changed the handout it was called on")
	}
	// A title is one line: a break in it is refused by the store's check,
	// not silently turned into another kind of break.
	h := sampleHandout()
	h.Title = "Low\r\nback"
	if got := h.WithNormalizedNewlines().Title; got != h.Title {
		t.Errorf("title changed to %q", got)
	}
	var empty Handout
	if got := empty.WithNormalizedNewlines(); !reflect.DeepEqual(got, empty) {
		t.Errorf("empty handout became %+v", got)
	}
}
