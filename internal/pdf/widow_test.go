package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// The widow tests build handouts whose text carries tags: every unit that
// must not leave its last line alone at the top of a page (a paragraph, a
// list step, a whole list, a sources list, a stretch from its first step to
// its caution) starts with the word "NAME{" and ends with "}NAME". A page
// whose first line holds a unit's end tag but not its start tag begins with
// the lone last line of a unit that started on an earlier page.

var (
	tagBegin = regexp.MustCompile(`([a-z]+[0-9]+)\{`)
	tagEnd   = regexp.MustCompile(`\}([a-z]+[0-9]+)`)
)

// filler is plain words, cut to n words, so that blocks vary in length.
func filler(n int) string {
	words := strings.Fields("move slowly and keep breathing while you hold the position, " +
		"stop before it hurts and let the muscles relax as you come back to the start, " +
		"a mild pull is fine but sharp pain is not, so ease off and try a smaller range next time")
	var out []string
	for len(out) < n {
		out = append(out, words[len(out)%len(words)])
	}
	return strings.Join(out, " ")
}

// widowHandout has nItems explained items, an instructions text of
// extraLines paragraphs (to move page breaks in small steps) and four
// stretches with long cautions.
func widowHandout(nItems, extraLines int) handout.Handout {
	h := sampleHandout()
	h.Marks = nil
	h.ClinicianNotes = ""
	n := 0
	tag := func(kind string) string { n++; return fmt.Sprintf("%s%d", kind, n) }
	wrap := func(kind, body string) string {
		t := tag(kind)
		return t + "{ " + body + " }" + t
	}
	h.Items = nil
	for i := 0; i < nItems; i++ {
		list := tag("list")
		body := wrap("para", filler(12+i*7)) + "\n\n" +
			"- " + list + "{ " + wrap("item", filler(6)) + "\n" +
			"- " + wrap("item", filler(20+i%3*9)) + "\n" +
			"- " + wrap("item", filler(5+i%2*20)) + " }" + list + "\n\n" +
			wrap("para", filler(30+i%4*15))
		// The sources print once, numbered, at the end: each is its own
		// entry there, so each is tagged on its own.
		h.Items = append(h.Items, handout.Item{
			Ref: fmt.Sprintf("topic:widow-%d", i+1), Title: fmt.Sprintf("Section %d", i+1), Body: body, Full: true,
			Sources: []string{
				wrap("source", "Author A, et al. A study of backs. Journal 2015;"+fmt.Sprint(i)),
				wrap("source", "Author B. Another study of necks and how they move. 2019."),
				wrap("source", "Guideline C (2020)."),
			},
		})
	}
	var instr []string
	for i := 0; i < extraLines; i++ {
		instr = append(instr, wrap("instr", filler(8)))
	}
	h.HomeCare.Instructions = strings.Join(instr, "\n\n")
	h.HomeCare.Stretches = nil
	for k := 1; k <= 4; k++ {
		st := tag("stretch")
		steps := []string{
			st + "{ " + wrap("step", filler(10)),
			wrap("step", filler(9+k*6)),
			wrap("step", filler(4+k%2*14)),
			wrap("step", filler(7+k*3)) + fmt.Sprintf(" laststep-%d.", k),
		}
		h.HomeCare.Stretches = append(h.HomeCare.Stretches, handout.Stretch{
			ID: fmt.Sprintf("s%d", k), Name: fmt.Sprintf("Stretch number %d", k), Steps: steps,
			// Cautions of one, two and three lines.
			Cautions: fmt.Sprintf("cautionof-%d. ", k) + wrap("caution", filler(4+(k-1)%3*17)) + " }" + st,
		})
	}
	return h
}

// bodyLines are a page's lines without the running header and the footer.
func bodyLines(p readPage) []string {
	var out []string
	for _, l := range p.lines() {
		if strings.Contains(l, disclaimer) || strings.HasPrefix(l, samplePatient().Name+" · ") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// pageOf is the first page (from 1) with a line containing s, or 0.
func pageOf(pages []readPage, s string) int {
	for i, p := range pages {
		for _, l := range bodyLines(p) {
			if strings.Contains(l, s) {
				return i + 1
			}
		}
	}
	return 0
}

// widowPlanLead is how many paragraphs of home plan fill page 1, so that
// the red-flag box and the exercises after it print on page 2.
const widowPlanLead = 24

// TestNoWidows renders handouts with page breaks falling in every part of
// the home-care plan and the items, and checks that no page starts with the
// lone last line of a unit, and that each stretch's caution is on the page
// of the stretch's last step.
func TestNoWidows(t *testing.T) {
	breaksInPlan := 0
	for _, paper := range []handout.Paper{handout.Letter, handout.A4} {
		for nItems := 1; nItems <= 6; nItems++ {
			for extra := 0; extra <= 8; extra++ {
				name := fmt.Sprintf("%s/items=%d/extra=%d", paper, nItems, extra)
				c := sampleClinic(t)
				c.Paper = paper
				// The exercises start page 2 (page 1 is the visit): a
				// home plan long enough to carry the red-flag box onto
				// page 2 puts them below it there, and extra moves them
				// down that page a line at a time.
				_, pages := render(t, widowHandout(nItems, widowPlanLead+extra), samplePatient(), c)
				planStart := pageOf(pages, "Your home exercises")
				planEnd := pageOf(pages, "Stop any exercise")
				if planStart == 0 || planEnd == 0 {
					t.Fatalf("%s: the home-care plan is missing", name)
				}
				breaksInPlan += planEnd - planStart
				for i := 1; i < len(pages); i++ {
					lines := bodyLines(pages[i])
					if len(lines) == 0 {
						t.Errorf("%s: page %d has no text", name, i+1)
						continue
					}
					first := lines[0]
					begun := map[string]bool{}
					for _, m := range tagBegin.FindAllStringSubmatch(first, -1) {
						begun[m[1]] = true
					}
					for _, m := range tagEnd.FindAllStringSubmatch(first, -1) {
						if !begun[m[1]] {
							t.Errorf("%s: page %d starts with the last line of %s alone: %q", name, i+1, m[1], first)
						}
					}
				}
				// The cautions print once, after the exercises: on the
				// page of the last exercise, so they are read with it.
				lastEx := pageOf(pages, "laststep-4.")
				for k := 1; k <= 4; k++ {
					last, caution := pageOf(pages, fmt.Sprintf("laststep-%d.", k)), pageOf(pages, fmt.Sprintf("cautionof-%d.", k))
					if last == 0 || caution == 0 {
						t.Fatalf("%s: stretch %d's last step or caution is missing", name, k)
					}
					if caution != lastEx {
						t.Errorf("%s: stretch %d's caution is on page %d, the last exercise on page %d", name, k, caution, lastEx)
					}
				}
				checkPages(t, pages, paper)
			}
		}
	}
	// The test means something only if the breaks did fall inside plans.
	t.Logf("%d page breaks fell inside a home-care plan", breaksInPlan)
	if breaksInPlan < 20 {
		t.Errorf("only %d page breaks fell inside a home-care plan; the cases do not test the plan", breaksInPlan)
	}
}

// TestNoWidowsAtAnyPageLength lays out one tagged handout with the page
// foot moved a point at a time, so that a page break falls after every
// line of it in turn: inside lists, steps and cautions. (The sources are
// set in columns, each entry whole, laid out for the page they fall on.)
func TestNoWidowsAtAnyPageLength(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	g := geometryFor(handout.Letter)
	d := &document{h: widowHandout(3, 1), p: samplePatient(), c: sampleClinic(t), g: g,
		fl: &flow{fonts: fonts, width: g.w - g.left - g.right}}
	d.compose()
	lineText := func(it item) string {
		var b strings.Builder
		for _, f := range it.frags {
			b.WriteString(f.text)
		}
		return b.String()
	}
	for bottom := g.top + 300; bottom <= g.bottom; bottom++ {
		gg := g
		gg.bottom = bottom
		items := append([]item(nil), d.fl.items...)
		paginate(items, gg)
		for i, it := range items {
			if it.kind == itemGap || i == 0 {
				continue
			}
			prev := i - 1
			for prev > 0 && items[prev].kind == itemGap {
				prev--
			}
			if items[prev].page == it.page || it.kind != itemLine {
				continue
			}
			first := lineText(it)
			begun := map[string]bool{}
			for _, m := range tagBegin.FindAllStringSubmatch(first, -1) {
				begun[m[1]] = true
			}
			for _, m := range tagEnd.FindAllStringSubmatch(first, -1) {
				if !begun[m[1]] {
					t.Errorf("page foot at %.0f pt: page %d starts with the last line of %s alone: %q", bottom, it.page, m[1], first)
				}
			}
		}
		// The exercises and their cautions are drawn blocks (cells in
		// rows), which never split; the cautions' block (the last block
		// before "More about": four exercises fill their rows) is bound
		// to the last row. The sources after it are blocks too.
		var blocks []int
		for i, it := range items {
			if it.kind == itemLine && lineText(it) == "More about" {
				break
			}
			if it.kind == itemBlock {
				blocks = append(blocks, i)
			}
		}
		if n := len(blocks); n < 3 || items[blocks[n-1]].page != items[blocks[n-2]].page {
			t.Errorf("page foot at %.0f pt: the cautions are not on the page of the last exercises", bottom)
		}
	}
}
