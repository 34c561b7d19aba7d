package content

import (
	"slices"
	"strings"
	"testing"
)

// The texts of the cord, the cauda equina and the joints of the upper neck
// and the pelvis (issue 13) state their level's facts in both languages,
// in the body and in the key points, and name the source that states them.
func TestCordAndJointFacts(t *testing.T) {
	cases := []struct {
		id     string
		source string     // words of the citation that states the facts
		en, es [][]string // each inner list: words that must meet in one paragraph or key point
	}{
		{"cord:spinal", "conus medullaris",
			[][]string{{"ends around the L1 and L2"}, {"cauda equina"}, {"call your emergency number now", "unsteady walk"}},
			[][]string{{"termina cerca de los huesos L1 y L2"}, {"cola de caballo"}, {"llame ahora al número de emergencias", "paso inestable"}}},
		{"cord:cauda-equina", "conus medullaris",
			[][]string{{"where the cord ends", "L1 and L2"}, {"call your emergency number now", "bladder"}},
			[][]string{{"donde termina la médula", "L1 y L2"}, {"llame ahora al número de emergencias", "vejiga"}}},
		{"sacroiliac:left", "Manipulation does not alter the position of the sacroiliac joint",
			[][]string{{"links the sacrum", "pelvis"}, {"does not slip out of place"}, {"\"slipped\"", "It has not."}},
			[][]string{{"une el sacro", "pelvis"}, {"no se sale de su lugar"}, {"\"zafó\"", "No es así."}}},
		{"sacroiliac:right", "radiostereometric analysis",
			[][]string{{"moves only a little"}},
			[][]string{{"se mueve muy poco"}}},
		{"joint:C0-C1:right", "Normal kinematics",
			[][]string{{"skull rests on C1"}, {"nod \"yes\""}, {"no disc"}},
			[][]string{{"cráneo se apoya en C1"}, {"la cabeza diga \"sí\""}, {"no hay disco"}}},
		{"joint:C1-C2:left", "Normal kinematics",
			[][]string{{"about half", "turning"}, {"peg of bone", "C2"}, {"no disc"}},
			[][]string{{"cerca de la mitad", "giro"}, {"diente de hueso", "C2"}, {"no hay disco"}}},
	}
	for _, lang := range []struct {
		name string
		lib  *Library
	}{{"en", english(t)}, {"es", spanish(t)}} {
		for _, c := range cases {
			tx := explain(t, lang.lib, c.id)
			if tx.Fallback {
				t.Errorf("%s %s: not in its own language", lang.name, c.id)
			}
			if !slices.ContainsFunc(tx.Sources, func(s string) bool { return strings.Contains(s, c.source) }) {
				t.Errorf("%s %s: does not cite %q", lang.name, c.id, c.source)
			}
			facts := c.en
			if lang.name == "es" {
				facts = c.es
			}
			all := append(blocks(tx.Body), tx.KeyPoints...)
			for _, words := range facts {
				if !slices.ContainsFunc(all, func(b string) bool {
					low := strings.ToLower(b)
					for _, w := range words {
						if !strings.Contains(low, strings.ToLower(w)) {
							return false
						}
					}
					return true
				}) {
					t.Errorf("%s %s: no paragraph or key point says %q together", lang.name, c.id, words)
				}
			}
		}
	}
}

// The myths are corrected, never repeated as fact: no text of these
// structures says a joint slipped or a bone is out of place without
// saying in the same sentence that it is not so.
func TestCordAndJointTextsCorrectTheMyths(t *testing.T) {
	l := english(t)
	for _, id := range []string{"sacroiliac:left", "sacroiliac:right", "joint:C0-C1:left", "joint:C1-C2:right", "cord:spinal", "cord:cauda-equina"} {
		tx := explain(t, l, id)
		for _, s := range strings.FieldsFunc(tx.Body+"\n"+strings.Join(tx.KeyPoints, "\n"), func(r rune) bool { return r == '.' || r == '\n' }) {
			low := strings.ToLower(s)
			if !strings.Contains(low, "out of place") && !strings.Contains(low, "slipped") && !strings.Contains(low, "back into place") {
				continue
			}
			if !strings.Contains(low, "not") && !strings.Contains(low, "hear that") {
				t.Errorf("%s repeats a myth as fact: %q", id, s)
			}
		}
	}
}

// The new structures are linked with the conditions that involve them, both
// ways, and search finds them in a patient's words in both languages.
func TestCordAndJointLinksAndSearch(t *testing.T) {
	l := english(t)
	for id, cond := range map[string]string{
		"cord:spinal":       "condition:cervical-myelopathy",
		"cord:cauda-equina": "condition:cauda-equina-syndrome",
		"sacroiliac:left":   "condition:pelvic-girdle-pain",
		"sacroiliac:right":  "condition:axial-spondyloarthritis",
	} {
		if !slices.Contains(explain(t, l, id).Related, cond) {
			t.Errorf("%s is not linked to %s", id, cond)
		}
		if !slices.Contains(explain(t, l, cond).Structures, id) {
			t.Errorf("%s does not involve %s", cond, id)
		}
	}
	for _, c := range []struct {
		lib  *Library
		q    string
		want string
	}{
		{l, "spinal cord", "cord:spinal"}, {l, "cauda equina", "cord:cauda-equina"}, {l, "sacroiliac", "sacroiliac:left"},
		{l, "atlas", "joint:C1-C2:left"}, {spanish(t), "médula espinal", "cord:spinal"},
		{spanish(t), "cola de caballo", "cord:cauda-equina"}, {spanish(t), "sacroiliaca", "sacroiliac:right"},
	} {
		ids := hitIDs(c.lib.Search(c.q, 0))
		if !slices.Contains(ids[:min(len(ids), 12)], c.want) {
			t.Errorf("Search(%q) = %v, want %s among the first", c.q, ids[:min(len(ids), 12)], c.want)
		}
	}
}
