package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// The clinic's video address for an exercise is kept with the clinic
// settings, survives a save of the other settings, is replaced and
// cleared, and anything but an http(s) web address is refused with a
// message saying what to type.
func TestClinicVideos(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const id, addr = "exercise:chin-tuck", "https://videos.example.com/chin-tuck?t=3"
		if err := db.SaveClinicVideo(ctx, id, addr); err != nil {
			t.Fatal(err)
		}
		c, err := db.Clinic(ctx)
		if err != nil || c.Videos[id] != addr || len(c.Videos) != 1 {
			t.Fatalf("Clinic().Videos = %v, %v; want %s -> %s", c.Videos, err, id, addr)
		}
		c.Name = "Back in Line"
		if err := db.SaveClinic(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveClinicVideo(ctx, id, "http://example.org/v2"); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.Clinic(ctx); c.Videos[id] != "http://example.org/v2" || c.Name != "Back in Line" {
			t.Errorf("after replacing: %+v", c)
		}
		for _, bad := range []string{"videos.example.com/x", "ftp://example.org/v", "javascript:alert(1)", "https://", "https://example.org/a b", "file:///etc/passwd", "https://example.org/\nx"} {
			err := db.SaveClinicVideo(ctx, id, bad)
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || !strings.Contains(err.Error(), "video address") {
				t.Errorf("SaveClinicVideo(%q) = %v, want a refusal about the video address", bad, err)
			}
		}
		if err := db.SaveClinicVideo(ctx, "", addr); err == nil {
			t.Error("a video with no exercise was accepted")
		}
		if c, _ := db.Clinic(ctx); c.Videos[id] != "http://example.org/v2" {
			t.Errorf("a refused address changed the stored one: %v", c.Videos)
		}
		if err := db.SaveClinicVideo(ctx, id, ""); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.Clinic(ctx); c.Videos != nil {
			t.Errorf("after clearing: %v", c.Videos)
		}
	})
}
