package content

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"chairside/internal/anatomy"
)

// language is what the checks that every language of the library must pass
// need to know about one of them: the fixed words its templates use, its
// readability bar, and its own words for the level facts and the red flags.
// Each check below runs once per language, so a rule added for one
// language holds for the others.
type language struct {
	code    string
	library func(testing.TB) *Library
	// sections are the five headings of every structure text.
	sections []string
	// titles: how some structures' titles start.
	titles map[string]string
	// readable scores a text and says whether it meets the language's bar
	// (US grade ≤ 8 by Flesch-Kincaid; Fernández-Huerta ≥ EasySpanish).
	readable func(string) (float64, bool)
	scale    string

	// The nerve root facts (ISNCSCI, Rupp et al. 2021; Bates) and pain
	// patterns (ANATOMY.md), in the language's words.
	roots                       []rootFacts
	skin, muscles, reflex       string // the labels of a nerve text's exam lines
	noSkin, noMuscles, noReflex string // what such a line says when the exam has none
	names                       func(root, side string) string
	pressedBy                   func(root, disc string) string
	discSays                    map[string]string // disc ID → words its text must hold
	arm                         *regexp.Regexp
	sciatica                    []string
	emergency, sameDay          string // the red flags' actions, most urgent first
	nextDay, nextVisit          string
	flagClasses                 []flagClass
	keyStory                    map[string][]string // text ID → words its key points must hold
	keyPointOverclaims          []string
	structureCount, topicCount  int
	conditionCount              int
}

type rootFacts struct{ root, skin, muscle, reflex, pain string }

type flagClass struct {
	class, action string
	signs         []string
}

var en = language{
	code: "en", library: english,
	sections: []string{"## What it is", "## What it does", "## What can go wrong", "## What tends to help", "## When to seek care"},
	titles:   map[string]string{"nerve:L5:left": "The left L5 nerve root", "disc:L4-L5": "The L4–L5 disc", "vertebra:S": "The sacrum", "vertebra:Co": "The coccyx", "vertebra:T7": "The T7 vertebra"},
	readable: func(s string) (float64, bool) { g := Grade(s); return g, g <= 8 },
	scale:    "Flesch-Kincaid grade (want ≤ 8)",
	roots: []rootFacts{
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
	},
	skin: "Skin", muscles: "Muscles", reflex: "Reflex",
	noSkin: "no standard skin test point", noMuscles: "no standard muscle test", noReflex: "no standard reflex test",
	names: func(root, side string) string { return "This is the " + side + " " + root + " root." },
	pressedBy: func(root, disc string) string {
		return "For the " + root + " root, this is usually the " + disc + " disc."
	},
	discSays: map[string]string{
		"disc:C2-C3": "upper neck, at the back of the head and around the ear",
		"disc:C3-C4": "base of the neck, across the top of the shoulder",
		"disc:C4-C5": "shoulder and down the outer side of the upper arm",
		"disc:C7-T1": "inner forearm to the ring and little fingers",
		"disc:L1-L2": "upper front and inner thigh",
		"disc:L2-L3": "front of the thigh to the inner side of the knee",
		"disc:L3-L4": "along the inner shin to the inner ankle",
		"disc:L4-L5": "big toe",
	},
	arm:       regexp.MustCompile(`(?i)\barms?\b`),
	sciatica:  []string{"sciatica"},
	emergency: "Call your emergency number now: ", sameDay: "See a doctor the same day: ",
	nextDay: "See a doctor the same or next day: ", nextVisit: "Tell your clinician at your next visit: ",
	flagClasses: []flagClass{
		{"cauda equina", "emergency", []string{"bladder or bowel", "trouble starting to pass urine", "weak stream", "when you wipe", "both legs", "problems with sex"}},
		{"artery or stroke", "emergency", []string{"sudden, severe headache", "unlike any before", "dizziness", "double vision", "trouble speaking or swallowing", "numb face", "sudden falls"}},
		{"spinal cord", "emergency", []string{"clumsy hands", "dropping things", "unsteady walk", "weak arms or legs"}},
		{"major injury", "emergency", []string{"major injury"}},
		{"infection risk", "sameDay", []string{"fever", "weak immune system", "recent infection", "inject drugs", "steroid pills"}},
		{"fracture risk", "sameDay", []string{"small fall", "osteoporosis", "steroid pills"}},
		{"cancer history", "nextDay", []string{"have had cancer", "not usually the emergency room"}},
		{"slow change", "nextVisit", []string{"slowly spreads"}},
	},
	// The clinic's story of the crack and of adjustments, in the texts' own
	// words (Kawchuk et al. 2015; Protopapas & Cymet 2002; the GCC code).
	keyStory: map[string][]string{
		"topic:cracking-your-back":     {"gas bubble", "facet joint", "No bones break", "not that something was fixed", "Gentle stretches"},
		"topic:adjustments":            {"trained chiropractor", "checking how your spine moves", "ease pain", "not a bone moving back into place", "soreness", "say no"},
		"topic:what-does-not-happen":   {"No bone cracks or breaks", "arthritis", "Nerves do not pass through"},
		"topic:benefits-and-risks":     {"one part of a plan with exercise", "no good evidence", "very rare", "Call your emergency number now"},
		"topic:safe-stretches-at-home": {"without forcing", "pain is not", "force a crack", "down an arm or leg"},
	},
	keyPointOverclaims: []string{"gas bubble forms", "cannot crack again", "proven", "guarantee"},
	structureCount:     165, topicCount: 14, conditionCount: 21,
}

var es = language{
	code: "es", library: spanish,
	sections: []string{"## Qué es", "## Para qué sirve", "## Qué puede fallar", "## Qué suele ayudar", "## Cuándo buscar ayuda"},
	titles: map[string]string{"nerve:L5:left": "La raíz nerviosa L5 izquierda", "facet:C5-C6:right": "La articulación facetaria C5–C6 derecha",
		"disc:L4-L5": "El disco L4–L5", "vertebra:S": "El sacro", "vertebra:Co": "El cóccix", "vertebra:T7": "La vértebra T7"},
	readable: func(s string) (float64, bool) { f := FernandezHuerta(s); return f, f >= EasySpanish },
	scale:    "Fernández-Huerta (want ≥ 70)",
	roots: []rootFacts{
		{"C1", "", "", "", "base del cráneo"},
		{"C2", "parte de atrás de la cabeza", "", "", "parte de atrás de la cabeza"},
		{"C3", "lado del cuello", "", "", "parte alta del cuello, en la parte de atrás de la cabeza y alrededor de la oreja"},
		{"C4", "parte de arriba del hombro", "", "", "base del cuello, por encima del hombro y sobre la parte alta del omóplato"},
		{"C5", "lado de afuera del codo", "doblan el codo (bíceps)", "reflejo del bíceps", "hombro y por el lado de afuera de la parte alta del brazo"},
		{"C6", "pulgar", "extensores de la muñeca", "reflejo braquiorradial", "antebrazo hasta el pulgar y el dedo índice"},
		{"C7", "dedo del medio", "estiran el codo (tríceps)", "reflejo del tríceps", "parte de atrás del brazo hasta el dedo del medio"},
		{"C8", "meñique", "flexores de los dedos", "", "antebrazo hasta los dedos anular y meñique"},
		{"T1", "lado de adentro del codo", "separan los dedos", "", "lado de adentro del brazo, cerca del codo"},
		{"T2", "axila", "", "", "parte alta del pecho y hacia la axila"},
		{"T3", "parte alta del pecho", "", "", "franja alrededor de la parte alta del pecho"},
		{"T4", "pezones", "", "", "altura de los pezones"},
		{"T5", "debajo de la línea de los pezones", "", "", "justo debajo de los pezones"},
		{"T6", "punta de abajo del esternón", "", "", "parte baja del pecho"},
		{"T7", "justo debajo del esternón", "", "", "parte baja del pecho y la parte alta de la panza"},
		{"T8", "parte alta de la panza", "", "", "parte alta de la panza"},
		{"T9", "arriba del ombligo", "", "", "arriba del ombligo"},
		{"T10", "ombligo", "", "", "a la altura del ombligo"},
		{"T11", "entre el ombligo y la ingle", "", "", "parte baja de la panza"},
		{"T12", "pliegue de la ingle", "", "", "parte baja de la panza y la ingle"},
		{"L1", "justo debajo de la ingle", "", "", "en la ingle"},
		{"L2", "parte de adelante del muslo", "flexores de la cadera", "", "parte de adelante y de adentro de lo alto del muslo"},
		{"L3", "lado de adentro de la rodilla", "cuádriceps", "rotuliano", "parte de adelante del muslo hasta el lado de adentro de la rodilla"},
		{"L4", "lado de adentro del tobillo", "dorsiflexores del tobillo", "rotuliano", "lado de adentro de la espinilla hasta el tobillo"},
		{"L5", "base del tercer dedo del pie", "levantan el dedo gordo", "", "lado de afuera de la pierna hasta el empeine y el dedo gordo"},
		{"S1", "borde de afuera del talón", "músculos de la pantorrilla", "aquíleo", "parte de atrás del muslo y la pantorrilla hasta el borde de afuera del pie y la planta"},
		{"S2", "parte de atrás de la rodilla", "", "anal y bulbocavernoso", "nalga y por la parte de atrás del muslo"},
		{"S3", "hueso de sentarse", "", "anal y bulbocavernoso", "alrededor del hueso de sentarse"},
		{"S4", "alrededor del ano", "intestino y la vejiga", "anal y bulbocavernoso", "alrededor del ano y de los genitales"},
		{"S5", "alrededor del ano", "intestino y la vejiga", "", "alrededor del ano"},
		{"Co1", "", "", "", "alrededor del cóccix"},
	},
	skin: "Piel", muscles: "Músculos", reflex: "Reflejo",
	noSkin: "no tiene un punto de piel", noMuscles: "no tiene una prueba de músculo", noReflex: "no tiene una prueba de reflejo",
	names: func(root, side string) string {
		lado := map[string]string{"left": "izquierdo", "right": "derecho"}[side]
		return "Esta es la raíz " + root + " del lado " + lado + "."
	},
	pressedBy: func(root, disc string) string { return "Para la raíz " + root + ", suele ser el disco " + disc + "." },
	discSays: map[string]string{
		"disc:C5-C6": "**raíz nerviosa C6**",
		"disc:C6-C7": "**raíz nerviosa C7**",
		"disc:L4-L5": "**raíz nerviosa L5**",
		"disc:L5-S":  "**raíz nerviosa S1**",
		"disc:L3-L4": "raíz nerviosa L4",
		"disc:C2-C3": "parte alta del cuello, en la parte de atrás de la cabeza y alrededor de la oreja",
		"disc:L2-L3": "parte de adelante del muslo hasta el lado de adentro de la rodilla",
	},
	arm:       regexp.MustCompile(`(?i)\b(brazos?|antebrazos?)\b`),
	sciatica:  []string{"ciática", "ciatica"},
	emergency: "Llame ahora al número de emergencias: ", sameDay: "Vea a un médico el mismo día: ",
	nextDay: "Vea a un médico el mismo día o el siguiente: ", nextVisit: "Dígaselo a su profesional en la próxima visita: ",
	flagClasses: []flagClass{
		{"cauda equina", "emergency", []string{"vejiga o del intestino", "le cuesta empezar a orinar", "chorro es débil", "al limpiarse", "las dos piernas", "problemas nuevos con el sexo"}},
		{"artery or stroke", "emergency", []string{"fuerte y de golpe", "como nunca antes", "mareo", "visión doble", "problemas para hablar o tragar", "cara adormecida", "caídas de repente"}},
		{"spinal cord", "emergency", []string{"manos torpes", "se le caen las cosas", "camina inestable", "brazos o las piernas débiles"}},
		{"major injury", "emergency", []string{"golpe fuerte"}},
		{"infection risk", "sameDay", []string{"fiebre", "defensas están bajas", "infección", "se inyecta drogas", "esteroides"}},
		{"fracture risk", "sameDay", []string{"caída", "osteoporosis", "esteroides"}},
		{"cancer history", "nextDay", []string{"tuvo cáncer", "no en la sala de emergencias"}},
		{"slow change", "nextVisit", []string{"se extiende poco a poco"}},
	},
	keyStory: map[string][]string{
		"topic:cracking-your-back":     {"burbuja de gas", "articulación facetaria", "Ningún hueso se rompe", "no que algo se arregló", "estiramientos suaves"},
		"topic:adjustments":            {"quiropráctico preparado", "revisar cómo se mueve su columna", "aliviar el dolor", "no un hueso que vuelve a su lugar", "dolor o rigidez", "decir que no"},
		"topic:what-does-not-happen":   {"Ningún hueso se quiebra", "artrosis", "Los nervios no pasan"},
		"topic:benefits-and-risks":     {"parte de un plan con ejercicio", "No hay buenas pruebas", "muy raro", "Llame ahora al número de emergencias"},
		"topic:safe-stretches-at-home": {"sin forzarla", "dolor no", "fuerce un crujido", "por un brazo o una pierna"},
	},
	keyPointOverclaims: []string{"se forma una burbuja de gas", "no puede volver a tronar", "comprobado", "garantiza"},
	structureCount:     165, topicCount: 14, conditionCount: 21,
}

var languages = []language{en, es}

// maxKeyPointWords is how long a key point may be: short enough to read out
// in one breath, long enough for a root's own words for where it serves.
const maxKeyPointWords = 32

// action is the red flags' lead-in for one urgency.
func (lg language) action(urgency string) string {
	return map[string]string{"emergency": lg.emergency, "sameDay": lg.sameDay, "nextDay": lg.nextDay, "nextVisit": lg.nextVisit}[urgency]
}

// forEachLanguage runs a check once per language, as a subtest named by
// its code, with that language's library loaded.
func forEachLanguage(t *testing.T, check func(t *testing.T, lg language, l *Library)) {
	for _, lg := range languages {
		t.Run(lg.code, func(t *testing.T) { check(t, lg, lg.library(t)) })
	}
}

// Every structure has its own text in every language, none taken from
// English: the templates, the level data and every override are there.
func TestEveryStructureHasAFullText(t *testing.T) {
	forEachLanguage(t, func(t *testing.T, lg language, l *Library) {
		n := 0
		for _, s := range anatomy.All() {
			tx := explain(t, l, s.ID)
			n++
			if tx.ID != s.ID || tx.Title == "" || tx.Lang != lg.code || tx.Fallback {
				t.Errorf("%s: id %q title %q lang %q fallback %v", s.ID, tx.ID, tx.Title, tx.Lang, tx.Fallback)
			}
			for _, sec := range lg.sections {
				if !strings.Contains(tx.Body, sec+"\n") {
					t.Errorf("%s: no section %q", s.ID, sec)
				}
			}
		}
		if n != lg.structureCount || len(l.Topics()) != lg.topicCount || len(l.Conditions()) != lg.conditionCount {
			t.Errorf("%d structures, %d topics, %d conditions; want %d, %d, %d", n, len(l.Topics()), len(l.Conditions()),
				lg.structureCount, lg.topicCount, lg.conditionCount)
		}
		for id, want := range lg.titles {
			if got := explain(t, l, id).Title; !strings.HasPrefix(got, want) {
				t.Errorf("%s: title %q, want it to start %q", id, got, want)
			}
		}
	})
}

// Every text: named sources, a real review date, no hole left by a
// template, no title repeated as a # heading, and readable at the
// language's bar.
func TestEveryTextIsCompleteAndReadable(t *testing.T) {
	holes := []string{"{{", "}}", "<no value>", "%!", "()", " .", " ,", "**:**", ": .", "the  ", "map["}
	forEachLanguage(t, func(t *testing.T, lg language, l *Library) {
		var scores []float64
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
				if strings.Contains(tx.Body, h) || strings.Contains(tx.Title, h) || slices.ContainsFunc(tx.KeyPoints, func(p string) bool { return strings.Contains(p, h) }) {
					t.Errorf("%s: contains %q", id, h)
				}
			}
			if strings.HasPrefix(tx.Body, "# ") || strings.Contains(tx.Body, "\n# ") {
				t.Errorf("%s: the body repeats the title as a # heading", id)
			}
			score, ok := lg.readable(tx.Body)
			if !ok {
				t.Errorf("%s: %s %.1f", id, lg.scale, score)
			}
			scores = append(scores, score)
		}
		sort.Float64s(scores)
		t.Logf("%d texts, %s from %.1f to %.1f, median %.1f", len(scores), lg.scale, scores[0], scores[len(scores)-1], scores[len(scores)/2])
	})
}

// Every text has three to five key points (issue 10: what a clinician reads
// out in presentation mode), each one whole, short sentence, together at
// the language's readability bar, and none printed inside the full text.
func TestEveryTextHasKeyPoints(t *testing.T) {
	forEachLanguage(t, func(t *testing.T, lg language, l *Library) {
		for _, id := range l.IDs() {
			tx := explain(t, l, id)
			if n := len(tx.KeyPoints); n < 3 || n > 5 {
				t.Errorf("%s: %d key points, want 3 to 5: %q", id, n, tx.KeyPoints)
				continue
			}
			for _, p := range tx.KeyPoints {
				if err := oneSentence(p); err != nil {
					t.Errorf("%s: key point %q: %v", id, p, err)
				}
				if words := len(strings.Fields(p)); words > maxKeyPointWords {
					t.Errorf("%s: key point of %d words is not short: %q", id, words, p)
				}
				for _, o := range lg.keyPointOverclaims {
					if strings.Contains(strings.ToLower(p), o) {
						t.Errorf("%s: key point says %q: %q", id, o, p)
					}
				}
			}
			if score, ok := lg.readable(strings.Join(tx.KeyPoints, "\n")); !ok {
				t.Errorf("%s: key points at %s %.1f:\n%s", id, lg.scale, score, strings.Join(tx.KeyPoints, "\n"))
			}
			if strings.Contains(tx.Body, "- "+tx.KeyPoints[0]+"\n- "+tx.KeyPoints[1]) {
				t.Errorf("%s: the full text prints the key points again", id)
			}
		}
		for id, wants := range lg.keyStory {
			points := strings.Join(explain(t, l, id).KeyPoints, "\n")
			for _, w := range wants {
				if !strings.Contains(points, w) {
					t.Errorf("%s: key points should say %q:\n%s", id, w, points)
				}
			}
		}
	})
}

// Every root's key skin point and key muscle (ISNCSCI, Rupp et al. 2021),
// reflex (Bates) and usual pain pattern (ANATOMY.md). "" means the
// standard exam has none, and the text must say so instead of inventing
// one. Pain is where radicular pain usually goes, which is not the same as
// the skin point: C3 and C4 never reach the arm, L1-L4 are not sciatica.
func TestNerveRootLevelFacts(t *testing.T) {
	forEachLanguage(t, func(t *testing.T, lg language, l *Library) {
		if len(lg.roots) != len(anatomy.RootLevels()) {
			t.Fatalf("the table has %d roots, anatomy has %d", len(lg.roots), len(anatomy.RootLevels()))
		}
		for _, c := range lg.roots {
			for _, side := range []string{"left", "right"} {
				id := "nerve:" + c.root + ":" + side
				tx := explain(t, l, id)
				line := func(label string) string {
					for _, ln := range strings.Split(tx.Body, "\n") {
						if strings.HasPrefix(ln, "- **"+label+":**") {
							return ln
						}
					}
					t.Fatalf("%s: no %q line in\n%s", id, label, tx.Body)
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
				check(lg.skin, c.skin, lg.noSkin)
				check(lg.muscles, c.muscle, lg.noMuscles)
				check(lg.reflex, c.reflex, lg.noReflex)
				if !strings.Contains(tx.Body, c.pain) || !slices.ContainsFunc(tx.KeyPoints, func(p string) bool { return strings.Contains(p, c.pain) }) {
					t.Errorf("%s: the text and its key points should say its pain is felt %q", id, c.pain)
				}
				if !strings.Contains(tx.Body, lg.names(c.root, side)) {
					t.Errorf("%s: does not name its side and level", id)
				}
			}
		}
		// The disc that usually presses on a root, where that is well known,
		// and a disc names where that root's pain goes, in the root's words.
		for root, disc := range map[string]string{"C6": "C5–C6", "C7": "C6–C7", "L5": "L4–L5", "S1": "L5–S1", "L4": "L3–L4"} {
			tx := explain(t, l, "nerve:"+root+":right")
			if !strings.Contains(tx.Body, lg.pressedBy(root, disc)) || !strings.Contains(strings.Join(tx.KeyPoints, " "), disc) {
				t.Errorf("nerve:%s: the text and its key points should name the %s disc", root, disc)
			}
		}
		for disc, want := range lg.discSays {
			if body := explain(t, l, disc).Body; !strings.Contains(body, want) {
				t.Errorf("%s: should say %q", disc, want)
			}
		}
	})
}

// No text about the C3 or C4 root (or the discs that press on them) sends
// pain into the arm, and none about L1-L4 calls it sciatica (issue 11 item
// 4), in the full text or its key points.
func TestUpperNeckAndUpperLumbarPainPatterns(t *testing.T) {
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
	words := func(tx Text) string { return tx.Body + "\n" + strings.Join(tx.KeyPoints, "\n") }
	forEachLanguage(t, func(t *testing.T, lg language, l *Library) {
		for _, id := range neck {
			if w := words(explain(t, l, id)); lg.arm.MatchString(w) {
				t.Errorf("%s mentions the arm:\n%s", id, w)
			}
		}
		for _, id := range lumbar {
			w := strings.ToLower(words(explain(t, l, id)))
			for _, s := range lg.sciatica {
				if strings.Contains(w, s) {
					t.Errorf("%s calls its pain %s:\n%s", id, s, w)
				}
			}
		}
		// The same check catches a slip: the C5 root does reach the arm.
		if !lg.arm.MatchString(explain(t, l, "nerve:C5:left").Body) {
			t.Error("nerve:C5 should send its pain into the arm")
		}
	})
}

// The red-flags list (topic:red-flags, printed on every handout) holds
// every sign class of issue 11 item 1, each led by its action (Finucane et
// al. 2020; IFOMPT 2023), most urgent first, in every language.
func TestRedFlags(t *testing.T) {
	forEachLanguage(t, func(t *testing.T, lg language, l *Library) {
		flags := l.RedFlags()
		for _, c := range lg.flagClasses {
			i := slices.IndexFunc(flags, func(f string) bool {
				return strings.Contains(f, c.signs[0]) && strings.HasPrefix(f, lg.action(c.action))
			})
			if i < 0 {
				t.Errorf("no red flag for %s (%q after %q):\n%s", c.class, c.signs[0], lg.action(c.action), strings.Join(flags, "\n"))
				continue
			}
			for _, s := range c.signs {
				if !strings.Contains(flags[i], s) {
					t.Errorf("%s: %q lacks %q", c.class, flags[i], s)
				}
			}
		}
		// Every item says what to do, most urgent first, so the printed box
		// can group them under their actions.
		order := []string{lg.emergency, lg.sameDay, lg.nextDay, lg.nextVisit}
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
			// The printed box groups signs by the lead-in before ": " only when
			// it is a short phrase without punctuation (handout.splitAction).
			if a, _, _ := strings.Cut(f, ": "); utf8.RuneCountInString(a) > 50 || strings.ContainsAny(a, ".,;()") {
				t.Errorf("red flag action %q is too long or punctuated for the printed box to group", a)
			}
		}
		if want := len(english(t).RedFlags()); len(flags) != want {
			t.Errorf("%d red flags, %d in English", len(flags), want)
		}
	})
}
