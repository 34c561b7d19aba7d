package ui

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
)

// explainPanel is the side panel that explains what was tapped: the
// structure's name and place (region, level, neighbours) and its text, in
// type large enough to read from the patient's chair. Back and Forward walk
// through what was opened this session, like a browser.
type explainPanel struct {
	app *App

	history []string
	pos     int // index into history of the open ID; -1 when nothing is open

	back, forward *widget.Button
	title         *widget.RichText
	place         *widget.Label
	content       *fyne.Container // what follows the place line; rebuilt per opening
	scroll        *container.Scroll
	themed        *container.ThemeOverride
	root          fyne.CanvasObject
}

const panelHint = "Tap any part of the spine to explain it here.\n\n" +
	"Arrow keys: up and down the spine, and across to the left or right side.\n" +
	"Escape: clear the highlight.   F11: present full screen."

func newExplainPanel(a *App) *explainPanel {
	p := &explainPanel{app: a, pos: -1}
	p.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), p.Back)
	p.forward = widget.NewButtonWithIcon("Forward", theme.NavigateNextIcon(), p.Forward)
	p.forward.IconPlacement = widget.ButtonIconTrailingText
	for _, b := range []*widget.Button{p.back, p.forward} {
		b.Importance = widget.LowImportance
	}
	p.title = widget.NewRichText()
	p.title.Wrapping = fyne.TextWrapWord
	p.place = widget.NewLabel("")
	p.place.Wrapping = fyne.TextWrapWord
	p.place.Importance = widget.MediumImportance
	p.content = container.NewVBox()
	p.scroll = container.NewVScroll(container.NewVBox(p.title, p.place, p.content))
	nav := container.NewHBox(p.back, p.forward)
	p.themed = container.NewThemeOverride(container.NewBorder(nav, nil, nil, nil, p.scroll), newChairsideTheme(textScalePanel))
	p.root = p.themed
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

func (p *explainPanel) setTextScale(s float32) {
	p.themed.Theme = newChairsideTheme(s)
	p.themed.Refresh()
}

func (p *explainPanel) render() {
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
	if id == "" {
		p.setTitle("Chairside")
		p.place.SetText(panelHint)
	} else if s, ok := anatomy.Lookup(id); ok {
		p.setTitle(s.Name)
		p.place.SetText(placeLine(s))
		objs = append(objs, p.neighbours(s))
	}
	p.content.Objects = objs
	p.content.Refresh()
	p.scroll.ScrollToTop()
}

func (p *explainPanel) setTitle(t string) {
	p.title.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: t}}
	p.title.Refresh()
}

// placeLine says where a structure is, in words a patient follows.
func placeLine(s anatomy.Structure) string {
	line := capitalise(anatomy.RegionName(s.Region))
	switch s.Kind {
	case anatomy.Vertebra:
		line += " · level " + s.Level
	case anatomy.Disc, anatomy.Facet:
		line += " · between " + anatomy.SegmentLabel(s.Level)
	case anatomy.Nerve:
		line += " · nerve root " + s.Level
	}
	return line
}

// neighbours lists the structures next to s as links that select them.
func (p *explainPanel) neighbours(s anatomy.Structure) fyne.CanvasObject {
	box := container.NewVBox()
	add := func(label, id string) {
		if id == "" {
			return
		}
		box.Add(p.link(label+anatomy.Name(id), id))
	}
	add("Above: ", s.Above)
	add("Below: ", s.Below)
	add("Other side: ", s.Opposite)
	if len(box.Objects) == 0 {
		return box
	}
	head := widget.NewLabelWithStyle("Next to it", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(head, box)
}

// link opens id: a structure is selected on the diagram, anything else
// opens in the panel.
func (p *explainPanel) link(text, id string) *widget.Hyperlink {
	h := widget.NewHyperlink(text, nil)
	h.Wrapping = fyne.TextWrapWord
	h.OnTapped = func() { p.app.openID(id) }
	return h
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
