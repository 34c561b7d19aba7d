package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/words"
)

// explainPanel is the side panel that explains what was tapped: the
// structure's name and place (region, level, neighbours), then its text, in
// type large enough to read from the patient's chair. Back and Forward walk
// through what was opened this session, like a browser.
type explainPanel struct {
	app *App

	history []string
	pos     int // index into history of the open ID; -1 when nothing is open

	back, forward *widget.Button
	// pin adds what is on show to this visit; walking with the arrow keys
	// only previews.
	pin     *widget.Button
	title   *widget.RichText
	place   *widget.Label
	content *fyne.Container // everything below the place line; rebuilt per opening
	scroll  *container.Scroll
	root    fyne.CanvasObject

	// keyPoints and fullText are the two-way choice at the top: a text's
	// key points or the whole of it. choice holds them; it is hidden when
	// what is on show has no key points (the hint, an unknown ID).
	keyPoints, fullText *widget.Button
	choice              fyne.CanvasObject
	reading             reading
	// readingPresenting is the presentation state the reading was chosen
	// in: a change of mode brings that mode's default back.
	readingPresenting bool
}

// reading is which view of a text the panel shows.
type reading int

const (
	readFullText reading = iota
	readKeyPoints
)

// defaultReading is what each mode shows first: presentation mode is read
// by a patient from the chair, so it starts with the key points; at the
// desk the clinician gets the full text.
func defaultReading(presenting bool) reading {
	if presenting {
		return readKeyPoints
	}
	return readFullText
}

// panelHint is what the panel says before anything is opened: how to work
// the diagram, from the keyboard too (Markdown).
func panelHint() string {
	return tr("explain.hint", "Tap any part of the spine to explain it here.") + "\n\n" +
		"**" + tr("keys.heading", "Keys") + "**\n\n" +
		"- " + tr("keys.up_down", "**Up, Down:** the next level up or down the spine (shown, not yet added to the visit)") + "\n" +
		"- " + tr("keys.left_right", "**Left, Right:** across to the patient's left or right side") + "\n" +
		"- " + tr("keys.enter", "**Enter:** add what is shown to this visit") + "\n" +
		"- " + tr("keys.view", "**V:** side or back view") + "\n" +
		"- " + tr("keys.presets", "**1 to 4:** whole spine, neck, mid back, low back and pelvis") + "\n" +
		"- " + tr("keys.zoom", "**+ and -:** zoom in and out (or the mouse wheel; drag to move)") + "\n" +
		"- " + tr("keys.escape", "**Escape:** clear the highlight") + "\n" +
		"- " + tr("keys.present", "**F11:** present full screen (key points first)")
}

func newExplainPanel(a *App) *explainPanel {
	p := &explainPanel{app: a, pos: -1}
	p.back = widget.NewButtonWithIcon(tr("explain.back", "Back"), theme.NavigateBackIcon(), p.Back)
	p.forward = widget.NewButtonWithIcon(tr("explain.forward", "Forward"), theme.NavigateNextIcon(), p.Forward)
	p.forward.IconPlacement = widget.ButtonIconTrailingText
	for _, b := range []*widget.Button{p.back, p.forward} {
		b.Importance = widget.LowImportance
	}
	p.title = widget.NewRichText()
	p.title.Wrapping = fyne.TextWrapWord
	p.place = panelLabel("", fyne.TextStyle{})
	p.content = container.NewVBox()
	// Fyne draws the scroll bar over the content: keep the lines clear of it.
	clear := layout.NewCustomPaddedLayout(0, 0, 0, theme.ScrollBarSize()+theme.Padding())
	p.scroll = container.NewVScroll(container.New(clear, container.NewVBox(p.title, p.place, p.content)))
	p.pin = widget.NewButtonWithIcon(tr("explain.pin", "Add to this visit (Enter)"), theme.ContentAddIcon(), a.Pin)
	p.pin.Hide()
	nav := container.NewBorder(nil, nil, container.NewHBox(p.back, p.forward), p.pin)
	p.keyPoints = widget.NewButton(tr("explain.key_points", "Key points"), func() { p.setReading(readKeyPoints) })
	p.fullText = widget.NewButton(tr("explain.full_text", "Full text"), func() { p.setReading(readFullText) })
	p.choice = container.NewGridWithColumns(2, p.keyPoints, p.fullText)
	p.choice.Hide()
	p.root = container.NewBorder(container.NewVBox(nav, p.choice), nil, nil, nil, p.scroll)
	p.render()
	return p
}

// Open shows id (a structure, topic or condition) and makes it the newest
// entry in the history, dropping anything that was ahead of it.
func (p *explainPanel) Open(id string) {
	if p.pos >= 0 && p.history[p.pos] == id {
		return
	}
	p.history = append(p.history[:p.pos+1], id)
	p.pos = len(p.history) - 1
	p.app.trace.event("explanation %s", id)
	p.render()
}

// reset forgets the history and shows the hint, for a new visit.
func (p *explainPanel) reset() {
	p.history, p.pos = nil, -1
	p.render()
}

// updatePin shows whether what is on show is part of this visit: a button
// to add it (also back, when it was removed) or a note that it is.
func (p *explainPanel) updatePin() {
	id := p.Current()
	if id == "" || p.app.lib == nil {
		p.pin.Hide()
		return
	}
	if _, err := p.app.lib.Explain(id); err != nil {
		p.pin.Hide()
		return
	}
	switch t := p.app.trail; {
	case t.Has(id):
		p.pin.SetText(tr("explain.pinned", "On this visit"))
		p.pin.SetIcon(theme.ConfirmIcon())
		p.pin.Disable()
	case t.Removed(id):
		p.pin.SetText(tr("explain.pin_again", "Add back to this visit (Enter)"))
		p.pin.SetIcon(theme.ContentAddIcon())
		p.pin.Enable()
	default:
		p.pin.SetText(tr("explain.pin", "Add to this visit (Enter)"))
		p.pin.SetIcon(theme.ContentAddIcon())
		p.pin.Enable()
	}
	p.pin.Show()
}

// Current is the ID on show, or "".
func (p *explainPanel) Current() string {
	if p.pos < 0 {
		return ""
	}
	return p.history[p.pos]
}

// Back returns to what was open before; a structure is selected again on
// the diagram so picture and text always agree.
func (p *explainPanel) Back() { p.moveTo(p.pos - 1) }

// Forward undoes Back.
func (p *explainPanel) Forward() { p.moveTo(p.pos + 1) }

func (p *explainPanel) moveTo(i int) {
	if i < 0 || i >= len(p.history) || i == p.pos {
		return
	}
	p.pos = i
	id := p.history[i]
	p.app.trace.event("explanation %s", id)
	if _, ok := anatomy.Lookup(id); ok {
		p.app.selectStructure(id, false)
	}
	p.render()
}

// setTextScale sets the panel's type size (larger in presentation mode).
func (p *explainPanel) setTextScale(s float32) {
	p.app.panelScale = s
	p.app.fyneApp.Settings().SetTheme(p.app.theme())
	p.render()
}

// setReading shows key points or the full text, for this text and every
// one opened after it, until presentation mode is entered or left.
func (p *explainPanel) setReading(r reading) {
	p.reading, p.readingPresenting = r, p.app.presenting
	if r == readKeyPoints {
		p.app.trace.event("reading key points")
	} else {
		p.app.trace.event("reading full text")
	}
	p.render()
}

// ReadingKeyPoints reports whether the panel shows key points rather than full texts.
func (p *explainPanel) ReadingKeyPoints() bool { return p.reading == readKeyPoints }

func (p *explainPanel) render() {
	// Entering or leaving presentation mode re-renders the panel (its type
	// size changes), so this is where the new mode's default comes back.
	if p.readingPresenting != p.app.presenting {
		p.reading, p.readingPresenting = defaultReading(p.app.presenting), p.app.presenting
	}
	withKeyPoints := false
	if p.pos > 0 {
		p.back.Enable()
	} else {
		p.back.Disable()
	}
	if p.pos >= 0 && p.pos < len(p.history)-1 {
		p.forward.Enable()
	} else {
		p.forward.Disable()
	}
	id := p.Current()
	var objs []fyne.CanvasObject
	switch s, isStructure := anatomy.Lookup(id); {
	case id == "":
		p.setTitle("Chairside")
		p.place.SetText("")
		hint := widget.NewRichText(panelMarkdown(panelHint())...)
		hint.Wrapping = fyne.TextWrapWord
		objs = append(objs, hint)
	case isStructure:
		p.setTitle(displayName(id))
		p.place.SetText(placeLine(s))
		if b := p.lookFromAboveButton(s); b != nil {
			objs = append(objs, b) // lookabove.go
		}
		text, ok := p.text(id)
		objs, withKeyPoints = append(objs, text...), ok
		objs = append(objs, p.neighbours(s))
	default:
		p.setTitle(id)
		switch content.KindOf(id) {
		case content.KindTopic:
			p.place.SetText(tr("explain.kind.topic", "Topic"))
		case content.KindCondition:
			p.place.SetText(tr("explain.kind.condition", "Condition"))
		default:
			p.place.SetText("")
		}
		text, ok := p.text(id)
		objs, withKeyPoints = append(objs, text...), ok
	}
	objs = withAnimationButton(p.app, id, objs)
	p.showChoice(withKeyPoints)
	if p.place.Text == "" {
		p.place.Hide()
	} else {
		p.place.Show()
	}
	// Wrapping a long text is costly, and a text first measured at zero
	// width costs as much again: size the new widgets to the panel first.
	if w := p.content.Size().Width; w > 0 {
		for _, o := range objs {
			o.Resize(fyne.NewSize(w, o.MinSize().Height))
		}
	}
	p.content.Objects = objs
	p.content.Refresh()
	p.updatePin()
	p.app.refreshDiscussed()
	p.scroll.ScrollToTop()
}

// showChoice shows the Key points | Full text choice, the one on show
// marked, when the text has key points to choose.
func (p *explainPanel) showChoice(available bool) {
	if !available {
		p.choice.Hide()
		return
	}
	on, off := p.fullText, p.keyPoints
	if p.reading == readKeyPoints {
		on, off = off, on
	}
	on.Importance, off.Importance = widget.HighImportance, widget.MediumImportance
	on.Refresh()
	off.Refresh()
	p.choice.Show()
}

// text builds the explanation proper: the fallback marker, the key points
// or the Markdown body, related links, sources and the reviewed date. It
// also sets the title from the text for topics and conditions, and says
// whether the text has key points to choose between.
func (p *explainPanel) text(id string) ([]fyne.CanvasObject, bool) {
	lib := p.app.lib
	if lib == nil {
		return nil, false
	}
	t, err := lib.Explain(id)
	if err != nil {
		var nf *content.NotFoundError
		msg := tr("explain.missing", "This library has no explanation for {{.Name}}.", map[string]any{"Name": structureName(id)})
		if !errors.As(err, &nf) {
			msg = tr("explain.failed", "The explanation could not be shown: {{.Reason}}", map[string]any{"Reason": err.Error()})
		}
		l := panelLabel(msg, fyne.TextStyle{})
		l.Importance = widget.WarningImportance
		return []fyne.CanvasObject{l}, false
	}
	if _, isStructure := anatomy.Lookup(id); !isStructure && t.Title != "" {
		p.setTitle(t.Title)
	}
	var objs []fyne.CanvasObject
	if t.Fallback {
		l := panelLabel(tr("explain.fallback", "English text (not yet translated)"), fyne.TextStyle{Italic: true})
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	if p.reading == readKeyPoints && len(t.KeyPoints) > 0 {
		objs = append(objs, keyPointsText(t.KeyPoints))
	} else {
		body := widget.NewRichText(panelMarkdown(t.Body)...)
		body.Wrapping = fyne.TextWrapWord
		objs = append(objs, body)
	}

	switch content.KindOf(id) {
	case content.KindCondition:
		if box := p.linkGroup(tr("explain.where", "Where it happens"), t.Structures); box != nil {
			objs = append(objs, box)
		}
	default:
		var conds, topics []string
		for _, r := range t.Related {
			if content.KindOf(r) == content.KindCondition {
				conds = append(conds, r)
			} else {
				topics = append(topics, r)
			}
		}
		if box := p.linkGroup(tr("explain.conditions", "Conditions"), conds); box != nil {
			objs = append(objs, box)
		}
		if box := p.linkGroup(tr("explain.read_more", "Read more"), topics); box != nil {
			objs = append(objs, box)
		}
	}
	objs = append(objs, sourcesText(t))
	return objs, len(t.KeyPoints) > 0
}

// keyPointsText shows a text's key points one bulleted sentence a line, in
// the panel's body type: in presentation mode that is at least 32 px on a
// 1080-pixel screen, and all five points of the longest text still fit
// under the title without scrolling (a size larger pushed the last point,
// often the emergency one, off the screen).
func keyPointsText(points []string) *widget.RichText {
	segs := make([]widget.RichTextSegment, 0, 3*len(points))
	for i, pt := range points {
		if i > 0 {
			// A small empty line between points, so each sentence stands apart
			// from the wrapped lines of the one before it.
			gap := &widget.TextSegment{Style: widget.RichTextStyleParagraph}
			gap.Style.SizeName = sizePanelCaption
			segs = append(segs, gap)
		}
		bullet := &widget.TextSegment{Text: "•  ", Style: widget.RichTextStyleStrong}
		bullet.Style.SizeName = sizePanelText
		words := &widget.TextSegment{Text: pt, Style: widget.RichTextStyleParagraph}
		words.Style.SizeName = sizePanelText
		segs = append(segs, bullet, words) // the bullet is inline; the sentence ends the line
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// sourcesText is the small print under a text: where it comes from and
// when it was last reviewed.
func sourcesText(t content.Text) fyne.CanvasObject {
	small := func(s string, bold bool) *widget.TextSegment {
		return &widget.TextSegment{Text: s, Style: widget.RichTextStyle{
			SizeName:  sizePanelCaption,
			ColorName: theme.ColorNameForeground,
			TextStyle: fyne.TextStyle{Bold: bold},
		}}
	}
	segs := []widget.RichTextSegment{small(tr("explain.sources", "Sources"), true)}
	for _, s := range t.Sources {
		segs = append(segs, small("• "+s, false))
	}
	if t.Reviewed != "" {
		segs = append(segs, small(tr("explain.reviewed", "Reviewed {{.Date}}", map[string]any{"Date": t.Reviewed}), false))
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// linkGroup is a heading over one link per ID, or nil for no IDs. A
// structure with a twin on the other side that is also listed shares one
// line with it ("L5 nerve root: left, right"), which keeps a condition's
// list of places short enough to take in at a glance.
func (p *explainPanel) linkGroup(heading string, ids []string) fyne.CanvasObject {
	if len(ids) == 0 {
		return nil
	}
	box := container.NewVBox(panelHeading(heading))
	listed := map[string]bool{}
	for _, id := range ids {
		listed[id] = true
	}
	done := map[string]bool{}
	for _, id := range ids {
		if done[id] {
			continue
		}
		s, ok := anatomy.Lookup(id)
		if !ok || s.Opposite == "" || !listed[s.Opposite] {
			box.Add(p.link(p.app.titleOf(id), id))
			continue
		}
		done[s.Opposite] = true
		left, right := id, s.Opposite
		if s.Side == anatomy.Right {
			left, right = right, left
		}
		row := widget.NewLabel(tr("explain.pair", "{{.Name}}:", map[string]any{"Name": pairName(s)}))
		row.SizeName = sizePanelText
		l, r := p.link(tr("side.left", "left"), left), p.link(tr("side.right", "right"), right)
		l.Wrapping, r.Wrapping = fyne.TextWrapOff, fyne.TextWrapOff
		box.Add(container.NewHBox(row, l, r))
	}
	return box
}

// panelHeading heads a group of links or the small print, in the same size
// as the headings inside the texts.
func panelHeading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = sizePanelSubHeading
	return l
}

func (p *explainPanel) setTitle(t string) {
	style := widget.RichTextStyleHeading
	style.SizeName = sizePanelHeading
	p.title.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: style, Text: t}}
	p.title.Refresh()
}

// placeLine says where a structure is, in words a patient follows.
func placeLine(s anatomy.Structure) string {
	region := words.UpperFirst(regionLabel(s.Region))
	switch s.Kind {
	case anatomy.Vertebra:
		return tr("place.level", "{{.Region}} · level {{.Level}}", map[string]any{"Region": region, "Level": s.Level})
	case anatomy.Disc, anatomy.Facet:
		upper, lower, _ := strings.Cut(anatomy.SegmentLabel(s.Level), "–")
		return tr("place.between", "{{.Region}} · between {{.Upper}} and {{.Lower}}", map[string]any{"Region": region, "Upper": upper, "Lower": lower})
	case anatomy.Nerve:
		return tr("place.root", "{{.Region}} · nerve root {{.Level}}", map[string]any{"Region": region, "Level": s.Level})
	}
	return region
}

// neighbours lists the structures next to s as links that select them.
func (p *explainPanel) neighbours(s anatomy.Structure) fyne.CanvasObject {
	box := container.NewVBox()
	add := func(label, id string) {
		if id == "" {
			return
		}
		box.Add(p.link(label, id))
	}
	name := func(id string) map[string]any { return map[string]any{"Name": structureName(id)} }
	add(tr("explain.above", "Above: {{.Name}}", name(s.Above)), s.Above)
	add(tr("explain.below", "Below: {{.Name}}", name(s.Below)), s.Below)
	add(tr("explain.other_side", "Other side: {{.Name}}", name(s.Opposite)), s.Opposite)
	if len(box.Objects) == 0 {
		return box
	}
	head := panelHeading(tr("explain.next_to", "Next to it"))
	return container.NewVBox(head, box)
}

// link opens id: a structure is selected on the diagram, anything else
// opens in the panel.
func (p *explainPanel) link(text, id string) *widget.Hyperlink {
	h := widget.NewHyperlink(text, nil)
	h.Wrapping = fyne.TextWrapWord
	h.SizeName = sizePanelText
	h.OnTapped = func() { p.app.openID(id) }
	return h
}

// panelLabel is a wrapping label in the panel's type.
func panelLabel(text string, style fyne.TextStyle) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = sizePanelText
	return l
}

func panelSize(n fyne.ThemeSizeName) fyne.ThemeSizeName {
	if n == "" {
		n = theme.SizeNameText
	}
	if p, ok := panelSizes[n]; ok {
		return p
	}
	return n
}
