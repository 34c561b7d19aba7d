package content

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"chairside/assets"
	"chairside/internal/anatomy"
)

var (
	libOnce sync.Once
	libEN   *Library
	libErr  error
)

func english(t testing.TB) *Library {
	t.Helper()
	libOnce.Do(func() { libEN, libErr = Load("en") })
	if libErr != nil {
		t.Fatalf("Load(en): %v", libErr)
	}
	return libEN
}

func explain(t *testing.T, l *Library, id string) Text {
	t.Helper()
	tx, err := l.Explain(id)
	if err != nil {
		t.Fatalf("Explain(%s): %v", id, err)
	}
	return tx
}

var sections = []string{"## What it is", "## What it does", "## What can go wrong", "## What tends to help", "## When to seek care"}

func TestEveryStructureHasAFullText(t *testing.T) {
	l := english(t)
	for _, s := range anatomy.All() {
		tx := explain(t, l, s.ID)
		if tx.ID != s.ID || tx.Title == "" || tx.Lang != "en" || tx.Fallback {
			t.Errorf("%s: id %q title %q lang %q fallback %v", s.ID, tx.ID, tx.Title, tx.Lang, tx.Fallback)
		}
		for _, sec := range sections {
			if !strings.Contains(tx.Body, sec+"\n") {
				t.Errorf("%s: no section %q", s.ID, sec)
			}
		}
	}
	if got := len(l.structures); got != 157 {
		t.Errorf("%d structure texts, want 157", got)
	}
}

func TestRequiredTopicsAndConditions(t *testing.T) {
	l := english(t)
	var topics, conditions []string
	for _, tx := range l.Topics() {
		topics = append(topics, tx.ID)
	}
	for _, tx := range l.Conditions() {
		conditions = append(conditions, tx.ID)
	}
	wantTopics := []string{"topic:cracking-your-back", "topic:what-does-not-happen", "topic:benefits-and-risks",
		"topic:safe-stretches-at-home", "topic:adjustments", "topic:red-flags"}
	if len(topics) < len(wantTopics) || !slices.Equal(topics[:len(wantTopics)], wantTopics) { // the library's later topics follow
		t.Errorf("topics in reading order:\n got %v\nwant %v", topics, wantTopics)
	}
	for _, id := range []string{"condition:disc-herniation", "condition:degenerative-disc-disease", "condition:facet-syndrome",
		"condition:stenosis", "condition:spondylolisthesis", "condition:sciatica", "condition:muscle-strain",
		"condition:whiplash", "condition:scoliosis", "condition:posture-neck-pain"} {
		if !slices.Contains(conditions, id) {
			t.Errorf("missing %s", id)
		}
	}
}

// Every text: sources, a real review date, no hole left by a template,
// and readable at or below US grade 8.
func TestEveryTextIsCompleteAndReadable(t *testing.T) {
	l := english(t)
	holes := []string{"{{", "}}", "<no value>", "%!", "()", " .", " ,", "**:**", ": .", "the  ", "map["}
	for _, id := range l.IDs() {
		tx := explain(t, l, id)
		if len(tx.Sources) == 0 {
			t.Errorf("%s: no sources", id)
		}
		for _, s := range tx.Sources {
			if len(s) < 10 {
				t.Errorf("%s: source %q is not a named reference", id, s)
			}
		}
		if _, err := time.Parse("2006-01-02", tx.Reviewed); err != nil || (tx.Reviewed != "2026-11-25" && tx.Reviewed != "2026-12-01") {
			t.Errorf("%s: reviewed %q", id, tx.Reviewed)
		}
		for _, h := range holes {
			if strings.Contains(tx.Body, h) || strings.Contains(tx.Title, h) {
				t.Errorf("%s: contains %q", id, h)
			}
		}
		if strings.HasPrefix(tx.Body, "# ") || strings.Contains(tx.Body, "\n# ") {
			t.Errorf("%s: the body repeats the title as a # heading", id)
		}
		if g := Grade(tx.Body); g > 8 {
			t.Errorf("%s: grade %.1f, want ≤ 8", id, g)
		}
	}
}

// Every root's key skin point and key muscle (ISNCSCI, Rupp et al. 2021),
// reflex (Bates) and usual pain pattern (ANATOMY.md). "" means the
// standard exam has none, and the text must say so instead of inventing
// one. Pain is where radicular pain usually goes, which is not the same as
// the skin point: C3 and C4 never reach the arm, L1-L4 are not sciatica.
func TestNerveRootLevelFacts(t *testing.T) {
	l := english(t)
	cases := []struct{ root, skin, muscle, reflex, pain string }{
		{"C1", "", "", "", "base of the skull"},
		{"C2", "back of the head", "", "", "back of the head"},
		{"C3", "side of the neck", "", "", "upper neck, at the back of the head and around the ear"},
		{"C4", "top of the shoulder", "", "", "base of the neck, across the top of the shoulder and over the top of the shoulder blade"},
		{"C5", "outer side of the elbow", "bend the elbow (biceps)", "biceps reflex", "shoulder and down the outer side of the upper arm"},
		{"C6", "thumb", "wrist extensors", "brachioradialis reflex", "outer forearm to the thumb and index finger"},
		{"C7", "middle finger", "straighten the elbow (triceps)", "triceps reflex", "back of the arm to the middle finger"},
		{"C8", "little finger", "finger flexors", "", "inner forearm to the ring and little fingers"},
		{"T1", "inner side of the elbow", "spread the fingers", "", "inner side of the arm, near the elbow"},
		{"T2", "top of the armpit", "", "", "top of the chest and into the armpit"},
		{"T3", "upper chest", "", "", "band around the upper chest"},
		{"T4", "nipples", "", "", "level of the nipples"},
		{"T5", "below the nipple line", "", "", "just below the nipples"},
		{"T6", "tip of the breastbone", "", "", "lower chest"},
		{"T7", "just below the breastbone", "", "", "lower chest and upper belly"},
		{"T8", "upper belly", "", "", "upper belly"},
		{"T9", "above the belly button", "", "", "above the belly button"},
		{"T10", "belly button", "", "", "at the belly button"},
		{"T11", "between the belly button and the groin", "", "", "lower belly"},
		{"T12", "groin crease", "", "", "lower belly and the groin"},
		{"L1", "just below the groin", "", "", "in the groin"},
		{"L2", "front of the thigh", "hip flexors", "", "upper front and inner thigh"},
		{"L3", "inner side of the knee", "quadriceps", "patellar", "front of the thigh to the inner side of the knee"},
		{"L4", "inner side of the ankle", "ankle dorsiflexors", "patellar", "along the inner shin to the inner ankle"},
		{"L5", "base of the third toe", "lift the big toe", "", "outer side of the leg to the top of the foot and the big toe"},
		{"S1", "outer edge of the heel", "calf muscles", "Achilles", "back of the thigh and calf to the outer edge of the foot and the sole"},
		{"S2", "back of the knee", "", "anal wink and bulbocavernosus", "buttock and down the back of the thigh"},
		{"S3", "sitting bone", "", "anal wink and bulbocavernosus", "around the sitting bone"},
		{"S4", "around the anus", "bowel and bladder", "anal wink and bulbocavernosus", "around the anus and the genitals"},
		{"S5", "around the anus", "bowel and bladder", "", "around the anus"},
		{"Co1", "", "", "", "around the tailbone"},
	}
	if len(cases) != len(anatomy.RootLevels()) {
		t.Fatalf("the table has %d roots, anatomy has %d", len(cases), len(anatomy.RootLevels()))
	}
	for _, c := range cases {
		for _, side := range []string{"left", "right"} {
			id := "nerve:" + c.root + ":" + side
			body := explain(t, l, id).Body
			line := func(label string) string {
				for _, ln := range strings.Split(body, "\n") {
					if strings.HasPrefix(ln, "- **"+label+":**") {
						return ln
					}
				}
				t.Fatalf("%s: no %q line in\n%s", id, label, body)
				return ""
			}
			check := func(label, want, none string) {
				got := line(label)
				if want == "" {
					if !strings.Contains(got, none) {
						t.Errorf("%s: %q should say %q", id, got, none)
					}
				} else if !strings.Contains(got, want) || strings.Contains(got, none) {
					t.Errorf("%s: %q should name %q", id, got, want)
				}
			}
			check("Skin", c.skin, "no standard skin test point")
			check("Muscles", c.muscle, "no standard muscle test")
			check("Reflex", c.reflex, "no standard reflex test")
			if !strings.Contains(body, c.pain) {
				t.Errorf("%s: should say its pain is felt %q", id, c.pain)
			}
			if !strings.Contains(body, "This is the "+side+" "+c.root+" root.") {
				t.Errorf("%s: does not name its side and level", id)
			}
		}
	}
}

// No text about the C3 or C4 root sends pain into the arm, and no text
// about the L1-L4 roots calls their pain sciatica (issue 11 item 4).
func TestUpperNeckAndUpperLumbarPainPatterns(t *testing.T) {
	l := english(t)
	arm := regexp.MustCompile(`(?i)\barms?\b`)
	var neck, lumbar []string
	for _, s := range anatomy.All() {
		var root string
		switch s.Kind {
		case anatomy.Nerve:
			root = s.Level
		case anatomy.Disc:
			root = anatomy.DiscRoot(s.Level)
		default:
			continue
		}
		switch root {
		case "C3", "C4":
			neck = append(neck, s.ID)
		case "L1", "L2", "L3", "L4":
			lumbar = append(lumbar, s.ID)
		}
	}
	if len(neck) != 6 || len(lumbar) != 11 {
		t.Fatalf("found %d C3/C4 and %d L1-L4 texts, want 6 and 11", len(neck), len(lumbar))
	}
	for _, id := range neck {
		if body := explain(t, l, id).Body; arm.MatchString(body) {
			t.Errorf("%s mentions the arm:\n%s", id, body)
		}
	}
	for _, id := range lumbar {
		if body := explain(t, l, id).Body; strings.Contains(strings.ToLower(body), "sciatica") {
			t.Errorf("%s calls its pain sciatica:\n%s", id, body)
		}
	}
	// A disc names where the root it presses on sends pain, in that root's words.
	for disc, pain := range map[string]string{
		"disc:C2-C3": "upper neck, at the back of the head and around the ear",
		"disc:C3-C4": "base of the neck, across the top of the shoulder",
		"disc:C4-C5": "shoulder and down the outer side of the upper arm",
		"disc:C7-T1": "inner forearm to the ring and little fingers",
		"disc:L1-L2": "upper front and inner thigh",
		"disc:L2-L3": "front of the thigh to the inner side of the knee",
		"disc:L3-L4": "along the inner shin to the inner ankle",
	} {
		if body := explain(t, l, disc).Body; !strings.Contains(body, pain) {
			t.Errorf("%s: should say the pain goes %q", disc, pain)
		}
	}
}

// Where a root leaves: the foramen of anatomy.ExitSegment, or its own words.
func TestNerveRootExits(t *testing.T) {
	l := english(t)
	cases := map[string]string{
		"C1":  "between the skull and the C1 vertebra",
		"C2":  "between the C1 and C2 vertebrae",
		"C6":  "at the C5–C6 level",
		"C8":  "at the C7–T1 level",
		"T1":  "at the T1–T2 level",
		"L4":  "at the L4–L5 level",
		"L5":  "at the L5–S1 level",
		"S1":  "through an opening in the sacrum",
		"Co1": "beside the coccyx",
	}
	for root, want := range cases {
		body := explain(t, l, "nerve:"+root+":left").Body
		if !strings.Contains(body, want) {
			t.Errorf("nerve:%s: should say it leaves %q", root, want)
		}
	}
	// The disc that usually presses on a root, where that is well known.
	for root, disc := range map[string]string{"C6": "C5–C6", "C7": "C6–C7", "L5": "L4–L5", "S1": "L5–S1", "L4": "L3–L4"} {
		body := explain(t, l, "nerve:"+root+":right").Body
		if !strings.Contains(body, "For the "+root+" root, this is usually the "+disc+" disc.") {
			t.Errorf("nerve:%s: should name the %s disc", root, disc)
		}
	}
}

// Roots that do not leave beside a disc must not be said to be pinched by one.
func TestRootsWithoutADisc(t *testing.T) {
	l := english(t)
	for _, root := range []string{"C1", "C2", "S2", "S3", "S4", "S5", "Co1"} {
		body := explain(t, l, "nerve:"+root+":left").Body
		if strings.Contains(body, "A bulging disc can press on it") {
			t.Errorf("nerve:%s: blames a disc beside it", root)
		}
		want := "cauda equina"
		if root == "C1" || root == "C2" {
			want = "no disc"
		}
		if !strings.Contains(body, want) {
			t.Errorf("nerve:%s: should mention %q", root, want)
		}
	}
	if body := explain(t, l, "nerve:T1:left").Body; !strings.Contains(body, "inner side of the arm") || strings.Contains(body, "band") {
		t.Error("nerve:T1: its pain runs into the arm, not around the chest")
	}
	for _, root := range []string{"C5", "T6", "L1", "L5", "S1"} {
		if body := explain(t, l, "nerve:"+root+":left").Body; !strings.Contains(body, "A bulging disc can press on it") {
			t.Errorf("nerve:%s: should say a disc can press on it", root)
		}
	}
}

func TestDiscRootRule(t *testing.T) {
	cases := map[string]string{"C2-C3": "C3", "C5-C6": "C6", "C6-C7": "C7", "C7-T1": "C8", "T6-T7": "T6",
		"L3-L4": "L4", "L4-L5": "L5", "L5-S": "S1"}
	for seg, want := range cases {
		if got := anatomy.DiscRoot(seg); got != want {
			t.Errorf("DiscRoot(%s) = %s, want %s", seg, got, want)
		}
	}
	l := english(t)
	for id, want := range map[string]string{
		"disc:C4-C5": "usually presses on the C5 nerve root",
		"disc:C5-C6": "usually presses on the **C6 nerve root**",
		"disc:C6-C7": "usually presses on the **C7 nerve root**",
		"disc:L4-L5": "usually presses on the **L5 nerve root**",
		"disc:L5-S":  "usually presses on the **S1 nerve root**",
		"disc:L3-L4": "tends to press on the L4 nerve root",
	} {
		if body := explain(t, l, id).Body; !strings.Contains(body, want) {
			t.Errorf("%s: should say %q", id, want)
		}
	}
	if body := explain(t, l, "disc:L4-L5").Body; !strings.Contains(body, "big toe") {
		t.Error("disc:L4-L5 should say an L5 root problem is felt towards the big toe")
	}
}

func TestFacetJointsExplainTheCrackAndTheMyth(t *testing.T) {
	l := english(t)
	for _, s := range anatomy.All() {
		if s.Kind != anatomy.Facet {
			continue
		}
		tx := explain(t, l, s.ID)
		for _, topic := range []string{"topic:cracking-your-back", "topic:what-does-not-happen", "topic:safe-stretches-at-home"} {
			if !slices.Contains(tx.Related, topic) {
				t.Errorf("%s: does not link %s", s.ID, topic)
			}
		}
		// The crack story is told once, in its topic; each joint points to it
		// and hedges where a crack comes from (Ross et al. 2004).
		if !strings.Contains(tx.Body, `"Cracking your back: what the sound is", linked below`) ||
			!strings.Contains(tx.Body, "often not the joint that was aimed at") {
			t.Errorf("%s: does not point to the crack story or hedge where the crack comes from:\n%s", s.ID, tx.Body)
		}
		for _, overclaim := range []string{"This is where the", "gas bubble forms", "cannot crack again"} {
			if strings.Contains(tx.Body, overclaim) {
				t.Errorf("%s: says %q", s.ID, overclaim)
			}
		}
		root := anatomy.ExitingRoot(s.Level)
		want := "Many people think nerves run through the facet joints. They do not. The " + string(s.Side) + " " + root +
			" nerve root leaves through a small window just in front of this joint"
		if !strings.Contains(tx.Body, want) {
			t.Errorf("%s: myth not corrected with the %s root:\n%s", s.ID, root, tx.Body)
		}
	}
}

func TestSpecialLevels(t *testing.T) {
	l := english(t)
	cases := map[string][]string{
		"vertebra:C1":       {"atlas", "no solid body", "no disc above it or below it"},
		"vertebra:C2":       {"axis", "dens", "no disc between C1 and C2"},
		"vertebra:C7":       {"bump you can feel at the base of your neck"},
		"vertebra:T1":       {"first pair of ribs", "second ribs"},
		"vertebra:T5":       {"fifth pair of ribs", "sixth ribs"},
		"vertebra:T9":       {"ninth pair of ribs"},
		"vertebra:T11":      {"eleventh pair of ribs", "floating"},
		"vertebra:T12":      {"twelfth pair of ribs", "floating"},
		"vertebra:L1":       {"spinal cord ends near this level", "cauda equina"},
		"vertebra:L4":       {"tops of the hip bones"},
		"vertebra:L5":       {"sacrum", "spondylolisthesis", "spondylolysis"},
		"vertebra:S":        {"five vertebrae", "sacroiliac"},
		"vertebra:Co":       {"tailbone", "three to five"},
		"disc:L4-L5":        {"L5 nerve root", "big toe"},
		"disc:L5-S":         {"S1 nerve root", "heel"},
		"disc:C5-C6":        {"C6 nerve root", "thumb"},
		"facet:T12-L1:left": {"side to side, like those of the low back"},
		"facet:T6-T7:left":  {"face forward and back"},
		"disc:C6-C7":        {"C7 nerve root", "middle finger"},
	}
	for id, wants := range cases {
		body := explain(t, l, id).Body
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s: should mention %q", id, w)
			}
		}
	}
	for i := 1; i <= 12; i++ {
		level := "T" + strconv.Itoa(i)
		body := explain(t, l, "vertebra:"+level).Body
		if !strings.Contains(body, ordinals[i]+" pair of ribs") {
			t.Errorf("vertebra:%s: should name the %s pair of ribs", level, ordinals[i])
		}
	}
	if title := explain(t, l, "vertebra:S").Title; title != "The sacrum" {
		t.Errorf("sacrum title %q", title)
	}
}

var ordinals = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}

func TestRelated(t *testing.T) {
	l := english(t)
	ids := func(ts []Text) []string {
		var out []string
		for _, tx := range ts {
			out = append(out, tx.ID)
		}
		return out
	}
	rel := ids(l.RelatedTo("disc:L4-L5"))
	for _, want := range []string{"condition:disc-herniation", "condition:sciatica", "condition:degenerative-disc-disease", "topic:red-flags"} {
		if !slices.Contains(rel, want) {
			t.Errorf("RelatedTo(disc:L4-L5) = %v lacks %s", rel, want)
		}
	}
	if rel := ids(l.RelatedTo("facet:L4-L5:left")); !slices.Contains(rel, "condition:facet-syndrome") || rel[0] != "topic:cracking-your-back" {
		t.Errorf("RelatedTo(facet:L4-L5:left) = %v", rel)
	}
	st := ids(l.RelatedTo("condition:sciatica"))
	for _, want := range []string{"nerve:L5:left", "nerve:S1:right", "disc:L4-L5"} {
		if !slices.Contains(st, want) {
			t.Errorf("RelatedTo(condition:sciatica) = %v lacks %s", st, want)
		}
	}
	if slices.Contains(st, "vertebra:C1") {
		t.Error("sciatica should not involve C1")
	}
	if got := explain(t, l, "condition:facet-syndrome").Structures; len(got) != 46 {
		t.Errorf("facet syndrome involves %d structures, want the 46 facet joints", len(got))
	}
	if got := l.RelatedTo("nope"); got != nil {
		t.Errorf("RelatedTo(nope) = %v", got)
	}
	// A structure lists a condition exactly when the condition lists it.
	for _, c := range l.Conditions() {
		for _, s := range anatomy.All() {
			inCondition := slices.Contains(c.Structures, s.ID)
			inStructure := slices.Contains(explain(t, l, s.ID).Related, c.ID)
			if inCondition != inStructure {
				t.Errorf("%s lists %s: %v, but %s lists %s: %v", c.ID, s.ID, inCondition, s.ID, c.ID, inStructure)
			}
		}
	}
	// Every structure is linked to at least one condition or topic.
	for _, s := range anatomy.All() {
		if len(explain(t, l, s.ID).Related) == 0 {
			t.Errorf("%s: nothing related", s.ID)
		}
	}
}

func TestStretches(t *testing.T) {
	st := english(t).Stretches()
	var ids []string
	for _, s := range st {
		ids = append(ids, s.ID)
		if len(s.Steps) < 3 {
			t.Errorf("%s: %d steps", s.ID, len(s.Steps))
		}
		if s.Cautions == "" || strings.Contains(s.Cautions, "**") {
			t.Errorf("%s: cautions %q", s.ID, s.Cautions)
		}
		for _, step := range s.Steps {
			if step == "" || strings.HasPrefix(step, "1.") {
				t.Errorf("%s: step %q", s.ID, step)
			}
		}
	}
	want := []string{"exercise:cat-camel", "exercise:knee-to-chest", "exercise:seated-rotation", "exercise:childs-pose", "exercise:bridge",
		"exercise:chin-tuck", "exercise:neck-rotation", "exercise:neck-side-bend", "exercise:shoulder-blade-squeeze", "exercise:thoracic-extension-chair"}
	if !slices.Equal(ids, want) {
		t.Errorf("stretches %v, want %v", ids, want)
	}
	if st[0].Name != "Cat-cow" || !strings.HasPrefix(st[0].Steps[0], "Start on your hands and knees") ||
		!strings.HasPrefix(st[0].Cautions, "Keep the movement small") {
		t.Errorf("cat-cow parsed as %+v", st[0])
	}
}

// The red-flags list (topic:red-flags, printed on every handout) holds
// every sign class of issue 11 item 1, each led by its action (Finucane et
// al. 2020; IFOMPT 2023).
func TestRedFlags(t *testing.T) {
	const (
		emergency = "Call your emergency number now: "
		sameDay   = "See a doctor the same day: "
		nextDay   = "See a doctor the same or next day: "
		nextVisit = "Tell your clinician at your next visit: "
	)
	classes := []struct {
		class, action string
		signs         []string
	}{
		{"cauda equina", emergency, []string{"bladder or bowel", "trouble starting to pass urine", "weak stream", "when you wipe", "both legs", "problems with sex"}},
		{"artery or stroke", emergency, []string{"sudden, severe headache", "unlike any before", "dizziness", "double vision", "trouble speaking or swallowing", "numb face", "sudden falls"}},
		{"spinal cord", emergency, []string{"clumsy hands", "dropping things", "unsteady walk", "weak arms or legs"}},
		{"major injury", emergency, []string{"major injury"}},
		{"infection risk", sameDay, []string{"fever", "weak immune system", "recent infection", "inject drugs", "steroid pills"}},
		{"fracture risk", sameDay, []string{"small fall", "osteoporosis", "steroid pills"}},
		{"cancer history", nextDay, []string{"have had cancer", "not usually the emergency room"}},
		{"slow change", nextVisit, []string{"slowly spreads"}},
	}
	flags := english(t).RedFlags()
	for _, c := range classes {
		found := false
		for _, f := range flags {
			if !strings.Contains(f, c.signs[0]) {
				continue
			}
			found = true
			if !strings.HasPrefix(f, c.action) {
				t.Errorf("%s: %q should start with %q", c.class, f, c.action)
			}
			for _, s := range c.signs {
				if !strings.Contains(f, s) {
					t.Errorf("%s: %q lacks %q", c.class, f, s)
				}
			}
			break
		}
		if !found {
			t.Errorf("no red flag for %s (%q):\n%s", c.class, c.signs[0], strings.Join(flags, "\n"))
		}
	}
	// Every item says what to do, most urgent first, so the printed box can
	// group them under their actions.
	order := []string{emergency, sameDay, nextDay, nextVisit}
	last := 0
	for _, f := range flags {
		i := slices.IndexFunc(order, func(a string) bool { return strings.HasPrefix(f, a) })
		if i < 0 {
			t.Errorf("red flag %q does not start with an action", f)
			continue
		}
		if i < last {
			t.Errorf("red flag %q is out of order (most urgent first)", f)
		}
		last = i
	}
}

func TestExplainUnknownAndCase(t *testing.T) {
	l := english(t)
	cases := []struct{ id, suggest string }{
		{"vertebra:L6", "vertebra:L5"},
		{"disc:L4-L6", "disc:L4-L5"},
		{"topic:craking-your-back", "topic:cracking-your-back"},
		{"condition:sciatic", "condition:sciatica"},
		{"whiplash", "condition:whiplash"},
		{"big toe", "nerve:L5:left"},
	}
	for _, c := range cases {
		_, err := l.Explain(c.id)
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Explain(%q): err %v, want *NotFoundError", c.id, err)
			continue
		}
		if !slices.Contains(nf.Suggestions, c.suggest) || !strings.Contains(err.Error(), c.suggest) {
			t.Errorf("Explain(%q): suggestions %v, want %s", c.id, nf.Suggestions, c.suggest)
		}
	}
	_, err := l.Explain("zzzzzzzz:qqq")
	if err == nil || !strings.Contains(err.Error(), "IDs look like") {
		t.Errorf("Explain(nonsense) = %v", err)
	}
	for typed, want := range map[string]string{"DISC:l4-l5": "disc:L4-L5", "disc:L5-S1": "disc:L5-S",
		"facet:L5-S1:left": "facet:L5-S:left", " nerve:s1:Right ": "nerve:S1:right"} {
		if tx, err := l.Explain(typed); err != nil || tx.ID != want {
			t.Errorf("Explain(%q) = %q, %v; want %s", typed, tx.ID, err, want)
		}
	}
}

func TestTextsAreCopies(t *testing.T) {
	l := english(t)
	a := explain(t, l, "disc:L4-L5")
	a.Sources[0] = "changed"
	a.Related[0] = "changed"
	if b := explain(t, l, "disc:L4-L5"); b.Sources[0] == "changed" || b.Related[0] == "changed" {
		t.Error("a caller changed the library through a returned Text")
	}
	s := l.Stretches()
	s[0].Steps[0] = "changed"
	if l.Stretches()[0].Steps[0] == "changed" {
		t.Error("a caller changed a stretch of the library")
	}
}

// englishFS copies the embedded library into a map file system that a
// test can add files to.
func englishFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(assets.Content, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.Content, p)
		m[strings.TrimPrefix(p, "content/")] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFallbackToEnglish(t *testing.T) {
	fsys := englishFS(t)
	fsys["xx/topics/cracking-your-back.md"] = &fstest.MapFile{Data: []byte(`---
id: topic:cracking-your-back
title: Xx cracking
sources:
  - Kawchuk GN et al. Real-time visualization of joint cavitation. PLoS ONE 2015
reviewed: 2026-11-25
related: topic:red-flags
---
## Xx heading

Xx text.
`)}
	l, err := LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	tr := explain(t, l, "topic:cracking-your-back")
	if tr.Title != "Xx cracking" || tr.Lang != "xx" || tr.Fallback {
		t.Errorf("translated text: title %q lang %q fallback %v", tr.Title, tr.Lang, tr.Fallback)
	}
	for _, id := range []string{"topic:red-flags", "disc:L4-L5", "condition:sciatica", "nerve:L5:left"} {
		tx := explain(t, l, id)
		if !tx.Fallback || tx.Lang != "en" {
			t.Errorf("%s: lang %q fallback %v, want English marked as fallback", id, tx.Lang, tx.Fallback)
		}
	}
	if l.Lang() != "xx" {
		t.Errorf("Lang() = %q", l.Lang())
	}
	// A translated structure template is used for every structure of its kind.
	fsys["xx/structures/disc.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Xx disc {{.Label}}\nsources:\n  - OpenStax Anatomy & Physiology 2e\nreviewed: 2026-11-25\n---\n## Xx\n\nXx {{.Root}}.\n")}
	// Its facts come with it: a template in one language filled with facts
	// from another would be a mixed text.
	fsys["xx/data/disc.json"] = fsys["en/data/disc.json"]
	l, err = LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	if tx := explain(t, l, "disc:C4-C5"); tx.Fallback || tx.Lang != "xx" || tx.Title != "Xx disc C4–C5" || tx.Body != "## Xx\n\nXx C5." {
		t.Errorf("translated template: %+v", tx)
	}
	delete(fsys, "xx/data/disc.json")
	l, err = LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	if tx := explain(t, l, "disc:C4-C5"); !tx.Fallback {
		t.Error("a translated template filled with English facts should be marked")
	}
	fsys["xx/data/disc.json"] = fsys["en/data/disc.json"]
	l, err = LoadFS(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	// The L4-L5 disc has an override only in English: the whole text is
	// shown in English and marked, not the general translated disc text.
	if tx := explain(t, l, "disc:L4-L5"); !tx.Fallback || tx.Lang != "en" || tx.Title != "The L4–L5 disc" ||
		!strings.Contains(tx.Body, "**L5 nerve root**") || strings.Contains(tx.Body, "Xx") {
		t.Errorf("disc:L4-L5 with an English override: %+v", tx)
	}
	// An unknown language: English, every text marked.
	for _, lang := range []string{"zz", "../en", "EN-!!"} {
		l, err := LoadFS(englishFS(t), lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range l.IDs() {
			if tx := explain(t, l, id); !tx.Fallback || tx.Lang != "en" {
				t.Fatalf("lang %q: %s not marked as English fallback", lang, id)
			}
		}
	}
	for _, id := range english(t).IDs() {
		if explain(t, english(t), id).Fallback {
			t.Fatalf("English text %s marked as fallback", id)
		}
	}
}

func TestLoadRejectsBrokenFiles(t *testing.T) {
	cases := []struct {
		name, path, data, want string
	}{
		{"no front matter", "en/topics/x.md", "## Hello\n", "must start with a front matter"},
		{"unclosed", "en/topics/x.md", "---\nid: topic:x\n", "not closed"},
		{"no sources", "en/topics/x.md", "---\nid: topic:x\ntitle: X\nreviewed: 2026-11-25\n---\nText.\n", "no sources"},
		{"bad date", "en/topics/x.md", "---\nid: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 25/11/2026\n---\nText.\n", "not YYYY-MM-DD"},
		{"wrong prefix", "en/conditions/x.md", "---\nid: topic:x\n---\nText.\n", "must start with \"condition:\""},
		{"bad pattern", "en/conditions/x.md", "---\nid: condition:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 2026-11-25\nstructures: disc:Z*\n---\nText.\n", "matches no structure"},
		{"unknown related", "en/topics/x.md", "---\nid: topic:x\ntitle: X\nsources:\n  - OpenStax A&P\nreviewed: 2026-11-25\nrelated: topic:nowhere\n---\nText.\n", "topic:nowhere"},
		{"template hole", "en/overrides/x.md", "---\nid: disc:L4-L5\n---\n{{define \"what\"}}{{.D.nothing}}{{end}}\n", "disc:L4-L5"},
		{"misspelt section", "en/overrides/x.md", "---\nid: disc:L3-L4\n---\n{{define \"wrnog\"}}Text.{{end}}\n", `section "wrnog" is not in the disc template`},
		{"text outside sections", "en/overrides/x.md", "---\nid: disc:L3-L4\n---\n## Stray\n{{define \"what\"}}Text.{{end}}\n", "text outside a"},
		{"override of nothing", "en/overrides/x.md", "---\nid: disc:L9-L10\n---\n", "not a structure ID"},
		{"bad line", "en/topics/x.md", "---\nid topic x\n---\nText.\n", "line 2"},
	}
	for _, c := range cases {
		fsys := englishFS(t)
		fsys[c.path] = &fstest.MapFile{Data: []byte(c.data)}
		_, err := LoadFS(fsys, "en")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want it to mention %q", c.name, err, c.want)
		}
	}
	fsys := englishFS(t)
	delete(fsys, "en/structures/facet.md")
	if _, err := LoadFS(fsys, "en"); err == nil || !strings.Contains(err.Error(), "facet.md") {
		t.Errorf("missing template: %v", err)
	}
}

func BenchmarkLoadContent(b *testing.B) {
	for b.Loop() {
		if _, err := Load("en"); err != nil {
			b.Fatal(err)
		}
	}
}
