package pdf

import (
	goqr "github.com/piglig/go-qr"
)

// The QR code printed next to an exercise the clinic has a video for: its
// side on the page in points (about 2 cm, which a phone reads from a
// handout held in the hand) and the white margin the standard asks for
// around it, in modules, drawn inside that side.
const (
	qrSide  = 56
	qrQuiet = 4
	qrGap   = 8
)

// qrCode encodes a video address. Medium error correction (15%) survives a
// crease or a pen mark on a handout at a size that still fits beside the
// exercise; an address too long for a QR code is left off (the address
// itself still prints).
func qrCode(address string) *goqr.QrCode {
	code, err := goqr.EncodeText(address, goqr.Medium)
	if err != nil {
		return nil
	}
	return code
}

// drawQR draws code as filled vector squares (no raster image, so it stays
// sharp at any print resolution), side points wide from (x, y), quiet zone
// included. Each row's run of dark modules is one rectangle, to keep the
// page small; the run is widened by a hair so neighbouring rows leave no
// hairline gaps when a viewer anti-aliases them.
func drawQR(dr *drawer, code *goqr.QrCode, x, y, side float64) {
	n := code.Size()
	m := side / float64(n+2*qrQuiet)
	x0, y0 := x+qrQuiet*m, y+qrQuiet*m
	pdf := dr.pdf
	pdf.RawWriteStr("/QRCode BMC")
	pdf.SetFillColor(0, 0, 0)
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !code.Module(col, row) {
				col++
				continue
			}
			start := col
			for col < n && code.Module(col, row) {
				col++
			}
			pdf.Rect(x0+float64(start)*m, y0+float64(row)*m, float64(col-start)*m, m, "F")
		}
	}
	pdf.RawWriteStr("EMC")
}

// qrBlock is a video's QR code with its address under it.
type qrBlock struct {
	code  *goqr.QrCode // nil when the address is too long for a code
	lines []cellLine
	h     float64
}

func (d *document) qrBlock(address string) *qrBlock {
	const size, lead = 5.5, 6.6
	b := &qrBlock{code: qrCode(address)}
	b.lines = d.cellText(nil, []span{{text: d.clean(address)}}, "", 0, qrSide, size, lead, colMuted)
	b.h = linesHeight(b.lines)
	if b.code != nil {
		b.h += qrSide
	}
	return b
}

func (b *qrBlock) draw(dr *drawer, x, y float64) {
	if b.code != nil {
		drawQR(dr, b.code, x, y, qrSide)
		dr.resync()
		y += qrSide
	}
	drawLines(dr, b.lines, x, y)
}
