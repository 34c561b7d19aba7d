package cli

import "path/filepath"

// fyneStorageRoot is the folder Fyne's app.Storage() gives the app with
// ID appID on goos, worked out as fyne.io/fyne/v2's internal rootConfigDir
// does (v2.7.1; an internal package cannot be imported). The default
// database sits there, beside Fyne's own preferences:
//
//   - Windows: %USERPROFILE%\AppData\Roaming\fyne\ID. Fyne builds it from
//     the home folder, not from %APPDATA%, which a domain may redirect to a
//     network share, where SQLite is not safe.
//   - macOS: ~/Library/Preferences/fyne/ID (not Go's UserConfigDir,
//     ~/Library/Application Support).
//   - Linux and the BSDs: $XDG_CONFIG_HOME/fyne/ID, else ~/.config/fyne/ID.
//
// home and config are os.UserHomeDir and os.UserConfigDir; with neither
// known, the folder is relative to the working directory.
func fyneStorageRoot(goos, appID string, home, config func() (string, error)) string {
	base := func(dir func() (string, error), elem ...string) string {
		d, err := dir()
		if err != nil || d == "" {
			d = "."
		}
		return filepath.Join(append([]string{d}, elem...)...)
	}
	switch goos {
	case "windows":
		return base(home, "AppData", "Roaming", "fyne", appID)
	case "darwin":
		return base(home, "Library", "Preferences", "fyne", appID)
	}
	return base(config, "fyne", appID)
}
