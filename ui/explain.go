package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/content"
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
	// As render leaves them with nothing open, so that the hint arriving
	// after the first frame (Run) moves nothing and nothing flickers.
	p.back.Disable()
	p.forward.Disable()
	p.setTitle("Chairside")
	p.place.Hide()
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
