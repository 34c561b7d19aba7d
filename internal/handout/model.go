// Package handout is the per-patient handout: what was shown chairside, the
// patient's marked problem areas, the clinician's notes and the home-care
// plan. It knows nothing of Fyne, SQL or PDF (internal/pdf prints it).
package handout

import (
	"time"

	"chairside/internal/anatomy"
)

// Status says whether a handout may still change before it is given out.
type Status string

// A draft is still being edited; a final handout is what the patient took home.
const (
	Draft Status = "draft"
	Final Status = "final"
)

// Finding is what the clinician found at a marked structure.
type Finding string

// The findings a clinician can mark on the diagram. Their labels and
// colours (Label, Color) are the model's, so screen and paper agree.
const (
	Bulge        Finding = "bulge"
	Herniation   Finding = "herniation"
	Irritation   Finding = "irritation"
	Stiffness    Finding = "stiffness"
	Degeneration Finding = "degeneration"
	PainArea     Finding = "pain"
)

// Findings lists every finding in the order the UI and legends show them.
var Findings = []Finding{Bulge, Herniation, Irritation, Stiffness, Degeneration, PainArea,
	Arthritis, Narrowing, Stenosis, Slip, Fracture, Scoliosis} // the last line: findings.go

// Label is the plain-language name of a finding for legends and lists.
func (f Finding) Label() string {
	switch f {
	case Bulge:
		return "Disc bulge"
	case Herniation:
		return "Disc herniation"
	case Irritation:
		return "Irritation"
	case Stiffness:
		return "Stiffness"
	case Degeneration:
		return "Wear (degeneration)"
	case PainArea:
		return "Pain area"
	}
	if l, ok := moreLabels[f]; ok {
		return l
	}
	return string(f)
}

// Item is one structure, topic or condition explained on the handout. The
// text is a snapshot taken when the item was added, so a saved handout
// reprints identically after the content library changes.
type Item struct {
	Ref     string   // structure, topic or condition ID, e.g. "disc:L4-L5"
	Title   string   // heading as printed
	Body    string   // Markdown as printed
	Sources []string // named references, printed once at the end, numbered
	// KeyPoints are the text's three to five plain sentences, printed as
	// a short paragraph under "More about" unless Full is set.
	KeyPoints []string `json:",omitempty"`
	// KeySources are the places in Sources, from 0 and in order, of the
	// sources the key points rest on: all a short item cites. Empty for
	// an item saved before they were kept, which cites all its Sources.
	KeySources []int `json:",omitempty"`
	// Full prints the whole Body instead of the key points: the clinician
	// chooses it per item (default off, so the handout stays short).
	Full bool `json:",omitempty"`
}

// ShortSources are the sources an item printed short (its key points)
// cites: those at KeySources, or all of Sources when it has no key points
// (it prints its first paragraph) or was saved before key sources were
// kept.
func (it Item) ShortSources() []string {
	if len(it.KeyPoints) == 0 || len(it.KeySources) == 0 {
		return it.Sources
	}
	out := make([]string, 0, len(it.KeySources))
	for _, k := range it.KeySources {
		if k >= 0 && k < len(it.Sources) {
			out = append(out, it.Sources[k])
		}
	}
	return out
}

// Mark is a problem area the clinician marked on the patient's diagram.
type Mark struct {
	Structure string // structure ID
	Finding   Finding
	Note      string
	// At is where on the structure the clinician tapped (the left half of
	// a disc, the lower end of the sacrum), kept relative to the structure
	// so the diagram draws it there at any size. The zero Spot, for marks
	// made without a tap or saved before spots existed, puts the badge
	// beside the structure. Left out of the revisions' JSON when zero, so
	// older snapshots read the same.
	At anatomy.Spot `json:",omitzero"`
	// Detail is what the finding says beyond its name (findings.go): the
	// side a herniation points to, a slip's grade. Zero for marks saved
	// before details existed.
	Detail Detail `json:",omitzero"`
}

// SideNote says, in the patient's words, on which side of an unpaired
// structure (a disc, a vertebra) the mark was tapped: "left side" for a tap
// on the left part of the L4-L5 disc seen from behind. It is "" for a tap
// near the middle, in the side view, without a tap, and for a paired
// structure, whose name already says its side.
func (m Mark) SideNote() string {
	st, ok := anatomy.Lookup(m.Structure)
	if !ok || st.Side != anatomy.NoSide {
		return ""
	}
	if side := m.At.Side(); side != anatomy.NoSide {
		return string(side) + " side"
	}
	return ""
}

// Stretch is one home-care exercise as printed: a snapshot of the content
// library's stretch at the time it was chosen.
type Stretch struct {
	ID       string // stable content ID of the stretch, e.g. "exercise:cat-camel" (see StretchID)
	Name     string
	Steps    []string
	Cautions string // one caution a line; printed once however many share it
	// Dose is how much of it the patient does: the library's usual dose
	// when chosen, changed by the clinician as needed. Zero for stretches
	// saved before doses were kept, which print the library's.
	Dose Dose `json:",omitzero"`
}

// HomeCare is the plan the patient takes home.
type HomeCare struct {
	Stretches    []Stretch
	Instructions string // free text from the clinician
}

// Handout is one patient's handout. ID and PatientID are assigned by the store.
type Handout struct {
	ID             int64
	PatientID      int64
	Title          string
	Date           time.Time // the visit date printed on the handout
	Status         Status
	Lang           string
	Items          []Item
	Marks          []Mark
	ClinicianNotes string
	HomeCare       HomeCare
	// SeekCare is the "when to seek care right away" list as printed.
	SeekCare []string
	// LargePrint prints the handout with body text at 14 pt, for readers
	// who find the usual size hard to read.
	LargePrint bool `json:",omitempty"`
	// ExerciseLog prints a two-week log under the exercises: a tick box a
	// day and a 0-10 pain score a day.
	ExerciseLog bool `json:",omitempty"`
	// Revision counts saves; every save keeps the previous revision.
	Revision  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Paper is the page size handouts print on.
type Paper string

// Supported paper sizes.
const (
	Letter Paper = "letter"
	A4     Paper = "a4"
)

// Clinic is the practice information printed in each handout's header.
type Clinic struct {
	Name      string
	Address   string
	Phone     string
	Website   string
	Clinician string
	Logo      []byte // PNG or JPEG; empty for none
	Paper     Paper
	// Videos maps an exercise ID to the clinic's video address for it
	// (http or https), printed as a QR code; set with SaveClinicVideo.
	Videos map[string]string
}

// Patient is what the handout prints about the patient.
type Patient struct {
	ID   int64
	Name string
	DOB  *time.Time
}
