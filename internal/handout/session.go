package handout

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"chairside/internal/content"
)

// FromSession drafts a handout from what was shown chairside: one item per
// structure, topic or condition in the trail (first visit order, each ID
// once), the marks and notes as given, the library's "seek care right
// away" list, and the library's language. Each item is a snapshot of the
// library's text, so the handout reprints identically later. An ID the
// library does not know is an error naming it: nothing is dropped silently.
// PatientID, Title and the home-care plan are left for the editor.
func FromSession(trail []string, marks []Mark, notes string, lib *content.Library) (Handout, error) {
	if lib == nil {
		return Handout{}, errors.New("make handout: no content library loaded")
	}
	h := Handout{
		Date:           Today(time.Now()),
		Status:         Draft,
		Lang:           lib.Lang(),
		ClinicianNotes: notes,
		SeekCare:       lib.RedFlags(),
		Marks:          slices.Clone(marks),
	}
	h = h.WithNormalizedNewlines() // the notes as typed, CRLF on Windows
	seen := map[string]bool{}
	var unknown []string
	for _, id := range trail {
		if strings.TrimSpace(id) == "" {
			continue
		}
		t, err := lib.Explain(id)
		if err != nil {
			unknown = append(unknown, err.Error())
			continue
		}
		// The library forgives letter case; dedupe on the ID it resolved to.
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		h.Items = append(h.Items, ItemOf(t))
	}
	if len(unknown) > 0 {
		return Handout{}, fmt.Errorf("make handout: %s", strings.Join(unknown, "; "))
	}
	return h, nil
}
