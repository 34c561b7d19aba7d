package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/words"
)

// Mark mode: while it is on, a tap on the diagram marks that structure
// with the chosen finding instead of explaining it. The marks are listed
// under the button, numbered like on the diagram and the printed handout.

func markModeHint() string {
	return tr("marks.hint.on", "Mark mode is on: tap the diagram where the problem is. Ctrl+M ends it.")
}

// findingLabel is a finding's name in the app's language, as the printed
// legend names it ("Disc bulge", "Disco abultado").
func findingLabel(f handout.Finding) string {
	return i18n.For(shownLanguage()).Finding(string(f))
}

func (e *handoutEditor) buildMarkTools() {
	labels := make([]string, len(handout.Findings))
	for i, f := range handout.Findings {
		labels[i] = findingLabel(f)
	}
	e.finding = widget.NewSelect(labels, nil)
	e.findingOpt = widget.NewSelect(nil, nil)
	e.curveAngle = widget.NewEntry()
	e.curveAngle.SetPlaceHolder(tr("marks.angle.hint", "angle in degrees, e.g. 25"))
	e.finding.OnChanged = func(string) { e.updateFindingOptions() }
	e.finding.SetSelectedIndex(0)
	e.markNote = newShortcutEntry(e.desk, false)
	e.markNote.SetPlaceHolder(tr("marks.note.hint", "Note for the next mark (optional), e.g. \"worse when sitting\""))
	e.markBtn = widget.NewButtonWithIcon("", theme.ColorPaletteIcon(), func() { e.setMarking(!e.marking) })
	markSelected := widget.NewButtonWithIcon(tr("marks.mark_highlighted", "Mark the highlighted part"), theme.ContentAddIcon(), func() {
		if id := e.desk.spine.Selected(); id != "" {
			e.addMark(id)
			return
		}
		e.markHint.SetText(tr("marks.nothing_highlighted", "Nothing is highlighted: tap a part of the spine (with mark mode off) or walk to it with the arrow keys, then mark it."))
		e.markHint.Show()
	})
	markSelected.Importance = widget.LowImportance
	e.markHint = widget.NewLabel(markModeHint())
	e.markHint.Wrapping = fyne.TextWrapWord
	e.markHint.Importance = widget.WarningImportance
	e.markHint.Hide()
	// The detail list takes the row's width: in a two-column grid it got
	// half, even with the angle entry hidden, and its longest choice
	// ("Straight back (or the side tapped)") showed cut off.
	e.detailRow = container.NewBorder(nil, nil, nil, e.curveAngle, e.findingOpt)
	e.markTools = container.NewVBox(
		container.NewHBox(e.markBtn, markSelected),
		container.New(layout.NewFormLayout(), boldLabel(tr("marks.finding", "Finding")), e.finding,
			boldLabel(tr("marks.detail", "Detail")), e.detailRow, boldLabel(tr("marks.note", "Note")), e.markNote),
		e.markHint,
	)
	e.marksBox = container.NewVBox()
	e.updateMarkButton()
}

func (e *handoutEditor) updateMarkButton() {
	e.markHint.SetText(markModeHint())
	if e.marking {
		e.markBtn.SetText(tr("marks.stop", "Stop marking (Ctrl+M)"))
		e.markBtn.Importance = widget.WarningImportance
		e.markHint.Show()
	} else {
		e.markBtn.SetText(tr("marks.start", "Mark on the diagram (Ctrl+M)"))
		e.markBtn.Importance = widget.MediumImportance
		e.markHint.Hide()
	}
	e.markBtn.Refresh()
}

// setMarking turns mark mode on or off.
func (e *handoutEditor) setMarking(on bool) {
	if e.marking == on {
		return
	}
	e.marking = on
	e.updateMarkButton()
	if on {
		if e.tabs != nil {
			e.tabs.SelectIndex(handoutTab) // the finding, the note and the legend
		}
		e.revealMarkTools()
		e.desk.trace.event("mark mode on")
	} else {
		e.desk.trace.event("mark mode off")
	}
}

// revealMarkTools scrolls the editor to the mark tools when they are out
// of sight (Ctrl+M with the editor scrolled to the top): the finding, the
// note and the numbered legend are what mark mode is used with.
func (e *handoutEditor) revealMarkTools() {
	if e.scroll == nil || e.markSection == nil {
		return
	}
	top := e.markSection.Position().Y
	bottom := e.marksBox.Position().Y + e.marksBox.Size().Height
	view := e.scroll.Size().Height
	if top >= e.scroll.Offset.Y && bottom <= e.scroll.Offset.Y+view {
		return // all in view already
	}
	y := max(0, min(top, e.scroll.Content.MinSize().Height-view))
	e.scroll.ScrollToOffset(fyne.NewPos(0, y))
	e.scroll.Refresh()
}

// chosenFinding is the finding picked in the list.
func (e *handoutEditor) chosenFinding() handout.Finding {
	i := e.finding.SelectedIndex()
	if i < 0 || i >= len(handout.Findings) {
		return handout.Findings[0]
	}
	return handout.Findings[i]
}

// findingOption is one choice of a finding's detail: its words in the
// list and the option as the model reads it (handout.ParseDetail).
type findingOption struct{ label, option string }

// findingOptions are the details the editor offers for a finding, the
// first chosen by default; nil for a finding that takes none.
func findingOptions(f handout.Finding) []findingOption {
	switch f {
	case handout.Bulge, handout.Herniation:
		return []findingOption{{tr("marks.option.straight_back", "Straight back (or the side tapped)"), ""},
			{tr("marks.option.toward_left", "Toward the left"), "left"}, {tr("marks.option.toward_right", "Toward the right"), "right"},
			{tr("marks.option.far_left", "Far out to the left"), "far-left"}, {tr("marks.option.far_right", "Far out to the right"), "far-right"}}
	case handout.Narrowing:
		return []findingOption{{tr("marks.option.side_marked", "The side of the part marked"), ""},
			{tr("marks.option.left", "Left"), "left"}, {tr("marks.option.right", "Right"), "right"}}
	case handout.Slip:
		return []findingOption{{tr("marks.option.grade1", "Grade 1 (up to a quarter)"), "1"}, {tr("marks.option.grade2", "Grade 2 (up to half)"), "2"}}
	case handout.Scoliosis:
		return []findingOption{{tr("marks.option.bending_right", "Bending to the right"), "right"}, {tr("marks.option.bending_left", "Bending to the left"), "left"}}
	}
	return nil
}

// updateFindingOptions offers the chosen finding's details, and the angle
// entry for a curve.
func (e *handoutEditor) updateFindingOptions() {
	opts := findingOptions(e.chosenFinding())
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	e.findingOpt.SetOptions(labels)
	if len(opts) == 0 {
		e.findingOpt.ClearSelected()
		e.findingOpt.PlaceHolder = tr("marks.option.none", "(none for this finding)")
		e.findingOpt.Disable()
	} else {
		e.findingOpt.Enable()
		e.findingOpt.SetSelectedIndex(0)
	}
	if e.chosenFinding() == handout.Scoliosis {
		e.curveAngle.Show()
	} else {
		e.curveAngle.Hide()
	}
	if e.detailRow != nil { // nil while the tools are being built
		e.detailRow.Refresh() // lay out again: a shown entry has no size until then
	}
}

// chosenOption is the chosen detail as the model reads it: "left",
// "far-right", "2", "right:25".
func (e *handoutEditor) chosenOption() string {
	opts := findingOptions(e.chosenFinding())
	i := e.findingOpt.SelectedIndex()
	if i < 0 || i >= len(opts) {
		return ""
	}
	opt := opts[i].option
	if a := strings.TrimSpace(e.curveAngle.Text); e.chosenFinding() == handout.Scoliosis && a != "" {
		opt += ":" + a
	}
	return opt
}

// addMark marks structure id, chosen without a tap (the highlighted part):
// its badge sits beside the structure.
func (e *handoutEditor) addMark(id string) { e.addMarkAt(id, anatomy.Spot{}) }

// addMarkAt marks structure id with the chosen finding and note, at the
// place on it that was tapped (see handout.AddMark: the same structure and
// finding again moves the mark and updates its note).
func (e *handoutEditor) addMarkAt(id string, at anatomy.Spot) {
	if _, ok := anatomy.Lookup(id); !ok {
		return
	}
	m := handout.Mark{Structure: id, Finding: e.chosenFinding(), Note: e.markNote.Text, At: at}
	detail, err := handout.ParseDetail(m.Finding, e.chosenOption())
	if err != nil {
		e.markHint.SetText(ruleMessage(err))
		e.markHint.Show()
		return
	}
	m.Detail = detail
	// The model says which finding fits which structure and merges a
	// repeated structure and finding into one mark.
	marks, err := handout.AddMark(e.marks, m)
	if err != nil {
		e.markHint.SetText(ruleMessage(err))
		e.markHint.Show()
		e.desk.trace.event("mark refused %s %s", m.Structure, m.Finding)
		return
	}
	e.markHint.SetText(markModeHint())
	e.markHint.Hide()
	if e.marking {
		e.markHint.Show()
	}
	e.marks = marks
	e.markNote.SetText("")
	e.desk.trace.event("mark added %s %s", m.Structure, m.Finding)
	e.edited()
}

func (e *handoutEditor) removeMark(i int) {
	if i < 0 || i >= len(e.marks) {
		return
	}
	m := e.marks[i]
	e.marks = append(e.marks[:i:i], e.marks[i+1:]...)
	e.desk.trace.event("mark removed %s %s", m.Structure, m.Finding)
	e.edited()
}

// refreshMarks rebuilds the legend: number, colour, structure, finding, note.
func (e *handoutEditor) refreshMarks() {
	objs := make([]fyne.CanvasObject, 0, len(e.marks))
	for i, m := range e.marks {
		where := words.UpperFirst(structureName(m.Structure))
		if side := markSide(m); side != "" {
			where += ", " + side
		}
		text := tr("marks.legend.line", "{{.Number}}. {{.Where}}: {{.Finding}}", map[string]any{"Number": i + 1, "Where": where, "Finding": findingLabel(m.Finding)})
		if m.Note != "" {
			text += " (" + m.Note + ")"
		}
		label := widget.NewLabel(text)
		label.Wrapping = fyne.TextWrapWord
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeMark(i) })
		remove.Importance = widget.LowImportance
		objs = append(objs, container.NewBorder(nil, nil, markSwatch(markColor(m.Finding)), remove, label))
	}
	if len(objs) == 0 {
		hint := widget.NewLabel(tr("marks.none", "No marks yet."))
		hint.Importance = widget.LowImportance
		objs = append(objs, hint)
	}
	e.marksBox.Objects = objs
	e.marksBox.Refresh()
}

// ruleMessage is a refusal of the model's rules (a finding that does not
// fit the part tapped) in the app's language, as a sentence of its own
// (the model words some as the end of a longer one: "a slip is marked…").
func ruleMessage(err error) string {
	return words.UpperFirst(i18n.For(shownLanguage()).Sentence(err.Error()))
}

// markSide is the side of a midline structure the mark was tapped on, in
// the app's language ("left side", "lado izquierdo"), as the printed
// legend says it; "" when the structure has its own side or none was
// tapped.
func markSide(m handout.Mark) string {
	if m.SideNote() == "" {
		return ""
	}
	return i18n.For(shownLanguage()).T("handout.marks.side." + string(m.At.Side()))
}

// markSwatch is the coloured dot in front of a legend line.
func markSwatch(c color.Color) fyne.CanvasObject {
	dot := canvas.NewCircle(c)
	size := theme.IconInlineSize()
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(size, size), dot))
}

// diagramTapped is the diagram's tap in mark mode: it reports whether the
// tap was taken as a mark (and must not select the structure).
func (d *handoutDesk) diagramTapped(id string) bool {
	if d.editor == nil || !d.editor.marking {
		return false
	}
	// A tap on the diagram gives the place on the structure too.
	var at anatomy.Spot
	if tapped, spot, ok := d.spine.TapSpot(); ok && tapped == id {
		at = spot
	}
	d.editor.addMarkAt(id, at)
	return true
}

// Marks are the open handout's marks, in legend order, for the diagram.
func (d *handoutDesk) Marks() []handout.Mark {
	if d.editor == nil {
		return nil
	}
	return append([]handout.Mark(nil), d.editor.marks...)
}

// Discussed are the structures on the open handout, tinted on the diagram.
func (d *handoutDesk) Discussed() []string {
	if d.editor == nil {
		return nil
	}
	var ids []string
	for _, it := range d.editor.items {
		if _, ok := anatomy.Lookup(it.Ref); ok {
			ids = append(ids, it.Ref)
		}
	}
	return ids
}

// diagramChanged asks the diagram to redraw the marks and tints.
func (d *handoutDesk) diagramChanged() {
	d.drawOnDiagram()
}

// markColor is a finding's colour, the same on the diagram and on paper.
func markColor(f handout.Finding) color.Color {
	return f.Color()
}

// drawOnDiagram shows the open handout on the diagram: its marks in colour
// with their numbers, and its structures tinted (beside this visit's trail,
// which the diagram tints anyway). With the editor closed, only the trail.
func (d *handoutDesk) drawOnDiagram() {
	marks := d.Marks()
	dm := make([]diagram.Mark, len(marks))
	for i, m := range marks {
		dm[i] = diagram.Mark{Structure: m.Structure, Finding: string(m.Finding), Number: i + 1, At: m.At, Detail: m.Detail}
	}
	d.spine.SetMarks(dm)
	// The window's refresh combines trail, handout and an open condition's places.
	d.window.refreshDiscussed()
}
