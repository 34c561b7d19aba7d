package pdf

import (
	"slices"
	"strings"
	"testing"

	"chairside/internal/handout"
	"chairside/internal/i18n"

	"chairside/internal/content"
)

// The actions of the red-flags box, most urgent first.
const (
	actEmergency = "Call your emergency number now"
	actSameDay   = "See a doctor the same day"
	actNextDay   = "See a doctor the same or next day"
	actNextVisit = "Tell your clinician at your next visit"
)

var seekCareActions = []string{actEmergency, actSameDay, actNextDay, actNextVisit}

// seekCareClasses are the sign classes of issue 11 item 1 (Finucane et al.
// 2020; IFOMPT 2023), each with the action the box must give it.
var seekCareClasses = []struct {
	class, action string
	signs         []string
}{
	{"cauda equina", actEmergency, []string{"bladder or bowel", "trouble starting to pass urine", "weak stream", "when you wipe", "both legs", "problems with sex"}},
	{"artery or stroke", actEmergency, []string{"sudden, severe headache", "unlike any before", "dizziness", "double vision", "trouble speaking or swallowing", "numb face", "sudden falls"}},
	{"spinal cord", actEmergency, []string{"clumsy hands", "dropping things", "unsteady walk", "weak arms or legs"}},
	{"major injury", actEmergency, []string{"major injury"}},
	{"infection risk", actSameDay, []string{"fever", "weak immune system", "recent infection", "inject drugs", "steroid pills"}},
	{"fracture risk", actSameDay, []string{"small fall", "osteoporosis", "steroid pills"}},
	{"cancer history", actNextDay, []string{"have had cancer", "not usually the emergency room"}},
	{"slow change", actNextVisit, []string{"slowly spreads"}},
}

// TestPrintedSeekCareGivesEachSignItsAction renders the built-in list and
// reads the box back: each action is printed once, and every sign of each
// class sits under its own action.
func TestPrintedSeekCareGivesEachSignItsAction(t *testing.T) {
	_, pages := render(t, handout.Handout{Title: "Neck"}, handout.Patient{Name: "A B"}, handout.Clinic{})
	text := allText(pages)
	box := text[strings.Index(text, seekCareHeading):]
	flat := strings.ToLower(strings.Join(strings.Fields(box), " ")) // lines joined where the box wraps them
	under := map[string]string{}
	for i, a := range seekCareActions {
		at := strings.Index(flat, strings.ToLower(a)+":")
		if at < 0 || strings.Count(flat, strings.ToLower(a)+":") != 1 {
			t.Fatalf("the box should print %q once:\n%s", a+":", box)
		}
		end := len(flat)
		if i+1 < len(seekCareActions) {
			end = strings.Index(flat, strings.ToLower(seekCareActions[i+1])+":")
		}
		if end < at {
			t.Fatalf("actions out of order (most urgent first):\n%s", box)
		}
		under[a] = flat[at:end]
	}
	for _, c := range seekCareClasses {
		for _, s := range c.signs {
			if !strings.Contains(under[c.action], strings.ToLower(s)) {
				t.Errorf("%s: %q is not under %q in the printed box", c.class, s, c.action)
			}
		}
	}
	if strings.Contains(box, "Get medical help right away") {
		t.Error("a list with actions should not print the old one-action lead-in")
	}
}

// The printed default and the topic's list are one list, in every
// language that has words for the handout.
func TestDefaultSeekCareIsTheLibrarysList(t *testing.T) {
	for _, lang := range i18n.Langs() {
		lib, err := content.Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := lib.RedFlags(); !slices.Equal(got, DefaultSeekCare(lang)) {
			t.Errorf("%s: DefaultSeekCare differs from topic:red-flags:\n got %q\nwant %q", lang, DefaultSeekCare(lang), got)
		}
	}
	if got := DefaultSeekCare("fr"); !slices.Equal(got, DefaultSeekCare("en")) {
		t.Errorf("a language without a list gets %q, want the English list", got)
	}
}

func TestSeekCareGroups(t *testing.T) {
	got := seekCareGroups([]string{
		"Call your emergency number now: a.",
		"Call your emergency number now: b.",
		"See a doctor the same day: c.",
		"Chest pain with your back pain.",
		"Time: 10 am, or later.",
		"Note, this: is not an action.",
	})
	want := []seekCareGroup{
		{actEmergency, []string{"A.", "B."}},
		{actSameDay, []string{"C."}},
		{"", []string{"Chest pain with your back pain."}},
		{"Time", []string{"10 am, or later."}},
		{"", []string{"Note, this: is not an action."}},
	}
	if len(got) != len(want) {
		t.Fatalf("groups %q, want %q", got, want)
	}
	for i := range want {
		if got[i].action != want[i].action || !slices.Equal(got[i].signs, want[i].signs) {
			t.Errorf("group %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// seekCareShown reports whether the printed text holds a seek-care item:
// its sign, wherever the box wraps it, under its action (printed once for
// its group, so only the sign is looked for word by word).
func seekCareShown(text, item string) bool {
	_, sign := splitAction(item)
	flat := strings.ToLower(strings.Join(strings.Fields(text), " "))
	return strings.Contains(flat, strings.ToLower(strings.Join(strings.Fields(sign), " ")))
}

// The whole red-flag box fits on one page of either paper size, so a
// patient never has to turn the page to find what to do.
func TestSeekCareBoxFitsOnOnePage(t *testing.T) {
papers:
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		_, pages := render(t, handout.Handout{Title: "Box"}, handout.Patient{Name: "A B"}, handout.Clinic{Paper: paper})
		for _, p := range pages {
			text := strings.Join(p.lines(), "\n")
			if !strings.Contains(text, seekCareHeading) {
				continue
			}
			for _, a := range seekCareActions {
				if !strings.Contains(text, a+":") {
					t.Errorf("%s: %q is not on the page of the box's heading", paper, a)
				}
			}
			continue papers
		}
		t.Fatalf("%s: no box", paper)
	}
}
