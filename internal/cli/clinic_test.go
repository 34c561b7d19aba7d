package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/store"
)

// TestClinicVideo sets, lists, refuses and clears an exercise's video
// from the command line, and checks what the store then holds.
func TestClinicVideo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "clinic", "video", "Bridge", "https://videos.example.com/bridge")...)
	if out := mustRun(t, dbArgs(db, "clinic", "videos")...); out != "exercise:bridge\thttps://videos.example.com/bridge\n" {
		t.Errorf("clinic videos printed %q", out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"clinic", "video", "bridge", "www.example.com/bridge"}, "must be a web address starting with https://"},
		{[]string{"clinic", "video", "no-such-exercise", "https://example.com"}, "chairside exercises lists them"},
		{[]string{"clinic", "video", "bridge"}, "give the exercise ID and the video address"},
		{[]string{"clinic", "video", "bridge", " "}, "the video address is empty"},
	} {
		code, _, errs := runCLI(t, dbArgs(db, tt.args...)...)
		if code != ExitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want a refusal with %q", tt.args, code, errs, tt.want)
		}
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Clinic(context.Background())
	s.Close()
	if err != nil || c.Videos["exercise:bridge"] != "https://videos.example.com/bridge" {
		t.Fatalf("stored videos %v, %v", c.Videos, err)
	}
	mustRun(t, dbArgs(db, "clinic", "video", "exercise:bridge", "--clear")...)
	if out := mustRun(t, dbArgs(db, "clinic", "videos")...); out != "" {
		t.Errorf("after --clear, clinic videos printed %q", out)
	}
}
