package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestFyneStorageRoot(t *testing.T) {
	home := func() (string, error) { return "/home/ann", nil }
	config := func() (string, error) { return "/xdg/config", nil }
	unknown := func() (string, error) { return "", errors.New("$HOME is not defined") }
	cases := []struct {
		goos         string
		home, config func() (string, error)
		want         string
	}{
		// Fyne's rootConfigDir for each desktop platform (v2.7.1).
		{"windows", home, config, filepath.Join("/home/ann", "AppData", "Roaming", "fyne", AppID)},
		{"darwin", home, config, filepath.Join("/home/ann", "Library", "Preferences", "fyne", AppID)},
		{"linux", home, config, filepath.Join("/xdg/config", "fyne", AppID)},
		{"freebsd", home, config, filepath.Join("/xdg/config", "fyne", AppID)},
		{"windows", unknown, config, filepath.Join(".", "AppData", "Roaming", "fyne", AppID)},
		{"linux", home, unknown, filepath.Join(".", "fyne", AppID)},
	}
	for _, c := range cases {
		if got := fyneStorageRoot(c.goos, AppID, c.home, c.config); got != c.want {
			t.Errorf("%s: %q, want %q", c.goos, got, c.want)
		}
	}
}

// On Linux the default database follows XDG_CONFIG_HOME, as Fyne does.
func TestDefaultDBPathFollowsXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME is the Linux rule")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if got, want := DefaultDBPath(), filepath.Join(dir, "fyne", AppID, "chairside.db"); got != want {
		t.Errorf("DefaultDBPath() = %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "fyne")); !os.IsNotExist(err) {
		t.Errorf("DefaultDBPath created a folder: %v", err)
	}
}
