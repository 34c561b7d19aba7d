package handout

import (
	"slices"
	"strings"
)

// NormalizeNewlines gives typed text one kind of line end, LF. Windows
// keyboards and clipboards give CRLF, some older programs a lone CR; the
// same note must store, compare and print the same whichever computer it
// was typed on. Nothing else in the text changes.
func NormalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// WithNormalizedNewlines returns h with NormalizeNewlines applied to every
// text of several lines: the clinician's notes and home-care instructions,
// the marks' notes, and the explanations and stretches (snapshots the
// clinician may have edited). The store and the PDF writer call it, so
// they see LF only. Single-line fields such as the title are left as they
// are, for their own check to refuse a line break. h itself is not
// changed: the lists are copied before any entry is.
func (h Handout) WithNormalizedNewlines() Handout {
	h.ClinicianNotes = NormalizeNewlines(h.ClinicianNotes)
	h.HomeCare.Instructions = NormalizeNewlines(h.HomeCare.Instructions)
	h.Marks = slices.Clone(h.Marks)
	for i := range h.Marks {
		h.Marks[i].Note = NormalizeNewlines(h.Marks[i].Note)
	}
	h.Items = slices.Clone(h.Items)
	for i := range h.Items {
		h.Items[i].Body = NormalizeNewlines(h.Items[i].Body)
	}
	h.HomeCare.Stretches = slices.Clone(h.HomeCare.Stretches)
	for i, s := range h.HomeCare.Stretches {
		h.HomeCare.Stretches[i].Cautions = NormalizeNewlines(s.Cautions)
		h.HomeCare.Stretches[i].Steps = normalizeAll(s.Steps)
	}
	h.SeekCare = normalizeAll(h.SeekCare)
	return h
}

func normalizeAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = NormalizeNewlines(s)
	}
	return out
}
