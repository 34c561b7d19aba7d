package handout

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"chairside/internal/anatomy"
	"chairside/internal/patient"
)

// The rules of a handout live here, next to the model, and every entry
// point calls them: the store before it saves, the command line before it
// opens the database, the editor as the clinician marks. A rule that only
// one of them knew would be a rule the others break.

// FieldError is one refused field, so the app can show the message next to
// the field it belongs to. Field is the Go field path ("Title",
// "Marks[1].Finding"); Message is written for a clinician and holds no
// patient data.
type FieldError struct {
	Field   string
	Message string
}

func (f FieldError) Error() string { return f.Message }

// FieldErrors are all the problems a Validate found, in field order.
type FieldErrors []FieldError

func (fs FieldErrors) Error() string {
	msgs := make([]string, len(fs))
	for i, f := range fs {
		msgs[i] = f.Message
	}
	return strings.Join(msgs, " ")
}

// Unwrap lets errors.As find a single FieldError inside.
func (fs FieldErrors) Unwrap() []error {
	out := make([]error, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}

// FitsOn says whether a finding can be marked on a structure, and if not
// why, in words a clinician can act on (a FieldError on "Finding"). A bulge on a nerve root would print
// as nonsense ("left L5 nerve root: Disc bulge"); wear is a change of a
// disc, joint or bone, not of a nerve root or the spinal cord.
func (f Finding) FitsOn(s anatomy.Structure) error {
	if err := fitsMore(f, s); err != nil {
		return err
	}
	switch {
	case (f == Bulge || f == Herniation) && s.Kind != anatomy.Disc:
		return FieldError{"Finding", fmt.Sprintf("%s can only be marked on a disc, not on the %s: choose a disc (between two vertebrae), or another finding.", f.Label(), s.Name)}
	case f == Degeneration && (s.Kind == anatomy.Nerve || s.Kind == anatomy.Cord):
		return FieldError{"Finding", "Wear (degeneration) is marked on a disc, joint or vertebra, not on a nerve root or the spinal cord: choose Irritation or Pain area for a nerve."}
	}
	return nil
}

// Validate checks one mark on its own: a part of the spine, a known
// finding that fits it, and a place on the diagram that is on the
// structure. The error is a FieldError (Field "Structure", "Finding" or
// "At") whose message says what to change.
func (m Mark) Validate() error {
	if f := m.check("The mark"); f != nil {
		return *f
	}
	return nil
}

// check is Validate with the mark named as the message should name it
// ("The mark", "Mark 2"); nil when the mark is fine.
func (m Mark) check(name string) *FieldError {
	if strings.TrimSpace(m.Structure) == "" {
		return &FieldError{"Structure", name + " has no structure."}
	}
	s, ok := anatomy.Lookup(m.Structure)
	if !ok {
		return &FieldError{"Structure", name + " is not on a part of the spine diagram; mark it again."}
	}
	if !slices.Contains(Findings, m.Finding) {
		return &FieldError{"Finding", fmt.Sprintf("%s has an unknown finding; choose one of %s.", name, findingList())}
	}
	if err := m.Finding.FitsOn(s); err != nil {
		if name == "The mark" {
			return &FieldError{"Finding", err.Error()}
		}
		return &FieldError{"Finding", name + ": " + err.Error()}
	}
	if err := m.Detail.fits(m.Finding, s); err != nil {
		if name == "The mark" {
			return &FieldError{"Detail", err.Error()}
		}
		return &FieldError{"Detail", name + ": " + err.Error()}
	}
	if !m.At.Valid() || (!m.At.IsZero() && !anatomy.Drawn(m.At.View, s.ID)) {
		return &FieldError{"At", name + "'s place on the diagram is not a place on the structure; mark it again."}
	}
	return nil
}

// AddMark adds m to a handout's marks, after checking it. Marking the same
// structure with the same finding again is the same problem area: the
// existing mark moves to the new place and takes the new note (an empty
// note or a mark without a place keeps the old one), rather than a second,
// identical badge appearing. marks itself is not changed.
func AddMark(marks []Mark, m Mark) ([]Mark, error) {
	if err := m.Validate(); err != nil {
		return marks, err
	}
	out := slices.Clone(marks)
	for i, old := range out {
		if old.Structure == m.Structure && old.Finding == m.Finding {
			if m.Note != "" {
				out[i].Note = m.Note
			}
			if !m.At.IsZero() {
				out[i].At = m.At
			}
			if !m.Detail.IsZero() {
				out[i].Detail = m.Detail
			}
			return out, nil
		}
	}
	return append(out, m), nil
}

func findingList() string {
	names := make([]string, len(Findings))
	for i, f := range Findings {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// VisitDay is the visit date stored for a calendar day: midday local
// time, so that the date reads the same in every time zone nearby (a
// handout printed an hour's drive east of midnight keeps its day).
func VisitDay(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 12, 0, 0, 0, time.Local)
}

// Today is the visit date of a handout made at now: that local day, at
// midday (see VisitDay).
func Today(now time.Time) time.Time {
	y, m, d := now.In(time.Local).Date()
	return VisitDay(y, m, d)
}

// DateLayout is how a visit date is typed and shown: year-month-day.
const DateLayout = "2006-01-02"

// ParseVisitDate reads a visit date typed as year-month-day and returns it
// at midday (see VisitDay); a FieldError on "Date" says how to write it.
func ParseVisitDate(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, FieldError{"Date", fmt.Sprintf("Write the visit date as year-month-day, for example %s.", time.Now().Format(DateLayout))}
	}
	return VisitDay(d.Year(), d.Month(), d.Day()), nil
}

// FillDefaults gives a new handout what it needs before it is checked:
// status draft, today's date (Today), language English.
func (h *Handout) FillDefaults(now time.Time) {
	if h.Status == "" {
		h.Status = Draft
	}
	if h.Date.IsZero() {
		h.Date = Today(now)
	}
	if h.Lang == "" {
		h.Lang = "en"
	}
}

// Validate reports every broken rule of h as FieldErrors (nil when there
// is none): a patient, a known status and language, a plausible visit
// year, marks that each pass Mark.Validate, and each exercise's dose
// (Dose.Validate, the one check of a dose). The store adds its own
// limits on length; the rules of what a handout may say are here.
func (h Handout) Validate(now time.Time) error {
	var fs FieldErrors
	if h.PatientID <= 0 {
		fs = append(fs, FieldError{"PatientID", "Choose a patient for this handout."})
	}
	if h.Status != Draft && h.Status != Final {
		fs = append(fs, FieldError{"Status", fmt.Sprintf("The status must be %q or %q.", Draft, Final)})
	}
	if !patient.ValidLang(h.Lang) {
		fs = append(fs, FieldError{"Lang", "The language must be a code such as en or es."})
	}
	if y := h.Date.Year(); y < 2000 || y > now.Year()+5 {
		fs = append(fs, FieldError{"Date", fmt.Sprintf("The visit date is in %d, which looks wrong; check the year.", y)})
	}
	for i, m := range h.Marks {
		if f := m.check(fmt.Sprintf("Mark %d", i+1)); f != nil {
			fs = append(fs, FieldError{fmt.Sprintf("Marks[%d].%s", i, f.Field), f.Message})
		}
	}
	for i, it := range h.Items {
		// The key sources point into the item's own list, each once, in
		// order; anything else is not what the library gave.
		for j, k := range it.KeySources {
			if k < 0 || k >= len(it.Sources) || j > 0 && k <= it.KeySources[j-1] {
				fs = append(fs, FieldError{fmt.Sprintf("Items[%d].KeySources", i), fmt.Sprintf("Explanation %d's key sources do not match its %d sources: add the explanation again.", i+1, len(it.Sources))})
				break
			}
		}
	}
	for i, st := range h.HomeCare.Stretches {
		if st.Dose.IsZero() {
			continue // saved before doses were kept: prints the library's
		}
		if err := st.Dose.Validate(); err != nil {
			name := strings.TrimSpace(st.Name)
			if name == "" {
				name = st.ID
			}
			fs = append(fs, FieldError{fmt.Sprintf("HomeCare.Stretches[%d].Dose", i), fmt.Sprintf("Exercise %d (%s): %v.", i+1, name, err)})
		}
	}
	if len(fs) == 0 {
		return nil
	}
	return fs
}
