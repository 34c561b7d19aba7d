package handout

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"chairside/internal/anatomy"
)

// The findings that change the drawing itself (issue 13): besides the
// disc bulge and herniation, wear, irritation, stiffness and pain areas of
// model.go, a clinician can mark what an X-ray or MRI report names most
// often. Each draws itself on the diagram (internal/diagram/findings.go).
const (
	Arthritis Finding = "arthritis" // facet joint arthritis
	Narrowing Finding = "narrowing" // foraminal narrowing: the window a root leaves by is smaller
	Stenosis  Finding = "stenosis"  // central stenosis: the canal is narrowed
	Slip      Finding = "slip"      // spondylolisthesis: a vertebra slipped forward on the one below
	Fracture  Finding = "fracture"  // compression fracture: a wedge-shaped vertebral body
	Scoliosis Finding = "scoliosis" // a sideways curve, marked at its apex
)

// moreLabels are the new findings' plain-language names (Label).
var moreLabels = map[Finding]string{
	Arthritis: "Joint arthritis",
	Narrowing: "Narrowed nerve opening",
	Stenosis:  "Narrowed spinal canal (stenosis)",
	Slip:      "Slipped vertebra (spondylolisthesis)",
	Fracture:  "Compression fracture",
	Scoliosis: "Sideways curve (scoliosis)",
}

// moreColors are the new findings' colours (Color), each told apart from
// the others' also under colour blindness (see Color).
var moreColors = map[Finding]color.NRGBA{
	Arthritis: {9, 85, 87, 255},    // dark teal
	Narrowing: {189, 99, 166, 255}, // orchid
	Stenosis:  {190, 0, 119, 255},  // deep magenta
	Slip:      {180, 107, 48, 255}, // ochre
	Fracture:  {86, 74, 58, 255},   // dark umber
	Scoliosis: {0, 124, 255, 255},  // bright blue
}

// Detail is what a finding says beyond its name, as the clinician chose
// it: the side a disc bulges or herniates toward (and whether it is far
// out to the side, beyond the nerve opening), the side of a narrowed
// opening, a slip's grade, a curve's side and angle. The zero Detail is a
// finding as it always was (a bulge straight back, a slip of grade 1 not
// stated). Details of marks saved before they existed read as zero.
type Detail struct {
	// Side is the patient's side a disc finding points to, the side of
	// a narrowed opening on a disc, or the side a curve bends toward (its
	// outer, convex side, as scoliosis curves are named).
	Side anatomy.Side `json:",omitempty"`
	// Far is a disc bulge or herniation far out to the side (far
	// lateral): beyond the opening, it presses on the root leaving at
	// that level (L4 at L4-L5) rather than the one crossing the disc (L5).
	Far bool `json:",omitempty"`
	// Grade is a slip's grade: 1 (up to a quarter of the vertebra's
	// depth) or 2 (up to half); 0 is not stated.
	Grade int `json:",omitempty"`
	// Angle is a curve's angle in degrees (Cobb angle), 0 when not
	// measured.
	Angle int `json:",omitempty"`
}

// IsZero reports whether d says nothing beyond the finding's name.
func (d Detail) IsZero() bool { return d == Detail{} }

// String is the detail as typed after the finding on the command line and
// as stored: "left", "far-right", "2", "right:25"; "" for none.
func (d Detail) String() string {
	var parts []string
	if d.Side != anatomy.NoSide {
		s := string(d.Side)
		if d.Far {
			s = "far-" + s
		}
		parts = append(parts, s)
	}
	if d.Grade != 0 {
		parts = append(parts, strconv.Itoa(d.Grade))
	}
	if d.Angle != 0 {
		parts = append(parts, strconv.Itoa(d.Angle))
	}
	return strings.Join(parts, ":")
}

// Options says which details a finding takes, for help texts and the
// editor: "left, right, far-left or far-right" and the like; "" when the
// finding takes none.
func (f Finding) Options() string {
	switch f {
	case Bulge, Herniation:
		return "left, right, far-left or far-right (none: straight back)"
	case Narrowing:
		return "left or right (on a disc; a joint or root has its own side)"
	case Slip:
		return "grade 1 or 2"
	case Scoliosis:
		return "left or right (the side the curve bends toward), then the angle in degrees, e.g. right:25"
	}
	return ""
}

// ParseDetail reads a finding's detail as typed after it ("left",
// "far-left", "2", "right:25"); "" is the zero Detail. The error says what
// the finding takes.
func ParseDetail(f Finding, s string) (Detail, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	var d Detail
	if s == "" {
		return d, nil
	}
	bad := func() (Detail, error) {
		if f.Options() == "" {
			return Detail{}, fmt.Errorf("%s takes no option (%q): write it without a colon", f, s)
		}
		return Detail{}, fmt.Errorf("%q is not an option of %s: use %s", s, f, f.Options())
	}
	side := func(w string, far bool) bool {
		if far && strings.HasPrefix(w, "far-") {
			d.Far = true
			w = strings.TrimPrefix(w, "far-")
		}
		switch anatomy.Side(w) {
		case anatomy.Left, anatomy.Right:
			d.Side = anatomy.Side(w)
			return true
		}
		return false
	}
	switch f {
	case Bulge, Herniation:
		if s == "central" || s == "center" || s == "centre" {
			return d, nil
		}
		if !side(s, true) {
			return bad()
		}
	case Narrowing:
		if !side(s, false) {
			return bad()
		}
	case Slip:
		g, err := strconv.Atoi(s)
		if err != nil {
			return bad()
		}
		d.Grade = g
	case Scoliosis:
		w, angle, hasAngle := strings.Cut(s, ":")
		if !side(w, false) {
			return bad()
		}
		if hasAngle {
			a, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(angle), "°"))
			if err != nil {
				return bad()
			}
			d.Angle = a
		}
	default:
		return bad()
	}
	if err := d.fits(f, anatomy.Structure{}); err != nil {
		return Detail{}, err
	}
	return d, nil
}

// fits says whether detail d makes sense for finding f on structure s (s
// may be the zero Structure when only the detail itself is checked).
func (d Detail) fits(f Finding, s anatomy.Structure) error {
	if d.IsZero() {
		if f == Scoliosis {
			return fmt.Errorf("scoliosis needs the side the curve bends toward (its outer side), e.g. scoliosis:right:25")
		}
		return nil
	}
	switch f {
	case Bulge, Herniation:
		if d.Grade != 0 || d.Angle != 0 || (d.Far && d.Side == anatomy.NoSide) {
			break
		}
		return nil
	case Narrowing:
		if d.Grade != 0 || d.Angle != 0 || d.Far {
			break
		}
		if s.Side != anatomy.NoSide && d.Side != anatomy.NoSide && d.Side != s.Side {
			return fmt.Errorf("the %s is on the %s side: a narrowing there is on that side too", s.Name, s.Side)
		}
		return nil
	case Slip:
		if d.Side != anatomy.NoSide || d.Far || d.Angle != 0 {
			break
		}
		if d.Grade < 1 || d.Grade > 2 {
			return fmt.Errorf("a slip's grade is 1 (up to a quarter of the vertebra's depth) or 2 (up to half); a larger slip is for the surgeon's drawing, not this one")
		}
		return nil
	case Scoliosis:
		if d.Far || d.Grade != 0 {
			break
		}
		if d.Side == anatomy.NoSide {
			return fmt.Errorf("scoliosis needs the side the curve bends toward (its outer side), e.g. scoliosis:right:25")
		}
		if d.Angle != 0 && (d.Angle < 5 || d.Angle > 90) {
			return fmt.Errorf("a curve of %d degrees is not one to mark: a scoliosis angle is from 10 to 90 degrees (5 to 9 is a mild curve)", d.Angle)
		}
		return nil
	}
	if f.Options() == "" {
		return fmt.Errorf("%s takes no option (%s)", f, d)
	}
	return fmt.Errorf("%q is not an option of %s: use %s", d.String(), f, f.Options())
}

// fitsMore is FitsOn's rule for the findings of this file: each names the
// one kind of part where it is found.
func fitsMore(f Finding, s anatomy.Structure) error {
	vertebraWithBody := func() bool {
		return s.Kind == anatomy.Vertebra && s.Level != "C1" && s.Level != "S" && s.Level != "Co"
	}
	switch f {
	case Arthritis:
		// a facet joint, or one of the other joints of the spine (the
		// joints of the upper neck, the sacroiliac joints)
		if s.Kind == anatomy.Facet || s.Kind == anatomy.Joint {
			return nil
		}
		return fmt.Errorf("joint arthritis is marked on a joint, not on the %s: choose a facet joint (beside the disc, at the back), or Wear (degeneration) for a disc or vertebra", s.Name)
	case Narrowing:
		if s.Kind == anatomy.Disc || s.Kind == anatomy.Facet || s.Kind == anatomy.Nerve {
			return nil
		}
		return fmt.Errorf("a narrowed nerve opening is marked on the root that leaves through it, its facet joint or its disc, not on the %s", s.Name)
	case Stenosis:
		if s.Kind == anatomy.Disc || (s.Kind == anatomy.Vertebra && s.Level != "S" && s.Level != "Co") {
			return nil
		}
		return fmt.Errorf("a narrowed spinal canal is marked on the disc (or vertebra) of the level where it is narrow, not on the %s", s.Name)
	case Slip:
		if vertebraWithBody() {
			return nil
		}
		return fmt.Errorf("a slip is marked on the vertebra that slipped forward (L5 for L5 on S1), not on the %s", s.Name)
	case Fracture:
		if vertebraWithBody() {
			return nil
		}
		return fmt.Errorf("a compression fracture is marked on a vertebra with a body (C2 to L5), not on the %s", s.Name)
	case Scoliosis:
		if s.Kind == anatomy.Vertebra && (s.Region == anatomy.Cervical || s.Region == anatomy.Thoracic || s.Region == anatomy.Lumbar) {
			return nil
		}
		return fmt.Errorf("scoliosis is marked on the vertebra at the top of the curve (its apex), not on the %s", s.Name)
	}
	return nil
}

// DetailNote is the detail in the patient's words (English): "toward the
// left", "far out to the right", "grade 2", "bending to the right, 25
// degrees"; "" for none. The printed handout says it in its own language
// (internal/pdf).
func (m Mark) DetailNote() string {
	d := m.Detail
	var parts []string
	switch {
	case d.Side != anatomy.NoSide && m.Finding == Scoliosis:
		parts = append(parts, "bending to the "+string(d.Side))
	case d.Side != anatomy.NoSide && d.Far:
		parts = append(parts, "far out to the "+string(d.Side))
	case d.Side != anatomy.NoSide:
		parts = append(parts, "toward the "+string(d.Side))
	}
	if d.Grade != 0 {
		parts = append(parts, "grade "+strconv.Itoa(d.Grade))
	}
	if d.Angle != 0 {
		parts = append(parts, strconv.Itoa(d.Angle)+" degrees")
	}
	return strings.Join(parts, ", ")
}
