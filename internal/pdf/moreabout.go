package pdf

import (
	"fmt"
	"slices"
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
	"chairside/internal/words"
)

// The handout's first page is the visit (what we found, what to do, when
// to seek care); the explanations follow under "More about", short by
// default: each item's key points as one paragraph, its full text only
// where the clinician asked for it. The same structure on both sides (the
// left and right L5 roots) is explained once, and every source is printed
// once, numbered, at the end, each item carrying its numbers.

// moreItem is one explanation as printed: one item, or the left and right
// items of the same structure merged.
type moreItem struct {
	title     string
	keyPoints []string
	body      string // Markdown; printed when full
	full      bool
	sources   []string
	// keySources are the sources its key points rest on: what it cites
	// when printed short (handout.Item.ShortSources).
	keySources []string
	english    bool // the text fell back to English (englishItems)
}

// sideless is an item's reference without its side ("nerve:L5" for
// "nerve:L5:left") and the side, for a structure the anatomy knows to be
// paired; ok is false for everything else.
func sideless(ref string) (base string, side anatomy.Side, ok bool) {
	st, found := anatomy.Lookup(ref)
	if !found || st.Side == anatomy.NoSide {
		return "", anatomy.NoSide, false
	}
	base, ok = strings.CutSuffix(ref, ":"+string(st.Side))
	return base, st.Side, ok
}

// moreItems merges the items into what "More about" prints, in the
// handout's order: a left and a right item of the same structure become
// one, at the place of the first.
func (d *document) moreItems() []moreItem {
	var out []moreItem
	merged := map[int]bool{}
	english := englishItems(d.h)
	for i, it := range d.h.Items {
		if merged[i] {
			continue
		}
		m := moreItem{title: d.itemTitle(it), keyPoints: it.KeyPoints, body: it.Body, full: it.Full, sources: it.Sources,
			keySources: it.ShortSources(), english: english[it.Ref]}
		if base, side, ok := sideless(it.Ref); ok {
			for j := i + 1; j < len(d.h.Items); j++ {
				other := d.h.Items[j]
				ob, os, ook := sideless(other.Ref)
				if merged[j] || !ook || ob != base || os == side {
					continue
				}
				merged[j] = true
				m.title = d.bothSidesTitle(it.Ref, m.title)
				m.keyPoints = unionLines(it.KeyPoints, other.KeyPoints)
				m.body = strings.Join(unionLines(strings.Split(it.Body, "\n\n"), strings.Split(other.Body, "\n\n")), "\n\n")
				m.full = it.Full || other.Full
				m.sources = unionLines(it.Sources, other.Sources)
				m.keySources = unionLines(it.ShortSources(), other.ShortSources())
				m.english = m.english || english[other.Ref]
				break
			}
		}
		out = append(out, m)
	}
	return out
}

// itemTitle is the heading an item prints under.
func (d *document) itemTitle(it handout.Item) string {
	if t := strings.TrimSpace(it.Title); t != "" {
		return t
	}
	return words.UpperFirst(d.structureName(it.Ref))
}

// bothSidesTitle names a paired structure on both sides ("L5 nerve roots
// (left and right)"), falling back to the item's own title where the
// language has no such words for its kind.
func (d *document) bothSidesTitle(ref, fallback string) string {
	st, ok := anatomy.Lookup(ref)
	if !ok {
		return fallback
	}
	level := st.Level
	if st.Kind == anatomy.Disc || st.Kind == anatomy.Facet {
		level = anatomy.SegmentLabel(st.Level)
	}
	key := "structure." + string(st.Kind) + ".both"
	s := d.w.F(key, map[string]any{"Level": level})
	if s == key || strings.HasPrefix(s, "structure.") {
		return fallback
	}
	return words.UpperFirst(s)
}

// unionLines is a followed by the lines of b that a does not have, each
// compared without surrounding space: the sentences both sides share
// print once and the side-specific ones are kept.
func unionLines(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]string{a, b} {
		for _, s := range list {
			k := strings.TrimSpace(s)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// sourceNumbers numbers every source once, in order of first use.
type sourceNumbers struct {
	list []string
	num  map[string]int
}

func (sn *sourceNumbers) add(s string) int {
	k := strings.TrimSpace(s)
	if n, ok := sn.num[k]; ok {
		return n
	}
	if sn.num == nil {
		sn.num = map[string]int{}
	}
	sn.list = append(sn.list, k)
	sn.num[k] = len(sn.list)
	return len(sn.list)
}

// moreAbout prints the explanations: each item's key points as a short
// paragraph (its full text where chosen), then its source numbers.
func (d *document) moreAbout() {
	items := d.moreItems()
	if len(items) == 0 {
		return
	}
	fl := d.fl
	fl.para([]span{{text: d.clean(d.w.T("handout.more.heading")), bold: true}}, paraStyle{
		size: sizeSection, leading: leadSection, color: colAccent, before: 7, after: 2, heading: true})
	printed := map[string]bool{} // key points already printed under an earlier item
	for _, m := range items {
		m.keyPoints = newKeyPoints(m.keyPoints, printed)
		short := !m.full && summary(m) != ""
		// Printed short, an item cites only what its key points rest on,
		// so the list at the end holds only sources the reader was
		// pointed to; its full text cites them all.
		cited := m.sources
		if short {
			cited = m.keySources
		}
		var nums []int
		for _, s := range cited {
			if strings.TrimSpace(s) != "" {
				nums = append(nums, d.srcs.add(s))
			}
		}
		// In order, so that they read as ranges ("3–7, 9–12", not "3, 9,
		// 10, 6, 11, 7, 12, 4, 5"), a line shorter.
		slices.Sort(nums)
		cite := ""
		if len(nums) > 0 {
			cite = keepWithNumber(d.w.N("handout.more.sources", len(nums), map[string]any{"Numbers": numberRanges(nums)}))
		}
		if short {
			sum := summary(m)
			// The title runs into the paragraph and the numbers close it,
			// so neither costs a line of its own.
			lead := d.clean(strings.TrimSpace(m.title))
			if lead != "" && !strings.ContainsAny(lead[len(lead)-1:], ".?!:") {
				lead += "."
			}
			spans := []span{{text: lead + " ", bold: true}, {text: d.clean(sum)}}
			if cite != "" {
				spans = append(spans, span{text: " (" + cite + ")", italic: true})
			}
			fl.para(spans, d.keyPointsStyle())
			d.englishNote(m)
			continue
		}
		fl.para([]span{{text: d.clean(m.title), bold: true}}, paraStyle{
			size: sizeSubhead, leading: leadSubhead, color: colInk, before: 4, after: 1, heading: true})
		d.markdown(m.body)
		if cite != "" {
			fl.keepLast()
			fl.para([]span{{text: cite}}, paraStyle{size: sizeSmall, leading: leadSmall, color: colMuted, after: 3})
		}
		d.englishNote(m)
	}
}

// keyPointsStyle is an item's short paragraph: a point under the body
// text, or, set snug to save a page, 9 pt on 10.8 (a leading of 1.2, as
// books set), with less space between the items.
func (d *document) keyPointsStyle() paraStyle {
	if d.snug {
		return paraStyle{size: sizeBody - 1.5, leading: 10.8, color: colInk, before: 0.75, after: 0.75}
	}
	return paraStyle{size: sizeBody - 1, leading: 11.4, color: colInk, before: 1.5, after: 1.5}
}

// keepWithNumber binds the word before the first number ("Sources",
// "Fuentes") to it with a no-break space, so that a paragraph never ends
// one line with "(Fuentes" and the next with "10–12)".
func keepWithNumber(s string) string {
	i := strings.IndexAny(s, "0123456789")
	if i <= 0 || s[i-1] != ' ' {
		return s
	}
	return s[:i-1] + "\u00a0" + s[i:]
}

// numberRanges lists source numbers in the order given, a run of three
// or more consecutive numbers as a range ("1–8, 12"): an item's sources
// are mostly numbered in a row, and the range costs a fraction of the line.
func numberRanges(nums []int) string {
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, fmt.Sprintf("%d–%d", nums[i], nums[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, fmt.Sprint(nums[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// newKeyPoints are the key points of an item not printed yet, recorded as
// printed: the explanations of one region share sentences word for word
// ("Call your emergency number now for loss of bladder or bowel
// control…"), and a sentence read once under the first item need not cost
// its lines again under each of the others. An item whose key points were
// all printed already keeps them, so it still says something.
func newKeyPoints(kps []string, printed map[string]bool) []string {
	var out []string
	for _, k := range kps {
		if t := strings.TrimSpace(k); t != "" && !printed[t] {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return kps
	}
	for _, k := range out {
		printed[strings.TrimSpace(k)] = true
	}
	return out
}

// englishNote says under an item that its text is in English, not yet
// translated into the handout's language.
func (d *document) englishNote(m moreItem) {
	if !m.english {
		return
	}
	d.fl.keepLast()
	d.fl.para([]span{{text: d.clean(d.w.T("print.pdf.fallback")), italic: true}}, paraStyle{size: sizeSmall, leading: leadSmall, color: colMuted, after: 3})
}

// summary is what an item prints by default: its key points as one short
// paragraph or, for a text saved without key points, its first paragraph.
func summary(m moreItem) string {
	var kp []string
	for _, k := range m.keyPoints {
		if k = strings.TrimSpace(k); k != "" {
			kp = append(kp, k)
		}
	}
	if len(kp) > 0 {
		return strings.Join(kp, " ")
	}
	for _, b := range parseMarkdown(m.body) {
		if b.kind != mdPara || b.depth > 0 || b.quote {
			continue
		}
		var sb strings.Builder
		for _, s := range b.spans {
			sb.WriteString(s.text)
		}
		if t := strings.TrimSpace(sb.String()); t != "" {
			return t
		}
	}
	return ""
}

// sourceList prints every source once, numbered, short (first author,
// year, title: citation.go), in fine print in two columns read down the
// left and then the right, like the reference list of a leaflet. A list
// longer than the room left on the page continues in two columns on the
// next, each entry whole.
func (d *document) sourceList() {
	if len(d.srcs.list) == 0 {
		return
	}
	fl := d.fl
	lead, above := leadSources, 4.0
	if d.snug {
		// set snug, the list's rows half a point closer
		lead, above = leadSources-0.5, 2
	}
	colW := (fl.width - srcColumnGap*(srcColumns-1)) / srcColumns
	numW := fl.measure(faceRegular, sizeSources, fmt.Sprintf("%d.", len(d.srcs.list))) + sizeSources*0.45
	entries := make([][]cellLine, len(d.srcs.list))
	for i, s := range d.srcs.list {
		fits := func(e string) bool { return fl.measure(faceRegular, sizeSources, d.clean(e)) <= colW-numW }
		entries[i] = d.cellText(nil, []span{{text: d.clean(shortCitation(s, fits))}}, fmt.Sprintf("%d.", i+1), numW, colW,
			sizeSources, lead, colMuted)
	}
	// The heading heads the left column, so it costs a line of the list
	// rather than a line across the page.
	heading := d.cellText(nil, []span{{text: d.w.T("handout.sources.heading"), bold: true}}, "", 0, colW,
		sizeSources+0.6, lead+0.8, colMuted)
	entries = append([][]cellLine{heading}, entries...)
	// The bold heading sets the list apart; more space above it cost a
	// row of the list on a full second page.
	fl.gap(above, nil)
	// Where the list starts, so the first part can be made to fill what
	// is left of that page.
	room := d.roomLeft()
	fullPage := d.g.bottom - d.g.top
	for len(entries) > 0 {
		n, h := sourceColumns(entries, room)
		if n < 2 && len(entries) > 1 && room < fullPage {
			// Not even the heading and one source fit: the list
			// starts on the next page.
			n, h = sourceColumns(entries, fullPage)
		}
		if n == 0 {
			n, h = 1, linesHeight(entries[0])
		}
		part := entries[:n]
		entries = entries[n:]
		ends, _ := balance(part, srcColumns)
		fl.block(h, false, func(dr *drawer, x, y float64) {
			from := 0
			for k, end := range ends {
				cy := y
				for _, e := range part[from:end] {
					drawLines(dr, e, x+float64(k)*(colW+srcColumnGap), cy)
					cy += linesHeight(e)
				}
				from = end
			}
		})
		room = fullPage
	}
}

// roomLeft is the height left on the page where the next block would
// start.
func (d *document) roomLeft() float64 {
	return d.g.bottom - layoutEnd(d.fl.items, d.g)
}

// layoutEnd is where the last of items ends on its page, laid out in g: a
// copy of them paginated, so the flow itself is left as it was.
func layoutEnd(items []item, g geometry) float64 {
	probe := slices.Clone(items)
	paginate(probe, g)
	last := probe[len(probe)-1]
	return last.y + last.h
}

// The sources are set in srcColumns columns, srcColumnGap apart.
const (
	srcColumns   = 2
	srcColumnGap = 14
)

// sourceColumns is how many of the entries, from the first, fit in
// srcColumns columns no taller than room, and the height they take.
func sourceColumns(entries [][]cellLine, room float64) (n int, h float64) {
	for k := 1; k <= len(entries); k++ {
		_, hk := balance(entries[:k], srcColumns)
		if hk > room {
			break
		}
		n, h = k, hk
	}
	return n, h
}

// balance splits entries between cols columns, in order, so that the
// tallest column is as short as it can be: ends[c] is the end of column
// c's entries.
func balance(entries [][]cellLine, cols int) (ends []int, h float64) {
	sum := make([]float64, len(entries)+1)
	for i, e := range entries {
		sum[i+1] = sum[i] + linesHeight(e)
	}
	var best func(from, cols int) ([]int, float64)
	best = func(from, cols int) ([]int, float64) {
		if cols == 1 {
			return []int{len(entries)}, sum[len(entries)] - sum[from]
		}
		var ends []int
		h := -1.0
		for end := from; end <= len(entries); end++ {
			rest, hr := best(end, cols-1)
			if t := max(sum[end]-sum[from], hr); h < 0 || t < h {
				ends, h = append([]int{end}, rest...), t
			}
		}
		return ends, h
	}
	return best(0, cols)
}

// whatToDo is the home plan and the clinician's notes, on the first page.
func (d *document) whatToDo() {
	if d.todoBeside {
		return
	}
	plan := strings.TrimSpace(d.h.HomeCare.Instructions)
	notes := strings.TrimSpace(d.h.ClinicianNotes)
	if plan == "" && notes == "" {
		return
	}
	d.sectionHeading(d.w.T("handout.todo.heading"))
	d.plainText(plan)
	d.plainText(notes)
}

// todoLine is one line of "What to do" set in the column beside the
// picture.
type todoLine struct {
	frags      []frag
	size, lead float64
	color      rgb
}

// todoLines sets "What to do" (its heading, the home plan and the
// clinician's notes) for a column of width w; nil when there is none.
func (d *document) todoLines(w float64) []todoLine {
	plan := strings.TrimSpace(d.h.HomeCare.Instructions)
	notes := strings.TrimSpace(d.h.ClinicianNotes)
	if plan == "" && notes == "" {
		return nil
	}
	const size, lead = 9.5, 12
	out := []todoLine{}
	for _, ln := range d.fl.breakLines([]span{{text: d.w.T("handout.todo.heading"), bold: true}}, sizeSubhead, w) {
		out = append(out, todoLine{frags: ln, size: sizeSubhead, lead: leadSubhead + 2, color: colAccent})
	}
	for _, text := range []string{plan, notes} {
		for _, p := range strings.Split(text, "\n\n") {
			if p = strings.Trim(p, "\n"); strings.TrimSpace(p) == "" {
				continue
			}
			for _, ln := range d.fl.breakLines([]span{{text: d.clean(p)}}, size, w) {
				out = append(out, todoLine{frags: ln, size: size, lead: lead, color: colInk})
			}
			out[len(out)-1].lead += 4 // paragraph space
		}
	}
	return out
}
