package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/words"
)

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
