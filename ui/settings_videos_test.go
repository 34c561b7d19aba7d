package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"chairside/internal/exercise"
)

func videosFor(t *testing.T, a *App, lang string) *videosPanel {
	t.Helper()
	lib, err := exercise.Load(lang)
	if err != nil {
		t.Fatal(err)
	}
	p := newVideosPanel(a.DB, a.trace, lib)
	if err := p.load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempWindow(t, p.root)
	return p
}

// TestVideoSettingsSaveAndClear: an address typed for an exercise and
// saved is in the store at once and in the field when Settings opens
// again; Clear removes it.
func TestVideoSettingsSaveAndClear(t *testing.T) {
	a, _ := newTestApp(t)
	p := videosFor(t, a, "en")
	if len(p.rows) < 24 {
		t.Fatalf("%d exercises listed, want the library's 24", len(p.rows))
	}
	r := p.row("exercise:chin-tuck")
	if r == nil || r.title != "Chin tuck" {
		t.Fatalf("chin tuck row: %+v", r)
	}
	if !r.save.Disabled() || !r.clear.Disabled() {
		t.Error("with no address, Save and Clear should be off")
	}
	const addr = "https://videos.example.com/chin-tuck"
	test.Type(r.address, addr)
	if r.save.Disabled() {
		t.Fatal("a typed address should turn Save on")
	}
	test.Tap(r.save)
	got, err := a.DB().ClinicVideos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got["exercise:chin-tuck"] != addr || len(got) != 1 {
		t.Fatalf("stored %v, want only the chin tuck's %s", got, addr)
	}
	if !r.status.Visible() || !strings.HasPrefix(r.status.Text, "Saved") || !r.save.Disabled() {
		t.Errorf("after saving: status %q (shown %v), Save off %v", r.status.Text, r.status.Visible(), r.save.Disabled())
	}

	// Enter saves too.
	b := p.row("exercise:bridge")
	test.Type(b.address, "http://clinic.example/bridge")
	b.address.OnSubmitted(b.address.Text)
	if got, _ := a.DB().ClinicVideos(context.Background()); got["exercise:bridge"] != "http://clinic.example/bridge" {
		t.Errorf("Enter did not save the bridge's address: %v", got)
	}

	// Leaving the field saves what was typed: Settings closed after
	// typing keeps it.
	w := p.row("exercise:walking")
	test.Type(w.address, "https://videos.example.com/walking")
	w.address.FocusLost()
	if got, _ := a.DB().ClinicVideos(context.Background()); got["exercise:walking"] != "https://videos.example.com/walking" {
		t.Errorf("leaving the field did not save the walking address: %v", got)
	}

	again := videosFor(t, a, "en")
	if r := again.row("exercise:chin-tuck"); r.address.Text != addr || r.clear.Disabled() || !r.save.Disabled() {
		t.Errorf("reopened: field %q, Clear off %v, Save off %v", r.address.Text, r.clear.Disabled(), r.save.Disabled())
	}

	test.Tap(again.row("exercise:chin-tuck").clear)
	got, _ = a.DB().ClinicVideos(context.Background())
	if _, ok := got["exercise:chin-tuck"]; ok {
		t.Errorf("Clear left the address: %v", got)
	}
	if r := again.row("exercise:chin-tuck"); r.address.Text != "" || !strings.HasPrefix(r.status.Text, "Removed") {
		t.Errorf("after Clear: field %q, status %q", r.address.Text, r.status.Text)
	}
}

// TestVideoSettingsRefuseABadAddress: an address that is not a web page
// is not saved; the store's reason shows under the field, in the app's
// language, and the text typed stays for correcting.
func TestVideoSettingsRefuseABadAddress(t *testing.T) {
	a, _ := newTestApp(t)
	for _, c := range []struct{ lang, typed, want string }{
		{"en", "ftp://videos.example.com/bridge", "The video address must be a web address starting with https:// or http://"},
		{"en", "https://", "The video address needs a site name after https://"},
		{"es", "videos.example.com/bridge", "La dirección del vídeo debe ser una dirección web que empiece por https:// o http://"},
	} {
		if c.lang != "en" {
			useLanguage(t, c.lang)
		}
		p := videosFor(t, a, c.lang)
		r := p.row("exercise:bridge")
		test.Type(r.address, c.typed)
		test.Tap(r.save)
		if !r.status.Visible() || !strings.HasPrefix(r.status.Text, c.want) {
			t.Errorf("%s %q: message %q (shown %v), want %q…", c.lang, c.typed, r.status.Text, r.status.Visible(), c.want)
		}
		if r.address.Text != c.typed {
			t.Errorf("%s: the field holds %q after the refusal, want what was typed, %q", c.lang, r.address.Text, c.typed)
		}
		if r.save.Disabled() {
			t.Errorf("%s: Save is off after a refusal; the clinician cannot retry", c.lang)
		}
		if got, _ := a.DB().ClinicVideos(context.Background()); len(got) != 0 {
			t.Errorf("%s: a refused address was stored: %v", c.lang, got)
		}
	}
}

// TestSettingsHasTheVideosTab: the Settings dialog offers the tab with
// the library's exercises.
func TestSettingsHasTheVideosTab(t *testing.T) {
	a, _ := newTestApp(t)
	a.ShowSettings()
	var titles []string
	for _, o := range test.LaidOutObjects(a.win.Canvas().Overlays().Top()) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, it := range tabs.Items {
				titles = append(titles, it.Text)
			}
		}
	}
	if !slices.Contains(titles, "Exercise videos") {
		t.Errorf("Settings tabs %q lack Exercise videos", titles)
	}
}

// TestVideoSettingsFollowTheDatabase: after a restore or a switch to the
// server (the window's database replaced), the tab shows that database's
// addresses.
func TestVideoSettingsFollowTheDatabase(t *testing.T) {
	a, _ := newTestApp(t)
	p := a.videosPanel()
	if r := p.row("exercise:bridge"); r == nil || r.address.Text != "" {
		t.Fatalf("bridge row before: %+v", r)
	}
	if err := a.DB().SaveClinicVideo(context.Background(), "exercise:bridge", "https://videos.example.com/bridge"); err != nil {
		t.Fatal(err)
	}
	for _, f := range a.data.replaced {
		f()
	}
	if got := p.row("exercise:bridge").address.Text; got != "https://videos.example.com/bridge" {
		t.Errorf("after the database was replaced the field holds %q", got)
	}
	if p.problem.Visible() {
		t.Errorf("a problem is shown: %q", p.problem.Text)
	}
}
