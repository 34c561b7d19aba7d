package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// The Data tab while the window uses the clinic's server (issue 16).

// serverPart is the tab's top on a server: its address, how the
// connection is protected, and who makes the backups (the server's own
// tools; Chairside writes a portable file copy on request).
func (d *dataScreen) serverPart(db *store.DB) fyne.CanvasObject {
	address := widget.NewLabel(db.Path())
	address.Wrapping = fyne.TextWrapBreak
	address.Selectable = true
	protection := widget.NewLabel(protectionText(db.Protection()))
	protection.Wrapping = fyne.TextWrapWord
	if db.Protection() == store.ProtectionPlain || db.Protection() == store.ProtectionEncrypted {
		protection.Importance = widget.WarningImportance
	}
	job := widget.NewLabel(tr("data.server.backups", "Backups of a server are the server's job: the clinic's IT makes them with PostgreSQL's own tools (pg_dump, or base backups), on the server, for every chair at once. For example:"))
	job.Wrapping = fyne.TextWrapWord
	s, _ := db.ServerSettings()
	dump := widget.NewLabel(pgDumpCommand(s))
	dump.TextStyle = fyne.TextStyle{Monospace: true}
	dump.Wrapping = fyne.TextWrapBreak
	dump.Selectable = true
	copyNote := widget.NewLabel(tr("data.server.copy", "\"Save a copy as a file…\" writes all of the server's records into one database file that any single computer can open (the same as chairside backup --out copy.db on the command line)."))
	copyNote.Wrapping = fyne.TextWrapWord
	fileOnly := widget.NewLabel(tr("data.server.file_only", "The automatic daily backups and \"Restore from backup\" apply to database files only: a server is restored with its own tools (pg_restore), so no chair keeps copies of the whole clinic."))
	fileOnly.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(tr("data.server.address", "Clinic server"), address),
		widget.NewFormItem(tr("data.server.connection", "Connection"), protection),
		widget.NewFormItem(tr("data.server.backups_label", "Backups"), container.NewVBox(job, dump, copyNote, fileOnly)),
	)
	saveCopy := widget.NewButtonWithIcon(tr("data.server.save_copy", "Save a copy as a file…"), theme.DocumentSaveIcon(), d.BackUpNow)
	check := widget.NewButtonWithIcon(tr("check.button", "Check the database"), theme.ConfirmIcon(), d.CheckDatabase)
	return container.NewVBox(form, container.NewHBox(saveCopy, check))
}

// protectionText says how a connection is protected, in plain words.
func protectionText(p store.Protection) string {
	switch p {
	case store.ProtectionChecked:
		return tr("server.protection.checked", "Encrypted, and the server's certificate is checked (sslmode=verify-full).")
	case store.ProtectionEncrypted:
		return tr("server.protection.encrypted", "Encrypted, but the server's certificate is not checked: a computer posing as the server would not be noticed.")
	case store.ProtectionPlain:
		return tr("server.protection.plain", "Not encrypted (sslmode=disable): records cross the network as plain text. Use this only on a network the clinic trusts for it.")
	}
	return tr("server.protection.local", "Through a socket on this computer: nothing crosses the network.")
}

// pgDumpCommand is the backup command for the server database s, as the
// clinic's IT would type it.
func pgDumpCommand(s store.ServerSettings) string {
	args := []string{"pg_dump", "-Fc"}
	if s.Host != "" {
		args = append(args, "-h", shellWord(s.Host))
	}
	if s.Port != 0 && s.Port != store.DefaultServerPort {
		args = append(args, "-p", strconv.Itoa(s.Port))
	}
	if s.User != "" {
		args = append(args, "-U", shellWord(s.User))
	}
	args = append(args, shellWord(s.Database), ">", "clinic.dump")
	return strings.Join(args, " ")
}

// shellWord quotes s for a POSIX shell when it holds anything but plain
// characters.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
