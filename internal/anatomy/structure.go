// Package anatomy is the spine as data: the stable structure IDs, their
// clinic-facing names, regions, levels and neighbours, plus the geometry of
// each diagram view and the hit test. It knows nothing of Fyne or SQL.
package anatomy

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is what sort of structure an ID names.
type Kind string

// The kinds of clickable structure.
const (
	Vertebra Kind = "vertebra"
	Disc     Kind = "disc"
	Facet    Kind = "facet"
	Nerve    Kind = "nerve"
	// Cord is the spinal cord and the cauda equina, the bundle of roots
	// that hangs below its end.
	Cord Kind = "cord"
	// Joint is a joint that is not a numbered facet joint: the skull on
	// C1, C1 on C2 (neither has a disc) and the sacroiliac joints.
	Joint Kind = "joint"
)

// Region is the part of the spine a structure belongs to.
type Region string

// Regions from the neck down.
const (
	Cervical  Region = "C"
	Thoracic  Region = "T"
	Lumbar    Region = "L"
	Sacral    Region = "S"
	Coccygeal Region = "Co"
)

// RegionName is the plain-language name of a region, for panels and handouts.
func RegionName(r Region) string {
	switch r {
	case Cervical:
		return "neck (cervical spine)"
	case Thoracic:
		return "mid back (thoracic spine)"
	case Lumbar:
		return "low back (lumbar spine)"
	case Sacral:
		return "sacrum (pelvis)"
	case Coccygeal:
		return "tailbone (coccyx)"
	}
	return string(r)
}

// Side is the patient's left or right; vertebrae and discs have no side.
type Side string

// Sides of paired structures. They are the patient's own left and right.
const (
	NoSide Side = ""
	Left   Side = "left"
	Right  Side = "right"
)

// Structure is one clickable part of the spine.
type Structure struct {
	ID     string // stable: stored in the database and used on the command line
	Name   string // display name, e.g. "L4–L5 disc", "left L5 nerve root"
	Kind   Kind
	Region Region
	// Level is the vertebra ("L4"), the motion segment ("L4-L5") or the root ("L5").
	Level string
	Side  Side
	// Order runs from the skull down within a kind; it sorts structures anatomically.
	Order int
	// Above and Below are the same kind and side one level up or down ("" at the ends).
	Above, Below string
	// Opposite is the same structure on the other side ("" for unpaired structures).
	Opposite string
	// Vertebrae are the vertebra IDs this structure sits on or between.
	Vertebrae []string
}

// vertebraLevels lists the vertebral levels from the skull down.
var vertebraLevels = func() []string {
	var l []string
	for i := 1; i <= 7; i++ {
		l = append(l, fmt.Sprintf("C%d", i))
	}
	for i := 1; i <= 12; i++ {
		l = append(l, fmt.Sprintf("T%d", i))
	}
	for i := 1; i <= 5; i++ {
		l = append(l, fmt.Sprintf("L%d", i))
	}
	return append(l, "S", "Co")
}()

// rootLevels lists the 31 spinal nerve roots from the skull down.
var rootLevels = func() []string {
	var l []string
	add := func(prefix string, n int) {
		for i := 1; i <= n; i++ {
			l = append(l, fmt.Sprintf("%s%d", prefix, i))
		}
	}
	add("C", 8)
	add("T", 12)
	add("L", 5)
	add("S", 5)
	return append(l, "Co1")
}()

// VertebraLevels returns the 26 vertebral levels, C1 to Co, top to bottom.
func VertebraLevels() []string { return append([]string(nil), vertebraLevels...) }

// SegmentLevels returns the 23 motion segments that have a disc and facet
// joints, "C2-C3" to "L5-S", top to bottom. C1-C2 has no disc.
func SegmentLevels() []string {
	var s []string
	for i := 1; i+1 < len(vertebraLevels)-1; i++ { // from C2; the last pair is L5-S
		s = append(s, vertebraLevels[i]+"-"+vertebraLevels[i+1])
	}
	return s
}

// RootLevels returns the 31 nerve root levels, C1 to Co1, top to bottom.
func RootLevels() []string { return append([]string(nil), rootLevels...) }

// LevelRegion returns the region of a vertebral or root level ("T4" → T).
func LevelRegion(level string) Region {
	switch {
	case strings.HasPrefix(level, "Co"):
		return Coccygeal
	case strings.HasPrefix(level, "C"):
		return Cervical
	case strings.HasPrefix(level, "T"):
		return Thoracic
	case strings.HasPrefix(level, "L"):
		return Lumbar
	case strings.HasPrefix(level, "S"):
		return Sacral
	}
	return ""
}

// segmentLabel turns a segment level into its clinic spelling: "L5-S" → "L5–S1".
func segmentLabel(seg string) string {
	upper, lower, _ := strings.Cut(seg, "-")
	if lower == "S" {
		lower = "S1"
	}
	return upper + "–" + lower
}

// SegmentLabel is the display form of a motion segment, e.g. "L4–L5" or "L5–S1".
func SegmentLabel(seg string) string { return segmentLabel(seg) }

func vertebraName(level string) string {
	switch level {
	case "C1":
		return "C1 vertebra (atlas)"
	case "C2":
		return "C2 vertebra (axis)"
	case "S":
		return "sacrum"
	case "Co":
		return "coccyx (tailbone)"
	}
	return level + " vertebra"
}

var (
	all  []Structure
	byID map[string]int
)

func init() {
	byID = map[string]int{}
	add := func(s Structure) {
		byID[s.ID] = len(all)
		all = append(all, s)
	}
	vid := func(level string) string { return "vertebra:" + level }

	for i, lv := range vertebraLevels {
		s := Structure{ID: vid(lv), Name: vertebraName(lv), Kind: Vertebra, Region: LevelRegion(lv),
			Level: lv, Order: i, Vertebrae: []string{vid(lv)}}
		if i > 0 {
			s.Above = vid(vertebraLevels[i-1])
		}
		if i+1 < len(vertebraLevels) {
			s.Below = vid(vertebraLevels[i+1])
		}
		add(s)
	}

	segs := SegmentLevels()
	for i, seg := range segs {
		upper, lower, _ := strings.Cut(seg, "-")
		s := Structure{ID: "disc:" + seg, Name: segmentLabel(seg) + " disc", Kind: Disc,
			Region: LevelRegion(upper), Level: seg, Order: i, Vertebrae: []string{vid(upper), vid(lower)}}
		if i > 0 {
			s.Above = "disc:" + segs[i-1]
		}
		if i+1 < len(segs) {
			s.Below = "disc:" + segs[i+1]
		}
		add(s)
	}

	sides := []Side{Left, Right}
	other := map[Side]Side{Left: Right, Right: Left}
	for _, side := range sides {
		for i, seg := range segs {
			upper, lower, _ := strings.Cut(seg, "-")
			id := func(seg string, sd Side) string { return "facet:" + seg + ":" + string(sd) }
			s := Structure{ID: id(seg, side), Name: string(side) + " " + segmentLabel(seg) + " facet joint",
				Kind: Facet, Region: LevelRegion(upper), Level: seg, Side: side, Order: i,
				Opposite: id(seg, other[side]), Vertebrae: []string{vid(upper), vid(lower)}}
			if i > 0 {
				s.Above = id(segs[i-1], side)
			}
			if i+1 < len(segs) {
				s.Below = id(segs[i+1], side)
			}
			add(s)
		}
	}

	for _, side := range sides {
		for i, root := range rootLevels {
			id := func(root string, sd Side) string { return "nerve:" + root + ":" + string(sd) }
			s := Structure{ID: id(root, side), Name: string(side) + " " + root + " nerve root",
				Kind: Nerve, Region: LevelRegion(root), Level: root, Side: side, Order: i,
				Opposite: id(root, other[side]), Vertebrae: rootExitVertebrae(root)}
			if i > 0 {
				s.Above = id(rootLevels[i-1], side)
			}
			if i+1 < len(rootLevels) {
				s.Below = id(rootLevels[i+1], side)
			}
			add(s)
		}
	}
	addCordAndJoints(add)
}

// addCordAndJoints adds the structures the findings need around the column:
// the cord and the cauda equina inside the sac, the joints of the upper neck
// (the skull on C1, C1 on C2, where there is no disc) and the sacroiliac
// joints between the sacrum and the pelvis.
func addCordAndJoints(add func(Structure)) {
	vids := func(levels ...string) []string {
		var out []string
		for _, l := range levels {
			out = append(out, "vertebra:"+l)
		}
		return out
	}
	add(Structure{ID: "cord:spinal", Name: "spinal cord", Kind: Cord, Region: Cervical, Level: "cord",
		Order: 0, Below: "cord:cauda-equina", Vertebrae: vertebraLevelsBetween("C1", "L1")})
	add(Structure{ID: "cord:cauda-equina", Name: "cauda equina (nerve roots below the cord)", Kind: Cord,
		Region: Lumbar, Level: "cauda-equina", Order: 1, Above: "cord:spinal", Vertebrae: vertebraLevelsBetween("L2", "S")})
	joints := []struct {
		id, level, name string
		region          Region
		vertebrae       []string
	}{
		{"joint:C0-C1", "C0-C1", "C0–C1 joint (skull and atlas)", Cervical, vids("C1")},
		{"joint:C1-C2", "C1-C2", "C1–C2 joint (atlas and axis)", Cervical, vids("C1", "C2")},
		{"sacroiliac", "SI", "sacroiliac (SI) joint", Sacral, vids("S")},
	}
	other := map[Side]Side{Left: Right, Right: Left}
	for _, side := range []Side{Left, Right} {
		for i, j := range joints {
			id := func(k int, sd Side) string { return joints[k].id + ":" + string(sd) }
			s := Structure{ID: id(i, side), Name: string(side) + " " + j.name, Kind: Joint, Region: j.region,
				Level: j.level, Side: side, Order: i, Opposite: id(i, other[side]), Vertebrae: j.vertebrae}
			// C0-C1 and C1-C2 are neighbours; the sacroiliac joint is far below them
			if i == 1 {
				s.Above = id(0, side)
			}
			if i == 0 {
				s.Below = id(1, side)
			}
			add(s)
		}
	}
}

// vertebraLevelsBetween lists the vertebra IDs from level a down to level b.
func vertebraLevelsBetween(a, b string) []string {
	var out []string
	for _, l := range vertebraLevels[indexOf(vertebraLevels, a) : indexOf(vertebraLevels, b)+1] {
		out = append(out, "vertebra:"+l)
	}
	return out
}

// rootExitVertebrae names the vertebrae that bound the opening where a root
// leaves the canal. C1-C7 leave above the vertebra of the same number, C8
// between C7 and T1, and from T1 down each root leaves below its vertebra.
// Sacral roots leave through the sacrum's own openings, Co1 beside the coccyx.
func rootExitVertebrae(root string) []string {
	v := func(l string) string { return "vertebra:" + l }
	switch {
	case root == "C1":
		return []string{v("C1")} // between the skull and the atlas
	case root == "C8":
		return []string{v("C7"), v("T1")}
	case root == "Co1":
		return []string{v("S"), v("Co")}
	case strings.HasPrefix(root, "S"):
		return []string{v("S")}
	case strings.HasPrefix(root, "C"):
		n := root[1:]
		return []string{v("C" + fmt.Sprint(mustAtoi(n)-1)), v(root)}
	}
	// Thoracic and lumbar: below the vertebra of the same number.
	i := indexOf(vertebraLevels, root)
	return []string{v(root), v(vertebraLevels[i+1])}
}

// ExitSegment is the motion segment whose foramen a root leaves through
// ("L4" → "L4-L5", "C6" → "C5-C6"), or "" for C1, the sacral and coccygeal
// roots, which do not leave beside a disc.
func ExitSegment(root string) string {
	vs := rootExitVertebrae(root)
	if len(vs) != 2 || strings.HasPrefix(root, "S") || root == "Co1" {
		return ""
	}
	seg := strings.TrimPrefix(vs[0], "vertebra:") + "-" + strings.TrimPrefix(vs[1], "vertebra:")
	if seg == "C1-C2" {
		return "" // C2 leaves between atlas and axis, where there is no disc
	}
	return seg
}

func mustAtoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// All returns every structure: vertebrae, discs, facets, nerve roots, then
// the cord and the other joints, each top to bottom.
func All() []Structure { return append([]Structure(nil), all...) }

// Lookup finds a structure by its exact ID.
func Lookup(id string) (Structure, bool) {
	i, ok := byID[id]
	if !ok {
		return Structure{}, false
	}
	return all[i], true
}

// Name is the one place that maps a structure ID to its display name; an
// unknown ID is returned as it is so nothing a clinician stored disappears.
func Name(id string) string {
	if s, ok := Lookup(id); ok {
		return s.Name
	}
	return id
}

// Parse checks an ID typed by a person and returns the structure, or an
// error that names the closest real IDs ("vertebra:L6" → did you mean vertebra:L5?).
func Parse(id string) (Structure, error) {
	id = strings.TrimSpace(id)
	if s, ok := Lookup(id); ok {
		return s, nil
	}
	// Accept a different letter case ("Vertebra:l5") without guessing further.
	for _, s := range all {
		if strings.EqualFold(s.ID, id) {
			return s, nil
		}
	}
	if m := Suggest(id, 3); len(m) > 0 {
		return Structure{}, fmt.Errorf("%q: no such structure; did you mean %s?", id, strings.Join(m, " or "))
	}
	return Structure{}, fmt.Errorf("%q: no such structure (IDs look like vertebra:L5, disc:L4-L5, facet:L4-L5:left, nerve:L5:right, cord:spinal, sacroiliac:left, joint:C1-C2:left)", id)
}

// Suggest returns up to n structure IDs closest to s: fewest edits first,
// then the longest shared beginning (same kind and region), then the nearest
// level number, so "vertebra:L6" suggests vertebra:L5 rather than vertebra:C6.
func Suggest(s string, n int) []string {
	type cand struct {
		id             string
		d, pre, numGap int
	}
	low := strings.ToLower(s)
	var cs []cand
	for _, st := range all {
		id := strings.ToLower(st.ID)
		cs = append(cs, cand{st.ID, EditDistance(low, id), commonPrefix(low, id), numGap(low, id)})
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.d != b.d {
			return a.d < b.d
		}
		if a.pre != b.pre {
			return a.pre > b.pre
		}
		return a.numGap < b.numGap
	})
	if len(cs) == 0 || cs[0].d > len(s)/3+1 {
		return nil
	}
	var out []string
	for _, c := range cs {
		if len(out) == n || c.d != cs[0].d || c.pre != cs[0].pre || c.numGap != cs[0].numGap {
			break
		}
		out = append(out, c.id)
	}
	return out
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// numGap is the distance between the first numbers in a and b (0 if either has none).
func numGap(a, b string) int {
	na, oka := firstNumber(a)
	nb, okb := firstNumber(b)
	if !oka || !okb {
		return 0
	}
	if na > nb {
		return na - nb
	}
	return nb - na
}

func firstNumber(s string) (int, bool) {
	n, found := 0, false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n, found = n*10+int(r-'0'), true
		} else if found {
			break
		}
	}
	return n, found
}

// EditDistance is the number of typing slips between a and b (in bytes):
// a letter added, dropped or changed, or two neighbouring letters swapped
// ("dsic" for "disc" is one slip; optimal string alignment). It is the one
// measure of "close" used everywhere: did-you-mean suggestions for IDs and
// front matter keys, and the typo-tolerant content search.
func EditDistance(a, b string) int {
	// Three rows of the table: two back for a swap, one back, this one.
	back2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], back2[j-2]+1)
			}
		}
		back2, prev, cur = prev, cur, back2
	}
	return prev[len(b)]
}
