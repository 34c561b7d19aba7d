package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
)

// qrRects returns the rectangles (PDF units, y up) filled inside each
// marked QR code of a page's content.
func qrRects(t *testing.T, content []byte) [][][4]float64 {
	t.Helper()
	var codes [][][4]float64
	for _, part := range bytes.Split(content, []byte("/QRCode BMC"))[1:] {
		end := bytes.Index(part, []byte("EMC"))
		if end < 0 {
			t.Fatal("a QR code's marked content does not end")
		}
		f := strings.Fields(string(part[:end]))
		var rects [][4]float64
		for i, tok := range f {
			if tok != "re" || i < 4 {
				continue
			}
			var r [4]float64
			for k := range 4 {
				v, err := strconv.ParseFloat(f[i-4+k], 64)
				if err != nil {
					t.Fatalf("re operand %q: %v", f[i-4+k], err)
				}
				r[k] = v
			}
			rects = append(rects, r)
		}
		codes = append(codes, rects)
	}
	return codes
}

// paintQR paints the rectangles black on white, 8 pixels a point, for
// the QR decoder to read back what a phone would.
func paintQR(rects [][4]float64) image.Image {
	const scale = 8
	minX, minY, maxX, maxY := 1e9, 1e9, -1e9, -1e9
	for _, r := range rects {
		x0, y0 := r[0], min(r[1], r[1]+r[3])
		minX, minY, maxX, maxY = min(minX, x0), min(minY, y0), max(maxX, x0+r[2]), max(maxY, y0+abs(r[3]))
	}
	pad := 4.0 * 2 // the quiet zone, generously
	w, h := int((maxX-minX+2*pad)*scale), int((maxY-minY+2*pad)*scale)
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for _, r := range rects {
		y0 := min(r[1], r[1]+r[3])
		// PDF y runs up; the image's runs down.
		px0 := int((r[0] - minX + pad) * scale)
		px1 := int((r[0] + r[2] - minX + pad) * scale)
		py1 := h - int((y0-minY+pad)*scale)
		py0 := h - int((y0+abs(r[3])-minY+pad)*scale)
		draw.Draw(img, image.Rect(px0, py0, px1, py1), image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	return img
}

// TestExerciseVideoQRCode checks that an exercise the clinic has a video
// for prints a QR code drawn as vector squares (no raster image) that
// decodes back to the address, with the address in type under it, and
// that exercises without a video print none.
func TestExerciseVideoQRCode(t *testing.T) {
	const addr = "https://videos.example.com/exercises/bridge?clinic=harbour"
	const kneeAddr = "http://example.org/knee"
	h := standardHandout() // knee to chest under its old ID, cat-cow, bridge
	c := sampleClinic(t)
	c.Logo = nil
	c.Videos = map[string]string{"exercise:bridge": addr, "exercise:knee-to-chest": kneeAddr, "exercise:chin-tuck": "https://example.org/not-chosen"}
	data, pages := render(t, h, samplePatient(), c)
	if bytes.Contains(data, []byte("/Subtype /Image")) {
		t.Errorf("the PDF holds a raster image")
	}
	var codes [][][4]float64
	for _, p := range pages {
		codes = append(codes, qrRects(t, p.content)...)
	}
	if len(codes) != 2 {
		t.Fatalf("%d QR codes drawn, want 2 (knee to chest, saved under its old ID, and the bridge)", len(codes))
	}
	for i, want := range []string{kneeAddr, addr} {
		// Even a version 2 code (25 modules a side) has far more than 100
		// runs of dark modules; a few rectangles would be a frame, not a code.
		if n := len(codes[i]); n < 100 {
			t.Errorf("QR code %d is %d filled rectangles, want more than 100", i+1, n)
		}
		got, err := goqr.Decode(paintQR(codes[i]))
		if err != nil || got != want {
			t.Errorf("printed QR code %d decodes to %q, %v; want %q", i+1, got, err, want)
		}
	}
	// The address wraps over lines in the narrow column under the code.
	if text := strings.ReplaceAll(runText(pages), " ", ""); !strings.Contains(text, addr) || !strings.Contains(text, kneeAddr) {
		t.Errorf("the addresses are not printed under the codes: %s", text)
	}

	c.Videos = nil
	_, pages = render(t, h, samplePatient(), c)
	for _, p := range pages {
		if bytes.Contains(p.content, []byte("/QRCode BMC")) {
			t.Errorf("a QR code printed with no video set")
		}
	}
}
