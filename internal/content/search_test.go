package content

import (
	"slices"
	"strings"
	"testing"
)

func hitIDs(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	l := english(t)
	cases := []struct {
		q     string
		first []string // the first results, in any order
		also  []string // further down the list
	}{
		{"sciatica", []string{"condition:sciatica"}, []string{"nerve:L5:left", "disc:L4-L5", "disc:L5-S"}},
		{"scia", []string{"condition:sciatica"}, nil}, // as you type
		{"big toe", []string{"nerve:L5:left", "nerve:L5:right", "disc:L4-L5"}, nil},
		{"crack", []string{"topic:cracking-your-back"}, []string{"facet:L4-L5:left", "topic:what-does-not-happen", "topic:adjustments"}},
		{"neck", []string{"condition:posture-neck-pain"}, []string{"condition:whiplash", "vertebra:C5", "facet:C5-C6:left", "nerve:C6:left"}},
		{"Cracking your back", []string{"topic:cracking-your-back"}, nil},
		{"L4-L5 disc", []string{"disc:L4-L5"}, nil},
		{"atlas", []string{"vertebra:C1"}, nil},
		{"thumb", []string{"nerve:C6:left", "nerve:C6:right"}, nil},
		{"tailbone", []string{"vertebra:Co", "condition:coccyx-pain"}, nil},
		{"red flags", []string{"topic:red-flags"}, nil},
		{"pain in my neck", []string{"condition:posture-neck-pain"}, nil},
		// The widened library, found in a patient's own words.
		{"pins and needles", []string{"condition:cervical-radiculopathy", "condition:sciatica"}, []string{"nerve:C6:left", "nerve:L5:right"}},
		{"pinched nerve", []string{"condition:cervical-radiculopathy", "condition:sciatica"}, nil},
		{"pregnant", []string{"condition:pelvic-girdle-pain"}, []string{"topic:sleep-positions"}},
		{"pregnancy", []string{"condition:pelvic-girdle-pain"}, nil},
		{"headache", []string{"condition:headache"}, []string{"nerve:C2:left", "condition:posture-neck-pain"}},
		{"lumbago", []string{"condition:low-back-pain", "condition:muscle-strain"}, nil},
		{"back pain", []string{"condition:low-back-pain", "condition:axial-spondyloarthritis"}, nil},
		{"SI joint", []string{"condition:pelvic-girdle-pain"}, nil},
		{"arm pain", []string{"condition:cervical-radiculopathy"}, []string{"nerve:C6:left"}},
		{"clumsy hands", []string{"condition:cervical-myelopathy"}, nil},
		{"osteoporosis", []string{"condition:compression-fracture"}, nil},
		{"rib", []string{"condition:mid-back-pain"}, nil},
		{"morning stiffness", []string{"condition:axial-spondyloarthritis"}, nil},
		{"bladder", []string{"condition:cauda-equina-syndrome"}, []string{"topic:red-flags"}},
		{"numb when wiping", []string{"condition:cauda-equina-syndrome"}, nil},
		{"buttock pain", []string{"condition:piriformis-hip-or-back"}, nil},
		{"hip", []string{"condition:piriformis-hip-or-back"}, nil},
		{"coccyx", []string{"condition:coccyx-pain", "vertebra:Co"}, nil},
		{"MRI", []string{"topic:do-i-need-a-scan"}, nil},
		{"x-ray", []string{"topic:do-i-need-a-scan"}, nil},
		{"afraid to move", []string{"topic:hurt-is-not-harm"}, nil},
		{"ice pack", []string{"topic:heat-or-ice"}, nil},
		{"mattress", []string{"topic:sleep-positions"}, nil},
		{"lifting", []string{"topic:lifting"}, nil},
		{"standing desk", []string{"topic:desk-and-phone"}, nil},
		{"maintenance care", []string{"topic:how-many-visits"}, nil},
		{"how many visits", []string{"topic:how-many-visits"}, nil},
		{"consent", []string{"topic:first-visit"}, nil},
		{"first visit", []string{"topic:first-visit"}, nil},
		// Slips of the finger in longer words are forgiven.
		{"siatica", []string{"condition:sciatica"}, nil},
		{"sciatcia", []string{"condition:sciatica"}, nil},
		{"whiplsh", []string{"condition:whiplash"}, nil},
		{"spondylolisthsis", []string{"condition:spondylolisthesis"}, nil},
	}
	for _, c := range cases {
		hits := l.Search(c.q, 0)
		ids := hitIDs(hits)
		if len(ids) < len(c.first) {
			t.Errorf("Search(%q) = %v", c.q, ids)
			continue
		}
		top := ids[:len(c.first)]
		for _, want := range c.first {
			if !slices.Contains(top, want) {
				t.Errorf("Search(%q): top %v lacks %s", c.q, top, want)
			}
		}
		for _, want := range c.also {
			if !slices.Contains(ids, want) {
				t.Errorf("Search(%q) lacks %s", c.q, want)
			}
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("Search(%q): not best first at %d", c.q, i)
			}
		}
		for _, h := range hits {
			tx := explain(t, l, h.ID)
			if h.Title != tx.Title || h.Kind != KindOf(h.ID) || h.Score <= 0 {
				t.Errorf("Search(%q): hit %+v", c.q, h)
			}
		}
	}
}

// A structure that a matching condition involves ranks before one that
// merely mentions the words: "sciatica" lists the L4, L5 and S1 roots and
// the discs that press on them before the L1 root, and "pins and needles"
// the roots of arm and leg radiculopathy before C3 or the chest roots,
// whose texts use the words only to describe any root (issue 10).
func TestSearchRanksAConditionsOwnStructures(t *testing.T) {
	l := english(t)
	for _, c := range []struct {
		q       string
		involve []string // structures of the matching conditions, which must come first
		after   []string // structures that match the words but no condition lists
	}{
		{"sciatica", []string{"nerve:L5:left", "nerve:S1:left", "nerve:L5:right", "nerve:S1:right", "disc:L4-L5", "disc:L5-S"},
			[]string{"nerve:L1:left", "nerve:L1:right", "nerve:L2:left", "nerve:L3:left"}},
		{"pins and needles", []string{"nerve:C6:left", "nerve:C7:right", "nerve:L5:left", "nerve:S1:right"},
			[]string{"nerve:C3:left", "nerve:C4:left", "nerve:T2:left", "nerve:T5:right"}},
		{"pinched nerve", []string{"nerve:C6:left", "nerve:C7:right", "nerve:L5:left"},
			[]string{"nerve:C3:left", "nerve:T4:left"}},
	} {
		ids := hitIDs(l.Search(c.q, 0))
		pos := func(id string) int { return slices.Index(ids, id) }
		for _, first := range c.involve {
			if pos(first) < 0 {
				t.Errorf("Search(%q) lacks %s", c.q, first)
				continue
			}
			for _, later := range c.after {
				if p := pos(later); p >= 0 && p < pos(first) {
					t.Errorf("Search(%q): %s (at %d) ranks before %s (at %d)", c.q, later, p, first, pos(first))
				}
			}
		}
		// The lift orders a condition's structures; it never puts them
		// above the condition itself.
		if KindOf(ids[0]) != KindCondition {
			t.Errorf("Search(%q): first result %s is not a condition", c.q, ids[0])
		}
	}
}

func TestSearchEdges(t *testing.T) {
	l := english(t)
	if h := l.Search("", 10); h != nil {
		t.Errorf("empty query: %v", h)
	}
	if h := l.Search("   ,.;", 10); h != nil {
		t.Errorf("punctuation query: %v", h)
	}
	// A short word is not guessed at: "nek" is not "neck".
	if h := l.Search("nek", 10); len(h) != 0 {
		t.Errorf("nek: %v", hitIDs(h))
	}
	if h := l.Search("xyzzyplugh", 10); len(h) != 0 {
		t.Errorf("nonsense query: %v", h)
	}
	if h := l.Search("neck", 3); len(h) != 3 {
		t.Errorf("limit 3 gave %d hits", len(h))
	}
	// Every word must match: "big toe" must not bring up texts that only mention "big".
	for _, h := range l.Search("big toe", 0) {
		tx := explain(t, l, h.ID)
		text := strings.ToLower(tx.Title + " " + PlainText(tx.Body) + " " + strings.Join(l.keywords[h.ID], " "))
		if !strings.Contains(text, "toe") || !strings.Contains(text, "big") {
			t.Errorf("big toe: %s matched without both words", h.ID)
		}
	}
	// The same query twice gives the same order (ties are broken by library order).
	if a, b := hitIDs(l.Search("disc", 0)), hitIDs(l.Search("disc", 0)); !slices.Equal(a, b) {
		t.Error("search order is not stable")
	}
}

var benchQueries = []string{"sciatica", "big toe", "crack", "neck", "scia", "L4-L5 disc", "pain in my neck", "facet joint arthritis", "siatica"}

func BenchmarkSearch(b *testing.B) {
	l := english(b)
	i := 0
	for b.Loop() {
		l.Search(benchQueries[i%len(benchQueries)], 20)
		i++
	}
}

// BenchmarkBuildIndex is the one-off cost of the first search after Load.
func BenchmarkBuildIndex(b *testing.B) {
	l := english(b)
	for b.Loop() {
		buildIndex(l)
	}
}

// Searches from several goroutines at once (the UI types while a handout
// is being made) share one index built once.
func TestSearchConcurrent(t *testing.T) {
	l, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []string)
	for range 4 {
		go func() { done <- hitIDs(l.Search("big toe", 3)) }()
	}
	first := <-done
	for range 3 {
		if got := <-done; !slices.Equal(got, first) {
			t.Errorf("concurrent searches disagree: %v vs %v", got, first)
		}
	}
}

// Typing a topic's or a condition's title finds that text first, however
// many texts share its words ("neck", "back pain", "pinched nerve").
func TestSearchByTitleFindsTheTextFirst(t *testing.T) {
	l := english(t)
	for _, tx := range append(l.Topics(), l.Conditions()...) {
		hits := l.Search(tx.Title, 1)
		if len(hits) == 0 || hits[0].ID != tx.ID {
			t.Errorf("Search(%q) = %v, want %s first", tx.Title, hitIDs(hits), tx.ID)
		}
	}
}
