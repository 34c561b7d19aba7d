package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeWidth is the width of a notice in the window's corner.
const noticeWidth = 440

// noticeLinger is how long a notice that reports success stays.
const noticeLinger = 15 * time.Second

// noticeArea shows notices in the bottom-right corner of the main window,
// over the content but without blocking it (unlike a pop-up, which takes
// every tap): background work such as the automatic backup reports here
// instead of interrupting with a dialog. A notice stays until closed, so a
// failure is not missed; news of success goes after noticeLinger.
type noticeArea struct {
	list  *fyne.Container
	layer *fyne.Container // the corner layer stacked over the content
	root  fyne.CanvasObject
}

// ShowNotice shows msg in the window's corner; problem marks it as a
// warning that stays until closed. Call it on the UI thread.
func (a *App) ShowNotice(msg string, problem bool) {
	if problem {
		a.showNotice(msg, noticeProblem)
	} else {
		a.showNotice(msg, noticeInfo)
	}
}

// noticeKind says how a notice looks and whether it goes by itself.
type noticeKind int

const (
	noticeInfo    noticeKind = iota // goes after noticeLinger
	noticeSticky                    // information to keep (a path to note down): stays until closed
	noticeProblem                   // a warning: stays until closed
)

func (a *App) showNotice(msg string, kind noticeKind) {
	a.showNoticeWith(msg, kind, nil)
}

// showNoticeAction shows a notice that stays until closed, with a button
// that runs act (and closes the notice). It returns a function that takes
// the notice away, for when it no longer applies.
func (a *App) showNoticeAction(msg, label string, act func()) (dismiss func()) {
	return a.showNoticeWith(msg, noticeSticky, &noticeAction{label: label, run: act})
}

// noticeAction is a notice's button.
type noticeAction struct {
	label string
	run   func()
}

func (a *App) showNoticeWith(msg string, kind noticeKind, action *noticeAction) (dismiss func()) {
	if a.win.Canvas().Overlays().Top() != nil {
		// A dialog is open (Settings after a backup, the patients screen
		// after an export): the corner sits under it, dimmed and half
		// hidden, so the news would go unread. Say it on top instead.
		return a.noticeOverDialog(msg, kind, action)
	}
	problem := kind == noticeProblem
	n := a.data.notices
	if n == nil || a.win.Content() != n.root {
		// Stack the corner layer over whatever the window shows now.
		n = &noticeArea{list: container.NewVBox()}
		n.layer = container.New(&cornerLayout{}, n.list)
		// A strip of its own under the content, which gives up the height:
		// floating over it, a notice sat on the editor's Save buttons.
		n.root = container.NewBorder(nil, n.layer, nil, nil, a.win.Content())
		a.win.SetContent(n.root)
		a.data.notices = n
	}
	icon := theme.InfoIcon()
	if problem {
		icon = theme.NewWarningThemedResource(theme.WarningIcon())
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	var card fyne.CanvasObject
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		n.list.Remove(card)
	})
	closeBtn.Importance = widget.LowImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	var content fyne.CanvasObject = text
	if action != nil {
		btn := widget.NewButton(action.label, func() {
			n.list.Remove(card)
			action.run()
		})
		btn.Importance = widget.HighImportance
		content = container.NewVBox(text, container.NewHBox(btn))
	}
	body := container.NewBorder(nil, nil, widget.NewIcon(icon), container.NewVBox(closeBtn), content)
	card = container.NewStack(bg, container.NewPadded(body))
	n.list.Add(card)
	if kind == noticeInfo {
		// Good news can go by itself; a problem waits to be read and closed.
		a.data.timers.after(noticeLinger, func() { n.list.Remove(card) })
	}
	if problem {
		a.trace.event("notice shown (problem)")
	} else {
		a.trace.event("notice shown")
	}
	return func() { n.list.Remove(card) }
}

// noticeOverDialog shows a notice as a small dialog over the open one.
func (a *App) noticeOverDialog(msg string, kind noticeKind, action *noticeAction) (dismiss func()) {
	title := tr("notice.done", "Done")
	switch kind {
	case noticeSticky:
		title = tr("notice.note", "Please note")
	case noticeProblem:
		title = tr("notice.warning", "Warning")
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	if action != nil {
		d = dialog.NewCustomConfirm(title, action.label, tr("button.close", "Close"), text, func(ok bool) {
			if ok {
				action.run()
			}
		}, a.win)
	} else {
		d = dialog.NewCustom(title, tr("button.close", "Close"), text, a.win)
	}
	shown := &noticeShown{text: msg}
	a.data.noticeDialogs = append(a.data.noticeDialogs, shown)
	d.SetOnClosed(func() {
		a.data.noticeDialogs = slices.DeleteFunc(a.data.noticeDialogs, func(s *noticeShown) bool { return s == shown })
	})
	d.Resize(fyne.NewSize(noticeWidth+120, 0))
	d.Show()
	if kind == noticeProblem {
		a.trace.event("notice shown (problem)")
	} else {
		a.trace.event("notice shown")
	}
	return d.Hide
}

// noticeShown is a notice shown as a dialog, until it is closed.
type noticeShown struct{ text string }

// notices is the text of every notice shown now, oldest first: those in
// the corner, then those shown over a dialog.
func (a *App) notices() []string {
	var out []string
	if n := a.data.notices; n != nil && a.win.Content() == n.root {
		for _, card := range n.list.Objects {
			for _, o := range allObjects(card) {
				if l, ok := o.(*widget.Label); ok {
					out = append(out, l.Text)
				}
			}
		}
	}
	for _, s := range a.data.noticeDialogs {
		out = append(out, s.text)
	}
	return out
}

// allObjects lists obj and, for containers, everything inside.
func allObjects(obj fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{obj}
	if c, ok := obj.(*fyne.Container); ok {
		for _, o := range c.Objects {
			out = append(out, allObjects(o)...)
		}
	}
	return out
}

// cornerLayout puts its one object (the list of notices) at the right of
// the strip under the window's content, noticeWidth wide and as tall as its
// wrapped text needs; with no notice the strip takes no room.
type cornerLayout struct{}

func (cornerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 0 {
			continue
		}
		// Wrapped text knows its height only once it has its width.
		o.Resize(fyne.NewSize(noticeWidth, o.MinSize().Height))
		h = max(h, o.MinSize().Height+2*theme.Padding())
	}
	return fyne.NewSize(0, h)
}

func (cornerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 3
	for _, o := range objs {
		w := min(float32(noticeWidth), size.Width-2*pad)
		// Wrapped text knows its height only once it has its width.
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(size.Width-w-pad, theme.Padding()))
	}
}
