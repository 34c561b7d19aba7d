package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// roomPrefKey keeps the name of this chair's room (issue 16): recorded
// with every save, so that a clinician told "changed in Room 3 at 10:42"
// knows where the other change came from. Empty: CHAIRSIDE_ROOM, else the
// computer's name.
const roomPrefKey = "room.name"

// useRoomPreference gives the open database, and every one opened later
// (a restore, another database), the room named in Settings.
func (a *App) useRoomPreference() {
	name := a.fyneApp.Preferences().String(roomPrefKey)
	if err := store.UseRoom(name); err != nil {
		a.trace.event("room preference refused")
		return
	}
	if a.db != nil {
		a.db.SetRoom(name)
	}
}

// roomPanel is the Room field of the Display tab: the name this computer's
// saves are recorded with. Save keeps it in the preferences and applies
// it at once.
func (a *App) roomPanel() fyne.CanvasObject {
	entry := widget.NewEntry()
	entry.SetText(a.fyneApp.Preferences().String(roomPrefKey))
	entry.SetPlaceHolder(roomPlaceholder())
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	status := widget.NewLabel("")
	status.Importance = widget.LowImportance
	note := widget.NewLabel(tr("room.note", "Each save is recorded with this name, so that a clinician whose save meets another change is told where it came from (\"changed in Room 3 at 10:42\"). Leave it empty to use this computer's name."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	save := func() {
		name := strings.TrimSpace(entry.Text)
		if err := a.SetRoom(name); err != nil {
			problem.SetText(storeMessage(err))
			problem.Show()
			status.SetText("")
			return
		}
		problem.Hide()
		status.SetText(tr("room.saved", "Saves from this computer are now recorded as {{.Room}}.", map[string]any{"Room": roomOrElsewhere(store.DefaultRoom())}))
	}
	entry.OnSubmitted = func(string) { save() }
	entry.OnChanged = func(string) { problem.Hide(); status.SetText("") }
	button := widget.NewButtonWithIcon(tr("room.save", "Use this name"), theme.ConfirmIcon(), save)
	return container.NewVBox(boldLabel(tr("room.title", "Room")), container.NewBorder(nil, nil, nil, button, entry), problem, status, note)
}

// roomPlaceholder shows what an empty field means on this computer.
func roomPlaceholder() string {
	return tr("room.placeholder", "{{.Room}} (this computer)", map[string]any{"Room": roomOrElsewhere(store.NamedRoom())})
}

// SetRoom names this chair's room ("" for the computer's own name), keeps
// it for the next start and records the saves from now on with it.
func (a *App) SetRoom(name string) error {
	name = strings.TrimSpace(name)
	if err := store.UseRoom(name); err != nil {
		return err
	}
	a.fyneApp.Preferences().SetString(roomPrefKey, name)
	if a.db != nil {
		a.db.SetRoom(name)
	}
	a.trace.event("room set")
	return nil
}
