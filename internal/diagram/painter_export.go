package diagram

import "image"

// NewRasterPainter returns the anti-aliased Painter behind Render, drawing
// into dst with the box's (0,0) at dst's top-left corner. Other drawings
// made of the same vector calls (the exercise figures) reach the screen and
// PNG files through it, so they share the spine's line and fill quality and
// need no second rasterizer. It has its own label faces, as it belongs to
// no Renderer.
func NewRasterPainter(dst *image.RGBA) Painter {
	return &rasterPainter{dst: dst, off: dst.Bounds().Min, faces: &faceCache{}}
}
