package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/words"
)

// saveAsOptions configure showSaveAs.
type saveAsOptions struct {
	Title   string
	Confirm string // the button that saves, e.g. "Export"
	Dir     string // folder shown first; the home folder when empty or missing
	Name    string // suggested file name
	Ext     string // ".pdf": added when the clinician leaves it out
	// Overwrite allows replacing an existing file, after asking.
	Overwrite bool
	// Check refuses a path with a message shown under the name, e.g. the
	// database itself as a backup target.
	Check func(path string) error
}

// showSaveAs asks where to save a file: a name, and a folder chosen with
// the folder picker. Unlike Fyne's save dialog it creates nothing itself
// (that dialog empties the chosen file before the caller can write), so a
// failed export or backup never leaves an empty or half-written file, and
// a file chosen by mistake, even the database, is never truncated.
func showSaveAs(w fyne.Window, o saveAsOptions, onSave func(path string)) {
	dir := o.Dir
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		dir = homeDir()
	}
	name := widget.NewEntry()
	name.SetText(o.Name)
	folder := widget.NewLabel(dir)
	folder.Wrapping = fyne.TextWrapBreak
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	change := widget.NewButtonWithIcon(tr("save.change_folder", "Change folder…"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil || l == nil {
				return
			}
			dir = l.Path()
			folder.SetText(dir)
		}, w)
		if l := listableDir(dir); l != nil {
			fd.SetLocation(l)
		}
		fd.Resize(fyne.NewSize(820, 560))
		fd.Show()
	})
	form := widget.NewForm(
		widget.NewFormItem(tr("save.file_name", "File name"), name),
		widget.NewFormItem(tr("save.folder", "Folder"), container.NewBorder(nil, nil, nil, change, folder)),
	)
	var d *dialog.CustomDialog
	save := func() {
		path, err := savePath(dir, name.Text, o.Ext)
		if err == nil && o.Check != nil {
			err = o.Check(path)
		}
		if err != nil {
			problem.SetText(asSentence(err))
			problem.Show()
			return
		}
		if _, statErr := os.Stat(path); statErr == nil {
			if !o.Overwrite {
				problem.SetText(tr("save.exists", "A file with this name is already there; choose another name."))
				problem.Show()
				return
			}
			ask := dialog.NewConfirm(tr("save.replace.title", "Replace the file?"),
				tr("save.replace.message", "{{.Name}} is already in this folder. Replace it?", map[string]any{"Name": filepath.Base(path)}),
				func(ok bool) {
					if ok {
						d.Hide()
						onSave(path)
					}
				}, w)
			ask.SetConfirmText(tr("save.replace.confirm", "Replace"))
			ask.SetDismissText(tr("button.cancel", "Cancel"))
			ask.Show()
			return
		}
		d.Hide()
		onSave(path)
	}
	name.OnSubmitted = func(string) { save() }
	ok := widget.NewButtonWithIcon(o.Confirm, theme.DocumentSaveIcon(), save)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("button.cancel", "Cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(o.Title, container.NewVBox(form, problem), w)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
	w.Canvas().Focus(name)
}

// savePath joins the folder and the typed name, adding ext when missing. A
// name with a folder in it, or none, is refused with a message.
func savePath(dir, name, ext string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "", name == "." || name == "..":
		return "", errors.New(tr("save.no_name", "enter a file name"))
	case strings.ContainsAny(name, `/\`):
		return "", errors.New(tr("save.slash", "the file name cannot contain / or \\; choose the folder with \"Change folder…\""))
	}
	if ext != "" && !strings.EqualFold(filepath.Ext(name), ext) {
		name += ext
	}
	return filepath.Join(dir, name), nil
}

// listableDir is dir as a location for Fyne's file pickers, or nil when it
// is not a readable folder (the picker then starts in its default place).
func listableDir(dir string) fyne.ListableURI {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// homeDir is where save dialogs start when no better folder is known:
// Documents when there is one, else the home folder.
func homeDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// asSentence shows an error as a sentence: capitalised, ending in a stop.
func asSentence(err error) string {
	s := words.UpperFirst(strings.TrimSpace(err.Error()))
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}
