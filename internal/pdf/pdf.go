// Package pdf prints a handout: it lays the model of internal/handout out
// on Letter or A4 pages (letterhead, the spine diagram drawn by
// internal/diagram as vectors, the explanations, the home-care plan and
// the red-flag box), embeds the fonts it needs, and writes the file whole
// or not at all. It also draws a PDF's first page for the print preview.
// It knows nothing of Fyne or SQL; the store never links it.
package pdf

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/words"

	"codeberg.org/go-pdf/fpdf"
)

// Type sizes and leading in points.
const (
	sizeBody    float64 = 10.5
	leadBody    float64 = 14.5
	sizeSection         = 14
	leadSection         = 18
	sizeSubhead float64 = 11.5
	leadSubhead float64 = 15
	sizeSmall           = 7.5
	leadSmall           = 10
	// The sources are reference matter for the few who look them up: the
	// smallest type on the page, so two dozen of them take a quarter page.
	sizeSources  = 5.6
	leadSources  = 6.7
	sizeTitle    = 20
	leadTitle    = 25
	sizeFooter   = 8
	listIndent   = 17
	sectionSpace = 13
	// The red-flag box is set a little smaller than the body, so the
	// whole list fits on the first page with the visit.
	sizeBox float64 = 8.5
	leadBox float64 = 9.9
	// todoOverhang is how far "What to do" beside the picture may run
	// below it.
	todoOverhang = 60
)

// defaultSeekCare is printed when a handout carries no list of its own
// (handouts saved before the list was kept with them): the red flags for
// back and neck pain, each led by what to do about it (the emergency
// number now, a doctor the same day, the next visit), in each language the
// content library has. Each is the list of topic:red-flags in the library,
// word for word (a test keeps them the same), so such a handout still
// prints every sign with its action.
var defaultSeekCare = map[string][]string{
	"en": {
		"Call your emergency number now: you lose control of your bladder or bowel, have trouble starting to pass urine or a weak stream, feel numb between your legs or when you wipe, have pain or numbness in both legs, or have new problems with sex.",
		"Call your emergency number now: a sudden, severe headache or neck pain unlike any before, with dizziness, double vision, trouble speaking or swallowing, a numb face, or sudden falls.",
		"Call your emergency number now: clumsy hands, dropping things, an unsteady walk, or weak arms or legs that are new or getting worse fast.",
		"Call your emergency number now: a major injury, such as a car crash or a fall from a height.",
		"See a doctor the same day: back pain with a fever. The same goes for new back pain if you have a weak immune system or a recent infection, inject drugs, or take steroid pills for a long time.",
		"See a doctor the same day: back pain after even a small fall or lift, if you have thin bones (osteoporosis) or take steroid pills for a long time.",
		"See a doctor the same day: new weakness in one arm or leg, such as a foot that drags, or weakness that is getting worse.",
		"See a doctor the same day: weight loss you cannot explain, or bad pain at night that does not ease when you rest or move.",
		"See a doctor the same or next day: new back pain if you have or have had cancer. This needs a prompt check, but not usually the emergency room.",
		"Tell your clinician at your next visit: pain, numbness or tingling that slowly spreads or gets worse, or pain that is not easing after a few weeks.",
	},
	"es": {
		"Llame ahora al número de emergencias: pierde el control de la vejiga o del intestino, le cuesta empezar a orinar o el chorro es débil, siente adormecida la zona entre las piernas o al limpiarse, tiene dolor o adormecimiento en las dos piernas, o tiene problemas nuevos con el sexo.",
		"Llame ahora al número de emergencias: un dolor de cabeza o de cuello fuerte y de golpe, como nunca antes, con mareo, visión doble, problemas para hablar o tragar, la cara adormecida o caídas de repente.",
		"Llame ahora al número de emergencias: manos torpes, se le caen las cosas, camina inestable, o tiene los brazos o las piernas débiles, y esto es nuevo o empeora rápido.",
		"Llame ahora al número de emergencias: un golpe fuerte, como un choque de auto o una caída desde lo alto.",
		"Vea a un médico el mismo día: dolor de espalda con fiebre. Lo mismo si tiene dolor de espalda nuevo y sus defensas están bajas, tuvo hace poco una infección, se inyecta drogas o toma pastillas de esteroides desde hace mucho tiempo.",
		"Vea a un médico el mismo día: dolor de espalda después de una caída o de levantar algo, aunque sea leve, si tiene los huesos débiles (osteoporosis) o toma pastillas de esteroides desde hace mucho tiempo.",
		"Vea a un médico el mismo día: debilidad nueva en un brazo o una pierna, como un pie que se arrastra, o una debilidad que va a peor.",
		"Vea a un médico el mismo día: pierde peso sin saber por qué, o tiene un dolor fuerte de noche que no se calma al descansar o moverse.",
		"Vea a un médico el mismo día o el siguiente: dolor de espalda nuevo si tiene o tuvo cáncer. Hay que revisarlo pronto, pero por lo general no en la sala de emergencias.",
		"Dígaselo a su profesional en la próxima visita: dolor, adormecimiento u hormigueo que se extiende poco a poco o empeora, o un dolor que no mejora después de unas semanas.",
	},
}

// DefaultSeekCare is the built-in red-flag list in lang, English for a
// language without one.
func DefaultSeekCare(lang string) []string {
	if l, ok := defaultSeekCare[strings.ToLower(strings.TrimSpace(lang))]; ok {
		return slices.Clone(l)
	}
	return slices.Clone(defaultSeekCare[i18n.DefaultLang])
}

// Write prints the handout for the patient, with the clinic's details in
// the header, on the clinic's paper size (letter unless set to A4). The
// fixed words (headings, the footer, the findings, dates) are in the
// handout's language, English for one without a catalogue of words.
//
// The PDF's creation date is the handout's last save, so printing the same
// saved handout twice gives the same file.
func Write(w io.Writer, h handout.Handout, p handout.Patient, c handout.Clinic) (err error) {
	// The layout never hands the PDF library text it cannot take, but a
	// handout must not bring the app down if the library trips anyway.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the PDF could not be made (%v); please report this handout", r)
		}
	}()
	doc, err := newDocument(h, p, c)
	if err != nil {
		return err
	}
	return doc.render(w)
}

// newDocument lays the handout out on pages, ready to render.
func newDocument(h handout.Handout, p handout.Patient, c handout.Clinic) (*document, error) {
	return composeHandout(h, p, c, true)
}

// composeHandout is newDocument, the snug setting allowed or not (a test
// compares the two).
func composeHandout(h handout.Handout, p handout.Patient, c handout.Clinic, snugAllowed bool) (*document, error) {
	h = h.WithNormalizedNewlines() // a note typed with CRLF prints as with LF
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	paper := handout.Paper(strings.ToLower(strings.TrimSpace(string(c.Paper))))
	switch paper {
	case "", handout.Letter:
		paper = handout.Letter
	case handout.A4:
	default:
		return nil, fmt.Errorf("unknown paper size %q: use letter or a4", c.Paper)
	}
	paperG := geometryFor(paper)
	g, scale := paperG, 1.0
	if h.LargePrint {
		scale = largePrint
		g = paperG.scaled(scale)
	}
	logo := prepareLogo(c.Logo)
	// lay composes the handout afresh, its picture no taller than figMaxH,
	// its explanations set snug or not.
	lay := func(figMaxH float64, snug bool) *document {
		d := &document{
			h: h, p: p, c: c, g: g, paper: paperG, scale: scale, w: i18n.For(h.Lang),
			fl:   &flow{fonts: fonts, width: g.w - g.left - g.right},
			logo: logo, figMaxH: figMaxH, snug: snug,
		}
		d.compose()
		return d
	}
	doc := lay(0, false)
	// Page 1 is the visit, the red-flag box on it: a picture of most of
	// the spine (findings from the mid back to the sacrum) gives up
	// height for the box, never below the usual panel's, and only when
	// that brings the whole box onto the page.
	for range 3 {
		// Half a point to spare, and a point when shrinking: the
		// pagination adds the heights up in another order, and a box
		// that ends exactly at the foot may round past it.
		over := doc.visitOverrun()
		if over < -0.5 || doc.fig == nil {
			break
		}
		shrink := math.Ceil(over) + 1
		if doc.fig.panelH-shrink < figPanelH {
			break
		}
		doc = lay(doc.fig.panelH-shrink, false)
	}
	doc.pages = paginate(doc.fl.items, g)
	// A last page holding only the end of the explanations or of the
	// source list (a few lines, up to a third of a page) is a sheet of
	// paper for a few lines: the explanations set snug (see moreAbout)
	// take it back onto the page before, if that is enough. Only then: a
	// handout that fits keeps the usual setting.
	if snugAllowed && doc.pages > 1 && doc.lastPageHeight() <= (g.bottom-g.top)/3 {
		snug := lay(doc.figMaxH, true)
		if snug.pages = paginate(snug.fl.items, g); snug.pages < doc.pages {
			doc = snug
		}
	}
	return doc, nil
}

// lastPageHeight is how far the last page's content runs below its top,
// in points.
func (d *document) lastPageHeight() float64 {
	return layoutEnd(d.fl.items, d.g) - d.g.top
}

// visitOverrun is how far the end of the red-flag box falls below the
// foot of page 1, in points; 0 or less when the box ends on page 1.
func (d *document) visitOverrun() float64 {
	if d.boxEnd == 0 {
		return 0
	}
	// Page 1 laid out as if it went on forever: the box's true end.
	endless := d.g
	endless.bottom = math.Inf(1)
	return layoutEnd(d.fl.items[:d.boxEnd], endless) - d.g.bottom
}

// Pages is how many pages the handout prints on, laid out as Write lays it
// out but not drawn: a few milliseconds, for the editor to show the count
// as the handout changes.
func Pages(h handout.Handout, p handout.Patient, c handout.Clinic) (pages int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the handout could not be laid out (%v); please report this handout", r)
		}
	}()
	doc, err := newDocument(h, p, c)
	if err != nil {
		return 0, err
	}
	return doc.pages, nil
}

// document is one handout being printed.
type document struct {
	h     handout.Handout
	p     handout.Patient
	c     handout.Clinic
	g     geometry   // the page the handout is laid out on
	paper geometry   // the paper it prints on: g scaled by scale
	scale float64    // 1, or largePrint
	w     i18n.Words // the fixed words in the handout's language
	fl    *flow
	logo  *logoImage
	pages int
	// text shared by the page furniture, cleaned for the fonts
	runningLeft, runningRight string
	runningFitted             bool
	srcs                      sourceNumbers // every source once, numbered
	todoBeside                bool          // "What to do" printed beside the picture
	fig                       *spineFigure  // the picture on page 1, nil for none
	figMaxH                   float64       // the tallest the picture may be; 0 for no limit
	boxEnd                    int           // the item after the red-flag box
	// snug sets the explanations ("More about") half a point smaller and
	// closer, and the source list's rows half a point closer, for a
	// handout that would otherwise spill a few lines onto one more page.
	snug bool
}

func (d *document) clean(s string) string { return d.fl.fonts.clean(s) }

// compose lays out the whole handout as a flow of items.
func (d *document) compose() {
	d.header()
	d.titleBlock()
	d.figure()
	d.whatToDo()
	d.seekCare()
	d.homeCare()
	d.exerciseLog()
	d.moreAbout()
	d.sourceList()

	d.runningLeft = d.clean(strings.TrimSpace(d.p.Name))
	if t := d.title(); t != "" {
		if d.runningLeft != "" {
			d.runningLeft += " · "
		}
		d.runningLeft += t
	}
	d.runningRight = d.w.Date(d.h.Date)
}

func (d *document) title() string {
	if t := strings.TrimSpace(d.h.Title); t != "" {
		return d.clean(t)
	}
	return d.w.T("handout.title")
}

// header is the clinic's letterhead: logo, name, address, phone, website.
func (d *document) header() {
	fl := d.fl
	logoW, logoH := 0.0, 0.0
	if d.logo != nil {
		logoH = 52.0
		logoW = logoH * float64(d.logo.w) / float64(d.logo.h)
		if logoW > 150 {
			logoW = 150
			logoH = logoW * float64(d.logo.h) / float64(d.logo.w)
		}
	}
	textX := 0.0
	if logoW > 0 {
		textX = logoW + 14
	}
	colW := fl.width - textX
	type hline struct {
		frags         []frag
		size, advance float64
		color         rgb
	}
	var lines []hline
	add := func(s string, bold bool, size, lead float64, col rgb, maxLines int) {
		s = d.clean(strings.TrimSpace(s))
		for _, part := range strings.Split(s, "\n") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			ls := fl.breakLines([]span{{text: part, bold: bold}}, size, colW)
			if len(ls) > maxLines {
				// Settings text this long is a typing slip; keep the
				// letterhead to a few lines and show it was cut.
				ls = ls[:maxLines]
				last := ls[maxLines-1]
				lf := &last[len(last)-1]
				lf.text = fitText(fl, lf.face, size, lf.text+"…", colW-lf.x)
			}
			for _, l := range ls {
				lines = append(lines, hline{frags: l, size: size, advance: lead, color: col})
			}
		}
	}
	add(d.c.Name, true, 13, 17, colAccent, 2)
	add(d.c.Address, false, 9, 12, colMuted, 4)
	contact := joinNonEmpty(" · ", d.c.Phone, d.c.Website)
	add(contact, false, 9, 12, colMuted, 2)
	if len(lines) == 0 && d.logo == nil {
		return
	}
	textH := 0.0
	for _, l := range lines {
		textH += l.advance
	}
	height := textH
	if logoH > height {
		height = logoH
	}
	logo := d.logo
	fl.block(height, false, func(dr *drawer, x, y float64) {
		if logo != nil {
			dr.image(logo, x, y, logoW, logoH)
		}
		ty := y
		if logoH > textH {
			ty += (logoH - textH) / 2
		}
		for _, l := range lines {
			base := ty + (l.advance-l.size)/2 + l.size*0.8
			for _, f := range l.frags {
				dr.text(x+textX+f.x, base, f.face, l.size, l.color, f.text)
			}
			ty += l.advance
		}
	})
	fl.gap(10, nil)
	fl.rule(0, 0)
}

// titleBlock prints the handout's title, the patient, the date and the clinician.
func (d *document) titleBlock() {
	fl := d.fl
	fl.para([]span{{text: d.title(), bold: true}}, paraStyle{
		size: sizeTitle, leading: leadTitle, color: colAccent, before: 10, after: 2, heading: true})
	if name := d.clean(strings.TrimSpace(d.p.Name)); name != "" {
		fl.para([]span{{text: name, bold: true}}, paraStyle{
			size: 13, leading: 17, color: colInk, heading: true})
	}
	var meta []string
	if ds := d.w.Date(d.h.Date); ds != "" {
		meta = append(meta, d.w.F("handout.visit", map[string]any{"Date": ds}))
	}
	if d.p.DOB != nil && !d.p.DOB.IsZero() {
		meta = append(meta, d.w.F("handout.dob", map[string]any{"Date": d.w.Date(*d.p.DOB)}))
	}
	if cl := d.clean(strings.TrimSpace(d.c.Clinician)); cl != "" {
		meta = append(meta, d.w.F("handout.clinician", map[string]any{"Name": cl}))
	}
	if len(meta) > 0 {
		fl.para([]span{{text: strings.Join(meta, "   ·   ")}}, paraStyle{
			size: 9.5, leading: 13, color: colMuted, before: 1})
	}
	fl.gap(6, nil)
}

// sectionHeading starts a section (an item, the notes, the home-care plan).
func (d *document) sectionHeading(title string) {
	d.fl.para([]span{{text: d.clean(title), bold: true}}, paraStyle{
		size: sizeSection, leading: leadSection, color: colAccent, before: sectionSpace, after: 3, heading: true})
}

// figure is the spine diagram with the legend of marks beside it. The
// legend entries that do not fit beside the picture continue below it.
func (d *document) figure() {
	fig := newSpineFigure(d.fl, d.h, d.w, d.figMaxH)
	d.fig = fig
	if fig == nil {
		d.marks()
		return
	}
	fl := d.fl
	heading := "handout.spine.heading"
	if len(d.h.Marks) > 0 {
		heading = "handout.found.heading"
	}
	d.sectionHeading(d.w.T(heading))
	colX := fig.width() + 16
	colW := fl.width - colX
	var intro []span
	discussed, _ := figureStructures(d.h)
	if len(discussed) > 0 {
		intro = append(intro, span{text: d.w.T("handout.spine.shaded") + " "})
	}
	if len(d.h.Marks) > 0 {
		intro = append(intro, span{text: d.w.T("handout.spine.numbered")})
	}
	const introSize, introLead = 8.5, 11.5
	introLines := fl.breakLines(intro, introSize, colW)
	entries := d.legendEntries(colW)
	y := float64(len(introLines))*introLead + 8
	fit := 0
	for fit < len(entries) && y+entries[fit].h <= fig.panelH+figCaption {
		y += entries[fit].h
		fit++
	}
	beside := entries[:fit]
	blockH := fig.panelH + figCaption
	// "What to do" goes in the column under the findings when the whole
	// of it fits there, so the red-flag box still fits on the first page.
	var todo []todoLine
	if fit == len(entries) {
		todo = d.todoLines(colW)
		h := 0.0
		for _, l := range todo {
			h += l.lead
		}
		// It may run a little below the picture, never far: a long
		// plan reads better across the page.
		if len(todo) == 0 || y+14+h > fig.panelH+figCaption+todoOverhang {
			todo = nil
		} else {
			d.todoBeside = true
			blockH = max(blockH, y+14+h)
		}
	}
	fl.block(blockH, false, func(dr *drawer, x, y float64) {
		fig.draw(dr, fl, x, y)
		ty := y
		for _, ln := range introLines {
			for _, f := range ln {
				dr.text(x+colX+f.x, ty+introSize, f.face, introSize, colMuted, f.text)
			}
			ty += introLead
		}
		ty += 8
		for _, e := range beside {
			dr.drawLegendEntry(fl, e, x+colX, ty)
			ty += e.h
		}
		ty += 14
		for _, l := range todo {
			for _, f := range l.frags {
				dr.text(x+colX+f.x, ty+l.size, f.face, l.size, l.color, f.text)
			}
			ty += l.lead
		}
		drawAxialInset(dr, fl, d.h, d.w, fig, x, y, insetRoom{x + colX, ty + 4, colW, y + blockH}) // inset.go: a disc or canal finding's level from above
	})
	if fit < len(entries) {
		fl.gap(6, nil)
		wide := d.legendEntries(fl.width)[fit:]
		for _, e := range wide {
			fl.block(e.h, false, func(dr *drawer, x, y float64) { dr.drawLegendEntry(fl, e, x, y) })
		}
	}
}

// marks lists the areas the clinician marked when none of them is on the
// diagram (structure IDs the anatomy does not know).
func (d *document) marks() {
	if len(d.h.Marks) == 0 {
		return
	}
	d.sectionHeading(d.w.T("handout.found.heading"))
	start := len(d.fl.items)
	for i, m := range d.h.Marks {
		d.fl.para(markSpans(d, m), paraStyle{
			size: sizeBody, leading: leadBody, color: colInk, indent: listIndent,
			marker: fmt.Sprintf("%d.", i+1), markerBold: true, after: 2.5})
	}
	d.fl.keepEnd(start)
}

func markSpans(d *document, m handout.Mark) []span {
	label := d.clean(d.w.Finding(string(m.Finding)))
	if label == "" {
		label = d.w.T("handout.marks.unlabelled")
	}
	if detail := findingDetail(d.w, m); detail != "" {
		label += " (" + d.clean(detail) + ")"
	}
	where := d.structureName(m.Structure)
	if m.SideNote() != "" {
		where += ", " + d.w.T("handout.marks.side."+string(m.At.Side()))
	}
	out := []span{{text: words.UpperFirst(label), bold: true}, {text: " – " + d.clean(where)}}
	if n := strings.TrimSpace(m.Note); n != "" {
		out = append(out, span{text: ": "}, span{text: d.clean(n), italic: true})
	}
	return out
}

// structureName is the printed name of a structure, topic or condition ID.
func (d *document) structureName(id string) string {
	if id == "" {
		return d.w.T("handout.marks.unspecified")
	}
	return d.w.StructureName(id)
}

// markdown prints an item's body text.
func (d *document) markdown(body string) {
	fl := d.fl
	blocks := parseMarkdown(body)
	inList := func(b mdBlock) bool { return b.depth > 0 && !b.quote }
	listStart := -1
	for bi, b := range blocks {
		if inList(b) && listStart < 0 {
			listStart = len(fl.items)
		}
		spans := make([]span, len(b.spans))
		for i, s := range b.spans {
			s.text = d.clean(s.text)
			if b.quote {
				s.italic = true
			}
			spans[i] = s
		}
		indent := float64(b.depth) * listIndent
		col := colInk
		if b.quote {
			col = colMuted
		}
		switch b.kind {
		case mdHeading:
			size, lead := sizeSubhead, leadSubhead
			if b.level >= 3 {
				size, lead = sizeBody, leadBody
			}
			for i := range spans {
				spans[i].bold = true
			}
			fl.para(spans, paraStyle{size: size, leading: lead, color: colInk, indent: indent, before: 6, after: 1.5, heading: true})
		case mdRule:
			fl.rule(4, 6)
		case mdCode:
			fl.para(spans, paraStyle{size: sizeBody - 1, leading: leadBody - 1.5, color: colMuted, indent: indent + 8, before: 1, after: 5})
		default:
			after := 5.0
			if b.depth > 0 && !b.quote {
				after = 2.5
				if bi+1 < len(blocks) && blocks[bi+1].depth < b.depth {
					after = 6 // the end of a list
				}
			}
			fl.para(spans, paraStyle{size: sizeBody, leading: leadBody, color: col, indent: indent, marker: b.marker, after: after})
		}
		if listStart >= 0 && (bi+1 == len(blocks) || !inList(blocks[bi+1])) {
			fl.keepEnd(listStart) // the list's last item does not start a page alone
			listStart = -1
		}
	}
}

// plainText prints free text typed by the clinician as it was typed: blank
// lines separate paragraphs, single line breaks are kept. Markdown
// characters in it are printed, not interpreted.
func (d *document) plainText(s string) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	for _, p := range strings.Split(s, "\n\n") {
		p = strings.Trim(p, "\n")
		if strings.TrimSpace(p) == "" {
			continue
		}
		d.fl.para([]span{{text: d.clean(p)}}, paraStyle{size: sizeBody, leading: leadBody, color: colInk, after: 5})
	}
}

// seekCare is the red-flags box. It is printed on every handout, with the
// built-in list when the handout has none of its own.
func (d *document) seekCare() {
	fl := d.fl
	list := make([]string, 0, len(d.h.SeekCare))
	for _, s := range d.h.SeekCare {
		if s = strings.TrimSpace(s); s != "" {
			list = append(list, s)
		}
	}
	if len(list) == 0 {
		list = DefaultSeekCare(d.w.Lang())
	}
	bx := &box{stroke: colRed, fill: colRedFill, pad: 8}
	fl.gap(8, nil)
	start := len(fl.items)
	fl.gap(bx.pad-2, bx)
	fl.para([]span{{text: d.w.T("handout.seekcare.heading"), bold: true}}, paraStyle{
		size: 11.5, leading: 14, color: colRed, after: 2, box: bx, heading: true})
	groups := seekCareGroups(list)
	if len(groups) == 1 && groups[0].action == "" {
		// A list saved before the signs carried their actions.
		fl.para([]span{{text: d.w.T("handout.seekcare.intro")}}, paraStyle{
			size: sizeBox, leading: leadBox, color: colInk, after: 3, box: bx})
	}
	for _, g := range groups {
		switch {
		case g.action == "":
			for _, s := range g.signs {
				fl.para([]span{{text: d.clean(s)}}, paraStyle{
					size: sizeBox, leading: leadBox, color: colInk, indent: listIndent, marker: "•", after: 2, box: bx})
			}
		case len(g.signs) == 1:
			fl.para([]span{{text: d.clean(g.action) + ": ", bold: true}, {text: d.clean(g.signs[0])}}, paraStyle{
				size: sizeBox, leading: leadBox, color: colInk, before: 2, after: 2, box: bx})
		default:
			fl.para([]span{{text: d.clean(g.action) + ":", bold: true}}, paraStyle{
				size: sizeBox, leading: leadBox, color: colInk, before: 2, after: 1, box: bx, heading: true})
			for _, s := range g.signs {
				fl.para([]span{{text: d.clean(s)}}, paraStyle{
					size: sizeBox, leading: leadBox, color: colInk, indent: listIndent, marker: "•", after: 2, box: bx})
			}
		}
	}
	fl.gap(bx.pad-2, bx)
	d.boxEnd = len(fl.items)
	// Keep the box on one page when it fits on one.
	for i := start; i < len(fl.items)-1; i++ {
		fl.items[i].keep = true
	}
}

// seekCareGroup is a run of warning signs that share one action.
type seekCareGroup struct {
	action string // "Call your emergency number now"; "" for signs without one
	signs  []string
}

// seekCareGroups gathers the signs under their actions, so the box names
// each action once ("Call your emergency number now:") above its signs. A
// sign carries its action as a short lead-in before ": "; next runs of the
// same action join, in the order given.
func seekCareGroups(list []string) []seekCareGroup {
	var out []seekCareGroup
	for _, s := range list {
		action, sign := splitAction(s)
		if n := len(out); n > 0 && out[n-1].action == action {
			out[n-1].signs = append(out[n-1].signs, sign)
			continue
		}
		out = append(out, seekCareGroup{action: action, signs: []string{sign}})
	}
	return out
}

// splitAction splits "Call your emergency number now: a sudden headache"
// into its action and its sign. Only a short lead-in without a sentence or
// list of its own counts as an action, so a sign that merely contains a
// colon stays whole.
func splitAction(s string) (action, sign string) {
	a, rest, ok := strings.Cut(s, ": ")
	if !ok || utf8.RuneCountInString(a) > 50 || strings.ContainsAny(a, ".,;()") || strings.TrimSpace(rest) == "" {
		return "", s
	}
	return strings.TrimSpace(a), words.UpperFirst(strings.TrimSpace(rest))
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// fitText shortens s with an ellipsis until it fits in width.
func fitText(fl *flow, f face, size float64, s string, width float64) string {
	if fl.measure(f, size, s) <= width {
		return s
	}
	rs := []rune(strings.TrimSuffix(s, "…"))
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fl.measure(f, size, string(rs[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRightFunc(string(rs[:lo]), unicode.IsSpace) + "…"
}

// render draws the laid-out pages and writes the PDF.
func (d *document) render(w io.Writer) error {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: d.paper.w, Ht: d.paper.h}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCatalogSort(true)
	stamp := d.h.UpdatedAt
	if stamp.IsZero() {
		stamp = d.h.Date
	}
	if !stamp.IsZero() {
		pdf.SetCreationDate(stamp)
		pdf.SetModificationDate(stamp)
	}
	pdf.SetCreator("Chairside", true)
	pdf.SetTitle(d.title(), true)
	if name := strings.TrimSpace(d.c.Name); name != "" {
		pdf.SetAuthor(d.clean(name), true)
	}
	dr := &drawer{pdf: pdf, fonts: d.fl.fonts, pageH: d.paper.h}
	// The running header and footer use the regular face.
	d.fl.used[faceRegular] = true
	full := d.fl.beyondCompact || d.fl.fonts.inCompact == nil
	for f := face(0); f < faceCount; f++ {
		if d.fl.used[f] {
			parsed, err := d.fl.fonts.parsedFace(f, full)
			if err != nil {
				return err
			}
			pdf.AddUTF8FontParsed(fontFamily, faceStyles[f], parsed)
		}
	}
	if d.logo != nil {
		dr.registerLogo(d.logo)
	}

	items := d.fl.items
	next := 0
	for page := 1; page <= d.pages; page++ {
		pdf.AddPage()
		if d.scale != 1 {
			// Large print: the page laid out on g is drawn scaled onto
			// the paper from its top-left corner.
			pdf.TransformBegin()
			pdf.TransformScale(d.scale*100, d.scale*100, 0, 0)
		}
		end := next
		for end < len(items) && items[end].page == page {
			end++
		}
		d.drawBoxes(dr, items[next:end])
		for i := next; i < end; i++ {
			d.drawItem(dr, &items[i])
		}
		next = end
		d.pageFurniture(dr, page)
		if d.scale != 1 {
			pdf.TransformEnd()
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("lay out handout: %w", err)
	}
	return pdf.Output(w)
}

func (d *document) drawBoxes(dr *drawer, items []item) {
	for i := 0; i < len(items); {
		b := items[i].box
		if b == nil {
			i++
			continue
		}
		j := i
		for j < len(items) && items[j].box == b {
			j++
		}
		top := items[i].y
		bottom := items[j-1].y + items[j-1].h
		dr.rect(d.g.left, top, d.g.w-d.g.left-d.g.right, bottom-top, 4, b.fill, b.stroke, 1.2)
		i = j
	}
}

func (d *document) drawItem(dr *drawer, it *item) {
	x := d.g.left
	switch it.kind {
	case itemLine:
		for _, f := range it.frags {
			dr.text(x+it.x+f.x, it.y+it.baseline, f.face, it.size, it.color, f.text)
		}
	case itemRule:
		dr.line(x, it.y, d.g.w-d.g.right, it.y, it.color, 0.75)
	case itemBlock:
		it.draw(dr, x, it.y)
	}
}

// pageFurniture is the running header (after page 1) and the footer.
func (d *document) pageFurniture(dr *drawer, page int) {
	g := d.g
	fl := d.fl
	width := g.w - g.left - g.right
	if page > 1 {
		right := d.runningRight
		rw := fl.measure(faceRegular, sizeFooter, right)
		if !d.runningFitted {
			// Fitted once: a very long name would otherwise be measured
			// again on every page.
			d.runningLeft = fitText(fl, faceRegular, sizeFooter, d.runningLeft, width-rw-18)
			d.runningFitted = true
		}
		left := d.runningLeft
		dr.text(g.left, g.runningHdr, faceRegular, sizeFooter, colMuted, left)
		dr.text(g.w-g.right-rw, g.runningHdr, faceRegular, sizeFooter, colMuted, right)
		dr.line(g.left, g.runningHdr+6, g.w-g.right, g.runningHdr+6, colRule, 0.5)
	}
	dr.line(g.left, g.footerY-12, g.w-g.right, g.footerY-12, colRule, 0.5)
	num := d.w.F("handout.footer.page", map[string]any{"Page": page, "Pages": d.pages})
	nw := fl.measure(faceRegular, sizeFooter, num)
	dr.text(g.left, g.footerY, faceRegular, sizeFooter, colMuted, fitText(fl, faceRegular, sizeFooter, d.w.T("handout.footer.disclaimer"), width-nw-18))
	dr.text(g.w-g.right-nw, g.footerY, faceRegular, sizeFooter, colMuted, num)
}
