package ui

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // clinic logos may be JPEG
	_ "image/png"  // or PNG
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/store"
)

// Paper size choices as the clinician sees them, in the app's language.
func paperLetter() string { return tr("settings.paper.letter", "Letter (US, 8.5 × 11 in)") }
func paperA4() string     { return tr("settings.paper.a4", "A4 (210 × 297 mm)") }

// installSettings puts the Settings button on the toolbar.
func (a *App) installSettings() {
	a.AddToolbarAction(widget.NewButtonWithIcon(tr("toolbar.settings", "Settings"), theme.SettingsIcon(), a.ShowSettings))
	a.useRoomPreference() // settings_room.go: this chair's room, recorded with each save
}

// ShowSettings opens the clinic settings (what every handout's header
// prints) and the Data tab (backups, restore, check).
func (a *App) ShowSettings() {
	if a.db == nil {
		return
	}
	f := newClinicForm(a.win, a.DB, a.trace)
	if err := f.load(); err != nil {
		showStoreError(a.win, "", err, "")
		return
	}
	// After a restore or a switch to the server, the clinic's details come from the new database.
	a.OnDatabaseReplaced(func() { reloadUnlessDirty(f) })
	s := &settingsScreen{win: a.win, trace: a.trace, clinic: f, data: a.newDataScreen().root, display: container.NewVBox(a.displayPanel(), widget.NewSeparator(), a.roomPanel())}
	s.videos = a.videosTab() // settings_videos.go
	s.show()
}

// settingsScreen is the Settings dialog: the clinic's details (clinicForm),
// the Data tab (backups, restore and the check: backup.go) and the Display
// tab (theme, language), each handed to it built.
type settingsScreen struct {
	win           fyne.Window
	trace         *tracer
	clinic        *clinicForm
	data, display fyne.CanvasObject
	videos        fyne.CanvasObject // the exercise videos (settings_videos.go)
}

// show opens the dialog. Closing it with unsaved clinic details asks first.
func (s *settingsScreen) show() {
	f := s.clinic
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(tr("settings.tab.clinic", "Clinic"), theme.HomeIcon(), container.NewVScroll(f.root)),
		container.NewTabItemWithIcon(tr("settings.tab.data", "Data"), theme.StorageIcon(), container.NewVScroll(s.data)),
		container.NewTabItemWithIcon(tr("settings.tab.display", "Display"), theme.ColorPaletteIcon(), container.NewVScroll(s.display)),
	)
	if s.videos != nil {
		tabs.Append(container.NewTabItemWithIcon(tr("videos.tab", "Exercise videos"), theme.MediaVideoIcon(), container.NewVScroll(s.videos)))
	}
	d := dialog.NewCustomWithoutButtons(tr("settings.title", "Settings"), tabs, s.win)
	closeBtn := widget.NewButtonWithIcon(tr("button.close", "Close"), theme.CancelIcon(), func() {
		if f.dirty() {
			ask := dialog.NewConfirm(tr("settings.unsaved.title", "Close without saving?"),
				tr("settings.unsaved.message", "The clinic settings have changes that are not saved. Close anyway and lose them?"),
				func(ok bool) {
					if ok {
						d.Hide()
					}
				}, s.win)
			ask.SetConfirmText(tr("button.close_anyway", "Close anyway"))
			ask.SetDismissText(tr("button.keep_editing", "Keep editing"))
			ask.Show()
			return
		}
		d.Hide()
	})
	d.SetButtons([]fyne.CanvasObject{closeBtn})
	d.Resize(fyne.NewSize(760, min(s.win.Canvas().Size().Height-40, 760)))
	s.trace.event("settings opened")
	d.Show()
}

// clinicForm edits the clinic settings. Each field has its message under
// it, filled from the store's validation, so the clinician sees what to
// change where.
type clinicForm struct {
	win   fyne.Window
	db    func() *store.DB // changes after a restore: asked for each time
	trace *tracer

	name, address, phone, website, clinician *widget.Entry
	paper                                    *widget.RadioGroup
	logo                                     []byte
	logoImage                                *canvas.Image
	logoInfo                                 *widget.Label
	removeLogo                               *widget.Button
	problems                                 map[string]*widget.Label
	status                                   *widget.Label
	saved                                    handout.Clinic // as last loaded or saved
	root                                     fyne.CanvasObject
}

func newClinicForm(win fyne.Window, db func() *store.DB, trace *tracer) *clinicForm {
	f := &clinicForm{win: win, db: db, trace: trace, problems: map[string]*widget.Label{}}
	f.name = widget.NewEntry()
	f.name.SetPlaceHolder(tr("settings.clinic.name.hint", "e.g. Riverside Chiropractic"))
	f.address = widget.NewMultiLineEntry()
	f.address.SetMinRowsVisible(3)
	f.address.Wrapping = fyne.TextWrapWord
	f.address.SetPlaceHolder(tr("settings.clinic.address.hint", "Street, town, postcode"))
	f.phone = widget.NewEntry()
	f.website = widget.NewEntry()
	f.website.SetPlaceHolder(tr("settings.clinic.website.hint", "e.g. riversidechiro.example"))
	f.clinician = widget.NewEntry()
	f.clinician.SetPlaceHolder(tr("settings.clinic.clinician.hint", "e.g. Dr. Ana Ruiz, DC"))
	f.paper = widget.NewRadioGroup([]string{paperLetter(), paperA4()}, nil)
	f.paper.Horizontal = true
	f.paper.Required = true

	f.logoImage = canvas.NewImageFromImage(nil)
	f.logoImage.FillMode = canvas.ImageFillContain
	f.logoImage.SetMinSize(fyne.NewSize(180, 72))
	f.logoInfo = widget.NewLabel("")
	choose := widget.NewButtonWithIcon(tr("settings.logo.choose", "Choose image…"), theme.FolderOpenIcon(), f.chooseLogo)
	f.removeLogo = widget.NewButtonWithIcon(tr("settings.logo.remove", "Remove"), theme.DeleteIcon(), func() {
		f.setLogo(nil)
	})
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	frame.StrokeWidth = 1
	frame.CornerRadius = theme.InputRadiusSize()
	thumb := container.NewStack(frame, container.NewPadded(f.logoImage))
	logoRow := container.NewHBox(thumb, container.NewVBox(f.logoInfo, container.NewHBox(choose, f.removeLogo)))

	field := func(key string, obj fyne.CanvasObject) fyne.CanvasObject { return withProblem(f.problems, key, obj) }
	form := widget.NewForm(
		widget.NewFormItem(tr("settings.clinic.name", "Clinic name"), field("Name", f.name)),
		widget.NewFormItem(tr("settings.clinic.address", "Address"), field("Address", f.address)),
		widget.NewFormItem(tr("settings.clinic.phone", "Phone"), field("Phone", f.phone)),
		widget.NewFormItem(tr("settings.clinic.website", "Website"), field("Website", f.website)),
		widget.NewFormItem(tr("settings.clinic.clinician", "Clinician"), field("Clinician", f.clinician)),
		widget.NewFormItem(tr("settings.clinic.logo", "Logo"), field("Logo", logoRow)),
		widget.NewFormItem(tr("settings.clinic.paper", "Paper size"), field("Paper", f.paper)),
	)
	intro := widget.NewLabelWithStyle(tr("settings.clinic.intro", "These details print at the top of every handout."), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	f.status = widget.NewLabel("")
	save := widget.NewButtonWithIcon(tr("settings.clinic.save", "Save clinic settings"), theme.DocumentSaveIcon(), func() { f.save() })
	save.Importance = widget.HighImportance
	f.root = container.NewVBox(intro, form, container.NewHBox(save, f.status))
	for _, e := range []*widget.Entry{f.name, f.address, f.phone, f.website, f.clinician} {
		e.OnChanged = func(string) { f.status.SetText("") }
	}
	return f
}

// load fills the form from the database.
func (f *clinicForm) load() error {
	c, err := f.db().Clinic(context.Background())
	if err != nil {
		return err
	}
	f.saved = c
	f.name.SetText(c.Name)
	f.address.SetText(c.Address)
	f.phone.SetText(c.Phone)
	f.website.SetText(c.Website)
	f.clinician.SetText(c.Clinician)
	if c.Paper == handout.A4 {
		f.paper.SetSelected(paperA4())
	} else {
		f.paper.SetSelected(paperLetter())
	}
	f.setLogo(c.Logo)
	f.showProblems(nil)
	f.status.SetText("")
	return nil
}

// clinic is what the form holds now.
func (f *clinicForm) clinic() handout.Clinic {
	c := handout.Clinic{
		Name:      f.name.Text,
		Address:   f.address.Text,
		Phone:     f.phone.Text,
		Website:   f.website.Text,
		Clinician: f.clinician.Text,
		Logo:      f.logo,
		Paper:     handout.Letter,
	}
	if f.paper.Selected == paperA4() {
		c.Paper = handout.A4
	}
	return c
}

// dirty reports unsaved changes.
func (f *clinicForm) dirty() bool {
	c, s := f.clinic(), f.saved
	if s.Paper == "" {
		s.Paper = handout.Letter
	}
	return c.Name != s.Name || c.Address != s.Address || c.Phone != s.Phone || c.Website != s.Website ||
		c.Clinician != s.Clinician || c.Paper != s.Paper || !bytes.Equal(c.Logo, s.Logo)
}

// save validates and stores the settings; problems are shown next to their
// fields and returned.
func (f *clinicForm) save() error {
	c := f.clinic()
	err := store.ValidateClinic(c)
	if err == nil {
		err = f.db().SaveClinic(context.Background(), c)
	}
	fields := store.FieldsIn(err, shownLanguage())
	f.showProblems(fields)
	switch {
	case err == nil:
		f.saved = c
		f.status.SetText(tr("settings.clinic.saved", "Saved."))
		f.trace.event("clinic settings saved")
	case len(fields) > 0:
		f.status.SetText(tr("settings.clinic.refused", "Not saved: see the messages above."))
		f.trace.event("clinic settings refused")
	default:
		f.status.SetText(tr("settings.clinic.not_saved", "Not saved."))
		showStoreError(f.win, "", err, "")
	}
	return err
}

// showProblems puts each message under its field and hides the others.
func (f *clinicForm) showProblems(fields map[string]string) {
	for key, l := range f.problems {
		if msg := fields[key]; msg != "" {
			l.SetText(msg)
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
}

// problem is the message shown under a field ("" when none).
func (f *clinicForm) problem(key string) string {
	if l := f.problems[key]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// chooseLogo reads an image picked by the clinician.
func (f *clinicForm) chooseLogo() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		// Read one byte past the limit to tell "too large" from "just fits".
		data, err := io.ReadAll(io.LimitReader(r, store.MaxLogoBytes+1))
		if err != nil {
			f.logoProblem(tr("settings.logo.unreadable", "The image could not be read ({{.Reason}}).", map[string]any{"Reason": err}))
			return
		}
		if err := f.useLogo(data); err != nil {
			f.logoProblem(asSentence(err))
		}
	}, f.win)
	d.SetTitleText(tr("settings.logo.dialog", "Choose the clinic logo (PNG or JPEG)"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	d.Resize(fyne.NewSize(860, 580))
	d.Show()
}

// useLogo takes data as the logo when it is a PNG or JPEG that decodes and
// is small enough; otherwise the current logo stays and the error says why.
func (f *clinicForm) useLogo(data []byte) error {
	if err := handout.CheckLogo(data); err != nil {
		return err
	}
	f.setLogo(data)
	f.trace.event("logo chosen")
	return nil
}

func (f *clinicForm) logoProblem(msg string) {
	l := f.problems["Logo"]
	l.SetText(msg)
	l.Show()
}

// setLogo shows data (nil for none) as the logo thumbnail.
func (f *clinicForm) setLogo(data []byte) {
	f.logo = data
	f.problems["Logo"].Hide()
	f.status.SetText("")
	if len(data) == 0 {
		f.logoImage.Image = nil
		f.logoImage.Refresh()
		f.logoInfo.SetText(tr("settings.logo.none", "No logo: the clinic name heads the handout."))
		f.removeLogo.Disable()
		return
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		// A stored logo that no longer decodes: say so and offer to replace it.
		f.logoImage.Image = nil
		f.logoImage.Refresh()
		f.logoInfo.SetText(tr("settings.logo.broken", "The saved logo cannot be read; choose it again."))
		f.removeLogo.Enable()
		return
	}
	f.logoImage.Image = img
	f.logoImage.Refresh()
	b := img.Bounds()
	f.logoInfo.SetText(tr("settings.logo.size", "{{.Width}} × {{.Height}} pixels, {{.KB}} KB",
		map[string]any{"Width": b.Dx(), "Height": b.Dy(), "KB": (len(data) + 1023) / 1024}))
	f.removeLogo.Enable()
}

// themeLabels are the theme choices as the clinician sees them, in the
// order offered.
func themeLabels() []struct{ choice, label string } {
	return []struct{ choice, label string }{
		{themeLight, tr("settings.theme.light", "Light")},
		{themeDark, tr("settings.theme.dark", "Dark")},
		{themeSystem, tr("settings.theme.system", "System (as the computer is set)")},
	}
}

// displayPanel is the Display tab: the theme, applied at once and kept in
// the preferences for the next start.
func (a *App) displayPanel() fyne.CanvasObject {
	choices := themeLabels()
	labels := make([]string, len(choices))
	current := themeChoice()
	selected := ""
	for i, t := range choices {
		labels[i] = t.label
		if t.choice == current {
			selected = t.label
		}
	}
	radio := widget.NewRadioGroup(labels, func(label string) {
		for _, t := range choices {
			if t.label == label {
				a.SetThemeChoice(t.choice)
			}
		}
	})
	radio.Required = true
	radio.Selected = selected
	note := widget.NewLabel(tr("settings.theme.note", "System follows the computer's light or dark setting (or FYNE_THEME when it is set). The spine diagram follows the theme; printed handouts always print in light colours."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	return container.NewVBox(boldLabel(tr("settings.theme", "Theme")), radio, note, widget.NewSeparator(), a.languageChoice())
}

// SetThemeChoice switches the window to the light, dark or system theme and
// remembers the choice.
func (a *App) SetThemeChoice(choice string) {
	a.fyneApp.Preferences().SetString(themePrefKey, choice)
	a.fyneApp.Settings().SetTheme(a.theme())
	a.trace.event("theme %s", choice)
}

// theme is the window's theme as it should be now: the chosen variant, the
// panel's and the controls' text scales.
func (a *App) theme() fyne.Theme {
	t := newChairsideTheme(a.panelScale)
	t.controls = max(a.controlScale, 1)
	return t
}

// languageChoice is the Language choice: the system's language or one of
// the catalogues. Fyne reads the language once, when the app starts (see
// lang.go), so the choice is kept in the preferences and applied at the
// next start; the note under it says so, in the language chosen.
func (a *App) languageChoice() fyne.CanvasObject {
	choices := languageChoices()
	labels := make([]string, len(choices))
	current := a.fyneApp.Preferences().String(languagePrefKey)
	selected := ""
	for i, c := range choices {
		labels[i] = c.label
		if c.code == current {
			selected = c.label
		}
	}
	note := widget.NewLabel(tr("settings.language.note", "Chairside shows its words in the chosen language the next time it starts. A new handout is written in the patient's language when Chairside has texts in it, else in this language."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	radio := widget.NewRadioGroup(labels, func(label string) {
		for _, c := range choices {
			if c.label == label {
				a.SetLanguageChoice(c.code)
				note.SetText(nextStartNote(c.code))
			}
		}
	})
	radio.Required = true
	radio.Selected = selected
	return container.NewVBox(boldLabel(tr("settings.language", "Language")), radio, note)
}

// SetLanguageChoice keeps code ("" for the system's language) as the
// language Chairside starts in.
func (a *App) SetLanguageChoice(code string) {
	a.fyneApp.Preferences().SetString(languagePrefKey, code)
	a.trace.event("language %q", code)
}

// nextStartNote says, in the language just chosen (so a clinician who
// picked a language they read finds the note in it), when it applies.
func nextStartNote(code string) string {
	w := i18n.For(code)
	if code == "" {
		w = i18n.For(systemLanguage())
	}
	return w.T("settings.language.note")
}

// withProblem puts obj above a hidden red line that says what is wrong with
// it, kept in problems under key (the model's field name), so that a
// refused save can show each reason under its own field.
func withProblem(problems map[string]*widget.Label, key string, obj fyne.CanvasObject) fyne.CanvasObject {
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	problems[key] = msg
	return container.NewVBox(obj, msg)
}
