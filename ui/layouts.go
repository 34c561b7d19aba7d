package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// minWidth gives its objects at least a set width (the search field) and
// whatever more the layout around it offers.
type minWidth struct{ width float32 }

func (f *minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}

func (f *minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// sidebarLayout stacks the explanation (first object) over the trail
// (second). The explanation is what the patient reads, so on a short window
// the trail gives up height first: a quarter of the sidebar, between
// trailMinHeight and trailMaxHeight. A hidden trail (presentation mode)
// leaves the explanation the whole height.
type sidebarLayout struct{}

const (
	trailMinHeight = 120 // the heading and two entries
	trailMaxHeight = 190
)

func (sidebarLayout) trailHeight(total float32) float32 {
	return min(trailMaxHeight, max(trailMinHeight, total/4))
}

func (sidebarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if i == 1 {
			m.Height = max(m.Height, trailMinHeight)
		}
		s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
	}
	return s
}

func (l sidebarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) < 2 {
		return
	}
	panel, trail := objs[0], objs[1]
	h := float32(0)
	if trail.Visible() {
		h = l.trailHeight(size.Height)
		trail.Move(fyne.NewPos(0, size.Height-h))
		trail.Resize(fyne.NewSize(size.Width, h))
	}
	panel.Move(fyne.NewPos(0, 0))
	panel.Resize(fyne.NewSize(size.Width, size.Height-h))
}

// flowLayout puts its objects in a row, left to right, at their minimum
// sizes, starting a new row where the next one does not fit; the last
// object of a row that fits on one line is pushed to the right edge. Its
// minimum width is its widest object, so it never makes a window wider;
// its minimum height is what it needs at that width. How tall it is at the
// width it is given is heightFor: a layout above it (diagramColumn) asks
// that in the same pass, so its height never lags behind its width.
type flowLayout struct{}

func (flowLayout) rows(objs []fyne.CanvasObject, width float32) [][]fyne.CanvasObject {
	var rows [][]fyne.CanvasObject
	var row []fyne.CanvasObject
	x := float32(0)
	gap := theme.Padding()
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		if len(row) > 0 && x+gap+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		if len(row) > 0 {
			x += gap
		}
		row = append(row, o)
		x += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// heightFor is the height of objs laid out at width: their rows' heights
// with a gap between rows.
func (f flowLayout) heightFor(objs []fyne.CanvasObject, width float32) float32 {
	h := float32(0)
	for i, row := range f.rows(objs, width) {
		if i > 0 {
			h += theme.Padding()
		}
		rh := float32(0)
		for _, o := range row {
			rh = max(rh, o.MinSize().Height)
		}
		h += rh
	}
	return h
}

func (f flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	return fyne.NewSize(widest, f.heightFor(objs, widest))
}

func (f flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	rows := f.rows(objs, size.Width)
	for _, row := range rows {
		x, rh := float32(0), float32(0)
		for _, o := range row {
			rh = max(rh, o.MinSize().Height)
		}
		for i, o := range row {
			m := o.MinSize()
			if len(rows) == 1 && i == len(row)-1 && i > 0 {
				x = size.Width - m.Width // one line: the last group at the right edge
			}
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(m.Width, rh))
			x += m.Width + theme.Padding()
		}
		y += rh + theme.Padding()
	}
}

// diagramColumn puts the diagram's bar (first object: the padded flow
// container) over the diagram (second), the bar exactly as tall as its
// rows at the column's width and the diagram taking the rest. A border
// layout sized the bar by its minimum height, which a flow of buttons can
// only know for the width it was last given: in Spanish, whose longer
// words wrap the bar on some widths and not on others, the first layout
// at a new width left an empty band over the diagram, or rows over it,
// until the next one.
type diagramColumn struct {
	flow *fyne.Container // inside the bar, laid out by flowLayout
}

// barHeight is the bar's height at width: the flow's rows inside the
// padding around them (container.NewPadded's).
func (c diagramColumn) barHeight(width float32) float32 {
	pad := theme.Padding()
	return flowLayout{}.heightFor(c.flow.Objects, width-2*pad) + 2*pad
}

func (c diagramColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			if i == 0 {
				m.Height += theme.Padding()
			}
			s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
		}
	}
	return s
}

func (c diagramColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) < 2 {
		return
	}
	bar, diagram := objs[0], objs[1]
	top := float32(0)
	if bar.Visible() {
		h := c.barHeight(size.Width)
		bar.Move(fyne.NewPos(0, 0))
		bar.Resize(fyne.NewSize(size.Width, h))
		top = h + theme.Padding() // the gap a border layout leaves
	}
	diagram.Move(fyne.NewPos(0, top))
	diagram.Resize(fyne.NewSize(size.Width, size.Height-top))
}
