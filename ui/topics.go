package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/content"
)

// showTopics opens the topics browser: the articles (cracking your back,
// adjustments, stretches, red flags…) beside the conditions. Choosing one
// opens it in the explanation panel.
func (a *App) showTopics() {
	if a.lib == nil {
		return
	}
	var d dialog.Dialog
	column := func(heading string, texts []content.Text) fyne.CanvasObject {
		box := container.NewVBox()
		for _, t := range texts {
			b := widget.NewButton(t.Title, func() {
				d.Hide()
				a.openID(t.ID)
			})
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			box.Add(b)
		}
		head := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.SizeName = theme.SizeNameSubHeadingText
		return container.NewBorder(head, nil, nil, nil, container.NewVScroll(box))
	}
	body := container.NewGridWithColumns(2,
		column(tr("topics.topics", "Topics"), a.lib.Topics()),
		column(tr("topics.conditions", "Conditions"), a.lib.Conditions()))
	d = dialog.NewCustom(tr("topics.title", "Topics and conditions"), tr("button.close", "Close"), body, a.win)
	d.Resize(fyne.NewSize(760, 560))
	a.trace.event("topics shown")
	d.SetOnClosed(func() { a.topics = nil })
	a.topics = d
	d.Show()
}
