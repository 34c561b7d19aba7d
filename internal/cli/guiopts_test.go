package cli

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The app opens a server chosen in its settings only when neither --db
// nor CHAIRSIDE_DB named a database: the GUI is told which it was.
func TestGUIOptionsSayWhetherTheDatabaseWasNamed(t *testing.T) {
	file := filepath.Join(t.TempDir(), "clinic.db")
	cases := []struct {
		name      string
		args      []string
		env       string // "" unset
		wantPath  string
		wantNamed bool
	}{
		{"neither", nil, "", DefaultDBPath(), false},
		{"--db", []string{"--db", file}, "", file, true},
		{"--db naming the default file", []string{"--db", DefaultDBPath()}, "", DefaultDBPath(), true},
		{"CHAIRSIDE_DB", nil, file, file, true},
		{"CHAIRSIDE_DB server", nil, "postgres://ann@db.clinic.example/clinic", "postgres://ann@db.clinic.example/clinic", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.env != "" {
				t.Setenv("CHAIRSIDE_DB", c.env)
			} else {
				t.Setenv("CHAIRSIDE_DB", "") // restored when the test ends
				os.Unsetenv("CHAIRSIDE_DB")
			}
			var got GUIOptions
			started := false
			code := Main(c.args, io.Discard, io.Discard, func(o GUIOptions) error { got, started = o, true; return nil })
			if code != 0 || !started {
				t.Fatalf("exit %d, GUI started %v", code, started)
			}
			if got.DBPath != c.wantPath || got.DBNamed != c.wantNamed {
				t.Fatalf("GUI options %+v, want path %q named %v", got, c.wantPath, c.wantNamed)
			}
		})
	}
}
