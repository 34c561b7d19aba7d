package content

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chairside/internal/anatomy"
)

// The conditions and topics that widen the library (issue 11), each with
// facts it must state and, for a condition, structures it must involve.
var widerLibrary = []struct {
	id         string
	says       []string
	structures []string
}{
	{"condition:low-back-pain", []string{"no single cause can be found", "Bed rest makes it slower", "as part of a plan that includes exercise"},
		[]string{"disc:L4-L5", "facet:L5-S:left", "vertebra:L3"}},
	{"condition:pelvic-girdle-pain", []string{"About one in five pregnant women", "sacroiliac joints", "pillow between your knees"},
		[]string{"vertebra:S"}},
	{"condition:headache", []string{"tension headache", "neck-related headache", "Call your emergency number now"},
		[]string{"vertebra:C2", "facet:C2-C3:left", "nerve:C2:right"}},
	{"condition:cervical-radiculopathy", []string{"C7 and C6 roots", "middle finger", "not through it"},
		[]string{"nerve:C6:left", "nerve:C7:right", "disc:C5-C6", "disc:C6-C7"}},
	{"condition:cervical-myelopathy", []string{"clumsy hands", "unsteady walk", "Call your emergency number now"},
		[]string{"vertebra:C5", "disc:C5-C6"}},
	{"condition:compression-fracture", []string{"osteoporosis", "wedge", "minor fall"},
		[]string{"vertebra:T12", "vertebra:L1", "vertebra:T8"}},
	{"condition:mid-back-pain", []string{"pair of ribs", "heart or lungs", "shingles"},
		[]string{"vertebra:T6", "facet:T6-T7:left", "nerve:T6:left"}},
	{"condition:axial-spondyloarthritis", []string{"before age 45", "better with exercise", "second half of the night", "rheumatologist"},
		[]string{"vertebra:S", "vertebra:L4"}},
	{"condition:cauda-equina-syndrome", []string{"Call your emergency number now", "numbness when you wipe", "both legs", "weak stream"},
		[]string{"disc:L4-L5", "disc:L5-S", "nerve:S3:left"}},
	{"condition:piriformis-hip-or-back", []string{"piriformis", "It is debated", "groin"},
		[]string{"nerve:L5:left", "nerve:S1:right", "vertebra:S"}},
	{"condition:coccyx-pain", []string{"tailbone", "cushion", "three to five"},
		[]string{"vertebra:Co"}},
	{"topic:do-i-need-a-scan", []string{"no pain at all", "did no better", "When a scan is needed"}, nil},
	{"topic:hurt-is-not-harm", []string{"alarm", "does not measure damage", "Moving is safe"}, nil},
	{"topic:heat-or-ice", []string{"heat wrap", "little good research on ice", "Never put ice right on your skin"}, nil},
	{"topic:sleep-positions", []string{"medium-firm", "pillow between your knees", "go to sleep on your side"}, nil},
	{"topic:lifting", []string{"rounded back", "Back belts", "osteoporosis"}, nil},
	{"topic:desk-and-phone", []string{"next posture", "sit-stand desk", "phone"}, nil},
	{"topic:how-many-visits", []string{"evidence for it is limited", "One trial", "13 fewer days", "does not show that maintenance care helps everyone"}, nil},
	{"topic:first-visit", []string{"About half of people", "say no", "stop at any time", "Call your emergency number now"}, nil},
}

func TestWiderLibrary(t *testing.T) {
	l := english(t)
	var conditions, topics int
	for _, w := range widerLibrary {
		tx := explain(t, l, w.id)
		switch KindOf(w.id) {
		case KindCondition:
			conditions++
		case KindTopic:
			topics++
		}
		if tx.Reviewed != "2026-12-01" {
			t.Errorf("%s: reviewed %q, want 2026-12-01", w.id, tx.Reviewed)
		}
		if len(tx.Sources) < 2 {
			t.Errorf("%s: %d sources, want at least two", w.id, len(tx.Sources))
		}
		for _, s := range w.says {
			if !strings.Contains(tx.Body, s) {
				t.Errorf("%s: should say %q", w.id, s)
			}
		}
		for _, s := range w.structures {
			if !slices.Contains(tx.Structures, s) {
				t.Errorf("%s: should involve %s (has %v)", w.id, s, tx.Structures)
			}
			if !slices.Contains(explain(t, l, s).Related, w.id) {
				t.Errorf("%s: does not link back to %s", s, w.id)
			}
		}
		if KindOf(w.id) == KindCondition && len(tx.Structures) == 0 {
			t.Errorf("%s: lists no structures", w.id)
		}
		if len(l.keywords[w.id]) < 5 {
			t.Errorf("%s: %d search words, want plain words a patient would use", w.id, len(l.keywords[w.id]))
		}
	}
	if conditions < 10 || topics < 8 {
		t.Errorf("%d new conditions and %d new topics, want at least 10 and 8", conditions, topics)
	}
	// Conditions that are not about the neck do not claim its structures.
	if tx := explain(t, l, "condition:coccyx-pain"); slices.ContainsFunc(tx.Structures, func(s string) bool { return strings.Contains(s, ":C") && !strings.Contains(s, ":Co") }) {
		t.Errorf("coccyx pain involves neck structures: %v", tx.Structures)
	}
}

// Stroke and cauda equina signs always come with one action: call the
// emergency number now, not "tell your clinician" or "see your doctor".
func TestEmergencySignsSayCallNow(t *testing.T) {
	l := english(t)
	sign := regexp.MustCompile(`(?i)double vision|trouble speaking|sudden, severe headache|bladder|saddle|numb(ness)? between your legs|around your bottom|passing urine`)
	// A sentence that tells the reader what to do about such a sign.
	advice := regexp.MustCompile(`(?i)\b(seek care|see (a|your)|tell your|go to|call|contact)\b`)
	for _, w := range widerLibrary {
		body := explain(t, l, w.id).Body
		for _, sentence := range regexp.MustCompile(`[.!?]\s+|\n`).Split(body, -1) {
			if sign.MatchString(sentence) && advice.MatchString(sentence) &&
				!strings.Contains(strings.ToLower(sentence), "call your emergency number now") {
				t.Errorf("%s: sends an emergency sign elsewhere than the emergency number: %q", w.id, sentence)
			}
		}
	}
	// The cauda equina condition leads with the action, before any explanation.
	body := explain(t, l, "condition:cauda-equina-syndrome").Body
	if !strings.HasPrefix(body, "## Call your emergency number now") {
		t.Errorf("cauda equina syndrome should open with the action, got:\n%.80s", body)
	}
}

// Maintenance care: the evidence is one trial in selected patients with
// recurrent low back pain, and the text must not claim more.
func TestMaintenanceCareClaimsNoMoreThanTheEvidence(t *testing.T) {
	tx := explain(t, english(t), "topic:how-many-visits")
	if !slices.ContainsFunc(tx.Sources, func(s string) bool { return strings.HasPrefix(s, "Eklund A") && strings.Contains(s, "PLoS ONE 2018") }) {
		t.Errorf("maintenance care does not cite Eklund et al. 2018: %v", tx.Sources)
	}
	low := strings.ToLower(tx.Body)
	for _, overclaim := range []string{"proven", "prevents back pain", "everyone needs", "keeps your spine aligned", "boosts"} {
		if strings.Contains(low, overclaim) {
			t.Errorf("how-many-visits claims %q", overclaim)
		}
	}
	for _, hedge := range []string{"recurrent", "selected", "limited"} {
		if !strings.Contains(low, hedge) && !(hedge == "recurrent" && strings.Contains(low, "kept coming back")) {
			t.Errorf("how-many-visits should say %q", hedge)
		}
	}
}

// A new topic or condition that names another new one is named back, so
// the reader can walk between them either way.
func TestWiderLibraryLinksBothWays(t *testing.T) {
	l := english(t)
	isNew := map[string]bool{}
	for _, w := range widerLibrary {
		isNew[w.id] = true
	}
	for _, w := range widerLibrary {
		tx := explain(t, l, w.id)
		if len(tx.Related) < 3 {
			t.Errorf("%s: only %d related texts", w.id, len(tx.Related))
		}
		if !slices.Contains(tx.Related, "topic:red-flags") && !slices.ContainsFunc(tx.Related, func(r string) bool { return isNew[r] }) {
			t.Errorf("%s: links neither the red flags nor another new text", w.id)
		}
		for _, r := range tx.Related {
			if isNew[r] && !slices.Contains(explain(t, l, r).Related, w.id) {
				t.Errorf("%s lists %s, but %s does not list it back", w.id, r, r)
			}
		}
	}
}

// The first texts point readers on to the new ones where they continue
// the story: sciatica to cauda equina and buttock pain, disc texts to the
// scan topic.
func TestFirstTextsLinkTheWiderLibrary(t *testing.T) {
	l := english(t)
	for from, to := range map[string][]string{
		"condition:sciatica":                  {"condition:cauda-equina-syndrome", "condition:piriformis-hip-or-back", "condition:cervical-radiculopathy", "condition:low-back-pain"},
		"topic:red-flags":                     {"condition:cauda-equina-syndrome", "condition:cervical-myelopathy", "condition:compression-fracture"},
		"topic:adjustments":                   {"topic:first-visit", "topic:how-many-visits"},
		"topic:benefits-and-risks":            {"topic:first-visit", "topic:how-many-visits"},
		"condition:posture-neck-pain":         {"condition:headache", "topic:desk-and-phone"},
		"condition:muscle-strain":             {"topic:heat-or-ice", "topic:lifting"},
		"condition:disc-herniation":           {"topic:do-i-need-a-scan", "condition:cauda-equina-syndrome"},
		"condition:degenerative-disc-disease": {"topic:do-i-need-a-scan", "topic:hurt-is-not-harm"},
		"condition:stenosis":                  {"condition:cervical-myelopathy"},
	} {
		rel := explain(t, l, from).Related
		for _, id := range to {
			if !slices.Contains(rel, id) {
				t.Errorf("%s does not link %s", from, id)
			}
		}
	}
}

// expandStructures looks plain IDs up and tries path.Match only on IDs
// that start with a pattern's words before its wildcard; it must give
// what matching every structure gives.
func TestExpandStructuresAsMatchingEveryStructure(t *testing.T) {
	for _, pat := range []string{"facet:L*", "nerve:S[1-5]:*", "vertebra:L[3-5]", "disc:C?-C?", "*:L5*", "nerve:L5:*",
		"disc:L4-L5", "cord:cauda-equina", "sacroiliac:*", "fac\\et:L4-L5:left", "vertebra:Q*", "disc:L9-L10"} {
		var want []string
		for _, s := range anatomy.All() {
			if ok, _ := path.Match(pat, s.ID); ok {
				want = append(want, s.ID)
			}
		}
		got, err := expandStructures([]string{pat})
		if len(want) == 0 {
			if err == nil || !strings.Contains(err.Error(), "matches no structure ID") {
				t.Errorf("%q: %v, %v; want no match", pat, got, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%q: %v, %v; want %v", pat, got, err, want)
		}
	}
}

// tidy leaves at most one blank line between blocks, none at either end,
// and no spaces at the end of a line, whatever a template's actions left.
func TestTidy(t *testing.T) {
	for in, want := range map[string]string{
		"":                                       "",
		"\n\n":                                   "",
		"one":                                    "one",
		"one\n":                                  "one",
		"\n\n  \none  \t\ntwo\n\n\n\nthree \n\n": "one\ntwo\n\nthree",
		"- a\n \n- b":                            "- a\n\n- b",
	} {
		if got := tidy(in); got != want {
			t.Errorf("tidy(%q) = %q, want %q", in, got, want)
		}
	}
}
