package handout

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"strings"
)

// MaxLogoBytes is the largest clinic logo kept: a logo prints about 4 cm
// wide, and a camera-sized file would only bloat every handout.
const MaxLogoBytes = 2 << 20

// CheckLogo accepts a clinic logo that is a PNG or JPEG image decoding
// completely, under MaxLogoBytes. It is the one logo rule: Settings checks
// a chosen file with it and the store refuses to save anything else, so a
// logo that passed always prints. The error is a sentence a clinician can
// act on.
func CheckLogo(data []byte) error {
	if len(data) > MaxLogoBytes {
		return fmt.Errorf("this image is larger than %d KB; save a smaller copy (a logo prints about 4 cm wide) and choose that", MaxLogoBytes/1024)
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return errors.New("this file is not a PNG or JPEG image; choose a PNG or JPEG file")
	}
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("this %s image is damaged and cannot be read (%v); choose another file", strings.ToUpper(format), err)
	}
	return nil
}
