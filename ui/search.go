package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
)

// searchLimit is how many results fit under the box without scrolling.
const searchLimit = 10

// searchBox is the toolbar's search field. As the clinician types, the
// best-matching structures, conditions and topics drop down beneath it;
// choosing a structure selects it on the diagram, anything else opens in
// the panel. The list lives in the window's own layer rather than a pop-up
// window, so the field keeps the keyboard while results appear.
type searchBox struct {
	widget.Entry
	app *App

	hits    []content.Hit
	current int             // result marked for Enter (Down/Up move it); -1 for none, meaning the first
	results *fyne.Container // one button per hit
	drop    *fyne.Container // card holding results; shown while there are hits
	layer   *fyne.Container // positions drop under the entry, above the main area
}

func newSearchBox(a *App) *searchBox {
	s := &searchBox{app: a}
	s.ExtendBaseWidget(s)
	s.PlaceHolder = tr("search.hint", "Search: sciatica, big toe, crack…")
	s.OnChanged = s.update
	s.OnSubmitted = func(string) {
		if len(s.hits) > 0 {
			s.choose(s.hits[max(s.current, 0)])
		}
	}
	s.results = container.NewVBox()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameMenuBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	s.drop = container.NewStack(bg, container.NewPadded(s.results))
	s.drop.Hide()
	s.layer = container.New(&dropLayout{anchor: s}, s.drop)
	return s
}

// TypedKey lets F11 reach the window while the field has focus, makes
// Escape close the results and hand the keyboard back to the diagram, and
// lets Down and Up pick the result that Enter opens.
func (s *searchBox) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyF11:
		s.app.TogglePresentation()
	case fyne.KeyEscape:
		s.reset()
	case fyne.KeyDown:
		s.mark(min(s.current+1, len(s.hits)-1))
	case fyne.KeyUp:
		s.mark(max(s.current-1, 0))
	default:
		s.Entry.TypedKey(ev)
	}
}

// FocusLost closes the results when the clinician turns to something else
// (the diagram, the panel), so they do not hide the spine; the query stays.
func (s *searchBox) FocusLost() {
	s.Entry.FocusLost()
	if s.drop.Visible() {
		s.drop.Hide()
		s.layer.Refresh()
	}
}

// FocusGained shows again the results of the query still in the field.
func (s *searchBox) FocusGained() {
	s.Entry.FocusGained()
	if len(s.results.Objects) > 0 && !s.drop.Visible() {
		s.drop.Show()
		s.layer.Refresh()
	}
}

func (s *searchBox) update(q string) {
	q = strings.TrimSpace(q)
	s.hits = nil
	if q != "" && s.app.lib != nil {
		s.hits = s.app.lib.Search(q, searchLimit)
	}
	objs := make([]fyne.CanvasObject, 0, len(s.hits)+1)
	ids := make([]string, 0, len(s.hits))
	for _, h := range s.hits {
		b := widget.NewButtonWithIcon(h.Title+"  ·  "+kindLabel(h.Kind), kindIcon(h.Kind), func() { s.choose(h) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
		ids = append(ids, h.ID)
	}
	if q != "" && len(s.hits) == 0 {
		objs = append(objs, widget.NewLabel(tr("search.nothing", "Nothing found. Try a body part (\"big toe\"), a level (\"L5\") or a word like \"crack\".")))
	}
	s.results.Objects = objs
	s.current = -1
	s.results.Refresh()
	if len(objs) == 0 {
		s.drop.Hide()
	} else {
		s.drop.Show()
	}
	s.layer.Refresh()
	if q != "" {
		// IDs only: a query could hold anything the clinician typed.
		s.app.trace.event("search hits %s", strings.Join(ids, " "))
	}
}

// mark highlights result i as the one Enter will open.
func (s *searchBox) mark(i int) {
	if len(s.hits) == 0 {
		return
	}
	s.current = i
	for j, o := range s.results.Objects {
		if b, ok := o.(*widget.Button); ok {
			if j == i {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.LowImportance
			}
			b.Refresh()
		}
	}
}

func (s *searchBox) choose(h content.Hit) {
	s.reset()
	s.app.openID(h.ID)
}

// reset empties the field and closes the results; the keyboard goes back to
// the window so the arrows walk the spine again.
func (s *searchBox) reset() {
	s.SetText("")
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		c.Unfocus()
	}
}

func kindLabel(kind string) string {
	switch kind {
	case content.KindStructure:
		return tr("search.kind.structure", "on the diagram")
	case content.KindCondition:
		return tr("search.kind.condition", "condition")
	case content.KindTopic:
		return tr("search.kind.topic", "topic")
	}
	return kind
}

func kindIcon(kind string) fyne.Resource {
	switch kind {
	case content.KindStructure:
		return theme.VisibilityIcon()
	case content.KindCondition:
		return theme.InfoIcon()
	}
	return theme.DocumentIcon()
}

// dropLayout places the results card under the search field, right-aligned
// with it and wide enough for long titles; the layer fills the area under
// the toolbar, so the card floats over the diagram and panel.
type dropLayout struct{ anchor *searchBox }

const dropWidth = 460

func (l *dropLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (l *dropLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	d := fyne.CurrentApp().Driver()
	layerPos := d.AbsolutePositionForObject(l.anchor.layer)
	entryPos := d.AbsolutePositionForObject(l.anchor)
	right := entryPos.X + l.anchor.Size().Width - layerPos.X
	for _, o := range objs {
		min := o.MinSize()
		w := max(min.Width, dropWidth, l.anchor.Size().Width)
		x := max(0, right-w)
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, min.Height))
	}
}
