package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"chairside/internal/handout"
	"chairside/internal/store"
)

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, h/2, color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0xff})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestClinicSettingsRoundTrip(t *testing.T) {
	a, trace := newTestApp(t)
	f := newClinicForm(a.win, a.DB, a.trace)
	if err := f.load(); err != nil {
		t.Fatal(err)
	}
	if f.paper.Selected != paperLetter() || f.dirty() {
		t.Fatalf("fresh settings: paper %q dirty %v; want Letter, clean", f.paper.Selected, f.dirty())
	}
	logo := testPNG(t, 240, 80)
	f.name.SetText("Clínica Ærøskøbing")
	f.address.SetText("12 Harbour Road\nÆrøskøbing 5970")
	f.phone.SetText("+45 12 34 56 78")
	f.website.SetText("aero-chiro.example")
	f.clinician.SetText("Dr. Zoë Łukasiewicz, DC")
	f.paper.SetSelected(paperA4())
	if err := f.useLogo(logo); err != nil {
		t.Fatal(err)
	}
	if !f.dirty() {
		t.Error("edited settings should be dirty")
	}
	if err := f.save(); err != nil {
		t.Fatalf("save: %v", err)
	}
	if f.dirty() || f.status.Text != "Saved." {
		t.Errorf("after save: dirty %v, status %q", f.dirty(), f.status.Text)
	}
	got, err := a.DB().Clinic(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := handout.Clinic{Name: "Clínica Ærøskøbing", Address: "12 Harbour Road\nÆrøskøbing 5970", Phone: "+45 12 34 56 78",
		Website: "aero-chiro.example", Clinician: "Dr. Zoë Łukasiewicz, DC", Logo: logo, Paper: handout.A4}
	if got.Name != want.Name || got.Address != want.Address || got.Phone != want.Phone || got.Website != want.Website ||
		got.Clinician != want.Clinician || got.Paper != want.Paper || !bytes.Equal(got.Logo, want.Logo) {
		t.Errorf("stored %+v, want %+v", got, want)
	}
	// A new form shows what was saved, thumbnail included.
	g := newClinicForm(a.win, a.DB, a.trace)
	if err := g.load(); err != nil {
		t.Fatal(err)
	}
	if g.name.Text != want.Name || g.paper.Selected != paperA4() || g.logoImage.Image == nil || g.dirty() {
		t.Errorf("reloaded form: name %q paper %q logo %v dirty %v", g.name.Text, g.paper.Selected, g.logoImage.Image != nil, g.dirty())
	}
	if !strings.Contains(g.logoInfo.Text, "240 × 80") {
		t.Errorf("logo info %q should give its size", g.logoInfo.Text)
	}
	// Removing the logo is saved too.
	g.removeLogo.OnTapped()
	if err := g.save(); err != nil {
		t.Fatal(err)
	}
	got, _ = a.DB().Clinic(context.Background())
	if len(got.Logo) != 0 {
		t.Error("the removed logo is still stored")
	}
	if !strings.Contains(trace.String(), "trace: clinic settings saved") {
		t.Errorf("trace %q", trace.String())
	}
}

func TestClinicSettingsValidation(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(f *clinicForm)
		field string
		says  string
	}{
		{"overlong name", func(f *clinicForm) { f.name.SetText(strings.Repeat("A", store.MaxNameLen+1)) }, "Name", "too long"},
		{"name with NUL", func(f *clinicForm) { f.name.SetText("Riverside\x00Chiro") }, "Name", "control character"},
		{"phone on two lines", func(f *clinicForm) { f.phone.SetText("555 0100\n555 0101") }, "Phone", "one line"},
		{"overlong address", func(f *clinicForm) { f.address.SetText(strings.Repeat("x", store.MaxContactLen+1)) }, "Address", "too long"},
		{"overlong clinician", func(f *clinicForm) { f.clinician.SetText(strings.Repeat("é", store.MaxNameLen+1)) }, "Clinician", "too long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			f := newClinicForm(a.win, a.DB, a.trace)
			if err := f.load(); err != nil {
				t.Fatal(err)
			}
			f.website.SetText("kept.example")
			c.edit(f)
			if err := f.save(); err == nil {
				t.Fatal("save accepted invalid settings")
			}
			if msg := f.problem(c.field); !strings.Contains(msg, c.says) {
				t.Errorf("message under %s = %q, want it to say %q", c.field, msg, c.says)
			}
			for _, other := range []string{"Name", "Address", "Phone", "Website", "Clinician", "Logo", "Paper"} {
				if other != c.field && f.problem(other) != "" {
					t.Errorf("unexpected message under %s: %q", other, f.problem(other))
				}
			}
			if !strings.Contains(f.status.Text, "Not saved") {
				t.Errorf("status %q", f.status.Text)
			}
			got, _ := a.DB().Clinic(context.Background())
			if got.Website != "" {
				t.Error("refused settings were partly saved")
			}
			// Fixing the field clears its message on the next save.
			f.name.SetText("Riverside Chiropractic")
			f.address.SetText("1 Main St")
			f.phone.SetText("555 0100")
			f.clinician.SetText("Dr. Ruiz")
			if err := f.save(); err != nil {
				t.Fatalf("corrected settings refused: %v", err)
			}
			if f.problem(c.field) != "" {
				t.Errorf("message under %s stayed after the fix", c.field)
			}
		})
	}
}

func TestClinicLogoRefusesWhatDoesNotDecode(t *testing.T) {
	good := testPNG(t, 60, 20)
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 30, 10)), nil)
	big := make([]byte, store.MaxLogoBytes+1)
	copy(big, good)
	cases := []struct {
		name string
		data []byte
		ok   bool
		says string
	}{
		{"png", good, true, ""},
		{"jpeg", jpg.Bytes(), true, ""},
		{"text file", []byte("not an image at all"), false, "not a PNG or JPEG"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), false, "not a PNG or JPEG"},
		{"truncated png", good[:len(good)/2], false, "damaged"},
		{"too large", big, false, "larger than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			f := newClinicForm(a.win, a.DB, a.trace)
			if err := f.load(); err != nil {
				t.Fatal(err)
			}
			f.setLogo(good)
			err := f.useLogo(c.data)
			if c.ok {
				if err != nil || !bytes.Equal(f.logo, c.data) {
					t.Fatalf("useLogo: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("useLogo error = %v, want %q", err, c.says)
			}
			if !bytes.Equal(f.logo, good) {
				t.Error("a refused image replaced the logo")
			}
		})
	}
}
