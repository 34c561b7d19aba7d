// Package draft is where the handout model meets the content library: it
// drafts a handout from a visit, takes the text snapshots a handout keeps
// (one way, for the app and the command line), and decides a new
// handout's language. Kept apart from internal/handout so that the model,
// and the store that saves it, link no Markdown library.
package draft

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"chairside/internal/content"
	"chairside/internal/handout"
)

// FromSession drafts a handout from what was shown chairside: one item per
// structure, topic or condition in the trail (first visit order, each ID
// once), the marks and notes as given, the library's "seek care right
// away" list, and the library's language. Each item is a snapshot of the
// library's text, so the handout reprints identically later. An ID the
// library does not know is an error naming it: nothing is dropped silently.
// PatientID, Title and the home-care plan are left for the editor.
func FromSession(trail []string, marks []handout.Mark, notes string, lib *content.Library) (handout.Handout, error) {
	if lib == nil {
		return handout.Handout{}, errors.New("make handout: no content library loaded")
	}
	h := handout.Handout{
		Date:           handout.Today(time.Now()),
		Status:         handout.Draft,
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
		return handout.Handout{}, fmt.Errorf("make handout: %s", strings.Join(unknown, "; "))
	}
	return h, nil
}
