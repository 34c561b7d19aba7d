package pdf

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/png"
	"sync"

	// The clinic logo may be PNG or JPEG.
	_ "image/jpeg"

	"codeberg.org/go-pdf/fpdf"
	xdraw "golang.org/x/image/draw"
)

// drawer is the thin layer over fpdf that the page drawing goes through:
// text at a baseline, lines, panels and the logo, all in points from the
// top-left corner of the page.
type drawer struct {
	pdf   *fpdf.Fpdf
	fonts *fontSet
	pageH float64 // for writing PDF coordinates (y up) directly

	fontSet  bool
	curFace  face
	curSize  float64
	curColor rgb
	colorSet bool
	logoOK   bool
}

func (dr *drawer) text(x, y float64, f face, size float64, c rgb, s string) {
	if s == "" {
		return
	}
	if !dr.fontSet || dr.curFace != f || dr.curSize != size {
		dr.pdf.SetFont(fontFamily, faceStyles[f], size)
		dr.fontSet, dr.curFace, dr.curSize = true, f, size
	}
	if !dr.colorSet || dr.curColor != c {
		dr.pdf.SetTextColor(int(c.r), int(c.g), int(c.b))
		dr.colorSet, dr.curColor = true, c
	}
	dr.pdf.Text(x, y, visualOrder(s))
}

// resync is called after a clipped drawing ends: the PDF's "Q" restored
// the font and colours in force before it, while fpdf still believes the
// ones set inside are current and would skip setting them again. Setting
// a fixed state makes the two agree (and keeps what follows independent of
// what the drawing happened to set last).
func (dr *drawer) resync() {
	pdf := dr.pdf
	pdf.SetFillColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(1)
	pdf.SetFont(fontFamily, faceStyles[faceRegular], sizeBody)
	pdf.SetFontSize(sizeBody) // emitted even when fpdf thinks it is current
	dr.fontSet, dr.colorSet = false, false
}

func (dr *drawer) line(x1, y1, x2, y2 float64, c rgb, width float64) {
	dr.pdf.SetDrawColor(int(c.r), int(c.g), int(c.b))
	dr.pdf.SetLineWidth(width)
	dr.pdf.Line(x1, y1, x2, y2)
}

// rect draws a rounded panel with a fill and an outline.
func (dr *drawer) rect(x, y, w, h, radius float64, fill, stroke rgb, width float64) {
	dr.pdf.SetFillColor(int(fill.r), int(fill.g), int(fill.b))
	dr.pdf.SetDrawColor(int(stroke.r), int(stroke.g), int(stroke.b))
	dr.pdf.SetLineWidth(width)
	dr.pdf.RoundedRect(x, y, w, h, radius, "1234", "FD")
}

// rectStroke outlines a rectangle.
func (dr *drawer) rectStroke(x, y, w, h float64, c rgb, width float64) {
	dr.pdf.SetDrawColor(int(c.r), int(c.g), int(c.b))
	dr.pdf.SetLineWidth(width)
	dr.pdf.Rect(x, y, w, h, "D")
}

// circle fills a disc.
func (dr *drawer) circle(x, y, r float64, c rgb) {
	dr.pdf.SetFillColor(int(c.r), int(c.g), int(c.b))
	dr.pdf.Circle(x, y, r, "F")
}

// logoName is the name the clinic logo is registered under in a document.
const logoName = "clinic-logo"

// registerLogo adds the logo to the document; should the PDF writer still
// refuse it, the handout prints without it.
func (dr *drawer) registerLogo(l *logoImage) {
	dr.pdf.RegisterImageOptionsReader(logoName, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(l.png))
	if dr.pdf.Err() {
		dr.pdf.ClearError()
		return
	}
	dr.logoOK = true
}

func (dr *drawer) image(l *logoImage, x, y, w, h float64) {
	if !dr.logoOK {
		return
	}
	dr.pdf.ImageOptions(logoName, x, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

// logoImage is the clinic logo, checked and re-encoded as a plain PNG that
// the PDF writer is known to accept.
type logoImage struct {
	png  []byte
	w, h int
}

// Logo limits: a logo bigger than this is scaled down (print needs no
// more), and a file claiming more pixels than maxLogoPixels is not decoded.
const (
	logoMaxSide   = 900
	maxLogoPixels = 40_000_000
)

var logoCache struct {
	sync.Mutex
	key  [sha256.Size]byte
	logo *logoImage
}

// prepareLogo decodes the clinic's logo. A logo that cannot be read (not a
// PNG or JPEG, truncated, absurdly large) is left out: the handout matters
// more than the letterhead, so a bad logo never stops it printing. The last
// logo is cached, as every handout of a clinic carries the same one.
func prepareLogo(data []byte) *logoImage {
	if len(data) == 0 {
		return nil
	}
	key := sha256.Sum256(data)
	logoCache.Lock()
	defer logoCache.Unlock()
	if logoCache.logo != nil && logoCache.key == key {
		return logoCache.logo
	}
	l := decodeLogo(data)
	if l != nil {
		logoCache.key, logoCache.logo = key, l
	}
	return l
}

func decodeLogo(data []byte) *logoImage {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxLogoPixels {
		return nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > logoMaxSide || h > logoMaxSide {
		if w >= h {
			w, h = logoMaxSide, max(1, h*logoMaxSide/b.Dx())
		} else {
			w, h = max(1, w*logoMaxSide/b.Dy()), logoMaxSide
		}
	}
	// Always 8-bit RGBA: the PDF writer refuses 16-bit and some palette
	// PNGs, and the encoder drops the alpha channel when the logo is opaque.
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w == b.Dx() && h == b.Dy() {
		xdraw.Draw(dst, dst.Bounds(), img, b.Min, xdraw.Src)
	} else {
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil
	}
	return &logoImage{png: buf.Bytes(), w: w, h: h}
}
